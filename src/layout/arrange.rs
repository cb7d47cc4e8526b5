//! The whole picture's arrangement: each organisation's posts in a labelled container,
//! containers nested where organisations nest, the outermost set out as a tree by how the
//! organisations relate (a department above the bodies it sponsors), and all of it packed
//! towards a target shape.

use crate::layout::bins::Bins;
use crate::layout::blocks::{Link, blocks};
use crate::layout::forest::{Forest, NONE};
use crate::layout::{Options, Point, Rect, Size};
use crate::model::OrgId;

/// Space inside a container's edge.
pub const PAD: f64 = 8.0;
/// Height of a container's label band, above its contents.
pub const LABEL: f64 = 20.0;

/// The containers a forest's nodes sit in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Groups {
    /// Each node's group.
    pub of_node: Vec<u32>,
    /// Each group's organisation.
    pub org: Vec<OrgId>,
    /// Each group's label.
    pub label: Vec<String>,
    /// The width its label needs.
    pub label_width: Vec<f64>,
    /// Each group's parent group, or [`NONE`].
    pub parent: Vec<u32>,
    /// Whether a group sits inside its parent (`true`) or below it, as a body the parent
    /// sponsors (`false`).
    pub nested: Vec<bool>,
}

/// A container as placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    /// The organisation.
    pub org: OrgId,
    /// Its label.
    pub label: String,
    /// Where.
    pub rect: Rect,
    /// How many containers it sits inside.
    pub depth: u32,
}

/// A forest arranged in containers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arrangement {
    /// Each node's box.
    pub rects: Vec<Rect>,
    /// Reporting lines between nodes of the same container, routed.
    pub links: Vec<Link>,
    /// The containers drawn, outermost first.
    pub containers: Vec<Container>,
    /// Lines from a container to each container below it that it sponsors.
    pub ties: Vec<Vec<Point>>,
    /// The extent of it all.
    pub size: Size,
    /// The nodes, ascending, whose line up to their parent is not among `links`: it runs
    /// between containers, to be routed around the boxes.
    pub crossing: Vec<u32>,
    /// Where the boxes lie, made when first asked for.
    box_bins: Derived<Bins>,
    /// Where the links lie, made when first asked for.
    link_bins: Derived<Bins>,
    /// The boxes where a picture draws them, made when first asked for.
    placed: Derived<Placed>,
}

/// An arrangement's boxes moved to where a picture draws them.
#[derive(Clone, Debug)]
pub struct Placed {
    /// How far they are moved.
    pub offset: (f64, f64),
    /// Each node's box, moved.
    pub rects: Vec<Rect>,
    /// The rightmost edge of them all (minus infinity for no boxes).
    pub right: f64,
    /// The lowest edge of them all (minus infinity for no boxes).
    pub bottom: f64,
}

impl Placed {
    fn new(rects: &[Rect], (dx, dy): (f64, f64)) -> Placed {
        let rects: Vec<Rect> = rects.iter().map(|r| r.moved(dx, dy)).collect();
        let right = (rects.iter().map(Rect::right)).fold(f64::NEG_INFINITY, f64::max);
        let bottom = (rects.iter().map(Rect::bottom)).fold(f64::NEG_INFINITY, f64::max);
        Placed {
            offset: (dx, dy),
            rects,
            right,
            bottom,
        }
    }
}

/// Something worked out from an arrangement when first asked for and kept with it; not part
/// of what the arrangement is, so two arrangements are equal whether or not they have it.
#[derive(Clone, Debug)]
struct Derived<T>(std::sync::OnceLock<T>);

impl<T> Default for Derived<T> {
    fn default() -> Self {
        Derived(std::sync::OnceLock::new())
    }
}

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Arrangement {
    /// The links that may be seen in `view` (in the arrangement's own units), ascending and
    /// each once, into `out`: every one whose points reach into it, and some near it.
    pub fn links_near(&self, view: &Rect, out: &mut Vec<u32>) {
        let bins = self.link_bins.0.get_or_init(|| {
            let reach: Vec<Rect> = (self.links.iter())
                .map(|l| bounds(l.points.iter().map(|p| (p.x, p.y))))
                .collect();
            Bins::new(&reach)
        });
        bins.near(view, out);
    }

    /// Where the boxes lie: which of [`Arrangement::rects`] a view may see, made once
    /// however many pictures are made of the arrangement.
    pub fn box_bins(&self) -> &Bins {
        self.box_bins.0.get_or_init(|| Bins::new(&self.rects))
    }

    /// The boxes moved by `offset`, as a picture draws them: kept for the first offset asked
    /// for (every picture of an arrangement but an odd one uses the same), made anew for
    /// another.
    pub fn placed(&self, offset: (f64, f64)) -> std::borrow::Cow<'_, Placed> {
        let kept = self
            .placed
            .0
            .get_or_init(|| Placed::new(&self.rects, offset));
        if kept.offset == offset {
            std::borrow::Cow::Borrowed(kept)
        } else {
            std::borrow::Cow::Owned(Placed::new(&self.rects, offset))
        }
    }
}

