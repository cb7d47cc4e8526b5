//! Routes a line between two cards around every other card: a shortest path on a coarse
//! grid with cards as obstacles and a cost for each turn, so lines run in clean elbows
//! through the gaps.

use crate::layout::{Bins, Rect};
use crate::scene::Point;

/// Grid cell size in chart units.
const CELL: f64 = 8.0;
/// How far around the two cards the search may go.
const REACH: f64 = 240.0;
/// Clearance kept between a line and a card.
const CLEARANCE: f64 = 4.0;
/// A turn costs as much as this many steps.
const TURN: u32 = 6;
/// The most cells one search may use.
const MAX_CELLS: usize = 60_000;

/// Routes lines around the cards of one picture, within a budget of grid cells for the
/// whole picture, so a chart with thousands of lines is drawn in bounded time; once the
/// budget is spent, or where two cards are too far apart, lines are plain elbows.
pub struct Router<'a> {
    /// The cards.
    obstacles: &'a [Rect],
    /// Where they lie, in units `shift` away from theirs.
    bins: std::borrow::Cow<'a, Bins>,
    shift: (f64, f64),
    /// Grid cells still to spend.
    budget: usize,
    /// The search's working arrays, kept between routes (cleared, not made anew).
    scratch: Scratch,
}

/// What a grid search writes as it goes: the cost and the way into each cell and
/// direction, and the states waiting, by their estimated total cost.
#[derive(Default)]
struct Scratch {
    cost: Vec<u32>,
    came: Vec<u32>,
    /// `open[f]` holds `(g, state)` pairs whose estimated total is `f`, taken first in,
    /// first out from `taken[f]`.
    open: Vec<Vec<(u32, u32)>>,
    taken: Vec<usize>,
}

impl Scratch {
    /// Empties the queue, keeping its memory.
    fn clear_open(&mut self) {
        for bucket in &mut self.open {
            bucket.clear();
        }
        self.taken.iter_mut().for_each(|t| *t = 0);
    }

    fn push(&mut self, f: u32, g: u32, state: u32) {
        let f = f as usize;
        if self.open.len() <= f {
            self.open.resize_with(f + 1, Vec::new);
            self.taken.resize(f + 1, 0);
        }
        self.open[f].push((g, state));
    }

    /// The next state with the least estimate, from bucket `*at` on (estimates never fall
    /// as the search goes, the distance left being a consistent estimate).
    fn pop(&mut self, at: &mut usize) -> Option<(u32, u32)> {
        while *at < self.open.len() {
            let bucket = &self.open[*at];
            if let Some(&next) = bucket.get(self.taken[*at]) {
                self.taken[*at] += 1;
                return Some(next);
            }
            *at += 1;
        }
        None
    }
}

impl<'a> Router<'a> {
    /// A router around `obstacles` with `budget` grid cells to spend.
    pub fn new(obstacles: &'a [Rect], budget: usize) -> Router<'a> {
        Router {
            obstacles,
            bins: std::borrow::Cow::Owned(Bins::new(obstacles)),
            shift: (0.0, 0.0),
            budget,
            scratch: Scratch::default(),
        }
    }

    /// [`Router::new`] with where the obstacles lie known already: `bins` of the same boxes
    /// `shift` away (an arrangement's boxes, which a picture draws moved by its margins).
    pub fn with_bins(
        obstacles: &'a [Rect],
        bins: &'a Bins,
        shift: (f64, f64),
        budget: usize,
    ) -> Router<'a> {
        Router {
            obstacles,
            bins: std::borrow::Cow::Borrowed(bins),
            shift,
            budget,
            scratch: Scratch::default(),
        }
    }

    /// A line from the side of `from` facing `to` to the side of `to` facing `from`, around
    /// the other cards; a plain elbow when there is no way round within reach or budget.
    pub fn route(&mut self, from: &Rect, to: &Rect) -> Vec<Point> {
        let plain = elbow(from, to);
        if self.clear(&plain, from, to) {
            return plain;
        }
        self.around(from, to).unwrap_or(plain)
    }

    /// A reporting line from a card down to one below it, as an org chart draws it: down
    /// from the middle of the manager's bottom, across just above the report, and down into
    /// its top. `None` where the report is not below, or the line would not keep clear of
    /// the other cards.
    pub fn drop_line(&self, from: &Rect, to: &Rect) -> Option<Vec<Point>> {
        if to.y <= from.bottom() + 8.0 {
            return None;
        }
        let across = to.y - 6.0;
        let points = vec![
            Point {
                x: from.centre_x(),
                y: from.bottom(),
            },
            Point {
                x: from.centre_x(),
                y: across,
            },
            Point {
                x: to.centre_x(),
                y: across,
            },
            Point {
                x: to.centre_x(),
                y: to.y,
            },
        ];
        self.clear(&points, from, to).then_some(points)
    }

