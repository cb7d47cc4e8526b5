//! What each post's card says on a day, and how big that makes it, measured with the font
//! the pictures use.

use crate::date::Day;
use crate::layout::{Size, Tree};
use crate::model::{Certainty, Chart, PostId};
use crate::text::Metrics;
use crate::timeline::{Snapshot, holding};

/// Who is in a post on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occupancy {
    /// Held by someone in post.
    Held,
    /// Held by an acting or interim holder.
    Acting,
    /// Nobody is in it, but someone has been named to it.
    Designate,
    /// Nobody holds it.
    Vacant,
}

/// The text of one card and its size.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// The post.
    pub post: PostId,
    /// The post's title, wrapped to the card's width.
    pub title: Vec<String>,
    /// The organisation it belongs to on the day (said by the container the card sits in,
    /// so not drawn on the card itself).
    pub organisation: String,
    /// Every holder of the day, one per line as wrapped to the card's width ("Tara Donnelly
    /// (acting), covering for Juliet Bauer"), or `VACANT`.
    pub holder: Vec<String>,
    /// "since Aug 2016", at the precision the chart gives, with "· reported" or
    /// "· expected" when the holding is not confirmed, wrapped; empty when not known.
    pub since: Vec<String>,
    /// Held, acting, awaiting its designate, or vacant.
    pub occupancy: Occupancy,
    /// How sure the chart is of the holding (none when vacant).
    pub certainty: Option<Certainty>,
    /// A last line, when a picture compares two dates: who held the post before.
    pub note: Option<String>,
    /// How many posts a collapsed card hides (0 when it is expanded).
    pub hidden: u32,
    /// The card's size.
    pub size: Size,
}

/// Type sizes and padding of cards, in chart units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardStyle {
    /// Size of the title.
    pub title_size: f32,
    /// Size of the other lines.
    pub body_size: f32,
    /// Space inside the card's edge.
    pub padding: f32,
    /// Widest a line of text may be.
    pub max_text_width: f32,
    /// Narrowest a card may be.
    pub min_width: f32,
}

impl Default for CardStyle {
    fn default() -> Self {
        CardStyle {
            title_size: 13.0,
            body_size: 12.0,
            padding: 8.0,
            max_text_width: 220.0,
            min_width: 150.0,
        }
    }
}

impl CardStyle {
    /// The size of a card with these lines.
    fn size_of(&self, title: &[String], lines: &[&str]) -> Size {
        let m = Metrics::get();
        let widest_title = title
            .iter()
            .map(|l| m.width(l, self.title_size))
            .fold(0.0, f32::max);
        let widest_line = lines
            .iter()
            .map(|l| m.width(l, self.body_size))
            .fold(0.0, f32::max);
        let text = widest_title.max(widest_line).min(self.max_text_width);
        let height = title.len() as f32 * m.line_height(self.title_size)
            + lines.len() as f32 * m.line_height(self.body_size);
        Size {
            w: f64::from((text + 2.0 * self.padding).max(self.min_width)),
            h: f64::from(height + 2.0 * self.padding),
        }
    }
}

/// The cards of a tree's posts on the snapshot's day, in node order.
pub fn cards(chart: &Chart, snapshot: &Snapshot, tree: &Tree, style: &CardStyle) -> Vec<Card> {
    (tree.posts.iter().zip(&tree.hidden))
        .map(|(&post, &hidden)| card(chart, snapshot, post, hidden, style))
        .collect()
}

/// The card of one post that exists on the snapshot's day.
pub fn card(
    chart: &Chart,
    snapshot: &Snapshot,
    post: PostId,
    hidden: u32,
    style: &CardStyle,
) -> Card {
    card_titled(
        chart,
        snapshot,
        post,
        hidden,
        style,
        title_lines(chart, post, style),
    )
}

