//! The format documentation's example is a valid chart, and says what it shows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;

use govchart::date::PartialDate;
use govchart::timeline::Snapshot;

fn example() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("charts/README.md"))
            .unwrap();
    let start = readme.find("```ron\n").expect("a RON example") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("the example ends");
    readme[start..end].to_owned()
}

#[test]
fn the_documented_example_loads_without_warnings() {
    let loaded = govchart::io::load_str(&example(), Path::new("charts/README.md")).unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let chart = loaded.chart;
    let day = "2019-07-01".parse::<PartialDate>().unwrap().first_day();
    let snapshot = Snapshot::at(&chart, day);
    let cio = chart.post_id("cio").unwrap();
    let holder = snapshot.holders_of(cio)[0];
    assert_eq!(chart.person(holder.person).name, "Ann Lee");
    let later = Snapshot::at(
        &chart,
        "2020-10".parse::<PartialDate>().unwrap().first_day(),
    );
    assert!(later.holders_of(cio).is_empty(), "she left in Sep 2020");
}

#[test]
fn the_documented_example_carries_its_view() {
    let chart = govchart::io::load_str(&example(), Path::new("charts/README.md"))
        .unwrap()
        .chart;
    let view = chart.view.as_ref().expect("the example has a view");
    assert_eq!(view.date, Some("2019-07-01".parse().unwrap()));
    assert_eq!(view.collapsed, [chart.post_id("ceo").unwrap()]);
    assert_eq!(view.compare, Some("2018-03".parse().unwrap()));
}
