//! `govchart export`: the chart at a date as SVG, PNG or PDF, with no window and no GPU.

use std::time::Instant;

use anyhow::{Context, anyhow};

use crate::cli::args::{ExportArgs, ThemeArg};
use crate::cli::{Failure, output};
use crate::date::PartialDate;
use crate::render::{Format, to_pdf, to_pdf_pages, to_png, to_svg};
use crate::scene::{Theme, chart_at_in_stages, compare_in_stages};

/// Times stages and, when asked, reports each on stderr.
struct Stages {
    on: bool,
    clock: Instant,
}

impl Stages {
    fn done(&mut self, stage: &str) {
        if self.on {
            eprintln!("{stage}: {} ms", self.clock.elapsed().as_millis());
        }
        self.clock = Instant::now();
    }
}

/// Runs `export`.
pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    let format = match args.format.or_else(|| Format::from_path(&args.out)) {
        Some(format) => format,
        None => {
            return Err(anyhow!(
                "cannot tell the format of {}: name it .svg, .png or .pdf, or give --format",
                args.out.display()
            )
            .into());
        }
    };
    let scale = match args.dpi {
        Some(dpi) if !(dpi.is_finite() && dpi > 0.0) => {
            return Err(anyhow!("--dpi must be a positive number, not {dpi}").into());
        }
        Some(dpi) => dpi / 96.0,
        None if !(args.scale.is_finite() && args.scale > 0.0) => {
            return Err(anyhow!("--scale must be a positive number, not {}", args.scale).into());
        }
        None => args.scale,
    };
    if args.paper.is_some() && format != Format::Pdf {
        return Err(anyhow!("--paper is for PDF; name the file .pdf or give --format pdf").into());
    }
    let mut stages = Stages {
        on: args.timings,
        clock: Instant::now(),
    };
    let loaded = output::load(args.chart.chart.as_deref())?;
    let chart = &loaded.chart;
    stages.done("load");
    let date = args
        .date
        .or(chart.info.default_date)
        .unwrap_or_else(|| PartialDate::from_day(crate::timeline::range(chart).0));
    let theme = match args.theme {
        ThemeArg::Light => Theme::light(),
        ThemeArg::Dark => Theme::dark(),
    };
    // The picture is of the later date when comparing.
    let shown = match args.compare {
        Some(other) if other.first_day() > date.first_day() => other,
        _ => date,
    };
    let scene = match args.compare {
        Some(other) => {
            let (before, after) = if other.first_day() <= date.first_day() {
                (other, date)
            } else {
                (date, other)
            };
            let budget = crate::scene::EXPORT_ROUTE_BUDGET;
            compare_in_stages(chart, before, after, theme, budget, |stage| {
                stages.done(stage)
            })
        }
        None => chart_at_in_stages(chart, date, theme, |stage| stages.done(stage)),
    };
    let bytes = match format {
        Format::Svg => to_svg(&scene).into_bytes(),
        Format::Png => to_png(&scene, scale).map_err(anyhow::Error::from)?,
        Format::Pdf => match args.paper {
            Some(paper) => {
                let title = &chart.info.title;
                to_pdf_pages(&scene, paper, title, &shown.human()).map_err(anyhow::Error::from)?
            }
            None => to_pdf(&scene).map_err(anyhow::Error::from)?,
        },
    };
    crate::io::write_atomically(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the file", args.out.display()))?;
    stages.done("write");
    Ok(())
}
