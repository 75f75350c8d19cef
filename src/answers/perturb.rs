//! Perturb one entity on top of a run and keep what moved, with its state before.

use std::sync::Arc;

use crate::engine::{Evaluation, NetEffect, RunConfig, evaluate_by_pairs, net_effects};
use crate::program::resolve::by_pair;
use crate::program::{ClampKind, EntityId, Program, State};

use super::spec::clamp;

/// One entity whose result the perturbation changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// Its result in the run without the perturbation.
    pub before: NetEffect,
    /// Its result in the perturbed run.
    pub after: NetEffect,
}

/// A run with one entity raised (overexpressed) or lowered (knocked out).
#[derive(Debug, Clone)]
pub struct Perturbation {
    /// The entity perturbed.
    pub entity: EntityId,
    /// Raised (overexpressed) or lowered (knocked out).
    pub state: State,
    /// The perturbed run.
    pub evaluation: Evaluation,
    /// Entities whose result differs from the run without the perturbation (and the
    /// perturbed entity itself), in the order of the net-effects table.
    pub moved: Vec<Moved>,
}

/// What an entity's result looks like, for telling whether a perturbation moved it.
fn signature(e: &NetEffect) -> (crate::engine::Net, Option<State>, Option<u64>, Option<u64>) {
    (
        e.net,
        e.lean,
        e.up.map(|s| s.cost.fixed()),
        e.down.map(|s| s.cost.fixed()),
    )
}

/// Raise (`State::Up`) or lower `entity` on top of `base`, keeping the entities whose
/// result moved (and, when `on` is not empty, only those).
///
/// The run without the perturbation and the perturbed run share nothing but the
/// program, so they run side by side on two cores, their stated relations laid out by
/// one index of the statements.
pub fn perturb(
    program: &Program,
    base: &RunConfig,
    entity: EntityId,
    state: State,
    on: &[EntityId],
) -> Perturbation {
    let mut config = base.clone();
    let kind = match state {
        State::Up => ClampKind::Overexpress,
        State::Down => ClampKind::Knockout,
    };
    clamp(&mut config, entity, state, kind);
    // Each run holds the index only until its layout is made: the last frees it.
    let pairs = Arc::new(by_pair(program));
    let theirs = Arc::clone(&pairs);
    let (before, evaluation) = std::thread::scope(|scope| {
        let before = scope.spawn(move || {
            let mut before: Vec<Option<NetEffect>> = vec![None; program.entities.len()];
            let ev = evaluate_by_pairs(program, base, theirs);
            for b in net_effects(program, &ev, true) {
                let i = b.entity.0 as usize;
                before[i] = Some(b);
            }
            before
        });
        let evaluation = evaluate_by_pairs(program, &config, pairs);
        (crate::threads::join(before), evaluation)
    });
    let moved = net_effects(program, &evaluation, true)
        .into_iter()
        .filter_map(|after| {
            let before = before.get(after.entity.0 as usize).cloned().flatten()?;
            let moved = after.entity == entity || signature(&before) != signature(&after);
            (moved && (on.is_empty() || on.contains(&after.entity)))
                .then_some(Moved { before, after })
        })
        .collect();
    Perturbation {
        entity,
        state,
        evaluation,
        moved,
    }
}
