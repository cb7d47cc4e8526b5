//! One self-contained web page with the chart through time: the picture of every day the
//! chart changes as SVG, built from one shared set of fragments (a card that stays put is
//! written once for all the days it is drawn on), a slider with play and previous/next
//! change, the events, and cards that show their holders and sources when clicked or
//! chosen with the keyboard. The font is embedded; the page needs no network.
//! `page.html#2019-11-01` opens it at a day, and moving the slider updates that link.

use std::collections::HashMap;

use serde::Serialize;

use crate::animate::{Step, events_on, key_days, picture_on};
use crate::date::{Day, PartialDate};
use crate::model::{Chart, Cites, PostId};
use crate::render::{RenderError, escape, write_item};
use crate::scene::moved;
use crate::scene::{Item, Scene, Theme};
use crate::timeline::Snapshot;

/// The page's skeleton, its style and its script.
const PAGE: &str = include_str!("../../assets/html/page.html");
const STYLE: &str = include_str!("../../assets/html/page.css");
const SCRIPT: &str = include_str!("../../assets/html/page.js");

/// The most drawing (in bytes of SVG) a page holds: larger pages load too slowly to use.
pub const MAX_BYTES: usize = 200 << 20;

/// The most days the slider has when the step is chosen for the chart: past it, one day a
/// month (or a quarter, or a year) is drawn rather than every change.
pub const MOST_DAYS: usize = 400;

/// What page to make.
#[derive(Clone, Debug)]
pub struct Page {
    /// The first day.
    pub from: Day,
    /// The last day.
    pub to: Day,
    /// The day it opens on (without a dated link).
    pub opening: Day,
    /// Colours.
    pub theme: Theme,
    /// Which days the slider has.
    pub step: Step,
}

impl Page {
    /// The whole of the chart's span, opening on its default date, with every day the chart
    /// changes on the slider (or, for a chart that changes on more than [`MOST_DAYS`] days,
    /// the first of every month, quarter or year, whichever is the finest within it).
    pub fn whole(chart: &Chart, theme: Theme) -> Page {
        let (from, to) = crate::timeline::range(chart);
        let opening = chart
            .info
            .default_date
            .map_or(from, |d| d.first_day())
            .clamp(from, to);
        let step = [Step::Change, Step::Month, Step::Quarter]
            .into_iter()
            .find(|&step| key_days(chart, from, to, step).len() <= MOST_DAYS)
            .unwrap_or(Step::Year);
        Page {
            from,
            to,
            opening,
            theme,
            step,
        }
    }
}

/// A day of the slider.
#[derive(Serialize)]
struct DayData {
    /// `2019-07-01`.
    d: String,
    /// `1 Jul 2019`.
    label: String,
    /// The events of the day, if any.
    events: Vec<String>,
    /// The part of the frame this day's picture takes: x, y, width, height.
    view: [f64; 4],
    /// The fragments drawn, back to front, each with where it goes.
    items: Vec<(u32, f64, f64)>,
}

/// A holder of a post, for the details panel.
#[derive(Serialize)]
struct HolderData {
    name: String,
    acting: bool,
    dates: String,
    /// Days the tenure may hold on, as `2019-07-01`, for marking the holder of the day.
    from: String,
    until: Option<String>,
    certainty: &'static str,
    end_cause: Option<String>,
    note: Option<String>,
    sources: Vec<u32>,
}

/// A post, for the details panel.
#[derive(Serialize)]
struct PostData {
    title: String,
    /// Its organisation at first, and (`2019-07-01`, name) for each move after.
    organisation: String,
    moves: Vec<(String, String)>,
    note: Option<String>,
    holders: Vec<HolderData>,
    sources: Vec<u32>,
}

/// A source.
#[derive(Serialize)]
struct SourceData {
    title: String,
    publisher: String,
    date: Option<String>,
    url: Option<String>,
}

