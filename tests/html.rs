//! The web page of the chart through time: what it holds as written (every change day, each
//! card named with that day's holders, no outside resources, its size), and what a reader
//! sees in headless Chromium: the day a dated link names, the slider changing the holder on
//! the national CIO card, a card's holders and sources when chosen.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on what it did not expect"
)]

use std::path::Path;
use std::process::{Command, Stdio};

use govchart::date::{Day, PartialDate};
use govchart::export::html::{Page, to_html};
use govchart::model::{Chart, PostId};
use govchart::scene::Theme;
use govchart::timeline::{Snapshot, holding::card_label};

fn builtin() -> Chart {
    govchart::io::builtin().unwrap().chart
}

fn day(text: &str) -> Day {
    text.parse::<PartialDate>().unwrap().first_day()
}

/// The data the page's script reads.
fn data_of(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/json\" id=\"govchart-data\">")
        .unwrap();
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[open..close]).unwrap()
}

/// What every card on the chart on `day` is named: "post, organisation: holder".
fn labels_on(chart: &Chart, day: Day) -> Vec<(String, String)> {
    let snapshot = Snapshot::at(chart, day);
    (0..chart.posts.len() as u32)
        .map(PostId)
        .filter(|&p| snapshot.post(p).is_some())
        .map(|p| {
            (
                chart.post(p).key.to_string(),
                card_label(chart, &snapshot, p),
            )
        })
        .collect()
}

