//! Builds the scene of a chart at a date from its cards and their layout.

use crate::date::PartialDate;
use crate::layout::{Arrangement, Card, CardStyle, Groups, Occupancy, Options, Rect, Tree};
use crate::model::{Certainty, Chart, LineKind, OrgId, PostId};
use crate::scene::{Colour, Item, Mark, Point, Scene, Stroke, Theme};
use crate::text::Metrics;
use crate::timeline::Snapshot;

/// What a scene shows besides the chart itself.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneOptions {
    /// The title at the top.
    pub title: String,
    /// The "as of" line under it.
    pub subtitle: String,
    /// Colours.
    pub theme: Theme,
    /// Card text sizes (as the cards were measured with).
    pub card_style: CardStyle,
    /// The layout's spacing and wrapping (as the layout was made with).
    pub layout: Options,
    /// Whether the picture compares two dates (its legend then explains the marks).
    pub compare: bool,
    /// Grid cells the picture may spend routing dashed lines around cards; past it, lines
    /// are plain elbows.
    pub route_budget: usize,
    /// Only this part of the picture (in its own units) is wanted: cards, lines and frames
    /// outside it are left out (their places are still listed), so a window showing part
    /// of a large chart makes only that part.
    pub visible: Option<Rect>,
    /// Whether the picture has its title, legend and footer (exports do; the window shows
    /// the date, the key and the sources in panels of its own).
    pub chrome: bool,
    /// Which of the dashed lines (accountability, oversight, co-chairs, deputies) to draw.
    pub lines: OtherLines,
    /// The post selected: its chain of command (the line up to the top and its reports)
    /// is highlighted and the rest dimmed.
    pub selected: Option<PostId>,
}

/// Which dashed lines a picture draws.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum OtherLines {
    /// Every one.
    #[default]
    All,
    /// Only those to and from the selected post.
    Selected,
    /// None.
    None,
}

/// The routing budget of exported pictures: enough for every line of charts of a few
/// thousand posts, and bounded for larger ones.
pub const EXPORT_ROUTE_BUDGET: usize = 1_000_000;

impl SceneOptions {
    /// The usual options for a chart as it stood on `date`.
    pub fn for_date(chart: &Chart, date: PartialDate, theme: Theme) -> SceneOptions {
        SceneOptions {
            title: chart.info.title.clone(),
            subtitle: format!("As of {}", date.human()),
            theme,
            card_style: CardStyle::default(),
            layout: Options {
                // The margins, the title above and the legend and footer below.
                around: crate::layout::Size {
                    w: 2.0 * MARGIN,
                    h: BODY_OFFSET.1 + 150.0,
                },
                ..Options::default()
            },
            compare: false,
            route_budget: EXPORT_ROUTE_BUDGET,
            visible: None,
            chrome: true,
            lines: OtherLines::All,
            selected: None,
        }
    }

    /// The same options for a picture without title, legend and footer.
    pub fn bare(mut self) -> SceneOptions {
        self.chrome = false;
        self.layout.around = crate::layout::Size {
            w: 2.0 * MARGIN,
            h: 2.0 * MARGIN,
        };
        self
    }

    /// Where the chart's body starts in the picture: laid-out positions are moved by this
    /// much.
    pub fn body_offset(&self) -> (f64, f64) {
        if self.chrome {
            BODY_OFFSET
        } else {
            (MARGIN, MARGIN)
        }
    }
}

/// The picture of a chart as it stood on `date` (its first day, for a partial date): the
/// whole pipeline from snapshot to scene.
pub fn chart_at(chart: &Chart, date: PartialDate, theme: Theme) -> Scene {
    crate::scene::Picture::new(chart, date, theme).scene()
}

/// The arrangement of `tree`'s cards in their organisations' containers, with each post's
/// organisation and each organisation's parents taken from `snapshots` (`sources[i]` is
/// the snapshot of node `i`, all the first when empty).
pub fn arrangement(
    chart: &Chart,
    snapshots: &[&Snapshot],
    tree: &Tree,
    sources: &[u8],
    cards: &[Card],
    options: &SceneOptions,
) -> Arrangement {
    let (groups, staff) = arrangement_parts(chart, snapshots, tree, sources);
    let sizes: Vec<_> = cards.iter().map(|c| c.size).collect();
    crate::layout::arrange(&tree.forest, &sizes, &groups, &staff, &options.layout)
}

