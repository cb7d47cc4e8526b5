//! Writes charts as pretty RON, atomically: a temporary file beside the target, then a
//! rename, so a failure never leaves a half-written chart.

use std::io::Write;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::io::unresolve::unresolve;
use crate::model::Chart;

/// Why a chart could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Writing or renaming failed; the target is untouched.
    #[error("{}: cannot save the chart: {source}", path.display())]
    Write {
        /// The target file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The chart could not be written as RON.
    #[error("{}: cannot write the chart as RON: {source}", path.display())]
    Serialize {
        /// The target file.
        path: PathBuf,
        /// What ron said.
        source: ron::Error,
    },
}

/// The chart as pretty RON text, in the documented format: each item's fields on lines of
/// their own, and its lines, tenures and parent links one to a line.
pub fn to_ron(chart: &Chart) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .depth_limit(4)
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default().to_string_pretty(&unresolve(chart), config)?;
    text.push('\n');
    Ok(text)
}

/// Saves a chart to `path` atomically.
pub fn save_file(chart: &Chart, path: &Path) -> Result<(), SaveError> {
    let text = to_ron(chart).map_err(|source| SaveError::Serialize {
        path: path.to_owned(),
        source,
    })?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes `bytes` to a temporary file in `path`'s folder, flushes it to disk, then renames
/// it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".govchart-save-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}
