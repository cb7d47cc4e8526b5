//! The open chart: its file as the user edits it (id-keyed items, as RON holds them), the
//! chart last built from it with every check loading runs, what is derived from that chart
//! once (change days, events in date order, span), and the history of edits.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::date::{Day, PartialDate};
use crate::io::Problem;
use crate::io::format::ChartFile;
use crate::model::{Chart, EventId, View};
use crate::session::history::{History, Mismatch, Step, apply_all};
use crate::timeline::{Boundaries, change_days, range_within};

/// A chart open in the window.
pub struct Document {
    /// The chart last built from [`Document::file`] without errors: what is drawn.
    pub chart: Arc<Chart>,
    /// The chart as the user has made it, item by item: what is saved.
    pub file: ChartFile<'static>,
    /// What the checks say about the file as it is now: errors and warnings.
    pub problems: Vec<Problem>,
    /// The file it came from; `None` for the built-in chart and new or imported ones.
    pub path: Option<PathBuf>,
    /// Every day on which something changes, sorted.
    pub change_days: Vec<Day>,
    /// The days the chart's structure, lines and holders change, for stepping the day's
    /// snapshot: found the first time the date moves, not on every rebuild, on a thread of
    /// their own (0.55 s at a million posts).
    boundaries: Arc<std::sync::OnceLock<Boundaries>>,
    /// Whether they are being found.
    finding_boundaries: bool,
    /// The days the chart's shape changes, which end periods of kept places
    /// ([`crate::scene::reorganisations`]).
    pub reorganisations: Vec<Day>,
    /// Events, in date order.
    pub events: Vec<EventId>,
    /// The first and last day of the chart.
    pub span: (Day, Day),
    /// Counts up with every chart built, so cached pictures know they are stale.
    pub generation: u64,
    /// The view as last opened or saved.
    pub saved_view: View,
    /// What an imported chart was made from, until it is saved to a file.
    pub imported_from: Option<String>,
    /// The edits made, and which revision was saved.
    pub history: History,
    /// The file on disk as last read or written, to notice another program changing it.
    pub on_disk: Option<Stamp>,
    /// Whether this is the chart built into govchart, not yet saved anywhere.
    pub builtin: bool,
}

/// What identifies a version of a file on disk: its length and when it was last changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Length in bytes.
    pub len: u64,
    /// Last changed.
    pub modified: Option<std::time::SystemTime>,
}

impl Stamp {
    /// The file's stamp now, if it can be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

impl Document {
    /// Wraps a loaded chart.
    pub fn new(chart: Chart, path: Option<PathBuf>, generation: u64) -> Document {
        let mut file = crate::io::owned_file(&chart);
        // The view is the session's to keep; it is put back when the chart is saved.
        file.view = None;
        let saved_view = chart.view.clone().unwrap_or_default();
        let on_disk = path.as_deref().and_then(Stamp::of);
        let mut doc = Document {
            chart: Arc::new(chart),
            file,
            problems: Vec::new(),
            path,
            change_days: Vec::new(),
            boundaries: Arc::default(),
            finding_boundaries: false,
            reorganisations: Vec::new(),
            events: Vec::new(),
            span: (Day(0), Day(0)),
            generation,
            saved_view,
            imported_from: None,
            history: History::new(),
            on_disk,
            builtin: false,
        };
        doc.derive();
        doc
    }

    /// An empty chart, as File → New makes it.
    pub fn empty(generation: u64) -> Document {
        let info = crate::model::ChartInfo {
            title: "Untitled chart".to_owned(),
            description: None,
            covers: None,
            default_date: None,
        };
        Document::new(Chart::new(info, Default::default()), None, generation)
    }

    /// The chart built into govchart.
    pub fn builtin(chart: Chart) -> Document {
        Document {
            builtin: true,
            ..Document::new(chart, None, 0)
        }
    }

    /// The chart's [`Boundaries`], found now if they are not yet.
    pub fn boundaries(&self) -> &Boundaries {
        self.boundaries.get_or_init(|| Boundaries::of(&self.chart))
    }

    /// The chart's [`Boundaries`] if they are found; if not, they start being found on a
    /// thread of their own, so that the caller can go on without them meanwhile.
    pub fn boundaries_if_found(&mut self) -> Option<&Boundaries> {
        if self.boundaries.get().is_none() && !self.finding_boundaries {
            self.finding_boundaries = true;
            let (chart, lock) = (self.chart.clone(), self.boundaries.clone());
            let found = std::thread::Builder::new()
                .name("boundaries".into())
                .spawn(move || {
                    lock.get_or_init(|| Boundaries::of(&chart));
                });
            if found.is_err() {
                // No thread to be had: found here instead.
                return Some(self.boundaries());
            }
        }
        self.boundaries.get()
    }

