//! The non-layered tidy tree (van der Ploeg, "Drawing non-layered tidy trees in linear
//! time", 2014): parents centred over their children, subtrees packed as closely as their
//! contours allow whatever the heights of the boxes, in linear time.
//!
//! The nodes are numbered again in depth-first order (parents before children, each
//! subtree a contiguous run), so a node's first child is the next node, its siblings follow
//! its subtree, and both walks are plain loops over the numbers: no tree depth can overflow
//! a stack, and the walks read memory in order. The state a walk along a contour reads sits
//! together in one record per node.

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};

use crate::layout::forest::{Forest, NONE};
use crate::layout::{Options, Rect};

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
    /// The x of the node relative to its parent's.
    prelim: f64,
    /// The shift the node passes on to its subtree.
    modifier: f64,
    /// The share of its siblings' moves the node takes on, added with its modifier.
    spread: f64,
    /// The width of the box with the gap beside it.
    w: f64,
    /// The bottom of the box with the gap below it.
    bottom: f64,
    /// How many nodes the subtree holds, the node included.
    size: u32,
    /// The next nodes on the left and right contours: the first and last child, or for a
    /// leaf the threads to the nodes below it (or [`NONE`]).
    tl: u32,
    tr: u32,
}

/// What a placed subtree tells its parent, kept only until the parent is placed.
#[derive(Clone, Copy, Debug, Default)]
struct Summary {
    /// The subtree's root.
    at: u32,
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
    /// The node's number and depth (the virtual root's is 0).
    at: u32,
    depth: u32,
    /// The bottom of the node's box, with the gap below it.
    bottom: f64,
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

/// The lists a walk works with, kept between layouts.
#[derive(Default)]
struct Lists {
    leaves: Vec<u32>,
    summaries: Vec<Summary>,
    visible: Vec<Visible>,
}

/// The working memory, kept from one layout to the next on the same thread: a window lays
/// out the same chart many times (once for each width it tries, again when the date
/// moves), and memory fresh from the system costs more to touch than the walks themselves.
#[derive(Default)]
struct Scratch {
    /// The number of each node.
    number: Vec<AtomicU32>,
    nodes: Vec<Node>,
    /// The left and top of each node's box, by number, from the second walk: kept apart
    /// from the records (16 bytes a node against 56), so the boxes are gathered from a
    /// list under a third of their size.
    xy: Vec<[f64; 2]>,
    lists: Lists,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Forests of fewer nodes are laid out on one thread: below this, starting threads costs
/// more than sharing the work saves.
const PARALLEL_FROM: usize = 80_000;

/// The most threads a layout shares its work between.
const MOST_THREADS: usize = 4;

/// What every walk reads.
struct Ctx<'f> {
    forest: &'f Forest,
    sizes: &'f [Size],
    spacing: Spacing,
    wrap_from: usize,
    number: &'f [AtomicU32],
}

/// The records of numbers `base..base + nodes.len()`, and where their boxes go.
struct Part<'a> {
    nodes: &'a mut [Node],
    xy: &'a mut [[f64; 2]],
    base: u32,
}

impl std::ops::Index<u32> for Part<'_> {
    type Output = Node;
    fn index(&self, v: u32) -> &Node {
        &self.nodes[(v - self.base) as usize]
    }
}

impl std::ops::IndexMut<u32> for Part<'_> {
    fn index_mut(&mut self, v: u32) -> &mut Node {
        &mut self.nodes[(v - self.base) as usize]
    }
}

/// A subtree laid out on its own (by any thread) before the nodes above it: its root, its
/// numbers, the bottom of the box above it, and what it tells its parent.
#[derive(Clone, Copy, Debug)]
struct Task {
    root: u32,
    base: u32,
    size: u32,
    above: f64,
    summary: Summary,
    /// After the first walk of the nodes above: the sum of the modifiers down to the root.
    modsum: f64,
}

/// Lays out a forest: each root's tree tidily, the trees side by side in root order, tops
/// aligned at `y = 0`. Returns the top-left corner of each node's box.
pub fn tidy(forest: &Forest, sizes: &[Size], spacing: Spacing) -> Vec<Point> {
    let options = crate::layout::Options {
        spacing,
        wrap_from: usize::MAX,
        ..crate::layout::Options::default()
    };
    (tidy_rects(forest, sizes, &options).iter())
        .map(|r| Point { x: r.x, y: r.y })
        .collect()
}

