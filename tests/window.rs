//! The window, driven through egui_kittest as a user would: cards found by what screen
//! readers read, keys pressed, dates typed, buttons clicked.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use govchart::app::{Command, GovchartApp};
use govchart::date::{Day, PartialDate};

const NATIONAL_CIO: &str = "National Chief Information Officer for health and care, NHS England";

fn window() -> Harness<'static, GovchartApp> {
    let mut harness = Harness::builder()
        .with_size([1500.0, 950.0])
        .with_max_steps(12)
        .build_eframe(|cc| GovchartApp::from_creation(cc, None));
    harness.run();
    harness
}

/// Types a date into the date field and presses Enter.
fn type_date(harness: &mut Harness<'static, GovchartApp>, date: &str) {
    let field = harness.get_by_role_and_label(egui::Role::TextInput, "Date");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Date")
        .type_text(date);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

fn day(date: &str) -> Day {
    date.parse::<PartialDate>().unwrap().first_day()
}

#[test]
fn the_window_opens_on_the_built_in_chart_at_its_default_date() {
    let harness = window();
    assert_eq!(harness.state().session.day, day("2019-06-20"));
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
    harness.get_by_label("Chief executive, NHSX, NHSX: Matthew Gould (designate)");
    harness.get_by_label("20 Jun 2019");
}

#[test]
fn typing_a_date_changes_the_national_cio_from_will_smart_to_vacant() {
    let mut harness = window();
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
    type_date(&mut harness, "2019-11-01");
    assert_eq!(harness.state().session.day, day("2019-11-01"));
    // By then the post is in NHSX.
    harness.get_by_label("National Chief Information Officer for health and care, NHSX: vacant");
    assert!(
        harness
            .query_by_label(&format!("{NATIONAL_CIO}: Will Smart"))
            .is_none()
    );
    harness.get_by_label("1 Nov 2019");
}

#[test]
fn a_date_outside_the_chart_is_refused_with_a_message() {
    let mut harness = window();
    type_date(&mut harness, "1990-01-01");
    assert_eq!(harness.state().session.day, day("2019-06-20"));
    harness.get_by_label_contains("The chart covers");
    type_date(&mut harness, "2019-02-30");
    assert_eq!(harness.state().session.day, day("2019-06-20"));
    harness.get_by_label_contains("February 2019 has 28 days");
}

#[test]
fn arrow_keys_step_from_change_to_change() {
    let mut harness = window();
    let days = govchart::timeline::change_days(&harness.state().session.doc.chart);
    let next = govchart::timeline::next_change(&days, day("2019-06-20")).unwrap();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().session.day, next);
    let field = harness.get_by_role_and_label(egui::Role::TextInput, "Date");
    assert_eq!(
        field.value().as_deref(),
        Some(PartialDate::from_day(next).to_string().as_str())
    );
    harness.key_press(Key::ArrowLeft);
    harness.run();
    let back = govchart::timeline::previous_change(&days, next).unwrap();
    assert_eq!(harness.state().session.day, back);
    // The buttons do the same.
    harness.get_by_label("Next change").click();
    harness.run();
    assert_eq!(harness.state().session.day, next);
}

#[test]
fn a_milestone_is_one_click_away() {
    let mut harness = window();
    harness
        .get_by_label("Legal merger of NHS England and NHS Improvement · 1 Jul 2022")
        .click();
    harness.run();
    assert_eq!(harness.state().session.day, day("2022-07-01"));
    // After the merger, NHS Improvement's posts are gone.
    assert!(
        harness
            .query_all_by_label_contains(", NHS Improvement:")
            .next()
            .is_none()
    );
}

#[test]
fn finding_a_person_moves_the_date_selects_and_inspects_their_post() {
    let mut harness = window();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness
        .get_by_role_and_label(
            egui::Role::TextInput,
            "Name of a person, post or organisation",
        )
        .type_text("Sonia Patel");
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::Button, "Sonia Patel")
        .click();
    harness.run();
    let app = harness.state();
    let post = app.session.doc.chart.post_id("nhs-cio").unwrap();
    assert_eq!(app.session.selected, Some(post));
    assert!(
        app.session.day >= day("2020-02-28"),
        "moved to when she held it"
    );
    // The inspector shows the post and its holder's sources.
    harness.get_by_label("named 28 Feb 2020; in post between Jun and Aug 2020 to Nov 2021");
    harness.get_by_label("Holders over time");
}

