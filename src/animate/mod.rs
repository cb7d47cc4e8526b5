//! The chart through time as an animation: a frame held on each day the chart changes (or
//! each month, quarter or year), with the cards gliding and fading between them as the
//! window does ([`crate::scene::Tween`]), and a caption with the date and the day's events.
//! Frames are made one at a time and handed to an encoder ([`gif`], [`apng`]), so a long
//! animation never sits in memory whole.

pub mod apng;
pub mod gif;

use std::sync::Arc;

use crate::date::{Day, PartialDate};
use crate::model::Chart;
use crate::render::RenderError;
use crate::scene::{Item, Picture, Point, Scene, Theme, Tween, ViewOptions, placed};

/// Which days get a frame of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Step {
    /// Every day on which the chart changes.
    Change,
    /// The first of every month.
    Month,
    /// The first of every quarter.
    Quarter,
    /// The first of every year.
    Year,
}

/// What animation to make.
#[derive(Clone, Debug)]
pub struct Request {
    /// The first day.
    pub from: Day,
    /// The last day.
    pub to: Day,
    /// Which days get a frame.
    pub step: Step,
    /// Seconds each day's frame is held.
    pub hold: f32,
    /// Seconds the glide from one day to the next takes.
    pub glide: f32,
    /// Frames a second while gliding.
    pub fps: f32,
    /// Width of the frames in pixels.
    pub width: u32,
    /// Colours.
    pub theme: Theme,
}

/// The most frames an animation may have.
pub const MAX_FRAMES: usize = 20_000;

/// Height of the band above the chart with its title and the caption, in chart units.
const HEADER: f64 = 70.0;
/// Space around the chart, in chart units.
const MARGIN: f64 = 24.0;

/// A day that gets a frame, with what its caption says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    /// The day.
    pub day: Day,
    /// "1 Jul 2019: NHSX operational".
    pub caption: String,
}

/// The days that get a frame, from `from` to `to`.
pub fn keys(chart: &Chart, request: &Request) -> Vec<Key> {
    key_days(chart, request.from, request.to, request.step)
        .into_iter()
        .map(|day| Key {
            day,
            caption: caption(chart, day),
        })
        .collect()
}

/// The days from `from` to `to` that `step` picks: `from`, then every day the chart changes
/// after it (or the first of every month, quarter or year).
pub fn key_days(chart: &Chart, from: Day, to: Day, step: Step) -> Vec<Day> {
    let mut days = vec![from];
    match step {
        Step::Change => days.extend(
            crate::timeline::change_days(chart)
                .into_iter()
                .filter(|&d| d > from && d <= to),
        ),
        step => {
            let months = match step {
                Step::Month => 1,
                Step::Quarter => 3,
                _ => 12,
            };
            let (mut y, mut m, _) = from.civil();
            loop {
                m += months;
                while m > 12 {
                    m -= 12;
                    y += 1;
                }
                let day = Day::from_civil(y, m, 1);
                if day > to {
                    break;
                }
                days.push(day);
            }
        }
    }
    days.dedup();
    days
}

/// The date and the events of the day: "1 Jul 2019: NHSX operational".
pub fn caption(chart: &Chart, day: Day) -> String {
    let date = PartialDate::from_day(day).human();
    let events: Vec<&str> = events_on(chart, day).map(|e| e.title.as_str()).collect();
    if events.is_empty() {
        date
    } else {
        format!("{date}: {}", events.join("; "))
    }
}

/// The events dated to `day` (an event known to a month or a year counts on its first day).
pub fn events_on(chart: &Chart, day: Day) -> impl Iterator<Item = &crate::model::Event> {
    (chart.events.iter()).filter(move |e| e.date.first_day() == day)
}

/// How many in-between frames each glide has.
pub fn glides_of(request: &Request) -> usize {
    (request.glide * request.fps).round().max(0.0) as usize
}

/// How many frames the animation of `keys` has.
pub fn frame_count(keys: &[Key], request: &Request) -> usize {
    frames_of(keys.len(), request)
}

/// How many frames an animation of `days` days has.
pub fn frames_of(days: usize, request: &Request) -> usize {
    days + days.saturating_sub(1) * glides_of(request)
}

