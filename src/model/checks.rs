//! Checks that need time: seats, reporting lines, cycles and lifetimes, over a built chart.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::date::Day;
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

/// How many edge visits the cycle check may spend before it gives up on a tangle.
const CYCLE_BUDGET: u64 = 50_000_000;

/// Runs every time-dependent check and returns what it finds, errors first.
pub fn check(chart: &Chart) -> Vec<Finding> {
    let mut out = Vec::new();
    check_seats(chart, &mut out);
    let single_manager = check_single_manager(chart, &mut out);
    if single_manager {
        check_cycles(chart, &mut out);
    }
    check_lifetimes(chart, &mut out);
    check_mergers(chart, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

fn fmt_day(day: Day) -> String {
    crate::date::PartialDate::from_day(day).human()
}

/// For spans in one group, the pairs `(later, earlier)` that share a day while more than
/// `capacity` items are live: a sweep over starts with a heap of live ends, `O(n log n)`.
fn over_capacity<T: Copy>(mut items: Vec<(Span, T)>, capacity: usize) -> Vec<(T, T, Day)> {
    items.retain(|(span, _)| !span.is_empty());
    items.sort_by_key(|(span, _)| span.start);
    let mut live: BinaryHeap<Reverse<(Day, usize)>> = BinaryHeap::new();
    let mut out = Vec::new();
    for (i, &(span, item)) in items.iter().enumerate() {
        while live.peek().is_some_and(|Reverse((end, _))| *end <= span.start) {
            live.pop();
        }
        if live.len() >= capacity {
            if let Some(Reverse((_, other))) = live.peek() {
                out.push((item, items[*other].1, span.start));
            }
        }
        live.push(Reverse((span.end, i)));
    }
    out
}

fn tenures_by_post(chart: &Chart) -> Vec<(PostId, Vec<TenureId>)> {
    let mut groups: Vec<(PostId, Vec<TenureId>)> = Vec::new();
    for edge in chart.graph().raw_edges() {
        let Relation::Holds(t) = edge.weight.relation else {
            continue;
        };
        let post = chart.tenure(t).post;
        match groups.last_mut() {
            Some((p, list)) if *p == post => list.push(t),
            _ => groups.push((post, vec![t])),
        }
    }
    groups
}

fn check_seats(chart: &Chart, out: &mut Vec<Finding>) {
    for (post, tenures) in tenures_by_post(chart) {
        let seats = chart.post(post).seats as usize;
        let items = tenures.iter().map(|&t| (chart.tenure(t).certain_span(), t)).collect();
        for (later, earlier, day) in over_capacity(items, seats.max(1)) {
            let (a, b) = (chart.tenure(later), chart.tenure(earlier));
            let severity = if a.acting || b.acting {
                Severity::Warning
            } else {
                Severity::Error
            };
            let post = chart.post(post);
            let seat_word = if post.seats == 1 { "seat" } else { "seats" };
            let cover = if severity == Severity::Warning {
                " (an acting holder covering)"
            } else {
                ""
            };
            out.push(Finding {
                severity,
                at: crate::model::Location::Tenure(later),
                message: format!(
                    "post \"{}\" has {} {seat_word}, but {} holds it from {} while {} still does{cover}",
                    post.key,
                    post.seats,
                    chart.person(a.person).name,
                    fmt_day(day),
                    chart.person(b.person).name,
                ),
            });
        }
    }
}

fn reports_to_lines(chart: &Chart, post: PostId) -> impl Iterator<Item = LineId> + '_ {
    let range = chart.post(post).lines.clone();
    range
        .map(LineId)
        .filter(|&l| chart.line(l).kind == LineKind::ReportsTo)
}

/// Whether every post has at most one live `ReportsTo` line on any day.
fn check_single_manager(chart: &Chart, out: &mut Vec<Finding>) -> bool {
    let before = out.len();
    for i in 0..chart.posts.len() {
        let post = PostId(i as u32);
        let items: Vec<(Span, LineId)> = reports_to_lines(chart, post)
            .map(|l| {
                let line = chart.line(l);
                (Span::certain(line.start, line.end), l)
            })
            .collect();
        if items.len() < 2 {
            continue;
        }
        for (later, earlier, day) in over_capacity(items, 1) {
            out.push(Finding {
                severity: Severity::Error,
                at: Location::Line(later),
                message: format!(
                    "post \"{}\" reports to both \"{}\" and \"{}\" from {}; a post has one line manager at a time (use AccountableTo for the other)",
                    chart.post(post).key,
                    chart.post(chart.line(later).to).key,
                    chart.post(chart.line(earlier).to).key,
                    fmt_day(day),
                ),
            });
        }
    }
    out.len() == before
}

fn check_cycles(chart: &Chart, out: &mut Vec<Finding>) {
    let mut graph: DiGraph<(), LineId, u32> = DiGraph::with_capacity(chart.posts.len(), 0);
    for _ in 0..chart.posts.len() {
        graph.add_node(());
    }
    for (i, line) in chart.lines.iter().enumerate() {
        if line.kind == LineKind::ReportsTo && !Span::certain(line.start, line.end).is_empty() {
            graph.add_edge(
                NodeIndex::new(line.from.index()),
                NodeIndex::new(line.to.index()),
                LineId(i as u32),
            );
        }
    }
    let mut budget = CYCLE_BUDGET;
    for component in tarjan_scc(&graph) {
        let looped = component.len() > 1
            || graph.find_edge(component[0], component[0]).is_some();
        if looped {
            if let Some(finding) = cycle_in(chart, &graph, &component, &mut budget) {
                out.push(finding);
            }
        }
    }
}

/// Looks for a day on which the certain `ReportsTo` lines inside one strongly connected
/// component close a loop, and names the loop.
fn cycle_in(
    chart: &Chart,
    graph: &DiGraph<(), LineId, u32>,
    component: &[NodeIndex],
    budget: &mut u64,
) -> Option<Finding> {
    let members: rustc_hash::FxHashSet<NodeIndex> = component.iter().copied().collect();
    let mut inner: Vec<(NodeIndex, NodeIndex, LineId)> = Vec::new();
    for &n in component {
        for e in graph.edges(n) {
            use petgraph::visit::EdgeRef;
            if members.contains(&e.target()) {
                inner.push((n, e.target(), *e.weight()));
            }
        }
    }
    let span_of = |l: LineId| {
        let line = chart.line(l);
        Span::certain(line.start, line.end)
    };
    let mut days: Vec<Day> = inner.iter().map(|&(_, _, l)| span_of(l).start).collect();
    days.sort();
    days.dedup();
    for day in days {
        let cost = (inner.len() + component.len()) as u64;
        if *budget < cost {
            let first = inner.first().map(|&(_, _, l)| l)?;
            return Some(Finding {
                severity: Severity::Error,
                at: Location::Line(first),
                message: format!(
                    "the reporting lines among {} posts (from \"{}\") loop back on themselves in too many ways to check",
                    component.len(),
                    chart.post(chart.line(first).from).key
                ),
            });
        }
        *budget -= cost;
        // Each post has at most one live ReportsTo line (checked before), so the live
        // lines form a functional graph: follow it from every post.
        let next: rustc_hash::FxHashMap<NodeIndex, (NodeIndex, LineId)> = inner
            .iter()
            .filter(|&&(_, _, l)| span_of(l).contains(day))
            .map(|&(a, b, l)| (a, (b, l)))
            .collect();
        if let Some(cycle) = find_functional_cycle(&next) {
            let names: Vec<String> = cycle
                .iter()
                .map(|&(n, _)| format!("\"{}\"", chart.posts[n.index()].key))
                .collect();
            let first = names.first().cloned().unwrap_or_default();
            return Some(Finding {
                severity: Severity::Error,
                at: Location::Line(cycle[0].1),
                message: format!(
                    "reporting lines form a cycle on {}: {} → {first}",
                    fmt_day(day),
                    names.join(" → ")
                ),
            });
        }
    }
    None
}

/// A loop in a graph where each node has at most one successor, as (node, its line) pairs.
fn find_functional_cycle(
    next: &rustc_hash::FxHashMap<NodeIndex, (NodeIndex, LineId)>,
) -> Option<Vec<(NodeIndex, LineId)>> {
    let mut state: rustc_hash::FxHashMap<NodeIndex, u8> = rustc_hash::FxHashMap::default();
    for &start in next.keys() {
        if state.contains_key(&start) {
            continue;
        }
        let mut path = Vec::new();
        let mut node = start;
        loop {
            match state.get(&node) {
                Some(1) => {
                    let at = path.iter().position(|&(n, _)| n == node)?;
                    return Some(path[at..].to_vec());
                }
                Some(_) => break,
                None => {}
            }
            let Some(&(to, line)) = next.get(&node) else {
                state.insert(node, 2);
                break;
            };
            state.insert(node, 1);
            path.push((node, line));
            node = to;
        }
        for (n, _) in path {
            state.insert(n, 2);
        }
    }
    None
}

fn check_lifetimes(chart: &Chart, out: &mut Vec<Finding>) {
    for (i, tenure) in chart.tenures.iter().enumerate() {
        let at = Location::Tenure(TenureId(i as u32));
        let span = tenure.certain_span();
        if span.is_empty() {
            continue;
        }
        let post = chart.post(tenure.post);
        let who = &chart.person(tenure.person).name;
        let life = post.span();
        if span.start < life.start {
            let created = post.created.map(|d| d.human()).unwrap_or_default();
            out.push(error(at, format!("{who}'s tenure of \"{}\" starts before the post was created ({created})", post.key)));
        }
        if span.end > life.end {
            let abolished = post.abolished.map(|d| d.human()).unwrap_or_default();
            out.push(error(at, format!("{who}'s tenure of \"{}\" goes on after the post was abolished ({abolished})", post.key)));
        }
        let org = chart.org(post.organisation_at(span.start));
        if span.start < org.span().start {
            let founded = org.founded.map(|d| d.human()).unwrap_or_default();
            out.push(error(at, format!("{who}'s tenure of \"{}\" starts before {} was founded ({founded})", post.key, org.name)));
        }
        let last = if span.end == Day::OPEN { Day::OPEN } else { Day(span.end.0 - 1) };
        let org = chart.org(post.organisation_at(last));
        if span.end > org.span().end {
            let dissolved = org.dissolved.map(|d| d.human()).unwrap_or_default();
            out.push(error(at, format!("{who}'s tenure of \"{}\" goes on after {} was dissolved ({dissolved})", post.key, org.name)));
        }
    }
}

fn error(at: Location, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        at,
        message,
    }
}

fn check_mergers(chart: &Chart, out: &mut Vec<Finding>) {
    for (i, event) in chart.events.iter().enumerate() {
        let EventKind::Merger { into, absorbed } = &event.kind else {
            continue;
        };
        let at = Location::Event(EventId(i as u32));
        for &org in absorbed {
            let org = chart.org(org);
            let dissolved_by = org.dissolved.is_some_and(|d| d.first_day() <= event.date.last_day());
            if !dissolved_by {
                out.push(Finding {
                    severity: Severity::Warning,
                    at,
                    message: format!(
                        "merger \"{}\" ({}) absorbs {}, but {} is not dissolved by then",
                        event.key,
                        event.date,
                        org.name,
                        org.name
                    ),
                });
            }
        }
        let into = chart.org(*into);
        if !into.span().contains(event.date.first_day()) && !into.span().contains(event.date.last_day()) {
            out.push(Finding {
                severity: Severity::Error,
                at,
                message: format!(
                    "merger \"{}\" ({}) is into {}, which does not exist then",
                    event.key, event.date, into.name
                ),
            });
        }
    }
}
