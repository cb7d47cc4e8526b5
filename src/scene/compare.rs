//! The difference between two dates on one picture: posts new by the later date, posts gone
//! since the earlier one, and posts whose holder changed, marked on the later date's chart.

use crate::date::PartialDate;
use crate::layout::{Card, Tree, card};
use crate::model::{Chart, PostId, TenureId};
use crate::scene::{Mark, Scene, SceneOptions, Theme, build};
use crate::timeline::Snapshot;

/// The cards of a comparison, in the union tree's node order, with their marks.
pub struct Compared {
    /// Posts shown on either date; each hangs where the later date puts it, if it exists
    /// then.
    pub tree: Tree,
    /// Each post's card: on the later date, or on the earlier one for posts gone since.
    pub cards: Vec<Card>,
    /// How each card is marked.
    pub marks: Vec<Mark>,
    /// Which date each node is drawn from: 0 for the later, 1 for the earlier.
    pub sources: Vec<u8>,
}

/// The tenures that hold a post on a snapshot's day.
fn holders(snapshot: &Snapshot, post: PostId) -> Vec<TenureId> {
    snapshot.holders_of(post).iter().map(|h| h.tenure).collect()
}

/// Compares `before` with `after`: the union of their posts, marked.
pub fn compare(
    chart: &Chart,
    before: &Snapshot,
    after: &Snapshot,
    options: &SceneOptions,
) -> Compared {
    let (tree, sources) = Tree::union(&[after, before]);
    let orgs = crate::layout::organisations(&tree, &[after, before], &sources);
    let (tree, order) = tree.grouped_by_organisation(&orgs);
    let sources: Vec<u8> = order.iter().map(|&i| sources[i]).collect();
    let style = &options.card_style;
    let mut cards = Vec::with_capacity(tree.posts.len());
    let mut marks = Vec::with_capacity(tree.posts.len());
    for (&post, &source) in tree.posts.iter().zip(&sources) {
        if source == 1 {
            cards.push(card(chart, before, post, 0, style));
            marks.push(Mark::Removed);
            continue;
        }
        let mut now = card(chart, after, post, 0, style);
        let mark = if before.position(post).is_none() {
            Mark::Added
        } else if holders(before, post) != holders(after, post) {
            let then: Vec<&str> = (before.holders_of(post).iter())
                .map(|h| chart.person(h.person).name.as_str())
                .collect();
            let then = if then.is_empty() {
                "vacant".to_owned()
            } else {
                then.join(" and ")
            };
            now.note = Some(format!("was {then}"));
            now.measure(style);
            Mark::Changed
        } else {
            Mark::Same
        };
        cards.push(now);
        marks.push(mark);
    }
    Compared {
        tree,
        cards,
        marks,
        sources,
    }
}

/// The picture of the chart on `after`, marked with what changed since `before`.
pub fn compare_at(chart: &Chart, before: PartialDate, after: PartialDate, theme: Theme) -> Scene {
    let mut picture = crate::scene::Picture::new(chart, after, theme);
    picture.view.compare = Some(before);
    picture.scene()
}

/// [`compare_at`] with `options` (as [`SceneOptions::for_date`] gives them for `after`,
/// perhaps changed), calling `stage` as each stage finishes, as
/// [`crate::scene::Picture::scene_in_stages`] does.
pub(crate) fn compare_in_stages(
    chart: &Chart,
    before: PartialDate,
    after: PartialDate,
    mut options: SceneOptions,
    mut stage: impl FnMut(&str),
) -> Scene {
    options.subtitle = format!(
        "Changes from {} to {}, shown as of {}",
        before.human(),
        after.human(),
        after.human()
    );
    options.compare = true;
    let earlier = Snapshot::at(chart, before.first_day());
    let later = Snapshot::at(chart, after.first_day());
    stage("snapshot");
    let compared = compare(chart, &earlier, &later, &options);
    let arranged = crate::scene::build::arrangement(
        chart,
        &[&later, &earlier],
        &compared.tree,
        &compared.sources,
        &compared.cards,
        &options,
    );
    stage("layout");
    let scene = build(
        chart,
        &later,
        &compared.tree,
        &compared.cards,
        &arranged,
        &compared.marks,
        &options,
    );
    stage("scene");
    scene
}