/// What [`arrangement`] takes from the snapshots: the organisations' containers and the
/// staff beside their principals. They do not depend on the shape aimed for.
pub fn arrangement_parts(
    chart: &Chart,
    snapshots: &[&Snapshot],
    tree: &Tree,
    sources: &[u8],
) -> (Groups, Vec<u32>) {
    let orgs = crate::layout::organisations(tree, snapshots, sources);
    let groups = crate::layout::groups(chart, snapshots, &orgs);
    (groups, staff(tree, snapshots))
}

/// For each node, the node it serves as deputy or adviser on the first snapshot's day (a
/// live `DeputyFor` or `Advises` line), where it has no other line manager; else
/// [`crate::layout::NONE`].
fn staff(tree: &Tree, snapshots: &[&Snapshot]) -> Vec<u32> {
    use crate::layout::NONE;
    let mut out = vec![NONE; tree.posts.len()];
    let Some(snapshot) = snapshots.first() else {
        return out;
    };
    let nodes: rustc_hash::FxHashMap<PostId, u32> = (tree.posts.iter().enumerate())
        .map(|(i, &p)| (p, i as u32))
        .collect();
    for line in &snapshot.lines {
        if !matches!(line.kind, LineKind::DeputyFor | LineKind::Advises) {
            continue;
        }
        let (Some(&s), Some(&p)) = (nodes.get(&line.from), nodes.get(&line.to)) else {
            continue;
        };
        let manager = tree.forest.parent()[s as usize];
        if out[s as usize] == NONE && (manager == NONE || manager == p) {
            out[s as usize] = p;
        }
    }
    out
}

/// Space around the picture's edge.
const MARGIN: f64 = 24.0;

/// Where the chart's body starts in the picture: laid-out positions are moved by this much.
pub const BODY_OFFSET: (f64, f64) = (MARGIN, MARGIN + 64.0);

/// Builds the scene: title, cards with their organisation's colour, reporting lines, the
/// other lines dashed, a legend and a footer. `cards`, `rects` and `marks` are in `tree`'s
/// node order; with no marks, every card is drawn as usual.
pub fn build(
    chart: &Chart,
    snapshot: &Snapshot,
    tree: &Tree,
    cards: &[Card],
    arranged: &Arrangement,
    marks: &[Mark],
    options: &SceneOptions,
) -> Scene {
    build_keeping(chart, snapshot, tree, cards, arranged, marks, options, None)
}

