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

/// How chart files are laid out as RON.
fn pretty() -> PrettyConfig {
    PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .depth_limit(4)
        .escape_strings(false)
        .extensions(Extensions::IMPLICIT_SOME)
}

/// A chart file as pretty RON text, laid out as [`to_ron`] lays out a chart.
pub fn file_to_ron(file: &crate::io::format::ChartFile<'_>) -> Result<String, ron::Error> {
    let mut text = ron::Options::default().to_string_pretty(file, pretty())?;
    text.push('\n');
    Ok(text)
}

/// Text written straight to a byte stream, keeping the stream's own error: how a chart file
/// is saved without first making its whole text in memory.
struct Stream<W: Write> {
    out: W,
    error: Option<std::io::Error>,
}

impl<W: Write> std::fmt::Write for Stream<W> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.out.write_all(text.as_bytes()).map_err(|err| {
            self.error = Some(err);
            std::fmt::Error
        })
    }
}

/// Writes a chart file as [`file_to_ron`] would make it, to `out` as it goes.
fn write_ron(
    file: &crate::io::format::ChartFile<'_>,
    out: impl Write,
    path: &Path,
) -> Result<(), SaveError> {
    let mut stream = Stream { out, error: None };
    let written = ron::Options::default().to_writer_pretty(&mut stream, file, pretty());
    let write = |source| SaveError::Write {
        path: path.to_owned(),
        source,
    };
    if let Some(source) = stream.error.take() {
        return Err(write(source));
    }
    written.map_err(|source| SaveError::Serialize {
        path: path.to_owned(),
        source,
    })?;
    stream.out.write_all(b"\n").map_err(write)?;
    stream.out.flush().map_err(write)
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
    let mut failed = None;
    let written = write_atomically_with(path, |temp| {
        write_ron(file, std::io::BufWriter::new(temp), path).map_err(|err| {
            failed = Some(err);
            std::io::Error::other("the chart was not written")
        })
    });
    match (failed, written) {
        (Some(err), _) => Err(err),
        (None, Err(source)) => Err(SaveError::Write {
            path: path.to_owned(),
            source,
        }),
        (None, Ok(())) => Ok(()),
    }
}

fn save(chart: &Chart, view: Option<&View>, path: &Path) -> Result<(), SaveError> {
    save_chart_file(&unresolve(chart, view), path)
}

/// Writes `bytes` to a temporary file in `path`'s folder, flushes it to disk, then renames
/// it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |temp| temp.write_all(bytes))
}

/// Has `write` fill a temporary file in `path`'s folder, flushes it to disk, then renames it
/// over `path`; if `write` fails, the temporary file is removed and `path` is untouched.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".govchart-save-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(temp.as_file_mut())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream that takes `room` bytes, then fails as a full disk does.
    struct Full {
        room: usize,
        taken: Vec<u8>,
    }

    impl Write for Full {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if self.taken.len() + bytes.len() > self.room {
                return Err(std::io::Error::from_raw_os_error(28));
            }
            self.taken.extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_chart_streamed_to_a_file_is_the_text_saving_makes() -> anyhow::Result<()> {
        let chart = crate::io::builtin()?.chart;
        let file = unresolve(&chart, chart.view.as_ref());
        let mut out = Full {
            room: usize::MAX,
            taken: Vec::new(),
        };
        write_ron(&file, &mut out, Path::new("chart.ron"))?;
        assert_eq!(String::from_utf8(out.taken)?, to_ron(&chart)?);
        Ok(())
    }

    #[test]
    fn a_stream_that_fails_part_way_is_a_write_error_with_the_systems_reason() -> anyhow::Result<()>
    {
        let chart = crate::io::builtin()?.chart;
        let file = unresolve(&chart, chart.view.as_ref());
        let mut out = Full {
            room: 5000,
            taken: Vec::new(),
        };
        let err = write_ron(&file, &mut out, Path::new("chart.ron"));
        match err {
            Err(SaveError::Write { path, source }) => {
                assert_eq!(path, Path::new("chart.ron"));
                assert_eq!(source.raw_os_error(), Some(28), "{source}");
            }
            other => panic!("expected a write error, got {other:?}"),
        }
        Ok(())
    }
}
