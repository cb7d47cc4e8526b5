//! Fields for editing a chart's items in place: text applied as it is typed, dates applied
//! when the field is left (a half-typed date is never applied), choices of posts,
//! organisations, people and sources found by typing part of a name.

use std::str::FromStr;

use eframe::egui;

use crate::date::PartialDate;
use crate::io::format::Text;
use crate::model::{Certainty, LineKind};

/// Every certainty, surest first.
pub const CERTAINTIES: [Certainty; 3] = [
    Certainty::Confirmed,
    Certainty::Reported,
    Certainty::Expected,
];

/// Every kind of line, the solid one first.
pub const LINE_KINDS: [LineKind; 6] = [
    LineKind::ReportsTo,
    LineKind::AccountableTo,
    LineKind::OverseenBy,
    LineKind::CoChairs,
    LineKind::DeputyFor,
    LineKind::Advises,
];

/// How many choices a picker lists at once; typing narrows them.
const MOST_CHOICES: usize = 60;

/// A labelled row of a form's grid.
pub fn row<R>(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.label(egui::RichText::new(label).weak());
    let out = add(ui);
    ui.end_row();
    out
}

/// Text applied as it is typed; whether it changed.
pub fn text(ui: &mut egui::Ui, value: &mut Text<'static>, label: &str) -> bool {
    let mut s = value.to_string();
    let changed = ui
        .add(
            egui::TextEdit::singleline(&mut s)
                .desired_width(f32::INFINITY)
                .id_salt(label),
        )
        .labelled_by_name(ui, label)
        .changed();
    if changed {
        *value = Text::from(s);
    }
    changed
}

/// Optional text (empty means none), applied as it is typed; whether it changed.
pub fn optional_text(
    ui: &mut egui::Ui,
    value: &mut Option<Text<'static>>,
    label: &str,
    multiline: bool,
) -> bool {
    let mut s = value.as_deref().unwrap_or_default().to_owned();
    let edit = if multiline {
        egui::TextEdit::multiline(&mut s).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut s)
    };
    let changed = ui
        .add(edit.desired_width(f32::INFINITY).id_salt(label))
        .labelled_by_name(ui, label)
        .changed();
    if changed {
        *value = (!s.trim().is_empty()).then(|| Text::from(s));
    }
    changed
}

/// Names a field for screen readers and tests by the label of its row.
trait Labelled {
    fn labelled_by_name(self, ui: &egui::Ui, label: &str) -> Self;
}

impl Labelled for egui::Response {
    fn labelled_by_name(self, ui: &egui::Ui, label: &str) -> Self {
        let enabled = ui.is_enabled();
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, enabled, label));
        self
    }
}

/// Names a combo box for screen readers and tests.
fn name_combo(response: &egui::Response, label: &str) {
    let enabled = response.enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, enabled, label));
}

/// What a date field did this frame.
pub enum DateEdit {
    /// Nothing to apply.
    Same,
    /// A new value to apply (`None` clears an optional date).
    Set(Option<Text<'static>>),
    /// What was typed is not a date; nothing is applied.
    Bad(String),
}

/// A date typed as the file writes it (`2019`, `2019-07`, `2019-07-01`, `2020-06/2020-08`),
/// applied when the field is left or Enter pressed; until then the typing is kept here.
pub fn date(ui: &mut egui::Ui, value: Option<&str>, label: &str, optional: bool) -> DateEdit {
    let id = ui.make_persistent_id(("date", label));
    // What was typed is kept only while the field has the keyboard: a field that went away
    // while being typed in leaves nothing behind for the next item's field.
    let focused = ui.memory(|m| m.has_focus(id.with("field")));
    let typed: Option<String> = if focused {
        ui.data(|d| d.get_temp(id))
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
        None
    };
    let mut s = typed.unwrap_or_else(|| value.unwrap_or_default().to_owned());
    let hint = if optional { "none" } else { "YYYY-MM-DD" };
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut s)
                .id(id.with("field"))
                .hint_text(hint)
                .desired_width(150.0),
        )
        .labelled_by_name(ui, label);
    let trimmed = s.trim().to_owned();
    let parsed = PartialDate::from_str(&trimmed);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, s.clone()));
        if !trimmed.is_empty()
            && let Err(err) = &parsed
        {
            response.show_tooltip_text(err.to_string());
        }
    }
    if !response.lost_focus() {
        return DateEdit::Same;
    }
    ui.data_mut(|d| d.remove::<String>(id));
    match (trimmed.is_empty(), parsed) {
        (true, _) if optional && value.is_some() => DateEdit::Set(None),
        (true, _) => DateEdit::Same,
        (false, Err(err)) => DateEdit::Bad(format!("{label}: {err}")),
        (false, Ok(_)) if Some(trimmed.as_str()) == value => DateEdit::Same,
        (false, Ok(_)) => DateEdit::Set(Some(Text::from(trimmed))),
    }
}

