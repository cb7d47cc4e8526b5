//! The non-layered tidy tree (van der Ploeg, "Drawing non-layered tidy trees in linear
//! time", 2014): parents centred over their children, subtrees packed as closely as their
//! contours allow whatever the heights of the boxes, in linear time.
//!
//! The nodes are numbered again in depth-first order (parents before children, each
//! subtree a contiguous run), so a node's first child is the next node, its siblings follow
//! its subtree, and both walks are plain loops over the numbers: no tree depth can overflow
//! a stack, and the walks read memory in order. The state a walk along a contour reads sits
//! together in one record per node.

use crate::layout::Rect;
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

/// A node's record, kept from its numbering to the end of the layout.
#[derive(Clone, Copy, Debug, Default)]
struct Node {
    /// The x of the node relative to its parent's; after the second walk, the left of its
    /// box.
    prelim: f64,
    /// The shift the node passes on to its subtree.
    modifier: f64,
    /// The share of its siblings' moves the node takes on, added with its modifier.
    spread: f64,
    /// The width of the box with the gap beside it; after the second walk, the top of its
    /// box.
    w: f64,
    /// The bottom of the box with the gap below it.
    bottom: f64,
    /// How many nodes the subtree holds, the node included.
    size: u32,
    /// The last child, or [`NONE`].
    last: u32,
    /// Threads to the next node on the left and right contours, for leaves.
    tl: u32,
    tr: u32,
}

/// What a placed subtree tells its parent, kept only until the parent is placed.
#[derive(Clone, Copy, Debug, Default)]
struct Summary {
    /// The extreme (deepest) nodes on the left and right of the subtree, and the sums of
    /// the modifiers down to them.
    el: u32,
    er: u32,
    msel: f64,
    mser: f64,
    /// Moves spread over the siblings between two that were pushed apart.
    shift: f64,
    change: f64,
}

/// A sibling still visible on the right contour of the siblings placed so far: the lowest
/// y of its subtree and its place among the siblings.
#[derive(Clone, Copy, Debug)]
struct Visible {
    low: f64,
    index: u32,
}

/// A node whose children are being numbered.
struct Frame<'f> {
    at: usize,
    children: &'f [u32],
    next: usize,
    /// Where this family's leaves start in the shared list of leaves, how many columns
    /// they wrap into (0 when they do not), and how many have been met.
    leaves: usize,
    columns: usize,
    met: usize,
    /// How many children it has in the tree laid out.
    kids: u32,
}

/// The working memory, kept from one layout to the next on the same thread: a window lays
/// out the same chart many times (once for each width it tries, again when the date
/// moves), and memory fresh from the system costs more to touch than the walks themselves.
#[derive(Default)]
struct Scratch {
    /// The number of each node.
    number: Vec<u32>,
    nodes: Vec<Node>,
    leaves: Vec<u32>,
    summaries: Vec<Summary>,
    visible: Vec<Visible>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Lays out a forest: each root's tree tidily, the trees side by side in root order, tops
/// aligned at `y = 0`. Returns the top-left corner of each node's box.
pub fn tidy(forest: &Forest, sizes: &[Size], spacing: Spacing) -> Vec<Point> {
    (tidy_rects(forest, sizes, spacing, usize::MAX).iter())
        .map(|r| Point { x: r.x, y: r.y })
        .collect()
}

/// [`tidy`] as boxes, with the leaf reports of a node that has `wrap_from` or more of them
/// (and roots that stand alone, as many) chained into `ceil(sqrt(n))` columns: each such
/// leaf hangs under the one a row above it, so the tree stacks them rather than spreading
/// them out in one row.
pub(crate) fn tidy_rects(
    forest: &Forest,
    sizes: &[Size],
    spacing: Spacing,
    wrap_from: usize,
) -> Vec<Rect> {
    if forest.is_empty() {
        return Vec::new();
    }
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => place(&mut scratch, forest, sizes, spacing, wrap_from),
        Err(_) => place(&mut Scratch::default(), forest, sizes, spacing, wrap_from),
    })
}

fn place(
    scratch: &mut Scratch,
    forest: &Forest,
    sizes: &[Size],
    spacing: Spacing,
    wrap_from: usize,
) -> Vec<Rect> {
    first_walk(scratch, forest, sizes, spacing, wrap_from);
    second_walk(scratch, sizes, spacing)
}

