//! `marrow test`: every scenario's `expect` lines and stored snapshot.

use std::fmt::Write;
use std::path::PathBuf;

use super::setup::load;
use super::snapshot;
use super::{Exit, Output};
use crate::answers;
use crate::engine::{RunConfig, evaluate};
use crate::program::{Program, Scenario};
use crate::render::{self, View};

/// The expectations of a scenario that its evaluation does not meet, one report each.
pub fn unmet(program: &Program, sc: &Scenario, ev: &crate::engine::Evaluation) -> Vec<String> {
    render::expect::unmet(&View::new(program), &answers::unmet(program, sc, ev))
}

/// Run one scenario; the report lines and whether it passed.
fn scenario(program: &Program, sc: &Scenario, update: bool) -> (String, bool) {
    let ev = evaluate(program, &RunConfig::from_scenario(sc));
    let mut failures = unmet(program, sc, &ev).concat();
    let snap = render::snapshot::render(&View::new(program), sc, &ev);
    let path = snapshot::path(program, sc);
    let mut note = String::new();
    if update {
        let written = path
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| std::fs::write(&path, &snap));
        match written {
            Ok(()) => note = format!("  (snapshot written: {})", path.display()),
            Err(e) => {
                let _ = writeln!(failures, "    cannot write {}: {e}", path.display());
            }
        }
    } else {
        match std::fs::read_to_string(&path) {
            Ok(old) if old == snap => {}
            Ok(old) => {
                let _ = write!(
                    failures,
                    "    snapshot {} differs (run `marrow test --update` to accept):\n{}",
                    path.display(),
                    render::snapshot::diff(&old, &snap)
                );
            }
            Err(_) => note = "  (no snapshot; `marrow test --update` writes one)".to_string(),
        }
    }
    let passed = failures.is_empty();
    let head = format!(
        "{}  {}  {} expectation{}{note}\n",
        if passed { "pass" } else { "FAIL" },
        sc.name,
        sc.expects.len(),
        if sc.expects.len() == 1 { "" } else { "s" }
    );
    (head + &failures, passed)
}

pub fn run(paths: &[PathBuf], update: bool, out: &Output) -> Exit {
    let loaded = match load(paths, out) {
        Ok(l) => l,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    let (mut passed, mut failed) = (0, 0);
    for sc in program.scenarios.values() {
        let (report, ok) = scenario(program, sc, update);
        out.print(&report);
        if ok {
            passed += 1;
        } else {
            failed += 1;
        }
    }
    out.print(&format!("{passed} passed, {failed} failed\n"));
    if failed > 0 {
        Exit::Finding
    } else {
        Exit::Success
    }
}
