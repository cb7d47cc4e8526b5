//! The desktop window (egui + eframe): the chart canvas, the timeline with its date slider,
//! the inspector, search, the events and changes lists, and opening, saving and exporting.
//! This is the only part of govchart that knows about egui; it draws the same
//! [`crate::scene::Scene`] the exports are made from.

mod canvas;
mod command;
mod document;
mod files;
mod panels;
mod search;
mod timeline;

use std::path::PathBuf;
use std::sync::Arc;

use eframe::egui;
use rustc_hash::FxHashSet;

pub use command::Command;
pub use document::Document;
pub use files::export as export_file;

use crate::date::{Day, PartialDate};
use crate::model::{PostId, View};
use crate::scene::{Places, Scene, Theme, ViewOptions, chart_view};
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
    /// The open chart.
    pub doc: Document,
    /// The day shown.
    pub day: Day,
    /// Folded posts.
    pub collapsed: FxHashSet<PostId>,
    /// The other day, when comparing two dates.
    pub compare: Option<Day>,
    /// The selected post.
    pub selected: Option<PostId>,
    /// Persistent settings.
    pub settings: Settings,
    /// The picture on screen.
    shown: Option<Shown>,
    /// Kept places for the year shown.
    places: Option<Places>,
    /// Whether the events panel is shown, once the user has chosen (View menu).
    events_panel: Option<bool>,
    /// The canvas: where the chart sits and how it moves.
    pub canvas: canvas::Canvas,
    timeline: timeline::Timeline,
    search: search::Search,
    files: files::Files,
    /// A message for the status bar.
    pub status: String,
    /// Problems of a file that could not be opened, for the problems window.
    pub problems: Option<files::Problems>,
    /// The changes listed in compare mode, for (document, earlier day, later day).
    change_list: Option<ChangeList>,
    show_shortcuts: bool,
    show_about: bool,
    /// Whether closing has been confirmed (or needs no confirming).
    close_confirmed: bool,
    asking_to_close: bool,
    generation: u64,
    first_frame_logged: bool,
    /// Commands sent this frame, applied at its end.
    commands: Vec<Command>,
}

