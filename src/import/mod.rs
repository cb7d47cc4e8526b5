//! Charts from the data people already publish: UK government organogram releases, Popolo
//! JSON, Wikidata "position held" query results and flat org-chart CSV.
//!
//! Each importer reads its inputs as a stream, builds the chart file a person would have
//! written ([`crate::io::format::ChartFile`]), and hands it to the loader, so an imported
//! chart passes exactly the checks a hand-written one does. What it skipped, guessed or
//! matched other than by an id goes in the [`Report`], each with its file and line.

mod draft;
pub use draft::{plain_post, slug};
pub mod flat_csv;
mod names;
pub mod organogram;
pub mod popolo;
mod table;
pub mod wikidata;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use crate::io::format::ChartFile;
use crate::io::{Loaded, Problem};

/// The formats govchart imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// UK government organogram releases (senior and junior staff CSV).
    Organogram,
    /// Popolo JSON.
    Popolo,
    /// SPARQL query results (JSON) of Wikidata "position held" statements.
    Wikidata,
    /// One row per post or per person: id, parent id, name, title, department.
    Csv,
}

impl Format {
    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Organogram => "organogram",
            Format::Popolo => "popolo",
            Format::Wikidata => "wikidata",
            Format::Csv => "csv",
        }
    }
}

/// Where in an input something is: a file, and a line and column where known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub file: PathBuf,
    /// Its line, from 1.
    pub line: Option<u64>,
    /// The column, by its name in the file's header, or a JSON path.
    pub column: Option<String>,
}

impl Place {
    /// A whole file.
    pub fn file(file: &Path) -> Self {
        Place {
            file: file.to_owned(),
            line: None,
            column: None,
        }
    }

    /// A line of a file.
    pub fn line(file: &Path, line: u64) -> Self {
        Place {
            file: file.to_owned(),
            line: Some(line),
            column: None,
        }
    }

    /// The same place, in a named column.
    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, " ({column})")?;
        }
        Ok(())
    }
}

/// What kind of thing a note says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoteKind {
    /// Something in the input that the chart does not carry, and why.
    Skipped,
    /// Something the importer had to decide that the input does not say outright.
    Guessed,
    /// Two things taken to be the same other than by an id (a post renumbered between
    /// releases, a name spelt two ways).
    Matched,
}

impl NoteKind {
    /// The word printed before the note.
    pub fn word(self) -> &'static str {
        match self {
            NoteKind::Skipped => "skipped",
            NoteKind::Guessed => "guessed",
            NoteKind::Matched => "matched",
        }
    }
}

/// One thing the importer skipped, guessed or matched, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Where in the input.
    pub place: Place,
    /// What kind of note.
    pub kind: NoteKind,
    /// What happened, in a sentence.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place, self.kind.word(), self.message)
    }
}

/// An input that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputSummary {
    /// The file.
    pub file: PathBuf,
    /// What it held: "312 rows", "48 memberships".
    pub what: String,
    /// How its text was encoded, where that was not UTF-8.
    pub encoding: Option<&'static str>,
}

/// What an import read and what it noticed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Each input, in the order read.
    pub inputs: Vec<InputSummary>,
    /// Everything skipped, guessed or matched, in input order.
    pub notes: Vec<Note>,
}

impl Report {
    /// Adds a note.
    pub fn note(&mut self, place: Place, kind: NoteKind, message: impl Into<String>) {
        self.notes.push(Note {
            place,
            kind,
            message: message.into(),
        });
    }

    /// How many notes there are of a kind.
    pub fn count(&self, kind: NoteKind) -> usize {
        self.notes.iter().filter(|n| n.kind == kind).count()
    }
}

/// A problem that stops an import, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// Where.
    pub place: Place,
    /// What is wrong.
    pub message: String,
}

impl Located {
    /// A problem at a place.
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Located {
            place,
            message: message.into(),
        }
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.place, self.message)
    }
}

