//! Relation facts stated outright (statements without conditions), indexed once per run.
//!
//! They are the bulk of a literature-scale network, so instead of hashing each triple they
//! are laid out by counting sort: grouped by (relation, subject), objects sorted inside a
//! group (duplicates merged, the most confident statement kept), plus a second index by
//! (relation, object). A triple's position in the first layout is its candidate number.

use crate::program::{Program, Relation};

use super::compile::factor;
use super::evaluation::relation_index;

#[derive(Debug, Clone, Default)]
pub(crate) struct StatedRelations {
    entities: usize,
    /// `relation * entities + subject` → start of its group in `object` (CSR, len 3n+1).
    out_start: Vec<u32>,
    /// Per stated triple: its object.
    pub object: Vec<u32>,
    /// Per stated triple: the statement giving it its strength.
    pub statement: Vec<u32>,
    /// `relation * entities + object` → start of its group in `by_object`.
    in_start: Vec<u32>,
    /// Stated triples grouped by (relation, object), in candidate order.
    by_object: Vec<u32>,
}

impl StatedRelations {
    /// Index the given statements (ids into `program.statements`, all unconditional).
    pub(crate) fn new(program: &Program, statements: &[u32]) -> StatedRelations {
        let n = program.entities.len();
        let groups = n * 3;
        let group = |i: u32| {
            let st = &program.statements[i as usize];
            relation_index(st.relation) * n + st.subject.0 as usize
        };
        // Counting sort by (relation, subject), stable in statement order.
        let mut start = vec![0u32; groups + 1];
        for &i in statements {
            start[group(i) + 1] += 1;
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let mut fill = start.clone();
        let mut sorted = vec![0u32; statements.len()];
        for &i in statements {
            let g = group(i);
            sorted[fill[g] as usize] = i;
            fill[g] += 1;
        }
        // Inside each group: by object, then strongest, then first stated; keep one each.
        let mut out_start = Vec::with_capacity(groups + 1);
        let mut object = Vec::with_capacity(sorted.len());
        let mut statement = Vec::with_capacity(sorted.len());
        out_start.push(0);
        for g in 0..groups {
            let slice = &mut sorted[start[g] as usize..start[g + 1] as usize];
            if slice.len() > 1 {
                slice.sort_by(|&a, &b| {
                    let (sa, sb) = (
                        &program.statements[a as usize],
                        &program.statements[b as usize],
                    );
                    sa.object
                        .cmp(&sb.object)
                        .then(
                            factor(sb.provenance.confidence)
                                .total_cmp(&factor(sa.provenance.confidence)),
                        )
                        .then(a.cmp(&b))
                });
            }
            let mut last = u32::MAX;
            for &i in slice.iter() {
                let o = program.statements[i as usize].object.0;
                if o != last {
                    object.push(o);
                    statement.push(i);
                    last = o;
                }
            }
            out_start.push(object.len() as u32);
        }
        // Second layout by (relation, object).
        let mut in_start = vec![0u32; groups + 1];
        let relation_of_group = |g: usize| g / n.max(1);
        let mut keys = Vec::with_capacity(object.len());
        for g in 0..groups {
            for c in out_start[g]..out_start[g + 1] {
                let k = relation_of_group(g) * n + object[c as usize] as usize;
                keys.push(k as u32);
                in_start[k + 1] += 1;
            }
        }
        for g in 0..groups {
            in_start[g + 1] += in_start[g];
        }
        let mut fill = in_start.clone();
        let mut by_object = vec![0u32; object.len()];
        for (c, &k) in keys.iter().enumerate() {
            by_object[fill[k as usize] as usize] = c as u32;
            fill[k as usize] += 1;
        }
        StatedRelations {
            entities: n,
            out_start,
            object,
            statement,
            in_start,
            by_object,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.object.len()
    }

    fn range(starts: &[u32], k: usize) -> std::ops::Range<usize> {
        match (starts.get(k), starts.get(k + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// Candidates `subject relation ?`, by object.
    pub(crate) fn from(&self, subject: u32, relation: Relation) -> std::ops::Range<usize> {
        let k = relation_index(relation) * self.entities + subject as usize;
        Self::range(&self.out_start, k)
    }

    /// Candidates `? relation object`, by subject order.
    pub(crate) fn to(&self, object: u32, relation: Relation) -> &[u32] {
        let k = relation_index(relation) * self.entities + object as usize;
        &self.by_object[Self::range(&self.in_start, k)]
    }

    /// The candidate of a stated triple.
    pub(crate) fn find(&self, subject: u32, relation: Relation, object: u32) -> Option<u32> {
        let r = self.from(subject, relation);
        let start = r.start;
        self.object[r]
            .binary_search(&object)
            .ok()
            .map(|i| (start + i) as u32)
    }
}