    /// Whether a path keeps its clearance from every card but its two ends.
    fn clear(&self, points: &[Point], from: &Rect, to: &Rect) -> bool {
        // Segment by segment: a long line's box would hold most of the picture.
        !points.windows(2).any(|w| {
            let (x0, x1) = (w[0].x.min(w[1].x), w[0].x.max(w[1].x));
            let (y0, y1) = (w[0].y.min(w[1].y), w[0].y.max(w[1].y));
            self.near(x0, y0, x1, y1, CLEARANCE).any(|r| {
                !std::ptr::eq(r, from)
                    && !std::ptr::eq(r, to)
                    && *r != *from
                    && *r != *to
                    && x0 < r.right() + CLEARANCE
                    && r.x - CLEARANCE < x1
                    && y0 < r.bottom() + CLEARANCE
                    && r.y - CLEARANCE < y1
            })
        })
    }

    /// The cards that reach into the columns from `left` to `right`.
    /// The cards within `margin` of the box from (`x0`, `y0`) to (`x1`, `y1`), and some
    /// near them, some more than once.
    fn near(&self, x0: f64, y0: f64, x1: f64, y1: f64, margin: f64) -> impl Iterator<Item = &Rect> {
        let area = Rect {
            x: x0 - margin - self.shift.0,
            y: y0 - margin - self.shift.1,
            w: (x1 - x0).max(0.0) + 2.0 * margin,
            h: (y1 - y0).max(0.0) + 2.0 * margin,
        };
        (self.bins.candidates(&area)).filter_map(|i| self.obstacles.get(i as usize))
    }
}

/// The plain elbow between the facing sides of two cards.
fn elbow(from: &Rect, to: &Rect) -> Vec<Point> {
    let (start, end) = facing_sides(from, to);
    if side_by_side(from, to) {
        let mid = (start.x + end.x) / 2.0;
        vec![
            start,
            Point { x: mid, y: start.y },
            Point { x: mid, y: end.y },
            end,
        ]
    } else {
        let mid = (start.y + end.y) / 2.0;
        vec![
            start,
            Point { x: start.x, y: mid },
            Point { x: end.x, y: mid },
            end,
        ]
    }
}

/// Whether there is room between the two cards across (so lines leave from their sides);
/// otherwise one is above the other, and lines leave from their top and bottom.
fn side_by_side(from: &Rect, to: &Rect) -> bool {
    to.x >= from.right() || to.right() <= from.x
}

/// The middles of the sides of two cards that face each other: left and right where they
/// stand side by side, else top and bottom.
fn facing_sides(from: &Rect, to: &Rect) -> (Point, Point) {
    if side_by_side(from, to) {
        let rightwards = to.centre_x() >= from.centre_x();
        let start = Point {
            x: if rightwards { from.right() } else { from.x },
            y: from.y + from.h / 2.0,
        };
        let end = Point {
            x: if rightwards { to.x } else { to.right() },
            y: to.y + to.h / 2.0,
        };
        return (start, end);
    }
    let downwards = to.y + to.h / 2.0 >= from.y + from.h / 2.0;
    let start = Point {
        x: from.centre_x(),
        y: if downwards { from.bottom() } else { from.y },
    };
    let end = Point {
        x: to.centre_x(),
        y: if downwards { to.y } else { to.bottom() },
    };
    (start, end)
}

