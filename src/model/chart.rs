//! The chart over all of time, held as a petgraph graph with dated edges.

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeReference, NodeIndex};

use crate::date::{Day, PartialDate};
use hashbrown::HashTable;

use crate::model::{
    Cites, Detail, Entity, Event, EventId, Line, LineId, OrgId, Organisation, Person, PersonId,
    Post, PostId, Source, SourceId, Span, Staff, Tenure, TenureId, View, hash_id,
};

/// What a chart says about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartInfo {
    /// Title.
    pub title: String,
    /// What it shows.
    pub description: Option<String>,
    /// The period it sets out to cover.
    pub covers: Option<(PartialDate, PartialDate)>,
    /// The date it opens at.
    pub default_date: Option<PartialDate>,
}

/// A node of the chart graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// An organisation.
    Org(OrgId),
    /// A post.
    Post(PostId),
    /// A person.
    Person(PersonId),
}

/// What a dated edge of the chart graph says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// Organisation → parent organisation; the link's position in the child's `parents`.
    PartOf(u32),
    /// Post → the organisation it belongs to over the span.
    BelongsTo,
    /// Post → post: the line and its kind.
    Line(LineId, crate::model::LineKind),
    /// Person → post.
    Holds(TenureId),
}

/// A dated edge of the chart graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// What it says.
    pub relation: Relation,
    /// When it holds.
    pub span: Span,
}

/// The graph: organisations, then posts, then people as nodes; dated edges between them.
///
/// Edges are added kind by kind (part-of, belongs-to, lines by post, holds by post), so a
/// single pass over [`DiGraph::raw_edges`] sees each kind together and in post order.
pub type ChartGraph = DiGraph<Node, Edge, u32>;

/// A whole chart: every organisation, post, person and fact over all of time.
#[derive(Clone, Debug)]
pub struct Chart {
    /// Title, period and opening date.
    pub info: ChartInfo,
    /// Sources.
    pub sources: Vec<Source>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Posts.
    pub posts: Vec<Post>,
    /// People.
    pub people: Vec<Person>,
    /// Tenures, grouped by person in file order.
    pub tenures: Vec<Tenure>,
    /// Lines, grouped by the post they are written under, in file order.
    pub lines: Vec<Line>,
    /// Posts' dated details, grouped by post in file order.
    pub details: Vec<Detail>,
    /// Posts' dated staff counts, grouped by post in file order.
    pub staff: Vec<Staff>,
    /// Events, in file order.
    pub events: Vec<Event>,
    /// The sources every fact cites, each fact's run in turn (see [`Cites`]).
    pub citations: Vec<SourceId>,
    /// How the chart was shown when it was saved (the file's `view`), if the file says.
    ///
    /// [`crate::io::save_file`] writes it back; set it (or use [`crate::io::save_with_view`])
    /// to save a new one. [`Chart::new`] leaves it `None`.
    pub view: Option<View>,
    graph: ChartGraph,
    /// For each holds edge, in graph order, the first day its holder is in post rather than
    /// designate (`Day(i32::MIN)` when they are in post from the start): read beside the
    /// edges, so a snapshot need not visit every tenure.
    in_post: Vec<Day>,
    /// For each holds edge, in graph order, the first day of the period its tenure is known
    /// to end in ([`Day::OPEN`] for a tenure with no end).
    ending: Vec<Day>,
    /// Each post's run of [`Chart::staff`], by post: read without the posts themselves.
    staff_runs: Vec<std::ops::Range<u32>>,
    /// Every id, as the entity it names, found by hashing the id's text.
    ids: HashTable<u32>,
}

/// Charts of at least this many [`Chart::entities`] have their graph and id table built on
/// two threads, and are checked on two: below it, starting a thread costs more than it saves.
pub const SIDE_BY_SIDE_FROM: usize = 100_000;

