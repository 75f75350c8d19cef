//! Disputed statements that bear on a fact: those that would give or oppose it in one
//! step if the run let them fire (their subject holds the state that fires them now,
//! their context is active and their conditions hold). No second evaluation is made.

use crate::engine::compile::{edge_shape, runnable};
use crate::engine::{Evaluation, Fact, Origin};
use crate::program::{Condition, ConjunctionId, Program, StatementId};

/// A disputed statement or conjunction that would bear on a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disputed {
    /// The disputed statement or conjunction.
    pub producer: Origin,
    /// `true`: it would give the fact; `false`: it would give the opposite state.
    pub gives: bool,
}

/// The disputed statements bearing on `fact` in this run, in program order; empty when the
/// run lets disputed statements fire (they then appear in derivations instead).
pub fn disputed_bearing(program: &Program, ev: &Evaluation, fact: Fact) -> Vec<Disputed> {
    let config = ev.config();
    if config.with_disputed || !program.provenances.any_disputed() {
        return Vec::new();
    }
    let holds = |c: &Condition| ev.state(c.entity, c.state).is_some();
    // The conditions are asked last, and only of a disputed statement in an active context.
    let usable = |p: &crate::program::Provenance, conditions_hold: &dyn Fn() -> bool| {
        p.disputed() && config.is_active(program.contexts(p)) && conditions_hold()
    };
    let n = program.entities.len();
    let edges: Vec<_> = program
        .rules
        .iter()
        .filter(|r| runnable(r, n))
        .filter_map(|r| edge_shape(&r.body, &r.head))
        .collect();
    let mut out = Vec::new();
    for (i, st) in program.statements.iter().enumerate() {
        if !usable(&st.provenance, &|| {
            program.conditions(st).all(|c| holds(&c))
        }) {
            continue;
        }
        let producer = Origin::Statement(StatementId(i as u32));
        match fact {
            Fact::State(e, s) if st.object == e => {
                // One step through each rule of edge shape (the prelude's verbs).
                let heads = edges
                    .iter()
                    .filter(|edge| edge.relation == st.relation())
                    .filter(|edge| ev.state(st.subject, edge.state).is_some())
                    .map(|edge| edge.head);
                let (mut gives, mut opposes) = (false, false);
                for h in heads {
                    gives |= h == s;
                    opposes |= h != s;
                }
                if gives {
                    out.push(Disputed {
                        producer,
                        gives: true,
                    });
                } else if opposes {
                    out.push(Disputed {
                        producer,
                        gives: false,
                    });
                }
            }
            Fact::Relation(a, r, b) if st.subject == a && st.relation() == r && st.object == b => {
                out.push(Disputed {
                    producer,
                    gives: true,
                });
            }
            _ => {}
        }
    }
    if let Fact::State(e, s) = fact {
        for (i, cj) in program.conjunctions.iter().enumerate() {
            if cj.head.entity == e && usable(&cj.provenance, &|| cj.premises.iter().all(holds)) {
                out.push(Disputed {
                    producer: Origin::Conjunction(ConjunctionId(i as u32)),
                    gives: cj.head.state == s,
                });
            }
        }
    }
    out
}

/// Every disputed statement, conjunction and null result of the program, in source order.
pub fn disputed_statements(program: &Program) -> Vec<Origin> {
    if !program.provenances.any_disputed() {
        return Vec::new();
    }
    let mut out: Vec<(crate::source::Span, Origin)> = Vec::new();
    for (i, st) in program.statements.iter().enumerate() {
        if st.provenance.disputed() {
            out.push((st.provenance.span, Origin::Statement(StatementId(i as u32))));
        }
    }
    for (i, cj) in program.conjunctions.iter().enumerate() {
        if cj.provenance.disputed() {
            out.push((
                cj.provenance.span,
                Origin::Conjunction(ConjunctionId(i as u32)),
            ));
        }
    }
    out.sort_by_key(|(span, _)| (span.file.0, span.start));
    out.into_iter().map(|(_, p)| p).collect()
}
