//! `marrow repl`: an interactive session (see [`crate::repl`]).

use std::path::PathBuf;

use super::{Exit, Output};
use crate::cli::RunFlags;

/// Run an interactive session over the rules, starting from the run `flags` describe.
pub fn run(paths: &[PathBuf], flags: &RunFlags, out: &Output) -> Exit {
    crate::repl::run(paths, flags, out)
}
