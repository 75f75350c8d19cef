//! Derivation trees, causal chains, alternatives and why-not answers, all rebuilt from the
//! provenance of a finished [`Evaluation`](crate::engine::Evaluation).

mod alternatives;
mod chain;
mod concluding;
mod tree;
mod why;
mod why_not;

pub use alternatives::alternatives;
pub use chain::{Chain, Link, chain};
pub use tree::{By, Node, node, passes_through, tree};
pub use why::{Why, why};
pub use why_not::{Candidate, Inactive, Premise, Producer, WhyNot, why_not};
