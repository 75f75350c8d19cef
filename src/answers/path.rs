//! `path from X to Y`: raise X and keep each state of Y whose strongest derivation runs
//! through X.

use crate::engine::{Evaluation, RunConfig};
use crate::explain::{Graph, derivation};
use crate::program::{EntityId, Program, State};

use super::perturb::perturb;

/// The derivations of Y's states that pass through X, in the perturbed run.
#[derive(Debug, Clone)]
pub struct PathAnswer {
    pub from: EntityId,
    pub to: EntityId,
    /// The run with X raised.
    pub evaluation: Evaluation,
    pub found: Vec<Graph>,
}

/// Raise `from` on top of `base` and find the states of `to` it explains.
pub fn paths(program: &Program, base: &RunConfig, from: EntityId, to: EntityId) -> PathAnswer {
    let evaluation = perturb(program, base, from, State::Up, &[to]).evaluation;
    let found = [State::Up, State::Down]
        .into_iter()
        .filter_map(|st| evaluation.state(to, st))
        .map(|id| derivation(&evaluation, id))
        .filter(|g| g.passes_through(from))
        .collect();
    PathAnswer {
        from,
        to,
        evaluation,
        found,
    }
}
