//! PDF through svg2pdf: vector shapes and real, selectable text in the embedded font.

use crate::render::RenderError;
use crate::scene::Scene;

/// The scene as a one-page PDF, one chart unit to a point.
pub fn to_pdf(scene: &Scene) -> Result<Vec<u8>, RenderError> {
    let tree = crate::render::usvg_tree::tree(scene)?;
    svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    )
    .map_err(|e| RenderError::Encode(e.to_string()))
}
