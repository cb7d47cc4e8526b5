//! The picture of the built-in chart at a date, as SVG: who is on it, who is not, and the
//! furniture every export carries.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use govchart::date::PartialDate;
use govchart::render::to_svg;
use govchart::scene::{Item, Theme, chart_at};

fn svg_at(date: &str) -> String {
    let chart = govchart::io::builtin().unwrap().chart;
    let scene = chart_at(&chart, date.parse::<PartialDate>().unwrap(), Theme::light());
    if let Ok(dir) = std::env::var("GOVCHART_WRITE_SVG") {
        std::fs::write(format!("{dir}/chart-{date}.svg"), to_svg(&scene)).unwrap();
    }
    to_svg(&scene)
}

#[test]
fn june_2019_shows_the_holders_of_the_day_and_not_those_gone_or_to_come() {
    let svg = svg_at("2019-06-20");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    for name in [
        "Will Smart",
        "Matthew Swindells",
        "Simon Eccles",
        "Matthew Gould (designate)",
        "Tara Donnelly (acting)",
    ] {
        assert!(
            svg.contains(&format!(">{name}</text>")),
            "{name} is on the chart"
        );
    }
    for gone in ["Juliet Bauer", "Jeremy Hunt", "Sajid Javid", "Sonia Patel"] {
        assert!(
            !svg.contains(gone),
            "{gone} is not on the chart in June 2019"
        );
    }
    assert!(svg.contains(">As of 20 Jun 2019</text>"));
    assert!(svg.contains(">NHS IT governance in England, 2016–2023</text>"));
    assert!(svg.contains("50 sources"));
    assert!(
        svg.contains(">reports to</text>"),
        "the legend explains the lines"
    );
    assert!(
        svg.contains("stroke-dasharray"),
        "secondary lines are dashed"
    );
}

#[test]
fn november_2019_has_no_national_cio_and_shows_the_vacancy() {
    let svg = svg_at("2019-11-01");
    assert!(!svg.contains("Will Smart"));
    assert!(svg.contains(">VACANT</text>"));
    assert!(svg.contains(">vacant since Sep 2019</text>"));
}

#[test]
fn every_card_and_text_stays_inside_the_picture() {
    let chart = govchart::io::builtin().unwrap().chart;
    for date in ["2016-09-01", "2019-06-20", "2021-09-01", "2023-01-15"] {
        let scene = chart_at(&chart, date.parse::<PartialDate>().unwrap(), Theme::dark());
        for (_, rect) in scene.cards.iter() {
            assert!(rect.x >= 0.0 && rect.right() <= scene.width && rect.bottom() <= scene.height);
        }
        for item in &scene.items {
            if let Item::Text { at, .. } = item {
                assert!(
                    at.x >= 0.0 && at.x <= scene.width && at.y <= scene.height,
                    "{item:?}"
                );
            }
        }
    }
}

/// Whether a horizontal or vertical segment passes through the inside of a box.
fn crosses(
    a: govchart::scene::Point,
    b: govchart::scene::Point,
    r: &govchart::layout::Rect,
) -> bool {
    let (x0, x1) = (a.x.min(b.x), a.x.max(b.x));
    let (y0, y1) = (a.y.min(b.y), a.y.max(b.y));
    let inner = (r.x + 1.0, r.right() - 1.0, r.y + 1.0, r.bottom() - 1.0);
    x1 > inner.0 && x0 < inner.1 && y1 > inner.2 && y0 < inner.3
}

#[test]
fn lines_go_around_cards() {
    let chart = govchart::io::builtin().unwrap().chart;
    let mut lines = 0;
    for date in ["2019-06-20", "2019-11-01", "2020-06-01", "2021-01-01"] {
        let scene = chart_at(&chart, date.parse::<PartialDate>().unwrap(), Theme::light());
        for item in &scene.items {
            let Item::Path { points, stroke } = item else {
                continue;
            };
            if points.len() < 2 {
                continue;
            }
            lines += usize::from(stroke.dash.is_some());
            for pair in points.windows(2) {
                for (post, rect) in scene.cards.iter() {
                    assert!(
                        !crosses(pair[0], pair[1], rect),
                        "{date}: a line crosses the card of {}: {points:?}",
                        chart.post(*post).key
                    );
                }
            }
            for pair in points.windows(2) {
                let straight =
                    (pair[0].x - pair[1].x).abs() < 1e-9 || (pair[0].y - pair[1].y).abs() < 1e-9;
                assert!(straight, "segments are horizontal or vertical: {points:?}");
            }
        }
    }
    assert!(lines > 10, "{lines} dashed lines checked");
}