/// [`build`], given the list of cards drawn and their places ([`Scene::cards`]) when the
/// caller knows it is the same as that of a picture made before: kept, not made again.
#[expect(
    clippy::too_many_arguments,
    reason = "build's parts and the list it may keep"
)]
pub(crate) fn build_keeping(
    chart: &Chart,
    snapshot: &Snapshot,
    tree: &Tree,
    cards: &[Card],
    arranged: &Arrangement,
    marks: &[Mark],
    options: &SceneOptions,
    listed: Option<crate::scene::CardList>,
) -> Scene {
    debug_assert!(
        cards.len() == tree.posts.len() && cards.iter().zip(&tree.posts).all(|(c, &p)| c.post == p),
        "the cards are in the tree's node order"
    );
    let mark = |node: usize| marks.get(node).copied().unwrap_or_default();
    let theme = &options.theme;
    let mut items = Vec::new();
    let (dx, dy) = options.body_offset();
    let header = if options.chrome {
        header(&mut items, options)
    } else {
        dy
    };
    let placed_all = arranged.placed((dx, dy));
    let placed = &placed_all.rects;
    let drawn = |node: &usize| mark(*node) != Mark::Ghost;
    let slots = crate::scene::organisation_slots(chart, theme.organisations.len());
    // A line is drawn where the post reports to its parent on the day (a gone post's line,
    // when comparing, as it was).
    let line = |parent: usize, child: usize| match mark(child) {
        Mark::Ghost => false,
        Mark::Removed => mark(parent) != Mark::Ghost,
        _ => {
            mark(parent) != Mark::Ghost
                && snapshot.post(tree.posts[child]).and_then(|v| v.reports_to)
                    == Some(tree.posts[parent])
        }
    };
    let seen = |r: &Rect| options.visible.is_none_or(|v| v.overlaps(r));
    let chain = chain_of_command(tree, options.selected);
    let in_chain = |node: usize| chain.as_ref().is_none_or(|c| c[node]);
    let frames = containers(
        &mut items,
        snapshot,
        arranged,
        (dx, dy),
        (&slots, options.compare),
        theme,
        &seen,
    );
    ties(&mut items, arranged, (dx, dy), theme, &seen);
    // Lines in the selected post's chain of command are bold.
    let stroke = |parent: usize, child: usize| {
        if chain.is_some() && in_chain(parent) && in_chain(child) {
            Stroke::solid(theme.text, 2.4)
        } else {
            line_stroke(mark(child), theme)
        }
    };
    reporting_lines(
        &mut items,
        arranged,
        (dx, dy),
        &line,
        &stroke,
        &seen,
        options.visible,
    );
    // One router, so the picture's routing budget holds for all its lines.
    let mut router = if arranged.rects.len() == placed.len() {
        let bins = arranged.box_bins();
        crate::scene::route::Router::with_bins(placed, bins, (dx, dy), options.route_budget)
    } else {
        crate::scene::route::Router::new(placed, options.route_budget)
    };
    let drawing = (&line, &stroke, &seen);
    crossing_lines(&mut items, tree, arranged, placed, drawing, &mut router);
    other_lines(
        &mut items,
        chart,
        snapshot,
        tree,
        placed,
        options,
        &seen,
        &mut router,
    );
    // In a view of part of the picture, only the boxes near it are looked at.
    let near = options.visible.map(|view| {
        let mut near = Vec::new();
        arranged.box_bins().near(&view.moved(-dx, -dy), &mut near);
        near
    });
    let mut near = near.as_deref().map(|n| n.iter().peekable());
    let mut card_ranges = Vec::with_capacity(cards.len());
    let listed = listed.unwrap_or_else(|| {
        let mut listed = Vec::with_capacity(cards.len());
        listed.extend(
            (0..cards.len())
                .filter(drawn)
                .map(|i| (tree.posts[i], placed[i])),
        );
        std::sync::Arc::new(listed)
    });
    for node in (0..cards.len()).filter(drawn) {
        let first = items.len();
        let (card, rect) = (&cards[node], &placed[node]);
        let candidate = near.as_mut().is_none_or(|near| {
            while near.next_if(|&&i| (i as usize) < node).is_some() {}
            near.peek().is_some_and(|&&i| i as usize == node)
        });
        if !candidate || !seen(rect) {
            card_ranges.push(first..first);
            continue;
        }
        let org = organisation_of(chart, snapshot, card.post);
        card_items(
            &mut items,
            card,
            rect,
            theme.organisation(slots[org.index()]),
            options,
        );
        mark_items(&mut items, rect, mark(node), theme);
        if chain.is_some() {
            chain_items(
                &mut items,
                rect,
                in_chain(node),
                Some(tree.posts[node]) == options.selected,
                theme,
            );
        }
        card_ranges.push(first..items.len());
    }
    let body_right = placed_all.right.max(dx + arranged.size.w);
    let body_bottom = placed_all.bottom.max(header + arranged.size.h);
    let (width, height) = if options.chrome {
        // The legend names the organisations of the cards drawn.
        let shown = shown_organisations(
            chart,
            snapshot,
            (0..cards.len()).filter(drawn).map(|i| tree.posts[i]),
        );
        let (legend_right, legend_bottom) = legend(
            &mut items,
            chart,
            &shown,
            &slots,
            body_bottom + 32.0,
            options,
        );
        let footer_y = legend_bottom + 24.0;
        items.push(Item::Text {
            at: Point { x: MARGIN, y: footer_y },
            text: format!(
                "{} sources · every fact in this chart cites its sources and certainty · made with govchart",
                chart.sources.len()
            ),
            size: 11.0,
            colour: theme.muted,
        });
        let width = body_right.max(legend_right).max(title_width(options)) + MARGIN;
        (width, footer_y + MARGIN)
    } else {
        (body_right + MARGIN, body_bottom + MARGIN)
    };
    Scene {
        width,
        height,
        background: theme.background,
        items,
        frames,
        card_items: card_ranges,
        cards: listed,
    }
}

