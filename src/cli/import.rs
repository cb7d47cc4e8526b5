//! `govchart import`: make a chart from organogram releases, Popolo, Wikidata or CSV.

use crate::cli::Failure;
use crate::cli::args::{ImportArgs, ImportFormat};
use crate::import::{ImportError, NoteKind, Progress, Request};

/// Runs `import`.
pub fn run(args: &ImportArgs) -> Result<(), Failure> {
    let mut names = args
        .map
        .iter()
        .map(|(column, field)| (column.clone(), field.clone()))
        .collect::<Vec<_>>();
    if args.format == ImportFormat::Csv {
        // `--map COLUMN=FIELD`; the request holds (column, field) for CSV.
    } else {
        names.clear();
    }
    if args.format == ImportFormat::Wikidata {
        names = args.var.clone();
    }
    let request = Request {
        inputs: args.inputs.clone(),
        juniors: args.junior.clone(),
        date: args.date,
        names,
        title: args.title.clone(),
    };
    let progress = Progress::new();
    let imported = match crate::import::import(args.format.into(), &request, &progress) {
        Ok(imported) => imported,
        Err(err @ ImportError::Read { .. }) => {
            // As `check` does for a file it cannot read: the error, then exit code 2.
            eprintln!("{err}");
            return Err(Failure::Other(anyhow::anyhow!("no chart was written")));
        }
        Err(err) => {
            eprintln!("{err}");
            eprintln!("govchart: no chart was written");
            return Err(Failure::Invalid);
        }
    };
    crate::io::save_file(&imported.loaded.chart, &args.out).map_err(anyhow::Error::from)?;
    let report = &imported.report;
    for input in &report.inputs {
        let encoding = input
            .encoding
            .map_or_else(String::new, |e| format!(", read as {e}"));
        println!("read {}: {}{encoding}", input.file.display(), input.what);
    }
    println!("made {}", imported.made());
    let counts: Vec<String> = [NoteKind::Matched, NoteKind::Guessed, NoteKind::Skipped]
        .iter()
        .filter_map(|&kind| match report.count(kind) {
            0 => None,
            n => Some(format!("{n} {}", kind.word())),
        })
        .collect();
    if counts.is_empty() {
        println!(
            "wrote {}: nothing skipped, guessed or matched other than by id",
            args.out.display()
        );
    } else {
        println!("wrote {}; {}:", args.out.display(), counts.join(", "));
    }
    for note in &report.notes {
        println!("{note}");
    }
    for warning in &imported.loaded.warnings {
        println!("{}: {warning}", args.out.display());
    }
    Ok(())
}
