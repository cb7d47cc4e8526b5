//! A forest of boxes laid out to a width: each subtree that fits is drawn as a tidy tree;
//! a node whose tidy subtree is wider than the limit stacks its reports' subtrees in rows
//! under it instead, hanging from a trunk down its left side; the trees themselves are
//! packed into rows. Every reporting line's route comes with the positions, so nothing
//! downstream needs to know how the boxes were arranged.

use crate::layout::forest::{Forest, NONE};
use crate::layout::{Options, Point, Rect, Size};

/// A line from a box to one of its children's, as the layout routes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The parent node.
    pub parent: u32,
    /// The child node.
    pub child: u32,
    /// The route, from the parent's box to the child's.
    pub points: Vec<Point>,
}

/// A forest laid out: a box per node (top-left corners from the origin), the links, and the
/// size of the whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Blocks {
    /// Each node's box.
    pub rects: Vec<Rect>,
    /// A link per parent and child.
    pub links: Vec<Link>,
    /// The extent of every box.
    pub size: Size,
}

/// The gutter between a stacking node's left edge and its stacked reports: room for the
/// trunk.
const GUTTER: f64 = 28.0;

/// Lays out `forest` with boxes of `sizes` no wider than `limit` where it can: see the
/// module's description. Parents are always above their children and no boxes overlap.
/// A tree whose root has a lower `rank` (by node; all 0 when empty) is never put below one
/// of a higher rank.
pub fn blocks(
    forest: &Forest,
    sizes: &[Size],
    options: &Options,
    limit: f64,
    rank: &[u32],
) -> Blocks {
    let n = forest.len();
    if n == 0 {
        return Blocks::default();
    }
    let rigid = crate::layout::layout(forest, sizes, options);
    let order = forest.top_down();
    // Each subtree's extent in the tidy layout.
    let mut extent: Vec<Rect> = rigid.clone();
    for &node in order.iter().rev() {
        let p = forest.parent()[node as usize];
        if p != NONE {
            extent[p as usize] = union(&extent[p as usize], &extent[node as usize]);
        }
    }
    // Bottom up: which nodes stack their reports, and the size of each stacked subtree.
    let spacing = options.spacing;
    let mut stacks = vec![false; n];
    let mut block = vec![Size::default(); n];
    for &node in order.iter().rev() {
        let i = node as usize;
        let children = forest.children_of(node);
        stacks[i] = !children.is_empty() && extent[i].w > limit + 1e-9;
        block[i] = if stacks[i] {
            let child_sizes: Vec<Size> = children.iter().map(|&c| block[c as usize]).collect();
            let rows = rows_of(&child_sizes, (limit - GUTTER).max(0.0), spacing.sibling);
            let (w, h) = rows_extent(&rows, &child_sizes, spacing.sibling, spacing.level);
            Size {
                w: sizes[i].w.max(GUTTER + w),
                h: sizes[i].h + spacing.level + h,
            }
        } else {
            Size {
                w: extent[i].w,
                h: extent[i].h,
            }
        };
    }
    let mut out = Blocks {
        rects: vec![Rect::default(); n],
        links: Vec::with_capacity(n),
        size: Size::default(),
    };
    let place = Placer {
        forest,
        sizes,
        options,
        limit,
        rigid: &rigid,
        extent: &extent,
        stacks: &stacks,
        block: &block,
    };
    // The trees, packed in order, each as high up and then as far left as it fits.
    let roots = forest.roots();
    let root_sizes: Vec<Size> = roots.iter().map(|&r| block[r as usize]).collect();
    let ranks: Vec<u32> = (roots.iter())
        .map(|&r| rank.get(r as usize).copied().unwrap_or(0))
        .collect();
    let mut corners = pack(&root_sizes, &ranks, limit, spacing.sibling, spacing.level);
    if ranks.iter().all(|&r| r == 0) {
        let heads: Vec<Option<Size>> = (roots.iter())
            .map(|&r| stacks[r as usize].then(|| sizes[r as usize]))
            .collect();
        into_notches(&mut corners, &root_sizes, &heads, spacing.sibling);
    }
    for ((&root, corner), size) in roots.iter().zip(&corners).zip(&root_sizes) {
        place.subtree(root, corner.x, corner.y, &mut out);
        out.size.w = out.size.w.max(corner.x + size.w);
        out.size.h = out.size.h.max(corner.y + size.h);
    }
    out
}

