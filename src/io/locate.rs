//! Finds where items are in a RON text, by their path in the chart's structure
//! (`people[3].tenures[1].post`), so that problems found after parsing can still name a line
//! and column.

use std::fmt::Write;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::io::problem::Position;

/// How deep the scanner follows nesting (the loader refuses deeper files anyway).
const MAX_DEPTH: usize = 256;

/// The positions of the values at `paths` in `text`; paths not found are left out.
///
/// A path is field names joined by dots, with `[i]` for the i-th element of a list, as
/// [`crate::io::Problem::path`] has them. `Some(...)` is transparent.
pub fn locate(text: &str, paths: &[&str]) -> FxHashMap<String, Position> {
    let wanted: FxHashSet<&str> = paths.iter().copied().collect();
    let mut scanner = Scanner {
        s: text.as_bytes(),
        i: 0,
        path: String::new(),
        wanted,
        found: Vec::new(),
        depth: 0,
    };
    scanner.ws();
    scanner.value();
    offsets_to_positions(text, scanner.found)
}

fn offsets_to_positions(
    text: &str,
    mut found: Vec<(usize, String)>,
) -> FxHashMap<String, Position> {
    found.sort_by_key(|(offset, _)| *offset);
    let mut out = FxHashMap::default();
    let (mut line, mut column) = (1, 1);
    let mut chars = text.char_indices().peekable();
    for (offset, path) in found {
        while let Some(&(i, c)) = chars.peek() {
            if i >= offset {
                break;
            }
            chars.next();
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        out.entry(path).or_insert(Position { line, column });
    }
    out
}

struct Scanner<'a> {
    s: &'a [u8],
    i: usize,
    path: String,
    wanted: FxHashSet<&'a str>,
    found: Vec<(usize, String)>,
    depth: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.s.get(self.i + k).copied()
    }

    fn record(&mut self) {
        if self.wanted.contains(self.path.as_str()) {
            self.found.push((self.i, self.path.clone()));
        }
    }

    /// Skips white space, comments and `#![...]` attributes.
    fn ws(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.i += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.i += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => self.block_comment(),
                (Some(b'#'), Some(b'!')) => {
                    while self.peek().is_some_and(|c| c != b']') {
                        self.i += 1;
                    }
                    self.i += 1;
                }
                _ => return,
            }
        }
    }

    fn block_comment(&mut self) {
        self.i = crate::io::lex::skip_block_comment(self.s, self.i).unwrap_or(self.s.len());
    }

    fn value(&mut self) {
        if self.depth > MAX_DEPTH {
            self.i = self.s.len();
            return;
        }
        self.depth += 1;
        self.record();
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b'\'') => self.char_literal(),
            Some(b'r') if matches!(self.peek_at(1), Some(b'"' | b'#')) => self.raw_string(),
            Some(b'b') if self.peek_at(1) == Some(b'"') => {
                self.i += 1;
                self.string();
            }
            Some(b'(') => self.parens(),
            Some(b'[') => self.list(),
            Some(b'{') => self.map(),
            Some(c) if is_ident_start(c) => {
                let is_some = self.ident() == b"Some";
                self.ws();
                if self.peek() == Some(b'(') {
                    if is_some {
                        self.i += 1;
                        self.ws();
                        self.value();
                        self.ws();
                        self.expect(b')');
                    } else {
                        self.parens();
                    }
                }
            }
            Some(_) => self.atom(),
            None => {}
        }
        self.depth -= 1;
    }

    fn expect(&mut self, c: u8) {
        if self.peek() == Some(c) {
            self.i += 1;
        }
    }

    fn ident(&mut self) -> &[u8] {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.i += 1;
        }
        &self.s[start..self.i]
    }

    fn atom(&mut self) {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| !c.is_ascii_whitespace() && !b",)]}:(".contains(&c))
        {
            self.i += 1;
        }
        if self.i == start {
            self.i += 1;
        }
    }

    fn string(&mut self) {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'"' => return,
                _ => {}
            }
        }
    }

    fn char_literal(&mut self) {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' => self.i += 1,
                b'\'' => return,
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) {
        self.i += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        self.i += 1;
        while self.i < self.s.len() {
            if self.s[self.i] == b'"'
                && self.s[self.i + 1..]
                    .iter()
                    .take(hashes)
                    .filter(|&&c| c == b'#')
                    .count()
                    == hashes
            {
                self.i += 1 + hashes;
                return;
            }
            self.i += 1;
        }
    }

    /// Whether the text at the cursor is `name:` (a struct field), without moving.
    fn field_name_ahead(&self) -> Option<usize> {
        let mut j = self.i;
        if !self.s.get(j).copied().is_some_and(is_ident_start) {
            return None;
        }
        while self
            .s
            .get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            j += 1;
        }
        let end = j;
        while self.s.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        (self.s.get(j) == Some(&b':') && self.s.get(j + 1) != Some(&b':')).then_some(end)
    }

    /// A struct `(a: 1, b: 2)` or a tuple `(1, 2)`.
    fn parens(&mut self) {
        self.i += 1;
        loop {
            self.ws();
            match self.peek() {
                None => return,
                Some(b')') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.i;
            if let Some(end) = self.field_name_ahead() {
                let name = String::from_utf8_lossy(&self.s[self.i..end]).into_owned();
                self.i = end;
                self.ws();
                self.expect(b':');
                self.ws();
                let keep = self.path.len();
                if !self.path.is_empty() {
                    self.path.push('.');
                }
                self.path.push_str(&name);
                self.value();
                self.path.truncate(keep);
            } else {
                let keep = self.path.len();
                self.path.push_str(".?");
                self.value();
                self.path.truncate(keep);
            }
            if self.i == before {
                self.i += 1;
            }
        }
    }

    fn list(&mut self) {
        self.i += 1;
        let mut index = 0usize;
        loop {
            self.ws();
            match self.peek() {
                None => return,
                Some(b']') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => {
                    self.i += 1;
                    continue;
                }
                _ => {}
            }
            let before = self.i;
            let keep = self.path.len();
            let _ = write!(self.path, "[{index}]");
            self.value();
            self.path.truncate(keep);
            index += 1;
            if self.i == before {
                self.i += 1;
            }
        }
    }

    fn map(&mut self) {
        self.i += 1;
        let keep = self.path.len();
        self.path.push_str(".{}");
        loop {
            self.ws();
            match self.peek() {
                None => break,
                Some(b'}') => {
                    self.i += 1;
                    break;
                }
                Some(b',' | b':') => self.i += 1,
                _ => {
                    let before = self.i;
                    self.value();
                    if self.i == before {
                        self.i += 1;
                    }
                }
            }
        }
        self.path.truncate(keep);
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_fields_and_list_elements() {
        let text = "#![enable(implicit_some)]\n(\n  version: 1,\n  people: [\n    (id: \"a\", tenures: [(post: \"x\"), (post: Some(\"y\"))]),\n  ],\n)\n";
        let found = locate(
            text,
            &[
                "version",
                "people[0]",
                "people[0].tenures[1].post",
                "people[0].id",
            ],
        );
        assert_eq!(
            found["version"],
            Position {
                line: 3,
                column: 12
            }
        );
        assert_eq!(found["people[0]"], Position { line: 5, column: 5 });
        assert_eq!(
            found["people[0].id"],
            Position {
                line: 5,
                column: 10
            }
        );
        assert_eq!(
            found["people[0].tenures[1].post"],
            Position {
                line: 5,
                column: 45
            }
        );
    }

    #[test]
    fn skips_comments_and_strings_that_look_like_fields() {
        let text = "( /* a: [ */ title: \"b: (c\", // d: [\n sources: [ r#\"x\"# , (id: \"s\")] )";
        let found = locate(text, &["title", "sources[1].id"]);
        assert_eq!(found["title"].line, 1);
        assert_eq!(
            found["sources[1].id"],
            Position {
                line: 2,
                column: 27
            }
        );
    }
}
