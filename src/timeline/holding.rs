//! How the holders of a post read on a day: who is acting, who is only named to the post so
//! far, who covers for whom, and since when.

use crate::date::{Day, Precision};
use crate::model::{Certainty, Chart, PersonId, PostId};
use crate::timeline::Holder;

/// Where a holder stands in their tenure on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Named to the post, not yet in it.
    Designate,
    /// In the post.
    InPost,
    /// In the post, in the period within which the tenure is known to end (an end given
    /// as a month, a year or between two dates).
    Ending,
}

/// The phase of `holder`'s tenure on `day` (a day on which the tenure may hold).
pub fn phase(chart: &Chart, holder: &Holder, day: Day) -> Phase {
    let tenure = chart.tenure(holder.tenure);
    if tenure.designate_on(day) {
        Phase::Designate
    } else if tenure.end.is_some_and(|end| day >= end.first_day()) {
        Phase::Ending
    } else {
        Phase::InPost
    }
}

/// Whom an acting holder covers for on `day`: a holder of the same post that day who is in
/// it substantively (not acting, not designate), started before them, and certainly still
/// holds it (in the month a tenure is known to end in, an acting successor is a handover).
pub fn covering_for(
    chart: &Chart,
    holders: &[Holder],
    holder: &Holder,
    day: Day,
) -> Option<PersonId> {
    let tenure = chart.tenure(holder.tenure);
    if !tenure.acting {
        return None;
    }
    holders
        .iter()
        .filter(|other| other.person != holder.person && !other.designate)
        .filter(|other| {
            let t = chart.tenure(other.tenure);
            !t.acting
                && t.start.first_day() <= tenure.start.first_day()
                && t.certain_span().contains(day)
        })
        .map(|other| other.person)
        .next()
}

/// A holder as people read them on `day` among the post's other holders of the day: "Will Smart",
/// "Matthew Gould (designate)", "Tara Donnelly (acting), covering for Juliet Bauer".
pub fn label(chart: &Chart, holders: &[Holder], holder: &Holder, day: Day) -> String {
    let tenure = chart.tenure(holder.tenure);
    let name = &chart.person(holder.person).name;
    let role = match (tenure.acting, holder.designate) {
        (true, true) => " (acting, designate)",
        (true, false) => " (acting)",
        (false, true) => " (designate)",
        (false, false) => "",
    };
    match covering_for(chart, holders, holder, day) {
        Some(other) => format!("{name}{role}, covering for {}", chart.person(other).name),
        None => format!("{name}{role}"),
    }
}

/// Every holder's [`label`] on `day`, in order.
pub fn labels(chart: &Chart, holders: &[Holder], day: Day) -> Vec<String> {
    holders
        .iter()
        .map(|h| label(chart, holders, h, day))
        .collect()
}

/// Since when a holder has held the post, as of `day`: "since Aug 2016", "named Apr 2019"
/// for a designate, "since 2016, ends in Jul 2019" in the period the tenure ends in.
pub fn since(chart: &Chart, holder: &Holder, day: Day) -> String {
    let tenure = chart.tenure(holder.tenure);
    let start = tenure.in_post.unwrap_or(tenure.start);
    let since = match start.precision() {
        _ if tenure.start_unknown => format!("in post by {}", start.human()),
        Precision::Between => format!("started {}", start.human()),
        _ => format!("since {}", start.human()),
    };
    match (phase(chart, holder, day), tenure.end) {
        (Phase::Designate, _) => format!("named {}", tenure.start.human()),
        (Phase::Ending, Some(end)) => {
            let when = match end.precision() {
                Precision::Between => end.human(),
                _ => format!("in {}", end.human()),
            };
            format!("{since}, ends {when}")
        }
        _ => since,
    }
}

/// The since-phrases of several holders read together: "since Jul 2016 and Feb 2019", or
/// joined with semicolons when they differ in kind.
pub fn since_all(chart: &Chart, holders: &[Holder], day: Day) -> String {
    let mut phrases: Vec<String> = holders.iter().map(|h| since(chart, h, day)).collect();
    // Holders in post since the same date read as one: "in post by 31 Mar 2011".
    if phrases.windows(2).all(|w| w[0] == w[1]) {
        phrases.truncate(1);
    }
    let plain: Option<Vec<&str>> = phrases
        .iter()
        .map(|p| p.strip_prefix("since ").filter(|rest| !rest.contains(',')))
        .collect();
    if let Some(dates) = plain
        && let Some((last, rest)) = dates.split_last()
        && !rest.is_empty()
    {
        return format!("since {} and {last}", rest.join(", "));
    }
    phrases.join("; ")
}

/// The least certain of several holdings (confirmed, then reported, then expected).
pub fn least_certain(chart: &Chart, holders: &[Holder]) -> Option<Certainty> {
    holders
        .iter()
        .map(|h| chart.tenure(h.tenure).fact.certainty)
        .max()
}

/// What screen readers and tests read for a card: "post, organisation: holder".
pub fn card_label(chart: &Chart, snapshot: &crate::timeline::Snapshot, post: PostId) -> String {
    let title = &chart.post(post).title;
    let Some(view) = snapshot.post(post) else {
        return format!("{title}: not on the chart on this date");
    };
    let org = &chart.org(view.organisation).name;
    let holders = labels(chart, snapshot.holders_of(post), snapshot.day);
    let holder = if holders.is_empty() {
        "vacant".to_owned()
    } else {
        holders.join("; ")
    };
    format!("{title}, {org}: {holder}")
}

/// A tenure's dates as the inspector gives them: "Aug 2016 to 30 Jun 2019", "named 1 Mar
/// 2019; in post 1 Jul 2019 to now", "in post by 2017, to now".
pub fn tenure_dates(tenure: &crate::model::Tenure) -> String {
    let until = tenure.end.map_or_else(|| "now".to_owned(), |e| e.human());
    match tenure.in_post {
        Some(in_post) => format!(
            "named {}; in post {} to {until}",
            tenure.start.human(),
            in_post.human()
        ),
        None if tenure.start_unknown => format!("in post by {}, to {until}", tenure.start.human()),
        None => format!("{} to {until}", tenure.start.human()),
    }
}
