//! govchart: how an organisation's governance changes over time.
//!
//! Data flows one way: [`io`] loads a RON file into a [`model::Chart`] (a petgraph graph over
//! all of time); [`timeline`] gives the [`timeline::Snapshot`] at a date and the
//! [`timeline::diff`] between two; [`layout`] places a snapshot's posts; [`cli`] prints
//! them.

pub mod animate;
pub mod app;
pub mod cli;
pub mod date;
pub mod export;
pub mod generate;
pub mod import;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod scene;
pub mod session;
pub mod text;
pub mod timeline;
