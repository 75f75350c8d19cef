//! Lines of evidence: the strongest acyclic derivations of a fact as causal chains,
//! enumerated best first under a work budget, with a count of what was seen.
//!
//! The search walks back from the fact along the spine of each derivation (the state
//! premise; the strongest one of a conjunction, the others kept in brackets). A partial
//! line is ranked by its strength so far times the strongest strength of the fact it has
//! reached, an upper bound of any completion, so complete lines come out strongest first.
//! No entity appears twice in a line and the fact's own entity never reappears.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};

use crate::engine::{Evaluation, Fact, FactId, Origin};
use crate::program::{EntityId, Program};

use super::alternatives::instances;
use super::chain::{Chain, Link, Step};
use super::graph::{Graph, Node, NodeId};

/// Work budget of one enumeration: one-step derivations looked at.
pub const BUDGET: usize = 20_000;

/// One step of a line, from the fact it reaches back to its premises.
#[derive(Debug, Clone, PartialEq)]
struct LineStep {
    fact: FactId,
    origin: Origin,
    premises: Vec<FactId>,
    /// Which premise the line continues through (none at its start).
    spine: Option<usize>,
    /// The step's confidence times the strengths of its other premises.
    local: f64,
}

/// One line of evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceLine {
    /// The line as a causal chain.
    pub chain: Chain,
    /// The product of each step's confidence and the strengths of its side premises.
    pub strength: f64,
    /// Statements and conjunctions the line rests on, with those of lines through the same
    /// entities merged in: what it cites.
    pub backing: Vec<Origin>,
    /// Steps from the explained fact back to the start.
    steps: Vec<LineStep>,
}

/// How much evidence was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvidenceCount {
    /// Distinct lines (by their sequence of entities), the strongest one included.
    pub derivations: usize,
    /// Distinct entities strictly between the start and the fact, over all lines.
    pub intermediates: usize,
    /// Distinct citations over all lines.
    pub sources: usize,
    /// The enumeration finished within the budget (otherwise the counts are lower bounds).
    pub complete: bool,
}

/// The lines of evidence of a fact: `lines` strongest first, `count` over all seen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// Up to the number asked for, strongest first; the strongest derivation's own line is
    /// left out (and still counted).
    pub lines: Vec<EvidenceLine>,
    /// How much was seen, over all lines.
    pub count: EvidenceCount,
}

impl Evidence {
    /// No evidence, and nothing left unseen: for a fact that does not hold.
    pub fn none() -> Evidence {
        Evidence {
            lines: Vec::new(),
            count: EvidenceCount {
                complete: true,
                ..EvidenceCount::default()
            },
        }
    }
}

/// A partial line: its last step and a link to the partial line it extends, so that
/// extending one by each of its derivations copies nothing of what they share.
struct Partial {
    mult: f64,
    at: Option<FactId>,
    /// The partial line this one extends by `step` (none for the fact itself).
    parent: Option<usize>,
    step: Option<LineStep>,
    /// The entity this step adds to the line (the fact's own, at the start).
    entity: Option<EntityId>,
    /// Set when the line starts at the subject of a relation (no state premise).
    start_subject: Option<EntityId>,
}

/// The partial lines of one enumeration.
struct Arena(Vec<Partial>);

impl Arena {
    /// The partial line `seq` and those it extends, from it back to the fact.
    fn up(&self, seq: usize) -> impl Iterator<Item = &Partial> {
        std::iter::successors(Some(&self.0[seq]), |p| p.parent.map(|i| &self.0[i]))
    }

    /// Whether line `seq` passes through entity `e` (the fact's own included).
    fn visits(&self, seq: usize, e: EntityId) -> bool {
        self.up(seq).any(|p| p.entity == Some(e))
    }

    /// The steps of line `seq`, from the fact back.
    fn steps(&self, seq: usize) -> Vec<LineStep> {
        let mut steps: Vec<LineStep> = self.up(seq).filter_map(|p| p.step.clone()).collect();
        steps.reverse();
        steps
    }

    /// Entities of line `seq` from its start to the last one before the fact.
    fn key(&self, seq: usize) -> Vec<EntityId> {
        let p = &self.0[seq];
        let mut key: Vec<EntityId> = p.start_subject.into_iter().collect();
        // Every partial line but the fact's own adds its entity, if any.
        key.extend(
            self.up(seq)
                .filter(|q| q.parent.is_some())
                .filter_map(|q| q.entity),
        );
        key
    }
}

struct Ranked {
    bound: f64,
    seq: usize,
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    /// Stronger first, then first pushed (deterministic).
    fn cmp(&self, other: &Self) -> Ordering {
        self.bound
            .total_cmp(&other.bound)
            .then(other.seq.cmp(&self.seq))
    }
}

fn entity_of(fact: Fact) -> Option<EntityId> {
    match fact {
        Fact::State(e, _) => Some(e),
        Fact::Relation(..) => None,
    }
}