/// [`tidy`] as boxes, with the leaf reports of a node that has `wrap_from` or more of them
/// (and roots that stand alone, as many) chained into `ceil(sqrt(n))` columns: each such
/// leaf hangs under the one a row above it, so the tree stacks them rather than spreading
/// them out in one row.
///
/// Large forests are shared between threads: the subtrees below a level with enough of
/// them are laid out side by side, then the nodes above them. The boxes are the same
/// either way.
pub(crate) fn tidy_rects(forest: &Forest, sizes: &[Size], options: &Options) -> Vec<Rect> {
    if forest.is_empty() {
        return Vec::new();
    }
    let (spacing, wrap_from) = (options.spacing, options.wrap_from);
    let threads = if forest.len() < PARALLEL_FROM {
        1
    } else {
        options.threads.clamp(1, MOST_THREADS)
    };
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut scratch) => place(&mut scratch, forest, sizes, spacing, wrap_from, threads),
        Err(_) => place(
            &mut Scratch::default(),
            forest,
            sizes,
            spacing,
            wrap_from,
            threads,
        ),
    })
}

fn place(
    scratch: &mut Scratch,
    forest: &Forest,
    sizes: &[Size],
    spacing: Spacing,
    wrap_from: usize,
    threads: usize,
) -> Vec<Rect> {
    let n = forest.len();
    let Scratch {
        number,
        nodes,
        xy,
        lists,
    } = scratch;
    // Every record and number is written before it is read, so what is left from the
    // last layout can stay.
    number.truncate(n);
    number.resize_with(n, || AtomicU32::new(NONE));
    nodes.truncate(n + 1);
    nodes.resize(n + 1, Node::default());
    xy.truncate(n + 1);
    xy.resize(n + 1, [0.0; 2]);
    let ctx = Ctx {
        forest,
        sizes,
        spacing,
        wrap_from,
        number,
    };
    let mut tasks = if threads > 1 {
        tasks(&ctx, threads)
    } else {
        None
    };
    let Some((depth, tasks)) = tasks.as_mut() else {
        return one_thread(&ctx, nodes, xy, lists);
    };
    // The subtrees, shared between the threads, then the nodes above them.
    let groups = share(tasks, threads);
    let summaries: Option<Vec<(usize, Summary)>> = {
        let work = grouped(nodes, xy, tasks, &groups);
        let (tasks, ctx) = (&*tasks, &ctx);
        let run = move |work: Vec<(usize, Part)>, lists: &mut Lists| {
            (work.into_iter())
                .map(|(i, mut part)| (i, walk(ctx, &mut part, lists, Some(Start::Task(&tasks[i])))))
                .collect::<Vec<_>>()
        };
        std::thread::scope(|scope| {
            let mut work = work.into_iter();
            let own = work.next().unwrap_or_default();
            let helpers: Vec<_> = (work)
                .map(|w| scope.spawn(move || run(w, &mut Lists::default())))
                .collect();
            let mut done = run(own, lists);
            for helper in helpers {
                done.extend(helper.join().ok()?);
            }
            Some(done)
        })
    };
    let Some(summaries) = summaries else {
        return one_thread(&ctx, nodes, xy, lists);
    };
    for (i, summary) in summaries {
        tasks[i].summary = summary;
    }
    let mut whole = Part {
        nodes: nodes.as_mut_slice(),
        xy: xy.as_mut_slice(),
        base: 0,
    };
    walk(&ctx, &mut whole, lists, Some(Start::Above(*depth, tasks)));
    let top_left = settle(&mut whole, tasks, spacing);
    // The subtrees' boxes, side by side again.
    let left: Option<f64> = {
        let work = grouped(nodes, xy, tasks, &groups);
        let tasks = &*tasks;
        let run = move |work: Vec<(usize, Part)>| {
            (work.into_iter())
                .map(|(i, mut part)| settle_task(&mut part, &tasks[i], spacing))
                .fold(f64::INFINITY, f64::min)
        };
        std::thread::scope(|scope| {
            let mut work = work.into_iter();
            let own = work.next().unwrap_or_default();
            let helpers: Vec<_> = work.map(|w| scope.spawn(move || run(w))).collect();
            let mut left = run(own).min(top_left);
            for helper in helpers {
                left = left.min(helper.join().ok()?);
            }
            Some(left)
        })
    };
    match left {
        Some(left) => boxes(&ctx, xy, left, threads),
        None => one_thread(&ctx, nodes, xy, lists),
    }
}

/// The whole layout on this thread (when the forest is small, or a thread failed).
fn one_thread(ctx: &Ctx, nodes: &mut [Node], xy: &mut [[f64; 2]], lists: &mut Lists) -> Vec<Rect> {
    let mut whole = Part { nodes, xy, base: 0 };
    walk(ctx, &mut whole, lists, None);
    let left = settle(&mut whole, &mut [], ctx.spacing);
    boxes(ctx, whole.xy, left, 1)
}

/// Each group's tasks with their records, cut from `nodes` and `xy`.
fn grouped<'a>(
    nodes: &'a mut [Node],
    xy: &'a mut [[f64; 2]],
    tasks: &[Task],
    groups: &[Vec<usize>],
) -> Vec<Vec<(usize, Part<'a>)>> {
    let mut parts = parts(nodes, xy, tasks);
    (groups.iter())
        .map(|members| {
            (members.iter())
                .filter_map(|&i| Some((i, parts.get_mut(i)?.take()?)))
                .collect()
        })
        .collect()
}

