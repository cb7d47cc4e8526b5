//! The scene's SVG parsed by usvg with the embedded font, for the PNG and PDF backends, so
//! text is set in exactly the font it was measured with.

use std::sync::{Arc, OnceLock};

use resvg::usvg;

use crate::render::RenderError;
use crate::scene::Scene;
use crate::text::{FONT_BYTES, FONT_FAMILY};

/// The font database with only the embedded font: pictures look the same on every machine.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT_BYTES.to_vec());
            db.set_sans_serif_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// The scene as a usvg tree.
pub(crate) fn tree(scene: &Scene) -> Result<usvg::Tree, RenderError> {
    parse(&crate::render::to_svg(scene))
}

/// An SVG document made by govchart (a scene's, or a printed page's) as a usvg tree.
pub(crate) fn parse(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Svg(e.to_string()))
}
