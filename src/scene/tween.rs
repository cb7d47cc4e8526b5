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
    /// For each item of `to` that is no card's, whether `from` has the very same item
    /// (a frame or a line that stays put): it is drawn as it is throughout.
    stays: Vec<bool>,
    /// The items of `from` that are no card's and that `to` does not have: they fade out.
    fading: Vec<usize>,
}

/// A hash of everything an item draws, to find the same item in two pictures.
fn item_key(item: &Item) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    let rect = |h: &mut rustc_hash::FxHasher, r: &crate::layout::Rect| {
        [r.x, r.y, r.w, r.h]
            .iter()
            .for_each(|v| v.to_bits().hash(h));
    };
    let colour = |h: &mut rustc_hash::FxHasher, c: &crate::scene::Colour| {
        [c.r, c.g, c.b, c.a].hash(h);
    };
    match item {
        Item::Rect {
            rect: r,
            radius,
            fill,
            stroke,
        } => {
            0u8.hash(&mut h);
            rect(&mut h, r);
            radius.to_bits().hash(&mut h);
            if let Some(f) = fill {
                colour(&mut h, f);
            }
            if let Some(s) = stroke {
                colour(&mut h, &s.colour);
                s.width.to_bits().hash(&mut h);
            }
        }
        Item::Path { points, stroke } => {
            1u8.hash(&mut h);
            points
                .iter()
                .for_each(|p| (p.x.to_bits(), p.y.to_bits()).hash(&mut h));
            colour(&mut h, &stroke.colour);
            stroke.width.to_bits().hash(&mut h);
            stroke
                .dash
                .map(|(a, b)| (a.to_bits(), b.to_bits()))
                .hash(&mut h);
        }
        Item::Text {
            at,
            text,
            size,
            colour: c,
        } => {
            2u8.hash(&mut h);
            (at.x.to_bits(), at.y.to_bits(), size.to_bits()).hash(&mut h);
            text.hash(&mut h);
            colour(&mut h, c);
        }
    }
    h.finish()
}

/// Whether two pictures draw the same cards in the same places (at once when they share
/// their list).
pub fn same_cards(a: &Scene, b: &Scene) -> bool {
    std::sync::Arc::ptr_eq(&a.cards, &b.cards) || a.cards == b.cards
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
        let to_owners = owners(&to);
        let from_owners = owners(&from);
        let loose = |scene: &Scene, owners: &[u32]| -> FxHashSet<u64> {
            (scene.items.iter().zip(owners))
                .filter(|(_, o)| **o == u32::MAX)
                .map(|(item, _)| item_key(item))
                .collect()
        };
        let (before, after) = (loose(&from, &from_owners), loose(&to, &to_owners));
        let stays = (to.items.iter().zip(&to_owners))
            .map(|(item, o)| *o == u32::MAX && before.contains(&item_key(item)))
            .collect();
        let fading = (from.items.iter().zip(&from_owners).enumerate())
            .filter(|(_, (item, o))| **o == u32::MAX && !after.contains(&item_key(item)))
            .map(|(i, _)| i)
            .collect();
        Tween {
            owners: to_owners,
            was,
            gone,
            stays,
            fading,
            from,
            to,
        }
    }

    /// Whether anything moves, comes or goes.
    pub fn moves(&self) -> bool {
        !same_cards(&self.from, &self.to)
    }

    /// The picture it ends on.
    pub fn target(&self) -> &Arc<Scene> {
        &self.to
    }

    /// What is drawn at progress `p` (0 is the old picture's places, 1 the new picture),
    /// back to front: the frames and lines that went, fading out; the cards that went,
    /// fading out; then the new picture's items (those it shares with the old as they are).
    pub fn frame(&self, p: f32) -> impl Iterator<Item = Drawn<'_>> {
        let p = p.clamp(0.0, 1.0);
        let old = (self.fading.iter()).map(move |&i| Drawn {
            item: &self.from.items[i],
            shift: (0.0, 0.0),
            alpha: 1.0 - p,
        });
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
                let stays = self.stays.get(i).copied().unwrap_or(false);
                ((0.0, 0.0), if stays { 1.0 } else { p })
            } else {
                match self.was.get(owner as usize).copied().flatten() {
                    Some((dx, dy)) => ((dx * back, dy * back), 1.0),
                    None => ((0.0, 0.0), p),
                }
            };
            Drawn { item, shift, alpha }
        });
        old.chain(going).chain(coming)
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
pub(crate) fn moved(item: &Item, (dx, dy): (f64, f64), alpha: f32) -> Item {
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

/// The same picture moved by `shift` (items and cards), on a canvas `width` by
/// `height`: how a picture is placed in a frame larger than itself.
pub fn placed(scene: &Scene, shift: (f64, f64), width: f64, height: f64) -> Scene {
    let (dx, dy) = shift;
    Scene {
        width,
        height,
        background: scene.background,
        items: scene.items.iter().map(|i| moved(i, shift, 1.0)).collect(),
        cards: std::sync::Arc::new(
            (scene.cards.iter())
                .map(|(p, r)| {
                    let r = crate::layout::Rect {
                        x: r.x + dx,
                        y: r.y + dy,
                        ..*r
                    };
                    (*p, r)
                })
                .collect(),
        ),
        card_items: scene.card_items.clone(),
        frames: (scene.frames.iter())
            .map(|(o, r)| {
                let r = crate::layout::Rect {
                    x: r.x + dx,
                    y: r.y + dy,
                    ..*r
                };
                (*o, r)
            })
            .collect(),
    }
}
