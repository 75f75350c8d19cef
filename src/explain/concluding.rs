//! The variable rules whose head can conclude a given fact, with the head's bindings and
//! a join order for the body: where both alternatives and why-not start.

use crate::engine::Fact;
use crate::engine::compile::runnable;
use crate::engine::join::{plan, unify_fact};
use crate::program::{Program, Rule};

/// A variable with no value yet.
pub(super) const UNBOUND: u32 = u32::MAX;

/// One rule that could conclude the fact.
pub(super) struct Concluding<'p> {
    pub index: usize,
    pub rule: &'p Rule,
    /// Variable values fixed by unifying the head with the fact.
    pub bind: Vec<u32>,
    /// The order in which to join the body atoms.
    pub order: Vec<u16>,
}

/// Every runnable rule of the program whose head unifies with `fact`, in program order.
pub(super) fn rules_concluding(
    program: &Program,
    fact: Fact,
) -> impl Iterator<Item = Concluding<'_>> {
    let n = program.entities.len();
    program
        .rules
        .iter()
        .enumerate()
        .filter(move |(_, rule)| runnable(rule, n))
        .filter_map(move |(index, rule)| {
            let mut bind = vec![UNBOUND; rule.variables.len()];
            if !unify_fact(&rule.head, fact, &mut bind) {
                return None;
            }
            let mut bound: Vec<bool> = bind.iter().map(|&v| v != UNBOUND).collect();
            let order = plan(&rule.body, None, &mut bound);
            Some(Concluding {
                index,
                rule,
                bind,
                order,
            })
        })
}
