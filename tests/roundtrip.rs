//! Saving: load → save → load gives an equal chart, and saving is atomic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;

use govchart::io::{builtin, load_file, load_str, save_file, to_ron};

#[test]
fn the_built_in_chart_survives_a_round_trip() {
    let chart = builtin().unwrap().chart;
    let text = to_ron(&chart).unwrap();
    assert!(text.starts_with("#![enable(implicit_some)]"));
    let again = load_str(&text, Path::new("saved.ron")).unwrap().chart;
    assert_eq!(chart, again);
    assert_eq!(to_ron(&again).unwrap(), text, "saving is stable");
}

#[test]
fn generated_charts_survive_a_round_trip() {
    for seed in 1..4 {
        let file = govchart::generate::generate(800, seed);
        let text = govchart::generate::to_compact_ron(&file).unwrap();
        let chart = load_str(&text, Path::new("g.ron")).unwrap().chart;
        let saved = to_ron(&chart).unwrap();
        assert_eq!(load_str(&saved, Path::new("s.ron")).unwrap().chart, chart);
    }
}

#[test]
fn save_file_replaces_the_file_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.ron");
    std::fs::write(&path, "old contents").unwrap();
    let chart = builtin().unwrap().chart;
    save_file(&chart, &path).unwrap();
    assert_eq!(load_file(&path).unwrap().chart, chart);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["chart.ron"], "no temporary file is left");
}

#[test]
fn a_failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let chart = builtin().unwrap().chart;
    // The target is a folder: the rename fails after the temporary file was written.
    let target = dir.path().join("folder");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "keep").unwrap();
    let err = save_file(&chart, &target).unwrap_err();
    assert!(err.to_string().contains("folder"), "{err}");
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).unwrap(),
        "keep"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["folder"], "no temporary file is left");
    // A folder that does not exist.
    assert!(save_file(&chart, &dir.path().join("missing/chart.ron")).is_err());
}
