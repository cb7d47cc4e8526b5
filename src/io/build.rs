//! Builds a chart from file items as they are parsed: parses every date, interns every id,
//! then resolves every reference at the end, collecting every problem with the path of the
//! item it is about. The whole file structure is never held in memory at once.

use compact_str::CompactString;

use crate::date::PartialDate;
use crate::io::format::{self, FORMAT_VERSION, Text};
use crate::io::problem::Problem;
use crate::io::stream::Item;
use crate::model::{
    Certainty, Chart, ChartInfo, ChartParts, Cites, Detail, Entity, Event, EventId, EventKind,
    Fact, Ignore, Interner, Line, LineId, Location, OrgId, Organisation, ParentLink, Person,
    PersonId, Post, PostId, PostMove, Source, SourceId, Staff, Tenure, TenureId, TenureWords, View,
};

/// How many items [`Builder::add_all`] reads the id table for at once: enough for the reads
/// to overlap, few enough for what they read to stay in cache until the items are added.
const TOUCHED_TOGETHER: usize = 32;

/// The chart, if it had no errors, and every problem found.
pub(crate) struct Built {
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

    fn accepts(self, entity: Entity) -> bool {
        matches!(
            (self, entity),
            (Want::Org, Entity::Org(_))
                | (Want::Post, Entity::Post(_))
                | (Want::Person, Entity::Person(_))
                | (Want::Source, Entity::Source(_))
        )
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
    Detail(usize, usize),
    Staff(usize, usize),
    Person(usize),
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
            At::Detail(i, k) => format!("posts[{i}].details[{k}]"),
            At::Staff(i, k) => format!("posts[{i}].staff[{k}]"),
            At::Person(i) => format!("people[{i}]"),
            At::Tenure(i, k) => format!("people[{i}].tenures[{k}]"),
            At::Event(i) => format!("events[{i}]"),
        }
    }

    fn field(self, name: &str) -> String {
        format!("{}.{name}", self.path())
    }

    fn of(entity: Entity) -> At {
        match entity {
            Entity::Source(s) => At::Source(s.index()),
            Entity::Org(o) => At::Org(o.index()),
            Entity::Post(p) => At::Post(p.index()),
            Entity::Person(p) => At::Person(p.index()),
            Entity::Event(e) => At::Event(e.index()),
        }
    }
}

/// The top-level fields other than the lists, owned so the file text can go before the
/// chart is built.
#[derive(Debug, Default)]
pub(crate) struct Header {
    pub version: Option<u32>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub covers: Option<(String, String)>,
    pub default_date: Option<String>,
    pub view: Option<ViewHeader>,
}

/// The `view` field, owned.
#[derive(Debug, Default)]
pub(crate) struct ViewHeader {
    pub date: Option<String>,
    pub collapsed: Vec<String>,
    pub compare: Option<String>,
}

impl From<format::ViewFile<'_>> for ViewHeader {
    fn from(view: format::ViewFile<'_>) -> Self {
        ViewHeader {
            date: view.date.map(Text::into_owned),
            collapsed: view.collapsed.into_iter().map(Text::into_owned).collect(),
            compare: view.compare.map(Text::into_owned),
        }
    }
}

/// Receives file items one by one and builds the chart.
///
/// Until [`Builder::finish`], references inside the parts hold interned symbols, not
/// positions: `PostId(sym)` means "the post whose id has symbol `sym`".
pub(crate) struct Builder {
    ids: Interner,
    parts: ChartParts,
    problems: Vec<Problem>,
    /// From how many tenures the people's references are resolved on a thread of their own.
    pub people_apart_from: usize,
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Self {
        Builder {
            ids: Interner::default(),
            parts: ChartParts::default(),
            problems: Vec::new(),
            people_apart_from: PEOPLE_APART_FROM,
        }
    }

    /// An empty builder with room for what a file of `bytes` bytes typically holds (a guess
    /// from generated charts; room never touched costs no memory).
    pub fn for_text_of(bytes: usize) -> Self {
        let mut builder = Builder::new();
        builder.ids = Interner::with_capacity(bytes / 160, bytes / 20);
        let parts = &mut builder.parts;
        parts.posts.reserve(bytes / 500);
        parts.lines.reserve(bytes / 500);
        parts.people.reserve(bytes / 230);
        parts.tenures.reserve(bytes / 210);
        parts.citations.reserve(bytes / 120);
        builder
    }

