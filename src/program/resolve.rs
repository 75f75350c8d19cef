//! Whole-program fix-ups after every file is read: aliases mentioned as names merge into
//! their entity, and the same statement stated twice becomes one with its citations unioned.

use indexmap::IndexMap;

use super::marked::{Marked, Ranked};
use super::model::*;
use super::radix;
use crate::source::Span;

/// Merge every entity that was mentioned under a name later declared as an alias
/// (`miR-233 …` before `entity miR-223 aka miR-233`) into the entity it names.
pub fn merge_aliases(program: &mut Program) {
    let n = program.entities.len();
    let mut target: Vec<u32> = (0..n as u32).collect();
    let mut any = false;
    for (alias, &to) in &program.aliases {
        if let Some(from) = program.entities.get_index_of(alias.as_str())
            && from as u32 != to.0
        {
            target[from] = to.0;
            any = true;
        }
    }
    if !any {
        return;
    }
    // Follow alias chains (A aka B, B aka C) to their end; a cycle stops where it closes.
    let resolve = |mut i: u32| {
        for _ in 0..n {
            if target[i as usize] == i {
                break;
            }
            i = target[i as usize];
        }
        i
    };
    let final_target: Vec<u32> = (0..n as u32).map(resolve).collect();
    let old = std::mem::take(&mut program.entities);
    let mut new_id = vec![0u32; n];
    let mut kept: IndexMap<String, Entity> = IndexMap::with_capacity(n);
    for (i, (name, entity)) in old.iter().enumerate() {
        if final_target[i] == i as u32 {
            new_id[i] = kept.len() as u32;
            kept.insert(name.clone(), entity.clone());
        }
    }
    for i in 0..n {
        new_id[i] = new_id[final_target[i] as usize];
    }
    for (i, (name, entity)) in old.into_iter().enumerate() {
        if final_target[i] != i as u32 {
            let into = &mut kept[new_id[i] as usize];
            if !into.aliases.contains(&name) {
                into.aliases.push(name);
            }
            for a in entity.aliases {
                if !into.aliases.contains(&a) {
                    into.aliases.push(a);
                }
            }
        }
    }
    program.entities = kept;
    remap_entities(program, &new_id);
}

/// Rewrite every entity handle through `map` (old id → new id).
fn remap_entities(p: &mut Program, map: &[u32]) {
    p.for_each_reference_mut(|e, _| e.0 = map[e.0 as usize]);
    p.mentions.remap(map);
}

/// The identity of a statement for merging: same subject, relation, object, conditions,
/// contexts and disputed flag (a disputed and an undisputed copy stay two statements).
type StatementKey = (u32, u32, Relation, Vec<(u32, State)>, Vec<ContextId>, bool);

fn key(program: &Program, s: &Statement) -> StatementKey {
    let mut conds: Vec<(u32, State)> = program
        .conditions(s)
        .map(|c| (c.entity.0, c.state))
        .collect();
    conds.sort_unstable();
    (
        s.subject.0,
        s.object.0,
        s.relation(),
        conds,
        program.contexts(&s.provenance).collect(),
        s.provenance.disputed(),
    )
}

/// One statement in a [`PairIndex`]: (subject << 32 | object, [`Relation::index`],
/// statement index).
pub type PairKey = (u64, u8, u32);

/// Per statement, sorted: its [`PairKey`]. Kept as one packed word per statement where
/// the keys and positions fit in 64 bits (a million statements: 8 MB, not 16), and
/// unpacked on reading.
#[derive(Debug, Clone)]
pub struct PairIndex(Entries);

#[derive(Debug, Clone)]
enum Entries {
    /// (subject, object, relation) above the position.
    Packed {
        words: Vec<u64>,
        widths: KeyWidths,
        position: u32,
    },
    Wide(Vec<PairKey>),
}

