//! Pieces every importer needs to write a chart file: readable, unique ids.

use std::collections::HashSet;

/// Hands out ids made from text, each once: "Director of Finance" → `director-of-finance`,
/// then `director-of-finance-2`.
#[derive(Debug, Default)]
pub struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// A new id made from `text`, not handed out before.
    pub fn fresh(&mut self, text: &str) -> String {
        let base = slug(text);
        let base = if base.is_empty() {
            "item".to_owned()
        } else {
            base
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.used.insert(id.clone()))
            .unwrap_or(base)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readable_and_unique() {
        let mut ids = Ids::default();
        assert_eq!(ids.fresh("Director of Finance"), "director-of-finance");
        assert_eq!(ids.fresh("Director of  finance!"), "director-of-finance-2");
        assert_eq!(ids.fresh("—"), "item");
        assert_eq!(ids.fresh(""), "item-2");
    }
}
