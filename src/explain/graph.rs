//! Derivations as graphs with shared parts.
//!
//! The evaluation keeps one derivation per fact as (origin, premise handles). A fact used
//! twice in one explanation is one node here, referred to by id from both places: expanding
//! shared sub-derivations into a tree doubles the work at every shared level, which a
//! ladder of conjunctions turns into exponential time and memory.

use std::collections::HashMap;

use crate::engine::{Evaluation, Fact, FactId, Origin};
use crate::program::EntityId;

/// Index of a node within one [`Graph`].
pub type NodeId = usize;

/// One fact of a derivation and what made it hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The fact that holds.
    pub fact: Fact,
    /// The clamp, statement, conjunction or rule that concluded it.
    pub origin: Origin,
    /// Strength of this derivation of the fact.
    pub strength: f64,
    /// Height of this derivation; leaves are 0.
    pub steps: u32,
    /// Premises in rule-body order (conditions for statements and conjunctions).
    pub premises: Vec<NodeId>,
}

/// A derivation: nodes in post-order (every premise before the facts it supports), each
/// fact once, and the root (the explained fact).
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// Every fact of the derivation once, premises before what they support.
    pub nodes: Vec<Node>,
    /// The explained fact's node (the last, in post-order).
    pub root: NodeId,
}

impl Graph {
    /// The explained fact's node.
    pub fn root_node(&self) -> &Node {
        &self.nodes[self.root]
    }

    /// The node behind an id.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// Whether the derivation passes through a state of `entity` (`expect X up via Y`).
    pub fn passes_through(&self, entity: EntityId) -> bool {
        self.nodes
            .iter()
            .any(|n| matches!(n.fact, Fact::State(e, _) if e == entity))
    }
}

/// Builds graphs from an evaluation, one node per fact handle.
pub(super) struct Builder<'e> {
    ev: &'e Evaluation,
    pub(super) nodes: Vec<Node>,
    seen: HashMap<FactId, NodeId>,
}

impl<'e> Builder<'e> {
    pub(super) fn new(ev: &'e Evaluation) -> Self {
        Builder {
            ev,
            nodes: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// The node of `id` and, first, of everything its strongest derivation uses; without
    /// recursion, so long causal chains cannot exhaust the stack.
    pub(super) fn add(&mut self, id: FactId) -> NodeId {
        if let Some(&n) = self.seen.get(&id) {
            return n;
        }
        let mut stack = vec![id];
        while let Some(&top) = stack.last() {
            if self.seen.contains_key(&top) {
                stack.pop();
                continue;
            }
            let premises = self.ev.premises(top);
            let pending: Vec<FactId> = premises
                .iter()
                .copied()
                .filter(|p| !self.seen.contains_key(p))
                .collect();
            if !pending.is_empty() {
                // Premises have smaller handles than their conclusion, so this terminates.
                debug_assert!(pending.iter().all(|p| *p < top));
                stack.extend(pending.into_iter().rev());
                continue;
            }
            stack.pop();
            let premises = premises.iter().map(|p| self.seen[p]).collect();
            let node = Node {
                fact: self.ev.fact(top),
                origin: self.ev.origin(top),
                strength: self.ev.strength(top),
                steps: self.ev.steps(top),
                premises,
            };
            self.seen.insert(top, self.nodes.len());
            self.nodes.push(node);
        }
        self.seen[&id]
    }
}

/// The strongest derivation of a fact that holds.
pub fn derivation(ev: &Evaluation, id: FactId) -> Graph {
    let mut b = Builder::new(ev);
    let root = b.add(id);
    Graph {
        nodes: b.nodes,
        root,
    }
}

/// A derivation of `fact` by `origin` from the given premises (each with its strongest
/// derivation), which need not be the fact's strongest: for alternatives.
pub fn derivation_by(
    ev: &Evaluation,
    fact: Fact,
    origin: Origin,
    strength: f64,
    premises: &[FactId],
) -> Graph {
    let mut b = Builder::new(ev);
    let premises: Vec<NodeId> = premises.iter().map(|&p| b.add(p)).collect();
    let steps = premises
        .iter()
        .map(|&p| b.nodes[p].steps + 1)
        .max()
        .unwrap_or(0);
    let root = b.nodes.len();
    b.nodes.push(Node {
        fact,
        origin,
        strength,
        steps,
        premises,
    });
    Graph {
        nodes: b.nodes,
        root,
    }
}
