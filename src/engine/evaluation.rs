//! The result of a run: facts that hold, strengths, strongest derivations and indexes.

use crate::program::{Clamp, EntityId, Relation, State};

use super::config::RunConfig;
use super::fact::{Derivation, Fact, FactId};
use super::hash::{PairMap, pair};

pub(crate) const NONE: u32 = u32::MAX;

/// Index of an entity's state in the dense state tables.
pub(crate) fn state_key(entity: u32, state: State) -> usize {
    entity as usize * 2 + usize::from(state == State::Down)
}

pub(crate) fn state_index(state: State) -> usize {
    usize::from(state == State::Down)
}

pub(crate) fn relation_index(relation: Relation) -> usize {
    match relation {
        Relation::Activates => 0,
        Relation::Inhibits => 1,
        Relation::Carries => 2,
    }
}

/// Everything a run derived, with the strongest derivation of each fact.
///
/// Facts are stored in Vec-indexed arenas in the order they were settled; relation facts
/// are additionally linked by subject and by object so explanations can join over them
/// after the run without re-evaluating anything.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub(crate) config: RunConfig,
    pub(crate) entities: usize,
    pub(crate) facts: Vec<Fact>,
    pub(crate) strength: Vec<f64>,
    pub(crate) steps: Vec<u32>,
    pub(crate) derivations: Vec<Derivation>,
    /// `state_key` → fact handle or `NONE`.
    pub(crate) state_fact: Vec<u32>,
    /// `relation * entities + subject` → newest relation fact with that subject.
    pub(crate) out_head: Vec<u32>,
    /// `relation * entities + object` → newest relation fact with that object.
    pub(crate) in_head: Vec<u32>,
    /// Per fact: the next (older) fact in the same subject list.
    pub(crate) next_out: Vec<u32>,
    /// Per fact: the next (older) fact in the same object list.
    pub(crate) next_in: Vec<u32>,
    pub(crate) by_state: [Vec<u32>; 2],
    pub(crate) by_relation: [Vec<u32>; 3],
    /// Per relation: `pair(subject, object)` → relation candidate (see `candidate_fact`).
    pub(crate) relation_candidate: [PairMap<u32>; 3],
    /// Relation candidate → fact handle, or `NONE` while it does not (yet) hold.
    pub(crate) candidate_fact: Vec<u32>,
}

impl Evaluation {
    pub(crate) fn new(config: RunConfig, entities: usize, capacity: usize) -> Evaluation {
        Evaluation {
            config,
            entities,
            facts: Vec::with_capacity(capacity),
            strength: Vec::with_capacity(capacity),
            steps: Vec::with_capacity(capacity),
            derivations: Vec::with_capacity(capacity),
            state_fact: vec![NONE; entities * 2],
            out_head: vec![NONE; entities * 3],
            in_head: vec![NONE; entities * 3],
            next_out: Vec::with_capacity(capacity),
            next_in: Vec::with_capacity(capacity),
            by_state: [Vec::new(), Vec::new()],
            by_relation: [Vec::new(), Vec::new(), Vec::new()],
            relation_candidate: Default::default(),
            candidate_fact: Vec::new(),
        }
    }

    /// Record a settled fact and index it; returns its handle.
    pub(crate) fn push(
        &mut self,
        fact: Fact,
        strength: f64,
        steps: u32,
        derivation: Derivation,
    ) -> u32 {
        let id = self.facts.len() as u32;
        match fact {
            Fact::State(e, s) => {
                self.state_fact[state_key(e.0, s)] = id;
                self.by_state[state_index(s)].push(id);
                self.next_out.push(NONE);
                self.next_in.push(NONE);
            }
            Fact::Relation(a, r, b) => {
                let ri = relation_index(r);
                let out = ri * self.entities + a.0 as usize;
                let inn = ri * self.entities + b.0 as usize;
                self.next_out.push(self.out_head[out]);
                self.out_head[out] = id;
                self.next_in.push(self.in_head[inn]);
                self.in_head[inn] = id;
                self.by_relation[ri].push(id);
            }
        }
        self.facts.push(fact);
        self.strength.push(strength);
        self.steps.push(steps);
        self.derivations.push(derivation);
        id
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
        let id = *self.state_fact.get(state_key(entity.0, state))?;
        (id != NONE).then_some(FactId(id))
    }

    /// The handle of `subject relation object`, if it holds.
    pub fn relation(
        &self,
        subject: EntityId,
        relation: Relation,
        object: EntityId,
    ) -> Option<FactId> {
        let candidate =
            *self.relation_candidate[relation_index(relation)].get(&pair(subject.0, object.0))?;
        let id = self.candidate_fact[candidate as usize];
        (id != NONE).then_some(FactId(id))
    }

    /// The relation candidate for a triple, created on first use.
    pub(crate) fn intern(&mut self, subject: u32, relation: Relation, object: u32) -> u32 {
        let next = self.candidate_fact.len() as u32;
        let c = *self.relation_candidate[relation_index(relation)]
            .entry(pair(subject, object))
            .or_insert(next);
        if c == next {
            self.candidate_fact.push(NONE);
        }
        c
    }

    /// The fact behind a handle.
    pub fn fact(&self, id: FactId) -> Fact {
        self.facts[id.index()]
    }

    /// Strength of the strongest derivation, in (0, 1].
    pub fn strength(&self, id: FactId) -> f64 {
        self.strength[id.index()]
    }

    /// The strongest derivation (the first found among equally strong and equally short ones).
    pub fn derivation(&self, id: FactId) -> &Derivation {
        &self.derivations[id.index()]
    }

    /// Height of the strongest derivation: clamps and plain statements are 0.
    pub fn steps(&self, id: FactId) -> u32 {
        self.steps[id.index()]
    }

    /// Every fact that holds, in the order it was settled (strongest first).
    pub fn facts(&self) -> impl Iterator<Item = (FactId, Fact)> + '_ {
        self.facts
            .iter()
            .enumerate()
            .map(|(i, &f)| (FactId(i as u32), f))
    }

    /// Number of facts that hold.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
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

    /// Relation facts `subject relation ?` that hold (newest first).
    pub fn relations_from(
        &self,
        subject: EntityId,
        relation: Relation,
    ) -> impl Iterator<Item = FactId> + '_ {
        let head = self
            .out_head
            .get(relation_index(relation) * self.entities + subject.0 as usize)
            .copied()
            .unwrap_or(NONE);
        Chain {
            next: head,
            links: &self.next_out,
        }
    }

    /// Relation facts `? relation object` that hold (newest first).
    pub fn relations_to(
        &self,
        object: EntityId,
        relation: Relation,
    ) -> impl Iterator<Item = FactId> + '_ {
        let head = self
            .in_head
            .get(relation_index(relation) * self.entities + object.0 as usize)
            .copied()
            .unwrap_or(NONE);
        Chain {
            next: head,
            links: &self.next_in,
        }
    }

    /// Handles of all state facts with `state`, in settling order.
    pub(crate) fn states_with(&self, state: State) -> &[u32] {
        &self.by_state[state_index(state)]
    }

    /// Handles of all relation facts of `relation`, in settling order.
    pub(crate) fn relations_of(&self, relation: Relation) -> &[u32] {
        &self.by_relation[relation_index(relation)]
    }
}

/// Walks one linked list of relation facts.
struct Chain<'a> {
    next: u32,
    links: &'a [u32],
}

impl Iterator for Chain<'_> {
    type Item = FactId;

    fn next(&mut self) -> Option<FactId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.links[id as usize];
        Some(FactId(id))
    }
}
