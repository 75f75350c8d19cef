//! marrow: a rule-based inference engine for signed causal biology.
//!
//! Text flows one way: `syntax` (text → AST), `program` (AST → resolved program),
//! `engine` (program → derived facts with provenance), `explain` (facts → derivation trees),
//! `render` (trees and effects → text or JSON). `commands` wires them to the command line.

// Diagnostics are rich values returned on the cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod commands;
pub mod diagnostics;
pub mod engine;
pub mod explain;
pub mod interop;
pub mod program;
pub mod render;
pub mod source;
pub mod syntax;
