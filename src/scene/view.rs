//! The picture the window shows: the chart at a date with posts folded, vacancies hidden or
//! the people who left named, as the user asks; or two dates compared.

use rustc_hash::FxHashSet;

use crate::date::{Day, PartialDate};
use crate::layout::{Occupancy, Tree};
use crate::model::{Chart, PostId};
use crate::scene::{Scene, SceneOptions, Theme, build, compare_in_stages};
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
    /// Compare with this day: mark what changed between it and the day shown.
    pub compare: Option<Day>,
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

/// The picture of `chart` on the snapshot's day as `view` asks (not the kept-places picture;
/// see [`crate::scene::Places`] for that).
pub fn chart_view(chart: &Chart, snapshot: &Snapshot, view: &ViewOptions, theme: Theme) -> Scene {
    let day = snapshot.day;
    let date = PartialDate::from_day(day);
    if let Some(other) = view.compare {
        let (a, b) = (other.min(day), other.max(day));
        let (a, b) = (PartialDate::from_day(a), PartialDate::from_day(b));
        let options = ViewOptions {
            visible: None,
            ..view.clone()
        }
        .scene_options(chart, b, theme);
        return compare_in_stages(chart, a, b, options, |_| {});
    }
    let options = view.scene_options(chart, date, theme);
    let tree = Tree::from_snapshot(snapshot, &view.collapsed);
    let orgs = crate::layout::organisations(&tree, &[snapshot], &[]);
    let (mut tree, _) = tree.grouped_by_organisation(&orgs);
    let mut cards = crate::layout::cards(chart, snapshot, &tree, &options.card_style);
    if view.hide_vacant {
        let keep: Vec<bool> = (0..tree.posts.len())
            .map(|i| {
                cards[i].occupancy != Occupancy::Vacant
                    || !tree.forest.children_of(i as u32).is_empty()
            })
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
    build(chart, snapshot, &tree, &cards, &arranged, &[], &options)
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
