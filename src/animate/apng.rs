//! APNG: every frame whole, in full colour, with its own delay.

use std::io::Write;

use crate::render::RenderError;

/// Writes an animated PNG.
pub struct ApngEncoder<W: Write> {
    out: Option<W>,
    writer: Option<png::Writer<W>>,
}

fn encode_error(err: impl std::fmt::Display) -> RenderError {
    RenderError::Encode(err.to_string())
}

impl<W: Write> ApngEncoder<W> {
    /// An encoder writing to `out`.
    pub fn new(out: W) -> ApngEncoder<W> {
        ApngEncoder {
            out: Some(out),
            writer: None,
        }
    }
}

impl<W: Write> crate::animate::Encoder for ApngEncoder<W> {
    fn begin(&mut self, width: u32, height: u32, frames: usize) -> Result<(), RenderError> {
        let out = self
            .out
            .take()
            .ok_or_else(|| encode_error("the APNG has begun already"))?;
        let mut encoder = png::Encoder::new(out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let frames = u32::try_from(frames.max(1)).map_err(encode_error)?;
        encoder.set_animated(frames, 0).map_err(encode_error)?;
        self.writer = Some(encoder.write_header().map_err(encode_error)?);
        Ok(())
    }

    fn frame(&mut self, rgba: &[u8], delay_ms: u32) -> Result<(), RenderError> {
        let writer = self
            .writer
            .as_mut()
            .ok_or_else(|| encode_error("the APNG has not begun"))?;
        let delay = delay_ms.min(u32::from(u16::MAX)) as u16;
        writer.set_frame_delay(delay, 1000).map_err(encode_error)?;
        let rgb: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        writer.write_image_data(&rgb).map_err(encode_error)
    }

    fn finish(&mut self) -> Result<(), RenderError> {
        match self.writer.take() {
            Some(writer) => writer.finish().map_err(encode_error),
            None => Ok(()),
        }
    }
}
