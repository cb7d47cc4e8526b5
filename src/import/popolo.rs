//! Popolo JSON (persons, organizations, posts, memberships, events, areas), as
//! EveryPolitician and others publish it.
//!
//! A membership of a post is a tenure of that post. A membership of an organisation with
//! no post (a legislature's members) becomes a post with many seats: one per role, and one
//! per area where memberships name one ("Member, Harare"). An undated membership takes
//! the dates of its legislative period; `on_behalf_of` (a party) is kept in the tenure's
//! note.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::date::PartialDate;
use crate::import::draft::{Ids, most_at_once, plain_organisation, plain_post, read_json};
use crate::import::{
    ImportError, InputSummary, NoteKind, Place, Progress, Report, Request, loose_date,
};
use crate::io::format::{
    ChartFile, FORMAT_VERSION, OrganisationFile, ParentFile, PersonFile, PostFile, SourceFile,
    TenureFile, Text,
};
use crate::model::Certainty;

/// A string field of a JSON object ("" when absent, null or not a string; numbers as text).
pub fn field<'v>(object: &'v Value, name: &str) -> std::borrow::Cow<'v, str> {
    match object.get(name) {
        Some(Value::String(s)) => std::borrow::Cow::Borrowed(s.trim()),
        Some(Value::Number(n)) => std::borrow::Cow::Owned(n.to_string()),
        _ => std::borrow::Cow::Borrowed(""),
    }
}

fn list<'v>(root: &'v Value, name: &str) -> &'v [Value] {
    root.get(name)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Reads a Popolo file into a chart file.
