//! The session without a window: commands, dated edits, undo and redo, saving, recovery
//! files and files changed on disk, asserted as what a user would see at a date.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;

use govchart::date::{Day, PartialDate};
use govchart::model::Certainty;
use govchart::session::history::{Header, Item};
use govchart::session::{Appointee, Command, Edit, List, SaveProblem, Session};
use govchart::timeline::Snapshot;

fn day(text: &str) -> Day {
    text.parse::<PartialDate>().expect("a date").first_day()
}

/// A session on the built-in chart whose recovery files go to `data`.
fn session(data: &Path) -> Session {
    let mut session = Session::builtin();
    session.data_dir = Some(data.to_path_buf());
    session
}

/// Who holds a post on a day, by name, in the chart the session draws.
fn holders(session: &Session, post: &str, date: &str) -> Vec<String> {
    let chart = &session.doc.chart;
    let post = chart.post_id(post).expect("the post exists");
    Snapshot::at(chart, day(date))
        .holders_of(post)
        .iter()
        .map(|h| chart.person(h.person).name.to_string())
        .collect()
}

/// The post a post reports to on a day.
fn manager(session: &Session, post: &str, date: &str) -> Option<String> {
    let chart = &session.doc.chart;
    let post = chart.post_id(post).expect("the post exists");
    let snapshot = Snapshot::at(chart, day(date));
    let view = snapshot.post(post)?;
    view.reports_to.map(|m| chart.post(m).key.to_string())
}

fn appoint(post: &str, name: &str, start: &str) -> Command {
    Command::Edit(Edit::Appoint {
        post: post.into(),
        person: Appointee::New(name.into()),
        start: start.into(),
        acting: false,
        certainty: Certainty::Reported,
        sources: vec!["S1".into()],
    })
}

#[test]
fn commands_apply_in_one_place_and_a_jump_stops_play() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    let cio = session.doc.chart.post_id("nhs-cio").unwrap();
    session.apply(Command::TogglePlay);
    assert!(session.playing);
    session.advance(1.0);
    assert!(session.playing);
    session.apply_all([
        Command::GoTo(day("2019-11-01")),
        Command::Select {
            post: Some(cio),
            centre: true,
        },
        Command::ToggleFold(cio),
        Command::Compare(Some(day("1990-01-01"))),
    ]);
    assert!(!session.playing, "a jump to a day stops play");
    assert_eq!(session.day, day("2019-11-01"));
    assert_eq!(session.selected, Some(cio));
    assert_eq!(session.centre_on, Some(cio));
    assert!(session.collapsed.contains(&cio));
    assert_eq!(session.compare, Some(session.doc.span.0));
    assert!(
        !session.doc.dirty(),
        "moving the date, folding and comparing are not edits"
    );
    session.apply(Command::NextChange);
    assert!(session.day > day("2019-11-01"));
}

#[test]
fn appointing_to_a_vacant_post_undoes_and_redoes_exactly() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    assert!(holders(&session, "nhs-cio", "2019-11-01").is_empty());
    let file_before = session.doc.file.clone();
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    assert_eq!(
        holders(&session, "nhs-cio", "2019-11-01"),
        ["Jane Example"],
        "{}",
        session.status
    );
    assert!(holders(&session, "nhs-cio", "2019-10-31").is_empty());
    assert!(!session.doc.has_errors(), "{:?}", session.doc.problems);
    assert_eq!(
        holders(&session, "nhs-cio", "2020-03-01"),
        ["Sonia Patel"],
        "the appointment fills the vacancy, up to the next holder"
    );
    assert!(session.doc.dirty());
    assert_eq!(
        session.doc.history.undo_label(),
        Some("appoint Jane Example as National Chief Information Officer for health and care")
    );
    session.apply(Command::Undo);
    assert!(holders(&session, "nhs-cio", "2019-11-01").is_empty());
    assert_eq!(session.doc.file, file_before, "undo is exact");
    assert!(!session.doc.dirty(), "undone back to the chart as opened");
    assert!(session.status.starts_with("Undid: appoint Jane Example"));
    session.apply(Command::Redo);
    assert_eq!(holders(&session, "nhs-cio", "2019-11-01"), ["Jane Example"]);
    session.apply(Command::Redo);
    assert_eq!(session.status, "Nothing to redo");
}

#[test]
fn appointing_over_a_holder_is_refused_unless_acting() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    session.apply(appoint("nhs-cio", "Jane Example", "2018-01-01"));
    assert!(
        session.status.contains("Will Smart holds the post"),
        "{}",
        session.status
    );
    assert_eq!(session.doc.history.depth(), 0);
    session.apply(Command::Edit(Edit::Appoint {
        post: "nhs-cio".into(),
        person: Appointee::New("Jane Example".into()),
        start: "2018-01-01".into(),
        acting: true,
        certainty: Certainty::Reported,
        sources: vec!["S1".into()],
    }));
    assert_eq!(session.doc.history.depth(), 1, "{}", session.status);
    assert!(!session.doc.has_errors(), "{:?}", session.doc.problems);
}

