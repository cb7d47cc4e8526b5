//! A scene cut into overlapping tiles of one size, and which items each tile shows.

use std::collections::BTreeMap;

use crate::layout::Rect;
use crate::scene::{Item, Point, Scene};
use crate::text::Metrics;

/// Tiles over a scene, at most `width` × `height` each, cut where no card or line of text
/// is: a column ends just before the first card its edge would cut, and the next starts
/// there, so a card is printed whole on one page. Only where a card is wider (or taller) than a tile,
/// or a row of cards leaves no gap in the tile's second half, is it cut, and then
/// neighbouring tiles share `overlap` so nothing is lost at the cut.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Grid {
    /// Each row's columns: their left and right, in chart units, cut between what lies in
    /// that row.
    pub columns: Vec<Vec<(f64, f64)>>,
    /// Each row's top and bottom.
    pub rows: Vec<(f64, f64)>,
}

impl Grid {
    /// The tiles over `scene`: see [`Grid`].
    pub fn new(scene: &Scene, width: f64, height: f64, overlap: f64) -> Grid {
        // Cards are kept whole, and lines of text (the legend's, a container's label) too
        // where a cut can miss both.
        let cards: Vec<Rect> = scene.cards.iter().map(|(_, r)| *r).collect();
        let texts = (scene.items.iter())
            .filter(|item| matches!(item, Item::Text { .. }))
            .flat_map(extents);
        let both: Vec<Rect> = cards.iter().copied().chain(texts).collect();
        let along = |rects: &[Rect], across: bool| -> Vec<(f64, f64)> {
            (rects.iter())
                .map(|r| {
                    if across {
                        (r.x, r.right())
                    } else {
                        (r.y, r.bottom())
                    }
                })
                .collect()
        };
        let rows = cuts(
            scene.height,
            height,
            overlap,
            [along(&both, false), along(&cards, false)],
        );
        // Each row is cut across by what lies in it; a row whose columns would cut a card
        // is split at a gap between its cards, nearest its middle, and each part cut anew.
        let within = |rects: &[Rect], (top, bottom): (f64, f64)| -> Vec<Rect> {
            (rects.iter())
                .filter(|r| r.y < bottom && top < r.bottom())
                .copied()
                .collect()
        };
        let columns_of = |row: (f64, f64)| {
            let keep = [
                along(&within(&both, row), true),
                along(&within(&cards, row), true),
            ];
            cuts(scene.width, width, overlap, keep)
        };
        let cuts_a_card = |row: (f64, f64), columns: &[(f64, f64)]| {
            (within(&cards, row).iter()).any(|c| {
                (columns.iter())
                    .any(|&(a, b)| (c.x < a && a < c.right()) || (c.x < b && b < c.right()))
            })
        };
        let mut done: Vec<(Span, Vec<Span>)> = Vec::new();
        let mut work: Vec<(f64, f64)> = rows.into_iter().rev().collect();
        while let Some(row) = work.pop() {
            let columns = columns_of(row);
            let split = (done.len() < 10_000 && cuts_a_card(row, &columns))
                .then(|| middle_gap(&within(&cards, row), row))
                .flatten();
            match split {
                Some(y) => {
                    work.push((y, row.1));
                    work.push((row.0, y));
                }
                None => done.push((row, columns)),
            }
        }
        let (rows, columns) = done.into_iter().unzip();
        Grid { columns, rows }
    }

    /// The part of the scene that the tile in `row` and `column` (from 0) shows.
    pub fn tile(&self, row: usize, column: usize) -> Rect {
        let (x0, x1) = self.columns[row][column];
        let (y0, y1) = self.rows[row];
        Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }

    /// The items (as indices into `scene.items`, in drawing order) that each tile with any
    /// shows, keyed by (row, column), so the keys come in reading order. Tiles that would
    /// show nothing are left out.
    pub fn items_by_tile(&self, scene: &Scene) -> BTreeMap<(usize, usize), Vec<usize>> {
        let mut tiles: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (index, item) in scene.items.iter().enumerate() {
            for bounds in extents(item) {
                let rows = meeting(&self.rows, bounds.y, bounds.bottom());
                for row in rows {
                    for column in meeting(&self.columns[row], bounds.x, bounds.right()) {
                        let shown = tiles.entry((row, column)).or_default();
                        if shown.last() != Some(&index) {
                            shown.push(index);
                        }
                    }
                }
            }
        }
        tiles
    }
}

