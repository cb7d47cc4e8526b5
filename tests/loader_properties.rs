//! The loader on random and mutated input: it never panics, and it either loads a chart or
//! reports problems with positions inside the file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;

use govchart::io::{BUILTIN_CHART, load_str};
use govchart::timeline::Snapshot;
use proptest::prelude::*;

/// Loads `text` and checks what any caller may rely on.
fn load_is_well_behaved(text: &str) {
    match load_str(text, Path::new("fuzz.ron")) {
        Ok(loaded) => {
            let chart = loaded.chart;
            let (from, to) = govchart::timeline::range(&chart);
            for day in [from, to] {
                let snapshot = Snapshot::at(&chart, day);
                // Every holder of the day is listed, however many seats the post has.
                for view in &snapshot.posts {
                    let live = (chart.tenures_of(view.post).into_iter())
                        .filter(|&t| chart.tenure(t).span().contains(day))
                        .count();
                    assert_eq!(snapshot.holders(view).len(), live);
                }
            }
        }
        Err(err) => {
            assert!(!err.problems().is_empty() || !err.to_string().is_empty());
            let lines = text.lines().count().max(1);
            for problem in err.problems() {
                if let Some(p) = problem.position {
                    assert!(
                        p.line >= 1 && p.line <= lines + 1,
                        "{problem} in a {lines}-line file"
                    );
                }
                assert!(!problem.message.is_empty());
            }
        }
    }
}

