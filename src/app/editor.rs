//! Editing in the window: the selected post's fields in the inspector, its holders and
//! lines, dated actions (appoint, end here, report elsewhere from the day shown), and the
//! Edit chart window for organisations, people, sources, events and the chart itself. Every
//! change is sent to the session as a command, so it is checked, recorded and undoable.

use std::str::FromStr;
use std::sync::Arc;

use eframe::egui;

use crate::app::forms::{self, DateEdit, row};
use crate::app::{Command, GovchartApp};
use crate::date::{Day, PartialDate};
use crate::io::format::{
    ChartFile, EventFile, EventKind, LineFile, LineKind, MoveFile, OrganisationFile, ParentFile,
    PersonFile, PostFile, SourceFile, TenureFile, Text,
};
use crate::model::{Certainty, PostId};
use crate::session::history::{Header, Item, List};
use crate::session::{Appointee, Edit, edit};

/// The editor's own state: which forms are open.
#[derive(Default)]
pub struct Editor {
    /// The inspector shows fields to edit rather than the post's story.
    pub editing: bool,
    /// The Appoint window, when open.
    pub appoint: Option<Appoint>,
    /// The Edit chart window's tab, when it is open.
    pub window: Option<Tab>,
    /// The item picked in the Edit chart window's list, by id.
    pub picked: Option<String>,
    /// Whether the Problems window is open.
    pub problems_open: bool,
    /// The choices pickers offer, for the chart as it is at a revision.
    choices: Option<((u64, u64), Arc<Choices>)>,
}

/// The Edit chart window's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// Title, description, period.
    Chart,
    /// Organisations.
    Organisations,
    /// Posts.
    Posts,
    /// People.
    People,
    /// Sources.
    Sources,
    /// Events.
    Events,
}

/// What is being typed into the Appoint window.
pub struct Appoint {
    /// The post, by id.
    pub post: String,
    /// From when.
    pub start: String,
    /// Someone in the chart, by id; else a new person by `name`.
    pub person: Option<String>,
    /// A new person's name.
    pub name: String,
    /// Whether acting.
    pub acting: bool,
    /// How sure.
    pub certainty: Certainty,
    /// Sources, by id.
    pub sources: Vec<Text<'static>>,
}

/// Ids and names of everything a picker can offer.
#[derive(Default)]
struct Choices {
    posts: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
    people: Vec<(String, String)>,
    sources: Vec<(String, String)>,
}

impl Choices {
    fn of(file: &ChartFile<'static>) -> Choices {
        let pair = |id: &Text<'static>, name: String| (id.to_string(), name);
        Choices {
            posts: (file.posts.iter())
                .map(|p| pair(&p.id, p.title.to_string()))
                .collect(),
            organisations: (file.organisations.iter())
                .map(|o| pair(&o.id, o.name.to_string()))
                .collect(),
            people: (file.people.iter())
                .map(|p| pair(&p.id, p.name.to_string()))
                .collect(),
            sources: (file.sources.iter())
                .map(|s| pair(&s.id, format!("{} ({}: {})", s.id, s.publisher, s.title)))
                .collect(),
        }
    }
}

/// The choices for the chart as it is, made again only after an edit.
fn choices(app: &mut GovchartApp) -> Arc<Choices> {
    let key = (
        app.session.doc.generation,
        app.session.doc.history.current(),
    );
    match &app.editor.choices {
        Some((k, choices)) if *k == key => choices.clone(),
        _ => {
            let choices = Arc::new(Choices::of(&app.session.doc.file));
            app.editor.choices = Some((key, choices.clone()));
            choices
        }
    }
}

/// Whether something dated by these texts holds on `day`.
fn live_on(start: Option<&str>, end: Option<&str>, day: Day) -> bool {
    let parse = |t: &str| PartialDate::from_str(t).ok();
    let started = start.is_none_or(|s| parse(s).is_some_and(|d| d.first_day() <= day));
    let ended = end.is_some_and(|e| parse(e).is_none_or(|d| d.end_bound() <= day));
    started && !ended
}

/// Whether a tenure is held on `day`: started, taken up (for one named ahead of time) and
/// not ended.
fn held_on(tenure: &TenureFile<'static>, day: Day) -> bool {
    let taken_up = (tenure.in_post.as_deref())
        .is_none_or(|d| PartialDate::from_str(d).is_ok_and(|d| d.first_day() <= day));
    taken_up && live_on(Some(&tenure.start), tenure.end.as_deref(), day)
}

/// The day as the file writes it.
fn day_text(day: Day) -> String {
    PartialDate::from_day(day).to_string()
}

/// Sends the step that puts `after` in place of `before`, named for the field changed.
fn send_replace(app: &mut GovchartApp, before: Item, after: Item, field: &str) {
    let name = edit::name_of(&before);
    let id = edit::id_of(&before).to_owned();
    app.send(Command::Edit(Edit::Replace {
        before: Box::new(before),
        after: Box::new(after),
        label: format!("change {name}: {field}"),
        field: Some(format!("{id}:{field}")),
    }));
}

/// A date field in a grid row; applies a good date to `value` and says a bad one.
fn date_row(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<Text<'static>>,
) -> bool {
    // The grid the row is in keeps the field's id apart from other forms'.
    let edit = row(ui, label, |ui| {
        forms::date(ui, value.as_deref(), label, true)
    });
    apply_date(app, edit, value)
}

fn apply_date(app: &mut GovchartApp, edit: DateEdit, value: &mut Option<Text<'static>>) -> bool {
    match edit {
        DateEdit::Same => false,
        DateEdit::Set(new) => {
            *value = new;
            true
        }
        DateEdit::Bad(why) => {
            app.send(Command::Say(format!("Not changed: {why}")));
            false
        }
    }
}

