//! The timeline under the chart: a date slider across the chart's span with a tick for every
//! change and event, play and pause, steps from change to change, a typed date, milestones a
//! click away, and the second date of compare mode.

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Vec2};
use rustc_hash::FxHashSet;

use crate::app::{Command, GovchartApp};
use crate::date::{Day, PartialDate};
use crate::session::Speed;

/// The timeline's own state.
#[derive(Default)]
pub struct Timeline {
    /// The text of the date field.
    typed: String,
    /// The text of the compare field.
    typed_compare: String,
    /// The day the date field last showed, to refresh it when the slider moves.
    typed_for: Option<Day>,
    /// A message about a typed date that was not understood.
    pub typed_error: Option<String>,
    /// The slider's ticks as last drawn, with what they were drawn for: they stay where
    /// they are while the slider moves.
    ticks: Option<(TicksFor, std::sync::Arc<egui::Mesh>)>,
}

/// What the slider's ticks depend on.
#[derive(Clone, Debug, PartialEq)]
struct TicksFor {
    generation: u64,
    span: (Day, Day),
    strip: Rect,
    pixels_per_point: f32,
    colours: [Color32; 2],
}

/// A tick under the slider's track: its left edge in whole pixels, its height and width in
/// points, and whether it marks a milestone (else a change or an event).
type Tick = (i32, f32, f32, bool);

/// The ticks under the slider's track, in drawing order: a thin one for every day in `span`
/// the chart changes, then a taller one for every event and a tall wide one for every
/// milestone (`events` gives each one's day and whether it is a milestone). Ticks are set on
/// whole pixels, and those that fall on the same pixels are given once, so a chart of
/// thousands of changes costs no more than a tick per pixel across.
fn ticks(
    change_days: &[Day],
    events: impl Iterator<Item = (Day, bool)>,
    (from, to): (Day, Day),
    x_of: impl Fn(Day) -> f32,
    pixels_per_point: f32,
) -> Vec<Tick> {
    let left = |day: Day, width: f32| ((x_of(day) - width / 2.0) * pixels_per_point).round() as i32;
    let in_span = |day: Day| day >= from && day <= to;
    let mut ticks: Vec<Tick> = (change_days.iter().copied())
        .filter(|&day| in_span(day))
        .map(|day| (left(day, 1.0), 5.0, 1.0, false))
        .collect();
    for (day, milestone) in events.filter(|&(day, _)| in_span(day)) {
        let (height, width) = if milestone { (14.0, 2.0) } else { (9.0, 1.0) };
        ticks.push((left(day, width), height, width, milestone));
    }
    let mut seen = FxHashSet::default();
    ticks.retain(|&(left, height, width, milestone)| {
        seen.insert((left, height.to_bits(), width.to_bits(), milestone))
    });
    ticks
}

/// [`ticks`] as one mesh along the top of `strip`, milestones in `accent`, the rest `weak`.
fn ticks_mesh(
    ticks: &[Tick],
    strip: Rect,
    pixels_per_point: f32,
    [weak, accent]: [Color32; 2],
) -> egui::Mesh {
    let mut mesh = egui::Mesh::default();
    for &(left, height, width, milestone) in ticks {
        let x = left as f32 / pixels_per_point;
        let rect = Rect::from_min_size(Pos2::new(x, strip.top()), Vec2::new(width, height));
        mesh.add_colored_rect(rect, if milestone { accent } else { weak });
    }
    mesh
}

/// Moves the date on while playing.
pub fn advance(app: &mut GovchartApp, ctx: &egui::Context) {
    if !app.session.playing {
        return;
    }
    let dt = f64::from(ctx.input(|i| i.stable_dt)).min(0.1);
    app.session.advance(dt);
    ctx.request_repaint();
}

/// The date at the chart's precision: a day for charts that give days.
fn human(day: Day) -> String {
    PartialDate::from_day(day).human()
}