/// Where each day's picture goes in the frame, and the frame's size in chart units.
pub struct Layout {
    /// Each day's picture, placed in the frame.
    pub scenes: Vec<Arc<Scene>>,
    /// Frame width in chart units.
    pub width: f64,
    /// Frame height in chart units.
    pub height: f64,
    /// Pixels per chart unit.
    pub scale: f32,
    /// The chart's title, for each frame's header.
    pub title: String,
    /// Colours.
    pub theme: Theme,
}

impl Layout {
    /// The pictures of every key day, centred across one frame large enough for the largest.
    pub fn new(chart: &Chart, keys: &[Key], request: &Request) -> Layout {
        let days: Vec<Day> = keys.iter().map(|k| k.day).collect();
        let Framed {
            scenes,
            width,
            height,
            ..
        } = framed(chart, &days, &request.theme, HEADER);
        Layout {
            scenes,
            width,
            height,
            scale: request.width as f32 / width as f32,
            title: chart.info.title.clone(),
            theme: request.theme.clone(),
        }
    }

    /// The frame's size in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        let px = |units: f64| (units * f64::from(self.scale)).round().max(1.0) as u32;
        (px(self.width), px(self.height))
    }
}

/// Each day's picture placed in one frame.
pub struct Framed {
    /// The pictures, in the frame's units.
    pub scenes: Vec<Arc<Scene>>,
    /// The frame's width.
    pub width: f64,
    /// The frame's height.
    pub height: f64,
}

/// The chart's picture on `day` as animations and the web page show it: 16:9, without
/// title or legend.
pub fn picture_on(chart: &Chart, day: Day, theme: &Theme) -> Scene {
    Picture {
        chart,
        date: PartialDate::from_day(day),
        view: ViewOptions {
            chrome: false,
            aspect: 16.0 / 9.0,
            ..ViewOptions::default()
        },
        theme: theme.clone(),
    }
    .scene()
}

/// The chart's picture on each of `days` ([`picture_on`]), each centred across one frame
/// large enough for the largest, below a band `top` units high.
pub fn framed(chart: &Chart, days: &[Day], theme: &Theme, top: f64) -> Framed {
    let pictures: Vec<Scene> = (days.iter())
        .map(|&day| picture_on(chart, day, theme))
        .collect();
    let width = pictures.iter().map(|s| s.width).fold(320.0, f64::max);
    let height = pictures.iter().map(|s| s.height).fold(180.0, f64::max) + top;
    let scenes = (pictures.iter())
        .map(|s| Arc::new(placed(s, ((width - s.width) / 2.0, top), width, height)))
        .collect();
    Framed {
        scenes,
        width,
        height,
    }
}

/// The file formats of animations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An animated GIF, with one palette.
    Gif,
    /// An animated PNG (APNG), lossless.
    Apng,
}

impl Format {
    /// The format a file name's extension names: `.gif`, or `.png` (or `.apng`).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "gif" => Some(Format::Gif),
            "png" | "apng" => Some(Format::Apng),
            _ => None,
        }
    }

    /// The extension files of this format are named with.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Gif => "gif",
            Format::Apng => "png",
        }
    }
}

/// The animation as a file's bytes, in `format`; `progress` as for [`animate`].
pub fn make(
    chart: &Chart,
    request: &Request,
    format: Format,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>, RenderError> {
    let mut bytes = Vec::new();
    match format {
        Format::Gif => {
            let colours = gif::theme_colours(&request.theme);
            let mut encoder = gif::GifEncoder::new(&mut bytes, colours);
            animate(chart, request, &mut encoder, progress)?;
        }
        Format::Apng => {
            let mut encoder = apng::ApngEncoder::new(&mut bytes);
            animate(chart, request, &mut encoder, progress)?;
        }
    }
    Ok(bytes)
}

/// What the encoder is given.
pub trait Encoder {
    /// The animation begins: its size in pixels and how many frames it has.
    fn begin(&mut self, width: u32, height: u32, frames: usize) -> Result<(), RenderError>;
    /// A frame, as RGBA pixels (premultiplied by nothing: straight alpha, all opaque), to be
    /// shown for `delay_ms`.
    fn frame(&mut self, rgba: &[u8], delay_ms: u32) -> Result<(), RenderError>;
    /// The animation ends.
    fn finish(&mut self) -> Result<(), RenderError>;
}

/// The header: the chart's title and the caption, over the frame's background.
fn with_header(scene: &Scene, title: &str, caption: &str, theme: &Theme) -> Scene {
    let mut items = Vec::with_capacity(scene.items.len() + 2);
    items.push(Item::Text {
        at: Point { x: MARGIN, y: 28.0 },
        text: title.to_owned(),
        size: 15.0,
        colour: theme.muted,
    });
    items.push(Item::Text {
        at: Point { x: MARGIN, y: 54.0 },
        text: caption.to_owned(),
        size: 20.0,
        colour: theme.text,
    });
    items.extend(scene.items.iter().cloned());
    Scene {
        items,
        cards: Default::default(),
        card_items: Vec::new(),
        frames: Vec::new(),
        ..scene.clone()
    }
}

/// The frames of an animation, as pictures: each day's held, and the glides between.
pub struct Frames<'a> {
    keys: &'a [Key],
    layout: &'a Layout,
    glides: usize,
    /// The glide being drawn: from which key, and its tween.
    tween: Option<(usize, Tween)>,
}

