//! Two dates on one picture: the built-in chart compared across the NHSX shake-up of 2019
//! and across the merger of 2022, as marks, as SVG text and as pixels.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use govchart::date::PartialDate;
use govchart::model::Chart;
use govchart::render::{to_png, to_svg};
use govchart::scene::{Compared, Item, Mark, SceneOptions, Theme, compare, compare_at};
use govchart::timeline::Snapshot;

fn chart() -> Chart {
    govchart::io::builtin().unwrap().chart
}

fn date(text: &str) -> PartialDate {
    text.parse().unwrap()
}

fn compared(chart: &Chart, before: &str, after: &str) -> Compared {
    let a = Snapshot::at(chart, date(before).first_day());
    let b = Snapshot::at(chart, date(after).first_day());
    let options = SceneOptions::for_date(chart, date(after), Theme::light());
    compare(chart, &a, &b, &options)
}

fn mark_of(chart: &Chart, compared: &Compared, post: &str) -> Option<Mark> {
    let id = chart.post_id(post).unwrap();
    let node = compared.tree.posts.iter().position(|&p| p == id)?;
    Some(compared.marks[node])
}

#[test]
fn the_2019_shake_up_marks_nhsx_new_and_the_national_cio_changed() {
    let chart = chart();
    let c = compared(&chart, "2019-03-01", "2019-11-01");
    assert_eq!(mark_of(&chart, &c, "nhsx-ceo"), Some(Mark::Added));
    assert_eq!(mark_of(&chart, &c, "nhs-cio"), Some(Mark::Changed));
    assert_eq!(mark_of(&chart, &c, "health-secretary"), Some(Mark::Same));
    let id = chart.post_id("nhs-cio").unwrap();
    let card = c.cards.iter().find(|card| card.post == id).unwrap();
    assert_eq!(card.holder, ["VACANT"]);
    assert_eq!(card.note.as_deref(), Some("was Will Smart"));
    // The union tree has every post of both dates once.
    let mut posts = c.tree.posts.clone();
    posts.sort();
    posts.dedup();
    assert_eq!(posts.len(), c.tree.posts.len());
}

#[test]
fn the_merger_marks_nhsx_and_nhs_improvement_posts_gone() {
    let chart = chart();
    let c = compared(&chart, "2021-06-01", "2022-08-01");
    assert_eq!(mark_of(&chart, &c, "nhsx-ceo"), Some(Mark::Removed));
    assert_eq!(mark_of(&chart, &c, "nhse-cio"), Some(Mark::Added));
    let gone = c.marks.iter().filter(|&&m| m == Mark::Removed).count();
    assert!(gone >= 5, "{gone} posts gone");
    // Comparing a date with itself marks nothing.
    let same = compared(&chart, "2019-06-20", "2019-06-20");
    assert!(same.marks.iter().all(|&m| m == Mark::Same));
}

#[test]
fn the_picture_says_what_changed_and_explains_its_marks() {
    let chart = chart();
    let scene = compare_at(
        &chart,
        date("2019-03-01"),
        date("2019-11-01"),
        Theme::light(),
    );
    let svg = to_svg(&scene);
    for text in [
        "Changes from 1 Mar 2019 to 1 Nov 2019",
        ">was Will Smart</text>",
        ">NEW</text>",
        ">CHANGED</text>",
        ">new post, or newly followed</text>",
        ">post gone, or no longer followed</text>",
    ] {
        assert!(svg.contains(text), "{text} is on the picture");
    }
    // The chart stops following posts whose holders left with no successor named in the
    // sources (Matthew Swindells' among them), so they are marked gone.
    assert!(svg.contains(">GONE</text>"));
    let c = compared(&chart, "2019-03-01", "2019-11-01");
    assert_eq!(mark_of(&chart, &c, "nhse-ops-info"), Some(Mark::Removed));
    // Every marked card is on the picture, and the rings do not overlap other cards.
    assert_eq!(scene.cards.len(), c.tree.posts.len());
}

#[test]
fn a_gone_post_is_ringed_in_its_colour_in_the_png() {
    let chart = chart();
    let theme = Theme::light();
    let scene = compare_at(
        &chart,
        date("2021-06-01"),
        date("2022-08-01"),
        theme.clone(),
    );
    let id = chart.post_id("nhsx-ceo").unwrap();
    let rect = scene.cards.iter().find(|(p, _)| *p == id).unwrap().1;
    // The ring is drawn 3 units outside the card, 2.5 wide, dashed.
    let ring = scene.items.iter().find_map(|item| match item {
        Item::Rect {
            rect: r,
            stroke: Some(s),
            fill: None,
            ..
        } if (r.x - (rect.x - 3.0)).abs() < 1e-9 && (r.y - (rect.y - 3.0)).abs() < 1e-9 => Some(*s),
        _ => None,
    });
    assert_eq!(ring.unwrap().colour, theme.removed);
    let png = to_png(&scene, 1.0).unwrap();
    let image = decode(&png);
    // Somewhere along the ring's left side, the pixels are the removed colour.
    let x = (rect.x - 3.0).round() as usize;
    let hits = (rect.y as usize..(rect.y + rect.h) as usize)
        .filter(|&y| {
            let [r, g, b] = image.pixel(x, y);
            let c = theme.removed;
            r.abs_diff(c.r) < 40 && g.abs_diff(c.g) < 40 && b.abs_diff(c.b) < 40
        })
        .count();
    assert!(hits > 10, "{hits} ring pixels on the left side");
}

struct Image {
    width: usize,
    data: Vec<u8>,
}

impl Image {
    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 4;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }
}

fn decode(png: &[u8]) -> Image {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).unwrap();
    Image {
        width: pixmap.width() as usize,
        data: pixmap.data().to_vec(),
    }
}
