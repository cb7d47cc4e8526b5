//! A scene cut into overlapping tiles of one size, and which items each tile shows.

use std::collections::BTreeMap;

use crate::layout::Rect;
use crate::scene::{Item, Point, Scene};
use crate::text::Metrics;

/// A grid of equal tiles over a scene, each overlapping its neighbours by `overlap`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Grid {
    /// Tiles across.
    pub columns: usize,
    /// Tiles down.
    pub rows: usize,
    /// A tile's width in chart units.
    pub width: f64,
    /// A tile's height in chart units.
    pub height: f64,
    /// How much neighbouring tiles share, in chart units.
    pub overlap: f64,
}

impl Grid {
    /// The fewest tiles of `width` × `height` (each more than `overlap`) that cover `scene`.
    pub fn new(scene: &Scene, width: f64, height: f64, overlap: f64) -> Grid {
        Grid {
            columns: count(scene.width, width, overlap),
            rows: count(scene.height, height, overlap),
            width,
            height,
            overlap,
        }
    }

    /// The part of the scene that the tile in `row` and `column` (from 0) shows.
    pub fn tile(&self, row: usize, column: usize) -> Rect {
        Rect {
            x: column as f64 * (self.width - self.overlap),
            y: row as f64 * (self.height - self.overlap),
            w: self.width,
            h: self.height,
        }
    }

    /// The items (as indices into `scene.items`, in drawing order) that each tile with any
    /// shows, keyed by (row, column), so the keys come in reading order. Tiles that would
    /// show nothing are left out.
    pub fn items_by_tile(&self, scene: &Scene) -> BTreeMap<(usize, usize), Vec<usize>> {
        let mut tiles: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (index, item) in scene.items.iter().enumerate() {
            for bounds in extents(item) {
                let columns = span(bounds.x, bounds.right(), self.width, self.overlap);
                let rows = span(bounds.y, bounds.bottom(), self.height, self.overlap);
                for row in rows.0..=rows.1.min(self.rows.saturating_sub(1)) {
                    for column in columns.0..=columns.1.min(self.columns.saturating_sub(1)) {
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

/// How many tiles of `tile` (sharing `overlap`) cover `length`.
fn count(length: f64, tile: f64, overlap: f64) -> usize {
    if length <= tile {
        return 1;
    }
    1 + ((length - tile) / (tile - overlap)).ceil() as usize
}

/// The first and last tiles (not yet capped at the grid's end) that meet `from..=to`.
fn span(from: f64, to: f64, tile: f64, overlap: f64) -> (usize, usize) {
    let step = tile - overlap;
    let first = ((from - tile) / step).floor() + 1.0;
    let last = (to / step).floor();
    (first.max(0.0) as usize, last.max(0.0) as usize)
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
            cards: Vec::new(),
            frames: Vec::new(),
            card_items: Vec::new(),
        }
    }

    #[test]
    fn a_scene_that_fits_is_one_tile_and_each_extra_step_adds_one() {
        assert_eq!(count(100.0, 100.0, 10.0), 1);
        assert_eq!(count(100.5, 100.0, 10.0), 2);
        assert_eq!(count(190.0, 100.0, 10.0), 2);
        assert_eq!(count(190.5, 100.0, 10.0), 3);
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
        assert_eq!((grid.columns, grid.rows), (3, 3));
        let tiles = grid.items_by_tile(&scene);
        assert_eq!(tiles[&(0, 0)], vec![0, 1]);
        assert_eq!(tiles[&(0, 1)], vec![0]);
        assert!(!tiles.contains_key(&(1, 1)), "the elbow goes round it");
        assert_eq!(tiles[&(2, 2)], vec![1]);
        assert_eq!(tiles.len(), 6);
    }
}
