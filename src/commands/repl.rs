//! `marrow repl`: an interactive session (see [`crate::repl`]).

use std::path::PathBuf;

use super::{Exit, Output};
use crate::cli::RunFlags;

pub fn run(paths: &[PathBuf], flags: &RunFlags, out: &Output) -> Exit {
    crate::repl::run(paths, flags, out)
}
