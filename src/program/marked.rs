//! A set of positions that also tells how many of its members come before a position.
//!
//! Duplicate merging drops a few statements out of a million and renumbers the rest,
//! reading each statement's new number in pair order, which is random in position
//! order. A table of new numbers is 4 MiB read at random; this set is 16 bytes per 64
//! positions (256 KiB for a million), which stays in cache: each question is one read.

/// Positions `0..len`, some marked: marking is one bit, and the counts wait for
/// [`Marked::ranked`], so marking many costs no more than marking few.
#[derive(Debug, Clone)]
pub struct Marked {
    bits: Vec<u64>,
}

impl Marked {
    /// `len` positions, none marked.
    pub fn new(len: usize) -> Self {
        Marked {
            bits: vec![0; len.div_ceil(64)],
        }
    }

    /// Mark position `i`, which must be below `len`.
    #[inline]
    pub fn mark(&mut self, i: usize) {
        self.bits[i / 64] |= 1 << (i % 64);
    }

    /// Whether position `i` is marked.
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        self.bits[i / 64] >> (i % 64) & 1 == 1
    }

    /// The marks, counted.
    pub fn ranked(self) -> Ranked {
        let mut before = 0;
        let blocks = self
            .bits
            .into_iter()
            .map(|bits| {
                let block = (bits, before);
                before += bits.count_ones();
                block
            })
            .collect();
        Ranked { blocks }
    }
}

/// Marked positions, and how many come before each position.
#[derive(Debug, Clone)]
pub struct Ranked {
    /// Per 64 positions: which are marked, and how many are marked before them.
    blocks: Vec<(u64, u32)>,
}

impl Ranked {
    /// Whether position `i` is marked.
    #[inline]
    pub fn contains(&self, i: usize) -> bool {
        self.blocks[i / 64].0 >> (i % 64) & 1 == 1
    }

    /// How many marked positions come before `i`.
    #[inline]
    pub fn marked_before(&self, i: usize) -> usize {
        let (bits, before) = self.blocks[i / 64];
        before as usize + (bits & ((1u64 << (i % 64)) - 1)).count_ones() as usize
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The set answers as a list of booleans does, before and after counting.
        #[test]
        fn agrees_with_a_list(
            len in 0usize..400,
            picks in proptest::collection::vec(any::<usize>(), 0..60),
        ) {
            let marks: Vec<usize> =
                picks.iter().filter(|_| len > 0).map(|p| p % len.max(1)).collect();
            let mut want = vec![false; len];
            let mut set = Marked::new(len);
            for &i in &marks {
                want[i] = true;
                set.mark(i);
            }
            for (i, &w) in want.iter().enumerate() {
                prop_assert_eq!(set.contains(i), w);
            }
            let ranked = set.ranked();
            for (i, &w) in want.iter().enumerate() {
                prop_assert_eq!(ranked.contains(i), w);
                let before = want[..i].iter().filter(|&&m| m).count();
                prop_assert_eq!(ranked.marked_before(i), before);
            }
        }
    }
}
