//! Edits as the user asks for them, and the changes each makes to the chart's file. Edits are
//! dated, as the chart is: moving a post under another manager ends its old line on the day
//! shown and starts a new one, rather than rewriting history.

use std::str::FromStr;

use crate::date::{Day, PartialDate};
use crate::io::format::{ChartFile, EventKind, LineFile, LineKind, PersonFile, TenureFile, Text};
use crate::model::Certainty;
use crate::session::history::{Change, Header, Item, List, Step};

/// Who an appointment is of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Appointee {
    /// A person already in the chart, by id.
    Existing(String),
    /// Someone new, by name; the chart gives them an id.
    New(String),
}

/// An edit the user asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Puts `after` where `before` is (found by its id): the inspector's fields. Edits of one
    /// field, one after another, are one step when `field` names it.
    Replace {
        /// The item as it was shown.
        before: Box<Item>,
        /// The item as edited.
        after: Box<Item>,
        /// What the step is called.
        label: String,
        /// The field being typed in, so that typing is one step.
        field: Option<String>,
    },
    /// Adds an item at the end of its list.
    Add(Box<Item>),
    /// Removes an item, with every reference to it that would be left dangling.
    Delete {
        /// Its list.
        list: List,
        /// Its id.
        id: String,
    },
    /// Starts a tenure of a post.
    Appoint {
        /// The post's id.
        post: String,
        /// Who.
        person: Appointee,
        /// From when, as the file writes dates.
        start: String,
        /// Whether it is an acting appointment.
        acting: bool,
        /// How sure it is.
        certainty: Certainty,
        /// Ids of the sources that say so.
        sources: Vec<String>,
    },
    /// Ends a tenure.
    EndTenure {
        /// The person's id.
        person: String,
        /// Which of their tenures, in file order.
        index: usize,
        /// The day from which they no longer hold it.
        end: String,
    },
    /// Makes a post report to another from a day on: its solid line live then ends that day
    /// and a new one starts.
    ReportTo {
        /// The post that moves.
        post: String,
        /// Its new manager, or `None` to report to no one.
        manager: Option<String>,
        /// From when.
        from: Day,
    },
}

/// Works out the step an edit makes to `file`, or says why it cannot be made.
pub fn plan(file: &ChartFile<'static>, edit: Edit) -> Result<Step, String> {
    match edit {
        Edit::Replace {
            before,
            after,
            label,
            field,
        } => replace(file, *before, *after, label, field),
        Edit::Add(item) => add(file, *item),
        Edit::Delete { list, id } => delete(file, list, &id),
        Edit::Appoint {
            post,
            person,
            start,
            acting,
            certainty,
            sources,
        } => {
            let tenure = TenureFile {
                post: Text::from(post),
                start: Text::from(start),
                start_unknown: false,
                in_post: None,
                end: None,
                acting,
                end_cause: None,
                certainty,
                end_certainty: None,
                sources: sources.into_iter().map(Text::from).collect(),
                note: None,
            };
            appoint(file, person, tenure)
        }
        Edit::EndTenure { person, index, end } => end_tenure(file, &person, index, end),
        Edit::ReportTo {
            post,
            manager,
            from,
        } => report_to(file, &post, manager.as_deref(), from),
    }
}

/// The id of an item (empty for the chart's own fields).
pub fn id_of(item: &Item) -> &str {
    match item {
        Item::Header(_) => "",
        Item::Source(s) => &s.id,
        Item::Organisation(o) => &o.id,
        Item::Post(p) => &p.id,
        Item::Person(p) => &p.id,
        Item::Event(e) => &e.id,
    }
}

/// What people call an item in a step's name: a post's title, a person's name.
pub fn name_of(item: &Item) -> String {
    match item {
        Item::Header(_) => "the chart".to_owned(),
        Item::Source(s) => format!("source \"{}\"", s.title),
        Item::Organisation(o) => o.name.to_string(),
        Item::Post(p) => p.title.to_string(),
        Item::Person(p) => p.name.to_string(),
        Item::Event(e) => format!("event \"{}\"", e.title),
    }
}

/// The items of a list, whole.
fn items(file: &ChartFile<'static>, list: List) -> Vec<Item> {
    match list {
        List::Header => vec![Item::Header(Header::of(file))],
        List::Sources => file.sources.iter().cloned().map(Item::Source).collect(),
        List::Organisations => (file.organisations.iter().cloned())
            .map(Item::Organisation)
            .collect(),
        List::Posts => file.posts.iter().cloned().map(Item::Post).collect(),
        List::People => file.people.iter().cloned().map(Item::Person).collect(),
        List::Events => file.events.iter().cloned().map(Item::Event).collect(),
    }
}

