//! Layout only, on the trees `govchart generate --seed 7` makes (10k, 100k and 1M posts),
//! with box widths from the length of each card's longest label, as the peers in the
//! README were measured. Building the tree from a snapshot is measured separately.
//!
//! Run with `cargo bench --bench layout`; `GOVCHART_BENCH_SIZES=10000` picks sizes.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use govchart::layout::{Options, Tree, layout};
use govchart::timeline::Snapshot;
use rustc_hash::FxHashSet;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench_layout(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for posts in common::sizes() {
        let (file, forest, boxes) = common::generated_tree(posts);
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
                // The whole arrangement the pictures use: containers, staff, packing, and
                // the tries for a 16:10 shape.
                let tree = Tree::from_snapshot(&snapshot, &FxHashSet::default());
                let orgs = govchart::layout::organisations(&tree, &[&snapshot], &[]);
                let groups = govchart::layout::groups(&chart, &[&snapshot], &orgs);
                // Each post's box, by its place in the chart (the generator's order).
                let sizes: Vec<govchart::layout::Size> = (tree.posts.iter())
                    .map(|p| boxes.get(p.index()).copied().unwrap_or(boxes[0]))
                    .collect();
                group.bench_with_input(
                    BenchmarkId::new("arranged in containers, 16:10", posts),
                    &tree,
                    |b, tree| {
                        b.iter(|| {
                            govchart::layout::arrange(
                                black_box(&tree.forest),
                                &sizes,
                                &groups,
                                &[],
                                &Options::default(),
                            )
                        })
                    },
                );
            }
        }
    }
    group.finish();
}

criterion_group!(benches, bench_layout);
criterion_main!(benches);
