//! Layout: tidy placement, invariants on random forests, the built-in chart at every change
//! date, generated charts, wrapping of wide levels and collapsed subtrees.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use govchart::layout::{
    Forest, NONE, Options, Rect, Size, Spacing, Tree, layout, verify, wrap_leaves,
};
use govchart::timeline::{Snapshot, change_days};
use proptest::prelude::*;
use rustc_hash::FxHashSet;

const CARD: Size = Size { w: 180.0, h: 64.0 };

fn no_wrap() -> Options {
    Options {
        wrap_from: usize::MAX,
        ..Options::default()
    }
}

fn assert_valid(forest: &Forest, rects: &[Rect]) {
    let problems = verify(forest, rects);
    assert!(
        problems.is_empty(),
        "{} problems, first {:?}",
        problems.len(),
        problems.first()
    );
}

/// Parents are centred over the span of their first and last child.
fn assert_centred(forest: &Forest, rects: &[Rect]) {
    for p in 0..forest.len() as u32 {
        let children = forest.children_of(p);
        let (Some(&first), Some(&last)) = (children.first(), children.last()) else {
            continue;
        };
        let middle = (rects[first as usize].x + rects[last as usize].right()) / 2.0;
        let centre = rects[p as usize].centre_x();
        assert!(
            (centre - middle).abs() < 1e-6,
            "node {p}: centre {centre}, children's middle {middle}"
        );
    }
}

#[test]
fn a_full_binary_tree_is_as_narrow_as_its_leaves() {
    // 1 + 2 + 4 + 8 nodes.
    let parent: Vec<u32> = (0..15u32)
        .map(|i| if i == 0 { NONE } else { (i - 1) / 2 })
        .collect();
    let forest = Forest::from_parents(parent);
    let rects = layout(&forest, &[CARD; 15], &no_wrap());
    assert_valid(&forest, &rects);
    assert_centred(&forest, &rects);
    let right = rects.iter().map(Rect::right).fold(0.0, f64::max);
    let gap = Options::default().spacing.sibling;
    assert!(
        (right - (8.0 * (CARD.w + gap) - gap)).abs() < 1e-6,
        "width {right}"
    );
    // Levels are one card and one gap apart.
    assert_eq!(rects[0].y, 0.0);
    assert_eq!(rects[1].y, CARD.h + Options::default().spacing.level);
}

#[test]
fn roots_sit_side_by_side_in_order() {
    let forest = Forest::from_parents(vec![NONE, NONE, NONE, 0]);
    let rects = layout(&forest, &[CARD; 4], &no_wrap());
    assert_valid(&forest, &rects);
    assert!(rects[0].right() <= rects[1].x && rects[1].right() <= rects[2].x);
    assert!(rects.iter().take(3).all(|r| r.y == 0.0));
}

#[test]
fn a_short_subtree_tucks_under_a_tall_neighbour() {
    // Non-layered: a tall box on the left, its sibling's deep child may slide beneath.
    let forest = Forest::from_parents(vec![NONE, 0, 0, 2, 3]);
    let sizes = [
        CARD,
        Size { w: 180.0, h: 150.0 },
        CARD,
        CARD,
        Size { w: 500.0, h: 64.0 },
    ];
    let rects = layout(&forest, &sizes, &no_wrap());
    assert_valid(&forest, &rects);
    assert_centred(&forest, &rects);
    // The wide grandchild starts below the tall box and may reach under it.
    assert!(rects[4].y > rects[1].bottom());
    assert!(
        rects[4].x < rects[1].right(),
        "it tucks under: {:?} vs {:?}",
        rects[4],
        rects[1]
    );
}

#[test]
fn a_wide_level_of_leaves_wraps_into_columns() {
    let mut parent = vec![NONE];
    parent.extend(std::iter::repeat_n(0, 40));
    let forest = Forest::from_parents(parent);
    let rects = layout(&forest, &vec![CARD; 41], &Options::default());
    assert_valid(&forest, &rects);
    let width = rects.iter().map(Rect::right).fold(0.0, f64::max);
    let gap = Options::default().spacing.sibling;
    assert!(
        width <= 7.0 * (CARD.w + gap),
        "40 reports in 7 columns, not a row: width {width}"
    );
    let rows: FxHashSet<i64> = rects[1..].iter().map(|r| r.y as i64).collect();
    assert_eq!(rows.len(), 6, "ceil(40 / 7) rows");
    let unwrapped = layout(&forest, &vec![CARD; 41], &no_wrap());
    let wide = unwrapped.iter().map(Rect::right).fold(0.0, f64::max);
    assert!(wide > 5.0 * width);
    // Reports with reports of their own are not wrapped.
    let arranged = wrap_leaves(&forest, 6);
    assert_eq!(arranged.children_of(0).len(), 7);
}

