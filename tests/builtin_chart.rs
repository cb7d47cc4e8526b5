//! The built-in chart checked against its sources at several dates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use govchart::date::PartialDate;
use govchart::model::{Certainty, Chart, EventKind};
use govchart::timeline::Snapshot;

fn chart() -> Chart {
    govchart::io::builtin()
        .expect("the built-in chart loads")
        .chart
}

fn at(chart: &Chart, date: &str) -> Snapshot {
    let date: PartialDate = date.parse().expect("a date");
    Snapshot::at(chart, date.first_day())
}

/// The names of whoever holds `post` on `date`.
fn holders(chart: &Chart, post: &str, date: &str) -> Vec<String> {
    let snapshot = at(chart, date);
    let post = chart
        .post_id(post)
        .unwrap_or_else(|| panic!("post {post} exists"));
    snapshot
        .holders_of(post)
        .iter()
        .map(|h| chart.person(h.person).name.to_string())
        .collect()
}

fn exists(chart: &Chart, org: &str, date: &str) -> bool {
    at(chart, date).has_org(chart.org_id(org).expect("organisation exists"))
}

#[test]
fn national_cio_is_will_smart_in_june_2019_and_vacant_in_november() {
    let chart = chart();
    assert_eq!(holders(&chart, "nhs-cio", "2019-06-20"), ["Will Smart"]);
    assert_eq!(holders(&chart, "nhs-cio", "2016-09-01"), ["Will Smart"]);
    assert!(holders(&chart, "nhs-cio", "2019-11-01").is_empty());
    let snapshot = at(&chart, "2019-11-01");
    assert!(
        snapshot.post(chart.post_id("nhs-cio").unwrap()).is_some(),
        "the post still shows, vacant"
    );
}

#[test]
fn will_smart_was_at_the_royal_free_before() {
    let chart = chart();
    assert_eq!(
        holders(&chart, "royal-free-cio", "2015-01-01"),
        ["Will Smart"]
    );
}

#[test]
fn nhsx_first_appears_in_april_2019() {
    let chart = chart();
    assert!(
        !exists(&chart, "nhsx", "2019-02-19"),
        "announced, not yet set up"
    );
    assert!(!exists(&chart, "nhsx", "2019-03-31"));
    assert!(exists(&chart, "nhsx", "2019-04-01"));
    assert!(exists(&chart, "nhsx", "2021-06-01"));
    assert!(
        !exists(&chart, "nhsx", "2022-03-01"),
        "merged into the Transformation Directorate"
    );
    assert_eq!(holders(&chart, "nhsx-ceo", "2019-06-20"), ["Matthew Gould"]);
}

#[test]
fn nhse_and_nhsi_are_one_organisation_after_the_legal_merger() {
    let chart = chart();
    for org in ["nhs-england", "nhs-improvement", "nhse-i"] {
        assert!(exists(&chart, org, "2022-06-30"), "{org} before the merger");
    }
    assert!(exists(&chart, "nhs-england", "2022-07-01"));
    assert!(!exists(&chart, "nhs-improvement", "2022-07-01"));
    assert!(!exists(&chart, "nhse-i", "2022-07-01"));
    let merger = chart
        .events
        .iter()
        .find(|e| e.date.to_string() == "2022-07-01")
        .expect("legal merger event");
    let EventKind::Merger { into, absorbed } = &merger.kind else {
        panic!("the legal merger is a merger event");
    };
    assert_eq!(chart.org(*into).key, "nhs-england");
    assert!(absorbed.contains(&chart.org_id("nhs-improvement").unwrap()));
}

#[test]
fn nhs_digital_is_gone_from_february_2023() {
    let chart = chart();
    assert!(exists(&chart, "nhs-digital", "2023-01-31"));
    assert!(!exists(&chart, "nhs-digital", "2023-02-01"));
}