/// The box around some points.
fn bounds(points: &[Point]) -> Rect {
    crate::layout::bounds(points.iter().map(|p| (p.x, p.y)))
}

/// The organisations' containers, tinted in their colours and labelled at the top, outermost
/// first; only those of organisations that exist on the day.
fn containers(
    items: &mut Vec<Item>,
    snapshot: &Snapshot,
    arranged: &Arrangement,
    (dx, dy): (f64, f64),
    (slots, compare): (&[usize], bool),
    theme: &Theme,
    seen: &impl Fn(&Rect) -> bool,
) -> Vec<(OrgId, Rect)> {
    let mut drawn = Vec::new();
    for c in &arranged.containers {
        // A comparison shows posts of both dates, so organisations gone by the later one too.
        if c.label.is_empty() || (!snapshot.has_org(c.org) && !compare) {
            continue;
        }
        let frame = c.rect.moved(dx, dy);
        drawn.push((c.org, frame));
        if !seen(&frame) {
            continue;
        }
        let colour = theme.organisation(slots[c.org.index()]);
        items.push(Item::Rect {
            rect: frame,
            radius: 10.0,
            fill: Some(colour.with_alpha(if c.depth == 0 { 22 } else { 30 })),
            stroke: Some(Stroke::solid(colour.with_alpha(160), 1.0)),
        });
        items.push(Item::Text {
            at: Point {
                x: frame.x + crate::layout::PAD,
                y: frame.y + 14.0,
            },
            text: c.label.clone(),
            size: 11.0,
            colour: theme.muted,
        });
    }
    drawn
}

/// Lines from a department's container down to the containers of the bodies it sponsors.
fn ties(
    items: &mut Vec<Item>,
    arranged: &Arrangement,
    (dx, dy): (f64, f64),
    theme: &Theme,
    seen: &impl Fn(&Rect) -> bool,
) {
    for tie in &arranged.ties {
        let points: Vec<Point> = (tie.iter())
            .map(|p| Point {
                x: p.x + dx,
                y: p.y + dy,
            })
            .collect();
        if seen(&bounds(&points)) {
            items.push(Item::Path {
                points,
                stroke: Stroke::solid(theme.muted.with_alpha(140), 2.0),
            });
        }
    }
}

/// The organisation a post belongs to on the day.
fn organisation_of(chart: &Chart, snapshot: &Snapshot, post: PostId) -> OrgId {
    snapshot
        .post(post)
        .map_or(chart.post(post).organisation, |v| v.organisation)
}

/// The organisations of the posts that have a card, in order of first appearance, as the
/// legend lists them.
fn shown_organisations(
    chart: &Chart,
    snapshot: &Snapshot,
    posts: impl Iterator<Item = PostId>,
) -> Vec<OrgId> {
    let mut shown = Vec::new();
    let mut seen = vec![false; chart.organisations.len()];
    for post in posts {
        let org = organisation_of(chart, snapshot, post);
        if let Some(seen @ false) = seen.get_mut(org.index()) {
            *seen = true;
            shown.push(org);
        }
    }
    shown
}

fn title_width(options: &SceneOptions) -> f64 {
    let m = Metrics::get();
    let w = m
        .width(&options.title, 20.0)
        .max(m.width(&options.subtitle, 13.0));
    MARGIN + f64::from(w)
}