/// The box around some points, given as (x, y).
pub fn bounds(points: impl IntoIterator<Item = (f64, f64)>) -> Rect {
    let (mut x0, mut y0) = (f64::INFINITY, f64::INFINITY);
    let (mut x1, mut y1) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    Rect {
        x: x0,
        y: y0,
        w: (x1 - x0).max(0.0),
        h: (y1 - y0).max(0.0),
    }
}

/// How one container's contents were laid out, relative to its content corner.
struct Inside {
    rects: Vec<(u32, Rect)>,
    nested: Vec<(u32, Point)>,
    links: Vec<Link>,
    size: Size,
}

/// Arranges `forest` (boxes of `sizes`) in `groups`, as near as it can to `options.aspect`
/// (width over height; none when it is not a positive number). `staff[i]`, where it is
/// not [`NONE`], is the node that node `i` serves as deputy or adviser: a leaf in the same
/// group is drawn beside it.
///
/// ```
/// use govchart::layout::{Forest, Groups, NONE, Options, Size, arrange};
/// use govchart::model::OrgId;
///
/// // Two organisations: a department with one post, and a body it sponsors with a chief
/// // executive and two reports.
/// let forest = Forest::from_parents(vec![NONE, NONE, 1, 1]);
/// let groups = Groups {
///     of_node: vec![0, 1, 1, 1],
///     org: vec![OrgId(0), OrgId(1)],
///     label: vec!["Department".into(), "Agency".into()],
///     label_width: vec![80.0, 60.0],
///     parent: vec![NONE, 0],
///     nested: vec![false, false],
/// };
/// let sizes = vec![Size { w: 150.0, h: 60.0 }; 4];
/// let out = arrange(&forest, &sizes, &groups, &[], &Options::default());
/// // The department's container is above the agency's, and each holds its posts.
/// let (department, agency) = (&out.containers[0].rect, &out.containers[1].rect);
/// assert!(department.bottom() <= agency.y);
/// assert!(agency.x <= out.rects[2].x && out.rects[2].right() <= agency.right());
/// ```
pub fn arrange(
    forest: &Forest,
    sizes: &[Size],
    groups: &Groups,
    staff: &[u32],
    options: &Options,
) -> Arrangement {
    let aspect = options.aspect;
    if !(aspect.is_finite() && aspect > 0.0) || forest.is_empty() {
        let out = arrange_within(forest, sizes, groups, staff, options, f64::INFINITY);
        return with_crossing(forest, out);
    }
    // The width a picture of that shape and of about this area would have.
    let spacing = options.spacing;
    let area: f64 = (sizes.iter())
        .map(|s| (s.w + spacing.sibling) * (s.h + spacing.level))
        .sum::<f64>()
        * 1.3;
    let width = (area * aspect).sqrt();
    let tries: &[f64] = if forest.len() > 20_000 {
        &[1.0]
    } else {
        &[0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 3.0, 4.0]
    };
    let around = options.around;
    // How tall a frame of the target shape must be to hold the picture: the smaller, the
    // larger the picture can be shown in a window or on a page of that shape.
    let frame = |a: &Arrangement| ((a.size.w + around.w) / aspect).max(a.size.h + around.h);
    let miss = |a: &Arrangement| {
        let shape = (a.size.w + around.w).max(1.0) / (a.size.h + around.h).max(1.0);
        (shape.ln() - aspect.ln()).abs()
    };
    // Of the tries within 1.5 times of the shape, the one shown largest; failing that, the
    // nearest in shape.
    let near = 1.5f64.ln();
    let mut best: Option<(f64, f64, Arrangement)> = None;
    let keep = |arranged: Arrangement, best: &mut Option<(f64, f64, Arrangement)>| {
        let (m, f) = (miss(&arranged), frame(&arranged));
        let better = best
            .as_ref()
            .is_none_or(|(bm, bf, _)| match (m <= near, *bm <= near) {
                (true, true) => f < *bf,
                (true, false) => true,
                (false, true) => false,
                (false, false) => m < *bm,
            });
        if better {
            *best = Some((m, f, arranged));
        }
    };
    for &f in tries {
        keep(
            arrange_within(forest, sizes, groups, staff, options, width * f),
            &mut best,
        );
    }
    // A large chart is laid out once more or twice, its width corrected by how far the
    // last try's shape missed.
    let mut limit = width;
    for _ in 0..2 {
        let Some((m, _, last)) = best.as_ref() else {
            break;
        };
        if tries.len() > 1 || *m < 0.4 {
            break;
        }
        let shape = (last.size.w + around.w) / (last.size.h + around.h).max(1.0);
        limit *= (aspect / shape.max(1e-6)).sqrt().clamp(0.25, 4.0);
        keep(
            arrange_within(forest, sizes, groups, staff, options, limit),
            &mut best,
        );
    }
    with_crossing(forest, best.map(|(_, _, a)| a).unwrap_or_default())
}