/// Where a walk starts: the virtual root and every node (`None`), a task's subtree, or the
/// virtual root and the nodes above the tasks, which are met at `depth` and already placed.
enum Start<'t> {
    Task(&'t Task),
    Above(u32, &'t [Task]),
}

/// The subtrees to share between threads: the nodes with reports at the first depth that
/// has enough of them, in the order a depth-first walk meets them, each with its size.
/// `None` when the forest is too deep and narrow to share.
fn tasks(ctx: &Ctx, threads: usize) -> Option<(u32, Vec<Task>)> {
    let forest = ctx.forest;
    let is_leaf = |c: u32| forest.is_leaf(c);
    let mut level: Vec<u32> = forest.roots().to_vec();
    let mut depth = 1u32;
    let roots: Vec<u32> = loop {
        let inner: Vec<u32> = level.iter().copied().filter(|&c| !is_leaf(c)).collect();
        if inner.len() >= 8 * threads {
            break inner;
        }
        if inner.is_empty() || depth >= 64 {
            return None;
        }
        level = inner
            .iter()
            .flat_map(|&v| forest.children_of(v).iter().copied())
            .collect();
        depth += 1;
    };
    // Sizes, counted on the threads too.
    let chunk = roots.len().div_ceil(threads);
    let count = |roots: &[u32]| -> Vec<u32> {
        let mut stack = Vec::new();
        (roots.iter())
            .map(|&r| {
                // Leaves are counted where they are met: only the nodes with reports of
                // their own are kept to visit.
                let mut size = 1u32;
                stack.push(r);
                while let Some(v) = stack.pop() {
                    let children = forest.children_of(v);
                    size += children.len() as u32;
                    stack.extend(children.iter().copied().filter(|&c| !is_leaf(c)));
                }
                size
            })
            .collect()
    };
    let sizes: Vec<u32> = std::thread::scope(|scope| {
        let mut chunks = roots.chunks(chunk);
        let own = chunks.next().unwrap_or_default();
        let helpers: Vec<_> = chunks.map(|c| scope.spawn(move || count(c))).collect();
        let mut sizes = count(own);
        for helper in helpers {
            sizes.extend(helper.join().unwrap_or_default());
        }
        sizes
    });
    if sizes.len() != roots.len() {
        return None;
    }
    let mut tasks: Vec<Task> = (roots.iter().zip(&sizes))
        .map(|(&root, &size)| Task {
            root,
            base: 0,
            size,
            above: 0.0,
            summary: Summary::default(),
            modsum: 0.0,
        })
        .collect();
    number_above(ctx, depth, &mut tasks);
    Some((depth, tasks))
}

/// Gives each task its first number and the bottom of the box above it, by numbering the
/// nodes above them as [`walk`] will.
fn number_above(ctx: &Ctx, depth: u32, tasks: &mut [Task]) {
    let (forest, sizes, spacing) = (ctx.forest, ctx.sizes, ctx.spacing);
    let is_leaf = |c: u32| forest.is_leaf(c);
    let mut leaves = Vec::new();
    let mut next = 1u32;
    let mut cursor = 0;
    let mut stack = vec![family(ctx, 0, 0, 0.0, forest.roots(), &mut leaves)];
    while let Some(frame) = stack.last_mut() {
        let Some(&child) = frame.children.get(frame.next) else {
            leaves.truncate(frame.leaves);
            stack.pop();
            continue;
        };
        frame.next += 1;
        let leaf = is_leaf(child);
        if leaf && frame.columns > 0 {
            let rank = frame.met;
            frame.met += 1;
            if rank < frame.columns {
                let column = (leaves.len() - frame.leaves - rank).div_ceil(frame.columns);
                next += column as u32;
            }
            continue;
        }
        if leaf {
            next += 1;
        } else if frame.depth + 1 == depth {
            if let Some(task) = tasks.get_mut(cursor) {
                task.base = next;
                task.above = frame.bottom;
                next += task.size;
            }
            cursor += 1;
        } else {
            let bottom = frame.bottom + (sizes[child as usize].h + spacing.level);
            let (at, d) = (next, frame.depth + 1);
            next += 1;
            let children = forest.children_of(child);
            stack.push(family(ctx, at, d, bottom, children, &mut leaves));
        }
    }
}

/// The tasks shared between `threads` groups of about the same size, largest first.
fn share(tasks: &[Task], threads: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(tasks[i].size));
    let mut groups: Vec<(u64, Vec<usize>)> = vec![(0, Vec::new()); threads];
    for i in order {
        if let Some(group) = groups.iter_mut().min_by_key(|g| g.0) {
            group.0 += u64::from(tasks[i].size);
            group.1.push(i);
        }
    }
    groups.into_iter().map(|g| g.1).collect()
}

