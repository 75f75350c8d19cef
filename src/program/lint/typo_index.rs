//! Which names may be a typo of one another, without comparing all pairs: an index of
//! the few names used once (the queries) and their deletion neighbourhoods, which every
//! other name is streamed past.
//!
//! Two keys one insertion or deletion apart meet where the longer lacks a character:
//! at the shorter key itself; two apart, where the longer lacks two. Two neighbours
//! swapped meet where each lacks one of them. So a query is indexed with its deletions by
//! how many characters they lack, and a name looks its own up only where a typo could
//! meet: itself among the queries' deletions, its deletions among the queries themselves
//! and (for a swap) among their single deletions. A short key, where only a swap counts,
//! meets by its letters in sorted order.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

/// Below this length only a swap of two adjacent characters counts.
pub(super) const SWAP_ONLY_BELOW: usize = 8;

/// The queries' neighbourhoods, by how many characters each variant lacks.
pub(super) struct TypoIndex {
    lacking: [Table; 3],
    /// The lengths of the queries (capped at 63): a name more than two characters longer
    /// or shorter than every query meets none.
    lengths: [bool; 64],
}

impl TypoIndex {
    /// Index the queries' keys, each with deletions down to its depth (1 or 2).
    pub fn new<'k>(queries: impl IntoIterator<Item = (&'k [char], usize)>) -> TypoIndex {
        let mut entries: [Vec<(u64, u32)>; 3] = Default::default();
        let mut lengths = [false; 64];
        let mut variants = Vec::new();
        for (q, (key, depth)) in queries.into_iter().enumerate() {
            let q = q as u32;
            lengths[key.len().min(63)] = true;
            if key.len() < SWAP_ONLY_BELOW {
                entries[0].push((sorted_letters(key), q));
                continue;
            }
            deletions(key, depth, &mut variants);
            let n = key.len();
            for (k, &h) in variants.iter().enumerate() {
                let lacking = match k {
                    0 => 0,
                    k if k <= n => 1,
                    _ => 2,
                };
                entries[lacking].push((h, q));
            }
        }
        TypoIndex {
            lacking: entries.map(Table::new),
            lengths,
        }
    }

    /// Call `found` with every query that may be a typo of `key` (a name with deletions
    /// down to `depth`), and with a few that are not (hashes collide): the caller decides.
    /// `scratch` is reused between calls.
    pub fn near(
        &self,
        key: &[char],
        depth: usize,
        scratch: &mut Vec<u64>,
        mut found: impl FnMut(u32),
    ) {
        let n = key.len();
        let query_of = |len: usize| self.lengths[len.min(63)];
        if !(n.saturating_sub(2)..=n + 2).any(query_of) {
            return;
        }
        if n < SWAP_ONLY_BELOW {
            self.lacking[0].find(sorted_letters(key), &mut found);
            return;
        }
        // Only where a query of the right length may wait: the deletions of two
        // characters, a hundred for a long name, are made only for a query two shorter.
        let longer = query_of(n + 1) || query_of(n + 2);
        let one_fewer = query_of(n - 1) || query_of(n);
        let two_fewer = depth >= 2 && query_of(n - 2);
        let depth = if two_fewer { 2 } else { usize::from(one_fewer) };
        deletions(key, depth, scratch);
        let [none, one, two] = &self.lacking;
        for (k, &h) in scratch.iter().enumerate() {
            match k {
                // The key itself: a query one or two characters longer.
                0 if longer => {
                    one.find(h, &mut found);
                    two.find(h, &mut found);
                }
                0 => {}
                // The key lacking one: a query one shorter, or the same length swapped.
                k if k <= n => {
                    if one_fewer {
                        none.find(h, &mut found);
                        one.find(h, &mut found);
                    }
                }
                // The key lacking two: a query two shorter.
                _ => none.find(h, &mut found),
            }
        }
    }
}

/// Hashes and the queries they came from, sorted, behind a filter of a bit per hash.
struct Table {
    entries: Vec<(u64, u32)>,
    /// Eight bits per entry: almost every hash that meets no query costs one read of a
    /// small table, not a binary search.
    filter: Vec<u64>,
    mask: usize,
}

impl Table {
    fn new(mut entries: Vec<(u64, u32)>) -> Table {
        entries.sort_unstable();
        entries.dedup();
        let bits = (entries.len() * 8).next_power_of_two().max(1 << 12);
        let mut filter = vec![0u64; bits / 64];
        for &(h, _) in &entries {
            let b = h as usize & (bits - 1);
            filter[b / 64] |= 1 << (b % 64);
        }
        Table {
            entries,
            filter,
            mask: bits - 1,
        }
    }

