//! The side panels: the events list (or, when comparing, the list of changes) on the left,
//! and the inspector for the selected post on the right.

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Vec2};

use crate::app::{Command, GovchartApp};
use crate::date::{Day, PartialDate};
use crate::model::{Certainty, Chart, Fact, LineKind, PostId};
use crate::timeline::{Change, Snapshot, diff};

/// The post a change is about, if any.
fn post_of(chart: &Chart, change: &Change) -> Option<PostId> {
    match *change {
        Change::PostCreated(p)
        | Change::PostAbolished(p)
        | Change::PostFollowed(p)
        | Change::PostUnfollowed(p) => Some(p),
        Change::PostMoved { post, .. } => Some(post),
        Change::Arrived(t) | Change::Left(t) | Change::TookUp(t) => Some(chart.tenure(t).post),
        Change::LineAdded(l) | Change::LineRemoved(l) => Some(chart.line(l).from),
        _ => None,
    }
}

/// The left panel: changes when comparing, events otherwise.
pub fn left(app: &mut GovchartApp, ui: &mut egui::Ui) {
    if let Some(other) = app.session.compare {
        changes(app, ui, other);
    } else {
        events(app, ui);
    }
}

fn changes(app: &mut GovchartApp, ui: &mut egui::Ui, other: Day) {
    let chart = app.session.doc.chart.clone();
    let (a, b) = (other.min(app.session.day), other.max(app.session.day));
    ui.heading("Changes");
    ui.label(format!(
        "From {} to {}",
        PartialDate::from_day(a).human(),
        PartialDate::from_day(b).human()
    ));
    ui.separator();
    // The list is made once per pair of dates, not every frame.
    let key = (app.session.doc.generation, a, b);
    if app.change_list.as_ref().is_none_or(|(k, _)| *k != key) {
        let found = diff(&chart, &Snapshot::at(&chart, a), &Snapshot::at(&chart, b));
        let list = (found.changes.iter())
            .filter(|c| !matches!(c, Change::Event(_)))
            .map(|c| (c.summary(&chart, b), post_of(&chart, c)))
            .collect();
        app.change_list = Some((key, list));
    }
    // Taken out while drawn, so clicking a change can select its post.
    let Some((key, listed)) = app.change_list.take() else {
        return;
    };
    if listed.is_empty() {
        ui.label("Nothing changed between these dates.");
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            for (text, post) in &listed {
                let (text, post) = (text.as_str(), *post);
                let selected = post.is_some() && post == app.session.selected;
                let response = ui.selectable_label(selected, text);
                if response.clicked()
                    && let Some(post) = post
                {
                    app.send(Command::Select {
                        post: Some(post),
                        centre: true,
                    });
                }
            }
        });
    app.change_list = Some((key, listed));
}

fn events(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let chart = app.session.doc.chart.clone();
    ui.heading("Events");
    ui.separator();
    let current = app
        .session
        .doc
        .events
        .iter()
        .rposition(|&e| chart.events[e.index()].date.first_day() <= app.session.day);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            if app.session.doc.events.is_empty() {
                ui.label("This chart has no events.");
            }
            for (i, &e) in app.session.doc.events.clone().iter().enumerate() {
                let event = &chart.events[e.index()];
                let mut title = egui::RichText::new(&event.title);
                if event.milestone {
                    title = title.strong();
                }
                let here = Some(i) == current;
                let response = ui
                    .vertical(|ui| {
                        ui.label(egui::RichText::new(event.date.human()).small().weak());
                        let r = ui.selectable_label(here, title);
                        if event.fact.certainty != Certainty::Confirmed {
                            ui.label(
                                egui::RichText::new(event.fact.certainty.as_str())
                                    .small()
                                    .italics(),
                            );
                        }
                        r
                    })
                    .inner;
                if here && app.session.playing {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                if response.clicked() {
                    app.send(Command::GoTo(event.date.first_day()));
                }
                ui.add_space(2.0);
            }
        });
}

/// The right panel: the selected post, or the chart when nothing is selected.
pub fn inspector(app: &mut GovchartApp, ui: &mut egui::Ui) {
    if let Some(post) = app.session.selected {
        ui.horizontal(|ui| {
            let editing = &mut app.editor.editing;
            ui.selectable_value(editing, false, "Story")
                .on_hover_text("Who held the post when, and the sources");
            ui.selectable_value(editing, true, "Edit post")
                .on_hover_text("Change the post, its lines and its holders");
            if !*editing && ui.small_button("Appoint…").clicked() {
                let key = app.session.doc.chart.post(post).key.to_string();
                crate::app::editor::open_appoint(app, key, app.session.day);
            }
        });
        ui.separator();
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| match app.session.selected {
            Some(post) if app.editor.editing => crate::app::editor::post_ui(app, ui, post),
            Some(post) => post_details(app, ui, post),
            None => chart_details(app, ui),
        });
}

