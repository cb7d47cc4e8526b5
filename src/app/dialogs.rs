//! The questions the window asks before it could lose work: saving a chart with errors,
//! writing over a file another program changed, reloading such a file, restoring the
//! edits a recovery file kept, and closing with unsaved edits.

use std::path::PathBuf;

use eframe::egui;

use crate::app::GovchartApp;
use crate::session::SaveProblem;
use crate::session::recovery::Recovery;

/// A question waiting for an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Ask {
    /// The chart has errors; save anyway?
    SaveWithErrors(PathBuf),
    /// The file changed on disk since it was read; write over it?
    Overwrite(PathBuf),
    /// The file changed on disk while open; reload it?
    Reload(PathBuf),
    /// Edits were left in recovery files by a run that did not end well; restore them?
    Restore(Vec<Recovery>),
    /// The chart has unsaved edits and another is to replace it; what of the edits?
    Replace(String),
}

/// A chart waiting to replace one with unsaved edits.
pub enum Replacement {
    /// A chart file that loaded.
    Open(
        Box<(crate::io::Loaded, Option<crate::session::Stamp>)>,
        PathBuf,
    ),
    /// An import that made a chart.
    Import(String, Box<crate::import::Imported>),
    /// File → New.
    New,
}

impl Replacement {
    fn name(&self) -> String {
        match self {
            Replacement::Open(_, path) => crate::session::file_name(path),
            Replacement::Import(label, _) => format!("the chart imported from {label}"),
            Replacement::New => "a new chart".into(),
        }
    }
}

impl GovchartApp {
    /// Starts an empty chart (File → New), asking first about unsaved edits.
    pub fn new_chart(&mut self) {
        self.replace_when_saved(Replacement::New);
    }

    /// Puts a chart in place of the one open, once any unsaved edits are saved or thrown
    /// away by choice.
    pub(crate) fn replace_when_saved(&mut self, replacement: Replacement) {
        let reload = matches!(&replacement,
            Replacement::Open(_, path) if self.reloading && self.session.doc.path.as_ref() == Some(path));
        self.reloading = false;
        if reload {
            // The user chose to reload, throwing the edits away.
            self.session.discard_recovery();
        } else if self.session.doc.dirty() {
            self.ask = Some(Ask::Replace(replacement.name()));
            self.replacement = Some(replacement);
            return;
        }
        self.put_replacement(replacement);
    }

    fn put_replacement(&mut self, replacement: Replacement) {
        match replacement {
            Replacement::Open(opened, path) => {
                let (loaded, stamp) = *opened;
                self.replace(loaded, path);
                self.session.doc.on_disk = stamp;
            }
            Replacement::Import(label, imported) => self.replace_imported(label, *imported),
            Replacement::New => {
                self.session.new_chart();
                self.shown = None;
                self.places = None;
                self.ahead = None;
                self.canvas.reset();
                self.editor.window = Some(crate::app::editor::Tab::Chart);
            }
        }
    }

    /// Offers to restore edits that recovery files kept from runs that did not end well.
    pub fn offer_recovery(&mut self) {
        let found = self.session.pending_recoveries();
        if !found.is_empty() {
            self.ask = Some(Ask::Restore(found));
        }
    }

    /// Saves the chart with its view to its file, or asks where if it has none.
    pub fn save(&mut self) {
        match self.session.doc.path.clone() {
            Some(path) => self.save_to(path),
            None => self.files.save_as(&self.session.doc),
        }
    }

    /// Saves the chart with its view to `path`, asking first when it has errors or when
    /// another program changed the file.
    pub fn save_to(&mut self, path: PathBuf) {
        if self.session.doc.has_errors() {
            self.ask = Some(Ask::SaveWithErrors(path));
            return;
        }
        self.write(path, false);
    }

    /// Writes the chart to `path`; `overwrite` writes over changes made by another program.
    fn write(&mut self, path: PathBuf, overwrite: bool) {
        match self.session.save_to(path.clone(), overwrite) {
            Ok(()) => {
                self.ignored_disk_change = false;
                self.remember(path);
                if let Some(replacement) = self.replacement.take() {
                    self.put_replacement(replacement);
                }
            }
            Err(SaveProblem::ChangedOnDisk(path)) => self.ask = Some(Ask::Overwrite(path)),
            Err(SaveProblem::Failed(err)) => {
                log::error!("{err}");
                self.replacement = None;
                self.session.status = format!("Not saved: {err}");
                self.files.error = Some(format!(
                    "{err}\n\nThe file on disk is as it was, and your edits are still here: save them somewhere else with Save As…"
                ));
            }
        }
    }

    /// Notices, once a second, a chart file changed on disk by another program.
    pub(crate) fn watch_file(&mut self, ctx: &egui::Context) {
        let now = std::time::Instant::now();
        if self
            .watched
            .is_some_and(|t| now.duration_since(t).as_secs_f32() < 1.0)
        {
            return;
        }
        self.watched = Some(now);
        ctx.request_repaint_after(std::time::Duration::from_secs(1));
        if self.ask.is_some() || self.ignored_disk_change || self.session.jobs.busy() {
            return;
        }
        if let Some(path) = self.session.doc.path.clone()
            && self.session.changed_on_disk()
        {
            self.ask = Some(Ask::Reload(path));
        }
    }

