//! AST → resolved program: loading files, lowering, resolving names, linting.

pub mod declarations;
pub mod dump;
pub mod files;
mod intern;
pub mod lint;
mod load;
mod lower;
pub mod model;
pub mod names;
mod parallel;
pub mod resolve;
mod rules;
mod scenario;
mod verbs;

pub use load::{Loaded, PRELUDE, load_paths, load_text, load_text_with};
pub use model::*;