/// A day's picture as the page's script draws it.
fn day_svg(data: &serde_json::Value, index: usize) -> String {
    let fragments = data["fragments"].as_array().unwrap();
    let day = &data["days"][index];
    (day["items"].as_array().unwrap().iter())
        .map(|item| {
            fragments[item[0].as_u64().unwrap() as usize]
                .as_str()
                .unwrap()
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn the_builtin_page_is_under_a_megabyte_and_needs_nothing_from_outside() {
    let chart = builtin();
    let html = to_html(&chart, &Page::whole(&chart, Theme::light()), &mut |_, _| {
        true
    })
    .unwrap();
    assert!(
        html.len() < 1 << 20,
        "the page is {} bytes, over 1 MB",
        html.len()
    );
    // The font is inside it; nothing is fetched.
    assert!(html.contains("src: url(data:font/ttf;base64,AAEAAA"));
    for fetch in [
        "<link",
        "@import",
        "src=\"http",
        "url(http",
        "<iframe",
        "<img",
    ] {
        assert!(!html.contains(fetch), "the page fetches something: {fetch}");
    }
    // Links to sources are there, to follow.
    assert!(html.contains("https://"));
}

#[test]
fn every_change_day_is_on_the_slider_with_that_days_holders_on_its_cards() {
    let chart = builtin();
    let page = Page::whole(&chart, Theme::light());
    let html = to_html(&chart, &page, &mut |_, _| true).unwrap();
    let data = data_of(&html);
    let days: Vec<String> = (data["days"].as_array().unwrap().iter())
        .map(|d| d["d"].as_str().unwrap().to_owned())
        .collect();
    let mut expected = vec![page.from];
    expected.extend(
        govchart::timeline::change_days(&chart)
            .into_iter()
            .filter(|&d| d > page.from && d <= page.to),
    );
    let expected: Vec<String> = (expected.iter())
        .map(|&d| PartialDate::from_day(d).to_string())
        .collect();
    assert_eq!(days, expected);
    assert!(days.len() > 40, "only {} days", days.len());
    for (index, text) in days.iter().enumerate() {
        let svg = day_svg(&data, index);
        let labels = labels_on(&chart, day(text));
        assert!(!labels.is_empty());
        for (key, label) in labels {
            let card = format!(
                "data-post=\"{}\" tabindex=\"0\" role=\"button\" aria-label=\"{}\"",
                escape(&key),
                escape(&label)
            );
            assert!(svg.contains(&card), "{text}: no card named {label:?}");
        }
    }
    // The slider's range, and the day it opens on: the chart's default date, 20 Jun 2019.
    assert!(html.contains(&format!("max=\"{}\"", days.len() - 1)));
    assert_eq!(data["opening_day"], "2019-06-20");
    let opening = data["opening"].as_u64().unwrap() as usize;
    assert!(days[opening].as_str() <= "2019-06-20" && days[opening + 1].as_str() > "2019-06-20");
}

#[test]
fn the_page_without_its_script_shows_the_opening_day() {
    let chart = builtin();
    let html = to_html(&chart, &Page::whole(&chart, Theme::light()), &mut |_, _| {
        true
    })
    .unwrap();
    let body = &html[..html.find("<script type=\"application/json\"").unwrap()];
    // On 20 June 2019 Will Smart was still national CIO (he left at the end of September).
    let label = labels_on(&chart, day("2019-06-20"))
        .into_iter()
        .find(|(key, _)| key == "nhs-cio")
        .unwrap()
        .1;
    assert!(label.ends_with(": Will Smart"), "{label}");
    assert!(body.contains(&format!("aria-label=\"{}\"", escape(&label))));
    assert!(
        body.contains(
            "<output id=\"date\" for=\"slider\" aria-live=\"polite\">20 Jun 2019</output>"
        )
    );
}

#[test]
fn text_from_the_chart_cannot_break_out_of_the_page() {
    let text = std::fs::read_to_string("charts/nhs-it-governance.ron").unwrap();
    let hostile = text.replacen(
        "title: \"NHS IT governance in England, 2016–2023\"",
        "title: \"</script><script>alert(1)</script> {{svg}} & co\"",
        1,
    );
    assert_ne!(hostile, text, "the chart's title was not found");
    let chart = govchart::io::load_str(&hostile, Path::new("hostile.ron"))
        .unwrap()
        .chart;
    let html = to_html(&chart, &Page::whole(&chart, Theme::light()), &mut |_, _| {
        true
    })
    .unwrap();
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the page's own scripts"
    );
    assert!(html.contains(
        "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{svg}} &amp; co</title>"
    ));
    // The data still reads back whole.
    assert_eq!(
        data_of(&html)["title"],
        "</script><script>alert(1)</script> {{svg}} & co"
    );
}

#[test]
fn stopping_the_page_part_way_makes_none() {
    let chart = builtin();
    let mut seen = 0;
    let made = to_html(
        &chart,
        &Page::whole(&chart, Theme::light()),
        &mut |done, _| {
            seen = done;
            done < 3
        },
    );
    assert!(matches!(
        made,
        Err(govchart::render::RenderError::Cancelled)
    ));
    assert_eq!(seen, 3);
}

/// What the browser driver saw at each step.
fn drive(html: &Path, steps: &serde_json::Value, profile: &Path) -> Vec<serde_json::Value> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
        .expect("Chromium is installed (Debian's chromium package; .ci/run installs it)");
    let python = std::env::var("GOVCHART_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut child = Command::new(python)
        .arg("tests/browser/drive.py")
        .arg(chromium)
        .arg(profile)
        .args(["1280", "800"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let steps = steps
        .to_string()
        .replace("PAGE", &format!("file://{}", html.display()));
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), steps.as_bytes()).unwrap();
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the browser driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (String::from_utf8(out.stdout).unwrap().lines())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["value"].clone())
        .collect()
}

/// The share of a screenshot's pixels that differ from its top-left pixel, and how many
/// colours it has.
fn ink(png_path: &Path) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let first = pixels[0];
    let differ = pixels.iter().filter(|p| p[..3] != first[..3]).count();
    let colours: std::collections::HashSet<&[u8]> = pixels.iter().map(|p| &p[..3]).collect();
    (differ as f64 / pixels.len() as f64, colours.len())
}

const CIO: &str =
    "document.querySelector('.card[data-post=\"nhs-cio\"]').getAttribute('aria-label')";

