//! Flat org-chart CSV, as HR systems, Visio's organisation chart wizard and d3-org-chart use:
//! one row per post (or per person), each naming its parent, with a name, a title, a
//! department and, optionally, start and end dates.
//!
//! Rows sharing an id are one post: with dates, its holders over time; without, a post with
//! several seats. Rows without dates describe the chart as of `--date`; a holder's start is
//! then unknown, and shown as "in post by" that date.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::date::PartialDate;
use crate::import::draft::{Ids, plain_organisation};
use crate::import::names::{Placeholder, as_written, name_key, placeholder};
use crate::import::table::{Table, key};
use crate::import::{
    ImportError, InputSummary, Located, NoteKind, Place, Progress, Report, Request, loose_date,
};
use crate::io::format::{
    ChartFile, FORMAT_VERSION, LineFile, PeriodFile, PersonFile, PostFile, SourceFile, TenureFile,
    Text,
};
use crate::model::{Certainty, LineKind};

/// The fields a column can be read as.
pub const FIELDS: &[&str] = &[
    "id",
    "parent",
    "name",
    "first_name",
    "last_name",
    "title",
    "department",
    "start",
    "end",
    "note",
];

/// The column names each field is known by (as header keys), in order of preference.
fn aliases(field: &str) -> &'static [&'static str] {
    match field {
        "id" => &[
            "id",
            "nodeid",
            "postid",
            "positionid",
            "employeeid",
            "empid",
            "uniqueid",
            "staffid",
            "personid",
            "key",
            "ref",
            "reference",
        ],
        "parent" => &[
            "parentid",
            "parentnodeid",
            "parent",
            "reportsto",
            "reportstoid",
            "managerid",
            "manager",
            "supervisorid",
            "supervisor",
            "linemanager",
            "pid",
            "boss",
        ],
        "name" => &[
            "name",
            "fullname",
            "personname",
            "employeename",
            "employee",
            "holder",
            "displayname",
        ],
        "first_name" => &["firstname", "forename", "givenname", "first"],
        "last_name" => &["lastname", "surname", "familyname", "last"],
        "title" => &[
            "title",
            "positionname",
            "position",
            "jobtitle",
            "role",
            "post",
            "job",
            "designation",
        ],
        "department" => &[
            "department",
            "departmentname",
            "dept",
            "organisation",
            "organization",
            "org",
            "division",
            "unit",
            "team",
            "area",
        ],
        "start" => &[
            "start",
            "startdate",
            "from",
            "datefrom",
            "validfrom",
            "since",
            "begin",
            "effectivedate",
            "appointed",
        ],
        "end" => &[
            "end", "enddate", "to", "dateto", "validto", "until", "left", "leftdate",
        ],
        "note" => &["note", "notes", "comment", "comments", "description"],
        _ => &[],
    }
}

/// One row, read.
struct Line {
    line: u64,
    id: String,
    parent: String,
    person: Option<String>,
    title: String,
    department: String,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    note: String,
}

/// Words in a parent cell that mean "no parent" (when no row has that id).
fn no_parent(text: &str) -> bool {
    matches!(
        key(text).as_str(),
        "" | "null" | "none" | "nil" | "na" | "0" | "root" | "top"
    ) || text.trim() == "-"
}

