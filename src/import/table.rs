//! CSV tables as real files hold them: read as a stream, in UTF-8 or Windows-1252 (cell by
//! cell, so a file that mixes them still reads), UTF-16 with a byte-order mark, with commas,
//! semicolons or tabs, quoted line breaks and blank rows, and headers matched by their
//! letters and digits alone.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::import::{ImportError, Located, Place, Progress};

/// A CSV file open for reading, its header row read.
pub struct Table<'p> {
    path: PathBuf,
    reader: csv::Reader<Counted<'p, Box<dyn Read + Send>>>,
    /// The header cells as written (decoded, trimmed).
    pub header: Vec<String>,
    /// The header cells as keys: lower case, letters and digits only.
    keys: Vec<String>,
    /// The line the header is on.
    pub header_line: u64,
    /// The encoding other than UTF-8 that some cells were read in.
    pub encoding: Option<&'static str>,
    record: csv::ByteRecord,
    /// Data rows read so far.
    pub rows: u64,
}

/// A data row: its line and its cells, decoded and tidied.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The line the row starts on.
    pub line: u64,
    /// The cells, trimmed, with runs of white space (non-breaking spaces too) made one space.
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in a column, or "" when the row is short or the column is absent.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", String::as_str)
    }

    /// Whether every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}

/// A reader that counts the bytes it passes on, for progress.
struct Counted<'p, R> {
    inner: R,
    progress: &'p Progress,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.advance(n as u64);
        Ok(n)
    }
}

/// A header cell as a key: "Salary Cost of Reports (£)" → "salarycostofreports".
pub fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The largest UTF-16 file read (it is decoded whole, not streamed).
const MAX_UTF16_BYTES: u64 = 256 << 20;

impl<'p> Table<'p> {
    /// Opens a CSV file and reads up to its header row (the first row with any text).
    pub fn open(path: &Path, progress: &'p Progress) -> Result<Self, ImportError> {
        let read_error = |source| ImportError::Read {
            place: Place::file(path),
            source,
        };
        let file = crate::io::open_regular(path).map_err(read_error)?;
        let size = file.metadata().map_err(read_error)?.len();
        progress.add_total(size);
        let mut buffered = BufReader::with_capacity(1 << 16, file);
        let start = buffered.fill_buf().map_err(read_error)?;
        let utf16 = if start.starts_with(&[0xFF, 0xFE]) {
            Some(encoding_rs::UTF_16LE)
        } else if start.starts_with(&[0xFE, 0xFF]) {
            Some(encoding_rs::UTF_16BE)
        } else {
            None
        };
        if utf16.is_none()
            && let Some(kind) = binary_kind(start)
        {
            return Err(ImportError::at(
                Place::file(path),
                format!("not a CSV table: the file is {kind}; save or export it as CSV first"),
            ));
        }
        // Lines end in LF or CRLF; a CR left at the end of a cell is trimmed. (Read as CRLF,
        // the csv crate counts lines one short after the first CRLF.) Only files with no LF
        // at all end lines in CR alone.
        let terminator = if start.contains(&b'\n') || utf16.is_some() {
            csv::Terminator::Any(b'\n')
        } else {
            csv::Terminator::CRLF
        };
        let (source, delimiter, encoding): (Box<dyn Read + Send>, u8, _) = match utf16 {
            Some(encoding) => {
                if size > MAX_UTF16_BYTES {
                    return Err(ImportError::at(
                        Place::file(path),
                        format!(
                            "the file is UTF-16 and {size} bytes; govchart reads UTF-16 files of up to {MAX_UTF16_BYTES} bytes (save it as UTF-8 to import it)"
                        ),
                    ));
                }
                let mut bytes = Vec::new();
                buffered.read_to_end(&mut bytes).map_err(read_error)?;
                let (text, _) = encoding.decode_with_bom_removal(&bytes);
                let text = text.into_owned();
                let delimiter = sniff_delimiter(text.as_bytes());
                (
                    Box::new(std::io::Cursor::new(text.into_bytes())),
                    delimiter,
                    Some(encoding.name()),
                )
            }
            None => {
                let delimiter = sniff_delimiter(start);
                (Box::new(buffered), delimiter, None)
            }
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(terminator)
            .from_reader(Counted {
                inner: source,
                progress,
            });
        let mut table = Table {
            path: path.to_owned(),
            reader,
            header: Vec::new(),
            keys: Vec::new(),
            header_line: 0,
            encoding,
            record: csv::ByteRecord::new(),
            rows: 0,
        };
        loop {
            let Some(row) = table.raw_row()? else {
                return Err(ImportError::at(
                    Place::file(path),
                    "the file has no rows: it is empty, or not a CSV table",
                ));
            };
            if !row.is_blank() {
                table.header_line = row.line;
                table.keys = row.cells.iter().map(|c| key(c)).collect();
                table.header = row.cells;
                break;
            }
        }
        Ok(table)
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The first column whose header is one of `names` (as keys), trying them in order.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|name| self.keys.iter().position(|k| k == name))
    }