#[test]
#[ignore = "needs Chromium and python3 (installed by .ci/run)"]
fn in_chromium_a_dated_link_opens_at_its_day_and_the_slider_changes_the_cio() {
    let chart = builtin();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("chart.html");
    let status = Command::new(env!("CARGO_BIN_EXE_govchart"))
        .args(["export", "--format", "html", "--out"])
        .arg(&html)
        .status()
        .unwrap();
    assert!(status.success());
    let shot = dir.path().join("shot.png");
    let mut steps = vec![
        serde_json::json!({"open": "PAGE#2019-11-01"}),
        serde_json::json!({"eval": "document.getElementById('date').textContent"}),
        serde_json::json!({"eval": "Array.from(document.querySelectorAll('#picture .card')).map(c => [c.dataset.post, c.getAttribute('aria-label')])"}),
        serde_json::json!({"screenshot": shot.display().to_string()}),
        serde_json::json!({"eval": "document.getElementById('slider').focus(); document.activeElement.id"}),
    ];
    // The slider moved with the keyboard, a change at a time.
    for _ in 0..6 {
        steps.push(serde_json::json!({"key": "ArrowRight"}));
        steps.push(serde_json::json!({"eval": format!("[location.hash, document.getElementById('date').textContent, {CIO}]")}));
    }
    // The CIO card chosen with the mouse, then another with the keyboard.
    steps.push(serde_json::json!({"click": ".card[data-post=\"nhs-cio\"]"}));
    steps.push(serde_json::json!({"eval": "document.getElementById('details').innerText"}));
    steps.push(serde_json::json!({"eval": "document.querySelector('.card[data-post=\"nhs-ccio\"]').focus(); document.activeElement.dataset.post"}));
    steps.push(serde_json::json!({"key": "Enter"}));
    steps.push(serde_json::json!({"eval": "document.querySelector('#details h2').textContent"}));
    let seen = drive(&html, &serde_json::Value::Array(steps), dir.path());

    // Opened at a dated link, it shows that day and that day's holders on every card.
    assert_eq!(seen[1], "1 Nov 2019");
    let mut shown: Vec<(String, String)> = (seen[2].as_array().unwrap().iter())
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    shown.sort();
    let mut expected = labels_on(&chart, day("2019-11-01"));
    expected.sort();
    assert_eq!(shown, expected);
    let vacant = expected.iter().find(|(k, _)| k == "nhs-cio").unwrap();
    assert!(vacant.1.ends_with(": vacant"), "{}", vacant.1);

    // The screenshot is of a drawn page, not a blank one.
    let (share, colours) = ink(&shot);
    assert!(
        share > 0.05,
        "only {:.1}% of the screenshot is drawn",
        share * 100.0
    );
    assert!(colours > 50, "only {colours} colours in the screenshot");

    // Each step of the slider names a change day in the link, and the cards show that day;
    // along the way the national CIO card goes from vacant to its next holder.
    let steps_seen = &seen[5..17];
    let mut labels = Vec::new();
    for observed in steps_seen.iter().skip(1).step_by(2) {
        let hash = observed[0].as_str().unwrap();
        let date = hash.trim_start_matches('#');
        assert_eq!(observed[1], PartialDate::from_day(day(date)).human());
        let expected = labels_on(&chart, day(date))
            .into_iter()
            .find(|(k, _)| k == "nhs-cio")
            .unwrap()
            .1;
        assert_eq!(observed[2], expected.as_str(), "on {date}");
        labels.push(expected);
    }
    assert!(
        labels.iter().any(|l| l.ends_with(": Sonia Patel")),
        "the CIO card never changed: {labels:?}"
    );

    // The card's holders over time and their sources.
    let details = seen[18].as_str().unwrap();
    assert!(details.starts_with("National Chief Information Officer for health and care"));
    for name in ["Will Smart", "Sonia Patel"] {
        assert!(details.contains(name), "{name} not in {details}");
    }
    assert!(details.contains("Digital Health News"));
    assert_eq!(seen[19], "nhs-ccio");
    assert_eq!(
        seen[21],
        chart
            .post(chart.post_id("nhs-ccio").unwrap())
            .title
            .as_str()
    );
}

#[test]
fn a_chart_that_changes_on_many_days_gets_a_slider_of_months() {
    let file = govchart::generate::generate(300, 7);
    let text = govchart::generate::to_compact_ron(&file).unwrap();
    let chart = govchart::io::load_str(&text, Path::new("generated.ron"))
        .unwrap()
        .chart;
    let page = Page::whole(&chart, Theme::light());
    let (from, to) = govchart::timeline::range(&chart);
    let changes = govchart::timeline::change_days(&chart)
        .into_iter()
        .filter(|&d| d > from && d <= to)
        .count();
    assert!(
        changes > govchart::export::html::MOST_DAYS,
        "only {changes} change days"
    );
    assert_eq!(page.step, govchart::animate::Step::Month);
    let html = to_html(&chart, &page, &mut |_, _| true).unwrap();
    let data = data_of(&html);
    let days = data["days"].as_array().unwrap();
    assert!(days.len() <= govchart::export::html::MOST_DAYS);
    assert!(
        days[1..]
            .iter()
            .all(|d| d["d"].as_str().unwrap().ends_with("-01"))
    );
    assert!(html.contains(&format!(
        "The slider has {} days: the first of every month.",
        days.len()
    )));
}
