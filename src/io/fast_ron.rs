//! A strict, fast reader for the subset of RON that chart files use.
//!
//! It understands structs (named or not), lists, strings, raw strings, unsigned integers,
//! booleans, options (`None`, `Some(..)` and implicit `Some`), unit and struct enum variants,
//! comments and `#![enable(implicit_some)]`. Anything else, and any error, makes it give up;
//! the loader then parses the same text with `ron` itself, which stays the reference for what
//! is valid and for every error message. So this reader must only ever agree with `ron` when
//! it succeeds, a property the tests check on random and mutated files.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

/// How deep values may nest before this reader gives up (well inside ron's own limit).
const MAX_DEPTH: usize = 32;

/// This reader gave up; parse with `ron` instead.
#[derive(Debug)]
pub struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the fast subset")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

/// Parses `text` as a `T`, or gives up.
#[cfg(test)]
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    from_str_seed(text, std::marker::PhantomData::<T>)
}

/// Parses `text` through a seed, or gives up.
pub fn from_str_seed<'de, S: DeserializeSeed<'de>>(text: &'de str, seed: S) -> Result<S::Value> {
    let mut reader = Reader {
        text,
        s: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    reader.attributes()?;
    let value = seed.deserialize(&mut reader)?;
    reader.ws()?;
    if reader.i != reader.s.len() {
        return Err(GaveUp);
    }
    Ok(value)
}

/// A reader over a piece of a chart file's text, for reading a large file a piece at a time
/// (see `io::pieces`): the caller walks the top level with these steps and reads each list
/// item as a value of its own, at the depth it sits at in the whole file. Every step gives up
/// as the whole-text reader would, or when the piece ends too soon.
pub(crate) struct Piece<'de> {
    reader: Reader<'de>,
}

impl<'de> Piece<'de> {
    /// Reads `text` from byte `at`, at nesting `depth`.
    pub fn new(text: &'de str, at: usize, depth: usize) -> Self {
        Piece {
            reader: Reader {
                text,
                s: text.as_bytes(),
                i: at,
                depth,
            },
        }
    }

    /// How far it has read.
    pub fn at(&self) -> usize {
        self.reader.i
    }

    /// Skips the `#![enable(implicit_some)]` lines a file may start with.
    pub fn attributes(&mut self) -> Result<()> {
        self.reader.attributes()
    }

    /// The next byte after blanks and comments, without taking it.
    pub fn next_byte(&mut self) -> Result<Option<u8>> {
        self.reader.ws()?;
        Ok(self.reader.peek())
    }

    /// Takes `c`, after blanks and comments.
    pub fn take(&mut self, c: u8) -> Result<()> {
        self.reader.eat(c)
    }

    /// An identifier.
    pub fn ident(&mut self) -> Result<&'de str> {
        self.reader.ident()
    }

    /// A field's name and its colon.
    pub fn key(&mut self) -> Result<&'de str> {
        let name = self.reader.ident()?;
        self.reader.eat(b':')?;
        if self.reader.peek() == Some(b':') {
            return Err(GaveUp);
        }
        Ok(name)
    }

    /// A whole value.
    pub fn value<T: de::Deserialize<'de>>(&mut self) -> Result<T> {
        T::deserialize(&mut self.reader)
    }

    /// After a field or an element: a comma, taken, or `close`, left.
    pub fn after_item(&mut self, close: u8) -> Result<()> {
        self.reader.after_item(close)
    }
}

struct Reader<'de> {
    text: &'de str,
    s: &'de [u8],
    i: usize,
    depth: usize,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    IDENT_CHARS[usize::from(c)]
}

/// Which bytes may follow an identifier's first: looked up, for every field name and
/// enum variant of a file is read a byte at a time.
const IDENT_CHARS: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    table
};

