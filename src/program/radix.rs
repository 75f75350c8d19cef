//! Sorts on integer keys.
//!
//! Duplicate merging and the lints order a million statements by (subject, object,
//! relation). With the statement's position packed below the key, one word per statement,
//! the words are sorted by their top digit and then in cache ([`sort_words`]); a network
//! too big to pack sorts its keys and positions the same way, each bucket's packed into
//! words while it is sorted ([`sort_by_key`]).

/// Sort `words`, every one below 2^`bits`. One pass deals them by their top bits into
/// a couple of thousand buckets, small enough that each is then sorted in cache: one
/// scattering pass over memory instead of a least-significant-digit sort's three, whose
/// 4096 write fronts each miss the TLB (a million 56-bit words: 28–33 → 20–23 ms).
pub fn sort_words(words: &mut Vec<u64>, bits: u32) {
    if words.len() < SMALL || bits == 0 {
        words.sort_unstable();
        return;
    }
    by_top(words, bits, |&w| w, |bucket| bucket.sort_unstable());
}

/// Sort `items` by `key`, every key below 2^`bits`, keeping the order of equal keys:
/// dealt by the key's top bits as [`sort_words`] deals, then each bucket's keys, less
/// their top bits, packed above their place in the bucket and sorted as words.
pub fn sort_by_key<T: Copy + Default + Send + Sync>(
    items: &mut Vec<T>,
    bits: u32,
    key: impl Fn(&T) -> u64 + Sync,
) {
    debug_assert!(bits <= 64);
    if items.len() < 2 || bits == 0 {
        return;
    }
    let top = bits.min(TOP_DIGIT);
    let (rest, place) = (bits - top, bits_for(items.len() as u64));
    if items.len() < SMALL || rest + place > 64 {
        items.sort_by_key(&key);
        return;
    }
    let low = u64::MAX.checked_shr(64 - rest).unwrap_or(0);
    by_top(items, bits, &key, |bucket| {
        let mut words: Vec<u64> = bucket
            .iter()
            .enumerate()
            .map(|(i, t)| ((key(t) & low) << place) | i as u64)
            .collect();
        words.sort_unstable();
        let unsorted = bucket.to_vec();
        let at = u64::MAX.checked_shr(64 - place).unwrap_or(0);
        for (slot, w) in bucket.iter_mut().zip(&words) {
            *slot = unsorted[(w & at) as usize];
        }
    });
}

/// Deal `items` by the top [`TOP_DIGIT`] bits of `key` (below 2^`bits`) into buckets in
/// order, in one pass, keeping their order inside a bucket; then sort each bucket with
/// `sort`, past [`TWO_CORES`] items half of them on another core.
fn by_top<T: Copy + Default + Send>(
    items: &mut Vec<T>,
    bits: u32,
    key: impl Fn(&T) -> u64,
    sort: impl Fn(&mut [T]) + Sync,
) {
    let shift = bits - bits.min(TOP_DIGIT);
    let bucket = |t: &T| (key(t) >> shift) as usize;
    let mut starts = vec![0usize; (1 << bits.min(TOP_DIGIT)) + 1];
    for t in items.iter() {
        starts[bucket(t) + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts.clone();
    let mut dealt = vec![T::default(); items.len()];
    for t in items.iter() {
        let b = bucket(t);
        dealt[next[b]] = *t;
        next[b] += 1;
    }
    let sort_all = |dealt: &mut [T], starts: &[usize]| {
        let first = starts[0];
        for b in starts.windows(2) {
            sort(&mut dealt[b[0] - first..b[1] - first]);
        }
    };
    if items.len() < TWO_CORES {
        sort_all(&mut dealt, &starts);
    } else {
        let middle = starts.partition_point(|&s| s < items.len() / 2);
        let (low, high) = dealt.split_at_mut(starts[middle]);
        crate::threads::both(
            || sort_all(low, &starts[..=middle]),
            || sort_all(high, &starts[middle..]),
        );
    }
    *items = dealt;
}

/// From this many items [`by_top`] sorts its buckets on two cores: a thread costs
/// tens of microseconds, sorting a quarter million words a few milliseconds.
const TWO_CORES: usize = 1 << 18;

/// The top digit of [`by_top`]: 2048 buckets of about 500 words for a million.
const TOP_DIGIT: u32 = 11;

/// Below this many items the sorts here sort them in one go: they fit in cache.
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
            keys in proptest::collection::vec(any::<u64>(), 0..20_000),
            bits in 1u32..=64,
        ) {
            // Half the keys few and repeated, half spread: ties inside buckets and
            // buckets of every size, past the size where buckets are dealt.
            let mask = mask(bits);
            let n = keys.len();
            let mut items: Vec<(u64, usize)> =
                keys.iter().enumerate().map(|(i, &k)| ((k % 7) & mask, i)).collect();
            items.extend(keys.iter().enumerate().map(|(i, &k)| (k & mask, n + i)));
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
