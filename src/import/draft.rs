//! Pieces every importer needs to write a chart file: readable, unique ids.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;
use std::rc::Rc;

use crate::import::{ImportError, Place, Progress};
use crate::io::format::{OrganisationFile, PostFile, Text};
use crate::model::Certainty;

/// Hands out ids made from text, each once: "Director of Finance" → `director-of-finance`,
/// then `director-of-finance-2`. A chart's sources, organisations, posts, people and events
/// share one namespace, so the clones of an `Ids` share theirs.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    used: Rc<RefCell<HashSet<String>>>,
}

impl Ids {
    /// A new id made from `text`, not handed out before by this `Ids` or its clones.
    pub fn fresh(&self, text: &str) -> String {
        let base = slug(text);
        let base = if base.is_empty() {
            "item".to_owned()
        } else {
            base
        };
        let mut used = self.used.borrow_mut();
        if used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| used.insert(id.clone()))
            .unwrap_or(base)
    }
}

/// A file's name without its folder, for titles and descriptions.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

/// An organisation known only by its name, from one source, as "reported".
pub fn plain_organisation(
    id: String,
    name: String,
    source: Text<'static>,
    note: Option<String>,
) -> OrganisationFile<'static> {
    OrganisationFile {
        id: id.into(),
        name: name.into(),
        short: None,
        kind: None,
        founded: None,
        dissolved: None,
        parents: Vec::new(),
        certainty: Certainty::Reported,
        sources: vec![source],
        note: note.map(Into::into),
    }
}

/// A post with a title in an organisation, and nothing else yet.
pub fn plain_post(
    id: String,
    title: String,
    organisation: String,
    sources: Vec<Text<'static>>,
) -> PostFile<'static> {
    PostFile {
        id: id.into(),
        title: title.into(),
        organisation: organisation.into(),
        moves: Vec::new(),
        created: None,
        abolished: None,
        followed_from: None,
        followed_until: None,
        seats: None,
        lines: Vec::new(),
        details: Vec::new(),
        staff: Vec::new(),
        sources,
        note: None,
    }
}

/// Lower-case letters and digits of `text`, words joined by hyphens, at most 48 characters.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
        if out.len() >= 48 {
            break;
        }
    }
    out
}

/// Reads a JSON file whole (refusing what is not a regular file, or is over the limit
/// charts have), with serde_json's line and column on a syntax error.
pub fn read_json(path: &Path, progress: &Progress) -> Result<serde_json::Value, ImportError> {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    progress.add_total(size);
    let bytes =
        crate::io::read_capped(path, crate::io::MAX_FILE_BYTES).map_err(|err| match err {
            crate::io::ReadCapped::Io(source) => ImportError::Read {
                place: Place::file(path),
                source,
            },
            crate::io::ReadCapped::TooLarge(size) => ImportError::at(
                Place::file(path),
                format!(
                    "the file is {size} bytes, more than the {}-byte limit",
                    crate::io::MAX_FILE_BYTES
                ),
            ),
        })?;
    progress.advance(size);
    serde_json::from_slice(&bytes).map_err(|err| {
        let place = Place {
            file: path.to_owned(),
            line: Some(err.line() as u64),
            column: Some(format!("column {}", err.column())),
        };
        let message = match err.classify() {
            serde_json::error::Category::Eof => {
                "the JSON ends too soon (the file is cut off)".to_owned()
            }
            _ => format!("not valid JSON: {err}"),
        };
        ImportError::at(place, message)
    })
}

/// The most spans (start, end exclusive) that overlap at once.
pub fn most_at_once(spans: &[(i32, i32)]) -> usize {
    let mut edges: Vec<(i32, i32)> = spans.iter().flat_map(|&(s, e)| [(s, 1), (e, -1)]).collect();
    edges.sort_unstable();
    let (mut live, mut most) = (0i32, 0i32);
    for (_, step) in edges {
        live += step;
        most = most.max(live);
    }
    most.max(1) as usize
}

/// Drops the parent links that would make organisations their own ancestors, and says
/// which: `(child, parent)` names.
pub fn break_parent_loops(orgs: &mut [OrganisationFile<'_>]) -> Vec<(String, String)> {
    let index_of: std::collections::HashMap<String, usize> = (orgs.iter().enumerate())
        .map(|(i, o)| (o.id.to_string(), i))
        .collect();
    let parent = |orgs: &[OrganisationFile<'_>], at: usize| {
        (orgs[at].parents.first()).and_then(|p| index_of.get(&*p.org).copied())
    };
    let mut dropped = Vec::new();
    for i in 0..orgs.len() {
        let mut at = i;
        for _ in 0..orgs.len() {
            let Some(up) = parent(orgs, at) else { break };
            if up == i {
                dropped.push((orgs[at].name.to_string(), orgs[up].name.to_string()));
                orgs[at].parents.clear();
                break;
            }
            at = up;
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readable_and_unique() {
        let ids = Ids::default();
        let people = ids.clone();
        assert_eq!(people.fresh("Director of Finance"), "director-of-finance");
        assert_eq!(ids.fresh("Director of  finance!"), "director-of-finance-2");
        assert_eq!(ids.fresh("—"), "item");
        assert_eq!(ids.fresh(""), "item-2");
    }
}