/// An event, for the list.
#[derive(Serialize)]
struct EventData {
    d: String,
    label: String,
    title: String,
    milestone: bool,
    certainty: &'static str,
    sources: Vec<u32>,
}

/// Everything the page's script reads.
#[derive(Serialize)]
struct Data {
    title: String,
    opening: usize,
    opening_day: String,
    last: String,
    days: Vec<DayData>,
    fragments: Vec<String>,
    posts: HashMap<String, PostData>,
    sources: Vec<SourceData>,
    events: Vec<EventData>,
}

/// Fragments of SVG, each kept once.
#[derive(Default)]
struct Fragments {
    index: HashMap<String, u32>,
    list: Vec<String>,
    bytes: usize,
}

impl Fragments {
    fn add(&mut self, text: String) -> u32 {
        if let Some(&i) = self.index.get(&text) {
            return i;
        }
        let i = self.list.len() as u32;
        self.bytes += text.len();
        self.index.insert(text.clone(), i);
        self.list.push(text);
        i
    }
}

fn iso(day: Day) -> String {
    PartialDate::from_day(day).to_string()
}

/// A place rounded to the hundredth of a unit the SVG is written at.
fn anchor(x: f64, y: f64) -> (f64, f64) {
    ((x * 100.0).round() / 100.0, (y * 100.0).round() / 100.0)
}

/// Where an item is anchored: a box's corner, a text's start, a line's first point.
fn anchor_of(item: &Item) -> (f64, f64) {
    match item {
        Item::Rect { rect, .. } => anchor(rect.x, rect.y),
        Item::Text { at, .. } => anchor(at.x, at.y),
        Item::Path { points, .. } => points.first().map_or((0.0, 0.0), |p| anchor(p.x, p.y)),
    }
}

/// The fragments of one day's picture, each written from its anchor and placed there, so
/// that a card or a line that only moved is still written once: a card as one group,
/// named for screen readers; everything else item by item.
fn day_items(
    chart: &Chart,
    scene: &Scene,
    snapshot: &Snapshot,
    fragments: &mut Fragments,
) -> Vec<(u32, f64, f64)> {
    let starts: HashMap<usize, usize> = (scene.card_items.iter().enumerate())
        .map(|(card, range)| (range.start, card))
        .collect();
    let mut items = Vec::with_capacity(scene.items.len());
    let mut i = 0;
    while i < scene.items.len() {
        if let Some(&card) = starts.get(&i)
            && let Some(range) = scene.card_items.get(card).filter(|r| !r.is_empty())
        {
            let (post, rect) = scene.cards[card];
            let (x, y) = anchor(rect.x, rect.y);
            let label = crate::timeline::holding::card_label(chart, snapshot, post);
            let mut text = format!(
                "<g class=\"card\" data-post=\"{}\" tabindex=\"0\" role=\"button\" aria-label=\"{}\">",
                escape(&chart.post(post).key),
                escape(&label)
            );
            for item in &scene.items[range.clone()] {
                write_item(&mut text, &moved(item, (-x, -y), 1.0));
            }
            text.push_str("</g>");
            items.push((fragments.add(text), x, y));
            i = range.end;
            continue;
        }
        let item = &scene.items[i];
        let (x, y) = anchor_of(item);
        let mut text = String::new();
        write_item(&mut text, &moved(item, (-x, -y), 1.0));
        items.push((fragments.add(text), x, y));
        i += 1;
    }
    items
}

/// The part of a picture that is drawn on: x, y, width, height.
fn drawn_bounds(scene: &Scene) -> [f64; 4] {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut take = |x: f64, y: f64| {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    };
    for item in &scene.items {
        match item {
            Item::Rect { rect, .. } => {
                take(rect.x, rect.y);
                take(rect.x + rect.w, rect.y + rect.h);
            }
            Item::Path { points, .. } => points.iter().for_each(|p| take(p.x, p.y)),
            Item::Text { at, size, .. } => take(at.x, at.y - f64::from(*size)),
        }
    }
    if x0 > x1 {
        return [0.0, 0.0, scene.width, scene.height];
    }
    [x0, y0, x1 - x0, y1 - y0]
}

