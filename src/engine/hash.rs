//! A fast, seedless hasher for integer keys.
//!
//! Used only for lookups, never iterated into results, so output does not depend on it.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Hashes one `u64` with the murmur3 finaliser; other writes are folded in.
#[derive(Default, Clone, Copy)]
pub(crate) struct U64Hasher(u64);

impl Hasher for U64Hasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, i: u64) {
        let mut x = self.0 ^ i;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^= x >> 33;
        self.0 = x;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by a packed `subject << 32 | object` pair.
pub(crate) type PairMap<V> = HashMap<u64, V, BuildHasherDefault<U64Hasher>>;

pub(crate) fn pair(subject: u32, object: u32) -> u64 {
    (u64::from(subject) << 32) | u64::from(object)
}
