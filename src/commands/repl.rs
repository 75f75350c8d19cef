//! `marrow repl`: an interactive session.

use std::path::PathBuf;

use super::{Exit, Output};
use crate::cli::RunFlags;

pub fn run(paths: &[PathBuf], flags: &RunFlags, out: &Output) -> Exit {
    let _ = (paths, flags, out);
    Exit::Success
}
