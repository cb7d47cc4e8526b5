//! Small closed vocabularies shared by the model and the file format.

use serde::{Deserialize, Serialize};

/// How sure the chart is of a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Certainty {
    /// Confirmed by an official statement, or several outlets agree.
    Confirmed,
    /// Reported by one outlet.
    Reported,
    /// Expected at the time of the source, not yet confirmed.
    Expected,
}

impl Certainty {
    /// Lower-case name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Confirmed => "confirmed",
            Certainty::Reported => "reported",
            Certainty::Expected => "expected",
        }
    }
}

/// The kind of a line between two posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum LineKind {
    /// Line management: the primary line, drawn solid.
    ReportsTo,
    /// Accountable to, or a dotted line: drawn dashed.
    AccountableTo,
    /// Oversees the work of the subject post's body ("is overseen by").
    OverseenBy,
    /// Co-chairs a board with the other post.
    CoChairs,
    /// Deputises for the other post.
    DeputyFor,
    /// Advises the holder of the other post (a special adviser, a private office).
    Advises,
}

impl LineKind {
    /// Lower-case name, as in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::ReportsTo => "reports_to",
            LineKind::AccountableTo => "accountable_to",
            LineKind::OverseenBy => "overseen_by",
            LineKind::CoChairs => "co_chairs",
            LineKind::DeputyFor => "deputy_for",
            LineKind::Advises => "advises",
        }
    }

    /// The phrase used in sentences: "reports to", "co-chairs with".
    pub fn phrase(self) -> &'static str {
        match self {
            LineKind::ReportsTo => "reports to",
            LineKind::AccountableTo => "is accountable to",
            LineKind::OverseenBy => "is overseen by",
            LineKind::CoChairs => "co-chairs with",
            LineKind::DeputyFor => "deputises for",
            LineKind::Advises => "advises",
        }
    }
}
