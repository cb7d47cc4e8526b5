//! Pictures that keep each post's place while the date moves: within a period (a calendar
//! year, cut short where the chart's shape changes; see [`reorganisations`]), every post
//! shown on any day of it has a place of its own, sized for the largest card it has in that
//! period. On a given day, the posts that exist are drawn in their
//! places and the others' places stay empty, so moving the date shows what changed instead
//! of reshuffling the chart.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::date::Day;
use crate::layout::{Arrangement, Card, Groups, NONE, Size, Tree, card, card_titled};
use crate::model::{Chart, LineKind, OrgId, PostId, TenureId};
use crate::scene::build::build_keeping;
use crate::scene::{Mark, Scene, SceneOptions};
use crate::timeline::holding::Phase;
use crate::timeline::{PostView, Snapshot};

/// At most this many days of a period are looked at; past it, the days are spread evenly.
const MOST_DAYS: usize = 48;

/// What a held post's card shows that can change from day to day: its organisation, its
/// holders and the staff counted under it.
type Memo = (OrgId, Vec<(TenureId, Phase)>, Option<u32>);

/// The [`Memo`] of a post that `snapshot` shows, or `None` when the post is vacant (its card
/// says since when, which depends on the day).
fn memo(chart: &Chart, snapshot: &Snapshot, view: &PostView) -> Option<Memo> {
    let holders: Vec<(TenureId, Phase)> = (snapshot.holders_of(view.post).iter())
        .map(|h| (h.tenure, h.phase()))
        .collect();
    let staff = chart.staff_on(view.post, snapshot.day);
    (!holders.is_empty()).then_some((view.organisation, holders, staff))
}

/// Whether a post that `snapshot` shows is held and has the card `key` was made for, without
/// making its [`Memo`]: the test both the period's measuring and each day's reuse go by.
fn memo_matches(chart: &Chart, snapshot: &Snapshot, view: &PostView, key: &Memo) -> bool {
    let (organisation, holders, staff) = key;
    let now = snapshot.holders_of(view.post);
    !now.is_empty()
        && now.len() == holders.len()
        && *organisation == view.organisation
        && *staff == chart.staff_on(view.post, snapshot.day)
        && (now.iter().zip(holders))
            .all(|(h, &(tenure, phase))| h.tenure == tenure && h.phase() == phase)
}

/// The places of one period's posts, computed once and reused for every day in it.
#[derive(Clone, Debug)]
pub struct Places {
    /// The first day of the period and the day after its last.
    pub period: (Day, Day),
    /// The shape the places were laid out for.
    aspect: f64,
    tree: Tree,
    cards: Vec<Card>,
    /// What the arrangement is made from besides the cards, kept for another shape.
    groups: Groups,
    staff: Vec<u32>,
    arranged: Arrangement,
    /// Each post's place, by the post's index in the chart ([`NONE`] for none).
    node: Vec<u32>,
    /// The cards the last picture drew: placeholders but for the places in view, which
    /// `drawn` lists, so a day only touches the cards in view.
    shown: Vec<Card>,
    drawn: Vec<usize>,
    /// Each place's last card with the tenures it showed: a held post's card changes only
    /// when its holders do, so moving the date mostly reuses cards.
    memo: Vec<Option<(Memo, Card)>>,
    /// The last picture's marks, the offset its cards were drawn at and its list of cards
    /// drawn ([`Scene::cards`]): a day that draws the same places keeps the list.
    listed: Option<(Vec<Mark>, (f64, f64), crate::scene::CardList)>,
}

/// The period of kept places that contains `day`: its calendar year, cut short on the days
/// a post changes line manager (see [`reorganisations`]), when the chart's shape changes.
pub fn period_of(chart: &Chart, day: Day) -> (Day, Day) {
    period_among(day, &reorganisations(chart))
}

