//! The desktop window (egui + eframe): the chart canvas, the timeline with its date slider,
//! the inspector, search, the events and changes lists, and opening, saving and exporting.
//! This is the only part of govchart that knows about egui; it draws the same
//! [`crate::scene::Scene`] the exports are made from.

mod canvas;
mod dialogs;
mod editor;
mod files;
mod forms;
mod panels;
mod search;
mod share;
mod timeline;

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;

pub use crate::session::{Command, Document, Session};
pub use files::export as export_file;

use crate::date::{Day, PartialDate};
use crate::model::PostId;
use crate::scene::{Picture, Places, Scene, Theme, ViewOptions};
use crate::timeline::Snapshot;

/// What persists between runs (window size is kept by eframe itself).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Files opened, most recent first.
    pub recent: Vec<PathBuf>,
    /// Dark colours.
    pub dark: bool,
    /// Show vacant posts.
    pub show_vacancies: bool,
    /// Name the holder before the current one on each card.
    pub show_departed: bool,
    /// Which dashed lines to draw.
    pub lines: crate::scene::OtherLines,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent: Vec::new(),
            dark: false,
            show_vacancies: true,
            show_departed: false,
            lines: crate::scene::OtherLines::All,
        }
    }
}

/// Grid cells a frame may spend routing dashed lines, so dragging the slider stays fluid on
/// large charts (lines past it are plain elbows).
const WINDOW_ROUTE_BUDGET: usize = 100_000;

/// A window at least this wide shows the events panel and the inspector from the start;
/// a narrower one leaves the chart the room and shows them when asked.
const WIDE: f32 = 1900.0;

/// How many recent files File → Open Recent lists.
const RECENT: usize = 10;

/// The changes listed in compare mode: for which document and days, and each change's
/// sentence with the post it selects.
type ChangeList = ((u64, Day, Day), Vec<(String, Option<PostId>)>);

/// The picture on screen and what it was made from.
pub struct Shown {
    /// The picture.
    pub scene: Arc<Scene>,
    /// The chart on the day shown.
    pub snapshot: Snapshot,
    /// What it was made from, to tell when it must be made again.
    key: SceneKey,
}

impl Shown {
    /// The part of the picture that was made.
    fn region(&self) -> Option<[i64; 4]> {
        self.key.region
    }
}

#[derive(Clone, Debug, PartialEq)]
struct SceneKey {
    generation: u64,
    day: Day,
    view: ViewOptions,
    dark: bool,
    /// The part of the picture made (see [`canvas::Canvas::wanted`]).
    region: Option<[i64; 4]>,
}

