//! `why not F`: which statements, conjunctions and rules could produce F, and which of
//! their premises are missing; clamps that block F, statements switched off by the context
//! selection, and `does not affect` statements about F's entity.

use super::concluding::{Concluding, UNBOUND, rules_concluding};
use crate::engine::join::{ground, term_value, unify_fact};
use crate::engine::{Evaluation, Fact, FactId, Origin};
use crate::program::{
    Atom, Clamp, Condition, ConjunctionId, EntityId, Program, Rule, RuleId, StatementId, Term,
    VerbId,
};

/// Rule instances listed per fact; the rest are counted in [`Finding::Omitted`].
const MAX_CANDIDATES: usize = 24;

/// One premise of a candidate, under the candidate's bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Premise {
    /// The premise with every bound variable replaced by its entity; variables nothing
    /// binds stay variables of the candidate's rule.
    pub atom: Atom,
    /// The verb as written, for a relation premise that holds by a statement.
    pub verb: Option<VerbId>,
    /// The premise when it is ground.
    pub fact: Option<Fact>,
    /// The premise holds in the run.
    pub holds: bool,
    /// A state pattern whose variable only a missing relation would bind (`?x up` beside a
    /// missing `?x inhibits Y`): implied, so not listed as missing on its own.
    pub implied: bool,
    /// Why a missing ground premise does not hold, while depth remains.
    pub why_not: Option<Box<WhyNot>>,
}

/// A producer instance that would conclude the fact if its missing premises held.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The statement, conjunction or rule that would conclude the fact.
    pub producer: Origin,
    /// Its premises under the instance's bindings, in body order, held or not.
    pub premises: Vec<Premise>,
}

/// A statement or conjunction that would bear on the fact but belongs to contexts the run
/// did not select.
#[derive(Debug, Clone, PartialEq)]
pub struct Inactive {
    /// The statement or conjunction switched off.
    pub producer: Origin,
    /// The contexts it belongs to, none of them selected.
    pub contexts: Vec<crate::program::ContextId>,
}

/// One thing `why not` found, in the order they are reported.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A clamp on the opposite state, which no rule may override.
    Blocked(Clamp),
    /// No statement, conjunction or rule of the program concludes the fact at all.
    NothingConcludes,
    /// A producer that would conclude the fact if its missing premises held.
    Candidate(Candidate),
    /// A rule that could conclude the fact, but nothing in the run has the shape of its
    /// missing premises (the patterns, with the rule's own variables left open).
    Unmatched {
        /// The rule that could conclude the fact.
        rule: RuleId,
        /// Its missing premises, with the rule's unbound variables left open.
        patterns: Vec<Atom>,
    },
    /// Rule instances beyond the listing limit.
    Omitted(usize),
    /// A statement or conjunction switched off by the run's context selection.
    Inactive(Inactive),
    /// A `does not affect` statement about the entity (index into `Program::nulls`).
    NullResult(usize),
    /// The run bounds heights (`max steps`), and the fact's shortest derivation takes
    /// `steps` steps, more than `max`.
    TooManySteps {
        /// Height of the fact's shortest derivation.
        steps: u32,
        /// The run's `max steps`.
        max: u32,
    },
    /// A disputed statement that would give the fact if the run let it fire.
    Disputed(Origin),
}

/// Why a fact does not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct WhyNot {
    /// The fact asked about.
    pub fact: Fact,
    /// The fact holds after all (`findings` is then empty).
    pub holds: bool,
    /// What was found, in the order reported.
    pub findings: Vec<Finding>,
}

impl WhyNot {
    /// The candidates (matched or not) that could conclude the fact.
    pub fn candidates(&self) -> impl Iterator<Item = &Candidate> {
        self.findings.iter().filter_map(|f| match f {
            Finding::Candidate(c) => Some(c),
            _ => None,
        })
    }
}

/// Everything `explain` collects before ordering it into findings.
struct Collected {
    blocked_by: Option<Clamp>,
    candidates: Vec<Candidate>,
    omitted: usize,
    inactive: Vec<Inactive>,
    nulls: Vec<usize>,
    disputed: Vec<Origin>,
}

impl Candidate {
    /// The missing premises worth listing (implied patterns are not).
    pub fn missing(&self) -> impl Iterator<Item = &Premise> {
        self.premises.iter().filter(|p| !p.holds && !p.implied)
    }
}

