//! Popolo JSON: persons, organizations, posts, memberships (one per tenure) and events.
//!
//! Popolo has no place for a fact's certainty, for reporting lines between posts, for a
//! designate's `in_post`, for when the chart follows a post, for dated parent links or a
//! post's moves, or for a date known only to lie between two others: such a start is written
//! as its earliest day and such an end as its latest, so that a holder is in the Popolo file
//! on every day the chart may show them.

use serde_json::{Map, Value, json};

use crate::export::{earliest, latest};
use crate::model::{Chart, Cites, EventKind, OrgId, Span};

fn put(object: &mut Map<String, Value>, key: &str, value: Option<String>) {
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        object.insert(key.to_owned(), Value::String(value));
    }
}

fn links(chart: &Chart, cites: Cites) -> Value {
    let list: Vec<Value> = (chart.cited(cites).iter())
        .map(|&s| &chart.sources[s.index()])
        .filter_map(|s| {
            let url = s.url.as_ref()?;
            Some(json!({ "url": url, "note": format!("{}: {}", s.publisher, s.title) }))
        })
        .collect();
    Value::Array(list)
}

/// The chart as Popolo JSON, in EveryPolitician's layout (one object with a list of each
/// kind of thing).
pub fn to_popolo(chart: &Chart) -> String {
    let persons: Vec<Value> = (chart.people.iter())
        .map(|p| {
            let mut o = Map::new();
            o.insert("id".into(), p.key.to_string().into());
            o.insert("name".into(), p.name.to_string().into());
            put(&mut o, "summary", p.note.as_deref().map(str::to_owned));
            Value::Object(o)
        })
        .collect();
    let organizations: Vec<Value> = (chart.organisations.iter())
        .map(|org| {
            let mut o = Map::new();
            o.insert("id".into(), org.key.clone().into());
            o.insert("name".into(), org.name.clone().into());
            put(&mut o, "classification", org.kind.clone());
            if let Some(parent) = org.parents.first() {
                o.insert("parent_id".into(), chart.org(parent.org).key.clone().into());
            }
            put(&mut o, "founding_date", org.founded.map(earliest));
            put(&mut o, "dissolution_date", org.dissolved.map(latest));
            if let Some(short) = &org.short {
                o.insert(
                    "other_names".into(),
                    json!([{ "name": short, "note": "short name" }]),
                );
            }
            o.insert("sources".into(), links(chart, org.fact.sources));
            Value::Object(o)
        })
        .collect();
    // A post that moves between organisations is, in Popolo, one post in each (Popolo's
    // posts belong to one organisation); its holders' memberships are split to match.
    let mut posts: Vec<Value> = Vec::new();
    let mut parts: Vec<Vec<(String, OrgId, Span)>> = Vec::with_capacity(chart.posts.len());
    for post in &chart.posts {
        let segments = chart.segments(post);
        let count = segments.len();
        let mut list = Vec::new();
        for (k, (org, span)) in segments.into_iter().enumerate() {
            let id = if k == 0 {
                post.key.to_string()
            } else {
                format!("{}@{}", post.key, chart.org(org).key)
            };
            let mut o = Map::new();
            o.insert("id".into(), id.clone().into());
            o.insert("label".into(), post.title.to_string().into());
            o.insert("organization_id".into(), chart.org(org).key.clone().into());
            let start = if k == 0 {
                post.created.map(earliest)
            } else {
                Some(span.start.to_string())
            };
            let end = if k + 1 == count {
                post.abolished.map(latest)
            } else {
                Some(span.end.to_string())
            };
            put(&mut o, "start_date", start);
            put(&mut o, "end_date", end);
            posts.push(Value::Object(o));
            list.push((id, org, span));
        }
        if list.is_empty() {
            let mut o = Map::new();
            o.insert("id".into(), post.key.to_string().into());
            o.insert("label".into(), post.title.to_string().into());
            o.insert(
                "organization_id".into(),
                chart.org(post.organisation).key.clone().into(),
            );
            posts.push(Value::Object(o));
            list.push((
                post.key.to_string(),
                post.organisation,
                Span::possible(None, None),
            ));
        }
        parts.push(list);
    }
    let mut memberships: Vec<Value> = Vec::new();
    for t in &chart.tenures {
        let whole = t.span();
        let list = &parts[t.post.index()];
        for (id, org, span) in list {
            let part = if list.len() == 1 {
                whole
            } else {
                whole.intersect(*span)
            };
            if part.is_empty() {
                continue;
            }
            let mut o = Map::new();
            o.insert(
                "id".into(),
                format!("tenure-{}", memberships.len() + 1).into(),
            );
            o.insert(
                "person_id".into(),
                chart.person(t.person).key.to_string().into(),
            );
            o.insert("post_id".into(), id.clone().into());
            o.insert("organization_id".into(), chart.org(*org).key.clone().into());
            o.insert("label".into(), chart.post(t.post).title.to_string().into());
            if t.acting {
                o.insert("role".into(), "acting".into());
            }
            let start = if part.start == whole.start {
                earliest(t.start)
            } else {
                part.start.to_string()
            };
            o.insert("start_date".into(), start.into());
            let end = if part.end == whole.end {
                t.end.map(latest)
            } else {
                Some(part.end.to_string())
            };
            put(&mut o, "end_date", end);
            o.insert("sources".into(), links(chart, t.fact.sources));
            memberships.push(Value::Object(o));
        }
    }
    let events: Vec<Value> = (chart.events.iter())
        .map(|e| {
            let classification = match e.kind {
                EventKind::Announcement => "announcement",
                EventKind::Appointment => "appointment",
                EventKind::Departure => "departure",
                EventKind::Restructure => "restructure",
                EventKind::Merger { .. } => "merger",
            };
            json!({
                "id": e.key,
                "name": e.title,
                "classification": classification,
                "start_date": earliest(e.date),
                "sources": links(chart, e.fact.sources),
            })
        })
        .collect();
    let root = json!({
        "meta": { "title": chart.info.title },
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events,
    });
    let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
    text.push('\n');
    text
}
