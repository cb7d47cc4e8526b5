//! Exporting a 2,000-card chart: the scene, SVG, and PNG drawn at 4000 × 3000 pixels.
//! The chart is `govchart generate --posts 2000 --seed 7` as of 20 June 2019.
//!
//! Run with `cargo bench --bench export`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use govchart::date::PartialDate;
use govchart::render::{to_png, to_svg};
use govchart::scene::{Theme, chart_at};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench_export(c: &mut Criterion) {
    let file = govchart::generate::generate(2_000, 7);
    let Ok(text) = govchart::generate::to_compact_ron(&file) else {
        return;
    };
    let Ok(loaded) = govchart::io::load_str(&text, Path::new("generated")) else {
        return;
    };
    let chart = loaded.chart;
    let Ok(date) = "2019-06-20".parse::<PartialDate>() else {
        return;
    };
    let scene = chart_at(&chart, date, Theme::light());
    println!(
        "{} cards, scene {:.0} × {:.0} units",
        scene.cards.len(),
        scene.width,
        scene.height
    );
    // The scale that fits the picture into 4000 × 3000 pixels.
    let scale = (4000.0 / scene.width).min(3000.0 / scene.height) as f32;
    let mut group = c.benchmark_group("export 2000 cards");
    group.sample_size(20);
    group.bench_function("scene", |b| {
        b.iter(|| chart_at(&chart, black_box(date), Theme::light()))
    });
    group.bench_function("svg", |b| b.iter(|| to_svg(black_box(&scene))));
    group.bench_function("png at 4000 × 3000 at most", |b| {
        b.iter(|| to_png(black_box(&scene), scale))
    });
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