/// Kept places being made on a thread of their own for the period the slider is heading
/// into, so that crossing into it does not stop the window for the time they take.
struct Ahead {
    generation: u64,
    dark: bool,
    view: ViewOptions,
    /// The period they are for.
    period: (Day, Day),
    places: Making,
    /// Set when they are no longer wanted, so that the thread making them gives up.
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for Ahead {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Ahead {
    /// Whether these are the places for `day` in pictures made for `key`.
    fn serve(&self, key: &SceneKey, day: Day) -> bool {
        self.generation == key.generation
            && self.dark == key.dark
            && self.view == key.view
            && self.period.0 <= day
            && day < self.period.1
    }
}

/// Places on their way, made, or taken.
enum Making {
    On(std::thread::JoinHandle<Option<Places>>),
    Made(Box<Places>),
    Taken,
}

impl Making {
    /// The places, once made (`None` if making them failed or they were taken).
    fn wait(self) -> Option<Places> {
        match self {
            Making::On(thread) => thread.join().ok().flatten(),
            Making::Made(places) => Some(*places),
            Making::Taken => None,
        }
    }
}

impl Ahead {
    /// The places, once made: taken from these, which are then of no more use.
    fn take(&mut self) -> Option<Places> {
        std::mem::replace(&mut self.places, Making::Taken).wait()
    }
}

/// The region of a [`SceneKey`] as a rectangle in the picture's units: three tiles by three.
fn region_rect(region: Option<[i64; 4]>) -> Option<crate::layout::Rect> {
    let [col, row, w, h] = region?;
    let (w, h) = (w as f64, h as f64);
    Some(crate::layout::Rect {
        x: col as f64 * w,
        y: row as f64 * h,
        w: 3.0 * w,
        h: 3.0 * h,
    })
}

/// The whole window's state.
pub struct GovchartApp {
    /// The open chart and how it is looked at: everything the window shows.
    pub session: Session,
    /// Persistent settings.
    pub settings: Settings,
    /// The picture on screen.
    pub(crate) shown: Option<Shown>,
    /// Kept places for the year shown.
    places: Option<Places>,
    /// Kept places for the next period the slider is heading into, made meanwhile.
    ahead: Option<Ahead>,
    /// Whether the events panel is shown, once the user has chosen (View menu).
    events_panel: Option<bool>,
    /// The canvas: where the chart sits and how it moves.
    pub canvas: canvas::Canvas,
    timeline: timeline::Timeline,
    search: search::Search,
    files: files::Files,
    /// Problems of a file that could not be opened, for the problems window.
    pub problems: Option<files::Problems>,
    /// The changes listed in compare mode, for (document, earlier day, later day).
    change_list: Option<ChangeList>,
    show_shortcuts: bool,
    show_about: bool,
    /// Whether closing has been confirmed (or needs no confirming).
    close_confirmed: bool,
    asking_to_close: bool,
    first_frame_logged: bool,
    /// Commands sent this frame, applied at its end.
    commands: Vec<Command>,
    /// A question waiting for an answer.
    ask: Option<dialogs::Ask>,
    /// What is to replace a chart with unsaved edits, once the user says what to do.
    replacement: Option<dialogs::Replacement>,
    /// The editor's forms and windows.
    pub(crate) editor: editor::Editor,
    /// The Export animation window, while it is open.
    animation: Option<share::AnimationForm>,
    /// When the chart's file was last looked at for changes by other programs.
    watched: Option<std::time::Instant>,
    /// The user chose to keep their version over a change on disk.
    ignored_disk_change: bool,
    /// The user chose to reload the chart's file, throwing unsaved edits away.
    reloading: bool,
    /// The widget that had the keyboard at the last frame: when another takes it, typing in
    /// the first is over and its edits are one step.
    focused: Option<egui::Id>,
}

impl GovchartApp {
    /// A window on the built-in chart, or on `path` if given (opened in the background; the
    /// built-in chart shows until it has loaded, and stays if it cannot be).
    pub fn new(settings: Settings, path: Option<PathBuf>) -> GovchartApp {
        let mut app = GovchartApp {
            session: Session::builtin(),
            settings,
            shown: None,
            places: None,
            ahead: None,
            events_panel: None,
            canvas: canvas::Canvas::default(),
            timeline: timeline::Timeline::default(),
            search: search::Search::default(),
            files: files::Files::new(),
            problems: None,
            change_list: None,
            show_shortcuts: false,
            show_about: false,
            animation: None,
            close_confirmed: false,
            asking_to_close: false,
            first_frame_logged: false,
            commands: Vec::new(),
            ask: None,
            replacement: None,
            editor: editor::Editor::default(),
            watched: None,
            ignored_disk_change: false,
            reloading: false,
            focused: None,
        };
        if let Some(path) = path {
            app.open_or_import(vec![path]);
        }
        app
    }

    /// From eframe's creation context: settings restored from the last run.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let app = GovchartApp::new(settings, path);
        app.apply_theme(&cc.egui_ctx);
        app
    }

    /// Starts opening a chart file in the background.
    pub fn open(&mut self, path: PathBuf) {
        self.session.jobs.load(path);
    }

    /// Opens a chart file and waits for it (for tests and scripts).
    pub fn open_now(&mut self, path: PathBuf) {
        self.session.jobs.load(path);
        self.session.jobs.wait();
        self.poll_files();
    }

    /// Imports files and waits for the chart (for tests and scripts): as File → Import or a
    /// drop does, on a background thread.
    pub fn import_now(&mut self, format: crate::import::Format, paths: Vec<PathBuf>) {
        self.import(format, paths);
        self.session.jobs.wait();
        self.poll_files();
    }

    /// Puts a newly loaded chart in the window, with its saved view.
    pub(crate) fn replace(&mut self, loaded: crate::io::Loaded, path: PathBuf) {
        self.session.open(loaded.chart, Some(path));
        self.session.doc.problems = loaded.warnings;
        let path = self.session.doc.path.clone().unwrap_or_default();
        // Edits of this chart that a run which did not end well left behind.
        let opened = self.session.doc.path.clone();
        let left: Vec<_> = (self.session.pending_recoveries().into_iter())
            .filter(|r| r.chart.is_some() && r.chart == opened)
            .collect();
        if !left.is_empty() && self.ask.is_none() {
            self.ask = Some(dialogs::Ask::Restore(left));
        }
        self.ignored_disk_change = false;
        self.shown = None;
        self.places = None;
        self.ahead = None;
        self.canvas.reset();
        self.remember(path);
        self.session.status = format!("Opened {}", self.session.doc.name());
    }

    /// Puts an imported chart in the window, unsaved, and shows what the import noticed.
    pub(crate) fn replace_imported(&mut self, label: String, imported: crate::import::Imported) {
        let crate::import::Imported { loaded, report, .. } = imported;
        let made = format!(
            "Made {} organisations, {} posts, {} people, {} tenures, {} lines.",
            loaded.chart.organisations.len(),
            loaded.chart.posts.len(),
            loaded.chart.people.len(),
            loaded.chart.tenures.len(),
            loaded.chart.lines.len()
        );
        self.session.open_imported(loaded.chart, label.clone());
        self.session.doc.problems = loaded.warnings.clone();
        self.shown = None;
        self.places = None;
        self.ahead = None;
        self.canvas.reset();
        self.session.status = format!("Imported {label} (not saved)");
        let mut lines: Vec<String> = (report.inputs.iter())
            .map(|i| {
                let encoding = i
                    .encoding
                    .map_or_else(String::new, |e| format!(", read as {e}"));
                format!("read {}: {}{encoding}", i.file.display(), i.what)
            })
            .collect();
        lines.extend(report.notes.iter().map(ToString::to_string));
        lines.extend(loaded.warnings.iter().map(|w| format!("chart: {w}")));
        self.problems = Some(files::Problems {
            title: format!("Imported {label}"),
            summary: format!(
                "{made} {} note(s) on what was skipped, guessed or matched other than by id. The chart is not saved yet: Save As… in the File menu keeps it.",
                report.notes.len()
            ),
            path: PathBuf::from(&label),
            count: report.notes.len(),
            report: lines.join("\n"),
        });
    }

    /// Puts a file at the top of File → Open Recent.
    fn remember(&mut self, path: PathBuf) {
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(RECENT);
    }

    /// Whether play is on.
    pub fn playing(&self) -> bool {
        self.session.playing
    }

    fn view_options(&self) -> ViewOptions {
        ViewOptions {
            collapsed: self.session.collapsed.clone(),
            hide_vacant: !self.settings.show_vacancies,
            departed: self.settings.show_departed,
            compare: self.session.compare.map(PartialDate::from_day),
            route_budget: WINDOW_ROUTE_BUDGET,
            visible: None,
            chrome: false,
            aspect: self.canvas.aspect(),
            lines: self.settings.lines,
            selected: self.session.selected,
        }
    }

    fn theme(&self) -> Theme {
        if self.settings.dark {
            Theme::dark()
        } else {
            Theme::light()
        }
    }

    /// The part of the picture to make: around the view, or all of it when comparing.
    fn wanted_region(&self) -> Option<[i64; 4]> {
        self.canvas
            .wanted()
            .filter(|_| self.session.compare.is_none())
    }

    /// The whole picture at the current state, as exports want it: every card, lines
    /// routed with the export budget, laid out for the day.
    pub fn whole_picture(&self) -> Scene {
        let view = ViewOptions {
            route_budget: crate::scene::EXPORT_ROUTE_BUDGET,
            visible: None,
            chrome: true,
            aspect: crate::layout::Options::default().aspect,
            ..self.view_options()
        };
        self.picture(view).scene()
    }

    /// The request for the picture of the chart on the day shown, seen with `view`.
    fn picture(&self, view: ViewOptions) -> Picture<'_> {
        Picture {
            chart: &self.session.doc.chart,
            date: PartialDate::from_day(self.session.day),
            view,
            theme: self.theme(),
        }
    }

