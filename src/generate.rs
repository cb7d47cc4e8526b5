//! Synthetic charts of any size, with realistic depth, fan-out, dated tenures, vacancies,
//! acting holders and secondary lines, for benchmarks and property tests.

use crate::date::{Day, PartialDate, Precision};
use crate::io::format::{
    ChartFile, EventFile, EventKind, FORMAT_VERSION, LineFile, OrganisationFile, ParentFile,
    PeriodFile, PersonFile, PostFile, SourceFile, TenureFile, Text,
};
use crate::model::{Certainty, LineKind};

/// A small, fast, seedable generator (SplitMix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Alex",
    "Sam",
    "Priya",
    "Tom",
    "Aisha",
    "Mei",
    "Jonah",
    "Fatima",
    "Oliver",
    "Grace",
    "Ravi",
    "Chloe",
    "Daniel",
    "Sofia",
    "Kwame",
    "Hannah",
    "Luca",
    "Zara",
    "Ewan",
    "Nadia",
    "Rosalind",
    "Bartholomew",
];
const LAST: &[&str] = &[
    "Morgan",
    "Patel",
    "Okafor",
    "Smith",
    "Nguyen",
    "Williams",
    "Khan",
    "Evans",
    "Murphy",
    "Chen",
    "Jones",
    "Taylor",
    "Hughes",
    "Ahmed",
    "Kowalski",
    "Fitzgerald-Harrington",
    "Li",
    "Osei",
];
const ROLES: &[&str] = &[
    "Director",
    "Deputy Director",
    "Head",
    "Chief Officer",
    "Lead",
    "Programme Director",
    "Senior Manager",
    "Principal Adviser",
];
const AREAS: &[&str] = &[
    "Data",
    "Digital Services",
    "Architecture",
    "Cyber Security",
    "Clinical Informatics",
    "Procurement",
    "Workforce",
    "Finance",
    "Strategy",
    "Interoperability",
    "Analytics",
    "Patient Records",
    "Infrastructure and Cloud Platforms",
    "Policy",
];

/// The first and last day generated tenures span.
const START: (i32, u8, u8) = (2008, 1, 1);
const END: (i32, u8, u8) = (2024, 1, 1);

fn day(ymd: (i32, u8, u8)) -> Day {
    Day::from_civil(ymd.0, ymd.1, ymd.2)
}

/// A date for `d` at a random precision (mostly months, as real sources give them).
fn date_text(rng: &mut Rng, d: Day) -> Text<'static> {
    let precision = match rng.below(100) {
        0..=4 => Precision::Year,
        5..=69 => Precision::Month,
        _ => Precision::Day,
    };
    PartialDate::from_day(d)
        .truncate(precision)
        .to_string()
        .into()
}

fn fact_sources(rng: &mut Rng, sources: usize) -> Vec<Text<'static>> {
    vec![format!("s{}", rng.below(sources as u64) + 1).into()]
}

struct Builder {
    rng: Rng,
    file: ChartFile<'static>,
    /// Per post: its organisation index and the day it was created.
    post_org: Vec<usize>,
    post_start: Vec<Day>,
    sources: usize,
}

/// A chart with `posts` posts, the same for the same seed.
///
/// Posts form a tree of realistic depth (fan-out of 2 to 8, with a few wide levels of up to
/// 40), grouped into organisations of a few hundred posts; each post has dated tenures with
/// vacancies and acting holders; some posts are created late or abolished; about one in
/// twelve has a dashed accountability line as well as its line manager.
pub fn generate(posts: usize, seed: u64) -> ChartFile<'static> {
    let sources = 12;
    let mut b = Builder {
        rng: Rng::new(seed),
        file: ChartFile {
            version: FORMAT_VERSION,
            title: format!("Generated chart: {posts} posts (seed {seed})").into(),
            description: Some("A synthetic chart made by govchart generate.".into()),
            covers: Some(PeriodFile {
                from: "2008".into(),
                to: "2023-12".into(),
            }),
            default_date: Some("2019-06-20".into()),
            view: None,
            sources: (1..=sources)
                .map(|i| SourceFile {
                    id: format!("s{i}").into(),
                    publisher: "govchart generate".into(),
                    title: format!("Synthetic source {i}").into(),
                    date: None,
                    url: None,
                })
                .collect(),
            organisations: Vec::new(),
            posts: Vec::with_capacity(posts),
            people: Vec::with_capacity(posts * 2),
            events: Vec::new(),
        },
        post_org: Vec::with_capacity(posts),
        post_start: Vec::with_capacity(posts),
        sources,
    };
    b.add_org(None);
    b.posts(posts);
    b.tenures();
    b.file
}

