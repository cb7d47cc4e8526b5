//! Colours, strokes and themes: everything a picture's look depends on, as plain data.

/// A colour with alpha, 8 bits a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Opacity.
    pub a: u8,
}

impl Colour {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Colour {
        Colour {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 255,
        }
    }

    /// `#rrggbb`, as SVG writes it.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Opacity from 0 to 1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }

    /// The same colour at `alpha` (0 to 255).
    pub const fn with_alpha(self, alpha: u8) -> Colour {
        Colour { a: alpha, ..self }
    }
}

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Colour.
    pub colour: Colour,
    /// Width in chart units.
    pub width: f32,
    /// Dash and gap lengths, for a dashed line.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    /// A solid line.
    pub const fn solid(colour: Colour, width: f32) -> Stroke {
        Stroke {
            colour,
            width,
            dash: None,
        }
    }

    /// A dashed line.
    pub const fn dashed(colour: Colour, width: f32) -> Stroke {
        Stroke {
            colour,
            width,
            dash: Some((6.0, 4.0)),
        }
    }
}

/// The colours of a picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Background.
    pub background: Colour,
    /// Card fill.
    pub card: Colour,
    /// Card fill of a vacant post.
    pub vacant: Colour,
    /// Card border.
    pub border: Colour,
    /// Main text.
    pub text: Colour,
    /// Secondary text (organisation, dates).
    pub muted: Colour,
    /// The word VACANT.
    pub vacant_text: Colour,
    /// Reporting lines.
    pub line: Colour,
    /// Comparing two dates: posts that are new.
    pub added: Colour,
    /// Comparing two dates: posts that are gone.
    pub removed: Colour,
    /// Comparing two dates: posts whose holder changed.
    pub changed: Colour,
    /// Organisation colours (Okabe–Ito, safe for colour-blind readers), given out by
    /// [`crate::scene::organisation_slots`] so that each organisation keeps its colour.
    pub organisations: Vec<Colour>,
}

impl Theme {
    /// Dark text on a light background.
    pub fn light() -> Theme {
        Theme {
            background: Colour::hex(0xffffff),
            card: Colour::hex(0xf6f7fb),
            vacant: Colour::hex(0xffffff),
            border: Colour::hex(0x5b6275),
            text: Colour::hex(0x1b1e28),
            muted: Colour::hex(0x5f6677),
            vacant_text: Colour::hex(0xb3541e),
            line: Colour::hex(0x7a8194),
            added: Colour::hex(0x0072b2),
            removed: Colour::hex(0xd55e00),
            changed: Colour::hex(0x8a5a00),
            organisations: okabe_ito(),
        }
    }

    /// Light text on a dark background.
    pub fn dark() -> Theme {
        Theme {
            background: Colour::hex(0x16181f),
            card: Colour::hex(0x242833),
            vacant: Colour::hex(0x16181f),
            border: Colour::hex(0x9aa1b5),
            text: Colour::hex(0xeceef4),
            muted: Colour::hex(0xa9afc0),
            vacant_text: Colour::hex(0xf0a35e),
            line: Colour::hex(0x8d94a8),
            added: Colour::hex(0x56b4e9),
            removed: Colour::hex(0xf08a4b),
            changed: Colour::hex(0xf0e442),
            organisations: okabe_ito(),
        }
    }

    /// The colour of the `index`-th organisation on a picture (repeating past the last).
    pub fn organisation(&self, index: usize) -> Colour {
        self.organisations[index % self.organisations.len().max(1)]
    }
}

/// The Okabe–Ito palette, without black.
fn okabe_ito() -> Vec<Colour> {
    [
        0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7,
    ]
    .into_iter()
    .map(Colour::hex)
    .collect()
}