impl GovchartApp {
    /// A window on the built-in chart, or on `path` if given (opened in the background; the
    /// built-in chart shows until it has loaded, and stays if it cannot be).
    pub fn new(settings: Settings, path: Option<PathBuf>) -> GovchartApp {
        let chart = match crate::io::builtin() {
            Ok(loaded) => loaded.chart,
            Err(err) => {
                log::error!("the built-in chart does not load: {}", err.report());
                let info = crate::model::ChartInfo {
                    title: "govchart".to_owned(),
                    description: None,
                    covers: None,
                    default_date: None,
                };
                crate::model::Chart::new(info, Default::default())
            }
        };
        let doc = Document::new(chart, None, 0);
        let day = doc.opening_day();
        let mut app = GovchartApp {
            doc,
            day,
            collapsed: FxHashSet::default(),
            compare: None,
            selected: None,
            settings,
            shown: None,
            places: None,
            events_panel: None,
            canvas: canvas::Canvas::default(),
            timeline: timeline::Timeline::default(),
            search: search::Search::default(),
            files: files::Files::new(),
            status: String::new(),
            problems: None,
            change_list: None,
            show_shortcuts: false,
            show_about: false,
            close_confirmed: false,
            asking_to_close: false,
            generation: 0,
            first_frame_logged: false,
            commands: Vec::new(),
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
        self.files.load(path);
    }

    /// Opens a chart file and waits for it (for tests and scripts).
    pub fn open_now(&mut self, path: PathBuf) {
        self.files.load(path);
        self.files.wait();
        self.poll_files();
    }

    /// Imports files and waits for the chart (for tests and scripts): as File → Import or a
    /// drop does, on a background thread.
    pub fn import_now(&mut self, format: crate::import::Format, paths: Vec<PathBuf>) {
        self.files.import(format, paths);
        self.files.wait();
        self.poll_files();
    }

    /// Puts a newly loaded chart in the window, with its saved view.
    fn replace(&mut self, chart: crate::model::Chart, path: PathBuf) {
        self.generation += 1;
        self.doc = Document::new(chart, Some(path.clone()), self.generation);
        self.day = self.doc.opening_day();
        let view = self.doc.saved_view.clone();
        self.collapsed = view.collapsed.iter().copied().collect();
        self.compare = view.compare.map(PartialDate::first_day);
        self.selected = None;
        self.shown = None;
        self.places = None;
        self.timeline.playing = false;
        self.canvas.reset();
        self.remember(path);
        self.status = format!("Opened {}", self.doc.name());
    }

    /// Puts an imported chart in the window, unsaved, and shows what the import noticed.
    fn replace_imported(&mut self, label: String, imported: crate::import::Imported) {
        let crate::import::Imported { loaded, report, .. } = imported;
        let made = format!(
            "Made {} organisations, {} posts, {} people, {} tenures, {} lines.",
            loaded.chart.organisations.len(),
            loaded.chart.posts.len(),
            loaded.chart.people.len(),
            loaded.chart.tenures.len(),
            loaded.chart.lines.len()
        );
        self.generation += 1;
        self.doc = Document::new(loaded.chart, None, self.generation);
        self.doc.imported_from = Some(label.clone());
        self.day = self.doc.opening_day();
        self.collapsed.clear();
        self.compare = None;
        self.selected = None;
        self.shown = None;
        self.places = None;
        self.timeline.playing = false;
        self.canvas.reset();
        self.status = format!("Imported {label} (not saved)");
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

    /// Whether the view differs from the one last opened or saved.
    pub fn view_changed(&self) -> bool {
        let saved = &self.doc.saved_view;
        let now = self.view();
        self.doc.opening_day() != self.day
            || saved.collapsed.iter().copied().collect::<FxHashSet<_>>() != self.collapsed
            || saved.compare.map(PartialDate::first_day) != now.compare.map(PartialDate::first_day)
    }

    /// Whether play is on.
    pub fn playing(&self) -> bool {
        self.timeline.playing
    }

    /// Moves to `day` (kept inside the chart's span).
    pub fn set_day(&mut self, day: Day) {
        self.day = day.clamp(self.doc.span.0, self.doc.span.1);
    }

    /// Steps to the next day on which the chart changes.
    pub fn next_change(&mut self) {
        if let Some(day) = crate::timeline::next_change(&self.doc.change_days, self.day) {
            self.set_day(day);
        }
    }

    /// Steps to the previous day on which the chart changes.
    pub fn previous_change(&mut self) {
        if let Some(day) = crate::timeline::previous_change(&self.doc.change_days, self.day) {
            self.set_day(day);
        }
    }

    /// Folds or unfolds a post's reports.
    pub fn toggle_collapsed(&mut self, post: PostId) {
        if !self.collapsed.remove(&post) {
            self.collapsed.insert(post);
        }
    }

    fn view_options(&self) -> ViewOptions {
        ViewOptions {
            collapsed: self.collapsed.clone(),
            hide_vacant: !self.settings.show_vacancies,
            departed: self.settings.show_departed,
            compare: self.compare,
            route_budget: WINDOW_ROUTE_BUDGET,
            visible: None,
            chrome: false,
            aspect: self.canvas.aspect(),
            lines: self.settings.lines,
            selected: self.selected,
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
        self.canvas.wanted().filter(|_| self.compare.is_none())
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
        chart_view(
            &self.doc.chart,
            &Snapshot::at(&self.doc.chart, self.day),
            &view,
            self.theme(),
        )
    }

    /// The picture for the current state, made again only when something it shows changed.
    pub fn shown(&mut self) -> &Shown {
        let key = SceneKey {
            generation: self.doc.generation,
            day: self.day,
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
                self.make_shown(key, same_chart)
            }
        };
        self.shown.insert(shown)
    }

    fn make_shown(&mut self, key: SceneKey, same_chart: bool) -> Shown {
        let chart = self.doc.chart.clone();
        let view = ViewOptions {
            visible: region_rect(key.region),
            ..key.view.clone()
        };
        let snapshot = Snapshot::at(&chart, self.day);
        let scene = if key.view.is_plain() {
            let date = PartialDate::from_day(self.day);
            let options = ViewOptions {
                visible: region_rect(key.region),
                ..key.view.clone()
            }
            .scene_options(&chart, date, self.theme());
            let stale = !same_chart
                || (self.places.as_ref())
                    .is_none_or(|p| !p.covers(self.day) || p.aspect() != options.layout.aspect);
            if stale {
                let places = Places::around(&chart, self.day, &self.doc.change_days, &options);
                self.places = Some(places);
            }
            self.places
                .as_mut()
                .and_then(|p| p.scene(&chart, &snapshot, &options))
                .unwrap_or_else(|| chart_view(&chart, &snapshot, &view, self.theme()))
        } else {
            chart_view(&chart, &snapshot, &view, self.theme())
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
        files::windows(self, ui.ctx());
        self.help_windows(ui.ctx());
        self.confirm_close(ui.ctx());
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

    /// Applies the commands sent so far, in order: the one place the panels' requests
    /// change the window's state.
    pub fn apply_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::GoTo(day) => {
                    self.timeline.playing = false;
                    self.set_day(day);
                }
                Command::Select { post, centre } => {
                    self.selected = post;
                    if centre {
                        self.canvas.centre_on = post;
                    }
                }
                Command::ToggleFold(post) => self.toggle_collapsed(post),
                Command::Compare(day) => {
                    self.compare = day.map(|d| d.clamp(self.doc.span.0, self.doc.span.1));
                }
                Command::TogglePlay => self.timeline.toggle_play(self.day, self.doc.span),
            }
        }
    }

    /// Whether the events panel is shown: as the user set it from the View menu, else when
    /// comparing (it lists the changes) or when the window is wide enough to leave the
    /// chart room.
    fn events_shown(&self, ctx: &egui::Context) -> bool {
        self.events_panel
            .unwrap_or(self.compare.is_some() || ctx.content_rect().width() >= WIDE)
    }

    /// Whether the inspector is shown: while a post is selected, or always in a wide window.
    fn inspector_shown(&self, ctx: &egui::Context) -> bool {
        self.selected.is_some() || ctx.content_rect().width() >= WIDE
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
        if pressed(shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S)) {
            self.files.save_as(&self.doc);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::S)) {
            self.save();
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::O)) {
            self.files.pick_chart();
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::E)) {
            self.files.pick_export(&self.doc, self.day);
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
            self.next_change();
        }
        if pressed(shortcut(Modifiers::NONE, Key::ArrowLeft)) {
            self.previous_change();
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
            self.selected = None;
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
                self.files
                    .import(crate::import::Format::Organogram, releases);
            }
            Some(format) => self.files.import(format, vec![last.clone()]),
            None => self.open(last.clone()),
        }
    }

    /// Saves the chart with its view to its file, or asks where if it has none.
    pub fn save(&mut self) {
        match self.doc.path.clone() {
            Some(path) => self.save_to(path),
            None => self.files.save_as(&self.doc),
        }
    }

    /// Saves the chart with its view to `path`.
    pub fn save_to(&mut self, path: PathBuf) {
        let view = self.view();
        match crate::io::save_with_view(&self.doc.chart, &view, &path) {
            Ok(()) => {
                self.doc.saved_view = view;
                self.doc.imported_from = None;
                self.status = format!("Saved {}", path.display());
                if self.doc.path.as_ref() != Some(&path) {
                    self.remember(path.clone());
                    self.doc.path = Some(path);
                }
            }
            Err(err) => {
                self.status = format!("Could not save {}: {err}", path.display());
                self.files.error = Some(self.status.clone());
            }
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let text = |ui: &egui::Ui, m, k| ui.ctx().format_shortcut(&KeyboardShortcut::new(m, k));
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
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
                    self.files.save_as(&self.doc);
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
                    if self.files.importing() && ui.button("Cancel the import").clicked() {
                        self.files.cancel_import();
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
                    self.files.pick_export(&self.doc, self.day);
                    ui.close();
                }
                for format in ["PNG", "SVG", "PDF"] {
                    if ui.button(format!("Export {format}…")).clicked() {
                        self.files.pick_export_as(&self.doc, self.day, format);
                        ui.close();
                    }
                }
                ui.separator();
                let quit =
                    egui::Button::new("Quit").shortcut_text(text(ui, Modifiers::COMMAND, Key::Q));
                if ui.add(quit).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    ui.close();
                }
            });
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
                    .add_enabled(!self.collapsed.is_empty(), egui::Button::new("Expand all"))
                    .clicked()
                {
                    self.collapsed.clear();
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
            let dirty = if self.view_changed() { " •" } else { "" };
            ui.label(format!("{}{dirty}", self.doc.name()));
            // The chart's title: the window's pictures leave it out, as they leave out the
            // legend.
            ui.weak(self.doc.chart.info.title.as_str());
            if let Some(loading) = self.files.loading_label() {
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
                if !self.status.is_empty() {
                    ui.label(egui::RichText::new(&self.status).weak());
                }
            });
        });
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
        let sources = self.doc.chart.sources.len();
        egui::Window::new("About govchart")
            .open(&mut self.show_about)
            .resizable(false)
            .show(ctx, |ui| {
                ui.heading(format!("govchart {}", env!("CARGO_PKG_VERSION")));
                ui.label("How an organisation's governance changes over time.");
                ui.label(format!(
                    "The chart open: {} ({} sources; every fact cites its sources and certainty).",
                    self.doc.chart.info.title, sources
                ));
            });
    }

    fn confirm_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && (self.view_changed() || self.doc.imported_from.is_some())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.asking_to_close = true;
        }
        if !self.asking_to_close {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("confirm-close")).show(ctx, |ui| {
            if self.doc.imported_from.is_some() {
                ui.heading("Save the imported chart before closing?");
                ui.label(format!("The {} has not been saved to a file.", self.doc.name()));
            } else {
                ui.heading("Save the view before closing?");
                ui.label(format!(
                    "The date, folded posts or comparison of {} have changed since it was opened or saved.",
                    self.doc.name()
                ));
            }
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    self.save();
                    if !self.view_changed() && self.doc.imported_from.is_none() {
                        self.close_confirmed = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    self.asking_to_close = false;
                }
                if ui.button("Close without saving").clicked() {
                    self.close_confirmed = true;
                    self.asking_to_close = false;
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
                if ui.button("Cancel").clicked() {
                    self.asking_to_close = false;
                }
            });
        });
        if modal.should_close() {
            self.asking_to_close = false;
        }
    }

    fn poll_files(&mut self) {
        for event in self.files.poll() {
            match event {
                files::Event::Loaded(path, loaded) => self.replace(loaded.chart, path),
                files::Event::Imported(label, imported) => self.replace_imported(label, *imported),
                files::Event::ImportFailed(problems) => {
                    self.status = problems.title.clone();
                    self.problems = Some(problems);
                }
                files::Event::ImportPicked(format, paths) => self.files.import(format, paths),
                files::Event::Failed(problems) => {
                    self.status = format!("Could not open {}", problems.path.display());
                    self.problems = Some(problems);
                }
                files::Event::OpenPicked(path) => self.open(path),
                files::Event::SavePicked(path) => self.save_to(path),
                files::Event::ExportPicked(path) => {
                    self.status = files::export(&self.whole_picture(), &path);
                }
                files::Event::Cancelled => {}
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
        Box::new(move |cc| Ok(Box::new(GovchartApp::from_creation(cc, path)))),
    )
    .map_err(|err| err.to_string())
}
