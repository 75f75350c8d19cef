//! Radix sorts on packed integer keys: a stable least-significant-digit one, and one in place.
//!
//! Duplicate merging and the lints order a million statements by (subject, object,
//! relation); as one packed key of a few dozen bits that is four linear passes, where a
//! comparison sort spends about twenty comparisons per statement.

/// Bits per pass: 2048 counters per pass stay in the first-level cache.
const DIGIT: u32 = 11;

/// Sort `items` by `key`, keeping the order of equal keys; every key must fit in `bits`
/// bits (at most 64).
pub fn sort_by_key<T: Copy>(items: &mut Vec<T>, bits: u32, key: impl Fn(&T) -> u64) {
    debug_assert!(bits <= 64);
    if items.len() < 2 || bits == 0 {
        return;
    }
    let passes = bits.div_ceil(DIGIT) as usize;
    let buckets = 1usize << DIGIT;
    let mask = (buckets - 1) as u64;
    let digit = |k: u64, pass: usize| ((k >> (pass as u32 * DIGIT)) & mask) as usize;
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

/// Sort distinct words in place, most significant digit first (an "American flag"
/// sort): no second buffer, where [`sort_by_key`] needs one as big as the input. Every
/// word must fit in `bits` bits. Stability means nothing among distinct words, so a key
/// packed above a position sorts as [`sort_by_key`] sorts it.
pub fn sort_words_in_place(words: &mut [u64], bits: u32) {
    debug_assert!(bits <= 64);
    if bits == 0 {
        return;
    }
    // The top digit holds the highest set bits; the last one the lowest eight.
    let top = (bits - 1) / 8 * 8;
    sort_words_from(words, top);
}

/// Below this many words a comparison sort is faster than another radix pass.
const SMALL: usize = 48;

fn sort_words_from(words: &mut [u64], shift: u32) {
    if words.len() <= SMALL {
        words.sort_unstable();
        return;
    }
    let digit = |w: u64| ((w >> shift) & 0xFF) as usize;
    let mut counts = [0usize; 256];
    for &w in words.iter() {
        counts[digit(w)] += 1;
    }
    let mut ends = [0usize; 256];
    let mut sum = 0;
    for (end, &count) in ends.iter_mut().zip(&counts) {
        sum += count;
        *end = sum;
    }
    // `next[d]`: the first place in bucket d not yet holding a word of digit d. Each word
    // is swapped straight into its bucket: every place is written once.
    let mut next: [usize; 256] = std::array::from_fn(|d| ends[d] - counts[d]);
    for d in 0..256 {
        while next[d] < ends[d] {
            let mut w = words[next[d]];
            let mut dw = digit(w);
            while dw != d {
                std::mem::swap(&mut w, &mut words[next[dw]]);
                next[dw] += 1;
                dw = digit(w);
            }
            words[next[d]] = w;
            next[d] += 1;
        }
    }
    if shift == 0 {
        return;
    }
    let mut start = 0;
    for &end in &ends {
        if end - start > 1 {
            sort_words_from(&mut words[start..end], shift - 8);
        }
        start = end;
    }
}

/// The bits needed to write `max`.
pub fn bits_for(max: u64) -> u32 {
    64 - max.leading_zeros()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The same order as a stable comparison sort, for keys of any width.
        #[test]
        fn agrees_with_a_stable_sort(
            keys in proptest::collection::vec(any::<u64>(), 0..300),
            bits in 1u32..=64,
        ) {
            let mask = if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
            let mut items: Vec<(u64, usize)> =
                keys.iter().enumerate().map(|(i, &k)| ((k % 7) & mask, i)).collect();
            items.extend(keys.iter().enumerate().map(|(i, &k)| (k & mask, 300 + i)));
            let mut want = items.clone();
            want.sort_by_key(|&(k, _)| k);
            sort_by_key(&mut items, bits, |&(k, _)| k);
            prop_assert_eq!(items, want);
        }

        /// In place, distinct words end in ascending order, for any width and any
        /// number of them (past the size a comparison sort takes over).
        #[test]
        fn words_in_place_agree_with_a_sort(
            keys in proptest::collection::vec(any::<u64>(), 0..3000),
            bits in 1u32..=64,
            clustered in any::<bool>(),
        ) {
            let mask = if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
            // Clustered keys share their high digits, so buckets recurse deeply.
            let mut words: Vec<u64> = keys
                .iter()
                .map(|&k| if clustered { (k % 5) << bits.saturating_sub(3).min(61) | (k & 7) } else { k } & mask)
                .collect();
            words.sort_unstable();
            words.dedup();
            let want = words.clone();
            words.reverse();
            let third = words.len() / 3;
            words.rotate_left(third);
            sort_words_in_place(&mut words, bits);
            prop_assert_eq!(words, want);
        }
    }

    #[test]
    fn bits() {
        assert_eq!(bits_for(0), 0);
        assert_eq!(bits_for(1), 1);
        assert_eq!(bits_for(2047), 11);
        assert_eq!(bits_for(u64::MAX), 64);
    }
}