/// [`period_of`], given the chart's [`reorganisations`] already found.
pub fn period_among(day: Day, reorganisations: &[Day]) -> (Day, Day) {
    let (year, _, _) = day.civil();
    let (mut from, mut to) = (Day::from_civil(year, 1, 1), Day::from_civil(year + 1, 1, 1));
    for &cut in reorganisations {
        if cut <= day {
            from = from.max(cut);
        } else {
            to = to.min(cut);
        }
    }
    (from, to)
}

/// The days on which the chart's shape changes: a post that already had a line manager
/// starts reporting to a different one, a post moves to another organisation, or an
/// organisation comes under another or leaves it. A post cannot keep its place under its old
/// manager, or in its old container, past them.
pub fn reorganisations(chart: &Chart) -> Vec<Day> {
    let mut days = Vec::new();
    for post in &chart.posts {
        days.extend(post.moves.iter().map(|m| m.date.first_day()));
    }
    for org in &chart.organisations {
        for link in &org.parents {
            days.extend(link.start.map(|d| d.first_day()));
            days.extend(link.end.map(|d| d.end_bound()));
        }
    }
    for post in &chart.posts {
        let mut starts: Vec<(Day, PostId)> =
            (chart.lines[post.lines.start as usize..post.lines.end as usize].iter())
                .filter(|l| l.kind == LineKind::ReportsTo)
                .map(|l| (l.start.map_or(Day(i32::MIN), |d| d.first_day()), l.to))
                .collect();
        starts.sort_unstable();
        days.extend(
            starts
                .windows(2)
                .filter(|w| w[0].1 != w[1].1)
                .map(|w| w[1].0),
        );
    }
    days.sort_unstable();
    days.dedup();
    days
}

/// Periods of at least this many places are made on the layout's threads (in unit tests,
/// small ones too, so that the tests see the work shared).
const SIDE_BY_SIDE_FROM: usize = if cfg!(test) { 64 } else { 20_000 };

/// `work` done for `0..n`, in up to `threads` ranges side by side when `n` is large, its
/// results in order as if done at once.
fn side_by_side<T: Send>(
    n: usize,
    threads: usize,
    work: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync,
) -> Vec<T> {
    if threads < 2 || n < SIDE_BY_SIDE_FROM {
        return work(0..n);
    }
    let chunk = n.div_ceil(threads);
    let range = |t: usize| (t * chunk).min(n)..((t + 1) * chunk).min(n);
    std::thread::scope(|scope| {
        let work = &work;
        let helpers: Vec<_> = (1..threads)
            .map(|t| (t, scope.spawn(move || work(range(t)))))
            .collect();
        let mut out = work(range(0));
        for (t, helper) in helpers {
            match helper.join() {
                Ok(part) => out.extend(part),
                Err(_) => out.extend(work(range(t))),
            }
        }
        out
    })
}

/// A place's card with no text, for a place out of view or empty on the day.
fn placeholder(card: &Card) -> Card {
    Card {
        post: card.post,
        title: Vec::new(),
        organisation: String::new(),
        holder: Vec::new(),
        since: Vec::new(),
        occupancy: card.occupancy,
        certainty: None,
        note: None,
        hidden: 0,
        size: card.size,
    }
}

impl Places {
    /// The places for the period around `day`, from the chart on the period's first day and
    /// on every day in it when the chart changes.
    pub fn around(chart: &Chart, day: Day, change_days: &[Day], options: &SceneOptions) -> Places {
        let never = AtomicBool::new(false);
        match Places::around_unless(chart, day, change_days, options, &never) {
            Some(places) => places,
            None => unreachable!("only `stop` stops the making, and nothing sets this one"),
        }
    }

