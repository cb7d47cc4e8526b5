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
    /// A chart file (RON) to open in the window, or a data file to import into it (flat
    /// CSV, Popolo or Wikidata JSON, or an organogram release named with its date).
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
    /// Draw the chart as it changed between two dates, as an animated GIF or PNG (APNG).
    Animate(AnimateArgs),
    /// Draw the chart as it stood on a date, as SVG, PNG or PDF.
    Export(ExportArgs),
    /// Write a synthetic chart of a given size, for benchmarks.
    Generate(GenerateArgs),
    /// Make a chart from data in another format: UK government organogram releases,
    /// Popolo JSON, Wikidata query results, or flat CSV.
    Import(ImportArgs),
    /// Print the chart as it stood on its default date (what the window shows first).
    Show(ChartArg),
}

/// Arguments of `animate`.
#[derive(Debug, Args)]
pub struct AnimateArgs {
    /// The file to write: .gif, or .png for an animated PNG (APNG).
    #[arg(long)]
    pub out: PathBuf,
    /// The first day (YYYY, YYYY-MM or YYYY-MM-DD); the chart's first day when left out.
    #[arg(long)]
    pub from: Option<PartialDate>,
    /// The last day; the chart's last day when left out.
    #[arg(long)]
    pub to: Option<PartialDate>,
    /// Which days get a frame: every day the chart changes, or the first of every month,
    /// quarter or year.
    #[arg(long, value_enum, default_value_t = crate::animate::Step::Change)]
    pub step: crate::animate::Step,
    /// Seconds each day's frame is held.
    #[arg(long, default_value_t = 1.2)]
    pub hold: f32,
    /// Seconds the cards take to glide from one day's places to the next.
    #[arg(long, default_value_t = 0.4)]
    pub glide: f32,
    /// Frames a second while the cards glide.
    #[arg(long, default_value_t = 10.0)]
    pub fps: f32,
    /// Width of the frames in pixels.
    #[arg(long, default_value_t = 1000)]
    pub width: u32,
    /// Colours.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// Print no progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// The chart.
    #[command(flatten)]
    pub chart: ChartArg,
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
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print a table (CSV) instead of text: one row per change, with its kind, date,
    /// summary, and the person, post, organisation or event it concerns.
    #[arg(long)]
    pub csv: bool,
    /// The chart.
    #[command(flatten)]
    pub chart: ChartArg,
}

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// UK government organogram releases: senior (and junior) staff CSV files, each given
    /// as DATE=FILE.
    Organogram,
    /// Popolo JSON (persons, organizations, posts, memberships).
    Popolo,
    /// Wikidata "position held" (P39) statements, as SPARQL query results in JSON.
    Wikidata,
    /// One row per post or per person: id, parent id, name, title, department, start, end.
    Csv,
}

impl From<ImportFormat> for crate::import::Format {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::Organogram => crate::import::Format::Organogram,
            ImportFormat::Popolo => crate::import::Format::Popolo,
            ImportFormat::Wikidata => crate::import::Format::Wikidata,
            ImportFormat::Csv => crate::import::Format::Csv,
        }
    }
}

/// Reads `NAME=VALUE`.
fn parse_pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_owned(), b.trim().to_owned()))
        }
        _ => Err(format!("\"{text}\" should be NAME=VALUE")),
    }
}

/// Arguments of `import`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  govchart import organogram --out dh.ron 2011-03-31=dh-2011-03-senior.csv 2011-09-30=dh-2011-09-senior.csv --junior 2011-03-31=dh-2011-03-junior.csv
  govchart import popolo --out senate.ron ep-popolo-v1.0.json
  govchart import wikidata --out ministers.ron query.srj --var role=office
  govchart import csv --out team.ron --date 2024-01 --map Reports_To=parent staff.csv")]
pub struct ImportArgs {
    /// The format of the input.
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The chart file (RON) to write.
    #[arg(long)]
    pub out: PathBuf,
    /// The input files; for organograms, each senior staff file as DATE=FILE.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Organograms: a junior staff file as DATE=FILE (its staff are counted under the senior
    /// posts they report to).
    #[arg(long, value_name = "DATE=FILE")]
    pub junior: Vec<String>,
    /// The date rows or memberships without dates describe.
    #[arg(long)]
    pub date: Option<PartialDate>,
    /// CSV: read a field from a column: id, parent, name, first_name, last_name, title,
    /// department, start, end or note.
    #[arg(long = "map", value_name = "COLUMN=FIELD", value_parser = parse_pair)]
    pub map: Vec<(String, String)>,
    /// Wikidata: read a field from a variable: person, name, position, position_label,
    /// start, end, org, org_label, replaces, replaced_by or statement.
    #[arg(long = "var", value_name = "FIELD=VARIABLE", value_parser = parse_pair)]
    pub var: Vec<(String, String)>,
    /// The chart's title.
    #[arg(long)]
    pub title: Option<String>,
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

impl ThemeArg {
    /// The colours this names.
    pub fn theme(self) -> crate::scene::Theme {
        match self {
            ThemeArg::Light => crate::scene::Theme::light(),
            ThemeArg::Dark => crate::scene::Theme::dark(),
        }
    }
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

/// The formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The chart on a date, as scalable vector graphics.
    Svg,
    /// The chart on a date, as a bitmap.
    Png,
    /// The chart on a date, as a document.
    Pdf,
    /// The whole chart over time as Popolo JSON (persons, organizations, posts, memberships).
    Popolo,
    /// The whole chart over time as a GEXF 1.3 dynamic graph, for Gephi.
    Gexf,
    /// The whole chart over time as CSV, one row per tenure.
    Csv,
    /// The chart through time as one self-contained web page, with a slider.
    Html,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The date (YYYY, YYYY-MM or YYYY-MM-DD); the chart's default date when left out.
    #[arg(long)]
    pub date: Option<PartialDate>,
    /// The file to write; its extension gives the format: .svg, .png or .pdf for the chart
    /// on a date; .popolo.json (or .json), .gexf or .csv for the whole chart over time;
    /// .html for a web page with the chart through time (opening on --date).
    #[arg(long)]
    pub out: PathBuf,
    /// The format, whatever the extension.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
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
    /// The web page: which days its slider has (every change, or the first of every month,
    /// quarter or year); chosen for the chart when left out.
    #[arg(long, value_enum)]
    pub step: Option<crate::animate::Step>,
    /// Print how long each stage took, one `stage: N ms` line each, on stderr.
    #[arg(long)]
    pub timings: bool,
    /// The chart.
    #[command(flatten)]
    pub chart: ChartArg,
}
