//! UK government organograms: the senior and junior staff CSV files that departments,
//! agencies and other public bodies publish for each 31 March and 30 September, read as a
//! series of releases and turned into one chart over time.
//!
//! A person seen in the same post in two consecutive releases holds it in between. Where a
//! tenure, a line or a move begins or ends between two releases, its date is written as
//! known only to lie between them (`"2011-04-01/2011-09-30"`), with the certainty
//! "reported"; where it was already so in the first release, the tenure's start is marked
//! unknown ("in post by 31 Mar 2011"). Posts are matched across releases by their
//! reference, and where references change, by title, unit and holder; people by their
//! normalised name. Every match not by reference is in the report.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::date::{Day, PartialDate};
use crate::import::draft::Ids;
use crate::import::names::{Placeholder, display_name, name_key, placeholder};
use crate::import::table::{Row, Table, key, number};
use crate::import::{
    ImportError, InputSummary, Located, NoteKind, Place, Progress, Report, Request,
};
use crate::io::format::{
    ChartFile, DetailFile, FORMAT_VERSION, LineFile, MoveFile, OrganisationFile, ParentFile,
    PeriodFile, PersonFile, PostFile, SourceFile, StaffFile, TenureFile, Text,
};
use crate::model::{Certainty, LineKind};

/// A release: its date, its senior file and the source its facts cite.
struct Release {
    date: PartialDate,
    day: Day,
    path: PathBuf,
    source: String,
}

/// Who sits in a post at a release.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Seat {
    /// A named person, by the key of their name.
    Person(Rc<str>),
    /// A holder whose name is not disclosed; the number tells several apart in one post.
    Undisclosed(usize),
}

/// A post as one release has it: one or more rows with the same reference.
///
/// Its texts are shared with every other group that has the same text (see [`Strings`]), so
/// a series of releases costs memory for what changes between them, not for every row read.
#[derive(Debug, Default)]
struct Group {
    line: u64,
    reference: Rc<str>,
    ref_key: Rc<str>,
    title: Rc<str>,
    unit: Rc<str>,
    org: Rc<str>,
    parent: Rc<str>,
    reports_to: Rc<str>,
    seats: Vec<Seat>,
    vacant: bool,
    eliminated: bool,
    details: Details,
}