    /// The column a header names exactly as written (after trimming and case), for columns
    /// the user names on the command line.
    pub fn named_column(&self, name: &str) -> Option<usize> {
        (self.header.iter())
            .position(|h| h.eq_ignore_ascii_case(name.trim()))
            .or_else(|| self.keys.iter().position(|k| *k == key(name)))
    }

    /// The header of a column, for messages.
    pub fn column_name(&self, column: usize) -> String {
        match self.header.get(column) {
            Some(name) if !name.is_empty() => format!("column \"{name}\""),
            _ => format!("column {}", column + 1),
        }
    }

    /// The next data row with any text in it, or `None` at the end.
    pub fn next_row(&mut self) -> Result<Option<Row>, ImportError> {
        loop {
            match self.raw_row()? {
                None => return Ok(None),
                Some(row) if row.is_blank() => continue,
                Some(row) => {
                    self.rows += 1;
                    return Ok(Some(row));
                }
            }
        }
    }

    fn raw_row(&mut self) -> Result<Option<Row>, ImportError> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let line = self.record.position().map_or(0, csv::Position::line);
                let mut cells = Vec::with_capacity(self.record.len());
                for field in &self.record {
                    let (text, other) = decode(field);
                    if other && self.encoding.is_none() {
                        self.encoding = Some("Windows-1252");
                    }
                    cells.push(tidy(&text));
                }
                Ok(Some(Row { line, cells }))
            }
            Err(err) => {
                let line = err.position().map_or(0, csv::Position::line);
                let message = match err.kind() {
                    csv::ErrorKind::Io(io) => format!("cannot read the file: {io}"),
                    _ => format!("not readable as CSV: {err}"),
                };
                Err(ImportError::Invalid {
                    problems: vec![Located::new(Place::line(&self.path, line), message)],
                })
            }
        }
    }
}

/// What a file that is not text is, from its first bytes: a spreadsheet, a PDF, an image.
fn binary_kind(start: &[u8]) -> Option<&'static str> {
    if start.starts_with(b"PK\x03\x04") {
        Some("a zip archive, such as an Excel workbook (.xlsx) or an OpenDocument spreadsheet")
    } else if start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("an old-style Excel workbook (.xls)")
    } else if start.starts_with(b"%PDF") {
        Some("a PDF document")
    } else if start.starts_with(b"\x89PNG") || start.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("an image")
    } else if start.iter().take(4096).any(|&b| b == 0) {
        Some("binary data, not text")
    } else {
        None
    }
}

/// A cell's text: UTF-8 where it is, otherwise Windows-1252 (which every byte decodes as).
/// The flag says the second was needed.
fn decode(bytes: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), false),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, true)
        }
    }
}

/// Trims a cell and makes each run of white space (non-breaking spaces and line breaks
/// too) one space; strips a byte-order mark.
pub fn tidy(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The delimiter of the first line: whichever of comma, semicolon and tab appears most
/// outside quotes (comma when none does).
fn sniff_delimiter(start: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in start {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// A number as real files write it: "1", "1.0", "£1,008,439.00", "165,000"; `None` for
/// anything else (N/D, N/A, blank).
pub fn number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '£' | ',' | ' ' | '$' | '€'))
        .collect();
    let value: f64 = cleaned.parse().ok()?;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_ignore_pound_signs_and_case() {
        assert_eq!(key("Salary Cost of Reports (£)"), "salarycostofreports");
        assert_eq!(
            key("Salary Cost of Reports (\u{fffd})"),
            "salarycostofreports"
        );
        assert_eq!(key("Valid?"), "valid");
        assert_eq!(key("Grade (or equivalent)"), "gradeorequivalent");
    }

    #[test]
    fn cells_read_in_windows_1252_where_they_are_not_utf8() {
        assert_eq!(decode(b"Pay (\xa3)").0, "Pay (£)");
        assert_eq!(decode("Pay (£)".as_bytes()).0, "Pay (£)");
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(number("1.0"), Some(1.0));
        assert_eq!(number("£1,008,439.00"), Some(1_008_439.0));
        assert_eq!(number("165,000"), Some(165_000.0));
        assert_eq!(number("N/D"), None);
        assert_eq!(number(""), None);
        assert_eq!(number("inf"), None);
    }

    #[test]
    fn delimiters_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter(b"a,b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"name\n"), b',');
    }

    #[test]
    fn files_that_are_not_text_are_named() {
        assert_eq!(
            binary_kind(b"PK\x03\x04rest").map(|k| k.contains("xlsx")),
            Some(true)
        );
        assert_eq!(
            binary_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]),
            Some("an old-style Excel workbook (.xls)")
        );
        assert_eq!(binary_kind(b"\x89PNG\r\n"), Some("an image"));
        assert_eq!(binary_kind(b"a,b\0c"), Some("binary data, not text"));
        assert_eq!(binary_kind("Post Unique Reference,Name\n".as_bytes()), None);
    }

    #[test]
    fn tidy_collapses_white_space() {
        assert_eq!(tidy("  Jacqui\u{a0} Jones \r\n"), "Jacqui Jones");
        assert_eq!(tidy("\u{feff}Post"), "Post");
    }
}
