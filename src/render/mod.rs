//! Backends that turn a [`crate::scene::Scene`] into files: SVG (text), PNG (resvg) and PDF
//! (svg2pdf). PNG and PDF parse the SVG with the embedded font, so all three agree.

mod paper;
mod pdf;
mod png;
mod svg;
mod tiles;
mod usvg_tree;

pub use paper::{MAX_PAGES, OVERLAP, POINTS_PER_UNIT, Paper, page_parts, to_pdf_pages};
pub use pdf::to_pdf;
pub use png::{MAX_PIXELS, to_pixmap, to_png};
pub use svg::to_svg;
pub(crate) use svg::{escape, write_item};

/// How a picture is encoded beyond its format.
#[derive(Clone, Debug, PartialEq)]
pub struct Encoding {
    /// PNG pixels per chart unit.
    pub scale: f32,
    /// PDF: print on pages of this paper, with this title and date in each page's footer,
    /// rather than on one page the picture's size.
    pub pages: Option<(Paper, String, String)>,
}

impl Default for Encoding {
    fn default() -> Self {
        Encoding {
            scale: 1.0,
            pages: None,
        }
    }
}

/// The picture as a file's bytes: the one place a format becomes a backend.
pub fn encode(
    scene: &crate::scene::Scene,
    format: Format,
    encoding: &Encoding,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Svg => Ok(to_svg(scene).into_bytes()),
        Format::Png => to_png(scene, encoding.scale),
        Format::Pdf => match &encoding.pages {
            Some((paper, title, date)) => to_pdf_pages(scene, *paper, title, date),
            None => to_pdf(scene),
        },
    }
}

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The scale is not a positive number.
    #[error("the scale must be a positive number, not {0}")]
    Scale(f32),
    /// The image would be too large to draw.
    #[error(
        "the image would be {width} × {height} pixels, more than govchart draws at once; use a smaller --scale or export SVG or PDF"
    )]
    TooLarge {
        /// Width in pixels.
        width: u64,
        /// Height in pixels.
        height: u64,
    },
    /// Printing would take more pages than govchart prints.
    #[error(
        "the chart would take {pages} pages of {paper} paper, more than the {max} govchart prints; {advice}",
        max = MAX_PAGES,
        advice = .paper.advice()
    )]
    TooManyPages {
        /// Pages it would take.
        pages: usize,
        /// The paper asked for.
        paper: Paper,
    },
    /// The SVG could not be read back (a defect, reported as such).
    #[error("the picture's SVG could not be read: {0}")]
    Svg(String),
    /// Encoding the file failed.
    #[error("the file could not be encoded: {0}")]
    Encode(String),
    /// The user stopped it.
    #[error("stopped before it was finished")]
    Cancelled,
}

/// The file formats govchart exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Scalable vector graphics, with real text.
    Svg,
    /// A bitmap.
    Png,
    /// A document, with real, selectable text.
    Pdf,
}

impl Format {
    /// The format a file name's extension names.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}
