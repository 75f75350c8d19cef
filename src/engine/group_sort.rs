//! A stable counting sort into groups, with writes that stay in cache.
//!
//! Counting each item into its group and then writing it straight to its group's next
//! place are two passes over tables far larger than the caches on a network of millions,
//! and nearly every increment and write misses (10M stated relations: ~0.9 s of a run).
//! Instead the items are counted and placed by coarse buckets of neighbouring groups,
//! a few thousand write fronts at a time; then, one bucket at a time through a copy of
//! it, counted and placed by group. The result is the one-pass result, item for item.

/// Buckets of the first pass, at most: their counters and write fronts, and those of the
/// fine offsets, fit in the second-level cache.
const COARSE_BITS: u32 = 11;

/// The items placed by group, each group in the order given, and where each group starts
/// (`groups + 1` places, the last the number of items). `groups_of` gives every item's
/// group, `items` every item with its group, both in the same order.
pub(crate) fn stable_by_group<T: Copy + Default>(
    groups: usize,
    groups_of: impl IntoIterator<Item = usize>,
    items: impl IntoIterator<Item = (usize, T)>,
) -> (Vec<u32>, Vec<T>) {
    let shift = (usize::BITS - groups.leading_zeros()).saturating_sub(COARSE_BITS);
    // A few thousand groups fit the caches as they are; past 2¹⁶ groups a bucket, a fine
    // offset would not fit its 16 bits (a network of over 40 million entities).
    if shift == 0 || shift > 16 {
        return one_pass(groups, groups_of, items);
    }
    let width = 1usize << shift;
    let buckets = groups.div_ceil(width);
    let mut fill = vec![0u32; buckets + 1];
    for g in groups_of {
        fill[(g >> shift) + 1] += 1;
    }
    for b in 0..buckets {
        fill[b + 1] += fill[b];
    }
    let len = fill[buckets] as usize;
    // First pass: by bucket, each item's group inside its bucket kept beside it.
    let mut sorted = vec![T::default(); len];
    let mut fine = vec![0u16; len];
    for (g, item) in items {
        let at = &mut fill[g >> shift];
        sorted[*at as usize] = item;
        fine[*at as usize] = (g & (width - 1)) as u16;
        *at += 1;
    }
    // Second pass: each bucket counted and placed by group, through a copy of it. The
    // first pass left each bucket's front at the next one's start.
    let mut start = vec![0u32; groups + 1];
    let (mut copy, mut next) = (Vec::new(), vec![0u32; width + 1]);
    let mut from = 0usize;
    for (b, &to) in fill[..buckets].iter().enumerate() {
        let to = to as usize;
        let lo = b * width;
        let wide = ((b + 1) * width).min(groups) - lo;
        next[..=wide].fill(0);
        for &f in &fine[from..to] {
            next[usize::from(f) + 1] += 1;
        }
        for k in 0..wide {
            next[k + 1] += next[k];
        }
        for (k, s) in start[lo..lo + wide].iter_mut().enumerate() {
            *s = (from + next[k] as usize) as u32;
        }
        if to - from > 1 {
            copy.clear();
            copy.extend_from_slice(&sorted[from..to]);
            for (item, &f) in copy.iter().zip(&fine[from..to]) {
                let at = &mut next[usize::from(f)];
                sorted[from + *at as usize] = *item;
                *at += 1;
            }
        }
        from = to;
    }
    start[groups] = len as u32;
    (start, sorted)
}

/// The direct counting sort, for few groups (or very many).
fn one_pass<T: Copy + Default>(
    groups: usize,
    groups_of: impl IntoIterator<Item = usize>,
    items: impl IntoIterator<Item = (usize, T)>,
) -> (Vec<u32>, Vec<T>) {
    let mut start = vec![0u32; groups + 1];
    for g in groups_of {
        start[g + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut sorted = vec![T::default(); start[groups] as usize];
    let mut fill = start[..groups].to_vec();
    for (g, item) in items {
        sorted[fill[g] as usize] = item;
        fill[g] += 1;
    }
    (start, sorted)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways give a stable sort by group and the groups' starts, for group counts
    /// below, at and past the point where the two passes start.
    #[test]
    fn two_passes_place_as_one() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for groups in [1usize, 7, 2048, 2049, 5000, 70_000, 300_001] {
            let items: Vec<(usize, u32)> = (0..groups * 3 + 11)
                .map(|k| ((next() % groups as u64) as usize, k as u32))
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(g, _)| g);
            // Group g starts after every item of a smaller group.
            let mut starts: Vec<u32> = (0..groups)
                .map(|g| expected.partition_point(|&(h, _)| h < g) as u32)
                .collect();
            starts.push(items.len() as u32);
            let expected: Vec<u32> = expected.into_iter().map(|(_, k)| k).collect();
            let got = stable_by_group(groups, items.iter().map(|&(g, _)| g), items.clone());
            assert_eq!(got, (starts.clone(), expected.clone()), "{groups} groups");
            let direct = one_pass(groups, items.iter().map(|&(g, _)| g), items.clone());
            assert_eq!(direct, (starts, expected), "{groups} groups, one pass");
        }
    }
}
