//! The things a chart holds: sources, organisations, posts, people, tenures, lines, events.

use compact_str::CompactString;

use crate::date::PartialDate;
use crate::model::{Certainty, LineKind, OrgId, PersonId, PostId, Span};

/// Which sources a fact cites: a run of [`crate::model::Chart::citations`], so that millions
/// of facts need no allocation each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Cites {
    /// First position in the citations.
    pub start: u32,
    /// One past the last.
    pub end: u32,
}

impl Cites {
    /// Whether it cites nothing.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The positions in the citations.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// How sure a fact is, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact {
    /// How sure the chart is of it.
    pub certainty: Certainty,
    /// The sources it cites.
    pub sources: Cites,
}

/// A source of facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Readable id.
    pub key: String,
    /// Who published it.
    pub publisher: String,
    /// Its title.
    pub title: String,
    /// When it was published.
    pub date: Option<PartialDate>,
    /// Where to read it.
    pub url: Option<String>,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    /// Readable id.
    pub key: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short: Option<String>,
    /// What kind of body it is.
    pub kind: Option<String>,
    /// When it came into being.
    pub founded: Option<PartialDate>,
    /// When it ceased to exist.
    pub dissolved: Option<PartialDate>,
    /// Dated parent organisations.
    pub parents: Vec<ParentLink>,
    /// Certainty and sources.
    pub fact: Fact,
    /// A note for readers.
    pub note: Option<String>,
}

impl Organisation {
    /// The days on which it may exist.
    pub fn span(&self) -> Span {
        Span::possible(self.founded, self.dissolved)
    }

    /// The short name where there is one, else the full name.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// A dated "part of" link to a parent organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParentLink {
    /// The parent.
    pub org: OrgId,
    /// From when.
    pub start: Option<PartialDate>,
    /// Until when.
    pub end: Option<PartialDate>,
    /// Certainty and sources.
    pub fact: Fact,
}

/// A post: a role in an organisation that people hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// Readable id.
    pub key: CompactString,
    /// Title.
    pub title: CompactString,
    /// The organisation it belongs to when created.
    pub organisation: OrgId,
    /// Later moves to other organisations, in date order.
    pub moves: Box<[PostMove]>,
    /// When it was created.
    pub created: Option<PartialDate>,
    /// When it was abolished.
    pub abolished: Option<PartialDate>,
    /// From when the chart follows it (before that its holder is not known).
    pub followed_from: Option<PartialDate>,
    /// Until when the chart follows it.
    pub followed_until: Option<PartialDate>,
    /// How many people can hold it at once.
    pub seats: u32,
    /// Its lines to other posts, as positions in [`crate::model::Chart::lines`].
    pub lines: std::ops::Range<u32>,
    /// Dated facts its sources give, such as its grade, as positions in
    /// [`crate::model::Chart::details`].
    pub details: std::ops::Range<u32>,
    /// Dated counts of the staff under it that the chart does not show one by one, as
    /// positions in [`crate::model::Chart::staff`].
    pub staff: std::ops::Range<u32>,
    /// Sources about the post itself.
    pub sources: Cites,
    /// A note for readers.
    pub note: Option<Box<str>>,
}

/// A dated fact about a post, such as its grade.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    /// What it is: "Grade".
    pub name: String,
    /// Its value: "SCS2".
    pub value: String,
    /// From when.
    pub start: Option<PartialDate>,
    /// Until when.
    pub end: Option<PartialDate>,
    /// Where it comes from.
    pub sources: Cites,
}

/// A dated count of the staff under a post.
#[derive(Clone, Debug, PartialEq)]
pub struct Staff {
    /// How many.
    pub count: u32,
    /// From when.
    pub start: Option<PartialDate>,
    /// Until when.
    pub end: Option<PartialDate>,
    /// Where it comes from.
    pub sources: Cites,
}

impl Post {
    /// The days on which the post itself exists (ignoring its organisation).
    pub fn span(&self) -> Span {
        Span::possible(self.created, self.abolished)
    }

    /// The days on which the chart shows the post: while it exists and the chart follows it.
    pub fn shown_span(&self) -> Span {
        self.span()
            .intersect(Span::possible(self.followed_from, self.followed_until))
    }

    /// The organisation it belongs to on `day`.
    pub fn organisation_at(&self, day: crate::date::Day) -> OrgId {
        self.moves
            .iter()
            .take_while(|m| m.date.first_day() <= day)
            .last()
            .map_or(self.organisation, |m| m.to)
    }
}

/// A post's move to another organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostMove {
    /// When it moved.
    pub date: PartialDate,
    /// Where to.
    pub to: OrgId,
    /// Certainty and sources.
    pub fact: Fact,
}