/// Why an import made no chart.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The inputs have errors; every one found is listed.
    #[error("{}", problems_text(problems))]
    Invalid {
        /// Each problem, in input order.
        problems: Vec<Located>,
    },
    /// An input could not be read at all.
    #[error("{place}: error: cannot read the file: {source}")]
    Read {
        /// The file.
        place: Place,
        /// What the system said.
        source: std::io::Error,
    },
    /// The chart made from the inputs did not pass the chart's own checks.
    #[error(
        "the chart made from the inputs is not valid:\n{}",
        problems_lines(problems)
    )]
    Unchecked {
        /// What the checks found.
        problems: Vec<Problem>,
    },
    /// Cancelled by the user.
    #[error("the import was cancelled")]
    Cancelled,
}

fn problems_text(problems: &[Located]) -> String {
    (problems.iter().map(ToString::to_string))
        .collect::<Vec<_>>()
        .join("\n")
}

fn problems_lines(problems: &[Problem]) -> String {
    (problems.iter().map(|p| format!("  {p}")))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ImportError {
    /// An import stopped by one located problem.
    pub fn at(place: Place, message: impl Into<String>) -> Self {
        ImportError::Invalid {
            problems: vec![Located::new(place, message)],
        }
    }
}

/// How far an import has got, shared with whoever watches it (the window's progress bar),
/// and a way to cancel it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// A new tracker, shareable between threads.
    pub fn new() -> Arc<Self> {
        Arc::new(Progress::default())
    }

    /// Adds to the work to do (bytes of input).
    pub fn add_total(&self, amount: u64) {
        self.total.fetch_add(amount, Ordering::Relaxed);
    }

    /// Records work done.
    pub fn advance(&self, amount: u64) {
        self.done.fetch_add(amount, Ordering::Relaxed);
    }

    /// The share done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f64 / total as f64).clamp(0.0, 1.0) as f32
    }

    /// Asks the import to stop.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether the import was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// What to import, and how.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The inputs, as given: paths, or `DATE=PATH` for organogram releases.
    pub inputs: Vec<String>,
    /// Junior staff files of organogram releases, as `DATE=PATH`.
    pub juniors: Vec<String>,
    /// The date rows without dates describe (flat CSV).
    pub date: Option<crate::date::PartialDate>,
    /// Column or variable names to read a field from: `(field, name)`.
    pub names: Vec<(String, String)>,
    /// The chart's title; the importer makes one from the inputs without it.
    pub title: Option<String>,
}

/// A chart made by an import, checked as a loaded chart is.
#[derive(Debug)]
pub struct Imported {
    /// The chart, with the loader's warnings.
    pub loaded: Loaded,
    /// What was read and noticed.
    pub report: Report,
}

impl Imported {
    /// The chart as RON, as Save writes it.
    pub fn text(&self) -> Result<String, ron::Error> {
        crate::io::to_ron(&self.loaded.chart)
    }

    /// "3 organisations, 290 posts, 250 people, 400 tenures, 280 lines".
    pub fn made(&self) -> String {
        let chart = &self.loaded.chart;
        format!(
            "{} organisations, {} posts, {} people, {} tenures, {} lines",
            chart.organisations.len(),
            chart.posts.len(),
            chart.people.len(),
            chart.tenures.len(),
            chart.lines.len()
        )
    }
}

/// Runs an import of `format`.
pub fn import(
    format: Format,
    request: &Request,
    progress: &Progress,
) -> Result<Imported, ImportError> {
    let clock = std::time::Instant::now();
    let (file, report) = match format {
        Format::Organogram => {
            return organogram::import(request, progress, |file, report| {
                log::info!("read the organogram input in {:?}", clock.elapsed());
                finish(file, report)
            })?;
        }
        Format::Popolo => popolo::import(request, progress)?,
        Format::Wikidata => wikidata::import(request, progress)?,
        Format::Csv => flat_csv::import(request, progress)?,
    };
    log::info!("read the {} input in {:?}", format.name(), clock.elapsed());
    finish(file, report)
}

/// Checks the chart file as loading checks a chart, and builds it.
fn finish(file: ChartFile<'_>, report: Report) -> Result<Imported, ImportError> {
    let clock = std::time::Instant::now();
    let path = Path::new("<imported chart>");
    let mut loaded =
        crate::io::load_parsed(file, path, String::new).map_err(|err| ImportError::Unchecked {
            problems: err.problems().to_vec(),
        })?;
    log::info!(
        "checked and built the imported chart in {:?}",
        clock.elapsed()
    );
    if !loaded.warnings.is_empty()
        && let Ok(text) = crate::io::to_ron(&loaded.chart)
    {
        crate::io::place(&text, &mut loaded.warnings);
    }
    Ok(Imported { loaded, report })
}

