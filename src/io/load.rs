//! Reads a chart file: guards against hostile input, parses RON, validates, builds the chart.

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use crate::io::build::{Builder, Header};
use crate::io::fast_ron;
use crate::io::locate::locate;
use crate::io::pieces;
use crate::io::problem::{LoadError, Position, Problem};
use crate::io::stream::{ChartSeed, Item, beside};
use crate::model::Chart;

/// The largest chart file govchart reads (a generated million-post chart is far smaller).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// How deeply RON values may nest (the format itself needs six levels).
pub const RECURSION_LIMIT: usize = 64;

/// The built-in chart: NHS IT governance in England, 2016 to 2023.
pub const BUILTIN_CHART: &str = include_str!("../../charts/nhs-it-governance.ron");

/// A chart that loaded, with the warnings found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The chart.
    pub chart: Chart,
    /// Problems that did not stop the load, with positions.
    pub warnings: Vec<Problem>,
}

/// Loads the built-in chart.
pub fn builtin() -> Result<Loaded, LoadError> {
    load_str(BUILTIN_CHART, Path::new("<built-in chart>"))
}

/// Reads and loads a chart file, refusing files over [`MAX_FILE_BYTES`].
pub fn load_file(path: &Path) -> Result<Loaded, LoadError> {
    let read_error = |source| LoadError::Read {
        path: path.to_owned(),
        source,
    };
    let failed = |err| match err {
        ReadCapped::Io(source) => read_error(source),
        ReadCapped::TooLarge(size) => too_large(path, size),
    };
    let reread = || {
        let bytes = read_capped(path, MAX_FILE_BYTES).unwrap_or_default();
        String::from_utf8(bytes)
            .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
    };
    let (mut file, size) = open_capped(path, MAX_FILE_BYTES).map_err(failed)?;
    if size >= PIPELINE_FROM_BYTES as u64 {
        if let Some((builder, header)) = parse_in_pieces(&mut file, size, path).map_err(failed)? {
            return finish(builder, header, path, reread);
        }
        file.rewind().map_err(read_error)?;
    }
    let bytes = read_to_limit(file, size, MAX_FILE_BYTES).map_err(failed)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let good = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            return Err(LoadError::NotText {
                path: path.to_owned(),
                position: position_of(&String::from_utf8_lossy(good)),
            });
        }
    };
    let (builder, header) = parse_logged(&text, path)?;
    // A large chart's text can be as big as the chart itself: let it go before the chart
    // is built, and read it again only to place problems, if there are any.
    drop(text);
    finish(builder, header, path, reread)
}

/// Parses a large file a piece at a time (see [`pieces`]); `None` when the fast reader gives
/// up, and the file is to be read whole.
fn parse_in_pieces(
    file: &mut std::fs::File,
    size: u64,
    path: &Path,
) -> Result<Option<(Builder, Header)>, ReadCapped> {
    let clock = std::time::Instant::now();
    let parsed = pieces::parse(file, size as usize, pieces::PIECE_BYTES, MAX_FILE_BYTES)?;
    match &parsed {
        Some(_) => log::info!(
            "{}: parsed RON in pieces in {:?}",
            path.display(),
            clock.elapsed()
        ),
        None => log::debug!("{}: the fast reader gave up on a piece", path.display()),
    }
    Ok(parsed)
}

/// Builds and checks a chart from its file structure, as loading its text would, without
/// writing or parsing the text: how imports check the charts they make. `text` gives the
/// chart's RON text, only when a problem needs a line and column.
pub fn load_parsed(
    file: crate::io::format::ChartFile<'_>,
    path: &Path,
    text: impl FnOnce() -> String,
) -> Result<Loaded, LoadError> {
    let crate::io::format::ChartFile {
        version,
        title,
        description,
        covers,
        default_date,
        view,
        sources,
        organisations,
        posts,
        people,
        events,
    } = file;
    let header = Header {
        version: Some(version),
        title: Some(title.into_owned()),
        description: description.map(|d| d.into_owned()),
        covers: covers.map(|c| (c.from.into_owned(), c.to.into_owned())),
        default_date: default_date.map(|d| d.into_owned()),
        view: view.map(Into::into),
    };
    let mut builder = Builder::new();
    sources
        .into_iter()
        .for_each(|s| builder.add(&Item::Source(Box::new(s))));
    organisations
        .into_iter()
        .for_each(|o| builder.add(&Item::Organisation(Box::new(o))));
    posts
        .into_iter()
        .for_each(|p| builder.add(&Item::Post(Box::new(p))));
    people
        .into_iter()
        .for_each(|p| builder.add(&Item::Person(p)));
    events
        .into_iter()
        .for_each(|e| builder.add(&Item::Event(Box::new(e))));
    finish(builder, header, path, text)
}

