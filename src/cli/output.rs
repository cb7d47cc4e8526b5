//! Shared pieces of the commands: loading the chart they name, and writing output.

use std::io::Write;
use std::path::Path;

use crate::cli::Failure;
use crate::io::{LoadError, Loaded};

/// Loads the named chart, or the built-in one; reports problems on stderr.
pub fn load(path: Option<&Path>) -> Result<Loaded, Failure> {
    let loaded = match path {
        Some(path) => crate::io::load_file(path),
        None => crate::io::builtin(),
    };
    loaded.map_err(|err| {
        eprintln!("{}", err.report());
        match err {
            LoadError::Read { .. } => Failure::Other(anyhow::anyhow!("no chart was loaded")),
            _ => Failure::Invalid,
        }
    })
}

/// The name of the chart in messages.
pub fn chart_name(path: Option<&Path>) -> String {
    path.map_or_else(
        || "<built-in chart>".to_owned(),
        |p| p.display().to_string(),
    )
}

/// Prints warnings, each with the file name and position.
pub fn print_warnings(name: &str, loaded: &Loaded) {
    for warning in &loaded.warnings {
        let sep = if warning.position.is_some() {
            ":"
        } else {
            ": "
        };
        eprintln!("{name}{sep}{warning}");
    }
}

/// Writes to stdout through a buffer.
pub fn with_stdout(
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match body(&mut out).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Whether an error is stdout closing early (`govchart at ... | head`), which is not a
/// failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
