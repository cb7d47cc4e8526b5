//! One frame of the window while the date slider moves: the app steps to the next day the
//! chart changes, then egui runs a frame (snapshot, layout and scene when the date changed,
//! painting, accessibility) and the frame's shapes are tessellated, as the renderer would.
//! Measured headless with egui_kittest, on the built-in chart and on generated charts.

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;
use govchart::app::{Command, GovchartApp};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn harness(chart: Option<std::path::PathBuf>) -> Harness<'static, GovchartApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(64)
        .build_eframe(move |cc| {
            let mut app = GovchartApp::from_creation(cc, None);
            if let Some(path) = chart {
                app.open_now(path);
            }
            app
        });
    harness.run_steps(3);
    harness
}

/// Steps through the chart's change days, one frame each, as dragging the slider does.
fn frames(c: &mut Criterion, name: &str, chart: Option<std::path::PathBuf>, zoom_out: bool) {
    let mut harness = harness(chart);
    if zoom_out {
        harness.key_press(egui::Key::F);
        harness.run_steps(2);
    }
    let days = harness.state().session.doc.change_days.clone();
    let (from, to) = harness.state().session.doc.span;
    let days: Vec<_> = days
        .into_iter()
        .filter(|d| *d >= from && *d <= to)
        .collect();
    let mut i = days.len() / 2;
    // From the middle of the chart's time, once the first picture there and the kept
    // places being made ahead of the slider are ready: the slider in motion, not its first
    // jump.
    harness.state_mut().session.apply(Command::GoTo(days[i]));
    harness.run_steps(2);
    harness.state_mut().wait_for_places_ahead();
    c.bench_function(name, |b| {
        b.iter(|| {
            i = (i + 1) % days.len();
            harness.state_mut().session.apply(Command::GoTo(days[i]));
            harness.step();
            let output = harness.output();
            let shapes = output.shapes.clone();
            black_box(harness.ctx.tessellate(shapes, output.pixels_per_point));
        })
    });
}

fn bench(c: &mut Criterion) {
    frames(c, "frame/built-in", None, false);
    let dir = tempfile::tempdir().unwrap();
    let sizes: Vec<usize> = std::env::var("GOVCHART_FRAME_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    for posts in sizes {
        let path = dir.path().join(format!("g{posts}.ron"));
        let file = govchart::generate::generate(posts, 7);
        std::fs::write(&path, govchart::generate::to_compact_ron(&file).unwrap()).unwrap();
        frames(
            c,
            &format!("frame/{posts}-posts"),
            Some(path.clone()),
            false,
        );
        frames(c, &format!("frame/{posts}-posts-fitted"), Some(path), true);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_secs(3))
        .measurement_time(std::time::Duration::from_secs(10));
    targets = bench
}
criterion_main!(benches);
