//! People's names as published data spells them: "SURNAME, Forename", titles and ranks,
//! post-nominals, all capitals; and the placeholders that stand where a name would be.

/// What stands in a name cell when it names no one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placeholder {
    /// The post is held, but its holder is not disclosed ("N/D", "ND", blank).
    Undisclosed,
    /// The post is not filled ("Vacant", "Post Vacant", "GAPPED").
    Vacant,
    /// The post has been abolished ("Eliminated", "Post deleted").
    Eliminated,
}

/// Reads a name cell as a placeholder, if it is one.
pub fn placeholder(text: &str) -> Option<Placeholder> {
    let letters: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match letters.as_str() {
        "" | "nd" | "na" | "notdisclosed" | "noname" | "redacted" | "withheld" | "ndvpr"
        | "notknown" | "unknown" | "tbc" | "tba" => Some(Placeholder::Undisclosed),
        "vacant" | "vacancy" | "postvacant" | "vacantpost" | "gapped" | "vacancies" | "open"
        | "tbd" | "none" => Some(Placeholder::Vacant),
        "eliminated" | "posteliminated" | "postdeleted" | "deleted" | "abolished" => {
            Some(Placeholder::Eliminated)
        }
        _ => None,
    }
}

/// Titles that come before a name and are no part of matching it. The longest first, so
/// "Air Vice Marshal" is taken whole.
const TITLES: &[&str] = &[
    "air chief marshal",
    "air vice marshal",
    "surgeon rear admiral",
    "lieutenant general",
    "right honourable",
    "major general",
    "rear admiral",
    "vice admiral",
    "air marshal",
    "the reverend",
    "professor",
    "the rt hon",
    "brigadier",
    "commodore",
    "air cdre",
    "reverend",
    "baroness",
    "admiral",
    "general",
    "captain",
    "colonel",
    "maj gen",
    "lt gen",
    "the hon",
    "doctor",
    "rt hon",
    "the rev",
    "lord",
    "lady",
    "dame",
    "prof",
    "revd",
    "cllr",
    "baron",
    "sir",
    "rev",
    "mrs",
    "miss",
    "avm",
    "acm",
    "gen",
    "the",
    "hon",
    "dr",
    "mr",
    "ms",
    "mx",
];

/// Titles kept when a name is shown (honours and academic titles people are known by).
const SHOWN_TITLES: &[&str] = &[
    "sir",
    "dame",
    "professor",
    "prof",
    "dr",
    "doctor",
    "lord",
    "lady",
    "baroness",
    "baron",
];

/// Letters after a name (honours, degrees, fellowships), matched without case.
const POST_NOMINALS: &[&str] = &[
    "kg", "kt", "gcb", "kcb", "cb", "gcmg", "kcmg", "cmg", "gcvo", "kcvo", "cvo", "lvo", "mvo",
    "gbe", "kbe", "dbe", "cbe", "obe", "mbe", "bem", "qc", "kc", "qpm", "dl", "jp", "mp", "pc",
    "frs", "freng", "fmedsci", "frcp", "frcs", "frcgp", "frcpsych", "frsa", "fca", "aca", "fcca",
    "cipfa", "mrcp", "mrcgp", "mba", "phd", "dphil", "msc", "bsc", "ma", "ba", "md", "llb", "llm",
    "rn", "rgn", "frcn", "ffph", "frcr", "frcpath", "frca", "frcog", "frcpch", "fba", "frse",
    "frsc", "ceng", "fiet", "mbchb", "dso", "mc", "adc", "qhs", "qhds", "qhp", "afc", "ra",
    "fcipd", "cbe.", "fcgi", "fhea", "hon", "fimeche", "fice", "frics", "frtpi",
];

/// Annotations in brackets that are no part of a name: "(Inward Secondee)", "(Job Share)".
fn without_brackets(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut inside = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                current.clear();
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                inside.push(current.trim().to_owned());
                current.clear();
            }
            _ if depth > 0 => current.push(c),
            _ => out.push(c),
        }
    }
    (out, inside)
}

fn is_post_nominal(word: &str) -> bool {
    let bare: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    !bare.is_empty() && POST_NOMINALS.contains(&bare.as_str())
}

/// Takes titles off the front of a list of words; returns the titles taken.
fn strip_titles(words: &mut Vec<String>) -> Vec<String> {
    let mut taken = Vec::new();
    'again: loop {
        // Most names start with no title: look no further.
        let Some(first) = words.first() else {
            return taken;
        };
        let first = first.trim_end_matches('.').to_ascii_lowercase();
        if !TITLES
            .iter()
            .any(|t| t.split(' ').next() == Some(first.as_str()))
        {
            return taken;
        }
        for title in TITLES {
            let parts = title.split(' ');
            let count = parts.clone().count();
            if words.len() > count
                && (words.iter().zip(parts))
                    .all(|(w, p)| w.trim_end_matches('.').eq_ignore_ascii_case(p))
            {
                let title_words: Vec<String> = words.drain(..count).collect();
                taken.push(title_words.join(" "));
                continue 'again;
            }
        }
        return taken;
    }
}

