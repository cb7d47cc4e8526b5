//! The RON chart format, version 1, exactly as it is written in files.
//!
//! Dates and ids are kept as the text the file holds, so that validation can report every
//! bad date and every unknown id with where it is, rather than stopping at the first one.
//! `charts/README.md` documents the format for people.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use crate::model::{Certainty, LineKind};

/// Text as a file holds it: borrowed from the file where it has no escapes, owned otherwise,
/// so reading a large chart allocates only for what the chart keeps.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    /// The text, owned.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text(Cow::Owned(text))
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text(Cow::Borrowed(text))
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }

            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }

        d.deserialize_str(TextVisitor)
    }
}

/// The format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A whole chart file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartFile<'a> {
    /// Always [`FORMAT_VERSION`].
    pub version: u32,
    /// The chart's title.
    #[serde(borrow)]
    pub title: Text<'a>,
    /// What the chart shows, in a sentence or two.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text<'a>>,
    /// The period the chart sets out to cover.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<PeriodFile<'a>>,
    /// The date the chart opens at.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub default_date: Option<Text<'a>>,
    /// How the chart was shown when it was saved.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub view: Option<ViewFile<'a>>,
    /// Where the facts come from.
    #[serde(borrow, default)]
    pub sources: Vec<SourceFile<'a>>,
    /// Organisations.
    #[serde(borrow, default)]
    pub organisations: Vec<OrganisationFile<'a>>,
    /// Posts, with their reporting lines.
    #[serde(borrow, default)]
    pub posts: Vec<PostFile<'a>>,
    /// People, with the posts they held.
    #[serde(borrow, default)]
    pub people: Vec<PersonFile<'a>>,
    /// Dated events.
    #[serde(borrow, default)]
    pub events: Vec<EventFile<'a>>,
}

/// A span of time: `(from: "2016-07", to: "2023-02")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodFile<'a> {
    /// First date.
    #[serde(borrow)]
    pub from: Text<'a>,
    /// Last date.
    #[serde(borrow)]
    pub to: Text<'a>,
}

/// How the chart was shown when it was saved:
/// `(date: "2019-06-20", collapsed: ["nhs-cio"], compare: "2019-03-01")`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewFile<'a> {
    /// The date shown.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text<'a>>,
    /// Ids of the posts whose subtrees are folded.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub collapsed: Vec<Text<'a>>,
    /// The other date, when two dates are compared.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<Text<'a>>,
}

/// A source of facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile<'a> {
    /// Id that facts cite.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// Who published it.
    #[serde(borrow)]
    pub publisher: Text<'a>,
    /// Its title.
    #[serde(borrow)]
    pub title: Text<'a>,
    /// When it was published.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text<'a>>,
    /// Where to read it.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text<'a>>,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationFile<'a> {
    /// Id.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// Full name.
    #[serde(borrow)]
    pub name: Text<'a>,
    /// Short name, such as "NHSE".
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text<'a>>,
    /// What kind of body it is.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Text<'a>>,
    /// When it came into being.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<Text<'a>>,
    /// When it ceased to exist (from this date it no longer exists).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub dissolved: Option<Text<'a>>,
    /// Dated parent organisations (a joint unit may have two at once).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<ParentFile<'a>>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(borrow, default)]
    pub sources: Vec<Text<'a>>,
    /// A note for readers.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}

/// A dated "part of" link from an organisation to its parent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParentFile<'a> {
    /// Parent organisation id.
    #[serde(borrow)]
    pub org: Text<'a>,
    /// From when.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Text<'a>>,
    /// Until when (exclusive).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text<'a>>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(borrow, default)]
    pub sources: Vec<Text<'a>>,
}

/// A post: a role in an organisation that people hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostFile<'a> {
    /// Id.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// Title of the post.
    #[serde(borrow)]
    pub title: Text<'a>,
    /// The organisation it belongs to when created.
    #[serde(borrow)]
    pub organisation: Text<'a>,
    /// Later moves to other organisations.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<MoveFile<'a>>,
    /// When it was created.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Text<'a>>,
    /// When it was abolished (from this date it no longer exists).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub abolished: Option<Text<'a>>,
    /// From when the chart follows the post; before that it is not shown (its holder is
    /// not known), rather than shown vacant.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub followed_from: Option<Text<'a>>,
    /// Until when the chart follows the post (an end date); after that it is not shown.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub followed_until: Option<Text<'a>>,
    /// How many people can hold it at once (1 if absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u32>,
    /// Dated lines from this post to others.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<LineFile<'a>>,
    /// Dated facts about the post that its sources give, such as its grade or pay band.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<DetailFile<'a>>,
    /// Dated counts of the staff under the post that the chart does not show one by one.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<StaffFile<'a>>,
    /// Source ids.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Text<'a>>,
    /// A note for readers.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}

