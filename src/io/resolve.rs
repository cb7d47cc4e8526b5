//! Turns a chart file into a chart: parses every date, resolves every id, and collects every
//! problem with the path of the item it is about.

use rustc_hash::FxHashMap;

use crate::date::PartialDate;
use crate::io::format::{self, ChartFile, FORMAT_VERSION};
use crate::io::problem::Problem;
use crate::model::{
    Chart, ChartInfo, ChartParts, Entity, Event, EventId, EventKind, Fact, Line, Location, OrgId,
    Organisation, ParentLink, Person, PersonId, Post, PostId, PostMove, Source, SourceId, Tenure,
};

/// The chart, if it had no errors, and every problem found.
pub(crate) struct Resolved {
    pub chart: Option<Chart>,
    pub problems: Vec<Problem>,
}

/// What kind of thing an id must name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Org,
    Post,
    Person,
    Source,
}

impl Want {
    fn noun(self) -> &'static str {
        match self {
            Want::Org => "organisation",
            Want::Post => "post",
            Want::Person => "person",
            Want::Source => "source",
        }
    }
}

fn noun_of(entity: Entity) -> &'static str {
    match entity {
        Entity::Org(_) => "an organisation",
        Entity::Post(_) => "a post",
        Entity::Person(_) => "a person",
        Entity::Event(_) => "an event",
        Entity::Source(_) => "a source",
    }
}

/// Where an item is in the file; turned into a path only when there is a problem to report.
#[derive(Clone, Copy, Debug)]
enum At {
    Source(usize),
    Org(usize),
    Parent(usize, usize),
    Post(usize),
    Move(usize, usize),
    Line(usize, usize),
    Tenure(usize, usize),
    Event(usize),
}

impl At {
    fn path(self) -> String {
        match self {
            At::Source(i) => format!("sources[{i}]"),
            At::Org(i) => format!("organisations[{i}]"),
            At::Parent(i, k) => format!("organisations[{i}].parents[{k}]"),
            At::Post(i) => format!("posts[{i}]"),
            At::Move(i, k) => format!("posts[{i}].moves[{k}]"),
            At::Line(i, k) => format!("posts[{i}].lines[{k}]"),
            At::Tenure(i, k) => format!("people[{i}].tenures[{k}]"),
            At::Event(i) => format!("events[{i}]"),
        }
    }

    fn field(self, name: &str) -> String {
        format!("{}.{name}", self.path())
    }

    fn of(entity: Entity) -> String {
        match entity {
            Entity::Source(s) => At::Source(s.index()).path(),
            Entity::Org(o) => At::Org(o.index()).path(),
            Entity::Post(p) => At::Post(p.index()).path(),
            Entity::Person(p) => format!("people[{}]", p.index()),
            Entity::Event(e) => At::Event(e.index()).path(),
        }
    }
}

struct Resolver<'f> {
    ids: FxHashMap<&'f str, Entity>,
    cited: Vec<bool>,
    problems: Vec<Problem>,
}

/// Validates a parsed file and, when it has no errors, builds the chart and runs the
/// time-dependent checks on it.
pub(crate) fn resolve(file: &ChartFile) -> Resolved {
    let mut r = Resolver {
        ids: FxHashMap::default(),
        cited: vec![false; file.sources.len()],
        problems: Vec::new(),
    };
    if file.version != FORMAT_VERSION {
        r.problems.push(Problem::error(
            "version",
            format!(
                "this is a version {} chart; this govchart reads version {FORMAT_VERSION}",
                file.version
            ),
        ));
        return Resolved {
            chart: None,
            problems: r.problems,
        };
    }
    r.register_ids(file);
    let info = r.info(file);
    let parts = ChartParts {
        sources: r.sources(file),
        organisations: r.organisations(file),
        posts: Vec::new(),
        people: Vec::new(),
        tenures: Vec::new(),
        lines: Vec::new(),
        events: Vec::new(),
    };
    let parts = r.posts(file, parts);
    let parts = r.people(file, parts);
    let mut parts = r.events(file, parts);
    for (i, cited) in r.cited.iter().enumerate() {
        if !cited {
            r.problems.push(Problem::warning(
                format!("sources[{i}]"),
                format!("source \"{}\" is never cited", file.sources[i].id),
            ));
        }
    }
    if r.problems.iter().any(Problem::is_error) {
        return Resolved {
            chart: None,
            problems: r.problems,
        };
    }
    parts.sources.shrink_to_fit();
    let clock = std::time::Instant::now();
    let chart = Chart::new(info, parts);
    log::info!("built the graph in {:?}", clock.elapsed());
    let clock = std::time::Instant::now();
    let findings = crate::model::check(&chart);
    log::info!("checked seats, lines, cycles and lifetimes in {:?}", clock.elapsed());
    let mut problems = r.problems;
    for finding in findings {
        let problem = Problem {
            severity: finding.severity,
            path: path_of(&chart, finding.at),
            position: None,
            message: finding.message,
        };
        problems.push(problem);
    }
    let chart = (!problems.iter().any(Problem::is_error)).then_some(chart);
    Resolved { chart, problems }
}

