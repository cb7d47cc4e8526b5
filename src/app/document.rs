//! The open chart and what the window derives from it once: the days it changes, its events
//! in date order, its span, and the view it was opened or last saved with.

use std::path::PathBuf;
use std::sync::Arc;

use crate::date::{Day, PartialDate};
use crate::model::{Chart, EventId, View};
use crate::timeline::{change_days, range_within};

/// A chart open in the window.
pub struct Document {
    /// The chart.
    pub chart: Arc<Chart>,
    /// The file it came from; `None` for the built-in chart.
    pub path: Option<PathBuf>,
    /// Every day on which something changes, sorted.
    pub change_days: Vec<Day>,
    /// Events, in date order.
    pub events: Vec<EventId>,
    /// The first and last day of the chart.
    pub span: (Day, Day),
    /// Counts up with every document opened, so cached pictures know they are stale.
    pub generation: u64,
    /// The view as last opened or saved, to tell whether it has changed since.
    pub saved_view: View,
    /// What an imported chart was made from, until it is saved to a file (an import not
    /// yet saved, which closing asks about).
    pub imported_from: Option<String>,
}

impl Document {
    /// Wraps a loaded chart.
    pub fn new(chart: Chart, path: Option<PathBuf>, generation: u64) -> Document {
        let change_days = change_days(&chart);
        let mut events: Vec<EventId> = (0..chart.events.len() as u32).map(EventId).collect();
        events.sort_by_key(|&e| (chart.events[e.index()].date.first_day(), e));
        let span = range_within(&chart, &change_days);
        let saved_view = chart.view.clone().unwrap_or_default();
        Document {
            chart: Arc::new(chart),
            path,
            change_days,
            events,
            span,
            generation,
            saved_view,
            imported_from: None,
        }
    }

    /// The day the window opens on: the saved view's date, else the chart's default date,
    /// else its first day.
    pub fn opening_day(&self) -> Day {
        let date = self.saved_view.date.or(self.chart.info.default_date);
        date.map_or(self.span.0, PartialDate::first_day)
            .clamp(self.span.0, self.span.1)
    }

    /// A name for the title bar and messages.
    pub fn name(&self) -> String {
        match (&self.path, &self.imported_from) {
            (Some(path), _) => file_name(path),
            (None, Some(from)) => format!("chart imported from {from} (not saved)"),
            (None, None) => "built-in chart".to_owned(),
        }
    }
}

/// A file's name without its folder, for titles and messages.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