/// The tiles of at most `tile` that cover `0..length`, each ending in a gap between the
/// spans of the first of `keep` (spans along the axis of what should not be cut) that has
/// one in its second half, else of the second.
fn cuts(length: f64, tile: f64, overlap: f64, keep: [Vec<(f64, f64)>; 2]) -> Vec<(f64, f64)> {
    let [first, second] = keep.map(covered);
    let mut out = Vec::new();
    let mut start = 0.0;
    while out.len() < 100_000 {
        if length - start <= tile {
            out.push((start, length.max(start)));
            break;
        }
        let edge = start + tile;
        // In a gap, the next tile starts where this one ends; through a line or a card,
        // the two share `overlap`.
        let (end, next) = match gap_before(&first, start, edge, tile)
            .or_else(|| gap_before(&second, start, edge, tile))
        {
            Some(end) if end < edge => (end, end),
            _ => (edge, edge - overlap),
        };
        out.push((start, end));
        start = next;
    }
    out
}

/// A stretch along one axis: its start and end, in chart units.
type Span = (f64, f64);

/// A height between `row`'s cards, inside it, nearest its middle, if the cards leave one.
fn middle_gap(cards: &[Rect], (top, bottom): (f64, f64)) -> Option<f64> {
    let spans: Vec<(f64, f64)> = cards.iter().map(|c| (c.y, c.bottom())).collect();
    let covered = covered(spans);
    let middle = (top + bottom) / 2.0;
    // Gaps: between stretches, and before the first or after the last inside the row.
    let mut best: Option<f64> = None;
    let mut consider = |y: f64| {
        if y > top + 1.0
            && y < bottom - 1.0
            && best.is_none_or(|b| (y - middle).abs() < (b - middle).abs())
        {
            best = Some(y);
        }
    };
    for pair in covered.windows(2) {
        consider((pair[0].1 + pair[1].0) / 2.0);
    }
    if let (Some(first), Some(last)) = (covered.first(), covered.last()) {
        consider(first.0 - GAP);
        consider(last.1 + GAP);
    }
    best
}

