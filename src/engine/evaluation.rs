//! The result of a run: facts that hold, strengths, strongest derivations and indexes.

use std::sync::Arc;

use crate::program::{Clamp, EntityId, Relation, State, StatementId};

use super::config::RunConfig;
use super::fact::{Derivation, Fact, FactId, Origin};
use super::hash::{PairMap, pair};
use super::relations::StatedRelations;
use super::strength::Cost;

pub(crate) const NONE: u32 = u32::MAX;

/// A settled fact with the numbers rules read from it, kept together for locality.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    pub fact: u32,
    pub steps: u32,
    pub cost: Cost,
}

impl Slot {
    pub(crate) const EMPTY: Slot = Slot {
        fact: NONE,
        steps: 0,
        cost: Cost::NEVER,
    };
}

/// What a settled fact is worth: exact cost, its number for output, and its height.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Value {
    pub cost: Cost,
    pub strength: f64,
    pub steps: u32,
}

/// Index of an entity's state in the dense state tables.
pub(crate) fn state_key(entity: u32, state: State) -> usize {
    entity as usize * 2 + usize::from(state == State::Down)
}

pub(crate) fn state_index(state: State) -> usize {
    usize::from(state == State::Down)
}

pub(crate) fn relation_index(relation: Relation) -> usize {
    relation.index()
}

/// Everything a run derived, with the strongest derivation of each fact.
///
/// Facts are stored in Vec-indexed arenas in the order they were settled. Relation facts
/// are candidates first: stated ones (plain statements, laid out by `StatedRelations`)
/// and derived ones (conclusions of conditional statements and rules, hashed by triple);
/// a candidate maps to its fact once it holds. Both kinds are reachable by subject and by
/// object, so explanations can join over them after the run without re-evaluating.
///
/// When no rule can strengthen a stated relation (the common case), each one settles first,
/// by its statement alone, so nothing about it needs storing: handles `0..implicit` are
/// the stated candidates themselves, and their fact, strength and origin are read from the
/// layout. A million such facts would otherwise take some 60 bytes each. Stated candidates
/// a rule may conclude (`contested`) and those that never hold leave gaps in that range;
/// the contested ones settle later as ordinary facts.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub(crate) config: RunConfig,
    pub(crate) entities: usize,
    /// Handles below this are stated candidates settled by their statement alone (0 when
    /// stated relations are recorded like any other fact, as in a bounded run).
    implicit: u32,
    /// How many handles below `implicit` hold (the others are gaps).
    implicit_held: usize,
    /// With `implicit`: one bit per stated candidate that a rule may conclude (empty when
    /// none may), whose slot is then in `contested_slot`.
    contested: Vec<u64>,
    contested_slot: rustc_hash::FxHashMap<u32, Slot>,
    /// Per recorded fact (handle − `implicit`): the fact.
    facts: Vec<Fact>,
    /// Per recorded fact: its exact strength, which decides everything.
    cost: Vec<Cost>,
    /// Per recorded fact: the product of its strongest derivation's factors as a number,
    /// for output.
    strength: Vec<f64>,
    steps: Vec<u32>,
    /// Per recorded fact: how it was made; its premises are
    /// `premises[premise_start[i]..[i + 1]]`.
    made: Vec<Origin>,
    premise_start: Vec<u32>,
    premises: Vec<FactId>,
    /// `state_key` → the settled fact (`fact == NONE` while it does not hold).
    pub(crate) state_slot: Vec<Slot>,
    /// Shared with a thread that indexes it meanwhile ([`super::StatedLayout`]).
    pub(crate) stated: Arc<StatedRelations>,
    /// Relation candidate − `slot_base` → the settled fact.
    relation_slot: Vec<Slot>,
    /// The first candidate with a slot in `relation_slot`: the stated count when stated
    /// relations are implicit, else 0.
    slot_base: usize,
    /// Per relation: `pair(subject, object)` → derived relation candidate.
    derived: [PairMap<u32>; Relation::COUNT],
    /// Per derived candidate (index − stated count): its triple.
    pub(crate) derived_triple: Vec<(u32, Relation, u32)>,
    /// `relation * entities + subject|object` → newest settled derived candidate.
    derived_out_head: Vec<u32>,
    derived_in_head: Vec<u32>,
    /// Per derived candidate: the next (older) settled one with the same subject|object.
    derived_next_out: Vec<u32>,
    derived_next_in: Vec<u32>,
    pub(crate) by_state: [Vec<u32>; 2],
    /// Per relation: its recorded facts, in settling order (implicit ones are found by
    /// their layout, which groups them by relation).
    by_relation: [Vec<u32>; Relation::COUNT],
    /// Set when the join-row limit stopped the run early: the facts are then partial.
    pub(crate) stopped: Option<super::join::JoinLimit>,
}

