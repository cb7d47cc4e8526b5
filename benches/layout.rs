//! Layout only, on the trees `govchart generate --seed 7` makes (10k, 100k and 1M posts),
//! with box widths from the length of each card's longest label, as the peers in the
//! README were measured. Building the tree from a snapshot is measured separately.
//!
//! Run with `cargo bench --bench layout`; `GOVCHART_BENCH_SIZES=10000` picks sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use govchart::layout::{Forest, NONE, Options, Size, Tree, layout};
use govchart::timeline::Snapshot;
use rustc_hash::FxHashSet;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sizes() -> Vec<usize> {
    std::env::var("GOVCHART_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// A card wide enough for its longest label (about 7 units a character, plus padding).
fn card(label_chars: usize) -> Size {
    Size {
        w: 24.0 + 7.0 * label_chars as f64,
        h: 64.0,
    }
}

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for posts in sizes() {
        let file = govchart::generate::generate(posts, 7);
        // The primary reporting tree over all posts, as generated.
        let index = |id: &str| id.strip_prefix('p').and_then(|n| n.parse::<u32>().ok());
        let parent: Vec<u32> = (file.posts.iter())
            .map(|p| p.lines.first().and_then(|l| index(&l.to)).unwrap_or(NONE))
            .collect();
        let boxes: Vec<Size> = file
            .posts
            .iter()
            .map(|p| card(p.title.chars().count().max(22)))
            .collect();
        let forest = Forest::from_parents(parent);
        group.sample_size(if posts >= 1_000_000 { 20 } else { 50 });
        group.measurement_time(Duration::from_secs(10));
        group.bench_with_input(BenchmarkId::new("tidy", posts), &forest, |b, forest| {
            b.iter(|| layout(black_box(forest), black_box(&boxes), &Options::default()))
        });
        let no_wrap = Options {
            wrap_from: usize::MAX,
            ..Options::default()
        };
        group.bench_with_input(
            BenchmarkId::new("tidy, no wrapping", posts),
            &forest,
            |b, forest| b.iter(|| layout(black_box(forest), black_box(&boxes), &no_wrap)),
        );
        if posts <= 100_000 {
            let text = govchart::generate::to_compact_ron(&file).unwrap_or_default();
            if let Ok(loaded) = govchart::io::load_str(&text, std::path::Path::new("g")) {
                let chart = loaded.chart;
                let snapshot = Snapshot::at(&chart, govchart::date::Day::from_civil(2019, 6, 20));
                group.bench_with_input(
                    BenchmarkId::new("tree from snapshot", posts),
                    &snapshot,
                    |b, s| b.iter(|| Tree::from_snapshot(black_box(s), &FxHashSet::default())),
                );
            }
        }
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
