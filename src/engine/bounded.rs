//! `--max-steps N`: each fact's strongest derivation of height ≤ N.
//!
//! Best-first settling cannot bound heights: a fact settles once, by its strongest
//! derivation, and a shorter but weaker one that a bounded consequence needs is lost. So a
//! bounded run goes by layers instead (Bellman–Ford over heights): layer h holds, for each
//! fact, its strongest derivation of height ≤ h. A fact gets a new version in layer h only
//! when that layer found a strictly stronger derivation; then only the rule instances with
//! a premise that changed in layer h−1 are tried again, each seeing every premise as it
//! stood at the end of that layer. Older versions stay in the arena, so every derivation
//! points at the premise versions it used, and the indexes point at the newest. The work is
//! at most N times that of an unbounded run.

use crate::program::EntityId;

use super::compile::Head;
use super::config::RunConfig;
use super::eval::{CLOSED, Engine, rank};
use super::evaluation::{Value, state_key};
use super::fact::{Fact, Origin};
use super::queue::RadixQueue;
use super::strength::Cost;

impl Engine<'_> {
    /// Evaluate with derivations of height at most `max_steps`.
    pub(super) fn run_bounded(&mut self, config: &RunConfig, max_steps: u32) {
        self.seed_bounded(config);
        let mut changed: Vec<(Fact, u32)> = Vec::new();
        let mut settled_in = vec![u32::MAX; self.frontier.places()];
        for layer in 0..=max_steps {
            changed.clear();
            while let Some(entry) = self.frontier.queue.pop() {
                let index = entry.index as usize;
                if settled_in.len() <= index {
                    settled_in.resize(index + 1, u32::MAX);
                }
                if settled_in[index] == layer {
                    continue;
                }
                settled_in[index] = layer;
                let cost = Cost::from_fixed(self.frontier.best(index) as u64);
                changed.push(self.settle(entry.index, cost));
            }
            // Offers of the next layer may be stronger than this layer's last key.
            self.frontier.queue = RadixQueue::new();
            if layer == 0 {
                self.settle_stated(&mut changed);
            }
            if layer == max_steps || changed.is_empty() {
                break;
            }
            for &(fact, id) in &changed {
                self.fire(fact, id);
                if self.stopped.is_some() {
                    return;
                }
                self.apply_proposals();
            }
        }
    }

    /// Layer 0: clamps, rules and conditions without premises, as offers.
    fn seed_bounded(&mut self, config: &RunConfig) {
        let n = self.ev.entities;
        let clamped = |e: EntityId, s: crate::program::State| {
            config.clamps.iter().any(|c| c.entity == e && c.state == s)
        };
        for c in &config.clamps {
            let opposite = c.state.opposite();
            if (c.entity.0 as usize) < n && !clamped(c.entity, opposite) {
                self.frontier
                    .set_best(state_key(c.entity.0, opposite), CLOSED);
            }
        }
        for c in &config.clamps {
            if (c.entity.0 as usize) < n {
                let index = state_key(c.entity.0, c.state);
                self.frontier
                    .offer(index, Cost::ONE, 0, Origin::Clamp(c.kind), &[]);
            }
        }
        for g in 0..self.compiled.grounds.len() {
            let (len, head, cost, origin) = {
                let g = &self.compiled.grounds[g];
                (g.len, g.head, g.cost, g.origin)
            };
            if len == 0 {
                let index = self.head_index(head);
                self.frontier.offer(index, cost, 0, origin, &[]);
            }
        }
        for r in 0..self.compiled.rules.len() {
            let rule = &self.compiled.rules[r];
            if rule.body.is_empty()
                && let Some(fact) = super::join::ground(&rule.head, &[])
            {
                let (cost, id) = (rule.cost, rule.id);
                let head = match fact {
                    Fact::State(e, s) => Head::State(state_key(e.0, s) as u32),
                    Fact::Relation(a, r, b) => Head::Relation(a.0, r, b.0),
                };
                let index = self.head_index(head);
                self.frontier.offer(
                    index,
                    cost,
                    0,
                    Origin::Rule(crate::program::RuleId(id)),
                    &[],
                );
            }
        }
    }

    /// Layer 0: every stated relation a premise-free rule did not already settle.
    fn settle_stated(&mut self, changed: &mut Vec<(Fact, u32)>) {
        let states = self.frontier.states;
        for (relation, subject) in super::relations::relation_order(self.ev.entities) {
            for rc in self.ev.stated.from(subject, relation) {
                let cost = self.ev.stated.cost(rc);
                if !cost.holds() || self.ev.slot(rc as u32).fact != super::evaluation::NONE {
                    continue;
                }
                self.frontier.set_best(states + rc, rank(cost));
                // The group gives the subject and relation.
                let fact = Fact::Relation(
                    EntityId(subject),
                    relation,
                    EntityId(self.ev.stated.object[rc]),
                );
                let made =
                    Origin::Statement(crate::program::StatementId(self.ev.stated.statement[rc]));
                let value = Value {
                    cost,
                    strength: self.ev.stated.strength(rc),
                    steps: 0,
                };
                let id = self.ev.push_relation(fact, rc as u32, value, made, &[]);
                changed.push((fact, id));
            }
        }
    }
}
