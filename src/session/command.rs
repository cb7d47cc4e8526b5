//! What the window's panels ask of the session. Panels read the session and send commands;
//! the session applies them in one place, once a frame, so a change of day always stops
//! play, and every edit is recorded in the history.

use crate::date::Day;
use crate::model::PostId;
use crate::session::Speed;
use crate::session::edit::Edit;

/// A change the user asked for.
#[must_use = "a command does nothing until it is sent to the session"]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Go to a day (within the chart's span), stopping play.
    GoTo(Day),
    /// Step to the next day on which the chart changes.
    NextChange,
    /// Step back to the previous day on which the chart changes.
    PreviousChange,
    /// Select a post, or nothing; `centre` brings it into view.
    Select {
        /// The post, or `None` to clear the selection.
        post: Option<PostId>,
        /// Whether to move the view to it.
        centre: bool,
    },
    /// Select what a chart item's id names: a post, or the post a tenure or line is of.
    SelectId(String),
    /// Fold a post's reports away, or unfold them.
    ToggleFold(PostId),
    /// Unfold every post.
    ExpandAll,
    /// Compare with another day (within the chart's span), or stop comparing.
    Compare(Option<Day>),
    /// Start play, or stop it; started at the end, play starts again from the beginning.
    TogglePlay,
    /// Play at this speed.
    Speed(Speed),
    /// Change the chart.
    Edit(Edit),
    /// Undo the last edit.
    Undo,
    /// Make the last undone edit again.
    Redo,
    /// End the edit being typed, so the next keystrokes are a step of their own.
    Seal,
    /// Say something in the status bar (a date that could not be read, say).
    Say(String),
}