/// Reads a flat CSV file into a chart file.
pub fn import(
    request: &Request,
    progress: &Progress,
) -> Result<(ChartFile<'static>, Report), ImportError> {
    let path = crate::import::single_input(request, "CSV file")?;
    let mut table = Table::open(path, progress)?;
    let header_place = Place::line(path, table.header_line);
    let mut report = Report::default();
    let mut problems = Vec::new();
    // Columns: named on the command line first, then known by their header.
    let mut columns: HashMap<&str, usize> = HashMap::new();
    for (column, field) in &request.names {
        let Some(&field) = FIELDS.iter().find(|f| **f == field.as_str()) else {
            problems.push(Located::new(
                Place::file(Path::new("<arguments>")),
                format!(
                    "--map {column}={field}: there is no field \"{field}\" (the fields are {})",
                    FIELDS.join(", ")
                ),
            ));
            continue;
        };
        match table.named_column(column) {
            Some(c) => {
                columns.insert(field, c);
            }
            None => problems.push(Located::new(
                header_place.clone(),
                format!("--map {column}={field}: the file has no column \"{column}\""),
            )),
        }
    }
    let claimed: HashSet<usize> = columns.values().copied().collect();
    for field in FIELDS {
        if columns.contains_key(field) {
            continue;
        }
        if let Some(c) = (table.column(aliases(field))).filter(|c| !claimed.contains(c)) {
            columns.insert(field, c);
        }
    }
    let has_name = columns.contains_key("name")
        || columns.contains_key("first_name")
        || columns.contains_key("last_name");
    if !columns.contains_key("parent") {
        problems.push(Located::new(
            header_place.clone(),
            format!(
                "no column says whom each row reports to (such as \"parentId\", \"Reports_To\" or \"manager\"); name it with --map COLUMN=parent. The header has: {}",
                table.header.join(", ")
            ),
        ));
    }
    if !has_name && !columns.contains_key("title") && !columns.contains_key("id") {
        problems.push(Located::new(
            header_place.clone(),
            "no column gives a name, a title or an id; name one with --map COLUMN=name",
        ));
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid { problems });
    }
    let get = |field: &str| columns.get(field).copied();
    let (c_id, c_parent, c_name, c_first, c_last) = (
        get("id"),
        get("parent"),
        get("name"),
        get("first_name"),
        get("last_name"),
    );
    let (c_title, c_dept, c_start, c_end, c_note) = (
        get("title"),
        get("department"),
        get("start"),
        get("end"),
        get("note"),
    );
    let clock = std::time::Instant::now();
    let mut rows: Vec<Line> = Vec::new();
    let mut undated: Option<u64> = None;
    while let Some(row) = table.next_row()? {
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        let here = Place::line(path, row.line);
        let mut name = row.get(c_name).to_owned();
        let (first, last) = (row.get(c_first), row.get(c_last));
        if !first.is_empty() || !last.is_empty() {
            let joined = [first, last]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            name = if name.is_empty() || c_name == c_first {
                joined
            } else if !last.is_empty() && c_last.is_some() && !name.contains(last) {
                format!("{name} {last}")
            } else {
                name
            };
        }
        let mut date = |column: Option<usize>| match loose_date(row.get(column)) {
            Ok(date) => date,
            Err(message) => {
                let at = here.clone().column(table.column_name(column.unwrap_or(0)));
                problems.push(Located::new(at, message));
                None
            }
        };
        let start = date(c_start);
        let end = date(c_end);
        let title = row.get(c_title).to_owned();
        let person = match placeholder(&name) {
            Some(Placeholder::Eliminated) => {
                report.note(
                    here.clone(),
                    NoteKind::Skipped,
                    format!("the row for \"{title}\" says the post is abolished (\"{name}\")"),
                );
                continue;
            }
            Some(_) => None,
            None => Some(name.clone()),
        };
        let id = if c_id.is_some() {
            row.get(c_id).to_owned()
        } else {
            name.clone()
        };
        if id.is_empty() {
            report.note(here, NoteKind::Skipped, "a row with no id and no name");
            continue;
        }
        if start.is_none() && undated.is_none() {
            undated = Some(row.line);
        }
        rows.push(Line {
            line: row.line,
            id,
            parent: row.get(c_parent).to_owned(),
            person,
            title,
            department: row.get(c_dept).to_owned(),
            start,
            end,
            note: row.get(c_note).to_owned(),
        });
    }
    log::debug!("read {} rows in {:?}", rows.len(), clock.elapsed());
    if let (Some(line), None) = (undated, request.date) {
        problems.push(Located::new(
            Place::line(path, line),
            "this row has no start date: give --date, the date the file describes (rows without dates are as of that date)",
        ));
    }
    if rows.is_empty() {
        problems.push(Located::new(
            header_place,
            "the file has a header row but no rows under it",
        ));
    }
    for row in &rows {
        if let (Some(start), Some(end)) = (row.start, row.end)
            && end.end_bound() <= start.first_day()
        {
            problems.push(Located::new(
                Place::line(path, row.line),
                format!("the end ({end}) comes before the start ({start})"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid { problems });
    }
    report.inputs.push(InputSummary {
        file: path.to_owned(),
        what: format!("{} rows", table.rows),
        encoding: table.encoding,
    });
    if last_day_ends(&rows) {
        // An HR system's end date is the last day in post; a chart's end is the day after.
        let mut moved = 0;
        for row in &mut rows {
            if let Some(end) = row
                .end
                .filter(|e| e.precision() == crate::date::Precision::Day)
            {
                row.end = Some(PartialDate::from_day(crate::date::Day(
                    end.first_day().0 + 1,
                )));
                moved += 1;
            }
        }
        if moved > 0 {
            report.note(
                Place::file(path).column(table.column_name(c_end.unwrap_or(0))),
                NoteKind::Guessed,
                "end dates are taken as each holder's last day in post (no successor starts on the day another ends)",
            );
        }
    }
    Ok((build(&rows, path, request, &mut report), report))
}

fn build(rows: &[Line], path: &Path, request: &Request, report: &mut Report) -> ChartFile<'static> {
    let as_of = request.date;
    let stem = path.file_stem().map_or_else(
        || "Imported chart".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let source: Text<'static> = "file".into();
    // Posts: rows grouped by id, in file order.
    let mut post_rows: Vec<(String, Vec<usize>)> = Vec::with_capacity(rows.len());
    let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let p = *by_id.entry(row.id.as_str()).or_insert_with(|| {
            post_rows.push((row.id.clone(), Vec::new()));
            post_rows.len() - 1
        });
        post_rows[p].1.push(i);
    }
    // Each holder's name as a key, once.
    let keys: Vec<String> = (rows.iter())
        .map(|r| r.person.as_deref().map(name_key).unwrap_or_default())
        .collect();
    // People and titles, to resolve parents written as names (Visio's Reports_To).
    let mut by_person: HashMap<String, Vec<usize>> = HashMap::with_capacity(rows.len());
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::with_capacity(rows.len());
    for (p, (_, list)) in post_rows.iter().enumerate() {
        for &i in list {
            if rows[i].person.is_some() {
                let entry = by_person.entry(keys[i].clone()).or_default();
                if !entry.contains(&p) {
                    entry.push(p);
                }
            }
        }
        let title = key(&rows[list[0]].title);
        if !title.is_empty() {
            by_title.entry(title).or_default().push(p);
        }
    }
    let ids = Ids::default();
    ids.fresh("file");
    let post_ids: Vec<String> = (post_rows.iter())
        .map(|(id, list)| {
            let title = &rows[list[0]].title;
            let base = if title.is_empty() {
                id.clone()
            } else {
                format!("{title} {id}")
            };
            ids.fresh(&base)
        })
        .collect();
    // Each row's parent post.
    let mut parent_of: Vec<Option<usize>> = vec![None; rows.len()];
    let mut noted: HashSet<String> = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let here = Place::line(path, row.line);
        let text = row.parent.as_str();
        if let Some(&p) = by_id.get(text) {
            parent_of[i] = Some(p);
        } else if no_parent(text) {
            continue;
        } else if let Some([p]) = by_person.get(&name_key(text)).map(Vec::as_slice) {
            parent_of[i] = Some(*p);
            if noted.insert(text.to_owned()) {
                report.note(here, NoteKind::Matched, format!("parent \"{text}\" is no id in the file; taken to be the post held by {text}, by name"));
            }
        } else if let Some([p]) = by_title.get(&key(text)).map(Vec::as_slice) {
            parent_of[i] = Some(*p);
            if noted.insert(text.to_owned()) {
                report.note(here, NoteKind::Matched, format!("parent \"{text}\" is no id in the file; taken to be the post titled so, by title"));
            }
        } else {
            report.note(
                here,
                NoteKind::Skipped,
                format!(
                    "parent \"{text}\" is not an id in the file; \"{}\" is drawn as a top post",
                    row.title
                ),
            );
        }
        if parent_of[i] == Some(by_id[row.id.as_str()]) {
            parent_of[i] = None;
            report.note(
                Place::line(path, row.line),
                NoteKind::Guessed,
                format!(
                    "\"{}\" is its own parent; it is taken to be a top post",
                    row.title
                ),
            );
        }
    }
    // Break loops, whenever they would hold: a row's line is dropped where its parent
    // already reports, through lines kept so far, to the row's own post.
    let post_of: Vec<usize> = rows.iter().map(|r| by_id[r.id.as_str()]).collect();
    let mut ups: Vec<Vec<usize>> = vec![Vec::new(); post_rows.len()];
    let mut mark: Vec<usize> = vec![usize::MAX; post_rows.len()];
    for (i, row) in rows.iter().enumerate() {
        let Some(up) = parent_of[i] else { continue };
        let p = post_of[i];
        // Is `p` above `up` already?
        let mut stack = vec![up];
        let mut closes = false;
        while let Some(at) = stack.pop() {
            if at == p {
                closes = true;
                break;
            }
            if mark[at] == i {
                continue;
            }
            mark[at] = i;
            stack.extend(ups[at].iter().copied());
        }
        if closes {
            parent_of[i] = None;
            report.note(
                Place::line(path, row.line),
                NoteKind::Skipped,
                format!(
                    "the line from \"{}\" to \"{}\" closes a loop of reporting lines",
                    row.title, row.parent
                ),
            );
        } else if !ups[p].contains(&up) {
            ups[p].push(up);
        }
    }
    // Organisations, one per department, or one for the whole file.
    let org_ids = ids.clone();
    let mut orgs: Vec<(String, String)> = Vec::new();
    let mut org_by_key: HashMap<String, usize> = HashMap::new();
    let main_name = request.title.clone().unwrap_or_else(|| stem.clone());
    let post_org: Vec<usize> = (post_rows.iter())
        .map(|(_, list)| {
            let name = rows[list[0]].department.as_str();
            let name = if name.is_empty() {
                main_name.as_str()
            } else {
                name
            };
            *org_by_key.entry(key(name)).or_insert_with(|| {
                orgs.push((org_ids.fresh(name), name.to_owned()));
                orgs.len() - 1
            })
        })
        .collect();
    let dated = rows.iter().any(|r| r.start.is_some() || r.end.is_some());
    let mut earliest = as_of;
    let mut latest = as_of;
    for row in rows {
        for d in [row.start, row.end].into_iter().flatten() {
            earliest = Some(earliest.map_or(d, |e| e.min(d)));
            latest = Some(latest.map_or(d, |e| e.max(d)));
        }
    }
    let mut posts = Vec::with_capacity(post_rows.len());
    // Sized for every row at once: growing them would free and fault in large tables.
    let mut tenures: HashMap<String, (String, Vec<TenureFile<'static>>)> =
        HashMap::with_capacity(rows.len());
    let mut person_order: Vec<String> = Vec::with_capacity(rows.len());
    for (p, (_, list)) in post_rows.iter().enumerate() {
        let first = &rows[list[0]];
        let title = list
            .iter()
            .rev()
            .map(|&i| &rows[i].title)
            .find(|t| !t.is_empty())
            .unwrap_or(&first.id);
        let org = post_org[p];
        // Lines: one undated line where every row names the same parent; dated ones
        // otherwise.
        let parents: Vec<Option<usize>> = list.iter().map(|&i| parent_of[i]).collect();
        let mut lines = Vec::new();
        let same = parents.windows(2).all(|w| w[0] == w[1]);
        if same || !dated {
            if let Some(up) = parents[0] {
                lines.push(LineFile {
                    to: post_ids[up].clone().into(),
                    kind: LineKind::ReportsTo,
                    start: None,
                    end: None,
                    certainty: Certainty::Reported,
                    sources: vec![source.clone()],
                    note: None,
                });
            }
        } else {
            // The parent changes where a row with a start date names another; rows with
            // no start after the first cannot place a change, and of rows starting on one
            // day the last wins.
            let mut sorted: Vec<usize> = list.clone();
            sorted.sort_by_key(|&i| rows[i].start);
            let mut segments: Vec<(Option<usize>, Option<PartialDate>)> = Vec::new();
            for &i in &sorted {
                let (up, start) = (parent_of[i], rows[i].start);
                match segments.last_mut() {
                    None => segments.push((up, start)),
                    Some(_) if start.is_none() => {}
                    Some(last) if last.0 == up => {}
                    Some(last) if last.1.map(|d| d.first_day()) == start.map(|d| d.first_day()) => {
                        last.0 = up;
                    }
                    Some(_) => segments.push((up, start)),
                }
            }
            for (k, &(up, start)) in segments.iter().enumerate() {
                let Some(up) = up else { continue };
                let end = segments.get(k + 1).and_then(|next| next.1);
                lines.push(LineFile {
                    to: post_ids[up].clone().into(),
                    kind: LineKind::ReportsTo,
                    start: start.map(|d| d.to_string().into()),
                    end: end.map(|d| d.to_string().into()),
                    certainty: Certainty::Reported,
                    sources: vec![source.clone()],
                    note: None,
                });
            }
        }
        // Seats: as many as the holdings made hold at once, as the seat check counts them.
        let mut spans: Vec<(i32, i32)> = Vec::new();
        for &i in list {
            let row = &rows[i];
            let Some(person) = &row.person else { continue };
            let (start, start_unknown) = match (row.start, as_of) {
                (Some(start), _) => (start, false),
                (None, Some(as_of)) => (as_of, true),
                (None, None) => continue,
            };
            if let Some(end) = row.end.filter(|e| e.end_bound() <= start.first_day()) {
                report.note(
                    Place::line(path, row.line),
                    NoteKind::Skipped,
                    format!("{person}'s holding has no start and ended ({end}) before the date the file describes ({start})"),
                );
                continue;
            }
            spans.push((
                start.last_day().0,
                row.end.map_or(i32::MAX, |e| e.first_day().0),
            ));
            let k = &keys[i];
            let entry = tenures.entry(k.clone()).or_insert_with(|| {
                person_order.push(k.clone());
                (as_written(person), Vec::new())
            });
            entry.1.push(TenureFile {
                post: post_ids[p].clone().into(),
                start: start.to_string().into(),
                start_unknown,
                in_post: None,
                end: row.end.map(|d| d.to_string().into()),
                acting: false,
                end_cause: None,
                certainty: Certainty::Reported,
                end_certainty: None,
                sources: vec![source.clone()],
                note: (!row.note.is_empty()).then(|| row.note.clone().into()),
            });
        }
        let seats = crate::import::draft::most_at_once(&spans) as u32;
        posts.push(PostFile {
            id: post_ids[p].clone().into(),
            title: title.clone().into(),
            organisation: orgs[org].0.clone().into(),
            moves: Vec::new(),
            created: None,
            abolished: None,
            followed_from: as_of.filter(|_| !dated).map(|d| d.to_string().into()),
            followed_until: None,
            seats: (seats > 1).then_some(seats),
            lines,
            details: Vec::new(),
            staff: Vec::new(),
            sources: vec![source.clone()],
            note: None,
        });
    }
    let person_ids = ids.clone();
    let people: Vec<PersonFile<'static>> = (person_order.iter())
        .filter_map(|k| tenures.remove(k))
        .map(|(name, list)| PersonFile {
            id: person_ids.fresh(&name).into(),
            name: name.into(),
            note: None,
            tenures: list,
        })
        .collect();
    if dated {
        crate::import::follow_where_held(&mut posts, &people);
    }
    let title = request.title.clone().unwrap_or_else(|| match as_of {
        Some(d) if !dated => format!("{stem} at {}", d.human()),
        _ => stem.clone(),
    });
    ChartFile {
        version: FORMAT_VERSION,
        title: title.into(),
        description: Some(
            format!("Imported from {}.", crate::import::draft::file_name(path)).into(),
        ),
        covers: match (earliest, latest) {
            (Some(a), Some(b)) if a < b => Some(PeriodFile {
                from: a.to_string().into(),
                to: b.to_string().into(),
            }),
            _ => None,
        },
        default_date: as_of.or(latest).map(|d| d.to_string().into()),
        view: None,
        sources: vec![SourceFile {
            id: source.clone(),
            publisher: "Not stated in the file".into(),
            title: crate::import::draft::file_name(path).into(),
            date: None,
            url: None,
        }],
        organisations: (orgs.into_iter())
            .map(|(id, name)| plain_organisation(id, name, source.clone(), None))
            .collect(),
        posts,
        people,
        events: Vec::new(),
    }
}

/// Whether the file's end dates are last days in post rather than first days out: unless
/// successors start on the day their predecessors end more often than on the day after.
fn last_day_ends(rows: &[Line]) -> bool {
    let mut by_post: HashMap<&str, Vec<&Line>> = HashMap::with_capacity(rows.len());
    for row in rows {
        by_post.entry(row.id.as_str()).or_default().push(row);
    }
    let (mut same_day, mut next_day) = (0, 0);
    for list in by_post.values() {
        for a in list {
            let Some(end) = a.end else { continue };
            for b in list {
                match b.start.map(|s| s.first_day().0 - end.first_day().0) {
                    Some(0) => same_day += 1,
                    Some(1) => next_day += 1,
                    _ => {}
                }
            }
        }
    }
    same_day <= next_day
}