/// The path in the file of the item a finding is about.
fn path_of(chart: &Chart, at: Location) -> String {
    match at {
        Location::Org(o) => format!("organisations[{}]", o.0),
        Location::Post(p) => format!("posts[{}]", p.0),
        Location::Event(e) => format!("events[{}]", e.0),
        Location::Line(l) => {
            let from = chart.line(l).from;
            let start = chart.post(from).lines.start;
            format!("posts[{}].lines[{}]", from.0, l.0 - start)
        }
        Location::Tenure(t) => {
            let person = chart.tenure(t).person;
            let start = chart.person(person).tenures.start;
            format!("people[{}].tenures[{}]", person.0, t.0 - start)
        }
    }
}

impl<'f> Resolver<'f> {
    fn error(&mut self, path: String, message: String) {
        self.problems.push(Problem::error(path, message));
    }

    fn register(&mut self, id: &'f str, entity: Entity) {
        if id.trim().is_empty() {
            self.error(format!("{}.id", At::of(entity)), "an id must not be empty".into());
            return;
        }
        if let Some(&first) = self.ids.get(id) {
            let message = format!("duplicate id \"{id}\": {} has it already", At::of(first));
            self.error(format!("{}.id", At::of(entity)), message);
            return;
        }
        self.ids.insert(id, entity);
    }

    fn register_ids(&mut self, file: &'f ChartFile) {
        let total = file.sources.len()
            + file.organisations.len()
            + file.posts.len()
            + file.people.len()
            + file.events.len();
        self.ids.reserve(total);
        for (i, s) in file.sources.iter().enumerate() {
            self.register(&s.id, Entity::Source(SourceId(i as u32)));
        }
        for (i, o) in file.organisations.iter().enumerate() {
            self.register(&o.id, Entity::Org(OrgId(i as u32)));
        }
        for (i, p) in file.posts.iter().enumerate() {
            self.register(&p.id, Entity::Post(PostId(i as u32)));
        }
        for (i, p) in file.people.iter().enumerate() {
            self.register(&p.id, Entity::Person(PersonId(i as u32)));
        }
        for (i, e) in file.events.iter().enumerate() {
            self.register(&e.id, Entity::Event(EventId(i as u32)));
        }
    }

    /// Resolves a reference; records an error naming the item and the missing id.
    fn lookup(&mut self, id: &str, want: Want, path: impl FnOnce() -> String) -> Option<Entity> {
        match self.ids.get(id) {
            Some(&entity) => {
                let ok = matches!(
                    (want, entity),
                    (Want::Org, Entity::Org(_))
                        | (Want::Post, Entity::Post(_))
                        | (Want::Person, Entity::Person(_))
                        | (Want::Source, Entity::Source(_))
                );
                if ok {
                    return Some(entity);
                }
                let message = format!(
                    "\"{id}\" is {}, but {} {} is wanted here",
                    noun_of(entity),
                    article(want.noun()),
                    want.noun()
                );
                self.error(path(), message);
                None
            }
            None => {
                let message = format!("unknown {} \"{id}\"", want.noun());
                self.error(path(), message);
                None
            }
        }
    }

    fn org(&mut self, id: &str, path: impl FnOnce() -> String) -> OrgId {
        match self.lookup(id, Want::Org, path) {
            Some(Entity::Org(o)) => o,
            _ => OrgId(0),
        }
    }

    fn post(&mut self, id: &str, path: impl FnOnce() -> String) -> PostId {
        match self.lookup(id, Want::Post, path) {
            Some(Entity::Post(p)) => p,
            _ => PostId(0),
        }
    }

    fn person(&mut self, id: &str, path: impl FnOnce() -> String) -> PersonId {
        match self.lookup(id, Want::Person, path) {
            Some(Entity::Person(p)) => p,
            _ => PersonId(0),
        }
    }

    fn fact(&mut self, certainty: crate::model::Certainty, sources: &[String], at: At) -> Fact {
        Fact {
            certainty,
            sources: self.sources_of(sources, at),
        }
    }

    /// Resolves a list of source ids; warns when a fact cites none.
    fn sources_of(&mut self, ids: &[String], at: At) -> Vec<SourceId> {
        if ids.is_empty() {
            self.problems.push(Problem::warning(at.path(), "this fact cites no source".to_owned()));
        }
        let mut out = Vec::with_capacity(ids.len());
        for (k, id) in ids.iter().enumerate() {
            if let Some(Entity::Source(s)) =
                self.lookup(id, Want::Source, || at.field(&format!("sources[{k}]")))
            {
                self.cited[s.index()] = true;
                out.push(s);
            }
        }
        out
    }

