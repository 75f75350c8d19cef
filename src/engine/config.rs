//! What one run evaluates: clamps and selected contexts.

use crate::program::{Clamp, ContextId, Program, Provenance, Scenario};

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
    /// Let `disputed` statements fire (`--with-disputed`, scenario `with disputed`).
    pub with_disputed: bool,
    /// `--max-join-rows N`: rows one evaluation step's joins may produce before the run
    /// stops ([`DEFAULT_MAX_JOIN_ROWS`](super::DEFAULT_MAX_JOIN_ROWS) when `None`). Part of
    /// the run, not of the process, so runs side by side keep their own limits.
    pub max_join_rows: Option<u64>,
}

impl RunConfig {
    /// The clamps and contexts a scenario declares.
    pub fn from_scenario(scenario: &Scenario) -> RunConfig {
        RunConfig {
            clamps: scenario.clamps.clone(),
            contexts: scenario.contexts.clone(),
            decisive: scenario.decisive,
            max_steps: scenario.max_steps,
            with_disputed: scenario.with_disputed,
            max_join_rows: None,
        }
    }

    /// Whether an item belonging to `contexts` takes part in this run: items without a
    /// context always do; otherwise one of their contexts must be selected (or none is).
    pub fn is_active(&self, contexts: impl IntoIterator<Item = ContextId>) -> bool {
        let mut contexts = contexts.into_iter().peekable();
        contexts.peek().is_none()
            || self.contexts.is_empty()
            || contexts.any(|c| self.contexts.contains(&c))
    }

    /// Whether a statement fires in this run: its context is active, and it is not
    /// disputed unless the run asks for disputed statements.
    pub fn fires(&self, program: &Program, provenance: &Provenance) -> bool {
        self.is_active(program.contexts(provenance))
            && (self.with_disputed || !provenance.disputed())
    }
}