/// The bottom panel.
pub fn show(app: &mut GovchartApp, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        if ui
            .button("Previous change")
            .on_hover_text("Step back to the last day the chart changed (Left arrow)")
            .clicked()
        {
            app.send(Command::PreviousChange);
        }
        let play = if app.session.playing { "Pause" } else { "Play" };
        let hint = "Move through time on its own (Space)";
        if ui.button(play).on_hover_text(hint).clicked() {
            app.send(Command::TogglePlay);
        }
        if ui
            .button("Next change")
            .on_hover_text("Step to the next day the chart changes (Right arrow)")
            .clicked()
        {
            app.send(Command::NextChange);
        }
        egui::ComboBox::from_id_salt("speed")
            .selected_text(app.session.speed.label())
            .width(96.0)
            .show_ui(ui, |ui| {
                for speed in [Speed::Month, Speed::Quarter, Speed::Year] {
                    let chosen = app.session.speed == speed;
                    if ui.selectable_label(chosen, speed.label()).clicked() {
                        app.send(Command::Speed(speed));
                    }
                }
            })
            .response
            .on_hover_text("Play speed");
        ui.separator();
        date_field(app, ui);
        ui.separator();
        compare_controls(app, ui);
    });
    slider(app, ui);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Milestones:").weak());
        let chart = app.session.doc.chart.clone();
        let mut milestones = false;
        for e in app.session.doc.events.clone() {
            let event = &chart.events[e.index()];
            if !event.milestone {
                continue;
            }
            milestones = true;
            let day = event.date.first_day();
            let here = app.session.day == day;
            let text = format!("{} · {}", event.title, event.date.human());
            if ui
                .selectable_label(here, text)
                .on_hover_text("Go to this date")
                .clicked()
            {
                app.send(Command::GoTo(day));
            }
        }
        if !milestones {
            ui.label(egui::RichText::new("none in this chart").weak());
        }
    });
    ui.add_space(2.0);
}

fn date_field(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let t = &mut app.timeline;
    if t.typed_for != Some(app.session.day) {
        t.typed = PartialDate::from_day(app.session.day).to_string();
        t.typed_for = Some(app.session.day);
        t.typed_error = None;
    }
    let label = ui.label("Date");
    let field = egui::TextEdit::singleline(&mut t.typed)
        .desired_width(92.0)
        .hint_text("YYYY-MM-DD");
    let response = ui.add(field).labelled_by(label.id);
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        match t.typed.trim().parse::<PartialDate>() {
            Ok(date) => {
                let day = date.first_day();
                let (from, to) = app.session.doc.span;
                if day < from || day > to {
                    t.typed_error =
                        Some(format!("The chart covers {} to {}", human(from), human(to)));
                } else {
                    app.send(Command::GoTo(day));
                }
            }
            Err(err) => t.typed_error = Some(err.to_string()),
        }
    }
    ui.label(egui::RichText::new(human(app.session.day)).strong());
    if let Some(err) = &app.timeline.typed_error {
        ui.colored_label(ui.visuals().error_fg_color, err);
    }
}

fn compare_controls(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let mut on = app.session.compare.is_some();
    if ui
        .checkbox(&mut on, "Compare with")
        .on_hover_text("Show what changed between another date and this one")
        .changed()
    {
        app.send(Command::Compare(if on {
            // Start a year back, so there is something to see.
            let (year, month, day) = app.session.day.civil();
            let back = Day::from_civil(year - 1, month, day.min(28));
            Some(back.max(app.session.doc.span.0))
        } else {
            None
        }));
        app.timeline.typed_compare.clear();
    }
    if let Some(other) = app.session.compare {
        if app.timeline.typed_compare.is_empty() {
            app.timeline.typed_compare = PartialDate::from_day(other).to_string();
        }
        let field = egui::TextEdit::singleline(&mut app.timeline.typed_compare)
            .desired_width(92.0)
            .hint_text("YYYY-MM-DD");
        let response = ui
            .add(field)
            .on_hover_text("The other date (Enter to apply)");
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            match app.timeline.typed_compare.trim().parse::<PartialDate>() {
                Ok(date) => {
                    app.send(Command::Compare(Some(date.first_day())));
                    app.timeline.typed_error = None;
                }
                Err(err) => app.timeline.typed_error = Some(err.to_string()),
            }
        }
        ui.label(egui::RichText::new(human(other)).strong());
    }
}

