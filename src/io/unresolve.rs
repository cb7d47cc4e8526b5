//! Turns a chart back into the file structure, ids and dates written as text.

use crate::date::PartialDate;
use crate::io::format::{
    self, ChartFile, DetailFile, EventFile, FORMAT_VERSION, LineFile, MoveFile, OrganisationFile,
    ParentFile, PeriodFile, PersonFile, PostFile, SourceFile, StaffFile, TenureFile, Text,
    ViewFile,
};
use crate::model::{Chart, Cites, EventKind, Fact, View};

fn text(date: Option<PartialDate>) -> Option<Text<'static>> {
    date.map(|d| d.to_string().into())
}

fn opt(text: &Option<String>) -> Option<Text<'_>> {
    text.as_deref().map(Text::from)
}

fn source_keys(chart: &Chart, cites: Cites) -> Vec<Text<'_>> {
    (chart.cited(cites).iter())
        .map(|&s| chart.sources[s.index()].key.as_str().into())
        .collect()
}

fn fact_sources<'c>(chart: &'c Chart, fact: &Fact) -> Vec<Text<'c>> {
    source_keys(chart, fact.sources)
}

/// The view as the file holds it, its posts by id; posts the chart does not have are left out.
pub fn view_file(chart: &Chart, view: &View) -> ViewFile<'static> {
    ViewFile {
        date: text(view.date),
        collapsed: (view.collapsed.iter())
            .filter_map(|p| chart.posts.get(p.index()))
            .map(|p| Text::from(p.key.to_string()))
            .collect(),
        compare: text(view.compare),
    }
}

/// The file structure that says exactly what `chart` says, with `view` as its view.
pub(crate) fn unresolve<'c>(chart: &'c Chart, view: Option<&View>) -> ChartFile<'c> {
    let org_key = |o: crate::model::OrgId| Text::from(chart.org(o).key.as_str());
    let post_key = |p: crate::model::PostId| Text::from(chart.post(p).key.as_str());
    ChartFile {
        version: FORMAT_VERSION,
        title: chart.info.title.as_str().into(),
        description: opt(&chart.info.description),
        covers: chart.info.covers.map(|(from, to)| PeriodFile {
            from: from.to_string().into(),
            to: to.to_string().into(),
        }),
        default_date: text(chart.info.default_date),
        view: view.map(|v| view_file(chart, v)),
        sources: (chart.sources.iter())
            .map(|s| SourceFile {
                id: s.key.as_str().into(),
                publisher: s.publisher.as_str().into(),
                title: s.title.as_str().into(),
                date: text(s.date),
                url: opt(&s.url),
            })
            .collect(),
        organisations: (chart.organisations.iter())
            .map(|o| OrganisationFile {
                id: o.key.as_str().into(),
                name: o.name.as_str().into(),
                short: opt(&o.short),
                kind: opt(&o.kind),
                founded: text(o.founded),
                dissolved: text(o.dissolved),
                parents: (o.parents.iter())
                    .map(|p| ParentFile {
                        org: org_key(p.org),
                        start: text(p.start),
                        end: text(p.end),
                        certainty: p.fact.certainty,
                        sources: fact_sources(chart, &p.fact),
                    })
                    .collect(),
                certainty: o.fact.certainty,
                sources: fact_sources(chart, &o.fact),
                note: opt(&o.note),
            })
            .collect(),
        posts: (chart.posts.iter())
            .map(|p| PostFile {
                id: p.key.as_str().into(),
                title: p.title.as_str().into(),
                organisation: org_key(p.organisation),
                moves: (p.moves.iter())
                    .map(|m| MoveFile {
                        date: m.date.to_string().into(),
                        to: org_key(m.to),
                        certainty: m.fact.certainty,
                        sources: fact_sources(chart, &m.fact),
                    })
                    .collect(),
                created: text(p.created),
                abolished: text(p.abolished),
                followed_from: text(p.followed_from),
                followed_until: text(p.followed_until),
                seats: (p.seats != 1).then_some(p.seats),
                lines: (chart.lines[p.lines.start as usize..p.lines.end as usize].iter())
                    .map(|l| LineFile {
                        to: post_key(l.to),
                        kind: l.kind,
                        start: text(l.start),
                        end: text(l.end),
                        certainty: l.fact.certainty,
                        sources: fact_sources(chart, &l.fact),
                        note: l.note.as_deref().map(Text::from),
                    })
                    .collect(),
                details: (chart.details[p.details.start as usize..p.details.end as usize].iter())
                    .map(|d| DetailFile {
                        name: d.name.as_str().into(),
                        value: d.value.as_str().into(),
                        start: text(d.start),
                        end: text(d.end),
                        sources: source_keys(chart, d.sources),
                    })
                    .collect(),
                staff: (chart.staff[p.staff.start as usize..p.staff.end as usize].iter())
                    .map(|c| StaffFile {
                        count: c.count,
                        start: text(c.start),
                        end: text(c.end),
                        sources: source_keys(chart, c.sources),
                    })
                    .collect(),
                sources: source_keys(chart, p.sources),
                note: p.note.as_deref().map(Text::from),
            })
            .collect(),
        people: (chart.people.iter())
            .map(|p| PersonFile {
                id: p.key.as_str().into(),
                name: p.name.as_str().into(),
                note: p.note.as_deref().map(Text::from),
                tenures: (chart.tenures[p.tenures.start as usize..p.tenures.end as usize].iter())
                    .map(|t| TenureFile {
                        post: post_key(t.post),
                        start: t.start.to_string().into(),
                        start_unknown: t.start_unknown,
                        in_post: text(t.in_post),
                        end: text(t.end),
                        acting: t.acting,
                        end_cause: t.end_cause().map(Text::from),
                        certainty: t.fact.certainty,
                        end_certainty: t.end_certainty,
                        sources: fact_sources(chart, &t.fact),
                        note: t.note().map(Text::from),
                    })
                    .collect(),
            })
            .collect(),
        events: (chart.events.iter())
            .map(|e| EventFile {
                id: e.key.as_str().into(),
                date: e.date.to_string().into(),
                title: e.title.as_str().into(),
                kind: match &e.kind {
                    EventKind::Announcement => format::EventKind::Announcement,
                    EventKind::Appointment => format::EventKind::Appointment,
                    EventKind::Departure => format::EventKind::Departure,
                    EventKind::Restructure => format::EventKind::Restructure,
                    EventKind::Merger { into, absorbed } => format::EventKind::Merger {
                        into: org_key(*into),
                        absorbed: absorbed.iter().map(|&o| org_key(o)).collect(),
                    },
                },
                milestone: e.milestone,
                certainty: e.fact.certainty,
                people: e
                    .people
                    .iter()
                    .map(|&p| chart.person(p).key.as_str().into())
                    .collect(),
                posts: e.posts.iter().map(|&p| post_key(p)).collect(),
                organisations: e.organisations.iter().map(|&o| org_key(o)).collect(),
                sources: fact_sources(chart, &e.fact),
                note: opt(&e.note),
            })
            .collect(),
    }
}
