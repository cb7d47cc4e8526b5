//! The command line as a user runs it: output, JSON shape and exit codes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::process::{Command, Output};

fn govchart(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_govchart"))
        .args(args)
        .output()
        .expect("govchart runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_summarises_the_built_in_chart() {
    let out = govchart(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("<built-in chart>: valid"), "{text}");
    for part in [
        "organisations",
        "posts",
        "people",
        "tenures",
        "lines",
        "events",
        "Jul 2016 to 28 Feb 2023",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
}

#[test]
fn at_lists_holders_vacancies_and_lines() {
    let out = govchart(&["at", "--date", "2019-06-20"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("As of 20 Jun 2019"));
    assert!(
        text.contains("Will Smart, since Aug 2016 [confirmed]"),
        "{text}"
    );
    assert!(text.contains("VACANT"));
    assert!(text.contains("reports to Chief executive, NHSX"), "{text}");
    assert!(
        text.contains("Matthew Gould (designate), named Apr 2019 [confirmed]"),
        "{text}"
    );
    assert!(!text.contains("Sajid Javid"), "not yet in post");
}

#[test]
fn at_json_has_the_documented_shape() {
    let out = govchart(&["at", "--date", "2019-11", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["date"], "2019-11");
    let orgs = json["organisations"].as_array().unwrap();
    assert!(
        orgs.iter()
            .any(|o| o["id"] == "nhsx" && o["name"] == "NHSX")
    );
    let posts = json["posts"].as_array().unwrap();
    let post = |id: &str| {
        posts
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let cio = post("nhs-cio");
    assert!(cio["holder"].is_null(), "vacant after Smart left");
    assert_eq!(cio["organisation"], "NHSX", "in NHSX by Jul 2019");
    let ceo = post("nhsx-ceo");
    assert_eq!(ceo["holder"], "Matthew Gould");
    assert_eq!(ceo["holder_since"], "2019-04");
    assert_eq!(ceo["acting"], false);
    assert_eq!(ceo["certainty"], "confirmed");
    assert_eq!(ceo["reports_to"], "health-secretary");
    let cto = post("nhsx-cto");
    assert_eq!(cto["holder"], "Hadley Beeman");
    assert_eq!(cto["acting"], true);
    for key in [
        "id",
        "title",
        "organisation",
        "holder",
        "holder_since",
        "acting",
        "certainty",
        "reports_to",
    ] {
        assert!(cio.get(key).is_some(), "{key} present");
    }
}

#[test]
fn diff_names_who_left_and_arrived() {
    let out = govchart(&["diff", "--from", "2019-03-01", "--to", "2019-10-01"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Matthew Swindells left"), "{text}");
    assert!(text.contains("Will Smart left"));
    assert!(text.contains("NHSX came into being"));
    assert!(text.contains("1 Jul 2019: NHSX operational"));

    let out = govchart(&[
        "diff",
        "--from",
        "2019-03-01",
        "--to",
        "2019-10-01",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["from"], "2019-03-01");
    assert_eq!(json["to"], "2019-10-01");
    let changes = json["changes"].as_array().unwrap();
    let left = changes
        .iter()
        .find(|c| c["kind"] == "holder_left" && c["person"] == "will-smart")
        .expect("Smart left");
    assert_eq!(left["post"], "nhs-cio");
    assert!(
        left["summary"]
            .as_str()
            .unwrap()
            .contains("National Chief Information Officer")
    );
    assert!(
        changes
            .iter()
            .any(|c| c["kind"] == "organisation_founded" && c["organisation"] == "nhsx")
    );
    assert!(
        changes
            .iter()
            .all(|c| c["summary"].as_str().is_some_and(|s| !s.is_empty()))
    );
}

#[test]
fn show_prints_the_default_date() {
    let out = govchart(&["show"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("As of 20 Jun 2019"));
}

#[test]
fn without_a_display_the_window_says_so_and_exits_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_govchart"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", tempfile::tempdir().unwrap().path())
        .output()
        .expect("govchart runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open a window"), "{err}");
    // A chart path and a command cannot be mixed.
    let out = govchart(&["charts/nhs-it-governance.ron", "check"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_invalid_chart_exits_1_and_names_the_file_and_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        "(\n    version: 1,\n    title: \"t\",\n    people: [(id: \"a\", name: \"A\", tenures: [(post: \"nope\", start: \"2019\", certainty: Confirmed, sources: [])])],\n)\n",
    )
    .unwrap();
    let out = govchart(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:4:", path.display())), "{err}");
    assert!(err.contains("unknown post \"nope\""), "{err}");
    assert!(stdout(&out).is_empty());
    // Other commands refuse it the same way.
    let out = govchart(&["at", "--date", "2019", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = govchart(&["check", "/no/such/chart.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/chart.ron"));
    let out = govchart(&["at", "--date", "2019-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("February 2019 has 28 days"),
        "{}",
        stderr(&out)
    );
    let out = govchart(&["at"]);
    assert_eq!(out.status.code(), Some(2));
    let out = govchart(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = govchart(&["generate", "--posts", "0", "--out", "x.ron"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn generate_writes_a_chart_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let generate = |name: &str| {
        let path = dir.path().join(name);
        let out = govchart(&[
            "generate",
            "--posts",
            "500",
            "--seed",
            "3",
            "--out",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        path
    };
    let path = generate("g.ron");
    let out = govchart(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("500 posts"));
    let again = generate("g2.ron");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(&again).unwrap(),
        "same seed, same chart"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: no disk space is used.
    file.set_len(govchart::io::MAX_FILE_BYTES + 1).unwrap();
    let out = govchart(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: the file is 1073741825 bytes"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.ron");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(govchart::io::BUILTIN_CHART.as_bytes());
    std::fs::write(&path, bytes).unwrap();
    let out = govchart(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn animate_writes_a_gif_and_refuses_what_it_cannot_make() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("story.gif");
    let out_arg = out.to_str().unwrap();
    let made = govchart(&[
        "animate",
        "--from",
        "2019-06-01",
        "--to",
        "2019-07-15",
        "--width",
        "400",
        "--quiet",
        "--out",
        out_arg,
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(&bytes[..6], b"GIF89a");
    for (args, says) in [
        (vec!["--out", "story.mp4"], "name it .gif, or .png"),
        (vec!["--fps", "0", "--out", out_arg], "--fps must be"),
        (
            vec!["--width", "20", "--out", out_arg],
            "--width must be between",
        ),
        (
            vec![
                "--from",
                "2020-01-01",
                "--to",
                "2019-01-01",
                "--out",
                out_arg,
            ],
            "is before --from",
        ),
        (vec!["--hold", "NaN", "--out", out_arg], "--hold must be"),
    ] {
        let mut all = vec!["animate"];
        all.extend(args.iter().copied());
        let refused = govchart(&all);
        assert!(!refused.status.success(), "{args:?} was accepted");
        assert!(
            stderr(&refused).contains(says),
            "{args:?}: {}",
            stderr(&refused)
        );
    }
    assert_eq!(
        std::fs::read(&out).unwrap(),
        bytes,
        "a refused run leaves the file alone"
    );
}

#[test]
fn export_writes_a_web_page_opening_on_the_date_and_refuses_picture_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.html");
    let out_arg = out.to_str().unwrap();
    let made = govchart(&["export", "--date", "2021-03-01", "--out", out_arg]);
    assert!(made.status.success(), "{}", stderr(&made));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("aria-live=\"polite\">1 Mar 2021</output>"));
    for (args, says) in [
        (
            vec!["--compare", "2019-01-01", "--out", out_arg],
            "--compare is for pictures",
        ),
        (
            vec!["--date", "1990-01-01", "--out", out_arg],
            "is outside the chart",
        ),
        (
            vec!["--format", "html", "--out", "/nonexistent/dir/x.html"],
            "cannot write",
        ),
    ] {
        let mut all = vec!["export"];
        all.extend(args.iter().copied());
        let refused = govchart(&all);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&refused).contains(says),
            "{args:?}: {}",
            stderr(&refused)
        );
    }
}
