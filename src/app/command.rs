//! What the window's panels ask of it. Panels read the state and send commands; the window
//! applies them in one place, once a frame, so a change of day always stops play, and an
//! edit has one place to be recorded.

use crate::date::Day;
use crate::model::PostId;

/// A change the user asked for.
#[must_use = "a command does nothing until it is sent with GovchartApp::send"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// Go to a day (within the chart's span), stopping play.
    GoTo(Day),
    /// Select a post, or nothing; `centre` brings it into view.
    Select {
        /// The post, or `None` to clear the selection.
        post: Option<PostId>,
        /// Whether to move the view to it.
        centre: bool,
    },
    /// Fold a post's reports away, or unfold them.
    ToggleFold(PostId),
    /// Compare with another day (within the chart's span), or stop comparing.
    Compare(Option<Day>),
    /// Start play, or stop it; started at the end, play starts again from the beginning.
    TogglePlay,
}