/// The details kept from a row, by name, in the order the inspector shows them.
type Details = Rc<[(&'static str, Rc<str>)]>;

/// One copy of each text and each set of details the releases hold: most of a post's row
/// is the same from one release to the next.
#[derive(Default)]
struct Strings {
    texts: HashSet<Rc<str>>,
    details: HashSet<Details>,
}

impl Strings {
    /// The shared copy of `text`.
    fn text(&mut self, text: &str) -> Rc<str> {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared: Rc<str> = Rc::from(text);
        self.texts.insert(shared.clone());
        shared
    }

    /// The shared copy of a row's details.
    fn details(&mut self, details: Vec<(&'static str, String)>) -> Details {
        let details: Vec<(&'static str, Rc<str>)> = (details.into_iter())
            .map(|(name, value)| (name, self.text(&value)))
            .collect();
        if let Some(shared) = self.details.get(details.as_slice()) {
            return shared.clone();
        }
        let shared: Details = Rc::from(details);
        self.details.insert(shared.clone());
        shared
    }
}

/// A post followed across releases.
struct Track {
    id: String,
    /// (release, group) for each release in which the post is seen and not eliminated.
    entries: Vec<(usize, usize)>,
    /// The release that says it was eliminated.
    eliminated: Option<usize>,
}

/// The columns of a senior staff file.
struct SeniorColumns {
    reference: usize,
    name: Option<usize>,
    grade: Option<usize>,
    title: usize,
    function: Option<usize>,
    parent: Option<usize>,
    org: Option<usize>,
    unit: Option<usize>,
    reports: usize,
    salary_cost: Option<usize>,
    fte: Option<usize>,
    floor: Option<usize>,
    ceiling: Option<usize>,
    profession: Option<usize>,
    notes: Option<usize>,
    region: Option<usize>,
}

fn missing_column(table: &Table<'_>, what: &str) -> Located {
    let has: Vec<&str> = table.header.iter().take(8).map(String::as_str).collect();
    Located::new(
        Place::line(table.path(), table.header_line),
        format!(
            "not an organogram senior staff file: no column \"{what}\" (the header row has {})",
            has.iter()
                .map(|h| format!("\"{h}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

impl SeniorColumns {
    fn find(table: &Table<'_>) -> Result<Self, Located> {
        if table.column(&["postuniquereference"]).is_none()
            && table.column(&["reportingseniorpost"]).is_some()
        {
            return Err(Located::new(
                Place::line(table.path(), table.header_line),
                "this is a junior staff file (it has \"Reporting Senior Post\"): give it with --junior DATE=FILE",
            ));
        }
        let reference = (table.column(&["postuniquereference", "postuniqueref", "postreference"]))
            .ok_or_else(|| missing_column(table, "Post Unique Reference"))?;
        let title = (table.column(&["jobtitle", "title", "posttitle"]))
            .ok_or_else(|| missing_column(table, "Job Title"))?;
        let reports = (table.column(&["reportstoseniorpost", "reportsto", "reportstopost"]))
            .ok_or_else(|| missing_column(table, "Reports to Senior Post"))?;
        Ok(SeniorColumns {
            reference,
            name: table.column(&["name", "postholder", "nameofpostholder"]),
            grade: table.column(&["gradeorequivalent", "grade"]),
            title,
            function: table.column(&["jobteamfunction", "jobfunction", "teamfunction"]),
            parent: table.column(&["parentdepartment", "department"]),
            org: table.column(&["organisation", "organization"]),
            unit: table.column(&["unit"]),
            reports,
            salary_cost: table.column(&["salarycostofreports"]),
            fte: table.column(&["fte"]),
            floor: table.column(&["actualpayfloor", "payfloor"]),
            ceiling: table.column(&["actualpayceiling", "payceiling"]),
            profession: table.column(&["professionaloccupationalgroup", "profession"]),
            notes: table.column(&["notes"]),
            region: table.column(&["officeregion"]),
        })
    }
}

/// A sum of money as the files write it: "£140,000".
fn money(text: &str) -> Option<String> {
    let value = number(text)?;
    if value <= 0.0 {
        return None;
    }
    let whole = value.round() as u64;
    let digits = whole.to_string();
    let mut out = String::from("£");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    Some(out)
}

/// A value worth keeping: not blank, not "N/A" or "N/D".
fn value(text: &str) -> Option<String> {
    let letters = key(text);
    if letters.is_empty() || matches!(letters.as_str(), "na" | "nd" | "nk" | "none") {
        None
    } else {
        Some(text.to_owned())
    }
}

/// An organisation's name as a key, so "Her Majesty's Treasury" and "HM Treasury" match.
fn org_key(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .replace("her majesty's", "hm")
        .replace("her majestys", "hm");
    key(&lower).trim_start_matches("the").to_owned()
}

/// Names in one cell of a job share: "A / B (Job Share)", "Collins, Rory/Peto, Richard".
fn split_job_share(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let marked = lower.contains("job share") || lower.contains("job-share");
    let cleaned = name
        .replace("(Job Share)", "")
        .replace("(job share)", "")
        .replace("(Job share)", "");
    for separator in ["/", " & "] {
        if cleaned.contains(separator) {
            let parts: Vec<String> = (cleaned.split(separator))
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            let all_names = parts.len() > 1
                && parts.iter().all(|p| {
                    p.split([' ', ',']).filter(|w| !w.is_empty()).count() >= 2
                        && placeholder(p).is_none()
                });
            if all_names && (marked || parts.iter().all(|p| p.contains(' ') || p.contains(','))) {
                return parts;
            }
        }
    }
    vec![cleaned.trim().to_owned()]
}

/// Everything read from the releases, before it becomes a chart.
struct Reading {
    releases: Vec<Release>,
    groups: Vec<Vec<Group>>,
    /// Junior staff in full-time equivalents, by release and reference key.
    juniors: Vec<HashMap<Rc<str>, (f64, u64)>>,
    /// The display name and first place of each person key.
    people: HashMap<String, (String, Place)>,
    /// The spellings of each person key already reported.
    spellings: HashSet<(String, String)>,
    report: Report,
    problems: Vec<Located>,
    /// The chart's one namespace of ids.
    ids: Ids,
    strings: Strings,
}

/// Reads a series of organogram releases into a chart file.
///
/// The chart file borrows its texts from what was read, which is dropped once `then` has
/// made what it needs of them.
pub fn import<T>(
    request: &Request,
    progress: &Progress,
    then: impl FnOnce(ChartFile<'_>, Report) -> T,
) -> Result<T, ImportError> {
    let mut problems = Vec::new();
    let mut releases: Vec<(PartialDate, PathBuf)> = Vec::new();
    for input in &request.inputs {
        match super::dated_input(input) {
            Ok(pair) => releases.push(pair),
            Err(message) => problems.push(Located::new(Place::file(Path::new(input)), message)),
        }
    }
    let mut juniors: Vec<(PartialDate, PathBuf)> = Vec::new();
    for input in &request.juniors {
        match super::dated_input(input) {
            Ok(pair) => juniors.push(pair),
            Err(message) => problems.push(Located::new(Place::file(Path::new(input)), message)),
        }
    }
    if releases.is_empty() && problems.is_empty() {
        problems.push(Located::new(
            Place::file(Path::new("<arguments>")),
            "give at least one senior staff file as DATE=FILE, such as 2011-03-31=dh-2011-03-senior.csv",
        ));
    }
    releases.sort_by_key(|(date, _)| *date);
    for pair in releases.windows(2) {
        if pair[0].0 == pair[1].0 {
            problems.push(Located::new(
                Place::file(&pair[1].1),
                format!(
                    "two senior files are dated {} ({} and {}); give one per release",
                    pair[0].0,
                    pair[0].1.display(),
                    pair[1].1.display()
                ),
            ));
        }
    }
    for (date, path) in &juniors {
        if !releases.iter().any(|(d, _)| d == date) {
            problems.push(Located::new(
                Place::file(path),
                format!("this junior staff file is dated {date}, but no senior file is"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Invalid { problems });
    }
    let mut reading = read(&releases, &juniors, progress)?;
    let tracks = match_posts(&mut reading);
    let report = std::mem::take(&mut reading.report);
    let (file, report) = build(&reading, &tracks, request, report);
    Ok(then(file, report))
}

/// Reads each release's senior file, and its junior file if it has one, in date order.
fn read(
    releases: &[(PartialDate, PathBuf)],
    juniors: &[(PartialDate, PathBuf)],
    progress: &Progress,
) -> Result<Reading, ImportError> {
    let mut reading = Reading {
        releases: Vec::new(),
        groups: Vec::new(),
        juniors: Vec::new(),
        people: HashMap::new(),
        spellings: HashSet::new(),
        report: Report::default(),
        problems: Vec::new(),
        ids: Ids::default(),
        strings: Strings::default(),
    };
    let source_ids = reading.ids.clone();
    for (date, path) in releases {
        let source = source_ids.fresh(&format!("release {date}"));
        reading.releases.push(Release {
            date: *date,
            day: date.first_day(),
            path: path.clone(),
            source,
        });
    }
    for (r, (date, _)) in releases.iter().enumerate() {
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        match read_senior(&mut reading, r, progress) {
            Ok(groups) => reading.groups.push(groups),
            Err(ImportError::Invalid { problems }) => {
                reading.problems.extend(problems);
                reading.groups.push(Vec::new());
            }
            Err(other) => return Err(other),
        }
        let junior = juniors.iter().find(|(d, _)| d == date);
        let staff = match junior {
            Some((_, path)) => match read_junior(&mut reading, r, path, progress) {
                Ok(staff) => staff,
                Err(ImportError::Invalid { problems }) => {
                    reading.problems.extend(problems);
                    HashMap::new()
                }
                Err(other) => return Err(other),
            },
            None => HashMap::new(),
        };
        reading.juniors.push(staff);
    }
    if !reading.problems.is_empty() {
        return Err(ImportError::Invalid {
            problems: reading.problems,
        });
    }
    Ok(reading)
}

fn read_senior(
    reading: &mut Reading,
    r: usize,
    progress: &Progress,
) -> Result<Vec<Group>, ImportError> {
    let path = reading.releases[r].path.clone();
    let mut table = Table::open(&path, progress)?;
    let columns = SeniorColumns::find(&table).map_err(|located| ImportError::Invalid {
        problems: vec![located],
    })?;
    let mut groups: Vec<Group> = Vec::new();
    let mut by_ref: HashMap<Rc<str>, usize> = HashMap::new();
    while let Some(row) = table.next_row()? {
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        let here = Place::line(&path, row.line);
        // The tools drop a row whose first two cells are blank.
        if row.cells.iter().take(2).all(String::is_empty) && row.get(Some(columns.title)).is_empty()
        {
            reading.report.note(
                here,
                NoteKind::Skipped,
                "a row with no reference, name or title",
            );
            continue;
        }
        let reference = row
            .get(Some(columns.reference))
            .trim_matches('\'')
            .to_owned();
        let ref_key = reference.to_uppercase();
        let name_cell = row.get(columns.name).to_owned();
        let title = row.get(Some(columns.title)).to_owned();
        if ref_key == "0" {
            reading.report.note(
                here,
                NoteKind::Skipped,
                "reference 0: someone paid but not in post, which is no post to chart",
            );
            continue;
        }
        let mut status = placeholder(&name_cell);
        let ref_key = if ref_key == "ELIMINATED" {
            // "Eliminated" written in the reference column: the post is gone, its
            // reference not given.
            status = Some(Placeholder::Eliminated);
            String::new()
        } else {
            ref_key
        };
        let (reference, ref_key) = if ref_key.is_empty() || key(&ref_key) == "vacancy" {
            let made = format!("{title} / {}", row.get(columns.unit));
            reading.report.note(
                here.clone().column(table.column_name(columns.reference)),
                NoteKind::Guessed,
                format!(
                    "the post \"{title}\" has no reference (\"{reference}\"); it is matched by title and unit"
                ),
            );
            (String::new(), format!("\u{0}{}", made.to_uppercase()))
        } else {
            (reference, ref_key)
        };
        let g = match by_ref.get(ref_key.as_str()) {
            Some(&g) => g,
            None => {
                let g = groups.len();
                let strings = &mut reading.strings;
                let ref_key = strings.text(&ref_key);
                by_ref.insert(ref_key.clone(), g);
                groups.push(Group {
                    line: row.line,
                    reference: strings.text(&reference),
                    ref_key,
                    title: strings.text(&title),
                    unit: strings.text(row.get(columns.unit)),
                    org: strings.text(row.get(columns.org)),
                    parent: strings.text(row.get(columns.parent)),
                    reports_to: strings.text(row.get(Some(columns.reports)).trim_matches('\'')),
                    details: strings.details(details(&columns, &row)),
                    ..Group::default()
                });
                g
            }
        };
        let group = &mut groups[g];
        if group.reports_to.is_empty() {
            group.reports_to = reading.strings.text(row.get(Some(columns.reports)));
        }
        match status {
            Some(Placeholder::Eliminated) => {
                if group.seats.is_empty() && !group.vacant {
                    group.eliminated = true;
                } else {
                    reading.report.note(
                        here,
                        NoteKind::Skipped,
                        format!("an \"Eliminated\" row for reference {reference}, which other rows show held"),
                    );
                }
            }
            Some(Placeholder::Vacant) => group.vacant = true,
            Some(Placeholder::Undisclosed) => {
                group.eliminated = false;
                let n = (group.seats.iter())
                    .filter(|s| matches!(s, Seat::Undisclosed(_)))
                    .count();
                group.seats.push(Seat::Undisclosed(n));
            }
            None => {
                group.eliminated = false;
                for name in split_job_share(&name_cell) {
                    let person = name_key(&name);
                    if person.is_empty() {
                        continue;
                    }
                    let shown = display_name(&name);
                    match reading.people.get(&person) {
                        None => {
                            reading.people.insert(person.clone(), (shown, here.clone()));
                        }
                        Some((first, at)) if *first != shown => {
                            if reading.spellings.insert((person.clone(), shown.clone())) {
                                let message =
                                    format!("\"{name}\" taken to be {first} (as at {at}), by name");
                                reading
                                    .report
                                    .note(here.clone(), NoteKind::Matched, message);
                            }
                        }
                        Some(_) => {}
                    }
                    let seat = Seat::Person(reading.strings.text(&person));
                    if !group.seats.contains(&seat) {
                        group.seats.push(seat);
                    }
                }
            }
        }
    }
    reading.report.inputs.push(InputSummary {
        file: path.clone(),
        what: format!("{} rows, {} posts (senior staff)", table.rows, groups.len()),
        encoding: table.encoding,
    });
    drop_pseudo_tops(reading, &path, &mut groups);
    for group in &mut groups {
        group.seats.shrink_to_fit();
    }
    groups.shrink_to_fit();
    Ok(groups)
}

/// The details kept from a row, in the order the inspector shows them.
fn details(columns: &SeniorColumns, row: &Row) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut push = |name: &'static str, text: Option<String>| {
        if let Some(text) = text {
            out.push((name, text));
        }
    };
    push("Grade", value(row.get(columns.grade)));
    let floor = money(row.get(columns.floor));
    let ceiling = money(row.get(columns.ceiling));
    push(
        "Pay band",
        match (floor, ceiling) {
            (Some(f), Some(c)) => Some(format!("{f} to {c}")),
            (Some(f), None) => Some(format!("from {f}")),
            (None, Some(c)) => Some(format!("up to {c}")),
            (None, None) => value(row.get(columns.floor)).map(|v| format!("{v} (as published)")),
        },
    );
    push(
        "FTE",
        number(row.get(columns.fte)).map(|f| format!("{}", (f * 100.0).round() / 100.0)),
    );
    push("Unit", value(row.get(columns.unit)));
    push("Job/team function", value(row.get(columns.function)));
    push("Profession", value(row.get(columns.profession)));
    push("Office region", value(row.get(columns.region)));
    push(
        "Salary cost of reports",
        money(row.get(columns.salary_cost)),
    );
    push("Notes", value(row.get(columns.notes)));
    out
}

/// Posts that stand for the organisation itself ("Top Post", or named after it) are not
/// posts: their reports are top posts.
fn drop_pseudo_tops(reading: &mut Reading, path: &Path, groups: &mut Vec<Group>) {
    let pseudo: HashSet<Rc<str>> = (groups.iter())
        .filter(|g| {
            let title = org_key(&g.title);
            title == "toppost"
                || (!title.is_empty() && (title == org_key(&g.org) || title == org_key(&g.parent)))
                    && g.seats.iter().all(|s| matches!(s, Seat::Undisclosed(_)))
        })
        .map(|g| g.ref_key.clone())
        .collect();
    if pseudo.is_empty() {
        return;
    }
    groups.retain(|g| {
        if pseudo.contains(&g.ref_key) {
            reading.report.note(
                Place::line(path, g.line),
                NoteKind::Skipped,
                format!(
                    "\"{}\" (reference {}) stands for the organisation, not a post; its reports are top posts",
                    g.title, g.reference
                ),
            );
            false
        } else {
            true
        }
    });
    for g in groups.iter_mut() {
        if pseudo.contains(g.reports_to.to_uppercase().as_str()) {
            g.reports_to = "XX".into();
        }
    }
}

fn read_junior(
    reading: &mut Reading,
    r: usize,
    path: &Path,
    progress: &Progress,
) -> Result<HashMap<Rc<str>, (f64, u64)>, ImportError> {
    let mut table = Table::open(path, progress)?;
    let header_place = Place::line(path, table.header_line);
    let reporting = table.column(&["reportingseniorpost", "reportstoseniorpost"]);
    let fte = table.column(&["numberofpostsinfte", "numberofposts", "fte"]);
    let (Some(reporting), Some(fte)) = (reporting, fte) else {
        let message = if table.column(&["postuniquereference"]).is_some() {
            "this is a senior staff file (it has \"Post Unique Reference\"), given as a junior one"
                .to_owned()
        } else {
            "not an organogram junior staff file: it needs the columns \"Reporting Senior Post\" and \"Number of Posts in FTE\"".to_owned()
        };
        return Err(ImportError::at(header_place, message));
    };
    let known: HashMap<&str, &Rc<str>> = (reading.groups[r].iter())
        .map(|g| (&*g.ref_key, &g.ref_key))
        .collect();
    let mut staff: HashMap<Rc<str>, (f64, u64)> = HashMap::new();
    let mut unknown: HashMap<String, (u64, usize)> = HashMap::new();
    while let Some(row) = table.next_row()? {
        let here = Place::line(path, row.line);
        let reference = row.get(Some(reporting)).trim_matches('\'').to_uppercase();
        let Some(count) = number(row.get(Some(fte))) else {
            reading.report.note(
                here.column(table.column_name(fte)),
                NoteKind::Skipped,
                format!(
                    "junior staff with no number of posts (\"{}\")",
                    row.get(Some(fte))
                ),
            );
            continue;
        };
        let Some(&shared) = known.get(reference.as_str()) else {
            let entry = unknown.entry(reference).or_insert((row.line, 0));
            entry.1 += 1;
            continue;
        };
        let entry = staff.entry(shared.clone()).or_insert((0.0, row.line));
        entry.0 += count;
    }
    let mut unknown: Vec<_> = unknown.into_iter().collect();
    unknown.sort_by_key(|(_, (line, _))| *line);
    for (reference, (line, rows)) in unknown {
        let shown = if reference.is_empty() || reference == "-1" {
            "no senior post".to_owned()
        } else {
            format!("reference {reference}, which is not in the senior file")
        };
        reading.report.note(
            Place::line(path, line),
            NoteKind::Skipped,
            format!("{rows} junior staff row(s) reporting to {shown}"),
        );
    }
    reading.report.inputs.push(InputSummary {
        file: path.to_owned(),
        what: format!("{} rows (junior staff)", table.rows),
        encoding: table.encoding,
    });
    Ok(staff)
}

fn holders(group: &Group) -> HashSet<&Rc<str>> {
    (group.seats.iter())
        .filter_map(|s| match s {
            Seat::Person(p) => Some(p),
            Seat::Undisclosed(_) => None,
        })
        .collect()
}

/// A way two releases' posts may be the same post.
type SameWay = fn(&Group, &Group) -> bool;

/// Follows each post across releases: by reference, then by title, unit and holder.
fn match_posts(reading: &mut Reading) -> Vec<Track> {
    let mut tracks: Vec<Track> = Vec::new();
    let mut by_ref: HashMap<Rc<str>, usize> = HashMap::new();
    let ids = reading.ids.clone();
    for r in 0..reading.groups.len() {
        let count = reading.groups[r].len();
        let mut track_of: Vec<Option<usize>> = vec![None; count];
        let mut used: HashSet<usize> = HashSet::new();
        for (g, group) in reading.groups[r].iter().enumerate() {
            if let Some(&t) = by_ref.get(&group.ref_key)
                && tracks[t].eliminated.is_none()
                && used.insert(t)
            {
                track_of[g] = Some(t);
            }
        }
        // Posts of the last release they were seen in, not yet matched.
        let candidates: Vec<usize> = (0..tracks.len())
            .filter(|t| !used.contains(t) && tracks[*t].eliminated.is_none())
            .filter(|t| {
                tracks[*t]
                    .entries
                    .last()
                    .is_some_and(|(last, _)| last + 2 >= r)
            })
            .collect();
        let ways: [(&str, SameWay); 4] = [
            ("title, unit and holder", |a, b| {
                key(&a.title) == key(&b.title)
                    && key(&a.unit) == key(&b.unit)
                    && !holders(a).is_empty()
                    && holders(a) == holders(b)
            }),
            ("title and holder", |a, b| {
                key(&a.title) == key(&b.title) && !holders(a).is_empty() && holders(a) == holders(b)
            }),
            ("unit and holder", |a, b| {
                key(&a.unit) == key(&b.unit) && !holders(a).is_empty() && holders(a) == holders(b)
            }),
            ("title and unit", |a, b| {
                key(&a.title) == key(&b.title) && key(&a.unit) == key(&b.unit)
            }),
        ];
        for (how, same) in ways {
            for (g, slot) in track_of.iter_mut().enumerate() {
                if slot.is_some() {
                    continue;
                }
                let group = &reading.groups[r][g];
                let found: Vec<usize> = (candidates.iter().copied())
                    .filter(|t| !used.contains(t))
                    .filter(|&t| {
                        let (lr, lg) = *tracks[t].entries.last().unwrap_or(&(0, 0));
                        same(group, &reading.groups[lr][lg])
                    })
                    .collect();
                if let [t] = found[..] {
                    used.insert(t);
                    *slot = Some(t);
                    let (lr, lg) = *tracks[t].entries.last().unwrap_or(&(0, 0));
                    let earlier = &reading.groups[lr][lg];
                    let was = if earlier.reference.is_empty() {
                        "with no reference".to_owned()
                    } else {
                        format!("referenced {}", earlier.reference)
                    };
                    let is = if group.reference.is_empty() {
                        "with no reference".to_owned()
                    } else {
                        format!("reference {}", group.reference)
                    };
                    let message = format!(
                        "post \"{}\" ({is}) taken to be the post {was} in the {} release, by {how}",
                        group.title, reading.releases[lr].date
                    );
                    let place = Place::line(&reading.releases[r].path, group.line);
                    reading.report.note(place, NoteKind::Matched, message);
                }
            }
        }
        for (g, &slot) in track_of.iter().enumerate() {
            let group = &reading.groups[r][g];
            let t = match slot {
                Some(t) => t,
                None => {
                    if group.eliminated {
                        let place = Place::line(&reading.releases[r].path, group.line);
                        reading.report.note(
                            place,
                            NoteKind::Skipped,
                            format!(
                                "\"{}\" ({}) is eliminated, and no earlier release has it",
                                group.title,
                                if group.reference.is_empty() {
                                    "with no reference".to_owned()
                                } else {
                                    format!("reference {}", group.reference)
                                }
                            ),
                        );
                        continue;
                    }
                    let base = if group.reference.is_empty() {
                        group.title.to_string()
                    } else {
                        format!("post {}", group.reference)
                    };
                    tracks.push(Track {
                        id: ids.fresh(&base),
                        entries: Vec::new(),
                        eliminated: None,
                    });
                    tracks.len() - 1
                }
            };
            if group.eliminated {
                tracks[t].eliminated = Some(r);
            } else {
                tracks[t].entries.push((r, g));
            }
            if !group.reference.is_empty() {
                by_ref.insert(group.ref_key.clone(), t);
            }
        }
    }
    tracks.retain(|t| !t.entries.is_empty());
    tracks
}

/// The day after `day`.
fn next(day: Day) -> Day {
    Day(day.0 + 1)
}

/// The end of something seen at the release of `seen` and not at that of `gone`: it ended
/// some time after `seen` and was over by `gone`.
fn ended(seen: Day, gone: Day) -> PartialDate {
    let last = Day(gone.0 - 1);
    if next(seen) > last {
        return PartialDate::from_day(gone);
    }
    between(next(seen), last)
}

/// A date known to lie from `from` to `to`, or the day itself when they are one day.
fn between(from: Day, to: Day) -> PartialDate {
    if from >= to {
        return PartialDate::from_day(to);
    }
    PartialDate::between(PartialDate::from_day(from), PartialDate::from_day(to))
        .unwrap_or_else(|| PartialDate::from_day(to))
}

fn text(date: PartialDate) -> Text<'static> {
    date.to_string().into()
}

fn certainty(bounded: bool) -> Certainty {
    if bounded {
        Certainty::Reported
    } else {
        Certainty::Confirmed
    }
}

/// Runs of consecutive entries (by position) for which `value` gives the same thing.
fn runs<T: PartialEq + Clone>(
    len: usize,
    value: impl Fn(usize) -> Option<T>,
) -> Vec<(usize, usize, T)> {
    let mut out: Vec<(usize, usize, T)> = Vec::new();
    for k in 0..len {
        let Some(v) = value(k) else { continue };
        match out.last_mut() {
            Some((_, last, current)) if *last + 1 == k && *current == v => *last = k,
            _ => out.push((k, k, v)),
        }
    }
    out
}

struct OrgDraft {
    id: String,
    name: String,
    parent: Option<String>,
    department: bool,
    source: String,
}

fn build<'r>(
    reading: &'r Reading,
    tracks: &'r [Track],
    request: &Request,
    mut report: Report,
) -> (ChartFile<'r>, Report) {
    let Reading {
        releases,
        groups,
        juniors,
        people: names,
        ids,
        ..
    } = reading;
    // Organisations, by key, in the order first seen.
    let mut orgs: Vec<OrgDraft> = Vec::new();
    let mut org_index: HashMap<String, usize> = HashMap::new();
    let mut org_of = |name: &str, parent: Option<&str>, source: &str, orgs: &mut Vec<OrgDraft>| {
        let name = if name.is_empty() {
            "Unnamed organisation"
        } else {
            name
        };
        let k = org_key(name);
        let i = *org_index.entry(k).or_insert_with(|| {
            orgs.push(OrgDraft {
                id: ids.fresh(name),
                name: name.to_owned(),
                parent: None,
                department: false,
                source: source.to_owned(),
            });
            orgs.len() - 1
        });
        // The latest spelling is the one shown.
        orgs[i].name = name.to_owned();
        if let Some(parent) = parent {
            orgs[i].parent.get_or_insert_with(|| parent.to_owned());
        }
        i
    };
    let mut track_org: Vec<Vec<usize>> = Vec::with_capacity(tracks.len());
    for track in tracks {
        let mut list = Vec::with_capacity(track.entries.len());
        for &(r, g) in &track.entries {
            let group = &groups[r][g];
            let source = &releases[r].source;
            let org_name = if group.org.is_empty() {
                &group.parent
            } else {
                &group.org
            };
            let parent = (!group.parent.is_empty() && org_key(&group.parent) != org_key(org_name))
                .then(|| {
                    let p = org_of(&group.parent, None, source, &mut orgs);
                    orgs[p].department = true;
                    p
                });
            let parent_id = parent.map(|p| orgs[p].id.clone());
            list.push(org_of(org_name, parent_id.as_deref(), source, &mut orgs));
        }
        track_org.push(list);
    }

    // Which track each (release, reference) is, for lines and junior staff.
    let mut track_at: Vec<HashMap<&str, usize>> = vec![HashMap::new(); releases.len()];
    for (t, track) in tracks.iter().enumerate() {
        for &(r, g) in &track.entries {
            track_at[r].insert(&groups[r][g].ref_key, t);
        }
    }
    // Managers at each entry, cycles broken.
    let mut managers: Vec<Vec<Option<usize>>> =
        tracks.iter().map(|t| vec![None; t.entries.len()]).collect();
    let mut position: Vec<HashMap<usize, usize>> = vec![HashMap::new(); releases.len()];
    for (t, track) in tracks.iter().enumerate() {
        for (k, &(r, _)) in track.entries.iter().enumerate() {
            position[r].insert(t, k);
        }
    }
    for r in 0..releases.len() {
        let mut boss: HashMap<usize, usize> = HashMap::new();
        let mut in_release: Vec<(usize, usize)> =
            position[r].iter().map(|(&t, &k)| (t, k)).collect();
        in_release.sort_unstable();
        for &(t, k) in &in_release {
            let (_, g) = tracks[t].entries[k];
            let group = &groups[r][g];
            let to = group.reports_to.to_uppercase();
            let here = Place::line(&releases[r].path, group.line);
            if key(&to) == "xx" || to.is_empty() {
                continue;
            }
            match track_at[r].get(to.as_str()) {
                Some(&m) if m == t => report.note(
                    here,
                    NoteKind::Guessed,
                    format!("\"{}\" reports to itself; it is taken to be a top post", group.title),
                ),
                Some(&m) => {
                    boss.insert(t, m);
                }
                None => report.note(
                    here,
                    NoteKind::Skipped,
                    format!(
                        "\"{}\" reports to {}, which is not a post in this release; it is drawn as a top post",
                        group.title, group.reports_to
                    ),
                ),
            }
        }
        // Break cycles: walk up from each post; a walk that comes back drops its last step.
        for &(start, _) in &in_release {
            let mut seen = vec![start];
            let mut at = start;
            while let Some(&up) = boss.get(&at) {
                if seen.contains(&up) {
                    boss.remove(&at);
                    let k = position[r][&at];
                    let group = &groups[r][tracks[at].entries[k].1];
                    report.note(
                        Place::line(&releases[r].path, group.line),
                        NoteKind::Skipped,
                        format!(
                            "the line from \"{}\" to reference {} closes a loop of reporting lines",
                            group.title, group.reports_to
                        ),
                    );
                    break;
                }
                seen.push(up);
                at = up;
            }
        }
        for (t, m) in boss {
            managers[t][position[r][&t]] = Some(m);
        }
    }

    let mut posts: Vec<PostFile<'r>> = Vec::with_capacity(tracks.len());
    let mut tenures: HashMap<&'r str, Vec<TenureFile<'r>>> = HashMap::new();
    let mut undisclosed: Vec<PersonFile<'r>> = Vec::new();
    for (t, track) in tracks.iter().enumerate() {
        let entries = &track.entries;
        let n = entries.len();
        let day = |k: usize| releases[entries[k].0].day;
        let (first_r, _) = entries[0];
        let (last_r, last_g) = entries[n - 1];
        let latest = &groups[last_r][last_g];
        // When something first seen at entry k began: unknown in the first release.
        let begin = |k: usize| -> (Option<PartialDate>, bool) {
            if k > 0 {
                (Some(between(next(day(k - 1)), day(k))), true)
            } else if first_r > 0 {
                (Some(between(next(releases[first_r - 1].day), day(0))), true)
            } else {
                (None, false)
            }
        };
        // When something last seen at entry k ended: open after the last release.
        let finish = |k: usize| -> Option<PartialDate> {
            if k + 1 < n {
                Some(ended(day(k), day(k + 1)))
            } else if let Some(e) = track.eliminated {
                Some(ended(day(k), releases[e].day))
            } else if entries[k].0 + 1 < releases.len() {
                Some(ended(day(k), releases[entries[k].0 + 1].day))
            } else {
                None
            }
        };
        let sources = |from: usize, to: usize| -> Vec<Text<'r>> {
            let mut out: Vec<Text<'r>> = Vec::new();
            for k in from..=to {
                let s: Text<'r> = releases[entries[k].0].source.as_str().into();
                if !out.contains(&s) {
                    out.push(s);
                }
            }
            out
        };
        // Seats: people by their name; undisclosed holders by their place among them.
        let seat_sets: Vec<Vec<&Seat>> = (entries.iter())
            .map(|&(r, g)| groups[r][g].seats.iter().collect())
            .collect();
        let mut all_seats: Vec<&Seat> = Vec::new();
        for set in &seat_sets {
            for seat in set {
                if !all_seats.contains(seat) {
                    all_seats.push(seat);
                }
            }
        }
        let seats = seat_sets.iter().map(Vec::len).max().unwrap_or(1).max(1) as u32;
        for seat in all_seats {
            for (from, to, ()) in runs(n, |k| seat_sets[k].contains(&seat).then_some(())) {
                let (start, bounded_start) = begin(from);
                let end = finish(to);
                let start_unknown = start.is_none();
                let start = start.unwrap_or(releases[first_r].date);
                let tenure = TenureFile {
                    post: track.id.as_str().into(),
                    start: text(start),
                    start_unknown,
                    in_post: None,
                    end: end.map(text),
                    acting: false,
                    end_cause: None,
                    certainty: certainty(bounded_start),
                    end_certainty: (end.is_some() && !bounded_start).then_some(Certainty::Reported),
                    sources: sources(from, to),
                    note: None,
                };
                match seat {
                    Seat::Person(person) => tenures.entry(&**person).or_default().push(tenure),
                    Seat::Undisclosed(i) => {
                        let id = format!(
                            "{}-undisclosed{}",
                            track.id,
                            if *i == 0 {
                                String::new()
                            } else {
                                format!("-{}", i + 1)
                            }
                        );
                        undisclosed.push(PersonFile {
                            id: id.into(),
                            name: "Name not disclosed".into(),
                            note: Some(
                                "The release gives this post's holder as not disclosed (N/D)."
                                    .into(),
                            ),
                            tenures: vec![tenure],
                        });
                    }
                }
            }
        }
        let mut lines = Vec::new();
        for (from, to, m) in runs(n, |k| managers[t][k]) {
            let (start, bounded) = begin(from);
            let start = if from == 0 { None } else { start };
            let end = if to + 1 < n { finish(to) } else { None };
            lines.push(LineFile {
                to: tracks[m].id.as_str().into(),
                kind: LineKind::ReportsTo,
                start: start.map(text),
                end: end.map(text),
                certainty: certainty(bounded && from > 0),
                sources: sources(from, to),
                note: None,
            });
        }
        let mut details = Vec::new();
        let names: Vec<&'static str> = {
            let mut names = Vec::new();
            for &(r, g) in entries {
                for (name, _) in groups[r][g].details.iter() {
                    if !names.contains(name) {
                        names.push(*name);
                    }
                }
            }
            names
        };
        for name in names {
            let values = |k: usize| {
                let (r, g) = entries[k];
                (groups[r][g].details.iter())
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| &**v)
            };
            for (from, to, v) in runs(n, values) {
                details.push(DetailFile {
                    name: name.into(),
                    value: v.into(),
                    start: (from > 0).then(|| text(releases[entries[from].0].date)),
                    end: (to + 1 < n).then(|| text(releases[entries[to + 1].0].date)),
                    sources: sources(from, to),
                });
            }
        }
        let mut staff = Vec::new();
        let counts = |k: usize| {
            let (r, g) = entries[k];
            juniors[r]
                .get(&groups[r][g].ref_key)
                .map(|(fte, _)| fte.round().max(0.0) as u32)
        };
        for (from, to, count) in runs(n, counts) {
            staff.push(StaffFile {
                count,
                start: (from > 0).then(|| text(releases[entries[from].0].date)),
                end: (to + 1 < n).then(|| text(releases[entries[to + 1].0].date)),
                sources: sources(from, to),
            });
        }
        let org_list = &track_org[t];
        let mut moves = Vec::new();
        for k in 1..n {
            if org_list[k] != org_list[k - 1] {
                moves.push(MoveFile {
                    date: text(between(next(day(k - 1)), day(k))),
                    to: orgs[org_list[k]].id.clone().into(),
                    certainty: Certainty::Reported,
                    sources: vec![releases[entries[k].0].source.as_str().into()],
                });
            }
        }
        let abolished = track
            .eliminated
            .map(|e| text(ended(day(n - 1), releases[e].day)));
        let followed_until = (track.eliminated.is_none() && last_r + 1 < releases.len())
            .then(|| text(releases[last_r + 1].date));
        posts.push(PostFile {
            id: track.id.as_str().into(),
            title: (&*latest.title).into(),
            organisation: orgs[org_list[0]].id.clone().into(),
            moves,
            created: None,
            abolished,
            followed_from: Some(text(releases[first_r].date)),
            followed_until,
            seats: (seats > 1).then_some(seats),
            lines,
            details,
            staff,
            sources: sources(0, n - 1),
            note: (!latest.reference.is_empty())
                .then(|| format!("Post Unique Reference {}", latest.reference).into()),
        });
    }

    let person_ids = ids.clone();
    let mut people: Vec<PersonFile<'r>> = Vec::new();
    let mut keys: Vec<(&String, &(String, Place))> = names.iter().collect();
    keys.sort_by_key(|k| (k.1.1.file.clone(), k.1.1.line));
    for (person, (shown, _)) in keys {
        let Some(mut list) = tenures.remove(person.as_str()) else {
            continue;
        };
        list.sort_by_key(|t| t.start.to_string());
        people.push(PersonFile {
            id: person_ids.fresh(shown).into(),
            name: shown.clone().into(),
            note: None,
            tenures: list,
        });
    }
    for mut p in undisclosed {
        p.id = person_ids.fresh(&p.id).into();
        people.push(p);
    }

    let first = &releases[0];
    let last = &releases[releases.len() - 1];
    let main_org = orgs.iter().find(|o| !o.department).or(orgs.first());
    let org_name = main_org.map_or("Organisation", |o| o.name.as_str());
    let publisher = |r: &Release| -> String {
        let group = groups[releases
            .iter()
            .position(|x| x.source == r.source)
            .unwrap_or(0)]
        .first();
        group
            .map(|g| {
                if g.org.is_empty() {
                    g.parent.to_string()
                } else {
                    g.org.to_string()
                }
            })
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Not stated in the release".to_owned())
    };
    let sources = (releases.iter())
        .map(|r| SourceFile {
            id: r.source.as_str().into(),
            publisher: publisher(r).into(),
            title: format!(
                "Organogram of staff roles and salaries at {} ({})",
                r.date.human(),
                crate::import::draft::file_name(&r.path)
            )
            .into(),
            date: Some(text(r.date)),
            url: None,
        })
        .collect();
    let mut organisations: Vec<OrganisationFile<'r>> = (orgs.iter())
        .map(|o| OrganisationFile {
            id: o.id.clone().into(),
            name: o.name.clone().into(),
            short: None,
            kind: o.department.then(|| "department".into()),
            founded: None,
            dissolved: None,
            parents: (o.parent.iter())
                .map(|p| ParentFile {
                    org: p.clone().into(),
                    start: None,
                    end: None,
                    certainty: Certainty::Confirmed,
                    sources: vec![o.source.clone().into()],
                })
                .collect(),
            certainty: Certainty::Confirmed,
            sources: vec![o.source.clone().into()],
            note: None,
        })
        .collect();
    // A release whose columns have slipped can make two organisations each other's parents.
    for (child, parent) in crate::import::draft::break_parent_loops(&mut organisations) {
        report.note(
            Place::file(&releases[0].path),
            NoteKind::Skipped,
            format!(
                "\"{parent}\" as the parent of \"{child}\", which would make a loop of parents"
            ),
        );
    }
    let title = request.title.clone().unwrap_or_else(|| {
        if releases.len() == 1 {
            format!("{org_name}: senior posts at {}", first.date.human())
        } else {
            format!(
                "{org_name}: senior posts, {} to {}",
                first.date.human(),
                last.date.human()
            )
        }
    });
    let file = ChartFile {
        version: FORMAT_VERSION,
        title: title.into(),
        description: Some(
            format!(
                "Imported from {} organogram release(s) of senior posts. Between two releases, when a change happened is known only to lie between their dates.",
                releases.len()
            )
            .into(),
        ),
        covers: Some(PeriodFile {
            from: text(first.date),
            to: text(last.date),
        }),
        default_date: Some(text(last.date)),
        view: None,
        sources,
        organisations,
        posts,
        people,
        events: Vec::new(),
    };
    report.notes.sort_by(|a, b| {
        (a.place.file.clone(), a.place.line).cmp(&(b.place.file.clone(), b.place.line))
    });
    (file, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_shares_in_one_cell_are_split() {
        assert_eq!(
            split_job_share("Heather Mcnaughton / Caroline Pusey (Job Share)"),
            vec!["Heather Mcnaughton", "Caroline Pusey"]
        );
        assert_eq!(
            split_job_share("Collins, Rory/Peto, Richard"),
            vec!["Collins, Rory", "Peto, Richard"]
        );
        assert_eq!(split_job_share("Jo Smith"), vec!["Jo Smith"]);
        assert_eq!(split_job_share("N/D"), vec!["N/D"]);
    }

    #[test]
    fn organisation_spellings_match() {
        assert_eq!(org_key("Her Majesty's Treasury"), org_key("HM Treasury"));
        assert_ne!(org_key("HM Treasury"), org_key("Cabinet Office"));
    }

    #[test]
    fn what_releases_repeat_is_held_once() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let header = "Post Unique Reference,Name,Grade,Job Title,Organisation,Unit,Reports to Senior Post,FTE,Actual Pay Floor (£),Actual Pay Ceiling (£),Notes\n";
        let mut releases = Vec::new();
        for (r, date) in ["2011-03-31", "2011-09-30"].into_iter().enumerate() {
            let path = dir.path().join(format!("{date}.csv"));
            let new_holder = if r == 0 { "Ann Smith" } else { "Bo Jones" };
            std::fs::write(
                &path,
                format!(
                    "{header}P1,Jo Bloggs,SCS3,Director General,Example Department,Strategy,XX,1,140000,144999,\n\
                     P2,{new_holder},SCS2,Director of Digital,Example Department,Digital,P1,1,95000,99999,On loan\n"
                ),
            )?;
            releases.push((date.parse::<PartialDate>()?, path));
        }
        let reading = read(&releases, &[], &Progress::new())?;
        let [first, second] = &reading.groups[..] else {
            anyhow::bail!("two releases were read");
        };
        for (a, b) in first.iter().zip(second) {
            assert!(Rc::ptr_eq(&a.title, &b.title), "{}", a.title);
            assert!(Rc::ptr_eq(&a.unit, &b.unit), "{}", a.unit);
            assert!(Rc::ptr_eq(&a.org, &b.org), "{}", a.org);
            assert!(Rc::ptr_eq(&a.details, &b.details), "{:?}", a.details);
        }
        assert!(Rc::ptr_eq(&first[0].org, &first[1].org));
        assert_eq!(first[1].seats, [Seat::Person("ann smith".into())]);
        assert_eq!(second[1].seats, [Seat::Person("bo jones".into())]);
        assert_eq!(
            first[1]
                .details
                .iter()
                .find(|(name, _)| *name == "Pay band"),
            Some(&("Pay band", "£95,000 to £99,999".into()))
        );
        Ok(())
    }

    #[test]
    fn money_is_written_plainly() {
        assert_eq!(money("140000").as_deref(), Some("£140,000"));
        assert_eq!(money("\"£1,008,439.00\"").as_deref(), None);
        assert_eq!(money("£1,008,439.00").as_deref(), Some("£1,008,439"));
        assert_eq!(money("N/D"), None);
        assert_eq!(money("0"), None);
    }
}