/// Each task's records, cut from `nodes`.
fn parts<'a>(
    nodes: &'a mut [Node],
    xy: &'a mut [[f64; 2]],
    tasks: &[Task],
) -> Vec<Option<Part<'a>>> {
    let (mut rest, mut rest_xy) = (nodes, xy);
    let mut at = 0u32;
    let mut parts = Vec::with_capacity(tasks.len());
    for task in tasks {
        let (skip, size) = ((task.base - at) as usize, task.size as usize);
        let (_, tail) = std::mem::take(&mut rest).split_at_mut(skip);
        let (mine, tail) = tail.split_at_mut(size);
        rest = tail;
        let (_, tail) = std::mem::take(&mut rest_xy).split_at_mut(skip);
        let (mine_xy, tail) = tail.split_at_mut(size);
        rest_xy = tail;
        at = task.base + task.size;
        parts.push(Some(Part {
            nodes: mine,
            xy: mine_xy,
            base: task.base,
        }));
    }
    parts
}

/// Numbers the nodes depth first and places each node's children side by side and the
/// node over them as soon as its subtree is numbered. From the virtual root (number 0, of
/// no size, holding the real roots side by side) unless `start` says otherwise. Returns
/// the summary of the subtree walked.
fn walk(ctx: &Ctx, part: &mut Part, lists: &mut Lists, start: Option<Start>) -> Summary {
    let (forest, sizes, spacing, number) = (ctx.forest, ctx.sizes, ctx.spacing, ctx.number);
    let Lists {
        leaves,
        summaries,
        visible,
    } = lists;
    leaves.clear();
    summaries.clear();
    let is_leaf = |c: u32| forest.is_leaf(c);
    let (mut stack, mut next, cut) = match start {
        Some(Start::Task(task)) => {
            let root = task.root;
            number[root as usize].store(task.base, Relaxed);
            part[task.base] = record(task.above, sizes[root as usize], spacing);
            let bottom = part[task.base].bottom;
            let children = forest.children_of(root);
            let frame = family(ctx, task.base, 0, bottom, children, leaves);
            (vec![frame], task.base + 1, None)
        }
        other => {
            part[0] = Node {
                tl: NONE,
                tr: NONE,
                ..Node::default()
            };
            let cut = match other {
                Some(Start::Above(depth, tasks)) => Some((depth, tasks, 0usize)),
                _ => None,
            };
            (vec![family(ctx, 0, 0, 0.0, forest.roots(), leaves)], 1, cut)
        }
    };
    let mut cut = cut;
    while let Some(frame) = stack.last_mut() {
        let Some(&child) = frame.children.get(frame.next) else {
            let (at, kids) = (frame.at, frame.kids);
            part[at].size = next - at;
            leaves.truncate(frame.leaves);
            stack.pop();
            if kids == 0 {
                summaries.push(leaf_summary(at));
            } else {
                place_family(part, summaries, visible, at, kids);
            }
            continue;
        };
        frame.next += 1;
        let parent = frame.at;
        let leaf = is_leaf(child);
        let column = leaf && frame.columns > 0;
        if column {
            // A leaf at the head of a column brings its column down with it, each leaf
            // below the one a row above; the other leaves are met in their columns.
            frame.met += 1;
            if frame.met > frame.columns {
                continue;
            }
        }
        frame.kids += 1;
        if frame.kids == 1 {
            part[parent].tl = next;
        }
        part[parent].tr = next;
        if column {
            let rank = frame.met - 1;
            let column = (leaves[frame.leaves..].iter().skip(rank)).step_by(frame.columns);
            let top = next;
            let mut above = parent;
            for &node in column {
                number[node as usize].store(next, Relaxed);
                part[next] = record(part[above].bottom, sizes[node as usize], spacing);
                above = next;
                next += 1;
            }
            // From the foot of the column up, each leaf over the one below it.
            summaries.push(leaf_summary(next - 1));
            part[next - 1].size = 1;
            for at in (top..next - 1).rev() {
                let node = &mut part[at];
                (node.size, node.tl, node.tr) = (next - at, at + 1, at + 1);
                place_family(part, summaries, visible, at, 1);
            }
            continue;
        }
        if let Some((depth, tasks, cursor)) = cut.as_mut()
            && !leaf
            && frame.depth + 1 == *depth
        {
            // A subtree placed already.
            if let Some(task) = tasks.get(*cursor) {
                debug_assert_eq!((task.root, task.base), (child, next));
                next += task.size;
                summaries.push(task.summary);
            }
            *cursor += 1;
            continue;
        }
        number[child as usize].store(next, Relaxed);
        let mut made = record(part[parent].bottom, sizes[child as usize], spacing);
        let at = next;
        next += 1;
        if leaf {
            made.size = 1;
            part[at] = made;
            summaries.push(leaf_summary(at));
        } else {
            let bottom = made.bottom;
            part[at] = made;
            let children = forest.children_of(child);
            if let Some(summary) = leaf_family(ctx, part, at, children) {
                next += children.len() as u32;
                summaries.push(summary);
                continue;
            }
            let depth = frame.depth + 1;
            stack.push(family(ctx, at, depth, bottom, children, leaves));
        }
    }
    summaries.pop().unwrap_or_default()
}

