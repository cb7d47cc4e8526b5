//! Sharing change over time from the window, driven through egui_kittest as a user would:
//! File → Export animation… and File → Export web page…, made on a background thread with
//! their progress in the menu bar, and stopped from the File menu.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on what it did not expect"
)]

mod common;
use common::window;
use std::path::Path;
use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use govchart::animate::{Request, Step, frames_of, key_days};
use govchart::app::GovchartApp;
use govchart::date::PartialDate;

/// Clicks an item of the File menu. (While an export runs, its spinner keeps the window
/// repainting, so a few frames are run rather than until it settles.)
fn file_menu(harness: &mut Harness<'static, GovchartApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run_steps(3);
    harness.get_by_label(item).click();
    harness.run_steps(3);
}

/// Replaces the text of the field named `name`.
fn type_into(harness: &mut Harness<'static, GovchartApp>, name: &str, text: &str) {
    harness
        .get_by_role_and_label(egui::Role::TextInput, name)
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::TextInput, name)
        .type_text(text);
    harness.run();
}

/// Where no file dialog can be shown (as here), the window asks for the path: types it.
fn give_path(harness: &mut Harness<'static, GovchartApp>, path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while harness
        .query_by_role_and_label(egui::Role::TextInput, "Path of the file")
        .is_none()
    {
        assert!(Instant::now() < deadline, "no prompt for a path");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    type_into(harness, "Path of the file", path.to_str().unwrap());
    harness.get_by_label("OK").click();
    harness.run_steps(3);
}

/// Steps the window until the export under way ends.
fn wait_for_export(harness: &mut Harness<'static, GovchartApp>) {
    let deadline = Instant::now() + Duration::from_secs(300);
    while harness.state().session.jobs.exporting().is_some() {
        assert!(Instant::now() < deadline, "the export did not end");
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

#[test]
fn an_animation_exported_from_the_window_has_a_frame_for_each_day_asked_for() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    file_menu(&mut harness, "Export animation…");
    harness.get_by_label("Export animation");
    type_into(&mut harness, "From", "2019-06");
    type_into(&mut harness, "To", "2019-09");
    harness.get_by_label("each month").click();
    harness.run();
    // Four months, four held frames and four in-between frames for each glide (0.4 s at 10
    // frames a second): 16 frames.
    harness.get_by_label("4 days, 16 frames, 6 s long");
    harness.get_by_label("Export…").click();
    harness.run();
    let path = dir.path().join("story.gif");
    give_path(&mut harness, &path);
    assert!(
        harness.query_by_label("Export animation").is_none(),
        "the options window closes once the export starts"
    );
    wait_for_export(&mut harness);
    harness.get_by_label_contains("Exported");
    harness.get_by_label_contains("story.gif (");

    let chart = govchart::io::builtin().unwrap().chart;
    let day = |t: &str| t.parse::<PartialDate>().unwrap().first_day();
    let days = key_days(&chart, day("2019-06"), day("2019-09"), Step::Month);
    assert_eq!(days.len(), 4);
    let request = Request {
        from: day("2019-06"),
        to: day("2019-09"),
        step: Step::Month,
        hold: 1.2,
        glide: 0.4,
        fps: 10.0,
        width: 1000,
        theme: govchart::scene::Theme::light(),
    };
    let bytes = std::fs::read(&path).unwrap();
    let mut decoder = gif::DecodeOptions::new().read_info(&bytes[..]).unwrap();
    assert_eq!(decoder.width(), 1000);
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        delays.push(u32::from(frame.delay) * 10);
    }
    // Identical frames are merged into one longer frame, so the time adds up rather than
    // the count: four days held 1.2 s and three glides of four frames a tenth of a second.
    assert!(delays.len() <= frames_of(4, &request));
    assert_eq!(delays.iter().sum::<u32>(), 4 * 1200 + 3 * 4 * 100);
}

#[test]
fn the_web_page_exported_from_the_window_opens_on_the_date_shown() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    file_menu(&mut harness, "Export web page…");
    let path = dir.path().join("chart.html");
    give_path(&mut harness, &path);
    wait_for_export(&mut harness);
    harness.get_by_label_contains("Exported");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("aria-live=\"polite\">20 Jun 2019</output>"));
    assert!(html.contains(
        "National Chief Information Officer for health and care, NHS England: Will Smart"
    ));
}

#[test]
fn an_export_can_be_stopped_and_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    file_menu(&mut harness, "Export animation…");
    // The whole span at a large size: long enough to stop.
    harness.get_by_label("Animated PNG").click();
    harness.run();
    harness.get_by_label("Export…").click();
    harness.run();
    let path = dir.path().join("long.png");
    give_path(&mut harness, &path);
    assert_eq!(harness.state().session.jobs.exporting(), Some("long.png"));
    harness.get_by_label_contains("Making long.png…");
    file_menu(&mut harness, "Stop making long.png");
    wait_for_export(&mut harness);
    harness.get_by_label("Stopped making long.png; nothing was written");
    assert!(!path.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
