//! Moving the date moves as little as possible: within a year, a post that is on the chart
//! on two days is in the same place on both.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use govchart::date::{Day, PartialDate};
use govchart::layout::Rect;
use govchart::model::{Chart, PostId};
use govchart::scene::{Places, SceneOptions, Theme, chart_at, period_of};
use govchart::timeline::{Snapshot, change_days};

fn options(chart: &Chart, day: Day) -> SceneOptions {
    SceneOptions::for_date(chart, PartialDate::from_day(day), Theme::light())
}

fn places_of(chart: &Chart, day: Day) -> Vec<(PostId, Rect)> {
    let mut places = Places::around(chart, day, &change_days(chart), &options(chart, day));
    let snapshot = Snapshot::at(chart, day);
    let scene = places
        .scene(chart, &snapshot, &options(chart, day))
        .expect("every change day fits its year's places");
    // Every post of the day is drawn, once.
    let mut drawn: Vec<PostId> = scene.cards.iter().map(|c| c.0).collect();
    let shown: Vec<PostId> = snapshot.posts.iter().map(|v| v.post).collect();
    drawn.sort();
    assert_eq!(drawn, shown, "on {day:?}");
    scene.cards.to_vec()
}

#[test]
fn posts_keep_their_places_through_each_year_of_the_built_in_chart() {
    let chart = govchart::io::builtin().unwrap().chart;
    let days = change_days(&chart);
    let mut compared = 0;
    for pair in days.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if period_of(&chart, a) != period_of(&chart, b) {
            continue;
        }
        let (before, after) = (places_of(&chart, a), places_of(&chart, b));
        for (post, rect) in &before {
            if let Some((_, later)) = after.iter().find(|(p, _)| p == post) {
                assert_eq!(rect, later, "{} moved", chart.post(*post).title);
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared} places compared");
}

#[test]
fn without_kept_places_the_same_dates_reshuffle() {
    // The test above would catch movement: laid out day by day, some post does move in 2019.
    let chart = govchart::io::builtin().unwrap().chart;
    let on = |y, m, d| chart_at(&chart, PartialDate::ymd(y, m, d).unwrap(), Theme::light());
    let (march, november) = (on(2019, 3, 1), on(2019, 11, 1));
    let moved = march.cards.iter().any(|(post, rect)| {
        november
            .cards
            .iter()
            .any(|(p, r)| p == post && (r.x - rect.x).abs() > 1.0)
    });
    assert!(moved);
}

#[test]
fn generated_charts_keep_places_too() {
    let file = govchart::generate::generate(120, 7);
    let text = govchart::generate::to_compact_ron(&file).unwrap();
    let chart = govchart::io::load_str(&text, std::path::Path::new("generated.ron"))
        .unwrap()
        .chart;
    let days = change_days(&chart);
    let mid = days[days.len() / 2];
    let period = period_of(&chart, mid);
    let inside: Vec<Day> = days
        .iter()
        .copied()
        .filter(|d| period.0 <= *d && *d < period.1)
        .collect();
    let options = options(&chart, mid);
    let mut places = Places::around(&chart, mid, &days, &options);
    let mut fitted = 0;
    let mut first: Vec<(PostId, Rect)> = Vec::new();
    for &day in inside.iter().step_by(inside.len().div_ceil(6).max(1)) {
        let snapshot = Snapshot::at(&chart, day);
        if let Some(scene) = places.scene(&chart, &snapshot, &options) {
            fitted += 1;
            for (post, rect) in scene.cards.iter() {
                match first.iter().find(|(p, _)| p == post) {
                    Some((_, r)) => assert_eq!(r, rect),
                    None => first.push((*post, *rect)),
                }
            }
        }
    }
    assert!(fitted >= 3, "{fitted} of the days looked at fit");
}

#[test]
fn a_post_that_moves_organisation_is_drawn_in_its_new_container_from_the_move() {
    // Sam Shah's post moved from NHS England to NHSX in April 2019 while he held it: the
    // kept places end there, and the card is in NHSX's container after it.
    let chart = govchart::io::builtin().unwrap().chart;
    let post = chart.post_id("nhse-digital-development").unwrap();
    let march = PartialDate::ymd(2019, 3, 15).unwrap().first_day();
    let may = PartialDate::ymd(2019, 5, 1).unwrap().first_day();
    assert_ne!(period_of(&chart, march), period_of(&chart, may));
    let container_of = |day: Day| {
        let mut places = Places::around(&chart, day, &change_days(&chart), &options(&chart, day));
        let snapshot = Snapshot::at(&chart, day);
        let scene = places
            .scene(&chart, &snapshot, &options(&chart, day))
            .unwrap();
        let rect = scene.cards.iter().find(|(p, _)| *p == post).unwrap().1;
        // The innermost container holding the card.
        (scene.frames.iter())
            .filter(|(_, f)| {
                f.x <= rect.x
                    && rect.right() <= f.right()
                    && f.y <= rect.y
                    && rect.bottom() <= f.bottom()
            })
            .min_by(|a, b| (a.1.w * a.1.h).total_cmp(&(b.1.w * b.1.h)))
            .map(|(org, _)| chart.org(*org).key.to_string())
    };
    assert_eq!(container_of(march).as_deref(), Some("nhs-england"));
    assert_eq!(container_of(may).as_deref(), Some("nhsx"));
}
