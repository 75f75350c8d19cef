//! Name interning for lowering: a million statements mention their names two million
//! times, so a lookup must touch as little memory as possible. Names live back to back in
//! one arena; each table slot carries the name's place in the arena and part of its hash,
//! so a hit costs the control byte, the slot and the bytes compared, nothing more.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

#[derive(Clone, Copy)]
struct Slot {
    start: u32,
    len: u32,
    id: u32,
    hash: u32,
}

#[derive(Default)]
pub struct Interner {
    table: HashTable<Slot>,
    arena: String,
    count: u32,
    hasher: FxBuildHasher,
}

impl Interner {
    /// The id of `name` (ids count up from 0 in first-seen order), and whether it was new.
    pub fn intern(&mut self, name: &str) -> (u32, bool) {
        let hash = self.hasher.hash_one(name);
        let arena = &self.arena;
        let found = self.table.find(hash, |s| {
            s.hash == hash as u32
                && s.len as usize == name.len()
                && &arena[s.start as usize..(s.start + s.len) as usize] == name
        });
        if let Some(s) = found {
            return (s.id, false);
        }
        let slot = Slot {
            start: self.arena.len() as u32,
            len: name.len() as u32,
            id: self.count,
            hash: hash as u32,
        };
        self.arena.push_str(name);
        self.count += 1;
        let (arena, hasher) = (&self.arena, &self.hasher);
        self.table.insert_unique(hash, slot, |s| {
            hasher.hash_one(&arena[s.start as usize..(s.start + s.len) as usize])
        });
        (slot.id, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_once() {
        let mut i = Interner::default();
        assert_eq!(i.intern("IL-1β"), (0, true));
        assert_eq!(i.intern("PKNOX1"), (1, true));
        assert_eq!(i.intern("IL-1β"), (0, false));
        for n in 0..10_000 {
            i.intern(&format!("g{n}"));
        }
        assert_eq!(i.intern("g9999"), (10_001, false));
        assert_eq!(i.intern("PKNOX1"), (1, false));
    }
}
