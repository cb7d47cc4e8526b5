//! The glide and fade between two pictures of a chart: cards that stay glide from where they
//! were to where they are, cards that came fade in, cards that went fade out where they were.
//! The window draws it when the date moves; animations draw it between frames.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::PostId;
use crate::scene::{Item, Point, Scene};

/// One item drawn at a moment of a tween: moved by `shift`, at `alpha` of its opacity.
#[derive(Clone, Copy, Debug)]
pub struct Drawn<'s> {
    /// The item, as its scene has it.
    pub item: &'s Item,
    /// How far it is moved from its place, in chart units.
    pub shift: (f64, f64),
    /// How opaque it is, 0 to 1, times its own opacity.
    pub alpha: f32,
}

/// The way from one picture to the next.
#[derive(Clone, Debug)]
pub struct Tween {
    from: Arc<Scene>,
    to: Arc<Scene>,
    /// For each card of `to`, where it was less where it is, if it was there before.
    was: Vec<Option<(f64, f64)>>,
    /// For each item of `to`, the card it belongs to (`u32::MAX` for none).
    owners: Vec<u32>,
    /// The cards of `from` that `to` no longer has.
    gone: Vec<usize>,
}

/// Eased progress, 0 to 1: slow in, slow out.
pub fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Which card each item of a scene belongs to (`u32::MAX` for none).
fn owners(scene: &Scene) -> Vec<u32> {
    let mut owners = vec![u32::MAX; scene.items.len()];
    for (card, range) in scene.card_items.iter().enumerate() {
        for owner in &mut owners[range.clone()] {
            *owner = card as u32;
        }
    }
    owners
}

impl Tween {
    /// The tween from `from` to `to`.
    pub fn new(from: Arc<Scene>, to: Arc<Scene>) -> Tween {
        let before: FxHashMap<PostId, &crate::layout::Rect> =
            from.cards.iter().map(|(post, r)| (*post, r)).collect();
        let was = (to.cards.iter())
            .map(|(post, r)| before.get(post).map(|old| (old.x - r.x, old.y - r.y)))
            .collect();
        let kept: FxHashSet<PostId> = to.cards.iter().map(|c| c.0).collect();
        let gone = (from.cards.iter().enumerate())
            .filter(|(_, (post, _))| !kept.contains(post))
            .map(|(i, _)| i)
            .collect();
        Tween {
            owners: owners(&to),
            was,
            gone,
            from,
            to,
        }
    }

    /// Whether anything moves, comes or goes.
    pub fn moves(&self) -> bool {
        self.from.cards != self.to.cards
    }

    /// The picture it ends on.
    pub fn target(&self) -> &Arc<Scene> {
        &self.to
    }

    /// What is drawn at progress `p` (0 is the old picture's places, 1 the new picture),
    /// back to front: the cards that went, fading out, then the new picture's items.
    pub fn frame(&self, p: f32) -> impl Iterator<Item = Drawn<'_>> {
        let p = p.clamp(0.0, 1.0);
        let going = (self.gone.iter()).flat_map(move |&i| {
            self.from.items[self.from.card_items[i].clone()]
                .iter()
                .map(move |item| Drawn {
                    item,
                    shift: (0.0, 0.0),
                    alpha: 1.0 - p,
                })
        });
        let back = f64::from(1.0 - p);
        let coming = self.to.items.iter().enumerate().map(move |(i, item)| {
            let owner = self.owners.get(i).copied().unwrap_or(u32::MAX);
            let (shift, alpha) = if owner == u32::MAX {
                ((0.0, 0.0), p)
            } else {
                match self.was.get(owner as usize).copied().flatten() {
                    Some((dx, dy)) => ((dx * back, dy * back), 1.0),
                    None => ((0.0, 0.0), p),
                }
            };
            Drawn { item, shift, alpha }
        });
        going.chain(coming)
    }

    /// The picture at progress `p`, as a scene of its own (for animation frames): the new
    /// picture's size and cards, its items moved and faded as [`Tween::frame`] says.
    pub fn scene_at(&self, p: f32) -> Scene {
        let items = self
            .frame(p)
            .map(|d| moved(d.item, d.shift, d.alpha))
            .collect();
        Scene {
            items,
            card_items: Vec::new(),
            ..(*self.to).clone()
        }
    }
}

/// An item moved by `shift` with its colours at `alpha` of their opacity.
fn moved(item: &Item, (dx, dy): (f64, f64), alpha: f32) -> Item {
    let fade = |c: crate::scene::Colour| crate::scene::Colour {
        a: (f32::from(c.a) * alpha).round() as u8,
        ..c
    };
    let shift = |p: &Point| Point {
        x: p.x + dx,
        y: p.y + dy,
    };
    match item {
        Item::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => Item::Rect {
            rect: crate::layout::Rect {
                x: rect.x + dx,
                y: rect.y + dy,
                ..*rect
            },
            radius: *radius,
            fill: fill.map(fade),
            stroke: stroke.map(|s| crate::scene::Stroke {
                colour: fade(s.colour),
                ..s
            }),
        },
        Item::Path { points, stroke } => Item::Path {
            points: points.iter().map(shift).collect(),
            stroke: crate::scene::Stroke {
                colour: fade(stroke.colour),
                ..*stroke
            },
        },
        Item::Text {
            at,
            text,
            size,
            colour,
        } => Item::Text {
            at: shift(at),
            text: text.clone(),
            size: *size,
            colour: fade(*colour),
        },
    }
}
