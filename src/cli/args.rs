//! The command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::date::PartialDate;

/// How an organisation's governance changes over time.
///
/// With no command, opens the window on the built-in chart (NHS IT governance in England,
/// 2016 to 2023), or on CHART.
#[derive(Debug, Parser)]
#[command(
    name = "govchart",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without a command, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A chart file (RON) to open in the window.
    pub chart: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a chart and print a one-line summary; every problem goes to stderr.
    Check(ChartArg),
    /// List every organisation and post, with holders, at a date.
    At(AtArgs),
    /// List what changed between two dates.
    Diff(DiffArgs),
    /// Draw the chart as it stood on a date, as SVG, PNG or PDF.
    Export(ExportArgs),
    /// Write a synthetic chart of a given size, for benchmarks.
    Generate(GenerateArgs),
    /// Print the chart as it stood on its default date (what the window shows first).
    Show(ChartArg),
}

/// An optional chart file; the built-in chart without one.
#[derive(Debug, Args)]
pub struct ChartArg {
    /// A chart file (RON); the built-in chart when left out.
    pub chart: Option<PathBuf>,
}

/// Arguments of `at`.
#[derive(Debug, Args)]
pub struct AtArgs {
    /// The date: YYYY, YYYY-MM or YYYY-MM-DD (a partial date means its first day).
    #[arg(long)]
    pub date: PartialDate,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The chart.
    #[command(flatten)]
    pub chart: ChartArg,
}

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier date.
    #[arg(long)]
    pub from: PartialDate,
    /// The later date.
    #[arg(long)]
    pub to: PartialDate,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The chart.
    #[command(flatten)]
    pub chart: ChartArg,
}

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many posts.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20_000_000))]
    pub posts: u32,
    /// Seed for the random choices; the same seed gives the same chart.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write it.
    #[arg(long)]
    pub out: PathBuf,
}

/// The colours of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeArg {
    /// Dark text on white.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Reads `W:H` (two positive numbers) as the ratio of width to height.
fn parse_aspect(text: &str) -> Result<f64, String> {
    let bad = || format!("\"{text}\" is not a shape: write width:height, such as 16:10 or 1:1");
    let (w, h) = text.split_once(':').ok_or_else(bad)?;
    let (w, h): (f64, f64) = (
        w.trim().parse().map_err(|_| bad())?,
        h.trim().parse().map_err(|_| bad())?,
    );
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(bad());
    }
    let ratio = w / h;
    if !(0.05..=20.0).contains(&ratio) {
        return Err(format!(
            "\"{text}\" is too long and thin a shape (keep it within 1:20 and 20:1)"
        ));
    }
    Ok(ratio)
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The date (YYYY, YYYY-MM or YYYY-MM-DD); the chart's default date when left out.
    #[arg(long)]
    pub date: Option<PartialDate>,
    /// The file to write; its extension (.svg, .png, .pdf) gives the format.
    #[arg(long)]
    pub out: PathBuf,
    /// The format, whatever the extension.
    #[arg(long, value_enum)]
    pub format: Option<crate::render::Format>,
    /// Pixels per chart unit, for PNG (2 for a sharper image).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Pixels per inch, for PNG, instead of --scale (96 is one pixel per chart unit).
    #[arg(long, conflicts_with = "scale")]
    pub dpi: Option<f32>,
    /// Draw what changed between this date and --date on one chart: new posts, posts gone
    /// and new holders, each marked, on the chart of the later of the two dates.
    #[arg(long, value_name = "DATE")]
    pub compare: Option<PartialDate>,
    /// For PDF: print across pages of this size (landscape), with the title, the date and
    /// page numbers on each, instead of one page as large as the chart.
    #[arg(long, value_enum)]
    pub paper: Option<crate::render::Paper>,
    /// Colours.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// The shape to lay the chart out for, as width:height (16:10 by default; a page's own
    /// shape with --paper).
    #[arg(long, value_name = "W:H", value_parser = parse_aspect)]
    pub aspect: Option<f64>,
    /// Which dashed lines (accountability, oversight, co-chairs, deputies) to draw: all,
    /// those of the post given with --select, or none.
    #[arg(long, value_enum, default_value_t = crate::scene::OtherLines::All)]
    pub lines: crate::scene::OtherLines,
    /// A post's id: its chain of command (the line up to the top and its reports) is
    /// highlighted and the rest dimmed.
    #[arg(long, value_name = "POST")]
    pub select: Option<String>,
    /// Print how long each stage took, one `stage: N ms` line each, on stderr.
    #[arg(long)]
    pub timings: bool,
    /// The chart.
    #[command(flatten)]
    pub chart: ChartArg,
}
