//! `why not F`: which statements, conjunctions and rules could produce F, and which of
//! their premises are missing; clamps that block F, statements switched off by the context
//! selection, and `does not affect` statements about F's entity.

use super::concluding::{Concluding, UNBOUND, rules_concluding};
use crate::engine::join::{ground, term_value, unify_fact};
use crate::engine::{Derivation, Evaluation, Fact, FactId};
use crate::program::{
    Atom, Clamp, Condition, ConjunctionId, EntityId, Program, Rule, RuleId, StatementId, Term,
};
use crate::render::name::{display_name, fact_text};

/// Rule instances listed per fact; the rest are counted in [`WhyNot::omitted`].
const MAX_CANDIDATES: usize = 24;

/// Something in the rules that concludes a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Producer {
    Statement(StatementId),
    Conjunction(ConjunctionId),
    Rule(RuleId),
}

/// One premise of a candidate, under the candidate's bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Premise {
    /// As the language writes it; `?x` for a variable nothing binds.
    pub text: String,
    /// The premise when it is ground.
    pub fact: Option<Fact>,
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
    pub producer: Producer,
    pub premises: Vec<Premise>,
}

/// A statement or conjunction that would bear on the fact but belongs to contexts the run
/// did not select.
#[derive(Debug, Clone, PartialEq)]
pub struct Inactive {
    pub producer: Producer,
    pub contexts: Vec<String>,
}

/// Why a fact does not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct WhyNot {
    pub fact: Fact,
    pub holds: bool,
    /// A clamp on the opposite state, which no rule may override.
    pub blocked_by: Option<Clamp>,
    pub candidates: Vec<Candidate>,
    /// Candidates not listed (beyond the limit).
    pub omitted: usize,
    pub inactive: Vec<Inactive>,
    /// Indexes into `Program::nulls`: `does not affect` statements about the entity.
    pub nulls: Vec<usize>,
}

/// Explain why `fact` does not hold, following missing premises `depth` levels (≥ 1).
pub fn why_not(program: &Program, ev: &Evaluation, fact: Fact, depth: usize) -> WhyNot {
    let mut path = Vec::new();
    explain(program, ev, fact, depth.max(1), &mut path)
}

