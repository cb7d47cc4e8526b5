//! `govchart generate`: write a synthetic chart for benchmarks.

use anyhow::Context;

use crate::cli::Failure;
use crate::cli::args::GenerateArgs;

/// Runs `generate`.
pub fn run(args: &GenerateArgs) -> Result<(), Failure> {
    let file = crate::generate::generate(args.posts as usize, args.seed);
    let text = crate::generate::to_compact_ron(&file)
        .with_context(|| "cannot write the generated chart as RON".to_string())?;
    crate::io::write_atomically(&args.out, text.as_bytes())
        .with_context(|| format!("{}: cannot write the file", args.out.display()))?;
    eprintln!(
        "{}: {} posts, {} people, {} organisations",
        args.out.display(),
        file.posts.len(),
        file.people.len(),
        file.organisations.len()
    );
    Ok(())
}
