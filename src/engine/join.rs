//! Joining rule bodies against the facts that hold.
//!
//! The same join serves the evaluation (when a fact settles, against the facts settled so
//! far) and explanations after the run (alternatives, why-not), so both read the rules the
//! same way. Variables are bound in a caller-owned slice (`NONE` = unbound) and premises are
//! written per body position; nothing is allocated per match.

use crate::diagnostics::{Code, Diag};
use crate::program::{Atom, EntityId, Program, RuleId, Term};

use super::evaluation::{Evaluation, NONE};
use super::fact::{Fact, FactId};

/// The entity a term stands for under `bind`, or `NONE` for an unbound variable.
pub(crate) fn term_value(term: Term, bind: &[u32]) -> u32 {
    match term {
        Term::Entity(e) => e.0,
        Term::Var(v) => bind.get(v as usize).copied().unwrap_or(NONE),
    }
}

/// Bind `term` to `entity`; false when it is already something else.
fn unify_term(term: Term, entity: EntityId, bind: &mut [u32]) -> bool {
    match term {
        Term::Entity(e) => e == entity,
        Term::Var(v) => match bind.get_mut(v as usize) {
            Some(slot) if *slot == NONE => {
                *slot = entity.0;
                true
            }
            Some(slot) => *slot == entity.0,
            None => false,
        },
    }
}

/// Match an atom against a fact, binding its variables. On failure some variables may have
/// been bound; callers reset the bindings they started from.
pub(crate) fn unify_fact(atom: &Atom, fact: Fact, bind: &mut [u32]) -> bool {
    match (*atom, fact) {
        (Atom::State(t, s), Fact::State(e, fs)) => s == fs && unify_term(t, e, bind),
        (Atom::Relation(t1, r, t2), Fact::Relation(a, fr, b)) => {
            r == fr && unify_term(t1, a, bind) && unify_term(t2, b, bind)
        }
        _ => false,
    }
}

/// Instantiate an atom under complete bindings; `None` when a variable is unbound.
pub(crate) fn ground(atom: &Atom, bind: &[u32]) -> Option<Fact> {
    let value = |t: Term| {
        let v = term_value(t, bind);
        (v != NONE).then_some(EntityId(v))
    };
    Some(match *atom {
        Atom::State(t, s) => Fact::State(value(t)?, s),
        Atom::Relation(t1, r, t2) => Fact::Relation(value(t1)?, r, value(t2)?),
    })
}

fn atom_vars(atom: &Atom) -> [Option<u32>; 2] {
    let var = |t: Term| match t {
        Term::Var(v) => Some(v),
        Term::Entity(_) => None,
    };
    match *atom {
        Atom::State(t, _) => [var(t), None],
        Atom::Relation(t1, _, t2) => [var(t1), var(t2)],
    }
}

/// The order in which to match body atoms (all but `skip`), given the variables already
/// bound: fully bound atoms first, then relations with one bound end, then the rest; ties
/// in body order. `bound` is updated to the variables bound after the whole plan.
pub(crate) fn plan(body: &[Atom], skip: Option<usize>, bound: &mut [bool]) -> Vec<u16> {
    let is_bound = |t: Term, bound: &[bool]| match t {
        Term::Entity(_) => true,
        Term::Var(v) => bound.get(v as usize).copied().unwrap_or(false),
    };
    let mut left: Vec<usize> = (0..body.len()).filter(|&i| Some(i) != skip).collect();
    let mut order = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let score = |i: usize| match body[i] {
            Atom::State(t, _) => {
                if is_bound(t, bound) {
                    3
                } else {
                    0
                }
            }
            Atom::Relation(t1, _, t2) => match (is_bound(t1, bound), is_bound(t2, bound)) {
                (true, true) => 3,
                (true, false) | (false, true) => 2,
                (false, false) => 1,
            },
        };
        let mut best = 0;
        for k in 1..left.len() {
            if score(left[k]) > score(left[best]) {
                best = k;
            }
        }
        let i = left.remove(best);
        for v in atom_vars(&body[i]).into_iter().flatten() {
            if let Some(b) = bound.get_mut(v as usize) {
                *b = true;
            }
        }
        order.push(i as u16);
    }
    order
}

/// Rows one evaluation step may produce in its joins unless `--max-join-rows` says
/// otherwise: far above what a literature-scale network needs (its joins produce a row
/// per neighbour), far below what exhausts memory.
pub const DEFAULT_MAX_JOIN_ROWS: u64 = 10_000_000;

