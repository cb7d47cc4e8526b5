//! Printing a chart on pages of A4 or A3: how many pages, and what each page says.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use govchart::date::PartialDate;
use govchart::model::Chart;
use govchart::render::{OVERLAP, POINTS_PER_UNIT, Paper, page_parts, to_pdf_pages};
use govchart::scene::{Scene, Theme, chart_at};

const DATE: &str = "2019-06-20";

fn scene_of(chart: &Chart) -> Scene {
    chart_at(chart, DATE.parse::<PartialDate>().unwrap(), Theme::light())
}

fn builtin() -> &'static Scene {
    static SCENE: OnceLock<Scene> = OnceLock::new();
    SCENE.get_or_init(|| scene_of(&govchart::io::builtin().unwrap().chart))
}

/// A chart of 300 generated posts: much wider than a page, and a little taller than A4.
fn generated() -> &'static Scene {
    static SCENE: OnceLock<Scene> = OnceLock::new();
    SCENE.get_or_init(|| {
        let file = govchart::generate::generate(300, 7);
        let text = govchart::generate::to_compact_ron(&file).unwrap();
        scene_of(
            &govchart::io::load_str(&text, Path::new("generated"))
                .unwrap()
                .chart,
        )
    })
}

fn print(scene: &Scene, paper: Paper) -> Vec<u8> {
    let pdf = to_pdf_pages(scene, paper, "NHS IT governance", "20 Jun 2019").unwrap();
    if let Ok(dir) = std::env::var("GOVCHART_WRITE_PDF") {
        let name = format!("{dir}/paper-{paper}-{:.0}.pdf", scene.width);
        std::fs::write(name, &pdf).unwrap();
    }
    pdf
}

/// The built-in or the generated chart printed on `paper`, printed once for all tests.
fn printed(builtin_chart: bool, paper: Paper) -> &'static [u8] {
    static PRINTED: [OnceLock<Vec<u8>>; 4] = [const { OnceLock::new() }; 4];
    let (scene, slot) = match (builtin_chart, paper) {
        (true, Paper::A3) => (builtin(), 0),
        (true, Paper::A4) => (builtin(), 1),
        (false, Paper::A3) => (generated(), 2),
        (false, Paper::A4) => (generated(), 3),
    };
    PRINTED[slot].get_or_init(|| print(scene, paper))
}

/// The number of page objects (`/Type /Page`, not the `/Type /Pages` tree).
fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(at, found)| text[at + found.len()..].starts_with(|c: char| c != 's'))
        .count()
}

/// Checks the file's frame: the header, the end marker and a page tree that counts `n`.
fn is_a_pdf_of(pdf: &[u8], n: usize) {
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.trim_ascii_end().ends_with(b"%%EOF"));
    let text = String::from_utf8_lossy(pdf);
    let counts: Vec<usize> = text
        .match_indices("/Count ")
        .map(|(at, found)| {
            let digits = &text[at + found.len()..];
            let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap();
            digits[..end].parse().unwrap()
        })
        .collect();
    assert_eq!(counts, vec![n], "one page tree, counting {n}");
    assert_eq!(pages(pdf), n);
}

#[test]
fn a_page_shows_the_paper_less_its_margins_at_three_quarters_of_a_point_a_unit() {
    for paper in [Paper::A4, Paper::A3] {
        let (page_w, page_h) = paper.size();
        assert!(page_w > page_h, "{paper} is landscape");
        let (tile_w, tile_h) = paper.tile_size();
        let (shown_w, shown_h) = (tile_w * POINTS_PER_UNIT, tile_h * POINTS_PER_UNIT);
        assert!(
            shown_w < page_w - 40.0 && shown_w > page_w - 80.0,
            "{shown_w}"
        );
        assert!(
            shown_h < page_h - 60.0 && shown_h > page_h - 120.0,
            "{shown_h}"
        );
    }
    assert_eq!(Paper::A3.size(), (1190.55, 841.89));
    assert_eq!(Paper::A4.size(), (841.89, 595.28));
}

#[test]
fn the_builtin_chart_is_one_page_and_a_larger_chart_is_cut_between_cards() {
    // The whole built-in chart can be read on one page of either paper.
    for paper in [Paper::A3, Paper::A4] {
        assert_eq!(page_parts(builtin(), paper).len(), 1, "{paper}");
    }
    is_a_pdf_of(printed(true, Paper::A3), 1);
    is_a_pdf_of(printed(true, Paper::A4), 1);
    // A generated chart of 300 posts cannot: several pages, none cutting through a card.
    let parts = page_parts(generated(), Paper::A4);
    assert!(parts.len() > 1, "{} pages", parts.len());
    for part in &parts {
        for (post, card) in generated().cards.iter() {
            let meets = card.overlaps(part);
            let whole = part.x <= card.x
                && card.right() <= part.right()
                && part.y <= card.y
                && card.bottom() <= part.bottom();
            assert!(
                !meets || whole,
                "a page cuts the card of {post:?}: {part:?}, {card:?}"
            );
        }
    }
}

