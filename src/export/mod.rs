//! The whole chart over time, written for the tools people use next: Popolo JSON, GEXF 1.3
//! (a dynamic graph for Gephi) and CSV (one row per tenure).

mod gexf;
pub mod html;
mod popolo;
mod table;

use crate::model::Chart;

pub use gexf::to_gexf;
pub use popolo::to_popolo;
pub use table::to_csv;

/// The data formats a chart is exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataFormat {
    /// Popolo JSON: persons, organizations, posts, memberships, events.
    Popolo,
    /// GEXF 1.3: posts and people as nodes, lines and tenures as edges, each with its
    /// spells in time.
    Gexf,
    /// CSV, one row per tenure.
    Csv,
}

impl DataFormat {
    /// The format a file name names: `.popolo.json` (or `.json`), `.gexf`, `.csv`.
    pub fn from_path(path: &std::path::Path) -> Option<DataFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".json") {
            Some(DataFormat::Popolo)
        } else if name.ends_with(".gexf") {
            Some(DataFormat::Gexf)
        } else if name.ends_with(".csv") {
            Some(DataFormat::Csv)
        } else {
            None
        }
    }

    /// The chart in this format.
    pub fn encode(self, chart: &Chart) -> Vec<u8> {
        match self {
            DataFormat::Popolo => to_popolo(chart).into_bytes(),
            DataFormat::Gexf => to_gexf(chart).into_bytes(),
            DataFormat::Csv => to_csv(chart).into_bytes(),
        }
    }
}

/// The earliest a date can be, as text: "2020-06" for "2020-06/2020-08".
fn earliest(date: crate::date::PartialDate) -> String {
    let text = date.to_string();
    text.split('/').next().unwrap_or(&text).to_owned()
}

/// The latest a date can be, as text: "2020-08" for "2020-06/2020-08".
fn latest(date: crate::date::PartialDate) -> String {
    let text = date.to_string();
    text.rsplit('/').next().unwrap_or(&text).to_owned()
}
