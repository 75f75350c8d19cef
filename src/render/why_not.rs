//! `why not` findings as indented text lines.

use crate::engine::{Fact, Origin};
use crate::explain::{Candidate, Finding, Premise, WhyNot};
use crate::program::Rule;

use super::View;
use super::name::{display_name, fact_text};
use super::words;

/// A premise as the language writes it, in the statement's verb when one states it.
pub fn premise(view: &View, rule: Option<&Rule>, p: &Premise) -> String {
    match (p.fact, p.verb) {
        (Some(f @ Fact::Relation(..)), Some(verb)) => {
            fact_text(view.program, &f, Some(view.program.verb_word(verb)))
        }
        _ => words::atom(view, rule, &p.atom),
    }
}

/// The rule of a candidate, when a variable rule produces it.
pub fn candidate_rule<'p>(view: &View<'p>, c: &Candidate) -> Option<&'p Rule> {
    match c.producer {
        Origin::Rule(id) => view.program.rules.get(id.0 as usize),
        _ => None,
    }
}

/// What a candidate is: `activation: A up, A activates B ⇒ B up`,
/// `statement FILE:LINE: …`, `conjunction FILE:LINE: …`.
pub fn producer(view: &View, c: &Candidate, fact: &str) -> String {
    let program = view.program;
    let rule = candidate_rule(view, c);
    let premises: Vec<String> = c.premises.iter().map(|p| premise(view, rule, p)).collect();
    match c.producer {
        Origin::Rule(_) => format!(
            "{}: {} ⇒ {fact}",
            rule.map_or("rule", |r| r.name.as_str()),
            premises.join(", ")
        ),
        Origin::Statement(id) => {
            let st = program.statement(id);
            let f = Fact::Relation(st.subject, st.relation(), st.object);
            format!(
                "statement {}: {} when {}",
                view.file_line(st.provenance.span),
                fact_text(program, &f, Some(program.verb_word(st.verb()))),
                premises.join(" and ")
            )
        }
        Origin::Conjunction(id) => match program.conjunctions.get(id.0 as usize) {
            Some(cj) => format!(
                "conjunction {}: {}",
                view.file_line(cj.provenance.span),
                words::conjunction(view, cj)
            ),
            None => format!("conjunction: {} ⇒ {fact}", premises.join(" and ")),
        },
        Origin::Clamp(kind) => format!("{}: {fact}", kind.as_str()),
    }
}

/// An inactive statement or conjunction as text with its location.
pub fn inactive_text(view: &View, producer: Origin) -> Option<(String, String)> {
    let program = view.program;
    match producer {
        Origin::Statement(id) => {
            let st = program.statements.get(id.0 as usize)?;
            let f = Fact::Relation(st.subject, st.relation(), st.object);
            let text = fact_text(program, &f, Some(program.verb_word(st.verb())));
            Some((text, view.file_line(st.provenance.span)))
        }
        Origin::Conjunction(id) => {
            let cj = program.conjunctions.get(id.0 as usize)?;
            Some((
                words::conjunction(view, cj),
                view.file_line(cj.provenance.span),
            ))
        }
        Origin::Rule(_) | Origin::Clamp(_) => None,
    }
}

/// The findings as indented lines.
pub fn lines(view: &View, w: &WhyNot) -> Vec<String> {
    let mut out = Vec::new();
    write(view, w, 0, &mut out);
    out
}

fn write(view: &View, w: &WhyNot, indent: usize, out: &mut Vec<String>) {
    let program = view.program;
    let pad = "  ".repeat(indent);
    let fact = fact_text(program, &w.fact, None);
    if w.holds {
        out.push(format!("{pad}{fact} holds"));
        return;
    }
    out.push(format!("{pad}{fact} does not hold"));
    for finding in &w.findings {
        match finding {
            Finding::Blocked(c) => out.push(format!(
                "{pad}  blocked: {} is clamped {} ({}), so the opposite is never derived",
                display_name(program.entity_name(c.entity)),
                c.state.as_str(),
                c.kind.as_str()
            )),
            Finding::NothingConcludes => {
                out.push(format!("{pad}  nothing in the rules concludes it"))
            }
            Finding::Unmatched { rule, patterns } => {
                let rule = program.rules.get(rule.0 as usize);
                let shapes: Vec<String> = patterns
                    .iter()
                    .map(|a| format!("`{}`", words::atom(view, rule, a)))
                    .collect();
                out.push(format!(
                    "{pad}  {}: nothing in this run matches {}",
                    rule.map_or("rule", |r| r.name.as_str()),
                    shapes.join(" with ")
                ));
            }
            Finding::Candidate(c) => {
                out.push(format!("{pad}  {}", producer(view, c, &fact)));
                let rule = candidate_rule(view, c);
                for p in c.missing() {
                    out.push(format!("{pad}    missing: {}", premise(view, rule, p)));
                    if let Some(deeper) = &p.why_not {
                        write(view, deeper, indent + 3, out);
                    }
                }
            }
            Finding::Omitted(n) => out.push(format!("{pad}  … and {n} more rule instances")),
            Finding::Inactive(i) => {
                if let Some((text, at)) = inactive_text(view, i.producer) {
                    out.push(format!(
                        "{pad}  inactive: {text} ({at}): context {} not selected",
                        words::contexts(view, i.contexts.iter().copied()).join(", ")
                    ));
                }
            }
            Finding::TooManySteps { steps, max } => {
                out.push(format!("{pad}  {}", too_many_steps(*steps, *max)))
            }
            Finding::Disputed(producer) => {
                if let Some(text) = super::disputed::quoted(view, *producer) {
                    out.push(format!(
                        "{pad}  disputed: {text} would give it, but disputed statements are off (--with-disputed to include)"
                    ));
                }
            }
            Finding::NullResult(i) => {
                if let Some(null) = program.nulls.get(*i) {
                    out.push(format!(
                        "{pad}  null result: {}",
                        words::null_result(view, null)
                    ));
                }
            }
        }
    }
}

/// `holds only in 7 steps (> max steps 5)`: the fact needs a taller derivation than the
/// run allows.
pub(super) fn too_many_steps(steps: u32, max: u32) -> String {
    format!("holds only in {steps} steps (> max steps {max})")
}