/// Where the item with an id is in its list, and the item.
pub fn find(file: &ChartFile<'static>, list: List, id: &str) -> Option<(usize, Item)> {
    let position = match list {
        List::Header => Some(0),
        List::Sources => file.sources.iter().position(|s| *s.id == *id),
        List::Organisations => file.organisations.iter().position(|o| *o.id == *id),
        List::Posts => file.posts.iter().position(|p| *p.id == *id),
        List::People => file.people.iter().position(|p| *p.id == *id),
        List::Events => file.events.iter().position(|e| *e.id == *id),
    }?;
    let item = match list {
        List::Header => Item::Header(Header::of(file)),
        List::Sources => Item::Source(file.sources[position].clone()),
        List::Organisations => Item::Organisation(file.organisations[position].clone()),
        List::Posts => Item::Post(file.posts[position].clone()),
        List::People => Item::Person(file.people[position].clone()),
        List::Events => Item::Event(file.events[position].clone()),
    };
    Some((position, item))
}

/// Whether any item of the chart has this id (they share one namespace).
pub fn id_taken(file: &ChartFile<'static>, id: &str) -> bool {
    file.sources.iter().any(|s| *s.id == *id)
        || file.organisations.iter().any(|o| *o.id == *id)
        || file.posts.iter().any(|p| *p.id == *id)
        || file.people.iter().any(|p| *p.id == *id)
        || file.events.iter().any(|e| *e.id == *id)
}

/// A new id made from a name, unlike every id in the chart.
pub fn fresh_id(file: &ChartFile<'static>, name: &str) -> String {
    let base = match crate::import::slug(name) {
        slug if slug.is_empty() => "item".to_owned(),
        slug => slug,
    };
    if !id_taken(file, &base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !id_taken(file, id))
        .unwrap_or(base)
}

fn replace(
    file: &ChartFile<'static>,
    before: Item,
    after: Item,
    label: String,
    field: Option<String>,
) -> Result<Step, String> {
    if before.list() != after.list() {
        return Err("an item cannot change its kind".into());
    }
    if id_of(&before) != id_of(&after) {
        return Err("an item's id cannot be changed here".into());
    }
    let Some((index, now)) = find(file, before.list(), id_of(&before)) else {
        return Err(format!("{} is no longer in the chart", name_of(&before)));
    };
    if now != before {
        return Err(format!(
            "{} has changed since it was shown",
            name_of(&before)
        ));
    }
    if before == after {
        return Err("nothing changed".into());
    }
    let change = Change {
        list: before.list(),
        index,
        before: Some(before),
        after: Some(after),
    };
    let step = Step::new(label, vec![change]);
    Ok(match field {
        Some(field) => step.merging(field),
        None => step,
    })
}

fn add(file: &ChartFile<'static>, item: Item) -> Result<Step, String> {
    let list = item.list();
    if list == List::Header {
        return Err("the chart has its own fields already".into());
    }
    let id = id_of(&item);
    if id.trim().is_empty() {
        return Err("a new item needs an id".into());
    }
    if id_taken(file, id) {
        return Err(format!("the id \"{id}\" is taken"));
    }
    let label = format!("add {}", name_of(&item));
    let index = items(file, list).len();
    let change = Change {
        list,
        index,
        before: None,
        after: Some(item),
    };
    Ok(Step::new(label, vec![change]))
}

/// Removes `id` from a list of ids; whether it was there.
fn strip(ids: &mut Vec<Text<'static>>, id: &str) -> bool {
    let before = ids.len();
    ids.retain(|i| **i != *id);
    ids.len() != before
}