/// `here` on this thread and `there` on another when `apart`, else one after the other:
/// the results as if done in turn. If the other thread fails, `there` is done again here.
pub(crate) fn both<A, B: Send>(
    apart: bool,
    here: impl FnOnce() -> A,
    there: impl Fn() -> B + Sync,
) -> (A, B) {
    if !apart {
        return (here(), there());
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(&there);
        let done = here();
        (done, other.join().unwrap_or_else(|_| there()))
    })
}

/// The parts a chart is made of, before its graph and lookups are built.
#[derive(Clone, Debug, Default)]
pub struct ChartParts {
    /// See [`Chart::sources`].
    pub sources: Vec<Source>,
    /// See [`Chart::organisations`].
    pub organisations: Vec<Organisation>,
    /// See [`Chart::posts`].
    pub posts: Vec<Post>,
    /// See [`Chart::people`].
    pub people: Vec<Person>,
    /// See [`Chart::tenures`].
    pub tenures: Vec<Tenure>,
    /// See [`Chart::lines`].
    pub lines: Vec<Line>,
    /// See [`Chart::details`].
    pub details: Vec<Detail>,
    /// See [`Chart::staff`].
    pub staff: Vec<Staff>,
    /// See [`Chart::events`].
    pub events: Vec<Event>,
    /// See [`Chart::citations`].
    pub citations: Vec<SourceId>,
}

impl PartialEq for Chart {
    /// Two charts are equal when they say the same things; the graph and lookups are derived.
    fn eq(&self, other: &Self) -> bool {
        self.info == other.info
            && self.sources == other.sources
            && self.organisations == other.organisations
            && self.posts == other.posts
            && self.people == other.people
            && self.tenures == other.tenures
            && self.lines == other.lines
            && self.details == other.details
            && self.staff == other.staff
            && self.events == other.events
            && self.citations == other.citations
            && self.view == other.view
    }
}

impl Chart {
    /// Builds the graph and the id lookups over parts whose references are all in range; the
    /// chart has no [`Chart::view`].
    pub fn new(info: ChartInfo, parts: ChartParts) -> Self {
        let side_by_side = parts.organisations.len()
            + parts.posts.len()
            + parts.people.len()
            + parts.tenures.len()
            >= SIDE_BY_SIDE_FROM;
        Chart::assemble(info, parts, side_by_side)
    }

    /// [`Chart::new`], building the graph and the id table on two threads or on one.
    fn assemble(info: ChartInfo, parts: ChartParts, side_by_side: bool) -> Self {
        let ChartParts {
            sources,
            organisations,
            posts,
            people,
            tenures,
            lines,
            details,
            staff,
            events,
            citations,
        } = parts;
        let mut chart = Chart {
            info,
            sources,
            organisations,
            posts,
            people,
            tenures,
            lines,
            details,
            staff,
            events,
            citations,
            view: None,
            graph: ChartGraph::default(),
            in_post: Vec::new(),
            ending: Vec::new(),
            staff_runs: Vec::new(),
            ids: HashTable::new(),
        };
        chart.staff_runs = chart.posts.iter().map(|p| p.staff.clone()).collect();
        // On a large chart the graph and the id table are built side by side.
        let ((graph, in_post, ending), ids) =
            both(side_by_side, || chart.build_graph(), || chart.build_ids());
        (chart.graph, chart.in_post, chart.ending, chart.ids) = (graph, in_post, ending, ids);
        chart
    }

    /// How many organisations, posts, people and tenures the chart has: the size of its
    /// graph, near enough.
    pub fn entities(&self) -> usize {
        self.organisations.len() + self.posts.len() + self.people.len() + self.tenures.len()
    }

