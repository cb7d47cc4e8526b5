//! The RON chart format, version 1, exactly as it is written in files.
//!
//! Dates and ids are kept as the text the file holds, so that validation can report every
//! bad date and every unknown id with where it is, rather than stopping at the first one.
//! `charts/README.md` documents the format for people.

use serde::{Deserialize, Serialize};

pub use crate::model::{Certainty, LineKind};

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole chart file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartFile {
    /// Always [`FORMAT_VERSION`].
    pub version: u32,
    /// The chart's title.
    pub title: String,
    /// What the chart shows, in a sentence or two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The period the chart sets out to cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<PeriodFile>,
    /// The date the chart opens at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_date: Option<String>,
    /// Where the facts come from.
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Organisations.
    #[serde(default)]
    pub organisations: Vec<OrganisationFile>,
    /// Posts, with their reporting lines.
    #[serde(default)]
    pub posts: Vec<PostFile>,
    /// People, with the posts they held.
    #[serde(default)]
    pub people: Vec<PersonFile>,
    /// Dated events.
    #[serde(default)]
    pub events: Vec<EventFile>,
}

/// A span of time: `(from: "2016-07", to: "2023-02")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFile {
    /// First date.
    pub from: String,
    /// Last date.
    pub to: String,
}

/// A source of facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// Id that facts cite.
    pub id: String,
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// When it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFile {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name, such as "NHSE".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// What kind of body it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// When it came into being.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<String>,
    /// When it ceased to exist (from this date it no longer exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<String>,
    /// Dated parent organisations (a joint unit may have two at once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<ParentFile>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A note for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A dated "part of" link from an organisation to its parent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentFile {
    /// Parent organisation id.
    pub org: String,
    /// From when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Until when (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A post: a role in an organisation that people hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostFile {
    /// Id.
    pub id: String,
    /// Title of the post.
    pub title: String,
    /// The organisation it belongs to when created.
    pub organisation: String,
    /// Later moves to other organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<MoveFile>,
    /// When it was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When it was abolished (from this date it no longer exists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abolished: Option<String>,
    /// How many people can hold it at once (1 if absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// Dated lines from this post to others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineFile>,
    /// Source ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// A note for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A post's move to another organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveFile {
    /// When it moved.
    pub date: String,
    /// The organisation it moved to.
    pub to: String,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A dated line from the post it is written under to another post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineFile {
    /// The other post's id.
    pub to: String,
    /// What kind of line it is.
    pub kind: LineKind,
    /// From when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Until when (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A note for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFile {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// A note for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The posts they held.
    #[serde(default)]
    pub tenures: Vec<TenureFile>,
}

/// A person's holding of a post from a start to an end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenureFile {
    /// The post's id.
    pub post: String,
    /// When they took it up.
    pub start: String,
    /// When it ended (from this date they no longer hold it); absent while it goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Acting or interim.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Why it ended: "resigned", "moved to Accenture".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_cause: Option<String>,
    /// How sure the chart is that they held it.
    pub certainty: Certainty,
    /// How sure the chart is of the end, where that differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_certainty: Option<Certainty>,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A note for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What kind of event something is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    /// A plan or change made public.
    Announcement,
    /// Someone named to a post.
    Appointment,
    /// Someone leaving, or reported to be leaving.
    Departure,
    /// A change in how organisations are set up (a new body becoming operational).
    Restructure,
    /// Organisations merging: `absorbed` ceased to exist and became part of `into`.
    Merger {
        /// The organisation they became part of.
        into: String,
        /// The organisations that ceased to exist.
        absorbed: Vec<String>,
    },
}

impl EventKind {
    /// Lower-case name, as in the JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Announcement => "announcement",
            EventKind::Appointment => "appointment",
            EventKind::Departure => "departure",
            EventKind::Restructure => "restructure",
            EventKind::Merger { .. } => "merger",
        }
    }
}

/// A dated event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    /// Id.
    pub id: String,
    /// When it happened.
    pub date: String,
    /// A short title: "NHSX announced".
    pub title: String,
    /// What kind of event it is.
    pub kind: EventKind,
    /// A milestone is offered as a one-click jump.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub milestone: bool,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// People it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    /// Posts it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<String>,
    /// Organisations it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
    /// Source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// A note for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