    /// The picture for the current state, made again only when something it shows changed.
    pub fn shown(&mut self) -> &Shown {
        let key = SceneKey {
            generation: self.session.doc.generation,
            day: self.session.day,
            view: self.view_options(),
            dark: self.settings.dark,
            region: self.wanted_region(),
        };
        let shown = match self.shown.take() {
            Some(shown) if shown.key == key => shown,
            stale => {
                let same_chart = stale
                    .as_ref()
                    .is_some_and(|s| s.key.generation == key.generation && s.key.dark == key.dark);
                self.make_shown(key, same_chart, stale.map(|s| s.snapshot))
            }
        };
        self.shown.insert(shown)
    }

    /// Starts making the kept places of the period next to `period`, after it when the
    /// slider moves forward and before it when it moves back, unless they are being made.
    fn look_ahead(
        &mut self,
        key: &SceneKey,
        period: (Day, Day),
        forward: bool,
        options: &crate::scene::SceneOptions,
    ) {
        let (first, last) = self.session.doc.span;
        let day = if forward {
            period.1
        } else {
            Day(period.0.0.saturating_sub(1))
        };
        if day < first || day > last {
            return;
        }
        if self.ahead.as_ref().is_some_and(|a| a.serve(key, day)) {
            return;
        }
        let chart = self.session.doc.chart.clone();
        let next = crate::scene::period_among(day, &self.session.doc.reorganisations);
        let days = self.session.doc.change_days.clone();
        // One thread for their layout, leaving the other cores to the window.
        let mut options = options.clone();
        options.layout.threads = 1;
        // The window may move on before they are made: then dropping these stops them.
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopped = stop.clone();
        let made = std::thread::Builder::new()
            .name("places ahead".into())
            .spawn(move || Places::around_unless(&chart, next.0, &days, &options, &stopped));
        self.ahead = made.ok().map(|thread| Ahead {
            generation: key.generation,
            dark: key.dark,
            view: key.view.clone(),
            period: next,
            places: Making::On(thread),
            stop,
        });
    }