impl<'de> Reader<'de> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    /// Skips ASCII white space and comments; gives up on anything it does not know. Called
    /// before every token, most often where there is nothing to skip: that test is inlined.
    #[inline]
    fn ws(&mut self) -> Result<()> {
        match self.peek() {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'/') => self.ws_more(),
            Some(c) if c >= 0x80 => Err(GaveUp),
            _ => Ok(()),
        }
    }

    /// [`Reader::ws`] where there is something to skip.
    fn ws_more(&mut self) -> Result<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.i += 1,
                Some(b'/') => match self.s.get(self.i + 1) {
                    Some(b'/') => {
                        while self.peek().is_some_and(|c| c != b'\n') {
                            self.i += 1;
                        }
                    }
                    Some(b'*') => self.block_comment()?,
                    _ => return Err(GaveUp),
                },
                Some(c) if c >= 0x80 => return Err(GaveUp),
                _ => return Ok(()),
            }
        }
    }

    fn block_comment(&mut self) -> Result<()> {
        self.i = crate::io::lex::skip_block_comment(self.s, self.i).ok_or(GaveUp)?;
        Ok(())
    }

    /// Accepts only `#![enable(implicit_some)]` lines at the top.
    fn attributes(&mut self) -> Result<()> {
        loop {
            self.ws()?;
            if self.peek() != Some(b'#') {
                return Ok(());
            }
            let rest = &self.s[self.i..];
            let attr = b"#![enable(implicit_some)]";
            if !rest.starts_with(attr) {
                return Err(GaveUp);
            }
            self.i += attr.len();
        }
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Result<()> {
        self.ws()?;
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// The text between two byte offsets that sit next to ASCII bytes (quotes, identifier
    /// characters), which are always character boundaries in UTF-8.
    fn slice(&self, start: usize, end: usize) -> Result<&'de str> {
        self.text.get(start..end).ok_or(GaveUp)
    }

    /// Reads an ASCII identifier (no raw identifiers).
    fn ident(&mut self) -> Result<&'de str> {
        self.ws()?;
        let start = self.i;
        if !self.peek().is_some_and(is_ident_start) {
            return Err(GaveUp);
        }
        let rest = &self.s[self.i..];
        self.i += rest
            .iter()
            .position(|&c| !is_ident_char(c))
            .unwrap_or(rest.len());
        if self.peek().is_some_and(|c| c >= 0x80) {
            return Err(GaveUp);
        }
        self.slice(start, self.i)
    }

    /// Whether the next identifier is `word` (not a longer one), without moving.
    fn at_word(&mut self, word: &[u8]) -> Result<bool> {
        self.ws()?;
        let rest = &self.s[self.i..];
        Ok(rest.starts_with(word)
            && !rest
                .get(word.len())
                .is_some_and(|&c| is_ident_char(c) || c >= 0x80))
    }

    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.ws()?;
        match self.peek() {
            Some(b'"') => self.quoted(),
            Some(b'r') => self.raw(),
            _ => Err(GaveUp),
        }
    }

    fn quoted(&mut self) -> Result<Cow<'de, str>> {
        self.i += 1;
        let start = self.i;
        let Some(at) = memchr::memchr2(b'"', b'\\', &self.s[self.i..]) else {
            return Err(GaveUp);
        };
        self.i += at;
        if self.s[self.i] == b'\\' {
            return self.escaped(start);
        }
        let text = self.slice(start, self.i)?;
        self.i += 1;
        Ok(Cow::Borrowed(text))
    }

    /// The rest of a string that has escapes; `start` is just after the opening quote.
    fn escaped(&mut self, start: usize) -> Result<Cow<'de, str>> {
        let mut out: Vec<u8> = self.s[start..self.i].to_vec();
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return String::from_utf8(out).map(Cow::Owned).map_err(|_| GaveUp);
                }
                Some(b'\\') => {
                    let byte = match self.s.get(self.i + 1) {
                        Some(b'\\') => b'\\',
                        Some(b'"') => b'"',
                        Some(b'\'') => b'\'',
                        Some(b'n') => b'\n',
                        Some(b'r') => b'\r',
                        Some(b't') => b'\t',
                        _ => return Err(GaveUp),
                    };
                    out.push(byte);
                    self.i += 2;
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
                None => return Err(GaveUp),
            }
        }
    }

    fn raw(&mut self) -> Result<Cow<'de, str>> {
        self.i += 1;
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            hashes += 1;
            self.i += 1;
        }
        if self.peek() != Some(b'"') {
            return Err(GaveUp);
        }
        self.i += 1;
        let start = self.i;
        while self.i < self.s.len() {
            if self.s[self.i] == b'"' {
                let tail = &self.s[self.i + 1..];
                if tail.len() >= hashes && tail[..hashes].iter().all(|&c| c == b'#') {
                    let text = self.slice(start, self.i)?;
                    self.i += 1 + hashes;
                    return Ok(Cow::Borrowed(text));
                }
            }
            self.i += 1;
        }
        Err(GaveUp)
    }

    fn unsigned(&mut self) -> Result<u64> {
        self.ws()?;
        let start = self.i;
        let mut value: u64 = 0;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(c - b'0')))
                .ok_or(GaveUp)?;
            self.i += 1;
        }
        let ends_cleanly = !self
            .peek()
            .is_some_and(|c| is_ident_char(c) || c == b'.' || c >= 0x80);
        if self.i == start || !ends_cleanly {
            return Err(GaveUp);
        }
        Ok(value)
    }

    fn nest(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GaveUp);
        }
        Ok(())
    }

    fn struct_body<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.eat(b'(')?;
        self.nest()?;
        let value = visitor.visit_map(Fields { r: self })?;
        self.eat(b')')?;
        self.depth -= 1;
        Ok(value)
    }

    /// After an element or field: a comma, or the closing bracket (left for the caller).
    #[inline]
    fn after_item(&mut self, close: u8) -> Result<()> {
        self.ws()?;
        match self.peek() {
            Some(b',') => {
                self.i += 1;
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            _ => Err(GaveUp),
        }
    }
}