/// A choice of certainty; whether it changed.
pub fn certainty(ui: &mut egui::Ui, value: &mut Certainty, label: &str) -> bool {
    let mut changed = false;
    let combo = egui::ComboBox::from_id_salt(label)
        .selected_text(value.as_str())
        .show_ui(ui, |ui| {
            for c in CERTAINTIES {
                changed |= ui.selectable_value(value, c, c.as_str()).changed();
            }
        });
    name_combo(&combo.response, label);
    changed
}

/// A choice of line kind; whether it changed.
pub fn line_kind(ui: &mut egui::Ui, value: &mut LineKind, label: &str) -> bool {
    let mut changed = false;
    let combo = egui::ComboBox::from_id_salt(label)
        .selected_text(kind_name(*value))
        .show_ui(ui, |ui| {
            for k in LINE_KINDS {
                changed |= ui.selectable_value(value, k, kind_name(k)).changed();
            }
        });
    name_combo(&combo.response, label);
    changed
}

/// A line kind for people: "reports to".
pub fn kind_name(kind: LineKind) -> String {
    kind.as_str().replace('_', " ")
}

/// One of many items, by id, found by typing part of its name; whether it changed.
pub fn pick(
    ui: &mut egui::Ui,
    value: &mut Text<'static>,
    label: &str,
    choices: &[(String, String)],
) -> bool {
    let shown = match choices.iter().find(|(id, _)| **id == **value) {
        Some((_, name)) => name.clone(),
        None if value.is_empty() => "choose…".to_owned(),
        None => format!("{value} (not in the chart)"),
    };
    let mut picked = None;
    let combo = egui::ComboBox::from_id_salt(label)
        .selected_text(shown)
        .width(ui.available_width().min(260.0))
        .show_ui(ui, |ui| {
            picked = choose(ui, label, choices);
        });
    name_combo(&combo.response, label);
    match picked {
        Some(id) if *id != **value => {
            *value = Text::from(id);
            true
        }
        _ => false,
    }
}

/// The list inside a picker: a filter field and the matching choices; the id chosen.
fn choose(ui: &mut egui::Ui, label: &str, choices: &[(String, String)]) -> Option<String> {
    let id = ui.make_persistent_id(("filter", label));
    let mut filter: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    let field = ui.add(
        egui::TextEdit::singleline(&mut filter)
            .hint_text("type to find")
            .desired_width(240.0),
    );
    if field.changed() {
        ui.data_mut(|d| d.insert_temp(id, filter.clone()));
    }
    let needle = filter.to_lowercase();
    let mut picked = None;
    egui::ScrollArea::vertical()
        .max_height(260.0)
        .show(ui, |ui| {
            let matching = (choices.iter())
                .filter(|(id, name)| {
                    needle.is_empty()
                        || name.to_lowercase().contains(&needle)
                        || id.to_lowercase().contains(&needle)
                })
                .take(MOST_CHOICES);
            for (choice, name) in matching {
                if ui.selectable_label(false, name).clicked() {
                    picked = Some(choice.clone());
                }
            }
        });
    if picked.is_some() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    picked
}

/// A list of ids (sources, people, posts): each with a button that takes it off, and a
/// picker that adds one; whether it changed.
pub fn id_list(
    ui: &mut egui::Ui,
    ids: &mut Vec<Text<'static>>,
    label: &str,
    choices: &[(String, String)],
) -> bool {
    let mut changed = false;
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, id) in ids.iter().enumerate() {
            let name = (choices.iter())
                .find(|(c, _)| **c == **id)
                .map_or_else(|| id.to_string(), |(_, n)| n.clone());
            ui.horizontal(|ui| {
                if ui
                    .small_button("×")
                    .on_hover_text(format!("Take off {name}"))
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.add(egui::Label::new(egui::RichText::new(name).small()).truncate());
            });
        }
        if let Some(i) = remove {
            ids.remove(i);
            changed = true;
        }
        let mut added = None;
        let combo = egui::ComboBox::from_id_salt(("add", label))
            .selected_text("add…")
            .width(120.0)
            .show_ui(ui, |ui| {
                added = choose(ui, label, choices);
            });
        name_combo(&combo.response, &format!("Add to {label}"));
        if let Some(id) = added
            && !ids.iter().any(|i| **i == *id)
        {
            ids.push(Text::from(id));
            changed = true;
        }
    });
    changed
}
