//! Feeds a chart file to a [`Builder`] item by item as serde parses it, so a large file
//! never exists twice in memory.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::io::build::{Builder, Header};
use crate::io::format::PeriodFile;

const FIELDS: &[&str] = &[
    "version",
    "title",
    "description",
    "covers",
    "default_date",
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
    Sources,
    Organisations,
    Posts,
    People,
    Events,
}

/// Deserializes a whole chart file into a builder; gives back the header fields.
pub(crate) struct ChartSeed<'b> {
    /// Where items go.
    pub builder: &'b mut Builder,
}

impl<'de> DeserializeSeed<'de> for ChartSeed<'_> {
    type Value = Header;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Header, D::Error> {
        deserializer.deserialize_struct("ChartFile", FIELDS, self)
    }
}

impl<'de> Visitor<'de> for ChartSeed<'_> {
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
            let b = &mut *self.builder;
            match field {
                Field::Version => header.version = Some(map.next_value()?),
                Field::Title => header.title = Some(map.next_value()?),
                Field::Description => header.description = map.next_value()?,
                Field::Covers => header.covers = map.next_value::<Option<PeriodFile>>()?,
                Field::DefaultDate => header.default_date = map.next_value()?,
                Field::Sources => map.next_value_seed(Items::new(b, Builder::source))?,
                Field::Organisations => map.next_value_seed(Items::new(b, Builder::organisation))?,
                Field::Posts => map.next_value_seed(Items::new(b, Builder::post))?,
                Field::People => map.next_value_seed(Items::new(b, Builder::person))?,
                Field::Events => map.next_value_seed(Items::new(b, Builder::event))?,
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

/// A list whose items go to the builder one at a time.
struct Items<'b, T, F> {
    builder: &'b mut Builder,
    add: F,
    item: PhantomData<T>,
}

impl<'b, T, F: FnMut(&mut Builder, T)> Items<'b, T, F> {
    fn new(builder: &'b mut Builder, add: F) -> Self {
        Items {
            builder,
            add,
            item: PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(&mut Builder, T)> DeserializeSeed<'de> for Items<'_, T, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>, F: FnMut(&mut Builder, T)> Visitor<'de> for Items<'_, T, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            (self.add)(self.builder, item);
        }
        Ok(())
    }
}