/// Numbers and places the reports of node `t` (numbered already, its reports to follow it)
/// at once when they are all leaves of one height, in a row or wrapped into columns, and
/// returns `t`'s summary; `None` for any other family. The walks above place such a family
/// with most of their steps known in advance (see [`leaf_row`] and [`leaf_columns`]); these
/// make the same sums in the same order, so the boxes are the same to the bit.
fn leaf_family(ctx: &Ctx, part: &mut Part, t: u32, children: &[u32]) -> Option<Summary> {
    let (forest, sizes, spacing) = (ctx.forest, ctx.sizes, ctx.spacing);
    let (&head, _) = children.split_first()?;
    // What a record adds to the bottom of the box above: every row then has one bottom.
    let step = sizes[head as usize].h + spacing.level;
    let even = |c: u32| forest.is_leaf(c) && sizes[c as usize].h + spacing.level == step;
    if !children.iter().all(|&c| even(c)) {
        return None;
    }
    if children.len() < ctx.wrap_from.max(2) {
        Some(leaf_row(ctx, part, t, children))
    } else {
        Some(leaf_columns(ctx, part, t, children))
    }
}

/// A row of leaves of one height: each goes beside the one before by that one's width (no
/// contour reaches below either), and no move is spread over others.
fn leaf_row(ctx: &Ctx, part: &mut Part, t: u32, children: &[u32]) -> Summary {
    let (sizes, spacing) = (ctx.sizes, ctx.spacing);
    let above = part[t].bottom;
    let first = t + 1;
    let (mut at, mut modifier, mut before) = (first, 0.0, 0.0);
    for &c in children {
        ctx.number[c as usize].store(at, Relaxed);
        let mut node = record(above, sizes[c as usize], spacing);
        node.size = 1;
        if at > first {
            // The distance `separate` finds between the right of the leaf before and the
            // left of this one, both with no prelim.
            let dist = ((modifier + 0.0) + before) - (0.0 + 0.0);
            modifier = if dist > 0.0 { 0.0 + dist } else { 0.0 };
            node.modifier = modifier;
        }
        before = node.w;
        part[at] = node;
        at += 1;
    }
    let last = at - 1;
    let span_right = (modifier + 0.0) + before;
    let node = &mut part[t];
    (node.size, node.tl, node.tr) = (at - t, first, last);
    node.prelim = ((0.0 + 0.0) + span_right) / 2.0 - node.w / 2.0;
    Summary {
        at: t,
        el: first,
        er: last,
        mser: modifier,
        ..Summary::default()
    }
}

