//! The open document and what is done with it, with no egui in it: the chart and its
//! history of edits, the view (day, selection, folds, comparison, play), and
//! [`Session::apply`], the one place a [`Command`] changes any of them. The window reads a
//! session and sends it commands; tests drive one without a window.

mod command;
mod document;
pub mod edit;
pub mod history;
pub mod jobs;
pub mod recovery;

use std::path::PathBuf;

use rustc_hash::FxHashSet;

pub use command::Command;
pub use document::{Document, Stamp, file_name};
pub use edit::{Appointee, Edit};
pub use history::{Item, List};

use crate::date::{Day, PartialDate};
use crate::model::{Chart, Entity, PostId, View};

/// How fast play moves through time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// A month a second.
    Month,
    /// A quarter a second.
    Quarter,
    /// A year a second.
    Year,
}

impl Speed {
    /// Days of the chart a second of play covers.
    pub fn days_per_second(self) -> f64 {
        match self {
            Speed::Month => 30.44,
            Speed::Quarter => 91.3,
            Speed::Year => 365.25,
        }
    }

    /// For the speed menu.
    pub fn label(self) -> &'static str {
        match self {
            Speed::Month => "1 month/s",
            Speed::Quarter => "3 months/s",
            Speed::Year => "1 year/s",
        }
    }
}

/// An open chart, and how it is being looked at.
pub struct Session {
    /// The chart, its file and its history.
    pub doc: Document,
    /// The day shown.
    pub day: Day,
    /// Folded posts.
    pub collapsed: FxHashSet<PostId>,
    /// The other day, when comparing two dates.
    pub compare: Option<Day>,
    /// The selected post.
    pub selected: Option<PostId>,
    /// A post to bring into view, for the window to take.
    pub centre_on: Option<PostId>,
    /// Whether play is on.
    pub playing: bool,
    /// Play speed.
    pub speed: Speed,
    /// The fractional day play has reached.
    play_position: f64,
    /// What the last command did or why it could not, for the status bar.
    pub status: String,
    /// Why the last edit could not be made, until the next edit.
    pub edit_error: Option<String>,
    /// Counts every chart built or opened, so pictures know when they are stale.
    generation: u64,
    /// Whether unsaved edits are written to a recovery file after every edit.
    pub recover: bool,
    /// The recovery file of the chart open, once one has been written.
    pub recovery: Option<PathBuf>,
    /// Loads and imports under way.
    pub jobs: jobs::Jobs,
    /// Writes recovery files in the background.
    writer: recovery::Writer,
    /// govchart's data folder, where recovery files of charts with no file go, and the
    /// index of all of them ([`recovery::data_dir`] unless a test says otherwise).
    pub data_dir: Option<PathBuf>,
}

/// Why a save did not happen.
#[derive(Debug, thiserror::Error)]
pub enum SaveProblem {
    /// Another program changed the file since it was opened or saved; saving would
    /// overwrite that.
    #[error("{} was changed by another program since govchart read it", .0.display())]
    ChangedOnDisk(PathBuf),
    /// Writing failed; the file on disk is as it was, and the edits are kept.
    #[error(transparent)]
    Failed(#[from] crate::io::SaveError),
}

impl Session {
    /// A session on a document, at the day it opens on.
    pub fn new(doc: Document) -> Session {
        let generation = doc.generation;
        let mut session = Session {
            day: doc.opening_day(),
            doc,
            collapsed: FxHashSet::default(),
            compare: None,
            selected: None,
            centre_on: None,
            playing: false,
            speed: Speed::Quarter,
            play_position: 0.0,
            status: String::new(),
            edit_error: None,
            generation,
            recover: true,
            recovery: None,
            data_dir: recovery::data_dir(),
            jobs: jobs::Jobs::new(),
            writer: recovery::Writer::new(),
        };
        session.take_saved_view();
        session
    }

    /// A session on the built-in chart (or, should it fail to load, an empty one).
    pub fn builtin() -> Session {
        let doc = match crate::io::builtin() {
            Ok(loaded) => {
                let mut doc = Document::builtin(loaded.chart);
                doc.problems = loaded.warnings;
                doc
            }
            Err(err) => {
                log::error!("the built-in chart does not load: {}", err.report());
                Document::empty(0)
            }
        };
        Session::new(doc)
    }