/// Order what was collected into findings, as they are reported.
fn findings(c: Collected) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(clamp) = c.blocked_by {
        out.push(Finding::Blocked(clamp));
    }
    if c.candidates.is_empty() && c.blocked_by.is_none() {
        out.push(Finding::NothingConcludes);
    }
    for cand in c.candidates {
        // A rule whose missing premises are all open patterns: nothing in the run has that
        // shape at all, one finding rather than a list of `?x`.
        if let Origin::Rule(rule) = cand.producer {
            let missing: Vec<&Premise> = cand.missing().collect();
            if !missing.is_empty() && missing.iter().all(|p| p.fact.is_none()) {
                let patterns = missing.iter().map(|p| p.atom).collect();
                out.push(Finding::Unmatched { rule, patterns });
                continue;
            }
        }
        out.push(Finding::Candidate(cand));
    }
    if c.omitted > 0 {
        out.push(Finding::Omitted(c.omitted));
    }
    out.extend(c.inactive.into_iter().map(Finding::Inactive));
    out.extend(c.nulls.into_iter().map(Finding::NullResult));
    out.extend(c.disputed.into_iter().map(Finding::Disputed));
    out
}

/// Explain why `fact` does not hold, following missing premises `depth` levels (≥ 1).
pub fn why_not(program: &Program, ev: &Evaluation, fact: Fact, depth: usize) -> WhyNot {
    let mut path = Vec::new();
    let mut w = explain(program, ev, fact, depth.max(1), &mut path);
    super::bounded::mark_too_tall(program, ev, &mut w);
    w
}

fn explain(
    program: &Program,
    ev: &Evaluation,
    fact: Fact,
    depth: usize,
    path: &mut Vec<Fact>,
) -> WhyNot {
    let config = ev.config();
    if ev.fact_id(&fact).is_some() {
        return WhyNot {
            fact,
            holds: true,
            findings: Vec::new(),
        };
    }
    let mut w = Collected {
        blocked_by: None,
        candidates: Vec::new(),
        omitted: 0,
        inactive: Vec::new(),
        nulls: Vec::new(),
        disputed: super::disputed_bearing(program, ev, fact)
            .into_iter()
            .filter(|d| d.gives)
            .map(|d| d.producer)
            .collect(),
    };
    path.push(fact);
    match fact {
        Fact::State(e, s) => {
            w.blocked_by = config
                .clamps
                .iter()
                .find(|c| c.entity == e && c.state == s.opposite())
                .copied();
            for (i, cj) in program.conjunctions.iter().enumerate() {
                if cj.head.entity != e || cj.head.state != s {
                    continue;
                }
                let producer = Origin::Conjunction(ConjunctionId(i as u32));
                if config.fires(program, &cj.provenance) {
                    let premises = conditions(program, ev, &cj.premises, depth, path);
                    w.candidates.push(Candidate { producer, premises });
                } else if !config.is_active(program.contexts(&cj.provenance)) {
                    let contexts = program.contexts(&cj.provenance).collect();
                    w.inactive.push(Inactive { producer, contexts });
                }
            }
            for (i, st) in program.statements.iter().enumerate() {
                if st.object == e && !config.is_active(program.contexts(&st.provenance)) {
                    w.inactive.push(Inactive {
                        producer: Origin::Statement(StatementId(i as u32)),
                        contexts: program.contexts(&st.provenance).collect(),
                    });
                }
            }
            for (i, null) in program.nulls.iter().enumerate() {
                if null.object == e {
                    w.nulls.push(i);
                }
            }
        }
        Fact::Relation(a, r, b) => {
            for (i, st) in program.statements.iter().enumerate() {
                if st.subject != a || st.relation() != r || st.object != b {
                    continue;
                }
                let producer = Origin::Statement(StatementId(i as u32));
                if config.fires(program, &st.provenance) {
                    let premises = conditions(
                        program,
                        ev,
                        &program.conditions(st).collect::<Vec<_>>(),
                        depth,
                        path,
                    );
                    w.candidates.push(Candidate { producer, premises });
                } else if !config.is_active(program.contexts(&st.provenance)) {
                    let contexts = program.contexts(&st.provenance).collect();
                    w.inactive.push(Inactive { producer, contexts });
                }
            }
        }
    }
    for Concluding {
        index: i,
        rule,
        mut bind,
        order,
    } in rules_concluding(program, fact)
    {
        let mut found = Vec::new();
        let mut slots = vec![None; rule.body.len()];
        near_misses(
            ev,
            rule,
            &order,
            &mut bind,
            &mut slots,
            &mut found,
            &mut w.omitted,
        );
        for (bind, slots) in found {
            let premises = rule
                .body
                .iter()
                .zip(slots)
                .map(|(atom, slot)| {
                    let fact = ground(atom, &bind);
                    let holds = slot.is_some();
                    // A relation that holds by a statement reads in the statement's verb.
                    let verb = slot.and_then(|id| match ev.origin(id) {
                        Origin::Statement(id) => {
                            program.statements.get(id.0 as usize).map(|st| st.verb())
                        }
                        _ => None,
                    });
                    Premise {
                        atom: bound_atom(atom, &bind),
                        verb,
                        fact,
                        holds,
                        implied: fact.is_none() && matches!(atom, Atom::State(..)),
                        why_not: deeper(program, ev, fact, holds, depth, path),
                    }
                })
                .collect();
            w.candidates.push(Candidate {
                producer: Origin::Rule(RuleId(i as u32)),
                premises,
            });
        }
    }
    path.pop();
    WhyNot {
        fact,
        holds: false,
        findings: findings(w),
    }
}