    /// Waits until the kept places being made ahead of the slider, if any, are made: for
    /// tests and benchmarks that measure the window at rest.
    pub fn wait_for_places_ahead(&mut self) {
        if let Some(ahead) = &mut self.ahead {
            match ahead.take() {
                Some(places) => ahead.places = Making::Made(Box::new(places)),
                None => self.ahead = None,
            }
        }
    }

    /// The picture for `key`, in the memory of the last day's snapshot if there is one.
    fn make_shown(&mut self, key: SceneKey, same_chart: bool, last: Option<Snapshot>) -> Shown {
        let chart = self.session.doc.chart.clone();
        let last_day = last.as_ref().map(|s| s.day);
        let view = ViewOptions {
            visible: region_rect(key.region),
            ..key.view.clone()
        };
        let snapshot = match last {
            // The last day's snapshot of the same chart: only what may have changed since.
            // (Until the chart's boundaries are found, the snapshot is made again instead.)
            Some(mut snapshot) if same_chart => {
                match self.session.doc.boundaries_if_found() {
                    Some(boundaries) => snapshot.step(&chart, boundaries, self.session.day),
                    None => snapshot.recompute(&chart, self.session.day),
                }
                snapshot
            }
            Some(mut snapshot) => {
                snapshot.recompute(&chart, self.session.day);
                snapshot
            }
            None => Snapshot::at(&chart, self.session.day),
        };
        let picture = Picture {
            chart: &chart,
            date: PartialDate::from_day(self.session.day),
            view,
            theme: self.theme(),
        };
        let scene = if key.view.is_plain() {
            let date = PartialDate::from_day(self.session.day);
            let options = ViewOptions {
                visible: region_rect(key.region),
                ..key.view.clone()
            }
            .scene_options(&chart, date, self.theme());
            let aspect = options.layout.aspect;
            let stale =
                !same_chart || (self.places.as_ref()).is_none_or(|p| !p.covers(self.session.day));
            if !stale
                && let Some(places) = self.places.as_mut()
                && places.aspect() != aspect
            {
                // The canvas changed shape: the same places, arranged for it.
                places.reshape(aspect, &options);
            }
            if stale {
                let made = (self.ahead.take())
                    .filter(|a| a.serve(&key, self.session.day))
                    .and_then(|mut a| a.take());
                let places = match made {
                    Some(mut places) => {
                        if places.aspect() != aspect {
                            places.reshape(aspect, &options);
                        }
                        places
                    }
                    None => Places::around(
                        &chart,
                        self.session.day,
                        &self.session.doc.change_days,
                        &options,
                    ),
                };
                self.places = Some(places);
            }
            if let Some(places) = &self.places {
                let forward = last_day.is_none_or(|d| d <= self.session.day);
                self.look_ahead(&key, places.period, forward, &options);
            }
            self.places
                .as_mut()
                .and_then(|p| p.scene(&chart, &snapshot, &options))
                .unwrap_or_else(|| picture.scene_of(&snapshot))
        } else {
            picture.scene_of(&snapshot)
        };
        Shown {
            scene: Arc::new(scene),
            snapshot,
            key,
        }
    }

