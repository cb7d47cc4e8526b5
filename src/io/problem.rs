//! Problems found while loading a chart, each with where it is in the file.

use std::fmt;
use std::path::PathBuf;

pub use crate::model::Severity;

/// A line and column in a file, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// One problem in a chart file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the chart's structure, such as `people[3].tenures[1].post`.
    pub path: String,
    /// Where in the text, when it could be found.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// An error at a path.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
        }
    }

    /// A warning at a path.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    /// Whether it stops the chart from loading.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// `12:5: error: message (at people[3].tenures[1].post)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{}:{}: ", p.line, p.column)?;
        }
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{word}: {}", self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        Ok(())
    }
}

/// Why a chart could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: error: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is larger than govchart will read.
    #[error("{}: error: the file is {size} bytes, more than the {limit}-byte limit for a chart", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not valid UTF-8 text.
    #[error("{}:{}:{}: error: the file is not UTF-8 text", path.display(), position.line, position.column)]
    NotText {
        /// The file.
        path: PathBuf,
        /// Where the first bad byte is.
        position: Position,
    },
    /// The chart has errors; every problem found is listed, warnings included.
    #[error("{}: the chart has {}", path.display(), count(problems.iter().filter(|p| p.is_error()).count(), "error"))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem, errors first, in file order.
        problems: Vec<Problem>,
    },
}

/// "1 error", "3 errors".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl LoadError {
    /// Every problem, for an invalid chart; empty for the other kinds.
    pub fn problems(&self) -> &[Problem] {
        match self {
            LoadError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }

    /// The file it is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            LoadError::Read { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::NotText { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }

    /// Every line a person should read: the summary, then each problem with the file name.
    pub fn report(&self) -> String {
        let mut out = self.to_string();
        for problem in self.problems() {
            let sep = if problem.position.is_some() {
                ":"
            } else {
                ": "
            };
            out.push_str(&format!("\n{}{sep}{problem}", self.path().display()));
        }
        out
    }
}