/// The changes that take every reference to `id` out of the items that hold one, so that
/// deleting it leaves nothing dangling; a reference that cannot simply go is refused.
fn references(file: &ChartFile<'static>, list: List, id: &str) -> Result<Vec<Change>, String> {
    let mut changes = Vec::new();
    let mut put = |list: List, index: usize, before: Item, after: Item| {
        if before != after {
            changes.push(Change {
                list,
                index,
                before: Some(before),
                after: Some(after),
            });
        }
    };
    for (i, org) in file.organisations.iter().enumerate() {
        let mut new = org.clone();
        match list {
            List::Organisations => new.parents.retain(|p| *p.org != *id),
            List::Sources => {
                strip(&mut new.sources, id);
                new.parents.iter_mut().for_each(|p| {
                    strip(&mut p.sources, id);
                });
            }
            _ => {}
        }
        put(
            List::Organisations,
            i,
            Item::Organisation(org.clone()),
            Item::Organisation(new),
        );
    }
    for (i, post) in file.posts.iter().enumerate() {
        if list == List::Organisations
            && (*post.organisation == *id || post.moves.iter().any(|m| *m.to == *id))
        {
            return Err(format!(
                "the post \"{}\" belongs to it: move or delete the post first",
                post.title
            ));
        }
        let mut new = post.clone();
        match list {
            List::Posts => new.lines.retain(|l| *l.to != *id),
            List::Sources => {
                strip(&mut new.sources, id);
                new.moves.iter_mut().for_each(|m| {
                    strip(&mut m.sources, id);
                });
                new.lines.iter_mut().for_each(|l| {
                    strip(&mut l.sources, id);
                });
                new.details.iter_mut().for_each(|d| {
                    strip(&mut d.sources, id);
                });
                new.staff.iter_mut().for_each(|s| {
                    strip(&mut s.sources, id);
                });
            }
            _ => {}
        }
        put(List::Posts, i, Item::Post(post.clone()), Item::Post(new));
    }
    for (i, person) in file.people.iter().enumerate() {
        let mut new = person.clone();
        match list {
            List::Posts => new.tenures.retain(|t| *t.post != *id),
            List::Sources => new.tenures.iter_mut().for_each(|t| {
                strip(&mut t.sources, id);
            }),
            _ => {}
        }
        put(
            List::People,
            i,
            Item::Person(person.clone()),
            Item::Person(new),
        );
    }
    for (i, event) in file.events.iter().enumerate() {
        let mut new = event.clone();
        match list {
            List::Sources => {
                strip(&mut new.sources, id);
            }
            List::People => {
                strip(&mut new.people, id);
            }
            List::Posts => {
                strip(&mut new.posts, id);
            }
            List::Organisations => {
                strip(&mut new.organisations, id);
                if let EventKind::Merger { into, absorbed } = &mut new.kind {
                    if **into == *id {
                        return Err(format!(
                            "the merger \"{}\" is into it: delete or change the event first",
                            event.title
                        ));
                    }
                    strip(absorbed, id);
                }
            }
            _ => {}
        }
        put(
            List::Events,
            i,
            Item::Event(event.clone()),
            Item::Event(new),
        );
    }
    Ok(changes)
}

fn delete(file: &ChartFile<'static>, list: List, id: &str) -> Result<Step, String> {
    if list == List::Header {
        return Err("the chart's own fields cannot be deleted".into());
    }
    let Some((index, item)) = find(file, list, id) else {
        return Err(format!("there is no \"{id}\" to delete"));
    };
    let label = format!("delete {}", name_of(&item));
    let mut changes = references(file, list, id)?;
    changes.push(Change {
        list,
        index,
        before: Some(item),
        after: None,
    });
    Ok(Step::new(label, changes))
}

fn post_title(file: &ChartFile<'static>, post: &str) -> Result<String, String> {
    (file.posts.iter())
        .find(|p| *p.id == *post)
        .map(|p| p.title.to_string())
        .ok_or_else(|| format!("there is no post \"{post}\""))
}

/// When an appointment from `start` to a one-seat post must end, if it must: when the next
/// holder starts, or when the post is abolished or its organisation dissolved. Refused when
/// someone else holds the post then (unless acting), or when the next holder's start is a
/// period that takes in the day.
fn vacancy_ends(
    file: &ChartFile<'static>,
    post: &str,
    start: Day,
    acting: bool,
) -> Result<Option<Text<'static>>, String> {
    let Some(post_file) = file.posts.iter().find(|p| *p.id == *post) else {
        return Ok(None);
    };
    let parse = |t: &Text<'static>| PartialDate::from_str(t).ok();
    let on = PartialDate::from_day(start).human();
    let mut ends: Vec<(Day, Text<'static>)> = Vec::new();
    if post_file.seats.unwrap_or(1) <= 1 {
        for person in &file.people {
            for tenure in person.tenures.iter().filter(|t| *t.post == *post) {
                let Some(from) = parse(&tenure.start) else {
                    continue;
                };
                let holds = from.last_day() < start
                    && tenure
                        .end
                        .as_ref()
                        .is_none_or(|e| parse(e).is_some_and(|e| e.end_bound() > start));
                if holds && !acting && !tenure.acting {
                    return Err(format!(
                        "{} holds the post on {on}: end their tenure there first (End here), or appoint as acting",
                        person.name
                    ));
                }
                if from.first_day() <= start
                    && start <= from.last_day()
                    && from.first_day() != from.last_day()
                {
                    return Err(format!(
                        "{} starts in the post {}, which takes in {on}: appoint from a day outside that period",
                        person.name,
                        from.human()
                    ));
                }
                if from.first_day() > start {
                    ends.push((from.first_day(), tenure.start.clone()));
                }
            }
        }
    }
    let org = (post_file.moves.iter().rev())
        .find(|m| parse(&m.date).is_some_and(|d| d.first_day() <= start))
        .map_or(&post_file.organisation, |m| &m.to);
    let dissolved = (file.organisations.iter())
        .find(|o| o.id == *org)
        .and_then(|o| o.dissolved.clone());
    for end in [post_file.abolished.clone(), dissolved]
        .into_iter()
        .flatten()
    {
        if let Some(d) = parse(&end)
            && d.first_day() > start
        {
            ends.push((d.first_day(), end));
        }
    }
    Ok(ends
        .into_iter()
        .min_by_key(|(d, _)| *d)
        .map(|(_, text)| text))
}

