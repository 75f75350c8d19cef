//! Conditions nothing can make true: `… when RNAKL up` where no statement concludes
//! `RNAKL` and no scenario gives it. Such a statement never fires in any scenario, which
//! a typo or a forgotten `given` makes easy to miss.

use super::shown;
use super::uses::Uses;
use crate::diagnostics::{Code, Diag};
use crate::program::model::*;
use crate::source::Span;

/// `uses` tells whether any statement has a condition: most big networks have none, and
/// then only conjunctions are read.
pub fn unreachable_conditions(p: &Program, uses: &Uses, out: &mut Vec<Diag>) {
    if uses.conditions == 0 && p.conjunctions.iter().all(|c| c.premises.is_empty()) {
        return;
    }
    let n = p.entities.len();
    let mut reachable = vec![false; n];
    for s in &p.statements {
        reachable[s.object.0 as usize] = true;
    }
    for c in &p.conjunctions {
        reachable[c.head.entity.0 as usize] = true;
    }
    for sc in p.scenarios.values() {
        for c in &sc.clamps {
            reachable[c.entity.0 as usize] = true;
        }
    }
    for r in p.rules.iter().filter(|r| !r.prelude) {
        mark_rule_head(p, r, &mut reachable);
    }
    // (span, entity, state) of every condition, in file order.
    let mut conditions: Vec<(Span, EntityId, State)> = Vec::new();
    for s in &p.statements {
        for c in p.conditions(s) {
            conditions.push((s.provenance.span, c.entity, c.state));
        }
    }
    for cj in &p.conjunctions {
        for c in &cj.premises {
            conditions.push((cj.provenance.span, c.entity, c.state));
        }
    }
    conditions.retain(|(_, e, _)| !reachable[e.0 as usize]);
    conditions.sort_by_key(|(span, e, _)| (*span, *e));
    let mut count = vec![0usize; n];
    for (_, e, _) in &conditions {
        count[e.0 as usize] += 1;
    }
    let mut reported = vec![false; n];
    for (span, e, state) in conditions {
        let i = e.0 as usize;
        if std::mem::replace(&mut reported[i], true) {
            continue;
        }
        let name = shown(p.entity_name(e));
        let label = match count[i] - 1 {
            0 => "this condition never holds".to_string(),
            k => format!("this condition and {k} more like it never hold"),
        };
        out.push(
            Diag::warning(
                Code::LintUnreachableCondition,
                format!(
                    "nothing makes `{name} {}` true: no statement concludes `{name}` and no scenario gives it",
                    state.as_str()
                ),
            )
            .at(span, label)
            .help(format!(
                "check the spelling; or add a statement that concludes `{name}`, or give it in a scenario: `given {} {}`",
                super::quote(p.entity_name(e)),
                state.as_str()
            )),
        );
    }
}

/// Mark what a user rule can conclude: entities named in its head, and, for a head
/// variable that a body relation binds as its subject, every subject of a statement
/// (objects are reachable already, and a variable bound by a state atom only restates
/// something that already holds).
fn mark_rule_head(p: &Program, r: &Rule, reachable: &mut [bool]) {
    let terms = match r.head {
        Atom::State(t, _) => [Some(t), None],
        Atom::Relation(a, _, b) => [Some(a), Some(b)],
    };
    for t in terms.into_iter().flatten() {
        match t {
            Term::Entity(e) => reachable[e.0 as usize] = true,
            Term::Var(v) => {
                let as_subject = r
                    .body
                    .iter()
                    .any(|a| matches!(a, Atom::Relation(Term::Var(x), _, _) if *x == v));
                if as_subject {
                    for s in &p.statements {
                        reachable[s.subject.0 as usize] = true;
                    }
                }
            }
        }
    }
}
