//! A picture of a chart at a date as plain data in chart units: rounded boxes, text and
//! lines with their styles. Every renderer (SVG, PNG, PDF, the window) draws exactly this,
//! so they all show the same thing.

mod build;
mod colours;
mod compare;
mod places;
mod route;
mod style;
mod tween;
mod view;

pub use build::{BODY_OFFSET, EXPORT_ROUTE_BUDGET, OtherLines, SceneOptions, build, chart_at};
pub use colours::organisation_slots;
pub use compare::{Compared, compare, compare_at};
pub use places::{Places, period_among, period_of, reorganisations};
pub use style::{Colour, Stroke, Theme};
pub(crate) use tween::moved;
pub use tween::{Drawn, Tween, ease, placed, same_cards};
pub use view::{Picture, ViewOptions};

use crate::layout::Rect;
use crate::model::{OrgId, PostId};

/// A point in chart units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Across.
    pub x: f64,
    /// Down.
    pub y: f64,
}

/// One thing drawn, in drawing order.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A box, possibly rounded, filled and outlined.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Fill, if any.
        fill: Option<Colour>,
        /// Outline, if any.
        stroke: Option<Stroke>,
    },
    /// A line through points.
    Path {
        /// The points, in order.
        points: Vec<Point>,
        /// How it is drawn.
        stroke: Stroke,
    },
    /// A line of text in the chart's font; `at` is the left end of its baseline.
    Text {
        /// Where the baseline starts.
        at: Point,
        /// What it says.
        text: String,
        /// Type size.
        size: f32,
        /// Colour.
        colour: Colour,
    },
}

/// How a card is marked when a picture compares two dates (or keeps places across dates).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Drawn as usual.
    #[default]
    Same,
    /// The post is new since the earlier date.
    Added,
    /// The post is gone by the later date.
    Removed,
    /// The post's holder changed between the dates.
    Changed,
    /// Not drawn: its place is kept free for a post shown at another date.
    Ghost,
}

/// Where each card of a picture is: its post and its place, shared between pictures that
/// draw the same cards in the same places.
pub type CardList = std::sync::Arc<Vec<(PostId, Rect)>>;

/// A whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Width in chart units.
    pub width: f64,
    /// Height in chart units.
    pub height: f64,
    /// Background colour.
    pub background: Colour,
    /// What is drawn, back to front.
    pub items: Vec<Item>,
    /// Where each post's card is, for finding a card under a point. Shared between pictures
    /// of days that draw the same cards in the same places.
    pub cards: CardList,
    /// The items that draw each card (its box, text, badge and marks), in `cards` order, so a
    /// card can be moved or faded as one.
    pub card_items: Vec<std::ops::Range<usize>>,
    /// The organisations drawn as labelled frames around their cards, and where.
    pub frames: Vec<(OrgId, Rect)>,
}