/// One edit to a text: delete, duplicate or replace a span, or insert a token.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, &'static str),
    Swap(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let tokens = prop::sample::select(vec![
        "(",
        ")",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "None",
        "Some(",
        "2019-02-30",
        "\"nhs-cio\"",
        "ReportsTo",
        "version: 2,",
        "//",
        "/*",
        "r#\"",
        "\\",
        "\u{e9}",
        "0",
        "-1",
        "99999999999999999999",
    ]);
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), 1usize..200).prop_map(|(a, n)| Edit::Duplicate(a, n)),
        (any::<usize>(), tokens).prop_map(|(a, t)| Edit::Insert(a, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edit: &Edit) -> String {
    match *edit {
        Edit::Delete(a, n) => {
            let a = boundary(text, a);
            let b = boundary(text, a + n);
            let b = b.max(a);
            format!("{}{}", &text[..a], &text[b..])
        }
        Edit::Duplicate(a, n) => {
            let a = boundary(text, a);
            let b = boundary(text, a + n).max(a);
            format!("{}{}{}", &text[..b], &text[a..b], &text[b..])
        }
        Edit::Insert(a, token) => {
            let a = boundary(text, a);
            format!("{}{token}{}", &text[..a], &text[a..])
        }
        Edit::Swap(a, b) => {
            let (a, b) = (boundary(text, a), boundary(text, b));
            let (a, b) = (a.min(b), a.max(b));
            let mid = boundary(text, a + (b - a) / 2);
            format!(
                "{}{}{}{}",
                &text[..a],
                &text[mid..b],
                &text[a..mid],
                &text[b..]
            )
        }
    }
}

/// A small chart whose view is a good part of the text, so that edits often land in it.
const WITH_VIEW: &str = r#"#![enable(implicit_some)]
(
    version: 1,
    title: "T",
    view: (date: "2019-06-20", collapsed: ["nhs-cio", "ceo"], compare: "2019-03"),
    sources: [(id: "s1", publisher: "P", title: "T")],
    organisations: [(id: "o", name: "O", certainty: Confirmed, sources: ["s1"])],
    posts: [(id: "ceo", title: "CEO", organisation: "o"), (id: "nhs-cio", title: "CIO", organisation: "o")],
)
"#;

#[test]
fn the_chart_with_a_view_loads() {
    let chart = load_str(WITH_VIEW, Path::new("view.ron")).unwrap().chart;
    let view = chart.view.unwrap();
    assert_eq!(view.collapsed.len(), 2);
    assert_eq!(view.compare.unwrap().to_string(), "2019-03");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        load_is_well_behaved(&text);
    }

    #[test]
    fn random_ron_like_text_never_panics(text in "[()\\[\\],:\" a-z0-9_#!/*-]{0,300}") {
        load_is_well_behaved(&text);
    }

    #[test]
    fn mutated_built_in_charts_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
        let mut text = BUILTIN_CHART.to_owned();
        for e in &edits {
            text = apply(&text, e);
        }
        load_is_well_behaved(&text);
    }

    #[test]
    fn mutated_charts_with_a_view_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
        let mut text = WITH_VIEW.to_owned();
        for e in &edits {
            text = apply(&text, e);
        }
        load_is_well_behaved(&text);
    }

    #[test]
    fn generated_charts_load_and_hold_their_invariants(seed in any::<u64>(), posts in 1usize..400) {
        let file = govchart::generate::generate(posts, seed);
        let text = govchart::generate::to_compact_ron(&file).unwrap();
        let loaded = load_str(&text, Path::new("g.ron"));
        prop_assert!(loaded.is_ok(), "{}", loaded.err().map(|e| e.report()).unwrap_or_default());
        load_is_well_behaved(&text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!(
        "(version: 1, title: \"t\", sources: {}{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = load_str(&deep, Path::new("deep.ron")).unwrap_err();
    assert!(err.report().contains("deep.ron:1:"), "{}", err.report());
    let deep = format!(
        "(version: 1, title: {}\"t\"{})",
        "Some(".repeat(100_000),
        ")".repeat(100_000)
    );
    let err = load_str(&deep, Path::new("deep.ron")).unwrap_err();
    assert!(err.report().contains("deep.ron:1:"), "{}", err.report());
}

#[test]
fn a_long_reporting_chain_loads_without_deep_recursion() {
    let file = govchart::generate::generate(1, 1);
    let mut text = govchart::generate::to_compact_ron(&file).unwrap();
    // A single chain of 50,000 posts: checks must not recurse per level.
    let mut posts = String::new();
    for i in 1..50_000 {
        posts.push_str(&format!(
            "(id: \"c{i}\", title: \"T\", organisation: \"o0\", lines: [(to: \"c{}\", kind: ReportsTo, certainty: Confirmed, sources: [\"s1\"])]),\n",
            i - 1
        ));
    }
    text = text.replacen(
        "posts: [",
        &format!("posts: [(id: \"c0\", title: \"T\", organisation: \"o0\"),\n{posts}"),
        1,
    );
    let loaded = load_str(&text, Path::new("chain.ron")).unwrap();
    assert_eq!(loaded.chart.posts.len(), 50_001);
}

#[test]
fn a_large_file_read_in_pieces_loads_as_its_text_does_and_its_errors_keep_their_place() {
    // Over 4 MB, so the file is read a piece at a time.
    let file = govchart::generate::generate(9000, 5);
    let text = govchart::generate::to_compact_ron(&file).unwrap();
    assert!(text.len() > 4 << 20, "{} bytes", text.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    std::fs::write(&path, &text).unwrap();
    let from_file = govchart::io::load_file(&path).unwrap().chart;
    let from_text = load_str(&text, &path).unwrap().chart;
    assert_eq!(
        govchart::io::to_ron(&from_file).unwrap(),
        govchart::io::to_ron(&from_text).unwrap()
    );

    // A bad date in the last person, and then a syntax error in the last event.
    let at = text.rfind("start: \"").unwrap() + "start: \"".len();
    let bad = format!("{}20x9{}", &text[..at], &text[at + 4..]);
    std::fs::write(&path, &bad).unwrap();
    let line = bad[..at].matches('\n').count() + 1;
    let report = govchart::io::load_file(&path).unwrap_err().report();
    assert!(report.contains(&format!("large.ron:{line}:")), "{report}");
    assert!(report.contains("20x9"), "{report}");
    let at = text.rfind("title: ").unwrap();
    let bad = format!("{}title:: {}", &text[..at], &text[at + 7..]);
    std::fs::write(&path, &bad).unwrap();
    let line = bad[..at].matches('\n').count() + 1;
    let report = govchart::io::load_file(&path).unwrap_err().report();
    assert!(report.contains(&format!("large.ron:{line}:")), "{report}");
}
