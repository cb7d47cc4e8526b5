//! govchart's layout beside the layouts users would pick instead, on the same trees:
//! d3-flextree and d3-hierarchy (Node), the `tidy-tree` crate, and Graphviz `dot`.
//!
//! `benches/peers/setup.sh` installs the Node packages and Graphviz; then
//! `cargo bench --bench peers` prints a table (median of warm runs, milliseconds). A peer
//! that is not installed is left out; `dot` is tried only up to 20,000 posts, and given a
//! minute. `GOVCHART_BENCH_SIZES=10000,100000` picks sizes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use govchart::layout::{NONE, Options, layout};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The median of `runs` timed calls after one warm-up, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn tidy_tree_ms(parent: &[u32], boxes: &[govchart::layout::Size], runs: usize) -> f64 {
    let mut tree = tidy_tree::TidyTree::with_tidy_layout(48.0, 24.0);
    let ids: Vec<usize> = (0..parent.len()).collect();
    let parents: Vec<usize> = parent
        .iter()
        .map(|&p| if p == NONE { usize::MAX } else { p as usize })
        .collect();
    let w: Vec<f64> = boxes.iter().map(|b| b.w).collect();
    let h: Vec<f64> = boxes.iter().map(|b| b.h).collect();
    tree.data(&ids, &w, &h, &parents);
    median_ms(runs, || tree.layout())
}

fn write_tree(
    dir: &Path,
    posts: usize,
    parent: &[u32],
    boxes: &[govchart::layout::Size],
) -> Option<PathBuf> {
    let path = dir.join(format!("tree-{posts}.json"));
    let json = serde_json::json!({
        "parent": parent.iter().map(|&p| if p == NONE { -1 } else { i64::from(p) }).collect::<Vec<_>>(),
        "w": boxes.iter().map(|b| b.w).collect::<Vec<_>>(),
        "h": boxes.iter().map(|b| b.h).collect::<Vec<_>>(),
    });
    std::fs::write(&path, json.to_string()).ok()?;
    Some(path)
}

/// d3-flextree and d3-hierarchy medians, if Node and the packages are there.
fn d3_ms(tree_file: &Path, runs: usize) -> Option<(f64, f64)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/d3.mjs");
    if !script.with_file_name("node_modules").exists() {
        return None;
    }
    let out = Command::new("node")
        .arg(&script)
        .arg(tree_file)
        .arg(runs.to_string())
        .output()
        .ok()?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some((json["flextree"].as_f64()?, json["tree"].as_f64()?))
}

/// One whole `dot` run, or why there is none.
fn dot_run(dir: &Path, posts: usize, parent: &[u32]) -> String {
    if posts > 20_000 {
        return "not tried".into();
    }
    let path = dir.join(format!("tree-{posts}.dot"));
    let mut text = String::from("digraph G { node [shape=box, width=2.5, height=0.8];\n");
    for (i, &p) in parent.iter().enumerate() {
        if p != NONE {
            text.push_str(&format!("{p} -> {i};\n"));
        }
    }
    text.push_str("}\n");
    if std::fs::write(&path, text).is_err() {
        return "could not write".into();
    }
    let t = Instant::now();
    let status = Command::new("timeout")
        .arg("60")
        .arg("dot")
        .arg("-Tplain")
        .arg(&path)
        .arg("-o")
        .arg("/dev/null")
        .stderr(std::process::Stdio::null())
        .status();
    // `timeout` exits with 124 when the time is up and 127 when it finds no `dot`.
    match status.map(|s| (s.success(), s.code())) {
        Ok((true, _)) => format!("{:.0} ms", t.elapsed().as_secs_f64() * 1000.0),
        Ok((false, Some(124))) => "over 60 s".into(),
        Ok((false, Some(127))) | Err(_) => "not installed (benches/peers/setup.sh)".into(),
        Ok((false, code)) => format!("failed ({code:?}) after {:.0} s", t.elapsed().as_secs_f64()),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/peers");
    if std::fs::create_dir_all(&dir).is_err() {
        eprintln!("cannot create {}", dir.display());
        return;
    }
    println!("| layout | posts | median |");
    println!("|---|---|---|");
    for posts in common::sizes() {
        let (_, forest, boxes) = common::generated_tree(posts);
        let runs = if posts >= 1_000_000 {
            5
        } else if posts >= 100_000 {
            9
        } else {
            31
        };
        let ours = median_ms(runs, || {
            std::hint::black_box(layout(&forest, &boxes, &Options::default()));
        });
        println!("| govchart (wrapped wide levels) | {posts} | {ours:.2} ms |");
        let one = Options {
            threads: 1,
            ..Options::default()
        };
        let ours_one = median_ms(runs, || {
            std::hint::black_box(layout(&forest, &boxes, &one));
        });
        println!("| govchart (wrapped wide levels, one thread) | {posts} | {ours_one:.2} ms |");
        let plain = Options {
            wrap_from: usize::MAX,
            ..Options::default()
        };
        let ours_plain = median_ms(runs, || {
            std::hint::black_box(layout(&forest, &boxes, &plain));
        });
        println!("| govchart (no wrapping) | {posts} | {ours_plain:.2} ms |");
        println!(
            "| tidy-tree 0.1 | {posts} | {:.2} ms |",
            tidy_tree_ms(forest.parent(), &boxes, runs)
        );
        match write_tree(&dir, posts, forest.parent(), &boxes).and_then(|f| d3_ms(&f, runs)) {
            Some((flex, fixed)) => {
                println!("| d3-flextree 2.1.2 | {posts} | {flex:.2} ms |");
                println!("| d3-hierarchy tree() 3.1.2 (fixed size) | {posts} | {fixed:.2} ms |");
            }
            None => println!("| d3 | {posts} | not installed (benches/peers/setup.sh) |"),
        }
        println!(
            "| Graphviz dot (whole run) | {posts} | {} |",
            dot_run(&dir, posts, forest.parent())
        );
    }
}
