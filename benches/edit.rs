//! One edit in the window's session and its undo, on the built-in chart and on generated
//! charts of 10k and 100k posts (`govchart generate`, seed 7): the chart is built again from
//! its file through every check after each. Also the recovery file's text, written after
//! every edit of an unsaved chart.
//!
//! Run with `cargo bench --bench edit`; `GOVCHART_BENCH_SIZES=10000` picks sizes.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use govchart::session::history::Item;
use govchart::session::{Command, Document, Edit, List, Session, edit};

/// The allocator the govchart binary uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sizes() -> Vec<usize> {
    std::env::var("GOVCHART_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

/// Renaming the first post, as typing in its title field does.
fn rename(session: &Session) -> Option<Command> {
    let id = session.doc.file.posts.first()?.id.to_string();
    let (_, before) = edit::find(&session.doc.file, List::Posts, &id)?;
    let Item::Post(mut post) = before.clone() else {
        return None;
    };
    post.title = format!("{} (renamed)", post.title).into();
    Some(Command::Edit(Edit::Replace {
        before: Box::new(before),
        after: Box::new(Item::Post(post)),
        label: "rename".into(),
        field: None,
    }))
}

fn bench_session(c: &mut Criterion, name: &str, mut session: Session) {
    session.recover = false;
    let mut group = c.benchmark_group("edit");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    let Some(command) = rename(&session) else {
        return;
    };
    group.bench_function(BenchmarkId::new("edit and undo", name), |b| {
        b.iter(|| {
            session.apply(black_box(command.clone()));
            session.apply(Command::Undo);
        })
    });
    group.bench_function(BenchmarkId::new("copy of the file", name), |b| {
        b.iter(|| black_box(session.doc.file.clone()).posts.len())
    });
    group.bench_function(BenchmarkId::new("recovery text", name), |b| {
        b.iter(|| govchart::io::file_to_ron(black_box(&session.file_to_save())).map(|t| t.len()))
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    bench_session(c, "builtin", Session::builtin());
    for posts in sizes() {
        let file = govchart::generate::generate(posts, 7);
        let Ok(loaded) = govchart::io::load_parsed(file, Path::new("generated"), String::new)
        else {
            continue;
        };
        let session = Session::new(Document::new(loaded.chart, None, 0));
        bench_session(c, &format!("{posts} posts"), session);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
