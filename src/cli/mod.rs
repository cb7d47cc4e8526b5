//! The command line: `check`, `at`, `diff`, `export`, `generate` and `show` never touch a
//! window, so they run on servers and in CI; with no command, the window opens.

mod animate;
mod args;
mod at;
mod check;
mod diff;
mod export;
mod generate;
mod import;
mod output;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// Exit code for a valid chart or a finished command.
pub const EXIT_OK: u8 = 0;
/// Exit code for a chart with errors.
pub const EXIT_INVALID: u8 = 1;
/// Exit code for a usage or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// How a command ended.
#[derive(Debug)]
pub enum Failure {
    /// The chart had errors (already reported).
    Invalid,
    /// Usage or I/O trouble.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Self {
        Failure::Other(err)
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Self {
        Failure::Other(err.into())
    }
}

/// Parses the arguments, runs the command, and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let _ = crate::app::STARTED.set(std::time::Instant::now());
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(Failure::Invalid) => ExitCode::from(EXIT_INVALID),
        Err(Failure::Other(err)) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("govchart: {err:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::At(args)) => at::run(&args),
        Some(Command::Diff(args)) => diff::run(&args),
        Some(Command::Animate(args)) => animate::run(&args),
        Some(Command::Export(args)) => export::run(&args),
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Show(args)) => at::run_default(args.chart.as_deref()),
        None => crate::app::run(cli.chart).map_err(|err| {
            Failure::Other(anyhow::anyhow!(
                "cannot open a window: {err}. The commands check, at, diff and export work without one (govchart --help)"
            ))
        }),
    }
}