/// The title and the "as of" line; returns where the chart body starts.
fn header(items: &mut Vec<Item>, options: &SceneOptions) -> f64 {
    let theme = &options.theme;
    items.push(Item::Text {
        at: Point {
            x: MARGIN,
            y: MARGIN + 20.0,
        },
        text: options.title.clone(),
        size: 20.0,
        colour: theme.text,
    });
    items.push(Item::Text {
        at: Point {
            x: MARGIN,
            y: MARGIN + 40.0,
        },
        text: options.subtitle.clone(),
        size: 13.0,
        colour: theme.muted,
    });
    BODY_OFFSET.1
}

/// Which nodes are in the selected post's chain of command: it, the posts above it up to
/// its top, and every post below it. `None` when nothing is selected (or it is not shown).
fn chain_of_command(tree: &Tree, selected: Option<PostId>) -> Option<Vec<bool>> {
    let node = tree.posts.iter().position(|&p| Some(p) == selected)?;
    let forest = &tree.forest;
    let mut chain = vec![false; tree.posts.len()];
    let mut up = node as u32;
    for _ in 0..forest.len() {
        chain[up as usize] = true;
        up = forest.parent()[up as usize];
        if up == crate::layout::NONE {
            break;
        }
    }
    let mut below = vec![node as u32];
    while let Some(n) = below.pop() {
        chain[n as usize] = true;
        below.extend_from_slice(forest.children_of(n));
    }
    Some(chain)
}

/// A card in the chain of command keeps its look, the selected one ringed; the others
/// are dimmed.
fn chain_items(items: &mut Vec<Item>, rect: &Rect, in_chain: bool, selected: bool, theme: &Theme) {
    if !in_chain {
        items.push(Item::Rect {
            rect: *rect,
            radius: 6.0,
            fill: Some(theme.background.with_alpha(170)),
            stroke: None,
        });
    } else if selected {
        ring(items, rect, Stroke::solid(theme.text, 2.5));
    }
}

/// A ring just outside a card.
fn ring(items: &mut Vec<Item>, rect: &Rect, stroke: Stroke) {
    let ring = Rect {
        x: rect.x - 3.0,
        y: rect.y - 3.0,
        w: rect.w + 6.0,
        h: rect.h + 6.0,
    };
    items.push(Item::Rect {
        rect: ring,
        radius: 9.0,
        fill: None,
        stroke: Some(stroke),
    });
}

/// The stroke of a reporting line into a card with `mark`.
fn line_stroke(mark: Mark, theme: &Theme) -> Stroke {
    match mark {
        Mark::Added => Stroke::solid(theme.added, 1.6),
        Mark::Removed => Stroke {
            dash: Some((4.0, 3.0)),
            ..Stroke::solid(theme.removed, 1.6)
        },
        _ => Stroke::solid(theme.line, 1.2),
    }
}

/// Solid lines from each post to the posts in its container that report to it, along the
/// routes the layout gave them, drawn with `stroke`. `line` says which parent and child have
/// a line between them.
fn reporting_lines(
    items: &mut Vec<Item>,
    arranged: &Arrangement,
    (dx, dy): (f64, f64),
    line: &impl Fn(usize, usize) -> bool,
    stroke: &impl Fn(usize, usize) -> Stroke,
    seen: &impl Fn(&Rect) -> bool,
    visible: Option<Rect>,
) {
    // In a view of part of the picture, only the links near it are looked at.
    let mut near = Vec::new();
    if let Some(view) = visible {
        arranged.links_near(&view.moved(-dx, -dy), &mut near);
    }
    let links: Box<dyn Iterator<Item = &crate::layout::Link>> = match visible {
        Some(_) => Box::new(near.iter().map(|&i| &arranged.links[i as usize])),
        None => Box::new(arranged.links.iter()),
    };
    for link in links {
        let (parent, child) = (link.parent as usize, link.child as usize);
        // Out of view or not drawn on the day: nothing is made for it.
        let reach = crate::layout::bounds(link.points.iter().map(|p| (p.x, p.y))).moved(dx, dy);
        if !seen(&reach) || !line(parent, child) {
            continue;
        }
        let points: Vec<Point> = (link.points.iter())
            .map(|p| Point {
                x: p.x + dx,
                y: p.y + dy,
            })
            .collect();
        items.push(Item::Path {
            points,
            stroke: stroke(parent, child),
        });
    }
}