impl Router<'_> {
    /// The grid search behind [`Router::route`]; `None` if there is no way round within reach
    /// or budget.
    fn around(&mut self, from: &Rect, to: &Rect) -> Option<Vec<Point>> {
        let (start_edge, end_edge) = facing_sides(from, to);
        let across = side_by_side(from, to);
        // One cell off each card's side, the way the line leaves it.
        let (dx, dy) = if across {
            (CELL.copysign(end_edge.x - start_edge.x), 0.0)
        } else {
            (0.0, CELL.copysign(end_edge.y - start_edge.y))
        };
        let start = Point {
            x: start_edge.x + dx,
            y: start_edge.y + dy,
        };
        let end = Point {
            x: end_edge.x - dx,
            y: end_edge.y - dy,
        };
        // The grid is aligned so that `start` is a cell's centre: the route leaves straight.
        let align = |v: f64, lowest: f64| v - CELL / 2.0 - ((v - lowest) / CELL).ceil() * CELL;
        let x0 = align(start.x, from.x.min(to.x) - REACH);
        let y0 = align(start.y, from.y.min(to.y) - REACH);
        let right = from.right().max(to.right()) + REACH;
        let bottom = from.bottom().max(to.bottom()) + REACH;
        let cells = (((right - x0) / CELL).ceil() * ((bottom - y0) / CELL).ceil()) as usize;
        if cells > MAX_CELLS.min(self.budget) {
            return None;
        }
        self.budget -= cells;
        // Cards further off than the clearance and a cell block no cell of the search.
        let cards = self.near(x0, y0, right, bottom, CLEARANCE + CELL);
        let mut grid = Grid::new(x0, y0, right, bottom, cards)?;
        let (first, last) = (grid.cell_of(start)?, grid.cell_of(end)?);
        // The cells just off the two cards' sides are where the line must start and end,
        // even where a neighbour's clearance reaches them.
        grid.blocked[first] = false;
        grid.blocked[last] = false;
        let cells = grid.search(first, last, &mut self.scratch)?;
        let mut points = vec![start_edge];
        points.extend(cells.iter().map(|&c| grid.centre(c)));
        // The last cell sits a cell away from the target's side: step level with its middle.
        let last = *points.last()?;
        points.push(if across {
            Point {
                x: last.x,
                y: end_edge.y,
            }
        } else {
            Point {
                x: end_edge.x,
                y: last.y,
            }
        });
        points.push(end_edge);
        Some(simplify(points))
    }
}

/// Drops points in the middle of straight runs.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for p in points {
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = ((a.x - b.x).abs() < 1e-9 && (b.x - p.x).abs() < 1e-9)
                || ((a.y - b.y).abs() < 1e-9 && (b.y - p.y).abs() < 1e-9);
            if straight {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

struct Grid {
    x0: f64,
    y0: f64,
    cols: usize,
    rows: usize,
    blocked: Vec<bool>,
}

impl Grid {
    fn new<'r>(
        x0: f64,
        y0: f64,
        right: f64,
        bottom: f64,
        obstacles: impl Iterator<Item = &'r Rect>,
    ) -> Option<Grid> {
        let cols = ((right - x0) / CELL).ceil().max(1.0) as usize;
        let rows = ((bottom - y0) / CELL).ceil().max(1.0) as usize;
        if cols.saturating_mul(rows) > MAX_CELLS {
            return None;
        }
        let mut blocked = vec![false; cols * rows];
        // A cell is blocked when its centre, where lines run, is within the clearance of a
        // card: any gap between cards wider than twice the clearance plus a cell keeps a
        // free lane, however the grid falls.
        let span = |low: f64, high: f64, origin: f64| {
            let first = ((low - CLEARANCE - origin) / CELL - 0.5).ceil().max(0.0) as usize;
            let last = ((high + CLEARANCE - origin) / CELL - 0.5).floor();
            (first, if last < 0.0 { 0 } else { last as usize + 1 })
        };
        for r in obstacles {
            let (c0, c1) = span(r.x, r.right(), x0);
            let (r0, r1) = span(r.y, r.bottom(), y0);
            for row in r0..r1.min(rows) {
                for col in c0..c1.min(cols) {
                    blocked[row * cols + col] = true;
                }
            }
        }
        Some(Grid {
            x0,
            y0,
            cols,
            rows,
            blocked,
        })
    }

    fn cell_of(&self, p: Point) -> Option<usize> {
        let col = ((p.x - self.x0) / CELL).floor();
        let row = ((p.y - self.y0) / CELL).floor();
        let inside =
            col >= 0.0 && row >= 0.0 && (col as usize) < self.cols && (row as usize) < self.rows;
        inside.then(|| row as usize * self.cols + col as usize)
    }

    fn centre(&self, cell: usize) -> Point {
        Point {
            x: self.x0 + ((cell % self.cols) as f64 + 0.5) * CELL,
            y: self.y0 + ((cell / self.cols) as f64 + 0.5) * CELL,
        }
    }

    /// Cheapest path from `start` to `end` (both may be blocked: they sit just off the cards'
    /// edges), with a cost per step and per turn.
    fn search(&self, start: usize, end: usize, scratch: &mut Scratch) -> Option<Vec<usize>> {
        // States are (cell, direction): 0 right, 1 left, 2 down, 3 up.
        let n = self.cols * self.rows;
        scratch.cost.clear();
        scratch.cost.resize(n * 4, u32::MAX);
        scratch.came.clear();
        scratch.came.resize(n * 4, u32::MAX);
        scratch.clear_open();
        let first = self.estimate(start, end);
        for d in 0..4 {
            scratch.cost[start * 4 + d] = 0;
            scratch.push(first, 0, (start * 4 + d) as u32);
        }
        let mut at = first as usize;
        while let Some((g, state)) = scratch.pop(&mut at) {
            let state = state as usize;
            if g > scratch.cost[state] {
                continue;
            }
            let (cell, dir) = (state / 4, state % 4);
            if cell == end {
                return Some(self.walk_back(&scratch.came, state));
            }
            for (d, next) in self.neighbours(cell) {
                if self.blocked[next] && next != end {
                    continue;
                }
                let step = g + 1 + if d == dir { 0 } else { TURN };
                let s = next * 4 + d;
                if step < scratch.cost[s] {
                    scratch.cost[s] = step;
                    scratch.came[s] = state as u32;
                    scratch.push(step + self.estimate(next, end), step, s as u32);
                }
            }
        }
        None
    }

    fn estimate(&self, a: usize, b: usize) -> u32 {
        let (ac, ar) = ((a % self.cols) as i64, (a / self.cols) as i64);
        let (bc, br) = ((b % self.cols) as i64, (b / self.cols) as i64);
        ((ac - bc).abs() + (ar - br).abs()) as u32
    }

    fn neighbours(&self, cell: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let (col, row) = (cell % self.cols, cell / self.cols);
        [
            (0, (col + 1 < self.cols).then(|| cell + 1)),
            (1, (col > 0).then(|| cell - 1)),
            (2, (row + 1 < self.rows).then(|| cell + self.cols)),
            (3, (row > 0).then(|| cell - self.cols)),
        ]
        .into_iter()
        .filter_map(|(d, next)| next.map(|n| (d, n)))
    }

    fn walk_back(&self, came: &[u32], mut state: usize) -> Vec<usize> {
        let mut cells = vec![state / 4];
        while came[state] != u32::MAX {
            state = came[state] as usize;
            cells.push(state / 4);
        }
        cells.reverse();
        cells.dedup();
        cells
    }
}

