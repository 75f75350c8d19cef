//! `marrow export sif|bel|graphml|cx2|json`: the program's statements, and with a scenario
//! the run's net effects, in formats other tools read.

use super::{Exit, Output};

pub fn run(_args: &crate::cli::ExportArgs, _out: &Output) -> Exit {
    Exit::Usage
}