#[test]
fn ending_a_tenure_here_leaves_the_post_vacant_from_that_day() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    assert_eq!(holders(&session, "nhs-cio", "2018-06-01"), ["Will Smart"]);
    let person = session
        .doc
        .chart
        .person_id("will-smart")
        .expect("Will Smart");
    let index = (session.doc.file.people.iter())
        .find(|p| *p.id == *"will-smart")
        .and_then(|p| p.tenures.iter().position(|t| *t.post == *"nhs-cio"))
        .unwrap();
    assert_eq!(session.doc.chart.person(person).name, "Will Smart");
    session.apply(Command::Edit(Edit::EndTenure {
        person: "will-smart".into(),
        index,
        end: "2018-06-01".into(),
    }));
    assert!(holders(&session, "nhs-cio", "2018-06-01").is_empty());
    assert_eq!(holders(&session, "nhs-cio", "2018-05-31"), ["Will Smart"]);
    assert_eq!(
        session.doc.history.undo_label(),
        Some("end Will Smart's tenure")
    );
    // An end before the start is refused, and nothing changes.
    let depth = session.doc.history.depth();
    session.apply(Command::Edit(Edit::EndTenure {
        person: "will-smart".into(),
        index,
        end: "2010-01-01".into(),
    }));
    assert_eq!(session.doc.history.depth(), depth);
    assert!(
        session.status.starts_with("Not changed:"),
        "{}",
        session.status
    );
}

#[test]
fn moving_a_post_is_dated_and_never_rewrites_history() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    assert_eq!(
        manager(&session, "nhs-cio", "2020-06-01").as_deref(),
        Some("nhsx-ceo")
    );
    session.apply(Command::Edit(Edit::ReportTo {
        post: "nhs-cio".into(),
        manager: Some("nhsx-deputy-ceo".into()),
        from: day("2020-01-01"),
    }));
    assert_eq!(
        manager(&session, "nhs-cio", "2019-12-31").as_deref(),
        Some("nhsx-ceo")
    );
    assert_eq!(
        manager(&session, "nhs-cio", "2020-01-01").as_deref(),
        Some("nhsx-deputy-ceo")
    );
    assert_eq!(
        manager(&session, "nhs-cio", "2018-01-01").as_deref(),
        Some("nhse-ops-info"),
        "the years before are as they were"
    );
    assert!(!session.doc.has_errors(), "{:?}", session.doc.problems);
    let post = (session.doc.file.posts.iter())
        .find(|p| *p.id == *"nhs-cio")
        .unwrap();
    let ends: Vec<Option<&str>> = post.lines.iter().map(|l| l.end.as_deref()).collect();
    assert!(ends.contains(&Some("2020-01-01")), "{ends:?}");
    // A loop is refused: the deputy cannot report to a post that now reports to it.
    session.apply(Command::Edit(Edit::ReportTo {
        post: "nhsx-deputy-ceo".into(),
        manager: Some("nhs-cio".into()),
        from: day("2020-06-01"),
    }));
    assert!(
        session.status.contains("cannot report to it"),
        "{}",
        session.status
    );
    assert_eq!(session.doc.history.depth(), 1);
}

#[test]
fn typing_in_one_field_is_one_step_until_sealed() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    let header = |s: &Session| Header::of(&s.doc.file);
    let typed = |s: &Session, title: &str| {
        let before = Item::Header(header(s));
        let mut after = header(s);
        after.title = title.to_owned().into();
        Command::Edit(Edit::Replace {
            before: Box::new(before),
            after: Box::new(Item::Header(after)),
            label: "rename the chart".into(),
            field: Some("title".into()),
        })
    };
    let original = header(&session).title.to_string();
    for title in ["N", "NH", "NHS"] {
        let command = typed(&session, title);
        session.apply(command);
    }
    assert_eq!(session.doc.chart.info.title, "NHS");
    assert_eq!(session.doc.history.depth(), 1, "typing is one step");
    session.apply(Command::Seal);
    let command = typed(&session, "NHS IT");
    session.apply(command);
    assert_eq!(session.doc.history.depth(), 2);
    session.apply(Command::Undo);
    assert_eq!(session.doc.chart.info.title, "NHS");
    session.apply(Command::Undo);
    assert_eq!(session.doc.chart.info.title, original);
}