#[test]
fn clicking_a_card_inspects_it_with_its_sources() {
    let mut harness = window();
    harness
        .get_by_label(&format!("{NATIONAL_CIO}: Will Smart"))
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.session.selected,
        app.session.doc.chart.post_id("nhs-cio")
    );
    harness.get_by_label("Holders over time");
    // Sources are links.
    assert!(harness.query_all_by_role(egui::Role::Link).next().is_some());
}

#[test]
fn folding_a_post_hides_its_reports() {
    let mut harness = window();
    // Fit the whole chart in view first.
    harness.key_press(Key::F);
    harness.run();
    let ops = "Chief executive, NHSX, NHSX: Matthew Gould (designate)";
    harness.get_by_label(ops).click();
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
    harness.get_by_label("Fold").click();
    harness.run();
    assert!(
        harness
            .query_by_label(&format!("{NATIONAL_CIO}: Will Smart"))
            .is_none()
    );
    assert!(harness.state().session.view_changed());
    assert!(
        !harness.state().session.doc.dirty(),
        "folding is not an edit: closing does not ask about it"
    );
    harness.get_by_label("Unfold").click();
    harness.run();
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
}

#[test]
fn a_file_with_errors_shows_every_problem_and_keeps_the_chart_open() {
    let mut harness = window();
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_charts/32-several-problems.ron");
    harness.state_mut().open_now(bad);
    harness.run();
    harness.get_by_label_contains("3 problems found");
    let report = &harness.state().problems.as_ref().unwrap().report;
    assert!(
        report.contains(":10:20: error: unknown post \"cioo\""),
        "{report}"
    );
    assert!(report.contains("February 2019 has 28 days"));
    // The report is on screen, and the chart that was open is still there.
    harness.get_by_label_contains("unknown source \"s9\"");
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
    assert!(harness.state().session.doc.path.is_none());
    harness.get_by_label("Close").click();
    harness.run();
    assert!(harness.state().problems.is_none());
}

#[test]
fn compare_mode_lists_the_changes_and_a_change_selects_its_card() {
    let mut harness = window();
    type_date(&mut harness, "2019-11-01");
    harness.get_by_label("Compare with").click();
    harness.run();
    harness.get_by_label("Changes");
    let app = harness.state();
    assert!(app.session.compare.is_some());
    // Compare from 20 Jun 2019 to 1 Nov 2019 by typing the other date.
    let field =
        harness.get_by_role_and_label(egui::Role::TextInput, "The other date (Enter to apply)");
    field.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(egui::Role::TextInput, "The other date (Enter to apply)")
        .type_text("2019-06-20");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().session.compare, Some(day("2019-06-20")));
    let left = harness.get_by_label_contains("Will Smart left");
    left.click();
    harness.run();
    assert_eq!(
        harness.state().session.selected,
        harness.state().session.doc.chart.post_id("nhs-cio")
    );
}

#[test]
fn saving_keeps_the_view_and_reopening_restores_it() {
    let mut harness = window();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    type_date(&mut harness, "2021-03-01");
    let cio = harness
        .state()
        .session
        .doc
        .chart
        .post_id("nhs-cio")
        .unwrap();
    harness.state_mut().session.apply(Command::ToggleFold(cio));
    assert!(harness.state().session.view_changed());
    harness.state_mut().save_to(path.clone());
    harness.run();
    assert!(!harness.state().session.view_changed());
    let mut other = window();
    other.state_mut().open_now(path.clone());
    other.run();
    let app = other.state();
    assert_eq!(app.session.doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(app.session.day, day("2021-03-01"));
    assert!(
        app.session
            .collapsed
            .contains(&app.session.doc.chart.post_id("nhs-cio").unwrap())
    );
}

#[test]
fn play_moves_through_time_and_space_pauses() {
    let mut harness = window();
    harness.key_press(Key::Space);
    harness.step();
    assert!(harness.state().playing());
    let start = harness.state().session.day;
    // Play moves at most a tenth of a second's worth a frame (a stalled frame does not jump):
    // at a quarter a second, about 9 days a frame.
    harness.run_steps(8);
    let moved = harness.state().session.day.0 - start.0;
    assert!((50..=120).contains(&moved), "moved {moved} days");
    harness.key_press(Key::Space);
    harness.step();
    assert!(!harness.state().playing());
    let paused = harness.state().session.day;
    harness.run_steps(4);
    assert_eq!(harness.state().session.day, paused);
}

#[test]
fn a_chart_with_nothing_on_it_opens_without_trouble() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, "(version: 1, title: \"Nothing yet\")\n").unwrap();
    let mut harness = window();
    harness.state_mut().open_now(path);
    harness.run();
    assert!(harness.state().problems.is_none());
    assert_eq!(harness.state().session.doc.chart.info.title, "Nothing yet");
    harness.get_by_label("Nothing yet");
    // Stepping and typing dates on an empty chart change nothing and break nothing.
    harness.key_press(Key::ArrowRight);
    harness.run();
    harness.key_press(Key::F);
    harness.run();
}