/// A dated fact about a post: `(name: "Grade", value: "SCS2", start: "2011-03-31")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetailFile<'a> {
    /// What it is: "Grade", "Pay band", "Unit".
    #[serde(borrow)]
    pub name: Text<'a>,
    /// Its value, as the source gives it.
    #[serde(borrow)]
    pub value: Text<'a>,
    /// From when.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Text<'a>>,
    /// Until when (exclusive).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text<'a>>,
    /// Source ids.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Text<'a>>,
}

/// A dated count of the staff under a post: `(count: 42, start: "2011-03-31")`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffFile<'a> {
    /// How many.
    pub count: u32,
    /// From when.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Text<'a>>,
    /// Until when (exclusive).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text<'a>>,
    /// Source ids.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Text<'a>>,
}

/// A post's move to another organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoveFile<'a> {
    /// When it moved.
    #[serde(borrow)]
    pub date: Text<'a>,
    /// The organisation it moved to.
    #[serde(borrow)]
    pub to: Text<'a>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(borrow, default)]
    pub sources: Vec<Text<'a>>,
}

/// A dated line from the post it is written under to another post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineFile<'a> {
    /// The other post's id.
    #[serde(borrow)]
    pub to: Text<'a>,
    /// What kind of line it is.
    pub kind: LineKind,
    /// From when.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Text<'a>>,
    /// Until when (exclusive).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text<'a>>,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// Source ids.
    #[serde(borrow, default)]
    pub sources: Vec<Text<'a>>,
    /// A note for readers.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonFile<'a> {
    /// Id.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// Display name.
    #[serde(borrow)]
    pub name: Text<'a>,
    /// A note for readers.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
    /// The posts they held.
    #[serde(borrow, default)]
    pub tenures: Vec<TenureFile<'a>>,
}

/// A person's holding of a post from a start to an end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenureFile<'a> {
    /// The post's id.
    #[serde(borrow)]
    pub post: Text<'a>,
    /// When they took it up (or were named to it, when `in_post` is given).
    #[serde(borrow)]
    pub start: Text<'a>,
    /// The start is not known: `start` is only the first date the sources show them in the
    /// post ("in post by 31 Mar 2011").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub start_unknown: bool,
    /// When someone named on `start` took up the post; until then they are its designate.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub in_post: Option<Text<'a>>,
    /// When it ended (from this date they no longer hold it); absent while it goes on.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Text<'a>>,
    /// Acting or interim.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub acting: bool,
    /// Why it ended: "resigned", "moved to Accenture".
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub end_cause: Option<Text<'a>>,
    /// How sure the chart is that they held it.
    pub certainty: Certainty,
    /// How sure the chart is of the end, where that differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_certainty: Option<Certainty>,
    /// Source ids.
    #[serde(borrow, default)]
    pub sources: Vec<Text<'a>>,
    /// A note for readers.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}

/// What kind of event something is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventKind<'a> {
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
        #[serde(borrow)]
        into: Text<'a>,
        /// The organisations that ceased to exist.
        #[serde(borrow)]
        absorbed: Vec<Text<'a>>,
    },
}

/// A dated event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile<'a> {
    /// Id.
    #[serde(borrow)]
    pub id: Text<'a>,
    /// When it happened.
    #[serde(borrow)]
    pub date: Text<'a>,
    /// A short title: "NHSX announced".
    #[serde(borrow)]
    pub title: Text<'a>,
    /// What kind of event it is.
    #[serde(borrow)]
    pub kind: EventKind<'a>,
    /// A milestone is offered as a one-click jump.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub milestone: bool,
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// People it concerns.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Text<'a>>,
    /// Posts it concerns.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Text<'a>>,
    /// Organisations it concerns.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Text<'a>>,
    /// Source ids.
    #[serde(borrow, default)]
    pub sources: Vec<Text<'a>>,
    /// A note for readers.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text<'a>>,
}