#[test]
fn deleting_a_post_takes_its_tenures_and_lines_and_ids_survive() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    let ceo = session.doc.chart.post_id("nhsx-ceo").unwrap();
    session.apply(Command::Select {
        post: Some(ceo),
        centre: false,
    });
    let before = session.doc.file.clone();
    session.apply(Command::Edit(Edit::Delete {
        list: List::Posts,
        id: "nhs-cio".into(),
    }));
    assert!(!session.doc.has_errors(), "{:?}", session.doc.problems);
    assert!(session.doc.chart.post_id("nhs-cio").is_none());
    let selected = session
        .selected
        .map(|p| session.doc.chart.post(p).key.to_string());
    assert_eq!(
        selected.as_deref(),
        Some("nhsx-ceo"),
        "the selection follows its post, whose place in the list moved"
    );
    assert!(
        (session.doc.file.people.iter())
            .flat_map(|p| &p.tenures)
            .all(|t| *t.post != *"nhs-cio")
    );
    session.apply(Command::Undo);
    assert_eq!(session.doc.file, before);
    assert_eq!(holders(&session, "nhs-cio", "2019-06-20"), ["Will Smart"]);
}

#[test]
fn an_edit_that_breaks_a_check_is_kept_listed_and_the_last_good_chart_drawn() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    // Will Smart's national CIO tenure made to start after it ends.
    let (_, before) = govchart::session::edit::find(&session.doc.file, List::People, "will-smart")
        .expect("Will Smart");
    let Item::Person(mut person) = before.clone() else {
        panic!("a person")
    };
    let tenure = (person.tenures.iter_mut())
        .find(|t| *t.post == *"nhs-cio")
        .unwrap();
    tenure.start = "2022-01-01".to_owned().into();
    session.apply(Command::Edit(Edit::Replace {
        before: Box::new(before),
        after: Box::new(Item::Person(person)),
        label: "change Will Smart: start".into(),
        field: Some("start".into()),
    }));
    assert!(session.doc.has_errors());
    assert!(
        session.status.contains("error"),
        "the status says so: {}",
        session.status
    );
    let problem = session.doc.problems.iter().find(|p| p.is_error()).unwrap();
    assert!(problem.path.starts_with("people["), "{problem}");
    assert_eq!(
        holders(&session, "nhs-cio", "2018-06-01"),
        ["Will Smart"],
        "the chart drawn is the last without errors"
    );
    session.apply(Command::SelectId(
        session.doc.subject_of(&problem.path.clone()).unwrap(),
    ));
    assert_eq!(
        session.selected,
        session.doc.chart.post_id("nhs-cio"),
        "a problem selects the post it is about"
    );
    session.apply(Command::Undo);
    assert!(!session.doc.has_errors());
}

#[test]
fn unsaved_edits_are_kept_in_a_recovery_file_until_saved() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    session.flush_recovery();
    let recovery = session
        .recovery
        .clone()
        .expect("a recovery file was written");
    assert!(recovery.starts_with(data.path()), "{}", recovery.display());
    // The window goes (as in a crash: nothing is saved or cleaned up).
    drop(session);
    // A new run finds it and restores the edit, unsaved.
    let mut next = self::session(data.path());
    let found = next.pending_recoveries();
    assert_eq!(found.len(), 1);
    next.restore(&found[0]).unwrap();
    assert_eq!(holders(&next, "nhs-cio", "2019-11-01"), ["Jane Example"]);
    assert!(next.doc.dirty());
    // Saving it removes the recovery file.
    let saved = data.path().join("restored.ron");
    next.save_to(saved.clone(), false).unwrap();
    assert!(!next.doc.dirty());
    assert!(next.pending_recoveries().is_empty());
    next.flush_recovery();
    assert!(!recovery.exists());
    let reopened = govchart::io::load_file(&saved).unwrap();
    assert!(reopened.chart.person_id("jane-example").is_some());
}

#[test]
fn a_chart_with_a_file_is_recovered_beside_it_and_undo_to_saved_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    let path = dir.path().join("nhs.ron");
    session.save_to(path.clone(), false).unwrap();
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    let beside = dir.path().join(".nhs.ron.govchart-recovery.ron");
    session.flush_recovery();
    assert_eq!(session.recovery.as_deref(), Some(beside.as_path()));
    assert!(beside.exists());
    assert!(
        session.pending_recoveries().is_empty(),
        "a window still open is not offered its own edits"
    );
    session.apply(Command::Undo);
    session.flush_recovery();
    assert!(!beside.exists(), "back as saved: nothing to recover");
    // Redone and then gone, the edit is offered as an edit of that file.
    session.apply(Command::Redo);
    drop(session);
    let next = self::session(data.path());
    let found = next.pending_recoveries();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].chart.as_deref(), Some(path.as_path()));
    assert_eq!(found[0].file, beside);
}