    fn date(&mut self, text: &str, path: impl FnOnce() -> String) -> PartialDate {
        match text.parse::<PartialDate>() {
            Ok(date) => date,
            Err(err) => {
                self.error(path(), err.to_string());
                PartialDate::year(1970)
            }
        }
    }

    fn opt_date(&mut self, text: &Option<String>, path: impl FnOnce() -> String) -> Option<PartialDate> {
        text.as_deref().map(|t| self.date(t, path))
    }

    /// Records an error when `end` falls before `start`, or on the same day.
    fn order(
        &mut self,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
        path: impl FnOnce() -> String,
        what: impl FnOnce() -> String,
    ) {
        if let (Some(start), Some(end)) = (start, end) {
            if end.end_bound() <= start.first_day() {
                let message = format!("{} ends ({end}) before it starts ({start})", what());
                self.error(path(), message);
            }
        }
    }

    fn info(&mut self, file: &ChartFile) -> ChartInfo {
        let covers = file.covers.as_ref().map(|c| {
            let from = self.date(&c.from, || "covers.from".into());
            let to = self.date(&c.to, || "covers.to".into());
            if to < from {
                self.error("covers.to".into(), format!("the chart covers {from} to {to}, which runs backwards"));
            }
            (from, to)
        });
        ChartInfo {
            title: file.title.clone(),
            description: file.description.clone(),
            covers,
            default_date: self.opt_date(&file.default_date, || "default_date".into()),
        }
    }

    fn sources(&mut self, file: &ChartFile) -> Vec<Source> {
        let mut out = Vec::with_capacity(file.sources.len());
        for (i, s) in file.sources.iter().enumerate() {
            out.push(Source {
                key: s.id.clone(),
                publisher: s.publisher.clone(),
                title: s.title.clone(),
                date: self.opt_date(&s.date, || format!("sources[{i}].date")),
                url: s.url.clone(),
            });
        }
        out
    }

    fn organisations(&mut self, file: &ChartFile) -> Vec<Organisation> {
        let mut out = Vec::with_capacity(file.organisations.len());
        for (i, o) in file.organisations.iter().enumerate() {
            let here = At::Org(i);
            let founded = self.opt_date(&o.founded, || here.field("founded"));
            let dissolved = self.opt_date(&o.dissolved, || here.field("dissolved"));
            self.order(founded, dissolved, || here.field("dissolved"), || format!("organisation \"{}\"", o.id));
            let parents = self.parents(&o.parents, i);
            out.push(Organisation {
                key: o.id.clone(),
                name: o.name.clone(),
                short: o.short.clone(),
                kind: o.kind.clone(),
                founded,
                dissolved,
                parents,
                fact: self.fact(o.certainty, &o.sources, here),
                note: o.note.clone(),
            });
        }
        out
    }

    fn parents(&mut self, links: &[format::ParentFile], own: usize) -> Vec<ParentLink> {
        let mut out = Vec::with_capacity(links.len());
        for (k, p) in links.iter().enumerate() {
            let path = At::Parent(own, k);
            let org = self.org(&p.org, || path.field("org"));
            if org.index() == own && self.ids.contains_key(p.org.as_str()) {
                self.error(path.field("org"), format!("organisation \"{}\" cannot be its own parent", p.org));
            }
            let start = self.opt_date(&p.start, || path.field("start"));
            let end = self.opt_date(&p.end, || path.field("end"));
            self.order(start, end, || path.field("end"), || "this parent link".into());
            out.push(ParentLink {
                org,
                start,
                end,
                fact: self.fact(p.certainty, &p.sources, path),
            });
        }
        out
    }

    fn posts(&mut self, file: &ChartFile, mut parts: ChartParts) -> ChartParts {
        parts.posts.reserve_exact(file.posts.len());
        parts.lines.reserve_exact(file.posts.iter().map(|p| p.lines.len()).sum());
        for (i, p) in file.posts.iter().enumerate() {
            let here = At::Post(i);
            let organisation = self.org(&p.organisation, || here.field("organisation"));
            let created = self.opt_date(&p.created, || here.field("created"));
            let abolished = self.opt_date(&p.abolished, || here.field("abolished"));
            self.order(created, abolished, || here.field("abolished"), || format!("post \"{}\"", p.id));
            let moves = self.moves(&p.moves, i);
            if p.seats == Some(0) {
                self.error(here.field("seats"), "a post needs at least one seat".into());
            }
            let first_line = parts.lines.len() as u32;
            for (k, l) in p.lines.iter().enumerate() {
                let line = self.line(l, PostId(i as u32), At::Line(i, k));
                parts.lines.push(line);
            }
            let sources = if p.sources.is_empty() {
                Vec::new()
            } else {
                self.sources_of(&p.sources, here)
            };
            parts.posts.push(Post {
                key: p.id.clone(),
                title: p.title.clone(),
                organisation,
                moves,
                created,
                abolished,
                seats: p.seats.unwrap_or(1),
                lines: first_line..parts.lines.len() as u32,
                sources,
                note: p.note.clone(),
            });
        }
        parts
    }

