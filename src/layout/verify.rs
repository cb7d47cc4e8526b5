//! Checks a layout's invariants: every node placed once at finite coordinates, parents
//! above their children, no two boxes overlapping.

use crate::layout::Rect;
use crate::layout::forest::{Forest, NONE};

/// A broken layout invariant.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Violation {
    /// The two nodes' boxes overlap.
    Overlap(u32, u32),
    /// A child's box starts above the bottom of its parent's.
    ChildAboveParent {
        /// The parent.
        parent: u32,
        /// The child.
        child: u32,
    },
    /// The node has no finite position or size.
    NotPlaced(u32),
}

/// How far boxes may intrude on each other through rounding.
const EPSILON: f64 = 1e-6;

/// Every violation in a layout of `forest` (one box per node), at most one overlap per box.
pub fn verify(forest: &Forest, rects: &[Rect]) -> Vec<Violation> {
    let mut out = Vec::new();
    if rects.len() != forest.len() {
        out.extend((rects.len()..forest.len()).map(|n| Violation::NotPlaced(n as u32)));
        return out;
    }
    for (n, r) in rects.iter().enumerate() {
        if ![r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) || r.w < 0.0 || r.h < 0.0 {
            out.push(Violation::NotPlaced(n as u32));
        }
    }
    for (child, &parent) in forest.parent().iter().enumerate() {
        if parent != NONE {
            let p = &rects[parent as usize];
            if rects[child].y + EPSILON < p.y + p.h {
                out.push(Violation::ChildAboveParent {
                    parent,
                    child: child as u32,
                });
            }
        }
    }
    out.extend(overlaps(rects));
    out
}

/// A box's top as an ordered key (ties broken by node).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Top(f64, u32);

impl Eq for Top {}

impl PartialOrd for Top {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Top {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

/// Overlapping pairs, by a sweep over left edges. The boxes still open at the sweep line
/// are kept ordered by top; while none overlap, a new box can only overlap the open box
/// just above it or the ones starting inside it, so each step is a few ordered look-ups.
fn overlaps(rects: &[Rect]) -> Vec<Violation> {
    use std::cmp::Reverse;
    use std::collections::{BTreeMap, BinaryHeap};

    let mut order: Vec<u32> = (0..rects.len() as u32).collect();
    order.sort_by(|&a, &b| rects[a as usize].x.total_cmp(&rects[b as usize].x));
    let mut open: BTreeMap<Top, u32> = BTreeMap::new();
    let mut closing: BinaryHeap<Reverse<(Top, u32)>> = BinaryHeap::new();
    let mut out = Vec::new();
    for &n in &order {
        let r = &rects[n as usize];
        while let Some(Reverse((right, node))) = closing.peek().copied() {
            if right.0 > r.x + EPSILON {
                break;
            }
            closing.pop();
            open.remove(&Top(rects[node as usize].y, node));
        }
        let above = open.range(..Top(r.y, n)).next_back();
        let inside = open.range(Top(r.y, n)..).next();
        let hit = [above, inside].into_iter().flatten().find(|&(_, &o)| {
            let q = &rects[o as usize];
            q.y < r.bottom() - EPSILON && r.y < q.bottom() - EPSILON
        });
        if let Some((_, &o)) = hit {
            out.push(Violation::Overlap(o, n));
            continue;
        }
        open.insert(Top(r.y, n), n);
        closing.push(Reverse((Top(r.right(), n), n)));
    }
    out
}
