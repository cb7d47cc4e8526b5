//! Half-open spans of whole days, the form every dated fact takes for lookups.

use crate::date::{Day, PartialDate};

/// The days `[start, end)` on which something holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// First day it holds.
    pub start: Day,
    /// First day it no longer holds ([`Day::OPEN`] while it goes on).
    pub end: Day,
}

impl Span {
    /// Every day.
    pub const ALWAYS: Span = Span {
        start: Day(i32::MIN),
        end: Day::OPEN,
    };

    /// The span a start and an end date may cover: from the first day of the start's period
    /// to the end's exclusive bound (see [`PartialDate::end_bound`]).
    pub fn possible(start: Option<PartialDate>, end: Option<PartialDate>) -> Self {
        Span {
            start: start.map_or(Day(i32::MIN), PartialDate::first_day),
            end: end.map_or(Day::OPEN, PartialDate::end_bound),
        }
    }

    /// The span a start and an end date certainly cover: from the last day of the start's
    /// period to the first day of the end's period. Empty when the two periods overlap.
    pub fn certain(start: Option<PartialDate>, end: Option<PartialDate>) -> Self {
        Span {
            start: start.map_or(Day(i32::MIN), PartialDate::last_day),
            end: end.map_or(Day::OPEN, PartialDate::first_day),
        }
    }

    /// Whether `day` falls in the span.
    #[inline]
    pub fn contains(self, day: Day) -> bool {
        self.start <= day && day < self.end
    }

    /// Whether the span has no days.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The days both spans cover.
    pub fn intersect(self, other: Span) -> Span {
        Span {
            start: self.start.max(other.start),
            end: self.end.min(other.end),
        }
    }
}
