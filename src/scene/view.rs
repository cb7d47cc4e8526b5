//! One request for a picture, as the window and every export make it: this chart, on this
//! date, with posts folded, vacancies hidden or the people who left named, as the user asks,
//! or compared with another date.

use rustc_hash::FxHashSet;

use crate::date::{Day, PartialDate};
use crate::layout::{Occupancy, Tree};
use crate::model::{Chart, PostId};
use crate::scene::compare::compare_in_stages;
use crate::scene::{Scene, SceneOptions, Theme, build};
use crate::timeline::Snapshot;

/// What the user has asked to see.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewOptions {
    /// Posts whose reports are folded into them.
    pub collapsed: FxHashSet<PostId>,
    /// Leave out vacant posts that have no one reporting to them.
    pub hide_vacant: bool,
    /// Name, on each card, the holder before the current one (or before the vacancy).
    pub departed: bool,
    /// Compare with this date: mark what changed between it and the date shown.
    pub compare: Option<PartialDate>,
    /// Grid cells to spend routing dashed lines (see [`SceneOptions::route_budget`]).
    pub route_budget: usize,
    /// The part of the picture wanted (see [`SceneOptions::visible`]).
    pub visible: Option<crate::layout::Rect>,
    /// Title, legend and footer (see [`SceneOptions::chrome`]).
    pub chrome: bool,
    /// The shape to lay the chart out for, width over height (see
    /// [`crate::layout::Options::aspect`]).
    pub aspect: f64,
    /// Which dashed lines to draw (see [`SceneOptions::lines`]).
    pub lines: crate::scene::OtherLines,
    /// The selected post (see [`SceneOptions::selected`]).
    pub selected: Option<PostId>,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            collapsed: FxHashSet::default(),
            hide_vacant: false,
            departed: false,
            compare: None,
            route_budget: crate::scene::EXPORT_ROUTE_BUDGET,
            visible: None,
            chrome: true,
            aspect: crate::layout::Options::default().aspect,
            lines: crate::scene::OtherLines::All,
            selected: None,
        }
    }
}

impl ViewOptions {
    /// Whether this is the plain picture, which keeps places across the year.
    pub fn is_plain(&self) -> bool {
        self.collapsed.is_empty() && !self.hide_vacant && !self.departed && self.compare.is_none()
    }

    /// The scene options for a picture of `chart` on `date` as these options ask.
    pub fn scene_options(&self, chart: &Chart, date: PartialDate, theme: Theme) -> SceneOptions {
        let mut options = SceneOptions::for_date(chart, date, theme);
        if !self.chrome {
            options = options.bare();
        }
        options.route_budget = self.route_budget;
        options.visible = self.visible;
        options.layout.aspect = self.aspect;
        options.lines = self.lines;
        options.selected = self.selected;
        options
    }
}

/// The picture of a chart on a date, seen as asked: what the window shows and what every
/// export writes.
#[derive(Clone, Debug)]
pub struct Picture<'c> {
    /// The chart.
    pub chart: &'c Chart,
    /// The date, at the precision the picture's subtitle gives it ("As of 2019").
    pub date: PartialDate,
    /// How it is seen.
    pub view: ViewOptions,
    /// Its colours.
    pub theme: Theme,
}

