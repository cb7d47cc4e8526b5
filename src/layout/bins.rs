//! Where an arrangement's boxes and lines lie, binned in a grid of cells, so that a view of
//! a large picture finds what it overlaps without looking at everything.

use crate::layout::Rect;

/// Rectangles by the grid cells they overlap.
#[derive(Clone, Debug, Default)]
pub struct Bins {
    /// The corner of the first cell.
    x0: f64,
    y0: f64,
    /// The size of a cell.
    cell_w: f64,
    cell_h: f64,
    cols: usize,
    rows: usize,
    /// For each cell, row by row, where its entries start in `entries` (one more at the end).
    starts: Vec<u32>,
    /// The rectangles in each cell, by index, ascending.
    entries: Vec<u32>,
}

/// About this many rectangles to a cell, on average.
const PER_CELL: usize = 8;
/// At most this many cells across or down.
const MOST_CELLS: usize = 1024;

impl Bins {
    /// The grid of `rects`: its cells cover their extent, about [`PER_CELL`] rectangles to a
    /// cell. Rectangles with no area still fall in the cell they touch.
    pub fn new(rects: &[Rect]) -> Bins {
        let finite = |r: &&Rect| {
            r.x.is_finite()
                && r.y.is_finite()
                && r.w.is_finite()
                && r.h.is_finite()
                && r.w >= 0.0
                && r.h >= 0.0
        };
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for r in rects.iter().filter(finite) {
            (x0, y0) = (x0.min(r.x), y0.min(r.y));
            (x1, y1) = (x1.max(r.right()), y1.max(r.bottom()));
        }
        if x0 > x1 {
            return Bins::default();
        }
        let (w, h) = ((x1 - x0).max(1.0), (y1 - y0).max(1.0));
        // Square-ish cells, as many as the rectangles call for.
        let cells = (rects.len() / PER_CELL).max(1) as f64;
        let side = (w * h / cells).sqrt();
        let cols = ((w / side).ceil() as usize).clamp(1, MOST_CELLS);
        let rows = ((h / side).ceil() as usize).clamp(1, MOST_CELLS);
        let mut grid = Bins {
            x0,
            y0,
            cell_w: w / cols as f64,
            cell_h: h / rows as f64,
            cols,
            rows,
            starts: vec![0; cols * rows + 1],
            entries: Vec::new(),
        };
        // Count, then fill: each cell's entries end up in rectangle order.
        for r in rects.iter().filter(finite) {
            let (c0, c1, r0, r1) = grid.span(r);
            for row in r0..=r1 {
                for col in c0..=c1 {
                    grid.starts[row * cols + col + 1] += 1;
                }
            }
        }
        for i in 1..grid.starts.len() {
            grid.starts[i] += grid.starts[i - 1];
        }
        let mut next = grid.starts.clone();
        grid.entries = vec![0; grid.starts[cols * rows] as usize];
        for (i, r) in rects.iter().enumerate() {
            if !finite(&r) {
                continue;
            }
            let (c0, c1, r0, r1) = grid.span(r);
            for row in r0..=r1 {
                for col in c0..=c1 {
                    let slot = &mut next[row * cols + col];
                    grid.entries[*slot as usize] = i as u32;
                    *slot += 1;
                }
            }
        }
        grid
    }

    /// All of `rects` in one cell, so every query finds every one: what the bins stand in
    /// for, for tests to compare with.
    #[cfg(test)]
    pub(crate) fn one_cell(rects: &[Rect]) -> Bins {
        Bins {
            x0: f64::MIN / 4.0,
            y0: f64::MIN / 4.0,
            cell_w: f64::MAX / 2.0,
            cell_h: f64::MAX / 2.0,
            cols: 1,
            rows: 1,
            starts: vec![0, rects.len() as u32],
            entries: (0..rects.len() as u32).collect(),
        }
    }

    /// The cells a rectangle overlaps: first and last column, first and last row.
    fn span(&self, r: &Rect) -> (usize, usize, usize, usize) {
        let col =
            |x: f64| (((x - self.x0) / self.cell_w).floor().max(0.0) as usize).min(self.cols - 1);
        let row =
            |y: f64| (((y - self.y0) / self.cell_h).floor().max(0.0) as usize).min(self.rows - 1);
        (col(r.x), col(r.right()), row(r.y), row(r.bottom()))
    }

    /// The rectangles that may overlap `view`, ascending and each once, into `out`: every
    /// one that does, and some near it.
    pub fn near(&self, view: &Rect, out: &mut Vec<u32>) {
        out.clear();
        for cell in self.cells(view) {
            out.extend_from_slice(cell);
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The rectangles that may overlap `view`, every one that does and some near it, in
    /// no order and some more than once: for a test that stops at the first it finds.
    pub fn candidates<'a>(&'a self, view: &Rect) -> impl Iterator<Item = u32> + use<'a> {
        self.cells(view).flatten().copied()
    }

    /// The runs of entries of the cells `view` overlaps, row by row.
    fn cells<'a>(&'a self, view: &Rect) -> impl Iterator<Item = &'a [u32]> + use<'a> {
        let outside = self.cols == 0
            || !(view.right() >= self.x0
                && view.bottom() >= self.y0
                && view.x <= self.x0 + self.cell_w * self.cols as f64
                && view.y <= self.y0 + self.cell_h * self.rows as f64);
        let (c0, c1, r0, r1) = if outside {
            (0, 0, 1, 0)
        } else {
            self.span(view)
        };
        (r0..=r1).map(move |row| {
            let from = self.starts[row * self.cols + c0] as usize;
            let to = self.starts[row * self.cols + c1 + 1] as usize;
            &self.entries[from..to]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rect() -> impl Strategy<Value = Rect> {
        (
            -500.0..5000.0f64,
            -500.0..3000.0f64,
            0.0..400.0f64,
            0.0..200.0f64,
        )
            .prop_map(|(x, y, w, h)| Rect { x, y, w, h })
    }

    proptest! {
        #[test]
        fn a_view_finds_every_rectangle_it_overlaps(
            rects in proptest::collection::vec(rect(), 0..400),
            view in rect(),
        ) {
            let grid = Bins::new(&rects);
            let mut near = Vec::new();
            grid.near(&view, &mut near);
            prop_assert!(near.windows(2).all(|w| w[0] < w[1]), "ascending, once each");
            for (i, r) in rects.iter().enumerate() {
                if r.overlaps(&view) {
                    prop_assert!(near.binary_search(&(i as u32)).is_ok(), "{i} {r:?} missed");
                }
            }
        }
    }

    #[test]
    fn a_small_view_of_many_rectangles_finds_few() {
        let rects: Vec<Rect> = (0..10_000)
            .map(|i| Rect {
                x: f64::from(i % 100) * 200.0,
                y: f64::from(i / 100) * 100.0,
                w: 180.0,
                h: 80.0,
            })
            .collect();
        let grid = Bins::new(&rects);
        let mut near = Vec::new();
        let view = Rect {
            x: 1000.0,
            y: 1000.0,
            w: 400.0,
            h: 200.0,
        };
        grid.near(&view, &mut near);
        let overlapping = rects.iter().filter(|r| r.overlaps(&view)).count();
        assert_eq!(overlapping, 4);
        assert!(near.len() < 40, "{} found", near.len());
    }
}
