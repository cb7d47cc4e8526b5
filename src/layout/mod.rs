//! Positions for the posts of a snapshot: a tidy tree on the primary reporting lines, with
//! variable box sizes, wide levels of leaf reports wrapped into columns, subtrees too wide
//! for the target shape stacked in rows, collapsed subtrees drawn as one box, and every
//! organisation's posts in a labelled container. Pure functions of their inputs; no drawing
//! library is involved.

mod arrange;
mod bins;
mod blocks;
mod card;
mod forest;
mod groups;
mod tidy;
mod tree;
mod verify;

pub use arrange::{Arrangement, Container, Groups, LABEL, PAD, Placed, arrange, bounds};
pub use bins::Bins;
pub use blocks::{Blocks, Link, blocks};
pub use card::{Card, CardStyle, Occupancy, card, card_title, card_titled, cards, title_lines};
pub use forest::{Forest, NONE};
pub use groups::groups;
pub use tidy::{Point, Size, Spacing, tidy};
pub use tree::{Tree, organisations};
pub use verify::{Violation, verify};

/// A placed box in chart units (y grows downwards).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Horizontal centre.
    pub fn centre_x(&self) -> f64 {
        self.x + self.w / 2.0
    }

    /// Whether the two boxes share some area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The box moved by `dx` across and `dy` down.
    pub fn moved(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..*self
        }
    }
}

/// How a layout spaces and arranges boxes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Gaps between boxes.
    pub spacing: Spacing,
    /// A post with at least this many reports that have no reports of their own shows them
    /// in columns rather than in one wide row.
    pub wrap_from: usize,
    /// The shape [`arrange`] aims for, width over height (16:10 unless a page or a window
    /// says otherwise); not a positive number for no aim.
    pub aspect: f64,
    /// Room the picture adds around the arrangement (margins, title, legend), counted in
    /// its shape.
    pub around: Size,
    /// How many threads a large forest's layout may share its work between (forests under
    /// 80,000 nodes use one); the boxes are the same however many.
    pub threads: usize,
}

/// The machine's cores, up to four, asked of the system once (it reads files to answer).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)))
}

impl Default for Options {
    fn default() -> Self {
        Options {
            spacing: Spacing {
                sibling: 20.0,
                level: 34.0,
            },
            wrap_from: 6,
            aspect: 1.6,
            around: Size { w: 0.0, h: 0.0 },
            threads: cores(),
        }
    }
}

/// Lays out a forest of boxes: one rectangle per node.
///
/// ```
/// use govchart::layout::{Forest, NONE, Options, Size, layout, verify};
///
/// // A manager with two reports, and a separate root.
/// let forest = Forest::from_parents(vec![NONE, 0, 0, NONE]);
/// let sizes = vec![Size { w: 100.0, h: 40.0 }; 4];
/// let boxes = layout(&forest, &sizes, &Options::default());
/// assert!(verify(&forest, &boxes).is_empty());
/// // The manager is centred over its reports.
/// let middle = (boxes[1].centre_x() + boxes[2].centre_x()) / 2.0;
/// assert!((boxes[0].centre_x() - middle).abs() < 1e-9);
/// ```
pub fn layout(forest: &Forest, sizes: &[Size], options: &Options) -> Vec<Rect> {
    let rects = tidy::tidy_rects(forest, sizes, options);
    debug_assert!(
        rects.len() > 20_000 || verify(forest, &rects).is_empty(),
        "layout invariants: {:?}",
        verify(forest, &rects).first()
    );
    rects
}

/// The forest to lay out: where a node has `from` or more children that are leaves, they
/// are chained into `ceil(sqrt(n))` columns (each leaf hangs under the one a row above it),
/// so the tidy tree stacks them instead of spreading them out in one row. Roots that stand
/// alone are wrapped the same way.
pub fn wrap_leaves(forest: &Forest, from: usize) -> Forest {
    Forest::from_parents(wrapped_parents(forest, from))
}

/// The parent of each node in [`wrap_leaves`]'s forest.
pub(crate) fn wrapped_parents(forest: &Forest, from: usize) -> Vec<u32> {
    let mut parent = forest.parent().to_vec();
    let mut leaves = Vec::new();
    let is_leaf = |c: &u32| forest.is_leaf(*c);
    for node in 0..forest.len() as u32 {
        leaves.clear();
        leaves.extend(forest.children_of(node).iter().copied().filter(is_leaf));
        chain_into_columns(&leaves, from, &mut parent);
    }
    leaves.clear();
    leaves.extend(forest.roots().iter().copied().filter(is_leaf));
    chain_into_columns(&leaves, from, &mut parent);
    parent
}

/// Hangs each of `leaves` under the one `ceil(sqrt(n))` places before it, if there are at
/// least `from` of them.
fn chain_into_columns(leaves: &[u32], from: usize, parent: &mut [u32]) {
    if leaves.len() < from.max(2) {
        return;
    }
    let columns = (leaves.len() as f64).sqrt().ceil() as usize;
    for j in columns..leaves.len() {
        parent[leaves[j] as usize] = leaves[j - columns];
    }
}
