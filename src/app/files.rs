//! File dialogs and exporting from the window. Dialogs run off the UI thread (charts load
//! and imports run as the session's jobs); where no dialog can be shown (no desktop portal
//! and no zenity), the window asks for a path itself.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use eframe::egui;

use crate::app::{Document, GovchartApp};
use crate::date::{Day, PartialDate};
use crate::render::{Encoding, Format, encode};
use crate::scene::Scene;
pub use crate::session::jobs::Problems;

/// What the file dialogs report.
pub enum Event {
    /// The user picked files to import.
    ImportPicked(crate::import::Format, Vec<PathBuf>),
    /// The user picked a chart to open.
    OpenPicked(PathBuf),
    /// The user picked where to save.
    SavePicked(PathBuf),
    /// The user picked where to export.
    ExportPicked(PathBuf),
    /// The user picked where to write an animation.
    AnimationPicked(PathBuf),
    /// The user picked where to write the web page.
    WebPagePicked(PathBuf),
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
    /// Writing an animation.
    Animation,
    /// Writing the web page.
    WebPage,
    /// Importing data in a format.
    Import(crate::import::Format),
}

/// File dialogs, each on a thread of its own.
pub struct Files {
    sender: Sender<Event>,
    receiver: Receiver<Event>,
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
            dialog_open: false,
            prompt: None,
            error: None,
        }
    }

    /// Whether a file dialog, or the window's own path prompt, is waiting for the user.
    pub fn asking(&self) -> bool {
        self.dialog_open || self.prompt.is_some()
    }

    /// What the dialogs report since the last frame.
    pub fn poll(&mut self) -> Vec<Event> {
        let mut events = Vec::new();
        while let Ok(event) = self.receiver.try_recv() {
            self.dialog_open = false;
            events.push(event);
        }
        events
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
                Purpose::Save | Purpose::Export | Purpose::Animation | Purpose::WebPage => {
                    dialog.save_file().map(|p| vec![p])
                }
            };
            let picked = picked.filter(|p| !p.is_empty());
            let event = match (purpose, picked) {
                (Purpose::Import(format), Some(paths)) => Event::ImportPicked(format, paths),
                (Purpose::Open, Some(mut paths)) => Event::OpenPicked(paths.remove(0)),
                (Purpose::Save, Some(mut paths)) => Event::SavePicked(paths.remove(0)),
                (Purpose::Export, Some(mut paths)) => Event::ExportPicked(paths.remove(0)),
                (Purpose::Animation, Some(mut paths)) => Event::AnimationPicked(paths.remove(0)),
                (Purpose::WebPage, Some(mut paths)) => Event::WebPagePicked(paths.remove(0)),
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
        let name = format!("{}-{}.{ext}", stem(doc), PartialDate::from_day(day));
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

impl Files {
    /// File → Export animation…: where to write it.
    pub fn pick_animation(&mut self, doc: &Document, format: crate::animate::Format) {
        let ext = format.extension();
        let (filter, other, other_ext) = match format {
            crate::animate::Format::Gif => ("Animated GIF", "Animated PNG", "png"),
            crate::animate::Format::Apng => ("Animated PNG", "Animated GIF", "gif"),
        };
        let dialog = rfd::FileDialog::new()
            .set_title("Export the chart through time as an animation")
            .add_filter(filter, &[ext])
            .add_filter(other, &[other_ext])
            .set_file_name(format!("{}.{ext}", stem(doc)));
        self.dialog(Purpose::Animation, dialog);
    }

    /// File → Export web page…: where to write it.
    pub fn pick_web_page(&mut self, doc: &Document) {
        let dialog = rfd::FileDialog::new()
            .set_title("Export the chart through time as a web page")
            .add_filter("Web page", &["html", "htm"])
            .set_file_name(format!("{}.html", stem(doc)));
        self.dialog(Purpose::WebPage, dialog);
    }
}

/// The name exports are offered under: the chart file's, or the built-in chart's.
fn stem(doc: &Document) -> String {
    doc.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
        || "nhs-it-governance".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
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
            Purpose::Animation => "Export the animation to (.gif, or .png for an animated PNG)",
            Purpose::WebPage => "Export the web page to (.html)",
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
            Purpose::Animation => app.start_animation(path),
            Purpose::WebPage => app.start_web_page(path),
            Purpose::Import(format) => {
                let text = path.display().to_string();
                let paths = text.split(';').map(|p| PathBuf::from(p.trim())).collect();
                app.import(format, paths);
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
    if app.session.jobs.busy() || app.files.dialog_open {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}