impl Evaluation {
    /// An empty evaluation over `stated`. With `implicit`, every stated candidate that holds
    /// and is not in it (sorted) is settled by its statement from the start; without,
    /// stated relations are recorded as they settle.
    pub(crate) fn new(
        config: RunConfig,
        entities: usize,
        stated: Arc<StatedRelations>,
        implicit: Option<&[u32]>,
    ) -> Evaluation {
        let (implicit_count, slot_base, implicit_held, contested) = match implicit {
            Some(contested) => {
                let mut bits = Vec::new();
                if !contested.is_empty() {
                    bits = vec![0u64; stated.len().div_ceil(64)];
                    for &c in contested {
                        bits[c as usize / 64] |= 1 << (c % 64);
                    }
                }
                let held = if bits.is_empty() {
                    stated.holding()
                } else {
                    (0..stated.len())
                        .filter(|&c| stated.cost(c).holds() && !bit(&bits, c))
                        .count()
                };
                (stated.len() as u32, stated.len(), held, bits)
            }
            None => (0, 0, 0, Vec::new()),
        };
        let capacity = stated.len() - slot_base + entities * 2;
        Evaluation {
            config,
            entities,
            implicit: implicit_count,
            implicit_held,
            contested,
            contested_slot: Default::default(),
            facts: Vec::with_capacity(capacity),
            cost: Vec::with_capacity(capacity),
            strength: Vec::with_capacity(capacity),
            steps: Vec::with_capacity(capacity),
            made: Vec::with_capacity(capacity),
            premise_start: {
                let mut v = Vec::with_capacity(capacity + 1);
                v.push(0);
                v
            },
            premises: Vec::new(),
            state_slot: vec![Slot::EMPTY; entities * 2],
            relation_slot: vec![Slot::EMPTY; stated.len() - slot_base],
            slot_base,
            stated,
            derived: Default::default(),
            derived_triple: Vec::new(),
            derived_out_head: Vec::new(),
            derived_in_head: Vec::new(),
            derived_next_out: Vec::new(),
            derived_next_in: Vec::new(),
            by_state: [Vec::new(), Vec::new()],
            by_relation: Default::default(),
            stopped: None,
        }
    }

    fn record(&mut self, fact: Fact, value: Value, made: Origin, premises: &[FactId]) -> u32 {
        let id = self.implicit + self.facts.len() as u32;
        self.facts.push(fact);
        self.cost.push(value.cost);
        self.strength.push(value.strength);
        let steps = value.steps;
        self.steps.push(steps);
        self.made.push(made);
        self.premises.extend_from_slice(premises);
        self.premise_start.push(self.premises.len() as u32);
        id
    }

    /// Record a settled state fact; returns its handle.
    pub(crate) fn push_state(
        &mut self,
        fact: Fact,
        value: Value,
        made: Origin,
        premises: &[FactId],
    ) -> u32 {
        let id = self.record(fact, value, made, premises);
        if let Fact::State(e, s) = fact {
            self.state_slot[state_key(e.0, s)] = Slot {
                fact: id,
                steps: value.steps,
                cost: value.cost,
            };
            self.by_state[state_index(s)].push(id);
        }
        id
    }

