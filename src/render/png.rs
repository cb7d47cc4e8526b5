//! PNG through resvg and tiny-skia.

use resvg::tiny_skia;

use std::borrow::Cow;

use crate::layout::Rect;
use crate::render::RenderError;
use crate::scene::{Item, Scene};
use crate::text::Metrics;

/// Text smaller than this many pixels cannot be read; it is drawn as a faint bar where it
/// stands (greeking), which keeps the picture's look and costs far less than setting it.
pub const SMALLEST_TEXT_PX: f32 = 3.0;

/// The scene with text too small to read at `scale` turned into bars.
fn greeked(scene: &Scene, scale: f32) -> Cow<'_, Scene> {
    let small =
        |item: &Item| matches!(item, Item::Text { size, .. } if size * scale < SMALLEST_TEXT_PX);
    if !scene.items.iter().any(small) {
        return Cow::Borrowed(scene);
    }
    let metrics = Metrics::get();
    let items = (scene.items.iter())
        .map(|item| match item {
            Item::Text {
                at,
                text,
                size,
                colour,
            } if size * scale < SMALLEST_TEXT_PX => Item::Rect {
                rect: Rect {
                    x: at.x,
                    y: at.y - f64::from(size * 0.55),
                    w: f64::from(metrics.width(text, *size)),
                    h: f64::from(size * 0.45),
                },
                radius: 0.0,
                fill: Some(colour.with_alpha(colour.a / 3)),
                stroke: None,
            },
            other => other.clone(),
        })
        .collect();
    Cow::Owned(Scene {
        width: scene.width,
        height: scene.height,
        background: scene.background,
        items,
        cards: Default::default(),
        card_items: Vec::new(),
        frames: Vec::new(),
    })
}

/// The scene drawn at `scale` pixels per chart unit on a `width` by `height` canvas of its
/// background (an animation's frame).
pub fn to_pixmap(
    scene: &Scene,
    scale: f32,
    width: u32,
    height: u32,
) -> Result<tiny_skia::Pixmap, RenderError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::Scale(scale));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(RenderError::TooLarge {
            width: u64::from(width),
            height: u64::from(height),
        });
    }
    let tree = crate::render::usvg_tree::tree(&greeked(scene, scale))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(RenderError::TooLarge {
        width: u64::from(width),
        height: u64::from(height),
    })?;
    let b = scene.background;
    pixmap.fill(tiny_skia::Color::from_rgba8(b.r, b.g, b.b, 255));
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The most pixels a PNG may have (about 1 GB of memory while it is drawn).
pub const MAX_PIXELS: u64 = 256 * 1024 * 1024;

/// The scene as PNG bytes at `scale` pixels per chart unit.
pub fn to_png(scene: &Scene, scale: f32) -> Result<Vec<u8>, RenderError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(RenderError::Scale(scale));
    }
    // A hair over a whole number of pixels (from the scale's rounding) is not one more.
    let pixels = |units: f64| (units * f64::from(scale) - 1e-3).ceil().max(1.0);
    let (width, height) = (pixels(scene.width), pixels(scene.height));
    if width * height > MAX_PIXELS as f64 {
        return Err(RenderError::TooLarge {
            width: width as u64,
            height: height as u64,
        });
    }
    let tree = crate::render::usvg_tree::tree(&greeked(scene, scale))?;
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