#[test]
fn a_second_window_on_a_file_with_a_waiting_recovery_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let path = dir.path().join("nhs.ron");
    std::fs::write(&path, govchart::io::BUILTIN_CHART).unwrap();
    let open = |data: &Path| {
        let mut s = session(data);
        let loaded = govchart::io::load_file(&path).unwrap();
        s.open(loaded.chart, Some(path.clone()));
        s
    };
    let mut first = open(data.path());
    first.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    drop(first);
    let mut second = open(data.path());
    second.apply(appoint("nhsx-cto", "Sam Example", "2019-06-20"));
    second.flush_recovery();
    let mine = second.recovery.clone().expect(&second.status);
    let waiting = second.pending_recoveries();
    assert_eq!(waiting.len(), 1, "the first window's edits wait");
    assert_ne!(
        waiting[0].file, mine,
        "each window keeps its own recovery file"
    );
    assert!(
        std::fs::read_to_string(&waiting[0].file)
            .unwrap()
            .contains("Jane Example")
    );
}

#[test]
fn saving_to_an_unwritable_place_keeps_the_edits_and_the_file_as_it_was() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    // A folder that is a file cannot be written in, not even by root.
    let blocker = data.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let target = blocker.join("chart.ron");
    let err = session.save_to(target.clone(), false).unwrap_err();
    assert!(matches!(err, SaveProblem::Failed(_)), "{err}");
    assert!(err.to_string().contains("cannot save"), "{err}");
    assert!(
        session.doc.dirty(),
        "the edits are still unsaved, and still there"
    );
    assert_eq!(holders(&session, "nhs-cio", "2019-11-01"), ["Jane Example"]);
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn a_file_changed_by_another_program_is_noticed_and_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    let path = dir.path().join("nhs.ron");
    session.save_to(path.clone(), false).unwrap();
    assert!(!session.changed_on_disk());
    let other = std::fs::read_to_string(&path)
        .unwrap()
        .replace("title: \"", "title: \"Edited elsewhere: ");
    std::fs::write(&path, &other).unwrap();
    assert!(session.changed_on_disk());
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    let err = session.save_to(path.clone(), false).unwrap_err();
    assert!(matches!(err, SaveProblem::ChangedOnDisk(_)), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), other);
    session.save_to(path.clone(), true).unwrap();
    assert!(!session.changed_on_disk());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Jane Example")
    );
}

/// Needs a small, nearly full file system in `GOVCHART_FULL_DISK` (`.ci/run` mounts a 32 KiB
/// tmpfs there).
#[test]
#[ignore = "needs a full file system: GOVCHART_FULL_DISK"]
fn saving_to_a_full_disk_says_so_and_keeps_the_file_and_the_edits() {
    let Some(full) = std::env::var_os("GOVCHART_FULL_DISK") else {
        eprintln!("GOVCHART_FULL_DISK is not set: not run");
        return;
    };
    let dir = Path::new(&full);
    let target = dir.join("chart.ron");
    std::fs::write(&target, "the chart as it was").unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    // The built-in chart's text (about 70 KB) does not fit in what is left.
    let err = session.save_to(target.clone(), true).unwrap_err();
    assert!(matches!(err, SaveProblem::Failed(_)), "{err}");
    assert!(err.to_string().contains("No space left"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the chart as it was"
    );
    assert!(session.doc.dirty());
    assert_eq!(holders(&session, "nhs-cio", "2019-11-01"), ["Jane Example"]);
    let left: Vec<_> = std::fs::read_dir(dir).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind: {left:?}");
    std::fs::remove_file(&target).unwrap();
}

#[test]
fn the_boundaries_a_snapshot_steps_by_are_found_aside_and_again_after_an_edit() {
    let data = tempfile::tempdir().unwrap();
    let mut session = session(data.path());
    let wait = |session: &mut Session| {
        let start = std::time::Instant::now();
        loop {
            if let Some(found) = session.doc.boundaries_if_found() {
                return found.clone();
            }
            assert!(start.elapsed().as_secs() < 60, "the boundaries are found");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    };
    let found = wait(&mut session);
    assert_eq!(
        found,
        govchart::timeline::Boundaries::of(&session.doc.chart)
    );
    // An edit builds the chart again: its boundaries are those of the new chart.
    session.apply(appoint("nhs-cio", "Jane Example", "2019-11-01"));
    assert!(!session.doc.has_errors(), "{:?}", session.doc.problems);
    let again = wait(&mut session);
    assert_ne!(again, found, "the appointment's days are among them");
    assert_eq!(
        again,
        govchart::timeline::Boundaries::of(&session.doc.chart)
    );
}
