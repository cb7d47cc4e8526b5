//! Opening, saving and exporting from the window. Charts load on a background thread while
//! the window stays live; file dialogs run off the UI thread too. Where no dialog can be
//! shown (no desktop portal and no zenity), the window asks for a path itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use eframe::egui;

use crate::app::{Document, GovchartApp};
use crate::date::{Day, PartialDate};
use crate::io::{LoadError, Loaded};
use crate::render::{Encoding, Format, encode};
use crate::scene::Scene;

/// The problems of a file that could not be opened, as a copyable report.
pub struct Problems {
    /// The window's title: "Cannot open x.ron".
    pub title: String,
    /// The sentence above the list.
    pub summary: String,
    /// The file.
    pub path: PathBuf,
    /// Every problem, one per line, with line and column.
    pub report: String,
    /// How many problems.
    pub count: usize,
}

/// What the background work reports.
pub enum Event {
    /// A chart loaded.
    Loaded(PathBuf, Box<Loaded>),
    /// A chart could not be loaded.
    Failed(Problems),
    /// An import made a chart.
    Imported(String, Box<crate::import::Imported>),
    /// An import made no chart.
    ImportFailed(Problems),
    /// The user picked files to import.
    ImportPicked(crate::import::Format, Vec<PathBuf>),
    /// The user picked a chart to open.
    OpenPicked(PathBuf),
    /// The user picked where to save.
    SavePicked(PathBuf),
    /// The user picked where to export.
    ExportPicked(PathBuf),
    /// The user closed a dialog without choosing.
    Cancelled,
    /// A dialog came back at once with nothing: there is no working dialog here.
    NoDialog(Purpose),
}

/// What a typed path is for, when no file dialog exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Opening a chart.
    Open,
    /// Saving a chart.
    Save,
    /// Exporting a picture.
    Export,
    /// Importing data in a format.
    Import(crate::import::Format),
}

/// Background file work.
pub struct Files {
    sender: Sender<Event>,
    receiver: Receiver<Event>,
    /// Events received while waiting, for the next poll.
    pending: Vec<Event>,
    loading: Vec<(PathBuf, Instant, u64)>,
    /// An import under way: what, its progress, and since when.
    importing: Option<(String, std::sync::Arc<crate::import::Progress>, Instant)>,
    /// A dialog is open (only one at a time).
    dialog_open: bool,
    /// Asking for a path because no file dialog can be shown.
    prompt: Option<(Purpose, String)>,
    /// An error to show in a window.
    pub error: Option<String>,
}

impl Files {
    /// No work yet.
    pub fn new() -> Files {
        let (sender, receiver) = channel();
        Files {
            sender,
            receiver,
            pending: Vec::new(),
            loading: Vec::new(),
            importing: None,
            dialog_open: false,
            prompt: None,
            error: None,
        }
    }

