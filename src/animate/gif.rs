//! GIF: one palette for the whole animation (the chart's own colours and the shades the
//! first frame shows), and each frame written as the rectangle that changed since the one
//! before; a frame that changes nothing lengthens the one before instead.

use std::io::Write;

use rustc_hash::FxHashMap;

use crate::render::RenderError;

/// The palette index that leaves the pixel of the frame before.
const KEEP: u8 = 255;

/// Writes an animated GIF.
pub struct GifEncoder<W: Write> {
    out: Option<W>,
    encoder: Option<gif::Encoder<W>>,
    /// Colours that must be in the palette exactly: the theme's and the organisations'.
    exact: Vec<[u8; 3]>,
    palette: Vec<[u8; 3]>,
    nearest: FxHashMap<u32, u8>,
    size: (u16, u16),
    /// The last frame's palette indices, whole.
    last: Vec<u8>,
    /// The frame waiting to be written (it may yet be lengthened).
    waiting: Option<Waiting>,
}

/// A frame not yet written: its rectangle (left, top, width, height), its palette indices
/// and how long it shows, in hundredths of a second.
type Waiting = ((u16, u16, u16, u16), Vec<u8>, u32);

fn encode_error(err: impl std::fmt::Display) -> RenderError {
    RenderError::Encode(err.to_string())
}

impl<W: Write> GifEncoder<W> {
    /// An encoder writing to `out`, with `exact` colours kept exactly.
    pub fn new(out: W, exact: Vec<[u8; 3]>) -> GifEncoder<W> {
        GifEncoder {
            out: Some(out),
            encoder: None,
            exact,
            palette: Vec::new(),
            nearest: FxHashMap::default(),
            size: (0, 0),
            last: Vec::new(),
            waiting: None,
        }
    }

    /// The palette: the exact colours, then NeuQuant's choice from `rgba` for the rest.
    fn make_palette(&mut self, rgba: &[u8]) {
        let mut exact = self.exact.clone();
        exact.sort_unstable();
        exact.dedup();
        exact.truncate(64);
        // One index is kept for "as the frame before" (transparent).
        let room = 255 - exact.len();
        let quant = color_quant::NeuQuant::new(10, room, rgba);
        let mut palette = exact;
        for c in quant.color_map_rgb().chunks_exact(3) {
            palette.push([c[0], c[1], c[2]]);
        }
        palette.truncate(255);
        self.palette = palette;
    }

    /// The palette index nearest a colour, remembered.
    fn index(&mut self, r: u8, g: u8, b: u8) -> u8 {
        let key = u32::from(r) << 16 | u32::from(g) << 8 | u32::from(b);
        if let Some(&i) = self.nearest.get(&key) {
            return i;
        }
        let mut best = (u32::MAX, 0u8);
        for (i, c) in self.palette.iter().enumerate() {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).unsigned_abs();
            let dist = 2 * d(c[0], r).pow(2) + 4 * d(c[1], g).pow(2) + 3 * d(c[2], b).pow(2);
            if dist < best.0 {
                best = (dist, i as u8);
            }
        }
        self.nearest.insert(key, best.1);
        best.1
    }

    fn write_waiting(&mut self) -> Result<(), RenderError> {
        let (Some(encoder), Some(((left, top, w, h), indices, delay))) =
            (self.encoder.as_mut(), self.waiting.take())
        else {
            return Ok(());
        };
        let mut frame = gif::Frame::from_indexed_pixels(w, h, indices, Some(KEEP));
        frame.left = left;
        frame.top = top;
        frame.delay = delay.min(u32::from(u16::MAX)) as u16;
        frame.dispose = gif::DisposalMethod::Keep;
        encoder.write_frame(&frame).map_err(encode_error)
    }
}

impl<W: Write> crate::animate::Encoder for GifEncoder<W> {
    fn begin(&mut self, width: u32, height: u32, _frames: usize) -> Result<(), RenderError> {
        let (Ok(w), Ok(h)) = (u16::try_from(width), u16::try_from(height)) else {
            return Err(RenderError::TooLarge {
                width: u64::from(width),
                height: u64::from(height),
            });
        };
        self.size = (w, h);
        Ok(())
    }