/// The inspector's fields for a post, its lines and its holders.
pub fn post_ui(app: &mut GovchartApp, ui: &mut egui::Ui, post: PostId) {
    let key = app.session.doc.chart.post(post).key.clone();
    let Some((_, Item::Post(before))) = edit::find(&app.session.doc.file, List::Posts, &key) else {
        ui.label("This post is not in the chart as edited.");
        return;
    };
    ui.push_id(("post form", key.as_str()), |ui| {
        post_form_ui(app, ui, &key, before)
    });
}

/// [`post_ui`]'s fields, inside an id scope of the post's own.
fn post_form_ui(app: &mut GovchartApp, ui: &mut egui::Ui, key: &str, before: PostFile<'static>) {
    let key = key.to_owned();
    let choices = choices(app);
    let day = app.session.day;
    let mut after = before.clone();
    let mut field = None;
    ui.heading(before.title.to_string());
    egui::Grid::new(("post-fields", key.as_str()))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            if row(ui, "Title", |ui| forms::text(ui, &mut after.title, "Title")) {
                field = Some("title");
            }
            if row(ui, "Organisation", |ui| {
                forms::pick(
                    ui,
                    &mut after.organisation,
                    "Organisation",
                    &choices.organisations,
                )
            }) {
                field = Some("organisation");
            }
            let mut seats = after.seats.unwrap_or(1);
            if row(ui, "Seats", |ui| {
                let field = ui.add(egui::DragValue::new(&mut seats).range(1..=999));
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Seats")
                });
                field.changed()
            }) {
                after.seats = (seats != 1).then_some(seats);
                field = Some("seats");
            }
            for (label, value) in [
                ("Created", &mut after.created),
                ("Abolished", &mut after.abolished),
                ("Followed from", &mut after.followed_from),
                ("Followed until", &mut after.followed_until),
            ] {
                if date_row(app, ui, label, value) {
                    field = Some(label);
                }
            }
            if row(ui, "Note", |ui| {
                forms::optional_text(ui, &mut after.note, "Post note", true)
            }) {
                field = Some("note");
            }
            if row(ui, "Sources", |ui| {
                forms::id_list(ui, &mut after.sources, "Post sources", &choices.sources)
            }) {
                field = Some("sources");
            }
        });
    reports_to_ui(app, ui, &before, day, &choices);
    ui.separator();
    ui.strong("Moves to other organisations");
    if moves_ui(app, ui, &mut after.moves, &key, day, &choices) {
        field = Some("moves");
    }
    ui.separator();
    ui.strong("Lines");
    if lines_ui(app, ui, &mut after.lines, &key, &choices) {
        field = Some("lines");
    }
    ui.separator();
    ui.strong("Details and staff");
    if details_ui(app, ui, &mut after, &key) {
        field = Some("details");
    }
    if let Some(field) = field {
        send_replace(app, Item::Post(before.clone()), Item::Post(after), field);
    }
    ui.separator();
    holders_ui(app, ui, &before, day, &choices);
    ui.separator();
    if ui
        .button("Delete this post")
        .on_hover_text(
            "Takes the post, its lines and its tenures out of the chart (Undo puts them back)",
        )
        .clicked()
    {
        app.send(Command::Edit(Edit::Delete {
            list: List::Posts,
            id: key,
        }));
    }
}

/// Who the post reports to on the day shown, and a choice to change it from that day.
fn reports_to_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    post: &PostFile<'static>,
    day: Day,
    choices: &Choices,
) {
    let now = (post.lines.iter())
        .find(|l| {
            l.kind == LineKind::ReportsTo && live_on(l.start.as_deref(), l.end.as_deref(), day)
        })
        .map(|l| l.to.clone());
    let on = PartialDate::from_day(day).human();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("Reports to, from {on}:"));
        let mut manager = now.clone().unwrap_or_default();
        let others: Vec<(String, String)> = (choices.posts.iter())
            .filter(|(id, _)| **id != *post.id)
            .cloned()
            .collect();
        if forms::pick(
            ui,
            &mut manager,
            &format!("{} reports to", post.id),
            &others,
        ) {
            app.send(Command::Edit(Edit::ReportTo {
                post: post.id.to_string(),
                manager: Some(manager.to_string()),
                from: day,
            }));
        }
        if now.is_some()
            && ui
                .small_button("no one")
                .on_hover_text(format!("End its reporting line on {on}"))
                .clicked()
        {
            app.send(Command::Edit(Edit::ReportTo {
                post: post.id.to_string(),
                manager: None,
                from: day,
            }));
        }
    });
}

