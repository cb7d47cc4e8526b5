//! Printing a chart on A4 or A3 paper at a readable scale: the scene cut into overlapping
//! tiles, one to a page in reading order, each headed with the title, the date and where it
//! sits, as a PDF with real, selectable text.

use std::fmt::{self, Write};

use pdf_writer::{Content, Finish, Name, Pdf, Ref, TextStr};
use rustc_hash::FxHashMap;

use crate::layout::Rect;
use crate::render::RenderError;
use crate::render::svg::{escape, write_item};
use crate::render::tiles::Grid;
use crate::scene::Scene;
use crate::text::{FONT_FAMILY, Metrics};

/// Points per chart unit on paper: chart units print as CSS pixels at 96 dots an inch.
pub const POINTS_PER_UNIT: f64 = 0.75;

/// How much of the chart neighbouring pages both show, in chart units, so nothing is lost
/// at a cut.
pub const OVERLAP: f64 = 16.0;

/// The most pages govchart prints in one document.
pub const MAX_PAGES: usize = 2_000;

/// The smallest scale, in points per chart unit, at which a chart is printed on one page:
/// cards' 12-unit text at 6.6 points, as small as print stays legible.
const SMALLEST_SCALE: f64 = 0.55;

/// The largest scale at which a small chart is printed on its one page.
const LARGEST_SCALE: f64 = 1.0;

/// The blank edge round each page, in points.
const MARGIN: f64 = 28.0;

/// The band above the chart that holds the header line, in points.
const HEADER: f64 = 20.0;

/// The header's type size, in points.
const HEADER_SIZE: f32 = 9.0;

/// A sheet of paper, always landscape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4, 297 × 210 mm.
    A4,
    /// ISO A3, 420 × 297 mm: half as many pages as A4.
    A3,
}

impl Paper {
    /// Width and height of the sheet, landscape, in points.
    pub fn size(self) -> (f64, f64) {
        match self {
            Paper::A4 => (841.89, 595.28),
            Paper::A3 => (1190.55, 841.89),
        }
    }

    /// Width and height of the part of the chart one page shows, in chart units.
    pub fn tile_size(self) -> (f64, f64) {
        let frame = self.frame();
        (frame.w / POINTS_PER_UNIT, frame.h / POINTS_PER_UNIT)
    }

    /// Where on the page, in points from its top left, the chart is printed.
    fn frame(self) -> Rect {
        let (width, height) = self.size();
        Rect {
            x: MARGIN,
            y: MARGIN + HEADER,
            w: width - 2.0 * MARGIN,
            h: height - 2.0 * MARGIN - HEADER,
        }
    }

    /// What to do instead when a chart takes too many pages of this paper.
    pub(crate) fn advice(self) -> &'static str {
        match self {
            Paper::A4 => "print on A3 paper (--paper a3), or export SVG or PNG",
            Paper::A3 => "export SVG or PNG",
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
        })
    }
}

/// The scene printed on `paper`: on one page, as large as fits up to a point per unit, where
/// its text is legible there (card text at 6.6 points or more); otherwise at
/// [`POINTS_PER_UNIT`], cut into pages in reading order (rows top to bottom, each left to
/// right) between cards, a card being cut only where it is wider or taller than a page (and
/// then the pages share [`OVERLAP`]). Parts of the chart with nothing drawn are not printed.
/// Each page is headed with `title` on the left and, on the right, "As of `as_of` · page i
/// of n", with its row and column when there is more than one page.
pub fn to_pdf_pages(
    scene: &Scene,
    paper: Paper,
    title: &str,
    as_of: &str,
) -> Result<Vec<u8>, RenderError> {
    let pages = plan(scene, paper);
    if pages.len() > MAX_PAGES {
        return Err(RenderError::TooManyPages {
            pages: pages.len(),
            paper,
        });
    }
    let count = pages.len();
    let mut document = Document::new(paper);
    for (index, page) in pages.iter().enumerate() {
        let right = match page.place {
            Some((row, column)) if count > 1 => format!(
                "row {}, column {} · As of {as_of} · page {} of {count}",
                row + 1,
                column + 1,
                index + 1
            ),
            _ => format!("As of {as_of} · page {} of {count}", index + 1),
        };
        let header = Header { title, right };
        let svg = page_svg(scene, paper, (page.shows, page.scale), &page.items, &header);
        document.add_page(&crate::render::usvg_tree::parse(&svg)?)?;
    }
    Ok(document.finish(title))
}

