//! Wikidata "position held" (P39) statements, as SPARQL 1.1 query results in JSON
//! (`application/sparql-results+json`), with start time (P580), end time (P582),
//! replaces (P1365) and replaced by (P1366).
//!
//! Queries name their variables as they like: the common names are recognised (`item` or
//! `person`, `itemLabel` or `name`, `position` or `role`, `start`, `end`, `org`), and
//! `--var field=variable` names others. An item without a label is shown by its Q-id.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::date::{PartialDate, Precision};
use crate::import::draft::{Ids, plain_organisation, plain_post};
use crate::import::draft::{most_at_once, read_json};
use crate::import::{
    ImportError, InputSummary, Located, NoteKind, Place, Progress, Report, Request,
};
use crate::io::format::{
    ChartFile, FORMAT_VERSION, OrganisationFile, PersonFile, PostFile, SourceFile, TenureFile, Text,
};
use crate::model::Certainty;

/// The fields read from each result row.
pub const FIELDS: &[&str] = &[
    "person",
    "name",
    "position",
    "position_label",
    "start",
    "end",
    "start_precision",
    "end_precision",
    "org",
    "org_label",
    "replaces",
    "replaced_by",
    "statement",
];

/// Variable names each field is known by, lower case, in order of preference.
fn aliases(field: &str) -> &'static [&'static str] {
    match field {
        "person" => &[
            "item",
            "person",
            "human",
            "holder",
            "officeholder",
            "politician",
            "member",
            "p",
        ],
        "position" => &[
            "position",
            "role",
            "office",
            "post",
            "positionheld",
            "pos",
            "p39",
        ],
        "start" => &[
            "start",
            "start_date",
            "startdate",
            "starttime",
            "start_time",
            "from",
            "p580",
            "begin",
        ],
        "end" => &[
            "end", "end_date", "enddate", "endtime", "end_time", "to", "p582", "until",
        ],
        "start_precision" => &["startprecision", "start_precision"],
        "end_precision" => &["endprecision", "end_precision"],
        "org" => &[
            "org",
            "organization",
            "organisation",
            "ministry",
            "department",
            "body",
            "of",
        ],
        "replaces" => &["replaces", "predecessor", "p1365"],
        "replaced_by" => &["replacedby", "replaced_by", "successor", "p1366"],
        "statement" => &["statement", "st", "ps", "stmt"],
        _ => &[],
    }
}

/// The label variables of an item variable: `itemLabel`, `item_label`, `item_en`, ...
fn label_names(var: &str) -> Vec<String> {
    let v = var.to_lowercase();
    let mut out = vec![
        format!("{v}label"),
        format!("{v}_label"),
        format!("{v}_en"),
        format!("{v}_name_en"),
        format!("{v}_name"),
        format!("{v}name"),
    ];
    if matches!(v.as_str(), "item" | "person" | "human" | "holder") {
        out.extend([
            "name".into(),
            "name_en".into(),
            "label".into(),
            "itemlabel".into(),
        ]);
    }
    out
}

/// A value from a binding: its text, and whether it is an IRI or blank node.
fn term<'v>(row: &'v Value, var: Option<&str>) -> Option<(&'v str, &'v str)> {
    let cell = row.get(var?)?;
    let kind = cell
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("literal");
    let value = cell.get("value").and_then(Value::as_str)?;
    Some((kind, value.trim()))
}

/// "http://www.wikidata.org/entity/Q42" → "Q42".
fn q_id(value: &str) -> &str {
    value.rsplit('/').next().unwrap_or(value)
}

/// Whether a value stands for "some value, not known" (a skolem IRI or blank node).
fn unknown_value(kind: &str, value: &str) -> bool {
    kind == "bnode" || value.contains("/.well-known/genid/")
}

/// A Wikidata time: "2019-07-01T00:00:00Z", at the precision given (9 year, 10 month,
/// 11 day), or, with none given, a year where the date is 1 January.
fn time(value: &str, precision: Option<u8>) -> Result<(PartialDate, bool), String> {
    let day_part = value
        .split('T')
        .next()
        .unwrap_or(value)
        .trim_start_matches('+');
    let date: PartialDate = day_part
        .parse()
        .map_err(|err: crate::date::DateError| err.to_string())?;
    Ok(match precision {
        Some(p) if p <= 9 => (date.truncate(Precision::Year), false),
        Some(10) => (date.truncate(Precision::Month), false),
        Some(_) => (date, false),
        None if day_part.ends_with("-01-01") => (date.truncate(Precision::Year), true),
        None => (date, false),
    })
}

