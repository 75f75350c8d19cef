//! Net effect policy: what a run did to each entity.

pub use crate::program::Net;
use crate::program::{ClampKind, EntityId, Program, State};
use thin_vec::ThinVec;

use super::evaluation::Evaluation;
use super::strength::Cost;

/// One side (up or down) of an entity that holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// The strength as a number, for output.
    pub strength: f64,
    /// The exact strength, which decides the lean and the margin.
    pub cost: Cost,
    /// Height of the strongest derivation; clamps and statements are 0.
    pub steps: u32,
}

/// What a run did to one entity, with both sides so conflicts can be weighed.
#[derive(Debug, Clone, PartialEq)]
pub struct NetEffect {
    /// The entity whose effect this is.
    pub entity: EntityId,
    /// Declared with `outcome`.
    pub outcome: bool,
    /// Up, down, conflicting or unaffected, after the run's `decisive` threshold.
    pub net: Net,
    /// For a conflict, the stronger side; `None` on a tie and when not conflicting.
    /// A conflict the run's `decisive` threshold settled keeps its lean.
    pub lean: Option<State>,
    /// For a conflict, stronger / weaker strength: exactly 1 on a tie.
    pub margin: Option<f64>,
    /// The up side, when up holds.
    pub up: Option<Side>,
    /// The down side, when down holds.
    pub down: Option<Side>,
    /// The run's clamp on this entity, if any.
    pub clamp: Option<ClampKind>,
    /// Findings about this entity beyond its states (rare: a thin list costs a row one
    /// pointer, where a network has a million rows).
    pub notes: ThinVec<Note>,
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
        cost: ev.cost(id),
        steps: ev.steps(id),
    })
}

/// Stronger / weaker of two sides: from their numbers while both are normal `f64`s (so
/// `0.9` against `0.45` reads 2), from the exact costs otherwise; exactly 1 on a tie.
fn margin(a: Side, b: Side) -> f64 {
    let (strong, weak) = if a.cost <= b.cost { (a, b) } else { (b, a) };
    if strong.cost == weak.cost {
        1.0
    } else if weak.strength.is_normal() && strong.strength.is_normal() {
        (strong.strength / weak.strength).max(1.0)
    } else {
        Cost::ratio(strong.cost, weak.cost)
    }
}

/// The net effect on one entity, without notes.
pub fn net_effect(program: &Program, ev: &Evaluation, entity: EntityId) -> NetEffect {
    let up = side(ev, entity, State::Up);
    let down = side(ev, entity, State::Down);
    let (net, lean, margin) = match (up, down) {
        (Some(_), None) => (Net::Up, None, None),
        (None, Some(_)) => (Net::Down, None, None),
        (None, None) => (Net::Unaffected, None, None),
        (Some(u), Some(d)) => {
            let lean = match u.cost.cmp(&d.cost) {
                std::cmp::Ordering::Less => Some(State::Up),
                std::cmp::Ordering::Greater => Some(State::Down),
                std::cmp::Ordering::Equal => None,
            };
            let margin = margin(u, d);
            let net = match (lean, ev.config().decisive) {
                (Some(State::Up), Some(r)) if margin >= r => Net::Up,
                (Some(State::Down), Some(r)) if margin >= r => Net::Down,
                _ => Net::Conflicting,
            };
            (net, lean, Some(margin))
        }
    };
    NetEffect {
        entity,
        outcome: program.outcomes.contains(&entity),
        net,
        lean,
        margin,
        up,
        down,
        clamp: ev.clamp(entity).map(|c| c.kind),
        notes: ThinVec::new(),
    }
}

/// Net effects of a run: declared outcomes first in declared order, then every other
/// entity by the strength of its stronger side (strongest first), then by name.
/// Unaffected entities only with `include_unaffected`.
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
        .map(|e| net_effect(program, ev, e))
        .filter(|e| include_unaffected || e.net != Net::Unaffected)
        .collect();
    let first = effects.len();
    // Room for every entity up front: growing by doubling would copy the rows and briefly
    // hold two arrays of them (capacity left unused is never touched, so never paid for).
    effects.reserve(n.saturating_sub(first));
    effects.extend(
        others
            .map(|e| net_effect(program, ev, e))
            .filter(|e| include_unaffected || e.net != Net::Unaffected),
    );
    sort_rows(program, &mut effects[first..]);
    add_null_notes(program, ev, &mut effects);
    effects
}

/// Order rows strongest first, then by name, in place (a network's rows are a hundred
/// thousand, so they are neither copied nor moved more than once).
fn sort_rows(program: &Program, rows: &mut [NetEffect]) {
    // Exact strengths order the rows: equal strengths are equal, whatever the rounding.
    // Then names: a name's first eight bytes, zero-padded and read big-endian, order as
    // the name does unless they are equal, so most comparisons never leave the key array
    // for the names themselves (two cache misses each on a network of 100,000).
    let stronger = |e: &NetEffect| {
        let c = |side: Option<Side>| side.map_or(Cost::NEVER, |s| s.cost);
        c(e.up).min(c(e.down))
    };
    let prefix = |e: &NetEffect| {
        let mut b = [0u8; 8];
        let name = program.entity_name(e.entity).as_bytes();
        let n = name.len().min(8);
        b[..n].copy_from_slice(&name[..n]);
        u64::from_be_bytes(b)
    };
    let mut order: Vec<(Cost, u64, u32)> = rows
        .iter()
        .enumerate()
        .map(|(i, e)| (stronger(e), prefix(e), i as u32))
        .collect();
    let name = |i: u32| program.entity_name(rows[i as usize].entity);
    // Names are unique, so the order is total and an unstable sort is exact.
    order.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| name(a.2).cmp(name(b.2)))
    });
    // Row k takes the row now at `order[k]`: follow each cycle of the permutation once.
    let mut placed = vec![false; rows.len()];
    for start in 0..rows.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let from = order[k].2 as usize;
            if from == start {
                break;
            }
            rows.swap(k, from);
            k = from;
        }
    }
}

fn changed(ev: &Evaluation, entity: EntityId) -> bool {
    ev.state(entity, State::Up).is_some() || ev.state(entity, State::Down).is_some()
}

/// Flag derived changes that contradict an active `does not affect` statement.
fn add_null_notes(program: &Program, ev: &Evaluation, effects: &mut [NetEffect]) {
    for (i, null) in program.nulls.iter().enumerate() {
        if !ev.config().fires(program, &null.provenance)
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

#[cfg(test)]
mod size {
    /// A network's run has a row per changed entity, a million of them at ten million
    /// statements: rows stay this small.
    #[test]
    fn a_row_stays_small() {
        assert_eq!(size_of::<super::NetEffect>(), 96);
    }
}