/// One page of a printed chart.
struct Page {
    /// The part of the scene it shows, in chart units.
    shows: Rect,
    /// Points per chart unit.
    scale: f64,
    /// The scene's items it draws.
    items: Vec<usize>,
    /// Its row and column, when the chart is cut into pages.
    place: Option<(usize, usize)>,
}

/// The pages [`to_pdf_pages`] prints: the whole chart on one, where it can be read there;
/// else a page for each part of the chart with something drawn, cut between cards.
fn plan(scene: &Scene, paper: Paper) -> Vec<Page> {
    let frame = paper.frame();
    let fit = (frame.w / scene.width.max(1.0)).min(frame.h / scene.height.max(1.0));
    if fit >= SMALLEST_SCALE {
        return vec![Page {
            shows: Rect {
                x: 0.0,
                y: 0.0,
                w: scene.width,
                h: scene.height,
            },
            scale: fit.min(LARGEST_SCALE),
            items: (0..scene.items.len()).collect(),
            place: None,
        }];
    }
    let (width, height) = paper.tile_size();
    let grid = Grid::new(scene, width, height, OVERLAP);
    let mut tiles = grid.items_by_tile(scene);
    if tiles.is_empty() {
        tiles.insert((0, 0), Vec::new());
    }
    (tiles.into_iter())
        .map(|((row, column), items)| Page {
            shows: grid.tile(row, column),
            scale: POINTS_PER_UNIT,
            items,
            place: Some((row, column)),
        })
        .collect()
}

/// The part of the chart each page of [`to_pdf_pages`] shows, in chart units, in order.
pub fn page_parts(scene: &Scene, paper: Paper) -> Vec<Rect> {
    plan(scene, paper).into_iter().map(|p| p.shows).collect()
}

/// The words at the top of a page.
struct Header<'a> {
    /// On the left, cut short if it would run into the right.
    title: &'a str,
    /// On the right.
    right: String,
}

/// One page as an SVG document in points: the header, then the scene's `items` that meet
/// `tile`, scaled and clipped to the page's frame.
fn page_svg(
    scene: &Scene,
    paper: Paper,
    (tile, scale): (Rect, f64),
    items: &[usize],
    header: &Header,
) -> String {
    let (width, height) = paper.size();
    let frame = paper.frame();
    let mut out = String::with_capacity(1024 + items.len() * 120);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}, sans-serif\">"
    );
    let _ = writeln!(
        out,
        "<clipPath id=\"frame\"><rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\"/></clipPath>",
        frame.x, frame.y, frame.w, frame.h
    );
    header_svg(&mut out, paper, header);
    let _ = writeln!(
        out,
        "<g clip-path=\"url(#frame)\"><g transform=\"translate({:.2} {:.2}) scale({scale:.4}) translate({:.2} {:.2})\">",
        frame.x, frame.y, -tile.x, -tile.y
    );
    let _ = writeln!(
        out,
        "<rect width=\"{:.2}\" height=\"{:.2}\" fill=\"{}\"/>",
        scene.width,
        scene.height,
        scene.background.css()
    );
    for item in items.iter().filter_map(|&i| scene.items.get(i)) {
        write_item(&mut out, item);
    }
    out.push_str("</g></g>\n");
    let _ = writeln!(
        out,
        "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{:.2}\" height=\"{:.2}\" fill=\"none\" stroke=\"#b4b4b4\" stroke-width=\"0.5\"/>",
        frame.x, frame.y, frame.w, frame.h
    );
    out.push_str("</svg>\n");
    out
}

