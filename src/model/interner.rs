//! Readable ids stored once each, with a lookup from text to a small number and to what the
//! id names.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::model::Entity;

/// A set of id strings, each with a number (its symbol) and, once defined, the thing it names.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    texts: Vec<Box<str>>,
    defs: Vec<Option<Entity>>,
    table: HashTable<u32>,
}

fn hash(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

impl Interner {
    /// An empty interner with room for `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        Interner {
            texts: Vec::with_capacity(n),
            defs: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
        }
    }

    /// The symbol of `text`, adding it if it is new.
    pub fn intern(&mut self, text: &str) -> u32 {
        let h = hash(text);
        if let Some(&sym) = self.table.find(h, |&s| &*self.texts[s as usize] == text) {
            return sym;
        }
        let sym = self.texts.len() as u32;
        self.texts.push(text.into());
        self.defs.push(None);
        let texts = &self.texts;
        self.table.insert_unique(h, sym, |&s| hash(&texts[s as usize]));
        sym
    }

    /// The symbol of `text`, if it was ever interned.
    pub fn get(&self, text: &str) -> Option<u32> {
        self.table.find(hash(text), |&s| &*self.texts[s as usize] == text).copied()
    }

    /// The text of a symbol.
    pub fn text(&self, sym: u32) -> &str {
        &self.texts[sym as usize]
    }

    /// What a symbol names, if it was defined.
    pub fn def(&self, sym: u32) -> Option<Entity> {
        self.defs[sym as usize]
    }

    /// Records what a symbol names; returns what it named before, if anything.
    pub fn define(&mut self, sym: u32, entity: Entity) -> Option<Entity> {
        self.defs[sym as usize].replace(entity)
    }

    /// What an id names.
    pub fn find(&self, text: &str) -> Option<Entity> {
        self.get(text).and_then(|sym| self.def(sym))
    }
}