impl PairIndex {
    /// How many statements.
    pub fn len(&self) -> usize {
        match &self.0 {
            Entries::Packed { words, .. } => words.len(),
            Entries::Wide(keys) => keys.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th key in order.
    #[inline]
    pub fn get(&self, i: usize) -> PairKey {
        match &self.0 {
            Entries::Packed {
                words,
                widths,
                position,
            } => {
                let w = words[i];
                unpack(w >> position, (w & low_bits(*position)) as u32, *widths)
            }
            Entries::Wide(keys) => keys[i],
        }
    }

    /// The statement of the `i`th key, if there is one: cheaper than the whole key, for
    /// a walk that hints the memory of statements a little ahead.
    #[inline]
    pub fn position(&self, i: usize) -> Option<u32> {
        match &self.0 {
            Entries::Packed {
                words, position, ..
            } => words.get(i).map(|w| (w & low_bits(*position)) as u32),
            Entries::Wide(keys) => keys.get(i).map(|k| k.2),
        }
    }

    /// Every key, in order.
    pub fn iter(&self) -> impl Iterator<Item = PairKey> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The ranges of entries with one (subject, object, relation), in order: found on
    /// the packed words themselves, without taking each entry apart.
    pub fn runs(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let same = move |a: usize, b: usize| match &self.0 {
            Entries::Packed {
                words, position, ..
            } => words[a] >> position == words[b] >> position,
            Entries::Wide(keys) => keys[a].0 == keys[b].0 && keys[a].1 == keys[b].1,
        };
        let n = self.len();
        let mut start = 0;
        std::iter::from_fn(move || {
            if start >= n {
                return None;
            }
            let mut end = start + 1;
            while end < n && same(start, end) {
                end += 1;
            }
            let run = start..end;
            start = end;
            Some(run)
        })
    }

    /// The keys of the pair `subject << 32 | object`, in order.
    pub fn of_pair(&self, pair: u64) -> impl Iterator<Item = PairKey> + '_ {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).0 < pair {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        (lo..self.len())
            .map(|i| self.get(i))
            .take_while(move |k| k.0 == pair)
    }

    /// Drop the statements `dropped` marks and number the rest on from 0; the kept
    /// statements keep their order, so the index stays sorted.
    fn retain_renumbered(&mut self, dropped: &Ranked) {
        let renumbered = |i: usize| (i - dropped.marked_before(i)) as u32;
        match &mut self.0 {
            Entries::Packed {
                words, position, ..
            } => {
                let low = low_bits(*position);
                words.retain_mut(|w| {
                    let i = (*w & low) as usize;
                    *w = (*w & !low) | u64::from(renumbered(i));
                    !dropped.contains(i)
                });
            }
            Entries::Wide(keys) => keys.retain_mut(|(_, _, i)| {
                let at = *i as usize;
                *i = renumbered(at);
                !dropped.contains(at)
            }),
        }
    }
}

impl PartialEq for PairIndex {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

fn low_bits(bits: u32) -> u64 {
    (1u64 << bits) - 1
}

/// Statement indices sorted by (subject, object, relation), then position: the order in
/// which duplicates and opposite signs sit side by side. The statements are read in
/// position order and sorted stably on the packed (subject, object, relation).
pub fn by_pair(program: &Program) -> PairIndex {
    by_pair_on(program, PACK_TWO_CORES)
}

/// From this many statements [`by_pair`] packs their words on two cores, each half of
/// the statements (32 MB at a million) read by one.
const PACK_TWO_CORES: usize = 1 << 18;

/// [`by_pair`], packing on two cores from `two_cores` statements.
fn by_pair_on(program: &Program, two_cores: usize) -> PairIndex {
    let st = &program.statements;
    let widths = KeyWidths::of(program.entities.len());
    let position = radix::bits_for(st.len() as u64);
    if st.len() >= two_cores.max(2) && widths.bits() + position <= 64 {
        let mut words = vec![0u64; st.len()];
        let pack_half = |words: &mut [u64], first: usize| {
            for (k, (w, s)) in words.iter_mut().zip(&st[first..]).enumerate() {
                *w = pack(widths, position, s, (first + k) as u32);
            }
        };
        let middle = st.len() / 2;
        let (low, high) = words.split_at_mut(middle);
        crate::threads::both(|| pack_half(low, 0), || pack_half(high, middle));
        return PairIndex(sorted_packed(words, widths, position));
    }
    let each = || {
        program
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s))
    };
    by_pair_within(program, each)
}

/// [`by_pair`] of the statements `among` alone (ids into `program.statements`, every
/// entity of theirs below the count of entities): what the evaluation lays its stated
/// relations out by when loading left it no index of every statement.
pub fn by_pair_of(program: &Program, among: &[u32]) -> PairIndex {
    let each = || among.iter().map(|&i| (i, &program.statements[i as usize]));
    by_pair_within(program, each)
}

