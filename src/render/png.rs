//! PNG through resvg and tiny-skia.

use resvg::tiny_skia;

use crate::render::RenderError;
use crate::scene::Scene;

/// The most pixels a PNG may have (about 1 GB of memory while it is drawn).
pub const MAX_PIXELS: u64 = 256 * 1024 * 1024;

/// The scene as PNG bytes at `scale` pixels per chart unit.
pub fn to_png(scene: &Scene, scale: f32) -> Result<Vec<u8>, RenderError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::Scale(scale));
    }
    let width = (scene.width * f64::from(scale)).ceil().max(1.0);
    let height = (scene.height * f64::from(scale)).ceil().max(1.0);
    if width * height > MAX_PIXELS as f64 {
        return Err(RenderError::TooLarge {
            width: width as u64,
            height: height as u64,
        });
    }
    let tree = crate::render::usvg_tree::tree(scene)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width as u32, height as u32).ok_or(RenderError::TooLarge {
            width: width as u64,
            height: height as u64,
        })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Encode(e.to_string()))
}