/// A tree that stacks its reports leaves room beside its top card, above the rows below
/// it: moves later trees that fit there (short enough to leave the gap above the rows),
/// from the last one back, so they stop adding to the whole's extent. `heads[k]` is the top
/// card of tree `k` where it stacks.
fn into_notches(corners: &mut [Point], sizes: &[Size], heads: &[Option<Size>], gap: f64) {
    if corners.len() > 64 {
        return;
    }
    // The free room beside each stacked tree's top card: (x, y, width, height).
    let mut notches: Vec<(usize, f64, f64, f64, f64)> = (heads.iter().enumerate())
        .filter_map(|(k, head)| {
            let head = (*head)?;
            let (c, s) = (corners[k], sizes[k]);
            Some((k, c.x + head.w + gap, c.y, s.w - head.w - gap, head.h))
        })
        .collect();
    for k in (0..corners.len()).rev() {
        if heads[k].is_some() {
            continue;
        }
        let s = sizes[k];
        let Some(notch) = notches
            .iter_mut()
            .find(|n| n.0 < k && s.w <= n.3 + 1e-9 && s.h <= n.4 + 1e-9 && corners[k].y > n.2)
        else {
            continue;
        };
        corners[k] = Point {
            x: notch.1,
            y: notch.2,
        };
        notch.1 += s.w + gap;
        notch.3 -= s.w + gap;
    }
}

/// Above this many boxes, [`pack`] sets them out in rows rather than searching the skyline.
const MOST_TO_PACK: usize = 4000;

/// Packs boxes into a band `limit` wide (a box wider than it goes in anyway), `gap` apart
/// across and `level` apart down: each goes where its top is highest, then furthest left,
/// on the skyline of the boxes before it, so short boxes fill the room beside tall ones.
/// Boxes are taken in order of `rank` (none below one of a lower rank), and within a rank in
/// order, tallest first or widest first, whichever takes least room. Returns each box's
/// top-left corner.
pub fn pack(sizes: &[Size], rank: &[u32], limit: f64, gap: f64, level: f64) -> Vec<Point> {
    if sizes.len() > MOST_TO_PACK {
        return pack_in_rows(sizes, limit, gap, level);
    }
    let rank_of = |k: usize| rank.get(k).copied().unwrap_or(0);
    // In order first; then tallest first and widest first, kept where they take less room.
    let mut in_order: Vec<usize> = (0..sizes.len()).collect();
    in_order.sort_by_key(|&k| rank_of(k));
    let mut best = pack_in_order(sizes, rank, &in_order, limit, gap, level);
    if sizes.len() > 2 {
        let area = |at: &[Point]| {
            let (mut w, mut h): (f64, f64) = (0.0, 0.0);
            for (p, s) in at.iter().zip(sizes) {
                (w, h) = (w.max(p.x + s.w), h.max(p.y + s.h));
            }
            w * h
        };
        let mut tallest: Vec<usize> = (0..sizes.len()).collect();
        tallest.sort_by(|&a, &b| {
            (rank_of(a).cmp(&rank_of(b))).then(sizes[b].h.total_cmp(&sizes[a].h))
        });
        let mut widest: Vec<usize> = (0..sizes.len()).collect();
        widest.sort_by(|&a, &b| {
            (rank_of(a).cmp(&rank_of(b))).then(sizes[b].w.total_cmp(&sizes[a].w))
        });
        for order in [tallest, widest] {
            let other = pack_in_order(sizes, rank, &order, limit, gap, level);
            if area(&other) < area(&best) * 0.97 {
                best = other;
            }
        }
    }
    best
}