#[test]
fn without_a_file_dialog_the_window_asks_for_a_path() {
    let mut harness = window();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    // The dialog runs on its own thread; where none can be shown, the window asks instead.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while harness
        .query_by_label_contains("No file dialog is available")
        .is_none()
    {
        assert!(std::time::Instant::now() < deadline, "no prompt for a path");
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_charts/32-several-problems.ron");
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Path of the file")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Path of the file")
        .type_text(bad.to_str().unwrap());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while harness.state().problems.is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "the file was not opened"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    harness.get_by_label_contains("3 problems found");
}

#[test]
fn exporting_from_the_window_draws_the_whole_chart_even_zoomed_in() {
    let mut harness = window();
    for _ in 0..6 {
        harness.key_press(Key::Plus);
        harness.run();
    }
    // Zoomed in, the window makes only the part of the picture around the view...
    let shown = harness.state_mut().shown().scene.clone();
    assert!(shown.card_items.iter().any(|items| items.is_empty()));
    // ...but an export has every card drawn, and writes a file.
    let whole = harness.state().whole_picture();
    assert_eq!(whole.cards.len(), shown.cards.len());
    assert!(whole.card_items.iter().all(|items| !items.is_empty()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("window.svg");
    let status = govchart::app::export_file(&whole, &path);
    assert!(status.starts_with("Exported"), "{status}");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(svg.contains(">Will Smart</text>") && svg.contains(">Kevin Cunnington</text>"));
}

#[test]
fn the_window_opens_on_the_whole_built_in_chart_at_a_readable_size() {
    // The window's first size, and a larger screen.
    for size in [[1280.0, 800.0], [1400.0, 860.0], [1600.0, 1000.0]] {
        let mut harness = Harness::builder()
            .with_size(size)
            .with_max_steps(12)
            .build_eframe(|cc| GovchartApp::from_creation(cc, None));
        harness.run();
        let app = harness.state_mut();
        let scene = app.shown().scene.clone();
        assert!(scene.cards.len() > 15);
        // Card text (12 units) at 11 px or more.
        assert!(
            app.canvas.zoom() >= 11.0 / 12.0,
            "{size:?}: zoom {}",
            app.canvas.zoom()
        );
        for (post, rect) in scene.cards.iter() {
            let (card, view) = app.canvas.on_screen(rect).unwrap();
            assert!(
                view.contains_rect(card),
                "{size:?}: {} is not wholly in view",
                app.session.doc.chart.post(*post).key
            );
        }
    }
}

#[test]
fn selecting_a_card_in_a_narrow_window_opens_the_inspector_without_moving_the_cards() {
    // Below 1900 px the inspector opens only on a selection (at 1280 x 800 the chart happens
    // to lay out the same for either canvas, so that size would not tell).
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(12)
        .build_eframe(|cc| GovchartApp::from_creation(cc, None));
    harness.run();
    let before = harness.state_mut().shown().scene.cards.clone();
    assert!(
        harness.query_by_label("Holders over time").is_none(),
        "no inspector yet"
    );
    harness
        .get_by_label(&format!("{NATIONAL_CIO}: Will Smart"))
        .click();
    harness.run();
    harness.get_by_label("Holders over time");
    let after = harness.state_mut().shown().scene.cards.clone();
    assert_eq!(before, after, "the cards keep their places");
}

#[test]
fn organogram_releases_import_into_an_unsaved_chart_with_a_report() {
    let mut harness = window();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/organogram");
    let files = [
        "esa-2011-03-31-senior.csv",
        "esa-2011-09-30-senior.csv",
        "esa-2012-03-31-senior.csv",
        "esa-2011-03-31-junior.csv",
    ];
    let paths = files.iter().map(|f| dir.join(f)).collect();
    harness
        .state_mut()
        .import_now(govchart::import::Format::Organogram, paths);
    harness.run();
    // The latest release is shown first; the built-in chart is gone.
    assert_eq!(harness.state().session.day, day("2012-03-31"));
    harness.get_by_label("Chief Executive, Example Standards Agency: Grace Mensah");
    assert!(harness.query_by_label_contains("Will Smart").is_none());
    // The report names what was matched other than by reference.
    harness.get_by_label_contains("note(s) on what was skipped, guessed or matched");
    harness.get_by_label_contains("taken to be the post referenced DD07");
    assert!(
        harness.state().session.doc.path.is_none(),
        "an import is not saved until the user saves it"
    );
    type_date(&mut harness, "2011-03-31");
    harness.get_by_label("Chief Executive, Example Standards Agency: John Smith");
    // The inspector shows what the release says of the post: its grade, pay band and the
    // junior staff under it.
    let chart = harness.state().session.doc.chart.clone();
    let finance = (chart.posts.iter())
        .position(|p| p.title == "Finance Director")
        .unwrap();
    harness.state_mut().session.selected = Some(govchart::model::PostId(finance as u32));
    harness.run();
    harness.get_by_label("SCS2");
    harness.get_by_label("£110,000 to £114,999");
    harness.get_by_label("42 staff below this post, not shown one by one");
    // The release says she was in post by then, not that she started then.
    harness.get_by_label("in post by 31 Mar 2011, to now");
}

#[test]
fn an_import_that_fails_keeps_the_chart_that_was_open() {
    let mut harness = window();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    harness.state_mut().import_now(
        govchart::import::Format::Popolo,
        vec![dir.join("csv/d3-team.csv")],
    );
    harness.run();
    harness.get_by_label_contains("no chart was made. The chart that was open stays open");
    harness.get_by_label_contains("not valid JSON");
    harness.get_by_label(&format!("{NATIONAL_CIO}: Will Smart"));
}

#[test]
fn commands_apply_in_one_place_and_a_jump_stops_play() {
    let mut app = GovchartApp::new(Default::default(), None);
    let cio = app.session.doc.chart.post_id("nhs-cio").unwrap();
    app.send(Command::TogglePlay);
    assert!(
        !app.playing(),
        "nothing changes until the commands are applied"
    );
    app.apply_commands();
    assert!(app.playing());
    app.send(Command::GoTo(day("2019-11-01")));
    app.send(Command::Select {
        post: Some(cio),
        centre: true,
    });
    app.send(Command::ToggleFold(cio));
    app.send(Command::Compare(Some(day("1990-01-01"))));
    app.apply_commands();
    assert!(!app.playing(), "a jump to a day stops play");
    assert_eq!(app.session.day, day("2019-11-01"));
    assert_eq!(app.session.selected, Some(cio));
    assert!(app.session.collapsed.contains(&cio));
    assert_eq!(
        app.session.compare,
        Some(app.session.doc.span.0),
        "a day before the chart is its first"
    );
    app.send(Command::ToggleFold(cio));
    app.send(Command::Compare(None));
    app.apply_commands();
    assert!(!app.session.collapsed.contains(&cio));
    assert_eq!(app.session.compare, None);
}

#[test]
fn crossing_into_the_next_period_shows_the_places_a_fresh_window_makes() {
    // The places of the period the slider heads into are made on another thread; crossing
    // into it, forward or back, must show what making them there and then shows.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("generated.ron");
    let file = govchart::generate::generate(400, 5);
    std::fs::write(&path, govchart::generate::to_compact_ron(&file).unwrap()).unwrap();
    let chart = govchart::io::load_file(&path).unwrap().chart;
    let start = Day::from_civil(2019, 12, 20);
    let (from, to) = govchart::scene::period_of(&chart, start);
    let cards_at = |days: &[Day]| {
        let path = path.clone();
        let mut harness = Harness::builder()
            .with_size([1500.0, 950.0])
            .with_max_steps(12)
            .build_eframe(move |cc| {
                let mut app = GovchartApp::from_creation(cc, None);
                app.open_now(path);
                app
            });
        harness.run();
        for &day in days {
            harness.state_mut().session.apply(Command::GoTo(day));
            harness.run();
        }
        let day = *days.last().unwrap();
        assert_eq!(harness.state().session.day, day);
        harness.state_mut().shown().scene.cards.clone()
    };
    let far = Day::from_civil(2012, 6, 1);
    // Forward: into the period after the one shown.
    let fresh = cards_at(&[far, to]);
    assert!(fresh.len() > 200, "{} cards", fresh.len());
    assert_eq!(cards_at(&[start, to]), fresh);
    // Back: into the period before the one shown.
    let before = Day(from.0 - 1);
    let fresh = cards_at(&[far, before]);
    assert_eq!(cards_at(&[start, before]), fresh);
}