impl<'c> Picture<'c> {
    /// The plain picture of `chart` on `date`.
    pub fn new(chart: &'c Chart, date: PartialDate, theme: Theme) -> Picture<'c> {
        Picture {
            chart,
            date,
            view: ViewOptions::default(),
            theme,
        }
    }

    /// The scene.
    pub fn scene(&self) -> Scene {
        self.scene_in_stages(|_| {})
    }

    /// The scene, calling `stage` with the name of each stage as it finishes: `snapshot`,
    /// `layout` (tree, cards and positions) and `scene`.
    pub fn scene_in_stages(&self, mut stage: impl FnMut(&str)) -> Scene {
        if let Some(other) = self.view.compare {
            return self.compared(other, stage);
        }
        let snapshot = Snapshot::at(self.chart, self.date.first_day());
        stage("snapshot");
        let theme = self.theme.clone();
        chart_view(
            self.chart, &snapshot, self.date, &self.view, theme, &mut stage,
        )
    }

    /// The scene of the picture's chart from a snapshot of it already made (for the date's
    /// first day), when not comparing.
    pub fn scene_of(&self, snapshot: &Snapshot) -> Scene {
        if let Some(other) = self.view.compare {
            return self.compared(other, |_| {});
        }
        let theme = self.theme.clone();
        chart_view(
            self.chart,
            snapshot,
            self.date,
            &self.view,
            theme,
            &mut |_| {},
        )
    }

    /// The later of the two dates, marked with what changed since the earlier.
    fn compared(&self, other: PartialDate, stage: impl FnMut(&str)) -> Scene {
        let (before, after) = if other.first_day() <= self.date.first_day() {
            (other, self.date)
        } else {
            (self.date, other)
        };
        let options = ViewOptions {
            visible: None,
            ..self.view.clone()
        }
        .scene_options(self.chart, after, self.theme.clone());
        compare_in_stages(self.chart, before, after, options, stage)
    }
}

/// The picture of `chart` on the snapshot's day as `view` asks, not comparing (not the
/// kept-places picture; see [`crate::scene::Places`] for that).
fn chart_view(
    chart: &Chart,
    snapshot: &Snapshot,
    date: PartialDate,
    view: &ViewOptions,
    theme: Theme,
    stage: &mut dyn FnMut(&str),
) -> Scene {
    let day = snapshot.day;
    let options = view.scene_options(chart, date, theme);
    let tree = Tree::from_snapshot(snapshot, &view.collapsed);
    let orgs = crate::layout::organisations(&tree, &[snapshot], &[]);
    let (mut tree, _) = tree.grouped_by_organisation(&orgs);
    let mut cards = crate::layout::cards(chart, snapshot, &tree, &options.card_style);
    if view.hide_vacant {
        let keep: Vec<bool> = (0..tree.posts.len())
            .map(|i| cards[i].occupancy != Occupancy::Vacant || !tree.forest.is_leaf(i as u32))
            .collect();
        if keep.iter().any(|k| !k) {
            let hidden: FxHashSet<PostId> = (0..keep.len())
                .filter(|&i| !keep[i])
                .map(|i| tree.posts[i])
                .collect();
            tree = without(&tree, &hidden);
            cards.retain(|c| !hidden.contains(&c.post));
        }
    }
    if view.departed {
        for card in &mut cards {
            if let Some(note) = before(chart, card.post, day) {
                card.note = Some(note);
                card.measure(&options.card_style);
            }
        }
    }
    let arranged =
        crate::scene::build::arrangement(chart, &[snapshot], &tree, &[], &cards, &options);
    stage("layout");
    let scene = build(chart, snapshot, &tree, &cards, &arranged, &[], &options);
    stage("scene");
    scene
}

/// The tree without some of its leaves.
fn without(tree: &Tree, leaves: &FxHashSet<PostId>) -> Tree {
    let kept: Vec<usize> = (0..tree.posts.len())
        .filter(|&i| !leaves.contains(&tree.posts[i]))
        .collect();
    tree.nodes(&kept)
}

/// "before: Will Smart, to Sep 2019": the last holder of a post who left by `day`.
fn before(chart: &Chart, post: PostId, day: Day) -> Option<String> {
    let last = (chart.tenures_of(post).into_iter())
        .map(|t| chart.tenure(t))
        .filter(|t| t.end.is_some_and(|end| end.end_bound() <= day))
        .max_by_key(|t| t.end.map(|e| e.end_bound()))?;
    let end = last.end?;
    Some(format!(
        "before: {}, to {}",
        chart.person(last.person).name,
        end.human()
    ))
}