/// [`pack`] with the boxes taken in `order` (by rank); corners are returned in the boxes'
/// own order. A box's top is never above the top of a box of a lower rank.
fn pack_in_order(
    sizes: &[Size],
    rank: &[u32],
    order: &[usize],
    limit: f64,
    gap: f64,
    level: f64,
) -> Vec<Point> {
    let widest = sizes.iter().map(|s| s.w).fold(0.0, f64::max);
    let band = limit.max(widest);
    // The skyline: (left, right, the lowest free y there), left to right, covering the band.
    let mut sky: Vec<(f64, f64, f64)> = vec![(0.0, band + gap, 0.0)];
    let mut out = vec![Point::default(); sizes.len()];
    // The lowest top of the ranks taken so far, and of those before the current rank.
    let (mut rank_now, mut floor, mut lowest) = (0u32, 0.0f64, 0.0f64);
    for &k in order {
        let s = &sizes[k];
        let r = rank.get(k).copied().unwrap_or(0);
        if r != rank_now {
            (rank_now, floor) = (r, lowest);
        }
        let need = s.w + gap;
        // The best left edge: a segment's start, the box spanning the segments after it.
        let mut best: Option<(f64, f64, usize)> = None;
        for start in 0..sky.len() {
            let left = sky[start].0;
            if left + s.w > band + 1e-9 {
                break;
            }
            let mut top: f64 = floor;
            for seg in &sky[start..] {
                if seg.0 >= left + need - 1e-9 {
                    break;
                }
                top = top.max(seg.2);
            }
            if best.is_none_or(|(y, x, _)| top < y - 1e-9 || (top < y + 1e-9 && left < x)) {
                best = Some((top, left, start));
            }
        }
        let (y, x, _) = best.unwrap_or((floor, 0.0, 0));
        out[k] = Point { x, y };
        lowest = lowest.max(y);
        raise(&mut sky, x, x + need, y + s.h + level);
    }
    out
}

/// Sets the skyline to `height` from `left` to `right`.
fn raise(sky: &mut Vec<(f64, f64, f64)>, left: f64, right: f64, height: f64) {
    let mut next = Vec::with_capacity(sky.len() + 2);
    for &(a, b, h) in sky.iter() {
        if b <= left + 1e-9 || a >= right - 1e-9 {
            next.push((a, b, h));
            continue;
        }
        if a < left {
            next.push((a, left, h));
        }
        if b > right {
            next.push((right, b, h));
        }
    }
    next.push((left, right, height));
    next.sort_by(|p, q| p.0.total_cmp(&q.0));
    // Neighbours of the same height become one segment.
    let mut merged: Vec<(f64, f64, f64)> = Vec::with_capacity(next.len());
    for seg in next {
        match merged.last_mut() {
            Some(last) if (last.2 - seg.2).abs() < 1e-9 && (last.1 - seg.0).abs() < 1e-9 => {
                last.1 = seg.1;
            }
            _ => merged.push(seg),
        }
    }
    *sky = merged;
}

/// [`pack`] for many boxes: rows, in order, each as tall as its tallest box.
fn pack_in_rows(sizes: &[Size], limit: f64, gap: f64, level: f64) -> Vec<Point> {
    let mut out = vec![Point::default(); sizes.len()];
    let mut y = 0.0;
    for row in rows_of(sizes, limit, gap) {
        let mut x = 0.0;
        let mut tallest: f64 = 0.0;
        for k in row {
            out[k] = Point { x, y };
            x += sizes[k].w + gap;
            tallest = tallest.max(sizes[k].h);
        }
        y += tallest + level;
    }
    out
}

/// What placing a subtree needs to know.
struct Placer<'a> {
    forest: &'a Forest,
    sizes: &'a [Size],
    options: &'a Options,
    limit: f64,
    rigid: &'a [Rect],
    extent: &'a [Rect],
    stacks: &'a [bool],
    block: &'a [Size],
}