/// A post's dated moves between organisations; whether any changed.
fn moves_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    moves: &mut Vec<MoveFile<'static>>,
    key: &str,
    day: Day,
    choices: &Choices,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    for (i, m) in moves.iter_mut().enumerate() {
        let salt = format!("{key} move {i}");
        ui.horizontal_wrapped(|ui| {
            let mut date = Some(m.date.clone());
            let edit = forms::date(ui, Some(&m.date), &format!("{salt} date"), false);
            if apply_date(app, edit, &mut date)
                && let Some(date) = date
            {
                m.date = date;
                changed = true;
            }
            ui.label("to");
            changed |= forms::pick(ui, &mut m.to, &format!("{salt} to"), &choices.organisations);
            changed |= forms::certainty(ui, &mut m.certainty, &format!("{salt} certainty"));
            if ui
                .small_button("×")
                .on_hover_text("Take this move off")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        moves.remove(i);
        changed = true;
    }
    let on = PartialDate::from_day(day).human();
    let mut to = Text::from(String::new());
    ui.horizontal(|ui| {
        ui.label(format!("Move on {on} to"));
        if forms::pick(
            ui,
            &mut to,
            &format!("{key} new move"),
            &choices.organisations,
        ) {
            moves.push(MoveFile {
                date: Text::from(day_text(day)),
                to: to.clone(),
                certainty: Certainty::Reported,
                sources: Vec::new(),
            });
            changed = true;
        }
    });
    changed
}

/// A post's dated details ("Grade: SCS2") and staff counts; whether any changed.
fn details_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    post: &mut PostFile<'static>,
    key: &str,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    for (i, detail) in post.details.iter_mut().enumerate() {
        let salt = format!("{key} detail {i}");
        changed |= forms::text(ui, &mut detail.name, &format!("{salt} name"));
        changed |= forms::text(ui, &mut detail.value, &format!("{salt} value"));
        ui.horizontal_wrapped(|ui| {
            ui.label("from");
            changed |= apply_date(
                app,
                forms::date(ui, detail.start.as_deref(), &format!("{salt} start"), true),
                &mut detail.start,
            );
            ui.label("to");
            changed |= apply_date(
                app,
                forms::date(ui, detail.end.as_deref(), &format!("{salt} end"), true),
                &mut detail.end,
            );
            if ui
                .small_button("×")
                .on_hover_text("Take this detail off")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        post.details.remove(i);
        changed = true;
    }
    let mut remove = None;
    for (i, staff) in post.staff.iter_mut().enumerate() {
        let salt = format!("{key} staff {i}");
        ui.horizontal_wrapped(|ui| {
            let field = ui.add(egui::DragValue::new(&mut staff.count).range(0..=10_000_000));
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Staff count")
            });
            changed |= field.changed();
            ui.label("staff, from");
            changed |= apply_date(
                app,
                forms::date(ui, staff.start.as_deref(), &format!("{salt} start"), true),
                &mut staff.start,
            );
            ui.label("to");
            changed |= apply_date(
                app,
                forms::date(ui, staff.end.as_deref(), &format!("{salt} end"), true),
                &mut staff.end,
            );
            if ui
                .small_button("×")
                .on_hover_text("Take this count off")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        post.staff.remove(i);
        changed = true;
    }
    ui.horizontal(|ui| {
        if ui.button("Add a detail").clicked() {
            post.details.push(crate::io::format::DetailFile {
                name: Text::from("Grade".to_owned()),
                value: Text::from(String::new()),
                start: None,
                end: None,
                sources: Vec::new(),
            });
            changed = true;
        }
        if ui.button("Add a staff count").clicked() {
            post.staff.push(crate::io::format::StaffFile {
                count: 0,
                start: None,
                end: None,
                sources: Vec::new(),
            });
            changed = true;
        }
    });
    changed
}

/// A post's lines; whether any changed.
fn lines_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    lines: &mut Vec<LineFile<'static>>,
    key: &str,
    choices: &Choices,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    for (i, line) in lines.iter_mut().enumerate() {
        let salt = format!("{key} line {i}");
        egui::CollapsingHeader::new(format!(
            "{} {}",
            forms::kind_name(line.kind),
            (choices.posts.iter())
                .find(|(id, _)| **id == *line.to)
                .map_or(line.to.as_ref(), |(_, t)| t.as_str())
        ))
        .id_salt(&salt)
        .show(ui, |ui| {
            egui::Grid::new(&salt).num_columns(2).show(ui, |ui| {
                changed |= row(ui, "To", |ui| {
                    forms::pick(ui, &mut line.to, &format!("{salt} to"), &choices.posts)
                });
                changed |= row(ui, "Kind", |ui| {
                    forms::line_kind(ui, &mut line.kind, &format!("{salt} kind"))
                });
                changed |= date_row(app, ui, "Start", &mut line.start);
                changed |= date_row(app, ui, "End", &mut line.end);
                changed |= row(ui, "Certainty", |ui| {
                    forms::certainty(ui, &mut line.certainty, &format!("{salt} certainty"))
                });
                changed |= row(ui, "Sources", |ui| {
                    forms::id_list(
                        ui,
                        &mut line.sources,
                        &format!("{salt} sources"),
                        &choices.sources,
                    )
                });
                changed |= row(ui, "Note", |ui| {
                    forms::optional_text(ui, &mut line.note, &format!("{salt} note"), true)
                });
            });
            if ui.button("Delete this line").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        lines.remove(i);
        changed = true;
    }
    let mut to = Text::from(String::new());
    ui.horizontal(|ui| {
        ui.label("New dashed line to");
        if forms::pick(ui, &mut to, &format!("{key} new line"), &choices.posts) {
            lines.push(LineFile {
                to: to.clone(),
                kind: LineKind::AccountableTo,
                start: None,
                end: None,
                certainty: Certainty::Reported,
                sources: Vec::new(),
                note: None,
            });
            changed = true;
        }
    });
    changed
}

/// Every tenure of a post, as (person's place in the file, tenure's place in theirs).
fn tenures_of(file: &ChartFile<'static>, post: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = (file.people.iter().enumerate())
        .flat_map(|(p, person)| {
            (person.tenures.iter().enumerate())
                .filter(|(_, t)| *t.post == *post)
                .map(move |(t, _)| (p, t))
        })
        .collect();
    found.sort_by_key(|&(p, t)| {
        PartialDate::from_str(&file.people[p].tenures[t].start)
            .map_or(Day(i32::MAX), |d| d.first_day())
    });
    found
}

/// The holders of a post over time, each tenure's fields, and the dated actions.
fn holders_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    post: &PostFile<'static>,
    day: Day,
    choices: &Choices,
) {
    ui.strong("Holders");
    let on = PartialDate::from_day(day).human();
    let tenures = tenures_of(&app.session.doc.file, &post.id);
    for (p, t) in tenures {
        let person = app.session.doc.file.people[p].clone();
        let tenure = &person.tenures[t];
        let here = held_on(tenure, day);
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(person.name.to_string()).strong());
            if here
                && ui
                    .button("End here")
                    .on_hover_text(format!(
                        "{} no longer holds the post from {on}",
                        person.name
                    ))
                    .clicked()
            {
                app.send(Command::Edit(Edit::EndTenure {
                    person: person.id.to_string(),
                    index: t,
                    end: day_text(day),
                }));
            }
        });
        let salt = format!("{} tenure {t}", person.id);
        let mut after = person.clone();
        let changed = egui::CollapsingHeader::new(format!(
            "{} to {}",
            tenure.start,
            tenure.end.as_deref().unwrap_or("now")
        ))
        .id_salt(&salt)
        .show(ui, |ui| {
            tenure_ui(app, ui, &mut after.tenures[t], &salt, choices)
        })
        .body_returned
        .flatten();
        if let Some(field) = changed {
            send_replace(app, Item::Person(person), Item::Person(after), field);
        }
    }
    let vacant = !tenures_of(&app.session.doc.file, &post.id)
        .into_iter()
        .any(|(p, t)| {
            let tenure = &app.session.doc.file.people[p].tenures[t];
            live_on(Some(&tenure.start), tenure.end.as_deref(), day)
        });
    let text = if vacant {
        format!("Appoint… (vacant on {on})")
    } else {
        "Appoint…".to_owned()
    };
    if ui.button(text).clicked() {
        open_appoint(app, post.id.to_string(), day);
    }
}

