//! The chart as it stood on one day: which organisations exist, which posts, who holds them,
//! and which lines are live.

use std::ops::Range;

use crate::date::Day;
use crate::model::{Chart, Edge, LineId, LineKind, OrgId, PersonId, PostId, Relation, TenureId};

/// An organisation that exists on the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgView {
    /// Which.
    pub org: OrgId,
    /// Its parents on the day (that exist then too).
    pub parents: Vec<OrgId>,
}

/// A post that exists on the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostView {
    /// Which.
    pub post: PostId,
    /// The organisation it belongs to on the day.
    pub organisation: OrgId,
    /// Its line manager's post on the day, if that post exists then.
    pub reports_to: Option<PostId>,
    holders: Range<u32>,
}

/// Someone holding a post on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holder {
    /// The tenure.
    pub tenure: TenureId,
    /// Who.
    pub person: PersonId,
    /// Named to the post but not yet in it on the day.
    pub designate: bool,
    /// In the period within which the tenure is known to end, on the day.
    pub ending: bool,
}

impl Holder {
    /// The phase of the tenure on the snapshot's day: what [`holding::phase`] finds from
    /// the tenure, without reading it.
    ///
    /// [`holding::phase`]: crate::timeline::holding::phase
    pub fn phase(&self) -> crate::timeline::holding::Phase {
        use crate::timeline::holding::Phase;
        if self.designate {
            Phase::Designate
        } else if self.ending {
            Phase::Ending
        } else {
            Phase::InPost
        }
    }
}

/// A line that is live on the day between two posts that exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineView {
    /// Which line.
    pub line: LineId,
    /// The post it is written under.
    pub from: PostId,
    /// The post it names.
    pub to: PostId,
    /// What kind.
    pub kind: LineKind,
}

/// The chart on one day. Built by [`Snapshot::at`], a pure function of the chart and the day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The day.
    pub day: Day,
    /// Organisations that exist, in chart order.
    pub organisations: Vec<OrgView>,
    /// Posts that exist (and whose organisation exists), in chart order.
    pub posts: Vec<PostView>,
    /// Live lines between existing posts, in chart order.
    pub lines: Vec<LineView>,
    holders: Vec<Holder>,
    /// For each post of the chart, its position in `posts`, or `u32::MAX`.
    slots: Vec<u32>,
}

const NONE: u32 = u32::MAX;

/// Where the post and person nodes start in the graph.
#[derive(Clone, Copy)]
struct Ends {
    orgs: usize,
    posts: usize,
}

/// The holders found in the holds edges, with each post's range in them.
#[derive(Default)]
struct Holds {
    holders: Vec<Holder>,
    runs: Vec<(u32, Range<u32>)>,
}

/// The order edge kinds come in.
fn rank(relation: Relation) -> u8 {
    match relation {
        Relation::PartOf(_) => 0,
        Relation::BelongsTo => 1,
        Relation::Line(..) => 2,
        Relation::Holds(_) => 3,
    }
}

/// The live lines between existing posts, and each post's line manager (by slot).
fn live_lines(
    orgs: usize,
    edges: &[petgraph::graph::Edge<Edge>],
    slots: &[u32],
    day: Day,
    lines: &mut Vec<LineView>,
) -> Vec<(u32, PostId)> {
    let mut managers = Vec::new();
    // The edge runs from post to post, and says what kind of line it is: the lines
    // themselves are not read.
    for edge in edges.iter().filter(|e| e.weight.span.contains(day)) {
        let Relation::Line(l, kind) = edge.weight.relation else {
            continue;
        };
        let (from, to) = (edge.source().index() - orgs, edge.target().index() - orgs);
        let slot = slots[from];
        if slot == NONE || slots[to] == NONE {
            continue;
        }
        let (from, to) = (PostId(from as u32), PostId(to as u32));
        if kind == LineKind::ReportsTo {
            managers.push((slot, to));
        }
        lines.push(LineView {
            line: l,
            from,
            to,
            kind,
        });
    }
    managers
}