/// Enumerate up to `limit` lines of evidence of `fact` (strongest first) within `budget`.
/// When `primary` is given (the derivation already shown), the line through the same
/// entities is left out of `lines` (it is still counted).
pub fn evidence(
    program: &Program,
    ev: &Evaluation,
    fact: Fact,
    primary: Option<&Graph>,
    limit: usize,
    budget: usize,
) -> Evidence {
    let Some(root) = ev.fact_id(&fact) else {
        return Evidence::none();
    };
    let Some(end_entity) = entity_of(fact) else {
        return Evidence::none();
    };
    let skip_key = primary.map(|g| chain_key(&super::chain::chain(program, g)));
    let mut budget = budget;
    let mut arena = Arena(vec![Partial {
        mult: 1.0,
        at: Some(root),
        parent: None,
        step: None,
        entity: Some(end_entity),
        start_subject: None,
    }]);
    let mut heap = BinaryHeap::new();
    heap.push(Ranked {
        bound: ev.strength(root),
        seq: 0,
    });
    let mut keys: HashMap<Vec<EntityId>, Option<usize>> = HashMap::new();
    let mut intermediates: HashSet<EntityId> = HashSet::new();
    let mut sources: HashSet<&str> = HashSet::new();
    let mut lines: Vec<EvidenceLine> = Vec::new();
    let mut skipped = false;
    while let Some(Ranked { seq, .. }) = heap.pop() {
        if budget == 0 {
            break;
        }
        budget -= 1;
        let Some(at) = arena.0[seq].at else {
            // A complete line.
            let key = arena.key(seq);
            let steps = arena.steps(seq);
            let backing = backing(ev, &steps);
            for o in &backing {
                for c in citations(program, *o) {
                    sources.insert(c);
                }
            }
            intermediates.extend(key.iter().skip(1).copied());
            match keys.get(&key) {
                Some(Some(i)) => {
                    let line = &mut lines[*i];
                    for o in backing {
                        if !line.backing.contains(&o) {
                            line.backing.push(o);
                        }
                    }
                }
                Some(None) => {}
                None => {
                    let shown = if !skipped
                        && (skip_key.as_ref() == Some(&key)
                            || skip_key.is_none() && primary.is_some())
                    {
                        skipped = true;
                        None
                    } else if lines.len() < limit {
                        let start_subject = arena.0[seq].start_subject;
                        lines.push(finish(program, ev, fact, steps, start_subject, backing));
                        Some(lines.len() - 1)
                    } else {
                        None
                    };
                    keys.insert(key, shown);
                }
            }
            continue;
        };
        let here = ev.fact(at);
        let found = instances(program, ev, here, &mut budget);
        for inst in found {
            let origin = inst.derivation.origin;
            let premises = inst.derivation.premises;
            let spine = spine_of(ev, &premises, |e| arena.visits(seq, e));
            let states = premises
                .iter()
                .filter(|&&p| matches!(ev.fact(p), Fact::State(..)))
                .count();
            if spine.is_none() && states > 0 && !matches!(origin, Origin::Clamp(_)) {
                continue; // every way back revisits an entity: circular
            }
            let local = premises
                .iter()
                .enumerate()
                .filter(|&(i, _)| Some(i) != spine)
                .fold(inst.confidence, |s, (_, &p)| s * ev.strength(p));
            let mult = arena.0[seq].mult * local;
            let (next, bound, entity, start_subject) = match spine {
                Some(i) => {
                    let p = premises[i];
                    (Some(p), mult * ev.strength(p), entity_of(ev.fact(p)), None)
                }
                None => {
                    let subject = premises.iter().find_map(|&p| match ev.fact(p) {
                        Fact::Relation(a, _, _) => Some(a),
                        _ => None,
                    });
                    if subject.is_some_and(|s| arena.visits(seq, s)) {
                        continue;
                    }
                    (None, mult, None, subject)
                }
            };
            arena.0.push(Partial {
                mult,
                at: next,
                parent: Some(seq),
                step: Some(LineStep {
                    fact: at,
                    origin,
                    premises,
                    spine,
                    local,
                }),
                entity,
                start_subject,
            });
            heap.push(Ranked {
                bound,
                seq: arena.0.len() - 1,
            });
        }
    }
    let complete = heap.is_empty() && budget > 0;
    Evidence {
        lines,
        count: EvidenceCount {
            derivations: keys.len(),
            intermediates: intermediates.len(),
            sources: sources.len(),
            complete,
        },
    }
}

