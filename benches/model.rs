//! Loading a chart, building a snapshot and a diff: on the built-in chart and on generated
//! charts of 10k, 100k and 1M posts (`govchart generate`, seed 7).
//!
//! Run with `cargo bench --bench model`; `GOVCHART_BENCH_SIZES=10000,100000` picks sizes.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use govchart::date::PartialDate;
use govchart::io::{BUILTIN_CHART, load_str};
use govchart::timeline::{Boundaries, Snapshot, diff};

/// The allocator the govchart binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn day(text: &str) -> govchart::date::Day {
    text.parse::<PartialDate>()
        .map(PartialDate::first_day)
        .unwrap_or_default()
}

fn sizes() -> Vec<usize> {
    std::env::var("GOVCHART_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

fn bench_builtin(c: &mut Criterion) {
    let mut group = c.benchmark_group("builtin");
    group.bench_function("load", |b| {
        b.iter(|| {
            load_str(black_box(BUILTIN_CHART), Path::new("builtin")).map(|l| l.chart.posts.len())
        })
    });
    let Ok(loaded) = load_str(BUILTIN_CHART, Path::new("builtin")) else {
        return;
    };
    let chart = loaded.chart;
    group.bench_function("snapshot", |b| {
        b.iter(|| Snapshot::at(&chart, black_box(day("2019-06-20"))))
    });
    let (a, z) = (
        Snapshot::at(&chart, day("2019-03-01")),
        Snapshot::at(&chart, day("2019-10-01")),
    );
    group.bench_function("diff", |b| {
        b.iter(|| diff(&chart, black_box(&a), black_box(&z)))
    });
    group.finish();
}

fn bench_generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated");
    for posts in sizes() {
        let Ok(text) = govchart::generate::to_compact_ron(&govchart::generate::generate(posts, 7))
        else {
            continue;
        };
        let big = posts >= 100_000;
        group.sample_size(if big { 10 } else { 30 });
        group.measurement_time(Duration::from_secs(if big { 20 } else { 8 }));
        group.bench_with_input(BenchmarkId::new("load", posts), &text, |b, text| {
            b.iter(|| {
                load_str(black_box(text), Path::new("generated")).map(|l| l.chart.posts.len())
            })
        });
        let Ok(loaded) = load_str(&text, Path::new("generated")) else {
            continue;
        };
        drop(text);
        let chart = loaded.chart;
        group.sample_size(30);
        group.measurement_time(Duration::from_secs(8));
        group.bench_with_input(BenchmarkId::new("snapshot", posts), &chart, |b, chart| {
            b.iter(|| Snapshot::at(chart, black_box(day("2019-06-20"))))
        });
        let (a, z) = (
            Snapshot::at(&chart, day("2019-03-01")),
            Snapshot::at(&chart, day("2019-10-01")),
        );
        group.bench_with_input(BenchmarkId::new("diff", posts), &chart, |b, chart| {
            b.iter(|| diff(chart, black_box(&a), black_box(&z)))
        });
        // The slider dragged: from one change day to the next, 200 of them from the middle
        // of the chart's time, the last day's snapshot made again or stepped.
        let days = govchart::timeline::change_days(&chart);
        let middle = &days[days.len() / 2..(days.len() / 2 + 200).min(days.len())];
        let boundaries = Boundaries::of(&chart);
        for stepped in [false, true] {
            let name = if stepped {
                "next-day-stepped"
            } else {
                "next-day-recomputed"
            };
            let mut snapshot = Snapshot::at(&chart, middle[0]);
            let mut i = 0;
            group.bench_with_input(BenchmarkId::new(name, posts), &chart, |b, chart| {
                b.iter(|| {
                    i = (i + 1) % middle.len();
                    if stepped {
                        snapshot.step(chart, &boundaries, middle[i]);
                    } else {
                        snapshot.recompute(chart, middle[i]);
                    }
                    black_box(snapshot.posts.len())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_builtin, bench_generated);
criterion_main!(benches);
