//! Importing large inputs: a 100,000-row flat CSV (a tree of posts, each with a holder, a
//! title and a department) and a series of four organogram releases of 25,000 senior posts
//! each (100,000 rows in all), written to a temporary folder first, then read by the
//! importer and checked by the loader as `govchart import` does.
//!
//! Run with `cargo bench --bench import`.

use std::fmt::Write as _;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use govchart::import::{Format, Progress, Request, import};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROWS: usize = 100_000;

fn flat_csv(path: &Path) {
    let mut text = String::from("id,parentId,name,title,department\n");
    for i in 0..ROWS {
        let parent = if i == 0 {
            String::new()
        } else {
            ((i - 1) / 6).to_string()
        };
        let _ = writeln!(
            text,
            "{i},{parent},Person {i} Example,Officer {i},Directorate {}",
            i % 40
        );
    }
    let _ = std::fs::write(path, text);
}

fn release(path: &Path, release: usize, posts: usize) {
    let mut text = String::from(
        "\"Post Unique Reference\",\"Name\",\"Grade (or equivalent)\",\"Job Title\",\"Job/Team Function\",\"Parent Department\",\"Organisation\",\"Unit\",\"Contact Phone\",\"Contact E-mail\",\"Reports to Senior Post\",\"Salary Cost of Reports (£)\",\"FTE\",\"Actual Pay Floor (£)\",\"Actual Pay Ceiling (£)\",\"\",\"Professional/Occupational Group\",\"Notes\",\"Valid?\"\n",
    );
    for i in 0..posts {
        let reports = if i == 0 {
            "XX".to_owned()
        } else {
            format!("P{}", (i - 1) / 5)
        };
        // A tenth of the holders change at each release.
        let holder = if i % 10 == release % 10 {
            format!("New Holder {i} {release}")
        } else {
            format!("Holder {i}")
        };
        let _ = writeln!(
            text,
            "\"P{i}\",\"{holder}\",\"SCS1\",\"Deputy Director {i}\",\"Function\",\"Department for Examples\",\"Example Agency\",\"Unit {}\",\"N/A\",\"N/A\",\"{reports}\",\"0\",\"1.00\",\"N/D\",\"N/D\",\"\",\"Policy\",\"\",\"1\"",
            i % 50
        );
    }
    let _ = std::fs::write(path, text);
}

fn bench_import(c: &mut Criterion) {
    let Ok(dir) = tempfile::tempdir() else { return };
    let csv = dir.path().join("staff.csv");
    flat_csv(&csv);
    let dates = ["2011-03-31", "2011-09-30", "2012-03-31", "2012-09-30"];
    let mut inputs = Vec::new();
    for (r, date) in dates.iter().enumerate() {
        let path = dir.path().join(format!("senior-{date}.csv"));
        release(&path, r, ROWS / dates.len());
        inputs.push(format!("{date}={}", path.display()));
    }
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    let request = Request {
        inputs: vec![csv.display().to_string()],
        date: "2024-01-01".parse().ok(),
        ..Request::default()
    };
    group.bench_function("flat CSV, 100,000 rows", |b| {
        b.iter(|| {
            import(Format::Csv, &request, &Progress::new()).map(|i| i.loaded.chart.posts.len())
        })
    });
    let request = Request {
        inputs,
        ..Request::default()
    };
    group.bench_function("organogram, 4 releases of 25,000 posts", |b| {
        b.iter(|| {
            import(Format::Organogram, &request, &Progress::new())
                .map(|i| i.loaded.chart.tenures.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
