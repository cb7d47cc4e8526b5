//! Reads a large chart file a piece at a time, so that its text is never in memory whole
//! beside the chart being built from it.
//!
//! Each piece is read with the fast reader, item by item, while the builder adds the items on
//! a second thread. An item cut off by the end of a piece is read again, whole, at the start
//! of the next. Only whole items are handed on, and every step between them is taken as the
//! whole-text reader takes it, so the chart is the one that reader builds. Anything the fast
//! reader does not take (any error, too) gives up, and the caller reads the file whole.

use std::io::Read;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;

use crate::io::build::{Builder, Header};
use crate::io::fast_ron::{GaveUp, Piece};
use crate::io::load::ReadCapped;
use crate::io::stream::{FIELDS, Field, Item, Sink, Values, beside, header_field};

/// How much of the file is read at a time.
pub(crate) const PIECE_BYTES: usize = 32 << 20;

/// The longest stretch of text that may be waiting for the rest of its item: an item this
/// long is not one govchart writes, and the whole-text reader will say what it is.
const MAX_WAITING_BYTES: usize = 64 << 20;

/// Reads a chart file from `file`, `piece` bytes at a time, into a builder with room for a
/// file of `size` bytes; refuses more than `limit` bytes in all. `Ok(None)` when the fast
/// reader gives up.
pub(crate) fn parse(
    file: &mut impl Read,
    size: usize,
    piece: usize,
    limit: u64,
) -> Result<Option<(Builder, Header)>, ReadCapped> {
    parse_waiting(file, size, piece, MAX_WAITING_BYTES, limit)
}

/// [`parse`], giving up once more than `waiting` bytes wait for the rest of their item.
fn parse_waiting(
    file: &mut impl Read,
    size: usize,
    piece: usize,
    waiting: usize,
    limit: u64,
) -> Result<Option<(Builder, Header)>, ReadCapped> {
    let mut builder = Builder::for_text_of(size);
    let mut walk = Walk::default();
    let mut read = 0;
    let mut text = Vec::with_capacity(piece);
    let mut next = Vec::with_capacity(piece);
    let mut last = fill(file, &mut text, piece, &mut read, limit)?;
    let mut mark_looked_for = false;
    loop {
        // A byte-order mark may be cut by the end of the first piece, too.
        if !mark_looked_for && (text.len() >= 3 || last) {
            if text.starts_with(b"\xEF\xBB\xBF") {
                text.drain(..3);
            }
            mark_looked_for = true;
        }
        let piece_text = match std::str::from_utf8(&text) {
            Ok(piece_text) => piece_text,
            // A character cut off by the end of the piece (rare: only then is the text
            // before it checked twice).
            Err(err) if err.error_len().is_none() && !last => {
                match std::str::from_utf8(&text[..err.valid_up_to()]) {
                    Ok(piece_text) => piece_text,
                    Err(_) => return Ok(None),
                }
            }
            Err(_) => return Ok(None),
        };
        let walked = beside(builder, |mut sink| {
            let used = walk.run(piece_text, last, &mut sink);
            sink.finish();
            // Read on while the builder catches up: the next text is what this piece left,
            // then the next piece.
            let more = match used {
                Ok(used) if !last && text.len() - used <= waiting => {
                    next.clear();
                    next.extend_from_slice(&text[used..]);
                    fill(file, &mut next, piece, &mut read, limit).map(Some)
                }
                _ => Ok(None),
            };
            (used, more)
        });
        let Some((built, (used, more))) = walked else {
            return Ok(None);
        };
        builder = built;
        if used.is_err() {
            return Ok(None);
        }
        if last {
            return Ok(walk.finish().map(|header| (builder, header)));
        }
        // Nothing more was read only when too much was waiting for the rest of its item.
        let Some(more) = more? else {
            return Ok(None);
        };
        last = more;
        std::mem::swap(&mut text, &mut next);
    }
}

/// Appends up to `want` bytes to `buf`; true at the end of the file.
fn fill(
    file: &mut impl Read,
    buf: &mut Vec<u8>,
    want: usize,
    read: &mut u64,
    limit: u64,
) -> Result<bool, ReadCapped> {
    buf.reserve(want);
    let got = file
        .take(want as u64)
        .read_to_end(buf)
        .map_err(ReadCapped::Io)?;
    *read += got as u64;
    if *read > limit {
        return Err(ReadCapped::TooLarge(*read));
    }
    Ok(got < want)
}

/// Where the walk through the file's top level has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Phase {
    /// Before the chart's opening parenthesis.
    #[default]
    Open,
    /// Between the chart's fields.
    Fields,
    /// Inside one of the chart's lists.
    Items(Field),
    /// After the chart's closing parenthesis.
    After,
    /// At the end of the file.
    Done,
}

/// The walk through the file's top level, kept from one piece to the next.
#[derive(Default)]
struct Walk {
    phase: Phase,
    header: Header,
    seen: [bool; FIELDS.len()],
}

