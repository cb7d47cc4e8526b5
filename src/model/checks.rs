//! Checks that need time: seats, reporting lines, cycles, lifetimes and mergers, over a
//! built chart.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::algo::TarjanScc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::date::{Day, PartialDate};
use crate::model::{
    Chart, EventId, EventKind, LineId, LineKind, OrgId, PostId, Relation, Span, TenureId,
};

/// Whether a finding stops a chart from loading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The chart is wrong and is not loaded.
    Error,
    /// Worth a look; the chart still loads.
    Warning,
}

/// Which item of a chart a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// An organisation.
    Org(OrgId),
    /// One of an organisation's parent links.
    Parent(OrgId, u32),
    /// A post.
    Post(PostId),
    /// A line.
    Line(LineId),
    /// A tenure.
    Tenure(TenureId),
    /// An event.
    Event(EventId),
}

/// A problem found in a chart, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The item it is about.
    pub at: Location,
    /// What is wrong, naming the items involved.
    pub message: String,
}

/// Items the checks leave alone, because they already have problems of their own (an
/// unknown id, a bad date) that would make anything said about them misleading.
#[derive(Clone, Debug, Default)]
pub struct Ignore {
    /// Organisations.
    pub orgs: FxHashSet<OrgId>,
    /// Posts.
    pub posts: FxHashSet<PostId>,
    /// Lines.
    pub lines: FxHashSet<LineId>,
    /// Tenures.
    pub tenures: FxHashSet<TenureId>,
    /// Events.
    pub events: FxHashSet<EventId>,
}

impl Ignore {
    fn tenure(&self, chart: &Chart, t: TenureId) -> bool {
        self.tenures.contains(&t) || self.posts.contains(&chart.tenure(t).post)
    }

    fn line(&self, chart: &Chart, l: LineId) -> bool {
        let line = chart.line(l);
        self.lines.contains(&l) || self.posts.contains(&line.from) || self.posts.contains(&line.to)
    }
}

/// How many edge visits the cycle checks may spend before giving up on a tangle.
const CYCLE_BUDGET: u64 = 50_000_000;

/// Runs every time-dependent check and returns what it finds, errors first.
pub fn check(chart: &Chart, ignore: &Ignore) -> Vec<Finding> {
    let side_by_side = chart.entities() >= crate::model::chart::SIDE_BY_SIDE_FROM;
    check_on(chart, ignore, side_by_side)
}

/// [`check`], its checks in two halves side by side or one after the other.
fn check_on(chart: &Chart, ignore: &Ignore, side_by_side: bool) -> Vec<Finding> {
    let first = |out: &mut Vec<Finding>| {
        check_seats(chart, ignore, out);
        check_single_manager(chart, ignore, out);
        check_reporting_cycles(chart, ignore, out);
    };
    let second = |out: &mut Vec<Finding>| {
        check_parent_cycles(chart, ignore, out);
        check_lifetimes(chart, ignore, out);
        check_mergers(chart, ignore, out);
    };
    // The two halves side by side on a large chart; their findings in the same order as
    // one after the other.
    let collect = |check: &dyn Fn(&mut Vec<Finding>)| {
        let mut found = Vec::new();
        check(&mut found);
        found
    };
    let (mut out, rest) =
        crate::model::chart::both(side_by_side, || collect(&first), || collect(&second));
    out.extend(rest);
    out.sort_by_key(|f| f.severity);
    out
}

fn error(at: Location, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        at,
        message,
    }
}

/// For spans in one group, the pairs `(later, earlier)` that share a day while more than
/// `capacity` items are live: a sweep over starts with a heap of live ends, `O(n log n)`.
fn over_capacity<T: Copy>(mut items: Vec<(Span, T)>, capacity: usize) -> Vec<(T, T)> {
    items.retain(|(span, _)| !span.is_empty());
    items.sort_by_key(|(span, _)| span.start);
    let mut live: BinaryHeap<Reverse<(Day, usize)>> = BinaryHeap::new();
    let mut out = Vec::new();
    for (i, &(span, item)) in items.iter().enumerate() {
        while live
            .peek()
            .is_some_and(|Reverse((end, _))| *end <= span.start)
        {
            live.pop();
        }
        if live.len() >= capacity
            && let Some(Reverse((_, other))) = live.peek()
        {
            out.push((item, items[*other].1));
        }
        live.push(Reverse((span.end, i)));
    }
    out
}

