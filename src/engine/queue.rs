//! A monotone priority queue (radix heap) for best-first evaluation.
//!
//! Facts settle in non-increasing strength, and every candidate offered after a fact
//! settles is at most as strong (every factor is ≤ 1) and, when equally strong, takes more
//! steps. Keys therefore never go below the last one popped, which is exactly what a radix
//! heap needs: pushes are appends, and each entry is moved between buckets only a few
//! times, all with sequential memory access. Among equal keys the order depends only on the
//! order of pushes, so the result depends on nothing but the program.

/// One queued candidate: exact cost, steps, candidate index (16 bytes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    /// [`Cost::fixed`](super::Cost::fixed): lower is stronger.
    pub cost: u64,
    pub steps: u32,
    pub index: u32,
}

impl Entry {
    /// Ascending key: stronger (lower cost) first, then fewer steps.
    pub(crate) fn key(self) -> u128 {
        (u128::from(self.cost) << 32) | u128::from(self.steps)
    }
}

pub(crate) struct RadixQueue {
    /// The key of the last redistribution; every queued key is at least this.
    last: u128,
    buckets: Vec<Vec<Entry>>,
    /// The smallest key of the lowest non-empty bucket above 0, once computed.
    lowest: Option<(usize, u128)>,
}

impl RadixQueue {
    pub(crate) fn new() -> RadixQueue {
        RadixQueue {
            last: 0,
            buckets: (0..=128).map(|_| Vec::new()).collect(),
            lowest: None,
        }
    }

    fn bucket(&self, key: u128) -> usize {
        if key <= self.last {
            0
        } else {
            128 - (key ^ self.last).leading_zeros() as usize
        }
    }

    /// Queue an entry; its key must not be below any key popped so far.
    pub(crate) fn push(&mut self, entry: Entry) {
        let key = entry.key();
        let b = self.bucket(key);
        self.buckets[b].push(entry);
        match self.lowest {
            Some((lb, lk)) if b == lb && key < lk => self.lowest = Some((b, key)),
            Some((lb, _)) if b < lb => self.lowest = None,
            _ => {}
        }
    }

    /// The smallest queued key, without disturbing the queue's order invariant.
    pub(crate) fn peek_key(&mut self) -> Option<u128> {
        if !self.buckets[0].is_empty() {
            return Some(self.last);
        }
        if let Some((_, key)) = self.lowest {
            return Some(key);
        }
        let i = self.buckets.iter().position(|b| !b.is_empty())?;
        let key = self.buckets[i].iter().map(|e| e.key()).min()?;
        self.lowest = Some((i, key));
        Some(key)
    }

    /// The candidate `ahead` pops from now, when it is already known: entries of the
    /// current key leave from the end of the first bucket. Later pushes of the same key
    /// would come first, so this is a guess, good for a cache hint only.
    pub(crate) fn upcoming(&self, ahead: usize) -> Option<u32> {
        let first = &self.buckets[0];
        first.len().checked_sub(1 + ahead).map(|i| first[i].index)
    }

    pub(crate) fn pop(&mut self) -> Option<Entry> {
        if self.buckets[0].is_empty() {
            let i = self.buckets.iter().position(|b| !b.is_empty())?;
            let mut items = std::mem::take(&mut self.buckets[i]);
            let min = items.iter().map(|e| e.key()).min()?;
            self.last = min;
            self.lowest = None;
            for e in items.drain(..) {
                let b = self.bucket(e.key());
                self.buckets[b].push(e);
            }
            // Keep a small emptied bucket's capacity for later rounds; free a large one.
            if self.buckets[i].is_empty() && items.capacity() <= 1 << 16 {
                self.buckets[i] = items;
            }
        }
        self.buckets[0].pop()
    }
}