/// The slider with its ticks: thin ticks for days the chart changes, tall ones for events,
/// coloured ones for milestones.
fn slider(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let (from, to) = app.session.doc.span;
    let width = ui.available_width();
    ui.spacing_mut().slider_width = (width - 16.0).max(100.0);
    let mut value = app.session.day.0;
    let response = ui.add(
        egui::Slider::new(&mut value, from.0..=to.0.max(from.0 + 1))
            .show_value(false)
            .text("")
            .custom_formatter(|v, _| human(Day(v as i32))),
    );
    let response = response.on_hover_text("Drag to move through time");
    response.widget_info(|| egui::WidgetInfo::slider(true, f64::from(value), "Date"));
    if response.changed() {
        app.send(Command::GoTo(Day(value)));
    }
    // Ticks under the slider's track.
    let track = response.rect;
    let (strip, painter) = ui.allocate_painter(Vec2::new(track.width(), 14.0), Sense::click());
    let strip_rect = Rect::from_min_max(
        Pos2::new(track.left(), strip.rect.top()),
        Pos2::new(track.right(), strip.rect.bottom()),
    );
    let handle = ui.spacing().interact_size.y / 2.0;
    let left = strip_rect.left() + handle;
    let span = (strip_rect.width() - 2.0 * handle).max(1.0);
    let x_of = |day: Day| left + span * (day.0 - from.0) as f32 / (to.0 - from.0).max(1) as f32;
    let weak = ui.visuals().weak_text_color();
    let accent = ui.visuals().selection.stroke.color;
    let wanted = TicksFor {
        generation: app.session.doc.generation,
        span: (from, to),
        strip: strip_rect,
        pixels_per_point: ui.ctx().pixels_per_point(),
        colours: [weak, accent],
    };
    let mesh = match app.timeline.ticks.take() {
        Some((made_for, mesh)) if made_for == wanted => mesh,
        _ => {
            let chart = &app.session.doc.chart;
            let events = (app.session.doc.events.iter())
                .map(|e| &chart.events[e.index()])
                .map(|e| (e.date.first_day(), e.milestone));
            let ppp = wanted.pixels_per_point;
            let ticks = ticks(&app.session.doc.change_days, events, (from, to), x_of, ppp);
            std::sync::Arc::new(ticks_mesh(&ticks, strip_rect, ppp, wanted.colours))
        }
    };
    painter.add(egui::Shape::Mesh(mesh.clone()));
    app.timeline.ticks = Some((wanted, mesh));
    let chart = app.session.doc.chart.clone();
    let now = x_of(app.session.day);
    painter.circle_filled(Pos2::new(now, strip_rect.top() + 3.0), 3.0, accent);
    // Clicking the strip jumps to the nearest event.
    if strip.clicked()
        && let Some(at) = strip.interact_pointer_pos()
    {
        let nearest = (app.session.doc.events.iter())
            .map(|&e| chart.events[e.index()].date.first_day())
            .min_by_key(|&d| (x_of(d) - at.x).abs() as i64);
        if let Some(day) = nearest {
            app.send(Command::GoTo(day));
        }
    }
    if let Some(at) = strip.hover_pos() {
        let near = (app.session.doc.events.iter())
            .map(|&e| &chart.events[e.index()])
            .filter(|ev| (x_of(ev.date.first_day()) - at.x).abs() < 4.0)
            .map(|ev| format!("{}: {}", ev.date.human(), ev.title))
            .collect::<Vec<_>>();
        if !near.is_empty() {
            strip.on_hover_text_at_pointer(near.join("\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_on_the_same_pixels_are_given_once_and_events_after_changes() {
        // 300 days across 100 points at 2 pixels a point: 200 pixels.
        let (from, to) = (Day(0), Day(299));
        let x_of = |day: Day| day.0 as f32 / 3.0;
        let days: Vec<Day> = (-5..305).map(Day).collect();
        let events = [
            (Day(150), true),
            (Day(150), false),
            (Day(150), true),
            (Day(400), true),
        ];
        let ticks = ticks(&days, events.into_iter(), (from, to), x_of, 2.0);
        let changes: Vec<&Tick> = ticks.iter().filter(|t| t.1 == 5.0).collect();
        // Days outside the span have none; of the rest, one per pixel.
        assert_eq!(changes.len(), 200);
        let lefts: FxHashSet<i32> = changes.iter().map(|t| t.0).collect();
        assert_eq!(lefts.len(), changes.len());
        assert_eq!(changes.first().map(|t| t.0), Some(-1));
        // The milestone once and the event, after the changes; the milestone past the span
        // has none.
        assert_eq!(ticks.len(), 202);
        assert_eq!(
            &ticks[200..],
            &[(98, 14.0, 2.0, true), (99, 9.0, 1.0, false)]
        );
    }
}
