//! Find (Ctrl+F): people, posts and organisations by name. Choosing one moves the date to
//! when it is on the chart (if it is not now), selects its card and centres it.

use eframe::egui;

use crate::app::{Command, GovchartApp};
use crate::date::Day;
use crate::model::{Chart, OrgId, PersonId, PostId};
use crate::timeline::Snapshot;

/// The most results listed.
const MOST: usize = 50;

/// The find window's state.
#[derive(Default)]
pub struct Search {
    /// Whether the window is open.
    pub open: bool,
    /// Give the query field the keyboard on the next frame.
    pub focus: bool,
    /// What the user typed.
    pub query: String,
}

/// Something found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// A person.
    Person(PersonId),
    /// A post.
    Post(PostId),
    /// An organisation.
    Org(OrgId),
}

/// What matches `query` (case-insensitive, anywhere in the name), people first.
pub fn find(chart: &Chart, query: &str) -> Vec<Found> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let hit = |name: &str| name.to_lowercase().contains(&query);
    let people = (chart.people.iter().enumerate())
        .filter(|(_, p)| hit(&p.name))
        .map(|(i, _)| Found::Person(PersonId(i as u32)));
    let posts = (chart.posts.iter().enumerate())
        .filter(|(_, p)| hit(&p.title))
        .map(|(i, _)| Found::Post(PostId(i as u32)));
    let orgs = (chart.organisations.iter().enumerate())
        .filter(|(_, o)| hit(&o.name) || o.short.as_deref().is_some_and(hit))
        .map(|(i, _)| Found::Org(OrgId(i as u32)));
    people.chain(posts).chain(orgs).take(MOST).collect()
}

/// The days worth trying for a post, nearest to `day` first: when its holders started, and
/// when it was created or first followed.
fn days_for_post(chart: &Chart, post: PostId, day: Day) -> Vec<Day> {
    let p = chart.post(post);
    let mut days: Vec<Day> = (chart.tenures_of(post).into_iter())
        .map(|t| chart.tenure(t).start.first_day())
        .chain(p.created.map(|d| d.first_day()))
        .chain(p.followed_from.map(|d| d.first_day()))
        .collect();
    days.sort();
    days.dedup();
    days.sort_by_key(|d| (d.0 - day.0).abs());
    days
}

/// Where to go for something found: a day on which it is on the chart (`day` itself if it
/// is) and the post to select.
pub fn destination(chart: &Chart, found: Found, day: Day) -> Option<(Day, PostId)> {
    let first_shown = |post: PostId| {
        std::iter::once(day)
            .chain(days_for_post(chart, post, day))
            .take(16)
            .find(|&d| Snapshot::at(chart, d).position(post).is_some())
    };
    match found {
        Found::Post(post) => first_shown(post).map(|d| (d, post)),
        Found::Person(person) => {
            let mut tenures: Vec<_> = (chart.tenures.iter())
                .filter(|t| t.person == person)
                .collect();
            // The tenure held on the day, else the one nearest to it.
            tenures.sort_by_key(|t| {
                let start = t.start.first_day();
                let end = t.end.map_or(Day::OPEN, |e| e.end_bound());
                if start <= day && day < end {
                    0
                } else {
                    (start.0 - day.0).abs().max(1)
                }
            });
            tenures.iter().find_map(|t| {
                let start = t.start.first_day();
                let end = t.end.map_or(Day::OPEN, |e| e.end_bound());
                let at = if start <= day && day < end {
                    day
                } else {
                    start
                };
                Snapshot::at(chart, at)
                    .position(t.post)
                    .map(|_| (at, t.post))
                    .or_else(|| first_shown(t.post).map(|d| (d, t.post)))
            })
        }
        Found::Org(org) => {
            let o = chart.org(org);
            let days = [Some(day), o.founded.map(|d| d.first_day())];
            days.into_iter().flatten().find_map(|d| {
                let snapshot = Snapshot::at(chart, d);
                let post = snapshot.posts.iter().find(|v| v.organisation == org)?.post;
                Some((d, post))
            })
        }
    }
}

fn describe(chart: &Chart, found: Found) -> (String, &'static str) {
    match found {
        Found::Person(p) => (chart.person(p).name.to_string(), "person"),
        Found::Post(p) => (chart.post(p).title.to_string(), "post"),
        Found::Org(o) => (chart.org(o).name.clone(), "organisation"),
    }
}

/// Goes to something found.
pub fn choose(app: &mut GovchartApp, found: Found) {
    let chart = app.session.doc.chart.clone();
    match destination(&chart, found, app.session.day) {
        Some((day, post)) => {
            app.send(Command::GoTo(day));
            app.send(Command::Select {
                post: Some(post),
                centre: true,
            });
            app.session.status.clear();
        }
        None => {
            let (name, _) = describe(&chart, found);
            app.session.status = format!("{name} is not on the chart at any date");
        }
    }
}

/// The find window.
pub fn window(app: &mut GovchartApp, ctx: &egui::Context) {
    if !app.search.open {
        return;
    }
    let chart = app.session.doc.chart.clone();
    let mut open = true;
    let mut chosen = None;
    egui::Window::new("Find")
        .open(&mut open)
        .default_width(360.0)
        .show(ctx, |ui| {
            let label = ui.label("Name of a person, post or organisation");
            let field = egui::TextEdit::singleline(&mut app.search.query)
                .hint_text("e.g. Will Smart, NHSX")
                .desired_width(f32::INFINITY);
            let response = ui.add(field).labelled_by(label.id);
            if app.search.focus {
                response.request_focus();
                app.search.focus = false;
            }
            let results = find(&chart, &app.search.query);
            if response.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Some(&first) = results.first()
            {
                chosen = Some(first);
            }
            if !app.search.query.trim().is_empty() && results.is_empty() {
                ui.label("Nothing by that name");
            }
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for found in results {
                        let (name, kind) = describe(&chart, found);
                        ui.horizontal(|ui| {
                            if ui.button(&name).clicked() {
                                chosen = Some(found);
                            }
                            ui.label(egui::RichText::new(kind).small().weak());
                        });
                    }
                });
        });
    if let Some(found) = chosen {
        choose(app, found);
    }
    if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        app.search.open = false;
    }
}