impl<'a> Frames<'a> {
    /// The frames of `keys` placed by `layout`, with `glides` in-between frames each.
    pub fn new(keys: &'a [Key], layout: &'a Layout, glides: usize) -> Frames<'a> {
        Frames {
            keys,
            layout,
            glides,
            tween: None,
        }
    }

    /// Whether frame `index` is a day's own (held) frame rather than one of a glide.
    pub fn is_held(&self, index: usize) -> bool {
        index.is_multiple_of(self.glides + 1)
    }

    /// The picture of frame `index`, in frame units, with its header.
    pub fn scene(&mut self, index: usize) -> Option<Scene> {
        let per = self.glides + 1;
        let (key, step) = (index / per, index % per);
        let scenes = &self.layout.scenes;
        let scene = match step {
            0 => (**scenes.get(key)?).clone(),
            k => {
                if self.tween.as_ref().is_none_or(|(from, _)| *from != key) {
                    let tween = Tween::new(scenes.get(key)?.clone(), scenes.get(key + 1)?.clone());
                    self.tween = Some((key, tween));
                }
                let (_, tween) = self.tween.as_ref()?;
                tween.scene_at(crate::scene::ease(k as f32 / per as f32))
            }
        };
        let caption = &self
            .keys
            .get(if step == 0 { key } else { key + 1 })?
            .caption;
        Some(with_header(
            &scene,
            &self.layout.title,
            caption,
            &self.layout.theme,
        ))
    }
}

/// Makes the animation: each frame drawn and handed to `encoder` in turn, `progress`
/// told (frames done, frames in all) after each; it stops, with
/// [`RenderError::Cancelled`], when `progress` returns false.
pub fn animate(
    chart: &Chart,
    request: &Request,
    encoder: &mut dyn Encoder,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<(), RenderError> {
    let keys = keys(chart, request);
    let total = frame_count(&keys, request);
    if total > MAX_FRAMES {
        return Err(RenderError::Encode(format!(
            "the animation would have {total} frames, more than the {MAX_FRAMES} govchart makes; use a longer --step, a shorter --glide or fewer --fps"
        )));
    }
    let layout = Layout::new(chart, &keys, request);
    let (width, height) = layout.pixels();
    encoder.begin(width, height, total)?;
    let glides = glides_of(request);
    let glide_ms = (1000.0 / request.fps.max(0.1)).round() as u32;
    let hold_ms = (request.hold * 1000.0).round().max(10.0) as u32;
    // Frames are drawn on a thread of their own while the encoder packs the ones before.
    std::thread::scope(|scope| {
        let (frames, drawn) = std::sync::mpsc::sync_channel(4);
        let layout = &layout;
        let keys = &keys;
        scope.spawn(move || {
            let mut pictures = Frames::new(keys, layout, glides);
            for index in 0..total {
                let Some(scene) = pictures.scene(index) else {
                    break;
                };
                let pixmap = crate::render::to_pixmap(&scene, layout.scale, width, height);
                let failed = pixmap.is_err();
                if frames.send(pixmap).is_err() || failed {
                    break;
                }
            }
        });
        for (index, pixmap) in drawn.iter().enumerate() {
            let delay = if index.is_multiple_of(glides + 1) {
                hold_ms
            } else {
                glide_ms
            };
            encoder.frame(pixmap?.data(), delay)?;
            if !progress(index + 1, total) {
                // Dropping the receiver stops the drawing thread at its next frame.
                return Err(RenderError::Cancelled);
            }
        }
        Ok::<(), RenderError>(())
    })?;
    encoder.finish()
}