    fn find(&self, h: u64, found: &mut impl FnMut(u32)) {
        let b = h as usize & self.mask;
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return;
        }
        let start = self.entries.partition_point(|&(x, _)| x < h);
        for &(_, q) in self.entries[start..].iter().take_while(|(x, _)| *x == h) {
            found(q);
        }
    }
}

/// A short key's letters in sorted order, hashed: a swap of two neighbours keeps it.
fn sorted_letters(key: &[char]) -> u64 {
    let mut sorted = [char::MAX; SWAP_ONLY_BELOW];
    sorted[..key.len()].copy_from_slice(key);
    sorted.sort_unstable();
    FxBuildHasher.hash_one((1u8, sorted))
}

/// Hashes of `key` itself, then with each character deleted, then (`depth` 2) with each
/// two deleted, in that order; a repeated character gives a hash twice, which costs a
/// lookup, not a result.
///
/// A polynomial hash of the prefixes gives each deletion's hash in a few operations, so
/// a key of `n` characters costs `n²/2` multiplications rather than `n²/2` copies of
/// itself to hash: long quoted names (`p(HGNC:TNFRSF11B)`) have a hundred neighbours.
fn deletions(key: &[char], depth: usize, out: &mut Vec<u64>) {
    // An odd base is invertible modulo 2⁶⁴: removing a character divides the tail by it.
    const BASE: u64 = 0x9E37_79B9_7F4A_7C15;
    const INVERSE: u64 = inverse(BASE);
    out.clear();
    let n = key.len();
    // prefix[k]: the hash of key[..k], each character weighted by BASE to its position.
    let mut prefix = Vec::with_capacity(n + 1);
    let (mut sum, mut power) = (0u64, 1u64);
    prefix.push(sum);
    for &c in key {
        sum = sum.wrapping_add((u64::from(c) + 1).wrapping_mul(power));
        prefix.push(sum);
        power = power.wrapping_mul(BASE);
    }
    let all = prefix[n];
    // The part after position `a`, moved down one place: the hash of what follows a
    // deleted character.
    let after = |a: usize| all.wrapping_sub(prefix[a + 1]).wrapping_mul(INVERSE);
    out.push(finish(all, n));
    if depth >= 1 {
        for (a, &before) in prefix[..n].iter().enumerate() {
            out.push(finish(before.wrapping_add(after(a)), n - 1));
        }
    }
    if depth >= 2 {
        for a in 0..n {
            for b in a + 1..n {
                let middle = prefix[b].wrapping_sub(prefix[a + 1]).wrapping_mul(INVERSE);
                let tail = after(b).wrapping_mul(INVERSE);
                out.push(finish(
                    prefix[a].wrapping_add(middle).wrapping_add(tail),
                    n - 2,
                ));
            }
        }
    }
}

/// The multiplicative inverse of an odd number modulo 2⁶⁴ (Newton's iteration: each step
/// doubles the correct low bits).
const fn inverse(odd: u64) -> u64 {
    let mut x = odd;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(odd.wrapping_mul(x)));
        i += 1;
    }
    x
}

/// A hash with its key's length mixed in and its bits spread (the filter reads the low
/// ones).
fn finish(hash: u64, len: usize) -> u64 {
    let h = (hash ^ (len as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93))
        .wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deletion's hash is the hash of the key with those characters gone.
    #[test]
    fn a_deletion_hashes_as_the_shorter_key() {
        let key: Vec<char> = "p(hgnc:tnfrsf11b)".chars().collect();
        let (mut all, mut one) = (Vec::new(), Vec::new());
        deletions(&key, 2, &mut all);
        assert_eq!(all.len(), 1 + key.len() + key.len() * (key.len() - 1) / 2);
        for a in 0..key.len() {
            for b in a..key.len() {
                let mut short = key.clone();
                short.remove(b);
                if a != b {
                    short.remove(a);
                }
                deletions(&short, 0, &mut one);
                let at = if a == b {
                    1 + a
                } else {
                    1 + key.len() + (0..a).map(|x| key.len() - 1 - x).sum::<usize>() + (b - a - 1)
                };
                assert_eq!(all[at], one[0], "{a} {b}");
            }
        }
    }

    #[test]
    fn the_inverse_inverts() {
        for odd in [1u64, 3, 0x9E37_79B9_7F4A_7C15, u64::MAX] {
            assert_eq!(odd.wrapping_mul(inverse(odd)), 1);
        }
    }
}
