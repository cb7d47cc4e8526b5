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

/// The days on which a chart's structure changes (an organisation comes or goes, a part-of
/// link or a post's belonging starts or ends), those on which a line starts or ends, and
/// those on which a post's holders change: what [`Snapshot::step`] looks for between the
/// day it has and the day it is asked for, to list only what may have changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Boundaries {
    structure: Vec<Day>,
    lines: Vec<Day>,
    /// The days a post's holders change, each with the post (by index): a tenure's start and
    /// end, and the days its holder takes the post up and is known to be leaving.
    holds: Vec<(Day, u32)>,
    /// The chart's counts of posts and edges, so that boundaries of another chart are not
    /// taken for these.
    shape: (usize, usize),
}

impl Boundaries {
    /// The boundaries of `chart`.
    pub fn of(chart: &Chart) -> Boundaries {
        let mut structure = Vec::new();
        let mut lines = Vec::new();
        let add = |days: &mut Vec<Day>, span: crate::model::Span| {
            days.extend([span.start, span.end]);
        };
        for org in &chart.organisations {
            add(&mut structure, org.span());
        }
        let mut holds = Vec::new();
        let phases = chart.holds_in_post().iter().zip(chart.holds_ending());
        let mut phases = phases.map(|(&in_post, &ending)| [in_post, ending]);
        let orgs = chart.organisations.len();
        for edge in chart.graph().raw_edges() {
            match edge.weight.relation {
                Relation::PartOf(_) | Relation::BelongsTo => add(&mut structure, edge.weight.span),
                Relation::Line(..) => add(&mut lines, edge.weight.span),
                Relation::Holds(_) => {
                    let post = (edge.target().index() - orgs) as u32;
                    let span = edge.weight.span;
                    let days = [span.start, span.end]
                        .into_iter()
                        .chain(phases.next().into_iter().flatten());
                    holds.extend(
                        days.filter(|d| d.0 != i32::MIN && *d != Day::OPEN)
                            .map(|d| (d, post)),
                    );
                }
            }
        }
        holds.sort_unstable();
        holds.dedup();
        for days in [&mut structure, &mut lines] {
            days.sort_unstable();
            days.dedup();
        }
        Boundaries {
            structure,
            lines,
            holds,
            shape: (chart.posts.len(), chart.graph().edge_count()),
        }
    }

    fn fits(&self, chart: &Chart) -> bool {
        self.shape == (chart.posts.len(), chart.graph().edge_count())
    }
}

