//! Where scenario snapshots live (their text is `render::snapshot`).

use std::path::PathBuf;

use crate::program::{Program, Scenario};

/// `snapshots/NAME.snap` beside the file that declares the scenario.
pub fn path(program: &Program, scenario: &Scenario) -> PathBuf {
    let file = &program.sources.get(scenario.span.file).name;
    let dir = std::path::Path::new(file)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    dir.join("snapshots")
        .join(format!("{}.snap", scenario.name))
}