#[test]
fn swindells_announced_in_may_and_left_at_the_end_of_july_2019() {
    let chart = chart();
    assert_eq!(
        holders(&chart, "nhse-ops-info", "2019-06-20"),
        ["Matthew Swindells"]
    );
    assert_eq!(
        holders(&chart, "nhse-ops-info", "2019-07-31"),
        ["Matthew Swindells"]
    );
    assert!(holders(&chart, "nhse-ops-info", "2019-08-01").is_empty());
    assert!(
        at(&chart, "2019-08-01")
            .post(chart.post_id("nhse-ops-info").unwrap())
            .is_none(),
        "no successor is known, so the post is no longer followed rather than shown vacant"
    );
    let announced = chart
        .events
        .iter()
        .find(|e| e.date.to_string() == "2019-05-14")
        .expect("the announcement is an event");
    assert!(announced.title.contains("Swindells"));
    let person = chart.person_id("matthew-swindells").unwrap();
    let tenure = chart
        .tenures
        .iter()
        .find(|t| t.person == person && chart.post(t.post).key == "nhse-ops-info")
        .unwrap();
    assert!(tenure.end_cause().unwrap_or("").contains("Accenture"));
}

#[test]
fn the_expected_departure_stays_expected_and_the_confirmation_follows() {
    let chart = chart();
    let expected = chart
        .events
        .iter()
        .find(|e| e.fact.certainty == Certainty::Expected)
        .expect("an expected event");
    assert_eq!(expected.date.to_string(), "2019-06");
    assert!(expected.title.contains("Smart"));
    let confirmed = chart
        .events
        .iter()
        .find(|e| e.date.to_string() == "2019-07-12")
        .expect("confirmation");
    assert_eq!(confirmed.fact.certainty, Certainty::Confirmed);
}

#[test]
fn health_secretaries_hand_over_on_the_day() {
    let chart = chart();
    assert_eq!(
        holders(&chart, "health-secretary", "2018-07-08"),
        ["Jeremy Hunt"]
    );
    assert_eq!(
        holders(&chart, "health-secretary", "2018-07-09"),
        ["Matt Hancock"]
    );
    assert_eq!(
        holders(&chart, "health-secretary", "2021-06-26"),
        ["Sajid Javid"]
    );
    let snapshot = at(&chart, "2017-06-01");
    let post = snapshot
        .post(chart.post_id("health-secretary").unwrap())
        .unwrap();
    assert_eq!(chart.org(post.organisation).key, "department-of-health");
    let snapshot = at(&chart, "2019-06-01");
    let post = snapshot
        .post(chart.post_id("health-secretary").unwrap())
        .unwrap();
    assert_eq!(chart.org(post.organisation).key, "dhsc");
}