/// A variable rule whose join produced more rows than the limit allows in one step:
/// many variables joined over many facts grow combinatorially (a 20-variable chain over
/// 900 facts needs 29^20 rows), so the run stops instead of exhausting memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinLimit {
    /// The rule whose join was stopped.
    pub rule: RuleId,
    /// The row limit it exceeded (`--max-join-rows`).
    pub limit: u64,
}

impl JoinLimit {
    /// The diagnostic: which rule, where, and the limit.
    pub fn diag(&self, program: &Program) -> Diag {
        let rule = program.rule(self.rule);
        Diag::error(
            Code::RunJoinLimit,
            format!(
                "rule `{}` matched more than {} rows in one step; the run was stopped",
                rule.name, self.limit
            ),
        )
        .at(rule.span, "this rule's join grows without bound")
        .help(format!(
            "join fewer variables at once (split the rule, or name entities instead of variables), or raise the limit with --max-join-rows (now {})",
            self.limit
        ))
    }
}

/// Enumerate every way to match the atoms of `order` against facts that hold, extending
/// `bind` and writing each matched fact to `premises[position]`, and call `found` for each
/// complete match. Atoms at positions before `exclude.0` never match fact `exclude.1`
/// (so an instance is found once, at the first position of its newest premise).
pub(crate) fn join<F>(
    ev: &Evaluation,
    body: &[Atom],
    order: &[u16],
    exclude: (usize, u32),
    bind: &mut [u32],
    premises: &mut [FactId],
    found: &mut F,
) where
    F: FnMut(&[u32], &[FactId]),
{
    let mut rows = u64::MAX;
    join_within(ev, body, order, exclude, bind, premises, found, &mut rows);
}

/// [`join`], producing at most `rows` rows (partial or complete matches); `rows` is what
/// is left, and 0 when the join was cut short.
#[allow(clippy::too_many_arguments)]
pub(crate) fn join_within<F>(
    ev: &Evaluation,
    body: &[Atom],
    order: &[u16],
    exclude: (usize, u32),
    bind: &mut [u32],
    premises: &mut [FactId],
    found: &mut F,
    rows: &mut u64,
) where
    F: FnMut(&[u32], &[FactId]),
{
    let Some((&first, rest)) = order.split_first() else {
        found(bind, premises);
        return;
    };
    let pos = first as usize;
    let excluded = if pos < exclude.0 { exclude.1 } else { NONE };
    let atom = body[pos];
    let try_fact =
        |id: u32, bind: &mut [u32], premises: &mut [FactId], found: &mut F, rows: &mut u64| {
            if id == excluded || *rows == 0 {
                return;
            }
            let saved = atom_vars(&atom).map(|v| v.map(|v| (v, term_value(Term::Var(v), bind))));
            if unify_fact(&atom, ev.fact(FactId(id)), bind) {
                *rows -= 1;
                premises[pos] = FactId(id);
                join_within(ev, body, rest, exclude, bind, premises, found, rows);
            }
            for (v, old) in saved.into_iter().flatten() {
                bind[v as usize] = old;
            }
        };
    match atom {
        Atom::State(t, s) => {
            let e = term_value(t, bind);
            if e != NONE {
                if let Some(id) = ev.state(EntityId(e), s) {
                    try_fact(id.0, bind, premises, found, rows);
                }
            } else {
                for &id in ev.states_with(s) {
                    try_fact(id, bind, premises, found, rows);
                }
            }
        }
        Atom::Relation(t1, r, t2) => {
            let a = term_value(t1, bind);
            let b = term_value(t2, bind);
            match (a != NONE, b != NONE) {
                (true, true) => {
                    if let Some(id) = ev.relation(EntityId(a), r, EntityId(b)) {
                        try_fact(id.0, bind, premises, found, rows);
                    }
                }
                (true, false) => {
                    for id in ev.relations_from(EntityId(a), r) {
                        try_fact(id.0, bind, premises, found, rows);
                    }
                }
                (false, true) => {
                    for id in ev.relations_to(EntityId(b), r) {
                        try_fact(id.0, bind, premises, found, rows);
                    }
                }
                (false, false) => {
                    for id in ev.relations_of(r) {
                        try_fact(id, bind, premises, found, rows);
                    }
                }
            }
        }
    }
}
