//! Turns a chart back into the file structure, ids and dates written as text.

use crate::date::PartialDate;
use crate::io::format::{
    self, ChartFile, EventFile, FORMAT_VERSION, LineFile, MoveFile, OrganisationFile, ParentFile,
    PeriodFile, PersonFile, PostFile, SourceFile, TenureFile,
};
use crate::model::{Chart, Cites, EventKind, Fact};

fn text(date: Option<PartialDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

fn source_keys(chart: &Chart, cites: Cites) -> Vec<String> {
    (chart.cited(cites).iter()).map(|&s| chart.sources[s.index()].key.clone()).collect()
}

fn fact_sources(chart: &Chart, fact: &Fact) -> Vec<String> {
    source_keys(chart, fact.sources)
}

/// The file structure that says exactly what `chart` says.
pub(crate) fn unresolve(chart: &Chart) -> ChartFile {
    let org_key = |o: crate::model::OrgId| chart.org(o).key.clone();
    let post_key = |p: crate::model::PostId| chart.post(p).key.clone();
    ChartFile {
        version: FORMAT_VERSION,
        title: chart.info.title.clone(),
        description: chart.info.description.clone(),
        covers: chart.info.covers.map(|(from, to)| PeriodFile {
            from: from.to_string(),
            to: to.to_string(),
        }),
        default_date: text(chart.info.default_date),
        sources: (chart.sources.iter())
            .map(|s| SourceFile {
                id: s.key.clone(),
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                date: text(s.date),
                url: s.url.clone(),
            })
            .collect(),
        organisations: (chart.organisations.iter())
            .map(|o| OrganisationFile {
                id: o.key.clone(),
                name: o.name.clone(),
                short: o.short.clone(),
                kind: o.kind.clone(),
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
                note: o.note.clone(),
            })
            .collect(),
        posts: (chart.posts.iter())
            .map(|p| PostFile {
                id: p.key.clone(),
                title: p.title.clone(),
                organisation: org_key(p.organisation),
                moves: (p.moves.iter())
                    .map(|m| MoveFile {
                        date: m.date.to_string(),
                        to: org_key(m.to),
                        certainty: m.fact.certainty,
                        sources: fact_sources(chart, &m.fact),
                    })
                    .collect(),
                created: text(p.created),
                abolished: text(p.abolished),
                seats: (p.seats != 1).then_some(p.seats),
                lines: (chart.lines[p.lines.start as usize..p.lines.end as usize].iter())
                    .map(|l| LineFile {
                        to: post_key(l.to),
                        kind: l.kind,
                        start: text(l.start),
                        end: text(l.end),
                        certainty: l.fact.certainty,
                        sources: fact_sources(chart, &l.fact),
                        note: l.note.clone(),
                    })
                    .collect(),
                sources: source_keys(chart, p.sources),
                note: p.note.clone(),
            })
            .collect(),
        people: (chart.people.iter())
            .map(|p| PersonFile {
                id: p.key.clone(),
                name: p.name.clone(),
                note: p.note.clone(),
                tenures: (chart.tenures[p.tenures.start as usize..p.tenures.end as usize].iter())
                    .map(|t| TenureFile {
                        post: post_key(t.post),
                        start: t.start.to_string(),
                        end: text(t.end),
                        acting: t.acting,
                        end_cause: t.end_cause.clone(),
                        certainty: t.fact.certainty,
                        end_certainty: t.end_certainty,
                        sources: fact_sources(chart, &t.fact),
                        note: t.note.clone(),
                    })
                    .collect(),
            })
            .collect(),
        events: (chart.events.iter())
            .map(|e| EventFile {
                id: e.key.clone(),
                date: e.date.to_string(),
                title: e.title.clone(),
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
                people: e.people.iter().map(|&p| chart.person(p).key.clone()).collect(),
                posts: e.posts.iter().map(|&p| post_key(p)).collect(),
                organisations: e.organisations.iter().map(|&o| org_key(o)).collect(),
                sources: fact_sources(chart, &e.fact),
                note: e.note.clone(),
            })
            .collect(),
    }
}