/// Solid lines from a post to those in other containers that report to it, routed around
/// the cards.
fn crossing_lines(
    items: &mut Vec<Item>,
    tree: &Tree,
    arranged: &Arrangement,
    placed: &[Rect],
    (line, stroke, seen): (
        &impl Fn(usize, usize) -> bool,
        &impl Fn(usize, usize) -> Stroke,
        &impl Fn(&Rect) -> bool,
    ),
    router: &mut crate::scene::route::Router<'_>,
) {
    let parents = tree.forest.parent();
    for &child in &arranged.crossing {
        let child = child as usize;
        let parent = parents[child];
        let (p, c) = (&placed[parent as usize], &placed[child]);
        if !seen(&bounds(&[
            Point { x: p.x, y: p.y },
            Point {
                x: c.right(),
                y: c.bottom(),
            },
        ])) && !seen(p)
            && !seen(c)
        {
            continue;
        }
        if !line(parent as usize, child) {
            continue;
        }
        let points = router.drop_line(p, c).unwrap_or_else(|| router.route(p, c));
        items.push(Item::Path {
            points,
            stroke: stroke(parent as usize, child),
        });
    }
}

/// Dashed lines for accountability, oversight, co-chairs and deputies, from the facing sides
/// of the two cards, routed around the other cards.
#[expect(
    clippy::too_many_arguments,
    reason = "the scene's parts, each distinct"
)]
fn other_lines(
    items: &mut Vec<Item>,
    chart: &Chart,
    snapshot: &Snapshot,
    tree: &Tree,
    placed: &[Rect],
    options: &SceneOptions,
    seen: &impl Fn(&Rect) -> bool,
    router: &mut crate::scene::route::Router<'_>,
) {
    let theme = &options.theme;
    // Looked up once per line: each post's node by the post's index, not a scan of every
    // post for every line.
    let mut nodes = vec![u32::MAX; chart.posts.len()];
    for (i, &p) in tree.posts.iter().enumerate() {
        if let Some(slot) = nodes.get_mut(p.index()) {
            *slot = i as u32;
        }
    }
    let node_of = |post: PostId| {
        (nodes.get(post.index()).copied())
            .filter(|&i| i != u32::MAX)
            .map(|i| i as usize)
    };
    let (mut routes, mut colours) = (Vec::new(), Vec::new());
    let wanted = |l: &&crate::timeline::LineView| match options.lines {
        OtherLines::All => true,
        OtherLines::Selected => options.selected.is_some_and(|s| l.from == s || l.to == s),
        OtherLines::None => false,
    };
    for line in snapshot
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::ReportsTo)
        .filter(wanted)
    {
        let (Some(a), Some(b)) = (node_of(line.from), node_of(line.to)) else {
            continue;
        };
        let (a, b) = (&placed[a], &placed[b]);
        let span = Rect {
            x: a.x.min(b.x),
            y: a.y.min(b.y),
            w: a.right().max(b.right()) - a.x.min(b.x),
            h: a.bottom().max(b.bottom()) - a.y.min(b.y),
        };
        if !seen(&span) {
            continue;
        }
        let colour = if chart.line(line.line).fact.certainty == Certainty::Confirmed {
            theme.line
        } else {
            theme.line.with_alpha(170)
        };
        routes.push(router.route(a, b));
        colours.push(colour);
    }
    crate::scene::route::separate(&mut routes, 3.0);
    for (points, colour) in routes.into_iter().zip(colours) {
        items.push(Item::Path {
            points,
            stroke: Stroke::dashed(colour, 1.2),
        });
    }
}

