//! `govchart diff`: what changed between two dates.

use serde::Serialize;

use crate::cli::args::DiffArgs;
use crate::cli::{Failure, output};
use crate::model::Chart;
use crate::timeline::{Change, Diff, Snapshot, diff};

/// Runs `diff`.
pub fn run(args: &DiffArgs) -> Result<(), Failure> {
    let loaded = output::load(args.chart.chart.as_deref())?;
    let chart = &loaded.chart;
    let a = Snapshot::at(chart, args.from.first_day());
    let b = Snapshot::at(chart, args.to.first_day());
    let changes = diff(chart, &a, &b);
    output::with_stdout(|out| {
        if args.csv {
            let mut w = csv::Writer::from_writer(Vec::new());
            let header = [
                "kind",
                "date",
                "summary",
                "person",
                "post",
                "organisation",
                "event",
            ];
            w.write_record(header).map_err(std::io::Error::other)?;
            for c in changes_json(chart, &changes) {
                let date = c.date.unwrap_or_default();
                let row = [
                    c.kind,
                    &date,
                    &c.summary,
                    c.person.unwrap_or(""),
                    c.post.unwrap_or(""),
                    c.organisation.unwrap_or(""),
                    c.event.unwrap_or(""),
                ];
                w.write_record(row).map_err(std::io::Error::other)?;
            }
            let bytes = w
                .into_inner()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            out.write_all(&bytes)
        } else if args.json {
            let json = DiffJson {
                from: args.from.to_string(),
                to: args.to.to_string(),
                changes: changes_json(chart, &changes),
            };
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)
        } else {
            writeln!(
                out,
                "{}: {} change(s) from {} to {}",
                chart.info.title,
                changes.changes.len(),
                args.from.human(),
                args.to.human()
            )?;
            for change in &changes.changes {
                writeln!(
                    out,
                    "  {:<24} {}",
                    change.kind(),
                    change.summary(chart, changes.to)
                )?;
            }
            Ok(())
        }
    })
}

/// The JSON form of a diff.
#[derive(Debug, Serialize)]
pub struct DiffJson<'c> {
    /// The earlier date, as asked.
    pub from: String,
    /// The later date, as asked.
    pub to: String,
    /// The changes.
    pub changes: Vec<ChangeJson<'c>>,
}

/// One change in [`DiffJson`].
#[derive(Debug, Serialize)]
pub struct ChangeJson<'c> {
    /// What kind of change, such as `holder_left`.
    pub kind: &'static str,
    /// A sentence naming who and what.
    pub summary: String,
    /// The post involved, if any.
    pub post: Option<&'c str>,
    /// The person involved, if any.
    pub person: Option<&'c str>,
    /// The organisation involved, if any.
    pub organisation: Option<&'c str>,
    /// The event, if it is one.
    pub event: Option<&'c str>,
    /// When it happened, where the chart says.
    pub date: Option<String>,
}

fn changes_json<'c>(chart: &'c Chart, diff: &Diff) -> Vec<ChangeJson<'c>> {
    diff.changes
        .iter()
        .map(|change| {
            let mut json = ChangeJson {
                kind: change.kind(),
                summary: change.summary(chart, diff.to),
                post: None,
                person: None,
                organisation: None,
                event: None,
                date: None,
            };
            match *change {
                Change::OrgFounded(o) => {
                    json.organisation = Some(&chart.org(o).key);
                    json.date = chart.org(o).founded.map(|d| d.to_string());
                }
                Change::OrgDissolved(o) => {
                    json.organisation = Some(&chart.org(o).key);
                    json.date = chart.org(o).dissolved.map(|d| d.to_string());
                }
                Change::PostCreated(p)
                | Change::PostAbolished(p)
                | Change::PostFollowed(p)
                | Change::PostUnfollowed(p) => json.post = Some(&chart.post(p).key),
                Change::PostMoved { post, to, .. } => {
                    json.post = Some(&chart.post(post).key);
                    json.organisation = Some(&chart.org(to).key);
                }
                Change::Arrived(t) | Change::Left(t) | Change::TookUp(t) => {
                    let tenure = chart.tenure(t);
                    json.post = Some(&chart.post(tenure.post).key);
                    json.person = Some(&chart.person(tenure.person).key);
                    let date = match change {
                        Change::Arrived(_) => Some(tenure.start),
                        Change::TookUp(_) => tenure.in_post,
                        _ => tenure.end,
                    };
                    json.date = date.map(|d| d.to_string());
                }
                Change::LineAdded(l) | Change::LineRemoved(l) => {
                    json.post = Some(&chart.post(chart.line(l).from).key)
                }
                Change::Event(e) => {
                    json.event = Some(&chart.events[e.index()].key);
                    json.date = Some(chart.events[e.index()].date.to_string());
                }
            }
            json
        })
        .collect()
}