/// Leaves of one height wrapped into columns, each column a chain numbered from its head
/// down and placed from its foot up, then set beside the columns before it. The columns
/// hold one or two numbers of leaves, the longer first, and every row has one bottom, so
/// the contours are walked a row at a time on both sides: no column's left contour outlasts
/// the right contour before it, a shorter column's foot is threaded to the foot of the
/// last long one, every extreme node on the right is as deep as the first column, and so
/// no move is ever spread over the columns between.
fn leaf_columns(ctx: &Ctx, part: &mut Part, t: u32, children: &[u32]) -> Summary {
    let (sizes, spacing) = (ctx.sizes, ctx.spacing);
    let n = children.len();
    let columns = (n as f64).sqrt().ceil() as usize;
    let first = t + 1;
    let mut at = first;
    // The column before: its head, and the extreme node on the right of the columns so
    // far with the sum of the modifiers down to it.
    let (mut previous, mut er, mut mser) = (NONE, NONE, 0.0);
    for rank in 0..columns.min(n) {
        let top = at;
        let mut above = part[t].bottom;
        for &c in children[rank..].iter().step_by(columns) {
            ctx.number[c as usize].store(at, Relaxed);
            let node = record(above, sizes[c as usize], spacing);
            above = node.bottom;
            part[at] = node;
            at += 1;
        }
        let foot = at - 1;
        part[foot].size = 1;
        for k in (top..foot).rev() {
            let c = part[k + 1];
            let span_left = c.prelim + c.modifier;
            let span_right = c.modifier + c.prelim + c.w;
            let node = &mut part[k];
            (node.size, node.tl, node.tr) = (at - k, k + 1, k + 1);
            node.prelim = (span_left + span_right) / 2.0 - node.w / 2.0;
        }
        if previous == NONE {
            (previous, er) = (top, foot);
            continue;
        }
        // `separate`, a row at a time.
        let (mut sr, mut cl) = (previous, top);
        let (mut mssr, mut mscl) = (part[sr].modifier, part[cl].modifier);
        let mut moved = 0.0;
        while sr != NONE && cl != NONE {
            let (s, c) = (part[sr], part[cl]);
            let dist = (mssr + s.prelim + s.w) - (mscl + c.prelim);
            if dist > 0.0 {
                mscl += dist;
                part[top].modifier += dist;
                moved += dist;
            }
            let (sy, cy) = (s.bottom, c.bottom);
            if sy <= cy {
                sr = part[sr].tr;
                if sr != NONE {
                    mssr += part[sr].modifier;
                }
            }
            if sy >= cy {
                cl = part[cl].tl;
                if cl != NONE {
                    mscl += part[cl].modifier;
                }
            }
        }
        debug_assert!(
            sr != NONE || cl == NONE,
            "a column outlasts the ones before"
        );
        if sr != NONE && cl == NONE {
            // The right thread, from this column's foot.
            part[foot].tr = sr;
            let diff = (mssr - part[sr].modifier) - moved;
            part[foot].modifier += diff;
            part[foot].prelim -= diff;
        } else {
            (er, mser) = (foot, moved);
        }
        previous = top;
    }
    let (f, l) = (part[first], part[previous]);
    let span_left = f.prelim + f.modifier;
    let span_right = l.modifier + l.prelim + l.w;
    let node = &mut part[t];
    (node.size, node.tl, node.tr) = (at - t, first, previous);
    node.prelim = (span_left + span_right) / 2.0 - node.w / 2.0;
    Summary {
        at: t,
        el: first + (n.div_ceil(columns) as u32 - 1),
        er,
        mser,
        ..Summary::default()
    }
}

/// The frame for numbering the children of node `at`: where its leaves wrap into columns,
/// they are listed at the end of `leaves`.
fn family<'f>(
    ctx: &Ctx<'f>,
    at: u32,
    depth: u32,
    bottom: f64,
    children: &'f [u32],
    leaves: &mut Vec<u32>,
) -> Frame<'f> {
    let forest = ctx.forest;
    let is_leaf = |c: u32| forest.is_leaf(c);
    let start = leaves.len();
    let count = children.iter().filter(|&&c| is_leaf(c)).count();
    let columns = if count < ctx.wrap_from.max(2) {
        0
    } else {
        leaves.extend(children.iter().copied().filter(|&c| is_leaf(c)));
        (count as f64).sqrt().ceil() as usize
    };
    Frame {
        at,
        depth,
        bottom,
        children,
        next: 0,
        leaves: start,
        columns,
        met: 0,
        kids: 0,
    }
}

/// The record of a node of size `size` below a box whose bottom is `above`.
fn record(above: f64, size: Size, spacing: Spacing) -> Node {
    Node {
        w: size.w + spacing.sibling,
        bottom: above + (size.h + spacing.level),
        tl: NONE,
        tr: NONE,
        ..Node::default()
    }
}

fn leaf_summary(at: u32) -> Summary {
    Summary {
        at,
        el: at,
        er: at,
        ..Summary::default()
    }
}

/// Places the `kids` children of node `t` (placed already, their summaries the last on
/// `summaries`) side by side and `t` over them, and leaves `t`'s summary in their stead.
fn place_family(
    nodes: &mut Part,
    summaries: &mut Vec<Summary>,
    visible: &mut Vec<Visible>,
    t: u32,
    kids: u32,
) {
    let base = summaries.len() - kids as usize;
    let family = &mut summaries[base..];
    let first = family[0].at;
    if kids == 1 {
        // One child (a leaf in a column, often): the node sits centred over it, and the
        // child's contours are the node's.
        let c = nodes[first];
        let span_left = c.prelim + c.modifier;
        let span_right = c.modifier + c.prelim + c.w;
        nodes[t].prelim = (span_left + span_right) / 2.0 - nodes[t].w / 2.0;
        nodes[first].spread = 0.0;
        family[0].at = t;
        return;
    }
    visible.clear();
    visible.push(Visible {
        low: nodes[family[0].el].bottom,
        index: 0,
    });
    for i in 1..kids {
        let (previous, child) = (family[i as usize - 1].at, family[i as usize].at);
        let low = nodes[family[i as usize].er].bottom;
        separate(nodes, family, previous, child, i, visible);
        while visible.last().is_some_and(|v| low >= v.low) {
            visible.pop();
        }
        visible.push(Visible { low, index: i });
    }
    let (f, l) = (nodes[first], nodes[family[family.len() - 1].at]);
    let span_left = f.prelim + f.modifier;
    let span_right = l.modifier + l.prelim + l.w;
    nodes[t].prelim = (span_left + span_right) / 2.0 - nodes[t].w / 2.0;
    // The moves spread over the children, in order.
    let (mut d, mut delta) = (0.0, 0.0);
    for side in family.iter() {
        d += side.shift;
        delta += d + side.change;
        nodes[side.at].spread = delta;
    }
    let (left, right) = (family[0], family[family.len() - 1]);
    summaries.truncate(base);
    summaries.push(Summary {
        at: t,
        el: left.el,
        msel: left.msel,
        er: right.er,
        mser: right.mser,
        ..Summary::default()
    });
}

