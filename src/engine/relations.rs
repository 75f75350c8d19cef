//! Relation facts stated outright (statements without conditions), indexed once per run.
//!
//! They are the bulk of a literature-scale network, so instead of hashing each triple they
//! are laid out from the statements sorted by pair: grouped by (subject, relation),
//! objects sorted inside a group (duplicates merged, the most confident statement kept),
//! plus indexes by (relation, object) and by relation, made on first use. A triple's
//! position in the first layout is its candidate number.
//!
//! Subject first, because settling a state follows every relation out of its entity: their
//! groups sit side by side, one or two cache misses instead of one per relation. Where
//! order decides ties (which stated relation settles first, which rule instance is found
//! first), the engine walks candidates in (relation, subject, object) order instead
//! ([`StatedRelations::in_relation_order`]), the order of relation-first grouping.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::program::resolve::PairIndex;
use crate::program::{Program, Relation};

use super::compile::factor;
use super::evaluation::relation_index;
use super::strength::Cost;

/// One statement of a subject's while laying out.
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
    /// Per stated triple: its object. Its subject and relation are those of its group,
    /// found from `out_start` ([`StatedRelations::triple`]): two arrays fewer (5 bytes a
    /// triple) in exchange for a short search where the triple is asked for.
    pub object: Vec<u32>,
    /// The group of every [`GROUP_STRIDE`]th triple, which narrows that search to a few
    /// neighbouring groups.
    group_every: Vec<u32>,
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

    /// Put `other`'s levels after these, both as wide as the wider.
    fn append(&mut self, other: &LevelIndex) {
        match (&mut *self, other) {
            (LevelIndex::Narrow(mine), LevelIndex::Narrow(theirs)) => {
                mine.extend_from_slice(theirs);
            }
            (LevelIndex::Wide(mine), LevelIndex::Wide(theirs)) => mine.extend_from_slice(theirs),
            (LevelIndex::Wide(mine), LevelIndex::Narrow(theirs)) => {
                mine.extend(theirs.iter().map(|&b| u32::from(b)));
            }
            (LevelIndex::Narrow(mine), LevelIndex::Wide(theirs)) => {
                let mut wide = Vec::with_capacity(mine.len() + theirs.len());
                wide.extend(mine.iter().map(|&b| u32::from(b)));
                wide.extend_from_slice(theirs);
                *self = LevelIndex::Wide(wide);
            }
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

/// See [`StatedRelations::group_every`].
const GROUP_STRIDE: usize = 64;

/// Stated triples grouped by (relation, object).
#[derive(Debug, Clone, Default)]
pub(crate) struct ByObject {
    /// `relation * entities + object` → start of its group in `candidates`.
    start: Vec<u32>,
    /// Candidates in group order, by subject inside a group.
    candidates: Vec<u32>,
}

impl StatedRelations {
    /// Index the given statements (ids into `program.statements`, all unconditional, in
    /// ascending order). `order` is [`by_pair`](crate::program::resolve::by_pair) of the
    /// program's statements, or of these alone
    /// ([`by_pair_of`](crate::program::resolve::by_pair_of)): it already holds each
    /// subject's statements by object, so the layout is one walk along it, each
    /// subject's few statements dealt by relation, instead of a sort of its own.
    pub(crate) fn new(program: &Program, statements: &[u32], order: &PairIndex) -> StatedRelations {
        let n = program.entities.len();
        let groups = n * Relation::COUNT;
        let mut levels: Vec<(f64, Cost)> = Vec::new();
        let mut level_of: FxHashMap<u64, u32> = FxHashMap::default();
        // Confidences take few distinct values: each value's level is found once, the
        // first time a statement has it (a lookup, let alone a `ln`, per statement is
        // measurable on a million of them). Levels are numbered in that order.
        let mut level_of_confidence = vec![u32::MAX; program.provenances.distinct_confidences()];
        // Per statement, its level, or `OUT` when it is not among `statements`: read in
        // statement order here, so that the walk below, in pair order, reads these 4
        // bytes of each statement instead of its 32.
        let mut level_of_statement = vec![OUT; program.statements.len()];
        for &i in statements {
            let st = &program.statements[i as usize];
            let known = &mut level_of_confidence[st.provenance.confidence_index()];
            if *known == u32::MAX {
                let confidence = factor(program.confidence(&st.provenance));
                *known = *level_of.entry(confidence.to_bits()).or_insert_with(|| {
                    levels.push((confidence, Cost::of_confidence(confidence)));
                    levels.len() as u32 - 1
                });
            }
            level_of_statement[i as usize] = *known;
        }
        let laid = lay_out(
            order,
            (&level_of_statement, statements.len()),
            &levels,
            groups,
            LAYOUT_TWO_CORES,
        );
        let mut stated = StatedRelations {
            entities: n,
            out_start: laid.out_start,
            object: laid.object,
            group_every: Vec::new(),
            statement: laid.statement,
            level: laid.level,
            levels,
            by_object: OnceLock::new(),
            by_relation: OnceLock::new(),
        };
        stated.sample_groups();
        debug_assert_eq!(stated.out_start.len(), groups + 1);
        stated
    }

    /// Note the group of every [`GROUP_STRIDE`]th triple ([`StatedRelations::group_every`]):
    /// the group whose stretch of `object` holds it, found in one walk along the starts.
    fn sample_groups(&mut self) {
        let len = self.object.len();
        self.group_every = Vec::with_capacity(len / GROUP_STRIDE + 1);
        let mut g = 0;
        for c in (0..len).step_by(GROUP_STRIDE) {
            while self.out_start[g + 1] as usize <= c {
                g += 1;
            }
            self.group_every.push(g as u32);
        }
    }

    /// Every candidate in (relation, subject, object) order: the order in which stated
    /// relations settle and are queued, whatever the layout.
    pub(crate) fn in_relation_order(&self) -> impl Iterator<Item = usize> + '_ {
        relation_order(self.entities).flat_map(move |(r, subject)| self.from(subject, r))
    }

    /// [`StatedRelations::in_relation_order`] with each candidate's triple, which the
    /// walk knows without looking it up.
    pub(crate) fn triples_in_relation_order(
        &self,
    ) -> impl Iterator<Item = (usize, (u32, Relation, u32))> + '_ {
        relation_order(self.entities).flat_map(move |(r, subject)| {
            self.from(subject, r)
                .map(move |c| (c, (subject, r, self.object[c])))
        })
    }

    /// The place of a candidate in [`StatedRelations::in_relation_order`], for sorting.
    pub(crate) fn relation_order_key(&self, c: usize) -> (usize, usize) {
        (self.group_of(c) % Relation::COUNT, c)
    }

    /// The (subject, relation) group holding candidate `c`: the last one starting at or
    /// before it (empty groups start where the next one does), between the groups of
    /// the sampled candidates on either side of it.
    fn group_of(&self, c: usize) -> usize {
        let k = c / GROUP_STRIDE;
        let low = self.group_every[k] as usize;
        let high = self
            .group_every
            .get(k + 1)
            .map_or(self.out_start.len() - 1, |&g| g as usize + 1);
        low + self.out_start[low..high].partition_point(|&start| start as usize <= c) - 1
    }

    /// Every candidate with its (subject, relation) group, in candidate order.
    fn with_groups(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.out_start
            .windows(2)
            .enumerate()
            .flat_map(|(g, w)| (w[0] as usize..w[1] as usize).map(move |c| (c, g)))
    }

    /// The layout by (relation, object), by counting sort over the candidates.
    fn index_by_object(&self) -> ByObject {
        let n = self.entities;
        let groups = n * Relation::COUNT;
        let group = |c: usize, g: usize| (g % Relation::COUNT) * n + self.object[c] as usize;
        let mut start = vec![0u32; groups + 1];
        for (c, g) in self.with_groups() {
            start[group(c, g) + 1] += 1;
        }
        for g in 0..groups {
            start[g + 1] += start[g];
        }
        let mut fill = start.clone();
        let mut candidates = vec![0u32; self.len()];
        for (c, g) in self.with_groups() {
            let k = group(c, g);
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

    /// Each candidate `subject relation ?` with its object and exact strength, by object:
    /// the layout's arrays read side by side, the strength index's width decided once.
    #[inline]
    pub(crate) fn each_from(
        &self,
        subject: u32,
        relation: Relation,
        mut f: impl FnMut(usize, u32, Cost),
    ) {
        let range = self.from(subject, relation);
        let objects = &self.object[range.clone()];
        match &self.level {
            LevelIndex::Narrow(levels) => {
                for ((c, &o), &l) in range.clone().zip(objects).zip(&levels[range]) {
                    f(c, o, self.levels[usize::from(l)].1);
                }
            }
            LevelIndex::Wide(levels) => {
                for ((c, &o), &l) in range.clone().zip(objects).zip(&levels[range]) {
                    f(c, o, self.levels[l as usize].1);
                }
            }
        }
    }

    /// How many stated triples hold (a strength above nothing), counted by level.
    pub(crate) fn holding(&self) -> usize {
        let holds: Vec<bool> = self.levels.iter().map(|l| l.1.holds()).collect();
        match &self.level {
            LevelIndex::Narrow(levels) => levels.iter().filter(|&&l| holds[usize::from(l)]).count(),
            LevelIndex::Wide(levels) => levels.iter().filter(|&&l| holds[l as usize]).count(),
        }
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
            for (c, g) in self.with_groups() {
                lists[g % Relation::COUNT].push(c as u32);
            }
            lists
        });
        &lists[relation_index(relation)]
    }

    /// Candidates `? relation object`, by subject order.
    pub(crate) fn to(&self, object: u32, relation: Relation) -> &[u32] {
        let k = relation_index(relation) * self.entities + object as usize;
        let index = self.by_object();
        &index.candidates[Self::range(&index.start, k)]
    }

    /// The index [`StatedRelations::to`] reads, made the first time it is asked for.
    pub(crate) fn by_object(&self) -> &ByObject {
        self.by_object.get_or_init(|| self.index_by_object())
    }

    /// The triple of a stated candidate.
    pub(crate) fn triple(&self, c: usize) -> (u32, Relation, u32) {
        let g = self.group_of(c);
        (
            (g / Relation::COUNT) as u32,
            Relation::ALL[g % Relation::COUNT],
            self.object[c],
        )
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

/// From this many entries of the pair index the layout is made on two cores, each laying
/// out the subjects of half of the entries: on ten million statements a walk of a
/// quarter of a second, where the other core has nothing to do yet.
const LAYOUT_TWO_CORES: usize = 1 << 18;

/// Lay out the `count` statements of `order` whose level is known (`level_of_statement`),
/// in `groups` (subject, relation) groups: on two cores from `two_cores` entries, split
/// between two subjects, each core laying out one side and the second side appended to
/// the first. Each side is laid out exactly as one walk would lay it out, so the result
/// is the same.
fn lay_out<'l>(
    order: &PairIndex,
    (level_of_statement, count): (&[u32], usize),
    levels: &'l [(f64, Cost)],
    groups: usize,
    two_cores: usize,
) -> Laying<'l> {
    let subject = |k: usize| (order.get(k).0 >> 32) as u32;
    // The first entry past the middle that starts a subject: both sides then hold whole
    // subjects.
    let split = (order.len() >= two_cores.max(2))
        .then(|| (order.len() / 2..order.len()).find(|&k| subject(k) != subject(k - 1)))
        .flatten();
    // The low side (or the only one) has room for the whole layout, the high side for
    // its own: appending it then moves nothing else.
    let lay = |entries: std::ops::Range<usize>, first_group, end_group, room: (usize, usize)| {
        let mut laying = Laying::new(levels, first_group, room);
        laying.walk(order, entries, level_of_statement);
        laying.close_groups_to(end_group);
        laying
    };
    let Some(split) = split else {
        return lay(0..order.len(), 0, groups, (count, groups + 1));
    };
    let middle = subject(split) as usize * Relation::COUNT;
    let high_room = (count.min(order.len() - split), groups - middle + 1);
    let (mut laid, high) = crate::threads::both(
        || lay(0..split, 0, middle, (count, groups + 1)),
        || lay(split..order.len(), middle, groups, high_room),
    );
    let before = laid.object.len() as u32;
    // The low side's last start is the high side's first: the end of the low side.
    laid.out_start.pop();
    laid.out_start
        .extend(high.out_start.iter().map(|&start| start + before));
    laid.object.extend_from_slice(&high.object);
    laid.statement.extend_from_slice(&high.statement);
    laid.level.append(&high.level);
    laid
}

