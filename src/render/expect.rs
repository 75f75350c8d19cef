//! Expectations and what was found instead, as `marrow test` reports them.

use crate::answers::{Found, ScenarioResult, SnapshotStatus, Unmet};
use crate::engine::{Net, NetEffect, Side};
use crate::program::Expectation;

use super::{View, text};

/// `up 0.63`, `conflicting (up 0.73, down 0.36)`, `unaffected`.
pub fn net_text(n: &NetEffect) -> String {
    let side = |s: Option<Side>| s.map(|s| text::strength(s.strength)).unwrap_or_default();
    match n.net {
        Net::Unaffected => "unaffected".to_string(),
        Net::Up => format!("up {}", side(n.up)),
        Net::Down => format!("down {}", side(n.down)),
        Net::Conflicting => {
            let how = super::margin::conflict(n).unwrap_or_default();
            format!(
                "conflicting (up {}, down {}; {how})",
                side(n.up),
                side(n.down)
            )
        }
    }
}

/// An expectation as the language writes it.
pub fn expectation(view: &View, exp: &Expectation) -> String {
    let name = |e| view.program.entity_name(e);
    match *exp {
        Expectation::Net(e, n) => format!("expect {} {}", name(e), n.as_str()),
        Expectation::Not(e, s) => format!("expect not {} {}", name(e), s.as_str()),
        Expectation::Via(e, s, v) => format!("expect {} {} via {}", name(e), s.as_str(), name(v)),
        Expectation::Leans(e, s) => format!("expect {} leans {}", name(e), s.as_str()),
        Expectation::ConflictingLeaning(e, s) => {
            format!("expect {} conflicting leaning {}", name(e), s.as_str())
        }
    }
}

/// What was found instead.
pub fn found(view: &View, found: &Found) -> String {
    match found {
        Found::Net(n) => format!("got {}", net_text(n)),
        Found::NotVia(chain) => format!(
            "the strongest derivation does not pass through it: {}",
            text::chain(view, chain)
        ),
    }
}

/// One report per unmet expectation: the expectation with its location, then what was
/// found instead.
pub fn unmet(view: &View, unmet: &[Unmet]) -> Vec<String> {
    unmet
        .iter()
        .map(|u| {
            format!(
                "    {}  ({})\n      {}\n",
                expectation(view, &u.expect.expectation),
                view.file_line(u.expect.span),
                found(view, &u.found)
            )
        })
        .collect()
}

/// One scenario's lines of `marrow test`: `pass  NAME  N expectations`, then each failure.
pub fn scenario_report(view: &View, r: &ScenarioResult) -> String {
    let mut failures = unmet(view, &r.unmet).concat();
    if let Some(limit) = &r.stopped {
        let rule = view.program.rule(limit.rule);
        failures.push_str(&format!(
            "    stopped: rule `{}` matched more than {} rows in one step (--max-join-rows)\n",
            rule.name, limit.limit
        ));
    }
    let path = r.snapshot_path.display();
    let mut note = String::new();
    match &r.snapshot {
        SnapshotStatus::Matches => {}
        SnapshotStatus::Written => note = format!("  (snapshot written: {path})"),
        SnapshotStatus::WriteFailed(e) => {
            failures.push_str(&format!("    cannot write {path}: {e}\n"));
        }
        SnapshotStatus::Differs(diff) => failures.push_str(&format!(
            "    snapshot {path} differs (run `marrow test --update` to accept):\n{diff}"
        )),
        SnapshotStatus::Missing => {
            note = "  (no snapshot; `marrow test --update` writes one)".to_string()
        }
    }
    let n = r.scenario.expects.len();
    format!(
        "{}  {}  {n} expectation{}{note}\n{failures}",
        if r.passed() { "pass" } else { "FAIL" },
        r.scenario.name,
        if n == 1 { "" } else { "s" }
    )
}

/// `N passed, N failed`.
pub fn totals(results: &[ScenarioResult]) -> String {
    let passed = results.iter().filter(|r| r.passed()).count();
    format!("{passed} passed, {} failed\n", results.len() - passed)
}