/// The arrangement with its [`Arrangement::crossing`] lines listed: found once, for the
/// arrangement chosen, not for every width tried.
fn with_crossing(forest: &Forest, mut out: Arrangement) -> Arrangement {
    let mut linked = vec![false; forest.len()];
    for link in &out.links {
        if let Some(l) = linked.get_mut(link.child as usize) {
            *l = true;
        }
    }
    out.crossing = (forest.parent().iter().zip(linked).zip(0u32..))
        .filter(|&((&parent, linked), _)| parent != NONE && !linked)
        .map(|(_, child)| child)
        .collect();
    out
}

/// [`arrange`] with every row at most `limit` wide where the boxes allow.
fn arrange_within(
    forest: &Forest,
    sizes: &[Size],
    groups: &Groups,
    staff: &[u32],
    options: &Options,
    limit: f64,
) -> Arrangement {
    let n = forest.len();
    let g = groups.org.len();
    let group_of = |i: usize| groups.of_node.get(i).copied().unwrap_or(NONE);
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); g];
    for i in 0..n {
        if let Some(m) = members.get_mut(group_of(i) as usize) {
            m.push(i as u32);
        }
    }
    // Which groups are drawn: those with posts, or with a drawn group nested inside.
    let depth = depths(groups);
    let mut by_depth: Vec<u32> = (0..g as u32).collect();
    by_depth.sort_by_key(|&k| std::cmp::Reverse(depth[k as usize]));
    let mut live: Vec<bool> = members.iter().map(|m| !m.is_empty()).collect();
    let mut nested_in: Vec<Vec<u32>> = vec![Vec::new(); g];
    for &k in &by_depth {
        let p = groups.parent[k as usize];
        if live[k as usize] && p != NONE && groups.nested[k as usize] {
            live[p as usize] = true;
            nested_in[p as usize].push(k);
        }
    }
    // Each nested group's rank among its siblings: 0 unless posts of a sibling before it
    // manage posts of it.
    let mut rank = vec![0u32; g];
    for (k, list) in nested_in.iter_mut().enumerate() {
        list.sort_unstable();
        for (sibling, r) in managers_first(forest, groups, k as u32, list) {
            rank[sibling as usize] = r;
        }
    }
    // Inner containers first, so each knows the size of what it holds.
    let mut inside: Vec<Option<Inside>> = (0..g).map(|_| None).collect();
    let mut boxes = vec![Size::default(); g];
    for &k in &by_depth {
        let k = k as usize;
        if !live[k] {
            continue;
        }
        let content = lay_out_group(
            forest,
            (sizes, staff),
            &members[k],
            (&nested_in[k], &rank),
            &boxes,
            group_of,
            options,
            (limit - 2.0 * PAD * f64::from(depth[k] + 1)).max(0.0),
        );
        boxes[k] = Size {
            w: content.size.w.max(groups.label_width[k]) + 2.0 * PAD,
            h: LABEL + content.size.h + PAD,
        };
        inside[k] = Some(content);
    }
    // The outermost containers, as a tree of who sponsors whom.
    let top: Vec<u32> = (0..g as u32)
        .filter(|&k| {
            live[k as usize] && !(groups.nested[k as usize] && groups.parent[k as usize] != NONE)
        })
        .collect();
    let mut index = vec![NONE; g];
    for (j, &k) in top.iter().enumerate() {
        index[k as usize] = j as u32;
    }
    let parents: Vec<u32> = (top.iter())
        .map(|&k| {
            let p = groups.parent[k as usize];
            if p == NONE { NONE } else { index[p as usize] }
        })
        .collect();
    let top_forest = Forest::from_parents(parents);
    let top_sizes: Vec<Size> = top.iter().map(|&k| boxes[k as usize]).collect();
    let outer = blocks(&top_forest, &top_sizes, options, limit, &[]);
    let mut out = Arrangement {
        rects: vec![Rect::default(); n],
        links: Vec::with_capacity(n),
        containers: Vec::new(),
        ties: outer.links.into_iter().map(|l| l.points).collect(),
        size: outer.size,
        crossing: Vec::new(),
        box_bins: Derived::default(),
        link_bins: Derived::default(),
        placed: Derived::default(),
    };
    // Outermost first: each container's contents are placed from its corner.
    let mut work: Vec<(u32, Point, u32)> = (top.iter().zip(&outer.rects))
        .rev()
        .map(|(&k, r)| (k, Point { x: r.x, y: r.y }, 0))
        .collect();
    while let Some((k, at, level)) = work.pop() {
        let Some(content) = inside[k as usize].take() else {
            continue;
        };
        let size = boxes[k as usize];
        out.containers.push(Container {
            org: groups.org[k as usize],
            label: groups.label[k as usize].clone(),
            rect: Rect {
                x: at.x,
                y: at.y,
                w: size.w,
                h: size.h,
            },
            depth: level,
        });
        let (cx, cy) = (at.x + PAD, at.y + LABEL);
        for (node, r) in content.rects {
            out.rects[node as usize] = r.moved(cx, cy);
        }
        for mut link in content.links {
            for p in &mut link.points {
                (p.x, p.y) = (p.x + cx, p.y + cy);
            }
            out.links.push(link);
        }
        for (child, p) in content.nested.into_iter().rev() {
            work.push((
                child,
                Point {
                    x: p.x + cx,
                    y: p.y + cy,
                },
                level + 1,
            ));
        }
    }
    out.containers.sort_by_key(|c| c.depth);
    out
}