fn next_left(nodes: &Part, v: u32) -> u32 {
    nodes[v].tl
}

fn next_right(nodes: &Part, v: u32) -> u32 {
    nodes[v].tr
}

/// Pushes `child` (sibling `i`, after `previous`) right until its left contour clears the
/// right contour of the siblings before it.
fn separate(
    nodes: &mut Part,
    family: &mut [Summary],
    previous: u32,
    child: u32,
    i: u32,
    visible: &[Visible],
) {
    let mut sr = previous;
    let mut mssr = nodes[sr].modifier;
    let mut cl = child;
    let mut mscl = nodes[cl].modifier;
    let mut k = visible.len() - 1;
    while sr != NONE && cl != NONE {
        let (s, c) = (nodes[sr], nodes[cl]);
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
                mssr += nodes[sr].modifier;
            }
        }
        if sy >= cy {
            cl = next_left(nodes, cl);
            if cl != NONE {
                mscl += nodes[cl].modifier;
            }
        }
    }
    let i = i as usize;
    if sr == NONE && cl != NONE {
        // The left thread: the new subtree reaches deeper on the left than those before.
        let li = family[0].el;
        nodes[li].tl = cl;
        let diff = (mscl - nodes[cl].modifier) - family[0].msel;
        nodes[li].modifier += diff;
        nodes[li].prelim -= diff;
        family[0].el = family[i].el;
        family[0].msel = family[i].msel;
    } else if sr != NONE && cl == NONE {
        // The right thread: the siblings before reach deeper on the right.
        let ri = family[i].er;
        nodes[ri].tr = sr;
        let diff = (mssr - nodes[sr].modifier) - family[i].mser;
        nodes[ri].modifier += diff;
        nodes[ri].prelim -= diff;
        family[i].er = family[i - 1].er;
        family[i].mser = family[i - 1].mser;
    }
}