/// The most lanes a channel is split into.
const MAX_LANES: usize = 7;

/// Spreads lines that run along the same channel a little apart (by `gap`, alternately to
/// either side), so that each can be followed: where straight runs of different lines lie on
/// the same row or column and overlap, all but the first move to a lane of their own.
pub fn separate(paths: &mut [Vec<Point>], gap: f64) {
    // Horizontal runs, then vertical ones, twice: moving runs of one axis lengthens or
    // shortens runs of the other, which can make them meet.
    for horizontal in [true, false, true, false] {
        let across = |p: &Point| if horizontal { p.y } else { p.x };
        let along = |p: &Point| if horizontal { p.x } else { p.y };
        // (row, start, end, path, first point of the run)
        let mut runs: Vec<(f64, f64, f64, usize, usize)> = Vec::new();
        for (n, path) in paths.iter().enumerate() {
            for i in 0..path.len().saturating_sub(1) {
                let (a, b) = (&path[i], &path[i + 1]);
                if (across(a) - across(b)).abs() < 1e-9 && (along(a) - along(b)).abs() > 1e-9 {
                    runs.push((
                        across(a),
                        along(a).min(along(b)),
                        along(a).max(along(b)),
                        n,
                        i,
                    ));
                }
            }
        }
        runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // Runs placed so far, by row (in half units): a run takes the nearest lane, to
        // either side, where no other line's run overlaps it, so a run never moves into a
        // row another line already uses there.
        type Placed = rustc_hash::FxHashMap<i64, Vec<(f64, f64, f64, usize)>>;
        let mut placed: Placed = rustc_hash::FxHashMap::default();
        let key = |row: f64| (row * 2.0).round() as i64;
        for (row, from, to, n, i) in runs {
            let clashes = |placed: &Placed, y: f64| {
                (key(y) - 1..=key(y) + 1).any(|k| {
                    placed.get(&k).is_some_and(|list| {
                        list.iter().any(|&(at, a, b, m)| {
                            m != n && (at - y).abs() < 0.5 && a < to - 1.0 && from < b - 1.0
                        })
                    })
                })
            };
            let lane = (0..MAX_LANES).find(|&lane| {
                let side = if lane % 2 == 1 { 1.0 } else { -1.0 };
                !clashes(&placed, row + side * gap * lane.div_ceil(2) as f64)
            });
            let Some(lane) = lane else {
                placed.entry(key(row)).or_default().push((row, from, to, n));
                continue;
            };
            let side = if lane % 2 == 1 { 1.0 } else { -1.0 };
            let shift = side * gap * lane.div_ceil(2) as f64;
            placed
                .entry(key(row + shift))
                .or_default()
                .push((row + shift, from, to, n));
            if lane > 0 {
                for p in &mut paths[n][i..=i + 1] {
                    if horizontal {
                        p.y += shift;
                    } else {
                        p.x += shift;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn lines_are_routed_as_if_every_card_were_looked_at(
            cells in proptest::collection::vec((0u8..40, 0u8..12, 60.0..220.0f64, 30.0..90.0f64), 2..160),
            pairs in proptest::collection::vec((0usize..1000, 0usize..1000), 1..30),
        ) {
            // Cards on a loose grid, some overlapping; lines between random pairs.
            let cards: Vec<Rect> = (cells.iter())
                .map(|&(c, r, w, h)| Rect { x: f64::from(c) * 150.0, y: f64::from(r) * 120.0, w, h })
                .collect();
            let binned = Bins::new(&cards);
            let everything = Bins::one_cell(&cards);
            let mut fast = Router::with_bins(&cards, &binned, (0.0, 0.0), 200_000);
            let mut slow = Router::with_bins(&cards, &everything, (0.0, 0.0), 200_000);
            for (a, b) in pairs {
                let (a, b) = (&cards[a % cards.len()], &cards[b % cards.len()]);
                proptest::prop_assert_eq!(fast.route(a, b), slow.route(a, b));
                proptest::prop_assert_eq!(fast.drop_line(a, b), slow.drop_line(a, b));
            }
        }
    }

    #[test]
    fn a_router_finds_cards_where_their_bins_are_shifted_from_them() {
        // An arrangement's bins are in its own units; the picture draws the boxes moved.
        let boxes: Vec<Rect> = (0..50)
            .map(|i| Rect {
                x: f64::from(i % 10) * 150.0,
                y: f64::from(i / 10) * 120.0,
                w: 100.0,
                h: 60.0,
            })
            .collect();
        let bins = Bins::new(&boxes);
        let placed: Vec<Rect> = boxes.iter().map(|r| r.moved(1040.0, 790.0)).collect();
        let mut shifted = Router::with_bins(&placed, &bins, (1040.0, 790.0), 200_000);
        let mut own = Router::new(&placed, 200_000);
        let mut detours = 0;
        for (a, b) in [(0, 9), (0, 49), (3, 27), (45, 4), (12, 18), (20, 29)] {
            let line = shifted.route(&placed[a], &placed[b]);
            assert_eq!(line, own.route(&placed[a], &placed[b]));
            detours += usize::from(line.len() > 4);
        }
        assert!(
            detours >= 2,
            "lines across a row go round the cards between"
        );
    }

    fn path(points: &[(f64, f64)]) -> Vec<Point> {
        points.iter().map(|&(x, y)| Point { x, y }).collect()
    }

    #[test]
    fn runs_moved_into_another_row_are_separated_there_too() {
        let mut paths = vec![
            path(&[
                (250.0, 487.0),
                (242.0, 487.0),
                (242.0, 759.0),
                (269.0, 759.0),
                (269.0, 809.0),
            ]),
            path(&[
                (512.0, 487.0),
                (504.0, 487.0),
                (504.0, 759.0),
                (272.0, 759.0),
                (272.0, 807.0),
            ]),
            path(&[
                (754.0, 487.0),
                (746.0, 487.0),
                (746.0, 759.0),
                (266.0, 759.0),
                (266.0, 806.0),
            ]),
        ];
        separate(&mut paths, 3.0);
        // The second and third overlap along their rows, so they end up in different rows;
        // the first and second do not overlap and may share one.
        let rows: Vec<f64> = paths.iter().map(|p| p[3].y).collect();
        assert!((rows[1] - rows[2]).abs() > 0.5, "{rows:?}");
        assert!((rows[0] - rows[2]).abs() > 0.5, "{rows:?}");
    }
}