fn chart_details(app: &mut GovchartApp, ui: &mut egui::Ui) {
    let chart = app.session.doc.chart.clone();
    ui.heading(&chart.info.title);
    if let Some(description) = &chart.info.description {
        ui.label(description);
    }
    ui.separator();
    let day = app.session.day;
    let snapshot = &app.shown().snapshot;
    let vacant = (snapshot.posts.iter())
        .filter(|v| snapshot.holders(v).is_empty())
        .count();
    ui.label(format!(
        "On {}: {} organisations, {} posts, {} vacant.",
        PartialDate::from_day(day).human(),
        snapshot.organisations.len(),
        snapshot.posts.len(),
        vacant
    ));
    ui.label(format!(
        "In all: {} organisations, {} posts, {} people, {} events, {} sources.",
        chart.organisations.len(),
        chart.posts.len(),
        chart.people.len(),
        chart.events.len(),
        chart.sources.len()
    ));
    ui.add_space(8.0);
    ui.weak("Click a card to see who held the post when, and the sources of each fact.");
    ui.add_space(8.0);
    if ui
        .button("Edit chart…")
        .on_hover_text(
            "The chart's title and period, its organisations, posts, people, sources and events",
        )
        .clicked()
    {
        app.editor.window = Some(crate::app::editor::Tab::Chart);
    }
}

/// "confirmed" etc., with a colour that does not rely on hue alone (words are shown too).
fn certainty_label(ui: &mut egui::Ui, certainty: Certainty) {
    let text = egui::RichText::new(certainty.as_str()).small();
    let text = match certainty {
        Certainty::Confirmed => text,
        Certainty::Reported => text.italics(),
        Certainty::Expected => text.italics().underline(),
    };
    ui.label(text);
}

/// The sources of a fact, as links where they have addresses.
fn sources(ui: &mut egui::Ui, chart: &Chart, fact: &Fact) {
    for &source in chart.cited(fact.sources) {
        let s = &chart.sources[source.index()];
        let date = s
            .date
            .map(|d| format!(", {}", d.human()))
            .unwrap_or_default();
        let text = format!("{}: {}{date}", s.publisher, s.title);
        match &s.url {
            Some(url) => {
                ui.hyperlink_to(egui::RichText::new(text).small(), url)
                    .on_hover_text(url);
            }
            None => {
                ui.label(egui::RichText::new(text).small());
            }
        }
    }
}