    fn build_graph(&self) -> (ChartGraph, Vec<Day>, Vec<Day>) {
        let nodes = self.organisations.len() + self.posts.len() + self.people.len();
        let edges =
            self.organisations.len() + self.posts.len() + self.lines.len() + self.tenures.len();
        let mut graph = ChartGraph::with_capacity(nodes, edges);
        for i in 0..self.organisations.len() {
            graph.add_node(Node::Org(OrgId(i as u32)));
        }
        for i in 0..self.posts.len() {
            graph.add_node(Node::Post(PostId(i as u32)));
        }
        for i in 0..self.people.len() {
            graph.add_node(Node::Person(PersonId(i as u32)));
        }
        for (i, org) in self.organisations.iter().enumerate() {
            for (n, link) in org.parents.iter().enumerate() {
                let span = Span::possible(link.start, link.end);
                let edge = Edge {
                    relation: Relation::PartOf(n as u32),
                    span,
                };
                graph.add_edge(
                    self.org_node(OrgId(i as u32)),
                    self.org_node(link.org),
                    edge,
                );
            }
        }
        for (i, post) in self.posts.iter().enumerate() {
            let id = PostId(i as u32);
            for (org, span) in self.segments(post) {
                let edge = Edge {
                    relation: Relation::BelongsTo,
                    span,
                };
                graph.add_edge(self.post_node(id), self.org_node(org), edge);
            }
        }
        for (i, line) in self.lines.iter().enumerate() {
            let edge = Edge {
                relation: Relation::Line(LineId(i as u32), line.kind),
                span: line.drawn_span(),
            };
            graph.add_edge(self.post_node(line.from), self.post_node(line.to), edge);
        }
        let by_post = self.tenures_by_post();
        let mut in_post = Vec::with_capacity(by_post.len());
        let mut ending = Vec::with_capacity(by_post.len());
        for t in by_post {
            let tenure = &self.tenures[t as usize];
            in_post.push(tenure.in_post.map_or(Day(i32::MIN), PartialDate::first_day));
            ending.push(tenure.end.map_or(Day::OPEN, PartialDate::first_day));
            let edge = Edge {
                relation: Relation::Holds(TenureId(t)),
                span: tenure.span(),
            };
            graph.add_edge(
                self.person_node(tenure.person),
                self.post_node(tenure.post),
                edge,
            );
        }
        (graph, in_post, ending)
    }

