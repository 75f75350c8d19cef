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

impl NetEffect {
    /// The row of an entity the run left alone (or that no run has reached).
    pub fn unaffected(entity: EntityId, outcome: bool) -> NetEffect {
        NetEffect {
            entity,
            outcome,
            net: Net::Unaffected,
            lean: None,
            margin: None,
            up: None,
            down: None,
            clamp: None,
            notes: ThinVec::new(),
        }
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
    rows(program, ev, include_unaffected, TWO_CORES)
}

/// A network of at least this many entities has its rows ordered on two cores, and as
/// many rows are made on two: at 100,000 entities that takes a third off the 30 ms of one
/// core, where a thread costs tens of microseconds.
const TWO_CORES: usize = 1 << 15;

/// [`net_effects`], on two cores from `two_cores` entities or rows.
fn rows(
    program: &Program,
    ev: &Evaluation,
    include_unaffected: bool,
    two_cores: usize,
) -> Vec<NetEffect> {
    let n = program.entities.len();
    let mut effects: Vec<NetEffect> = program
        .outcomes
        .iter()
        .filter(|e| (e.0 as usize) < n)
        .map(|&e| net_effect(program, ev, e))
        .filter(|e| include_unaffected || e.net != Net::Unaffected)
        .collect();
    // The other rows are ordered by small keys before any exists, then made in order: a
    // network's rows are a million at ten million statements, 96 bytes each, and moving
    // them into order afterwards is a random walk over all of them.
    let order = ordered(program, ev, include_unaffected, two_cores);
    // Room for every row up front: growing by doubling would copy the rows and briefly
    // hold two arrays of them.
    effects.reserve(order.len());
    let row = |k: &RowKey| net_effect(program, ev, EntityId(k.2));
    if order.len() < two_cores.max(2) {
        effects.extend(order.iter().map(row));
    } else {
        // Each core makes its half of the rows in place, over rows that are only room:
        // a half made apart and appended would be a second copy of it at the peak.
        let start = effects.len();
        effects.resize_with(start + order.len(), || {
            NetEffect::unaffected(EntityId(0), false)
        });
        let (first, second) = order.split_at(order.len() / 2);
        let (mine, theirs) = effects[start..].split_at_mut(first.len());
        let make = |rows: &mut [NetEffect], keys: &[RowKey]| {
            for (slot, k) in rows.iter_mut().zip(keys) {
                *slot = row(k);
            }
        };
        crate::threads::both(|| make(mine, first), || make(theirs, second));
    }
    add_null_notes(program, ev, &mut effects);
    effects
}

/// A row's place in the order: the exact strength of its stronger side (equal strengths
/// are equal, whatever the rounding), then its name, of which the first eight bytes,
/// zero-padded and read big-endian, order as the name does unless they are equal; so most
/// comparisons never leave the keys for the names (two cache misses each on a network
/// of 100,000). Last, the entity.
type RowKey = (Cost, u64, u32);

/// The keys of the rows after the declared outcomes, in order.
fn ordered(
    program: &Program,
    ev: &Evaluation,
    include_unaffected: bool,
    two_cores: usize,
) -> Vec<RowKey> {
    let n = program.entities.len() as u32;
    let name = |k: &RowKey| program.entity_name(EntityId(k.2));
    // Names are unique, so the order is total and an unstable sort is exact.
    let order = |a: &RowKey, b: &RowKey| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| name(a).cmp(name(b)))
    };
    let sorted = |entities: std::ops::Range<u32>| {
        let mut keys = row_keys(program, ev, include_unaffected, entities);
        keys.sort_unstable_by(order);
        keys
    };
    if (n as usize) < two_cores.max(2) {
        return sorted(0..n);
    }
    let (mut keys, mut theirs) = crate::threads::both(|| sorted(0..n / 2), || sorted(n / 2..n));
    // Two sorted runs: the stable sort finds them and merges them in one pass.
    keys.append(&mut theirs);
    keys.sort_by(order);
    keys
}

/// The keys of `entities`' rows, less the declared outcomes and, unless
/// `include_unaffected`, the unaffected.
fn row_keys(
    program: &Program,
    ev: &Evaluation,
    include_unaffected: bool,
    entities: std::ops::Range<u32>,
) -> Vec<RowKey> {
    let cost = |e: EntityId, state: State| ev.state(e, state).map(|id| ev.cost(id));
    entities
        .map(EntityId)
        .filter(|e| !program.outcomes.contains(e))
        .filter_map(|e| {
            let (up, down) = (cost(e, State::Up), cost(e, State::Down));
            if !include_unaffected && up.is_none() && down.is_none() {
                return None;
            }
            let stronger = up.unwrap_or(Cost::NEVER).min(down.unwrap_or(Cost::NEVER));
            let mut b = [0u8; 8];
            let name = program.entity_name(e).as_bytes();
            let len = name.len().min(8);
            b[..len].copy_from_slice(&name[..len]);
            Some((stronger, u64::from_be_bytes(b), e.0))
        })
        .collect()
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
mod tests {
    use crate::engine::{RunConfig, evaluate};
    use crate::program::{Clamp, ClampKind, State, load_text};

    use super::*;

    /// Rows made and ordered on two cores are those of one, in the same order: outcomes
    /// first as declared, then by the stronger side's exact strength and by name, among
    /// many equal strengths and names alike in their first eight bytes.
    #[test]
    fn two_cores_order_the_rows_as_one_does() {
        let verbs = ["activates", "inhibits", "increases"];
        let confidences = ["", " confidence 0.9", " confidence 0.5"];
        let mut text = String::from("outcome protein_n7\noutcome protein_n3\n");
        let mut x: u64 = 5;
        for _ in 0..3000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let (a, b, c) = (x >> 20 & 511, x >> 30 & 511, (x >> 40) as usize);
            text.push_str(&format!(
                "protein_n{a} {} protein_n{b}{}\n",
                verbs[c % 3],
                confidences[c / 3 % 3]
            ));
        }
        let program = load_text("t.rules", &text).program;
        let mut config = RunConfig::default();
        for name in ["protein_n1", "protein_n2", "protein_n9"] {
            let entity = program.lookup(name).expect("named");
            config.clamps.push(Clamp {
                entity,
                state: State::Up,
                kind: ClampKind::Given,
            });
        }
        let ev = evaluate(&program, &config);
        for all in [false, true] {
            let one = rows(&program, &ev, all, usize::MAX);
            assert_eq!(
                one,
                rows(&program, &ev, all, 0),
                "include unaffected: {all}"
            );
            assert!(one.len() > 400 && one[..2].iter().all(|r| r.outcome));
            let key = |r: &NetEffect| {
                let c = |s: Option<Side>| s.map_or(Cost::NEVER, |s| s.cost);
                (c(r.up).min(c(r.down)), program.entity_name(r.entity))
            };
            assert!(one[2..].windows(2).all(|w| key(&w[0]) < key(&w[1])));
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
