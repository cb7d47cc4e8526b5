//! Readable ids stored once each in one text arena, with a lookup from text to a small
//! number and to what the id names. Used while a chart file is read, when references may
//! name ids not defined yet.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::model::Entity;

/// A set of id strings, each with a number (its symbol) and, once defined, the thing it names.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    arena: String,
    /// Per symbol: where its text ends in the arena (it starts where the previous one ends).
    ends: Vec<u32>,
    defs: Vec<Option<Entity>>,
    table: HashTable<u32>,
}

/// The hash every id lookup uses.
pub fn hash_id(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

impl Interner {
    /// An empty interner with room for `ids` ids of `bytes` bytes in all.
    pub fn with_capacity(ids: usize, bytes: usize) -> Self {
        Interner {
            arena: String::with_capacity(bytes),
            ends: Vec::with_capacity(ids),
            defs: Vec::with_capacity(ids),
            table: HashTable::with_capacity(ids),
        }
    }

    /// The symbol of `text`, adding it if it is new.
    pub fn intern(&mut self, text: &str) -> u32 {
        let h = hash_id(text);
        if let Some(&sym) = self.table.find(h, |&s| self.text(s) == text) {
            return sym;
        }
        let sym = self.ends.len() as u32;
        self.arena.push_str(text);
        self.ends.push(self.arena.len() as u32);
        self.defs.push(None);
        let (arena, ends) = (&self.arena, &self.ends);
        self.table
            .insert_unique(h, sym, |&s| hash_id(slice(arena, ends, s)));
        sym
    }

    /// The symbol of `text`, if it was ever interned.
    pub fn get(&self, text: &str) -> Option<u32> {
        self.table
            .find(hash_id(text), |&s| self.text(s) == text)
            .copied()
    }

    /// The text of a symbol.
    pub fn text(&self, sym: u32) -> &str {
        slice(&self.arena, &self.ends, sym)
    }

    /// What a symbol names, if it was defined.
    pub fn def(&self, sym: u32) -> Option<Entity> {
        self.defs[sym as usize]
    }

    /// Records what a symbol names; returns what it named before, if anything.
    pub fn define(&mut self, sym: u32, entity: Entity) -> Option<Entity> {
        self.defs[sym as usize].replace(entity)
    }
}

fn slice<'a>(arena: &'a str, ends: &[u32], sym: u32) -> &'a str {
    let end = ends[sym as usize] as usize;
    let start = sym
        .checked_sub(1)
        .map_or(0, |prev| ends[prev as usize] as usize);
    &arena[start..end]
}
