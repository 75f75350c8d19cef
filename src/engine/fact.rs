//! Facts, fact handles and derivations.

use crate::program::{ClampKind, ConjunctionId, EntityId, Relation, RuleId, State, StatementId};

/// A ground fact: an entity's state, or a relation between two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fact {
    /// `ENTITY up|down`.
    State(EntityId, State),
    /// `SUBJECT RELATION OBJECT`: from an active statement, once its `when` conditions hold.
    Relation(EntityId, Relation, EntityId),
}

/// Handle of a fact that holds in an [`Evaluation`](super::Evaluation).
///
/// Handles are numbered in the order facts were settled, strongest first, so the premises
/// of a derivation always have smaller handles than its conclusion. They need not be dense:
/// a stated relation's handle can be its place in the stated layout, which leaves gaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactId(pub u32);

impl FactId {
    /// The fact's position in the evaluation's tables.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The strongest derivation of a fact: what made it, and the facts it used.
///
/// Only handles are stored (as Nemo does); trees are rebuilt on demand by `explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    /// The statement, conjunction, rule or clamp that concluded the fact.
    pub origin: Origin,
    /// Empty for a clamp and a plain statement; a statement's `when` conditions, a
    /// conjunction's conditions or a rule's body otherwise, in the order written.
    pub premises: Vec<FactId>,
}

/// What made a fact hold, without its premises: what `Evaluation` stores per fact
/// (8 bytes; the premises live in one shared arena), so a million facts stay compact,
/// and what derivation graphs carry per node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A given, knockout or overexpression of the run.
    Clamp(ClampKind),
    /// A statement (with its `when` conditions as premises, if any).
    Statement(StatementId),
    /// `when … then …`: premises are the conjunction's conditions, in order.
    Conjunction(ConjunctionId),
    /// A variable rule (prelude or user); premises follow the rule body.
    Rule(RuleId),
}

impl Origin {
    /// The derivation, with its premises attached.
    pub fn with(self, premises: &[FactId]) -> Derivation {
        Derivation {
            origin: self,
            premises: premises.to_vec(),
        }
    }
}