fn card_items(
    items: &mut Vec<Item>,
    card: &Card,
    rect: &Rect,
    colour: Colour,
    options: &SceneOptions,
) {
    let theme = &options.theme;
    let style = &options.card_style;
    let vacant = card.occupancy == Occupancy::Vacant;
    // A post awaiting its designate is drawn as not yet filled, with the name in plain text.
    let unfilled = vacant || card.occupancy == Occupancy::Designate;
    let border = if unfilled {
        Stroke::dashed(theme.border, 1.2)
    } else {
        Stroke::solid(theme.border, 1.0)
    };
    items.push(Item::Rect {
        rect: *rect,
        radius: 6.0,
        fill: Some(if unfilled { theme.vacant } else { theme.card }),
        stroke: Some(border),
    });
    items.push(Item::Rect {
        rect: Rect {
            x: rect.x,
            y: rect.y + 6.0,
            w: 4.0,
            h: rect.h - 12.0,
        },
        radius: 0.0,
        fill: Some(colour),
        stroke: None,
    });
    let m = Metrics::get();
    let x = rect.x + f64::from(style.padding);
    let mut y = rect.y + f64::from(style.padding);
    let mut line = |items: &mut Vec<Item>, text: &str, size: f32, colour: Colour| {
        let height = f64::from(m.line_height(size));
        items.push(Item::Text {
            at: Point {
                x,
                y: y + height * 0.78,
            },
            text: text.to_owned(),
            size,
            colour,
        });
        y += height;
    };
    for t in &card.title {
        line(items, t, style.title_size, theme.text);
    }
    let holder_colour = if vacant {
        theme.vacant_text
    } else {
        theme.text
    };
    for holder in &card.holder {
        line(items, holder, style.body_size, holder_colour);
    }
    for since in &card.since {
        line(items, since, style.body_size, theme.muted);
    }
    if let Some(note) = &card.note {
        line(items, note, style.body_size, theme.changed);
    }
    if card.hidden > 0 {
        let label = format!("+{}", card.hidden);
        let w = f64::from(m.width(&label, 11.0)) + 10.0;
        let badge = Rect {
            x: rect.right() - w - 6.0,
            y: rect.y + 6.0,
            w,
            h: 16.0,
        };
        items.push(Item::Rect {
            rect: badge,
            radius: 8.0,
            fill: Some(theme.border),
            stroke: None,
        });
        items.push(Item::Text {
            at: Point {
                x: badge.x + 5.0,
                y: badge.y + 12.0,
            },
            text: label,
            size: 11.0,
            colour: theme.background,
        });
    }
}

/// The ring and tag of a card that is new, gone or changed between two dates; gone cards are
/// also faded. Each mark differs in colour, dash and word, so none relies on colour alone.
fn mark_items(items: &mut Vec<Item>, rect: &Rect, mark: Mark, theme: &Theme) {
    let Some((colour, dash, label)) = mark_style(mark, theme) else {
        return;
    };
    if mark == Mark::Removed {
        items.push(Item::Rect {
            rect: *rect,
            radius: 6.0,
            fill: Some(theme.background.with_alpha(150)),
            stroke: None,
        });
    }
    ring(
        items,
        rect,
        Stroke {
            dash,
            ..Stroke::solid(colour, 2.5)
        },
    );
    let w = f64::from(Metrics::get().width(label, 10.0)) + 12.0;
    let tag = Rect {
        x: rect.right() - w - 10.0,
        y: rect.y - 11.0,
        w,
        h: 16.0,
    };
    items.push(Item::Rect {
        rect: tag,
        radius: 8.0,
        fill: Some(colour),
        stroke: None,
    });
    items.push(Item::Text {
        at: Point {
            x: tag.x + 6.0,
            y: tag.y + 12.0,
        },
        text: label.to_owned(),
        size: 10.0,
        colour: theme.background,
    });
}

/// A dash pattern: dash and gap lengths.
type Dash = Option<(f32, f32)>;

/// The colour, dash and word of a mark, if it is drawn.
fn mark_style(mark: Mark, theme: &Theme) -> Option<(Colour, Dash, &'static str)> {
    match mark {
        Mark::Added => Some((theme.added, None, "NEW")),
        Mark::Removed => Some((theme.removed, Some((4.0, 3.0)), "GONE")),
        Mark::Changed => Some((theme.changed, Some((1.5, 2.5)), "CHANGED")),
        Mark::Same | Mark::Ghost => None,
    }
}

/// Legend entries laid out left to right, wrapping to a new row when a row is full.
struct Flow {
    x: f64,
    y: f64,
    right: f64,
}