fn post_details(app: &mut GovchartApp, ui: &mut egui::Ui, post: PostId) {
    let chart = app.session.doc.chart.clone();
    let p = chart.post(post);
    ui.heading(p.title.as_str());
    // What the day says of the post, read once (the snapshot is not copied).
    struct Today {
        organisation: crate::model::OrgId,
        reports_to: Option<PostId>,
        reports: usize,
        lines: Vec<(PostId, &'static str)>,
    }
    let today = {
        let snapshot = &app.shown().snapshot;
        snapshot.post(post).map(|view| Today {
            organisation: view.organisation,
            reports_to: view.reports_to,
            reports: (snapshot.posts.iter())
                .filter(|v| v.reports_to == Some(post))
                .count(),
            lines: (snapshot.lines.iter())
                .filter(|l| l.kind != LineKind::ReportsTo)
                .filter_map(|l| {
                    if l.from == post {
                        Some((l.to, l.kind.as_str()))
                    } else if l.to == post {
                        Some((l.from, "has a line from"))
                    } else {
                        None
                    }
                })
                .collect(),
        })
    };
    match today {
        Some(view) => {
            ui.label(format!(
                "Organisation: {}",
                chart.org(view.organisation).name
            ));
            match view.reports_to {
                Some(manager) => {
                    ui.horizontal(|ui| {
                        ui.label("Reports to:");
                        if ui.link(chart.post(manager).title.as_str()).clicked() {
                            app.send(Command::Select {
                                post: Some(manager),
                                centre: true,
                            });
                        }
                    });
                }
                None => {
                    ui.label("Reports to no post on this chart");
                }
            }
            let reports = view.reports;
            if reports > 0 {
                let folded = app.session.collapsed.contains(&post);
                ui.horizontal(|ui| {
                    ui.label(format!("{reports} direct reports"));
                    let text = if folded { "Unfold" } else { "Fold" };
                    if ui.button(text).clicked() {
                        app.send(Command::ToggleFold(post));
                    }
                });
            }
            for (other, verb) in view.lines {
                ui.label(format!(
                    "{} {}",
                    verb.replace('_', " "),
                    chart.post(other).title
                ));
            }
            if let Some(count) = chart.staff_on(post, app.session.day) {
                ui.label(format!(
                    "{count} staff below this post, not shown one by one"
                ));
            }
            let details: Vec<_> = chart.details_on(post, app.session.day).collect();
            if !details.is_empty() {
                egui::Grid::new(("post-details", post.index()))
                    .num_columns(2)
                    .spacing([8.0, 2.0])
                    .show(ui, |ui| {
                        for detail in details {
                            ui.label(egui::RichText::new(&detail.name).weak());
                            ui.add(egui::Label::new(&detail.value).wrap());
                            ui.end_row();
                        }
                    });
            }
        }
        None => {
            ui.label(format!(
                "Not on the chart on {}",
                PartialDate::from_day(app.session.day).human()
            ));
        }
    }
    ui.separator();
    ui.strong("Holders over time");
    holder_bars(app, ui, post);
    ui.separator();
    let tenures = tenures_in_order(chart.as_ref(), post);
    for t in tenures {
        let acting = if t.acting { " (acting)" } else { "" };
        ui.label(egui::RichText::new(format!("{}{acting}", chart.person(t.person).name)).strong());
        let span = crate::timeline::holding::tenure_dates(t);
        ui.horizontal(|ui| {
            ui.label(span);
            certainty_label(ui, t.fact.certainty);
        });
        if let Some(cause) = t.end_cause() {
            ui.label(egui::RichText::new(cause).small());
        }
        if let Some(note) = t.note() {
            ui.label(egui::RichText::new(note).small().weak());
        }
        sources(ui, &chart, &t.fact);
        ui.add_space(6.0);
    }
    if !p.sources.is_empty() {
        ui.separator();
        ui.strong("Sources for the post");
        let fact = Fact {
            certainty: Certainty::Confirmed,
            sources: p.sources,
        };
        sources(ui, &chart, &fact);
    }
}

/// Every tenure of a post, earliest first.
fn tenures_in_order(chart: &Chart, post: PostId) -> Vec<&crate::model::Tenure> {
    let mut tenures: Vec<_> = (chart.tenures_of(post).into_iter())
        .map(|t| chart.tenure(t))
        .collect();
    tenures.sort_by_key(|t| t.start.first_day());
    tenures
}

/// Every holder of a post as a bar across the chart's span: solid for confirmed, lighter for
/// reported, outlined for expected, hatched for acting; the day shown is a line.
fn holder_bars(app: &GovchartApp, ui: &mut egui::Ui, post: PostId) {
    let chart = &app.session.doc.chart;
    let tenures = tenures_in_order(chart, post);
    if tenures.is_empty() {
        ui.label("No holders recorded.");
        return;
    }
    let (from, to) = app.session.doc.span;
    let row = 20.0;
    let width = ui.available_width().max(120.0);
    let (response, painter) = ui.allocate_painter(
        Vec2::new(width, row * tenures.len() as f32 + 14.0),
        Sense::hover(),
    );
    let area = response.rect;
    let x_of = |day: Day| {
        let f = (day.0 - from.0) as f32 / (to.0 - from.0).max(1) as f32;
        area.left() + f.clamp(0.0, 1.0) * area.width()
    };
    let accent = ui.visuals().selection.bg_fill;
    let text = ui.visuals().text_color();
    for (i, t) in tenures.iter().enumerate() {
        let top = area.top() + i as f32 * row;
        let end = t.end.map_or(to, |e| e.end_bound());
        let named = t.start.first_day();
        let start = t.in_post.map_or(named, |d| d.first_day());
        if start > named {
            // Named but not yet in post: outlined.
            let designate = Rect::from_min_max(
                Pos2::new(x_of(named), top + 2.0),
                Pos2::new(x_of(start), top + row - 2.0),
            );
            painter.rect_stroke(
                designate,
                3.0,
                egui::Stroke::new(1.0, accent.gamma_multiply(0.7)),
                egui::StrokeKind::Inside,
            );
        }
        let bar = Rect::from_min_max(
            Pos2::new(x_of(start), top + 2.0),
            Pos2::new(x_of(end).max(x_of(start) + 2.0), top + row - 2.0),
        );
        let fill = match t.fact.certainty {
            Certainty::Confirmed => accent,
            Certainty::Reported => accent.gamma_multiply(0.55),
            Certainty::Expected => Color32::TRANSPARENT,
        };
        painter.rect(
            bar,
            3.0,
            fill,
            egui::Stroke::new(1.0, accent),
            egui::StrokeKind::Inside,
        );
        if t.acting {
            let mut x = bar.left() + 3.0;
            while x < bar.right() {
                painter.line_segment(
                    [
                        Pos2::new(x, bar.bottom()),
                        Pos2::new((x + 6.0).min(bar.right()), bar.top()),
                    ],
                    (1.0, text.gamma_multiply(0.5)),
                );
                x += 6.0;
            }
        }
        painter.text(
            Pos2::new(x_of(named) + 4.0, bar.center().y),
            egui::Align2::LEFT_CENTER,
            &chart.person(t.person).name,
            egui::FontId::proportional(11.0),
            text,
        );
    }
    let now = x_of(app.session.day);
    painter.line_segment(
        [
            Pos2::new(now, area.top()),
            Pos2::new(now, area.bottom() - 12.0),
        ],
        (1.5, ui.visuals().warn_fg_color),
    );
    let years = |day: Day| day.civil().0;
    for year in years(from)..=years(to) {
        let new_year = Day::from_civil(year, 1, 1);
        if new_year < from {
            continue;
        }
        let x = x_of(new_year);
        painter.text(
            Pos2::new(x, area.bottom()),
            egui::Align2::CENTER_BOTTOM,
            format!("{}", year % 100),
            egui::FontId::proportional(9.0),
            ui.visuals().weak_text_color(),
        );
    }
    response.on_hover_text("Bars: confirmed solid, reported light, expected outlined, acting hatched, named but not yet in post a thin outline; the line is the date shown");
}