#[test]
fn departures_say_where_people_went() {
    let chart = chart();
    let cause = |person: &str| {
        let id = chart.person_id(person).unwrap();
        chart
            .tenures
            .iter()
            .filter(|t| t.person == id)
            .filter_map(|t| t.end_cause())
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(cause("juliet-bauer").contains("Livi"));
    assert!(cause("inderjit-singh").contains("PA Consulting"));
    assert!(cause("matthew-swindells").contains("Accenture"));
}

#[test]
fn everyone_and_everything_the_articles_name_is_in_the_chart() {
    let chart = chart();
    let people: Vec<&str> = chart.people.iter().map(|p| p.name.as_str()).collect();
    for name in [
        "Will Smart",
        "Matthew Swindells",
        "Juliet Bauer",
        "Inderjit Singh",
        "Simon Eccles",
        "Matthew Gould",
        "Matt Hancock",
        "Sarah Wilkinson",
    ] {
        assert!(people.contains(&name), "{name} is in the chart");
    }
    let orgs: Vec<&str> = chart
        .organisations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    for name in [
        "NHS England",
        "NHS Improvement",
        "NHSX",
        "NHS Digital",
        "Government Digital Service",
    ] {
        assert!(orgs.contains(&name), "{name} is in the chart");
    }
    assert!(
        orgs.iter()
            .any(|o| o.contains("Department of Health and Social Care"))
    );
    assert!(orgs.iter().any(|o| o.contains("Royal Free")));
}

#[test]
fn milestones_cover_the_merger_and_nhsx() {
    let chart = chart();
    let milestones: Vec<(String, &str)> = chart
        .events
        .iter()
        .filter(|e| e.milestone)
        .map(|e| (e.date.to_string(), e.title.as_str()))
        .collect();
    for date in [
        "2018-03-27",
        "2019-02-19",
        "2019-04-01",
        "2019-07-01",
        "2022-07-01",
        "2023-02-01",
    ] {
        assert!(
            milestones.iter().any(|(d, _)| d == date),
            "a milestone on {date}: {milestones:?}"
        );
    }
}

#[test]
fn every_fact_cites_a_source_and_the_default_date_shows_the_shake_up() {
    let loaded = govchart::io::builtin().unwrap();
    for warning in &loaded.warnings {
        assert!(
            warning.message.contains("acting holder covering"),
            "unexpected warning: {warning}"
        );
    }
    let chart = loaded.chart;
    assert_eq!(
        chart.info.default_date.map(|d| d.to_string()).as_deref(),
        Some("2019-06-20")
    );
    for tenure in &chart.tenures {
        assert!(!tenure.fact.sources.is_empty());
    }
    let (from, to) = govchart::timeline::range(&chart);
    assert_eq!(PartialDate::from_day(from).to_string(), "2016-07-01");
    assert_eq!(PartialDate::from_day(to).to_string(), "2023-02-28");
}

#[test]
fn posts_are_shown_only_while_the_chart_follows_them() {
    let chart = chart();
    let shown = |post: &str, date: &str| {
        let id = chart.post_id(post).unwrap();
        at(&chart, date).post(id).is_some()
    };
    // The Royal Free post is followed only for Will Smart's time there: later it is not
    // shown at all, rather than shown vacant.
    assert!(shown("royal-free-cio", "2015-06-01"));
    assert!(!shown("royal-free-cio", "2019-06-20"));
    // NHSX's CTO post, which the June 2019 article says Gould was recruiting for, shows as
    // vacant.
    assert!(shown("nhsx-cto", "2019-06-20"));
    assert!(holders(&chart, "nhsx-cto", "2019-06-20").is_empty());
}

#[test]
fn stepping_from_change_to_change() {
    use govchart::date::Day;
    use govchart::timeline::{change_days, next_change, previous_change};
    let chart = chart();
    let days = change_days(&chart);
    let day = |y, m, d| Day::from_civil(y, m, d);
    // From the eve of NHSX going live, the next change is that day.
    assert_eq!(next_change(&days, day(2019, 6, 30)), Some(day(2019, 7, 1)));
    assert_eq!(
        next_change(&days, day(2019, 7, 1)).map(|d| d > day(2019, 7, 1)),
        Some(true)
    );
    assert_eq!(
        previous_change(&days, day(2019, 7, 1)).map(|d| d < day(2019, 7, 1)),
        Some(true)
    );
    assert_eq!(
        previous_change(&days, day(2019, 7, 2)),
        Some(day(2019, 7, 1))
    );
    // Nothing lies between a day and the next change.
    for w in days.windows(2) {
        assert_eq!(next_change(&days, w[0]), Some(w[1]));
        assert_eq!(previous_change(&days, w[1]), Some(w[0]));
    }
    assert_eq!(next_change(&days, *days.last().unwrap()), None);
    assert_eq!(previous_change(&days, days[0]), None);
}

/// The ids of the posts shown with no holder on `date`, sorted.
fn vacant(chart: &Chart, date: &str) -> Vec<String> {
    let snapshot = at(chart, date);
    let mut out: Vec<String> = snapshot
        .posts
        .iter()
        .filter(|view| snapshot.holders(view).is_empty())
        .map(|view| chart.post(view.post).key.to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn posts_are_not_shown_vacant_where_the_sources_only_name_no_holder() {
    let chart = chart();
    let shown = |post: &str, date: &str| {
        let id = chart.post_id(post).unwrap();
        at(&chart, date).post(id).is_some()
    };
    // Lord Prior succeeded Malcolm Grant, whose start is not known: the chair is followed
    // from Prior's start, and Richard Meddings is chair by Mar 2022.
    assert!(!shown("nhse-chair", "2017-06-01"));
    assert_eq!(
        holders(&chart, "nhse-chair", "2019-06-20"),
        ["Lord (David) Prior"]
    );
    assert_eq!(
        holders(&chart, "nhse-chair", "2022-08-01"),
        ["Richard Meddings"]
    );
    let meddings = chart.person_id("richard-meddings").unwrap();
    let tenure = chart.tenures.iter().find(|t| t.person == meddings).unwrap();
    assert_eq!(tenure.start.to_string(), "2022-03");
    assert_eq!(tenure.fact.certainty, Certainty::Reported);
    // NHS Improvement's chief executive: followed from Ian Dalton (about Dec 2017) to the
    // end of Amanda Pritchard's tenure (3 Aug 2021).
    assert!(!shown("nhsi-ceo", "2017-11-30"));
    assert_eq!(holders(&chart, "nhsi-ceo", "2017-12-01"), ["Ian Dalton"]);
    assert_eq!(
        holders(&chart, "nhsi-ceo", "2021-08-02"),
        ["Amanda Pritchard"]
    );
    assert!(!shown("nhsi-ceo", "2021-08-03"));
    // Others followed only while the sources name their holders.
    assert!(!shown("nhse-coo", "2019-06-04"));
    assert!(!shown("nhsd-ceo", "2017-05-31"));
    assert!(!shown("gds-head", "2016-07-31"));
    assert!(!shown("nhse-digital-development", "2019-02-28"));
    assert!(!shown("nhse-cdo", "2019-08-01"));
    assert!(!shown("nhs-ccio", "2022-05-01"));
    // The national CIO is vacant after Will Smart while NHSX recruited.
    assert!(shown("nhs-cio", "2019-11-01"));
    assert!(holders(&chart, "nhs-cio", "2019-11-01").is_empty());
    // The vacancies left are the ones the sources support: the NHSX CTO Gould was recruiting
    // for in Jun 2019, the national CIO from Oct 2019 until Sonia Patel was named, and the
    // national CCIO between Keith McNeil (2017) and Simon Eccles (Feb 2018).
    assert!(vacant(&chart, "2016-07-01").is_empty());
    assert!(vacant(&chart, "2017-06-01").is_empty());
    assert_eq!(vacant(&chart, "2018-01-15"), ["nhs-ccio"]);
    assert!(vacant(&chart, "2018-06-01").is_empty());
    assert_eq!(vacant(&chart, "2019-06-20"), ["nhsx-cto"]);
    assert_eq!(vacant(&chart, "2019-11-01"), ["nhs-cio"]);
    assert_eq!(vacant(&chart, "2020-02-27"), ["nhs-cio"]);
    for date in [
        "2020-03-15",
        "2020-09-01",
        "2021-06-01",
        "2022-08-01",
        "2022-10-01",
        "2023-01-15",
        "2023-02-15",
    ] {
        assert!(
            vacant(&chart, date).is_empty(),
            "on {date}: {:?}",
            vacant(&chart, date)
        );
    }
}

/// Each holder of `post` on `date` as the card and `govchart at` read them.
fn labels(chart: &Chart, post: &str, date: &str) -> Vec<String> {
    let snapshot = at(chart, date);
    let post = chart.post_id(post).unwrap();
    govchart::timeline::holding::labels(chart, snapshot.holders_of(post), snapshot.day)
}

/// The post `post` reports to on `date`.
fn manager(chart: &Chart, post: &str, date: &str) -> Option<String> {
    let snapshot = at(chart, date);
    let view = snapshot.post(chart.post_id(post).unwrap())?;
    view.reports_to.map(|p| chart.post(p).key.to_string())
}

#[test]
fn the_national_cio_after_will_smart_is_sonia_patel_from_summer_2020() {
    let chart = chart();
    // Named on 28 Feb 2020, but not in post in March 2020: the card names her designate
    // and draws the post as not yet filled.
    assert!(holders(&chart, "nhs-cio", "2020-02-27").is_empty());
    assert_eq!(
        labels(&chart, "nhs-cio", "2020-03-15"),
        ["Sonia Patel (designate)"]
    );
    let style = govchart::layout::CardStyle::default();
    let snapshot = at(&chart, "2020-03-15");
    let cio = chart.post_id("nhs-cio").unwrap();
    let card = govchart::layout::card(&chart, &snapshot, cio, 0, &style);
    assert_eq!(card.occupancy, govchart::layout::Occupancy::Designate);
    assert_eq!(card.holder, ["Sonia Patel (designate)"]);
    assert_eq!(card.since, ["named 28 Feb 2020"]);
    // In post from summer 2020, as the national CIO, in NHSX, answering to Matthew Gould.
    for date in ["2020-09-01", "2021-01-01", "2021-06-01"] {
        assert_eq!(
            labels(&chart, "nhs-cio", date),
            ["Sonia Patel"],
            "on {date}"
        );
        assert_eq!(
            manager(&chart, "nhs-cio", date).as_deref(),
            Some("nhsx-ceo")
        );
    }
    let snapshot = at(&chart, "2020-09-01");
    let view = snapshot.post(cio).unwrap();
    assert_eq!(chart.org(view.organisation).key, "nhsx");
    let card = govchart::layout::card(&chart, &snapshot, cio, 0, &style);
    assert_eq!(card.since, ["started between Jun and Aug 2020"]);
    // She did not leave in Feb 2022: she moved to a system CIO role in NHS England when
    // Simon Bolton became its CIO, and is still there at the chart's end.
    for date in [
        "2021-12-01",
        "2022-03-01",
        "2022-08-01",
        "2022-10-01",
        "2023-02-15",
    ] {
        assert_eq!(
            holders(&chart, "nhse-system-cio", date),
            ["Sonia Patel"],
            "on {date}"
        );
        assert_eq!(
            holders(&chart, "nhse-cio", date).len(),
            usize::from(date < "2023-02-01"),
            "on {date}"
        );
    }
    assert!(
        chart.post_id("nhsx-cio").is_none(),
        "no separate NHSX CIO post"
    );
}

#[test]
fn health_secretaries_after_javid_resigned() {
    let chart = chart();
    let secretary = |date| holders(&chart, "health-secretary", date);
    assert_eq!(secretary("2021-06-25"), ["Matt Hancock"]);
    assert_eq!(secretary("2021-06-26"), ["Sajid Javid"]);
    assert_eq!(secretary("2022-07-04"), ["Sajid Javid"]);
    assert_eq!(secretary("2022-07-05"), ["Steve Barclay"]);
    assert_eq!(secretary("2022-08-01"), ["Steve Barclay"]);
    assert_eq!(secretary("2022-09-05"), ["Steve Barclay"]);
    assert_eq!(secretary("2022-09-06"), ["Thérèse Coffey"]);
    assert_eq!(secretary("2022-10-01"), ["Thérèse Coffey"]);
    assert_eq!(secretary("2022-10-25"), ["Steve Barclay"]);
    assert_eq!(secretary("2023-02-15"), ["Steve Barclay"]);
}

#[test]
fn swindells_it_duties_pass_to_gould_when_his_exit_is_announced() {
    let chart = chart();
    for post in ["nhs-cio", "nhs-ccio", "nhse-cdo"] {
        assert_eq!(
            manager(&chart, post, "2019-05-13").as_deref(),
            Some("nhse-ops-info"),
            "{post} before 14 May 2019"
        );
        assert_eq!(
            manager(&chart, post, "2019-05-14").as_deref(),
            Some("nhsx-ceo"),
            "{post} from 14 May 2019"
        );
    }
    // Swindells himself stays until the end of July.
    assert_eq!(
        holders(&chart, "nhse-ops-info", "2019-07-31"),
        ["Matthew Swindells"]
    );
    // The national CCIO answers to NHSX until it ends.
    assert_eq!(
        manager(&chart, "nhs-ccio", "2021-06-01").as_deref(),
        Some("nhsx-ceo")
    );
}

#[test]
fn matthew_gould_is_designate_until_he_takes_up_the_post_on_1_july_2019() {
    let chart = chart();
    let ceo = chart.post_id("nhsx-ceo").unwrap();
    for date in ["2019-04-15", "2019-06-20", "2019-06-30"] {
        let snapshot = at(&chart, date);
        let holders = snapshot.holders_of(ceo);
        assert_eq!(holders.len(), 1);
        assert!(holders[0].designate, "designate on {date}");
        assert_eq!(
            labels(&chart, "nhsx-ceo", date),
            ["Matthew Gould (designate)"]
        );
    }
    let july = at(&chart, "2019-07-01");
    assert!(!july.holders_of(ceo)[0].designate);
    assert_eq!(labels(&chart, "nhsx-ceo", "2019-07-01"), ["Matthew Gould"]);
    let found = govchart::timeline::diff(&chart, &at(&chart, "2019-06-30"), &july);
    let summaries: Vec<String> = (found.changes.iter())
        .map(|c| c.summary(&chart, found.to))
        .collect();
    assert!(
        summaries.iter().any(|s| s
            .starts_with("Matthew Gould took up the post of Chief executive, NHSX (1 Jul 2019")),
        "{summaries:#?}"
    );
    assert!(
        !summaries
            .iter()
            .any(|s| s.starts_with("Matthew Gould left")),
        "{summaries:#?}"
    );
    let april =
        govchart::timeline::diff(&chart, &at(&chart, "2019-03-01"), &at(&chart, "2019-04-15"));
    assert!(
        (april.changes.iter())
            .map(|c| c.summary(&chart, april.to))
            .any(|s| s.starts_with("Matthew Gould was named Chief executive, NHSX designate")),
    );
}

#[test]
fn hadley_beeman_keeps_the_adviser_post_after_acting_as_cto() {
    let chart = chart();
    let adviser = |date| holders(&chart, "dhsc-chief-technology-adviser", date);
    assert_eq!(adviser("2019-01-01"), ["Hadley Beeman"]);
    assert_eq!(holders(&chart, "nhsx-cto", "2020-01-01"), ["Hadley Beeman"]);
    assert_eq!(
        labels(&chart, "nhsx-cto", "2020-01-01"),
        ["Hadley Beeman (acting)"]
    );
    assert_eq!(holders(&chart, "nhsx-cto", "2020-06-01"), ["David Turner"]);
    for date in ["2020-06-01", "2021-01-01", "2022-08-01", "2023-02-15"] {
        assert_eq!(adviser(date), ["Hadley Beeman"], "on {date}");
    }
}

#[test]
fn simon_bolton_had_left_by_1_february_2023() {
    let chart = chart();
    assert_eq!(holders(&chart, "nhse-cio", "2022-08-01"), ["Simon Bolton"]);
    // From 25 Nov 2022 the chart says he is on his way out.
    let snapshot = at(&chart, "2023-01-15");
    let cio = chart.post_id("nhse-cio").unwrap();
    let holder = snapshot.holders_of(cio)[0];
    assert_eq!(
        govchart::timeline::holding::since(&chart, &holder, snapshot.day),
        "since Nov 2021, ends between 25 Nov 2022 and 1 Feb 2023"
    );
    assert!(at(&chart, "2023-02-01").post(cio).is_none());
    assert!(at(&chart, "2023-02-15").post(cio).is_none());
    let nhsd_ceo = chart.post_id("nhsd-ceo").unwrap();
    assert!(at(&chart, "2023-02-15").post(nhsd_ceo).is_none());
}

#[test]
fn nhsx_ends_in_january_or_february_2022_as_the_sources_differ() {
    let chart = chart();
    let nhsx = chart.org(chart.org_id("nhsx").unwrap());
    assert_eq!(
        nhsx.dissolved.map(|d| d.to_string()).as_deref(),
        Some("2022-01/2022-02")
    );
    assert!(exists(&chart, "nhsx", "2021-12-31"));
    assert!(!exists(&chart, "nhsx", "2022-03-01"));
    let dates: Vec<String> = (chart.events.iter())
        .filter(|e| e.organisations.iter().any(|&o| chart.org(o).key == "nhsx"))
        .map(|e| e.date.to_string())
        .collect();
    assert!(dates.contains(&"2022-01".to_owned()), "{dates:?}");
    assert!(dates.contains(&"2022-02".to_owned()), "{dates:?}");
    // After NHSX: the Transformation Directorate under Tim Ferris, with NHS England's CIO.
    assert_eq!(
        holders(&chart, "nhse-transformation-director", "2022-08-01"),
        ["Tim Ferris"]
    );
    assert_eq!(
        manager(&chart, "nhse-cio", "2022-08-01").as_deref(),
        Some("nhse-transformation-director")
    );
}

#[test]
fn an_acting_holder_covering_is_shown_beside_the_holder_they_cover_for() {
    let chart = chart();
    // Feb to Apr 2019: Tara Donnelly interim CDO while Juliet Bauer is still in post.
    assert_eq!(
        holders(&chart, "nhse-cdo", "2019-03-01"),
        ["Juliet Bauer", "Tara Donnelly"]
    );
    assert_eq!(
        labels(&chart, "nhse-cdo", "2019-03-01"),
        [
            "Juliet Bauer",
            "Tara Donnelly (acting), covering for Juliet Bauer"
        ]
    );
    let style = govchart::layout::CardStyle::default();
    let snapshot = at(&chart, "2019-03-01");
    let cdo = chart.post_id("nhse-cdo").unwrap();
    let card = govchart::layout::card(&chart, &snapshot, cdo, 0, &style);
    let text = card.holder.join(" ");
    assert!(
        text.starts_with("Juliet Bauer Tara Donnelly (acting)"),
        "{text}"
    );
    assert!(text.ends_with("covering for Juliet Bauer"), "{text}");
    assert_eq!(card.since, ["since Jul 2016 and Feb 2019 \u{b7} reported"]);
    // In April, the month Bauer left, the two are shown without "covering".
    assert_eq!(
        labels(&chart, "nhse-cdo", "2019-04-10"),
        ["Juliet Bauer", "Tara Donnelly (acting)"]
    );
    assert_eq!(
        labels(&chart, "nhse-cdo", "2019-05-01"),
        ["Tara Donnelly (acting)"]
    );
}

#[test]
fn no_holder_is_ever_hidden() {
    use govchart::timeline::change_days;
    let chart = chart();
    let mut days = change_days(&chart);
    days.extend(days.clone().iter().map(|d| govchart::date::Day(d.0 + 1)));
    for day in days {
        let snapshot = Snapshot::at(&chart, day);
        for view in &snapshot.posts {
            let mut shown: Vec<_> = snapshot.holders(view).iter().map(|h| h.tenure).collect();
            let mut held: Vec<_> = (chart.tenures_of(view.post).into_iter())
                .filter(|&t| chart.tenure(t).span().contains(day))
                .collect();
            shown.sort();
            held.sort();
            assert_eq!(shown, held, "{} on {day}", chart.post(view.post).key);
        }
    }
}

#[test]
fn the_gds_gap_between_interim_leaders_is_not_filled_in() {
    let chart = chart();
    assert_eq!(
        labels(&chart, "gds-head", "2020-06-01"),
        ["Alison Pritchard (acting)"]
    );
    let snapshot = at(&chart, "2020-06-01");
    let gds = chart.post_id("gds-head").unwrap();
    let holder = snapshot.holders_of(gds)[0];
    assert_eq!(
        govchart::timeline::holding::since(&chart, &holder, snapshot.day),
        "since 1 Aug 2019, ends between Aug 2019 and Feb 2021"
    );
    assert_eq!(holders(&chart, "gds-head", "2021-06-01"), ["Tom Read"]);
}

#[test]
fn posts_the_chart_stops_following_are_not_said_to_end() {
    let chart = chart();
    let before = at(&chart, "2019-03-01");
    let after = at(&chart, "2019-10-01");
    let found = govchart::timeline::diff(&chart, &before, &after);
    let summaries: Vec<String> = (found.changes.iter())
        .map(|c| c.summary(&chart, found.to))
        .collect();
    let ops = chart
        .post(chart.post_id("nhse-ops-info").unwrap())
        .title
        .clone();
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("The chart stops following the post of")
                && s.contains(ops.as_str())),
        "{summaries:#?}"
    );
    assert!(
        !summaries
            .iter()
            .any(|s| s.contains(ops.as_str()) && s.ends_with("ended")),
        "{summaries:#?}"
    );
    // Amanda Pritchard's COO post is followed from her start, not created then.
    assert!(
        summaries
            .iter()
            .any(|s| s.starts_with("The chart follows the post of Chief operating officer")),
        "{summaries:#?}"
    );
}