    /// Every tenure, grouped by post (a counting sort) and in start order within each post.
    fn tenures_by_post(&self) -> Vec<u32> {
        let mut starts = vec![0u32; self.posts.len() + 1];
        for tenure in &self.tenures {
            starts[tenure.post.index() + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut order = vec![0u32; self.tenures.len()];
        for (t, tenure) in self.tenures.iter().enumerate() {
            let slot = &mut next[tenure.post.index()];
            order[*slot as usize] = t as u32;
            *slot += 1;
        }
        for w in starts.windows(2) {
            let run = &mut order[w[0] as usize..w[1] as usize];
            if run.len() > 1 {
                run.sort_by_cached_key(|&t| (self.tenures[t as usize].start.first_day(), t));
            }
        }
        order
    }

    /// The organisations a post belongs to while it is shown, with the span of each.
    pub fn segments(&self, post: &Post) -> Vec<(OrgId, Span)> {
        let life = post.shown_span();
        let mut out = Vec::with_capacity(post.moves.len() + 1);
        let mut org = post.organisation;
        let mut start = life.start;
        for mv in &post.moves {
            let day = mv.date.first_day();
            out.push((org, Span { start, end: day }.intersect(life)));
            org = mv.to;
            start = day;
        }
        out.push((
            org,
            Span {
                start,
                end: life.end,
            }
            .intersect(life),
        ));
        out.retain(|(_, span)| !span.is_empty());
        out
    }

    /// The id table: every entity, as its place in the order sources, organisations, posts,
    /// people, events (see [`Chart::entity_at`]), which takes half the room of an [`Entity`].
    fn build_ids(&self) -> HashTable<u32> {
        let total = self.sources.len()
            + self.organisations.len()
            + self.posts.len()
            + self.people.len()
            + self.events.len();
        let mut ids = HashTable::with_capacity(total);
        // A few ids at a time: their hashes, and a look at where each goes (most likely a miss
        // of every cache, so the looks are taken together and overlap), then the inserts.
        let mut hashes = [0u64; 32];
        for first in (0..total as u32).step_by(hashes.len()) {
            let few = first..(first + hashes.len() as u32).min(total as u32);
            for (n, hash) in few.clone().zip(&mut hashes) {
                *hash = hash_id(self.key(self.entity_at(n)));
                std::hint::black_box(ids.find(*hash, |_| false));
            }
            for (n, &hash) in few.zip(&hashes) {
                let key = self.key(self.entity_at(n));
                // A later duplicate (only in charts built for checking) keeps the first.
                if ids
                    .find(hash, |&m| self.key(self.entity_at(m)) == key)
                    .is_none()
                {
                    ids.insert_unique(hash, n, |&m| hash_id(self.key(self.entity_at(m))));
                }
            }
        }
        ids
    }

    /// The entity at place `n` in the order sources, organisations, posts, people, events.
    fn entity_at(&self, n: u32) -> Entity {
        let mut n = n as usize;
        let mut past = |len: usize| {
            let within = n < len;
            if !within {
                n -= len;
            }
            within.then_some(n as u32)
        };
        if let Some(i) = past(self.sources.len()) {
            Entity::Source(SourceId(i))
        } else if let Some(i) = past(self.organisations.len()) {
            Entity::Org(OrgId(i))
        } else if let Some(i) = past(self.posts.len()) {
            Entity::Post(PostId(i))
        } else if let Some(i) = past(self.people.len()) {
            Entity::Person(PersonId(i))
        } else {
            Entity::Event(EventId(n as u32))
        }
    }

    /// The readable id of anything the chart holds.
    pub fn key(&self, entity: Entity) -> &str {
        match entity {
            Entity::Source(s) => &self.sources[s.index()].key,
            Entity::Org(o) => &self.org(o).key,
            Entity::Post(p) => &self.post(p).key,
            Entity::Person(p) => &self.person(p).key,
            Entity::Event(e) => &self.events[e.index()].key,
        }
    }

    /// The sources a fact cites.
    pub fn cited(&self, cites: Cites) -> &[SourceId] {
        &self.citations[cites.range()]
    }

    /// The graph of organisations, posts and people with their dated edges.
    pub fn graph(&self) -> &ChartGraph {
        &self.graph
    }

    /// For each holds edge, in the order of [`Chart::graph`]'s edges, the first day its
    /// holder is in post: before it they are designate ([`Tenure::designate_on`]).
    pub fn holds_in_post(&self) -> &[Day] {
        &self.in_post
    }

    /// For each holds edge, in the order of [`Chart::graph`]'s edges, the first day of the
    /// period its tenure is known to end in (see [`crate::timeline::holding::Phase::Ending`]).
    pub fn holds_ending(&self) -> &[Day] {
        &self.ending
    }

    /// What a readable id names.
    pub fn find(&self, key: &str) -> Option<Entity> {
        self.ids
            .find(hash_id(key), |&n| self.key(self.entity_at(n)) == key)
            .map(|&n| self.entity_at(n))
    }

    /// The post with a readable id.
    pub fn post_id(&self, key: &str) -> Option<PostId> {
        match self.find(key)? {
            Entity::Post(id) => Some(id),
            _ => None,
        }
    }

    /// The organisation with a readable id.
    pub fn org_id(&self, key: &str) -> Option<OrgId> {
        match self.find(key)? {
            Entity::Org(id) => Some(id),
            _ => None,
        }
    }

    /// The person with a readable id.
    pub fn person_id(&self, key: &str) -> Option<PersonId> {
        match self.find(key)? {
            Entity::Person(id) => Some(id),
            _ => None,
        }
    }

    /// An organisation.
    pub fn org(&self, id: OrgId) -> &Organisation {
        &self.organisations[id.index()]
    }

    /// A post.
    pub fn post(&self, id: PostId) -> &Post {
        &self.posts[id.index()]
    }

    /// A person.
    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.index()]
    }