/// The stretches some span covers, merged and in order.
fn covered(mut spans: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Where a tile from `start` that would end at `edge` ends instead so as to cut nothing
/// `covered`: at `edge` if it is clear, else just before the stretch it falls in, if that is
/// in the tile's second half.
fn gap_before(covered: &[(f64, f64)], start: f64, edge: f64, tile: f64) -> Option<f64> {
    let at = covered.partition_point(|c| c.1 <= edge);
    match covered.get(at).filter(|c| c.0 < edge) {
        None => Some(edge),
        Some(c) if c.0 - GAP > start + tile / 4.0 => Some(c.0 - GAP),
        Some(_) => None,
    }
}

/// How far before a card a cut goes, so the card's edge is printed with it.
const GAP: f64 = 4.0;

/// The tiles (by index) of `spans` that meet `from..=to`.
fn meeting(spans: &[(f64, f64)], from: f64, to: f64) -> std::ops::Range<usize> {
    let first = spans.partition_point(|s| s.1 < from);
    let last = spans.partition_point(|s| s.0 <= to);
    first..last.max(first)
}

/// Boxes that together cover what an item draws: one for a box or a line of text, one per
/// segment for a line, so that an elbow does not claim the tiles its corner skips.
fn extents(item: &Item) -> Vec<Rect> {
    match item {
        Item::Rect { rect, stroke, .. } => {
            let pad = stroke.map_or(0.0, |s| f64::from(s.width) / 2.0);
            vec![grow(*rect, pad)]
        }
        Item::Path { points, stroke } => {
            let pad = f64::from(stroke.width) / 2.0;
            match points.as_slice() {
                [only] => vec![grow(between(*only, *only), pad)],
                _ => points
                    .windows(2)
                    .map(|pair| grow(between(pair[0], pair[1]), pad))
                    .collect(),
            }
        }
        Item::Text { at, text, size, .. } => {
            let width = f64::from(Metrics::get().width(text, *size));
            let size = f64::from(*size);
            vec![Rect {
                x: at.x,
                y: at.y - size,
                w: width,
                h: size * 1.3,
            }]
        }
    }
}

fn between(a: Point, b: Point) -> Rect {
    Rect {
        x: a.x.min(b.x),
        y: a.y.min(b.y),
        w: (a.x - b.x).abs(),
        h: (a.y - b.y).abs(),
    }
}

fn grow(rect: Rect, by: f64) -> Rect {
    Rect {
        x: rect.x - by,
        y: rect.y - by,
        w: rect.w + 2.0 * by,
        h: rect.h + 2.0 * by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Colour, Stroke};

    fn scene(width: f64, height: f64, items: Vec<Item>) -> Scene {
        Scene {
            width,
            height,
            background: Colour::hex(0xffffff),
            items,
            cards: Default::default(),
            frames: Vec::new(),
            card_items: Vec::new(),
        }
    }

    #[test]
    fn a_scene_that_fits_is_one_tile_and_each_extra_step_adds_one() {
        let none = || [Vec::new(), Vec::new()];
        assert_eq!(cuts(100.0, 100.0, 10.0, none()).len(), 1);
        assert_eq!(cuts(100.5, 100.0, 10.0, none()).len(), 2);
        assert_eq!(cuts(190.0, 100.0, 10.0, none()).len(), 2);
        assert_eq!(cuts(190.5, 100.0, 10.0, none()).len(), 3);
    }

    #[test]
    fn tiles_end_in_the_gaps_between_cards() {
        // Cards at 0-70, 80-150, 160-230: a 100-wide tile would cut the second.
        let cards = vec![(0.0, 70.0), (80.0, 150.0), (160.0, 230.0)];
        let tiles = cuts(230.0, 100.0, 10.0, [cards.clone(), cards.clone()]);
        for (a, b) in &tiles {
            for (x0, x1) in &cards {
                let cut = (a > x0 && a < x1) || (b > x0 && b < x1);
                assert!(!cut, "{tiles:?} cuts a card");
            }
        }
        assert_eq!(tiles[0], (0.0, 76.0));
        // A card wider than a tile is cut, with an overlap.
        let tiles = cuts(300.0, 100.0, 10.0, [vec![(0.0, 300.0)], vec![(0.0, 300.0)]]);
        assert_eq!(tiles[0], (0.0, 100.0));
        assert_eq!(tiles[1].0, 90.0);
    }

    #[test]
    fn an_item_in_the_overlap_is_on_both_tiles_and_an_elbow_skips_the_empty_corner() {
        let stroke = Stroke::solid(Colour::hex(0), 0.0);
        let box_at = |x: f64, y: f64| Item::Rect {
            rect: Rect {
                x,
                y,
                w: 4.0,
                h: 4.0,
            },
            radius: 0.0,
            fill: None,
            stroke: None,
        };
        let elbow = Item::Path {
            points: vec![
                Point { x: 10.0, y: 10.0 },
                Point { x: 10.0, y: 250.0 },
                Point { x: 250.0, y: 250.0 },
            ],
            stroke,
        };
        let scene = scene(280.0, 280.0, vec![box_at(93.0, 20.0), elbow]);
        let grid = Grid::new(&scene, 100.0, 100.0, 10.0);
        assert_eq!((grid.columns[0].len(), grid.rows.len()), (3, 3));
        let tiles = grid.items_by_tile(&scene);
        assert_eq!(tiles[&(0, 0)], vec![0, 1]);
        assert_eq!(tiles[&(0, 1)], vec![0]);
        assert!(!tiles.contains_key(&(1, 1)), "the elbow goes round it");
        assert_eq!(tiles[&(2, 2)], vec![1]);
        assert_eq!(tiles.len(), 6);
    }
}
