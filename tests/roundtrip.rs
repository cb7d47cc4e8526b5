//! Saving: load → save → load gives an equal chart, and saving is atomic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;

use govchart::date::PartialDate;
use govchart::io::{builtin, load_file, load_str, save_file, save_with_view, to_ron};
use govchart::model::View;

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
    only_the_chart_is_left(dir.path());
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

/// A small chart that carries its view: a date, two folded posts and a compare date.
const WITH_VIEW: &str = r#"#![enable(implicit_some)]
(
    version: 1,
    title: "Example Trust digital leadership",
    default_date: "2019-07-01",
    view: (date: "2019-06-20", collapsed: ["cio", "ceo"], compare: "2019-03"),
    sources: [(id: "s1", publisher: "Example News", title: "Trust names new CIO")],
    organisations: [(id: "trust", name: "Example NHS Trust", certainty: Confirmed, sources: ["s1"])],
    posts: [
        (id: "ceo", title: "Chief executive", organisation: "trust"),
        (id: "cio", title: "Chief information officer", organisation: "trust",
         lines: [(to: "ceo", kind: ReportsTo, certainty: Confirmed, sources: ["s1"])]),
    ],
)
"#;

fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}

#[test]
fn a_chart_keeps_its_view_through_a_round_trip() {
    let chart = load_str(WITH_VIEW, Path::new("view.ron")).unwrap().chart;
    let view = chart.view.clone().expect("the file has a view");
    let (ceo, cio) = (chart.post_id("ceo").unwrap(), chart.post_id("cio").unwrap());
    assert_eq!(
        view,
        View {
            date: Some(date("2019-06-20")),
            collapsed: vec![cio, ceo],
            compare: Some(date("2019-03")),
        }
    );
    let text = to_ron(&chart).unwrap();
    assert!(text.contains("view: ("), "{text}");
    let again = load_str(&text, Path::new("saved.ron")).unwrap().chart;
    assert_eq!(again.view, Some(view));
    assert_eq!(again, chart);
    assert_eq!(to_ron(&again).unwrap(), text, "saving is stable");
}

#[test]
fn a_chart_without_a_view_is_saved_without_one() {
    let chart = builtin().unwrap().chart;
    assert_eq!(chart.view, None);
    assert!(!to_ron(&chart).unwrap().contains("view:"));
}

#[test]
fn save_with_view_writes_a_new_view_and_leaves_the_chart_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.ron");
    let chart = load_str(WITH_VIEW, Path::new("view.ron")).unwrap().chart;
    let cio = chart.post_id("cio").unwrap();
    let view = View {
        date: Some(date("2020")),
        collapsed: vec![cio],
        compare: None,
    };
    save_with_view(&chart, &view, &path).unwrap();
    let saved = load_file(&path).unwrap().chart;
    assert_eq!(saved.view, Some(view));
    assert_eq!(chart.view.as_ref().unwrap().date, Some(date("2019-06-20")));
    // An empty view still says the chart has one, and folds nothing.
    save_with_view(&chart, &View::default(), &path).unwrap();
    assert_eq!(load_file(&path).unwrap().chart.view, Some(View::default()));
    only_the_chart_is_left(dir.path());
}

#[test]
fn a_view_set_on_the_chart_is_saved_by_save_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.ron");
    let mut chart = builtin().unwrap().chart;
    let folded = chart.post_id("nhse-ceo").unwrap();
    chart.view = Some(View {
        date: Some(date("2019-06-20")),
        collapsed: vec![folded],
        compare: Some(date("2018-01-08")),
    });
    save_file(&chart, &path).unwrap();
    assert_eq!(load_file(&path).unwrap().chart, chart);
}

/// Fails unless the folder holds `chart.ron` and nothing else (no temporary file is left).
fn only_the_chart_is_left(dir: &std::path::Path) {
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["chart.ron"], "no temporary file is left");
}
