//! `govchart check`: validate a chart and summarise it in one line.

use crate::cli::args::ChartArg;
use crate::cli::{Failure, output};
use crate::date::PartialDate;

/// Runs `check`.
pub fn run(args: &ChartArg) -> Result<(), Failure> {
    let path = args.chart.as_deref();
    let name = output::chart_name(path);
    let loaded = output::load(path)?;
    output::print_warnings(&name, &loaded);
    let chart = &loaded.chart;
    let (first, last) = crate::timeline::range(chart);
    let warnings = match loaded.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        n => format!(", {n} warnings"),
    };
    println!(
        "{name}: valid{warnings}: {} organisations, {} posts, {} people, {} tenures, {} lines, {} events, {} sources; {} to {}",
        chart.organisations.len(),
        chart.posts.len(),
        chart.people.len(),
        chart.tenures.len(),
        chart.lines.len(),
        chart.events.len(),
        chart.sources.len(),
        PartialDate::from_day(first).human(),
        PartialDate::from_day(last).human(),
    );
    // The process ends here: a million-post chart's few million allocations would only be
    // freed one by one for the system to take back the memory whole a moment later.
    std::mem::forget(loaded);
    Ok(())
}
