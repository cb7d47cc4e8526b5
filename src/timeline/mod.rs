//! Views of a chart at one date, comparisons between dates, and the dates worth stopping at.

mod changes;
mod diff;
pub mod holding;
mod snapshot;

pub use changes::{change_days, next_change, previous_change, range, range_within};
pub use diff::{Change, Diff, diff, post_name};
pub use snapshot::{Boundaries, Holder, LineView, OrgView, PostView, Snapshot};
