//! Writes charts as pretty RON, atomically: a temporary file beside the target, then a
//! rename, so a failure never leaves a half-written chart.

use std::io::Write;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::io::unresolve::unresolve;
use crate::model::{Chart, View};

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
/// their own, and its lines, tenures and parent links one to a line. Its
/// [`Chart::view`], if it has one, is written too.
pub fn to_ron(chart: &Chart) -> Result<String, ron::Error> {
    ron_text(chart, chart.view.as_ref())
}

fn ron_text(chart: &Chart, view: Option<&View>) -> Result<String, ron::Error> {
    file_to_ron(&unresolve(chart, view))
}

/// A chart file as pretty RON text, laid out as [`to_ron`] lays out a chart.
pub fn file_to_ron(file: &crate::io::format::ChartFile<'_>) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .depth_limit(4)
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default().to_string_pretty(file, config)?;
    text.push('\n');
    Ok(text)
}

/// Saves a chart to `path` atomically, with its [`Chart::view`] if it has one.
pub fn save_file(chart: &Chart, path: &Path) -> Result<(), SaveError> {
    save(chart, chart.view.as_ref(), path)
}

/// Saves a chart to `path` atomically with `view` as its view, whatever [`Chart::view`]
/// holds: how the window saves what it shows without changing or copying the chart.
///
/// Posts in `view.collapsed` that the chart does not have are left out.
pub fn save_with_view(chart: &Chart, view: &View, path: &Path) -> Result<(), SaveError> {
    save(chart, Some(view), path)
}

/// Saves a chart file (an edited one, say) to `path` atomically.
pub fn save_chart_file(
    file: &crate::io::format::ChartFile<'_>,
    path: &Path,
) -> Result<(), SaveError> {
    let text = file_to_ron(file).map_err(|source| SaveError::Serialize {
        path: path.to_owned(),
        source,
    })?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

fn save(chart: &Chart, view: Option<&View>, path: &Path) -> Result<(), SaveError> {
    save_chart_file(&unresolve(chart, view), path)
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
    // A temporary file is private to its owner; the file it becomes keeps the target's
    // permissions, or those of a new file (read for all, written by the owner).
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            std::fs::Permissions::from_mode(0o644)
        }
    };
    temp.as_file().set_permissions(permissions)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}
