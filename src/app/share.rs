//! Sharing change over time from the window: File → Export animation… (a window of its
//! options, then where to write it) and File → Export web page…, both made on a background
//! thread with their progress in the menu bar.

use std::path::PathBuf;

use eframe::egui;

use crate::animate::{Format, MAX_FRAMES, Request, Step, frames_of, key_days};
use crate::app::GovchartApp;
use crate::date::{Day, PartialDate};
use crate::session::jobs::{ExportEnd, Making};

/// The Export animation window's fields.
pub struct AnimationForm {
    /// First day, as typed.
    pub from: String,
    /// Last day, as typed.
    pub to: String,
    /// Which days get a frame.
    pub step: Step,
    /// Seconds each day is held.
    pub hold: f32,
    /// Seconds each glide takes.
    pub glide: f32,
    /// Frames a second while gliding.
    pub fps: f32,
    /// Frame width in pixels.
    pub width: u32,
    /// GIF or animated PNG.
    pub format: Format,
    /// The request once Export… was pressed, waiting for a file name.
    pending: Option<Request>,
    /// How many days the last range and step asked for give: counted again only when they
    /// change, not every frame (counting walks the whole chart).
    counted: Option<((Day, Day, Step), usize)>,
}

impl AnimationForm {
    /// The command line's defaults over the chart's whole span.
    pub fn new(span: (Day, Day)) -> AnimationForm {
        AnimationForm {
            from: PartialDate::from_day(span.0).to_string(),
            to: PartialDate::from_day(span.1).to_string(),
            step: Step::Change,
            hold: 1.2,
            glide: 0.4,
            fps: 10.0,
            width: 1000,
            format: Format::Gif,
            pending: None,
            counted: None,
        }
    }

    /// The animation the fields ask for, or what is wrong with them.
    fn request(
        &mut self,
        chart: &crate::model::Chart,
        span: (Day, Day),
        theme: crate::scene::Theme,
    ) -> Result<(Request, usize, usize), String> {
        let parse = |text: &str, what: &str| -> Result<Day, String> {
            let date = (text.trim().parse::<PartialDate>()).map_err(|e| format!("{what}: {e}"))?;
            let day = date.first_day();
            if day < span.0 || day > span.1 {
                return Err(format!(
                    "{what}: the chart covers {} to {}",
                    PartialDate::from_day(span.0).human(),
                    PartialDate::from_day(span.1).human()
                ));
            }
            Ok(day)
        };
        let from = parse(&self.from, "From")?;
        let to = parse(&self.to, "To")?;
        if to < from {
            return Err("To is before From".into());
        }
        let request = Request {
            from,
            to,
            step: self.step,
            hold: self.hold,
            glide: self.glide,
            fps: self.fps,
            width: self.width,
            theme,
        };
        let asked = (from, to, self.step);
        let days = match self.counted {
            Some((counted, days)) if counted == asked => days,
            _ => {
                let days = key_days(chart, from, to, self.step).len();
                self.counted = Some((asked, days));
                days
            }
        };
        let frames = frames_of(days, &request);
        if frames > MAX_FRAMES {
            return Err(format!(
                "{frames} frames, more than the {MAX_FRAMES} govchart makes: choose a longer step, a shorter glide or fewer frames a second"
            ));
        }
        Ok((request, days, frames))
    }
}

/// A number of bytes as people read it: "4.2 MB", "880 KB".
fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KB", bytes.div_ceil(1 << 10))
    }
}

impl GovchartApp {
    /// File → Export animation…
    pub(crate) fn open_animation_form(&mut self) {
        if self.animation.is_none() {
            self.animation = Some(AnimationForm::new(self.session.doc.span));
        }
    }

    /// Starts making the animation the form asked for into `path`.
    pub(crate) fn start_animation(&mut self, path: PathBuf) {
        let Some(request) = self.animation.as_mut().and_then(|f| f.pending.take()) else {
            return;
        };
        let Some(format) = Format::from_path(&path) else {
            self.files.error = Some(format!(
                "Cannot tell the format of {}: name it .gif, or .png for an animated PNG.",
                path.display()
            ));
            return;
        };
        let making = Making::Animation(request, format);
        let chart = self.session.doc.chart.clone();
        match self.session.jobs.export(making, chart, path) {
            Ok(()) => self.animation = None,
            Err(message) => self.files.error = Some(message),
        }
    }