/// One statement read.
struct Statement {
    line: usize,
    person: String,
    name: Option<String>,
    position: String,
    position_label: Option<String>,
    org: Option<(String, Option<String>)>,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    end_unknown: bool,
    replaced_by: Option<String>,
    statement: Option<String>,
}

/// Reads SPARQL results of P39 statements into a chart file.
pub fn import(
    request: &Request,
    progress: &Progress,
) -> Result<(ChartFile<'static>, Report), ImportError> {
    let path = crate::import::single_input(request, "SPARQL results file")?;
    let root = read_json(path, progress)?;
    let vars: Vec<&str> = (root.pointer("/head/vars").and_then(Value::as_array))
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(bindings) = root.pointer("/results/bindings").and_then(Value::as_array) else {
        return Err(ImportError::at(
            Place::file(path),
            "not SPARQL query results in JSON: there is no \"results\": {\"bindings\": [...]} (save the query's results as JSON, application/sparql-results+json)",
        ));
    };
    let find = |names: &[String]| -> Option<&str> {
        names
            .iter()
            .find_map(|n| vars.iter().find(|v| v.to_lowercase() == *n).copied())
    };
    let mut problems = Vec::new();
    let mut chosen: HashMap<&str, String> = HashMap::new();
    for (field, var) in &request.names {
        match FIELDS.iter().find(|f| **f == field.as_str()) {
            Some(f) if vars.iter().any(|v| v == var) => {
                chosen.insert(f, var.clone());
            }
            Some(_) => problems.push(Located::new(
                Place::file(path).column("head.vars"),
                format!(
                    "--var {field}={var}: the results have no variable \"{var}\" (they have {})",
                    vars.join(", ")
                ),
            )),
            None => problems.push(Located::new(
                Place::file(Path::new("<arguments>")),
                format!(
                    "--var {field}={var}: there is no field \"{field}\" (the fields are {})",
                    FIELDS.join(", ")
                ),
            )),
        }
    }
    for field in [
        "person",
        "position",
        "start",
        "end",
        "start_precision",
        "end_precision",
        "org",
        "replaces",
        "replaced_by",
        "statement",
    ] {
        if !chosen.contains_key(field)
            && let Some(v) = find(
                &aliases(field)
                    .iter()
                    .map(|s| (*s).to_owned())
                    .collect::<Vec<_>>(),
            )
        {
            chosen.insert(field, v.to_owned());
        }
    }
    for (item, label) in [
        ("person", "name"),
        ("position", "position_label"),
        ("org", "org_label"),
    ] {
        if !chosen.contains_key(label)
            && let Some(var) = chosen.get(item).cloned()
            && let Some(v) = find(&label_names(&var))
        {
            chosen.insert(label, v.to_owned());
        }
    }
    for needed in ["person", "position"] {
        if !chosen.contains_key(needed) {
            problems.push(Located::new(
                Place::file(path).column("head.vars"),
                format!("no variable gives the {needed} (the results have {}); name it with --var {needed}=VARIABLE", vars.join(", ")),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid { problems });
    }
    let var = |field: &str| chosen.get(field).map(String::as_str);
    let mut report = Report::default();
    let mut statements: Vec<Statement> = Vec::new();
    let mut seen: HashMap<(String, String, Option<PartialDate>), usize> = HashMap::new();
    let mut guessed_years = 0usize;
    for (i, row) in bindings.iter().enumerate() {
        let here = Place::file(path).column(format!("results.bindings[{i}]"));
        let (Some((_, person)), Some((_, position))) =
            (term(row, var("person")), term(row, var("position")))
        else {
            report.note(
                here,
                NoteKind::Skipped,
                "a result with no person or no position",
            );
            continue;
        };
        let precision = |field: &str| term(row, var(field)).and_then(|(_, v)| v.parse::<u8>().ok());
        let mut date = |field: &str, precision: Option<u8>| -> (Option<PartialDate>, bool) {
            match term(row, var(field)) {
                None => (None, false),
                Some((kind, value)) if unknown_value(kind, value) => (None, true),
                Some((_, value)) => match time(value, precision) {
                    Ok((date, guessed)) => {
                        guessed_years += usize::from(guessed);
                        (Some(date), false)
                    }
                    Err(message) => {
                        problems.push(Located::new(
                            here.clone().column(format!(
                                "results.bindings[{i}].{}",
                                var(field).unwrap_or(field)
                            )),
                            message,
                        ));
                        (None, false)
                    }
                },
            }
        };
        let (start, _) = date("start", precision("start_precision"));
        let (end, end_unknown) = date("end", precision("end_precision"));
        let label = |field: &str| {
            term(row, var(field))
                .map(|(_, v)| v.to_owned())
                .filter(|v| !v.is_empty())
        };
        let key = (person.to_owned(), position.to_owned(), start);
        let statement = term(row, var("statement")).map(|(_, v)| v.to_owned());
        if let Some(&k) = seen.get(&key) {
            // The same statement again (a row per label language, per org): fill gaps.
            let s = &mut statements[k];
            s.end = s.end.or(end);
            s.name = s.name.take().or_else(|| label("name"));
            continue;
        }
        seen.insert(key, statements.len());
        statements.push(Statement {
            line: i,
            person: person.to_owned(),
            name: label("name"),
            position: position.to_owned(),
            position_label: label("position_label"),
            org: term(row, var("org")).map(|(_, v)| (v.to_owned(), label("org_label"))),
            start,
            end,
            end_unknown,
            replaced_by: term(row, var("replaced_by")).map(|(_, v)| v.to_owned()),
            statement,
        });
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid { problems });
    }
    if guessed_years > 0 {
        report.note(Place::file(path), NoteKind::Guessed, format!("{guessed_years} date(s) on 1 January are taken as known only to the year, as Wikidata writes year-precision dates so; select the precision (pqv:P580/wikibase:timePrecision) to know"));
    }
    report.inputs.push(InputSummary {
        file: path.to_owned(),
        what: format!(
            "{} results, {} statements",
            bindings.len(),
            statements.len()
        ),
        encoding: None,
    });
    Ok((build(statements, path, request, &mut report), report))
}

fn build(
    mut statements: Vec<Statement>,
    path: &Path,
    request: &Request,
    report: &mut Report,
) -> ChartFile<'static> {
    let source: Text<'static> = "wikidata".into();
    let here = |s: &Statement| Place::file(path).column(format!("results.bindings[{}]", s.line));
    // Statements without a start cannot be placed in time.
    statements.retain(|s| {
        if s.start.is_some() || request.date.is_some() {
            return true;
        }
        report.note(
            here(s),
            NoteKind::Skipped,
            format!(
                "{} held {} with no start date (P580)",
                s.name.clone().unwrap_or_else(|| q_id(&s.person).to_owned()),
                s.position_label
                    .clone()
                    .unwrap_or_else(|| q_id(&s.position).to_owned())
            ),
        );
        false
    });
    // An end that Wikidata knows happened, on an unknown day: the next holder's start.
    let mut by_position: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, s) in statements.iter().enumerate() {
        by_position.entry(&s.position).or_default().push(i);
    }
    let mut ends: Vec<(usize, Option<PartialDate>)> = Vec::new();
    for list in by_position.values() {
        for &i in list {
            let s = &statements[i];
            if !(s.end_unknown && s.end.is_none()) {
                continue;
            }
            let next = (list.iter())
                .filter_map(|&j| {
                    statements[j]
                        .start
                        .filter(|d| Some(*d) > s.start)
                        .map(|d| (d, j))
                })
                .filter(|(_, j)| {
                    s.replaced_by
                        .as_deref()
                        .is_none_or(|r| r == statements[*j].person)
                })
                .min();
            ends.push((i, next.map(|(d, _)| d)));
        }
    }
    for (i, end) in ends {
        let s = &statements[i];
        let who = s.name.clone().unwrap_or_else(|| q_id(&s.person).to_owned());
        match end {
            Some(d) => report.note(here(s), NoteKind::Guessed, format!("{who}'s end date is unknown in Wikidata; the tenure is taken to end when the next holder's starts ({d})")),
            None => report.note(here(s), NoteKind::Guessed, format!("{who}'s end date is unknown in Wikidata, and no later holder is given; the tenure is shown as not ended")),
        }
        statements[i].end = end;
    }
    let org_ids = Ids::default();
    org_ids.fresh("wikidata");
    let mut orgs: Vec<OrganisationFile<'static>> = Vec::new();
    let mut org_of: HashMap<String, String> = HashMap::new();
    let mut posts: Vec<PostFile<'static>> = Vec::new();
    let mut post_of: HashMap<String, usize> = HashMap::new();
    let post_ids = org_ids.clone();
    let mut people: Vec<PersonFile<'static>> = Vec::new();
    let mut person_of: HashMap<String, usize> = HashMap::new();
    let person_ids = org_ids.clone();
    let mut spans: HashMap<usize, Vec<(i32, i32)>> = HashMap::new();
    statements.sort_by_key(|s| (s.start, s.line));
    for s in &statements {
        let (org_iri, org_label) = s
            .org
            .clone()
            .unwrap_or_else(|| ("".into(), Some("Wikidata positions".into())));
        let org = org_of
            .entry(org_iri.clone())
            .or_insert_with(|| {
                let name = org_label.unwrap_or_else(|| q_id(&org_iri).to_owned());
                let id = org_ids.fresh(&name);
                let note = (!org_iri.is_empty()).then(|| format!("Wikidata: {}", q_id(&org_iri)));
                orgs.push(plain_organisation(id.clone(), name, source.clone(), note));
                id
            })
            .clone();
        let p = *post_of.entry(s.position.clone()).or_insert_with(|| {
            let title = s
                .position_label
                .clone()
                .unwrap_or_else(|| q_id(&s.position).to_owned());
            posts.push(PostFile {
                note: Some(format!("Wikidata: {}", q_id(&s.position)).into()),
                ..plain_post(
                    post_ids.fresh(&title),
                    title,
                    org.clone(),
                    vec![source.clone()],
                )
            });
            posts.len() - 1
        });
        let person = *person_of.entry(s.person.clone()).or_insert_with(|| {
            let name = s
                .name
                .clone()
                .filter(|n| n != q_id(&s.person))
                .unwrap_or_else(|| q_id(&s.person).to_owned());
            people.push(PersonFile {
                id: person_ids.fresh(&name).into(),
                name: name.into(),
                note: Some(format!("Wikidata: {}", q_id(&s.person)).into()),
                tenures: Vec::new(),
            });
            people.len() - 1
        });
        let (start, start_unknown) = match (s.start, request.date) {
            (Some(d), _) => (d, false),
            (None, Some(d)) => (d, true),
            (None, None) => continue,
        };
        let end = s.end.filter(|e| e.end_bound() > start.first_day());
        if s.end.is_some() && end.is_none() {
            report.note(
                here(s),
                NoteKind::Skipped,
                format!(
                    "the end date {} of {}'s tenure is not after its start, so it is left out",
                    s.end.map_or_else(String::new, |e| e.to_string()),
                    people[person].name
                ),
            );
        }
        spans.entry(p).or_default().push((
            start.last_day().0,
            end.map_or(i32::MAX, |e| e.first_day().0),
        ));
        people[person].tenures.push(TenureFile {
            post: posts[p].id.clone(),
            start: start.to_string().into(),
            start_unknown,
            in_post: None,
            end: end.map(|d| d.to_string().into()),
            acting: false,
            end_cause: None,
            certainty: Certainty::Reported,
            end_certainty: None,
            sources: vec![source.clone()],
            note: s
                .statement
                .as_ref()
                .map(|st| format!("Wikidata statement {}", q_id(st)).into()),
        });
    }
    for (p, list) in spans {
        let most = most_at_once(&list);
        posts[p].seats = (most > 1).then_some(most as u32);
    }
    people.retain(|p| !p.tenures.is_empty());
    crate::import::follow_where_held(&mut posts, &people);
    let title = request.title.clone().unwrap_or_else(|| {
        if orgs.len() == 1 {
            orgs[0].name.to_string()
        } else {
            "Positions held, from Wikidata".to_owned()
        }
    });
    ChartFile {
        version: FORMAT_VERSION,
        title: title.into(),
        description: Some(
            format!(
                "Imported from Wikidata query results ({}).",
                crate::import::draft::file_name(path)
            )
            .into(),
        ),
        covers: None,
        default_date: None,
        view: None,
        sources: vec![SourceFile {
            id: source,
            publisher: "Wikidata".into(),
            title: format!(
                "Position held (P39) statements, query results {}",
                crate::import::draft::file_name(path)
            )
            .into(),
            date: None,
            url: Some("https://query.wikidata.org/".into()),
        }],
        organisations: orgs,
        posts,
        people,
        events: Vec::new(),
    }
}
