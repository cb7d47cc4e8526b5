//! Reads a chart file: guards against hostile input, parses RON, validates, builds the chart.

use std::io::Read;
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use crate::io::format::ChartFile;
use crate::io::locate::locate;
use crate::io::problem::{LoadError, Position, Problem};
use crate::io::resolve::resolve;
use crate::model::Chart;

/// The largest chart file govchart reads (a generated million-post chart is far smaller).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How deeply RON values may nest (the format itself needs six levels).
pub const RECURSION_LIMIT: usize = 64;

/// The built-in chart: NHS IT governance in England, 2016 to 2023.
pub const BUILTIN_CHART: &str = include_str!("../../charts/nhs-it-governance.ron");

/// A chart that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The chart.
    pub chart: Chart,
    /// Problems that did not stop the load, with positions.
    pub warnings: Vec<Problem>,
}

/// Loads the built-in chart.
pub fn builtin() -> Result<Loaded, LoadError> {
    load_str(BUILTIN_CHART, Path::new("<built-in chart>"))
}

/// Reads and loads a chart file, refusing files over [`MAX_FILE_BYTES`].
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let size = file.metadata().map_err(read_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let text = String::from_utf8_lossy(good);
            let line = text.matches('\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(LoadError::NotText {
                path: path.to_owned(),
                position: Position { line, column },
            });
        }
    };
    load_str(&text, path)
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_FILE_BYTES,
    }
}

/// Parses RON into the file structure, with ron's own line and column on failure.
///
/// The fast reader handles the subset govchart writes; anything else, and every error, is
/// parsed by `ron` itself.
pub(crate) fn parse(text: &str) -> Result<ChartFile, Problem> {
    if let Ok(file) = crate::io::fast_ron::from_str(text) {
        return Ok(file);
    }
    log::debug!("the fast reader gave up; parsing with ron");
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    options.from_str(text).map_err(|err| Problem {
        severity: crate::model::Severity::Error,
        path: String::new(),
        position: Some(Position {
            line: err.span.start.line,
            column: err.span.start.col,
        }),
        message: err.code.to_string(),
    })
}

/// Loads a chart from text; `path` names it in messages.
pub fn load_str(text: &str, path: &Path) -> Result<Loaded, LoadError> {
    let invalid = |problems| LoadError::Invalid {
        path: PathBuf::from(path),
        problems,
    };
    let clock = std::time::Instant::now();
    let file = parse(text).map_err(|problem| invalid(vec![problem]))?;
    log::info!("{}: parsed RON in {:?}", path.display(), clock.elapsed());
    let clock = std::time::Instant::now();
    let resolved = resolve(&file);
    log::info!("{}: validated and built the chart in {:?}", path.display(), clock.elapsed());
    drop(file);
    let mut problems = resolved.problems;
    place(text, &mut problems);
    match resolved.chart {
        Some(chart) => Ok(Loaded {
            chart,
            warnings: problems,
        }),
        None => Err(invalid(problems)),
    }
}

/// Gives each problem the line and column of its path, and sorts them: errors first, then
/// by position.
fn place(text: &str, problems: &mut [Problem]) {
    if problems.is_empty() {
        return;
    }
    let mut paths: Vec<&str> = Vec::new();
    for problem in problems.iter() {
        let mut path = problem.path.as_str();
        paths.push(path);
        while let Some(cut) = path.rfind(['.', '[']) {
            path = &path[..cut];
            paths.push(path);
        }
    }
    let found = locate(text, &paths);
    for problem in problems.iter_mut() {
        problem.position = found.get(&problem.path).copied().or_else(|| nearest(&found, &problem.path));
    }
    problems.sort_by_key(|p| (p.severity, p.position));
}

/// The position of the closest enclosing path that was found (a field left out of the
/// file, such as a default, has no position of its own).
fn nearest(found: &rustc_hash::FxHashMap<String, Position>, path: &str) -> Option<Position> {
    let mut path = path;
    while let Some(cut) = path.rfind(['.', '[']) {
        path = &path[..cut];
        if let Some(p) = found.get(path) {
            return Some(*p);
        }
    }
    None
}