impl Builder {
    fn add_org(&mut self, parent: Option<usize>) -> usize {
        let i = self.file.organisations.len();
        let parents = parent
            .map(|p| ParentFile {
                org: format!("o{p}").into(),
                start: None,
                end: None,
                certainty: Certainty::Confirmed,
                sources: fact_sources(&mut self.rng, self.sources),
            })
            .into_iter()
            .collect();
        self.file.organisations.push(OrganisationFile {
            id: format!("o{i}").into(),
            name: format!("{} Agency {i}", self.rng.pick(AREAS)).into(),
            short: Some(format!("A{i}").into()),
            kind: None,
            founded: Some("2000".into()),
            dissolved: None,
            parents,
            certainty: Certainty::Confirmed,
            sources: fact_sources(&mut self.rng, self.sources),
            note: None,
        });
        i
    }

    fn posts(&mut self, count: usize) {
        let start = day(START);
        // Breadth first: each post in turn takes its children until there are enough.
        let mut next_parent = 0usize;
        let mut children_left = 0usize;
        for i in 0..count {
            let parent = if i == 0 {
                None
            } else {
                while children_left == 0 {
                    next_parent += usize::from(i > 1);
                    children_left = if self.rng.chance(3) {
                        self.rng.between(15, 40) as usize
                    } else {
                        self.rng.between(2, 8) as usize
                    };
                }
                children_left -= 1;
                Some(next_parent.min(i - 1))
            };
            let (org, created) = match parent {
                None => (0, None),
                Some(p) => {
                    let org = if self.rng.chance(1) {
                        self.add_org(Some(self.post_org[p]))
                    } else {
                        self.post_org[p]
                    };
                    let late = self.rng.chance(20);
                    let created = late.then(|| {
                        let from = self.post_start[p].0.max(start.0);
                        Day(self
                            .rng
                            .between(i64::from(from), i64::from(day((2016, 1, 1)).0))
                            as i32)
                    });
                    (org, created)
                }
            };
            let created_day = created.unwrap_or(start);
            self.post_org.push(org);
            self.post_start.push(created_day);
            let created_text: Option<Text<'static>> = created.map(|d| {
                PartialDate::from_day(d)
                    .truncate(Precision::Month)
                    .to_string()
                    .into()
            });
            let mut lines = Vec::new();
            if let Some(p) = parent {
                lines.push(LineFile {
                    to: format!("p{p}").into(),
                    kind: LineKind::ReportsTo,
                    start: created_text.clone(),
                    end: None,
                    certainty: Certainty::Confirmed,
                    sources: fact_sources(&mut self.rng, self.sources),
                    note: None,
                });
                if self.rng.chance(8) {
                    let other = self.rng.below(i as u64) as usize;
                    lines.push(LineFile {
                        to: format!("p{other}").into(),
                        kind: LineKind::AccountableTo,
                        start: created_text.clone(),
                        end: None,
                        certainty: Certainty::Reported,
                        sources: fact_sources(&mut self.rng, self.sources),
                        note: None,
                    });
                }
            }
            let title = format!("{} of {}", self.rng.pick(ROLES), self.rng.pick(AREAS));
            self.file.posts.push(PostFile {
                id: format!("p{i}").into(),
                title: title.into(),
                organisation: format!("o{org}").into(),
                moves: Vec::new(),
                created: created_text,
                abolished: None,
                followed_from: None,
                followed_until: None,
                seats: None,
                lines,
                details: Vec::new(),
                staff: Vec::new(),
                sources: Vec::new(),
                note: None,
            });
        }
    }

    fn tenures(&mut self) {
        let end = day(END);
        // People who left a post, and from when they are free to take another.
        let mut free: Vec<(usize, Day)> = Vec::new();
        for i in 0..self.file.posts.len() {
            // Created dates were written at month precision: start tenures after that month.
            let created = self.file.posts[i]
                .created
                .as_deref()
                .and_then(|c| c.parse::<PartialDate>().ok());
            let mut at = created.map_or(self.post_start[i], |c| c.end_bound());
            at = Day(at.0 + self.rng.between(0, 2200) as i32);
            while at < end {
                let until = Day(at.0 + self.rng.between(900, 3300) as i32);
                let open = until >= end;
                let tenure = self.tenure(i, at, (!open).then_some(until));
                let mover = if self.rng.chance(25) && !free.is_empty() {
                    let k = self.rng.below(free.len() as u64) as usize;
                    (free[k].1 <= at).then(|| free.swap_remove(k).0)
                } else {
                    None
                };
                let person = mover.unwrap_or_else(|| self.new_person());
                if self.rng.chance(2) {
                    self.appointment(person, i, &tenure.start);
                }
                self.file.people[person].tenures.push(tenure);
                if open {
                    break;
                }
                free.push((person, until));
                let gap = if self.rng.chance(30) {
                    self.rng.between(30, 365)
                } else {
                    0
                };
                at = Day(until.0 + gap as i32 + 1);
            }
        }
    }

    fn tenure(&mut self, post: usize, start: Day, end: Option<Day>) -> TenureFile<'static> {
        TenureFile {
            post: format!("p{post}").into(),
            start: date_text(&mut self.rng, start),
            start_unknown: false,
            in_post: None,
            end: end.map(|d| date_text(&mut self.rng, d)),
            acting: self.rng.chance(8),
            end_cause: (end.is_some() && self.rng.chance(30)).then(|| "moved on".into()),
            certainty: if self.rng.chance(85) {
                Certainty::Confirmed
            } else {
                Certainty::Reported
            },
            end_certainty: None,
            sources: fact_sources(&mut self.rng, self.sources),
            note: None,
        }
    }

    fn new_person(&mut self) -> usize {
        let i = self.file.people.len();
        let name = format!("{} {}", self.rng.pick(FIRST), self.rng.pick(LAST));
        self.file.people.push(PersonFile {
            id: format!("h{i}").into(),
            name: name.into(),
            note: None,
            tenures: Vec::new(),
        });
        i
    }

    fn appointment(&mut self, person: usize, post: usize, date: &str) {
        let name = &self.file.people[person].name;
        let event = EventFile {
            id: format!("e{}", self.file.events.len()).into(),
            date: date.to_owned().into(),
            title: format!("{name} appointed").into(),
            kind: EventKind::Appointment,
            milestone: false,
            certainty: Certainty::Confirmed,
            people: vec![format!("h{person}").into()],
            posts: vec![format!("p{post}").into()],
            organisations: Vec::new(),
            sources: fact_sources(&mut self.rng, self.sources),
            note: None,
        };
        self.file.events.push(event);
    }
}

/// The chart as RON with one item per line: compact, still readable, quick to write.
pub fn to_compact_ron(file: &ChartFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("  ")
        .struct_names(false)
        .depth_limit(2)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut text = ron::Options::default().to_string_pretty(file, config)?;
    text.push('\n');
    Ok(text)
}

/// A generated chart, loaded as a file of it would be: for tests.
#[cfg(test)]
pub(crate) fn chart(posts: usize, seed: u64) -> crate::model::Chart {
    let text = to_compact_ron(&generate(posts, seed)).unwrap_or_default();
    crate::io::load_str(&text, std::path::Path::new("generated.ron"))
        .map(|l| l.chart)
        .unwrap_or_else(|e| panic!("{e}"))
}
