//! Feeds a chart file to a [`Builder`] item by item as serde parses it, so a large file
//! never exists twice in memory.

use std::fmt;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::io::build::{Builder, Header, ViewHeader};
use crate::io::format::{
    EventFile, OrganisationFile, PeriodFile, PersonFile, PostFile, SourceFile, Text, ViewFile,
};

pub(crate) const FIELDS: &[&str] = &[
    "version",
    "title",
    "description",
    "covers",
    "default_date",
    "view",
    "sources",
    "organisations",
    "posts",
    "people",
    "events",
];

/// A top-level field of a chart file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
pub(crate) enum Field {
    Version,
    Title,
    Description,
    Covers,
    DefaultDate,
    View,
    Sources,
    Organisations,
    Posts,
    People,
    Events,
}

impl Field {
    /// Its place in [`FIELDS`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether it holds one of the chart's lists rather than a header value.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Field::Sources | Field::Organisations | Field::Posts | Field::People | Field::Events
        )
    }
}

/// Where header values come from: serde's map of the whole file, or a piece of its text.
pub(crate) trait Values<'de> {
    /// What goes wrong.
    type Error;

    /// The next value, as a `T`.
    fn next<T: Deserialize<'de>>(&mut self) -> Result<T, Self::Error>;
}

/// serde's map access, as [`Values`].
struct Map<'a, A>(&'a mut A);

impl<'de, A: MapAccess<'de>> Values<'de> for Map<'_, A> {
    type Error = A::Error;

    fn next<T: Deserialize<'de>>(&mut self) -> Result<T, A::Error> {
        self.0.next_value()
    }
}