/// A picture's place as a `viewBox`, with a margin around it.
fn view_box(view: [f64; 4]) -> String {
    let [x, y, w, h] = view;
    format!("{} {} {} {}", x - 12.0, y - 12.0, w + 24.0, h + 24.0)
}

/// A day's fragments as SVG, each in its place.
fn day_svg(items: &[(u32, f64, f64)], fragments: &[String]) -> String {
    let mut out = String::new();
    for &(i, x, y) in items {
        out.push_str(&format!("<g transform=\"translate({x} {y})\">"));
        out.push_str(&fragments[i as usize]);
        out.push_str("</g>");
    }
    out
}

/// The sources cited, as their places in the page's list.
fn cited(chart: &Chart, cites: Cites) -> Vec<u32> {
    chart.cited(cites).iter().map(|s| s.0).collect()
}

/// Every post's holders over time and its sources.
fn posts(chart: &Chart) -> HashMap<String, PostData> {
    (chart.posts.iter().enumerate())
        .map(|(i, post)| {
            let id = PostId(i as u32);
            // Earliest first, as `tenures_of` gives them.
            let holders = (chart.tenures_of(id).into_iter())
                .map(|t| chart.tenure(t))
                .map(|t| HolderData {
                    name: chart.person(t.person).name.to_string(),
                    acting: t.acting,
                    dates: crate::timeline::holding::tenure_dates(t),
                    from: iso(t.start.first_day()),
                    until: t.end.map(|e| iso(e.end_bound())),
                    certainty: t.fact.certainty.as_str(),
                    end_cause: t.end_cause().map(str::to_owned),
                    note: t.note().map(str::to_owned),
                    sources: cited(chart, t.fact.sources),
                })
                .collect();
            let data = PostData {
                title: post.title.to_string(),
                organisation: chart.org(post.organisation).name.clone(),
                moves: (post.moves.iter())
                    .map(|m| (iso(m.date.first_day()), chart.org(m.to).name.clone()))
                    .collect(),
                note: post.note.as_deref().map(str::to_owned),
                holders,
                sources: cited(chart, post.sources),
            };
            (post.key.to_string(), data)
        })
        .collect()
}

/// What the slider's days are: "58 days: every day the chart changes".
fn step_note(step: Step, days: usize) -> String {
    let which = match step {
        Step::Change => "every day the chart changes",
        Step::Month => "the first of every month",
        Step::Quarter => "the first of every quarter",
        Step::Year => "the first of every year",
    };
    format!("The slider has {days} days: {which}.")
}