fn appoint(
    file: &ChartFile<'static>,
    person: Appointee,
    mut tenure: TenureFile<'static>,
) -> Result<Step, String> {
    let title = post_title(file, &tenure.post)?;
    let start = PartialDate::from_str(&tenure.start).map_err(|e| e.to_string())?;
    if tenure.end.is_none() {
        tenure.end = vacancy_ends(file, &tenure.post, start.first_day(), tenure.acting)?;
    }
    let acting = if tenure.acting { "acting " } else { "" };
    match person {
        Appointee::Existing(id) => {
            let Some((index, Item::Person(before))) = find(file, List::People, &id) else {
                return Err(format!("there is no person \"{id}\""));
            };
            let mut after = before.clone();
            after.tenures.push(tenure);
            let label = format!("appoint {} as {acting}{title}", before.name);
            let change = Change {
                list: List::People,
                index,
                before: Some(Item::Person(before)),
                after: Some(Item::Person(after)),
            };
            Ok(Step::new(label, vec![change]))
        }
        Appointee::New(name) => {
            let name = name.trim();
            if name.is_empty() {
                return Err("the new person needs a name".into());
            }
            let person = PersonFile {
                id: Text::from(fresh_id(file, name)),
                name: Text::from(name.to_owned()),
                note: None,
                tenures: vec![tenure],
            };
            let label = format!("appoint {name} as {acting}{title}");
            let change = Change {
                list: List::People,
                index: file.people.len(),
                before: None,
                after: Some(Item::Person(person)),
            };
            Ok(Step::new(label, vec![change]))
        }
    }
}

fn end_tenure(
    file: &ChartFile<'static>,
    person: &str,
    index: usize,
    end: String,
) -> Result<Step, String> {
    let Some((at, Item::Person(before))) = find(file, List::People, person) else {
        return Err(format!("there is no person \"{person}\""));
    };
    let Some(tenure) = before.tenures.get(index) else {
        return Err(format!("{} has no tenure {}", before.name, index + 1));
    };
    let date = PartialDate::from_str(&end).map_err(|e| e.to_string())?;
    if let Ok(start) = PartialDate::from_str(&tenure.start)
        && date.end_bound() <= start.first_day()
    {
        return Err(format!(
            "{} cannot end on {} before starting on {}",
            before.name,
            date.human(),
            start.human()
        ));
    }
    if let Some(in_post) = (tenure.in_post.as_deref()).and_then(|d| PartialDate::from_str(d).ok())
        && date.end_bound() <= in_post.first_day()
    {
        return Err(format!(
            "{} is named to the post but not in it until {}: change the tenure's dates instead",
            before.name,
            in_post.human()
        ));
    }
    if tenure.end.as_deref() == Some(end.as_str()) {
        return Err(format!("{}'s tenure ends then already", before.name));
    }
    let mut after = before.clone();
    after.tenures[index].end = Some(Text::from(end));
    let label = format!("end {}'s tenure", before.name);
    let change = Change {
        list: List::People,
        index: at,
        before: Some(Item::Person(before)),
        after: Some(Item::Person(after)),
    };
    Ok(Step::new(label, vec![change]))
}

/// Whether a dated thing with these start and end texts holds on `day` (bad dates never do).
fn live(start: Option<&str>, end: Option<&str>, day: Day) -> bool {
    let started =
        start.is_none_or(|s| PartialDate::from_str(s).is_ok_and(|d| d.first_day() <= day));
    let ended = end.is_some_and(|e| PartialDate::from_str(e).is_ok_and(|d| d.end_bound() <= day));
    let bad_end = end.is_some_and(|e| PartialDate::from_str(e).is_err());
    started && !ended && !bad_end
}

