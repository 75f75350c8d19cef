//! Relation facts stated outright (statements without conditions), indexed once per run.
//!
//! They are the bulk of a literature-scale network, so instead of hashing each triple they
//! are laid out by counting sort: grouped by (subject, relation), objects sorted inside a
//! group (duplicates merged, the most confident statement kept), plus indexes by
//! (relation, object) and by relation, made on first use. A triple's position in the first
//! layout is its candidate number.
//!
//! Subject first, because settling a state follows every relation out of its entity: their
//! groups sit side by side, one or two cache misses instead of one per relation. Where
//! order decides ties (which stated relation settles first, which rule instance is found
//! first), the engine walks candidates in (relation, subject, object) order instead
//! ([`StatedRelations::in_relation_order`]), the order of relation-first grouping.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::program::{Program, Relation};

use super::compile::factor;
use super::evaluation::relation_index;
use super::strength::Cost;

/// One statement while sorting, its group given by its place: 12 bytes, so the
/// sorting buffer of a million statements is 12 MB.
#[derive(Debug, Clone, Copy, Default)]
struct Row {
    object: u32,
    statement: u32,
    /// Its strength's index in `levels`.
    level: u32,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct StatedRelations {
    entities: usize,
    /// `subject * Relation::COUNT + relation` → start of its group in `object` (CSR).
    out_start: Vec<u32>,
    /// Per stated triple: its object, subject and relation.
    pub object: Vec<u32>,
    pub subject: Vec<u32>,
    pub relation: Vec<Relation>,
    /// Per stated triple: the statement giving it its strength.
    pub statement: Vec<u32>,
    /// Per stated triple: its strength's index in `levels`. A network's confidences take
    /// few distinct values, so a byte here stands for the 16 of a number and a cost.
    level: LevelIndex,
    /// The distinct strengths, as numbers (for output) and exact costs.
    levels: Vec<(f64, Cost)>,
    /// The second layout, made the first time something asks for it: following
    /// relations from their subject, as a run does, never needs it; joins that start from
    /// an object and explanations do.
    by_object: OnceLock<ByObject>,
    /// Per relation, its candidates in candidate order, made the first time a join asks
    /// for every relation of one kind.
    by_relation: OnceLock<[Vec<u32>; Relation::COUNT]>,
}

/// Per stated triple, the index of its strength: a byte each while the network has at
/// most 256 distinct strengths (the usual case, by far), four bytes past that.
#[derive(Debug, Clone)]
enum LevelIndex {
    Narrow(Vec<u8>),
    Wide(Vec<u32>),
}

impl Default for LevelIndex {
    fn default() -> Self {
        LevelIndex::Narrow(Vec::new())
    }
}

impl LevelIndex {
    fn push(&mut self, level: u32) {
        match self {
            LevelIndex::Narrow(narrow) => match u8::try_from(level) {
                Ok(b) => narrow.push(b),
                Err(_) => {
                    let mut wide = Vec::with_capacity(narrow.capacity());
                    wide.extend(narrow.iter().map(|&b| u32::from(b)));
                    wide.push(level);
                    *self = LevelIndex::Wide(wide);
                }
            },
            LevelIndex::Wide(wide) => wide.push(level),
        }
    }

    #[inline]
    fn prefetch(&self, c: usize) {
        match self {
            LevelIndex::Narrow(narrow) => {
                if let Some(level) = narrow.get(c) {
                    crate::prefetch::prefetch(level);
                }
            }
            LevelIndex::Wide(wide) => {
                if let Some(level) = wide.get(c) {
                    crate::prefetch::prefetch(level);
                }
            }
        }
    }