fn check_seats(chart: &Chart, ignore: &Ignore, out: &mut Vec<Finding>) {
    let mut group: Vec<TenureId> = Vec::new();
    let flush = |group: &mut Vec<TenureId>, out: &mut Vec<Finding>| {
        if let Some(&first) = group.first() {
            seats_of(chart, chart.tenure(first).post, group, out);
        }
        group.clear();
    };
    // Holds edges come sorted by post, so each post's tenures are a run.
    for edge in chart.graph().raw_edges() {
        let Relation::Holds(t) = edge.weight.relation else {
            continue;
        };
        if ignore.tenure(chart, t) {
            continue;
        }
        if group
            .first()
            .is_some_and(|&g| chart.tenure(g).post != chart.tenure(t).post)
        {
            flush(&mut group, out);
        }
        group.push(t);
    }
    flush(&mut group, out);
}

fn seats_of(chart: &Chart, post_id: PostId, tenures: &[TenureId], out: &mut Vec<Finding>) {
    let post = chart.post(post_id);
    let items = tenures
        .iter()
        .map(|&t| (chart.tenure(t).seat_span(), t))
        .collect();
    for (later, earlier) in over_capacity(items, post.seats.max(1) as usize) {
        let (a, b) = (chart.tenure(later), chart.tenure(earlier));
        let (who, other) = (&chart.person(a.person).name, &chart.person(b.person).name);
        let when = a.start.human();
        let message = if a.person == b.person {
            format!(
                "{who} holds post \"{}\" twice at once from {when}",
                post.key
            )
        } else {
            let seat_word = if post.seats == 1 { "seat" } else { "seats" };
            let cover = if a.acting || b.acting {
                " (an acting holder covering)"
            } else {
                ""
            };
            format!(
                "post \"{}\" has {} {seat_word}, but {who} holds it from {when} while {other} still does{cover}",
                post.key, post.seats,
            )
        };
        let severity = if (a.acting || b.acting) && a.person != b.person {
            Severity::Warning
        } else {
            Severity::Error
        };
        out.push(Finding {
            severity,
            at: Location::Tenure(later),
            message,
        });
    }
}

fn check_single_manager(chart: &Chart, ignore: &Ignore, out: &mut Vec<Finding>) {
    for (i, post) in chart.posts.iter().enumerate() {
        let items: Vec<(Span, LineId)> = (post.lines.clone())
            .map(LineId)
            .filter(|&l| chart.line(l).kind == LineKind::ReportsTo && !ignore.line(chart, l))
            .map(|l| (Span::certain(chart.line(l).start, chart.line(l).end), l))
            .collect();
        if items.len() < 2 {
            continue;
        }
        for (later, earlier) in over_capacity(items, 1) {
            let when = chart
                .line(later)
                .start
                .map_or_else(|| "the start".to_owned(), PartialDate::human);
            out.push(error(
                Location::Line(later),
                format!(
                    "post \"{}\" reports to both \"{}\" and \"{}\" from {when}; a post has one line manager at a time (use AccountableTo for the other)",
                    chart.posts[i].key,
                    chart.post(chart.line(later).to).key,
                    chart.post(chart.line(earlier).to).key,
                ),
            ));
        }
    }
}

/// A dated directed edge for the cycle search: its span, the date it starts from, and the
/// item to point at.
#[derive(Clone, Copy)]
struct DatedEdge {
    span: Span,
    start: Option<PartialDate>,
    at: Location,
}

fn check_reporting_cycles(chart: &Chart, ignore: &Ignore, out: &mut Vec<Finding>) {
    let edges = || {
        (chart.lines.iter().enumerate())
            .filter(|(i, line)| {
                line.kind == LineKind::ReportsTo && !ignore.line(chart, LineId(*i as u32))
            })
            .map(|(i, line)| {
                let edge = DatedEdge {
                    span: Span::certain(line.start, line.end),
                    start: line.start,
                    at: Location::Line(LineId(i as u32)),
                };
                (line.from.index(), line.to.index(), edge)
            })
    };
    let name = |n: usize| format!("\"{}\"", chart.posts[n].key);
    find_cycles(chart.posts.len(), edges, "reporting lines", &name, out);
}

