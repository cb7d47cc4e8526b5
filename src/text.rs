//! Text metrics with the font every picture uses (Ubuntu Light, egui's default proportional
//! font, embedded from `assets/fonts/`): widths of strings and greedy word wrapping, so that
//! cards are sized the same for the window and for every export.

use std::sync::OnceLock;

/// The font's bytes.
pub const FONT_BYTES: &[u8] = include_bytes!("../assets/fonts/Ubuntu-Light.ttf");

/// The font's family name, as SVG and the renderers refer to it.
pub const FONT_FAMILY: &str = "Ubuntu";

/// Advance widths, in em, of a font.
#[derive(Debug)]
pub struct Metrics {
    /// Advance of each ASCII character.
    ascii: [f32; 128],
    /// Line height (ascender − descender + line gap), in em.
    line_height: f32,
    /// Height above the baseline, in em.
    ascent: f32,
    face: Option<ttf_parser::Face<'static>>,
    units_per_em: f32,
    /// Advance used for characters the font lacks.
    fallback: f32,
}

impl Metrics {
    /// The metrics of the embedded font (parsed once).
    pub fn get() -> &'static Metrics {
        static METRICS: OnceLock<Metrics> = OnceLock::new();
        METRICS.get_or_init(|| Metrics::parse(FONT_BYTES))
    }

    /// Metrics of a font file; if it cannot be read, every character is half an em wide.
    pub fn parse(bytes: &'static [u8]) -> Metrics {
        let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
            log::error!("the embedded font cannot be read; text is measured approximately");
            return Metrics {
                ascii: [0.5; 128],
                line_height: 1.2,
                ascent: 0.9,
                face: None,
                units_per_em: 1.0,
                fallback: 0.5,
            };
        };
        let units_per_em = f32::from(face.units_per_em());
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map(|a| f32::from(a) / units_per_em)
        };
        let fallback = advance('n').unwrap_or(0.5);
        let mut ascii = [fallback; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            if let Some(a) = char::from_u32(i as u32).and_then(advance) {
                *slot = a;
            }
        }
        let line_height =
            f32::from(face.ascender() - face.descender() + face.line_gap()) / units_per_em;
        let ascent = f32::from(face.ascender()) / units_per_em;
        Metrics {
            ascii,
            line_height,
            ascent,
            face: Some(face),
            units_per_em,
            fallback,
        }
    }

    /// The advance of one character, in em.
    fn advance(&self, c: char) -> f32 {
        if let Some(&a) = self.ascii.get(c as usize) {
            return a;
        }
        (self.face.as_ref())
            .and_then(|face| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)))
            .map_or(self.fallback, |a| f32::from(a) / self.units_per_em)
    }

    /// How far the font rises above its baseline at `size` units.
    pub fn ascent(&self, size: f32) -> f32 {
        self.ascent * size
    }

    /// The width of `text` set at `size` units.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The distance between baselines at `size`.
    pub fn line_height(&self, size: f32) -> f32 {
        self.line_height * size
    }

    /// `text` broken into lines no wider than `max_width` at `size`, between words where
    /// it can and inside a word only when the word alone is too wide.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        let space = self.advance(' ') * size;
        let mut width = 0.0;
        for word in text.split_whitespace() {
            let w = self.width(word, size);
            if !line.is_empty() && width + space + w <= max_width {
                line.push(' ');
                line.push_str(word);
                width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= max_width {
                line.push_str(word);
                width = w;
                continue;
            }
            // A word wider than a line: break it between characters.
            width = 0.0;
            for c in word.chars() {
                let cw = self.advance(c) * size;
                if width + cw > max_width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    width = 0.0;
                }
                line.push(c);
                width += cw;
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_font_is_read_and_proportional() {
        let m = Metrics::get();
        assert!(m.face.is_some());
        assert!(m.width("W", 14.0) > 2.0 * m.width("i", 14.0));
        assert!((m.width("Will Smart", 28.0) - 2.0 * m.width("Will Smart", 14.0)).abs() < 1e-3);
        assert!(m.line_height(14.0) > 14.0 && m.line_height(14.0) < 24.0);
        // Characters outside ASCII are measured from the font too.
        assert!(m.width("é", 14.0) > 0.0);
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let m = Metrics::get();
        let title = "Head of enterprise architecture (later architecture and cyber security), NHS England; national LHCRE lead";
        let lines = m.wrap(title, 13.0, 200.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(m.width(line, 13.0) <= 200.0, "{line}");
        }
        assert_eq!(lines.join(" "), title);
        assert_eq!(m.wrap("Short", 13.0, 200.0), ["Short"]);
        assert_eq!(m.wrap("", 13.0, 200.0), [""]);
        let long = m.wrap("Supercalifragilisticexpialidocious", 13.0, 60.0);
        assert!(long.len() > 1 && long.iter().all(|l| m.width(l, 13.0) <= 60.0 + 13.0));
    }
}