/// Orders the groups nested in `parent` so that a group whose posts others report to comes
/// before theirs, keeping their order otherwise; returns each one's rank (how many groups
/// above it manage it, one after another), for it never to be set out above them.
fn managers_first(
    forest: &Forest,
    groups: &Groups,
    parent: u32,
    siblings: &mut Vec<u32>,
) -> Vec<(u32, u32)> {
    if siblings.len() < 2 {
        return Vec::new();
    }
    // The sibling a group is in, walking out through the groups it is nested in.
    let sibling_of = |mut k: u32| {
        for _ in 0..groups.parent.len() {
            let p = groups.parent.get(k as usize).copied().unwrap_or(NONE);
            if p == parent && groups.nested[k as usize] {
                return siblings.iter().position(|&s| s == k);
            }
            if p == NONE || !groups.nested[k as usize] {
                return None;
            }
            k = p;
        }
        None
    };
    let s = siblings.len();
    let mut before = vec![Vec::new(); s];
    let mut waiting = vec![0usize; s];
    for (child, &manager) in forest.parent().iter().enumerate() {
        if manager == NONE {
            continue;
        }
        let (a, b) = (groups.of_node[manager as usize], groups.of_node[child]);
        if a == b {
            continue;
        }
        if let (Some(a), Some(b)) = (sibling_of(a), sibling_of(b))
            && a != b
            && !before[a].contains(&b)
        {
            before[a].push(b);
            waiting[b] += 1;
        }
    }
    // Kahn's algorithm, taking the first ready sibling each time; a loop keeps its order.
    let mut order = Vec::with_capacity(s);
    let mut level = vec![0u32; s];
    let mut done = vec![false; s];
    while order.len() < s {
        let next = (0..s)
            .find(|&i| !done[i] && waiting[i] == 0)
            .or_else(|| (0..s).find(|&i| !done[i]));
        let Some(i) = next else { break };
        done[i] = true;
        order.push(siblings[i]);
        for &j in &before[i] {
            waiting[j] = waiting[j].saturating_sub(1);
            if !done[j] {
                level[j] = level[j].max(level[i] + 1);
            }
        }
    }
    let ranks = (0..s).map(|i| (siblings[i], level[i])).collect();
    *siblings = order;
    ranks
}

/// How deeply each group is nested.
fn depths(groups: &Groups) -> Vec<u32> {
    let g = groups.parent.len();
    (0..g)
        .map(|k| {
            let (mut d, mut at) = (0u32, k);
            while groups.nested[at] && groups.parent[at] != NONE && (d as usize) < g {
                at = groups.parent[at] as usize;
                d += 1;
            }
            d
        })
        .collect()
}

