//! `govchart at`: every organisation and post at a date, with holders.

use std::io::Write;

use serde::Serialize;

use crate::cli::args::AtArgs;
use crate::cli::{Failure, output};
use crate::date::PartialDate;
use crate::model::Chart;
use crate::timeline::{PostView, Snapshot, holding, post_name};

/// Runs `at`.
pub fn run(args: &AtArgs) -> Result<(), Failure> {
    let loaded = output::load(args.chart.chart.as_deref())?;
    let chart = &loaded.chart;
    let snapshot = Snapshot::at(chart, args.date.first_day());
    let label = args.date.human();
    output::with_stdout(|out| {
        if args.json {
            serde_json::to_writer_pretty(&mut *out, &at_json(chart, &snapshot, args.date))?;
            writeln!(out)
        } else {
            write_text(out, chart, &snapshot, &label)
        }
    })
}

/// Runs `show`: a chart (the built-in one by default) at its default date.
pub fn run_default(path: Option<&std::path::Path>) -> Result<(), Failure> {
    let loaded = output::load(path)?;
    let chart = &loaded.chart;
    let date = chart
        .info
        .default_date
        .unwrap_or_else(|| PartialDate::from_day(crate::timeline::range(chart).0));
    let snapshot = Snapshot::at(chart, date.first_day());
    output::with_stdout(|out| write_text(out, chart, &snapshot, &date.human()))?;
    Ok(())
}

/// The JSON form of a snapshot: a stable interface for scripts.
#[derive(Debug, Serialize)]
pub struct AtJson<'c> {
    /// The date asked for, at its precision.
    pub date: String,
    /// The chart's title.
    pub title: &'c str,
    /// Organisations that exist.
    pub organisations: Vec<OrgJson<'c>>,
    /// Posts that exist.
    pub posts: Vec<PostJson<'c>>,
}

/// An organisation in [`AtJson`].
#[derive(Debug, Serialize)]
pub struct OrgJson<'c> {
    /// Id.
    pub id: &'c str,
    /// Name.
    pub name: &'c str,
    /// Short name.
    pub short: Option<&'c str>,
    /// Ids of its parents at the date.
    pub parents: Vec<&'c str>,
}

/// A post in [`AtJson`].
#[derive(Debug, Serialize)]
pub struct PostJson<'c> {
    /// Id.
    pub id: &'c str,
    /// Title.
    pub title: &'c str,
    /// Its organisation's name.
    pub organisation: &'c str,
    /// Its organisation's id.
    pub organisation_id: &'c str,
    /// The holder's display name, or null when vacant (the most recent, where several).
    pub holder: Option<&'c str>,
    /// The holder's id.
    pub holder_id: Option<&'c str>,
    /// When the holder started, at the date's precision.
    pub holder_since: Option<String>,
    /// Whether the holder is acting or interim.
    pub acting: bool,
    /// The certainty of the holding, or null when vacant.
    pub certainty: Option<&'static str>,
    /// The id of the post it reports to, if any.
    pub reports_to: Option<&'c str>,
    /// Every holder at the date (several for multi-seat posts).
    pub holders: Vec<HolderJson<'c>>,
    /// Every live line from this post.
    pub lines: Vec<LineJson<'c>>,
}

/// A holder in [`PostJson`].
#[derive(Debug, Serialize)]
pub struct HolderJson<'c> {
    /// Person id.
    pub id: &'c str,
    /// Display name.
    pub name: &'c str,
    /// Start, at its precision.
    pub since: String,
    /// The start is not known: `since` is only the first date the sources show them in
    /// post ("in post by").
    pub start_unknown: bool,
    /// End, at its precision, if known.
    pub until: Option<String>,
    /// Acting or interim.
    pub acting: bool,
    /// Named to the post but not yet in it at the date.
    pub designate: bool,
    /// When a holder named on `since` took up the post, where the chart says.
    pub in_post: Option<String>,
    /// The id of the person an acting holder covers for.
    pub covering_for: Option<&'c str>,
    /// Certainty of the holding.
    pub certainty: &'static str,
    /// Certainty of the end, where it differs.
    pub end_certainty: Option<&'static str>,
    /// Source ids.
    pub sources: Vec<&'c str>,
}

/// A line in [`PostJson`].
#[derive(Debug, Serialize)]
pub struct LineJson<'c> {
    /// Kind, such as `reports_to`.
    pub kind: &'static str,
    /// The post it names.
    pub to: &'c str,
    /// Certainty.
    pub certainty: &'static str,
}

/// Builds the JSON form of a snapshot.
pub fn at_json<'c>(chart: &'c Chart, snapshot: &Snapshot, date: PartialDate) -> AtJson<'c> {
    let organisations = (snapshot.organisations.iter())
        .map(|o| {
            let org = chart.org(o.org);
            OrgJson {
                id: &org.key,
                name: &org.name,
                short: org.short.as_deref(),
                parents: o
                    .parents
                    .iter()
                    .map(|&p| chart.org(p).key.as_str())
                    .collect(),
            }
        })
        .collect();
    let mut lines_by_post: Vec<Vec<LineJson<'c>>> = Vec::new();
    lines_by_post.resize_with(snapshot.posts.len(), Vec::new);
    let mut posts: Vec<PostJson<'c>> = Vec::with_capacity(snapshot.posts.len());
    for view in &snapshot.posts {
        posts.push(post_json(chart, snapshot, view));
    }
    for line in &snapshot.lines {
        let Some(index) = snapshot.position(line.from) else {
            continue;
        };
        let fact = &chart.line(line.line).fact;
        posts[index].lines.push(LineJson {
            kind: line.kind.as_str(),
            to: &chart.post(line.to).key,
            certainty: fact.certainty.as_str(),
        });
    }
    AtJson {
        date: date.to_string(),
        title: &chart.info.title,
        organisations,
        posts,
    }
}