    /// Shows the question waiting, if any.
    pub(crate) fn ask_ui(&mut self, ctx: &egui::Context) {
        let Some(ask) = self.ask.clone() else {
            return;
        };
        let answer = egui::Modal::new(egui::Id::unique("ask")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            match &ask {
                Ask::SaveWithErrors(path) => self.save_with_errors_ui(ui, path),
                Ask::Overwrite(path) => self.overwrite_ui(ui, path),
                Ask::Reload(path) => self.reload_ui(ui, path),
                Ask::Restore(found) => self.restore_ui(ui, found),
                Ask::Replace(name) => self.replace_ui(ui, name),
            }
        });
        if (answer.inner || answer.should_close()) && self.ask.as_ref() == Some(&ask) {
            self.ask = None;
        }
        // A chart waiting to replace this one waits only while the user is still saving.
        if self.ask.is_none() && !self.files.asking() && self.session.doc.dirty() {
            self.replacement = None;
        }
    }

    fn replace_ui(&mut self, ui: &mut egui::Ui, name: &str) -> bool {
        ui.heading("Keep your edits?");
        ui.label(format!(
            "{} has edits that are not saved. Open {name} in its place?",
            self.session.doc.name()
        ));
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Save them first").clicked() {
                self.ask = None;
                // Once saved (perhaps after a file dialog or another question), the
                // replacement is put in place by `write`.
                self.save();
                done = true;
            }
            if ui.button("Throw them away").clicked() {
                self.ask = None;
                self.session.discard_recovery();
                if let Some(replacement) = self.replacement.take() {
                    self.put_replacement(replacement);
                }
                done = true;
            }
            if ui.button("Cancel").clicked() {
                self.replacement = None;
                done = true;
            }
        });
        done
    }

    fn save_with_errors_ui(&mut self, ui: &mut egui::Ui, path: &std::path::Path) -> bool {
        let errors = self
            .session
            .doc
            .problems
            .iter()
            .filter(|p| p.is_error())
            .count();
        ui.heading("Save a chart with errors?");
        ui.label(format!(
            "The chart has {errors} error(s) (listed under Edit → Problems). Saved as it is, {} will not open in govchart until they are put right.",
            crate::session::file_name(path)
        ));
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Save anyway").clicked() {
                self.ask = None;
                self.write(path.to_path_buf(), false);
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }

    fn overwrite_ui(&mut self, ui: &mut egui::Ui, path: &std::path::Path) -> bool {
        ui.heading("The file was changed by another program");
        ui.label(format!(
            "{} changed on disk since govchart read it. Saving now would lose those changes.",
            path.display()
        ));
        let mut done = false;
        ui.horizontal(|ui| {
            if ui.button("Save over it").clicked() {
                self.ask = None;
                self.write(path.to_path_buf(), true);
                done = true;
            }
            if ui.button("Save As…").clicked() {
                self.files.save_as(&self.session.doc);
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
        done
    }

    fn reload_ui(&mut self, ui: &mut egui::Ui, path: &std::path::Path) -> bool {
        let dirty = self.session.doc.dirty();
        ui.heading("The file was changed by another program");
        ui.label(format!(
            "{} changed on disk while it was open.",
            path.display()
        ));
        if dirty {
            ui.label("You have edits that are not saved. Reloading throws them away; keeping yours means saving will ask before writing over the other program's changes.");
        }
        let mut done = false;
        ui.horizontal(|ui| {
            let reload = if dirty {
                "Reload, throwing my edits away"
            } else {
                "Reload"
            };
            if ui.button(reload).clicked() {
                self.reloading = true;
                self.open(path.to_path_buf());
                done = true;
            }
            let keep = if dirty {
                "Keep my version"
            } else {
                "Keep what is shown"
            };
            if ui.button(keep).clicked() {
                self.ignored_disk_change = true;
                done = true;
            }
        });
        done
    }

    fn restore_ui(&mut self, ui: &mut egui::Ui, found: &[Recovery]) -> bool {
        let Some(first) = found.first() else {
            return true;
        };
        ui.heading("Restore unsaved edits?");
        let when = first
            .written
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| crate::date::Day((d.as_secs() / 86_400) as i32).to_string())
            .unwrap_or_default();
        ui.label(format!(
            "govchart was closed without saving edits to {}{}.",
            first.name(),
            if when.is_empty() {
                String::new()
            } else {
                format!(" (kept on {when})")
            }
        ));
        ui.weak(first.file.display().to_string());
        let mut done = false;
        let mut restored = false;
        ui.horizontal(|ui| {
            if ui.button("Restore the edits").clicked() {
                restored = true;
                match self.session.restore(first) {
                    Ok(()) => {
                        self.shown = None;
                        self.places = None;
                        self.ahead = None;
                        self.canvas.reset();
                    }
                    Err(err) => {
                        self.files.error =
                            Some(format!("The recovery file could not be read: {err}"));
                    }
                }
                done = true;
            }
            if ui.button("Throw them away").clicked() {
                self.session.throw_away(first);
                done = true;
            }
            if ui.button("Not now").clicked() {
                done = true;
            }
        });
        // After one restore the rest wait for the next start, so that the restored edits
        // are not replaced unasked.
        if done && !restored && found.len() > 1 {
            self.ask = Some(Ask::Restore(found[1..].to_vec()));
            return false;
        }
        done
    }

    /// Asks before closing a window with unsaved edits (moving the date, folding and
    /// comparing are not edits, and are not asked about).
    pub(crate) fn confirm_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.session.doc.dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.asking_to_close = true;
        }
        if !self.asking_to_close {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("confirm-close")).show(ctx, |ui| {
            if self.session.doc.imported_from.is_some() {
                ui.heading("Save the imported chart before closing?");
                ui.label(format!(
                    "The {} has not been saved to a file.",
                    self.session.doc.name()
                ));
            } else {
                ui.heading("Save your edits before closing?");
                ui.label(format!(
                    "{} has edits that are not saved.",
                    self.session.doc.name()
                ));
            }
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    self.save();
                    if !self.session.doc.dirty() {
                        self.close_confirmed = true;
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                    self.asking_to_close = false;
                }
                if ui.button("Close without saving").clicked() {
                    self.session.discard_recovery();
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
}