/// Numbers the nodes depth first under a virtual root (number 0, of no size) that holds
/// the real roots side by side, and places each node's children side by side and the node
/// over them as soon as its subtree is numbered.
fn first_walk(
    scratch: &mut Scratch,
    forest: &Forest,
    sizes: &[Size],
    spacing: Spacing,
    wrap_from: usize,
) {
    let n = forest.len();
    let Scratch {
        number,
        nodes,
        leaves,
        summaries,
        visible,
    } = scratch;
    nodes.clear();
    leaves.clear();
    summaries.clear();
    number.clear();
    number.resize(n, NONE);
    nodes.push(Node {
        last: NONE,
        tl: NONE,
        tr: NONE,
        ..Node::default()
    });
    let is_leaf = |c: u32| forest.children_of(c).is_empty();
    let mut stack = vec![family(forest, 0, forest.roots(), leaves, wrap_from)];
    while let Some(frame) = stack.last_mut() {
        let Some(&child) = frame.children.get(frame.next) else {
            let (at, kids) = (frame.at, frame.kids);
            nodes[at].size = (nodes.len() - at) as u32;
            leaves.truncate(frame.leaves);
            stack.pop();
            if kids == 0 {
                summaries.push(leaf_summary(at));
            } else {
                place_family(nodes, summaries, visible, at, kids);
            }
            continue;
        };
        frame.next += 1;
        let parent = frame.at;
        let leaf = is_leaf(child);
        if leaf && frame.columns > 0 {
            // A leaf at the head of a column brings its column down with it, each leaf
            // below the one a row above; the other leaves are met in their columns.
            let rank = frame.met;
            frame.met += 1;
            if rank >= frame.columns {
                continue;
            }
            frame.kids += 1;
            let column = (leaves[frame.leaves..].iter().skip(rank)).step_by(frame.columns);
            let top = nodes.len();
            let mut above = parent;
            for &node in column {
                number[node as usize] = nodes.len() as u32;
                nodes[above].last = nodes.len() as u32;
                nodes.push(record(&nodes[above], sizes[node as usize], spacing));
                above = nodes.len() - 1;
            }
            let end = nodes.len();
            // From the foot of the column up, each leaf over the one below it.
            summaries.push(leaf_summary(end - 1));
            nodes[end - 1].size = 1;
            for at in (top..end - 1).rev() {
                nodes[at].size = (end - at) as u32;
                place_family(nodes, summaries, visible, at, 1);
            }
            continue;
        }
        number[child as usize] = nodes.len() as u32;
        frame.kids += 1;
        nodes[parent].last = nodes.len() as u32;
        let mut made = record(&nodes[parent], sizes[child as usize], spacing);
        if leaf {
            made.size = 1;
            nodes.push(made);
            summaries.push(leaf_summary(nodes.len() - 1));
        } else {
            nodes.push(made);
            let children = forest.children_of(child);
            let next = family(forest, nodes.len() - 1, children, leaves, wrap_from);
            stack.push(next);
        }
    }
    debug_assert_eq!(nodes.len(), n + 1, "every node numbered once");
}

/// The frame for numbering the children of node `at`: where its leaves wrap into columns,
/// they are listed at the end of `leaves`.
fn family<'f>(
    forest: &Forest,
    at: usize,
    children: &'f [u32],
    leaves: &mut Vec<u32>,
    wrap_from: usize,
) -> Frame<'f> {
    let is_leaf = |c: u32| forest.children_of(c).is_empty();
    let start = leaves.len();
    let count = children.iter().filter(|&&c| is_leaf(c)).count();
    let columns = if count < wrap_from.max(2) {
        0
    } else {
        leaves.extend(children.iter().copied().filter(|&c| is_leaf(c)));
        (count as f64).sqrt().ceil() as usize
    };
    Frame {
        at,
        children,
        next: 0,
        leaves: start,
        columns,
        met: 0,
        kids: 0,
    }
}

/// The record of a node of size `size` below `parent`.
fn record(parent: &Node, size: Size, spacing: Spacing) -> Node {
    Node {
        w: size.w + spacing.sibling,
        bottom: parent.bottom + (size.h + spacing.level),
        last: NONE,
        tl: NONE,
        tr: NONE,
        ..Node::default()
    }
}

fn leaf_summary(at: usize) -> Summary {
    Summary {
        el: at as u32,
        er: at as u32,
        ..Summary::default()
    }
}

