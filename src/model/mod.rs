//! The chart over all of time: organisations, posts and people as nodes of a petgraph graph,
//! with dated part-of, belongs-to, line and holds edges, typed ids and lookups by id, and
//! the view the chart was saved with.

mod chart;
mod checks;
mod entities;
mod ids;
mod interner;
mod kinds;
mod span;
mod view;

pub use chart::{Chart, ChartGraph, ChartInfo, ChartParts, Edge, Node, Relation};
pub use checks::{Finding, Ignore, Location, Severity, check};
pub use entities::{
    Cites, Detail, Event, EventKind, Fact, Line, Organisation, ParentLink, Person, Post, PostMove,
    Source, Staff, Tenure, TenureWords,
};
pub use ids::{Entity, EventId, LineId, OrgId, PersonId, PostId, SourceId, TenureId};
pub use interner::{Interner, hash_id};
pub use kinds::{Certainty, LineKind};
pub use span::Span;
pub use view::View;