    fn moves(&mut self, moves: &[format::MoveFile], post: usize) -> Vec<PostMove> {
        let mut out: Vec<PostMove> = Vec::with_capacity(moves.len());
        for (k, m) in moves.iter().enumerate() {
            let path = At::Move(post, k);
            let date = self.date(&m.date, || path.field("date"));
            if out.last().is_some_and(|prev| prev.date > date) {
                self.error(path.field("date"), "moves must be listed in date order".into());
            }
            out.push(PostMove {
                date,
                to: self.org(&m.to, || path.field("to")),
                fact: self.fact(m.certainty, &m.sources, path),
            });
        }
        out
    }

    fn line(&mut self, l: &format::LineFile, from: PostId, path: At) -> Line {
        let to = self.post(&l.to, || path.field("to"));
        let start = self.opt_date(&l.start, || path.field("start"));
        let end = self.opt_date(&l.end, || path.field("end"));
        self.order(start, end, || path.field("end"), || "this line".into());
        Line {
            from,
            to,
            kind: l.kind,
            start,
            end,
            fact: self.fact(l.certainty, &l.sources, path),
            note: l.note.clone(),
        }
    }

    fn people(&mut self, file: &ChartFile, mut parts: ChartParts) -> ChartParts {
        parts.people.reserve_exact(file.people.len());
        parts.tenures.reserve_exact(file.people.iter().map(|p| p.tenures.len()).sum());
        for (i, p) in file.people.iter().enumerate() {
            let first = parts.tenures.len() as u32;
            for (k, t) in p.tenures.iter().enumerate() {
                let path = At::Tenure(i, k);
                let tenure = self.tenure(t, PersonId(i as u32), path, &p.name);
                parts.tenures.push(tenure);
            }
            parts.people.push(Person {
                key: p.id.clone(),
                name: p.name.clone(),
                note: p.note.clone(),
                tenures: first..parts.tenures.len() as u32,
            });
        }
        parts
    }

    fn tenure(&mut self, t: &format::TenureFile, person: PersonId, path: At, name: &str) -> Tenure {
        let post = self.post(&t.post, || path.field("post"));
        let start = self.date(&t.start, || path.field("start"));
        let end = self.opt_date(&t.end, || path.field("end"));
        self.order(Some(start), end, || path.field("end"), || format!("{name}'s tenure of \"{}\"", t.post));
        Tenure {
            person,
            post,
            start,
            end,
            acting: t.acting,
            end_cause: t.end_cause.clone(),
            fact: self.fact(t.certainty, &t.sources, path),
            end_certainty: t.end_certainty,
            note: t.note.clone(),
        }
    }

    fn events(&mut self, file: &ChartFile, mut parts: ChartParts) -> ChartParts {
        parts.events.reserve_exact(file.events.len());
        for (i, e) in file.events.iter().enumerate() {
            let here = At::Event(i);
            let date = self.date(&e.date, || here.field("date"));
            let kind = match &e.kind {
                format::EventKind::Announcement => EventKind::Announcement,
                format::EventKind::Appointment => EventKind::Appointment,
                format::EventKind::Departure => EventKind::Departure,
                format::EventKind::Restructure => EventKind::Restructure,
                format::EventKind::Merger { into, absorbed } => EventKind::Merger {
                    into: self.org(into, || here.field("kind.into")),
                    absorbed: (absorbed.iter().enumerate())
                        .map(|(k, a)| self.org(a, || here.field(&format!("kind.absorbed[{k}]"))))
                        .collect(),
                },
            };
            let people = (e.people.iter().enumerate())
                .map(|(k, p)| self.person(p, || here.field(&format!("people[{k}]"))))
                .collect();
            let posts = (e.posts.iter().enumerate())
                .map(|(k, p)| self.post(p, || here.field(&format!("posts[{k}]"))))
                .collect();
            let organisations = (e.organisations.iter().enumerate())
                .map(|(k, o)| self.org(o, || here.field(&format!("organisations[{k}]"))))
                .collect();
            parts.events.push(Event {
                key: e.id.clone(),
                date,
                title: e.title.clone(),
                kind,
                milestone: e.milestone,
                fact: self.fact(e.certainty, &e.sources, here),
                people,
                posts,
                organisations,
                note: e.note.clone(),
            });
        }
        parts
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