/// Places the `kids` children of node `t` (placed already, their summaries the last on
/// `summaries`) side by side and `t` over them, and leaves `t`'s summary in their stead.
fn place_family(
    nodes: &mut [Node],
    summaries: &mut Vec<Summary>,
    visible: &mut Vec<Visible>,
    t: usize,
    kids: u32,
) {
    let base = summaries.len() - kids as usize;
    let family = &mut summaries[base..];
    let first = t as u32 + 1;
    let mut previous = first;
    let mut child = first + nodes[first as usize].size;
    visible.clear();
    visible.push(Visible {
        low: nodes[family[0].el as usize].bottom,
        index: 0,
    });
    for i in 1..kids {
        let low = nodes[family[i as usize].er as usize].bottom;
        separate(nodes, family, previous, child, i, visible);
        while visible.last().is_some_and(|v| low >= v.low) {
            visible.pop();
        }
        visible.push(Visible { low, index: i });
        previous = child;
        child += nodes[child as usize].size;
    }
    let (f, l) = (first as usize, previous as usize);
    let span_left = nodes[f].prelim + nodes[f].modifier;
    let span_right = nodes[l].modifier + nodes[l].prelim + nodes[l].w;
    nodes[t].prelim = (span_left + span_right) / 2.0 - nodes[t].w / 2.0;
    // The moves spread over the children, in order.
    let (mut d, mut delta) = (0.0, 0.0);
    let mut c = first as usize;
    for side in family.iter() {
        d += side.shift;
        delta += d + side.change;
        nodes[c].spread = delta;
        c += nodes[c].size as usize;
    }
    let (left, right) = (family[0], family[family.len() - 1]);
    summaries.truncate(base);
    summaries.push(Summary {
        el: left.el,
        msel: left.msel,
        er: right.er,
        mser: right.mser,
        ..Summary::default()
    });
}

fn next_left(nodes: &[Node], v: u32) -> u32 {
    let node = &nodes[v as usize];
    if node.size > 1 { v + 1 } else { node.tl }
}

fn next_right(nodes: &[Node], v: u32) -> u32 {
    let node = &nodes[v as usize];
    if node.size > 1 { node.last } else { node.tr }
}

/// Pushes `child` (sibling `i`, after `previous`) right until its left contour clears the
/// right contour of the siblings before it.
fn separate(
    nodes: &mut [Node],
    family: &mut [Summary],
    previous: u32,
    child: u32,
    i: u32,
    visible: &[Visible],
) {
    let mut sr = previous;
    let mut mssr = nodes[sr as usize].modifier;
    let mut cl = child;
    let mut mscl = nodes[cl as usize].modifier;
    let mut k = visible.len() - 1;
    while sr != NONE && cl != NONE {
        let (s, c) = (nodes[sr as usize], nodes[cl as usize]);
        if s.bottom > visible[k].low && k > 0 {
            k -= 1;
        }
        let dist = (mssr + s.prelim + s.w) - (mscl + c.prelim);
        if dist > 0.0 {
            mscl += dist;
            move_subtree(nodes, family, child, i, visible[k].index, dist);
        }
        let (sy, cy) = (s.bottom, c.bottom);
        if sy <= cy {
            sr = next_right(nodes, sr);
            if sr != NONE {
                mssr += nodes[sr as usize].modifier;
            }
        }
        if sy >= cy {
            cl = next_left(nodes, cl);
            if cl != NONE {
                mscl += nodes[cl as usize].modifier;
            }
        }
    }
    let i = i as usize;
    if sr == NONE && cl != NONE {
        // The left thread: the new subtree reaches deeper on the left than those before.
        let li = family[0].el as usize;
        nodes[li].tl = cl;
        let diff = (mscl - nodes[cl as usize].modifier) - family[0].msel;
        nodes[li].modifier += diff;
        nodes[li].prelim -= diff;
        family[0].el = family[i].el;
        family[0].msel = family[i].msel;
    } else if sr != NONE && cl == NONE {
        // The right thread: the siblings before reach deeper on the right.
        let ri = family[i].er as usize;
        nodes[ri].tr = sr;
        let diff = (mssr - nodes[sr as usize].modifier) - family[i].mser;
        nodes[ri].modifier += diff;
        nodes[ri].prelim -= diff;
        family[i].er = family[i - 1].er;
        family[i].mser = family[i - 1].mser;
    }
}