/// JSON that can sit inside a `<script>` element: with no `<`, nothing in it can end the
/// element or open another (they only occur inside strings, where `\u003c` reads the same).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// The page, as HTML; `progress` is told (days done, days in all) after each day's picture
/// and stops the work, with [`RenderError::Cancelled`], when it returns false.
pub fn to_html(
    chart: &Chart,
    page: &Page,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<String, RenderError> {
    let days = key_days(chart, page.from, page.to, page.step);
    let total = days.len();
    let mut fragments = Fragments::default();
    let mut day_data = Vec::with_capacity(total);
    // One day's picture at a time: only the fragments are kept.
    for (n, &day) in days.iter().enumerate() {
        let scene = picture_on(chart, day, &page.theme);
        let view = drawn_bounds(&scene);
        let snapshot = Snapshot::at(chart, day);
        let items = day_items(chart, &scene, &snapshot, &mut fragments);
        let events = events_on(chart, day).map(|e| e.title.clone()).collect();
        day_data.push(DayData {
            d: iso(day),
            label: PartialDate::from_day(day).human(),
            view: view.map(|v| v.round()),
            events,
            items,
        });
        if fragments.bytes > MAX_BYTES {
            return Err(RenderError::Encode(format!(
                "the page would be larger than {} MB by {}, with {total} days on its slider; choose fewer days (--step month, quarter or year)",
                MAX_BYTES >> 20,
                PartialDate::from_day(day).human()
            )));
        }
        if !progress(n + 1, total) {
            return Err(RenderError::Cancelled);
        }
    }
    let opening = days.iter().rposition(|&d| d <= page.opening).unwrap_or(0);
    let opening_svg = day_svg(&day_data[opening].items, &fragments.list);
    let opening_box = view_box(day_data[opening].view);
    let sources = (chart.sources.iter())
        .map(|s| SourceData {
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            date: s.date.map(|d| d.human()),
            url: s.url.clone(),
        })
        .collect();
    let mut events: Vec<EventData> = (chart.events.iter())
        .filter(|e| {
            let d = e.date.first_day();
            d >= page.from && d <= page.to
        })
        .map(|e| EventData {
            d: iso(e.date.first_day()),
            label: e.date.human(),
            title: e.title.clone(),
            milestone: e.milestone,
            certainty: e.fact.certainty.as_str(),
            sources: cited(chart, e.fact.sources),
        })
        .collect();
    events.sort_by(|a, b| a.d.cmp(&b.d));
    let events_html: String = (events.iter())
        .map(|e| {
            format!(
                "<li{}><button type=\"button\" data-date=\"{}\"><span class=\"when\">{}</span> {}</button></li>\n",
                if e.milestone { " class=\"milestone\"" } else { "" },
                e.d,
                escape(&e.label),
                escape(&e.title)
            )
        })
        .collect();
    let data = Data {
        title: chart.info.title.clone(),
        opening,
        opening_day: iso(page.opening),
        last: iso(page.to),
        days: day_data,
        fragments: fragments.list,
        posts: posts(chart),
        sources,
        events,
    };
    let json = serde_json::to_string(&data).map_err(|e| RenderError::Encode(e.to_string()))?;
    let font = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        crate::text::FONT_BYTES,
    );
    let opening_label = PartialDate::from_day(page.opening).human();
    let description = chart.info.description.as_deref().unwrap_or("");
    let svg = format!(
        "<svg id=\"picture\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{}\" preserveAspectRatio=\"xMidYMid meet\" role=\"group\" aria-label=\"The chart on {}\">{opening_svg}</svg>",
        opening_box,
        escape(&opening_label),
    );
    let dark = page.theme.background.r < 128;
    let replacements = [
        ("{{title}}", escape(&chart.info.title)),
        ("{{description}}", escape(description)),
        ("{{scheme}}", if dark { "dark" } else { "light" }.to_owned()),
        ("{{font_family}}", crate::text::FONT_FAMILY.to_owned()),
        ("{{font}}", font),
        ("{{style}}", STYLE.to_owned()),
        ("{{last_index}}", (total - 1).to_string()),
        ("{{opening_index}}", opening.to_string()),
        ("{{opening_label}}", escape(&opening_label)),
        ("{{svg}}", svg),
        ("{{background}}", page.theme.background.css()),
        ("{{events}}", events_html),
        ("{{sources}}", chart.sources.len().to_string()),
        ("{{days}}", step_note(page.step, total)),
        ("{{data}}", script_safe(&json)),
        ("{{script}}", SCRIPT.to_owned()),
    ];
    Ok(fill(PAGE, &replacements))
}

/// The template with each `{{key}}` replaced by its value, in one pass, so that nothing a
/// value says is taken for a key.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let extra: usize = values.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::with_capacity(template.len() + extra);
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match values.iter().find(|(key, _)| after.starts_with(key)) {
            Some((key, value)) => {
                out.push_str(value);
                rest = &after[key.len()..];
            }
            None => {
                out.push_str("{{");
                rest = &after[2..];
            }
        }
    }
    out.push_str(rest);
    out
}
