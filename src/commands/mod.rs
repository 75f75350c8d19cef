//! One module per subcommand: load, compute, render, and return the exit status.

pub mod check;
pub mod fmt;
mod output;

pub use output::{Exit, Output};