fn deeper(
    program: &Program,
    ev: &Evaluation,
    fact: Option<Fact>,
    holds: bool,
    depth: usize,
    path: &mut Vec<Fact>,
) -> Option<Box<WhyNot>> {
    let fact = fact?;
    if holds || depth <= 1 || path.contains(&fact) {
        return None;
    }
    Some(Box::new(explain(program, ev, fact, depth - 1, path)))
}

fn conditions(
    program: &Program,
    ev: &Evaluation,
    conditions: &[Condition],
    depth: usize,
    path: &mut Vec<Fact>,
) -> Vec<Premise> {
    conditions
        .iter()
        .map(|c| {
            let fact = Fact::State(c.entity, c.state);
            let holds = ev.fact_id(&fact).is_some();
            Premise {
                atom: Atom::State(Term::Entity(c.entity), c.state),
                verb: None,
                fact: Some(fact),
                holds,
                implied: false,
                why_not: deeper(program, ev, Some(fact), holds, depth, path),
            }
        })
        .collect()
}

/// Bindings of the rule's body that match as much as holds, one per way the matching
/// premises can be chosen; an atom that matches nothing is left missing (unbound variables
/// stay unbound). Only instances with at least one missing premise are kept.
fn near_misses(
    ev: &Evaluation,
    rule: &Rule,
    order: &[u16],
    bind: &mut Vec<u32>,
    slots: &mut Vec<Option<FactId>>,
    found: &mut Vec<(Vec<u32>, Vec<Option<FactId>>)>,
    omitted: &mut usize,
) {
    let Some((&first, rest)) = order.split_first() else {
        if slots.iter().any(Option::is_none) {
            if found.len() < MAX_CANDIDATES {
                found.push((bind.clone(), slots.clone()));
            } else {
                *omitted += 1;
            }
        }
        return;
    };
    let pos = first as usize;
    let atom = rule.body[pos];
    let mut matches: Vec<FactId> = Vec::new();
    match atom {
        Atom::State(t, s) => {
            let e = term_value(t, bind);
            if e != UNBOUND {
                matches.extend(ev.state(EntityId(e), s));
            }
        }
        Atom::Relation(t1, r, t2) => {
            let a = term_value(t1, bind);
            let b = term_value(t2, bind);
            match (a != UNBOUND, b != UNBOUND) {
                (true, true) => matches.extend(ev.relation(EntityId(a), r, EntityId(b))),
                (true, false) => matches.extend(ev.relations_from(EntityId(a), r)),
                (false, true) => matches.extend(ev.relations_to(EntityId(b), r)),
                (false, false) => {}
            }
        }
    }
    matches.sort();
    let mut any = false;
    for id in matches {
        let saved = bind.clone();
        if unify_fact(&atom, ev.fact(id), bind) {
            any = true;
            slots[pos] = Some(id);
            near_misses(ev, rule, rest, bind, slots, found, omitted);
            slots[pos] = None;
        }
        *bind = saved;
    }
    if !any {
        near_misses(ev, rule, rest, bind, slots, found, omitted);
    }
}

/// `atom` with every variable `bind` gives a value replaced by that entity.
fn bound_atom(atom: &Atom, bind: &[u32]) -> Atom {
    let term = |t: Term| match term_value(t, bind) {
        UNBOUND => t,
        v => Term::Entity(EntityId(v)),
    };
    match *atom {
        Atom::State(t, s) => Atom::State(term(t), s),
        Atom::Relation(a, r, b) => Atom::Relation(term(a), r, term(b)),
    }
}