    /// Starts making the web page into `path`, opening on the date shown.
    pub(crate) fn start_web_page(&mut self, path: PathBuf) {
        let chart = self.session.doc.chart.clone();
        let mut page = crate::export::html::Page::whole(&chart, self.theme());
        page.opening = self.session.day.clamp(page.from, page.to);
        if let Err(message) = self.session.jobs.export(Making::Page(page), chart, path) {
            self.files.error = Some(message);
        }
    }

    /// An export ended: say so in the status bar, or why not in a window.
    pub(crate) fn export_ended(&mut self, end: ExportEnd) {
        match end {
            ExportEnd::Written(path, bytes) => {
                self.session.status = format!("Exported {} ({})", path.display(), size(bytes));
            }
            ExportEnd::Stopped(path) => {
                self.session.status = format!(
                    "Stopped making {}; nothing was written",
                    crate::session::file_name(&path)
                );
            }
            ExportEnd::Failed(path, why) => {
                self.session.status = format!("Could not export {}", path.display());
                self.files.error = Some(format!("Could not export {}: {why}", path.display()));
            }
        }
    }
}

/// The Export animation window.
pub fn animation_window(app: &mut GovchartApp, ctx: &egui::Context) {
    let span = app.session.doc.span;
    let theme = app.theme();
    let chart = app.session.doc.chart.clone();
    let Some(form) = &mut app.animation else {
        return;
    };
    let mut open = true;
    let mut export = None;
    let mut cancel = false;
    egui::Window::new("Export animation")
        .id(egui::Id::unique("export-animation"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_pos(ctx.content_rect().center() - egui::vec2(200.0, 160.0))
        .show(ctx, |ui| {
            ui.label(
                "The chart through time: a frame held on each day, the cards gliding between.",
            );
            egui::Grid::new("animation-grid")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for (name, text) in [("From", &mut form.from), ("To", &mut form.to)] {
                        let label = ui.label(name);
                        ui.add(egui::TextEdit::singleline(text).desired_width(110.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    ui.label("A frame on");
                    ui.horizontal(|ui| {
                        for (step, label) in [
                            (Step::Change, "each change"),
                            (Step::Month, "each month"),
                            (Step::Quarter, "each quarter"),
                            (Step::Year, "each year"),
                        ] {
                            ui.radio_value(&mut form.step, step, label);
                        }
                    });
                    ui.end_row();
                    let number =
                        |ui: &mut egui::Ui, name: &str, value: &mut f32, range, unit, decimals| {
                            let label = ui.label(name);
                            ui.add(
                                egui::DragValue::new(value)
                                    .range(range)
                                    .speed(0.05)
                                    .fixed_decimals(decimals)
                                    .suffix(unit),
                            )
                            .labelled_by(label.id);
                            ui.end_row();
                        };
                    number(ui, "Each day held", &mut form.hold, 0.1..=10.0, " s", 1);
                    number(ui, "Glide", &mut form.glide, 0.0..=3.0, " s", 1);
                    number(ui, "Frames a second", &mut form.fps, 1.0..=30.0, "", 0);
                    let label = ui.label("Width");
                    ui.add(
                        egui::DragValue::new(&mut form.width)
                            .range(200..=4000)
                            .suffix(" px"),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    ui.label("Format");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut form.format, Format::Gif, "GIF");
                        ui.radio_value(&mut form.format, Format::Apng, "Animated PNG");
                    });
                    ui.end_row();
                });
            let asked = form.request(&chart, span, theme);
            match &asked {
                Ok((request, days, frames)) => {
                    let glides = crate::animate::glides_of(request) as f32;
                    let seconds = *days as f32 * request.hold
                        + days.saturating_sub(1) as f32 * glides / request.fps;
                    ui.label(format!("{days} days, {frames} frames, {seconds:.0} s long"));
                }
                Err(why) => {
                    ui.colored_label(ui.visuals().error_fg_color, why);
                }
            }
            ui.horizontal(|ui| {
                let ready = asked.is_ok();
                if ui
                    .add_enabled(ready, egui::Button::new("Export…"))
                    .clicked()
                {
                    export = asked.ok().map(|(request, _, _)| request);
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
    if let Some(request) = export {
        form.pending = Some(request);
        let format = form.format;
        app.files.pick_animation(&app.session.doc, format);
    } else if cancel || !open {
        app.animation = None;
    }
}