/// Why a file could not be read whole.
#[derive(Debug)]
pub enum ReadCapped {
    /// The system's error (a FIFO or device is one: see [`open_regular`]).
    Io(std::io::Error),
    /// The file has more bytes than the limit; the number read or reported.
    TooLarge(u64),
}

/// Reads a regular file whole, refusing one of more than `limit` bytes (by its size, and
/// by what it turns out to hold, for a file that grows), without a UTF-8 byte-order mark.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadCapped> {
    let (file, size) = open_capped(path, limit)?;
    read_to_limit(file, size, limit)
}

/// Opens a regular file (see [`open_regular`]) of no more than `limit` bytes; gives its size.
fn open_capped(path: &Path, limit: u64) -> Result<(std::fs::File, u64), ReadCapped> {
    let file = open_regular(path).map_err(ReadCapped::Io)?;
    let size = file.metadata().map_err(ReadCapped::Io)?.len();
    if size > limit {
        return Err(ReadCapped::TooLarge(size));
    }
    Ok((file, size))
}

/// Reads the rest of a file of `size` bytes, refusing more than `limit` (for a file that
/// grows), without a UTF-8 byte-order mark.
fn read_to_limit(file: std::fs::File, size: u64, limit: u64) -> Result<Vec<u8>, ReadCapped> {
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadCapped::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadCapped::TooLarge(bytes.len() as u64));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(bytes)
}

/// Opens a file for reading, refusing anything that is not a regular file: a FIFO would
/// block the open or the read, and a device such as `/dev/zero` never ends.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let not_regular = |kind: &str| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("it is {kind}, not a regular file"),
        )
    };
    let check = |meta: std::fs::Metadata| {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_file() {
            Ok(())
        } else if kind.is_dir() {
            Err(not_regular("a folder"))
        } else if kind.is_fifo() {
            Err(not_regular("a named pipe (FIFO)"))
        } else if kind.is_char_device() || kind.is_block_device() {
            Err(not_regular("a device"))
        } else if kind.is_socket() {
            Err(not_regular("a socket"))
        } else {
            Err(not_regular("something other than a file"))
        }
    };
    // Looked at before opening, because opening a FIFO waits for a writer; and again after,
    // in case the path was swapped in between.
    check(std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    check(file.metadata()?)?;
    Ok(file)
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::TooLarge {
        path: path.to_owned(),
        size,
        limit: MAX_FILE_BYTES,
    }
}

/// Texts smaller than this are parsed on one thread: a second one would cost more than it
/// saves.
const PIPELINE_FROM_BYTES: usize = 4 << 20;

/// Parses RON straight into a builder, with ron's own line and column on failure.
///
/// The fast reader handles the subset govchart writes, on this thread, while the chart is
/// built from its items on another; if it gives up (anything else, and every error), the
/// text is parsed again by `ron` itself into a fresh builder.
fn parse(text: &str) -> Result<(Builder, Header), Problem> {
    if let Some(parsed) = parse_fast(text) {
        return Ok(parsed);
    }
    log::debug!("the fast reader gave up; parsing with ron");
    let mut builder = Builder::new();
    let options = ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    match options.from_str_seed(text, ChartSeed { sink: &mut builder }) {
        Ok(header) => Ok((builder, header)),
        Err(err) => Err(Problem {
            severity: crate::model::Severity::Error,
            path: String::new(),
            position: Some(past_blanks(text, err.span.start.line, err.span.start.col)),
            message: syntax_message(text, &err.code),
        }),
    }
}

