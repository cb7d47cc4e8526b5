//! CSV: one row per tenure.

use crate::date::Day;
use crate::model::{Chart, LineKind};

fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().from_writer(Vec::new())
}

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Every tenure of the chart, one row each, in the order people are listed: who, which
/// post, which organisation and line manager at its start, its dates as the chart gives
/// them, and how sure the chart is.
pub fn to_csv(chart: &Chart) -> String {
    let mut w = writer();
    let header = [
        "person_id",
        "person",
        "post_id",
        "post",
        "organisation_id",
        "organisation",
        "reports_to_id",
        "start",
        "start_unknown",
        "in_post",
        "end",
        "acting",
        "certainty",
        "end_certainty",
        "end_cause",
        "sources",
        "note",
    ];
    let _ = w.write_record(header);
    for tenure in &chart.tenures {
        let person = chart.person(tenure.person);
        let post = chart.post(tenure.post);
        let day: Day = tenure.start.first_day();
        let org = chart.org(post.organisation_at(day));
        let manager = (chart.lines[post.lines.start as usize..post.lines.end as usize].iter())
            .find(|l| l.kind == LineKind::ReportsTo && l.span().contains(day))
            .map(|l| chart.post(l.to).key.clone())
            .unwrap_or_default();
        let sources: Vec<&str> = (chart.cited(tenure.fact.sources).iter())
            .map(|s| chart.sources[s.index()].key.as_str())
            .collect();
        let text =
            |d: Option<crate::date::PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let _ = w.write_record([
            person.key.as_str(),
            person.name.as_str(),
            post.key.as_str(),
            post.title.as_str(),
            org.key.as_str(),
            org.name.as_str(),
            manager.as_str(),
            &tenure.start.to_string(),
            if tenure.start_unknown { "true" } else { "" },
            &text(tenure.in_post),
            &text(tenure.end),
            if tenure.acting { "true" } else { "" },
            tenure.fact.certainty.as_str(),
            tenure.end_certainty.map_or("", |c| c.as_str()),
            tenure.end_cause().unwrap_or(""),
            &sources.join(";"),
            tenure.note().unwrap_or(""),
        ]);
    }
    finish(w)
}