/// The index of the statements `each` gives with their positions, in position order.
fn by_pair_within<'a, I>(program: &Program, each: impl Fn() -> I) -> PairIndex
where
    I: Iterator<Item = (u32, &'a Statement)>,
{
    let positions = program.statements.len();
    let widths = KeyWidths::of(program.entities.len());
    PairIndex(
        by_pair_packed(each(), positions, widths)
            .unwrap_or_else(|| Entries::Wide(by_pair_wide(each(), widths))),
    )
}

/// The bits of a packed (subject, object, relation) key: an entity id, a relation index.
#[derive(Debug, Clone, Copy)]
struct KeyWidths {
    entity: u32,
    relation: u32,
}

impl KeyWidths {
    /// Every entity id is below the count of entities, as everywhere in the engine.
    fn of(entities: usize) -> KeyWidths {
        KeyWidths {
            entity: radix::bits_for(entities.saturating_sub(1) as u64),
            relation: radix::bits_for(Relation::COUNT as u64 - 1),
        }
    }

    fn key(self, s: &Statement) -> u64 {
        debug_assert!(radix::bits_for(u64::from(s.subject.0.max(s.object.0))) <= self.entity);
        (u64::from(s.subject.0) << (self.entity + self.relation))
            | (u64::from(s.object.0) << self.relation)
            | s.relation().index() as u64
    }

    fn bits(self) -> u32 {
        2 * self.entity + self.relation
    }
}

/// [`by_pair`] sorting the sixteen-byte index entries themselves.
fn by_pair_wide<'a>(
    each: impl Iterator<Item = (u32, &'a Statement)>,
    widths: KeyWidths,
) -> Vec<PairKey> {
    if widths.bits() > 64 {
        let mut keys: Vec<PairKey> = each
            .map(|(i, s)| {
                let pair = (u64::from(s.subject.0) << 32) | u64::from(s.object.0);
                (pair, s.relation().index() as u8, i)
            })
            .collect();
        keys.sort_unstable();
        return keys;
    }
    let mut keys: Vec<(u64, u32)> = each.map(|(i, s)| (widths.key(s), i)).collect();
    radix::sort_by_key(&mut keys, widths.bits(), |&(key, _)| key);
    keys.into_iter()
        .map(|(key, i)| unpack(key, i, widths))
        .collect()
}

/// [`by_pair`] sorting one word per statement, its (subject, object, relation) above its
/// position, instead of sixteen bytes: half the memory the sort moves. `None`
/// when the two do not fit in 64 bits (ten million statements over a million entities).
fn by_pair_packed<'a>(
    each: impl Iterator<Item = (u32, &'a Statement)>,
    positions: usize,
    widths: KeyWidths,
) -> Option<Entries> {
    let position = radix::bits_for(positions as u64);
    if widths.bits() + position > 64 {
        return None;
    }
    let packed: Vec<u64> = each.map(|(i, s)| pack(widths, position, s, i)).collect();
    Some(sorted_packed(packed, widths, position))
}

/// A statement's word: its (subject, object, relation) above its position `i`.
#[inline]
fn pack(widths: KeyWidths, position: u32, s: &Statement, i: u32) -> u64 {
    (widths.key(s) << position) | u64::from(i)
}

/// The index of packed words, sorted.
fn sorted_packed(mut words: Vec<u64>, widths: KeyWidths, position: u32) -> Entries {
    // The position below the key makes every word distinct and orders equal keys by
    // position: sorting the words is sorting stably by key.
    radix::sort_words(&mut words, widths.bits() + position);
    Entries::Packed {
        words,
        widths,
        position,
    }
}

/// A packed (subject, object, relation) key and a position as an index entry.
fn unpack(key: u64, position: u32, widths: KeyWidths) -> PairKey {
    let r = key & low_bits(widths.relation);
    let object = (key >> widths.relation) & low_bits(widths.entity);
    let subject = key >> (widths.entity + widths.relation);
    ((subject << 32) | object, r as u8, position)
}

/// From this many statements [`merge_duplicates`] drops the merged ones from the
/// statements on one core while the index drops and renumbers them on the other: two
/// passes over 320 and 160 MB on ten million statements.
const RETAIN_TWO_CORES: usize = 1 << 18;

/// The (first, again) spans of every statement stated twice in one file, whatever other
/// files state: a file that repeats itself is worth a warning even when an earlier file
/// makes the same claim. `merges` pairs the kept statement with each of its copies.
fn repeated_in_one_file(st: &[Statement], merges: &[(usize, usize)]) -> Vec<(Span, Span)> {
    let mut copies: IndexMap<usize, Vec<Span>> = IndexMap::new();
    for &(keep, dup) in merges {
        copies
            .entry(keep)
            .or_insert_with(|| vec![st[keep].provenance.span])
            .push(st[dup].provenance.span);
    }
    let mut repeated = Vec::new();
    for spans in copies.values_mut() {
        spans.sort();
        for (i, again) in spans.iter().enumerate() {
            // The first copy in the same file, if this one is not it.
            if let Some(first) = spans[..i].iter().find(|s| s.file == again.file)
                && first != again
            {
                repeated.push((*first, *again));
            }
        }
    }
    repeated.sort();
    repeated
}

/// Merge statements stated more than once: the first occurrence's place in the program
/// stays, the citations of all are unioned, and the most confident line (the first of
/// equals) gives the confidence, the location and the verb it explains with; the other
/// locations go to [`Program::also_stated`]. Returns [`by_pair`] of the
/// merged statements, and the (first, repeated) spans of every statement stated twice in
/// one file (across files, restating a claim from another source is normal).
pub fn merge_duplicates(program: &mut Program) -> (PairIndex, Vec<(Span, Span)>) {
    merge_duplicates_on(program, RETAIN_TWO_CORES)
}

/// [`merge_duplicates`], dropping the merged statements on two cores from `two_cores`
/// statements.
fn merge_duplicates_on(program: &mut Program, two_cores: usize) -> (PairIndex, Vec<(Span, Span)>) {
    let st = &program.statements;
    let keys = by_pair(program);
    let mut drop = Marked::new(st.len());
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for same in keys.runs() {
        // Same subject, object and relation, in statement order.
        if same.len() > 1 {
            let run: Vec<PairKey> = same.map(|i| keys.get(i)).collect();
            for (j, &(_, _, keep)) in run.iter().enumerate() {
                if drop.contains(keep as usize) {
                    continue;
                }
                for &(_, _, dup) in &run[j + 1..] {
                    if !drop.contains(dup as usize)
                        && key(program, &st[keep as usize]) == key(program, &st[dup as usize])
                    {
                        drop.mark(dup as usize);
                        merges.push((keep as usize, dup as usize));
                    }
                }
            }
        }
    }
    if merges.is_empty() {
        return (keys, Vec::new());
    }
    let repeated = repeated_in_one_file(st, &merges);
    // Per kept statement, its merged duplicates in statement order.
    merges.sort_unstable();
    let mut m = 0;
    while m < merges.len() {
        let keep = merges[m].0;
        let mut group = vec![keep];
        while m < merges.len() && merges[m].0 == keep {
            group.push(merges[m].1);
            m += 1;
        }
        let strongest = group.iter().copied().fold(keep, |best, i| {
            let c = |i: usize| program.confidence(&program.statements[i].provenance);
            if c(i) > c(best) { i } else { best }
        });
        let (span, verb, confidence) = {
            let s = &program.statements[strongest];
            (
                s.provenance.span,
                s.verb(),
                program.confidence(&s.provenance),
            )
        };
        let mut others: Vec<Span> = group
            .iter()
            .map(|&i| program.statements[i].provenance.span)
            .filter(|&s| s != span)
            .collect();
        others.sort();
        others.dedup();
        let mut kept = program.statements[keep].provenance;
        for &dup in &group[1..] {
            let blocks: Vec<CitationBlock> = program
                .tails(&program.statements[dup].provenance)
                .citation_blocks()
                .collect();
            if blocks.is_empty() {
                continue;
            }
            let k = program.provenances.tails_mut(&mut kept);
            for b in blocks {
                k.add_citation_block(b);
            }
        }
        kept.span = span;
        program.provenances.set_confidence(&mut kept, confidence);
        let k = &mut program.statements[keep];
        k.provenance = kept;
        k.set_verb(verb);
        if !others.is_empty() {
            program.also_stated.insert(span, others);
        }
    }
    let dropped = drop.ranked();
    let statements = &mut program.statements;
    let retain = |statements: &mut Vec<Statement>| {
        let mut i = 0;
        statements.retain(|_| {
            i += 1;
            !dropped.contains(i - 1)
        });
    };
    // The kept statements keep their order, so the index stays sorted once renumbered.
    let mut keys = keys;
    if statements.len() >= two_cores {
        crate::threads::both(|| retain(statements), || keys.retain_renumbered(&dropped));
    } else {
        retain(statements);
        keys.retain_renumbered(&dropped);
    }
    debug_assert_eq!(keys, by_pair(program));
    (keys, repeated)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::source::FileId;

    fn statement((subject, object, relation): (u32, u32, usize)) -> Statement {
        let provenance = ProvenanceTables::default().of_line(
            Span::new(FileId(0), 0, 0),
            [],
            None,
            [],
            0.7,
            false,
        );
        let (subject, object) = (EntityId(subject), EntityId(object));
        Statement::new(
            subject,
            Relation::ALL[relation],
            VerbId(0),
            object,
            provenance,
        )
    }

    proptest! {
        /// One word per statement sorts exactly as the sixteen-byte entries do, and both
        /// find the same runs of one (subject, object, relation).
        #[test]
        fn packed_and_wide_agree(
            triples in prop::collection::vec((0u32..40, 0u32..40, 0usize..3, any::<bool>()), 0..200),
            spread in prop::sample::select(vec![1u32, 1000, 1 << 20, 1 << 26]),
        ) {
            let statements: Vec<Statement> = triples
                .iter()
                .map(|&(s, o, r, _)| statement((s * spread, o * spread, r)))
                .collect();
            let widths = KeyWidths::of(40 * spread as usize);
            let each = || statements.iter().enumerate().map(|(i, s)| (i as u32, s));
            let wide = by_pair_wide(each(), widths);
            // Runs of one (subject, object, relation), as the entries taken apart say.
            let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
            for (i, k) in wide.iter().enumerate() {
                match runs.last_mut() {
                    Some(run) if (wide[run.start].0, wide[run.start].1) == (k.0, k.1) => {
                        run.end = i + 1;
                    }
                    _ => runs.push(i..i + 1),
                }
            }
            // Some of the statements alone: the whole index without the others.
            let among: Vec<u32> = (0..statements.len() as u32)
                .filter(|&i| triples[i as usize].3)
                .collect();
            let of_among = || among.iter().map(|&i| (i, &statements[i as usize]));
            let kept = |entries: &[PairKey]| -> Vec<PairKey> {
                entries.iter().copied().filter(|k| triples[k.2 as usize].3).collect()
            };
            prop_assert_eq!(by_pair_wide(of_among(), widths), kept(&wide));
            let wide = PairIndex(Entries::Wide(wide));
            prop_assert_eq!(wide.runs().collect::<Vec<_>>(), runs.clone());
            let entries = |index: &PairIndex| index.iter().collect::<Vec<_>>();
            match by_pair_packed(each(), statements.len(), widths) {
                Some(packed) => {
                    let packed = PairIndex(packed);
                    prop_assert_eq!(entries(&packed), entries(&wide));
                    prop_assert_eq!(packed.runs().collect::<Vec<_>>(), runs);
                    let some = by_pair_packed(of_among(), statements.len(), widths)
                        .map(|p| entries(&PairIndex(p)));
                    prop_assert_eq!(some, Some(kept(&entries(&wide))));
                }
                // Ids this far apart leave no room for the position.
                None => prop_assert!(spread == 1 << 26),
            }
        }
    }

    /// Packed on two cores, the index is the one packed on one; the halves split an odd
    /// count.
    #[test]
    fn packed_on_two_cores_as_on_one() {
        let mut text = String::new();
        for i in 0..1001u32 {
            let verb = ["activates", "inhibits", "carries"][(i % 3) as usize];
            text.push_str(&format!("e{} {verb} e{} [S{i}]\n", i * 7 % 41, i * 13 % 37));
        }
        let program = crate::program::load_text("t.rules", &text).program;
        let one = by_pair_on(&program, usize::MAX);
        assert!(matches!(one.0, Entries::Packed { .. }));
        assert_eq!(program.statements.len() % 2, 1);
        assert_eq!(
            by_pair_on(&program, 2).iter().collect::<Vec<_>>(),
            one.iter().collect::<Vec<_>>()
        );
    }

    /// Dropping the merged statements on two cores leaves the statements and the index
    /// that one core leaves.
    #[test]
    fn merged_on_two_cores_as_on_one() {
        let mut text = String::new();
        for i in 0..1001u32 {
            let verb = ["activates", "inhibits"][(i % 2) as usize];
            text.push_str(&format!("e{} {verb} e{} [S{i}]\n", i % 23, i % 19));
        }
        // Loading merged its duplicates: every third statement is stated again, and the
        // first hundred are moved to the end, after their copies.
        let mut stated = crate::program::load_text("t.rules", &text).program;
        let distinct = stated.statements.len();
        let again: Vec<Statement> = stated.statements.iter().step_by(3).copied().collect();
        stated.statements.extend(again);
        stated.statements.rotate_left(100);
        let merged = |two_cores| {
            let mut program = stated.clone();
            let (keys, _) = merge_duplicates_on(&mut program, two_cores);
            let statements: Vec<_> = program
                .statements
                .iter()
                .map(|s| (s.subject, s.relation(), s.object, s.provenance))
                .collect();
            (keys.iter().collect::<Vec<_>>(), statements)
        };
        let one = merged(usize::MAX);
        assert_eq!(one.1.len(), distinct);
        assert_eq!(merged(0), one);
    }
}