#[test]
fn every_card_sits_in_its_organisations_container_and_containers_nest() {
    use govchart::layout::Rect;
    let chart = govchart::io::builtin().unwrap().chart;
    let inside = |a: &Rect, b: &Rect| {
        b.x <= a.x && a.right() <= b.right() && b.y <= a.y && a.bottom() <= b.bottom()
    };
    let overlap = |a: &Rect, b: &Rect| a.overlaps(b);
    let mut nested = 0;
    for day in govchart::timeline::change_days(&chart) {
        let date = PartialDate::from_day(day);
        let scene = chart_at(&chart, date, Theme::light());
        let snapshot = govchart::timeline::Snapshot::at(&chart, day);
        for (post, card) in scene.cards.iter() {
            let of = snapshot.post(*post).unwrap().organisation;
            let (_, frame) = (scene.frames.iter())
                .find(|(org, _)| *org == of)
                .unwrap_or_else(|| panic!("{date}: {} has a container", chart.org(of).name));
            assert!(
                inside(card, frame),
                "{date}: {} in its container",
                chart.post(*post).key
            );
            // Any other container the card is in holds its organisation's too.
            for (org, other) in &scene.frames {
                if *org != of && overlap(card, other) {
                    assert!(
                        inside(frame, other),
                        "{date}: {} is nested",
                        chart.org(of).name
                    );
                }
            }
        }
        for (i, (a_org, a)) in scene.frames.iter().enumerate() {
            for (_, b) in &scene.frames[i + 1..] {
                let apart = !overlap(a, b);
                let one_in_other = inside(a, b) || inside(b, a);
                assert!(
                    apart || one_in_other,
                    "{date}: containers nest or stand apart"
                );
                nested += usize::from(one_in_other);
            }
            // The container is labelled with its organisation's name, in its top band.
            let name = &chart.org(*a_org).name;
            assert!(scene.items.iter().any(|item| matches!(item,
                Item::Text { text, at, .. } if text.starts_with(name.as_str())
                    && at.x > a.x && at.x < a.right() && at.y > a.y && at.y < a.y + 24.0)));
        }
    }
    assert!(
        nested > 0,
        "some organisation sits inside another on some date"
    );
}

#[test]
fn a_picture_made_for_part_of_the_view_lists_every_card_but_draws_only_that_part() {
    use govchart::scene::{Picture, ViewOptions};
    let chart = govchart::io::builtin().unwrap().chart;
    let date = "2019-06-20".parse::<PartialDate>().unwrap();
    let full = Picture::new(&chart, date, Theme::light()).scene();
    let left = govchart::layout::Rect {
        x: 0.0,
        y: 0.0,
        w: full.width / 3.0,
        h: full.height,
    };
    let view = ViewOptions {
        visible: Some(left),
        ..ViewOptions::default()
    };
    let part = Picture {
        view,
        ..Picture::new(&chart, date, Theme::light())
    }
    .scene();
    assert_eq!(part.cards, full.cards, "every card keeps its place");
    assert!(part.items.len() < full.items.len());
    let texts = |scene: &govchart::scene::Scene| -> Vec<String> {
        scene
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let all = texts(&full);
    for text in texts(&part) {
        assert!(all.contains(&text), "{text} is in the whole picture too");
    }
    for ((post, rect), items) in part.cards.iter().zip(&part.card_items) {
        let inside = rect.x < left.right() && left.x < rect.right();
        assert_eq!(!items.is_empty(), inside, "{}", chart.post(*post).title);
    }
    // Every reporting line that reaches into the part is drawn, and only those.
    let solid = |scene: &govchart::scene::Scene| -> Vec<Vec<govchart::scene::Point>> {
        (scene.items.iter())
            .filter_map(|i| match i {
                Item::Path { points, stroke } if stroke.dash.is_none() => Some(points.clone()),
                _ => None,
            })
            .collect()
    };
    let drawn = solid(&part);
    let mut reaching = 0;
    for points in solid(&full) {
        let x0 = points.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
        let x1 = points.iter().map(|p| p.x).fold(f64::NEG_INFINITY, f64::max);
        if x0 < left.right() && left.x < x1.max(x0 + 1e-9) {
            assert!(drawn.contains(&points), "{points:?} reaches into the part");
            reaching += 1;
        }
    }
    assert!(reaching > 5, "{reaching} lines reach into the part");
    for points in &drawn {
        assert!(
            solid(&full).contains(points),
            "{points:?} is in the whole picture too"
        );
    }
}

#[test]
fn dashed_lines_that_share_a_channel_run_in_lanes_of_their_own() {
    let chart = govchart::io::builtin().unwrap().chart;
    let mut runs_checked = 0;
    for day in govchart::timeline::change_days(&chart) {
        let scene = chart_at(&chart, PartialDate::from_day(day), Theme::light());
        // Straight runs of each dashed line: (horizontal, row, from, to, line).
        let mut runs = Vec::new();
        let dashed = scene.items.iter().filter_map(|item| match item {
            Item::Path { points, stroke } if stroke.dash.is_some() => Some(points),
            _ => None,
        });
        for (line, points) in dashed.enumerate() {
            for pair in points.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if (a.y - b.y).abs() < 1e-9 && (a.x - b.x).abs() > 1e-9 {
                    runs.push((true, a.y, a.x.min(b.x), a.x.max(b.x), line));
                } else if (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() > 1e-9 {
                    runs.push((false, a.x, a.y.min(b.y), a.y.max(b.y), line));
                }
            }
        }
        for (i, r) in runs.iter().enumerate() {
            for s in &runs[i + 1..] {
                let shared = r.0 == s.0
                    && r.4 != s.4
                    && (r.1 - s.1).abs() < 0.5
                    && r.2 < s.3 - 1.0
                    && s.2 < r.3 - 1.0;
                assert!(
                    !shared,
                    "{day:?}: two dashed lines share a run: {r:?} and {s:?}"
                );
            }
        }
        runs_checked += runs.len();
    }
    assert!(runs_checked > 100, "{runs_checked} runs checked");
}