    /// Draws the whole window into `ui` (everything but eframe's own frame), so tests and
    /// benchmarks can drive it without a window.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.poll_files();
        self.keyboard(ui.ctx());
        self.dropped_files(ui.ctx());
        self.apply_theme(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("timeline").show(ui, |ui| timeline::show(self, ui));
        if self.events_shown(ui.ctx()) {
            egui::Panel::left("events")
                .resizable(true)
                .default_size(230.0)
                .size_range(160.0..=420.0)
                .show(ui, |ui| panels::left(self, ui));
        }
        // The inspector a selection opens in a narrow window lends its width from the
        // canvas without laying the chart out again for the narrower canvas.
        self.canvas.lend = 0.0;
        if self.inspector_shown(ui.ctx()) {
            let width = self.inspector_panel(ui);
            if ui.ctx().content_rect().width() < WIDE {
                self.canvas.lend = width;
            }
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::show(self, ui));
        search::window(self, ui.ctx());
        editor::appoint_window(self, ui.ctx());
        editor::problems_window(self, ui.ctx());
        editor::chart_window(self, ui.ctx());
        files::windows(self, ui.ctx());
        share::animation_window(self, ui.ctx());
        self.help_windows(ui.ctx());
        self.watch_file(ui.ctx());
        self.ask_ui(ui.ctx());
        self.confirm_close(ui.ctx());
        let focused = ui.ctx().memory(|m| m.focused());
        if focused != self.focused {
            self.focused = focused;
            self.send(Command::Seal);
        }
        if !self.commands.is_empty() {
            self.apply_commands();
            ui.ctx().request_repaint();
        }
        timeline::advance(self, ui.ctx());
    }

    /// Asks for a change; it is applied at the end of the frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Applies the commands sent so far, in order, to the session: the one place the
    /// panels' requests change what the window shows.
    pub fn apply_commands(&mut self) {
        let commands = std::mem::take(&mut self.commands);
        self.session.apply_all(commands);
        if let Some(post) = self.session.centre_on.take() {
            self.canvas.centre_on = Some(post);
        }
    }
    /// Whether the events panel is shown: as the user set it from the View menu, else when
    /// comparing (it lists the changes) or when the window is wide enough to leave the
    /// chart room.
    fn events_shown(&self, ctx: &egui::Context) -> bool {
        self.events_panel
            .unwrap_or(self.session.compare.is_some() || ctx.content_rect().width() >= WIDE)
    }

    /// Whether the inspector is shown: while a post is selected, or always in a wide window.
    fn inspector_shown(&self, ctx: &egui::Context) -> bool {
        self.session.selected.is_some() || ctx.content_rect().width() >= WIDE
    }

    /// Shows the inspector; returns its width.
    fn inspector_panel(&mut self, ui: &mut egui::Ui) -> f32 {
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(300.0)
            .size_range(220.0..=520.0)
            .show(ui, |ui| panels::inspector(self, ui))
            .response
            .rect
            .width()
    }

