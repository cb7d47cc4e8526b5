//! Editing in the window, driven through egui_kittest as a user would: appointing, ending a
//! tenure, moving a post by dragging its card, undo and redo, saving and reopening, a window
//! killed after edits whose edits come back on the next start, and a file changed on disk
//! underneath the window. Cards and fields are found by what screen readers read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

mod common;
use common::window;
use std::io::BufRead as _;
use std::path::Path;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use govchart::app::GovchartApp;

const CTO: &str = "Chief technology officer, NHSX, NHSX";
const NATIONAL_CIO: &str = "National Chief Information Officer for health and care, NHS England";

/// Appoints someone new to the vacant chief technology officer post, as a user does: the
/// card's Appoint… in the inspector, a name typed, Appoint.
fn appoint_to_the_vacant_cto(harness: &mut Harness<'static, GovchartApp>, name: &str) {
    harness.get_by_label(&format!("{CTO}: vacant")).click();
    harness.run();
    harness.get_by_label("Appoint…").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::TextInput, "New person's name")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::TextInput, "New person's name")
        .type_text(name);
    harness.run();
    harness.get_by_label("Appoint").click();
    harness.run();
}

#[test]
fn appointing_to_a_vacant_card_shows_the_new_holder_and_undo_takes_it_back() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    appoint_to_the_vacant_cto(&mut harness, "Jane Example");
    harness.get_by_label(&format!("{CTO}: Jane Example"));
    assert!(harness.state().session.doc.dirty());
    // The Edit menu names the step.
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo: appoint Jane Example as Chief technology officer, NHSX");
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label(&format!("{CTO}: vacant"));
    assert!(!harness.state().session.doc.dirty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    harness.get_by_label(&format!("{CTO}: Jane Example"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    harness.get_by_label(&format!("{CTO}: Jane Example"));
}

#[test]
fn ending_a_tenure_here_leaves_the_card_vacant_from_the_date_shown() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    harness
        .get_by_label(&format!("{NATIONAL_CIO}: Will Smart"))
        .click();
    harness.run();
    harness.get_by_label("Edit post").click();
    harness.run();
    harness.get_by_label("End here").click();
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: vacant"));
    let session = &harness.state().session;
    assert_eq!(
        session.doc.history.undo_label(),
        Some("end Will Smart's tenure")
    );
    assert!(
        session.status.starts_with("End Will Smart's tenure"),
        "{}",
        session.status
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
}

#[test]
fn dragging_a_card_onto_another_makes_it_report_there_from_the_date_shown() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    harness.key_press(Key::F);
    harness.run();
    let moving = harness
        .get_by_label(&format!("{CTO}: vacant"))
        .rect()
        .center();
    let target = harness
        .get_by_label_contains("Director of Digital Development, ")
        .rect()
        .center();
    harness.hover_at(moving);
    harness.run();
    harness.drag_at(moving);
    harness.run();
    for step in 1..=8 {
        let t = step as f32 / 8.0;
        harness.hover_at(moving + (target - moving) * t);
        harness.run();
    }
    harness.drop_at(target);
    harness.run();
    let app = harness.state();
    let chart = &app.session.doc.chart;
    let cto = chart.post_id("nhsx-cto").expect("the CTO post");
    let snapshot = govchart::timeline::Snapshot::at(chart, app.session.day);
    let manager = snapshot.post(cto).and_then(|v| v.reports_to);
    assert_eq!(
        manager.map(|m| chart.post(m).key.as_str()),
        Some("nhse-digital-development"),
        "{}",
        app.session.status
    );
    let before =
        govchart::timeline::Snapshot::at(chart, govchart::date::Day(app.session.day.0 - 1));
    assert_ne!(
        before.post(cto).and_then(|v| v.reports_to),
        manager,
        "the day before, it reported where it did"
    );
    assert!(app.session.status.starts_with(
        "Make Chief technology officer, NHSX report to Director of Digital Development"
    ));
}

#[test]
fn edits_saved_and_reopened_are_there() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.ron");
    let mut harness = window(data.path());
    appoint_to_the_vacant_cto(&mut harness, "Jane Example");
    harness.state_mut().save_to(path.clone());
    harness.run();
    assert!(!harness.state().session.doc.dirty());
    let mut other = window(data.path());
    other.state_mut().open_now(path);
    other.run();
    other.get_by_label(&format!("{CTO}: Jane Example"));
}