/// Lays out one container's posts (lines between them kept, posts whose manager is
/// elsewhere as roots) and the containers nested in it, side by side after them.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site, each argument distinct"
)]
fn lay_out_group(
    forest: &Forest,
    (sizes, staff): (&[Size], &[u32]),
    members: &[u32],
    (nested, rank): (&[u32], &[u32]),
    boxes: &[Size],
    group_of: impl Fn(usize) -> u32,
    options: &Options,
    limit: f64,
) -> Inside {
    // Staff (deputies, advisers) with no reports of their own sit beside the post they
    // serve, in the same container: out of the tree, their principal's box grown to hold
    // them on its right.
    let serves = |i: u32| {
        let p = staff.get(i as usize).copied().unwrap_or(NONE);
        let manager = forest.parent()[i as usize];
        let ok = p != NONE
            && p != i
            && (manager == NONE || manager == p)
            && group_of(p as usize) == group_of(i as usize)
            && forest.is_leaf(i)
            && staff.get(p as usize).copied().unwrap_or(NONE) == NONE;
        ok.then_some(p)
    };
    let mut beside: rustc_hash::FxHashMap<u32, Vec<u32>> = rustc_hash::FxHashMap::default();
    for &i in members {
        if let Some(p) = serves(i) {
            beside.entry(p).or_default().push(i);
        }
    }
    let kept: Vec<u32> = (members.iter().copied())
        .filter(|&i| serves(i).is_none_or(|p| !members.contains(&p)))
        .collect();
    let m = kept.len();
    let mut local = vec![NONE; forest.len()];
    for (j, &i) in kept.iter().enumerate() {
        local[i as usize] = j as u32;
    }
    let mut parent: Vec<u32> = (kept.iter())
        .map(|&i| {
            let p = forest.parent()[i as usize];
            if p != NONE && group_of(p as usize) == group_of(i as usize) {
                local[p as usize]
            } else {
                NONE
            }
        })
        .collect();
    parent.extend(nested.iter().map(|_| NONE));
    let gap = options.spacing.sibling;
    let with_staff = |i: u32| {
        let own = sizes[i as usize];
        let Some(list) = beside.get(&i) else {
            return own;
        };
        let w = list
            .iter()
            .map(|&t| sizes[t as usize].w)
            .fold(0.0, f64::max);
        let h: f64 = list.iter().map(|&t| sizes[t as usize].h).sum::<f64>()
            + STAFF_GAP * (list.len() - 1) as f64;
        Size {
            w: own.w + gap + w,
            h: own.h.max(h),
        }
    };
    let mut sizes_here: Vec<Size> = kept.iter().map(|&i| with_staff(i)).collect();
    sizes_here.extend(nested.iter().map(|&k| boxes[k as usize]));
    let sub = Forest::from_parents(parent);
    let mut ranks = vec![0u32; m];
    ranks.extend(nested.iter().map(|&k| rank[k as usize]));
    let laid = blocks(&sub, &sizes_here, options, limit, &ranks);
    let mut rects = Vec::with_capacity(members.len());
    // Where each principal's own box now has its middle, against its grown box's.
    let mut moved: rustc_hash::FxHashMap<u32, (f64, f64)> = rustc_hash::FxHashMap::default();
    for (j, &i) in kept.iter().enumerate() {
        let grown = laid.rects[j];
        let own = sizes[i as usize];
        rects.push((
            i,
            Rect {
                w: own.w,
                h: own.h,
                ..grown
            },
        ));
        let Some(list) = beside.get(&i) else {
            continue;
        };
        moved.insert(j as u32, (grown.centre_x(), grown.x + own.w / 2.0));
        let mut y = grown.y;
        for &t in list {
            let s = sizes[t as usize];
            rects.push((
                t,
                Rect {
                    x: grown.x + own.w + gap,
                    y,
                    w: s.w,
                    h: s.h,
                },
            ));
            y += s.h + STAFF_GAP;
        }
    }
    let nested = (nested.iter().enumerate())
        .map(|(j, &k)| {
            let r = laid.rects[m + j];
            (k, Point { x: r.x, y: r.y })
        })
        .collect();
    let links = (laid.links.into_iter())
        .map(|mut l| {
            // Lines that met a grown box in its middle meet the principal's own box.
            let shift = |points: &mut [Point], (from, to): (f64, f64)| {
                for p in points {
                    if (p.x - from).abs() < 1e-6 {
                        p.x = to;
                    }
                }
            };
            let n = l.points.len();
            if let Some(&m) = moved.get(&l.parent) {
                shift(&mut l.points[..2.min(n)], m);
            }
            if let Some(&m) = moved.get(&l.child) {
                shift(&mut l.points[n.saturating_sub(2)..], m);
            }
            l.parent = kept[l.parent as usize];
            l.child = kept[l.child as usize];
            l
        })
        .collect();
    Inside {
        rects,
        nested,
        links,
        size: laid.size,
    }
}

/// Space between staff stacked beside their principal.
const STAFF_GAP: f64 = 8.0;