    /// [`Places::around`], given up part way (`None`) once `stop` is set: how places made
    /// ahead of the slider stop when it has gone elsewhere.
    pub fn around_unless(
        chart: &Chart,
        day: Day,
        change_days: &[Day],
        options: &SceneOptions,
        stop: &AtomicBool,
    ) -> Option<Places> {
        let stopped = || stop.load(Ordering::Relaxed);
        let period = period_of(chart, day);
        let inside = change_days.partition_point(|&d| d < period.0)
            ..change_days.partition_point(|&d| d < period.1);
        let inside = &change_days[inside];
        let step = inside.len().div_ceil(MOST_DAYS).max(1);
        let mut days: Vec<Day> = vec![period.0];
        days.extend(inside.iter().step_by(step).copied());
        days.dedup();
        // Latest first: a post hangs where it last hung in the period.
        days.reverse();
        let threads = options.layout.threads;
        let snapshots: Vec<Snapshot> = side_by_side(days.len(), threads, |range| {
            range
                .map_while(|k| (!stopped()).then(|| Snapshot::at(chart, days[k])))
                .collect()
        });
        if stopped() {
            return None;
        }
        let refs: Vec<&Snapshot> = snapshots.iter().collect();
        let (tree, sources) = Tree::union(&refs);
        let orgs = crate::layout::organisations(&tree, &refs, &sources);
        let (tree, order) = tree.grouped_by_organisation(&orgs);
        let sources: Vec<u8> = order.iter().map(|&i| sources[i]).collect();
        let mut node = vec![NONE; chart.posts.len()];
        for (i, &p) in tree.posts.iter().enumerate() {
            node[p.index()] = i as u32;
        }
        let place = |post: PostId| node.get(post.index()).filter(|&&i| i != NONE);
        let style = &options.card_style;
        let posts = &tree.posts;
        let mut cards: Vec<Card> = side_by_side(posts.len(), threads, |range| {
            range
                .map(|i| {
                    card(
                        chart,
                        &snapshots[usize::from(sources[i])],
                        posts[i],
                        0,
                        style,
                    )
                })
                .collect()
        });
        // Each place is as large as the post's largest card in the period. A held post's
        // card is measured again only on days its holders, organisation or staff differ
        // from the day it was last measured. Places are measured apart, so a range of them
        // can be measured on a thread of its own.
        let sizes: Vec<Size> = side_by_side(cards.len(), threads, |range| {
            let mut sizes: Vec<Size> = cards[range.clone()].iter().map(|c| c.size).collect();
            let mut measured: Vec<Option<Memo>> = vec![None; range.len()];
            for (snapshot, at) in snapshots.iter().zip(0u8..) {
                if stopped() {
                    break;
                }
                for view in &snapshot.posts {
                    let Some(&i) = place(view.post) else { continue };
                    let i = i as usize;
                    if !range.contains(&i) {
                        continue;
                    }
                    let k = i - range.start;
                    let seen = measured[k].as_ref();
                    if seen.is_some_and(|key| memo_matches(chart, snapshot, view, key)) {
                        continue;
                    }
                    let size = if sources[i] == at {
                        cards[i].size
                    } else {
                        card(chart, snapshot, view.post, 0, style).size
                    };
                    measured[k] = memo(chart, snapshot, view);
                    let slot = &mut sizes[k];
                    *slot = Size {
                        w: slot.w.max(size.w),
                        h: slot.h.max(size.h),
                    };
                }
            }
            sizes
        });
        if stopped() {
            return None;
        }
        for (card, size) in cards.iter_mut().zip(sizes) {
            card.size = size;
        }
        let (groups, staff) = crate::scene::build::arrangement_parts(chart, &refs, &tree, &sources);
        let sizes: Vec<Size> = cards.iter().map(|c| c.size).collect();
        let arranged =
            crate::layout::arrange(&tree.forest, &sizes, &groups, &staff, &options.layout);
        let memo = vec![None; cards.len()];
        let shown = cards.iter().map(placeholder).collect();
        Some(Places {
            period,
            aspect: options.layout.aspect,
            tree,
            cards,
            groups,
            staff,
            arranged,
            node,
            shown,
            drawn: Vec::new(),
            memo,
            listed: None,
        })
    }

