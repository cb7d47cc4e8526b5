//! What changed between two snapshots: organisations, posts, holders, lines, and the events
//! in between.

use crate::date::Day;
use crate::model::{Chart, EventId, LineId, OrgId, PostId, TenureId};
use crate::timeline::Snapshot;

/// One change between two days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// An organisation came into being.
    OrgFounded(OrgId),
    /// An organisation ceased to exist.
    OrgDissolved(OrgId),
    /// A post appeared.
    PostCreated(PostId),
    /// A post disappeared.
    PostAbolished(PostId),
    /// The chart starts following a post that existed before (its earlier holders are not in
    /// the chart's sources).
    PostFollowed(PostId),
    /// The chart stops following a post that may go on (its later holders are not in the
    /// chart's sources).
    PostUnfollowed(PostId),
    /// A post moved to another organisation.
    PostMoved {
        /// Which post.
        post: PostId,
        /// Where it was.
        from: OrgId,
        /// Where it is.
        to: OrgId,
    },
    /// Someone took up a post.
    Arrived(TenureId),
    /// Someone named to a post earlier took it up.
    TookUp(TenureId),
    /// Someone left a post.
    Left(TenureId),
    /// A line appeared.
    LineAdded(LineId),
    /// A line ended.
    LineRemoved(LineId),
    /// An event happened in between.
    Event(EventId),
}

impl Change {
    /// A stable lower-case name for scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::OrgFounded(_) => "organisation_founded",
            Change::OrgDissolved(_) => "organisation_dissolved",
            Change::PostCreated(_) => "post_created",
            Change::PostAbolished(_) => "post_abolished",
            Change::PostFollowed(_) => "post_followed",
            Change::PostUnfollowed(_) => "post_unfollowed",
            Change::PostMoved { .. } => "post_moved",
            Change::Arrived(_) => "holder_arrived",
            Change::TookUp(_) => "holder_took_up",
            Change::Left(_) => "holder_left",
            Change::LineAdded(_) => "line_added",
            Change::LineRemoved(_) => "line_removed",
            Change::Event(_) => "event",
        }
    }

    /// A sentence that names the people, posts and organisations involved; posts are named
    /// with the organisation they belong to on `day`.
    pub fn summary(&self, chart: &Chart, day: Day) -> String {
        let post_name = |post| post_name(chart, post, day);
        match *self {
            Change::OrgFounded(o) => format!("{} came into being", chart.org(o).name),
            Change::OrgDissolved(o) => format!("{} ceased to exist", chart.org(o).name),
            Change::PostCreated(p) => format!("The post of {} was created", post_name(p)),
            Change::PostAbolished(p) => format!("The post of {} ended", post_name(p)),
            Change::PostFollowed(p) => format!(
                "The chart follows the post of {} from here (its earlier holders are not in the sources)",
                post_name(p)
            ),
            Change::PostUnfollowed(p) => format!(
                "The chart stops following the post of {} (its later holders are not in the sources)",
                post_name(p)
            ),
            Change::PostMoved { post, from, to } => format!(
                "{} moved from {} to {}",
                chart.post(post).title,
                chart.org(from).name,
                chart.org(to).name
            ),
            Change::Arrived(t) => {
                let tenure = chart.tenure(t);
                let acting = if tenure.acting { "acting " } else { "" };
                let (verb, designate) = match tenure.in_post {
                    Some(_) => ("was named", " designate"),
                    None => ("became", ""),
                };
                format!(
                    "{} {verb} {acting}{}{designate} ({})",
                    chart.person(tenure.person).name,
                    post_name(tenure.post),
                    tenure.start.human()
                )
            }
            Change::TookUp(t) => {
                let tenure = chart.tenure(t);
                let when = tenure.in_post.unwrap_or(tenure.start).human();
                format!(
                    "{} took up the post of {} ({when}; named {})",
                    chart.person(tenure.person).name,
                    post_name(tenure.post),
                    tenure.start.human()
                )
            }
            Change::Left(t) => {
                let tenure = chart.tenure(t);
                let when = tenure
                    .end
                    .map(|d| format!(" ({})", d.human()))
                    .unwrap_or_default();
                let cause = tenure
                    .end_cause()
                    .map(|c| format!("; {c}"))
                    .unwrap_or_default();
                format!(
                    "{} left {}{when}{cause}",
                    chart.person(tenure.person).name,
                    post_name(tenure.post)
                )
            }
            Change::LineAdded(l) => {
                let line = chart.line(l);
                format!(
                    "New line: {} {} {}",
                    post_name(line.from),
                    line.kind.phrase(),
                    post_name(line.to)
                )
            }
            Change::LineRemoved(l) => {
                let line = chart.line(l);
                format!(
                    "Line ended: {} {} {}",
                    post_name(line.from),
                    line.kind.phrase(),
                    post_name(line.to)
                )
            }
            Change::Event(e) => {
                let event = &chart.events[e.index()];
                format!("{}: {}", event.date.human(), event.title)
            }
        }
    }
}

/// "Title (ORG)" for a post, with the organisation it belongs to on `day`.
pub fn post_name(chart: &Chart, post: PostId, day: Day) -> String {
    let post = chart.post(post);
    let org = chart.org(post.organisation_at(day)).short_name();
    if post.title.contains(org) {
        post.title.to_string()
    } else {
        format!("{} ({org})", post.title)
    }
}