    /// Record a settled relation fact of relation candidate `candidate`.
    pub(crate) fn push_relation(
        &mut self,
        fact: Fact,
        candidate: u32,
        value: Value,
        made: Origin,
        premises: &[FactId],
    ) -> u32 {
        let id = self.record(fact, value, made, premises);
        // A bounded run settles a fact again when a stronger, taller derivation fits the
        // bound; its candidate is linked once.
        let first = self.slot(candidate).fact == NONE;
        let slot = Slot {
            fact: id,
            steps: value.steps,
            cost: value.cost,
        };
        match (candidate as usize).checked_sub(self.slot_base) {
            Some(i) => self.relation_slot[i] = slot,
            None => {
                self.contested_slot.insert(candidate, slot);
            }
        }
        if let Fact::Relation(a, r, b) = fact {
            self.by_relation[relation_index(r)].push(id);
            if let Some(d) = (candidate as usize)
                .checked_sub(self.stated.len())
                .filter(|_| first)
            {
                if self.derived_out_head.is_empty() {
                    self.derived_out_head = vec![NONE; self.entities * Relation::COUNT];
                    self.derived_in_head = vec![NONE; self.entities * Relation::COUNT];
                }
                let out = relation_index(r) * self.entities + a.0 as usize;
                let inn = relation_index(r) * self.entities + b.0 as usize;
                self.derived_next_out[d] = self.derived_out_head[out];
                self.derived_out_head[out] = candidate;
                self.derived_next_in[d] = self.derived_in_head[inn];
                self.derived_in_head[inn] = candidate;
            }
        }
        id
    }

    /// The slot of a settled relation fact, by handle (used right after it settles).
    pub(crate) fn relation_slot_of(&self, id: u32) -> Slot {
        Slot {
            fact: id,
            steps: self.steps(FactId(id)),
            cost: self.cost(FactId(id)),
        }
    }

    /// The recorded position of a handle, or `None` for an implicit stated fact.
    #[inline]
    fn recorded(&self, id: FactId) -> Option<usize> {
        id.0.checked_sub(self.implicit).map(|i| i as usize)
    }

    /// Whether stated candidate `c` (below `implicit`) holds by its statement alone.
    #[inline]
    fn implicit_holds(&self, c: usize) -> bool {
        self.stated.cost(c).holds() && !bit(&self.contested, c)
    }

    /// The settled fact of relation candidate `c` (`fact == NONE` while it does not hold).
    #[inline]
    pub(crate) fn slot(&self, c: u32) -> Slot {
        let i = c as usize;
        match i.checked_sub(self.slot_base) {
            Some(i) => self.relation_slot.get(i).copied().unwrap_or(Slot::EMPTY),
            None if bit(&self.contested, i) => {
                self.contested_slot.get(&c).copied().unwrap_or(Slot::EMPTY)
            }
            None => {
                let cost = self.stated.cost(i);
                if cost.holds() {
                    Slot {
                        fact: c,
                        steps: 0,
                        cost,
                    }
                } else {
                    Slot::EMPTY
                }
            }
        }
    }

    /// The relation candidate for a triple: the stated one, or a derived one created on
    /// first use.
    pub(crate) fn intern(&mut self, subject: u32, relation: Relation, object: u32) -> u32 {
        if let Some(c) = self.stated.find(subject, relation, object) {
            return c;
        }
        let next = (self.slot_base + self.relation_slot.len()) as u32;
        let c = *self.derived[relation_index(relation)]
            .entry(pair(subject, object))
            .or_insert(next);
        if c == next {
            self.relation_slot.push(Slot::EMPTY);
            self.derived_triple.push((subject, relation, object));
            self.derived_next_out.push(NONE);
            self.derived_next_in.push(NONE);
        }
        c
    }

    /// The join limit that stopped this run early, leaving it partial.
    pub fn stopped(&self) -> Option<&super::join::JoinLimit> {
        self.stopped.as_ref()
    }

    /// The handle of a fact, if it holds.
    pub fn fact_id(&self, fact: &Fact) -> Option<FactId> {
        match *fact {
            Fact::State(e, s) => self.state(e, s),
            Fact::Relation(a, r, b) => self.relation(a, r, b),
        }
    }

    /// The handle of `entity state`, if it holds.
    pub fn state(&self, entity: EntityId, state: State) -> Option<FactId> {
        let id = self.state_slot.get(state_key(entity.0, state))?.fact;
        (id != NONE).then_some(FactId(id))
    }

    /// The handle of `subject relation object`, if it holds.
    pub fn relation(
        &self,
        subject: EntityId,
        relation: Relation,
        object: EntityId,
    ) -> Option<FactId> {
        let candidate = match self.stated.find(subject.0, relation, object.0) {
            Some(c) => c,
            None => *self.derived[relation_index(relation)].get(&pair(subject.0, object.0))?,
        };
        self.settled(candidate)
    }