/// Opens the Appoint window for a post, from `day`.
pub fn open_appoint(app: &mut GovchartApp, post: String, day: Day) {
    app.editor.appoint = Some(Appoint {
        post,
        start: day_text(day),
        person: None,
        name: String::new(),
        acting: false,
        certainty: Certainty::Reported,
        sources: Vec::new(),
    });
}

/// A tenure's fields; the field changed, if one did.
fn tenure_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    tenure: &mut TenureFile<'static>,
    salt: &str,
    choices: &Choices,
) -> Option<&'static str> {
    let mut field = None;
    egui::Grid::new(salt).num_columns(2).show(ui, |ui| {
        let mut start = Some(tenure.start.clone());
        let edit = row(ui, "Start", |ui| {
            forms::date(ui, Some(&tenure.start), "Start", false)
        });
        if apply_date(app, edit, &mut start)
            && let Some(start) = start
        {
            tenure.start = start;
            field = Some("start");
        }
        if row(ui, "Start unknown", |ui| {
            ui.checkbox(&mut tenure.start_unknown, "in post by then")
                .changed()
        }) {
            field = Some("start");
        }
        if date_row(app, ui, "In post", &mut tenure.in_post) {
            field = Some("in post");
        }
        if date_row(app, ui, "End", &mut tenure.end) {
            field = Some("end");
        }
        if row(ui, "Acting", |ui| {
            ui.checkbox(&mut tenure.acting, "acting").changed()
        }) {
            field = Some("acting");
        }
        if row(ui, "End cause", |ui| {
            forms::optional_text(
                ui,
                &mut tenure.end_cause,
                &format!("{salt} end cause"),
                false,
            )
        }) {
            field = Some("end cause");
        }
        if row(ui, "Certainty", |ui| {
            forms::certainty(ui, &mut tenure.certainty, &format!("{salt} certainty"))
        }) {
            field = Some("certainty");
        }
        if row(ui, "Sources", |ui| {
            forms::id_list(
                ui,
                &mut tenure.sources,
                &format!("{salt} sources"),
                &choices.sources,
            )
        }) {
            field = Some("sources");
        }
        if row(ui, "Note", |ui| {
            forms::optional_text(ui, &mut tenure.note, &format!("{salt} note"), true)
        }) {
            field = Some("note");
        }
    });
    field
}

/// The Appoint window: who, from when, how sure, on whose word.
pub fn appoint_window(app: &mut GovchartApp, ctx: &egui::Context) {
    let Some(mut form) = app.editor.appoint.take() else {
        return;
    };
    let choices = choices(app);
    let title = (choices.posts.iter())
        .find(|(id, _)| *id == form.post)
        .map_or(form.post.clone(), |(_, t)| t.clone());
    let mut open = true;
    let mut done = false;
    egui::Window::new("Appoint to a post")
        .id(egui::Id::unique("appoint"))
        .collapsible(false)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .open(&mut open)
        .show(ctx, |ui| {
            ui.label(format!("Appoint to {title}"));
            egui::Grid::new("appoint-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    row(ui, "From", |ui| {
                        ui.add(egui::TextEdit::singleline(&mut form.start).desired_width(150.0))
                            .labelled("Appointed from");
                    });
                    row(ui, "Person", |ui| {
                        let mut picked = Text::from(form.person.clone().unwrap_or_default());
                        if forms::pick(
                            ui,
                            &mut picked,
                            "Appoint someone in the chart",
                            &choices.people,
                        ) {
                            form.person = Some(picked.to_string());
                        }
                    });
                    row(ui, "or someone new", |ui| {
                        let field = ui
                            .add(egui::TextEdit::singleline(&mut form.name).hint_text("their name"))
                            .labelled("New person's name");
                        if field.changed() && !form.name.trim().is_empty() {
                            form.person = None;
                        }
                    });
                    row(ui, "Acting", |ui| ui.checkbox(&mut form.acting, "acting"));
                    row(ui, "Certainty", |ui| {
                        forms::certainty(ui, &mut form.certainty, "appoint certainty")
                    });
                    row(ui, "Sources", |ui| {
                        forms::id_list(ui, &mut form.sources, "appoint sources", &choices.sources)
                    });
                });
            let person = match (&form.person, form.name.trim()) {
                (Some(id), _) => Some(Appointee::Existing(id.clone())),
                (None, "") => None,
                (None, name) => Some(Appointee::New(name.to_owned())),
            };
            let start_ok = PartialDate::from_str(form.start.trim()).is_ok();
            if !start_ok {
                ui.colored_label(ui.visuals().error_fg_color, "The start is not a date.");
            }
            ui.horizontal(|ui| {
                let ready = person.is_some() && start_ok;
                if ui
                    .add_enabled(ready, egui::Button::new("Appoint"))
                    .clicked()
                    && let Some(person) = person
                {
                    app.send(Command::Edit(Edit::Appoint {
                        post: form.post.clone(),
                        person,
                        start: form.start.trim().to_owned(),
                        acting: form.acting,
                        certainty: form.certainty,
                        sources: form.sources.iter().map(ToString::to_string).collect(),
                    }));
                    done = true;
                }
                if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        });
    if open && !done {
        app.editor.appoint = Some(form);
    }
}

