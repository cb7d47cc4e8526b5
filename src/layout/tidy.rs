//! The non-layered tidy tree (van der Ploeg, "Drawing non-layered tidy trees in linear
//! time", 2014): parents centred over their children, subtrees packed as closely as their
//! contours allow whatever the heights of the boxes, in linear time.
//!
//! Everything lives in flat arrays indexed by node, with children stored contiguously;
//! both walks are loops over a precomputed order, so no tree depth can overflow a stack.

use crate::layout::forest::{Forest, NONE};

/// A box's size in chart units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Size {
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// Gaps between boxes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spacing {
    /// Between neighbouring boxes side by side.
    pub sibling: f64,
    /// Between a box and the boxes below it.
    pub level: f64,
}

/// Where a box's top-left corner goes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
}

/// Per-node working state, as parallel arrays.
struct Work {
    w: Vec<f64>,
    h: Vec<f64>,
    y: Vec<f64>,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    shift: Vec<f64>,
    change: Vec<f64>,
    msel: Vec<f64>,
    mser: Vec<f64>,
    /// Threads to the next node on the left and right contours.
    tl: Vec<u32>,
    tr: Vec<u32>,
    /// The extreme (deepest) nodes on the left and right of each subtree.
    el: Vec<u32>,
    er: Vec<u32>,
}

/// Lays out a forest: each root's tree tidily, the trees side by side in root order, tops
/// aligned at `y = 0`. Returns the top-left corner of each node's box.
pub fn tidy(forest: &Forest, sizes: &[Size], spacing: Spacing) -> Vec<Point> {
    tidy_parents(forest.parent.clone(), sizes, spacing)
}

/// [`tidy`] on a forest given by each node's parent (or [`NONE`]), building it only once.
pub(crate) fn tidy_parents(mut parent: Vec<u32>, sizes: &[Size], spacing: Spacing) -> Vec<Point> {
    let n = parent.len();
    if n == 0 {
        return Vec::new();
    }
    // A virtual root of no size, node n, holds the real roots side by side.
    for p in &mut parent {
        if *p == NONE {
            *p = n as u32;
        }
    }
    parent.push(NONE);
    let tree = Forest::from_parents(parent);
    let mut work = Work::new(n + 1, sizes, spacing);
    let order = tree.top_down();
    for &v in &order {
        let y = work.y[v as usize] + work.h[v as usize];
        for &c in tree.children_of(v) {
            work.y[c as usize] = y;
        }
    }
    let mut stack: Vec<(f64, u32)> = Vec::new();
    for &v in order.iter().rev() {
        work.first_walk(&tree, v, &mut stack);
    }
    let mut modsum = vec![0.0f64; n + 1];
    let mut out = vec![Point::default(); n];
    for &v in &order {
        let p = tree.parent[v as usize];
        let above = if p == NONE { 0.0 } else { modsum[p as usize] };
        modsum[v as usize] = above + work.modifier[v as usize];
        work.add_child_spacing(&tree, v);
        if (v as usize) < n {
            let x = work.prelim[v as usize] + modsum[v as usize];
            out[v as usize] = Point {
                x: x + spacing.sibling / 2.0,
                y: work.y[v as usize],
            };
        }
    }
    let left = out.iter().map(|p| p.x).fold(f64::INFINITY, f64::min);
    for p in &mut out {
        p.x -= left;
    }
    out
}

impl Work {
    fn new(count: usize, sizes: &[Size], spacing: Spacing) -> Self {
        let real = count - 1;
        let mut w: Vec<f64> = sizes[..real]
            .iter()
            .map(|s| s.w + spacing.sibling)
            .collect();
        let mut h: Vec<f64> = sizes[..real].iter().map(|s| s.h + spacing.level).collect();
        w.push(0.0);
        h.push(0.0);
        Work {
            w,
            h,
            y: vec![0.0; count],
            prelim: vec![0.0; count],
            modifier: vec![0.0; count],
            shift: vec![0.0; count],
            change: vec![0.0; count],
            msel: vec![0.0; count],
            mser: vec![0.0; count],
            tl: vec![NONE; count],
            tr: vec![NONE; count],
            el: vec![NONE; count],
            er: vec![NONE; count],
        }
    }

    fn bottom(&self, v: u32) -> f64 {
        self.y[v as usize] + self.h[v as usize]
    }

    fn next_left(&self, tree: &Forest, v: u32) -> u32 {
        tree.children_of(v)
            .first()
            .copied()
            .unwrap_or(self.tl[v as usize])
    }

    fn next_right(&self, tree: &Forest, v: u32) -> u32 {
        tree.children_of(v)
            .last()
            .copied()
            .unwrap_or(self.tr[v as usize])
    }

