//! `marrow test`: every scenario's `expect` lines and stored snapshot.

use std::fmt::Write;
use std::path::PathBuf;

use super::setup::load;
use super::snapshot;
use super::{Exit, Output};
use crate::engine::{Evaluation, Net, RunConfig, evaluate, net_effect};
use crate::explain::{passes_through, tree};
use crate::program::{Expectation, ExpectedNet, Program, Scenario};
use crate::render::text;

fn describe(program: &Program, ev: &Evaluation, e: crate::program::EntityId) -> String {
    let n = net_effect(program, ev, e);
    let side = |s: Option<crate::engine::Side>| s.map(|s| text::strength(s.strength));
    match n.net {
        Net::Unaffected => "unaffected".to_string(),
        Net::Up => format!("up {}", side(n.up).unwrap_or_default()),
        Net::Down => format!("down {}", side(n.down).unwrap_or_default()),
        Net::Conflicting => format!(
            "conflicting (up {}, down {})",
            side(n.up).unwrap_or_default(),
            side(n.down).unwrap_or_default()
        ),
    }
}

/// Check one expectation; `None` when it holds, else what was found instead.
fn check(program: &Program, ev: &Evaluation, exp: &Expectation) -> Option<String> {
    match *exp {
        Expectation::Net(e, want) => {
            let got = net_effect(program, ev, e).net;
            let ok = matches!(
                (want, got),
                (ExpectedNet::Up, Net::Up)
                    | (ExpectedNet::Down, Net::Down)
                    | (ExpectedNet::Conflicting, Net::Conflicting)
                    | (ExpectedNet::Unaffected, Net::Unaffected)
            );
            (!ok).then(|| format!("got {}", describe(program, ev, e)))
        }
        Expectation::Not(e, st) => ev
            .state(e, st)
            .map(|_| format!("got {}", describe(program, ev, e))),
        Expectation::Via(e, st, via) => match ev.state(e, st) {
            None => Some(format!("got {}", describe(program, ev, e))),
            Some(id) => {
                let t = tree(program, ev, id);
                (!passes_through(&t, via)).then(|| {
                    let chain = crate::explain::chain(program, &t).text(program);
                    format!("the strongest derivation does not pass through it: {chain}")
                })
            }
        },
    }
}

fn expectation_text(program: &Program, exp: &Expectation) -> String {
    let name = |e| program.entity_name(e);
    match *exp {
        Expectation::Net(e, n) => format!("expect {} {}", name(e), n.as_str()),
        Expectation::Not(e, s) => format!("expect not {} {}", name(e), s.as_str()),
        Expectation::Via(e, s, v) => format!("expect {} {} via {}", name(e), s.as_str(), name(v)),
    }
}

/// The expectations of a scenario that its evaluation does not meet, one report each.
pub fn unmet(program: &Program, sc: &Scenario, ev: &Evaluation) -> Vec<String> {
    sc.expects
        .iter()
        .filter_map(|exp| {
            check(program, ev, &exp.expectation).map(|got| {
                format!(
                    "    {}  ({})\n      {got}\n",
                    expectation_text(program, &exp.expectation),
                    program.sources.file_line(exp.span)
                )
            })
        })
        .collect()
}

/// Run one scenario; the report lines and whether it passed.
fn scenario(program: &Program, sc: &Scenario, update: bool) -> (String, bool) {
    let ev = evaluate(program, &RunConfig::from_scenario(sc));
    let mut failures = unmet(program, sc, &ev).concat();
    let snap = snapshot::render(program, sc, &ev);
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
                    snapshot::diff(&old, &snap)
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