/// The header line: the title on the left and the page's place on the right, on one
/// baseline above the frame.
fn header_svg(out: &mut String, paper: Paper, header: &Header) {
    let (width, _) = paper.size();
    let baseline = MARGIN + HEADER - 8.0;
    let metrics = Metrics::get();
    let right_width = f64::from(metrics.width(&header.right, HEADER_SIZE));
    let room = width - 2.0 * MARGIN - right_width - 24.0;
    let title = fit(header.title, room);
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN:.2}\" y=\"{baseline:.2}\" font-size=\"{HEADER_SIZE}\" fill=\"#222222\" xml:space=\"preserve\">{}</text>",
        escape(&title)
    );
    let _ = writeln!(
        out,
        "<text x=\"{:.2}\" y=\"{baseline:.2}\" font-size=\"{HEADER_SIZE}\" fill=\"#555555\" text-anchor=\"end\" xml:space=\"preserve\">{}</text>",
        width - MARGIN,
        escape(&header.right)
    );
}

/// `text`, cut short with an ellipsis if it is wider than `room` points in the header.
fn fit(text: &str, room: f64) -> String {
    let metrics = Metrics::get();
    let wide = |s: &str| f64::from(metrics.width(s, HEADER_SIZE)) > room;
    if !wide(text) {
        return text.to_owned();
    }
    let mut cut: String = text.to_owned();
    while !cut.is_empty() && wide(&format!("{cut}…")) {
        cut.pop();
    }
    format!("{}…", cut.trim_end())
}

/// A PDF being put together page by page from SVG pages.
struct Document {
    pdf: Pdf,
    next: Ref,
    catalog: Ref,
    page_tree: Ref,
    pages: Vec<Ref>,
    size: (f64, f64),
}

impl Document {
    fn new(paper: Paper) -> Document {
        let mut next = Ref::new(1);
        let catalog = next.bump();
        let page_tree = next.bump();
        Document {
            pdf: Pdf::new(),
            next,
            catalog,
            page_tree,
            pages: Vec::new(),
            size: paper.size(),
        }
    }

    /// Adds a page that shows `tree`, which is the size of the paper in points.
    fn add_page(&mut self, tree: &svg2pdf::usvg::Tree) -> Result<(), RenderError> {
        let (chunk, picture) = svg2pdf::to_chunk(tree, svg2pdf::ConversionOptions::default())
            .map_err(|e| RenderError::Encode(e.to_string()))?;
        let mut renumbered = FxHashMap::default();
        let next = &mut self.next;
        chunk.renumber_into(&mut self.pdf, |old| {
            *renumbered.entry(old).or_insert_with(|| next.bump())
        });
        let Some(&picture) = renumbered.get(&picture) else {
            return Err(RenderError::Encode(
                "svg2pdf made a page without its picture".to_owned(),
            ));
        };
        let (width, height) = (self.size.0 as f32, self.size.1 as f32);
        let name = Name(b"Page");
        let contents = self.next.bump();
        let mut content = Content::new();
        content
            .transform([width, 0.0, 0.0, height, 0.0, 0.0])
            .x_object(name);
        self.pdf.stream(contents, &content.finish());
        let id = self.next.bump();
        let mut page = self.pdf.page(id);
        page.media_box(pdf_writer::Rect::new(0.0, 0.0, width, height))
            .parent(self.page_tree)
            .contents(contents);
        page.resources().x_objects().pair(name, picture);
        page.finish();
        self.pages.push(id);
        Ok(())
    }

    /// The finished file, with `title` in its properties.
    fn finish(mut self, title: &str) -> Vec<u8> {
        self.pdf.catalog(self.catalog).pages(self.page_tree);
        self.pdf
            .pages(self.page_tree)
            .count(self.pages.len() as i32)
            .kids(self.pages.iter().copied());
        let info = self.next.bump();
        self.pdf
            .document_info(info)
            .title(TextStr(title))
            .producer(TextStr("govchart"));
        self.pdf.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_cut_to_fit_with_an_ellipsis() {
        assert_eq!(fit("Short", 200.0), "Short");
        let cut = fit(&"Governance ".repeat(40), 200.0);
        assert!(cut.ends_with('…'));
        assert!(f64::from(Metrics::get().width(&cut, HEADER_SIZE)) <= 200.0);
    }

    #[test]
    fn a4_shows_more_than_a_thousand_units_across() {
        let (w, h) = Paper::A4.tile_size();
        assert!(w > 1000.0 && w < 1100.0, "{w}");
        assert!(h > 650.0 && h < 700.0, "{h}");
        let (w3, h3) = Paper::A3.tile_size();
        assert!(w3 > 1.4 * w && h3 > 1.4 * h);
    }
}