/// The holders in a run of holds edges (sorted by post), grouped by post.
fn live_holds(
    chart: &Chart,
    edges: &[petgraph::graph::Edge<Edge>],
    slots: &[u32],
    ends: Ends,
    day: Day,
    holders: Vec<Holder>,
) -> Holds {
    let mut out = Holds {
        holders,
        runs: Vec::new(),
    };
    let days = chart.holds_in_post().iter().zip(chart.holds_ending());
    for (edge, (&in_post, &ending)) in edges.iter().zip(days) {
        if !edge.weight.span.contains(day) {
            continue;
        }
        let Relation::Holds(tenure) = edge.weight.relation else {
            continue;
        };
        // The edge runs person → post.
        let slot = slots[edge.target().index() - ends.orgs];
        if slot == NONE {
            continue;
        }
        let person = PersonId((edge.source().index() - ends.orgs - ends.posts) as u32);
        let at = out.holders.len() as u32;
        out.holders.push(Holder {
            tenure,
            person,
            designate: day < in_post,
            ending: day >= ending,
        });
        match out.runs.last_mut() {
            Some((last, range)) if *last == slot => range.end = at + 1,
            _ => out.runs.push((slot, at..at + 1)),
        }
    }
    out
}

impl Snapshot {
    /// The chart as it stood on `day`.
    ///
    /// Every holder is kept: a post with more holders than seats on a day (an acting holder
    /// covering, or a handover whose dates are known only to the month) lists them all.
    ///
    /// ```
    /// use govchart::date::Day;
    /// use govchart::timeline::Snapshot;
    ///
    /// let chart = govchart::io::builtin()?.chart;
    /// let cio = chart.post_id("nhs-cio").ok_or("no such post")?;
    /// let june = Snapshot::at(&chart, Day::from_civil(2019, 6, 20));
    /// let holder = june.holders_of(cio)[0].person;
    /// assert_eq!(chart.person(holder).name, "Will Smart");
    /// let november = Snapshot::at(&chart, Day::from_civil(2019, 11, 1));
    /// assert!(november.holders_of(cio).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at(chart: &Chart, day: Day) -> Snapshot {
        let mut snap = Snapshot {
            day,
            organisations: Vec::new(),
            posts: Vec::new(),
            lines: Vec::new(),
            holders: Vec::new(),
            slots: Vec::new(),
        };
        snap.recompute(chart, day);
        snap
    }

    /// Makes this the snapshot of `chart` on `day`, reusing its memory: what a time slider
    /// calls on every move. The result equals [`Snapshot::at`].
    pub fn recompute(&mut self, chart: &Chart, day: Day) {
        let org_count = chart.organisations.len();
        let alive: Vec<bool> = chart
            .organisations
            .iter()
            .map(|o| o.span().contains(day))
            .collect();
        self.day = day;
        self.organisations.clear();
        self.posts.clear();
        self.lines.clear();
        self.holders.clear();
        self.slots.clear();
        self.slots.resize(chart.posts.len(), NONE);
        // Room for all, so a first snapshot of a large chart does not copy as it grows.
        self.posts.reserve(chart.posts.len());
        self.lines.reserve(chart.lines.len());
        self.holders.reserve(chart.posts.len());
        let edges = chart.graph().raw_edges();
        // Edges come kind by kind: part-of, belongs-to, lines, holds.
        let lines_at = edges.partition_point(|e| rank(e.weight.relation) < 2);
        let holds_at = edges.partition_point(|e| rank(e.weight.relation) < 3);
        let parents = self.place_posts(&edges[..lines_at], &alive, org_count, day);
        self.list_organisations(parents, &alive);
        let (lines, holds) = (&edges[lines_at..holds_at], &edges[holds_at..]);
        let ends = Ends {
            orgs: org_count,
            posts: chart.posts.len(),
        };
        let managers = live_lines(org_count, lines, &self.slots, day, &mut self.lines);
        let holders = std::mem::take(&mut self.holders);
        let holds = live_holds(chart, holds, &self.slots, ends, day, holders);
        for (slot, manager) in managers {
            self.posts[slot as usize].reports_to = Some(manager);
        }
        self.holders = holds.holders;
        for (slot, range) in holds.runs {
            self.posts[slot as usize].holders = range;
        }
    }

    /// Finds the posts that exist on the day (from the belongs-to edges) and the live
    /// part-of links between existing organisations.
    fn place_posts(
        &mut self,
        edges: &[petgraph::graph::Edge<Edge>],
        alive: &[bool],
        org_count: usize,
        day: Day,
    ) -> Vec<(OrgId, OrgId)> {
        let mut parents = Vec::new();
        for edge in edges.iter().filter(|e| e.weight.span.contains(day)) {
            let (source, target) = (edge.source().index(), edge.target().index());
            match edge.weight.relation {
                Relation::PartOf(_) if alive[source] && alive[target] => {
                    parents.push((OrgId(source as u32), OrgId(target as u32)));
                }
                Relation::BelongsTo => {
                    let post = source - org_count;
                    if alive[target] && self.slots[post] == NONE {
                        self.slots[post] = self.posts.len() as u32;
                        self.posts.push(PostView {
                            post: PostId(post as u32),
                            organisation: OrgId(target as u32),
                            reports_to: None,
                            holders: 0..0,
                        });
                    }
                }
                _ => {}
            }
        }
        parents
    }

    /// Lists the organisations that exist, each with its live parents.
    fn list_organisations(&mut self, parents: Vec<(OrgId, OrgId)>, alive: &[bool]) {
        // Part-of edges come in child order, so each organisation's parents are a run.
        let mut runs = parents.into_iter().peekable();
        for o in (0..alive.len()).filter(|&o| alive[o]) {
            let org = OrgId(o as u32);
            let mut view = OrgView {
                org,
                parents: Vec::new(),
            };
            while let Some(&(child, parent)) = runs.peek() {
                if child > org {
                    break;
                }
                if child == org {
                    view.parents.push(parent);
                }
                runs.next();
            }
            self.organisations.push(view);
        }
    }

    /// The view of a post, if it exists on the day.
    pub fn post(&self, id: PostId) -> Option<&PostView> {
        self.posts.get(self.position(id)?)
    }

    /// Where a post is in [`Snapshot::posts`], if it exists on the day.
    pub fn position(&self, id: PostId) -> Option<usize> {
        let slot = *self.slots.get(id.index())?;
        (slot != NONE).then_some(slot as usize)
    }

    /// Who holds a post on the day (empty when vacant), in the chart's order of people.
    pub fn holders(&self, view: &PostView) -> &[Holder] {
        &self.holders[view.holders.start as usize..view.holders.end as usize]
    }

    /// Who holds a post on the day, if it exists.
    pub fn holders_of(&self, id: PostId) -> &[Holder] {
        self.post(id).map_or(&[], |v| self.holders(v))
    }

    /// Whether an organisation exists on the day.
    pub fn has_org(&self, id: OrgId) -> bool {
        self.organisations
            .binary_search_by_key(&id, |o| o.org)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_made_again_for_another_day_equals_one_made_fresh() {
        let generated = crate::generate::chart(1_500, 3);
        let builtin = crate::io::builtin()
            .map(|l| l.chart)
            .unwrap_or_else(|e| panic!("{e}"));
        for chart in [&builtin, &generated] {
            let days = crate::timeline::change_days(chart);
            let mut moving = Snapshot::at(chart, days[0]);
            let mut phases = std::collections::HashSet::new();
            // Forward, back and by jumps, as the slider moves.
            let picks = (0..days.len())
                .step_by(7)
                .chain((0..days.len()).rev().step_by(11));
            for i in picks {
                moving.recompute(chart, days[i]);
                assert_eq!(moving, Snapshot::at(chart, days[i]), "on {:?}", days[i]);
                for view in &moving.lines {
                    let line = chart.line(view.line);
                    assert_eq!(
                        (view.from, view.to, view.kind),
                        (line.from, line.to, line.kind)
                    );
                }
                for holder in &moving.holders {
                    let tenure = chart.tenure(holder.tenure);
                    assert_eq!(holder.designate, tenure.designate_on(days[i]));
                    let phase = crate::timeline::holding::phase(chart, holder, days[i]);
                    assert_eq!(holder.phase(), phase);
                    phases.insert(phase);
                    assert!(tenure.span().contains(days[i]));
                }
            }
            assert!(moving.posts.iter().any(|p| !moving.holders(p).is_empty()));
            assert!(phases.len() >= 2, "{phases:?}");
        }
    }
}