    /// Opens another chart in place of this one, with its saved view. The recovery file of
    /// the chart that was open stays, should its edits not have been saved.
    pub fn open(&mut self, chart: Chart, path: Option<PathBuf>) {
        self.recovery = None;
        self.generation += 1;
        self.doc = Document::new(chart, path.map(absolute), self.generation);
        self.reset_view();
        self.take_saved_view();
    }

    /// Opens an imported chart, unsaved.
    pub fn open_imported(&mut self, chart: Chart, label: String) {
        self.open(chart, None);
        self.doc.imported_from = Some(label);
        self.doc.history.mark_unsaved();
    }

    /// Starts an empty chart (File → New).
    pub fn new_chart(&mut self) {
        self.recovery = None;
        self.generation += 1;
        self.doc = Document::empty(self.generation);
        self.reset_view();
        self.status =
            "New chart: give it a title and the period it covers, then add organisations".into();
    }

    fn reset_view(&mut self) {
        self.day = self.doc.opening_day();
        self.collapsed.clear();
        self.compare = None;
        self.selected = None;
        self.centre_on = None;
        self.playing = false;
        self.edit_error = None;
    }

    fn take_saved_view(&mut self) {
        let view = self.doc.saved_view.clone();
        self.collapsed = view.collapsed.iter().copied().collect();
        self.compare = view.compare.map(PartialDate::first_day);
    }

    /// The view as it would be saved now.
    pub fn view(&self) -> View {
        let mut collapsed: Vec<PostId> = self.collapsed.iter().copied().collect();
        collapsed.sort();
        View {
            date: Some(PartialDate::from_day(self.day)),
            collapsed,
            compare: self.compare.map(PartialDate::from_day),
        }
    }

    /// Whether the view differs from the one last opened or saved (not an edit: closing
    /// does not ask about it).
    pub fn view_changed(&self) -> bool {
        let saved = &self.doc.saved_view;
        self.doc.opening_day() != self.day
            || saved.collapsed.iter().copied().collect::<FxHashSet<_>>() != self.collapsed
            || saved.compare.map(PartialDate::first_day) != self.compare
    }

    /// Keeps `day` inside the chart's span.
    fn clamp(&self, day: Day) -> Day {
        day.clamp(self.doc.span.0, self.doc.span.1)
    }