/// Whether something that starts or ends on one of `days` (sorted) holds on one of `a` and
/// `b` and not the other: a span `[start, end)` does so when its start or its end falls in
/// `(earlier, later]`.
fn crossed(days: &[Day], a: Day, b: Day) -> bool {
    let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
    let next = days.partition_point(|&d| d <= earlier);
    days.get(next).is_some_and(|&d| d <= later)
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

/// The holder a holds edge gives on `day`, if it is live then; `phases` are its first day in
/// post and first day known to be leaving.
#[inline]
fn holder(
    edge: &petgraph::graph::Edge<Edge>,
    phases: [Day; 2],
    ends: Ends,
    day: Day,
) -> Option<Holder> {
    if !edge.weight.span.contains(day) {
        return None;
    }
    let Relation::Holds(tenure) = edge.weight.relation else {
        return None;
    };
    Some(Holder {
        tenure,
        person: PersonId((edge.source().index() - ends.orgs - ends.posts) as u32),
        designate: day < phases[0],
        ending: day >= phases[1],
    })
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
        let Some(holder) = holder(edge, [in_post, ending], ends, day) else {
            continue;
        };
        // The edge runs person → post.
        let slot = slots[edge.target().index() - ends.orgs];
        if slot == NONE {
            continue;
        }
        let at = out.holders.len() as u32;
        out.holders.push(holder);
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
        self.list_lines(org_count, &edges[lines_at..holds_at], day);
        self.list_holders(chart, &edges[holds_at..], day);
    }

    /// Lists the lines live on `day` from the line edges, and each listed post's manager.
    fn list_lines(&mut self, org_count: usize, lines: &[petgraph::graph::Edge<Edge>], day: Day) {
        self.lines.clear();
        let managers = live_lines(org_count, lines, &self.slots, day, &mut self.lines);
        for view in &mut self.posts {
            view.reports_to = None;
        }
        for (slot, manager) in managers {
            self.posts[slot as usize].reports_to = Some(manager);
        }
    }

    /// Makes this the snapshot of `chart` on `day`, as [`Snapshot::recompute`] does, from the
    /// snapshot of the same chart on another day: posts and organisations are listed again
    /// only when the chart's structure changes in between, lines only when a line starts or
    /// ends, and holders only for the posts whose holders change (all of them when that is
    /// more than an eighth). `boundaries` must be the chart's ([`Boundaries::of`]): those of
    /// a chart with another count of posts or edges, or a snapshot of a chart with another
    /// count of posts, are noticed and the whole is made again, but boundaries kept from
    /// before an edit that left the counts alone are not, so whoever keeps them drops them
    /// when the chart changes (as the window's document does).
    pub fn step(&mut self, chart: &Chart, boundaries: &Boundaries, day: Day) {
        let before = self.day;
        if !boundaries.fits(chart)
            || self.slots.len() != chart.posts.len()
            || crossed(&boundaries.structure, before, day)
        {
            return self.recompute(chart, day);
        }
        self.day = day;
        let org_count = chart.organisations.len();
        let edges = chart.graph().raw_edges();
        let lines_at = edges.partition_point(|e| rank(e.weight.relation) < 2);
        let holds_at = edges.partition_point(|e| rank(e.weight.relation) < 3);
        if crossed(&boundaries.lines, before, day) {
            self.list_lines(org_count, &edges[lines_at..holds_at], day);
        }
        let (earlier, later) = if before <= day {
            (before, day)
        } else {
            (day, before)
        };
        let from = boundaries.holds.partition_point(|&(d, _)| d <= earlier);
        let to = boundaries.holds.partition_point(|&(d, _)| d <= later);
        // Few posts' holders change between nearby days: only theirs are found again.
        if (to - from) * 8 < self.posts.len() {
            let mut changed: Vec<u32> =
                boundaries.holds[from..to].iter().map(|&(_, p)| p).collect();
            changed.sort_unstable();
            changed.dedup();
            self.step_holders(chart, holds_at, &changed, day);
        } else {
            self.list_holders(chart, &edges[holds_at..], day);
        }
    }

    /// Lists the holders again for the `changed` posts (sorted) from their holds edges, and
    /// keeps every other post's; the holds edges start at `holds_at` in the graph.
    fn step_holders(&mut self, chart: &Chart, holds_at: usize, changed: &[u32], day: Day) {
        use petgraph::visit::EdgeRef;
        let ends = Ends {
            orgs: chart.organisations.len(),
            posts: chart.posts.len(),
        };
        let graph = chart.graph();
        let edges = graph.raw_edges();
        let (in_post, ending) = (chart.holds_in_post(), chart.holds_ending());
        let mut holders = Vec::with_capacity(self.holders.len() + changed.len());
        let mut changed = changed.iter().peekable();
        let mut own = Vec::new();
        for view in &mut self.posts {
            let post = view.post.0;
            while changed.next_if(|&&p| p < post).is_some() {}
            let start = holders.len() as u32;
            if changed.next_if(|&&p| p == post).is_some() {
                // Its holds edges, in the graph's order, which is the order a whole listing
                // gives them.
                own.clear();
                let node = petgraph::graph::NodeIndex::new(ends.orgs + post as usize);
                own.extend(
                    (graph.edges_directed(node, petgraph::Direction::Incoming))
                        .filter(|e| matches!(e.weight().relation, Relation::Holds(_)))
                        .map(|e| e.id().index()),
                );
                own.sort_unstable();
                for &e in &own {
                    let k = e - holds_at;
                    if let Some(holder) = holder(&edges[e], [in_post[k], ending[k]], ends, day) {
                        holders.push(holder);
                    }
                }
            } else {
                holders.extend_from_slice(
                    &self.holders[view.holders.start as usize..view.holders.end as usize],
                );
            }
            let end = holders.len() as u32;
            // A vacant post's run is `0..0`, as a whole listing leaves it.
            view.holders = if end > start { start..end } else { 0..0 };
        }
        self.holders = holders;
    }

    /// Lists the holders from the holds edges, for the posts already listed.
    fn list_holders(&mut self, chart: &Chart, holds: &[petgraph::graph::Edge<Edge>], day: Day) {
        let ends = Ends {
            orgs: chart.organisations.len(),
            posts: chart.posts.len(),
        };
        let mut holders = std::mem::take(&mut self.holders);
        holders.clear();
        let holds = live_holds(chart, holds, &self.slots, ends, day, holders);
        for view in &mut self.posts {
            view.holders = 0..0;
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

    #[test]
    fn a_snapshot_stepped_to_another_day_equals_one_made_fresh() {
        let builtin = crate::io::builtin()
            .map(|l| l.chart)
            .unwrap_or_else(|e| panic!("{e}"));
        let charts = [
            builtin,
            crate::generate::chart(1_500, 3),
            crate::generate::chart(400, 9),
        ];
        for chart in &charts {
            let boundaries = Boundaries::of(chart);
            let days = crate::timeline::change_days(chart);
            let mut moving = Snapshot::at(chart, days[0]);
            let mut rng = crate::generate::Rng::new(0x2545_f491_4f6c_dd1d_u64);
            let mut next = |below: usize| rng.below(below as u64) as usize;
            // Every change day forward and back, as the slider is dragged, then jumps, and
            // the days either side of each change.
            let mut steps: Vec<Day> = (0..days.len())
                .chain((0..days.len()).rev())
                .map(|i| days[i])
                .collect();
            for _ in 0..300 {
                steps.push(days[next(days.len())]);
            }
            for _ in 0..300 {
                let day = days[next(days.len())];
                steps.push(Day(day.0 - 1 + next(3) as i32));
            }
            let (mut partial, mut whole) = (0, 0);
            for day in steps {
                let before = moving.day;
                moving.step(chart, &boundaries, day);
                assert_eq!(
                    moving,
                    Snapshot::at(chart, day),
                    "from {before:?} to {day:?}"
                );
                if crossed(&boundaries.structure, before, day) {
                    whole += 1;
                } else {
                    partial += 1;
                }
            }
            assert!(
                partial > 100 && whole > 10,
                "{partial} stepped, {whole} made whole"
            );
        }
    }

    #[test]
    fn boundaries_of_another_chart_make_the_snapshot_whole() {
        let one = crate::generate::chart(300, 1);
        let other = crate::generate::chart(301, 2);
        let days = crate::timeline::change_days(&other);
        let mut moving = Snapshot::at(&other, days[0]);
        for &day in days.iter().step_by(5) {
            moving.step(&other, &Boundaries::of(&one), day);
            assert_eq!(moving, Snapshot::at(&other, day));
        }
    }

    #[test]
    fn a_span_is_crossed_between_two_days_when_it_starts_or_ends_after_the_earlier() {
        let days = [Day(10), Day(20)];
        assert!(!crossed(&days, Day(10), Day(19)));
        assert!(crossed(&days, Day(10), Day(20)));
        assert!(crossed(&days, Day(20), Day(19)));
        assert!(!crossed(&days, Day(20), Day(25)));
        assert!(crossed(&days, Day(9), Day(10)));
        assert!(!crossed(&days, Day(12), Day(12)));
        assert!(!crossed(&[], Day(0), Day(100)));
    }
}
