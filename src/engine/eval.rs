//! Best-first forward chaining (Knuth's generalisation of Dijkstra's algorithm).
//!
//! Candidate facts wait in a priority queue ordered by (strength desc, steps asc, insertion
//! order asc). The first time a candidate is popped it is settled: no later derivation can
//! be stronger, because every factor is at most 1 and facts settle in non-increasing
//! strength. A rule instance is tried once, when its newest premise settles, by joining the
//! other premises against settled facts through the indexes of [`Evaluation`]. Conclusions
//! found during a join are buffered and applied afterwards, so the hot loop allocates
//! nothing per fact beyond the arenas it fills.

use std::collections::BinaryHeap;

use crate::program::ConjunctionId;
use crate::program::{EntityId, Program, Relation, RuleId, State, StatementId};

use super::compile::{Compiled, Head, Origin, factor};
use super::config::RunConfig;
use super::evaluation::{Evaluation, NONE, relation_index, state_index, state_key};
use super::fact::{Derivation, Fact, FactId};
use super::join::{ground, join, unify_fact};

/// Derive every consequence of `program` under `config`, with strengths and provenance.
pub fn evaluate(program: &Program, config: &RunConfig) -> Evaluation {
    let compiled = Compiled::new(program, config);
    let mut engine = Engine::new(program, config, &compiled);
    engine.seed(program, config);
    engine.run();
    engine.ev
}

/// A fact that may hold, with its best derivation so far.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    best: f64,
    steps: u32,
    settled: bool,
    blocked: bool,
    origin: Origin,
    premises_start: u32,
    premises_len: u32,
}

const EMPTY: Candidate = Candidate {
    best: 0.0,
    steps: u32::MAX,
    settled: false,
    blocked: false,
    origin: Origin::Rule(0),
    premises_start: 0,
    premises_len: 0,
};

/// A conclusion found during a join, applied once the join is over.
#[derive(Debug, Clone, Copy)]
struct Proposal {
    head: Head,
    strength: f64,
    steps: u32,
    origin: Origin,
    premises_start: u32,
    premises_len: u32,
}

struct Engine<'a> {
    compiled: &'a Compiled,
    ev: Evaluation,
    /// State candidates at `state_key`, then relation candidates at `2n + candidate`.
    candidates: Vec<Candidate>,
    /// Premises of candidate derivations (settled facts), referenced by range.
    premises: Vec<FactId>,
    queue: BinaryHeap<(u128, u32)>,
    sequence: u32,
    proposals: Vec<Proposal>,
    proposal_premises: Vec<FactId>,
    bind: Vec<u32>,
    scratch: Vec<FactId>,
    /// The triple of each relation candidate.
    triples: Vec<(u32, Relation, u32)>,
}

