//! Derivation graphs, causal chains, alternatives and why-not findings, all rebuilt from
//! the provenance of a finished [`Evaluation`](crate::engine::Evaluation). Data only:
//! `render` words it.

mod alternatives;
mod bounded;
mod chain;
mod concluding;
mod disputed;
mod evidence;
mod graph;
mod why;
mod why_not;

pub use alternatives::alternatives;
pub use chain::{Chain, Link, Step, chain};
pub use disputed::{Disputed, disputed_bearing, disputed_statements};
pub use evidence::{BUDGET, Evidence, EvidenceCount, EvidenceLine, evidence};
pub use graph::{Graph, Node, NodeId, derivation, derivation_by};
pub use why::{EVIDENCE_LINES, Why, why, why_with};
pub use why_not::{Candidate, Finding, Inactive, Premise, WhyNot, why_not};