/// Names a widget for screen readers and tests.
trait Labelled {
    fn labelled(self, label: &str) -> Self;
}

impl Labelled for egui::Response {
    fn labelled(self, label: &str) -> Self {
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        self
    }
}

/// The Problems window: every error and warning of the chart as edited; clicking one selects
/// what it is about.
pub fn problems_window(app: &mut GovchartApp, ctx: &egui::Context) {
    if !app.editor.problems_open {
        return;
    }
    let problems = app.session.doc.problems.clone();
    let mut open = true;
    egui::Window::new(format!("Problems ({})", problems.len()))
        .id(egui::Id::unique("edit-problems"))
        .default_width(520.0)
        .open(&mut open)
        .show(ctx, |ui| {
            if problems.is_empty() {
                ui.label("The checks find nothing wrong with the chart.");
            }
            if app.session.doc.has_errors() {
                ui.label("While the chart has errors, the picture shows it as it was before the edit that made the first of them.");
            }
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for problem in &problems {
                    let word = if problem.is_error() { "error" } else { "warning" };
                    let text = format!("{word}: {}", problem.message);
                    let colour = if problem.is_error() {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    let link = ui.add(
                        egui::Button::new(egui::RichText::new(text).color(colour))
                            .frame(false)
                            .wrap(),
                    );
                    if link.clicked() {
                        show_subject(app, &problem.path);
                    }
                }
            });
        });
    app.editor.problems_open = open;
}

/// Shows what a problem is about: its post selected on the chart, or the organisation,
/// person, source or event picked in the Edit chart window.
fn show_subject(app: &mut GovchartApp, path: &str) {
    let Some(id) = app.session.doc.subject_of(path) else {
        return;
    };
    let tab = match path.split(['[', '.']).next() {
        Some("organisations") => Some(Tab::Organisations),
        Some("sources") => Some(Tab::Sources),
        Some("events") => Some(Tab::Events),
        Some("people") if !path.contains(".tenures[") => Some(Tab::People),
        _ => None,
    };
    match tab {
        Some(tab) => {
            app.editor.window = Some(tab);
            app.editor.picked = Some(id);
        }
        None => app.send(Command::SelectId(id)),
    }
}

fn list_of(tab: Tab) -> List {
    match tab {
        Tab::Chart => List::Header,
        Tab::Organisations => List::Organisations,
        Tab::Posts => List::Posts,
        Tab::People => List::People,
        Tab::Sources => List::Sources,
        Tab::Events => List::Events,
    }
}

/// A new item for a tab's Add button, with a fresh id.
fn new_item(file: &ChartFile<'static>, tab: Tab, day: Day) -> Option<Item> {
    let date = Text::from(day_text(day));
    Some(match tab {
        Tab::Chart => return None,
        Tab::Organisations => Item::Organisation(OrganisationFile {
            id: Text::from(edit::fresh_id(file, "new organisation")),
            name: Text::from("New organisation".to_owned()),
            short: None,
            kind: None,
            founded: Some(date),
            dissolved: None,
            parents: Vec::new(),
            certainty: Certainty::Reported,
            sources: Vec::new(),
            note: None,
        }),
        Tab::Posts => Item::Post(PostFile {
            created: Some(date),
            ..crate::import::plain_post(
                edit::fresh_id(file, "new post"),
                "New post".to_owned(),
                file.organisations.first()?.id.to_string(),
                Vec::new(),
            )
        }),
        Tab::People => Item::Person(PersonFile {
            id: Text::from(edit::fresh_id(file, "new person")),
            name: Text::from("New person".to_owned()),
            note: None,
            tenures: Vec::new(),
        }),
        Tab::Sources => Item::Source(SourceFile {
            id: Text::from(edit::fresh_id(file, "source")),
            publisher: Text::from("Publisher".to_owned()),
            title: Text::from("Title".to_owned()),
            date: Some(date),
            url: None,
        }),
        Tab::Events => Item::Event(EventFile {
            id: Text::from(edit::fresh_id(file, "event")),
            date,
            title: Text::from("New event".to_owned()),
            kind: EventKind::Announcement,
            milestone: false,
            certainty: Certainty::Reported,
            people: Vec::new(),
            posts: Vec::new(),
            organisations: Vec::new(),
            sources: Vec::new(),
            note: None,
        }),
    })
}

/// The Edit chart window: a tab per kind of item, a list, and the picked item's fields.
pub fn chart_window(app: &mut GovchartApp, ctx: &egui::Context) {
    let Some(mut tab) = app.editor.window else {
        return;
    };
    let mut open = true;
    egui::Window::new("Edit chart")
        .id(egui::Id::unique("edit-chart"))
        .default_size([760.0, 520.0])
        .open(&mut open)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                for (t, name) in [
                    (Tab::Chart, "Chart"),
                    (Tab::Organisations, "Organisations"),
                    (Tab::Posts, "Posts"),
                    (Tab::People, "People"),
                    (Tab::Sources, "Sources"),
                    (Tab::Events, "Events"),
                ] {
                    if ui.selectable_label(tab == t, name).clicked() && tab != t {
                        tab = t;
                        app.editor.picked = None;
                    }
                }
            });
            ui.separator();
            if tab == Tab::Chart {
                header_ui(app, ui);
                return;
            }
            let choices = choices(app);
            let events: Vec<(String, String)>;
            let items: &[(String, String)] = match tab {
                Tab::Chart => &[],
                Tab::Organisations => &choices.organisations,
                Tab::Posts => &choices.posts,
                Tab::People => &choices.people,
                Tab::Sources => &choices.sources,
                Tab::Events => {
                    events = (app.session.doc.file.events.iter())
                        .map(|e| (e.id.to_string(), format!("{}: {}", e.date, e.title)))
                        .collect();
                    &events
                }
            };
            ui.columns(2, |columns| {
                list_ui(app, &mut columns[0], tab, items);
                item_ui(app, &mut columns[1], tab);
            });
        });
    app.editor.window = open.then_some(tab);
}

