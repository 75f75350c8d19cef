//! Name interning for lowering: a million statements mention their names two million
//! times, so a lookup must touch as little memory as possible. Each table slot carries
//! part of the name's hash and its length, and a name of up to 8 bytes (most gene and
//! protein symbols) is kept in the slot itself, so a hit on it costs one slot; longer
//! names live back to back in one arena and are compared there.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

/// Names this long or shorter are kept in their slot.
const INLINE: usize = 8;

/// `Slot::id` of a slot that holds no name.
const EMPTY: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Slot {
    /// The name's bytes, zero-padded, when it is short; else its arena start (low half)
    /// and length (high half).
    data: u64,
    id: u32,
    /// 24 bits of the hash (not those that choose the slot) and the length (capped at
    /// 255) in the high 8: one compare rejects almost every other name before any byte
    /// is read.
    tag: u32,
}

const VACANT: Slot = Slot {
    data: 0,
    id: EMPTY,
    tag: 0,
};

fn tag(hash: u64, len: usize) -> u32 {
    ((hash >> 40) as u32 & 0x00FF_FFFF) | ((len.min(255) as u32) << 24)
}

/// A short name as its slot holds it.
fn packed(name: &[u8]) -> u64 {
    let mut b = [0u8; INLINE];
    b[..name.len()].copy_from_slice(name);
    u64::from_le_bytes(b)
}

impl Slot {
    fn is_inline(&self) -> bool {
        (self.tag >> 24) as usize <= INLINE
    }

    /// The long name's place in the arena.
    fn range(&self) -> std::ops::Range<usize> {
        let start = (self.data & 0xFFFF_FFFF) as usize;
        start..start + (self.data >> 32) as usize
    }
}

/// Byte equality without a library call for names of up to 16 bytes (most quoted BEL
/// names): two overlapping 8-byte reads from each side.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    if !(INLINE..=2 * INLINE).contains(&n) {
        return a == b;
    }
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; INLINE];
        w.copy_from_slice(&s[at..at + INLINE]);
        u64::from_ne_bytes(w)
    };
    word(a, 0) == word(b, 0) && word(a, n - INLINE) == word(b, n - INLINE)
}

/// An open-addressing table with linear probing: the tag sits in the slot, so a lookup
/// reads one place in memory (a separate control array, as in a general-purpose table,
/// would be a second cache miss per name once the table outgrows the caches).
pub struct Interner {
    /// A power of two in length, at most half full.
    slots: Vec<Slot>,
    arena: Vec<u8>,
    count: u32,
    hasher: FxBuildHasher,
}

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            slots: vec![VACANT; 1 << 10],
            arena: Vec::new(),
            count: 0,
            hasher: FxBuildHasher,
        }
    }
}

impl Interner {
    /// The id of `name` (ids count up from 0 in first-seen order), and whether it was new.
    pub fn intern(&mut self, name: &str) -> (u32, bool) {
        if (self.count as usize + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let name = name.as_bytes();
        let hash = self.hasher.hash_one(name);
        let want = tag(hash, name.len());
        let mask = self.slots.len() - 1;
        let short = (name.len() <= INLINE).then(|| packed(name));
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.id == EMPTY {
                break;
            }
            if s.tag == want {
                let hit = match short {
                    Some(data) => s.data == data,
                    None => self
                        .arena
                        .get(s.range())
                        .is_some_and(|stored| same(stored, name)),
                };
                if hit {
                    return (s.id, false);
                }
            }
            i = (i + 1) & mask;
        }
        let data = short.unwrap_or_else(|| {
            let start = self.arena.len() as u64;
            self.arena.extend_from_slice(name);
            start | ((name.len() as u64) << 32)
        });
        let id = self.count;
        self.slots[i] = Slot {
            data,
            id,
            tag: want,
        };
        self.count += 1;
        (id, true)
    }

    /// Start loading the slot where the search for `name` begins, so that interning it a
    /// few lines later finds that slot in cache. Once the table outgrows the caches, a
    /// lookup is a miss to main memory; hinting the names of the lines ahead overlaps
    /// those misses with the work on the lines before them. Only a hint: it changes
    /// nothing, and a slot moved by a later growth is merely a wasted hint.
    #[inline]
    pub fn prefetch(&self, name: &str) {
        let hash = self.hasher.hash_one(name.as_bytes());
        crate::prefetch::prefetch(&self.slots[hash as usize & (self.slots.len() - 1)]);
    }

    /// Double the table and put every name back.
    fn grow(&mut self) {
        let doubled = vec![VACANT; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.id != EMPTY) {
            let hash = if s.is_inline() {
                let bytes = s.data.to_le_bytes();
                self.hasher.hash_one(&bytes[..(s.tag >> 24) as usize])
            } else {
                self.hasher.hash_one(&self.arena[s.range()])
            };
            let mut i = hash as usize & mask;
            while self.slots[i].id != EMPTY {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_sees_every_byte() {
        for n in 0..40 {
            let a: Vec<u8> = (0..n as u8).map(|b| b'a' + b % 26).collect();
            assert!(same(&a, &a.clone()));
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 1;
                assert!(!same(&a, &b), "{n} bytes, differing at {at}");
            }
            assert!(!same(&a, &a[..n.saturating_sub(1)]) || n == 0);
        }
    }

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
        // Short and long, with a shared prefix, and a long name growing the table.
        assert_eq!(i.intern("12345678"), (10_002, true));
        assert_eq!(i.intern("123456789"), (10_003, true));
        assert_eq!(i.intern("1234567"), (10_004, true));
        assert_eq!(i.intern("123456789"), (10_003, false));
        assert_eq!(i.intern(""), (10_005, true));
        assert_eq!(i.intern(""), (10_005, false));
        let long = "p".repeat(300);
        assert_eq!(i.intern(&long), (10_006, true));
        for n in 0..20_000 {
            i.intern(&format!("a-much-longer-name-{n}"));
        }
        assert_eq!(i.intern(&long), (10_006, false));
        assert_eq!(i.intern("12345678"), (10_002, false));
        assert_eq!(i.intern("IL-1β"), (0, false));
    }
}