    /// The same places laid out again for another shape (width over height): the cards and
    /// their containers stay, only the arrangement is made again.
    pub fn reshape(&mut self, aspect: f64, options: &SceneOptions) {
        let layout = crate::layout::Options {
            aspect,
            ..options.layout
        };
        let sizes: Vec<Size> = self.cards.iter().map(|c| c.size).collect();
        self.arranged = crate::layout::arrange(
            &self.tree.forest,
            &sizes,
            &self.groups,
            &self.staff,
            &layout,
        );
        self.aspect = aspect;
        self.listed = None;
    }

    /// The shape (width over height) the places were laid out for.
    pub fn aspect(&self) -> f64 {
        self.aspect
    }

    /// Whether `day` falls in this period.
    pub fn covers(&self, day: Day) -> bool {
        self.period.0 <= day && day < self.period.1
    }

    /// The picture of `snapshot`'s day with every post in its place, or `None` when a post
    /// that exists that day has no place, a different manager or a larger card (a day the
    /// period's sampling missed), for the caller to lay the day out on its own.
    pub fn scene(
        &mut self,
        chart: &Chart,
        snapshot: &Snapshot,
        options: &SceneOptions,
    ) -> Option<Scene> {
        // Places out of view need no text: the last day's cards in view go back to plain
        // placeholders.
        for &i in &self.drawn {
            self.shown[i] = placeholder(&self.cards[i]);
        }
        self.drawn.clear();
        let mut marks = vec![Mark::Ghost; self.cards.len()];
        for view in &snapshot.posts {
            let i = *self.node.get(view.post.index()).filter(|&&i| i != NONE)? as usize;
            // A post hangs under its manager of the day; where it has none that day, under
            // its manager of other days, with no line between them.
            let parent = self.tree.forest.parent()[i];
            let manager = (parent != crate::layout::NONE).then(|| self.tree.posts[parent as usize]);
            let fits = match (view.reports_to, manager) {
                (Some(today), Some(placed)) => today == placed,
                (Some(_), None) => false,
                // Placed under its manager of other days, without a line.
                (None, Some(_)) => true,
                (None, None) => true,
            };
            if !fits {
                return None;
            }
            marks[i] = Mark::Same;
            // Out of view: drawn by nobody, so its text is not made.
            let (dx, dy) = options.body_offset();
            let placed = self.arranged.rects[i].moved(dx, dy);
            let in_view = options.visible.is_none_or(|v| v.overlaps(&placed));
            if !in_view {
                continue;
            }
            // A vacant card says since when, which depends on the day: always made anew.
            let reuse = (self.memo[i].as_ref())
                .is_some_and(|(shown, _)| memo_matches(chart, snapshot, view, shown));
            let now = match (reuse, &self.memo[i]) {
                (true, Some((_, card))) => card.clone(),
                _ => {
                    let title = self.cards[i].title.clone();
                    let style = &options.card_style;
                    let mut now = card_titled(chart, snapshot, view.post, 0, style, title);
                    let slot = self.cards[i].size;
                    if now.size.w > slot.w + 1e-9 || now.size.h > slot.h + 1e-9 {
                        return None;
                    }
                    now.size = slot;
                    if let Some(key) = memo(chart, snapshot, view) {
                        self.memo[i] = Some((key, now.clone()));
                    }
                    now
                }
            };
            self.shown[i] = now;
            self.drawn.push(i);
        }
        let offset = options.body_offset();
        let listed = (self.listed.take())
            .filter(|(last, at, _)| *last == marks && *at == offset)
            .map(|(_, _, listed)| listed);
        let scene = build_keeping(
            chart,
            snapshot,
            &self.tree,
            &self.shown,
            &self.arranged,
            &marks,
            options,
            listed,
        );
        self.listed = Some((marks, offset, scene.cards.clone()));
        Some(scene)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;
    use crate::scene::{Theme, ViewOptions};

    #[test]
    fn places_made_on_several_threads_are_those_made_on_one() {
        let (chart, day, days, plain) = generated(1_500, 6);
        let on = |threads: usize| {
            let mut options = plain.clone();
            options.layout.threads = threads;
            (Places::around(&chart, day, &days, &options), options)
        };
        let (mut one, options) = on(1);
        for threads in [2, 3] {
            let (mut many, _) = on(threads);
            assert_eq!(many.cards, one.cards, "{threads} threads");
            assert_eq!(many.arranged, one.arranged, "{threads} threads");
            let snapshot = Snapshot::at(&chart, day);
            let (a, b) = (
                many.scene(&chart, &snapshot, &options),
                one.scene(&chart, &snapshot, &options),
            );
            assert!(a.is_some());
            assert_eq!(a.map(|s| s.items), b.map(|s| s.items));
        }
        // Some cards were measured larger on another day of the period than on the day
        // they were made for: the measuring is what the threads share.
        let fresh = |i: usize| {
            let snapshot = Snapshot::at(&chart, day);
            card(&chart, &snapshot, one.tree.posts[i], 0, &options.card_style).size
        };
        assert!((0..one.cards.len()).any(|i| one.cards[i].size.w > fresh(i).w + 1.0));
    }

    /// A generated chart on 20 June 2019: its change days and the plain picture's options.
    fn generated(posts: usize, seed: u64) -> (Chart, Day, Vec<Day>, SceneOptions) {
        let chart = crate::generate::chart(posts, seed);
        let day = Day::from_civil(2019, 6, 20);
        let days = crate::timeline::change_days(&chart);
        let options = ViewOptions::default().scene_options(
            &chart,
            PartialDate::from_day(day),
            Theme::light(),
        );
        (chart, day, days, options)
    }

    #[test]
    fn a_view_of_part_of_the_places_draws_its_cards_as_the_whole_does() {
        let (chart, day, days, whole) = generated(1_500, 6);
        let mut places = Places::around(&chart, day, &days, &whole);
        let snapshot = Snapshot::at(&chart, day);
        let all = places.scene(&chart, &snapshot, &whole);
        let Some(all) = all else {
            panic!("the day fits its places")
        };
        let view = crate::layout::Rect {
            x: all.width * 0.3,
            y: 0.0,
            w: all.width * 0.2,
            h: all.height * 0.6,
        };
        let part_options = SceneOptions {
            visible: Some(view),
            ..whole.clone()
        };
        let Some(part) = places.scene(&chart, &snapshot, &part_options) else {
            panic!("the day fits its places")
        };
        assert_eq!(part.cards, all.cards);
        let mut drawn = 0;
        for (k, (_, rect)) in all.cards.iter().enumerate() {
            let (a, b) = (
                &all.items[all.card_items[k].clone()],
                &part.items[part.card_items[k].clone()],
            );
            if view.overlaps(rect) {
                assert_eq!(a, b, "card {k}");
                drawn += 1;
            } else {
                assert!(b.is_empty(), "card {k} is out of view");
            }
        }
        assert!(drawn > 10, "{drawn} cards in view");
    }

    #[test]
    fn a_day_that_draws_the_same_places_keeps_the_list_of_cards_and_others_make_theirs() {
        // The built-in chart, whose posts come and go within its years.
        let Ok(builtin) = crate::io::builtin() else {
            panic!("the built-in chart loads")
        };
        let chart = builtin.chart;
        let days = crate::timeline::change_days(&chart);
        let options = ViewOptions::default().scene_options(
            &chart,
            PartialDate::from_day(days[0]),
            Theme::light(),
        );
        let (mut kept, mut changed) = (0, 0);
        let mut places: Option<Places> = None;
        let mut last: Option<Scene> = None;
        for &d in &days {
            if !places.as_ref().is_some_and(|p| p.covers(d)) {
                places = Some(Places::around(&chart, d, &days, &options));
                last = None;
            }
            let Some(places) = places.as_mut() else {
                continue;
            };
            let snapshot = Snapshot::at(&chart, d);
            let Some(scene) = places.scene(&chart, &snapshot, &options) else {
                continue;
            };
            // The same list as places made afresh for the day draw.
            let mut fresh = Places::around(&chart, d, &days, &options);
            let made = fresh.scene(&chart, &snapshot, &options);
            assert_eq!(made.map(|m| m.cards), Some(scene.cards.clone()), "{d:?}");
            if let Some(last) = &last {
                if std::sync::Arc::ptr_eq(&last.cards, &scene.cards) {
                    kept += 1;
                } else if last.cards != scene.cards {
                    changed += 1;
                }
            }
            last = Some(scene);
        }
        assert!(kept > 0 && changed > 0, "{kept} kept, {changed} changed");
    }

    #[test]
    fn places_stop_being_made_when_told_to() {
        let (chart, day, days, options) = generated(300, 2);
        let stop = AtomicBool::new(true);
        assert!(Places::around_unless(&chart, day, &days, &options, &stop).is_none());
        stop.store(false, Ordering::Relaxed);
        let made = Places::around_unless(&chart, day, &days, &options, &stop);
        let whole = Places::around(&chart, day, &days, &options);
        assert_eq!(
            made.map(|p| (p.cards, p.arranged)),
            Some((whole.cards, whole.arranged))
        );
    }

    #[test]
    fn work_shared_between_threads_comes_back_in_order() {
        for (n, threads) in [(0, 2), (10, 2), (64, 2), (65, 3), (1000, 4), (999, 1)] {
            let out = side_by_side(n, threads, |range| range.map(|i| i * 3).collect());
            assert_eq!(
                out,
                (0..n).map(|i| i * 3).collect::<Vec<_>>(),
                "{n} on {threads}"
            );
        }
    }

    #[test]
    fn places_reshaped_for_another_shape_are_those_made_for_it() {
        let chart = crate::io::builtin()
            .map(|l| l.chart)
            .unwrap_or_else(|e| panic!("{e}"));
        let day = Day::from_civil(2019, 11, 1);
        let days = crate::timeline::change_days(&chart);
        let options = |aspect: f64| {
            ViewOptions {
                aspect,
                ..ViewOptions::default()
            }
            .scene_options(&chart, PartialDate::from_day(day), Theme::light())
        };
        let mut reshaped = Places::around(&chart, day, &days, &options(1.6));
        let wide = Places::around(&chart, day, &days, &options(3.0));
        assert_ne!(
            reshaped.arranged, wide.arranged,
            "the shape changes the arrangement"
        );
        reshaped.reshape(3.0, &options(1.6));
        assert_eq!(reshaped.arranged, wide.arranged);
        assert_eq!(reshaped.aspect(), 3.0);
        let snapshot = Snapshot::at(&chart, day);
        let (a, b) = (
            reshaped.scene(&chart, &snapshot, &options(3.0)),
            wide.clone().scene(&chart, &snapshot, &options(3.0)),
        );
        assert!(a.is_some());
        assert_eq!(a.map(|s| s.cards), b.map(|s| s.cards));
    }

    #[test]
    fn a_card_matches_its_key_exactly_when_the_key_made_again_is_the_same() {
        let chart = crate::generate::chart(600, 9);
        let days = crate::timeline::change_days(&chart);
        let snapshots: Vec<Snapshot> = (days.iter().step_by(days.len() / 12 + 1))
            .map(|&d| Snapshot::at(&chart, d))
            .collect();
        let (mut same, mut differ) = (0, 0);
        for pair in snapshots.windows(2) {
            for view in &pair[1].posts {
                let Some(before) = pair[0].post(view.post) else {
                    continue;
                };
                let Some(key) = memo(&chart, &pair[0], before) else {
                    continue;
                };
                let again = memo(&chart, &pair[1], view);
                let matches = memo_matches(&chart, &pair[1], view, &key);
                assert_eq!(matches, again.as_ref() == Some(&key), "{:?}", view.post);
                if matches { same += 1 } else { differ += 1 }
            }
        }
        assert!(
            same > 0 && differ > 0,
            "both cases met: {same} same, {differ} differ"
        );
    }
}