/// The state premise the line continues through: the strongest one whose entity the line
/// has not visited (ties: the first).
fn spine_of(
    ev: &Evaluation,
    premises: &[FactId],
    visited: impl Fn(EntityId) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, &p) in premises.iter().enumerate() {
        let Fact::State(e, _) = ev.fact(p) else {
            continue;
        };
        if visited(e) {
            continue;
        }
        let s = ev.strength(p);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// The same key for a chain built from a derivation graph.
fn chain_key(chain: &Chain) -> Vec<EntityId> {
    let mut key: Vec<EntityId> = chain.start_entity.into_iter().collect();
    let n = chain.links.len();
    key.extend(
        chain
            .links
            .iter()
            .take(n.saturating_sub(1))
            .map(|l| l.entity),
    );
    key
}

/// The statements and conjunctions behind a line's steps.
fn backing(ev: &Evaluation, steps: &[LineStep]) -> Vec<Origin> {
    let mut out = Vec::new();
    // From the start of the line to the fact, so citations read in causal order.
    for step in steps.iter().rev() {
        let mut push = |o: Origin| {
            if matches!(o, Origin::Statement(_) | Origin::Conjunction(_)) && !out.contains(&o) {
                out.push(o);
            }
        };
        push(step.origin);
        for &p in &step.premises {
            if matches!(ev.fact(p), Fact::Relation(..)) {
                push(ev.origin(p));
            }
        }
    }
    out
}

fn citations(program: &Program, origin: Origin) -> Vec<&str> {
    match origin {
        Origin::Statement(id) => program
            .statements
            .get(id.0 as usize)
            .map(|s| program.citations(&s.provenance))
            .unwrap_or_default(),
        Origin::Conjunction(id) => program
            .conjunctions
            .get(id.0 as usize)
            .map(|c| program.citations(&c.provenance))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The chain and strength of a complete line.
fn finish(
    program: &Program,
    ev: &Evaluation,
    fact: Fact,
    steps: Vec<LineStep>,
    start_subject: Option<EntityId>,
    backing: Vec<Origin>,
) -> EvidenceLine {
    let strength = steps.iter().fold(1.0, |s, st| s * st.local);
    let mut links = Vec::new();
    let mut start = None;
    for step in &steps {
        let Fact::State(entity, state) = ev.fact(step.fact) else {
            continue;
        };
        if matches!(step.origin, Origin::Clamp(_)) {
            start = Some((entity, state));
            break;
        }
        let relation = step
            .premises
            .iter()
            .copied()
            .find(|&q| matches!(ev.fact(q), Fact::Relation(..)));
        let step_kind = match relation.map(|q| (q, ev.fact(q))) {
            Some((q, Fact::Relation(_, r, _))) => Step::Relation {
                relation: r,
                verb: match ev.origin(q) {
                    Origin::Statement(id) => {
                        program.statements.get(id.0 as usize).map(|s| s.verb())
                    }
                    _ => None,
                },
            },
            _ => Step::Conjunction {
                others: step
                    .premises
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| Some(i) != step.spine)
                    .map(|(_, &q)| ev.fact(q))
                    .collect(),
            },
        };
        let conditions = relation
            .map(|q| ev.premises(q).iter().map(|&c| ev.fact(c)).collect())
            .unwrap_or_default();
        links.push(Link {
            step: step_kind,
            entity,
            conditions,
        });
        if step.spine.is_none() {
            break;
        }
    }
    links.reverse();
    let start_entity = start_subject.or(start.map(|(e, _)| e));
    EvidenceLine {
        chain: Chain {
            start: start.filter(|_| start_subject.is_none()),
            start_entity,
            links,
            end: fact,
        },
        strength,
        backing,
        steps,
    }
}

impl EvidenceLine {
    /// The line as a derivation tree: its own steps along the spine, the strongest
    /// derivation of every other premise.
    pub fn tree(&self, ev: &Evaluation, fact: Fact) -> Graph {
        let mut b = super::graph::Builder::new(ev);
        let mut spine_node: Option<NodeId> = None;
        // While the line below is the strongest derivation, its nodes are the shared ones.
        let mut all_best = true;
        for (i, step) in self.steps.iter().enumerate().rev() {
            if all_best
                && ev.origin(step.fact) == step.origin
                && ev.premises(step.fact) == step.premises.as_slice()
            {
                spine_node = Some(b.add(step.fact));
                continue;
            }
            all_best = false;
            let premises: Vec<NodeId> = step
                .premises
                .iter()
                .enumerate()
                .map(|(k, &q)| match (Some(k) == step.spine, spine_node) {
                    (true, Some(n)) => n,
                    _ => b.add(q),
                })
                .collect();
            let below = match (step.spine, spine_node) {
                (Some(_), Some(n)) => b.nodes[n].strength,
                _ => 1.0,
            };
            let steps = premises
                .iter()
                .map(|&n| b.nodes[n].steps + 1)
                .max()
                .unwrap_or(0);
            b.nodes.push(Node {
                fact: if i == 0 { fact } else { ev.fact(step.fact) },
                origin: step.origin,
                strength: step.local * below,
                steps,
                premises,
            });
            spine_node = Some(b.nodes.len() - 1);
        }
        let root = spine_node.unwrap_or(0);
        Graph {
            nodes: b.nodes,
            root,
        }
    }
}
