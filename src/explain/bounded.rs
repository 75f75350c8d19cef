//! `why not` under `max steps N`: say when a fact would hold with taller derivations.

use crate::engine::{Evaluation, Fact, RunConfig, evaluate};
use crate::program::Program;

use super::why_not::{Finding, WhyNot};

/// Add a [`Finding::TooManySteps`] first to every fact of `w` (the fact and the missing
/// premises followed below it) that holds once the bound is lifted, with the fewest steps
/// it needs. Runs only when the run is bounded and the fact does not hold.
pub(super) fn mark_too_tall(program: &Program, ev: &Evaluation, w: &mut WhyNot) {
    let Some(max) = ev.config().max_steps else {
        return;
    };
    if w.holds {
        return;
    }
    // A layered run keeps every version of a fact, and a fact first appears in the layer
    // of its shortest derivation: that is the height it needs. The cap only guards
    // against a pathological number of layers; past it, the unbounded height is given.
    let config = RunConfig {
        max_steps: Some(max.saturating_add(1024)),
        ..ev.config().clone()
    };
    let layered = evaluate(program, &config);
    mark(program, &layered, max, w);
}

/// The height of the shortest derivation of `fact` in a layered run, if it holds there.
fn shortest(layered: &Evaluation, fact: &Fact) -> Option<u32> {
    layered
        .facts()
        .find(|(_, f)| f == fact)
        .map(|(id, _)| layered.steps(id))
}

fn mark(program: &Program, layered: &Evaluation, max: u32, w: &mut WhyNot) {
    if w.holds {
        return;
    }
    let needed = shortest(layered, &w.fact).or_else(|| {
        let config = RunConfig {
            max_steps: None,
            ..layered.config().clone()
        };
        let unbounded = evaluate(program, &config);
        unbounded.fact_id(&w.fact).map(|id| unbounded.steps(id))
    });
    if let Some(steps) = needed.filter(|&s| s > max) {
        w.findings.insert(0, Finding::TooManySteps { steps, max });
    }
    for f in &mut w.findings {
        if let Finding::Candidate(c) = f {
            for p in &mut c.premises {
                if let Some(deeper) = &mut p.why_not {
                    mark(program, layered, max, deeper);
                }
            }
        }
    }
}