impl<'a> Engine<'a> {
    fn new(program: &Program, config: &RunConfig, compiled: &'a Compiled) -> Engine<'a> {
        let n = program.entities.len();
        let capacity = compiled.facts.len() + n;
        let mut ev = Evaluation::new(config.clone(), n, capacity);
        ev.candidate_fact.reserve(compiled.facts.len());
        for r in &mut ev.relation_candidate {
            r.reserve(compiled.facts.len() / 2);
        }
        let mut candidates = Vec::with_capacity(n * 2 + compiled.facts.len());
        candidates.resize(n * 2, EMPTY);
        Engine {
            compiled,
            ev,
            candidates,
            premises: Vec::new(),
            queue: BinaryHeap::with_capacity(capacity),
            sequence: 0,
            proposals: Vec::new(),
            proposal_premises: Vec::new(),
            bind: vec![NONE; compiled.max_vars],
            scratch: vec![FactId(0); compiled.max_body],
            triples: Vec::with_capacity(compiled.facts.len()),
        }
    }

    /// Clamps, plain statements, and rules without premises.
    fn seed(&mut self, program: &Program, config: &RunConfig) {
        let n = program.entities.len();
        let clamped =
            |e: EntityId, s: State| config.clamps.iter().any(|c| c.entity == e && c.state == s);
        for c in &config.clamps {
            if (c.entity.0 as usize) >= n {
                continue;
            }
            let opposite = c.state.opposite();
            if !clamped(c.entity, opposite) {
                self.candidates[state_key(c.entity.0, opposite)].blocked = true;
            }
        }
        for c in &config.clamps {
            if (c.entity.0 as usize) < n {
                let head = Head::State(state_key(c.entity.0, c.state) as u32);
                self.offer(head, 1.0, 0, Origin::Clamp(c.kind), &[]);
            }
        }
        for &i in &self.compiled.facts {
            let st = &program.statements[i as usize];
            let head = Head::Relation(st.subject.0, st.relation, st.object.0);
            let strength = factor(st.provenance.confidence);
            self.offer(head, strength, 0, Origin::Statement(i), &[]);
        }
        for g in &self.compiled.grounds {
            if g.len == 0 {
                self.offer(g.head, g.confidence, 0, g.origin, &[]);
            }
        }
        for r in &self.compiled.rules {
            if r.body.is_empty()
                && let Some(fact) = ground(&r.head, &[])
            {
                let head = fact_head(fact);
                self.offer(head, r.confidence, 0, Origin::Rule(r.id), &[]);
            }
        }
    }

    fn candidate_index(&mut self, head: Head) -> usize {
        match head {
            Head::State(k) => k as usize,
            Head::Relation(a, r, b) => {
                let c = self.ev.intern(a, r, b) as usize;
                let index = self.ev.entities * 2 + c;
                if index >= self.candidates.len() {
                    self.candidates.push(EMPTY);
                    self.triples.push((a, r, b));
                }
                index
            }
        }
    }

    /// Record a derivation of `head` if it beats the best one known.
    fn offer(
        &mut self,
        head: Head,
        strength: f64,
        steps: u32,
        origin: Origin,
        premises: &[FactId],
    ) {
        if strength <= 0.0 || strength.is_nan() {
            return;
        }
        let index = self.candidate_index(head);
        let c = &mut self.candidates[index];
        if c.settled || c.blocked {
            return;
        }
        if strength > c.best || (strength == c.best && steps < c.steps) {
            c.best = strength;
            c.steps = steps;
            c.origin = origin;
            c.premises_start = self.premises.len() as u32;
            c.premises_len = premises.len() as u32;
            self.premises.extend_from_slice(premises);
            let key = (u128::from(strength.to_bits()) << 64)
                | (u128::from(!steps) << 32)
                | u128::from(!self.sequence);
            self.sequence = self.sequence.wrapping_add(1);
            self.queue.push((key, index as u32));
        }
    }

    fn run(&mut self) {
        while let Some((_, index)) = self.queue.pop() {
            let c = &mut self.candidates[index as usize];
            if c.settled {
                continue;
            }
            c.settled = true;
            let c = *c;
            let fact = self.fact_of(index as usize);
            let premises = self.premises
                [c.premises_start as usize..(c.premises_start + c.premises_len) as usize]
                .to_vec();
            let derivation = match c.origin {
                Origin::Clamp(kind) => Derivation::Clamp(kind),
                Origin::Statement(id) => Derivation::Statement {
                    id: StatementId(id),
                    premises,
                },
                Origin::Conjunction(id) => Derivation::Conjunction {
                    id: ConjunctionId(id),
                    premises,
                },
                Origin::Rule(id) => Derivation::Rule {
                    id: RuleId(id),
                    premises,
                },
            };
            let id = self.ev.push(fact, c.best, c.steps, derivation);
            if let Fact::Relation(..) = fact {
                let rc = index as usize - self.ev.entities * 2;
                self.ev.candidate_fact[rc] = id;
            }
            self.fire(fact, id);
            self.apply_proposals();
        }
    }

    fn fact_of(&self, index: usize) -> Fact {
        let n2 = self.ev.entities * 2;
        if index < n2 {
            let state = if index.is_multiple_of(2) {
                State::Up
            } else {
                State::Down
            };
            Fact::State(EntityId((index / 2) as u32), state)
        } else {
            let (a, r, b) = self.triples[index - n2];
            Fact::Relation(EntityId(a), r, EntityId(b))
        }
    }

    /// Try every rule instance whose newest premise is the fact just settled.
    fn fire(&mut self, fact: Fact, id: u32) {
        let compiled = self.compiled;
        if let Fact::State(e, s) = fact {
            for &(g, pos) in compiled.grounds_on(state_key(e.0, s)) {
                let ground = &compiled.grounds[g as usize];
                let start = self.proposal_premises.len();
                let mut strength = ground.confidence;
                let mut steps = 0;
                let mut complete = true;
                for (j, &k) in compiled.ground_conditions(ground).iter().enumerate() {
                    let p = self.ev.state_fact[k as usize];
                    if p == NONE || (j < pos as usize && p == id) {
                        complete = false;
                        break;
                    }
                    strength *= self.ev.strength[p as usize];
                    steps = steps.max(self.ev.steps[p as usize]);
                    self.proposal_premises.push(FactId(p));
                }
                if complete {
                    self.proposals.push(Proposal {
                        head: ground.head,
                        strength,
                        steps: steps + 1,
                        origin: ground.origin,
                        premises_start: start as u32,
                        premises_len: ground.len,
                    });
                } else {
                    self.proposal_premises.truncate(start);
                }
            }
        }
        let triggers = match fact {
            Fact::State(_, s) => &compiled.state_triggers[state_index(s)],
            Fact::Relation(_, r, _) => &compiled.relation_triggers[relation_index(r)],
        };
        for t in triggers {
            let rule = &compiled.rules[t.rule as usize];
            let pos = t.pos as usize;
            let bind = &mut self.bind[..rule.vars];
            bind.fill(NONE);
            if !unify_fact(&rule.body[pos], fact, bind) {
                continue;
            }
            let premises = &mut self.scratch[..rule.body.len()];
            premises[pos] = FactId(id);
            let ev = &self.ev;
            let candidates = &self.candidates;
            let proposals = &mut self.proposals;
            let proposal_premises = &mut self.proposal_premises;
            let mut found = |bind: &[u32], premises: &[FactId]| {
                let Some(head) = ground(&rule.head, bind) else {
                    return;
                };
                let mut strength = rule.confidence;
                let mut steps = 0;
                for p in premises {
                    strength *= ev.strength[p.index()];
                    steps = steps.max(ev.steps[p.index()]);
                }
                if let Fact::State(e, s) = head {
                    let c = &candidates[state_key(e.0, s)];
                    if c.settled || c.blocked || strength < c.best {
                        return;
                    }
                }
                proposals.push(Proposal {
                    head: fact_head(head),
                    strength,
                    steps: if premises.is_empty() { 0 } else { steps + 1 },
                    origin: Origin::Rule(rule.id),
                    premises_start: proposal_premises.len() as u32,
                    premises_len: premises.len() as u32,
                });
                proposal_premises.extend_from_slice(premises);
            };
            join(
                ev,
                &rule.body,
                &rule.plans[pos],
                (pos, id),
                bind,
                premises,
                &mut found,
            );
        }
    }

    /// Offer every buffered conclusion, keeping the buffers' capacity.
    fn apply_proposals(&mut self) {
        let mut proposals = std::mem::take(&mut self.proposals);
        let mut premises = std::mem::take(&mut self.proposal_premises);
        for p in &proposals {
            let range = p.premises_start as usize..(p.premises_start + p.premises_len) as usize;
            self.offer(p.head, p.strength, p.steps, p.origin, &premises[range]);
        }
        proposals.clear();
        premises.clear();
        self.proposals = proposals;
        self.proposal_premises = premises;
    }
}

fn fact_head(fact: Fact) -> Head {
    match fact {
        Fact::State(e, s) => Head::State(state_key(e.0, s) as u32),
        Fact::Relation(a, r, b) => Head::Relation(a.0, r, b.0),
    }
}