    /// Starts loading a chart file on a background thread.
    pub fn load(&mut self, path: PathBuf) {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        self.loading.push((path.clone(), Instant::now(), size));
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let loaded = std::panic::catch_unwind(|| crate::io::load_file(&path));
            let event = match loaded {
                Ok(Ok(loaded)) => Event::Loaded(path, Box::new(loaded)),
                Ok(Err(err)) => Event::Failed(problems(&path, &err)),
                Err(_) => Event::Failed(Problems {
                    title: format!("Cannot open {}", path.display()),
                    summary: "govchart failed while reading this file. The chart that was open stays open.".into(),
                    report: format!(
                        "{}: govchart failed while reading this file (a defect; please report it)",
                        path.display()
                    ),
                    path,
                    count: 1,
                }),
            };
            // The window may have closed; then nobody needs the result.
            let _ = sender.send(event);
        });
    }

    /// Starts an import of `paths` on a background thread.
    pub fn import(&mut self, format: crate::import::Format, paths: Vec<PathBuf>) {
        if self.importing.is_some() {
            self.error = Some("An import is already under way; wait for it to finish.".into());
            return;
        }
        let today = today();
        let request = match crate::import::request_for_files(format, &paths, today) {
            Ok(request) => request,
            Err(message) => {
                self.error = Some(message);
                return;
            }
        };
        let names: Vec<String> = paths.iter().map(|p| crate::session::file_name(p)).collect();
        let label = match &names[..] {
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} and {} more", rest.len()),
            [] => return,
        };
        let progress = crate::import::Progress::new();
        self.importing = Some((label.clone(), progress.clone(), Instant::now()));
        let sender = self.sender.clone();
        let first = paths[0].clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::import::import(format, &request, &progress)
            }));
            let event = match result {
                Ok(Ok(imported)) => Event::Imported(label, Box::new(imported)),
                Ok(Err(err)) => {
                    let report = err.to_string();
                    Event::ImportFailed(Problems {
                        title: format!("Cannot import {label}"),
                        summary: format!(
                            "{} problem(s) found; no chart was made. The chart that was open stays open.",
                            report.lines().count().max(1)
                        ),
                        count: report.lines().count().max(1),
                        report,
                        path: first,
                    })
                }
                Err(_) => Event::ImportFailed(Problems {
                    title: format!("Cannot import {label}"),
                    summary: "govchart failed while importing (a defect; please report it). The chart that was open stays open.".into(),
                    report: String::new(),
                    path: first,
                    count: 1,
                }),
            };
            let _ = sender.send(event);
        });
    }

    /// Whether an import is under way.
    pub fn importing(&self) -> bool {
        self.importing.is_some()
    }

    /// Stops the import under way.
    pub fn cancel_import(&mut self) {
        if let Some((_, progress, _)) = &self.importing {
            progress.cancel();
        }
    }

    /// Waits until every load has finished (for tests and scripts).
    pub fn wait(&mut self) {
        while !self.loading.is_empty() || self.importing.is_some() {
            let Ok(event) = self.receiver.recv() else {
                break;
            };
            self.finished(&event);
            self.pending.push(event);
        }
    }

    /// Notes that a load or a dialog is over.
    fn finished(&mut self, event: &Event) {
        let path = match event {
            Event::Loaded(path, _) => path,
            Event::Failed(problems) => &problems.path,
            Event::Imported(..) | Event::ImportFailed(_) => {
                self.importing = None;
                return;
            }
            _ => {
                self.dialog_open = false;
                return;
            }
        };
        if let Some(i) = self.loading.iter().position(|(p, _, _)| p == path) {
            self.loading.remove(i);
        }
    }

    /// What has finished since the last frame.
    pub fn poll(&mut self) -> Vec<Event> {
        let mut events = std::mem::take(&mut self.pending);
        while let Ok(event) = self.receiver.try_recv() {
            self.finished(&event);
            events.push(event);
        }
        events
    }

    /// "Opening big.ron (558 MB)…" while a chart loads, "Importing staff.csv… 40%" while an
    /// import runs.
    pub fn loading_label(&self) -> Option<String> {
        if let Some((label, progress, started)) = &self.importing {
            return Some(format!(
                "Importing {label}… {:.0}%, {:.0} s",
                progress.fraction() * 100.0,
                started.elapsed().as_secs_f32()
            ));
        }
        let (path, started, size) = self.loading.last()?;
        let name = crate::session::file_name(path);
        let size = if *size >= 1 << 20 {
            format!(" ({} MB)", size >> 20)
        } else {
            String::new()
        };
        Some(format!(
            "Opening {name}{size}… {:.0} s",
            started.elapsed().as_secs_f32()
        ))
    }

    /// Asks for a path in the window, for when no file dialog can be shown.
    pub fn ask_for_path(&mut self, purpose: Purpose) {
        self.prompt = Some((purpose, String::new()));
    }

    /// Runs a file dialog on its own thread, or asks for a path if there is no dialog.
    fn dialog(&mut self, purpose: Purpose, dialog: rfd::FileDialog) {
        if self.dialog_open {
            return;
        }
        if !dialogs_available() {
            self.prompt = Some((purpose, String::new()));
            return;
        }
        self.dialog_open = true;
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let asked = Instant::now();
            let picked = match purpose {
                Purpose::Open => dialog.pick_file().map(|p| vec![p]),
                Purpose::Import(_) => dialog.pick_files(),
                Purpose::Save | Purpose::Export => dialog.save_file().map(|p| vec![p]),
            };
            let picked = picked.filter(|p| !p.is_empty());
            let event = match (purpose, picked) {
                (Purpose::Import(format), Some(paths)) => Event::ImportPicked(format, paths),
                (Purpose::Open, Some(mut paths)) => Event::OpenPicked(paths.remove(0)),
                (Purpose::Save, Some(mut paths)) => Event::SavePicked(paths.remove(0)),
                (Purpose::Export, Some(mut paths)) => Event::ExportPicked(paths.remove(0)),
                // Nobody cancels a dialog within a quarter of a second: it never showed.
                (_, None) if asked.elapsed().as_millis() < 250 => Event::NoDialog(purpose),
                (_, None) => Event::Cancelled,
            };
            let _ = sender.send(event);
        });
    }

    /// File → Open.
    pub fn pick_chart(&mut self) {
        let dialog = rfd::FileDialog::new()
            .set_title("Open a chart")
            .add_filter("govchart chart (RON)", &["ron"])
            .add_filter("All files", &["*"]);
        self.dialog(Purpose::Open, dialog);
    }

    /// File → Import, in a format.
    pub fn pick_import(&mut self, format: crate::import::Format) {
        let (title, filter, extensions): (&str, &str, &[&str]) = match format {
            crate::import::Format::Organogram => (
                "Import organogram releases (senior and junior staff files, each named with its date)",
                "Organogram CSV",
                &["csv"],
            ),
            crate::import::Format::Popolo => ("Import Popolo JSON", "Popolo JSON", &["json"]),
            crate::import::Format::Wikidata => (
                "Import Wikidata query results (SPARQL JSON)",
                "SPARQL results JSON",
                &["json", "srj"],
            ),
            crate::import::Format::Csv => ("Import a CSV org chart", "CSV", &["csv", "tsv", "txt"]),
        };
        let dialog = rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter, extensions)
            .add_filter("All files", &["*"]);
        self.dialog(Purpose::Import(format), dialog);
    }

    /// File → Save As.
    pub fn save_as(&mut self, doc: &Document) {
        let name = doc.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "chart.ron".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let dialog = rfd::FileDialog::new()
            .set_title("Save the chart and its view")
            .add_filter("govchart chart (RON)", &["ron"])
            .set_file_name(name);
        self.dialog(Purpose::Save, dialog);
    }

    /// File → Export, with the format chosen by the name's extension.
    pub fn pick_export(&mut self, doc: &Document, day: Day) {
        self.pick_export_as(doc, day, "PNG");
    }

    /// File → Export PNG/SVG/PDF.
    pub fn pick_export_as(&mut self, doc: &Document, day: Day, format: &str) {
        let ext = format.to_ascii_lowercase();
        let stem = doc.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
            || "nhs-it-governance".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        let name = format!("{stem}-{}.{ext}", PartialDate::from_day(day));
        let dialog = rfd::FileDialog::new()
            .set_title("Export the chart as shown")
            .add_filter(format, &[ext.as_str()])
            .add_filter("PNG image", &["png"])
            .add_filter("SVG drawing", &["svg"])
            .add_filter("PDF document", &["pdf"])
            .set_file_name(name);
        self.dialog(Purpose::Export, dialog);
    }
}