    fn error(&mut self, path: String, message: String) {
        self.problems.push(Problem::error(path, message));
    }

    /// Gives an id to a new item; reports empty and duplicate ids.
    fn define(&mut self, id: &str, entity: Entity) {
        if id.trim().is_empty() {
            self.error(At::of(entity).field("id"), "an id must not be empty".into());
            return;
        }
        let sym = self.ids.intern(id);
        if let Some(first) = self.ids.define(sym, entity) {
            self.ids.define(sym, first);
            let message = format!(
                "duplicate id \"{id}\": {} has it already",
                At::of(first).path()
            );
            self.error(At::of(entity).field("id"), message);
        }
    }

    fn sym(&mut self, id: &str) -> u32 {
        self.ids.intern(id)
    }

    fn fact(&mut self, certainty: Certainty, sources: &[Text<'_>], at: At) -> Fact {
        Fact {
            certainty,
            sources: self.sources_of(sources, at),
        }
    }

    /// Interns a list of source ids into the citations; warns when a fact cites none.
    fn sources_of(&mut self, ids: &[Text<'_>], at: At) -> Cites {
        if ids.is_empty() {
            self.problems
                .push(Problem::warning(at.path(), "this fact cites no source"));
        }
        self.cites(ids)
    }

    fn cites(&mut self, ids: &[Text<'_>]) -> Cites {
        let start = self.parts.citations.len() as u32;
        for id in ids {
            let sym = self.sym(id);
            self.parts.citations.push(SourceId(sym));
        }
        Cites {
            start,
            end: self.parts.citations.len() as u32,
        }
    }

    fn date(&mut self, text: &str, path: impl FnOnce() -> String) -> PartialDate {
        text.parse::<PartialDate>().unwrap_or_else(|err| {
            self.error(path(), err.to_string());
            PartialDate::year(1970)
        })
    }

    fn opt_date(
        &mut self,
        text: &Option<Text<'_>>,
        path: impl FnOnce() -> String,
    ) -> Option<PartialDate> {
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
        if let (Some(start), Some(end)) = (start, end)
            && end.end_bound() <= start.first_day()
        {
            let message = if end == start {
                format!(
                    "{} ends on the day it starts ({start}); give the day it ended",
                    what()
                )
            } else {
                format!("{} ends ({end}) before it starts ({start})", what())
            };
            self.error(path(), message);
        }
    }

    /// Checks that someone named to a post takes it up after they are named and before
    /// their tenure ends.
    fn taking_up(
        &mut self,
        start: PartialDate,
        in_post: Option<PartialDate>,
        end: Option<PartialDate>,
        path: At,
        what: impl FnOnce() -> String,
    ) {
        let Some(in_post) = in_post else {
            return;
        };
        if in_post.first_day() < start.first_day() {
            self.error(
                path.field("in_post"),
                format!(
                    "{} is taken up ({in_post}) before it starts ({start}); `start` is when they were named",
                    what()
                ),
            );
        } else if end.is_some_and(|end| end.end_bound() <= in_post.first_day()) {
            self.error(
                path.field("in_post"),
                format!("{} ends before it is taken up ({in_post})", what()),
            );
        }
    }

    /// Adds the next items of the file, a few at a time: first the table slots of the ids
    /// they define and of the posts they refer to are read, together (see
    /// [`Interner::touch`]), then the items are added.
    pub fn add_all(&mut self, items: &[Item<'_>]) {
        for few in items.chunks(TOUCHED_TOGETHER) {
            let touched = few
                .iter()
                .fold(0u64, |sum, item| sum.wrapping_add(self.touch(item)));
            std::hint::black_box(touched);
            few.iter().for_each(|item| self.add(item));
        }
    }

    /// Reads the table slots an item's many-valued ids are looked up in (its own, and the
    /// posts its lines and tenures name); the few sources and organisations stay in cache.
    fn touch(&self, item: &Item<'_>) -> u64 {
        let ids = &self.ids;
        match item {
            Item::Source(s) => ids.touch(&s.id),
            Item::Organisation(o) => ids.touch(&o.id),
            Item::Post(p) => (p.lines.iter()).fold(ids.touch(&p.id), |sum, line| {
                sum.wrapping_add(ids.touch(&line.to))
            }),
            Item::Person(p) => (p.tenures.iter()).fold(ids.touch(&p.id), |sum, tenure| {
                sum.wrapping_add(ids.touch(&tenure.post))
            }),
            Item::Event(e) => ids.touch(&e.id),
        }
    }

    /// Adds the next item of the file.
    pub fn add(&mut self, item: &Item<'_>) {
        match item {
            Item::Source(s) => self.source(s),
            Item::Organisation(o) => self.organisation(o),
            Item::Post(p) => self.post(p),
            Item::Person(p) => self.person(p),
            Item::Event(e) => self.event(e),
        }
    }

    /// Adds a source.
    fn source(&mut self, s: &format::SourceFile<'_>) {
        let i = self.parts.sources.len();
        self.define(&s.id, Entity::Source(SourceId(i as u32)));
        let date = self.opt_date(&s.date, || At::Source(i).field("date"));
        self.parts.sources.push(Source {
            key: s.id.to_string(),
            publisher: s.publisher.to_string(),
            title: s.title.to_string(),
            date,
            url: s.url.as_deref().map(str::to_owned),
        });
    }

    /// Adds an organisation.
    fn organisation(&mut self, o: &format::OrganisationFile<'_>) {
        let i = self.parts.organisations.len();
        let here = At::Org(i);
        self.define(&o.id, Entity::Org(OrgId(i as u32)));
        let founded = self.opt_date(&o.founded, || here.field("founded"));
        let dissolved = self.opt_date(&o.dissolved, || here.field("dissolved"));
        self.order(
            founded,
            dissolved,
            || here.field("dissolved"),
            || format!("organisation \"{}\"", o.id),
        );
        let mut parents = Vec::with_capacity(o.parents.len());
        for (k, p) in o.parents.iter().enumerate() {
            let path = At::Parent(i, k);
            let start = self.opt_date(&p.start, || path.field("start"));
            let end = self.opt_date(&p.end, || path.field("end"));
            self.order(
                start,
                end,
                || path.field("end"),
                || "this parent link".into(),
            );
            parents.push(ParentLink {
                org: OrgId(self.sym(&p.org)),
                start,
                end,
                fact: self.fact(p.certainty, &p.sources, path),
            });
        }
        let fact = self.fact(o.certainty, &o.sources, here);
        self.parts.organisations.push(Organisation {
            key: o.id.to_string(),
            name: o.name.to_string(),
            short: o.short.as_deref().map(str::to_owned),
            kind: o.kind.as_deref().map(str::to_owned),
            founded,
            dissolved,
            parents,
            fact,
            note: o.note.as_deref().map(str::to_owned),
        });
    }

    /// Adds a post and its lines.
    fn post(&mut self, p: &format::PostFile<'_>) {
        let i = self.parts.posts.len();
        let here = At::Post(i);
        self.define(&p.id, Entity::Post(PostId(i as u32)));
        let created = self.opt_date(&p.created, || here.field("created"));
        let abolished = self.opt_date(&p.abolished, || here.field("abolished"));
        self.order(
            created,
            abolished,
            || here.field("abolished"),
            || format!("post \"{}\"", p.id),
        );
        let followed_from = self.opt_date(&p.followed_from, || here.field("followed_from"));
        let followed_until = self.opt_date(&p.followed_until, || here.field("followed_until"));
        self.order(
            followed_from,
            followed_until,
            || here.field("followed_until"),
            || format!("the span over which the chart follows post \"{}\"", p.id),
        );
        if p.seats == Some(0) {
            self.error(here.field("seats"), "a post needs at least one seat".into());
        }
        let mut moves: Vec<PostMove> = Vec::with_capacity(p.moves.len());
        for (k, m) in p.moves.iter().enumerate() {
            let path = At::Move(i, k);
            let date = self.date(&m.date, || path.field("date"));
            if moves.last().is_some_and(|prev| prev.date > date) {
                self.error(
                    path.field("date"),
                    "moves must be listed in date order".into(),
                );
            }
            moves.push(PostMove {
                date,
                to: OrgId(self.sym(&m.to)),
                fact: self.fact(m.certainty, &m.sources, path),
            });
        }
        let first_line = self.parts.lines.len() as u32;
        for (k, l) in p.lines.iter().enumerate() {
            let path = At::Line(i, k);
            let start = self.opt_date(&l.start, || path.field("start"));
            let end = self.opt_date(&l.end, || path.field("end"));
            self.order(start, end, || path.field("end"), || "this line".into());
            let line = Line {
                from: PostId(i as u32),
                to: PostId(self.sym(&l.to)),
                kind: l.kind,
                start,
                end,
                fact: self.fact(l.certainty, &l.sources, path),
                note: l.note.as_deref().map(Box::from),
            };
            self.parts.lines.push(line);
        }
        let first_detail = self.parts.details.len() as u32;
        for (k, d) in p.details.iter().enumerate() {
            let path = At::Detail(i, k);
            let start = self.opt_date(&d.start, || path.field("start"));
            let end = self.opt_date(&d.end, || path.field("end"));
            self.order(start, end, || path.field("end"), || "this detail".into());
            let sources = self.cites(&d.sources);
            self.parts.details.push(Detail {
                name: d.name.to_string(),
                value: d.value.to_string(),
                start,
                end,
                sources,
            });
        }
        let first_staff = self.parts.staff.len() as u32;
        for (k, c) in p.staff.iter().enumerate() {
            let path = At::Staff(i, k);
            let start = self.opt_date(&c.start, || path.field("start"));
            let end = self.opt_date(&c.end, || path.field("end"));
            self.order(
                start,
                end,
                || path.field("end"),
                || "this staff count".into(),
            );
            let sources = self.cites(&c.sources);
            self.parts.staff.push(Staff {
                count: c.count,
                start,
                end,
                sources,
            });
        }
        let sources = self.cites(&p.sources);
        let organisation = OrgId(self.sym(&p.organisation));
        self.parts.posts.push(Post {
            key: CompactString::new(&*p.id),
            title: CompactString::new(&*p.title),
            organisation,
            moves: moves.into_boxed_slice(),
            created,
            abolished,
            followed_from,
            followed_until,
            seats: p.seats.unwrap_or(1),
            lines: first_line..self.parts.lines.len() as u32,
            details: first_detail..self.parts.details.len() as u32,
            staff: first_staff..self.parts.staff.len() as u32,
            sources,
            note: p.note.as_deref().map(Box::from),
        });
    }

    /// Adds a person and their tenures.
    fn person(&mut self, p: &format::PersonFile<'_>) {
        let i = self.parts.people.len();
        self.define(&p.id, Entity::Person(PersonId(i as u32)));
        let first = self.parts.tenures.len() as u32;
        for (k, t) in p.tenures.iter().enumerate() {
            let path = At::Tenure(i, k);
            let start = self.date(&t.start, || path.field("start"));
            let in_post = self.opt_date(&t.in_post, || path.field("in_post"));
            let end = self.opt_date(&t.end, || path.field("end"));
            let name = &p.name;
            self.order(
                Some(start),
                end,
                || path.field("end"),
                || format!("{name}'s tenure of \"{}\"", t.post),
            );
            self.taking_up(start, in_post, end, path, || {
                format!("{name}'s tenure of \"{}\"", t.post)
            });
            let tenure = Tenure {
                person: PersonId(i as u32),
                post: PostId(self.sym(&t.post)),
                start,
                start_unknown: t.start_unknown,
                in_post,
                end,
                acting: t.acting,
                fact: self.fact(t.certainty, &t.sources, path),
                end_certainty: t.end_certainty,
                words: TenureWords::given(
                    t.end_cause.as_deref().map(str::to_owned),
                    t.note.as_deref().map(str::to_owned),
                ),
            };
            self.parts.tenures.push(tenure);
        }
        self.parts.people.push(Person {
            key: CompactString::new(&*p.id),
            name: CompactString::new(&*p.name),
            note: p.note.as_deref().map(Box::from),
            tenures: first..self.parts.tenures.len() as u32,
        });
    }

    /// Adds an event.
    fn event(&mut self, e: &format::EventFile<'_>) {
        let i = self.parts.events.len();
        let here = At::Event(i);
        self.define(&e.id, Entity::Event(EventId(i as u32)));
        let date = self.date(&e.date, || here.field("date"));
        let kind = match &e.kind {
            format::EventKind::Announcement => EventKind::Announcement,
            format::EventKind::Appointment => EventKind::Appointment,
            format::EventKind::Departure => EventKind::Departure,
            format::EventKind::Restructure => EventKind::Restructure,
            format::EventKind::Merger { into, absorbed } => EventKind::Merger {
                into: OrgId(self.sym(into)),
                absorbed: absorbed.iter().map(|a| OrgId(self.sym(a))).collect(),
            },
        };
        let people = e.people.iter().map(|p| PersonId(self.sym(p))).collect();
        let posts = e.posts.iter().map(|p| PostId(self.sym(p))).collect();
        let organisations = e.organisations.iter().map(|o| OrgId(self.sym(o))).collect();
        let fact = self.fact(e.certainty, &e.sources, here);
        self.parts.events.push(Event {
            key: e.id.to_string(),
            date,
            title: e.title.to_string(),
            kind,
            milestone: e.milestone,
            fact,
            people,
            posts,
            organisations,
            note: e.note.as_deref().map(str::to_owned),
        });
    }

    /// Resolves every reference, checks the chart over time, and builds it if it has no
    /// errors. When it has some, the checks still run on everything the errors leave
    /// untouched, so one load reports every problem.
    pub fn finish(mut self, mut header: Header) -> Built {
        let wrong_version = header.version.is_some_and(|v| v != FORMAT_VERSION);
        let mut view = header.view.take().map(|v| self.view(v));
        let info = self.info(header);
        let mut links = Links {
            ids: &self.ids,
            cited: vec![false; self.parts.sources.len()],
            problems: Vec::new(),
            placeholders: Placeholders {
                org: OrgId(self.parts.organisations.len() as u32),
                post: PostId(self.parts.posts.len() as u32),
                person: PersonId(self.parts.people.len() as u32),
            },
        };
        links.resolve(&mut self.parts, self.people_apart_from);
        if let Some(view) = &mut view {
            links.view(view);
        }
        let Links {
            cited, problems, ..
        } = links;
        self.problems.extend(problems);
        for (i, cited) in cited.iter().enumerate() {
            if !cited {
                let message = format!("source \"{}\" is never cited", self.parts.sources[i].key);
                self.problems
                    .push(Problem::warning(At::Source(i).path(), message));
            }
        }
        if wrong_version {
            return Built {
                chart: None,
                problems: self.problems,
            };
        }
        let has_errors = self.problems.iter().any(Problem::is_error);
        let ignore = if has_errors {
            let ignore = taint(&self.problems, &self.parts);
            add_placeholders(&mut self.parts);
            ignore
        } else {
            Ignore::default()
        };
        let info = info.unwrap_or_else(|| ChartInfo {
            title: String::new(),
            description: None,
            covers: None,
            default_date: None,
        });
        drop(self.ids);
        let clock = std::time::Instant::now();
        let mut chart = Chart::new(info, self.parts);
        chart.view = view;
        log::info!("built the graph in {:?}", clock.elapsed());
        let clock = std::time::Instant::now();
        let findings = crate::model::check(&chart, &ignore);
        log::info!(
            "checked seats, lines, cycles and lifetimes in {:?}",
            clock.elapsed()
        );
        let mut problems = self.problems;
        problems.extend(findings.into_iter().map(|finding| Problem {
            severity: finding.severity,
            path: path_of(&chart, finding.at),
            position: None,
            message: finding.message,
        }));
        let chart = (!problems.iter().any(Problem::is_error)).then_some(chart);
        Built { chart, problems }
    }

    /// Parses the view's dates and interns its post ids, for [`Links::view`] to resolve.
    fn view(&mut self, view: ViewHeader) -> View {
        let date = (view.date.as_deref()).map(|d| self.date(d, || "view.date".into()));
        let compare = (view.compare.as_deref()).map(|d| self.date(d, || "view.compare".into()));
        let collapsed = (view.collapsed.iter())
            .map(|id| PostId(self.sym(id)))
            .collect();
        View {
            date,
            collapsed,
            compare,
        }
    }

    fn info(&mut self, header: Header) -> Option<ChartInfo> {
        let Some(version) = header.version else {
            self.error(String::new(), "the chart has no `version` field".into());
            return None;
        };
        if version != FORMAT_VERSION {
            let message = format!(
                "this is a version {version} chart; this govchart reads version {FORMAT_VERSION}"
            );
            self.error("version".into(), message);
            return None;
        }
        let Some(title) = header.title else {
            self.error(String::new(), "the chart has no `title` field".into());
            return None;
        };
        let covers = header.covers.map(|(from, to)| {
            let from = self.date(&from, || "covers.from".into());
            let to = self.date(&to, || "covers.to".into());
            if to < from {
                self.error(
                    "covers.to".into(),
                    format!("the chart covers {from} to {to}, which runs backwards"),
                );
            }
            (from, to)
        });
        let default_date =
            (header.default_date.as_deref()).map(|d| self.date(d, || "default_date".into()));
        Some(ChartInfo {
            title,
            description: header.description,
            covers,
            default_date,
        })
    }
}

/// Turns symbols into positions, reporting unknown ids and ids of the wrong kind.
struct Links<'a> {
    ids: &'a Interner,
    cited: Vec<bool>,
    problems: Vec<Problem>,
    placeholders: Placeholders,
}

/// Where unresolved references point, so a chart with errors can still be checked.
#[derive(Clone, Copy)]
struct Placeholders {
    org: OrgId,
    post: PostId,
    person: PersonId,
}

impl Links<'_> {
    fn lookup(&mut self, sym: u32, want: Want, path: impl FnOnce() -> String) -> Option<Entity> {
        let id = self.ids.text(sym);
        match self.ids.def(sym) {
            Some(entity) if want.accepts(entity) => Some(entity),
            Some(entity) => {
                let noun = want.noun();
                let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                let message = format!(
                    "\"{id}\" is {}, but {article} {noun} is wanted here",
                    noun_of(entity)
                );
                self.problems.push(Problem::error(path(), message));
                None
            }
            None => {
                let message = format!("unknown {} \"{id}\"", want.noun());
                self.problems.push(Problem::error(path(), message));
                None
            }
        }
    }

    fn org(&mut self, id: &mut OrgId, path: impl FnOnce() -> String) {
        let found = self.lookup(id.0, Want::Org, path);
        *id = match found {
            Some(Entity::Org(o)) => o,
            _ => self.placeholders.org,
        };
    }

    fn post(&mut self, id: &mut PostId, path: impl FnOnce() -> String) {
        let found = self.lookup(id.0, Want::Post, path);
        *id = match found {
            Some(Entity::Post(p)) => p,
            _ => self.placeholders.post,
        };
    }

    fn person(&mut self, id: &mut PersonId, path: impl FnOnce() -> String) {
        let found = self.lookup(id.0, Want::Person, path);
        *id = match found {
            Some(Entity::Person(p)) => p,
            _ => self.placeholders.person,
        };
    }

    /// Resolves a fact's run of citations in place (an unknown source is reported; the chart
    /// is then not kept, so its entry may stay as it is).
    fn sources(&mut self, run: &mut [SourceId], at: At) {
        for (k, s) in run.iter_mut().enumerate() {
            let found = self.lookup(s.0, Want::Source, || at.field(&format!("sources[{k}]")));
            if let Some(Entity::Source(id)) = found {
                self.cited[id.index()] = true;
                *s = id;
            }
        }
    }

    /// Resolves the posts a view folds.
    fn view(&mut self, view: &mut View) {
        for (k, post) in view.collapsed.iter_mut().enumerate() {
            self.post(post, || format!("view.collapsed[{k}]"));
        }
    }

    /// Resolves every reference, in file order (orgs, posts, people, events), so that the
    /// problems are reported in that order. A large chart's people, whose tenures cite a run
    /// of citations of their own, are resolved on a second thread meanwhile.
    fn resolve(&mut self, parts: &mut ChartParts, apart_from: usize) {
        let ChartParts {
            organisations,
            posts,
            people,
            tenures,
            lines,
            events,
            citations,
            ..
        } = parts;
        let people_cite = people_citations(tenures);
        let Some(theirs) = people_cite.filter(|_| tenures.len() >= apart_from) else {
            let mut all: &mut [SourceId] = citations;
            self.organisations(organisations, &mut all);
            self.posts(posts, lines, &mut all);
            self.people(people, tenures, all, 0);
            self.events(events, &mut all);
            return;
        };
        let (before, rest) = citations.split_at_mut(theirs.start);
        let (their_citations, after) = rest.split_at_mut(theirs.len());
        let mut apart = Links {
            ids: self.ids,
            cited: vec![false; self.cited.len()],
            problems: Vec::new(),
            placeholders: self.placeholders,
        };
        let people = &*people;
        let first = theirs.start;
        let mut aside_people = || apart.people(people, tenures, their_citations, first);
        let mut at_people = 0;
        // The scope waits for the people's thread (and passes on its panic, if it had one).
        let spawned = std::thread::scope(|scope| {
            let spawned = (std::thread::Builder::new().name("people".into()))
                .spawn_scoped(scope, &mut aside_people)
                .is_ok();
            let mut split = Split {
                before,
                after,
                theirs: theirs.clone(),
            };
            self.organisations(organisations, &mut split);
            self.posts(posts, lines, &mut split);
            at_people = self.problems.len();
            self.events(events, &mut split);
            spawned
        });
        // No thread to be had: the people are resolved here, after the rest.
        if !spawned {
            aside_people();
        }
        self.problems.splice(at_people..at_people, apart.problems);
        (self.cited.iter_mut().zip(apart.cited)).for_each(|(cited, too)| *cited |= too);
    }

    fn organisations(&mut self, organisations: &mut [Organisation], runs: &mut impl Runs) {
        for (i, org) in organisations.iter_mut().enumerate() {
            self.sources(runs.run(org.fact.sources), At::Org(i));
            let own = self.ids.get(&org.key);
            for (k, link) in org.parents.iter_mut().enumerate() {
                let path = At::Parent(i, k);
                if Some(link.org.0) == own {
                    let message = format!("organisation \"{}\" cannot be its own parent", org.key);
                    self.problems
                        .push(Problem::error(path.field("org"), message));
                }
                self.org(&mut link.org, || path.field("org"));
                self.sources(runs.run(link.fact.sources), path);
            }
        }
    }

    fn posts(&mut self, posts: &mut [Post], lines: &mut [Line], runs: &mut impl Runs) {
        for (i, post) in posts.iter_mut().enumerate() {
            let here = At::Post(i);
            self.org(&mut post.organisation, || here.field("organisation"));
            for (k, mv) in post.moves.iter_mut().enumerate() {
                self.org(&mut mv.to, || At::Move(i, k).field("to"));
                self.sources(runs.run(mv.fact.sources), At::Move(i, k));
            }
            self.sources(runs.run(post.sources), here);
            let lines = &mut lines[post.lines.start as usize..post.lines.end as usize];
            for (k, line) in lines.iter_mut().enumerate() {
                self.post(&mut line.to, || At::Line(i, k).field("to"));
                self.sources(runs.run(line.fact.sources), At::Line(i, k));
            }
        }
    }

    /// Resolves the people's tenures; `citations` starts at citation `first`.
    fn people(
        &mut self,
        people: &[Person],
        tenures: &mut [Tenure],
        citations: &mut [SourceId],
        first: usize,
    ) {
        for (i, person) in people.iter().enumerate() {
            let tenures = &mut tenures[person.tenures.start as usize..person.tenures.end as usize];
            for (k, tenure) in tenures.iter_mut().enumerate() {
                self.post(&mut tenure.post, || At::Tenure(i, k).field("post"));
                let run = tenure.fact.sources.range();
                let run = &mut citations[run.start - first..run.end - first];
                self.sources(run, At::Tenure(i, k));
            }
        }
    }

    fn events(&mut self, events: &mut [Event], runs: &mut impl Runs) {
        for (i, event) in events.iter_mut().enumerate() {
            let here = At::Event(i);
            if let EventKind::Merger { into, absorbed } = &mut event.kind {
                self.org(into, || here.field("kind.into"));
                for (k, org) in absorbed.iter_mut().enumerate() {
                    self.org(org, || here.field(&format!("kind.absorbed[{k}]")));
                }
            }
            for (k, p) in event.people.iter_mut().enumerate() {
                self.person(p, || here.field(&format!("people[{k}]")));
            }
            for (k, p) in event.posts.iter_mut().enumerate() {
                self.post(p, || here.field(&format!("posts[{k}]")));
            }
            for (k, o) in event.organisations.iter_mut().enumerate() {
                self.org(o, || here.field(&format!("organisations[{k}]")));
            }
            self.sources(runs.run(event.fact.sources), here);
        }
    }
}

/// Charts with at least this many tenures have their people's references resolved on a
/// thread of their own.
const PEOPLE_APART_FROM: usize = 100_000;

/// The run of citations the people's tenures cite, when it is theirs alone: the tenures
/// cite, in order, runs that follow on from each other (as the builder writes them, people
/// being one list of the file).
fn people_citations(tenures: &[Tenure]) -> Option<std::ops::Range<usize>> {
    let first = tenures.first()?.fact.sources.start;
    let mut end = first;
    for tenure in tenures {
        if tenure.fact.sources.start != end {
            return None;
        }
        end = tenure.fact.sources.end;
    }
    Some(first as usize..end as usize)
}

/// Where a fact's run of citations is found.
trait Runs {
    /// The citations of the run.
    fn run(&mut self, cites: Cites) -> &mut [SourceId];
}

impl Runs for &mut [SourceId] {
    fn run(&mut self, cites: Cites) -> &mut [SourceId] {
        &mut self[cites.range()]
    }
}

/// The citations before and after the people's (`theirs`), while those are resolved apart;
/// every other run is wholly before or wholly after theirs.
struct Split<'c> {
    before: &'c mut [SourceId],
    after: &'c mut [SourceId],
    theirs: std::ops::Range<usize>,
}

impl Runs for Split<'_> {
    fn run(&mut self, cites: Cites) -> &mut [SourceId] {
        let run = cites.range();
        if run.is_empty() {
            &mut []
        } else if run.end <= self.theirs.start {
            &mut self.before[run]
        } else {
            let past = self.theirs.end;
            debug_assert!(run.start >= past, "a run inside the people's: {run:?}");
            &mut self.after[run.start - past..run.end - past]
        }
    }
}