/// The layout, or one side of it while it is made: the groups from `first_group` on, their
/// starts counted from this side's first triple.
struct Laying<'l> {
    levels: &'l [(f64, Cost)],
    first_group: usize,
    out_start: Vec<u32>,
    object: Vec<u32>,
    statement: Vec<u32>,
    level: LevelIndex,
}

impl<'l> Laying<'l> {
    /// Room for `triples` triples and `starts` group starts.
    fn new(
        levels: &'l [(f64, Cost)],
        first_group: usize,
        (triples, starts): (usize, usize),
    ) -> Laying<'l> {
        let mut out_start = Vec::with_capacity(starts);
        out_start.push(0);
        Laying {
            levels,
            first_group,
            out_start,
            object: Vec::with_capacity(triples),
            statement: Vec::with_capacity(triples),
            level: LevelIndex::Narrow(Vec::with_capacity(triples)),
        }
    }

    /// Lay out the statements of `order`'s `entries`, whole subjects: one subject's
    /// statements at a time, dealt by relation, each relation's rows keeping the pair
    /// order, so they stay by object, then first stated.
    fn walk(
        &mut self,
        order: &PairIndex,
        entries: std::ops::Range<usize>,
        level_of_statement: &[u32],
    ) {
        let mut dealt: [Vec<Row>; Relation::COUNT] = Default::default();
        let mut subject = None;
        for k in entries {
            // The statements come in pair order, scattered over `level_of_statement`.
            if let Some(ahead) = order.position(k + AHEAD)
                && let Some(place) = level_of_statement.get(ahead as usize)
            {
                crate::prefetch::prefetch(place);
            }
            let (pair, relation, i) = order.get(k);
            let level = level_of_statement.get(i as usize).copied().unwrap_or(OUT);
            if level == OUT {
                continue;
            }
            let s = (pair >> 32) as u32;
            if subject != Some(s) {
                if let Some(done) = subject {
                    self.close_subject(done, &mut dealt);
                }
                subject = Some(s);
            }
            dealt[relation as usize].push(Row {
                object: pair as u32,
                statement: i,
                level,
            });
        }
        if let Some(done) = subject {
            self.close_subject(done, &mut dealt);
        }
    }

    /// Close every group before `group` (the empty ones of subjects without statements).
    fn close_groups_to(&mut self, group: usize) {
        let end = self.object.len() as u32;
        while self.first_group + self.out_start.len() <= group {
            self.out_start.push(end);
        }
    }

    /// Lay `subject`'s groups out from its statements dealt by relation, each by object
    /// then first stated: one triple per object, the strongest statement's, the first
    /// stated among equals. Empties `dealt`.
    fn close_subject(&mut self, subject: u32, dealt: &mut [Vec<Row>; Relation::COUNT]) {
        self.close_groups_to(subject as usize * Relation::COUNT);
        for rows in dealt.iter_mut() {
            let mut k = 0;
            while k < rows.len() {
                let mut best = rows[k];
                let mut next = k + 1;
                while next < rows.len() && rows[next].object == best.object {
                    let strength = |row: &Row| self.levels[row.level as usize].0;
                    if strength(&rows[next]).total_cmp(&strength(&best)).is_gt() {
                        best = rows[next];
                    }
                    next += 1;
                }
                self.object.push(best.object);
                self.statement.push(best.statement);
                self.level.push(best.level);
                k = next;
            }
            rows.clear();
            self.out_start.push(self.object.len() as u32);
        }
    }
}

