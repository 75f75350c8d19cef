//! `path from X to Y`: the k strongest signed acyclic paths from X to Y over the run's
//! active statements, whichever derivation of Y wins (as INDRA's model checker does).
//!
//! A path starts from X's state (up, or the state the run clamps it to) and follows
//! statements the way the prelude does: from a raised entity, an activation or delivery
//! raises the object and an inhibition lowers it; from a lowered one, an activation lowers
//! it and an inhibition raises it, each at the confidence of the prelude rule that takes
//! that step. A path's strength is the product of the statements' confidences and those
//! rule confidences, as a derivation along it would be.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::engine::{Evaluation, RunConfig};
use crate::program::{EntityId, Program, Relation, State, StatementId};

/// Partial paths explored before giving up on finding more (keeps hubs of literature-scale
/// networks fast); the answer says when it was reached.
const WORK_BUDGET: usize = 200_000;

/// One step of a path: the statement taken and the state it leaves its object in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathStep {
    /// The statement followed.
    pub statement: StatementId,
    /// The state it leaves its object in.
    pub state: State,
}

/// One signed path from X to Y.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedPath {
    /// X's state at the start.
    pub start: State,
    /// The statements followed, from X to Y.
    pub steps: Vec<PathStep>,
    /// The product of the statements' confidences and the prelude rules' (see the module).
    pub strength: f64,
}

impl SignedPath {
    /// The state the path leaves Y in.
    pub fn end(&self) -> State {
        self.steps.last().map_or(self.start, |s| s.state)
    }
}

/// The strongest paths from X to Y, strongest first.
#[derive(Debug, Clone)]
pub struct PathAnswer {
    /// Where the paths start (X).
    pub from: EntityId,
    /// Where the paths end (Y).
    pub to: EntityId,
    /// At most `k`, strongest first, then shortest, then first found.
    pub paths: Vec<SignedPath>,
    /// False when the work budget ran out before `k` paths were found.
    pub complete: bool,
}

/// The confidence of a prelude rule, by name (1 when the prelude lacks it).
fn rule_confidence(program: &Program, name: &str) -> f64 {
    program
        .rules
        .iter()
        .find(|r| r.prelude && r.name == name)
        .map_or(1.0, |r| r.confidence)
}

/// A partial path in the search queue, ordered by strength (then fewer steps, then
/// discovery order, so ties are deterministic).
struct Partial {
    strength: f64,
    seq: usize,
    at: EntityId,
    state: State,
    steps: Vec<PathStep>,
}

impl PartialEq for Partial {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Partial {}
impl PartialOrd for Partial {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Partial {
    fn cmp(&self, other: &Self) -> Ordering {
        self.strength
            .total_cmp(&other.strength)
            .then(other.steps.len().cmp(&self.steps.len()))
            .then(other.seq.cmp(&self.seq))
    }
}

/// The `k` strongest signed acyclic paths from `from` to `to` over the statements `ev`'s
/// run keeps active (contexts selected, `when` conditions holding); clamped entities keep
/// their clamped state.
pub fn paths(
    program: &Program,
    config: &RunConfig,
    ev: &Evaluation,
    from: EntityId,
    to: EntityId,
    k: usize,
) -> PathAnswer {
    let n = program.entities.len();
    // Outgoing active statements per subject, in program order.
    let mut out: Vec<Vec<StatementId>> = vec![Vec::new(); n];
    for (i, st) in program.statements.iter().enumerate() {
        let active = config.is_active(program.contexts(&st.provenance))
            && program
                .conditions(st)
                .all(|c| ev.state(c.entity, c.state).is_some());
        if active && (st.subject.0 as usize) < n {
            out[st.subject.0 as usize].push(StatementId(i as u32));
        }
    }
    let clamp = |e: EntityId| {
        config
            .clamps
            .iter()
            .find(|c| c.entity == e)
            .map(|c| c.state)
    };
    let (loss, disinhibition) = (
        rule_confidence(program, "activation-loss"),
        rule_confidence(program, "disinhibition"),
    );
    let start = clamp(from).unwrap_or(State::Up);
    let mut queue = BinaryHeap::new();
    queue.push(Partial {
        strength: 1.0,
        seq: 0,
        at: from,
        state: start,
        steps: Vec::new(),
    });
    let (mut seq, mut work) = (1, 0);
    let mut found = Vec::new();
    while let Some(p) = queue.pop() {
        if found.len() >= k {
            break;
        }
        work += 1;
        if work > WORK_BUDGET {
            return PathAnswer {
                from,
                to,
                paths: found,
                complete: false,
            };
        }
        if p.at == to && !p.steps.is_empty() {
            found.push(SignedPath {
                start,
                steps: p.steps,
                strength: p.strength,
            });
            continue;
        }
        for &sid in &out[p.at.0 as usize] {
            let st = program.statement(sid);
            let (state, factor) = match (p.state, st.relation()) {
                (State::Up, Relation::Activates | Relation::Carries) => (State::Up, 1.0),
                (State::Up, Relation::Inhibits) => (State::Down, 1.0),
                (State::Down, Relation::Activates) => (State::Down, loss),
                (State::Down, Relation::Inhibits) => (State::Up, disinhibition),
                (State::Down, Relation::Carries) => continue,
            };
            let next = st.object;
            let visited = next == from
                || p.steps
                    .iter()
                    .any(|s| program.statement(s.statement).object == next);
            if visited || clamp(next).is_some_and(|c| c != state) {
                continue;
            }
            let mut steps = p.steps.clone();
            steps.push(PathStep {
                statement: sid,
                state,
            });
            queue.push(Partial {
                strength: p.strength * program.confidence(&st.provenance) * factor,
                seq,
                at: next,
                state,
                steps,
            });
            seq += 1;
        }
    }
    PathAnswer {
        from,
        to,
        paths: found,
        complete: true,
    }
}