/// The fast reader, with the builder on a second thread; `None` if it gives up.
fn parse_fast(text: &str) -> Option<(Builder, Header)> {
    let on_one_thread = || {
        let mut builder = Builder::for_text_of(text.len());
        let header = fast_ron::from_str_seed(text, ChartSeed { sink: &mut builder }).ok()?;
        Some((builder, header))
    };
    if text.len() < PIPELINE_FROM_BYTES {
        return on_one_thread();
    }
    let Some((builder, header)) = beside(Builder::for_text_of(text.len()), |mut sink| {
        let header = fast_ron::from_str_seed(text, ChartSeed { sink: &mut sink });
        sink.finish();
        header
    }) else {
        return on_one_thread();
    };
    Some((builder, header.ok()?))
}

/// ron's message, in the chart's own words rather than the names of Rust types.
fn syntax_message(text: &str, code: &ron::Error) -> String {
    if text.trim().is_empty() {
        return "the file is empty: a chart starts with `(` and needs at least `version: 1` and a `title`".into();
    }
    let mut message = code.to_string();
    for (rust, noun) in [
        ("`ChartFile`", "the chart"),
        ("`SourceFile`", "a source"),
        ("`OrganisationFile`", "an organisation"),
        ("`ParentFile`", "a parent link"),
        ("`PostFile`", "a post"),
        ("`MoveFile`", "a move"),
        ("`LineFile`", "a line"),
        ("`PersonFile`", "a person"),
        ("`TenureFile`", "a tenure"),
        ("`EventFile`", "an event"),
        ("`PeriodFile`", "`covers`"),
        ("`ViewFile`", "`view`"),
        ("`EventKind`", "an event kind"),
        ("`LineKind`", "a line kind"),
    ] {
        message = message
            .replace(&format!("struct {rust}"), noun)
            .replace(rust, noun);
    }
    message = message.replace("Unexpected missing field named", "missing field");
    message = message.replace("Unexpected field named", "unknown field");
    message = message.replace("Unexpected duplicate field named", "duplicate field");
    message = message.replace(
        "Non-whitespace trailing characters",
        "unexpected text after the end of the chart",
    );
    message
}

/// ron points just after the last token it read; move on to the next thing in the text, which
/// is what a person is looking for (a value of the wrong type, text after the end).
fn past_blanks(text: &str, line: usize, column: usize) -> Position {
    let offset = offset_of(text, line, column);
    let rest = &text[offset..];
    let skipped = rest.len() - rest.trim_start().len();
    if skipped == rest.len() {
        return Position { line, column };
    }
    position_of(&text[..offset + skipped])
}

/// The byte offset of a line and column (counted in characters from 1).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (n, l) in text.split_inclusive('\n').enumerate() {
        if n + 1 == line {
            let within = l
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(l.len(), |(i, _)| i);
            return offset + within;
        }
        offset += l.len();
    }
    text.len()
}

/// The line and column just after `before`.
fn position_of(before: &str) -> Position {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Position { line, column }
}

/// Loads a chart from text; `path` names it in messages.
pub fn load_str(text: &str, path: &Path) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (builder, header) = parse_logged(text, path)?;
    finish(builder, header, path, || text.to_owned())
}

fn parse_logged(text: &str, path: &Path) -> Result<(Builder, Header), LoadError> {
    let clock = std::time::Instant::now();
    let parsed = parse(text).map_err(|problem| LoadError::Invalid {
        path: PathBuf::from(path),
        problems: vec![problem],
    })?;
    log::info!("{}: parsed RON in {:?}", path.display(), clock.elapsed());
    Ok(parsed)
}

/// Builds and checks the chart; `text` gives the file's text back if problems need placing.
fn finish(
    builder: Builder,
    header: Header,
    path: &Path,
    text: impl FnOnce() -> String,
) -> Result<Loaded, LoadError> {
    let clock = std::time::Instant::now();
    let built = builder.finish(header);
    log::info!(
        "{}: validated and built the chart in {:?}",
        path.display(),
        clock.elapsed()
    );
    let mut problems = built.problems;
    if !problems.is_empty() {
        place(&text(), &mut problems);
    }
    match built.chart {
        Some(chart) => Ok(Loaded {
            chart,
            warnings: problems,
        }),
        None => Err(LoadError::Invalid {
            path: PathBuf::from(path),
            problems,
        }),
    }
}