/// Today, from the system clock, as the date of rows a file gives no date for.
fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Day 0 of the Unix clock is 1 Jan 1970.
    let epoch = Day::from_civil(1970, 1, 1);
    PartialDate::from_day(Day(epoch.0 + (secs / 86_400) as i32))
}

/// Whether a native file dialog can be shown: on Linux it needs a desktop portal (through
/// the session bus) or zenity.
fn dialogs_available() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

/// The report of a load error: every problem with its line and column.
fn problems(path: &Path, err: &LoadError) -> Problems {
    let count = err.problems().len().max(1);
    Problems {
        title: format!("Cannot open {}", path.display()),
        summary: format!(
            "{count} problem{} found. The chart that was open stays open.",
            if count == 1 { "" } else { "s" }
        ),
        path: path.to_owned(),
        report: err.report(),
        count: err.problems().len().max(1),
    }
}

/// Writes the picture on screen to `path`, in the format its extension names; returns a
/// message for the status bar.
pub fn export(scene: &Scene, path: &Path) -> String {
    let Some(format) = Format::from_path(path) else {
        return format!(
            "Cannot export to {}: name the file .png, .svg or .pdf",
            path.display()
        );
    };
    let sharp = Encoding {
        scale: 2.0,
        pages: None,
    };
    // A picture too large at twice the size is made at its own size.
    let bytes =
        encode(scene, format, &sharp).or_else(|_| encode(scene, format, &Encoding::default()));
    match bytes
        .map_err(|e| e.to_string())
        .and_then(|b| crate::io::write_atomically(path, &b).map_err(|e| e.to_string()))
    {
        Ok(()) => format!("Exported {}", path.display()),
        Err(err) => format!("Could not export {}: {err}", path.display()),
    }
}