impl Placer<'_> {
    /// Places the subtree of `node` with its block's top-left corner at `(x, y)`.
    fn subtree(&self, node: u32, x: f64, y: f64, out: &mut Blocks) {
        let mut work = vec![(node, x, y)];
        while let Some((node, x, y)) = work.pop() {
            let i = node as usize;
            if !self.stacks[i] {
                self.rigid_subtree(node, x, y, out);
                continue;
            }
            let size = self.sizes[i];
            out.rects[i] = Rect {
                x,
                y,
                w: size.w,
                h: size.h,
            };
            let spacing = self.options.spacing;
            let children = self.forest.children_of(node);
            let child_sizes: Vec<Size> = children.iter().map(|&c| self.block[c as usize]).collect();
            let rows = rows_of(
                &child_sizes,
                (self.limit - GUTTER).max(0.0),
                spacing.sibling,
            );
            let trunk = x + GUTTER / 2.0;
            let mut row_y = y + size.h + spacing.level;
            for row in rows {
                let mut cx = x + GUTTER;
                let bus = row_y - spacing.level / 2.0;
                let mut tallest: f64 = 0.0;
                for k in row {
                    let child = children[k];
                    work.push((child, cx, row_y));
                    // The child's own box sits at the top of its block: centred over its
                    // reports when its subtree is a tidy tree, at the left when it stacks.
                    let top = self.top_of(child, cx, row_y);
                    out.links.push(Link {
                        parent: node,
                        child,
                        points: vec![
                            Point {
                                x: trunk,
                                y: y + size.h,
                            },
                            Point { x: trunk, y: bus },
                            Point { x: top.x, y: bus },
                            top,
                        ],
                    });
                    cx += child_sizes[k].w + spacing.sibling;
                    tallest = tallest.max(child_sizes[k].h);
                }
                row_y += tallest + spacing.level;
            }
        }
    }

    /// Where the link into `node`'s box ends when its block's corner is at `(x, y)`: the
    /// middle of its top edge.
    fn top_of(&self, node: u32, x: f64, y: f64) -> Point {
        let i = node as usize;
        if self.stacks[i] {
            return Point {
                x: x + self.sizes[i].w / 2.0,
                y,
            };
        }
        let r = &self.rigid[i];
        let e = &self.extent[i];
        Point {
            x: x + (r.x - e.x) + r.w / 2.0,
            y: y + (r.y - e.y),
        }
    }

    /// Places a tidy subtree as it was laid out, moved so its extent starts at `(x, y)`,
    /// with elbow links (reports stacked in columns hang from a line down their left).
    fn rigid_subtree(&self, node: u32, x: f64, y: f64, out: &mut Blocks) {
        let e = &self.extent[node as usize];
        let (dx, dy) = (x - e.x, y - e.y);
        let forest = self.forest;
        let spacing = self.options.spacing;
        let mut work = vec![node];
        while let Some(parent) = work.pop() {
            let p = self.rigid[parent as usize].moved(dx, dy);
            out.rects[parent as usize] = p;
            let children = forest.children_of(parent);
            let leaves = (children.iter()).filter(|&&c| forest.is_leaf(c)).count();
            let stacked = leaves >= self.options.wrap_from.max(2);
            let below = p.bottom() + spacing.level / 2.0;
            for &child in children {
                work.push(child);
                let c = self.rigid[child as usize].moved(dx, dy);
                let mut points = vec![
                    Point {
                        x: p.centre_x(),
                        y: p.bottom(),
                    },
                    Point {
                        x: p.centre_x(),
                        y: below,
                    },
                ];
                if stacked && forest.is_leaf(child) {
                    let lx = c.x - spacing.sibling / 2.0;
                    let ly = c.y + c.h / 2.0;
                    points.extend([
                        Point { x: lx, y: below },
                        Point { x: lx, y: ly },
                        Point { x: c.x, y: ly },
                    ]);
                } else {
                    let ly = below.max(c.y - spacing.level / 2.0);
                    points.extend([
                        Point {
                            x: c.centre_x(),
                            y: below,
                        },
                        Point {
                            x: c.centre_x(),
                            y: ly,
                        },
                        Point {
                            x: c.centre_x(),
                            y: c.y,
                        },
                    ]);
                }
                out.links.push(Link {
                    parent,
                    child,
                    points,
                });
            }
        }
    }
}

/// The smallest box holding both.
pub fn union(a: &Rect, b: &Rect) -> Rect {
    let (x, y) = (a.x.min(b.x), a.y.min(b.y));
    Rect {
        x,
        y,
        w: a.right().max(b.right()) - x,
        h: a.bottom().max(b.bottom()) - y,
    }
}

