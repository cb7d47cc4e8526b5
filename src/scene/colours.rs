//! Which colour each organisation gets. An organisation keeps its colour at every date, and
//! organisations that exist at the same time get different colours while the palette lasts,
//! so the slider never repaints an organisation.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::date::Day;
use crate::model::Chart;

/// Each organisation's colour slot (an index into a palette of `palette` colours), in chart
/// order: a sweep through time that gives each organisation, as it is founded, the colour
/// fewest living organisations have.
///
/// ```
/// let chart = govchart::io::builtin()?.chart;
/// let slots = govchart::scene::organisation_slots(&chart, 7);
/// assert_eq!(slots.len(), chart.organisations.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn organisation_slots(chart: &Chart, palette: usize) -> Vec<usize> {
    let palette = palette.max(1);
    let span = |i: usize| {
        let org = &chart.organisations[i];
        (
            org.founded.map_or(Day(i32::MIN), |d| d.first_day()),
            org.dissolved.map_or(Day::OPEN, |d| d.end_bound()),
        )
    };
    let mut order: Vec<usize> = (0..chart.organisations.len()).collect();
    order.sort_by_key(|&i| (span(i).0, i));
    let mut slots = vec![0; order.len()];
    let mut users = vec![0usize; palette];
    let mut living: BinaryHeap<Reverse<(Day, usize)>> = BinaryHeap::new();
    for i in order {
        let (start, end) = span(i);
        while let Some(&Reverse((ends, slot))) = living.peek() {
            if ends > start {
                break;
            }
            users[slot] -= 1;
            living.pop();
        }
        let slot = (0..palette).min_by_key(|&s| (users[s], s)).unwrap_or(0);
        users[slot] += 1;
        living.push(Reverse((end, slot)));
        slots[i] = slot;
    }
    slots
}