fn explain(
    program: &Program,
    ev: &Evaluation,
    fact: Fact,
    depth: usize,
    path: &mut Vec<Fact>,
) -> WhyNot {
    let config = ev.config();
    let mut w = WhyNot {
        fact,
        holds: ev.fact_id(&fact).is_some(),
        blocked_by: None,
        candidates: Vec::new(),
        omitted: 0,
        inactive: Vec::new(),
        nulls: Vec::new(),
    };
    if w.holds {
        return w;
    }
    path.push(fact);
    let contexts = |cs: &[crate::program::ContextId]| -> Vec<String> {
        cs.iter()
            .filter(|c| (c.0 as usize) < program.contexts.len())
            .map(|&c| program.context_name(c).to_string())
            .collect()
    };
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
                let producer = Producer::Conjunction(ConjunctionId(i as u32));
                if config.is_active(&cj.provenance.contexts) {
                    let premises = conditions(program, ev, &cj.premises, depth, path);
                    w.candidates.push(Candidate { producer, premises });
                } else {
                    let contexts = contexts(&cj.provenance.contexts);
                    w.inactive.push(Inactive { producer, contexts });
                }
            }
            for (i, st) in program.statements.iter().enumerate() {
                if st.object == e && !config.is_active(&st.provenance.contexts) {
                    w.inactive.push(Inactive {
                        producer: Producer::Statement(StatementId(i as u32)),
                        contexts: contexts(&st.provenance.contexts),
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
                if st.subject != a || st.relation != r || st.object != b {
                    continue;
                }
                let producer = Producer::Statement(StatementId(i as u32));
                if config.is_active(&st.provenance.contexts) {
                    let premises = conditions(program, ev, &st.conditions, depth, path);
                    w.candidates.push(Candidate { producer, premises });
                } else {
                    let contexts = contexts(&st.provenance.contexts);
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
                    let stated_verb = slot.and_then(|id| match ev.derivation(id) {
                        Derivation::Statement { id, .. } => program
                            .statements
                            .get(id.0 as usize)
                            .map(|st| program.verb_word(st.verb)),
                        _ => None,
                    });
                    let text = match (fact, stated_verb) {
                        (Some(f @ Fact::Relation(..)), Some(verb)) => {
                            fact_text(program, &f, Some(verb))
                        }
                        _ => atom_text(program, rule, atom, &bind),
                    };
                    Premise {
                        text,
                        fact,
                        holds,
                        implied: fact.is_none() && matches!(atom, Atom::State(..)),
                        why_not: deeper(program, ev, fact, holds, depth, path),
                    }
                })
                .collect();
            w.candidates.push(Candidate {
                producer: Producer::Rule(RuleId(i as u32)),
                premises,
            });
        }
    }
    path.pop();
    w
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
                text: fact_text(program, &fact, None),
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

fn term_text(program: &Program, rule: &Rule, t: Term, bind: &[u32]) -> String {
    let v = term_value(t, bind);
    match t {
        _ if v != UNBOUND && (v as usize) < program.entities.len() => {
            display_name(program.entity_name(EntityId(v))).into_owned()
        }
        Term::Var(i) => format!(
            "?{}",
            rule.variables
                .get(i as usize)
                .map(String::as_str)
                .unwrap_or("_")
        ),
        Term::Entity(e) => format!("#{}", e.0),
    }
}

fn atom_text(program: &Program, rule: &Rule, atom: &Atom, bind: &[u32]) -> String {
    match *atom {
        Atom::State(t, s) => format!("{} {}", term_text(program, rule, t, bind), s.as_str()),
        Atom::Relation(a, r, b) => format!(
            "{} {} {}",
            term_text(program, rule, a, bind),
            r.as_str(),
            term_text(program, rule, b, bind)
        ),
    }
}

impl WhyNot {
    /// The explanation as indented lines (also the `why_not` list of `--format json`).
    pub fn lines(&self, program: &Program) -> Vec<String> {
        let mut out = Vec::new();
        self.write(program, 0, &mut out);
        out
    }

    fn write(&self, program: &Program, indent: usize, out: &mut Vec<String>) {
        let pad = "  ".repeat(indent);
        let fact = fact_text(program, &self.fact, None);
        if self.holds {
            out.push(format!("{pad}{fact} holds"));
            return;
        }
        out.push(format!("{pad}{fact} does not hold"));
        if let Some(c) = self.blocked_by {
            out.push(format!(
                "{pad}  blocked: {} is clamped {} ({}), so the opposite is never derived",
                display_name(program.entity_name(c.entity)),
                c.state.as_str(),
                c.kind.as_str()
            ));
        }
        if self.candidates.is_empty() && self.blocked_by.is_none() {
            out.push(format!("{pad}  nothing in the rules concludes it"));
        }
        for c in &self.candidates {
            let missing: Vec<&Premise> = c
                .premises
                .iter()
                .filter(|p| !p.holds && !p.implied)
                .collect();
            // A rule whose missing premises are all open patterns: nothing in the run has
            // that shape at all, which reads better as one line than as a list of `?x`.
            if let Producer::Rule(id) = c.producer
                && !missing.is_empty()
                && missing.iter().all(|p| p.fact.is_none())
            {
                let name = program
                    .rules
                    .get(id.0 as usize)
                    .map_or("rule", |r| r.name.as_str());
                let shapes: Vec<String> = missing.iter().map(|p| format!("`{}`", p.text)).collect();
                out.push(format!(
                    "{pad}  {name}: nothing in this run matches {}",
                    shapes.join(" with ")
                ));
                continue;
            }
            out.push(format!("{pad}  {}", producer_text(program, c, &fact)));
            for p in missing {
                out.push(format!("{pad}    missing: {}", p.text));
                if let Some(deeper) = &p.why_not {
                    deeper.write(program, indent + 3, out);
                }
            }
        }
        if self.omitted > 0 {
            out.push(format!("{pad}  … and {} more rule instances", self.omitted));
        }
        for i in &self.inactive {
            let (text, span) = match i.producer {
                Producer::Statement(id) => {
                    let st = program.statement(id);
                    let f = Fact::Relation(st.subject, st.relation, st.object);
                    let text = fact_text(program, &f, Some(program.verb_word(st.verb)));
                    (text, Some(st.provenance.span))
                }
                Producer::Conjunction(id) => match program.conjunctions.get(id.0 as usize) {
                    Some(cj) => (conjunction_text(program, cj), Some(cj.provenance.span)),
                    None => continue,
                },
                Producer::Rule(_) => continue,
            };
            let at = span
                .map(|s| format!(" ({})", program.sources.file_line(s)))
                .unwrap_or_default();
            out.push(format!(
                "{pad}  inactive: {text}{at}: context {} not selected",
                i.contexts.join(", ")
            ));
        }
        for &i in &self.nulls {
            if let Some(null) = program.nulls.get(i) {
                out.push(format!(
                    "{pad}  null result: {}",
                    crate::engine::null_note(program, null).trim_start_matches("contradicts ")
                ));
            }
        }
    }
}

fn conjunction_text(program: &Program, cj: &crate::program::Conjunction) -> String {
    let premises: Vec<String> = cj
        .premises
        .iter()
        .map(|c| fact_text(program, &Fact::State(c.entity, c.state), None))
        .collect();
    format!(
        "when {} then {}",
        premises.join(" and "),
        fact_text(program, &Fact::State(cj.head.entity, cj.head.state), None)
    )
}

fn producer_text(program: &Program, c: &Candidate, fact: &str) -> String {
    let premises: Vec<&str> = c.premises.iter().map(|p| p.text.as_str()).collect();
    match c.producer {
        Producer::Rule(id) => {
            let name = program.rules.get(id.0 as usize).map(|r| r.name.as_str());
            format!(
                "{}: {} ⇒ {fact}",
                name.unwrap_or("rule"),
                premises.join(", ")
            )
        }
        Producer::Statement(id) => {
            let st = program.statement(id);
            let f = Fact::Relation(st.subject, st.relation, st.object);
            format!(
                "statement {}: {} when {}",
                program.sources.file_line(st.provenance.span),
                fact_text(program, &f, Some(program.verb_word(st.verb))),
                premises.join(" and ")
            )
        }
        Producer::Conjunction(id) => match program.conjunctions.get(id.0 as usize) {
            Some(cj) => format!(
                "conjunction {}: {}",
                program.sources.file_line(cj.provenance.span),
                conjunction_text(program, cj)
            ),
            None => format!("conjunction: {} ⇒ {fact}", premises.join(" and ")),
        },
    }
}