    fn frame(&mut self, rgba: &[u8], delay_ms: u32) -> Result<(), RenderError> {
        let (w, h) = self.size;
        if self.palette.is_empty() {
            self.make_palette(rgba);
            let mut flat: Vec<u8> = self.palette.iter().flatten().copied().collect();
            // The palette is padded to 256 colours; the last is never drawn (it is KEEP).
            flat.resize(256 * 3, 0);
            let out = self
                .out
                .take()
                .ok_or_else(|| encode_error("the GIF has ended"))?;
            let mut encoder = gif::Encoder::new(out, w, h, &flat).map_err(encode_error)?;
            encoder
                .set_repeat(gif::Repeat::Infinite)
                .map_err(encode_error)?;
            self.encoder = Some(encoder);
        }
        // Pixels come in runs of one colour: look a colour up once a run.
        let mut run: Option<([u8; 3], u8)> = None;
        let mut indices = Vec::with_capacity(rgba.len() / 4);
        for p in rgba.chunks_exact(4) {
            let colour = [p[0], p[1], p[2]];
            let index = match run {
                Some((c, i)) if c == colour => i,
                _ => {
                    let i = self.index(p[0], p[1], p[2]);
                    run = Some((colour, i));
                    i
                }
            };
            indices.push(index);
        }
        let delay = delay_ms.div_ceil(10);
        let changed = changed_rect(&self.last, &indices, usize::from(w), usize::from(h));
        match changed {
            None => {
                if let Some((_, _, waiting)) = self.waiting.as_mut() {
                    *waiting += delay;
                }
            }
            Some((x0, y0, x1, y1)) => {
                self.write_waiting()?;
                let width = usize::from(w);
                let first = self.last.is_empty();
                let mut part = Vec::with_capacity((x1 - x0) * (y1 - y0));
                for y in y0..y1 {
                    let row = y * width + x0..y * width + x1;
                    if first {
                        part.extend_from_slice(&indices[row]);
                        continue;
                    }
                    // Pixels as they were are left to show through: long runs of one index
                    // that the GIF's compression makes almost nothing of.
                    let (now, was) = (&indices[row.clone()], &self.last[row]);
                    part.extend(
                        now.iter()
                            .zip(was)
                            .map(|(&n, &w)| if n == w { KEEP } else { n }),
                    );
                }
                let rect = (x0 as u16, y0 as u16, (x1 - x0) as u16, (y1 - y0) as u16);
                self.waiting = Some((rect, part, delay));
                self.last = indices;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), RenderError> {
        self.write_waiting()?;
        // Dropping the encoder writes the GIF's trailer.
        let encoder = self.encoder.take();
        drop(encoder);
        Ok(())
    }
}

/// The rectangle (x0, y0, x1, y1, ends exclusive) where `now` differs from `before`; all of
/// it when there is no before; `None` when nothing changed.
fn changed_rect(
    before: &[u8],
    now: &[u8],
    w: usize,
    h: usize,
) -> Option<(usize, usize, usize, usize)> {
    if before.len() != now.len() {
        return Some((0, 0, w, h));
    }
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for y in 0..h {
        let (a, b) = (&before[y * w..(y + 1) * w], &now[y * w..(y + 1) * w]);
        if a == b {
            continue;
        }
        let first = (0..w).find(|&x| a[x] != b[x]).unwrap_or(0);
        let last = (0..w).rev().find(|&x| a[x] != b[x]).unwrap_or(w - 1);
        x0 = x0.min(first);
        x1 = x1.max(last + 1);
        y0 = y0.min(y);
        y1 = y + 1;
    }
    (x1 > x0).then_some((x0, y0, x1, y1))
}

/// The colours a GIF keeps exactly: the theme's own and its organisations'.
pub fn theme_colours(theme: &crate::scene::Theme) -> Vec<[u8; 3]> {
    let mut colours = vec![
        theme.background,
        theme.card,
        theme.vacant,
        theme.border,
        theme.text,
        theme.muted,
        theme.vacant_text,
        theme.line,
        theme.added,
        theme.removed,
        theme.changed,
    ];
    colours.extend(theme.organisations.iter().copied());
    colours.iter().map(|c| [c.r, c.g, c.b]).collect()
}
