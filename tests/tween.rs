//! The glide and fade between two pictures, as the window draws it and animations will:
//! kept cards start where they were and end where they are; new cards fade in; gone cards
//! fade out where they were.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::sync::Arc;

use govchart::date::PartialDate;
use govchart::scene::{Item, Scene, Theme, Tween, chart_at};

fn scene(date: &str) -> Arc<Scene> {
    let chart = govchart::io::builtin().unwrap().chart;
    Arc::new(chart_at(
        &chart,
        date.parse::<PartialDate>().unwrap(),
        Theme::light(),
    ))
}

/// The box a scene draws for its `i`th card.
fn card_box(scene: &Scene, i: usize) -> govchart::layout::Rect {
    scene.items[scene.card_items[i].clone()]
        .iter()
        .find_map(|item| match item {
            Item::Rect { rect, .. } => Some(*rect),
            _ => None,
        })
        .unwrap()
}

#[test]
fn kept_cards_glide_from_where_they_were_and_new_ones_fade_in() {
    let (before, after) = (scene("2019-03-01"), scene("2019-11-01"));
    let tween = Tween::new(before.clone(), after.clone());
    assert!(tween.moves());
    let kept = (after.cards.iter().enumerate())
        .filter_map(|(i, (post, r))| {
            let j = before.cards.iter().position(|(p, _)| p == post)?;
            let old = before.cards[j].1;
            ((old.x, old.y) != (r.x, r.y)).then_some((i, j))
        })
        .next()
        .expect("a card that moves between the dates");
    let new = (after.cards.iter())
        .position(|(post, _)| !before.cards.iter().any(|(p, _)| p == post))
        .expect("a card new by the later date");
    let gone = (before.cards.iter())
        .position(|(post, _)| !after.cards.iter().any(|(p, _)| p == post))
        .expect("a card gone by the later date");
    let start = tween.scene_at(0.0);
    let end = tween.scene_at(1.0);
    let gone_items = before.card_items[gone].len();
    // At the start the moving card's box is where it was; at the end where it is.
    let offset = |scene: &Scene, i: usize| {
        let range = after.card_items[i].clone();
        // The new picture's items come last, after what fades out.
        let shifted = scene.items.len() - after.items.len();
        scene.items[range.start + shifted..range.end + shifted]
            .iter()
            .find_map(|item| match item {
                Item::Rect { rect, .. } => Some(*rect),
                _ => None,
            })
            .unwrap()
    };
    let (i, j) = kept;
    let (at_start, was) = (offset(&start, i), card_box(&before, j));
    assert!((at_start.x - was.x).abs() < 1e-6 && (at_start.y - was.y).abs() < 1e-6);
    let (at_end, is) = (offset(&end, i), card_box(&after, i));
    assert!((at_end.x - is.x).abs() < 1e-6 && (at_end.y - is.y).abs() < 1e-6);
    // Halfway, a new card is half faded in and a gone card half faded out.
    let half = tween.scene_at(0.5);
    let alpha = |item: &Item| match item {
        Item::Rect { fill: Some(c), .. } => Some(c.a),
        Item::Text { colour, .. } => Some(colour.a),
        _ => None,
    };
    let full_new = after.items[after.card_items[new].clone()]
        .iter()
        .find_map(alpha)
        .unwrap();
    let range = after.card_items[new].clone();
    let shift = half.items.len() - after.items.len();
    let half_new = half.items[range.start + shift..range.end + shift]
        .iter()
        .find_map(alpha)
        .unwrap();
    assert!(
        (i32::from(half_new) - i32::from(full_new) / 2).abs() <= 1,
        "{half_new} is half of {full_new}"
    );
    assert!(gone_items > 0);
    let gone_alpha = half.items[..shift].iter().find_map(alpha).unwrap();
    assert!(gone_alpha < 200, "a gone card is fading: {gone_alpha}");
    let faded = tween.scene_at(1.0);
    assert!(
        faded.items[..shift]
            .iter()
            .filter_map(alpha)
            .all(|a| a == 0)
    );
    // What both pictures have (a frame or a line that stays put) is drawn as it is.
    let stays = (after.items.iter().enumerate())
        .filter(|(i, _)| !after.card_items.iter().any(|r| r.contains(i)))
        .find(|(_, item)| before.items.contains(item))
        .map(|(i, _)| i)
        .expect("an item both pictures share");
    assert_eq!(
        half.items[shift + stays],
        after.items[stays],
        "kept at full strength"
    );
}