fn post_json<'c>(chart: &'c Chart, snapshot: &Snapshot, view: &PostView) -> PostJson<'c> {
    let post = chart.post(view.post);
    let org = chart.org(view.organisation);
    let all = snapshot.holders(view);
    let holders: Vec<HolderJson<'c>> = (all.iter())
        .map(|h| {
            let tenure = chart.tenure(h.tenure);
            HolderJson {
                id: &chart.person(h.person).key,
                name: &chart.person(h.person).name,
                since: tenure.start.to_string(),
                start_unknown: tenure.start_unknown,
                until: tenure.end.map(|d| d.to_string()),
                acting: tenure.acting,
                designate: h.designate,
                in_post: tenure.in_post.map(|d| d.to_string()),
                covering_for: holding::covering_for(chart, all, h, snapshot.day)
                    .map(|p| chart.person(p).key.as_str()),
                certainty: tenure.fact.certainty.as_str(),
                end_certainty: tenure.end_certainty.map(|c| c.as_str()),
                sources: chart
                    .cited(tenure.fact.sources)
                    .iter()
                    .map(|&s| chart.sources[s.index()].key.as_str())
                    .collect(),
            }
        })
        .collect();
    let main = snapshot
        .holders(view)
        .last()
        .map(|h| (h, chart.tenure(h.tenure)));
    PostJson {
        id: &post.key,
        title: &post.title,
        organisation: &org.name,
        organisation_id: &org.key,
        holder: main.map(|(h, _)| chart.person(h.person).name.as_str()),
        holder_id: main.map(|(h, _)| chart.person(h.person).key.as_str()),
        holder_since: main.map(|(_, t)| t.start.to_string()),
        acting: main.is_some_and(|(_, t)| t.acting),
        certainty: main.map(|(_, t)| t.fact.certainty.as_str()),
        reports_to: view.reports_to.map(|p| chart.post(p).key.as_str()),
        holders,
        lines: Vec::new(),
    }
}

/// The holders of a post as people read them: "Will Smart, since Aug 2016 (confirmed)".
pub fn holders_text(chart: &Chart, snapshot: &Snapshot, view: &PostView) -> String {
    let holders = snapshot.holders(view);
    if holders.is_empty() {
        return "VACANT".to_owned();
    }
    let parts: Vec<String> = holders
        .iter()
        .map(|h| {
            format!(
                "{}, {} [{}]",
                holding::label(chart, holders, h, snapshot.day),
                holding::since(chart, h, snapshot.day),
                chart.tenure(h.tenure).fact.certainty.as_str()
            )
        })
        .collect();
    parts.join("; ")
}

fn write_text(
    out: &mut dyn Write,
    chart: &Chart,
    snapshot: &Snapshot,
    label: &str,
) -> std::io::Result<()> {
    let vacant = snapshot
        .posts
        .iter()
        .filter(|v| snapshot.holders(v).is_empty())
        .count();
    writeln!(out, "{}", chart.info.title)?;
    writeln!(
        out,
        "As of {label}: {} organisations, {} posts ({vacant} vacant)",
        snapshot.organisations.len(),
        snapshot.posts.len()
    )?;
    let mut by_org: Vec<Vec<&PostView>> = vec![Vec::new(); chart.organisations.len()];
    for view in &snapshot.posts {
        by_org[view.organisation.index()].push(view);
    }
    let mut lines_from: Vec<Vec<usize>> = vec![Vec::new(); snapshot.posts.len()];
    for (i, line) in snapshot.lines.iter().enumerate() {
        if let Some(slot) = snapshot.position(line.from) {
            lines_from[slot].push(i);
        }
    }
    for org_view in &snapshot.organisations {
        let org = chart.org(org_view.org);
        write!(out, "\n{}", org.name)?;
        if let Some(short) = org.short.as_deref().filter(|s| *s != org.name) {
            write!(out, " ({short})")?;
        }
        let parents: Vec<&str> = org_view
            .parents
            .iter()
            .map(|&p| chart.org(p).short_name())
            .collect();
        if !parents.is_empty() {
            write!(out, ", part of {}", parents.join(" and "))?;
        }
        writeln!(out)?;
        for view in &by_org[org_view.org.index()] {
            writeln!(out, "  {}", chart.post(view.post).title)?;
            writeln!(out, "      {}", holders_text(chart, snapshot, view))?;
            let lines = snapshot
                .position(view.post)
                .map_or(&[][..], |slot| &lines_from[slot]);
            for &i in lines {
                let line = &snapshot.lines[i];
                writeln!(
                    out,
                    "      {} {}",
                    line.kind.phrase(),
                    post_name(chart, line.to, snapshot.day)
                )?;
            }
        }
    }
    Ok(())
}