fn check_parent_cycles(chart: &Chart, ignore: &Ignore, out: &mut Vec<Finding>) {
    let edges = || {
        (chart.organisations.iter().enumerate())
            .filter(|(i, _)| !ignore.orgs.contains(&OrgId(*i as u32)))
            .flat_map(|(i, org)| {
                org.parents.iter().enumerate().map(move |(k, link)| {
                    let edge = DatedEdge {
                        span: Span::certain(link.start, link.end),
                        start: link.start,
                        at: Location::Parent(OrgId(i as u32), k as u32),
                    };
                    (i, link.org.index(), edge)
                })
            })
            .filter(|(_, parent, _)| !ignore.orgs.contains(&OrgId(*parent as u32)))
    };
    let name = |n: usize| format!("\"{}\"", chart.organisations[n].key);
    find_cycles(chart.organisations.len(), edges, "parent links", &name, out);
}

/// Reports, for each tangle of edges, the first day on which the edges certainly live that
/// day close a loop, naming the loop from its first member in the file.
///
/// `edges` is called twice: once for the ends alone, to set aside every node no loop can pass
/// through, and once to build a graph of the rest (on a chart whose lines form no loop, none).
fn find_cycles<I: Iterator<Item = (usize, usize, DatedEdge)>>(
    nodes: usize,
    edges: impl Fn() -> I,
    what: &str,
    name: &dyn Fn(usize) -> String,
    out: &mut Vec<Finding>,
) {
    let live = || edges().filter(|(_, _, edge)| !edge.span.is_empty());
    let kept = on_some_loop(nodes, || live().map(|(from, to, _)| (from, to)));
    // Kept nodes, numbered afresh in file order, and the way back.
    let mut number = vec![u32::MAX; nodes];
    let mut original = Vec::new();
    for (n, _) in kept.iter().enumerate().filter(|(_, kept)| **kept) {
        number[n] = original.len() as u32;
        original.push(n);
    }
    if original.is_empty() {
        return;
    }
    let mut graph: DiGraph<(), DatedEdge, u32> = DiGraph::with_capacity(original.len(), 0);
    for _ in 0..original.len() {
        graph.add_node(());
    }
    for (from, to, edge) in live() {
        if kept[from] && kept[to] {
            let (a, b) = (number[from], number[to]);
            graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), edge);
        }
    }
    drop(number);
    let name = |n: usize| name(original[n]);
    let mut budget = CYCLE_BUDGET;
    // Each tangle is looked at as it is found, rather than every node's collected first.
    TarjanScc::new().run(&graph, |component| {
        let looped = component.len() > 1 || graph.find_edge(component[0], component[0]).is_some();
        if looped && let Some(finding) = cycle_in(&graph, component, what, &name, &mut budget) {
            out.push(finding);
        }
    });
}