/// "SMITH" → "Smith"; "MCDONALD" → "Mcdonald"; mixed case is left alone.
fn unshout(word: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// The parts of a written name: titles, the name itself, and what was dropped.
struct Parsed {
    titles: Vec<String>,
    words: Vec<String>,
}

fn parse(text: &str) -> Parsed {
    let (text, _annotations) = without_brackets(text);
    let text = text.trim().trim_matches(|c| c == '\'' || c == '"').trim();
    // "SURNAME, Forename": reorder, unless what follows the comma is only letters after a
    // name ("John Smith, CBE").
    let text = match text.split_once(',') {
        Some((before, after)) if !after.trim().is_empty() => {
            let after_words: Vec<&str> = after.split_whitespace().collect();
            if after_words.iter().all(|w| is_post_nominal(w)) {
                before.trim().to_owned()
            } else {
                let after = after.replace(',', " ");
                format!("{} {}", after.trim(), before.trim())
            }
        }
        Some((before, _)) => before.trim().to_owned(),
        None => text.to_owned(),
    };
    let mut words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    let titles = strip_titles(&mut words);
    while words.len() > 1 && words.last().is_some_and(|w| is_post_nominal(w)) {
        words.pop();
    }
    Parsed { titles, words }
}

/// A name as it should be shown: "SMITH, John CBE" → "John Smith", "SIR BOB KERSLAKE" →
/// "Sir Bob Kerslake", annotations in brackets dropped, honours and "Dr" kept.
pub fn display_name(text: &str) -> String {
    let parsed = parse(text);
    let mut out: Vec<String> = (parsed.titles.iter())
        .filter(|t| SHOWN_TITLES.contains(&t.trim_end_matches('.').to_lowercase().as_str()))
        .map(|t| unshout(t))
        .collect();
    out.extend(parsed.words.iter().map(|w| unshout(w)));
    if out.is_empty() {
        return crate::import::table::tidy(text);
    }
    out.join(" ")
}

/// A name as written, tidied, and turned round where it is "Surname, Forename": for files
/// whose names are otherwise as their owners want them shown.
pub fn as_written(text: &str) -> String {
    let text = crate::import::table::tidy(text);
    match text.split_once(',') {
        Some((before, after))
            if !after.trim().is_empty()
                && !after.contains(',')
                && !after.split_whitespace().all(is_post_nominal) =>
        {
            format!("{} {}", after.trim(), before.trim())
        }
        _ => text,
    }
}

/// The key a name is matched by: lower case, without titles, post-nominals, punctuation or
/// bracketed notes, and with "SURNAME, Forename" turned round: "Prof. Sir John SMITH KCB"
/// and "Smith, John" both give "john smith".
pub fn name_key(text: &str) -> String {
    let parsed = parse(text);
    let mut out = String::new();
    for word in &parsed.words {
        for part in word.split(['-', '.', '\'', '’']) {
            let letters: String = part
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if letters.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&letters);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let key = name_key("John Smith");
        for spelling in [
            "SMITH, John",
            "Prof John Smith",
            "Professor Sir John Smith KCB CBE",
            "Dr. John Smith (Inward Secondee)",
            "  john   smith ",
            "Smith, Mr. John",
            "'John Smith'",
        ] {
            assert_eq!(name_key(spelling), key, "{spelling}");
        }
        assert_ne!(name_key("Jane Smith"), key);
    }

    #[test]
    fn names_are_shown_tidily() {
        assert_eq!(display_name("SMITH, John"), "John Smith");
        assert_eq!(display_name("SIR BOB KERSLAKE"), "Sir Bob Kerslake");
        assert_eq!(display_name("Mr G Lester"), "G Lester");
        assert_eq!(
            display_name("Professor Dame Sally Davies DBE FRS"),
            "Professor Dame Sally Davies"
        );
        assert_eq!(display_name("BARNES, Sue [Dr]"), "Sue Barnes");
        assert_eq!(display_name("ROBINSON ,Katherine"), "Katherine Robinson");
        assert_eq!(
            display_name("Major General J R  Chiswell CBE MC"),
            "J R Chiswell"
        );
        assert_eq!(display_name("John Smith, CBE"), "John Smith");
    }

    #[test]
    fn names_as_written_are_only_turned_round() {
        assert_eq!(as_written("O'Neill, Siobhan"), "Siobhan O'Neill");
        assert_eq!(as_written("Lord (David) Prior"), "Lord (David) Prior");
        assert_eq!(as_written(" Jo  Bloggs, CBE "), "Jo Bloggs, CBE");
    }

    #[test]
    fn placeholders_are_not_people() {
        for (text, expected) in [
            ("N/D", Placeholder::Undisclosed),
            ("'N/D'", Placeholder::Undisclosed),
            ("ND", Placeholder::Undisclosed),
            ("", Placeholder::Undisclosed),
            ("Not disclosed", Placeholder::Undisclosed),
            ("Vacant ", Placeholder::Vacant),
            ("Post Vacant", Placeholder::Vacant),
            ("VACANT POST", Placeholder::Vacant),
            ("Eliminated.", Placeholder::Eliminated),
            ("Post Deleted", Placeholder::Eliminated),
        ] {
            assert_eq!(placeholder(text), Some(expected), "{text:?}");
        }
        assert_eq!(placeholder("Nadine Dorries"), None);
    }
}
