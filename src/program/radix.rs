//! Sorts on packed integer keys.
//!
//! Duplicate merging and the lints order a million statements by (subject, object,
//! relation). With the statement's position packed below the key, one word per statement,
//! the words are sorted by their top digit and then in cache ([`sort_words`]); a network
//! too big to pack takes a stable least-significant-digit radix sort of key and position
//! ([`sort_by_key`]): three or four linear passes, where a comparison sort spends about
//! twenty comparisons per statement.

/// Bits per pass of [`sort_by_key`], at most: 4096 counters (32 KiB) stay in the
/// first-level cache and as many write fronts in the second. Keys are cut into passes of
/// equal width under it, so 36-bit keys take three passes of 12 bits, not four of 11 (the
/// last for 3 bits): on a million, 32–50 → 25–35 ms.
const MAX_DIGIT: u32 = 12;

/// Sort `items` by `key`, keeping the order of equal keys; every key must fit in `bits`
/// bits (at most 64).
pub fn sort_by_key<T: Copy>(items: &mut Vec<T>, bits: u32, key: impl Fn(&T) -> u64) {
    debug_assert!(bits <= 64);
    if items.len() < 2 || bits == 0 {
        return;
    }
    let passes = bits.div_ceil(MAX_DIGIT);
    let width = bits.div_ceil(passes);
    let passes = passes as usize;
    let buckets = 1usize << width;
    let mask = (buckets - 1) as u64;
    let digit = |k: u64, pass: usize| ((k >> (pass as u32 * width)) & mask) as usize;
    // One read counts the digits of every pass.
    let mut counts = vec![0usize; passes * buckets];
    for t in items.iter() {
        let k = key(t);
        for pass in 0..passes {
            counts[pass * buckets + digit(k, pass)] += 1;
        }
    }
    let mut from = std::mem::take(items);
    let mut to = from.clone();
    for pass in 0..passes {
        let next = &mut counts[pass * buckets..(pass + 1) * buckets];
        // Every key has the same digit here: the pass would only copy.
        if next.contains(&from.len()) {
            continue;
        }
        let mut sum = 0;
        for c in next.iter_mut() {
            let n = *c;
            *c = sum;
            sum += n;
        }
        for t in &from {
            let d = digit(key(t), pass);
            to[next[d]] = *t;
            next[d] += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *items = from;
}

/// Sort `words`, every one below 2^`bits`. One pass deals them by their top bits into
/// a couple of thousand buckets, small enough that each is then sorted in cache: one
/// scattering pass over memory instead of a least-significant-digit sort's three, whose
/// 4096 write fronts each miss the TLB (a million 56-bit words: 28–33 → 20–23 ms).
pub fn sort_words(words: &mut Vec<u64>, bits: u32) {
    debug_assert!(bits <= 64);
    let top = bits.min(TOP_DIGIT);
    if words.len() < SMALL || top == 0 {
        words.sort_unstable();
        return;
    }
    let shift = bits - top;
    let bucket = |w: u64| (w >> shift) as usize;
    let mut starts = vec![0usize; (1 << top) + 1];
    for &w in words.iter() {
        starts[bucket(w) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts.clone();
    let mut dealt = vec![0u64; words.len()];
    for &w in words.iter() {
        let b = bucket(w);
        dealt[next[b]] = w;
        next[b] += 1;
    }
    // The buckets are sorted apart, so two cores take half of them each.
    let sort = |dealt: &mut [u64], starts: &[usize]| {
        let first = starts[0];
        for b in starts.windows(2) {
            dealt[b[0] - first..b[1] - first].sort_unstable();
        }
    };
    if words.len() < TWO_CORES {
        sort(&mut dealt, &starts);
    } else {
        let middle = starts.partition_point(|&s| s < words.len() / 2);
        let (low, high) = dealt.split_at_mut(starts[middle]);
        std::thread::scope(|scope| {
            let other = scope.spawn(|| sort(high, &starts[middle..]));
            sort(low, &starts[..=middle]);
            if let Err(panic) = other.join() {
                std::panic::resume_unwind(panic);
            }
        });
    }
    *words = dealt;
}

/// From this many words [`sort_words`] sorts its buckets on two cores: a thread costs
/// tens of microseconds, sorting a quarter million words a few milliseconds.
const TWO_CORES: usize = 1 << 18;

/// The top digit of [`sort_words`]: 2048 buckets of about 500 words for a million.
const TOP_DIGIT: u32 = 11;

/// Below this many words [`sort_words`] sorts them in one go: they fit in cache.
const SMALL: usize = 1 << 14;

/// The bits needed to write `max`.
pub fn bits_for(max: u64) -> u32 {
    64 - max.leading_zeros()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The keys that fit in `bits` bits.
    fn mask(bits: u32) -> u64 {
        u64::MAX.checked_shr(64 - bits).unwrap_or(0)
    }

    proptest! {
        /// The same order as a stable comparison sort, for keys of any width.
        #[test]
        fn agrees_with_a_stable_sort(
            keys in proptest::collection::vec(any::<u64>(), 0..300),
            bits in 1u32..=64,
        ) {
            let mask = mask(bits);
            let mut items: Vec<(u64, usize)> =
                keys.iter().enumerate().map(|(i, &k)| ((k % 7) & mask, i)).collect();
            items.extend(keys.iter().enumerate().map(|(i, &k)| (k & mask, 300 + i)));
            let mut want = items.clone();
            want.sort_by_key(|&(k, _)| k);
            sort_by_key(&mut items, bits, |&(k, _)| k);
            prop_assert_eq!(items, want);
        }

        /// The order of `sort_unstable`, for words of any width, in buckets big and small.
        #[test]
        fn words_sort_as_a_comparison_sort(
            words in proptest::collection::vec(any::<u64>(), 0..40_000),
            bits in 0u32..=64,
        ) {
            let mut words: Vec<u64> = words.iter().map(|&w| w & mask(bits)).collect();
            let mut want = words.clone();
            want.sort_unstable();
            sort_words(&mut words, bits);
            prop_assert_eq!(words, want);
        }
    }

    /// Past the size where two cores sort the buckets: the same order, whether the words
    /// spread over every bucket or crowd into a few (the halves then split unevenly).
    #[test]
    fn words_sort_on_two_cores_as_on_one() {
        let mut x: u64 = 5;
        let random: Vec<u64> = (0..TWO_CORES + 4097)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                x
            })
            .collect();
        for (bits, spread) in [(64, u64::MAX), (40, mask(40)), (40, mask(30)), (20, 3)] {
            let mut words: Vec<u64> = random.iter().map(|&w| w & spread & mask(bits)).collect();
            let mut want = words.clone();
            want.sort_unstable();
            sort_words(&mut words, bits);
            assert!(words == want, "{bits} bits, spread {spread:#x}");
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask(0), 0);
        assert_eq!(mask(1), 1);
        assert_eq!(mask(64), u64::MAX);
    }

    #[test]
    fn bits() {
        assert_eq!(bits_for(0), 0);
        assert_eq!(bits_for(1), 1);
        assert_eq!(bits_for(2047), 11);
        assert_eq!(bits_for(u64::MAX), 64);
    }
}