/// Who each post reports to on `day`, by the file's solid lines.
fn managers_on<'f>(
    file: &'f ChartFile<'static>,
    day: Day,
) -> rustc_hash::FxHashMap<&'f str, &'f str> {
    let mut managers = rustc_hash::FxHashMap::default();
    for post in &file.posts {
        for line in &post.lines {
            if line.kind == LineKind::ReportsTo
                && live(line.start.as_deref(), line.end.as_deref(), day)
            {
                managers.insert(&*post.id, &*line.to);
            }
        }
    }
    managers
}

fn report_to(
    file: &ChartFile<'static>,
    post: &str,
    manager: Option<&str>,
    from: Day,
) -> Result<Step, String> {
    let Some((index, Item::Post(before))) = find(file, List::Posts, post) else {
        return Err(format!("there is no post \"{post}\""));
    };
    let from_text = PartialDate::from_day(from).to_string();
    if let Some(manager) = manager {
        let manager_title = post_title(file, manager)?;
        if manager == post {
            return Err(format!("{} cannot report to itself", before.title));
        }
        let managers = managers_on(file, from);
        let mut up = Some(manager);
        let mut steps = 0;
        while let Some(p) = up {
            if p == post {
                return Err(format!(
                    "{manager_title} reports to {} on {}, so {} cannot report to it",
                    before.title,
                    PartialDate::from_day(from).human(),
                    before.title
                ));
            }
            steps += 1;
            if steps > file.posts.len() {
                break;
            }
            up = managers.get(p).copied();
        }
        if managers.get(post).copied() == Some(manager) {
            return Err(format!(
                "{} reports to {manager_title} already",
                before.title
            ));
        }
    }
    let mut after = before.clone();
    // The lines live on the day end on it; the new line runs as long as the longest of them
    // would have (one with no end outlasts any).
    let mut kept_end: Option<Option<(Day, Text<'static>)>> = None;
    let mut k = 0;
    while k < after.lines.len() {
        let line = &after.lines[k];
        let is_live = line.kind == LineKind::ReportsTo
            && live(line.start.as_deref(), line.end.as_deref(), from);
        if !is_live {
            k += 1;
            continue;
        }
        let end = (line.end.as_ref()).and_then(|e| {
            PartialDate::from_str(e)
                .ok()
                .map(|d| (d.end_bound(), e.clone()))
        });
        kept_end = Some(match (kept_end.take(), end) {
            (None, end) => end,
            (Some(None), _) | (Some(_), None) => None,
            (Some(Some(a)), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
        });
        // A line whose start is not over by the day (it starts then, or some day of a
        // period that includes it) is replaced; one that started before ends that day.
        let started_before = (line.start.as_deref())
            .is_none_or(|s| PartialDate::from_str(s).is_ok_and(|d| d.last_day() < from));
        if started_before {
            after.lines[k].end = Some(Text::from(from_text.clone()));
            k += 1;
        } else {
            after.lines.remove(k);
        }
    }
    let kept_end = kept_end.flatten().map(|(_, text)| text);
    // A solid line that starts later bounds the new one, so the post never has two managers.
    let next_start = (after.lines.iter())
        .filter(|l| l.kind == LineKind::ReportsTo)
        .filter_map(|l| l.start.as_ref())
        .filter_map(|s| {
            PartialDate::from_str(s)
                .ok()
                .map(|d| (d.first_day(), s.clone()))
        })
        .filter(|(d, _)| *d > from)
        .min_by_key(|(d, _)| *d)
        .map(|(_, text)| text);
    let kept_end = kept_end.or(next_start);
    let label = match manager {
        Some(manager) => {
            let title = post_title(file, manager)?;
            after.lines.push(LineFile {
                to: Text::from(manager.to_owned()),
                kind: LineKind::ReportsTo,
                start: Some(Text::from(from_text)),
                end: kept_end,
                certainty: Certainty::Reported,
                sources: Vec::new(),
                note: None,
            });
            format!(
                "make {} report to {title} from {}",
                before.title,
                PartialDate::from_day(from).human()
            )
        }
        None => format!(
            "end {}'s reporting line on {}",
            before.title,
            PartialDate::from_day(from).human()
        ),
    };
    if after == before {
        return Err(format!("{} reports to no one on that day", before.title));
    }
    let change = Change {
        list: List::Posts,
        index,
        before: Some(Item::Post(before)),
        after: Some(Item::Post(after)),
    };
    Ok(Step::new(label, vec![change]))
}
