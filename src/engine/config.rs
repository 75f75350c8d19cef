//! What one run evaluates: clamps and selected contexts.

use crate::program::{Clamp, ContextId, Scenario};

/// The inputs of one evaluation besides the program.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunConfig {
    /// Givens, knockouts and overexpressions: state facts of strength 1 never overridden.
    pub clamps: Vec<Clamp>,
    /// Selected contexts; empty means every statement is active.
    pub contexts: Vec<ContextId>,
    /// `--decisive R`: a conflict whose margin is at least R reports its lean's side.
    pub decisive: Option<f64>,
    /// `--max-steps N`: only derivations of height ≤ N count.
    pub max_steps: Option<u32>,
}

impl RunConfig {
    /// The clamps and contexts a scenario declares.
    pub fn from_scenario(scenario: &Scenario) -> RunConfig {
        RunConfig {
            clamps: scenario.clamps.clone(),
            contexts: scenario.contexts.clone(),
            decisive: scenario.decisive,
            max_steps: scenario.max_steps,
        }
    }

    /// Whether an item belonging to `contexts` takes part in this run: items without a
    /// context always do; otherwise one of their contexts must be selected (or none is).
    pub fn is_active(&self, contexts: &[ContextId]) -> bool {
        contexts.is_empty()
            || self.contexts.is_empty()
            || contexts.iter().any(|c| self.contexts.contains(c))
    }
}
