//! One module per subcommand: load, compute, render, and return the exit status.

pub mod ask;
pub mod check;
pub mod drawing;
pub mod effects;
pub mod export;
pub mod fmt;
pub mod graph;
pub mod import;
pub mod list;
pub mod lsp;
mod neighbourhood;
mod output;
pub mod repl;
pub mod report;
pub mod rules;
pub mod run;
pub(crate) mod setup;
pub mod snapshot;
pub mod test;
pub mod why;

pub use output::{Exit, Output};
