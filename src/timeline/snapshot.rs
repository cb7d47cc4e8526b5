//! The chart as it stood on one day: which organisations exist, which posts, who holds them,
//! and which lines are live.

use std::ops::Range;

use crate::date::Day;
use crate::model::{
    Chart, LineId, LineKind, OrgId, PersonId, PostId, Relation, TenureId,
};

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

impl Snapshot {
    /// The chart as it stood on `day`.
    ///
    /// A post with more holders than seats on a day (a handover, or an acting holder
    /// covering) shows the holders who started most recently.
    pub fn at(chart: &Chart, day: Day) -> Snapshot {
        let org_count = chart.organisations.len();
        let alive: Vec<bool> = chart.organisations.iter().map(|o| o.span().contains(day)).collect();
        let mut snap = Snapshot {
            day,
            organisations: Vec::new(),
            posts: Vec::new(),
            lines: Vec::new(),
            holders: Vec::new(),
            slots: vec![NONE; chart.posts.len()],
        };
        let mut parents: Vec<(OrgId, OrgId)> = Vec::new();
        let graph = chart.graph();
        for edge in graph.raw_edges() {
            let weight = &edge.weight;
            if !weight.span.contains(day) {
                continue;
            }
            match weight.relation {
                Relation::PartOf(_) => {
                    let (child, parent) = (edge.source().index(), edge.target().index());
                    if alive[child] && alive[parent] {
                        parents.push((OrgId(child as u32), OrgId(parent as u32)));
                    }
                }
                Relation::BelongsTo => {
                    let post = edge.source().index() - org_count;
                    let org = edge.target().index();
                    if alive[org] && snap.slots[post] == NONE {
                        snap.slots[post] = snap.posts.len() as u32;
                        snap.posts.push(PostView {
                            post: PostId(post as u32),
                            organisation: OrgId(org as u32),
                            reports_to: None,
                            holders: 0..0,
                        });
                    }
                }
                Relation::Line(l) => snap.add_line(chart, l),
                Relation::Holds(t) => snap.add_holder(chart, t),
            }
        }
        // Part-of edges come in child order, so each organisation's parents are a run.
        let mut runs = parents.into_iter().peekable();
        for o in (0..org_count).filter(|&o| alive[o]) {
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
            snap.organisations.push(view);
        }
        snap.settle_handovers(chart);
        snap
    }

    fn add_line(&mut self, chart: &Chart, l: LineId) {
        let line = chart.line(l);
        let from = self.slots[line.from.index()];
        if from == NONE || self.slots[line.to.index()] == NONE {
            return;
        }
        if line.kind == LineKind::ReportsTo {
            self.posts[from as usize].reports_to = Some(line.to);
        }
        self.lines.push(LineView {
            line: l,
            from: line.from,
            to: line.to,
            kind: line.kind,
        });
    }

    fn add_holder(&mut self, chart: &Chart, t: TenureId) {
        let tenure = chart.tenure(t);
        let slot = self.slots[tenure.post.index()];
        if slot == NONE {
            return;
        }
        let at = self.holders.len() as u32;
        self.holders.push(Holder {
            tenure: t,
            person: tenure.person,
        });
        let view = &mut self.posts[slot as usize];
        // Holds edges come sorted by post, so a post's holders are contiguous.
        if view.holders.is_empty() {
            view.holders = at..at + 1;
        } else {
            view.holders.end = at + 1;
        }
    }

    /// Keeps at most `seats` holders per post: the ones who started most recently.
    fn settle_handovers(&mut self, chart: &Chart) {
        let crowded = self.posts.iter().any(|v| v.holders.len() > chart.post(v.post).seats as usize);
        if !crowded {
            return;
        }
        let old = std::mem::take(&mut self.holders);
        for view in &mut self.posts {
            let mut list: Vec<Holder> = old[view.holders.start as usize..view.holders.end as usize].to_vec();
            let seats = chart.post(view.post).seats as usize;
            if list.len() > seats {
                list.sort_by_key(|h| std::cmp::Reverse((chart.tenure(h.tenure).start.first_day(), h.tenure)));
                list.truncate(seats);
                list.sort_by_key(|h| (chart.tenure(h.tenure).start.first_day(), h.tenure));
            }
            let start = self.holders.len() as u32;
            self.holders.extend(list);
            view.holders = start..self.holders.len() as u32;
        }
    }

    /// The view of a post, if it exists on the day.
    pub fn post(&self, id: PostId) -> Option<&PostView> {
        let slot = *self.slots.get(id.index())?;
        self.posts.get(slot as usize)
    }

    /// Who holds a post on the day, earliest start first (empty when vacant).
    pub fn holders(&self, view: &PostView) -> &[Holder] {
        &self.holders[view.holders.start as usize..view.holders.end as usize]
    }

    /// Who holds a post on the day, if it exists.
    pub fn holders_of(&self, id: PostId) -> &[Holder] {
        self.post(id).map_or(&[], |v| self.holders(v))
    }

    /// Whether an organisation exists on the day.
    pub fn has_org(&self, id: OrgId) -> bool {
        self.organisations.binary_search_by_key(&id, |o| o.org).is_ok()
    }

    /// How many holders there are in all.
    pub fn holder_count(&self) -> usize {
        self.holders.len()
    }
}