/// Splits boxes, in order, into rows no wider than `limit` (a box wider than it gets a row
/// of its own).
pub fn rows_of(sizes: &[Size], limit: f64, gap: f64) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut width = 0.0;
    for (k, s) in sizes.iter().enumerate() {
        match rows.last_mut() {
            Some(row) if width + gap + s.w <= limit + 1e-9 => {
                row.push(k);
                width += gap + s.w;
            }
            _ => {
                rows.push(vec![k]);
                width = s.w;
            }
        }
    }
    rows
}

/// The width and height of boxes set out in `rows`.
pub fn rows_extent(rows: &[Vec<usize>], sizes: &[Size], gap: f64, level: f64) -> (f64, f64) {
    let (mut w, mut h): (f64, f64) = (0.0, 0.0);
    for row in rows {
        let row_w: f64 = row.iter().map(|&k| sizes[k].w).sum::<f64>()
            + gap * (row.len().saturating_sub(1)) as f64;
        let row_h = row.iter().map(|&k| sizes[k].h).fold(0.0, f64::max);
        w = w.max(row_w);
        h += row_h + level;
    }
    (w, (h - level).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::verify;

    fn size() -> Size {
        Size { w: 100.0, h: 40.0 }
    }

    #[test]
    fn a_tree_that_fits_is_the_tidy_tree() {
        let forest = Forest::from_parents(vec![NONE, 0, 0]);
        let sizes = vec![size(); 3];
        let out = blocks(&forest, &sizes, &Options::default(), 1e9, &[]);
        let tidy = crate::layout::layout(&forest, &sizes, &Options::default());
        let dx = out.rects[0].x - tidy[0].x;
        for (a, b) in out.rects.iter().zip(&tidy) {
            assert!((a.x - b.x - dx).abs() < 1e-9);
        }
        assert_eq!(out.links.len(), 2);
    }

    #[test]
    fn a_wide_tree_stacks_its_subtrees_in_rows_within_the_limit() {
        // A root with 12 reports, each with 2 reports of its own: 36 cards in a tidy row.
        let mut parent = vec![NONE];
        for k in 0..12 {
            parent.push(0);
            let me = parent.len() as u32 - 1;
            parent.extend([me, me]);
            let _ = k;
        }
        let forest = Forest::from_parents(parent);
        let sizes = vec![size(); forest.len()];
        let out = blocks(&forest, &sizes, &Options::default(), 1200.0, &[]);
        assert!(out.size.w <= 1200.0 + 1e-9, "{:?}", out.size);
        assert!(verify(&forest, &out.rects).is_empty());
        // Every link starts at its parent's box and ends on its child's top edge.
        for link in &out.links {
            let p = out.rects[link.parent as usize];
            let c = out.rects[link.child as usize];
            let (first, last) = (link.points[0], *link.points.last().unwrap());
            assert!((first.y - p.bottom()).abs() < 1e-9 && p.x <= first.x && first.x <= p.right());
            assert!((last.y - c.y).abs() < 1e-9 && c.x <= last.x && last.x <= c.right());
        }
    }

    #[test]
    fn short_boxes_fill_the_room_beside_a_tall_one() {
        let sizes = [
            Size { w: 100.0, h: 300.0 },
            Size { w: 100.0, h: 40.0 },
            Size { w: 100.0, h: 40.0 },
            Size { w: 100.0, h: 40.0 },
        ];
        let at = pack(&sizes, &[], 250.0, 10.0, 20.0);
        // The tall box on the left, the short ones stacked beside it.
        assert_eq!((at[0].x, at[0].y), (0.0, 0.0));
        for p in &at[1..] {
            assert!((p.x - 110.0).abs() < 1e-9, "{at:?}");
        }
        assert_eq!(at[2].y, 60.0);
        assert_eq!(at[3].y, 120.0);
    }

    #[test]
    fn trees_are_packed_into_rows() {
        let forest = Forest::from_parents(vec![NONE; 10]);
        let sizes = vec![size(); 10];
        let out = blocks(&forest, &sizes, &Options::default(), 400.0, &[]);
        assert!(out.size.w <= 400.0);
        assert!(verify(&forest, &out.rects).is_empty());
        assert!(out.size.h > 3.0 * 40.0);
    }
}
