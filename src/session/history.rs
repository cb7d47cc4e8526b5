//! The history of edits: each step is a list of item changes with what they replaced, so
//! undo applies the inverse exactly and redo applies the step again. Steps name themselves
//! for the Edit menu ("Undo: end Will Smart's tenure").

use crate::io::format::{
    ChartFile, EventFile, OrganisationFile, PeriodFile, PersonFile, PostFile, SourceFile, Text,
};

/// The chart's own fields: title, description, period, opening date.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Title.
    pub title: Text<'static>,
    /// What it shows.
    pub description: Option<Text<'static>>,
    /// The period it covers.
    pub covers: Option<PeriodFile<'static>>,
    /// The date it opens at.
    pub default_date: Option<Text<'static>>,
}

impl Header {
    /// The header of a file.
    pub fn of(file: &ChartFile<'static>) -> Header {
        Header {
            title: file.title.clone(),
            description: file.description.clone(),
            covers: file.covers.clone(),
            default_date: file.default_date.clone(),
        }
    }

    fn put(self, file: &mut ChartFile<'static>) {
        file.title = self.title;
        file.description = self.description;
        file.covers = self.covers;
        file.default_date = self.default_date;
    }
}

/// One item of a chart file, whole: a post with its lines, a person with their tenures.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// The chart's own fields.
    Header(Header),
    /// A source.
    Source(SourceFile<'static>),
    /// An organisation.
    Organisation(OrganisationFile<'static>),
    /// A post, with its lines, details and staff.
    Post(PostFile<'static>),
    /// A person, with their tenures.
    Person(PersonFile<'static>),
    /// An event.
    Event(EventFile<'static>),
}

/// Which list of the file an item is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// The chart's own fields (one item, at index 0).
    Header,
    /// `sources`.
    Sources,
    /// `organisations`.
    Organisations,
    /// `posts`.
    Posts,
    /// `people`.
    People,
    /// `events`.
    Events,
}

impl Item {
    /// The list it belongs in.
    pub fn list(&self) -> List {
        match self {
            Item::Header(_) => List::Header,
            Item::Source(_) => List::Sources,
            Item::Organisation(_) => List::Organisations,
            Item::Post(_) => List::Posts,
            Item::Person(_) => List::People,
            Item::Event(_) => List::Events,
        }
    }
}

/// One change to one place of the file: an item put in (`before` is `None`), taken out
/// (`after` is `None`) or replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The list.
    pub list: List,
    /// The item's place in it when the change is made.
    pub index: usize,
    /// What was there.
    pub before: Option<Item>,
    /// What is there after.
    pub after: Option<Item>,
}

impl Change {
    /// The change that undoes this one.
    fn inverse(&self) -> Change {
        Change {
            list: self.list,
            index: self.index,
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// Why a change could not be made: the file is not as the change expects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the chart is not as this edit expects ({0})")]
pub struct Mismatch(pub String);

/// Makes one change to the file.
pub fn apply_change(file: &mut ChartFile<'static>, change: &Change) -> Result<(), Mismatch> {
    if change.list == List::Header {
        let Some(Item::Header(header)) = change.after.clone() else {
            return Err(Mismatch("the chart's own fields cannot be removed".into()));
        };
        header.put(file);
        return Ok(());
    }
    macro_rules! in_list {
        ($list:expr, $variant:ident) => {{
            let list = $list;
            let after = match change.after.clone() {
                Some(Item::$variant(item)) => Some(item),
                Some(other) => {
                    return Err(Mismatch(format!(
                        "{:?} put in {:?}",
                        other.list(),
                        change.list
                    )));
                }
                None => None,
            };
            match (change.before.is_some(), after) {
                (false, Some(item)) if change.index <= list.len() => {
                    list.insert(change.index, item)
                }
                (true, Some(item)) if change.index < list.len() => list[change.index] = item,
                (true, None) if change.index < list.len() => {
                    list.remove(change.index);
                }
                _ => {
                    return Err(Mismatch(format!(
                        "no place {} in {:?} of {} items",
                        change.index,
                        change.list,
                        list.len()
                    )));
                }
            }
        }};
    }
    match change.list {
        List::Header => {}
        List::Sources => in_list!(&mut file.sources, Source),
        List::Organisations => in_list!(&mut file.organisations, Organisation),
        List::Posts => in_list!(&mut file.posts, Post),
        List::People => in_list!(&mut file.people, Person),
        List::Events => in_list!(&mut file.events, Event),
    }
    Ok(())
}

/// Makes a step's changes in order, or none of them.
pub fn apply_all(file: &mut ChartFile<'static>, changes: &[Change]) -> Result<(), Mismatch> {
    for (done, change) in changes.iter().enumerate() {
        if let Err(err) = apply_change(file, change) {
            for undo in changes[..done].iter().rev() {
                // Undoing what was just done cannot fail: each change was made to this file.
                let _ = apply_change(file, &undo.inverse());
            }
            return Err(err);
        }
    }
    Ok(())
}

/// An edit as the user made it: what it is called and what it changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the Edit menu calls it: "end Will Smart's tenure".
    pub label: String,
    /// The changes, in the order they were made.
    pub changes: Vec<Change>,
    /// Steps with the same key made one after another are one step (typing in one field).
    pub merge_key: Option<String>,
    /// The revision the chart is at once this step is made (set by [`History::record`]).
    revision: u64,
}

impl Step {
    /// A step of changes under a label.
    pub fn new(label: impl Into<String>, changes: Vec<Change>) -> Step {
        Step {
            label: label.into(),
            changes,
            merge_key: None,
            revision: 0,
        }
    }

    /// The same step, joining the next one with the same key (typing in one field).
    pub fn merging(self, key: impl Into<String>) -> Step {
        Step {
            merge_key: Some(key.into()),
            ..self
        }
    }

    /// The changes that undo this step, in the order to make them.
    pub fn inverse(&self) -> Vec<Change> {
        self.changes.iter().rev().map(Change::inverse).collect()
    }
}

/// Every step made, those undone, and which revision was last saved.
#[derive(Clone, Debug)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// The last revision given out: every step made gets a new one, so the revision a
    /// chart was saved at is told from one that merely looks alike.
    last: u64,
    saved: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// A history with nothing done, saved as it is.
    pub fn new() -> History {
        History {
            done: Vec::new(),
            undone: Vec::new(),
            last: 0,
            saved: Some(0),
        }
    }

    /// Records a step that was just made; a step with the merge key of the last one joins
    /// it, unless the chart was saved between them. Anything undone can no longer be redone.
    pub fn record(&mut self, mut step: Step) {
        self.undone.clear();
        self.last += 1;
        let saved_since = self.saved == Some(self.current());
        if let Some(last) = self.done.last_mut()
            && step.merge_key.is_some()
            && last.merge_key == step.merge_key
            && !saved_since
        {
            last.changes.append(&mut step.changes);
            last.label = step.label;
            last.revision = self.last;
            return;
        }
        step.revision = self.last;
        self.done.push(step);
    }

    /// Stops the last step from taking in the next one (a field lost the keyboard).
    pub fn seal(&mut self) {
        if let Some(last) = self.done.last_mut() {
            last.merge_key = None;
        }
    }

    /// The step undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }

    /// The step redo would make again.
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }

    /// Takes the last step off, for the caller to undo; `None` when there is none.
    pub fn undo(&mut self) -> Option<&Step> {
        let step = self.done.pop()?;
        // Typing after an undo is a step of its own, not more of the step before.
        self.seal();
        self.undone.push(step);
        self.undone.last()
    }

    /// Takes the last undone step, for the caller to make again.
    pub fn redo(&mut self) -> Option<&Step> {
        let mut step = self.undone.pop()?;
        step.merge_key = None;
        self.done.push(step);
        self.done.last()
    }

    /// Puts back the step last undone, whose undoing could not be made.
    pub fn cancel_undo(&mut self) {
        if let Some(step) = self.undone.pop() {
            self.done.push(step);
        }
    }

    /// Takes back the step last redone, which could not be made.
    pub fn cancel_redo(&mut self) {
        if let Some(step) = self.done.pop() {
            self.undone.push(step);
        }
    }

    /// The revision the chart is at: 0 as opened, else that of the last step made.
    pub fn current(&self) -> u64 {
        self.done.last().map_or(0, |s| s.revision)
    }

    /// Marks the chart as saved as it is now.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current());
    }

    /// Marks the chart as not saved as it is (an import, a restored recovery file).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// Whether the chart differs from the one last opened or saved.
    pub fn dirty(&self) -> bool {
        self.saved != Some(self.current())
    }

    /// How many steps can be undone.
    pub fn depth(&self) -> usize {
        self.done.len()
    }
}
