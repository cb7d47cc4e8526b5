//! The built-in chart from 2016 to 2023 as an animated GIF and APNG with the command line's
//! defaults (a frame held on each change day and four in-between frames for each glide),
//! and as the web page with its own slider. The size of each file is printed once.
//!
//! Run with `cargo bench --bench animate`.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use govchart::animate::{Request, Step, animate, apng::ApngEncoder, gif::GifEncoder};
use govchart::scene::Theme;

/// The allocator the govchart binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let Ok(loaded) = govchart::io::builtin() else {
        return;
    };
    let chart = loaded.chart;
    let (from, to) = govchart::timeline::range(&chart);
    let request = Request {
        from,
        to,
        step: Step::Change,
        hold: 1.2,
        glide: 0.4,
        fps: 10.0,
        width: 1000,
        theme: Theme::light(),
    };
    let mut group = c.benchmark_group("animate");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(40));
    let mut printed = [false, false, false];
    group.bench_function("builtin 2016-2023 gif", |b| {
        b.iter(|| {
            let mut bytes = Vec::new();
            let mut encoder = GifEncoder::new(
                &mut bytes,
                govchart::animate::gif::theme_colours(&Theme::light()),
            );
            let made = animate(&chart, &request, &mut encoder, &mut |_, _| true);
            drop(encoder);
            if !printed[0] && made.is_ok() {
                printed[0] = true;
                eprintln!("gif: {} bytes", bytes.len());
            }
            bytes.len()
        })
    });
    group.bench_function("builtin 2016-2023 apng", |b| {
        b.iter(|| {
            let mut bytes = Vec::new();
            let mut encoder = ApngEncoder::new(&mut bytes);
            let made = animate(&chart, &request, &mut encoder, &mut |_, _| true);
            drop(encoder);
            if !printed[1] && made.is_ok() {
                printed[1] = true;
                eprintln!("apng: {} bytes", bytes.len());
            }
            bytes.len()
        })
    });
    group.bench_function("builtin 2016-2023 web page", |b| {
        let page = govchart::export::html::Page::whole(&chart, Theme::light());
        b.iter(|| {
            let html = govchart::export::html::to_html(&chart, &page, &mut |_, _| true);
            let len = html.map_or(0, |h| h.len());
            if !printed[2] {
                printed[2] = true;
                eprintln!("web page: {len} bytes");
            }
            len
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