/// The items that errors were reported on, for the checks to leave alone.
fn taint(problems: &[Problem], parts: &ChartParts) -> Ignore {
    let mut ignore = Ignore::default();
    for problem in problems.iter().filter(|p| p.is_error()) {
        let mut segments = problem.path.split('.');
        let (Some(head), second) = (segments.next(), segments.next()) else {
            continue;
        };
        let Some((list, i)) = indexed(head) else {
            continue;
        };
        let sub = second.and_then(indexed);
        match (list, sub) {
            ("organisations", _) => {
                ignore.orgs.insert(OrgId(i as u32));
            }
            ("posts", Some(("lines", k))) => {
                let start = parts.posts.get(i).map_or(0, |p| p.lines.start);
                ignore.lines.insert(LineId(start + k as u32));
            }
            ("posts", _) => {
                ignore.posts.insert(PostId(i as u32));
            }
            ("people", sub) => {
                let Some(person) = parts.people.get(i) else {
                    continue;
                };
                let tenures = match sub {
                    Some(("tenures", k)) => {
                        person.tenures.start + k as u32..person.tenures.start + k as u32 + 1
                    }
                    _ => person.tenures.clone(),
                };
                ignore.tenures.extend(tenures.map(TenureId));
            }
            ("events", _) => {
                ignore.events.insert(EventId(i as u32));
            }
            _ => {}
        }
    }
    ignore
}

