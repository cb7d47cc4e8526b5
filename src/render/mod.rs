//! Backends that turn a [`crate::scene::Scene`] into files.

mod svg;

pub use svg::to_svg;
