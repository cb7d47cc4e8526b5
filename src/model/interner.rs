//! Readable ids stored once each in one text arena, with a lookup from text to a small
//! number and to what the id names. Used while a chart file is read, when references may
//! name ids not defined yet.
//!
//! A million-post chart interns millions of ids, most of them once to define them and once
//! or twice more to refer to them, in a table far larger than the processor's caches. The
//! table is therefore one array of slots probed in order, each slot holding part of its id's
//! hash beside its symbol: a lookup reads one cache line or two of the table, and looks at
//! the text only when the hashes agree.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use crate::model::Entity;

/// A set of id strings, each with a number (its symbol) and, once defined, the thing it names.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    arena: String,
    /// Per symbol: where its text ends in the arena (it starts where the previous one ends).
    ends: Vec<u32>,
    defs: Vec<Option<Entity>>,
    /// Open addressing with linear probing. A slot is [`EMPTY`], or the top half of its id's
    /// [`tag`] above its symbol plus one. An id's first slot to look in is given by its tag
    /// (see [`home`]), so the table can grow without the texts being hashed again.
    slots: Vec<u64>,
}

/// A slot that holds no id.
const EMPTY: u64 = 0;

/// The table grows before more than this many of every four slots are full.
const FULL_QUARTERS: usize = 3;

