//! One module per subcommand: load, compute, render, and return the exit status.

pub mod ask;
pub mod check;
pub mod effects;
pub mod export;
pub mod fmt;
pub mod import;
mod output;
pub mod run;
mod setup;
pub mod snapshot;
pub mod test;
pub mod why;

pub use output::{Exit, Output};