/// The changes from one snapshot to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diff {
    /// The earlier day.
    pub from: Day,
    /// The later day.
    pub to: Day,
    /// Organisations first, then posts, holders, lines, and events in date order.
    pub changes: Vec<Change>,
}

/// Walks two sorted lists and reports what is only in the first (`false`) and only in the
/// second (`true`).
fn sorted_difference<T: Ord + Copy>(a: &[T], b: &[T], mut each: impl FnMut(T, bool)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(&x), Some(&y)) if x < y => {
                each(x, false);
                i += 1;
            }
            (Some(_), Some(&y)) => {
                each(y, true);
                j += 1;
            }
            (Some(&x), None) => {
                each(x, false);
                i += 1;
            }
            (None, Some(&y)) => {
                each(y, true);
                j += 1;
            }
            (None, None) => break,
        }
    }
}

/// What changed from `a` to `b` (both snapshots of `chart`), with the events between them.
///
/// ```
/// use govchart::date::Day;
/// use govchart::timeline::{Change, Snapshot, diff};
///
/// let chart = govchart::io::builtin()?.chart;
/// let before = Snapshot::at(&chart, Day::from_civil(2019, 3, 1));
/// let after = Snapshot::at(&chart, Day::from_civil(2019, 10, 1));
/// let changes = diff(&chart, &before, &after);
/// let left: Vec<String> = (changes.changes.iter())
///     .filter(|c| matches!(c, Change::Left(_)))
///     .map(|c| c.summary(&chart, changes.to))
///     .collect();
/// assert!(left.iter().any(|s| s.starts_with("Will Smart left")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn diff(chart: &Chart, a: &Snapshot, b: &Snapshot) -> Diff {
    let mut changes = Vec::new();
    let orgs_a: Vec<OrgId> = a.organisations.iter().map(|o| o.org).collect();
    let orgs_b: Vec<OrgId> = b.organisations.iter().map(|o| o.org).collect();
    sorted_difference(&orgs_a, &orgs_b, |o, new| {
        changes.push(if new {
            Change::OrgFounded(o)
        } else {
            Change::OrgDissolved(o)
        });
    });

    let posts_a: Vec<PostId> = a.posts.iter().map(|p| p.post).collect();
    let posts_b: Vec<PostId> = b.posts.iter().map(|p| p.post).collect();
    // A post that appears or goes because the chart starts or stops following it did not
    // begin or end then.
    let between = |day: Day| a.day < day && day <= b.day;
    sorted_difference(&posts_a, &posts_b, |p, new| {
        let post = chart.post(p);
        changes.push(if new {
            if post.followed_from.is_some_and(|d| between(d.first_day())) {
                Change::PostFollowed(p)
            } else {
                Change::PostCreated(p)
            }
        } else if post.followed_until.is_some_and(|d| between(d.end_bound())) {
            Change::PostUnfollowed(p)
        } else {
            Change::PostAbolished(p)
        });
    });
    for view in &b.posts {
        if let Some(before) = a.post(view.post)
            && before.organisation != view.organisation
        {
            changes.push(Change::PostMoved {
                post: view.post,
                from: before.organisation,
                to: view.organisation,
            });
        }
    }

    let holders_of = |s: &Snapshot| {
        let mut out: Vec<(TenureId, bool)> = (s.posts.iter())
            .flat_map(|v| s.holders(v))
            .map(|h| (h.tenure, h.designate))
            .collect();
        out.sort_unstable();
        out
    };
    let (holders_a, holders_b) = (holders_of(a), holders_of(b));
    let tenures = |h: &[(TenureId, bool)]| h.iter().map(|&(t, _)| t).collect::<Vec<_>>();
    let mut people = Vec::new();
    sorted_difference(&tenures(&holders_a), &tenures(&holders_b), |t, new| {
        people.push(if new {
            Change::Arrived(t)
        } else {
            Change::Left(t)
        });
    });
    // Named before `a` and in post by `b`: the same tenure, taken up in between.
    let designate_a: Vec<TenureId> = (holders_a.iter()).filter(|h| h.1).map(|h| h.0).collect();
    for &(t, designate) in &holders_b {
        if !designate && designate_a.binary_search(&t).is_ok() {
            people.push(Change::TookUp(t));
        }
    }
    let order = |c: &Change| match c {
        Change::Left(_) => 0,
        Change::TookUp(_) => 1,
        _ => 2,
    };
    people.sort_by_key(|c| match *c {
        Change::Left(t) | Change::Arrived(t) | Change::TookUp(t) => {
            (chart.tenure(t).post, order(c))
        }
        _ => (PostId(0), 0),
    });
    changes.extend(people);

    let lines_a: Vec<LineId> = a.lines.iter().map(|l| l.line).collect();
    let lines_b: Vec<LineId> = b.lines.iter().map(|l| l.line).collect();
    sorted_difference(&lines_a, &lines_b, |l, new| {
        changes.push(if new {
            Change::LineAdded(l)
        } else {
            Change::LineRemoved(l)
        });
    });

    let (low, high) = if a.day <= b.day {
        (a.day, b.day)
    } else {
        (b.day, a.day)
    };
    let mut events: Vec<EventId> = (0..chart.events.len() as u32)
        .map(EventId)
        .filter(|e| {
            let day = chart.events[e.index()].date.first_day();
            low < day && day <= high
        })
        .collect();
    events.sort_by_key(|e| (chart.events[e.index()].date.first_day(), *e));
    changes.extend(events.into_iter().map(Change::Event));
    Diff {
        from: a.day,
        to: b.day,
        changes,
    }
}