    /// The fact behind a handle.
    pub fn fact(&self, id: FactId) -> Fact {
        match self.recorded(id) {
            Some(i) => self.facts[i],
            None => {
                let (a, r, b) = self.stated.triple(id.index());
                Fact::Relation(EntityId(a), r, EntityId(b))
            }
        }
    }

    /// Strength of the strongest derivation, in [0, 1], as a number for output (0 only
    /// when it is below the smallest `f64`; [`Evaluation::cost`] is exact).
    pub fn strength(&self, id: FactId) -> f64 {
        match self.recorded(id) {
            Some(i) => self.strength[i],
            None => self.stated.strength(id.index()),
        }
    }

    /// The exact strength of the strongest derivation: what orders, ties and leans use.
    #[inline]
    pub fn cost(&self, id: FactId) -> Cost {
        match self.recorded(id) {
            Some(i) => self.cost[i],
            None => self.stated.cost(id.index()),
        }
    }

    /// The strongest derivation (the shortest among equally strong ones, then the first found).
    pub fn derivation(&self, id: FactId) -> Derivation {
        self.origin(id).with(self.premises(id))
    }

    /// What made the fact hold in its strongest derivation.
    pub fn origin(&self, id: FactId) -> Origin {
        match self.recorded(id) {
            Some(i) => self.made[i],
            None => Origin::Statement(StatementId(self.stated.statement[id.index()])),
        }
    }

    /// The premises of the strongest derivation, in rule-body order (empty for clamps
    /// and plain statements).
    pub fn premises(&self, id: FactId) -> &[FactId] {
        match self.recorded(id) {
            Some(i) => {
                &self.premises[self.premise_start[i] as usize..self.premise_start[i + 1] as usize]
            }
            None => &[],
        }
    }

    /// Height of the strongest derivation: clamps and plain statements are 0.
    #[inline]
    pub fn steps(&self, id: FactId) -> u32 {
        match self.recorded(id) {
            Some(i) => self.steps[i],
            None => 0,
        }
    }

