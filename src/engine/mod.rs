//! Forward chaining with provenance and net effects.
//!
//! [`evaluate`] turns a resolved [`Program`](crate::program::Program) and a [`RunConfig`]
//! into an [`Evaluation`]: every fact that holds, its strength (the best product of
//! confidences over its derivations) and its strongest derivation as rule + premise
//! handles. [`net_effects`] reads the evaluation as up / down / conflicting per entity.

mod bounded;
pub(crate) mod compile;
mod config;
mod eval;
mod evaluation;
mod fact;
mod hash;
pub(crate) mod join;
mod net;
mod queue;
mod relations;
mod strength;

pub use config::RunConfig;
pub use eval::{StatedLayout, evaluate, evaluate_by_pairs, evaluate_by_pairs_with, try_evaluate};
pub use evaluation::Evaluation;
pub use fact::{Derivation, Fact, FactId, Origin};
pub use join::{DEFAULT_MAX_JOIN_ROWS, JoinLimit};
pub use net::{Net, NetEffect, Note, Side, net_effect, net_effects};
pub use strength::Cost;
