//! `govchart export`: the chart at a date as SVG, PNG or PDF, with no window and no GPU.

use std::time::Instant;

use anyhow::{Context, anyhow};

use crate::cli::args::{ExportArgs, ExportFormat};
use crate::cli::{Failure, output};
use crate::date::PartialDate;
use crate::export::DataFormat;
use crate::render::{Encoding, Format, encode};
use crate::scene::{Picture, ViewOptions};

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

/// The picture's options from the arguments: its shape (a page's with --paper), its
/// dashed lines and its selection.
fn view_options(args: &ExportArgs, chart: &crate::model::Chart) -> Result<ViewOptions, Failure> {
    let mut view = ViewOptions::default();
    let page = args.paper.map(|paper| {
        let (w, h) = paper.tile_size();
        w / h
    });
    if let Some(aspect) = args.aspect.or(page) {
        view.aspect = aspect;
    }
    view.lines = args.lines;
    view.compare = args.compare;
    if let Some(key) = &args.select {
        let Some(post) = chart.post_id(key) else {
            return Err(anyhow!("--select {key}: the chart has no post with that id").into());
        };
        view.selected = Some(post);
    }
    if args.lines == crate::scene::OtherLines::Selected && view.selected.is_none() {
        return Err(anyhow!("--lines selected needs a post to select: give --select POST").into());
    }
    Ok(view)
}

/// Refuses the first of `flags` that was given, saying why it does not apply.
fn refuse(flags: &[(&str, bool)], why: &str) -> Result<(), Failure> {
    match flags.iter().find(|(_, given)| *given) {
        Some((flag, _)) => Err(anyhow!("{flag} {why}").into()),
        None => Ok(()),
    }
}

/// Writes the whole chart over time as Popolo, GEXF or CSV.
fn export_data(args: &ExportArgs, format: DataFormat) -> Result<(), Failure> {
    refuse(
        &[
            ("--date", args.date.is_some()),
            ("--compare", args.compare.is_some()),
            ("--paper", args.paper.is_some()),
            ("--aspect", args.aspect.is_some()),
            ("--select", args.select.is_some()),
            ("--step", args.step.is_some()),
        ],
        "is for pictures of the chart and the web page; Popolo, GEXF and CSV hold the whole chart over time",
    )?;
    let loaded = output::load(args.chart.chart.as_deref())?;
    let bytes = format.encode(&loaded.chart);
    crate::io::write_atomically(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the file", args.out.display()))?;
    Ok(())
}

/// Writes the web page of the chart through time, opening on `--date`.
fn export_html(args: &ExportArgs) -> Result<(), Failure> {
    refuse(
        &[
            ("--compare", args.compare.is_some()),
            ("--paper", args.paper.is_some()),
            ("--aspect", args.aspect.is_some()),
            ("--select", args.select.is_some()),
            ("--dpi", args.dpi.is_some()),
        ],
        "is for pictures of the chart on a date; the web page shows every date, with its own slider",
    )?;
    let loaded = output::load(args.chart.chart.as_deref())?;
    let chart = &loaded.chart;
    let theme = args.theme.theme();
    let mut page = crate::export::html::Page::whole(chart, theme);
    if let Some(date) = args.date {
        let day = date.first_day();
        if day < page.from || day > page.to {
            return Err(anyhow!(
                "--date {date} is outside the chart, which runs from {} to {}",
                PartialDate::from_day(page.from).human(),
                PartialDate::from_day(page.to).human()
            )
            .into());
        }
        page.opening = day;
    }
    if let Some(step) = args.step {
        page.step = step;
    }
    let html = crate::export::html::to_html(chart, &page, &mut |_, _| true)
        .map_err(anyhow::Error::from)?;
    crate::io::write_atomically(&args.out, html.as_bytes())
        .with_context(|| format!("{}: cannot write the file", args.out.display()))?;
    Ok(())
}

/// Whether `path` names a web page.
fn is_html(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Runs `export`.
pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    if args.format == Some(ExportFormat::Html) || (args.format.is_none() && is_html(&args.out)) {
        return export_html(args);
    }
    let data = match args.format {
        Some(ExportFormat::Popolo) => Some(DataFormat::Popolo),
        Some(ExportFormat::Gexf) => Some(DataFormat::Gexf),
        Some(ExportFormat::Csv) => Some(DataFormat::Csv),
        Some(_) => None,
        None => DataFormat::from_path(&args.out),
    };
    if let Some(data) = data {
        return export_data(args, data);
    }
    let format = match args.format {
        Some(ExportFormat::Svg) => Some(Format::Svg),
        Some(ExportFormat::Png) => Some(Format::Png),
        Some(ExportFormat::Pdf) => Some(Format::Pdf),
        _ => Format::from_path(&args.out),
    };
    let Some(format) = format else {
        return Err(anyhow!(
            "cannot tell the format of {}: name it .svg, .png or .pdf (the chart on a date), .popolo.json, .gexf or .csv (the whole chart over time), or .html (a web page with a slider), or give --format",
            args.out.display()
        )
        .into());
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
    if args.step.is_some() {
        return Err(anyhow!("--step is for the web page; name the file .html").into());
    }
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
    let theme = args.theme.theme();
    // The picture is of the later date when comparing.
    let shown = match args.compare {
        Some(other) if other.first_day() > date.first_day() => other,
        _ => date,
    };
    let picture = Picture {
        chart,
        date,
        view: view_options(args, chart)?,
        theme,
    };
    let scene = picture.scene_in_stages(|stage| stages.done(stage));
    let encoding = Encoding {
        scale,
        pages: args
            .paper
            .map(|paper| (paper, chart.info.title.clone(), shown.human())),
    };
    let bytes = encode(&scene, format, &encoding).map_err(anyhow::Error::from)?;
    crate::io::write_atomically(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the file", args.out.display()))?;
    stages.done("write");
    Ok(())
}
