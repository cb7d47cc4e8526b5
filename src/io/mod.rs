//! Loading and saving charts as RON files: parsing, validation that reports every problem
//! with where it is, and atomic saving.

mod build;
mod fast_ron;
pub mod format;
mod lex;
mod load;
mod locate;
mod owned;
mod pieces;
mod problem;
mod save;
mod stream;
mod unresolve;

pub use load::{
    BUILTIN_CHART, Loaded, MAX_FILE_BYTES, RECURSION_LIMIT, ReadCapped, builtin, load_file,
    load_parsed, load_str, open_regular, place, read_capped,
};
pub use locate::locate;
pub use owned::{IntoOwned, owned_file};
pub use problem::{LoadError, Position, Problem, Severity};
pub use save::{
    SaveError, file_to_ron, save_chart_file, save_file, save_with_view, to_ron, write_atomically,
};
pub use unresolve::view_file;