    /// Applies a command: the one place the session changes.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::GoTo(day) => {
                self.playing = false;
                self.day = self.clamp(day);
            }
            Command::NextChange => {
                if let Some(day) = crate::timeline::next_change(&self.doc.change_days, self.day) {
                    self.playing = false;
                    self.day = self.clamp(day);
                }
            }
            Command::PreviousChange => {
                if let Some(day) = crate::timeline::previous_change(&self.doc.change_days, self.day)
                {
                    self.playing = false;
                    self.day = self.clamp(day);
                }
            }
            Command::Select { post, centre } => {
                self.selected = post;
                if centre {
                    self.centre_on = post;
                }
            }
            Command::SelectId(id) => self.select_id(&id),
            Command::ToggleFold(post) => {
                if !self.collapsed.remove(&post) {
                    self.collapsed.insert(post);
                }
            }
            Command::ExpandAll => self.collapsed.clear(),
            Command::Compare(day) => self.compare = day.map(|d| self.clamp(d)),
            Command::TogglePlay => self.toggle_play(),
            Command::Speed(speed) => self.speed = speed,
            Command::Edit(edit) => {
                self.edit(edit);
                self.keep_recovery();
            }
            Command::Undo => {
                self.undo();
                self.keep_recovery();
            }
            Command::Redo => {
                self.redo();
                self.keep_recovery();
            }
            Command::Seal => self.doc.history.seal(),
            Command::Say(text) => self.status = text,
        }
    }

    /// Writes the unsaved edits to the recovery file (in the background), or removes it
    /// once there are none.
    fn keep_recovery(&mut self) {
        if !self.recover {
            return;
        }
        for err in self.writer.errors() {
            self.status = format!(
                "{} (the recovery file could not be written: {err})",
                self.status
            );
        }
        if !self.doc.history.dirty() {
            self.discard_recovery();
            return;
        }
        let data = self.data_dir.as_deref();
        let path = match &self.recovery {
            Some(path) => path.clone(),
            None => match recovery::path_for(data, self.doc.path.as_deref(), &self.doc.name()) {
                Some(path) => path,
                None => return,
            },
        };
        self.writer
            .write(data, &path, self.doc.path.as_deref(), self.file_to_save());
        self.recovery = Some(path);
    }

    /// Removes the recovery file: its edits were saved, undone or thrown away.
    pub fn discard_recovery(&mut self) {
        if let Some(path) = self.recovery.take() {
            self.writer.remove(self.data_dir.as_deref(), &path);
        }
    }

    /// Waits until the recovery file is as the edits so far make it (for tests, and before
    /// the window closes).
    pub fn flush_recovery(&self) {
        self.writer.flush();
    }

    /// The recovery files left by runs that did not end well, newest first.
    pub fn pending_recoveries(&self) -> Vec<recovery::Recovery> {
        self.writer.flush();
        recovery::pending(self.data_dir.as_deref())
    }

    /// Throws away the edits a recovery file holds.
    pub fn throw_away(&self, found: &recovery::Recovery) {
        self.writer.remove(self.data_dir.as_deref(), &found.file);
    }

    /// Opens the edits a recovery file holds, as unsaved edits of the chart they were
    /// made to; the recovery file stays until they are saved or thrown away. Edits that left
    /// the chart with errors are restored as they were, errors and all, over the chart they
    /// were made to (or an empty one).
    pub fn restore(&mut self, found: &recovery::Recovery) -> Result<(), String> {
        match crate::io::load_file(&found.file) {
            Ok(loaded) => {
                self.open(loaded.chart, found.chart.clone());
                self.doc.problems = loaded.warnings;
            }
            Err(crate::io::LoadError::Invalid { problems, .. }) => {
                let file = recovery::read_file(&found.file)?;
                let base = (found.chart.as_deref())
                    .and_then(|p| crate::io::load_file(p).ok())
                    .map(|l| l.chart);
                match base {
                    Some(chart) => self.open(chart, found.chart.clone()),
                    None => {
                        self.new_chart();
                        self.doc.path = found.chart.clone();
                    }
                }
                self.doc.file = file;
                self.doc.problems = problems;
            }
            Err(other) => return Err(other.report()),
        }
        // What is on disk now is not what the edits were made to: saving asks first.
        self.doc.on_disk = None;
        self.doc.builtin = false;
        self.doc.history.mark_unsaved();
        self.recovery = Some(found.file.clone());
        self.status = format!("Restored the unsaved edits of {}", found.name());
        Ok(())
    }

    /// Whether the chart's file was changed on disk by another program since it was read
    /// or saved.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.doc.path, &self.doc.on_disk) {
            (Some(path), Some(stamp)) => Stamp::of(path).as_ref() != Some(stamp),
            (Some(path), None) => path.exists(),
            _ => false,
        }
    }

    /// Saves the chart and the view to `path`. Unless `overwrite`, refuses to write over a
    /// file another program changed since it was read. On failure the file on disk stays
    /// as it was and the edits are kept.
    pub fn save_to(&mut self, path: PathBuf, overwrite: bool) -> Result<(), SaveProblem> {
        let path = absolute(path);
        let same_file = self.doc.path.as_ref() == Some(&path);
        if same_file && !overwrite && self.changed_on_disk() {
            return Err(SaveProblem::ChangedOnDisk(path));
        }
        crate::io::save_chart_file(&self.file_to_save(), &path)?;
        self.saved(path);
        self.discard_recovery();
        self.status = format!("Saved {}", self.doc.name());
        Ok(())
    }

    /// Applies commands in order.
    pub fn apply_all(&mut self, commands: impl IntoIterator<Item = Command>) {
        for command in commands {
            self.apply(command);
        }
    }

    fn toggle_play(&mut self) {
        self.playing = !self.playing;
        if self.playing {
            let start = if self.day >= self.doc.span.1 {
                self.doc.span.0
            } else {
                self.day
            };
            self.play_position = f64::from(start.0);
        }
    }

    /// Moves play on by `seconds`; it stops at the chart's last day.
    pub fn advance(&mut self, seconds: f64) {
        if !self.playing {
            return;
        }
        self.play_position =
            self.play_position.max(f64::from(self.day.0)) + seconds * self.speed.days_per_second();
        let day = Day(self.play_position.floor() as i32);
        if day >= self.doc.span.1 {
            self.day = self.doc.span.1;
            self.playing = false;
        } else {
            self.day = self.clamp(day);
        }
    }

    /// Selects the post an id names: a post, or the first post a person holds.
    fn select_id(&mut self, id: &str) {
        let post = match self.doc.chart.find(id) {
            Some(Entity::Post(post)) => Some(post),
            Some(Entity::Person(person)) => {
                let chart = &self.doc.chart;
                (chart.person(person).tenures.clone())
                    .map(|t| chart.tenures[t as usize].post)
                    .next()
            }
            _ => None,
        };
        if let Some(post) = post {
            self.selected = Some(post);
            self.centre_on = Some(post);
        }
    }

    /// The ids of the selected and folded posts, to find them again in a rebuilt chart.
    fn view_keys(&self) -> (Option<String>, Vec<String>) {
        let chart = &self.doc.chart;
        let key = |p: PostId| chart.post(p).key.to_string();
        (
            self.selected.map(key),
            self.collapsed.iter().map(|&p| key(p)).collect(),
        )
    }

    /// Finds the selected and folded posts again after the chart was built anew.
    fn restore_view_keys(&mut self, (selected, collapsed): (Option<String>, Vec<String>)) {
        let chart = &self.doc.chart;
        self.selected = selected.and_then(|k| chart.post_id(&k));
        self.collapsed = collapsed.iter().filter_map(|k| chart.post_id(k)).collect();
        self.day = self.clamp(self.day);
        if let Some(compare) = self.compare {
            self.compare = Some(self.clamp(compare));
        }
    }

    fn edit(&mut self, edit: Edit) {
        let step = match edit::plan(&self.doc.file, edit) {
            Ok(step) => step,
            Err(why) => {
                self.status = format!("Not changed: {why}");
                self.edit_error = Some(why);
                return;
            }
        };
        let label = step.label.clone();
        let keys = self.view_keys();
        self.generation += 1;
        match self.doc.make(step, self.generation) {
            Ok(()) => {
                self.restore_view_keys(keys);
                self.edit_error = None;
                self.status = self.after_edit(&label);
            }
            Err(err) => {
                self.status = format!("Not changed: {err}");
                self.edit_error = Some(err.to_string());
            }
        }
    }

    /// The status after an edit: what was done, and whether it left problems.
    fn after_edit(&self, done: &str) -> String {
        let errors = self.doc.problems.iter().filter(|p| p.is_error()).count();
        let mut text = capitalised(done);
        if errors > 0 {
            text.push_str(&format!(
                " (the chart now has {errors} error{}: see Problems)",
                if errors == 1 { "" } else { "s" }
            ));
        }
        text
    }

    fn undo(&mut self) {
        let keys = self.view_keys();
        self.generation += 1;
        match self.doc.undo(self.generation) {
            None => self.status = "Nothing to undo".into(),
            Some(Ok(label)) => {
                self.restore_view_keys(keys);
                self.status = format!("Undid: {label}");
            }
            Some(Err(err)) => self.status = format!("Cannot undo: {err}"),
        }
    }

    fn redo(&mut self) {
        let keys = self.view_keys();
        self.generation += 1;
        match self.doc.redo(self.generation) {
            None => self.status = "Nothing to redo".into(),
            Some(Ok(label)) => {
                self.restore_view_keys(keys);
                self.status = format!("Redid: {label}");
            }
            Some(Err(err)) => self.status = format!("Cannot redo: {err}"),
        }
    }

    /// The file to save: the edited chart with the view as it is now.
    pub fn file_to_save(&self) -> crate::io::format::ChartFile<'static> {
        let mut file = self.doc.file.clone();
        file.view = Some(crate::io::view_file(&self.doc.chart, &self.view()));
        file
    }

    /// Records that the chart was saved to `path`, as it is now.
    fn saved(&mut self, path: PathBuf) {
        self.doc.saved_view = self.view();
        self.doc.imported_from = None;
        self.doc.builtin = false;
        self.doc.history.mark_saved();
        self.doc.on_disk = Stamp::of(&path);
        self.doc.path = Some(path);
    }
}

/// A path from the root, so that the recovery index and the "same file" checks find it
/// whatever folder govchart was started in.
fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}