#[test]
fn a_generated_chart_of_300_posts_takes_several_a4_pages() {
    let pdf = printed(false, Paper::A4);
    let n = pages(pdf);
    is_a_pdf_of(pdf, n);
    assert!(n >= 4, "{n} pages");
    assert_eq!(n, page_parts(generated(), Paper::A4).len());
}

#[test]
fn smaller_paper_takes_more_pages() {
    let a3 = pages(printed(false, Paper::A3));
    let a4 = pages(printed(false, Paper::A4));
    assert!(a4 > a3, "A4 {a4} pages, A3 {a3}");
    let a3 = pages(printed(true, Paper::A3));
    let a4 = pages(printed(true, Paper::A4));
    assert!(a4 >= a3, "A4 {a4} pages, A3 {a3}");
}

#[test]
fn a_chart_that_fits_is_one_page() {
    let mut scene = builtin().clone();
    scene.cards = Default::default();
    let (tile_w, tile_h) = Paper::A3.tile_size();
    scene.items.retain(|item| match item {
        govchart::scene::Item::Text { at, .. } => at.x < tile_w / 2.0 && at.y < tile_h / 2.0,
        _ => false,
    });
    scene.width = tile_w;
    scene.height = tile_h;
    is_a_pdf_of(&print(&scene, Paper::A3), 1);
}

/// The built-in chart's title, alone in the first and the third of three A4 pages across.
fn sparse() -> Scene {
    let mut scene = builtin().clone();
    scene.cards = Default::default();
    let (tile_w, tile_h) = Paper::A4.tile_size();
    let title = scene.items[0].clone();
    let mut far = title.clone();
    if let govchart::scene::Item::Text { at, .. } = &mut far {
        at.x = 2.0 * (tile_w - OVERLAP) + tile_w / 2.0;
    }
    scene.items = vec![title, far];
    scene.width = 3.0 * tile_w - 2.0 * OVERLAP;
    scene.height = tile_h;
    scene
}

#[test]
fn a_page_with_nothing_on_it_is_left_out() {
    is_a_pdf_of(&print(&sparse(), Paper::A4), 2);
}

#[test]
fn too_many_pages_is_refused_with_advice() {
    let mut scene = builtin().clone();
    scene.cards = Default::default();
    let (tile_w, tile_h) = Paper::A4.tile_size();
    let item = scene.items[0].clone();
    scene.items.clear();
    // A line of text on every page of a grid of 50 × 50 pages.
    for row in 0..50 {
        for column in 0..50 {
            let mut copy = item.clone();
            if let govchart::scene::Item::Text { at, .. } = &mut copy {
                at.x = column as f64 * (tile_w - OVERLAP) + tile_w / 2.0;
                at.y = row as f64 * (tile_h - OVERLAP) + tile_h / 2.0;
            }
            scene.items.push(copy);
        }
    }
    scene.width = 50.0 * tile_w;
    scene.height = 50.0 * tile_h;
    let error = to_pdf_pages(&scene, Paper::A4, "t", "20 Jun 2019")
        .unwrap_err()
        .to_string();
    assert!(error.contains("2500 pages of A4"), "{error}");
    assert!(
        error.contains("A3") && error.contains("SVG or PNG"),
        "{error}"
    );
}

/// The text of each page, as `pdftotext -layout` reads it.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

#[test]
#[ignore = "needs pdftotext from poppler-utils"]
fn every_page_says_which_it_is_and_the_names_are_text() {
    for (builtin_chart, paper) in [(false, Paper::A4), (true, Paper::A3)] {
        let pdf = printed(builtin_chart, paper);
        let texts = page_texts(pdf);
        let n = pages(pdf);
        assert_eq!(texts.len(), n);
        for (i, text) in texts.iter().enumerate() {
            assert!(
                text.contains(&format!("page {} of {n}", i + 1)),
                "page {}: {text}",
                i + 1
            );
            assert!(text.contains("As of 20 Jun 2019"), "page {}", i + 1);
            assert!(text.contains("NHS IT governance"), "page {}", i + 1);
            assert_eq!(text.contains("row ") && text.contains(", column "), n > 1);
        }
    }
    let texts = page_texts(&print(&sparse(), Paper::A4));
    assert_eq!(texts.len(), 2);
    assert!(texts[1].contains("row 1, column 3 · As of 20 Jun 2019 · page 2 of 2"));
    let texts = page_texts(printed(true, Paper::A3));
    assert!(
        texts.iter().any(|t| t.contains("Will Smart")),
        "the holder's name is text"
    );
}