    #[inline]
    fn get(&self, c: usize) -> usize {
        match self {
            LevelIndex::Narrow(narrow) => usize::from(narrow[c]),
            LevelIndex::Wide(wide) => wide[c] as usize,
        }
    }
}

/// Stated triples grouped by (relation, object).
#[derive(Debug, Clone, Default)]
struct ByObject {
    /// `relation * entities + object` → start of its group in `candidates`.
    start: Vec<u32>,
    /// Candidates in group order, by subject inside a group.
    candidates: Vec<u32>,
}

impl StatedRelations {
    /// Index the given statements (ids into `program.statements`, all unconditional).
    pub(crate) fn new(program: &Program, statements: &[u32]) -> StatedRelations {
        let n = program.entities.len();
        let groups = n * Relation::COUNT;
        // Counting sort of compact rows by (relation, subject), stable in statement order;
        // the statements are read sequentially, twice, and no unsorted copy is kept.
        let group = |i: u32| {
            let st = &program.statements[i as usize];
            st.subject.0 as usize * Relation::COUNT + relation_index(st.relation)
        };
        let mut start = vec![0u32; groups + 1];
        for &i in statements {
            start[group(i) + 1] += 1;
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let mut levels: Vec<(f64, Cost)> = Vec::new();
        let mut level_of: FxHashMap<u64, u32> = FxHashMap::default();
        // Confidences take few distinct values: remember the last one's level (a lookup,
        // let alone a `ln`, per statement is measurable on a million of them).
        let mut last_level = (f64::NAN, 0u32);
        let mut fill = start.clone();
        let mut sorted = vec![Row::default(); statements.len()];
        for &i in statements {
            let st = &program.statements[i as usize];
            let confidence = factor(st.provenance.confidence);
            if confidence.to_bits() != last_level.0.to_bits() {
                let level = *level_of.entry(confidence.to_bits()).or_insert_with(|| {
                    levels.push((confidence, Cost::of_confidence(confidence)));
                    levels.len() as u32 - 1
                });
                last_level = (confidence, level);
            }
            let g = group(i);
            sorted[fill[g] as usize] = Row {
                object: st.object.0,
                statement: i,
                level: last_level.1,
            };
            fill[g] += 1;
        }
        drop(fill);
        // Inside each group: by object, then strongest, then first stated; keep one each.
        let mut out_start = Vec::with_capacity(groups + 1);
        let mut object = Vec::with_capacity(sorted.len());
        let mut subject = Vec::with_capacity(sorted.len());
        let mut relation = Vec::with_capacity(sorted.len());
        let mut statement = Vec::with_capacity(sorted.len());
        let mut level = LevelIndex::Narrow(Vec::with_capacity(sorted.len()));
        out_start.push(0);
        for g in 0..groups {
            let slice = &mut sorted[start[g] as usize..start[g + 1] as usize];
            if slice.len() > 1 {
                slice.sort_by(|a, b| {
                    a.object
                        .cmp(&b.object)
                        .then(
                            levels[b.level as usize]
                                .0
                                .total_cmp(&levels[a.level as usize].0),
                        )
                        .then(a.statement.cmp(&b.statement))
                });
            }
            let mut last = u32::MAX;
            for r in slice.iter() {
                if r.object != last {
                    object.push(r.object);
                    subject.push((g / Relation::COUNT) as u32);
                    relation.push(Relation::ALL[g % Relation::COUNT]);
                    statement.push(r.statement);
                    level.push(r.level);
                    last = r.object;
                }
            }
            out_start.push(object.len() as u32);
        }
        StatedRelations {
            entities: n,
            out_start,
            object,
            subject,
            relation,
            statement,
            level,
            levels,
            by_object: OnceLock::new(),
            by_relation: OnceLock::new(),
        }
    }

    /// Every candidate in (relation, subject, object) order: the order in which stated
    /// relations settle and are queued, whatever the layout.
    pub(crate) fn in_relation_order(&self) -> impl Iterator<Item = usize> + '_ {
        relation_order(self.entities).flat_map(move |(r, subject)| self.from(subject, r))
    }

    /// The place of a candidate in [`StatedRelations::in_relation_order`], for sorting.
    pub(crate) fn relation_order_key(&self, c: usize) -> (usize, usize) {
        (relation_index(self.relation[c]), c)
    }

    /// The layout by (relation, object), by counting sort over the candidates.
    fn index_by_object(&self) -> ByObject {
        let n = self.entities;
        let groups = n * Relation::COUNT;
        let group = |c: usize| relation_index(self.relation[c]) * n + self.object[c] as usize;
        let mut start = vec![0u32; groups + 1];
        for c in 0..self.len() {
            start[group(c) + 1] += 1;
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let mut fill = start.clone();
        let mut candidates = vec![0u32; self.len()];
        for c in 0..self.len() {
            let k = group(c);
            candidates[fill[k] as usize] = c as u32;
            fill[k] += 1;
        }
        ByObject { start, candidates }
    }

    /// A stated triple's strength as a number, for output.
    pub(crate) fn strength(&self, c: usize) -> f64 {
        self.levels[self.level.get(c)].0
    }

    /// A stated triple's exact strength.
    pub(crate) fn cost(&self, c: usize) -> Cost {
        self.levels[self.level.get(c)].1
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

    /// Hint where `subject`'s relations start.
    #[inline]
    pub(crate) fn prefetch_start(&self, subject: usize) {
        if let Some(start) = self.out_start.get(subject * Relation::COUNT) {
            crate::prefetch::prefetch(start);
        }
    }

    /// Hint `subject`'s relations: their objects and strength levels.
    #[inline]
    pub(crate) fn prefetch_groups(&self, subject: usize) {
        let Some(&start) = self.out_start.get(subject * Relation::COUNT) else {
            return;
        };
        let start = start as usize;
        if let Some(object) = self.object.get(start) {
            crate::prefetch::prefetch(object);
        }
        self.level.prefetch(start);
    }

    /// Candidates `subject relation ?`, by object.
    pub(crate) fn from(&self, subject: u32, relation: Relation) -> std::ops::Range<usize> {
        let k = subject as usize * Relation::COUNT + relation_index(relation);
        Self::range(&self.out_start, k)
    }

    /// Candidates of `relation`: the layout groups them, by subject.
    pub(crate) fn of(&self, relation: Relation) -> &[u32] {
        let lists = self.by_relation.get_or_init(|| {
            let mut lists: [Vec<u32>; Relation::COUNT] = Default::default();
            for (c, &r) in self.relation.iter().enumerate() {
                lists[relation_index(r)].push(c as u32);
            }
            lists
        });
        &lists[relation_index(relation)]
    }

    /// Candidates `? relation object`, by subject order.
    pub(crate) fn to(&self, object: u32, relation: Relation) -> &[u32] {
        let k = relation_index(relation) * self.entities + object as usize;
        let index = self.by_object.get_or_init(|| self.index_by_object());
        &index.candidates[Self::range(&index.start, k)]
    }

    /// The triple of a stated candidate.
    pub(crate) fn triple(&self, c: usize) -> (u32, Relation, u32) {
        (self.subject[c], self.relation[c], self.object[c])
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

/// The (relation, subject) groups of [`StatedRelations::in_relation_order`], borrowing
/// nothing, for loops that settle facts while they walk (`from` gives each group).
pub(crate) fn relation_order(entities: usize) -> impl Iterator<Item = (Relation, u32)> {
    Relation::ALL
        .into_iter()
        .flat_map(move |r| (0..entities as u32).map(move |subject| (r, subject)))
}