/// Which of `nodes` nodes may lie on a loop of the edges `ends` gives: what is left after
/// repeatedly setting aside every node that no kept edge enters, then every node that no
/// kept edge leaves. A node on a loop is never set aside; a node left may still be on none.
fn on_some_loop<I: Iterator<Item = (usize, usize)>>(
    nodes: usize,
    ends: impl Fn() -> I,
) -> Vec<bool> {
    let mut kept = vec![true; nodes];
    // The edges out of each node and into each, as runs of one list (a counting sort).
    let runs = |key: &dyn Fn((usize, usize)) -> (usize, usize)| {
        let mut starts = vec![0u32; nodes + 1];
        for (a, _) in ends().map(key) {
            starts[a + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut others = vec![0u32; starts[nodes] as usize];
        for (a, b) in ends().map(key) {
            others[next[a] as usize] = b as u32;
            next[a] += 1;
        }
        (starts, others)
    };
    for backwards in [false, true] {
        let key = |(from, to): (usize, usize)| if backwards { (to, from) } else { (from, to) };
        // Edges followed forwards, then backwards: set aside nodes with no kept edge in.
        let (starts, others) = runs(&key);
        let mut entering = vec![0u32; nodes];
        for (a, &start) in starts[..nodes].iter().enumerate() {
            if kept[a] {
                for &b in &others[start as usize..starts[a + 1] as usize] {
                    entering[b as usize] += 1;
                }
            }
        }
        let mut queue: Vec<usize> = (0..nodes)
            .filter(|&n| kept[n] && entering[n] == 0)
            .collect();
        while let Some(a) = queue.pop() {
            kept[a] = false;
            for &b in &others[starts[a] as usize..starts[a + 1] as usize] {
                let b = b as usize;
                entering[b] -= 1;
                if entering[b] == 0 && kept[b] {
                    queue.push(b);
                }
            }
        }
    }
    kept
}

fn cycle_in(
    graph: &DiGraph<(), DatedEdge, u32>,
    component: &[NodeIndex],
    what: &str,
    name: &dyn Fn(usize) -> String,
    budget: &mut u64,
) -> Option<Finding> {
    let members: FxHashSet<NodeIndex> = component.iter().copied().collect();
    let inner: Vec<(NodeIndex, NodeIndex, DatedEdge)> = component
        .iter()
        .flat_map(|&n| graph.edges(n).map(move |e| (n, e.target(), *e.weight())))
        .filter(|(_, to, _)| members.contains(to))
        .collect();
    let mut starts: Vec<(Day, Option<PartialDate>)> = inner
        .iter()
        .map(|(_, _, e)| (e.span.start, e.start))
        .collect();
    starts.sort_by_key(|(day, _)| *day);
    starts.dedup_by_key(|(day, _)| *day);
    for (day, date) in starts {
        let cost = (inner.len() + component.len()) as u64;
        if *budget < cost {
            let (from, _, edge) = inner.first()?;
            return Some(error(
                edge.at,
                format!(
                    "the {what} among {} items (from {}) loop in too many ways to check",
                    component.len(),
                    name(from.index())
                ),
            ));
        }
        *budget -= cost;
        let mut next: FxHashMap<NodeIndex, Vec<(NodeIndex, DatedEdge)>> = FxHashMap::default();
        for &(a, b, edge) in inner.iter().filter(|(_, _, e)| e.span.contains(day)) {
            next.entry(a).or_default().push((b, edge));
        }
        if let Some(mut cycle) = find_loop(&next) {
            let first = (0..cycle.len())
                .min_by_key(|&i| cycle[i].0.index())
                .unwrap_or(0);
            cycle.rotate_left(first);
            let mut names: Vec<String> = cycle.iter().map(|(n, _)| name(n.index())).collect();
            names.push(names[0].clone());
            let when = date.map_or_else(|| "the start".to_owned(), PartialDate::human);
            return Some(error(
                cycle[0].1.at,
                format!("{what} form a cycle from {when}: {}", names.join(" → ")),
            ));
        }
    }
    None
}

/// A loop in a small graph, as (node, edge out of it) pairs, by an iterative depth-first
/// search.
fn find_loop(
    next: &FxHashMap<NodeIndex, Vec<(NodeIndex, DatedEdge)>>,
) -> Option<Vec<(NodeIndex, DatedEdge)>> {
    let mut state: FxHashMap<NodeIndex, u8> = FxHashMap::default();
    let mut roots: Vec<NodeIndex> = next.keys().copied().collect();
    roots.sort();
    for root in roots {
        if state.contains_key(&root) {
            continue;
        }
        // The path so far: each node with the index of the next edge to try.
        let mut path: Vec<(NodeIndex, usize)> = vec![(root, 0)];
        state.insert(root, 1);
        while let Some(&mut (node, ref mut k)) = path.last_mut() {
            let outs = next.get(&node).map_or(&[][..], Vec::as_slice);
            let Some(&(to, _)) = outs.get(*k) else {
                state.insert(node, 2);
                path.pop();
                continue;
            };
            *k += 1;
            match state.get(&to) {
                Some(1) => {
                    let at = path.iter().position(|&(n, _)| n == to)?;
                    let cycle = path[at..]
                        .iter()
                        .map(|&(n, k)| (n, next[&n][k - 1].1))
                        .collect();
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    state.insert(to, 1);
                    path.push((to, 0));
                }
            }
        }
    }
    None
}

fn check_lifetimes(chart: &Chart, ignore: &Ignore, out: &mut Vec<Finding>) {
    for (i, tenure) in chart.tenures.iter().enumerate() {
        let id = TenureId(i as u32);
        if ignore.tenure(chart, id) {
            continue;
        }
        let at = Location::Tenure(id);
        let post = chart.post(tenure.post);
        let who = &chart.person(tenure.person).name;
        // The days it certainly covers: from the end of its start's period to the start of
        // its end's period.
        let first = tenure.start.last_day();
        let beyond = tenure.end.map_or(Day::OPEN, PartialDate::first_day);
        let life = post.span();
        if first < life.start {
            let created = post.created.map(PartialDate::human).unwrap_or_default();
            out.push(error(
                at,
                format!(
                    "{who}'s tenure of \"{}\" starts before the post was created ({created})",
                    post.key
                ),
            ));
        }
        if beyond > life.end {
            let abolished = post.abolished.map(PartialDate::human).unwrap_or_default();
            out.push(error(
                at,
                format!(
                    "{who}'s tenure of \"{}\" goes on after the post was abolished ({abolished})",
                    post.key
                ),
            ));
        }
        let followed = Span::possible(post.followed_from, post.followed_until);
        if first < followed.start || beyond > followed.end {
            out.push(Finding {
                severity: Severity::Warning,
                at,
                message: format!(
                    "{who}'s tenure of \"{}\" falls partly outside the span the chart follows the post, so part of it is not shown",
                    post.key
                ),
            });
        }
        let org_id = post.organisation_at(first);
        let org = chart.org(org_id);
        if first < org.span().start && !ignore.orgs.contains(&org_id) {
            let founded = org.founded.map(PartialDate::human).unwrap_or_default();
            out.push(error(
                at,
                format!(
                    "{who}'s tenure of \"{}\" starts before {} was founded ({founded})",
                    post.key, org.name
                ),
            ));
        }
        let last = if beyond == Day::OPEN {
            Day::OPEN
        } else {
            Day(beyond.0 - 1)
        };
        let org_id = post.organisation_at(last.max(first));
        let org = chart.org(org_id);
        if beyond > org.span().end && !ignore.orgs.contains(&org_id) {
            let dissolved = org.dissolved.map(PartialDate::human).unwrap_or_default();
            out.push(error(
                at,
                format!(
                    "{who}'s tenure of \"{}\" goes on after {} was dissolved ({dissolved})",
                    post.key, org.name
                ),
            ));
        }
    }
}

fn check_mergers(chart: &Chart, ignore: &Ignore, out: &mut Vec<Finding>) {
    for (i, event) in chart.events.iter().enumerate() {
        let EventKind::Merger { into, absorbed } = &event.kind else {
            continue;
        };
        let id = EventId(i as u32);
        if ignore.events.contains(&id) {
            continue;
        }
        let at = Location::Event(id);
        let when = event.date.human();
        let target = chart.org(*into);
        if absorbed.contains(into) {
            out.push(error(
                at,
                format!(
                    "merger \"{}\" ({when}) absorbs {} into itself",
                    event.key, target.name
                ),
            ));
            continue;
        }
        for &org in absorbed {
            let org = chart.org(org);
            let dissolved_by = org
                .dissolved
                .is_some_and(|d| d.first_day() <= event.date.last_day());
            if !dissolved_by {
                out.push(Finding {
                    severity: Severity::Warning,
                    at,
                    message: format!(
                        "merger \"{}\" ({when}) absorbs {}, but {} is not dissolved by then",
                        event.key, org.name, org.name
                    ),
                });
            }
        }
        let span = target.span();
        if !span.contains(event.date.first_day()) && !span.contains(event.date.last_day()) {
            out.push(error(
                at,
                format!(
                    "merger \"{}\" ({when}) is into {}, which does not exist then",
                    event.key, target.name
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParentLink;

    #[test]
    fn checks_side_by_side_find_what_they_find_one_after_the_other() {
        let generated = crate::generate::chart(2_000, 4);
        let (info, mut parts) = crate::model::chart::tests::parts_of(&generated);
        // Something for each half to find: two organisations each other's parent (the
        // second half), and each tenure of some posts twice over (the first).
        let link = |org: u32| ParentLink {
            org: OrgId(org),
            start: None,
            end: None,
            fact: parts.organisations[0].fact,
        };
        let (a, b) = (link(1), link(0));
        parts.organisations[0].parents.push(a);
        parts.organisations[1].parents.push(b);
        let doubled: Vec<_> = parts.tenures.iter().step_by(97).cloned().collect();
        parts.tenures.extend(doubled);
        let chart = Chart::new(info, parts);
        let ignore = Ignore::default();
        let one = check_on(&chart, &ignore, false);
        let two = check_on(&chart, &ignore, true);
        assert_eq!(one, two);
        assert!(one.iter().any(|f| f.message.contains("parent")), "{one:?}");
        assert!(one.len() > 5, "{} findings", one.len());
    }

    /// Nodes that lie on a loop, by petgraph's own strongly connected components.
    fn looped(nodes: usize, edges: &[(usize, usize)]) -> Vec<bool> {
        let mut graph: DiGraph<(), (), u32> = DiGraph::new();
        for _ in 0..nodes {
            graph.add_node(());
        }
        for &(a, b) in edges {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
        let mut on = vec![false; nodes];
        for component in petgraph::algo::tarjan_scc(&graph) {
            let n = component[0];
            if component.len() > 1 || graph.find_edge(n, n).is_some() {
                component.iter().for_each(|n| on[n.index()] = true);
            }
        }
        on
    }

    #[test]
    fn no_node_on_a_loop_is_set_aside_and_a_graph_without_loops_keeps_none() {
        let mut rng = crate::generate::Rng::new(0x9e37_79b9_7f4a_7c15_u64);
        let mut next = |below: usize| rng.below(below as u64) as usize;
        for round in 0..400 {
            let nodes = 1 + next(30);
            let edges: Vec<(usize, usize)> = (0..next(2 * nodes + 1))
                .map(|_| (next(nodes), next(nodes)))
                .collect();
            let kept = on_some_loop(nodes, || edges.iter().copied());
            let on = looped(nodes, &edges);
            for n in 0..nodes {
                assert!(kept[n] || !on[n], "round {round}: node {n} of {edges:?}");
            }
            // The same edges pointing only forwards have no loop, and nothing is kept.
            let forwards: Vec<_> = (edges.iter())
                .filter(|(a, b)| a != b)
                .map(|&(a, b)| (a.min(b), a.max(b)))
                .collect();
            let kept = on_some_loop(nodes, || forwards.iter().copied());
            assert!(kept.iter().all(|k| !k), "round {round}: {forwards:?}");
        }
    }

    #[test]
    fn a_loop_behind_a_long_chain_and_before_another_is_found_and_named() {
        let generated = crate::generate::chart(500, 3);
        let (info, mut parts) = crate::model::chart::tests::parts_of(&generated);
        // Three posts that report to one another, far down the chart's own reporting lines.
        let mut looped = Vec::new();
        for (i, line) in parts.lines.iter_mut().enumerate() {
            if line.kind == LineKind::ReportsTo && looped.len() < 3 && line.from.0 > 300 {
                looped.push(i);
            }
        }
        let posts: Vec<PostId> = looped.iter().map(|&i| parts.lines[i].from).collect();
        for (k, &i) in looped.iter().enumerate() {
            let line = &mut parts.lines[i];
            (line.to, line.start, line.end) = (posts[(k + 1) % 3], None, None);
        }
        let chart = Chart::new(info, parts);
        let findings = check(&chart, &Ignore::default());
        let cycles: Vec<_> = (findings.iter())
            .filter(|f| f.message.starts_with("reporting lines form a cycle"))
            .collect();
        assert_eq!(cycles.len(), 1, "{findings:#?}");
        let mut first = posts.clone();
        first.sort();
        let named = format!("\"{}\"", chart.post(first[0]).key);
        assert!(cycles[0].message.contains(&named), "{}", cycles[0].message);
    }
}