fn move_subtree(nodes: &mut Part, family: &mut [Summary], child: u32, i: u32, to: u32, dist: f64) {
    nodes[child].modifier += dist;
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

/// A node above the one being settled: where its subtree ends, the sum of the modifiers
/// down to it and the bottom of its box.
struct Above {
    end: u32,
    modsum: f64,
    bottom: f64,
}

/// The second walk, from the virtual root down: sums the modifiers into each box's left
/// and top, stopping at the tasks' roots (which keep their sums for [`settle_task`]).
/// Returns the leftmost left.
fn settle(nodes: &mut Part, tasks: &mut [Task], spacing: Spacing) -> f64 {
    let end = nodes.base + nodes.nodes.len() as u32;
    let root = Above {
        end,
        modsum: 0.0 + nodes[0].modifier,
        bottom: nodes[0].bottom,
    };
    settle_from(nodes, 1, vec![root], tasks, spacing)
}

/// The second walk below a task's root, which [`settle`] has settled.
fn settle_task(nodes: &mut Part, task: &Task, spacing: Spacing) -> f64 {
    let root = Above {
        end: task.base + task.size,
        modsum: task.modsum,
        bottom: nodes[task.base].bottom,
    };
    settle_from(nodes, task.base + 1, vec![root], &mut [], spacing)
}

fn settle_from(
    nodes: &mut Part,
    from: u32,
    mut above: Vec<Above>,
    tasks: &mut [Task],
    spacing: Spacing,
) -> f64 {
    let end = nodes.base + nodes.nodes.len() as u32;
    let mut tasks = tasks.iter_mut().peekable();
    let mut left = f64::INFINITY;
    let mut k = from;
    while k < end {
        while above.last().is_some_and(|a| a.end <= k) {
            above.pop();
        }
        let Some(parent) = above.last() else {
            break;
        };
        let node = nodes[k];
        let modsum = parent.modsum + (node.modifier + node.spread);
        let x = (node.prelim + modsum) + spacing.sibling / 2.0;
        left = left.min(x);
        nodes.xy[(k - nodes.base) as usize] = [x, parent.bottom];
        let size = node.size;
        if tasks.peek().is_some_and(|t| t.base == k) {
            if let Some(task) = tasks.next() {
                task.modsum = modsum;
            }
            k += size;
            continue;
        }
        if size > 1 {
            above.push(Above {
                end: k + size,
                modsum,
                bottom: node.bottom,
            });
        }
        k += 1;
    }
    left
}

/// The boxes in node order, the leftmost at `x = 0`, made on `threads` threads.
fn boxes(ctx: &Ctx, xy: &[[f64; 2]], left: f64, threads: usize) -> Vec<Rect> {
    // The boxes are pushed rather than written over a list cleared first: clearing took a
    // quarter of the time of making the boxes at 100,000 posts, and more at a million.
    let fill = |from: usize, to: usize, out: &mut Vec<Rect>| {
        let numbers = &ctx.number[from..to];
        let sizes = &ctx.sizes[from..to];
        out.extend(numbers.iter().zip(sizes).map(|(k, size)| {
            let [x, y] = xy[k.load(Relaxed) as usize];
            Rect {
                x: x - left,
                y,
                w: size.w,
                h: size.h,
            }
        }));
    };
    let n = ctx.forest.len();
    let mut out = Vec::with_capacity(n);
    if threads < 2 {
        fill(0, n, &mut out);
        return out;
    }
    // The first share is made here and the others on helpers, then copied in after it.
    let chunk = n.div_ceil(threads).max(1);
    let shares: Vec<(usize, usize)> = (0..n)
        .step_by(chunk)
        .map(|a| (a, n.min(a + chunk)))
        .collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (shares.iter().skip(1))
            .map(|&(from, to)| {
                let handle = scope.spawn(move || {
                    let mut part = Vec::with_capacity(to - from);
                    fill(from, to, &mut part);
                    part
                });
                (from, to, handle)
            })
            .collect();
        if let Some(&(from, to)) = shares.first() {
            fill(from, to, &mut out);
        }
        for (from, to, helper) in helpers {
            match helper.join() {
                Ok(part) => out.extend_from_slice(&part),
                Err(_) => fill(from, to, &mut out),
            }
        }
    });
    out
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
            // Heights drawn from two values as often as not, or all one, so that families
            // of one height are common, wrapped or not.
            let h = prop_oneof![10.0f64..120.0, Just(64.0), Just(40.0)];
            let mixed = proptest::collection::vec((10.0f64..300.0, h), n);
            let even = proptest::collection::vec((10.0f64..300.0, Just(64.0)), n);
            let sizes = prop_oneof![mixed, even]
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
            let options = Options { spacing, wrap_from: wrap, ..Options::default() };
            let ours = tidy_rects(&forest, &sizes, &options);
            let wrapped = crate::layout::wrapped_parents(&forest, wrap);
            let theirs = reference::tidy_parents(wrapped, &sizes, spacing);
            prop_assert_eq!(ours.len(), theirs.len());
            for (i, (r, p)) in ours.iter().zip(&theirs).enumerate() {
                prop_assert!(r.x == p.x && r.y == p.y, "node {}: {:?} against {:?}", i, r, p);
                prop_assert!(r.w == sizes[i].w && r.h == sizes[i].h);
            }
        }
    }

    /// A forest of `n` nodes: mostly small families, some wide ones, a few roots.
    fn big_forest(n: usize, seed: u64) -> (Forest, Vec<Size>) {
        let mut state = seed;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let parent: Vec<u32> = (0..n)
            .map(|i| match i {
                0 => NONE,
                _ if next() % 500 == 0 => NONE,
                _ => (i - 1 - next() % i.min(if next() % 4 == 0 { 40 } else { 6 })) as u32,
            })
            .collect();
        let sizes = (0..n)
            .map(|_| Size {
                w: 80.0 + (next() % 200) as f64,
                h: 30.0 + (next() % 60) as f64,
            })
            .collect();
        (Forest::from_parents(parent), sizes)
    }

    #[test]
    fn forests_shared_between_threads_are_placed_as_on_one() {
        let spacing = Spacing {
            sibling: 20.0,
            level: 34.0,
        };
        for (n, seed, wrap) in [(30_000, 1, 6), (45_000, 2, usize::MAX), (25_000, 3, 2)] {
            let (forest, sizes) = big_forest(n, seed);
            let one = place(&mut Scratch::default(), &forest, &sizes, spacing, wrap, 1);
            let mut scratch = Scratch::default();
            for threads in [2, 3] {
                let shared = place(&mut scratch, &forest, &sizes, spacing, wrap, threads);
                assert!(
                    tasks(
                        &Ctx {
                            forest: &forest,
                            sizes: &sizes,
                            spacing,
                            wrap_from: wrap,
                            number: &scratch.number
                        },
                        threads
                    )
                    .is_some()
                );
                assert_eq!(shared, one, "{n} nodes on {threads} threads");
            }
            let wrapped = crate::layout::wrapped_parents(&forest, wrap);
            let theirs = reference::tidy_parents(wrapped, &sizes, spacing);
            for (r, p) in one.iter().zip(&theirs) {
                assert!(r.x == p.x && r.y == p.y);
            }
        }
    }
}
