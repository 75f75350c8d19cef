//! One-step derivations of a fact from the finished evaluation, and the alternative
//! derivations `why --alternatives N` prints as trees (the evidence enumeration, acyclic).

use super::concluding::{Concluding, UNBOUND, rules_concluding};
use crate::engine::compile::factor;
use crate::engine::join::join;
use crate::engine::{Derivation, Evaluation, Fact, FactId, Origin};

use super::evidence::evidence;
use super::graph::Graph;
use crate::program::{ConjunctionId, Program, RuleId, StatementId};

/// One way to derive a fact in one step whose premises all hold.
pub(super) struct Instance {
    /// The factor of the statement, conjunction or rule (1 for a clamp).
    pub confidence: f64,
    pub derivation: Derivation,
}

fn instance(confidence: f64, derivation: Derivation) -> Instance {
    Instance {
        confidence: factor(confidence),
        derivation,
    }
}

fn premise_ids(ev: &Evaluation, conditions: &[crate::program::Condition]) -> Option<Vec<FactId>> {
    conditions
        .iter()
        .map(|c| ev.state(c.entity, c.state))
        .collect()
}

/// Every one-step derivation of `fact` whose premises hold (clamp, statements,
/// conjunctions, rules), in program order; the rule joins stop adding instances once
/// `budget` is spent (it is decreased by the instances found).
pub(super) fn instances(
    program: &Program,
    ev: &Evaluation,
    fact: Fact,
    budget: &mut usize,
) -> Vec<Instance> {
    let config = ev.config();
    let mut found: Vec<Instance> = Vec::new();
    if let Fact::State(e, s) = fact
        && let Some(c) = config.clamps.iter().find(|c| c.entity == e && c.state == s)
    {
        found.push(instance(1.0, Origin::Clamp(c.kind).with(&[])));
    }
    if let Fact::Relation(a, r, b) = fact {
        for (i, st) in program.statements.iter().enumerate() {
            if st.subject != a
                || st.relation() != r
                || st.object != b
                || !config.fires(program, &st.provenance)
            {
                continue;
            }
            if let Some(premises) = premise_ids(ev, &program.conditions(st).collect::<Vec<_>>()) {
                let id = StatementId(i as u32);
                let d = Origin::Statement(id).with(&premises);
                found.push(instance(program.confidence(&st.provenance), d));
            }
        }
    }
    if let Fact::State(e, s) = fact {
        for (i, cj) in program.conjunctions.iter().enumerate() {
            if cj.head.entity != e || cj.head.state != s || !config.fires(program, &cj.provenance) {
                continue;
            }
            if let Some(premises) = premise_ids(ev, &cj.premises) {
                let id = ConjunctionId(i as u32);
                let d = Origin::Conjunction(id).with(&premises);
                found.push(instance(program.confidence(&cj.provenance), d));
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
        let mut rows = Vec::new();
        let left = *budget;
        join(
            ev,
            &rule.body,
            &order,
            (0, UNBOUND),
            &mut bind,
            &mut premises,
            &mut |_, p| {
                if rows.len() < left {
                    rows.push(p.to_vec());
                }
            },
        );
        for premises in rows {
            let d = Derivation {
                origin: Origin::Rule(RuleId(i as u32)),
                premises,
            };
            found.push(instance(rule.confidence, d));
        }
    }
    *budget = budget.saturating_sub(found.len());
    found
}

/// Up to `limit` derivations of `fact`, strongest first, as trees: the evidence lines of
/// `why` (the strongest first), so no tree uses a fact twice along its causal line.
/// Empty when the fact does not hold.
pub fn alternatives(program: &Program, ev: &Evaluation, fact: Fact, limit: usize) -> Vec<Graph> {
    evidence(program, ev, fact, None, limit, super::evidence::BUDGET)
        .lines
        .iter()
        .map(|line| line.tree(ev, fact))
        .collect()
}
