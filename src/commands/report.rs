//! `marrow report`: placeholder.
use super::{Exit, Output};
use std::path::PathBuf;
pub struct ReportOptions {
    pub scenario: Option<String>,
    pub all_scenarios: bool,
    pub output: Option<PathBuf>,
}
pub fn run(_paths: &[PathBuf], _opts: &ReportOptions, _out: &Output) -> Exit {
    Exit::Success
}
