//! Net effect policy: what a run did to each entity.

use crate::program::{ClampKind, EntityId, Program, State};

use super::evaluation::Evaluation;

/// The net effect of a run on one entity (DESIGN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Net {
    Up,
    Down,
    /// Both states hold.
    Conflicting,
    /// Neither state holds.
    Unaffected,
}

impl Net {
    pub fn as_str(self) -> &'static str {
        match self {
            Net::Up => "up",
            Net::Down => "down",
            Net::Conflicting => "conflicting",
            Net::Unaffected => "unaffected",
        }
    }
}

/// One side (up or down) of an entity that holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    pub strength: f64,
    /// Height of the strongest derivation; clamps and statements are 0.
    pub steps: u32,
}

/// What a run did to one entity, with both sides so conflicts can be weighed.
#[derive(Debug, Clone, PartialEq)]
pub struct NetEffect {
    pub entity: EntityId,
    /// Declared with `outcome`.
    pub outcome: bool,
    pub net: Net,
    /// For a conflict, the stronger side; `None` on a tie and when not conflicting.
    pub lean: Option<State>,
    pub up: Option<Side>,
    pub down: Option<Side>,
    /// The run's clamp on this entity, if any.
    pub clamp: Option<ClampKind>,
    /// Findings about this entity beyond its states.
    pub notes: Vec<Note>,
}

/// A finding attached to one entity's net effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// The entity changed although an active `does not affect` statement (an index into
    /// [`Program::nulls`]) reports that its subject, which changed too, leaves it alone.
    ContradictsNull(usize),
}

fn side(ev: &Evaluation, entity: EntityId, state: State) -> Option<Side> {
    ev.state(entity, state).map(|id| Side {
        strength: ev.strength(id),
        steps: ev.steps(id),
    })
}

/// The net effect on one entity, without notes.
pub fn net_effect(program: &Program, ev: &Evaluation, entity: EntityId) -> NetEffect {
    let up = side(ev, entity, State::Up);
    let down = side(ev, entity, State::Down);
    let (net, lean) = match (up, down) {
        (Some(_), None) => (Net::Up, None),
        (None, Some(_)) => (Net::Down, None),
        (None, None) => (Net::Unaffected, None),
        (Some(u), Some(d)) => (
            Net::Conflicting,
            if u.strength > d.strength {
                Some(State::Up)
            } else if d.strength > u.strength {
                Some(State::Down)
            } else {
                None
            },
        ),
    };
    NetEffect {
        entity,
        outcome: program.outcomes.contains(&entity),
        net,
        lean,
        up,
        down,
        clamp: ev.clamp(entity).map(|c| c.kind),
        notes: Vec::new(),
    }
}

/// Net effects of a run: declared outcomes first in declared order, then every other
/// entity in first-mention order. Unaffected entities only with `include_unaffected`.
pub fn net_effects(program: &Program, ev: &Evaluation, include_unaffected: bool) -> Vec<NetEffect> {
    let n = program.entities.len();
    let outcomes = program
        .outcomes
        .iter()
        .copied()
        .filter(|e| (e.0 as usize) < n);
    let others = (0..n as u32)
        .map(EntityId)
        .filter(|e| !program.outcomes.contains(e));
    let mut effects: Vec<NetEffect> = outcomes
        .chain(others)
        .map(|e| net_effect(program, ev, e))
        .filter(|e| include_unaffected || e.net != Net::Unaffected)
        .collect();
    add_null_notes(program, ev, &mut effects);
    effects
}

fn changed(ev: &Evaluation, entity: EntityId) -> bool {
    ev.state(entity, State::Up).is_some() || ev.state(entity, State::Down).is_some()
}

/// Flag derived changes that contradict an active `does not affect` statement.
fn add_null_notes(program: &Program, ev: &Evaluation, effects: &mut [NetEffect]) {
    for (i, null) in program.nulls.iter().enumerate() {
        if !ev.config().fires(&null.provenance)
            || !changed(ev, null.subject)
            || !changed(ev, null.object)
        {
            continue;
        }
        if let Some(effect) = effects.iter_mut().find(|e| e.entity == null.object) {
            effect.notes.push(Note::ContradictsNull(i));
        }
    }
}