/// Reads the value of a header field (any field but the lists) into `header`.
pub(crate) fn header_field<'de, V: Values<'de>>(
    header: &mut Header,
    field: Field,
    values: &mut V,
) -> Result<(), V::Error> {
    match field {
        Field::Version => header.version = Some(values.next()?),
        Field::Title => header.title = Some(values.next::<Text<'de>>()?.into_owned()),
        Field::Description => {
            header.description = values.next::<Option<Text<'de>>>()?.map(Text::into_owned);
        }
        Field::Covers => {
            let covers = values.next::<Option<PeriodFile<'de>>>()?;
            header.covers = covers.map(|c| (c.from.into_owned(), c.to.into_owned()));
        }
        Field::DefaultDate => {
            header.default_date = values.next::<Option<Text<'de>>>()?.map(Text::into_owned);
        }
        Field::View => {
            header.view = values
                .next::<Option<ViewFile<'de>>>()?
                .map(ViewHeader::from);
        }
        Field::Sources | Field::Organisations | Field::Posts | Field::People | Field::Events => {}
    }
    Ok(())
}

/// One item of one of the chart's lists, as the file holds it.
#[derive(Debug)]
pub(crate) enum Item<'a> {
    Source(Box<SourceFile<'a>>),
    Organisation(Box<OrganisationFile<'a>>),
    Post(Box<PostFile<'a>>),
    Person(PersonFile<'a>),
    Event(Box<EventFile<'a>>),
}

/// Where parsed items go: straight into a builder, or to a builder on another thread.
pub(crate) trait Sink<'de> {
    /// Takes the next item, in file order.
    fn item(&mut self, item: Item<'de>);
}

impl<'de> Sink<'de> for Builder {
    fn item(&mut self, item: Item<'de>) {
        self.add(&item);
    }
}

/// How many items the parser hands to the builder thread at a time.
const BATCH: usize = 4096;

/// Sends items to a builder on another thread, in batches (see [`beside`]).
pub(crate) struct Batches<'de> {
    batch: Vec<Item<'de>>,
    to_builder: SyncSender<Vec<Item<'de>>>,
    /// Batches the builder has emptied, to fill again rather than allocate.
    emptied: Receiver<Vec<Item<'de>>>,
}

impl<'de> Sink<'de> for Batches<'de> {
    fn item(&mut self, item: Item<'de>) {
        self.batch.push(item);
        if self.batch.len() == BATCH {
            self.flush();
        }
    }
}

impl Batches<'_> {
    fn flush(&mut self) {
        let next = (self.emptied.try_recv()).unwrap_or_else(|_| Vec::with_capacity(BATCH));
        let batch = std::mem::replace(&mut self.batch, next);
        // The builder only stops early if it panicked, which joining it reports.
        let _ = self.to_builder.send(batch);
    }

    /// Sends what is left: the builder finishes once it has built it.
    pub fn finish(mut self) {
        self.flush();
    }
}

/// Runs `parse` on this thread with the items it reads going to `builder` on another, so
/// the two overlap; gives back the builder, with every item added, and what `parse` gave.
/// `parse` may go on with other work after [`Batches::finish`] while the builder catches up.
/// `None` if the builder's thread could not start or failed (the builder is then lost).
pub(crate) fn beside<'de, R>(
    builder: Builder,
    parse: impl FnOnce(Batches<'de>) -> R,
) -> Option<(Builder, R)> {
    std::thread::scope(|scope| {
        let (to_builder, batches) = sync_channel::<Vec<Item<'de>>>(8);
        let (give_back, emptied) = sync_channel::<Vec<Item<'de>>>(8);
        let worker = std::thread::Builder::new()
            .name("chart builder".into())
            .spawn_scoped(scope, move || {
                let mut builder = builder;
                for mut batch in batches {
                    builder.add_all(&batch);
                    batch.clear();
                    // Dropped instead when the parser has enough to fill.
                    let _ = give_back.try_send(batch);
                }
                builder
            })
            .ok()?;
        let parsed = parse(Batches {
            batch: Vec::with_capacity(BATCH),
            to_builder,
            emptied,
        });
        Some((worker.join().ok()?, parsed))
    })
}

/// Deserializes a whole chart file into a sink; gives back the header fields.
pub(crate) struct ChartSeed<'s, 'de> {
    /// Where items go.
    pub sink: &'s mut dyn Sink<'de>,
}

impl<'de> DeserializeSeed<'de> for ChartSeed<'_, 'de> {
    type Value = Header;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Header, D::Error> {
        deserializer.deserialize_struct("ChartFile", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for ChartSeed<'_, 'de> {
    type Value = Header;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a govchart chart")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
        let mut header = Header::default();
        let mut seen = [false; FIELDS.len()];
        while let Some(field) = map.next_key::<Field>()? {
            let index = field.index();
            if std::mem::replace(&mut seen[index], true) {
                return Err(de::Error::duplicate_field(FIELDS[index]));
            }
            let sink = &mut *self.sink;
            match field {
                Field::Sources => {
                    map.next_value_seed(Items::new(sink, |s| Item::Source(Box::new(s))))?
                }
                Field::Organisations => {
                    map.next_value_seed(Items::new(sink, |o| Item::Organisation(Box::new(o))))?
                }
                Field::Posts => {
                    map.next_value_seed(Items::new(sink, |p| Item::Post(Box::new(p))))?
                }
                Field::People => map.next_value_seed(Items::new(sink, Item::Person))?,
                Field::Events => {
                    map.next_value_seed(Items::new(sink, |e| Item::Event(Box::new(e))))?
                }
                _ => header_field(&mut header, field, &mut Map(&mut map))?,
            }
        }
        if header.version.is_none() {
            return Err(de::Error::missing_field("version"));
        }
        if header.title.is_none() {
            return Err(de::Error::missing_field("title"));
        }
        Ok(header)
    }
}

/// A list whose items go to the sink one at a time.
struct Items<'s, 'de, T> {
    sink: &'s mut dyn Sink<'de>,
    wrap: fn(T) -> Item<'de>,
}

impl<'s, 'de, T> Items<'s, 'de, T> {
    fn new(sink: &'s mut dyn Sink<'de>, wrap: fn(T) -> Item<'de>) -> Self {
        Items { sink, wrap }
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Items<'_, 'de, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<'_, 'de, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            self.sink.item((self.wrap)(item));
        }
        Ok(())
    }
}
