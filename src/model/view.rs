//! How a chart was last shown: the date, the folded posts and the date compared with.

use crate::date::PartialDate;
use crate::model::PostId;

/// What the window showed when the chart was saved, so that opening the file shows it again.
///
/// A chart file holds it in its optional top-level `view` field; a file without one loads
/// with [`crate::model::Chart::view`] set to `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// The date shown; `None` leaves the choice to the chart's `default_date`.
    pub date: Option<PartialDate>,
    /// The posts whose subtrees are folded, in the order the file lists them.
    pub collapsed: Vec<PostId>,
    /// The other date, when two dates are compared; `None` when they are not.
    pub compare: Option<PartialDate>,
}
