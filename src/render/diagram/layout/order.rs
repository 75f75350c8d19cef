//! The order of nodes within layers: fewer crossings, clusters kept together.

use super::Layered;

impl Layered {
    /// Barycenter sweeps, down then up, keeping the order with the fewest crossings.
    pub(super) fn order(&mut self) {
        let mut best = self.rows.clone();
        let mut best_cross = self.crossings();
        for round in 0..12 {
            if best_cross == 0 {
                break;
            }
            if round % 2 == 0 {
                for l in 1..self.rows.len() {
                    self.sort_row(l, true);
                }
            } else {
                for l in (0..self.rows.len().saturating_sub(1)).rev() {
                    self.sort_row(l, false);
                }
            }
            self.transpose();
            let c = self.crossings();
            if c < best_cross {
                best_cross = c;
                best = self.rows.clone();
            }
        }
        self.rows = best;
        self.index();
    }

    fn sort_row(&mut self, l: usize, from_above: bool) {
        let mut keyed: Vec<(f64, usize, usize)> = self.rows[l]
            .iter()
            .map(|&v| {
                let nb = if from_above {
                    &self.up[v]
                } else {
                    &self.down[v]
                };
                let key = if nb.is_empty() {
                    self.pos[v] as f64
                } else {
                    nb.iter().map(|&w| self.pos[w] as f64).sum::<f64>() / nb.len() as f64
                };
                (key, self.pos[v], v)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.rows[l] = keyed.into_iter().map(|k| k.2).collect();
        for (i, &v) in self.rows[l].iter().enumerate() {
            self.pos[v] = i;
        }
    }

    /// Crossings among the edges of `u` and `v` (u left of v) toward one neighbour list.
    fn pair_crossings(&self, u: usize, v: usize, below: bool) -> (usize, usize) {
        let nb = |x: usize| if below { &self.down[x] } else { &self.up[x] };
        let (mut keep, mut swap) = (0, 0);
        for &a in nb(u) {
            for &b in nb(v) {
                match self.pos[a].cmp(&self.pos[b]) {
                    std::cmp::Ordering::Greater => keep += 1,
                    std::cmp::Ordering::Less => swap += 1,
                    std::cmp::Ordering::Equal => {}
                }
            }
        }
        (keep, swap)
    }

    /// Swap neighbours in a layer while that removes crossings (the "transpose" step).
    fn transpose(&mut self) {
        for _ in 0..4 {
            let mut improved = false;
            for l in 0..self.rows.len() {
                for i in 0..self.rows[l].len().saturating_sub(1) {
                    let (u, v) = (self.rows[l][i], self.rows[l][i + 1]);
                    let (k1, s1) = self.pair_crossings(u, v, true);
                    let (k2, s2) = self.pair_crossings(u, v, false);
                    if s1 + s2 < k1 + k2 {
                        self.rows[l].swap(i, i + 1);
                        self.pos[u] = i + 1;
                        self.pos[v] = i;
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Total edge crossings between consecutive layers (inversions, by a Fenwick tree).
    fn crossings(&self) -> usize {
        let mut total = 0;
        for l in 0..self.rows.len().saturating_sub(1) {
            let mut pairs: Vec<(usize, usize)> = self.rows[l]
                .iter()
                .flat_map(|&v| self.down[v].iter().map(move |&w| (v, w)))
                .map(|(v, w)| (self.pos[v], self.pos[w]))
                .collect();
            pairs.sort_unstable();
            let m = self.rows[l + 1].len();
            let mut tree = vec![0usize; m + 1];
            for (seen, &(_, b)) in pairs.iter().enumerate() {
                // Count earlier edges ending strictly to the right of b.
                let mut i = b + 1;
                let mut le = 0;
                while i > 0 {
                    le += tree[i];
                    i -= i & i.wrapping_neg();
                }
                total += seen - le;
                let mut i = b + 1;
                while i <= m {
                    tree[i] += 1;
                    i += i & i.wrapping_neg();
                }
            }
        }
        total
    }

    /// Within each layer, gather the members of a group at their mean position.
    pub(super) fn group(&mut self, groups: &[Option<usize>]) {
        let group_of = |v: usize| {
            if v < self.real {
                groups.get(v).copied().flatten()
            } else {
                None
            }
        };
        for l in 0..self.rows.len() {
            let row = &self.rows[l];
            let mut sums: Vec<(usize, f64, usize)> = Vec::new();
            for (i, &v) in row.iter().enumerate() {
                if let Some(gid) = group_of(v) {
                    match sums.iter_mut().find(|s| s.0 == gid) {
                        Some(s) => {
                            s.1 += i as f64;
                            s.2 += 1;
                        }
                        None => sums.push((gid, i as f64, 1)),
                    }
                }
            }
            if sums.is_empty() {
                continue;
            }
            let mut keyed: Vec<(f64, usize, usize)> = row
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let key = group_of(v)
                        .and_then(|gid| sums.iter().find(|s| s.0 == gid))
                        .map_or(i as f64, |s| s.1 / s.2 as f64);
                    (key, i, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            self.rows[l] = keyed.into_iter().map(|k| k.2).collect();
        }
        self.index();
    }
}