/// A post's title wrapped to a card's width, without a last ", NHS England" that names an
/// organisation the post belongs to: the card sits in that organisation's container, which
/// says so.
pub fn title_lines(chart: &Chart, post: PostId, style: &CardStyle) -> Vec<String> {
    let m = Metrics::get();
    m.wrap(
        card_title(chart, post),
        style.title_size,
        style.max_text_width,
    )
}

/// A post's title as its card shows it: see [`title_lines`].
pub fn card_title(chart: &Chart, post: PostId) -> &str {
    let p = chart.post(post);
    let title = p.title.as_str();
    let orgs = std::iter::once(p.organisation).chain(p.moves.iter().map(|m| m.to));
    for org in orgs {
        let org = chart.org(org);
        for name in std::iter::once(org.name.as_str()).chain(org.short.as_deref()) {
            if let Some(rest) = title.strip_suffix(name)
                && let Some(rest) = rest.strip_suffix(", ")
                && !rest.trim().is_empty()
            {
                return rest;
            }
        }
    }
    title
}

/// [`card`] with the title already wrapped (by [`title_lines`]), for callers that keep it.
pub fn card_titled(
    chart: &Chart,
    snapshot: &Snapshot,
    post: PostId,
    hidden: u32,
    style: &CardStyle,
    title: Vec<String>,
) -> Card {
    let organisation = snapshot
        .post(post)
        .map_or(chart.post(post).organisation, |v| v.organisation);
    let organisation = chart.org(organisation).name.clone();
    let holders = snapshot.holders_of(post);
    let day = snapshot.day;
    let (holder, since, occupancy, certainty) = if holders.is_empty() {
        let since = vacant_since(chart, post, day).map(|d| format!("vacant since {d}"));
        (vec!["VACANT".to_owned()], since, Occupancy::Vacant, None)
    } else {
        let in_post = || holders.iter().filter(|h| !h.designate);
        let occupancy = if in_post().next().is_none() {
            Occupancy::Designate
        } else if in_post().all(|h| chart.tenure(h.tenure).acting) {
            Occupancy::Acting
        } else {
            Occupancy::Held
        };
        (
            holding::labels(chart, holders, day),
            Some(holding::since_all(chart, holders, day)),
            occupancy,
            holding::least_certain(chart, holders),
        )
    };
    let since = since.map(|s| match certainty {
        Some(Certainty::Reported) => format!("{s} \u{b7} reported"),
        Some(Certainty::Expected) => format!("{s} \u{b7} expected"),
        _ => s,
    });
    // Staff the chart counts under the post rather than showing one by one.
    let since = match (since, chart.staff_on(post, day)) {
        (Some(s), Some(n)) => Some(format!("{s} \u{b7} +{n} staff")),
        (None, Some(n)) => Some(format!("+{n} staff")),
        (since, None) => since,
    };
    let m = Metrics::get();
    let wrap = |text: &str| m.wrap(text, style.body_size, style.max_text_width);
    let holder = holder.iter().flat_map(|h| wrap(h)).collect();
    let since = since.as_deref().map(wrap).unwrap_or_default();
    let mut card = Card {
        post,
        title,
        organisation,
        holder,
        since,
        occupancy,
        certainty,
        note: None,
        hidden,
        size: Size { w: 0.0, h: 0.0 },
    };
    card.measure(style);
    card
}

impl Card {
    /// Sets the card's size from its text.
    pub fn measure(&mut self, style: &CardStyle) {
        let mut lines: Vec<&str> = self.holder.iter().map(String::as_str).collect();
        lines.extend(self.since.iter().map(String::as_str));
        lines.extend(self.note.as_deref());
        self.size = style.size_of(&self.title, &lines);
    }
}

/// When the last holder before `day` left, at the precision the chart gives.
fn vacant_since(chart: &Chart, post: PostId, day: Day) -> Option<String> {
    (chart.tenures_of(post).into_iter())
        .filter_map(|t| chart.tenure(t).end)
        .filter(|end| end.first_day() <= day)
        .max()
        .map(|end| end.human())
}
