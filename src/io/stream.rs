//! Feeds a chart file to a [`Builder`] item by item as serde parses it, so a large file
//! never exists twice in memory.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::io::build::{Builder, Header, ViewHeader};
use crate::io::format::{
    EventFile, OrganisationFile, PeriodFile, PersonFile, PostFile, SourceFile, Text, ViewFile,
};

const FIELDS: &[&str] = &[
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

#[derive(Clone, Copy, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
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

/// One item of one of the chart's lists, as the file holds it.
#[derive(Debug)]
pub(crate) enum Item<'a> {
    Source(SourceFile<'a>),
    Organisation(OrganisationFile<'a>),
    Post(PostFile<'a>),
    Person(PersonFile<'a>),
    Event(EventFile<'a>),
}

/// Where parsed items go: straight into a builder, or to a builder on another thread.
pub(crate) trait Sink<'de> {
    /// Takes the next item, in file order.
    fn item(&mut self, item: Item<'de>);
}

impl<'de> Sink<'de> for Builder {
    fn item(&mut self, item: Item<'de>) {
        self.add(item);
    }
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
            let index = field as usize;
            if std::mem::replace(&mut seen[index], true) {
                return Err(de::Error::duplicate_field(FIELDS[index]));
            }
            let sink = &mut *self.sink;
            match field {
                Field::Version => header.version = Some(map.next_value()?),
                Field::Title => header.title = Some(map.next_value::<Text<'de>>()?.into_owned()),
                Field::Description => {
                    header.description =
                        map.next_value::<Option<Text<'de>>>()?.map(Text::into_owned);
                }
                Field::Covers => {
                    let covers = map.next_value::<Option<PeriodFile<'de>>>()?;
                    header.covers = covers.map(|c| (c.from.into_owned(), c.to.into_owned()));
                }
                Field::DefaultDate => {
                    header.default_date =
                        map.next_value::<Option<Text<'de>>>()?.map(Text::into_owned);
                }
                Field::View => {
                    header.view = map
                        .next_value::<Option<ViewFile<'de>>>()?
                        .map(ViewHeader::from);
                }
                Field::Sources => map.next_value_seed(Items::new(sink, Item::Source))?,
                Field::Organisations => {
                    map.next_value_seed(Items::new(sink, Item::Organisation))?
                }
                Field::Posts => map.next_value_seed(Items::new(sink, Item::Post))?,
                Field::People => map.next_value_seed(Items::new(sink, Item::Person))?,
                Field::Events => map.next_value_seed(Items::new(sink, Item::Event))?,
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
