//! SVG: the scene as text, with real (selectable, searchable) text in the chart's font.

use std::fmt::Write;

use crate::scene::{Item, Point, Scene, Stroke};
use crate::text::FONT_FAMILY;

/// Escapes text for SVG element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn stroke_attributes(out: &mut String, stroke: &Stroke) {
    let _ = write!(
        out,
        " stroke=\"{}\" stroke-width=\"{}\"",
        stroke.colour.css(),
        stroke.width
    );
    if stroke.colour.a != 255 {
        let _ = write!(out, " stroke-opacity=\"{:.3}\"", stroke.colour.opacity());
    }
    if let Some((dash, gap)) = stroke.dash {
        let _ = write!(out, " stroke-dasharray=\"{dash} {gap}\"");
    }
}

fn points(out: &mut String, points: &[Point]) {
    for (i, p) in points.iter().enumerate() {
        let _ = write!(
            out,
            "{}{:.2},{:.2}",
            if i == 0 { "" } else { " " },
            p.x,
            p.y
        );
    }
}

/// The scene as an SVG document.
pub fn to_svg(scene: &Scene) -> String {
    let mut out = String::with_capacity(256 + scene.items.len() * 120);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.2} {h:.2}\" font-family=\"{FONT_FAMILY}, sans-serif\">",
        w = scene.width,
        h = scene.height
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        scene.background.css()
    );
    for item in &scene.items {
        write_item(&mut out, item);
    }
    out.push_str("</svg>\n");
    out
}

/// One scene item as an SVG element, in chart units, appended to `out`.
pub(crate) fn write_item(out: &mut String, item: &Item) {
    match item {
        Item::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => {
            let _ = write!(
                out,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"",
                rect.x, rect.y, rect.w, rect.h
            );
            if *radius > 0.0 {
                let _ = write!(out, " rx=\"{radius}\"");
            }
            match fill {
                Some(fill) => {
                    let _ = write!(out, " fill=\"{}\"", fill.css());
                    if fill.a != 255 {
                        let _ = write!(out, " fill-opacity=\"{:.3}\"", fill.opacity());
                    }
                }
                None => out.push_str(" fill=\"none\""),
            }
            if let Some(stroke) = stroke {
                stroke_attributes(out, stroke);
            }
            out.push_str("/>\n");
        }
        Item::Path {
            points: list,
            stroke,
        } => {
            out.push_str("<polyline fill=\"none\" points=\"");
            points(out, list);
            out.push('"');
            stroke_attributes(out, stroke);
            out.push_str("/>\n");
        }
        Item::Text {
            at,
            text,
            size,
            colour,
        } => {
            let _ = writeln!(
                out,
                "<text x=\"{:.2}\" y=\"{:.2}\" font-size=\"{size}\" fill=\"{}\" xml:space=\"preserve\">{}</text>",
                at.x,
                at.y,
                colour.css(),
                escape(text)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("IM&T <CIO> \"x\" 'y'"),
            "IM&amp;T &lt;CIO&gt; &quot;x&quot; &apos;y&apos;"
        );
        assert_eq!(escape("a\u{0}b"), "ab");
    }
}