/// `"posts[3]"` → `("posts", 3)`.
fn indexed(segment: &str) -> Option<(&str, usize)> {
    let (name, rest) = segment.split_once('[')?;
    let index = rest.strip_suffix(']')?.parse().ok()?;
    Some((name, index))
}

/// Adds the organisation, post and person that unresolved references point at: they exist
/// at all times and hold nothing, so the checks find nothing to say about them.
fn add_placeholders(parts: &mut ChartParts) {
    let fact = || Fact {
        certainty: Certainty::Reported,
        sources: Cites::default(),
    };
    parts.organisations.push(Organisation {
        key: "<unknown organisation>".into(),
        name: "<unknown organisation>".into(),
        short: None,
        kind: None,
        founded: None,
        dissolved: None,
        parents: Vec::new(),
        fact: fact(),
        note: None,
    });
    let lines = parts.lines.len() as u32;
    parts.posts.push(Post {
        key: "<unknown post>".into(),
        title: "<unknown post>".into(),
        organisation: OrgId(parts.organisations.len() as u32 - 1),
        moves: Box::default(),
        created: None,
        abolished: None,
        followed_from: None,
        followed_until: None,
        seats: u32::MAX,
        lines: lines..lines,
        details: parts.details.len() as u32..parts.details.len() as u32,
        staff: parts.staff.len() as u32..parts.staff.len() as u32,
        sources: Cites::default(),
        note: None,
    });
    let tenures = parts.tenures.len() as u32;
    parts.people.push(Person {
        key: "<unknown person>".into(),
        name: "<unknown person>".into(),
        note: None,
        tenures: tenures..tenures,
    });
}

/// The path in the file of the item a finding is about.
fn path_of(chart: &Chart, at: Location) -> String {
    match at {
        Location::Org(o) => At::Org(o.index()).path(),
        Location::Parent(o, k) => At::Parent(o.index(), k as usize).path(),
        Location::Post(p) => At::Post(p.index()).path(),
        Location::Event(e) => At::Event(e.index()).path(),
        Location::Line(l) => {
            let from = chart.line(l).from;
            let start = chart.post(from).lines.start;
            At::Line(from.index(), (l.0 - start) as usize).path()
        }
        Location::Tenure(t) => {
            let person = chart.tenure(t).person;
            let start = chart.person(person).tenures.start;
            At::Tenure(person.index(), (t.0 - start) as usize).path()
        }
    }
}