fn move_subtree(
    nodes: &mut [Node],
    family: &mut [Summary],
    child: u32,
    i: u32,
    to: u32,
    dist: f64,
) {
    nodes[child as usize].modifier += dist;
    let c = &mut family[i as usize];
    c.msel += dist;
    c.mser += dist;
    // Spread the move over the siblings in between.
    if to + 1 != i {
        let nr = f64::from(i - to);
        c.shift -= dist / nr;
        c.change -= dist - dist / nr;
        family[to as usize + 1].shift += dist / nr;
    }
}

/// Sums the modifiers from the root down, top down, into each box's left and top; then
/// writes the boxes in node order, the leftmost at `x = 0`.
fn second_walk(scratch: &mut Scratch, sizes: &[Size], spacing: Spacing) -> Vec<Rect> {
    /// A node above the one being placed: where its subtree ends, the sum of the
    /// modifiers down to it and the bottom of its box.
    struct Above {
        end: usize,
        modsum: f64,
        bottom: f64,
    }
    let Scratch { number, nodes, .. } = scratch;
    let mut above = vec![Above {
        end: nodes.len(),
        modsum: 0.0 + nodes[0].modifier,
        bottom: nodes[0].bottom,
    }];
    let mut left = f64::INFINITY;
    for (k, node) in nodes.iter_mut().enumerate().skip(1) {
        while above.last().is_some_and(|a| a.end <= k) {
            above.pop();
        }
        let Some(parent) = above.last() else {
            break;
        };
        let modsum = parent.modsum + (node.modifier + node.spread);
        let x = (node.prelim + modsum) + spacing.sibling / 2.0;
        left = left.min(x);
        node.prelim = x;
        node.w = parent.bottom;
        if node.size > 1 {
            above.push(Above {
                end: k + node.size as usize,
                modsum,
                bottom: node.bottom,
            });
        }
    }
    (number.iter().zip(sizes))
        .map(|(&k, size)| {
            let node = &nodes[k as usize];
            Rect {
                x: node.prelim - left,
                y: node.w,
                w: size.w,
                h: size.h,
            }
        })
        .collect()
}

#[cfg(test)]
mod reference {
    //! The walks as first written, on a parent array and a breadth-first order: the
    //! numbered walks above must place every box exactly where these do.

    use super::{Point, Size, Spacing};
    use crate::layout::forest::{Forest, NONE};

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

    /// [`tidy`] on a forest given by each node's parent (or [`NONE`]), building it only once.
    pub(super) fn tidy_parents(
        mut parent: Vec<u32>,
        sizes: &[Size],
        spacing: Spacing,
    ) -> Vec<Point> {
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
            let p = tree.parent()[v as usize];
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn random_forest() -> impl Strategy<Value = (Vec<u32>, Vec<Size>)> {
        (1usize..160).prop_flat_map(|n| {
            let parents = (0..n)
                .map(|i| {
                    if i == 0 {
                        Just(NONE).boxed()
                    } else {
                        prop_oneof![1 => Just(NONE), 6 => 0..i as u32].boxed()
                    }
                })
                .collect::<Vec<_>>();
            let sizes = proptest::collection::vec((10.0f64..300.0, 10.0f64..120.0), n)
                .prop_map(|v| v.into_iter().map(|(w, h)| Size { w, h }).collect());
            (parents, sizes)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn numbered_walks_place_boxes_exactly_where_the_reference_does(
            (parent, sizes) in random_forest(),
            wrap in prop_oneof![Just(usize::MAX), 2usize..10],
        ) {
            let forest = Forest::from_parents(parent);
            let spacing = Spacing { sibling: 20.0, level: 34.0 };
            let ours = tidy_rects(&forest, &sizes, spacing, wrap);
            let wrapped = crate::layout::wrapped_parents(&forest, wrap);
            let theirs = reference::tidy_parents(wrapped, &sizes, spacing);
            prop_assert_eq!(ours.len(), theirs.len());
            for (i, (r, p)) in ours.iter().zip(&theirs).enumerate() {
                prop_assert!(r.x == p.x && r.y == p.y, "node {}: {:?} against {:?}", i, r, p);
                prop_assert!(r.w == sizes[i].w && r.h == sizes[i].h);
            }
        }
    }
}