/// The list of a tab's items, and its Add button.
fn list_ui(app: &mut GovchartApp, ui: &mut egui::Ui, tab: Tab, items: &[(String, String)]) {
    let filter_id = ui.make_persistent_id(("edit-filter", tab as u8));
    let mut filter: String = ui.data(|d| d.get_temp(filter_id)).unwrap_or_default();
    let mut add = false;
    ui.horizontal(|ui| {
        add = ui.button("Add").clicked();
        let field = ui.add(
            egui::TextEdit::singleline(&mut filter)
                .hint_text("find")
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find in the list")
        });
        if field.changed() {
            ui.data_mut(|d| d.insert_temp(filter_id, filter.clone()));
        }
    });
    let needle = filter.to_lowercase();
    let items: Vec<&(String, String)> = (items.iter())
        .filter(|(id, name)| {
            needle.is_empty() || name.to_lowercase().contains(&needle) || id.contains(&needle)
        })
        .collect();
    if add {
        match new_item(&app.session.doc.file, tab, app.session.day) {
            Some(item) => {
                app.editor.picked = Some(edit::id_of(&item).to_owned());
                app.send(Command::Edit(Edit::Add(Box::new(item))));
            }
            None => app.send(Command::Say(
                "Not added: a post needs an organisation to belong to; add one first".into(),
            )),
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("edit-list")
        .max_height(440.0)
        .show_rows(ui, 18.0, items.len(), |ui, range| {
            for (id, name) in items[range].iter().copied() {
                let picked = app.editor.picked.as_deref() == Some(id.as_str());
                if ui.selectable_label(picked, name).clicked() {
                    app.editor.picked = Some(id.clone());
                }
            }
        });
}

/// The picked item's fields, and its Delete button.
fn item_ui(app: &mut GovchartApp, ui: &mut egui::Ui, tab: Tab) {
    let Some(id) = app.editor.picked.clone() else {
        ui.weak("Pick an item on the left, or add one.");
        return;
    };
    let list = list_of(tab);
    let Some((_, before)) = edit::find(&app.session.doc.file, list, &id) else {
        ui.weak("Not in the chart.");
        return;
    };
    let choices = choices(app);
    let mut after = before.clone();
    let field = egui::ScrollArea::vertical()
        .id_salt(("edit-item", id.as_str()))
        .max_height(440.0)
        .show(ui, |ui| {
            // Each item's fields in an id scope of their own.
            ui.push_id(("item form", id.as_str()), |ui| {
                item_fields_ui(app, ui, &mut after, &choices)
            })
            .inner
        })
        .inner;
    if let Some(field) = field {
        send_replace(app, before, after, field);
    }
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button("Delete").clicked() {
            app.send(Command::Edit(Edit::Delete { list, id }));
            app.editor.picked = None;
        }
    });
}

/// The fields of an item of the Edit chart window; the field changed, if one did.
fn item_fields_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    item: &mut Item,
    choices: &Choices,
) -> Option<&'static str> {
    match item {
        Item::Organisation(o) => organisation_ui(app, ui, o, choices),
        Item::Post(p) => {
            if ui.button("Show it on the chart").clicked() {
                app.send(Command::SelectId(p.id.to_string()));
                app.editor.editing = true;
            }
            post_basics_ui(app, ui, p, choices)
        }
        Item::Person(p) => person_ui(app, ui, p, choices),
        Item::Source(s) => source_ui(app, ui, s),
        Item::Event(e) => event_ui(app, ui, e, choices),
        Item::Header(_) => None,
    }
}

fn header_ui(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let before = Header::of(&app.session.doc.file);
    let mut after = before.clone();
    let mut field = None;
    egui::Grid::new("chart-header")
        .num_columns(2)
        .show(ui, |ui| {
            if row(ui, "Title", |ui| {
                forms::text(ui, &mut after.title, "Chart title")
            }) {
                field = Some("title");
            }
            if row(ui, "Description", |ui| {
                forms::optional_text(ui, &mut after.description, "Chart description", true)
            }) {
                field = Some("description");
            }
            if date_row(app, ui, "Opens at", &mut after.default_date) {
                field = Some("opening date");
            }
            let mut from = after.covers.as_ref().map(|c| c.from.clone());
            let mut to = after.covers.as_ref().map(|c| c.to.clone());
            let a = date_row(app, ui, "Covers from", &mut from);
            let b = date_row(app, ui, "Covers to", &mut to);
            if a || b {
                let cleared = (a && from.is_none()) || (b && to.is_none());
                // A period given by one end only runs from that date to that date, until
                // the other end is given; clearing either end clears the period.
                after.covers = match (from, to) {
                    _ if cleared => None,
                    (Some(from), Some(to)) => Some(crate::io::format::PeriodFile { from, to }),
                    (Some(one), None) | (None, Some(one)) => Some(crate::io::format::PeriodFile {
                        from: one.clone(),
                        to: one,
                    }),
                    (None, None) => None,
                };
                field = Some("period");
            }
        });
    if let Some(field) = field {
        send_replace(app, Item::Header(before), Item::Header(after), field);
    }
}

