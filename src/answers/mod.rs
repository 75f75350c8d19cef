//! Answers as data: the run a scenario and flags describe, perturbations, expectations,
//! paths and queries. The command line, a REPL or a language server word them through
//! `render`; nothing here prints.

pub mod expect;
pub mod path;
pub mod perturb;
pub mod query;
pub mod spec;

pub use expect::{Found, ScenarioResult, SnapshotStatus, Unmet, unmet};
pub use path::{PathAnswer, PathStep, SignedPath, paths};
pub use perturb::{Moved, Perturbation, perturb};
pub use query::{Answer, QueryOptions, answer};
pub use spec::{RunSpec, resolve_entity, resolve_state};
