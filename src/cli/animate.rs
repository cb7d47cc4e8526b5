//! `govchart animate`: the chart through time as an animated GIF or PNG, with a progress bar
//! on stderr.

use std::io::Write as _;

use anyhow::{Context, anyhow};

use crate::animate::{Format, Request, make};
use crate::cli::args::AnimateArgs;
use crate::cli::{Failure, output};

/// Checks the numbers given, before anything is drawn.
fn check_args(args: &AnimateArgs) -> Result<(), Failure> {
    let positive = |name: &str, v: f32, least: f32| {
        if v.is_finite() && v >= least {
            Ok(())
        } else {
            Err(anyhow!(
                "--{name} must be a number of at least {least}, not {v}"
            ))
        }
    };
    positive("hold", args.hold, 0.05)?;
    positive("glide", args.glide, 0.0)?;
    positive("fps", args.fps, 1.0)?;
    if args.fps > 60.0 {
        return Err(anyhow!("--fps must be at most 60, not {}", args.fps).into());
    }
    if !(200..=8000).contains(&args.width) {
        return Err(anyhow!(
            "--width must be between 200 and 8000 pixels, not {}",
            args.width
        )
        .into());
    }
    Ok(())
}

/// Runs `govchart animate`.
pub fn run(args: &AnimateArgs) -> Result<(), Failure> {
    let Some(format) = Format::from_path(&args.out) else {
        return Err(anyhow!(
            "cannot tell the format of {}: name it .gif, or .png for an animated PNG",
            args.out.display()
        )
        .into());
    };
    check_args(args)?;
    let loaded = output::load(args.chart.chart.as_deref())?;
    let chart = &loaded.chart;
    let span = crate::timeline::range(chart);
    let from = args.from.map_or(span.0, |d| d.first_day());
    let to = args.to.map_or(span.1, |d| d.first_day());
    if to < from {
        return Err(anyhow!("--to ({to}) is before --from ({from})").into());
    }
    let theme = args.theme.theme();
    let request = Request {
        from,
        to,
        step: args.step,
        hold: args.hold,
        glide: args.glide,
        fps: args.fps,
        width: args.width,
        theme: theme.clone(),
    };
    let mut bar = Progress::new(!args.quiet);
    let made = make(chart, &request, format, &mut |done, all| {
        bar.show(done, all);
        true
    });
    bar.end();
    let bytes = made.map_err(anyhow::Error::from)?;
    crate::io::write_atomically(&args.out, &bytes)
        .with_context(|| format!("{}: cannot write the file", args.out.display()))?;
    Ok(())
}

/// A progress bar on stderr, drawn at most every tenth of a second.
struct Progress {
    on: bool,
    drawn: Option<std::time::Instant>,
}

impl Progress {
    fn new(on: bool) -> Progress {
        Progress { on, drawn: None }
    }

    fn show(&mut self, done: usize, all: usize) {
        if !self.on {
            return;
        }
        let now = std::time::Instant::now();
        if done < all
            && self
                .drawn
                .is_some_and(|t| now.duration_since(t).as_millis() < 100)
        {
            return;
        }
        self.drawn = Some(now);
        let width = 30;
        let filled = (done * width).checked_div(all).unwrap_or(width);
        let bar: String = (0..width)
            .map(|i| if i < filled { '#' } else { '-' })
            .collect();
        let mut err = std::io::stderr();
        let _ = write!(err, "\r[{bar}] frame {done}/{all}");
        let _ = err.flush();
    }

    fn end(&mut self) {
        if self.on && self.drawn.is_some() {
            let _ = writeln!(std::io::stderr());
        }
    }
}
