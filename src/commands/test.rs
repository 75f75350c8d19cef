//! `marrow test`: every scenario's `expect` lines and stored snapshot.

use std::path::PathBuf;

use super::setup::load;
use super::snapshot;
use super::{Exit, Output};
use crate::answers::{self, ScenarioResult, SnapshotStatus};
use crate::cli::Format;
use crate::engine::{RunConfig, evaluate};
use crate::program::{Program, Scenario};
use crate::render::{self, View};

/// The expectations of a scenario that its evaluation does not meet, one report each.
pub fn unmet(program: &Program, sc: &Scenario, ev: &crate::engine::Evaluation) -> Vec<String> {
    render::expect::unmet(&View::new(program), &answers::unmet(program, sc, ev))
}

/// Run one scenario: its unmet expectations and its snapshot, written or compared.
fn scenario<'p>(program: &'p Program, sc: &'p Scenario, update: bool) -> ScenarioResult<'p> {
    let ev = evaluate(program, &RunConfig::from_scenario(sc));
    let unmet = answers::unmet(program, sc, &ev);
    let snap = render::snapshot::render(&View::new(program), sc, &ev);
    let path = snapshot::path(program, sc);
    let snapshot = if update {
        let written = path
            .parent()
            .map(std::fs::create_dir_all)
            .unwrap_or(Ok(()))
            .and_then(|_| std::fs::write(&path, &snap));
        match written {
            Ok(()) => SnapshotStatus::Written,
            Err(e) => SnapshotStatus::WriteFailed(e.to_string()),
        }
    } else {
        match std::fs::read_to_string(&path) {
            Ok(old) if old == snap => SnapshotStatus::Matches,
            Ok(old) => SnapshotStatus::Differs(render::snapshot::diff(&old, &snap)),
            Err(_) => SnapshotStatus::Missing,
        }
    };
    ScenarioResult {
        scenario: sc,
        unmet,
        snapshot_path: path,
        snapshot,
        stopped: ev.stopped().cloned(),
    }
}

/// Check every scenario's expectations and snapshot (or write the snapshots, with
/// `update`); exits 1 when one fails.
pub fn run(paths: &[PathBuf], update: bool, format: Format, out: &Output) -> Exit {
    if update && super::rules::rule_source(paths).1 == super::rules::RuleSource::Shipped {
        let d = crate::diagnostics::Diag::error(
            crate::diagnostics::Code::CliNoRules,
            "`--update` writes snapshots beside rule files, and none are named",
        )
        .help("name the rule files with -r PATH (the knowledge base shipped inside marrow cannot be rewritten)");
        return super::setup::usage(out, &crate::source::Sources::default(), d);
    }
    let loaded = match load(paths, out) {
        Ok(l) => l,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    let view = View::new(program);
    let results: Vec<ScenarioResult> = program
        .scenarios
        .values()
        .map(|sc| scenario(program, sc, update))
        .collect();
    match format {
        Format::Text | Format::Dot | Format::Svg => {
            for r in &results {
                out.print(&render::expect::scenario_report(&view, r));
            }
            out.print(&render::expect::totals(&results));
        }
        Format::Json => out.print(&render::json::test_json(&view, &results)),
    }
    if results.iter().any(|r| !r.passed()) {
        Exit::Finding
    } else {
        Exit::Success
    }
}
