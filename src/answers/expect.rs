//! Checking a scenario's `expect` lines against its evaluation.

use crate::engine::{Evaluation, Net, NetEffect, net_effect};
use crate::explain::{Chain, chain, derivation};
use crate::program::{Expect, Expectation, Program, Scenario};

/// What was found instead of what an expectation asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The entity's net effect (for `expect X net`, `expect not X s`, or a `via` whose
    /// state does not hold).
    Net(NetEffect),
    /// The state holds but its strongest derivation does not pass through the `via`
    /// entity: that derivation's causal line.
    NotVia(Chain),
}

/// One expectation its scenario's evaluation does not meet.
#[derive(Debug, Clone)]
pub struct Unmet<'p> {
    /// The `expect` line not met.
    pub expect: &'p Expect,
    /// What the evaluation concluded instead.
    pub found: Found,
}

/// Check one expectation; `None` when it holds.
pub fn check(program: &Program, ev: &Evaluation, exp: &Expectation) -> Option<Found> {
    match *exp {
        Expectation::Net(e, want) => {
            let got = net_effect(program, ev, e);
            (want != got.net).then_some(Found::Net(got))
        }
        Expectation::Leans(e, st) => {
            let got = net_effect(program, ev, e);
            let plain = matches!(
                (st, got.net),
                (crate::program::State::Up, Net::Up) | (crate::program::State::Down, Net::Down)
            );
            (!(plain || got.lean == Some(st))).then_some(Found::Net(got))
        }
        Expectation::ConflictingLeaning(e, st) => {
            let got = net_effect(program, ev, e);
            let ok = got.up.is_some() && got.down.is_some() && got.lean == Some(st);
            (!ok).then_some(Found::Net(got))
        }
        Expectation::Not(e, st) => ev
            .state(e, st)
            .map(|_| Found::Net(net_effect(program, ev, e))),
        Expectation::Via(e, st, via) => match ev.state(e, st) {
            None => Some(Found::Net(net_effect(program, ev, e))),
            Some(id) => {
                let graph = derivation(ev, id);
                (!graph.passes_through(via)).then(|| Found::NotVia(chain(program, &graph)))
            }
        },
    }
}

/// The expectations of a scenario that its evaluation does not meet, in written order.
pub fn unmet<'p>(program: &'p Program, sc: &'p Scenario, ev: &Evaluation) -> Vec<Unmet<'p>> {
    sc.expects
        .iter()
        .filter_map(|expect| {
            check(program, ev, &expect.expectation).map(|found| Unmet { expect, found })
        })
        .collect()
}

/// What became of a scenario's stored snapshot.
#[derive(Debug, Clone, PartialEq)]
pub enum SnapshotStatus {
    /// The stored snapshot equals the run's.
    Matches,
    /// The stored snapshot differs: a readable diff.
    Differs(String),
    /// No snapshot is stored yet (not a failure).
    Missing,
    /// `--update` wrote the snapshot.
    Written,
    /// `--update` could not write the snapshot: the error.
    WriteFailed(String),
}

/// One scenario's test result.
#[derive(Debug, Clone)]
pub struct ScenarioResult<'p> {
    /// The scenario tested.
    pub scenario: &'p Scenario,
    /// Its expectations not met, in written order.
    pub unmet: Vec<Unmet<'p>>,
    /// Where its snapshot is stored: `snapshots/NAME.snap` beside the file that declares it.
    pub snapshot_path: std::path::PathBuf,
    /// How the snapshot compared (or whether it was written).
    pub snapshot: SnapshotStatus,
    /// The join-row limit stopped the scenario's run: nothing it says can be trusted.
    pub stopped: Option<crate::engine::JoinLimit>,
}

impl ScenarioResult<'_> {
    /// Every expectation met and the snapshot matching (or missing, or written).
    pub fn passed(&self) -> bool {
        self.unmet.is_empty()
            && self.stopped.is_none()
            && !matches!(
                self.snapshot,
                SnapshotStatus::Differs(_) | SnapshotStatus::WriteFailed(_)
            )
    }
}
