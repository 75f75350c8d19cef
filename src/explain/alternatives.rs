//! Alternative derivations of a fact (`why --all N`), from the finished evaluation.

use super::concluding::{Concluding, UNBOUND, rules_concluding};
use crate::engine::compile::factor;
use crate::engine::join::join;
use crate::engine::{Cost, Derivation, Evaluation, Fact, FactId};

use super::graph::{Graph, derivation_by};
use crate::program::{ConjunctionId, Program, RuleId, StatementId};

/// One way to derive a fact whose premises all hold, before trees are built.
struct Instance {
    cost: Cost,
    strength: f64,
    steps: u32,
    derivation: Derivation,
}

fn instance(ev: &Evaluation, confidence: f64, derivation: Derivation) -> Instance {
    let mut strength = factor(confidence);
    let mut cost = Cost::of_confidence(strength);
    let mut steps = 0;
    for &p in derivation.premises() {
        strength *= ev.strength(p);
        cost = cost.times(ev.cost(p));
        steps = steps.max(ev.steps(p) + 1);
    }
    Instance {
        cost,
        strength,
        steps,
        derivation,
    }
}

fn premise_ids(ev: &Evaluation, conditions: &[crate::program::Condition]) -> Option<Vec<FactId>> {
    conditions
        .iter()
        .map(|c| ev.state(c.entity, c.state))
        .collect()
}

/// Every derivation of `fact` whose premises hold (clamp, statements, conjunctions, rules),
/// strongest first (then shortest, then in program order), at most `limit`, each with the
/// strongest trees of its premises. Empty when the fact does not hold.
pub fn alternatives(program: &Program, ev: &Evaluation, fact: Fact, limit: usize) -> Vec<Graph> {
    if ev.fact_id(&fact).is_none() {
        return Vec::new();
    }
    let config = ev.config();
    let mut found: Vec<Instance> = Vec::new();
    if let Fact::State(e, s) = fact
        && let Some(c) = config.clamps.iter().find(|c| c.entity == e && c.state == s)
    {
        found.push(instance(ev, 1.0, Derivation::Clamp(c.kind)));
    }
    if let Fact::Relation(a, r, b) = fact {
        for (i, st) in program.statements.iter().enumerate() {
            if st.subject != a || st.relation != r || st.object != b {
                continue;
            }
            if !config.is_active(&st.provenance.contexts) {
                continue;
            }
            if let Some(premises) = premise_ids(ev, &st.conditions) {
                let id = StatementId(i as u32);
                let d = Derivation::Statement { id, premises };
                found.push(instance(ev, st.provenance.confidence, d));
            }
        }
    }
    if let Fact::State(e, s) = fact {
        for (i, cj) in program.conjunctions.iter().enumerate() {
            if cj.head.entity != e || cj.head.state != s {
                continue;
            }
            if !config.is_active(&cj.provenance.contexts) {
                continue;
            }
            if let Some(premises) = premise_ids(ev, &cj.premises) {
                let id = ConjunctionId(i as u32);
                let d = Derivation::Conjunction { id, premises };
                found.push(instance(ev, cj.provenance.confidence, d));
            }
        }
    }
    for Concluding {
        index: i,
        rule,
        mut bind,
        order,
    } in rules_concluding(program, fact)
    {
        let mut premises = vec![FactId(0); rule.body.len()];
        let mut instances = Vec::new();
        join(
            ev,
            &rule.body,
            &order,
            (0, UNBOUND),
            &mut bind,
            &mut premises,
            &mut |_, p| {
                instances.push(p.to_vec());
            },
        );
        for premises in instances {
            let d = Derivation::Rule {
                id: RuleId(i as u32),
                premises,
            };
            found.push(instance(ev, rule.confidence, d));
        }
    }
    // Stable: equal instances keep program order.
    found.sort_by(|a, b| a.cost.cmp(&b.cost).then(a.steps.cmp(&b.steps)));
    found.truncate(limit);
    found
        .into_iter()
        .map(|inst| {
            let d = &inst.derivation;
            derivation_by(ev, fact, d.origin(), inst.strength, d.premises())
        })
        .collect()
}
