//! `why F`: the strongest derivation, the opposing one, or why F does not hold.

use crate::engine::{Evaluation, Fact};
use crate::program::Program;

use super::disputed::{Disputed, disputed_bearing};
use super::evidence::{BUDGET, Evidence, evidence};
use super::graph::{Graph, derivation};
use super::why_not::{WhyNot, why_not};

/// Everything `marrow why [not] F` reports about one fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// The fact asked about.
    pub fact: Fact,
    /// Whether it holds in the run.
    pub holds: bool,
    /// The strongest derivation, when the fact holds.
    pub derivation: Option<Graph>,
    /// For a state, the strongest derivation of the opposite state when that holds too.
    pub opposing: Option<Graph>,
    /// When the fact does not hold: what could have produced it and what is missing.
    pub why_not: Option<WhyNot>,
    /// Disputed statements that would give or oppose the fact if the run let them fire.
    pub disputed: Vec<Disputed>,
    /// Further lines of evidence besides the derivation, and how much was seen.
    pub evidence: Evidence,
}

/// Lines of evidence `why` lists by default.
pub const EVIDENCE_LINES: usize = 5;

/// Explain `fact`; `depth` bounds how far missing premises are followed (1 = one level).
pub fn why(program: &Program, ev: &Evaluation, fact: Fact, depth: usize) -> Why {
    why_with(program, ev, fact, depth, EVIDENCE_LINES)
}

/// [`why`] with up to `lines` further lines of evidence.
pub fn why_with(program: &Program, ev: &Evaluation, fact: Fact, depth: usize, lines: usize) -> Why {
    let id = ev.fact_id(&fact);
    let opposing = match fact {
        Fact::State(e, s) => ev.state(e, s.opposite()).map(|o| derivation(ev, o)),
        Fact::Relation(..) => None,
    };
    let derivation = id.map(|id| derivation(ev, id));
    let evidence = match &derivation {
        Some(g) if matches!(fact, Fact::State(..)) => {
            evidence(program, ev, fact, Some(g), lines, BUDGET)
        }
        _ => Evidence::none(),
    };
    Why {
        fact,
        holds: id.is_some(),
        derivation,
        opposing,
        why_not: id.is_none().then(|| why_not(program, ev, fact, depth)),
        disputed: disputed_bearing(program, ev, fact),
        evidence,
    }
}