/// The hash every id lookup uses.
pub fn hash_id(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

/// The 32 bits of an id's hash that place it in the table and tell ids apart before their
/// texts are compared. The multiplication spreads every bit of the hash into the top half.
fn tag(text: &str) -> u32 {
    (hash_id(text).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
}

/// The slot a tag is looked for first in a table of `len` slots: the tag scaled to the
/// table, so that slots in order hold tags in order, and growing keeps that order.
fn home(tag: u32, len: usize) -> usize {
    ((u64::from(tag) * len as u64) >> 32) as usize
}

fn slot(tag: u32, sym: u32) -> u64 {
    (u64::from(tag) << 32) | u64::from(sym + 1)
}

fn slot_tag(slot: u64) -> u32 {
    (slot >> 32) as u32
}

fn slot_sym(slot: u64) -> u32 {
    (slot as u32).wrapping_sub(1)
}

impl Interner {
    /// An empty interner with room for `ids` ids of `bytes` bytes in all.
    pub fn with_capacity(ids: usize, bytes: usize) -> Self {
        Interner {
            arena: String::with_capacity(bytes),
            ends: Vec::with_capacity(ids),
            defs: Vec::with_capacity(ids),
            slots: written_empty(slots_for(ids)),
        }
    }

    /// The symbol of `text`, adding it if it is new.
    pub fn intern(&mut self, text: &str) -> u32 {
        if (self.ends.len() + 1) * 4 > self.slots.len() * FULL_QUARTERS {
            self.grow();
        }
        let tag = tag(text);
        match self.probe(tag, text) {
            Ok(sym) => sym,
            Err(i) => {
                let sym = self.ends.len() as u32;
                self.arena.push_str(text);
                self.ends.push(self.arena.len() as u32);
                self.defs.push(None);
                self.slots[i] = slot(tag, sym);
                sym
            }
        }
    }

    /// The symbol of `text`, whose tag is `tag`, or the empty slot where it would go (the
    /// table has one: it never fills).
    fn probe(&self, tag: u32, text: &str) -> Result<u32, usize> {
        let len = self.slots.len();
        let mut i = home(tag, len);
        loop {
            let here = self.slots[i];
            if here == EMPTY {
                return Err(i);
            }
            if slot_tag(here) == tag && self.text(slot_sym(here)) == text {
                return Ok(slot_sym(here));
            }
            i = if i + 1 == len { 0 } else { i + 1 };
        }
    }

    /// Reads the slot a lookup of `text` starts at, and gives it back: called for each of a
    /// batch of ids before they are interned, the batch's reads of the table (each most
    /// likely a miss of every cache) overlap instead of waiting in turn.
    pub fn touch(&self, text: &str) -> u64 {
        let len = self.slots.len();
        if len == 0 {
            return 0;
        }
        self.slots[home(tag(text), len)]
    }

    /// The symbol of `text`, if it was ever interned.
    pub fn get(&self, text: &str) -> Option<u32> {
        let len = self.slots.len();
        if len == 0 {
            return None;
        }
        self.probe(tag(text), text).ok()
    }

    /// The text of a symbol.
    pub fn text(&self, sym: u32) -> &str {
        let end = self.ends[sym as usize] as usize;
        let start = sym
            .checked_sub(1)
            .map_or(0, |prev| self.ends[prev as usize] as usize);
        &self.arena[start..end]
    }

    /// What a symbol names, if it was defined.
    pub fn def(&self, sym: u32) -> Option<Entity> {
        self.defs[sym as usize]
    }

    /// Records what a symbol names; returns what it named before, if anything.
    pub fn define(&mut self, sym: u32, entity: Entity) -> Option<Entity> {
        self.defs[sym as usize].replace(entity)
    }

    /// Doubles the table, placing every slot again by its tag alone.
    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(16);
        let mut slots = written_empty(len);
        for &old in self.slots.iter().filter(|&&s| s != EMPTY) {
            let mut i = home(slot_tag(old), len);
            while slots[i] != EMPTY {
                i = if i + 1 == len { 0 } else { i + 1 };
            }
            slots[i] = old;
        }
        self.slots = slots;
    }
}

/// `len` empty slots, written now. `vec![EMPTY; len]` would take fresh zeroed memory whose
/// pages the kernel maps only when first touched: `Interner::touch` reads a slot before it
/// is written, which maps a shared zero page, and the write after it then costs a second
/// fault and a flush of every core's address cache (at a million posts, about a twentieth
/// of the loading thread's time). Written at once, each page faults once, in order.
fn written_empty(len: usize) -> Vec<u64> {
    let mut slots = Vec::with_capacity(len);
    slots.resize(len, EMPTY);
    slots
}

/// Slots enough for `ids` ids with room to spare (half as many again), so that probes stay
/// short; none for none.
fn slots_for(ids: usize) -> usize {
    if ids == 0 { 0 } else { (ids + ids / 2).max(16) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostId;

    #[test]
    fn every_id_keeps_its_symbol_and_text_while_the_table_grows() {
        let mut ids = Interner::with_capacity(3, 8);
        let texts: Vec<String> = (0..5000).map(|n| format!("p{n}")).collect();
        let syms: Vec<u32> = texts.iter().map(|t| ids.intern(t)).collect();
        assert_eq!(syms, (0..5000).collect::<Vec<u32>>());
        for (n, text) in texts.iter().enumerate() {
            assert_eq!(ids.intern(text), n as u32);
            assert_eq!(ids.get(text), Some(n as u32));
            assert_eq!(ids.text(n as u32), text);
        }
        assert_eq!(ids.get("p5000"), None);
        assert_eq!(ids.get(""), None);
        assert_eq!(ids.intern(""), 5000);
        assert_eq!(ids.get(""), Some(5000));
    }

    #[test]
    fn an_empty_interner_finds_nothing_and_defines_what_it_interns() {
        let mut ids = Interner::default();
        assert_eq!(ids.get("p1"), None);
        let sym = ids.intern("p1");
        assert_eq!(ids.def(sym), None);
        assert_eq!(ids.define(sym, Entity::Post(PostId(4))), None);
        assert_eq!(
            ids.define(sym, Entity::Post(PostId(5))),
            Some(Entity::Post(PostId(4)))
        );
        assert_eq!(ids.def(sym), Some(Entity::Post(PostId(5))));
    }

    #[test]
    fn ids_whose_first_slot_is_the_last_are_found_past_the_end() {
        let mut ids = Interner::with_capacity(1, 8);
        assert_eq!(ids.slots.len(), 16);
        let last: Vec<String> = (0..)
            .map(|n| format!("id-{n}"))
            .filter(|t| home(tag(t), 16) == 15)
            .take(3)
            .collect();
        last.iter().for_each(|t| {
            ids.intern(t);
        });
        assert_eq!(
            slot_sym(ids.slots[0]),
            1,
            "the second went round to the first slot"
        );
        for (n, text) in last.iter().enumerate() {
            assert_eq!(ids.get(text), Some(n as u32));
            assert_eq!(ids.intern(text), n as u32);
        }
    }
}