#[test]
fn a_very_deep_chain_lays_out_without_recursion() {
    let n = 200_000u32;
    let parent: Vec<u32> = (0..n).map(|i| if i == 0 { NONE } else { i - 1 }).collect();
    let forest = Forest::from_parents(parent);
    let rects = layout(&forest, &vec![CARD; n as usize], &Options::default());
    assert_eq!(rects.len(), n as usize);
    assert!(rects.iter().all(|r| r.x == rects[0].x));
    assert_valid(&forest, &rects);
}

fn random_forest() -> impl Strategy<Value = (Vec<u32>, Vec<Size>)> {
    (1usize..300).prop_flat_map(|n| {
        let parents = (0..n)
            .map(|i| {
                if i == 0 {
                    Just(NONE).boxed()
                } else {
                    prop_oneof![1 => Just(NONE), 8 => 0..i as u32].boxed()
                }
            })
            .collect::<Vec<_>>();
        let sizes = prop::collection::vec(
            (10.0f64..320.0, 10.0f64..240.0).prop_map(|(w, h)| Size { w, h }),
            n,
        );
        (parents, sizes)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_forests_with_random_sizes_are_tidy((parent, sizes) in random_forest(), wrap in 2usize..12) {
        let forest = Forest::from_parents(parent);
        let plain = layout(&forest, &sizes, &no_wrap());
        assert_valid(&forest, &plain);
        assert_centred(&forest, &plain);
        let options = Options { wrap_from: wrap, ..Options::default() };
        let wrapped = layout(&forest, &sizes, &options);
        assert_valid(&forest, &wrapped);
        assert_centred(&wrap_leaves(&forest, wrap), &wrapped);
    }

    #[test]
    fn spacing_is_kept_between_neighbours((parent, sizes) in random_forest()) {
        let forest = Forest::from_parents(parent);
        let spacing = Spacing { sibling: 30.0, level: 50.0 };
        let rects = layout(&forest, &sizes, &Options { spacing, wrap_from: usize::MAX, ..Options::default() });
        // Grow every box by half the gaps: they still must not overlap.
        let grown: Vec<Rect> = rects
            .iter()
            .map(|r| Rect { x: r.x - 14.9, y: r.y - 24.9, w: r.w + 29.8, h: r.h + 49.8 })
            .collect();
        let flat = Forest::from_parents(vec![NONE; grown.len()]);
        prop_assert!(verify(&flat, &grown).is_empty());
    }
}

#[test]
fn the_built_in_chart_lays_out_at_every_change_date() {
    let chart = govchart::io::builtin().unwrap().chart;
    let days = change_days(&chart);
    assert!(days.len() > 50);
    for day in days {
        let snapshot = Snapshot::at(&chart, day);
        let tree = Tree::from_snapshot(&snapshot, &FxHashSet::default());
        assert_eq!(tree.posts.len(), snapshot.posts.len());
        let rects = layout(
            &tree.forest,
            &vec![CARD; tree.posts.len()],
            &Options::default(),
        );
        assert_valid(&tree.forest, &rects);
    }
}

#[test]
fn collapsing_a_post_hides_its_reports_and_counts_them() {
    let chart = govchart::io::builtin().unwrap().chart;
    let day = govchart::date::Day::from_civil(2019, 6, 20);
    let snapshot = Snapshot::at(&chart, day);
    // From 14 May 2019 the national IT posts answer to NHSX's chief executive.
    let ops = chart.post_id("nhsx-ceo").unwrap();
    let open = Tree::from_snapshot(&snapshot, &FxHashSet::default());
    let node = open.posts.iter().position(|&p| p == ops).unwrap() as u32;
    let below = open.forest.descendants()[node as usize];
    assert!(
        below >= 4,
        "CIO, CCIO, CDO and the architecture lead report up to it"
    );
    let collapsed = Tree::from_snapshot(&snapshot, &[ops].into_iter().collect());
    assert_eq!(collapsed.posts.len(), open.posts.len() - below as usize);
    let node = collapsed.posts.iter().position(|&p| p == ops).unwrap();
    assert_eq!(collapsed.hidden[node], below);
    assert!(!collapsed.posts.contains(&chart.post_id("nhs-cio").unwrap()));
    let rects = layout(
        &collapsed.forest,
        &vec![CARD; collapsed.posts.len()],
        &Options::default(),
    );
    assert_valid(&collapsed.forest, &rects);
}

/// A chart of `posts` posts from `govchart generate`, loaded.
fn generated(posts: usize, seed: u64) -> govchart::model::Chart {
    let file = govchart::generate::generate(posts, seed);
    let text = govchart::generate::to_compact_ron(&file).unwrap();
    govchart::io::load_str(&text, std::path::Path::new("g.ron"))
        .unwrap()
        .chart
}

#[test]
fn generated_charts_lay_out_with_their_invariants() {
    let chart = generated(20_000, 11);
    for year in [2010, 2016, 2022] {
        let snapshot = Snapshot::at(&chart, govchart::date::Day::from_civil(year, 6, 1));
        let tree = Tree::from_snapshot(&snapshot, &FxHashSet::default());
        let sizes: Vec<Size> = (0..tree.posts.len())
            .map(|i| Size {
                w: 120.0 + (i % 7) as f64 * 20.0,
                h: 50.0 + (i % 3) as f64 * 12.0,
            })
            .collect();
        let rects = layout(&tree.forest, &sizes, &Options::default());
        assert_valid(&tree.forest, &rects);
    }
}

#[test]
fn the_verifier_catches_overlaps_and_children_above_parents() {
    use govchart::layout::Violation;
    let forest = Forest::from_parents(vec![NONE, 0, NONE]);
    let rects = [
        Rect {
            x: 0.0,
            y: 100.0,
            w: 50.0,
            h: 50.0,
        },
        Rect {
            x: 0.0,
            y: 0.0,
            w: 50.0,
            h: 50.0,
        },
        Rect {
            x: 40.0,
            y: 120.0,
            w: 50.0,
            h: 50.0,
        },
    ];
    let problems = verify(&forest, &rects);
    assert!(problems.contains(&Violation::ChildAboveParent {
        parent: 0,
        child: 1
    }));
    assert!(
        problems
            .iter()
            .any(|v| matches!(v, Violation::Overlap(0, 2) | Violation::Overlap(2, 0)))
    );
    let missing = verify(&forest, &rects[..2]);
    assert_eq!(missing, [Violation::NotPlaced(2)]);
    let nan = [
        rects[0],
        rects[1],
        Rect {
            x: f64::NAN,
            ..rects[2]
        },
    ];
    assert!(verify(&forest, &nan).contains(&Violation::NotPlaced(2)));
}

#[test]
fn cards_say_who_holds_each_post_and_grow_with_their_text() {
    use govchart::layout::{CardStyle, Occupancy, cards};
    let chart = govchart::io::builtin().unwrap().chart;
    let style = CardStyle::default();
    let at = |y, m, d| {
        let snapshot = Snapshot::at(&chart, govchart::date::Day::from_civil(y, m, d));
        let tree = Tree::from_snapshot(&snapshot, &FxHashSet::default());
        cards(&chart, &snapshot, &tree, &style)
    };
    let cio = chart.post_id("nhs-cio").unwrap();
    let june = at(2019, 6, 20);
    let card = june.iter().find(|c| c.post == cio).unwrap();
    assert_eq!(card.holder, ["Will Smart"]);
    assert_eq!(card.since, ["since Aug 2016"]);
    assert_eq!(card.organisation, "NHS England");
    assert_eq!(card.occupancy, Occupancy::Held);
    let november = at(2019, 11, 1);
    let card = november.iter().find(|c| c.post == cio).unwrap();
    assert_eq!(card.holder, ["VACANT"]);
    assert_eq!(card.since, ["vacant since Sep 2019"]);
    assert_eq!(card.occupancy, Occupancy::Vacant);
    let cdo = chart.post_id("nhse-cdo").unwrap();
    let card = june.iter().find(|c| c.post == cdo).unwrap();
    assert_eq!(card.holder, ["Tara Donnelly (acting)"]);
    assert_eq!(card.occupancy, Occupancy::Acting);
    // The long architecture title wraps onto several lines and makes a taller card.
    let arch = june
        .iter()
        .find(|c| chart.post(c.post).key == "nhse-architecture")
        .unwrap();
    assert!(arch.title.len() >= 3, "{:?}", arch.title);
    let chair = june
        .iter()
        .find(|c| chart.post(c.post).key == "nhse-chair")
        .unwrap();
    assert!(arch.size.h > chair.size.h);
    assert!(june.iter().all(|c| c.size.w >= f64::from(style.min_width)));
    assert!(
        june.iter()
            .all(|c| c.size.w <= f64::from(style.max_text_width + 2.0 * style.padding) + 1e-6)
    );
}

#[test]
fn trees_are_grouped_by_their_roots_organisation() {
    use govchart::layout::{Forest, NONE, Tree};
    use govchart::model::{OrgId, PostId};
    // Roots 0 (org A), 1 (org B), 2 (org A) with a report each: 3 under 0, 4 under 1, 5 under 2.
    let tree = Tree {
        posts: (0..6).map(PostId).collect(),
        forest: Forest::from_parents(vec![NONE, NONE, NONE, 0, 1, 2]),
        hidden: vec![0; 6],
    };
    let (a, b) = (OrgId(0), OrgId(1));
    let (grouped, order) = tree.grouped_by_organisation(&[a, b, a, a, b, a]);
    let roots: Vec<PostId> = grouped
        .forest
        .roots()
        .iter()
        .map(|&r| grouped.posts[r as usize])
        .collect();
    assert_eq!(roots, [PostId(0), PostId(2), PostId(1)]);
    // Each report still hangs under its own manager.
    for (node, &old) in order.iter().enumerate() {
        let p = grouped.forest.parent()[node];
        let was = tree.forest.parent()[old];
        assert_eq!(
            (p != NONE).then(|| grouped.posts[p as usize]),
            (was != NONE).then(|| tree.posts[was as usize])
        );
    }
}

#[test]
fn the_built_in_chart_keeps_near_its_target_shape_at_every_change_date() {
    use govchart::scene::{Theme, chart_at};
    let chart = govchart::io::builtin().unwrap().chart;
    let (from, to) = govchart::timeline::range(&chart);
    let mut worst: f64 = 1.0;
    for day in govchart::timeline::change_days(&chart) {
        if day < from || day > to {
            continue;
        }
        let date = govchart::date::PartialDate::from_day(day);
        let scene = chart_at(&chart, date, Theme::light());
        let shape = scene.width / scene.height;
        let off = (shape / 1.6).max(1.6 / shape);
        worst = worst.max(off);
        assert!(
            off <= 1.5,
            "{date}: {:.0} x {:.0}, {shape:.2}",
            scene.width,
            scene.height
        );
    }
    assert!(worst > 1.0);
}

/// Checks an arrangement as a user sees it: no two cards overlap; every card lies inside
/// its own container; containers nest or stand apart; within a container, a post is below
/// the post it reports to.
fn assert_arranged(
    forest: &Forest,
    groups: &govchart::layout::Groups,
    staff: &[u32],
    out: &govchart::layout::Arrangement,
) {
    let flat = Forest::from_parents(vec![NONE; out.rects.len()]);
    let overlaps = verify(&flat, &out.rects);
    assert!(overlaps.is_empty(), "{:?}", overlaps.first());
    let inside = |a: &Rect, b: &Rect| {
        b.x - 1e-6 <= a.x
            && a.right() <= b.right() + 1e-6
            && b.y - 1e-6 <= a.y
            && a.bottom() <= b.bottom() + 1e-6
    };
    for (node, rect) in out.rects.iter().enumerate() {
        let org = groups.org[groups.of_node[node] as usize];
        let own = out.containers.iter().find(|c| c.org == org);
        if let Some(c) = own {
            assert!(inside(rect, &c.rect), "node {node} in its container");
        }
        let p = forest.parent()[node];
        let beside = staff.get(node) == Some(&p);
        if p != NONE && !beside && groups.of_node[p as usize] == groups.of_node[node] {
            assert!(
                out.rects[p as usize].bottom() <= rect.y + 1e-6,
                "node {node} below its manager"
            );
        }
    }
    // The lines left to route between containers: every node with a manager and no link up
    // to it, and only those.
    let linked: FxHashSet<u32> = out.links.iter().map(|l| l.child).collect();
    let crossing: Vec<u32> = (0..out.rects.len() as u32)
        .filter(|&i| forest.parent()[i as usize] != NONE && !linked.contains(&i))
        .collect();
    assert_eq!(out.crossing, crossing);
    for &child in &out.crossing {
        let parent = forest.parent()[child as usize];
        let beside = staff.get(child as usize) == Some(&parent);
        assert!(
            beside || groups.of_node[parent as usize] != groups.of_node[child as usize],
            "node {child} has no line up to its manager in the same container"
        );
    }
    for (i, a) in out.containers.iter().enumerate() {
        for b in &out.containers[i + 1..] {
            let apart = !a.rect.overlaps(&b.rect);
            assert!(apart || inside(&a.rect, &b.rect) || inside(&b.rect, &a.rect));
        }
    }
}

fn arranged_at(
    chart: &govchart::model::Chart,
    day: govchart::date::Day,
) -> (
    Forest,
    govchart::layout::Groups,
    govchart::layout::Arrangement,
) {
    let snapshot = Snapshot::at(chart, day);
    let tree = Tree::from_snapshot(&snapshot, &FxHashSet::default());
    let orgs = govchart::layout::organisations(&tree, &[&snapshot], &[]);
    let groups = govchart::layout::groups(chart, &[&snapshot], &orgs);
    let sizes: Vec<Size> = (0..tree.posts.len())
        .map(|i| Size {
            w: 120.0 + (i % 7) as f64 * 20.0,
            h: 50.0 + (i % 3) as f64 * 12.0,
        })
        .collect();
    let out = govchart::layout::arrange(&tree.forest, &sizes, &groups, &[], &Options::default());
    (tree.forest, groups, out)
}

#[test]
fn the_built_in_chart_is_arranged_in_containers_at_every_change_date() {
    let chart = govchart::io::builtin().unwrap().chart;
    for day in change_days(&chart) {
        let (forest, groups, out) = arranged_at(&chart, day);
        assert_arranged(&forest, &groups, &[], &out);
    }
}

#[test]
fn generated_charts_are_arranged_without_overlaps_and_near_their_shape() {
    let chart = generated(2_000, 7);
    for year in [2010, 2016, 2022] {
        let (forest, groups, out) =
            arranged_at(&chart, govchart::date::Day::from_civil(year, 6, 1));
        assert_arranged(&forest, &groups, &[], &out);
        assert!(!out.crossing.is_empty(), "{year}: lines between containers");
        let shape = out.size.w / out.size.h;
        assert!(
            shape > 1.6 / 2.0 && shape < 1.6 * 2.0,
            "{year}: {:.0} x {:.0}",
            out.size.w,
            out.size.h
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn random_forests_in_random_containers_are_arranged((parent, sizes) in random_forest(), seed in 0u32..1000) {
        // Up to six groups; a group's parent is a lower-numbered group, nested or not.
        let forest = Forest::from_parents(parent);
        let n = forest.len();
        let g = 1 + (seed as usize % 6);
        let of_node: Vec<u32> = (0..n).map(|i| (i as u32 * 7 + seed) % g as u32).collect();
        let groups = govchart::layout::Groups {
            of_node,
            org: (0..g as u32).map(govchart::model::OrgId).collect(),
            label: (0..g).map(|k| format!("group {k}")).collect(),
            label_width: vec![60.0; g],
            parent: (0..g as u32).map(|k| if k == 0 { NONE } else { (k + seed) % k }).collect(),
            nested: (0..g).map(|k| (k as u32 + seed).is_multiple_of(2)).collect(),
        };
        let staff: Vec<u32> = (0..n as u32).map(|i| if (i + seed) % 9 == 0 && i > 0 { i - 1 } else { NONE }).collect();
        let out = govchart::layout::arrange(&forest, &sizes, &groups, &staff, &Options::default());
        assert_arranged(&forest, &groups, &staff, &out);
    }
}