    /// Works out again what the window shows of the chart: change days, events, span.
    fn derive(&mut self) {
        let chart = &self.chart;
        self.change_days = change_days(chart);
        // Those being found for the last chart are left to that chart.
        self.boundaries = Arc::default();
        self.finding_boundaries = false;
        self.reorganisations = crate::scene::reorganisations(chart);
        let mut events: Vec<EventId> = (0..chart.events.len() as u32).map(EventId).collect();
        events.sort_by_key(|&e| (chart.events[e.index()].date.first_day(), e));
        self.events = events;
        self.span = range_within(chart, &self.change_days);
    }

    /// Builds the chart from the file again, through every check loading runs. Without
    /// errors the new chart is drawn; with errors the last good one stays drawn, and
    /// [`Document::problems`] says what is wrong.
    fn rebuild(&mut self, generation: u64) {
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(self.name()));
        match crate::io::load_parsed(self.file.clone(), &path, String::new) {
            Ok(loaded) => {
                let mut chart = loaded.chart;
                chart.view = self.chart.view.clone();
                self.chart = Arc::new(chart);
                self.problems = loaded.warnings;
                self.generation = generation;
                self.derive();
            }
            Err(crate::io::LoadError::Invalid { problems, .. }) => self.problems = problems,
            Err(other) => self.problems = vec![Problem::error("", other.to_string())],
        }
    }

    /// Whether the file as it is has errors (the chart drawn is then the last without).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// Makes an edit's changes, records it, and builds the chart again.
    pub fn make(&mut self, step: Step, generation: u64) -> Result<(), Mismatch> {
        apply_all(&mut self.file, &step.changes)?;
        self.history.record(step);
        self.rebuild(generation);
        Ok(())
    }

    /// Undoes the last edit; returns what it was called.
    pub fn undo(&mut self, generation: u64) -> Option<Result<String, Mismatch>> {
        let step = self.history.undo()?;
        let (label, inverse) = (step.label.clone(), step.inverse());
        if let Err(err) = apply_all(&mut self.file, &inverse) {
            self.history.cancel_undo();
            return Some(Err(err));
        }
        self.rebuild(generation);
        Some(Ok(label))
    }

    /// Makes the last undone edit again; returns what it was called.
    pub fn redo(&mut self, generation: u64) -> Option<Result<String, Mismatch>> {
        let step = self.history.redo()?;
        let (label, changes) = (step.label.clone(), step.changes.clone());
        if let Err(err) = apply_all(&mut self.file, &changes) {
            self.history.cancel_redo();
            return Some(Err(err));
        }
        self.rebuild(generation);
        Some(Ok(label))
    }

    /// The id of what a problem's path is about, for selecting it: the post of a post,
    /// line or tenure; a person; an organisation; an event.
    pub fn subject_of(&self, path: &str) -> Option<String> {
        let mut segments = path.split('.');
        let (list, i) = indexed(segments.next()?)?;
        let sub = segments.next().and_then(indexed);
        let file = &self.file;
        Some(match (list, sub) {
            ("posts", _) => file.posts.get(i)?.id.to_string(),
            ("people", Some(("tenures", k))) => {
                file.people.get(i)?.tenures.get(k)?.post.to_string()
            }
            ("people", _) => file.people.get(i)?.id.to_string(),
            ("organisations", _) => file.organisations.get(i)?.id.to_string(),
            ("events", _) => file.events.get(i)?.id.to_string(),
            ("sources", _) => file.sources.get(i)?.id.to_string(),
            _ => return None,
        })
    }

    /// Whether the chart has edits not saved to its file (an unsaved import counts).
    pub fn dirty(&self) -> bool {
        self.history.dirty() || self.imported_from.is_some()
    }

    /// The day the window opens on: the saved view's date, else the chart's default date,
    /// else its first day.
    pub fn opening_day(&self) -> Day {
        let date = self.saved_view.date.or(self.chart.info.default_date);
        date.map_or(self.span.0, PartialDate::first_day)
            .clamp(self.span.0, self.span.1)
    }

    /// A name for the title bar and messages.
    pub fn name(&self) -> String {
        match (&self.path, &self.imported_from) {
            (Some(path), _) => file_name(path),
            (None, Some(from)) => format!("chart imported from {from} (not saved)"),
            (None, None) if self.builtin => "built-in chart".to_owned(),
            (None, None) => "untitled chart".to_owned(),
        }
    }
}

/// `"posts[3]"` gives `("posts", 3)`.
fn indexed(segment: &str) -> Option<(&str, usize)> {
    let (name, rest) = segment.split_once('[')?;
    Some((name, rest.strip_suffix(']')?.parse().ok()?))
}

/// A file's name without its folder, for titles and messages.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