fn post_basics_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    p: &mut PostFile<'static>,
    choices: &Choices,
) -> Option<&'static str> {
    let mut field = None;
    let key = p.id.to_string();
    egui::Grid::new(("post-basics", key.as_str()))
        .num_columns(2)
        .show(ui, |ui| {
            if row(ui, "Title", |ui| {
                forms::text(ui, &mut p.title, "Post title")
            }) {
                field = Some("title");
            }
            if row(ui, "Organisation", |ui| {
                forms::pick(
                    ui,
                    &mut p.organisation,
                    "Post organisation",
                    &choices.organisations,
                )
            }) {
                field = Some("organisation");
            }
            if date_row(app, ui, "Created", &mut p.created) {
                field = Some("created");
            }
            if date_row(app, ui, "Abolished", &mut p.abolished) {
                field = Some("abolished");
            }
        });
    field
}

fn organisation_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    o: &mut OrganisationFile<'static>,
    choices: &Choices,
) -> Option<&'static str> {
    let mut field = None;
    let key = o.id.to_string();
    egui::Grid::new(("org", key.as_str()))
        .num_columns(2)
        .show(ui, |ui| {
            if row(ui, "Name", |ui| {
                forms::text(ui, &mut o.name, "Organisation name")
            }) {
                field = Some("name");
            }
            if row(ui, "Short name", |ui| {
                forms::optional_text(ui, &mut o.short, "Short name", false)
            }) {
                field = Some("short name");
            }
            if row(ui, "Kind", |ui| {
                forms::optional_text(ui, &mut o.kind, "Kind", false)
            }) {
                field = Some("kind");
            }
            if date_row(app, ui, "Founded", &mut o.founded) {
                field = Some("founded");
            }
            if date_row(app, ui, "Dissolved", &mut o.dissolved) {
                field = Some("dissolved");
            }
            if row(ui, "Certainty", |ui| {
                forms::certainty(ui, &mut o.certainty, "Org certainty")
            }) {
                field = Some("certainty");
            }
            if row(ui, "Sources", |ui| {
                forms::id_list(ui, &mut o.sources, "Org sources", &choices.sources)
            }) {
                field = Some("sources");
            }
            if row(ui, "Note", |ui| {
                forms::optional_text(ui, &mut o.note, "Org note", true)
            }) {
                field = Some("note");
            }
        });
    ui.strong("Part of");
    let mut remove = None;
    for (i, parent) in o.parents.iter_mut().enumerate() {
        let salt = format!("{key} parent {i}");
        ui.horizontal_wrapped(|ui| {
            if forms::pick(ui, &mut parent.org, &salt, &choices.organisations) {
                field = Some("parents");
            }
            ui.label("from");
            if apply_date(
                app,
                forms::date(ui, parent.start.as_deref(), &format!("{salt} start"), true),
                &mut parent.start,
            ) {
                field = Some("parents");
            }
            ui.label("to");
            if apply_date(
                app,
                forms::date(ui, parent.end.as_deref(), &format!("{salt} end"), true),
                &mut parent.end,
            ) {
                field = Some("parents");
            }
            if ui.small_button("×").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        o.parents.remove(i);
        field = Some("parents");
    }
    let mut new = Text::from(String::new());
    let others: Vec<(String, String)> = (choices.organisations.iter())
        .filter(|(id, _)| **id != *o.id)
        .cloned()
        .collect();
    ui.horizontal(|ui| {
        ui.label("Add a parent");
        if forms::pick(ui, &mut new, &format!("{key} new parent"), &others) {
            o.parents.push(ParentFile {
                org: new.clone(),
                start: None,
                end: None,
                certainty: Certainty::Reported,
                sources: Vec::new(),
            });
            field = Some("parents");
        }
    });
    field
}

fn person_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    p: &mut PersonFile<'static>,
    choices: &Choices,
) -> Option<&'static str> {
    let mut field = None;
    let key = p.id.to_string();
    egui::Grid::new(("person", key.as_str()))
        .num_columns(2)
        .show(ui, |ui| {
            if row(ui, "Name", |ui| forms::text(ui, &mut p.name, "Person name")) {
                field = Some("name");
            }
            if row(ui, "Note", |ui| {
                forms::optional_text(ui, &mut p.note, "Person note", true)
            }) {
                field = Some("note");
            }
        });
    ui.strong("Tenures");
    let mut remove = None;
    for (t, tenure) in p.tenures.iter_mut().enumerate() {
        let salt = format!("{key} tenure {t}");
        let title = (choices.posts.iter())
            .find(|(id, _)| **id == *tenure.post)
            .map_or(tenure.post.to_string(), |(_, t)| t.clone());
        egui::CollapsingHeader::new(format!("{title}, from {}", tenure.start))
            .id_salt(&salt)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Post");
                    if forms::pick(
                        ui,
                        &mut tenure.post,
                        &format!("{salt} post"),
                        &choices.posts,
                    ) {
                        field = Some("tenure");
                    }
                });
                if let Some(f) = tenure_ui(app, ui, tenure, &salt, choices) {
                    field = Some(f);
                }
                if ui.button("Delete this tenure").clicked() {
                    remove = Some(t);
                }
            });
    }
    if let Some(t) = remove {
        p.tenures.remove(t);
        field = Some("tenures");
    }
    field
}

fn source_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    s: &mut SourceFile<'static>,
) -> Option<&'static str> {
    let mut field = None;
    let key = s.id.to_string();
    egui::Grid::new(("source", key.as_str()))
        .num_columns(2)
        .show(ui, |ui| {
            row(ui, "Id", |ui| ui.label(key.as_str()));
            if row(ui, "Publisher", |ui| {
                forms::text(ui, &mut s.publisher, "Publisher")
            }) {
                field = Some("publisher");
            }
            if row(ui, "Title", |ui| {
                forms::text(ui, &mut s.title, "Source title")
            }) {
                field = Some("title");
            }
            if date_row(app, ui, "Date", &mut s.date) {
                field = Some("date");
            }
            if row(ui, "Address", |ui| {
                forms::optional_text(ui, &mut s.url, "Address", false)
            }) {
                field = Some("address");
            }
        });
    field
}