/// Sets each post that has no dates of its own to be followed from its first holder's
/// start, and until its last holder's end when every holding has ended: outside what the
/// input says of a post, it is not shown rather than shown vacant.
fn follow_where_held(
    posts: &mut [crate::io::format::PostFile<'static>],
    people: &[crate::io::format::PersonFile<'static>],
) {
    use crate::date::PartialDate;
    use std::collections::HashMap;
    let mut spans: HashMap<&str, (PartialDate, Option<PartialDate>, bool)> = HashMap::new();
    for tenure in people.iter().flat_map(|p| &p.tenures) {
        let Ok(start) = tenure.start.parse::<PartialDate>() else {
            continue;
        };
        let end = tenure
            .end
            .as_ref()
            .and_then(|e| e.parse::<PartialDate>().ok());
        let entry = spans
            .entry(&tenure.post)
            .or_insert((start, end, end.is_some()));
        entry.0 = entry.0.min(start);
        entry.2 &= end.is_some();
        entry.1 = match (entry.1, end) {
            (Some(a), Some(b)) => Some(if a.end_bound() >= b.end_bound() { a } else { b }),
            _ => None,
        };
    }
    for post in posts.iter_mut() {
        if post.created.is_some() || post.followed_from.is_some() {
            continue;
        }
        let Some(&(start, end, all_ended)) = spans.get(&*post.id) else {
            continue;
        };
        post.followed_from = Some(start.to_string().into());
        if all_ended && post.abolished.is_none() {
            post.followed_until = end.map(|e| e.to_string().into());
        }
    }
}

/// The one input a format takes.
fn single_input<'r>(request: &'r Request, what: &str) -> Result<&'r Path, ImportError> {
    match &request.inputs[..] {
        [input] => Ok(Path::new(input)),
        inputs => Err(ImportError::at(
            Place::file(Path::new("<arguments>")),
            format!("give one {what} (got {})", inputs.len()),
        )),
    }
}

/// Splits `DATE=PATH`.
fn dated_input(text: &str) -> Result<(crate::date::PartialDate, PathBuf), String> {
    let (date, path) = text.split_once('=').ok_or_else(|| {
        format!("\"{text}\" should be DATE=FILE, such as 2011-03-31=dh-2011-03-senior.csv")
    })?;
    let date: crate::date::PartialDate = date
        .trim()
        .parse()
        .map_err(|err| format!("in \"{text}\": {err}"))?;
    if date.precision() != crate::date::Precision::Day {
        return Err(format!(
            "in \"{text}\": a release's date is a day, such as 2011-03-31"
        ));
    }
    Ok((date, PathBuf::from(path)))
}