struct Fields<'a, 'de> {
    r: &'a mut Reader<'de>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        self.r.ws()?;
        if self.r.peek() == Some(b')') {
            return Ok(None);
        }
        let name = self.r.ident()?;
        self.r.eat(b':')?;
        if self.r.peek() == Some(b':') {
            return Err(GaveUp);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.r)?;
        self.r.after_item(b')')?;
        Ok(value)
    }
}

struct Elements<'a, 'de> {
    r: &'a mut Reader<'de>,
    /// The list is `[]`.
    empty: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        self.r.ws()?;
        if self.r.peek() == Some(b']') {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.r)?;
        self.r.after_item(b']')?;
        Ok(Some(value))
    }

    /// At least one element unless the list is empty: a list is made with room for that
    /// many and grows from there, so that the lists of one item that most facts have
    /// (their sources, a person's tenures, a post's lines) take room for one, not four.
    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(!self.empty))
    }
}

struct Variant<'a, 'de> {
    r: &'a mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = GaveUp;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.r.ident()?;
        let value = seed.deserialize(de::value::BorrowedStrDeserializer::new(name))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = GaveUp;

    fn unit_variant(self) -> Result<()> {
        self.r.ws()?;
        match self.r.peek() {
            Some(b'(') => Err(GaveUp),
            _ => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(GaveUp)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.r.struct_body(visitor)
    }
}

macro_rules! give_up {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
                Err(GaveUp)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GaveUp;

    give_up! {
        deserialize_any deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_map
        deserialize_ignored_any
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let value = u32::try_from(self.unsigned()?).map_err(|_| GaveUp)?;
        visitor.visit_u32(value)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.at_word(b"true")? {
            self.i += 4;
            visitor.visit_bool(true)
        } else if self.at_word(b"false")? {
            self.i += 5;
            visitor.visit_bool(false)
        } else {
            Err(GaveUp)
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.at_word(b"None")? {
            self.i += 4;
            return visitor.visit_none();
        }
        if self.at_word(b"Some")? {
            let save = self.i;
            self.i += 4;
            self.ws()?;
            if self.peek() == Some(b'(') {
                self.i += 1;
                self.nest()?;
                let value = visitor.visit_some(&mut *self)?;
                self.eat(b')')?;
                self.depth -= 1;
                return Ok(value);
            }
            self.i = save;
        }
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.eat(b'[')?;
        self.nest()?;
        self.ws()?;
        let empty = self.peek() == Some(b']');
        let value = visitor.visit_seq(Elements {
            r: &mut *self,
            empty,
        })?;
        self.eat(b']')?;
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.ws()?;
        if self.peek().is_some_and(is_ident_start) && self.ident()? != name {
            return Err(GaveUp);
        }
        self.struct_body(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant { r: self })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let name = self.ident()?;
        visitor.visit_borrowed_str(name)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: String,
        #[serde(default)]
        end: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        flag: bool,
        kind: Kind,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        Plain,
        Merger { into: String },
    }

    fn both(text: &str) -> (Option<Vec<Item>>, Option<Vec<Item>>) {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        (from_str(text).ok(), options.from_str(text).ok())
    }

    #[test]
    fn agrees_with_ron_on_the_subset() {
        let text = r##"#![enable(implicit_some)]
            // a comment
            [ (id: "a", end: "2019", tags: ["x", r#"y"#], kind: Plain),
              Item(id: "b\"q\n", end: Some("2020"), flag: true, kind: Merger(into: "c"),),
              (id: "c", end: None, kind: Plain) /* trailing */ ]"##;
        let (fast, reference) = both(text);
        assert!(fast.is_some());
        assert_eq!(fast, reference);
    }

    fn ron_reads(text: &str) -> Option<crate::io::format::ChartFile<'_>> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .ok()
    }

    #[test]
    fn reads_the_built_in_chart_as_ron_does() {
        let text = crate::io::BUILTIN_CHART;
        let fast: crate::io::format::ChartFile =
            from_str(text).expect("the built-in chart is in the subset");
        assert_eq!(Some(fast), ron_reads(text));
    }

    #[test]
    fn reads_what_govchart_saves() {
        let chart = crate::io::builtin()
            .expect("the built-in chart loads")
            .chart;
        let saved = crate::io::to_ron(&chart).expect("the chart saves");
        let fast: crate::io::format::ChartFile =
            from_str(&saved).expect("saved charts are in the subset");
        assert_eq!(Some(fast), ron_reads(&saved));
        let mut with_view = chart.clone();
        with_view.view = Some(crate::model::View {
            date: "2019-06-20".parse().ok(),
            collapsed: vec![crate::model::PostId(0), crate::model::PostId(2)],
            compare: "2018".parse().ok(),
        });
        let saved = crate::io::to_ron(&with_view).expect("the chart saves");
        assert!(saved.contains("collapsed: ["), "{saved}");
        let fast: crate::io::format::ChartFile =
            from_str(&saved).expect("saved views are in the subset");
        assert_eq!(Some(fast), ron_reads(&saved));
        let generated =
            crate::generate::to_compact_ron(&crate::generate::generate(300, 5)).expect("generated");
        assert!(from_str::<crate::io::format::ChartFile>(&generated).is_ok());
    }

    /// A small chart whose view takes up much of the text, for mutations to hit it often.
    const WITH_VIEW: &str = r#"#![enable(implicit_some)]
(version: 1, title: "T",
 view: (date: "2019-06-20", collapsed: ["a", "b"], compare: Some("2019-03")),
 posts: [(id: "a", title: "A", organisation: "o"), (id: "b", title: "B", organisation: "o")])
"#;

    #[test]
    fn lists_of_one_are_made_with_room_for_one() {
        let one: Vec<Vec<String>> = from_str(r#"[["s1"], [], ["s2", "s3"], [ "s4" ]]"#).unwrap();
        let capacities: Vec<usize> = one.iter().map(Vec::capacity).collect();
        assert_eq!(capacities[0], 1);
        assert_eq!(capacities[1], 0);
        assert!(capacities[2] >= 2);
        assert_eq!(capacities[3], 1);
        assert_eq!(one[2], ["s2", "s3"]);
    }

    #[test]
    fn reads_views_as_ron_does() {
        for view in [
            r#"view: (date: "2019-06-20", collapsed: ["a", "b"], compare: "2019-03"),"#,
            r#"view: Some((date: Some("2019"), collapsed: [],)),"#,
            r#"view: (compare: "2019"),"#,
            "view: (),",
            "view: None,",
        ] {
            let text = format!("(version: 1, title: \"T\", {view} posts: [])");
            let fast: crate::io::format::ChartFile =
                from_str(&text).unwrap_or_else(|_| panic!("{view} is in the subset"));
            assert_eq!(Some(fast), ron_reads(&text), "{view}");
        }
        let fast: crate::io::format::ChartFile = from_str(WITH_VIEW).expect("in the subset");
        assert_eq!(Some(fast), ron_reads(WITH_VIEW));
    }

    /// `text` with `cut` bytes from `at` replaced by `insert`, both kept on char boundaries.
    fn mutate(text: &str, at: usize, cut: usize, insert: &str) -> String {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}{insert}{}", &text[..at], &text[end..])
    }

    fn insertion() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "",
            " ",
            ",",
            "(",
            ")",
            "[",
            "]",
            "\"",
            "\\",
            "None",
            "Some(",
            ":",
            "//",
            "/*",
            "*/",
            "r#\"",
            "\"#",
            "1",
            "-",
            "true",
            "x",
            "\u{e9}",
            "\t",
            "\n",
            "#",
            "::",
            "Confirmed",
        ])
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Whenever the fast reader accepts a text, ron accepts it too, with the same value.
        #[test]
        fn agrees_with_ron_on_mutated_charts(
            at in 0usize..crate::io::BUILTIN_CHART.len(),
            cut in 0usize..12,
            insert in insertion(),
        ) {
            let mutated = mutate(crate::io::BUILTIN_CHART, at, cut, insert);
            if let Ok(fast) = from_str::<crate::io::format::ChartFile>(&mutated) {
                proptest::prop_assert_eq!(Some(fast), ron_reads(&mutated));
            }
        }

        /// The same for a chart with a view.
        #[test]
        fn agrees_with_ron_on_mutated_views(
            at in 0usize..WITH_VIEW.len(),
            cut in 0usize..12,
            insert in insertion(),
        ) {
            let mutated = mutate(WITH_VIEW, at, cut, insert);
            if let Ok(fast) = from_str::<crate::io::format::ChartFile>(&mutated) {
                proptest::prop_assert_eq!(Some(fast), ron_reads(&mutated));
            }
        }
    }

    #[test]
    fn gives_up_on_what_it_does_not_know() {
        for text in [
            "[(id: \"a\", kind: Plain, extra: 1)]",
            "[(id: \"a\", kind: Plain)] x",
            "[(id: \"\\u{41}\", kind: Plain)]",
            "[(id: \"a\", kind: Plain(1))]",
            "[Other(id: \"a\", kind: Plain)]",
            "[(id: \"a\", kind: Plain)",
            "[(id: 'a', kind: Plain)]",
        ] {
            assert!(from_str::<Vec<Item>>(text).is_err(), "{text}");
        }
    }
}