    /// A tenure.
    pub fn tenure(&self, id: TenureId) -> &Tenure {
        &self.tenures[id.index()]
    }

    /// A line.
    pub fn line(&self, id: LineId) -> &Line {
        &self.lines[id.index()]
    }

    /// A post's details that hold on `day`, in file order.
    pub fn details_on(&self, post: PostId, day: Day) -> impl Iterator<Item = &Detail> {
        let run = &self.post(post).details;
        (self.details[run.start as usize..run.end as usize].iter())
            .filter(move |d| Span::possible(d.start, d.end).contains(day))
    }

    /// The count of staff under a post on `day`, where its sources give one.
    pub fn staff_on(&self, post: PostId, day: Day) -> Option<u32> {
        let run = self.staff_runs.get(post.index())?;
        (self.staff[run.start as usize..run.end as usize].iter())
            .find(|s| Span::possible(s.start, s.end).contains(day))
            .map(|s| s.count)
    }

    /// The node of an organisation.
    pub fn org_node(&self, id: OrgId) -> NodeIndex {
        NodeIndex::new(id.index())
    }

    /// The node of a post.
    pub fn post_node(&self, id: PostId) -> NodeIndex {
        NodeIndex::new(self.organisations.len() + id.index())
    }

    /// The node of a person.
    pub fn person_node(&self, id: PersonId) -> NodeIndex {
        NodeIndex::new(self.organisations.len() + self.posts.len() + id.index())
    }

    /// Every tenure of a post over all of time, in start order.
    pub fn tenures_of(&self, post: PostId) -> Vec<TenureId> {
        let mut out: Vec<TenureId> = self
            .graph
            .edges_directed(self.post_node(post), Direction::Incoming)
            .filter_map(|e: EdgeReference<'_, Edge>| match e.weight().relation {
                Relation::Holds(t) => Some(t),
                _ => None,
            })
            .collect();
        out.sort_by_key(|&t| (self.tenure(t).start.first_day(), t));
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The parts of a chart, to build again.
    pub(crate) fn parts_of(chart: &Chart) -> (ChartInfo, ChartParts) {
        let parts = ChartParts {
            sources: chart.sources.clone(),
            organisations: chart.organisations.clone(),
            posts: chart.posts.clone(),
            people: chart.people.clone(),
            tenures: chart.tenures.clone(),
            lines: chart.lines.clone(),
            details: chart.details.clone(),
            staff: chart.staff.clone(),
            events: chart.events.clone(),
            citations: chart.citations.clone(),
        };
        (chart.info.clone(), parts)
    }

    #[test]
    fn a_chart_built_on_two_threads_is_the_chart_built_on_one() {
        let generated = crate::generate::chart(2_000, 4);
        let (info, parts) = parts_of(&generated);
        let one = Chart::assemble(info.clone(), parts.clone(), false);
        let two = Chart::assemble(info, parts, true);
        assert_eq!(one, two);
        let edges = |c: &Chart| -> Vec<(usize, usize, Edge)> {
            (c.graph().raw_edges().iter())
                .map(|e| (e.source().index(), e.target().index(), e.weight))
                .collect()
        };
        assert_eq!(edges(&one), edges(&two));
        assert_eq!(one.holds_in_post(), two.holds_in_post());
        assert_eq!(one.holds_ending(), two.holds_ending());
        for post in &one.posts {
            assert_eq!(one.find(&post.key), two.find(&post.key));
            assert!(two.find(&post.key).is_some());
        }
        for person in &one.people {
            assert_eq!(one.find(&person.key), two.find(&person.key));
        }
    }
}