impl<'de> Values<'de> for Piece<'de> {
    type Error = GaveUp;

    fn next<T: Deserialize<'de>>(&mut self) -> Result<T, GaveUp> {
        self.value()
    }
}

impl Walk {
    /// Takes every whole step `text` holds, from its start, sending items to `sink`; gives
    /// how many bytes they took. In the `last` piece every step must be whole.
    fn run<'de>(
        &mut self,
        text: &'de str,
        last: bool,
        sink: &mut dyn Sink<'de>,
    ) -> Result<usize, GaveUp> {
        let mut used = 0;
        loop {
            if self.phase == Phase::Done || (self.phase == Phase::After && !last) {
                return Ok(used);
            }
            let mut piece = Piece::new(text, used, self.depth());
            match self.step(&mut piece, sink) {
                Ok(()) => used = piece.at(),
                Err(GaveUp) if !last => return Ok(used),
                Err(GaveUp) => return Err(GaveUp),
            }
        }
    }

    /// How deeply nested the text at the current phase is, as the whole-text reader counts.
    fn depth(&self) -> usize {
        match self.phase {
            Phase::Open => 0,
            Phase::Fields | Phase::After | Phase::Done => 1,
            Phase::Items(_) => 2,
        }
    }

    /// One step: changes nothing unless it is taken whole.
    fn step<'de>(
        &mut self,
        piece: &mut Piece<'de>,
        sink: &mut dyn Sink<'de>,
    ) -> Result<(), GaveUp> {
        match self.phase {
            Phase::Open => {
                piece.attributes()?;
                let named = piece
                    .next_byte()?
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_');
                if named && piece.ident()? != "ChartFile" {
                    return Err(GaveUp);
                }
                piece.take(b'(')?;
                self.phase = Phase::Fields;
            }
            Phase::Fields => {
                if piece.next_byte()? == Some(b')') {
                    piece.take(b')')?;
                    self.phase = Phase::After;
                    return Ok(());
                }
                let field =
                    Field::deserialize(BorrowedStrDeserializer::<GaveUp>::new(piece.key()?))?;
                if self.seen[field.index()] {
                    return Err(GaveUp);
                }
                if field.is_list() {
                    piece.take(b'[')?;
                    self.phase = Phase::Items(field);
                } else {
                    // Written again, the same, if the step is taken again.
                    header_field(&mut self.header, field, piece)?;
                    piece.after_item(b')')?;
                }
                self.seen[field.index()] = true;
            }
            Phase::Items(list) => {
                if piece.next_byte()? == Some(b']') {
                    piece.take(b']')?;
                    piece.after_item(b')')?;
                    self.phase = Phase::Fields;
                    return Ok(());
                }
                let item = match list {
                    Field::Sources => Item::Source(Box::new(piece.value()?)),
                    Field::Organisations => Item::Organisation(Box::new(piece.value()?)),
                    Field::Posts => Item::Post(Box::new(piece.value()?)),
                    Field::People => Item::Person(piece.value()?),
                    Field::Events => Item::Event(Box::new(piece.value()?)),
                    _ => return Err(GaveUp),
                };
                piece.after_item(b']')?;
                sink.item(item);
            }
            Phase::After => {
                if piece.next_byte()?.is_some() {
                    return Err(GaveUp);
                }
                self.phase = Phase::Done;
            }
            Phase::Done => {}
        }
        Ok(())
    }

    /// The header, once the whole file has been walked and it has what a chart needs.
    fn finish(self) -> Option<Header> {
        let header = self.header;
        (self.phase == Phase::Done && header.version.is_some() && header.title.is_some())
            .then_some(header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Problem;

    /// The chart, as RON, that reading `text` in pieces of `piece` bytes builds; `None` if
    /// the reader gave up.
    fn in_pieces(text: &str, piece: usize) -> Option<String> {
        let mut bytes = text.as_bytes();
        let (builder, header) = parse(&mut bytes, text.len(), piece, u64::MAX).ok()??;
        let chart = builder.finish(header).chart?;
        crate::io::to_ron(&chart).ok()
    }

    /// The chart, as RON, that reading `text` whole builds.
    fn whole(text: &str) -> String {
        let loaded = crate::io::load_str(text, std::path::Path::new("chart.ron"));
        crate::io::to_ron(&loaded.expect("the chart loads whole").chart).expect("it saves")
    }

    fn generated(posts: usize) -> String {
        crate::generate::to_compact_ron(&crate::generate::generate(posts, 3)).expect("it writes")
    }

    #[test]
    fn builds_the_chart_reading_it_whole_builds_at_any_piece_size() {
        let generated = generated(60);
        let builtin = crate::io::BUILTIN_CHART;
        for text in [generated.as_str(), builtin] {
            reads_as_whole(
                text,
                [1000, 4093, 20_000, text.len(), text.len() + 1, 1 << 20],
            );
        }
    }

    /// Reading `text` in pieces of each size builds the chart reading it whole builds.
    fn reads_as_whole(text: &str, sizes: impl IntoIterator<Item = usize>) {
        let expected = whole(text);
        for piece in sizes {
            assert_eq!(
                in_pieces(text, piece).as_deref(),
                Some(expected.as_str()),
                "pieces of {piece} bytes"
            );
        }
    }

    #[test]
    fn items_cut_anywhere_are_read_whole() {
        // Every cut of a short chart: inside strings, escapes, comments, names and
        // multi-byte characters, and between every token.
        let text = "\u{feff}#![enable(implicit_some)]\n// A chart\n(\n  version: 1,\n  \
            title: \"Caf\u{e9} \\\"board\\\"\", /* block */\n  sources: [(id: \"s1\", \
            publisher: \"P\u{fc}blisher\", title: \"T\")],\n  organisations: [(id: \"o\", \
            name: \"Org \u{2014} one\", certainty: Confirmed, sources: [\"s1\"])],\n  posts: [\
            (id: \"p\", title: \"Chief\", organisation: \"o\", \
            sources: [\"s1\"]),],\n  people: [(id: \"h\", name: \"Z\u{f6}e\", tenures: [(post: \
            \"p\", start: \"2016-07\", certainty: Reported, sources: [\"s1\"])])],\n)\n// end\n";
        reads_as_whole(text, 1..text.len() + 2);
    }

    #[test]
    fn gives_up_where_the_whole_text_reader_does() {
        let good = generated(20);
        let cut = good.len() / 2;
        let bad = [
            format!("{}\"broken\n{}", &good[..cut], &good[cut..]),
            format!("{good} trailing"),
            good.replacen("version: 1,", "", 1),
            good.replacen("title:", "name:", 1),
            good.replacen("posts: [", "posts: [] posts: [", 1),
            good[..good.len() - 5].to_string(),
        ];
        for (n, text) in bad.iter().enumerate() {
            for piece in [1000, 1 << 20] {
                assert_eq!(
                    in_pieces(text, piece),
                    None,
                    "bad text {n}, pieces of {piece}"
                );
            }
        }
        let mut bytes = good.clone().into_bytes();
        bytes[cut] = 0xFF;
        assert!(
            parse(&mut bytes.as_slice(), bytes.len(), 1000, u64::MAX)
                .expect("it reads")
                .is_none()
        );
    }

    #[test]
    fn every_bad_chart_reads_in_pieces_as_it_reads_whole() {
        // Hand-written files with every kind of mistake. Read in pieces, each has the problems
        // reading it whole finds, or the piece reader gives up (every syntax error) and the
        // loader reads it whole.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bad_charts");
        let (mut files, mut built) = (0, 0);
        let found = |problems: &[Problem]| {
            let mut found: Vec<(String, String)> = problems
                .iter()
                .map(|p| (p.path.clone(), p.message.clone()))
                .collect();
            found.sort();
            found
        };
        for entry in std::fs::read_dir(dir).expect("the bad charts are there") {
            let path = entry.expect("an entry").path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            if path.extension().is_none_or(|e| e != "ron") {
                continue;
            }
            let whole = match crate::io::load_str(&text, &path) {
                Ok(loaded) => found(&loaded.warnings),
                Err(err) => found(err.problems()),
            };
            for piece in [7, 100, 1 << 20] {
                let mut bytes = text.as_bytes();
                let parsed = parse(&mut bytes, text.len(), piece, u64::MAX).expect("it reads");
                if let Some((builder, header)) = parsed {
                    let problems = builder.finish(header).problems;
                    assert_eq!(
                        found(&problems),
                        whole,
                        "{}, pieces of {piece}",
                        path.display()
                    );
                    built += 1;
                }
            }
            files += 1;
        }
        assert!(
            files >= 40 && built >= 3 * 20,
            "{files} files, {built} read in pieces"
        );
    }

    #[test]
    fn gives_up_on_an_item_longer_than_may_wait_and_reads_it_in_larger_pieces() {
        let long = "Long note. ".repeat(1000);
        let text = generated(20).replacen(
            "(id: \"p0\",",
            &format!("(note: \"{long}\", id: \"p0\","),
            1,
        );
        assert!(text.contains(&long));
        let read = |piece: usize, waiting: usize| {
            parse_waiting(&mut text.as_bytes(), text.len(), piece, waiting, 1 << 30)
                .expect("it reads")
                .map(|(builder, header)| builder.finish(header).chart.is_some())
        };
        assert_eq!(
            read(1000, 5000),
            None,
            "the note waits for more than 5000 bytes"
        );
        assert_eq!(read(1000, 20_000), Some(true));
    }

    #[test]
    fn refuses_more_than_the_limit() {
        let text = generated(20);
        let result = parse(&mut text.as_bytes(), text.len(), 1000, 5000);
        assert!(matches!(result, Err(ReadCapped::TooLarge(n)) if n > 5000));
    }
}
