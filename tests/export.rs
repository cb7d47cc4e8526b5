//! Exports as a user makes them: `govchart export` to SVG, PNG and PDF, checked for what a
//! person would see.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use govchart::date::PartialDate;
use govchart::scene::{Theme, chart_at};
use resvg::tiny_skia::Pixmap;

fn export(dir: &Path, name: &str, extra: &[&str]) -> (PathBuf, Output) {
    let out = dir.join(name);
    let mut args = vec![
        "export",
        "--date",
        "2019-06-20",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = Command::new(env!("CARGO_BIN_EXE_govchart"))
        .args(&args)
        .output()
        .unwrap();
    (out, output)
}

/// Fails the test with govchart's messages unless it exited 0.
fn succeeded(out: &Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn svg_export_holds_the_day_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = export(dir.path(), "chart.svg", &[]);
    succeeded(&out);
    let svg = std::fs::read_to_string(path).unwrap();
    assert!(svg.contains(">Will Smart</text>"));
    assert!(!svg.contains("Sajid Javid"));
}

#[test]
fn png_export_has_the_size_and_the_cards_where_the_layout_put_them() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = export(dir.path(), "chart.png", &["--scale", "2"]);
    succeeded(&out);
    let png = Pixmap::decode_png(&std::fs::read(path).unwrap()).unwrap();
    let chart = govchart::io::builtin().unwrap().chart;
    let scene = chart_at(
        &chart,
        "2019-06-20".parse::<PartialDate>().unwrap(),
        Theme::light(),
    );
    assert_eq!(png.width(), (scene.width * 2.0).ceil() as u32);
    assert_eq!(png.height(), (scene.height * 2.0).ceil() as u32);
    let pixel = |x: f64, y: f64| {
        let p = png.pixel((x * 2.0) as u32, (y * 2.0) as u32).unwrap();
        (p.red(), p.green(), p.blue())
    };
    let theme = Theme::light();
    let card = (theme.card.r, theme.card.g, theme.card.b);
    let background = (theme.background.r, theme.background.g, theme.background.b);
    // Inside each card, just above its bottom edge on the right, is card colour; just
    // outside its right edge is background.
    let mut checked = 0;
    for (post, rect) in scene.cards.iter() {
        let inside = pixel(rect.right() - 6.0, rect.bottom() - 4.0);
        let outside = pixel(rect.right() + 3.0, rect.bottom() - 4.0);
        if ["nhsx-cto", "nhsx-ceo"].contains(&chart.post(*post).key.as_str()) {
            // Vacant, or awaiting its designate: drawn in the background colour with a
            // dashed border.
            continue;
        }
        assert_eq!(inside, card, "inside the card of {}", chart.post(*post).key);
        // Beside a card inside an organisation's frame is the frame's tint.
        let (ox, oy) = (rect.right() + 3.0, rect.bottom() - 4.0);
        let framed = (scene.frames.iter())
            .any(|(_, f)| f.x <= ox && ox <= f.right() && f.y <= oy && oy <= f.bottom());
        if outside != card && !framed {
            assert_eq!(
                outside,
                background,
                "beside the card of {}",
                chart.post(*post).key
            );
        }
        checked += 1;
    }
    assert!(checked > 10);
    // Not blank: plenty of dark text pixels.
    let dark = png
        .pixels()
        .iter()
        .filter(|p| p.red() < 100 && p.green() < 100)
        .count();
    assert!(dark > 5_000, "{dark} dark pixels");
}

#[test]
fn pdf_export_is_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = export(dir.path(), "chart.pdf", &[]);
    succeeded(&out);
    let pdf = std::fs::read(path).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.windows(5).any(|w| w == b"/Page"));
    assert!(pdf.len() > 5_000);
}

#[test]
#[ignore = "needs pdftotext from poppler-utils; .ci/run installs it"]
fn pdf_export_has_real_text() {
    let dir = tempfile::tempdir().unwrap();
    let (path, out) = export(dir.path(), "chart.pdf", &["--theme", "dark"]);
    assert_eq!(out.status.code(), Some(0));
    let text = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "As of 20 Jun 2019",
        "Will Smart",
        "Matthew Swindells",
        "VACANT",
        "50 sources",
    ] {
        assert!(
            text.contains(expected),
            "{expected} in the PDF's text:\n{text}"
        );
    }
}

