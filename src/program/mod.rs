//! AST → resolved program.

pub mod model;

pub use model::*;
