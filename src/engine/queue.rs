//! A monotone priority queue (radix heap) for best-first evaluation.
//!
//! Facts settle in non-increasing strength, and every candidate offered after a fact
//! settles is at most as strong (every factor is ≤ 1) and, when equally strong, takes more
//! steps. Keys therefore never go below the last one popped, which is exactly what a radix
//! heap needs: pushes are appends, and each entry is moved between buckets only a few
//! times, all with sequential memory access. Among equal keys the order depends only on the
//! order of pushes, so the result depends on nothing but the program.

/// One queued candidate: strength bits, steps, candidate index (16 bytes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub bits: u64,
    pub steps: u32,
    pub index: u32,
}

impl Entry {
    /// Ascending key: stronger first (strengths are positive, so their bits order like
    /// the numbers), then fewer steps.
    fn key(self) -> u128 {
        (u128::from(!self.bits) << 32) | u128::from(self.steps)
    }
}

pub(crate) struct RadixQueue {
    last: u128,
    buckets: Vec<Vec<Entry>>,
}

impl RadixQueue {
    pub(crate) fn new() -> RadixQueue {
        RadixQueue {
            last: 0,
            buckets: (0..=128).map(|_| Vec::new()).collect(),
        }
    }

    fn bucket(&self, key: u128) -> usize {
        if key <= self.last {
            0
        } else {
            128 - (key ^ self.last).leading_zeros() as usize
        }
    }

    pub(crate) fn push(&mut self, entry: Entry) {
        let b = self.bucket(entry.key());
        self.buckets[b].push(entry);
    }

    pub(crate) fn reserve(&mut self, additional: usize) {
        self.buckets[128].reserve(additional);
    }

    pub(crate) fn pop(&mut self) -> Option<Entry> {
        if self.buckets[0].is_empty() {
            let i = self.buckets.iter().position(|b| !b.is_empty())?;
            let mut items = std::mem::take(&mut self.buckets[i]);
            let min = items.iter().map(|e| e.key()).min()?;
            self.last = min;
            for e in items.drain(..) {
                let b = self.bucket(e.key());
                self.buckets[b].push(e);
            }
            // Keep the emptied bucket's capacity for later rounds.
            if self.buckets[i].is_empty() {
                self.buckets[i] = items;
            }
        }
        self.buckets[0].pop()
    }
}