fn event_ui(
    app: &mut GovchartApp,
    ui: &mut egui::Ui,
    e: &mut EventFile<'static>,
    choices: &Choices,
) -> Option<&'static str> {
    let mut field = None;
    let key = e.id.to_string();
    egui::Grid::new(("event", key.as_str()))
        .num_columns(2)
        .show(ui, |ui| {
            let mut date = Some(e.date.clone());
            let edit = row(ui, "Date", |ui| {
                forms::date(ui, Some(&e.date), "Date", false)
            });
            if apply_date(app, edit, &mut date)
                && let Some(date) = date
            {
                e.date = date;
                field = Some("date");
            }
            if row(ui, "Title", |ui| {
                forms::text(ui, &mut e.title, "Event title")
            }) {
                field = Some("title");
            }
            let kinds = [
                "Announcement",
                "Appointment",
                "Departure",
                "Restructure",
                "Merger",
            ];
            let now = match &e.kind {
                EventKind::Announcement => 0,
                EventKind::Appointment => 1,
                EventKind::Departure => 2,
                EventKind::Restructure => 3,
                EventKind::Merger { .. } => 4,
            };
            let mut chosen = now;
            row(ui, "Kind", |ui| {
                egui::ComboBox::from_id_salt(("event kind", key.as_str()))
                    .selected_text(kinds[now])
                    .show_ui(ui, |ui| {
                        for (i, k) in kinds.iter().enumerate() {
                            ui.selectable_value(&mut chosen, i, *k);
                        }
                    });
            });
            if chosen != now {
                e.kind = match chosen {
                    0 => EventKind::Announcement,
                    1 => EventKind::Appointment,
                    2 => EventKind::Departure,
                    3 => EventKind::Restructure,
                    _ => EventKind::Merger {
                        into: Text::from(
                            choices
                                .organisations
                                .first()
                                .map_or_else(String::new, |(id, _)| id.clone()),
                        ),
                        absorbed: Vec::new(),
                    },
                };
                field = Some("kind");
            }
            if let EventKind::Merger { into, absorbed } = &mut e.kind {
                if row(ui, "Into", |ui| {
                    forms::pick(ui, into, "Merger into", &choices.organisations)
                }) {
                    field = Some("merger");
                }
                if row(ui, "Absorbed", |ui| {
                    forms::id_list(ui, absorbed, "Merger absorbed", &choices.organisations)
                }) {
                    field = Some("merger");
                }
            }
            if row(ui, "Milestone", |ui| {
                ui.checkbox(&mut e.milestone, "on the timeline").changed()
            }) {
                field = Some("milestone");
            }
            if row(ui, "Certainty", |ui| {
                forms::certainty(ui, &mut e.certainty, "Event certainty")
            }) {
                field = Some("certainty");
            }
            if row(ui, "People", |ui| {
                forms::id_list(ui, &mut e.people, "Event people", &choices.people)
            }) {
                field = Some("people");
            }
            if row(ui, "Posts", |ui| {
                forms::id_list(ui, &mut e.posts, "Event posts", &choices.posts)
            }) {
                field = Some("posts");
            }
            if row(ui, "Organisations", |ui| {
                forms::id_list(
                    ui,
                    &mut e.organisations,
                    "Event organisations",
                    &choices.organisations,
                )
            }) {
                field = Some("organisations");
            }
            if row(ui, "Sources", |ui| {
                forms::id_list(ui, &mut e.sources, "Event sources", &choices.sources)
            }) {
                field = Some("sources");
            }
            if row(ui, "Note", |ui| {
                forms::optional_text(ui, &mut e.note, "Event note", true)
            }) {
                field = Some("note");
            }
        });
    field
}

/// A card's menu (right-click): the dated actions on the day shown, editing, folding.
pub fn card_menu_ui(app: &mut GovchartApp, ui: &mut egui::Ui, post: PostId) {
    let chart = app.session.doc.chart.clone();
    let key = chart.post(post).key.to_string();
    let day = app.session.day;
    let on = PartialDate::from_day(day).human();
    let holders: Vec<(String, String, usize)> = tenures_of(&app.session.doc.file, &key)
        .into_iter()
        .filter_map(|(p, t)| {
            let person = &app.session.doc.file.people[p];
            let tenure = &person.tenures[t];
            held_on(tenure, day).then(|| (person.id.to_string(), person.name.to_string(), t))
        })
        .collect();
    let appoint = if holders.is_empty() {
        format!("Appoint… (vacant on {on})")
    } else {
        "Appoint…".to_owned()
    };
    if ui.button(appoint).clicked() {
        open_appoint(app, key.clone(), day);
        ui.close();
    }
    for (person, name, index) in holders {
        if ui
            .button(format!("End here: {name}"))
            .on_hover_text(format!("{name} no longer holds the post from {on}"))
            .clicked()
        {
            app.send(Command::Edit(Edit::EndTenure {
                person,
                index,
                end: day_text(day),
            }));
            ui.close();
        }
    }
    ui.separator();
    if ui.button("Edit…").clicked() {
        app.send(Command::Select {
            post: Some(post),
            centre: false,
        });
        app.editor.editing = true;
        ui.close();
    }
    let has_reports = (app.shown.as_ref())
        .is_some_and(|s| s.snapshot.posts.iter().any(|v| v.reports_to == Some(post)));
    let folded = app.session.collapsed.contains(&post);
    if has_reports || folded {
        let fold = if folded { "Unfold" } else { "Fold its reports" };
        if ui.button(fold).clicked() {
            app.send(Command::ToggleFold(post));
            ui.close();
        }
    }
    if ui.button("Delete this post").clicked() {
        app.send(Command::Edit(Edit::Delete {
            list: List::Posts,
            id: key,
        }));
        ui.close();
    }
    ui.separator();
    ui.weak("Drag a card onto another to make it report there from the date shown.");
}
