//! Chart files that own their text, for editing: a file read or made from a chart borrows
//! its strings; an edited one must outlive what it was read from.

use crate::io::format::{
    ChartFile, DetailFile, EventFile, EventKind, LineFile, MoveFile, OrganisationFile, ParentFile,
    PeriodFile, PersonFile, PostFile, SourceFile, StaffFile, TenureFile, Text, ViewFile,
};
use crate::model::{Certainty, LineKind};

/// A value of the chart format, turned into one that owns all its text.
pub trait IntoOwned {
    /// The same value with no borrowed text.
    type Owned;
    /// Copies whatever text is borrowed.
    fn into_owned(self) -> Self::Owned;
}

impl IntoOwned for Text<'_> {
    type Owned = Text<'static>;
    fn into_owned(self) -> Text<'static> {
        Text::from(Text::into_owned(self))
    }
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.map(IntoOwned::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(IntoOwned::into_owned).collect()
    }
}

/// Values with no text in them are their own owned form.
macro_rules! plain {
    ($($t:ty),*) => {$(
        impl IntoOwned for $t {
            type Owned = $t;
            fn into_owned(self) -> $t {
                self
            }
        }
    )*};
}

plain!(bool, u32, Certainty, LineKind);

/// A struct of the format is owned when each of its fields is.
macro_rules! owned_struct {
    ($($t:ident { $($field:ident),* $(,)? })*) => {$(
        impl IntoOwned for $t<'_> {
            type Owned = $t<'static>;
            fn into_owned(self) -> $t<'static> {
                $t { $($field: IntoOwned::into_owned(self.$field)),* }
            }
        }
    )*};
}

owned_struct! {
    ChartFile { version, title, description, covers, default_date, view, sources, organisations, posts, people, events }
    PeriodFile { from, to }
    ViewFile { date, collapsed, compare }
    SourceFile { id, publisher, title, date, url }
    OrganisationFile { id, name, short, kind, founded, dissolved, parents, certainty, sources, note }
    ParentFile { org, start, end, certainty, sources }
    PostFile { id, title, organisation, moves, created, abolished, followed_from, followed_until, seats, lines, details, staff, sources, note }
    DetailFile { name, value, start, end, sources }
    StaffFile { count, start, end, sources }
    MoveFile { date, to, certainty, sources }
    LineFile { to, kind, start, end, certainty, sources, note }
    PersonFile { id, name, note, tenures }
    TenureFile { post, start, start_unknown, in_post, end, acting, end_cause, certainty, end_certainty, sources, note }
    EventFile { id, date, title, kind, milestone, certainty, people, posts, organisations, sources, note }
}

impl IntoOwned for EventKind<'_> {
    type Owned = EventKind<'static>;
    fn into_owned(self) -> EventKind<'static> {
        match self {
            EventKind::Announcement => EventKind::Announcement,
            EventKind::Appointment => EventKind::Appointment,
            EventKind::Departure => EventKind::Departure,
            EventKind::Restructure => EventKind::Restructure,
            EventKind::Merger { into, absorbed } => EventKind::Merger {
                into: IntoOwned::into_owned(into),
                absorbed: IntoOwned::into_owned(absorbed),
            },
        }
    }
}

/// The chart as an owned file: what an editor changes, item by item, and builds again.
pub fn owned_file(chart: &crate::model::Chart) -> ChartFile<'static> {
    crate::io::unresolve::unresolve(chart, chart.view.as_ref()).into_owned()
}