/// The half of the kill test that runs in a process of its own: a window with an edit, then
/// waiting to be killed.
fn edit_and_wait_to_be_killed(data: &Path) {
    let mut harness = window(data);
    appoint_to_the_vacant_cto(&mut harness, "Jane Example");
    harness.get_by_label(&format!("{CTO}: Jane Example"));
    harness.state().session.flush_recovery();
    println!("edited");
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn a_window_killed_after_edits_offers_them_back_on_the_next_start() {
    if let Some(data) = std::env::var_os("GOVCHART_TEST_KILL_ME") {
        edit_and_wait_to_be_killed(Path::new(&data));
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_window_killed_after_edits_offers_them_back_on_the_next_start",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("GOVCHART_TEST_KILL_ME", data.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let edited = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|line| line.contains("edited"));
    assert!(edited, "the child window made its edit");
    child.kill().unwrap();
    child.wait().unwrap();
    // The next start offers the edits back.
    let mut harness = window(data.path());
    harness.get_by_label(&format!("{CTO}: vacant"));
    harness.state_mut().offer_recovery();
    harness.run();
    harness.get_by_label("Restore unsaved edits?");
    harness.get_by_label("Restore the edits").click();
    harness.run();
    harness.get_by_label(&format!("{CTO}: Jane Example"));
    assert!(
        harness.state().session.doc.dirty(),
        "restored edits are unsaved"
    );
}

#[test]
fn a_chart_changed_on_disk_underneath_the_window_is_offered_for_reloading() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nhs.ron");
    std::fs::write(&path, govchart::io::BUILTIN_CHART).unwrap();
    let mut harness = window(data.path());
    harness.state_mut().open_now(path.clone());
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
    // Another program changes the national CIO's name.
    let changed = govchart::io::BUILTIN_CHART.replace("name: \"Will Smart\"", "name: \"W. Smart\"");
    assert_ne!(changed, govchart::io::BUILTIN_CHART);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&path, &changed).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    harness.run();
    harness.get_by_label_contains("changed on disk while it was open");
    harness.get_by_label("Reload").click();
    harness.run();
    harness.state_mut().open_now(path.clone());
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: W. Smart"));
    // With unsaved edits, keeping them means saving asks before writing over the file.
    appoint_to_the_vacant_cto(&mut harness, "Jane Example");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&path, govchart::io::BUILTIN_CHART).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    harness.run();
    harness.get_by_label("Keep my version").click();
    harness.run();
    harness.state_mut().save();
    harness.run();
    harness.get_by_label_contains("Saving now would lose those changes");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        govchart::io::BUILTIN_CHART,
        "nothing is written until the user says so"
    );
    harness.get_by_label("Save over it").click();
    harness.run();
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Jane Example")
    );
    assert!(!harness.state().session.doc.dirty());
}

#[test]
fn a_new_chart_is_built_up_from_the_edit_window() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = window(data.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run();
    assert_eq!(harness.state().session.doc.name(), "untitled chart");
    harness.get_by_label("Edit chart");
    // Its period, typed into the Chart tab: the timeline runs over it.
    for (field, date) in [("Covers from", "2016-07"), ("Covers to", "2023-02")] {
        harness
            .get_by_role_and_label(egui::Role::TextInput, field)
            .focus();
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        harness
            .get_by_role_and_label(egui::Role::TextInput, field)
            .type_text(date);
        harness.run();
        harness.key_press(Key::Enter);
        harness.run();
    }
    let span = harness.state().session.doc.span;
    assert_eq!(
        (span.0.to_string(), span.1.to_string()),
        ("2016-07-01".to_owned(), "2023-02-28".to_owned())
    );
    // An organisation, then a post in it.
    harness.get_by_label("Organisations").click();
    harness.run();
    harness.get_by_label("Add").click();
    harness.run();
    harness.get_by_label("Posts").click();
    harness.run();
    harness.get_by_label("Add").click();
    harness.run();
    let session = &harness.state().session;
    assert_eq!(session.doc.file.organisations.len(), 1);
    assert_eq!(session.doc.file.posts.len(), 1);
    assert!(!session.doc.has_errors(), "{:?}", session.doc.problems);
    harness.get_by_label_contains("New post, New organisation: vacant");
    assert_eq!(session.doc.history.undo_label(), Some("add New post"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("New post, New organisation")
            .is_none()
    );
}

#[test]
fn opening_another_chart_over_unsaved_edits_asks_first() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.ron");
    std::fs::write(
        &other,
        govchart::io::BUILTIN_CHART.replace("name: \"Will Smart\"", "name: \"W. Smart\""),
    )
    .unwrap();
    let mut harness = window(data.path());
    appoint_to_the_vacant_cto(&mut harness, "Jane Example");
    harness.state_mut().open_now(other.clone());
    harness.run();
    harness.get_by_label("Keep your edits?");
    harness.get_by_label("Cancel").click();
    harness.run();
    harness.get_by_label(&format!("{CTO}: Jane Example"));
    assert!(
        harness.state().session.doc.dirty(),
        "the edits are still there"
    );
    harness.state_mut().open_now(other);
    harness.run();
    harness.get_by_label("Throw them away").click();
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: W. Smart"));
    assert!(!harness.state().session.doc.dirty());
}