/// A date as data files write it: `2019-07-01`, `2019-07`, `2019`, `2019-07-01T00:00:00Z`,
/// `2019-07-01 00:00:00.000`, or day first, `01/07/2019` (as UK files do; month first only
/// where the second number cannot be a month). Blank and "NULL" are no date.
pub fn loose_date(text: &str) -> Result<Option<crate::date::PartialDate>, String> {
    use crate::date::PartialDate;
    let text = text.trim();
    if text.is_empty()
        || matches!(
            text.to_ascii_lowercase().as_str(),
            "null" | "none" | "n/a" | "-"
        )
    {
        return Ok(None);
    }
    let iso = text
        .split(['T', ' '])
        .next()
        .unwrap_or(text)
        .trim_start_matches('+');
    if let Ok(date) = iso.parse::<PartialDate>() {
        return Ok(Some(date));
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    if let [a, b, year] = parts[..]
        && year.len() == 4
        && let (Ok(a), Ok(b), Ok(year)) = (a.parse::<u8>(), b.parse::<u8>(), year.parse::<i16>())
    {
        let (day, month) = if b > 12 && a <= 12 { (b, a) } else { (a, b) };
        return PartialDate::ymd(year, month, day)
            .map(Some)
            .ok_or_else(|| format!("\"{text}\" is not a real date"));
    }
    match iso.parse::<PartialDate>() {
        Err(err) => Err(err.to_string()),
        Ok(date) => Ok(Some(date)),
    }
}

/// The last `YYYY-MM-DD` in a file's name: "dh-2011-03-31-senior.csv" → 31 Mar 2011 (the
/// last, since data.gov.uk's names start with the upload's time and end with the release's).
pub fn date_in_name(path: &Path) -> Option<crate::date::PartialDate> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let bytes = name.as_bytes();
    (0..bytes.len().saturating_sub(9)).rev().find_map(|i| {
        let part = name.get(i..i + 10)?;
        let shape = part.bytes().enumerate().all(|(k, b)| match k {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        shape.then(|| part.parse().ok()).flatten()
    })
}

/// The format a file holds, from its name and its first bytes: organogram releases by their
/// "Post Unique Reference" or "Reporting Senior Post" header, SPARQL results by their
/// "head" and "vars", Popolo by the rest of JSON, flat CSV by anything else.
pub fn sniff(path: &Path) -> Option<Format> {
    let text = head(path)?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return Some(if text.contains("\"head\"") && text.contains("\"vars\"") {
            Format::Wikidata
        } else {
            Format::Popolo
        });
    }
    let first_line = trimmed.lines().next().unwrap_or("");
    if first_line.contains("post unique reference") || first_line.contains("reporting senior post")
    {
        Some(Format::Organogram)
    } else {
        Some(Format::Csv)
    }
}

/// The first 8 KiB of a file, in lower case.
fn head(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut start = Vec::with_capacity(8192);
    let file = crate::io::open_regular(path).ok()?;
    file.take(8192).read_to_end(&mut start).ok()?;
    Some(String::from_utf8_lossy(&start).to_lowercase())
}

/// What the window asks of an import of `paths`: organogram releases dated by their names
/// (a file whose header is a junior staff file's counts as junior), and `today` as the date
/// of rows without dates.
pub fn request_for_files(
    format: Format,
    paths: &[PathBuf],
    today: crate::date::PartialDate,
) -> Result<Request, String> {
    let mut request = Request::default();
    for path in paths {
        let text = path.display().to_string();
        if format != Format::Organogram {
            request.inputs.push(text);
            continue;
        }
        let Some(date) = date_in_name(path) else {
            return Err(format!(
                "{text}: the name of each release's file must hold its date, such as dh-2011-03-31-senior.csv (or import from the command line with DATE=FILE)"
            ));
        };
        let junior = head(path).is_some_and(|head| {
            head.contains("reporting senior post") && !head.contains("post unique reference")
        });
        let pair = format!("{date}={text}");
        if junior {
            request.juniors.push(pair);
        } else {
            request.inputs.push(pair);
        }
    }
    if format == Format::Csv {
        request.date = Some(today);
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_data_files_write_them() {
        let day = |s: &str| loose_date(s).map(|d| d.map(|d| d.to_string()));
        assert_eq!(day("2019-07-01"), Ok(Some("2019-07-01".into())));
        assert_eq!(day("2019-07-01T00:00:00Z"), Ok(Some("2019-07-01".into())));
        assert_eq!(
            day("1992-05-01 00:00:00.000"),
            Ok(Some("1992-05-01".into()))
        );
        assert_eq!(day("01/07/2019"), Ok(Some("2019-07-01".into())));
        assert_eq!(day("07/31/2019"), Ok(Some("2019-07-31".into())));
        assert_eq!(day("2019"), Ok(Some("2019".into())));
        assert_eq!(day("NULL"), Ok(None));
        assert_eq!(day(""), Ok(None));
        assert!(day("31/02/2019").is_err());
        assert!(day("soon").is_err());
    }

    #[test]
    fn release_dates_are_read_from_file_names() {
        let date = |name: &str| date_in_name(Path::new(name)).map(|d| d.to_string());
        assert_eq!(
            date("data/dh-2011-03-31-senior.csv"),
            Some("2011-03-31".into())
        );
        assert_eq!(
            date("2025-08-13T11-08-22Z-2025-06-30-organogram-senior.csv"),
            Some("2025-06-30".into())
        );
        assert_eq!(date("dh-senior.csv"), None);
        assert_eq!(date("dh-2011-02-30-senior.csv"), None);
    }
}