    /// Every fact that holds, in the order it was settled (strongest first).
    pub fn facts(&self) -> impl Iterator<Item = (FactId, Fact)> + '_ {
        let implicit = if self.implicit == 0 {
            None
        } else {
            Some(self.stated.triples_in_relation_order())
        };
        implicit
            .into_iter()
            .flatten()
            .filter(|&(c, _)| self.implicit_holds(c))
            .map(|(c, (a, r, b))| {
                let fact = Fact::Relation(EntityId(a), r, EntityId(b));
                (FactId(c as u32), fact)
            })
            .chain(
                (self.implicit..self.implicit + self.facts.len() as u32)
                    .map(|id| (FactId(id), self.fact(FactId(id)))),
            )
    }

    /// Number of facts that hold.
    pub fn len(&self) -> usize {
        self.implicit_held + self.facts.len()
    }

    /// True when no fact holds.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The clamps and contexts of this run.
    pub fn config(&self) -> &RunConfig {
        &self.config
    }

    /// The first clamp of the run on `entity`, if any.
    pub fn clamp(&self, entity: EntityId) -> Option<Clamp> {
        self.config
            .clamps
            .iter()
            .find(|c| c.entity == entity)
            .copied()
    }

    fn settled(&self, candidate: u32) -> Option<FactId> {
        let id = self.slot(candidate).fact;
        (id != NONE).then_some(FactId(id))
    }

    /// Hint a state's slot and where its entity's stated relations start.
    #[inline]
    pub(crate) fn prefetch_state(&self, index: usize) {
        if let Some(slot) = self.state_slot.get(index) {
            crate::prefetch::prefetch(slot);
        }
        self.stated.prefetch_start(index / 2);
    }

    /// The objects of the stated relations out of `subject` (held or not), in layout order.
    pub(crate) fn stated_objects(&self, subject: u32, relation: Relation) -> &[u32] {
        &self.stated.object[self.stated.from(subject, relation)]
    }

    /// Settled relations `subject relation ?` as (slot, object), for the engine's hot path:
    /// the stated ones by object, then the derived ones newest first.
    pub(crate) fn out_edges(
        &self,
        subject: u32,
        relation: Relation,
    ) -> impl Iterator<Item = (Slot, u32)> + '_ {
        let range = self.stated.from(subject, relation);
        let objects = &self.stated.object[range.clone()];
        range
            .zip(objects)
            .map(|(c, &o)| (self.slot(c as u32), o))
            .filter(|(slot, _)| slot.fact != NONE)
            .chain(self.derived_out_edges(subject, relation))
    }

    /// Whether every stated relation that holds is settled by its statement alone, none
    /// contested: then a stated candidate's slot is read straight from the layout
    /// ([`StatedRelations::each_from`]), the common case of a network without rules that
    /// conclude relations.
    #[inline]
    pub(crate) fn stated_all_implicit(&self) -> bool {
        self.slot_base == self.stated.len() && self.contested.is_empty()
    }

    /// The derived part of [`Evaluation::out_edges`].
    pub(crate) fn derived_out_edges(
        &self,
        subject: u32,
        relation: Relation,
    ) -> impl Iterator<Item = (Slot, u32)> + '_ {
        let head = self
            .derived_out_head
            .get(relation_index(relation) * self.entities + subject as usize)
            .copied()
            .unwrap_or(NONE);
        Linked {
            next: head,
            offset: self.stated.len(),
            links: &self.derived_next_out,
        }
        .filter_map(move |c| {
            let slot = self.slot(c);
            let d = (c as usize).checked_sub(self.stated.len())?;
            let (_, _, o) = *self.derived_triple.get(d)?;
            (slot.fact != NONE).then_some((slot, o))
        })
    }

    /// Relation facts `subject relation ?` that hold: stated ones by object, then derived
    /// ones newest first.
    pub fn relations_from(
        &self,
        subject: EntityId,
        relation: Relation,
    ) -> impl Iterator<Item = FactId> + '_ {
        let head = self
            .derived_out_head
            .get(relation_index(relation) * self.entities + subject.0 as usize)
            .copied()
            .unwrap_or(NONE);
        self.stated
            .from(subject.0, relation)
            .filter_map(move |c| self.settled(c as u32))
            .chain(
                Linked {
                    next: head,
                    offset: self.stated.len(),
                    links: &self.derived_next_out,
                }
                .filter_map(move |c| self.settled(c)),
            )
    }

    /// Relation facts `? relation object` that hold: stated ones, then derived ones.
    pub fn relations_to(
        &self,
        object: EntityId,
        relation: Relation,
    ) -> impl Iterator<Item = FactId> + '_ {
        let head = self
            .derived_in_head
            .get(relation_index(relation) * self.entities + object.0 as usize)
            .copied()
            .unwrap_or(NONE);
        self.stated
            .to(object.0, relation)
            .iter()
            .filter_map(move |&c| self.settled(c))
            .chain(
                Linked {
                    next: head,
                    offset: self.stated.len(),
                    links: &self.derived_next_in,
                }
                .filter_map(move |c| self.settled(c)),
            )
    }

    /// Handles of all state facts with `state`, in settling order.
    pub(crate) fn states_with(&self, state: State) -> &[u32] {
        &self.by_state[state_index(state)]
    }

    /// Handles of all relation facts of `relation`, in settling order.
    pub(crate) fn relations_of(&self, relation: Relation) -> impl Iterator<Item = u32> + '_ {
        let implicit: &[u32] = if self.implicit == 0 {
            &[]
        } else {
            self.stated.of(relation)
        };
        implicit
            .iter()
            .copied()
            .filter(|&c| self.implicit_holds(c as usize))
            .chain(self.by_relation[relation_index(relation)].iter().copied())
    }
}

/// Bit `i` of a bit set (false past its end, so an empty set holds nothing).
#[inline]
fn bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// Walks one linked list of settled derived relation candidates.
struct Linked<'a> {
    next: u32,
    offset: usize,
    links: &'a [u32],
}

impl Iterator for Linked<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.next == NONE {
            return None;
        }
        let c = self.next;
        self.next = self
            .links
            .get((c as usize).wrapping_sub(self.offset))
            .copied()
            .unwrap_or(NONE);
        Some(c)
    }
}