/// A statement's level while laying out: not among the stated relations.
const OUT: u32 = u32::MAX;

/// How many entries of the pair index ahead the layout hints a statement's level.
const AHEAD: usize = 16;

/// The (relation, subject) groups of [`StatedRelations::in_relation_order`], borrowing
/// nothing, for loops that settle facts while they walk (`from` gives each group).
pub(crate) fn relation_order(entities: usize) -> impl Iterator<Item = (Relation, u32)> {
    Relation::ALL
        .into_iter()
        .flat_map(move |r| (0..entities as u32).map(move |subject| (r, subject)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::load_text;
    use crate::program::resolve::{by_pair, by_pair_of};

    /// A candidate's triple, found from its group, is its statement's, whatever the
    /// spread of the groups (many empty ones, long ones, three relations).
    #[test]
    fn every_triple_is_its_statements() {
        let verbs = ["activates", "inhibits", "binds"];
        let mut text = String::new();
        let mut x: u64 = 7;
        for _ in 0..3000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let subject = (x >> 33) % 400;
            let object = (x >> 13) % 900;
            // A few hubs make long groups; most names stay without relations out.
            let subject = if x.is_multiple_of(5) {
                subject % 3
            } else {
                subject * 2
            };
            let verb = verbs[(x >> 50) as usize % 3];
            text.push_str(&format!("n{subject} {verb} n{object}\n"));
        }
        let program = load_text("t.rules", &text).program;
        let all: Vec<u32> = (0..program.statements.len() as u32).collect();
        let stated = StatedRelations::new(&program, &all, &by_pair(&program));
        assert!(stated.len() > 2 * GROUP_STRIDE);
        for c in 0..stated.len() {
            let st = &program.statements[stated.statement[c] as usize];
            let (a, r, b) = stated.triple(c);
            assert_eq!((a, r, b), (st.subject.0, st.relation(), st.object.0), "{c}");
        }
        let walked: Vec<_> = stated.triples_in_relation_order().collect();
        assert_eq!(walked.len(), stated.len());
        for (c, triple) in walked {
            assert_eq!(triple, stated.triple(c));
        }
    }

    /// The layout holds, for each (subject, relation) in order, each object of the given
    /// statements once, by object, with the strongest statement's strength (the first
    /// stated among equals), whether it is laid out by an index of every statement or of
    /// the given ones alone: here against a plain sort of the same statements.
    #[test]
    fn the_layout_is_the_sorted_strongest_statement_per_triple() {
        let verbs = ["activates", "inhibits", "binds"];
        let confidences = ["", " confidence 0.9", " confidence 0.6", " confidence low"];
        let mut text = String::new();
        let mut x: u64 = 11;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x >> 16
        };
        for _ in 0..4000 {
            let (a, b, c, d) = (next(), next(), next(), next());
            let subject = if a.is_multiple_of(4) { a % 3 } else { a % 300 };
            // Few objects and three contexts: the same triple is often stated apart.
            text.push_str(&format!(
                "n{subject} {} n{} in c{}{}\n",
                verbs[(b % 3) as usize],
                c % 60,
                d % 3,
                confidences[((d >> 8) % 4) as usize],
            ));
        }
        let program = load_text("t.rules", &text).program;
        let n = program.statements.len() as u32;
        let strength =
            |i: u32| factor(program.confidence(&program.statements[i as usize].provenance));
        for among in [
            (0..n).collect::<Vec<u32>>(),
            (0..n).filter(|i| i % 3 != 1).collect(),
            Vec::new(),
        ] {
            // The plain sort: by (subject, relation, object), strongest, then first stated.
            let mut sorted = among.clone();
            let triple = |i: u32| {
                let st = &program.statements[i as usize];
                (st.subject.0, st.relation().index(), st.object.0)
            };
            sorted.sort_by(|&a, &b| {
                triple(a)
                    .cmp(&triple(b))
                    .then(strength(b).total_cmp(&strength(a)))
                    .then(a.cmp(&b))
            });
            sorted.dedup_by_key(|&mut i| triple(i));
            let expected: Vec<(u32, Relation, u32, u32, f64)> = sorted
                .iter()
                .map(|&i| {
                    let (s, r, o) = triple(i);
                    (s, Relation::ALL[r], o, i, strength(i))
                })
                .collect();
            for order in [by_pair(&program), by_pair_of(&program, &among)] {
                let stated = StatedRelations::new(&program, &among, &order);
                let laid: Vec<(u32, Relation, u32, u32, f64)> = (0..stated.len())
                    .map(|c| {
                        let (s, r, o) = stated.triple(c);
                        (s, r, o, stated.statement[c], stated.strength(c))
                    })
                    .collect();
                assert_eq!(laid, expected);
                if !among.is_empty() {
                    assert!(expected.len() < among.len(), "no triple was stated twice");
                }
            }
        }
    }
    /// The layout made on two cores, each laying out half of the subjects, is the one a
    /// single walk makes: the same groups, triples and levels, with levels a byte wide on
    /// one side and four on the other, and with statements left out.
    #[test]
    fn two_cores_lay_out_as_one() {
        let distinct = |k: usize| format!(" confidence 0.{:03}", 100 + k);
        let mut early_wide = String::new();
        let mut late_wide = String::new();
        for k in 0..400 {
            // Levels past the 256th on the low side, or only on the high side.
            early_wide.push_str(&format!("a{k} activates b{}{}\n", k % 7, distinct(k)));
            late_wide.push_str(&format!("s{} inhibits t{}\n", k % 50, k % 11));
        }
        for k in 0..1200 {
            early_wide.push_str(&format!(
                "c{} inhibits d{}{}\n",
                k % 40,
                k % 37,
                distinct(k % 5)
            ));
        }
        for k in 0..400 {
            late_wide.push_str(&format!("h{k} activates s{}{}\n", k % 13, distinct(k)));
        }
        // And a byte wide on both sides.
        let narrow: String = (0..800)
            .map(|k| format!("n{} activates m{}{}\n", k % 60, k % 17, distinct(k % 3)))
            .collect();
        for text in [early_wide, late_wide, narrow] {
            let program = load_text("t.rules", &text).program;
            let n = program.statements.len() as u32;
            for among in [
                (0..n).collect::<Vec<u32>>(),
                (0..n).filter(|i| i % 4 != 1).collect(),
            ] {
                let order = by_pair(&program);
                let one = StatedRelations::new(&program, &among, &order);
                let levels = one.levels.clone();
                let mut level_of_statement = vec![OUT; program.statements.len()];
                for c in 0..one.len() {
                    level_of_statement[one.statement[c] as usize] = one.level.get(c) as u32;
                }
                // Duplicate triples keep their strongest statement's level too.
                for &i in &among {
                    let st = &program.statements[i as usize];
                    let strength = factor(program.confidence(&st.provenance));
                    let level = levels.iter().position(|l| l.0 == strength);
                    level_of_statement[i as usize] = level.map_or(OUT, |l| l as u32);
                }
                let groups = program.entities.len() * Relation::COUNT;
                let lay = |two_cores| {
                    let laid = lay_out(
                        &order,
                        (&level_of_statement, among.len()),
                        &levels,
                        groups,
                        two_cores,
                    );
                    let level: Vec<usize> =
                        (0..laid.object.len()).map(|c| laid.level.get(c)).collect();
                    let wide = matches!(laid.level, LevelIndex::Wide(_));
                    (laid.out_start, laid.object, laid.statement, level, wide)
                };
                let (alone, split) = (lay(usize::MAX), lay(2));
                assert_eq!(alone.4, levels.len() > 256);
                assert_eq!(split, alone);
                assert_eq!(split.0.len(), groups + 1);
            }
        }
    }
}