/// A dated line from one post to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The post the line is written under.
    pub from: PostId,
    /// The post it names.
    pub to: PostId,
    /// What kind of line it is.
    pub kind: LineKind,
    /// From when.
    pub start: Option<PartialDate>,
    /// Until when.
    pub end: Option<PartialDate>,
    /// Certainty and sources.
    pub fact: Fact,
    /// A note for readers.
    pub note: Option<Box<str>>,
}

impl Line {
    /// The days on which it may hold.
    pub fn span(&self) -> Span {
        Span::possible(self.start, self.end)
    }

    /// The days on which it is drawn: as [`Line::span`], except that a line known only to
    /// start between two dates is drawn from the later, so that the line it replaces,
    /// ending in the same window, is drawn alone until then.
    pub fn drawn_span(&self) -> Span {
        let mut span = self.span();
        if let Some(start) = self
            .start
            .filter(|s| s.precision() == crate::date::Precision::Between)
        {
            span.start = start.last_day();
        }
        span
    }
}

/// A person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Readable id.
    pub key: CompactString,
    /// Display name.
    pub name: CompactString,
    /// A note for readers.
    pub note: Option<Box<str>>,
    /// The posts they held, as positions in [`crate::model::Chart::tenures`].
    pub tenures: std::ops::Range<u32>,
}

/// A person's holding of a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenure {
    /// Who.
    pub person: PersonId,
    /// Which post.
    pub post: PostId,
    /// When they took it up, or were named to it when [`Tenure::in_post`] is given.
    pub start: PartialDate,
    /// The start is not known: [`Tenure::start`] is only the first date the sources show
    /// them in the post.
    pub start_unknown: bool,
    /// When someone named to the post on `start` took it up; until then they are its
    /// designate.
    pub in_post: Option<PartialDate>,
    /// When it ended.
    pub end: Option<PartialDate>,
    /// Acting or interim.
    pub acting: bool,
    /// Certainty and sources.
    pub fact: Fact,
    /// How sure the chart is of the end, where that differs.
    pub end_certainty: Option<Certainty>,
    /// Why it ended and a note for readers, where either is given (see [`Tenure::end_cause`]
    /// and [`Tenure::note`]): most tenures have neither, so they are kept apart.
    pub words: Option<Box<TenureWords>>,
}

/// What a tenure says in words, rather than dates and flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TenureWords {
    /// Why it ended.
    pub end_cause: Option<String>,
    /// A note for readers.
    pub note: Option<String>,
}

impl TenureWords {
    /// The words for a tenure, or `None` when there are none.
    pub fn given(end_cause: Option<String>, note: Option<String>) -> Option<Box<TenureWords>> {
        (end_cause.is_some() || note.is_some()).then(|| Box::new(TenureWords { end_cause, note }))
    }
}

impl Tenure {
    /// Why it ended, if the chart says.
    pub fn end_cause(&self) -> Option<&str> {
        self.words.as_ref()?.end_cause.as_deref()
    }

    /// A note for readers, if there is one.
    pub fn note(&self) -> Option<&str> {
        self.words.as_ref()?.note.as_deref()
    }

    /// The days on which they may hold the post.
    pub fn span(&self) -> Span {
        Span::possible(Some(self.start), self.end)
    }

    /// The days on which they certainly hold it.
    pub fn certain_span(&self) -> Span {
        Span::certain(Some(self.start), self.end)
    }

    /// The days on which they certainly sit in the post: their certain span, from when they
    /// took it up rather than when they were named.
    pub fn seat_span(&self) -> Span {
        Span::certain(Some(self.in_post.unwrap_or(self.start)), self.end)
    }

    /// Whether on `day` they are named to the post but not yet in it.
    pub fn designate_on(&self, day: crate::date::Day) -> bool {
        self.in_post.is_some_and(|d| day < d.first_day())
    }
}

/// What kind of event something is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// A plan or change made public.
    Announcement,
    /// Someone named to a post.
    Appointment,
    /// Someone leaving, or reported to be leaving.
    Departure,
    /// A change in how organisations are set up.
    Restructure,
    /// `absorbed` ceased to exist and became part of `into`.
    Merger {
        /// What they became part of.
        into: OrgId,
        /// What ceased to exist.
        absorbed: Vec<OrgId>,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Readable id.
    pub key: String,
    /// When it happened.
    pub date: PartialDate,
    /// Short title.
    pub title: String,
    /// What kind of event.
    pub kind: EventKind,
    /// Offered as a one-click jump.
    pub milestone: bool,
    /// Certainty and sources.
    pub fact: Fact,
    /// People it concerns.
    pub people: Vec<PersonId>,
    /// Posts it concerns.
    pub posts: Vec<PostId>,
    /// Organisations it concerns.
    pub organisations: Vec<OrgId>,
    /// A note for readers.
    pub note: Option<String>,
}