pub fn import(
    request: &Request,
    progress: &Progress,
) -> Result<(ChartFile<'static>, Report), ImportError> {
    let path = crate::import::single_input(request, "Popolo JSON file")?;
    let root = read_json(path, progress)?;
    let place = |what: String| Place::file(path).column(what);
    if !root.is_object()
        || ["persons", "memberships"]
            .iter()
            .all(|k| root.get(k).is_none())
    {
        return Err(ImportError::at(
            Place::file(path),
            "not a Popolo file: it has no \"persons\" or \"memberships\" list at the top",
        ));
    }
    let mut report = Report::default();
    let mut problems = Vec::new();
    let persons = list(&root, "persons");
    let organizations = list(&root, "organizations");
    let memberships = list(&root, "memberships");
    let posts_in = list(&root, "posts");
    let events = list(&root, "events");
    let areas = list(&root, "areas");
    report.inputs.push(InputSummary {
        file: path.to_owned(),
        what: format!(
            "{} persons, {} organizations, {} posts, {} memberships, {} events, {} areas",
            persons.len(),
            organizations.len(),
            posts_in.len(),
            memberships.len(),
            events.len(),
            areas.len()
        ),
        encoding: None,
    });
    let area_names: HashMap<String, String> = (areas.iter())
        .map(|a| (field(a, "id").into_owned(), field(a, "name").into_owned()))
        .collect();
    let mut date_of = |value: &Value, name: &str, at: String| -> Option<PartialDate> {
        match loose_date(&field(value, name)) {
            Ok(date) => date,
            Err(message) => {
                problems.push(crate::import::Located::new(
                    place(format!("{at}.{name}")),
                    message,
                ));
                None
            }
        }
    };
    let periods: HashMap<String, (Option<PartialDate>, Option<PartialDate>, String)> =
        (events.iter().enumerate())
            .map(|(i, e)| {
                let at = format!("events[{i}]");
                (
                    field(e, "id").into_owned(),
                    (
                        date_of(e, "start_date", at.clone()),
                        date_of(e, "end_date", at),
                        field(e, "name").into_owned(),
                    ),
                )
            })
            .collect();

    // Sources: one for the file, one for each distinct URL facts cite.
    let mut sources: Vec<SourceFile<'static>> = vec![SourceFile {
        id: "file".into(),
        publisher: meta_publisher(&root),
        title: crate::import::draft::file_name(path).into(),
        date: None,
        url: None,
    }];
    let mut source_by_url: HashMap<String, String> = HashMap::new();
    let source_ids = Ids::default();
    source_ids.fresh("file");
    source_ids.fresh("popolo-organisations");
    let mut cite = |value: &Value, sources: &mut Vec<SourceFile<'static>>| -> Vec<Text<'static>> {
        let mut out: Vec<Text<'static>> = Vec::new();
        for link in list(value, "sources") {
            let url = field(link, "url");
            if url.is_empty() {
                continue;
            }
            let id = source_by_url.entry(url.to_string()).or_insert_with(|| {
                let id = source_ids.fresh(&format!("source {}", host(&url)));
                let note = field(link, "note");
                sources.push(SourceFile {
                    id: id.clone().into(),
                    publisher: host(&url).into(),
                    title: if note.is_empty() {
                        url.to_string()
                    } else {
                        note.to_string()
                    }
                    .into(),
                    date: None,
                    url: Some(url.to_string().into()),
                });
                id
            });
            out.push(id.clone().into());
        }
        if out.is_empty() {
            out.push("file".into());
        }
        out
    };

    // Organisations that posts or memberships use, and their parents.
    let org_ids = source_ids.clone();
    let org_by_id: HashMap<String, usize> = (organizations.iter().enumerate())
        .map(|(i, o)| (field(o, "id").into_owned(), i))
        .collect();
    let mut used_orgs: Vec<usize> = Vec::new();
    let mut org_key: HashMap<usize, String> = HashMap::new();
    let mut use_org = |i: usize, used: &mut Vec<usize>| -> String {
        if let Some(key) = org_key.get(&i) {
            return key.clone();
        }
        let o = &organizations[i];
        let name = field(o, "name");
        let base = if name.is_empty() {
            field(o, "id")
        } else {
            name
        };
        let key = org_ids.fresh(&base);
        org_key.insert(i, key.clone());
        used.push(i);
        key
    };
    let fallback_org = "popolo-organisations".to_owned();
    let mut need_fallback = false;

    // Posts: Popolo's own, then those made for memberships without one.
    let post_ids = source_ids.clone();
    let mut posts: Vec<PostFile<'static>> = Vec::new();
    let mut post_index: HashMap<String, usize> = HashMap::new();
    for (i, p) in posts_in.iter().enumerate() {
        let at = format!("posts[{i}]");
        let id = field(p, "id").into_owned();
        let label = field(p, "label");
        let role = field(p, "role");
        let title = if !label.is_empty() {
            label.into_owned()
        } else if !role.is_empty() {
            role.into_owned()
        } else {
            id.clone()
        };
        let org = match org_by_id.get(field(p, "organization_id").as_ref()) {
            Some(&o) => use_org(o, &mut used_orgs),
            None => {
                need_fallback = true;
                fallback_org.clone()
            }
        };
        let created = date_of(p, "start_date", at.clone()).map(|d| d.to_string().into());
        let abolished = date_of(p, "end_date", at).map(|d| d.to_string().into());
        post_index.insert(format!("post\u{0}{id}"), posts.len());
        let sources_cited = cite(p, &mut sources);
        posts.push(new_post(
            post_ids.fresh(&title),
            title,
            org,
            created,
            abolished,
            sources_cited,
        ));
    }

    let person_by_id: HashMap<String, usize> = (persons.iter().enumerate())
        .map(|(i, p)| (field(p, "id").into_owned(), i))
        .collect();
    let mut tenures: Vec<Vec<TenureFile<'static>>> = vec![Vec::new(); persons.len()];
    let mut skipped_parties = HashSet::new();
    // Memberships dated by their legislative period, by period: where the first is, how many.
    let mut by_period: HashMap<String, (usize, Place, usize, String)> = HashMap::new();
    for (i, m) in memberships.iter().enumerate() {
        let at = format!("memberships[{i}]");
        let here = place(at.clone());
        let person_id = field(m, "person_id");
        let person_id = if person_id.is_empty() {
            m.get("person").map(|p| field(p, "id")).unwrap_or_default()
        } else {
            person_id
        };
        let Some(&person) = person_by_id.get(person_id.as_ref()) else {
            report.note(
                here,
                NoteKind::Skipped,
                format!("a membership of person \"{person_id}\", who is not in the persons list"),
            );
            continue;
        };
        // Its post: Popolo's own, or one made for the organisation, role and area.
        let post = match post_index
            .get(&format!("post\u{0}{}", field(m, "post_id")))
            .copied()
        {
            Some(p) => p,
            None => {
                let org_ref = field(m, "organization_id");
                let Some(&o) = org_by_id.get(org_ref.as_ref()) else {
                    let post_ref = field(m, "post_id");
                    let what = if post_ref.is_empty() {
                        format!("organization \"{org_ref}\"")
                    } else {
                        format!("post \"{post_ref}\"")
                    };
                    report.note(
                        here,
                        NoteKind::Skipped,
                        format!("a membership of {what}, which is not in the file"),
                    );
                    continue;
                };
                let classification = field(&organizations[o], "classification");
                if classification == "party" && skipped_parties.insert(o) {
                    report.note(
                        here.clone(),
                        NoteKind::Guessed,
                        format!(
                            "membership of a party (\"{}\") is charted as a post in it",
                            field(&organizations[o], "name")
                        ),
                    );
                }
                let role = field(m, "role");
                let role = if role.is_empty() {
                    field(m, "label")
                } else {
                    role
                };
                let role = if role.is_empty() {
                    "member".into()
                } else {
                    role
                };
                let area = field(m, "area_id");
                let area_name = area_names
                    .get(area.as_ref())
                    .cloned()
                    .unwrap_or_else(|| area.to_string());
                let key = format!("made\u{0}{o}\u{0}{role}\u{0}{area}");
                match post_index.get(&key) {
                    Some(&p) => p,
                    None => {
                        let org = use_org(o, &mut used_orgs);
                        let mut title = capitalise(&role);
                        if !area_name.is_empty() {
                            title = format!("{title}, {area_name}");
                        }
                        post_index.insert(key, posts.len());
                        posts.push(new_post(
                            post_ids
                                .fresh(&format!("{title} {}", field(&organizations[o], "name"))),
                            title,
                            org,
                            None,
                            None,
                            vec!["file".into()],
                        ));
                        posts.len() - 1
                    }
                }
            }
        };
        // Its dates: its own, else its legislative period's.
        let mut start = date_of(m, "start_date", at.clone());
        let mut end = date_of(m, "end_date", at.clone());
        let period = field(m, "legislative_period_id");
        if let Some((p_start, p_end, name)) = periods.get(period.as_ref()) {
            if start.is_none() && p_start.is_some() {
                start = *p_start;
                let label = if name.is_empty() {
                    period.to_string()
                } else {
                    name.clone()
                };
                let entry =
                    by_period
                        .entry(period.to_string())
                        .or_insert((i, here.clone(), 0, label));
                entry.2 += 1;
            }
            if end.is_none() {
                end = *p_end;
            }
        }
        let (start, start_unknown) = match (start, request.date) {
            (Some(s), _) => (s, false),
            (None, Some(d)) => (d, true),
            (None, None) => {
                report.note(here, NoteKind::Skipped, "a membership with no start date and no legislative period (give --date for the date the file describes)");
                continue;
            }
        };
        if let Some(e) = end
            && e.end_bound() <= start.first_day()
        {
            report.note(
                here,
                NoteKind::Skipped,
                format!("a membership that ends ({e}) before it starts ({start})"),
            );
            continue;
        }
        let behalf = field(m, "on_behalf_of_id");
        let note = (!behalf.is_empty()).then(|| {
            let name = org_by_id
                .get(behalf.as_ref())
                .map(|&o| field(&organizations[o], "name").into_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| behalf.to_string());
            format!("On behalf of {name}.").into()
        });
        let cited = cite(m, &mut sources);
        let role = field(m, "role").to_lowercase();
        let acting = role.contains("acting") || role.contains("interim");
        tenures[person].push(TenureFile {
            post: posts[post].id.clone(),
            start: start.to_string().into(),
            start_unknown,
            in_post: None,
            end: end.map(|d| d.to_string().into()),
            acting,
            end_cause: None,
            certainty: Certainty::Reported,
            end_certainty: None,
            sources: cited,
            note,
        });
    }
    let mut periods_used: Vec<(usize, Place, usize, String)> = by_period.into_values().collect();
    periods_used.sort_by_key(|p| p.0);
    for (_, place, count, name) in periods_used {
        report.note(
            place,
            NoteKind::Guessed,
            format!("{count} membership(s) with no start date of their own take the dates of their legislative period, {name} (the first is here)"),
        );
    }
    // Seats: as many as hold a post at once.
    let mut spans: HashMap<String, Vec<(i32, i32)>> = HashMap::new();
    for t in tenures.iter().flatten() {
        let start = t
            .start
            .parse::<PartialDate>()
            .map_or(0, |d| d.first_day().0);
        let end = t
            .end
            .as_ref()
            .and_then(|e| e.parse::<PartialDate>().ok())
            .map_or(i32::MAX, |d| d.first_day().0);
        spans
            .entry(t.post.to_string())
            .or_default()
            .push((start, end));
    }
    for post in &mut posts {
        let most = spans.get(&*post.id).map_or(1, |s| most_at_once(s));
        post.seats = (most > 1).then_some(most as u32);
    }
    // People, with their tenures.
    let person_ids = source_ids.clone();
    let mut people = Vec::new();
    for (i, p) in persons.iter().enumerate() {
        let list = std::mem::take(&mut tenures[i]);
        if list.is_empty() {
            continue;
        }
        let mut name = field(p, "name").into_owned();
        if name.is_empty() {
            name = format!("{} {}", field(p, "given_name"), field(p, "family_name"))
                .trim()
                .to_owned();
        }
        if name.is_empty() {
            name = field(p, "id").into_owned();
            report.note(
                place(format!("persons[{i}]")),
                NoteKind::Guessed,
                format!("a person with no name is shown by their id, \"{name}\""),
            );
        }
        people.push(PersonFile {
            id: person_ids.fresh(&name).into(),
            name: name.into(),
            note: None,
            tenures: list,
        });
    }
    let unused = persons.len() - people.len();
    if unused > 0 {
        report.note(
            Place::file(path).column("persons"),
            NoteKind::Skipped,
            format!("{unused} person(s) with no membership to chart"),
        );
    }
    // Organisations, with parents that are themselves in the chart.
    let mut i = 0;
    while i < used_orgs.len() {
        let o = used_orgs[i];
        if let Some(&parent) = org_by_id.get(field(&organizations[o], "parent_id").as_ref()) {
            use_org(parent, &mut used_orgs);
        }
        i += 1;
    }
    let mut organisations: Vec<OrganisationFile<'static>> = Vec::new();
    for &o in &used_orgs {
        let org = &organizations[o];
        let at = format!("organizations[{o}]");
        let parents = (org_by_id.get(field(org, "parent_id").as_ref()))
            .map(|p| ParentFile {
                org: org_key[p].clone().into(),
                start: None,
                end: None,
                certainty: Certainty::Reported,
                sources: vec!["file".into()],
            })
            .into_iter()
            .collect();
        let name = field(org, "name");
        let classification = field(org, "classification");
        organisations.push(OrganisationFile {
            id: org_key[&o].clone().into(),
            name: if name.is_empty() {
                field(org, "id").into_owned()
            } else {
                name.into_owned()
            }
            .into(),
            short: None,
            kind: (!classification.is_empty()).then(|| classification.into_owned().into()),
            founded: date_of(org, "founding_date", at.clone()).map(|d| d.to_string().into()),
            dissolved: date_of(org, "dissolution_date", at).map(|d| d.to_string().into()),
            parents,
            certainty: Certainty::Reported,
            sources: cite(org, &mut sources),
            note: None,
        });
    }
    for (child, parent) in crate::import::draft::break_parent_loops(&mut organisations) {
        report.note(
            Place::file(path).column("organizations"),
            NoteKind::Skipped,
            format!(
                "\"{parent}\" as the parent of \"{child}\", which would make a loop of parents"
            ),
        );
    }
    if need_fallback {
        organisations.push(plain_organisation(
            fallback_org,
            "Organisation not given".into(),
            "file".into(),
            Some("Posts in the Popolo file that name no organisation.".into()),
        ));
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid { problems });
    }
    let used_posts: HashSet<String> = people
        .iter()
        .flat_map(|p: &PersonFile<'_>| p.tenures.iter().map(|t| t.post.to_string()))
        .collect();
    let before = posts.len();
    posts.retain(|p| used_posts.contains(&*p.id) || p.created.is_some());
    if posts.len() < before {
        report.note(
            Place::file(path).column("posts"),
            NoteKind::Skipped,
            format!(
                "{} post(s) that no one holds and that have no dates",
                before - posts.len()
            ),
        );
    }
    crate::import::follow_where_held(&mut posts, &people);
    let title = request.title.clone().unwrap_or_else(|| {
        organisations
            .iter()
            .find(|o| o.kind.as_deref() != Some("party"))
            .map_or_else(
                || {
                    path.file_stem().map_or_else(
                        || "Popolo chart".into(),
                        |s| s.to_string_lossy().into_owned(),
                    )
                },
                |o| o.name.to_string(),
            )
    });
    let file = ChartFile {
        version: FORMAT_VERSION,
        title: title.into(),
        description: Some(
            format!(
                "Imported from the Popolo file {}.",
                crate::import::draft::file_name(path)
            )
            .into(),
        ),
        covers: None,
        default_date: None,
        view: None,
        sources,
        organisations,
        posts,
        people,
        events: Vec::new(),
    };
    Ok((file, report))
}

fn new_post(
    id: String,
    title: String,
    org: String,
    created: Option<Text<'static>>,
    abolished: Option<Text<'static>>,
    sources: Vec<Text<'static>>,
) -> PostFile<'static> {
    PostFile {
        created,
        abolished,
        ..plain_post(id, title, org, sources)
    }
}

/// Who published a file, from EveryPolitician's `meta`, or "Not stated in the file".
fn meta_publisher(root: &Value) -> Text<'static> {
    let sources = root.get("meta").map(|m| list(m, "sources")).unwrap_or(&[]);
    match sources.first().and_then(Value::as_str) {
        Some(url) => host(url).into(),
        None => "Not stated in the file".into(),
    }
}

/// The host of a URL: "https://www.gov.uk/x" → "www.gov.uk".
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_owned()
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