    /// Sets egui's colours to the chosen theme; a change shows from the next frame, so one
    /// more is asked for.
    pub fn apply_theme(&self, ctx: &egui::Context) {
        let theme = if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
            ctx.request_repaint();
        }
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |m, k| KeyboardShortcut::new(m, k);
        let pressed = |sc: KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(&sc));
        if pressed(shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z))
            || pressed(shortcut(Modifiers::COMMAND, Key::Y))
        {
            self.send(Command::Redo);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::Z)) {
            self.send(Command::Undo);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::N)) {
            self.new_chart();
        }
        if pressed(shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)) {
            self.files.save_as(&self.session.doc);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::S)) {
            self.save();
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::O)) {
            self.files.pick_chart();
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::E)) {
            self.files.pick_export(&self.session.doc, self.session.day);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::F)) {
            self.search.open = true;
            self.search.focus = true;
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::Q)) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        // Plain keys only when no text field has the keyboard.
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        if pressed(shortcut(Modifiers::NONE, Key::ArrowRight)) {
            self.send(Command::NextChange);
        }
        if pressed(shortcut(Modifiers::NONE, Key::ArrowLeft)) {
            self.send(Command::PreviousChange);
        }
        if pressed(shortcut(Modifiers::NONE, Key::Space)) {
            self.send(Command::TogglePlay);
        }
        if pressed(shortcut(Modifiers::NONE, Key::F)) {
            self.canvas.fit_next = true;
        }
        if pressed(shortcut(Modifiers::NONE, Key::Plus))
            || pressed(shortcut(Modifiers::NONE, Key::Equals))
        {
            self.canvas.zoom_by(1.25);
        }
        if pressed(shortcut(Modifiers::NONE, Key::Minus)) {
            self.canvas.zoom_by(0.8);
        }
        if pressed(shortcut(Modifiers::NONE, Key::Escape)) {
            self.send(Command::Select {
                post: None,
                centre: false,
            });
        }
    }

    /// Chart files dropped on the window open; data files (CSV, JSON) are imported.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let paths: Vec<PathBuf> = dropped.iter().map(|f| f.path().to_path_buf()).collect();
        self.open_or_import(paths);
    }

    /// Opens the last of `paths` if it is a chart (RON); otherwise imports it, in the format
    /// its contents show (several organogram releases together).
    pub fn open_or_import(&mut self, paths: Vec<PathBuf>) {
        let Some(last) = paths.last() else {
            return;
        };
        let is_chart = |p: &PathBuf| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if is_chart(last) {
            self.open(last.clone());
            return;
        }
        match crate::import::sniff(last) {
            Some(crate::import::Format::Organogram) => {
                let releases = paths.into_iter().filter(|p| !is_chart(p)).collect();
                self.import(crate::import::Format::Organogram, releases);
            }
            Some(format) => self.import(format, vec![last.clone()]),
            None => self.open(last.clone()),
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let text = |ui: &egui::Ui, m, k| ui.ctx().format_shortcut(&KeyboardShortcut::new(m, k));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                let new =
                    egui::Button::new("New").shortcut_text(text(ui, Modifiers::COMMAND, Key::N));
                if ui.add(new).clicked() {
                    self.new_chart();
                    ui.close();
                }
                let open =
                    egui::Button::new("Open…").shortcut_text(text(ui, Modifiers::COMMAND, Key::O));
                if ui.add(open).clicked() {
                    self.files.pick_chart();
                    ui.close();
                }
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.open(path);
                            ui.close();
                        }
                    }
                });
                let save =
                    egui::Button::new("Save").shortcut_text(text(ui, Modifiers::COMMAND, Key::S));
                if ui.add(save).clicked() {
                    self.save();
                    ui.close();
                }
                let save_as = egui::Button::new("Save As…").shortcut_text(text(
                    ui,
                    Modifiers::COMMAND | Modifiers::SHIFT,
                    Key::S,
                ));
                if ui.add(save_as).clicked() {
                    self.files.save_as(&self.session.doc);
                    ui.close();
                }
                ui.menu_button("Import", |ui| {
                    use crate::import::Format;
                    for (format, label) in [
                        (Format::Organogram, "UK organogram releases (CSV)…"),
                        (Format::Popolo, "Popolo JSON…"),
                        (Format::Wikidata, "Wikidata position-held results (JSON)…"),
                        (Format::Csv, "Org chart CSV (id, parent, name, title)…"),
                    ] {
                        if ui.button(label).clicked() {
                            self.files.pick_import(format);
                            ui.close();
                        }
                    }
                    if self.session.jobs.importing() && ui.button("Cancel the import").clicked() {
                        self.session.jobs.cancel_import();
                        ui.close();
                    }
                });
                ui.separator();
                let export = egui::Button::new("Export…").shortcut_text(text(
                    ui,
                    Modifiers::COMMAND,
                    Key::E,
                ));
                if ui.add(export).clicked() {
                    self.files.pick_export(&self.session.doc, self.session.day);
                    ui.close();
                }
                for format in ["PNG", "SVG", "PDF"] {
                    if ui.button(format!("Export {format}…")).clicked() {
                        self.files
                            .pick_export_as(&self.session.doc, self.session.day, format);
                        ui.close();
                    }
                }
                if ui.button("Export animation…").clicked() {
                    self.open_animation_form();
                    ui.close();
                }
                if ui.button("Export web page…").clicked() {
                    self.files.pick_web_page(&self.session.doc);
                    ui.close();
                }
                if let Some(name) = self.session.jobs.exporting()
                    && ui.button(format!("Stop making {name}")).clicked()
                {
                    self.session.jobs.stop_export();
                    ui.close();
                }
                ui.separator();
                let quit =
                    egui::Button::new("Quit").shortcut_text(text(ui, Modifiers::COMMAND, Key::Q));
                if ui.add(quit).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    ui.close();
                }
            });
            ui.menu_button("Edit", |ui| self.edit_menu(ui));
            ui.menu_button("View", |ui| {
                ui.radio_value(&mut self.settings.dark, false, "Light");
                ui.radio_value(&mut self.settings.dark, true, "Dark");
                ui.separator();
                if ui
                    .add(egui::Button::new("Fit chart").shortcut_text("F"))
                    .clicked()
                {
                    self.canvas.fit_next = true;
                    ui.close();
                }
                if ui
                    .add(egui::Button::new("Zoom in").shortcut_text("+"))
                    .clicked()
                {
                    self.canvas.zoom_by(1.25);
                }
                if ui
                    .add(egui::Button::new("Zoom out").shortcut_text("-"))
                    .clicked()
                {
                    self.canvas.zoom_by(0.8);
                }
                ui.separator();
                ui.checkbox(&mut self.settings.show_vacancies, "Show vacancies");
                ui.checkbox(&mut self.settings.show_departed, "Show departed people");
                ui.separator();
                ui.label("Dashed lines (accountability, oversight, deputies)");
                use crate::scene::OtherLines;
                ui.radio_value(&mut self.settings.lines, OtherLines::All, "All");
                ui.radio_value(
                    &mut self.settings.lines,
                    OtherLines::Selected,
                    "Only the selected post's",
                );
                ui.radio_value(&mut self.settings.lines, OtherLines::None, "None");
                ui.separator();
                let mut events = self.events_shown(ui.ctx());
                if ui.checkbox(&mut events, "Events panel").changed() {
                    self.events_panel = Some(events);
                }
                if ui
                    .add_enabled(
                        !self.session.collapsed.is_empty(),
                        egui::Button::new("Expand all"),
                    )
                    .clicked()
                {
                    self.send(Command::ExpandAll);
                    ui.close();
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard shortcuts").clicked() {
                    self.show_shortcuts = true;
                    ui.close();
                }
                if ui.button("About govchart").clicked() {
                    self.show_about = true;
                    ui.close();
                }
            });
            ui.separator();
            let dirty = if self.session.doc.dirty() { " •" } else { "" };
            ui.label(format!("{}{dirty}", self.session.doc.name()));
            // The chart's title: the window's pictures leave it out, as they leave out the
            // legend.
            ui.weak(self.session.doc.chart.info.title.as_str());
            if let Some(loading) = self.session.jobs.label() {
                ui.spinner();
                ui.label(loading);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Find…")
                    .on_hover_text("Find a person, post or organisation (Ctrl+F)")
                    .clicked()
                {
                    self.search.open = true;
                    self.search.focus = true;
                }
                if !self.session.status.is_empty() {
                    ui.label(egui::RichText::new(&self.session.status).weak());
                }
            });
        });
    }

    fn edit_menu(&mut self, ui: &mut egui::Ui) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let text = |ui: &egui::Ui, m, k| ui.ctx().format_shortcut(&KeyboardShortcut::new(m, k));
        let history = &self.session.doc.history;
        let undo = history
            .undo_label()
            .map_or_else(|| "Undo".to_owned(), |l| format!("Undo: {l}"));
        let redo = history
            .redo_label()
            .map_or_else(|| "Redo".to_owned(), |l| format!("Redo: {l}"));
        let (can_undo, can_redo) = (
            history.undo_label().is_some(),
            history.redo_label().is_some(),
        );
        let undo = egui::Button::new(undo).shortcut_text(text(ui, Modifiers::COMMAND, Key::Z));
        if ui.add_enabled(can_undo, undo).clicked() {
            self.send(Command::Undo);
            ui.close();
        }
        let redo = egui::Button::new(redo).shortcut_text(text(
            ui,
            Modifiers::COMMAND | Modifiers::SHIFT,
            Key::Z,
        ));
        if ui.add_enabled(can_redo, redo).clicked() {
            self.send(Command::Redo);
            ui.close();
        }
        ui.separator();
        let selected = self.session.selected.is_some();
        if ui
            .add_enabled(selected, egui::Button::new("Edit the selected post"))
            .clicked()
        {
            self.editor.editing = true;
            ui.close();
        }
        if let Some(post) = self.session.selected {
            let key = self.session.doc.chart.post(post).key.to_string();
            if ui.button("Appoint to the selected post…").clicked() {
                editor::open_appoint(self, key, self.session.day);
                ui.close();
            }
        }
        if ui.button("Edit chart…").clicked() {
            self.editor.window = Some(editor::Tab::Chart);
            ui.close();
        }
        for (tab, label) in [
            (editor::Tab::Organisations, "Organisations…"),
            (editor::Tab::Posts, "Posts…"),
            (editor::Tab::People, "People…"),
            (editor::Tab::Sources, "Sources…"),
            (editor::Tab::Events, "Events…"),
        ] {
            if ui.button(label).clicked() {
                self.editor.window = Some(tab);
                ui.close();
            }
        }
        ui.separator();
        let problems = self.session.doc.problems.len();
        if ui.button(format!("Problems ({problems})")).clicked() {
            self.editor.problems_open = true;
            ui.close();
        }
    }

    fn help_windows(&mut self, ctx: &egui::Context) {
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (keys, what) in [
                        ("Left / Right arrow", "previous / next change"),
                        ("Space", "play or pause"),
                        ("F", "fit the chart"),
                        ("+ / -, wheel, pinch", "zoom"),
                        ("drag", "pan"),
                        ("click / double-click", "select / fold a post's reports"),
                        ("right-click a card", "appoint, end here, edit, delete"),
                        (
                            "drag a card onto another",
                            "report there from the date shown",
                        ),
                        ("Ctrl+Z", "undo"),
                        ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
                        ("Ctrl+N", "new chart"),
                        ("Ctrl+F", "find"),
                        ("Ctrl+O", "open"),
                        ("Ctrl+S / Ctrl+Shift+S", "save / save as"),
                        ("Ctrl+E", "export"),
                        ("Esc", "clear the selection"),
                        ("Ctrl+Q", "quit"),
                    ] {
                        ui.label(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        let sources = self.session.doc.chart.sources.len();
        egui::Window::new("About govchart")
            .open(&mut self.show_about)
            .resizable(false)
            .show(ctx, |ui| {
                ui.heading(format!("govchart {}", env!("CARGO_PKG_VERSION")));
                ui.label("How an organisation's governance changes over time.");
                ui.label(format!(
                    "The chart open: {} ({} sources; every fact cites its sources and certainty).",
                    self.session.doc.chart.info.title, sources
                ));
            });
    }

    /// Starts an import on a background thread; says in a window why it cannot start.
    pub(crate) fn import(&mut self, format: crate::import::Format, paths: Vec<PathBuf>) {
        if let Err(message) = self.session.jobs.import(format, paths) {
            self.files.error = Some(message);
        }
    }

    fn poll_files(&mut self) {
        use crate::session::jobs::Done;
        for done in self.session.jobs.poll() {
            match done {
                Done::Loaded(path, loaded) => {
                    self.replace_when_saved(dialogs::Replacement::Open(loaded, path));
                }
                Done::Imported(label, imported) => {
                    self.replace_when_saved(dialogs::Replacement::Import(label, imported));
                }
                Done::ImportFailed(problems) => {
                    self.session.status = problems.title.clone();
                    self.problems = Some(problems);
                }
                Done::Failed(problems) => {
                    self.session.status = format!("Could not open {}", problems.path.display());
                    self.problems = Some(problems);
                }
                Done::Export(end) => self.export_ended(end),
            }
        }
        for event in self.files.poll() {
            match event {
                files::Event::ImportPicked(format, paths) => self.import(format, paths),
                files::Event::OpenPicked(path) => self.open(path),
                files::Event::SavePicked(path) => self.save_to(path),
                files::Event::ExportPicked(path) => {
                    self.session.status = files::export(&self.whole_picture(), &path);
                }
                files::Event::AnimationPicked(path) => self.start_animation(path),
                files::Event::WebPagePicked(path) => self.start_web_page(path),
                files::Event::Cancelled => self.replacement = None,
                files::Event::NoDialog(purpose) => self.files.ask_for_path(purpose),
            }
        }
    }
}

/// When the process started, for the startup time logged at the first frame.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

impl eframe::App for GovchartApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        if !self.first_frame_logged {
            self.first_frame_logged = true;
            if let Some(started) = STARTED.get() {
                log::info!(
                    "first frame drawn {} ms after start",
                    started.elapsed().as_millis()
                );
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Unsaved edits are in their recovery file, and discarded ones are gone from it,
        // before the process ends.
        self.session.flush_recovery();
    }
}

/// Opens the window on the built-in chart, or on `path`. Returns a message when no window
/// can be opened (no display, no OpenGL).
pub fn run(path: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("govchart")
            .with_app_id("govchart")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "govchart",
        options,
        Box::new(move |cc| {
            let mut app = GovchartApp::from_creation(cc, path);
            app.offer_recovery();
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| err.to_string())
}