impl Flow {
    const ROW: f64 = 20.0;
    const MAX_WIDTH: f64 = 900.0;

    /// A swatch (placed here) and its label.
    fn entry(&mut self, items: &mut Vec<Item>, swatch: Item, text: String, colour: Colour) {
        let w = 26.0 + f64::from(Metrics::get().width(&text, 12.0)) + 18.0;
        if self.x + w > MARGIN + Self::MAX_WIDTH && self.x > MARGIN {
            self.new_row(1.0);
        }
        let (x, y) = (self.x, self.y);
        items.push(match swatch {
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
            } => Item::Rect {
                rect: Rect {
                    x,
                    y: y - 10.0,
                    ..rect
                },
                radius,
                fill,
                stroke,
            },
            Item::Path { stroke, .. } => Item::Path {
                points: vec![
                    Point { x, y: y - 4.0 },
                    Point {
                        x: x + 20.0,
                        y: y - 4.0,
                    },
                ],
                stroke,
            },
            other => other,
        });
        items.push(Item::Text {
            at: Point { x: x + 26.0, y },
            text,
            size: 12.0,
            colour,
        });
        self.x += w;
        self.right = self.right.max(self.x);
    }

    fn new_row(&mut self, rows: f64) {
        self.x = MARGIN;
        self.y += Self::ROW * rows;
    }
}

/// A box for the legend, placed by [`Flow::entry`].
fn swatch(w: f64, h: f64, radius: f32, fill: Colour, stroke: Option<Stroke>) -> Item {
    Item::Rect {
        rect: Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        },
        radius,
        fill: Some(fill),
        stroke,
    }
}

/// The legend under the chart: organisations by colour, line styles, vacancies and
/// certainty. Returns its right and bottom edges.
fn legend(
    items: &mut Vec<Item>,
    chart: &Chart,
    shown: &[OrgId],
    slots: &[usize],
    top: f64,
    options: &SceneOptions,
) -> (f64, f64) {
    let theme = &options.theme;
    let mut flow = Flow {
        x: MARGIN,
        y: top,
        right: MARGIN,
    };
    for &org in shown {
        let colour = theme.organisation(slots[org.index()]);
        let swatch = swatch(20.0, 10.0, 2.0, colour, None);
        flow.entry(items, swatch, chart.org(org).name.clone(), theme.text);
    }
    flow.new_row(1.5);
    let solid = Item::Path {
        points: Vec::new(),
        stroke: Stroke::solid(theme.line, 1.2),
    };
    flow.entry(items, solid, "reports to".into(), theme.text);
    let dashed = Item::Path {
        points: Vec::new(),
        stroke: Stroke::dashed(theme.line, 1.2),
    };
    flow.entry(
        items,
        dashed,
        "accountable to, overseen by, co-chairs, deputises, advises".into(),
        theme.text,
    );
    let vacant = swatch(
        20.0,
        12.0,
        3.0,
        theme.vacant,
        Some(Stroke::dashed(theme.border, 1.0)),
    );
    flow.entry(items, vacant, "vacant post".into(), theme.text);
    let held = swatch(
        20.0,
        12.0,
        3.0,
        theme.card,
        Some(Stroke::solid(theme.border, 1.0)),
    );
    flow.entry(
        items,
        held,
        "held: confirmed unless marked \u{b7} reported or \u{b7} expected".into(),
        theme.text,
    );
    if options.compare {
        flow.new_row(1.5);
        for (mark, text) in [
            (Mark::Added, "new post, or newly followed"),
            (Mark::Removed, "post gone, or no longer followed"),
            (Mark::Changed, "holder changed (was \u{2026})"),
        ] {
            if let Some((colour, dash, _)) = mark_style(mark, theme) {
                let stroke = Stroke {
                    dash,
                    ..Stroke::solid(colour, 2.5)
                };
                let ring = swatch(20.0, 12.0, 3.0, theme.card, Some(stroke));
                flow.entry(items, ring, text.into(), theme.text);
            }
        }
    }
    (flow.right, flow.y)
}