/// Gives each problem the line and column of its path, and sorts them: errors first, then
/// by position.
/// Gives problems their line and column in `text`, the chart's RON, where their paths are in it.
pub fn place(text: &str, problems: &mut [Problem]) {
    if problems.is_empty() {
        return;
    }
    let mut paths: Vec<&str> = Vec::new();
    for problem in problems.iter() {
        let mut path = problem.path.as_str();
        paths.push(path);
        while let Some(cut) = path.rfind(['.', '[']) {
            path = &path[..cut];
            paths.push(path);
        }
    }
    let found = locate(text, &paths);
    for problem in problems.iter_mut() {
        problem.position = found
            .get(&problem.path)
            .copied()
            .or_else(|| nearest(&found, &problem.path));
    }
    problems.sort_by_key(|p| (p.severity, p.position));
}

/// The position of the closest enclosing path that was found (a field left out of the
/// file, such as a default, has no position of its own).
fn nearest(found: &rustc_hash::FxHashMap<String, Position>, path: &str) -> Option<Position> {
    let mut path = path;
    while let Some(cut) = path.rfind(['.', '[']) {
        path = &path[..cut];
        if let Some(p) = found.get(path) {
            return Some(*p);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated chart's text with unknown posts in a line, a tenure and an event, and an
    /// unknown source cited by a post, a tenure and an event.
    fn with_errors(text: &str) -> String {
        let mut bad = text.to_owned();
        let mut swap = |after: &str, from: &str, to: &str| {
            let at = bad.find(after).unwrap() + after.len();
            let end = at + bad[at..].find(from).unwrap();
            bad.replace_range(end..end + from.len(), to);
        };
        swap("posts: [", "to: \"p", "to: \"nowhere");
        swap("posts: [", "sources: [\"s", "sources: [\"gone");
        swap("people: [", "post: \"p", "post: \"missing");
        swap("people: [", "sources: [\"s", "sources: [\"lost");
        swap("events: [", "posts: [\"p", "posts: [\"absent");
        swap("events: [", "sources: [\"s", "sources: [\"vanished");
        bad
    }

    fn built(text: &str, apart_from: usize) -> crate::io::build::Built {
        let (mut builder, header) = parse(text).unwrap();
        builder.people_apart_from = apart_from;
        builder.finish(header)
    }

    #[test]
    fn people_resolved_apart_give_the_chart_and_problems_resolved_in_turn_give() {
        let file = crate::generate::generate(400, 11);
        let mut text = crate::generate::to_compact_ron(&file).unwrap();
        // A source only a post cites, so that a citation found apart from the people's
        // counts.
        let at = text.find("sources: [").unwrap() + "sources: [".len();
        text.insert_str(at, "(id: \"by-a-post\", publisher: \"P\", title: \"T\"), ");
        let at = text.find("posts: [").unwrap();
        let at = at + text[at..].find("sources: [").unwrap() + "sources: [".len();
        text.insert_str(at, "\"by-a-post\", ");
        let (apart, in_turn) = (built(&text, 1), built(&text, usize::MAX));
        let warned = |built: &crate::io::build::Built| -> Vec<String> {
            (built.problems.iter())
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect()
        };
        assert_eq!(warned(&apart), warned(&in_turn));
        assert!(!warned(&apart).iter().any(|w| w.contains("by-a-post")));
        let (apart, in_turn) = (apart.chart.unwrap(), in_turn.chart.unwrap());
        assert_eq!(apart, in_turn);
        assert!(
            apart
                .citations
                .iter()
                .all(|s| s.index() < apart.sources.len())
        );
        assert_eq!(
            crate::io::to_ron(&apart).unwrap(),
            crate::io::to_ron(&in_turn).unwrap()
        );

        let bad = with_errors(&text);
        let (apart, in_turn) = (built(&bad, 1), built(&bad, usize::MAX));
        let said = |built: &crate::io::build::Built| -> Vec<String> {
            (built.problems.iter())
                .filter(|p| p.is_error())
                .map(|p| format!("{}: {}", p.path, p.message))
                .collect()
        };
        let errors = said(&apart);
        assert_eq!(errors, said(&in_turn));
        let wanted = [
            "unknown post \"nowhere",
            "unknown source \"gone",
            "unknown post \"missing",
            "unknown source \"lost",
            "unknown post \"absent",
            "unknown source \"vanished",
        ];
        let mut at = errors.iter();
        for want in wanted {
            assert!(
                at.any(|e| e.contains(want)),
                "{want} in order in {errors:#?}"
            );
        }
        assert!(
            errors.iter().any(|e| e.starts_with("people[")),
            "{errors:#?}"
        );
    }
}