/// The windows for file trouble: problems of a file that did not open, a path prompt where
/// no file dialog exists, and errors.
pub fn windows(app: &mut GovchartApp, ctx: &egui::Context) {
    let mut close_problems = false;
    if let Some(problems) = &app.problems {
        egui::Window::new(&problems.title)
            .id(egui::Id::unique("problems"))
            .default_width(640.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(&problems.summary);
                egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .show(ui, |ui| {
                        for line in problems.report.lines() {
                            ui.add(egui::Label::new(egui::RichText::new(line).monospace()).wrap());
                        }
                    });
                ui.horizontal(|ui| {
                    if ui
                        .button("Copy")
                        .on_hover_text("Copy every problem as text")
                        .clicked()
                    {
                        ui.ctx().copy_text(problems.report.clone());
                    }
                    if ui.button("Close").clicked() {
                        close_problems = true;
                    }
                });
            });
    }
    if close_problems {
        app.problems = None;
    }
    let mut submitted = None;
    let mut cancel = false;
    if let Some((purpose, text)) = &mut app.files.prompt {
        let verb = match purpose {
            Purpose::Open => "Open a chart",
            Purpose::Save => "Save the chart as",
            Purpose::Export => "Export to (.png, .svg or .pdf)",
            Purpose::Import(_) => "Import (several files separated by ;)",
        };
        egui::Window::new(verb)
            .id(egui::Id::unique("path-prompt"))
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("No file dialog is available on this system (it needs a desktop portal or zenity).");
                ui.label("Type the file's path. You can also drop a chart file on the window, or pass its path on the command line: govchart chart.ron");
                let label = ui.label("Path of the file");
                let field = egui::TextEdit::singleline(text)
                    .hint_text("/path/to/file")
                    .desired_width(420.0);
                let response = ui.add(field).labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
                        submitted = Some((*purpose, PathBuf::from(text.trim())));
                    }
                    if ui.button("Cancel").clicked() {
                        cancel = true;
                    }
                });
            });
    }
    if let Some((purpose, path)) = submitted {
        app.files.prompt = None;
        match purpose {
            Purpose::Open => app.open(path),
            Purpose::Save => app.save_to(path),
            Purpose::Export => app.session.status = export(&app.whole_picture(), &path),
            Purpose::Import(format) => {
                let text = path.display().to_string();
                let paths = text.split(';').map(|p| PathBuf::from(p.trim())).collect();
                app.files.import(format, paths);
            }
        }
    }
    if cancel {
        app.files.prompt = None;
    }
    let mut close_error = false;
    if let Some(error) = &app.files.error {
        egui::Window::new("Something went wrong")
            .id(egui::Id::unique("file-error"))
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(error);
                if ui.button("OK").clicked() {
                    close_error = true;
                }
            });
    }
    if close_error {
        app.files.error = None;
    }
    if !app.files.loading.is_empty() || app.files.dialog_open || app.files.importing() {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}
