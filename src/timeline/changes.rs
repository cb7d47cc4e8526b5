//! The span of time a chart covers and the days on which something in it changes.

use crate::date::{Day, PartialDate, Precision};
use crate::model::Chart;

/// The first and last day of the chart: its `covers` period when it has one, otherwise the
/// span of every date in it.
pub fn range(chart: &Chart) -> (Day, Day) {
    match chart.info.covers {
        Some(_) => range_within(chart, &[]),
        None => range_within(chart, &change_days(chart)),
    }
}

/// [`range`], given the chart's [`change_days`] (so a caller that has them does not make
/// them again).
pub fn range_within(chart: &Chart, days: &[Day]) -> (Day, Day) {
    if let Some((from, to)) = chart.info.covers {
        return (from.first_day(), to.last_day());
    }
    match (days.first(), days.last()) {
        (Some(&first), Some(&last)) => (first, last),
        _ => {
            let today = PartialDate::year(2000).first_day();
            (today, today)
        }
    }
}

/// Every day on which the chart changes (something starts or ends, or enters the period
/// in which it is known to end, or an event happens), sorted and without repeats.
pub fn change_days(chart: &Chart) -> Vec<Day> {
    let mut days = Vec::new();
    let mut add = |start: Option<PartialDate>, end: Option<PartialDate>| {
        if let Some(start) = start {
            days.push(start.first_day());
        }
        if let Some(end) = end {
            days.push(end.end_bound());
            // An end known only to a month, a year or a range: from its first day, the
            // picture says the tenure is ending.
            if end.precision() != Precision::Day {
                days.push(end.first_day());
            }
        }
    };
    for org in &chart.organisations {
        add(org.founded, org.dissolved);
        for link in &org.parents {
            add(link.start, link.end);
        }
    }
    for post in &chart.posts {
        add(post.created, post.abolished);
        add(post.followed_from, post.followed_until);
        for mv in &post.moves {
            add(Some(mv.date), None);
        }
    }
    for line in &chart.lines {
        add(line.start, line.end);
    }
    for tenure in &chart.tenures {
        add(Some(tenure.start), tenure.end);
        add(tenure.in_post, None);
    }
    for event in &chart.events {
        add(Some(event.date), None);
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// The first change day after `day`, if any.
pub fn next_change(days: &[Day], day: Day) -> Option<Day> {
    let at = days.partition_point(|&d| d <= day);
    days.get(at).copied()
}

/// The last change day before `day`, if any.
pub fn previous_change(days: &[Day], day: Day) -> Option<Day> {
    let at = days.partition_point(|&d| d < day);
    at.checked_sub(1).map(|i| days[i])
}