    /// Places `t`'s children (already laid out) side by side and `t` over them.
    fn first_walk(&mut self, tree: &Forest, t: u32, stack: &mut Vec<(f64, u32)>) {
        let children = tree.children_of(t);
        if children.is_empty() {
            self.set_extremes(tree, t);
            return;
        }
        // Lowest y and index of the siblings still visible on the right contour, newest last.
        stack.clear();
        stack.push((self.bottom(self.el[children[0] as usize]), 0));
        for (i, &child) in children.iter().enumerate().skip(1) {
            let min_y = self.bottom(self.er[child as usize]);
            self.separate(tree, t, i, stack);
            while stack.last().is_some_and(|&(low, _)| min_y >= low) {
                stack.pop();
            }
            stack.push((min_y, i as u32));
        }
        self.position_root(tree, t);
        self.set_extremes(tree, t);
    }

    fn set_extremes(&mut self, tree: &Forest, t: u32) {
        let children = tree.children_of(t);
        let (ti, first, last) = match (children.first(), children.last()) {
            (Some(&f), Some(&l)) => (t as usize, f as usize, l as usize),
            _ => {
                let ti = t as usize;
                self.el[ti] = t;
                self.er[ti] = t;
                self.msel[ti] = 0.0;
                self.mser[ti] = 0.0;
                return;
            }
        };
        self.el[ti] = self.el[first];
        self.msel[ti] = self.msel[first];
        self.er[ti] = self.er[last];
        self.mser[ti] = self.mser[last];
    }

    /// Pushes child `i` right until its left contour clears its left siblings' right contour.
    fn separate(&mut self, tree: &Forest, t: u32, i: usize, stack: &[(f64, u32)]) {
        let children = tree.children_of(t);
        let mut sr = children[i - 1];
        let mut mssr = self.modifier[sr as usize];
        let mut cl = children[i];
        let mut mscl = self.modifier[cl as usize];
        let mut k = stack.len() - 1;
        while sr != NONE && cl != NONE {
            if self.bottom(sr) > stack[k].0 && k > 0 {
                k -= 1;
            }
            let dist = (mssr + self.prelim[sr as usize] + self.w[sr as usize])
                - (mscl + self.prelim[cl as usize]);
            if dist > 0.0 {
                mscl += dist;
                self.move_subtree(children, i, stack[k].1 as usize, dist);
            }
            let (sy, cy) = (self.bottom(sr), self.bottom(cl));
            if sy <= cy {
                sr = self.next_right(tree, sr);
                if sr != NONE {
                    mssr += self.modifier[sr as usize];
                }
            }
            if sy >= cy {
                cl = self.next_left(tree, cl);
                if cl != NONE {
                    mscl += self.modifier[cl as usize];
                }
            }
        }
        if sr == NONE && cl != NONE {
            self.set_left_thread(children, i, cl, mscl);
        } else if sr != NONE && cl == NONE {
            self.set_right_thread(children, i, sr, mssr);
        }
    }

    fn move_subtree(&mut self, children: &[u32], i: usize, si: usize, dist: f64) {
        let c = children[i] as usize;
        self.modifier[c] += dist;
        self.msel[c] += dist;
        self.mser[c] += dist;
        // Spread the move over the siblings in between.
        if si + 1 != i {
            let nr = (i - si) as f64;
            self.shift[children[si + 1] as usize] += dist / nr;
            self.shift[c] -= dist / nr;
            self.change[c] -= dist - dist / nr;
        }
    }

    fn set_left_thread(&mut self, children: &[u32], i: usize, cl: u32, modsum_cl: f64) {
        let first = children[0] as usize;
        let li = self.el[first] as usize;
        self.tl[li] = cl;
        let diff = (modsum_cl - self.modifier[cl as usize]) - self.msel[first];
        self.modifier[li] += diff;
        self.prelim[li] -= diff;
        let current = children[i] as usize;
        self.el[first] = self.el[current];
        self.msel[first] = self.msel[current];
    }

    fn set_right_thread(&mut self, children: &[u32], i: usize, sr: u32, modsum_sr: f64) {
        let current = children[i] as usize;
        let ri = self.er[current] as usize;
        self.tr[ri] = sr;
        let diff = (modsum_sr - self.modifier[sr as usize]) - self.mser[current];
        self.modifier[ri] += diff;
        self.prelim[ri] -= diff;
        let left = children[i - 1] as usize;
        self.er[current] = self.er[left];
        self.mser[current] = self.mser[left];
    }

    fn position_root(&mut self, tree: &Forest, t: u32) {
        let children = tree.children_of(t);
        let (first, last) = (children[0] as usize, children[children.len() - 1] as usize);
        let span_left = self.prelim[first] + self.modifier[first];
        let span_right = self.modifier[last] + self.prelim[last] + self.w[last];
        self.prelim[t as usize] = (span_left + span_right) / 2.0 - self.w[t as usize] / 2.0;
    }

    fn add_child_spacing(&mut self, tree: &Forest, t: u32) {
        let (mut d, mut delta) = (0.0, 0.0);
        for &c in tree.children_of(t) {
            let c = c as usize;
            d += self.shift[c];
            delta += d + self.change[c];
            self.modifier[c] += delta;
        }
    }
}