#[test]
fn export_reports_bad_requests() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = export(dir.path(), "chart.jpg", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("name it .svg, .png or .pdf"));
    let (_, out) = export(dir.path(), "chart.png", &["--scale", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let (_, out) = export(dir.path(), "chart.png", &["--scale", "100000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pixels"));
    let (path, out) = export(
        dir.path(),
        "chart.anything",
        &["--format", "svg", "--timings"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(path).unwrap().starts_with("<svg"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for stage in ["load: ", "snapshot: ", "layout: ", "scene: ", "write: "] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(stage) && l.ends_with(" ms")),
            "{stage} in {stderr}"
        );
    }
}

#[test]
fn compare_and_dpi_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    // --compare names the earlier date here; the picture is of the later one.
    let (path, out) = export(dir.path(), "compare.svg", &["--compare", "2019-11-01"]);
    succeeded(&out);
    let svg = std::fs::read_to_string(path).unwrap();
    assert!(svg.contains("Changes from 20 Jun 2019 to 1 Nov 2019"));
    assert!(svg.contains(">was Will Smart</text>"));
    // 192 dpi is twice 96: the same picture as --scale 2.
    let (dpi, out) = export(dir.path(), "dpi.png", &["--dpi", "192"]);
    succeeded(&out);
    let (scaled, out) = export(dir.path(), "scaled.png", &["--scale", "2"]);
    succeeded(&out);
    assert_eq!(std::fs::read(dpi).unwrap(), std::fs::read(scaled).unwrap());
    let (_, out) = export(dir.path(), "bad.png", &["--dpi=0"]);
    assert_eq!(out.status.code(), Some(2));
    let (_, out) = export(dir.path(), "both.png", &["--dpi", "96", "--scale", "2"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn paper_prints_on_one_page_where_it_reads_and_only_for_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let pages = |path: &std::path::Path| {
        let pdf = std::fs::read(path).unwrap();
        pdf.windows(11).filter(|w| w == b"/Type /Page").count()
            - pdf.windows(12).filter(|w| w == b"/Type /Pages").count()
    };
    // Laid out for an A4 page, the built-in chart can be read on one.
    let (path, out) = export(dir.path(), "pages.pdf", &["--paper", "a4"]);
    succeeded(&out);
    assert_eq!(pages(&path), 1);
    // Laid out as a long strip, it cannot: it goes across pages.
    let (path, out) = export(
        dir.path(),
        "strip.pdf",
        &["--paper", "a4", "--aspect", "8:1"],
    );
    succeeded(&out);
    assert!(pages(&path) >= 2, "{} pages", pages(&path));
    let (_, out) = export(dir.path(), "pages.png", &["--paper", "a4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--paper is for PDF"));
    let (_, out) = export(dir.path(), "pages.pdf", &["--paper", "letter"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_too_small_to_read_is_drawn_as_a_bar_in_a_png() {
    use govchart::scene::{Colour, Item, Point, Scene};
    let text = |size: f32| Scene {
        width: 2000.0,
        height: 200.0,
        background: Colour::hex(0xffffff),
        items: vec![Item::Text {
            at: Point { x: 100.0, y: 100.0 },
            text: "Will Smart, National Chief Information Officer".into(),
            size,
            colour: Colour::hex(0x000000),
        }],
        cards: Default::default(),
        card_items: Vec::new(),
        frames: Vec::new(),
    };
    // At a tenth of the size, 13-unit text is 1.3 pixels high: a grey bar where it stands.
    let png = govchart::render::to_png(&text(13.0), 0.1).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    let inked: Vec<(u32, u32)> = (0..pixmap.height())
        .flat_map(|y| (0..pixmap.width()).map(move |x| (x, y)))
        .filter(|&(x, y)| pixmap.pixel(x, y).unwrap().red() < 250)
        .collect();
    assert!(!inked.is_empty(), "the bar is drawn");
    assert!(
        inked
            .iter()
            .all(|&(x, y)| (9..=60).contains(&x) && (8..=11).contains(&y)),
        "{inked:?}"
    );
    // Readable text is set as text: darker strokes than a faint bar.
    let png = govchart::render::to_png(&text(13.0), 1.0).unwrap();
    let pixmap = Pixmap::decode_png(&png).unwrap();
    let darkest = (pixmap.pixels().iter()).map(|p| p.red()).min().unwrap();
    assert!(darkest < 60, "{darkest}");
}
