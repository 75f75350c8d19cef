//! A stable, readable rendering of a resolved program, for snapshots and debugging.
//! It shows what lowering decided (entities, relations, contexts, strengths, citations)
//! and where each item came from, and nothing that depends on hashing or memory layout.

use std::fmt::Write;

use super::model::*;

fn cond(p: &Program, c: &Condition) -> String {
    format!("{} {}", p.entity_name(c.entity), c.state.as_str())
}

fn provenance(p: &Program, prov: &Provenance) -> String {
    let mut s = format!("confidence {}", p.confidence(prov));
    if prov.disputed() {
        s.push_str("  disputed");
    }
    if p.tails(prov).has_contexts() {
        let names: Vec<&str> = p.contexts(prov).map(|c| p.context_name(c)).collect();
        let _ = write!(s, "  in {}", names.join(", "));
    }
    let cites = p.citations(prov);
    if !cites.is_empty() {
        let _ = write!(s, "  [{}]", cites.join("; "));
    }
    let _ = write!(s, "  @{}", p.sources.file_line(prov.span));
    s
}

fn term(p: &Program, r: &Rule, t: &Term) -> String {
    match t {
        Term::Var(i) => format!("?{}", r.variables[*i as usize]),
        Term::Entity(e) => p.entity_name(*e).to_string(),
    }
}

fn atom(p: &Program, r: &Rule, a: &Atom) -> String {
    match a {
        Atom::State(t, s) => format!("{} {}", term(p, r, t), s.as_str()),
        Atom::Relation(x, rel, y) => {
            format!("{} {} {}", term(p, r, x), rel.as_str(), term(p, r, y))
        }
    }
}

/// Render everything the user's files contributed (the prelude's rules are omitted).
pub fn dump(p: &Program) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "entities:");
    for (name, e) in &p.entities {
        let mut line = format!("  {name}");
        if let Some(k) = &e.kind {
            let _ = write!(line, " : {k}");
        }
        if !e.aliases.is_empty() {
            let _ = write!(line, " aka {}", e.aliases.join(", "));
        }
        let _ = writeln!(out, "{line}");
    }
    if !p.outcomes.is_empty() {
        let names: Vec<&str> = p.outcomes.iter().map(|e| p.entity_name(*e)).collect();
        let _ = writeln!(out, "outcomes: {}", names.join(", "));
    }
    let custom: Vec<String> = p
        .verbs
        .iter()
        .skip(super::declarations::BUILTIN_VERBS.len())
        .map(|(w, r)| format!("{w} = {}", r.as_str()))
        .collect();
    if !custom.is_empty() {
        let _ = writeln!(out, "verbs: {}", custom.join(", "));
    }
    if !p.statements.is_empty() {
        let _ = writeln!(out, "statements:");
    }
    for s in &p.statements {
        let when = if !p.is_conditional(s) {
            String::new()
        } else {
            let c: Vec<String> = p.conditions(s).map(|c| cond(p, &c)).collect();
            format!("when {} => ", c.join(" and "))
        };
        let _ = writeln!(
            out,
            "  {when}{} {} {} ({})  {}",
            p.entity_name(s.subject),
            p.verb_word(s.verb()),
            p.entity_name(s.object),
            s.relation().as_str(),
            provenance(p, &s.provenance)
        );
    }
    if !p.nulls.is_empty() {
        let _ = writeln!(out, "null results:");
    }
    for n in &p.nulls {
        let _ = writeln!(
            out,
            "  {} does not affect {}  {}",
            p.entity_name(n.subject),
            p.entity_name(n.object),
            provenance(p, &n.provenance)
        );
    }
    if !p.conjunctions.is_empty() {
        let _ = writeln!(out, "conjunctions:");
    }
    for c in &p.conjunctions {
        let prem: Vec<String> = c.premises.iter().map(|x| cond(p, x)).collect();
        let _ = writeln!(
            out,
            "  {} => {}  {}",
            prem.join(" and "),
            cond(p, &c.head),
            provenance(p, &c.provenance)
        );
    }
    let rules: Vec<&Rule> = p.rules.iter().filter(|r| !r.prelude).collect();
    if !rules.is_empty() {
        let _ = writeln!(out, "rules:");
    }
    for r in rules {
        let body: Vec<String> = r.body.iter().map(|a| atom(p, r, a)).collect();
        let _ = writeln!(
            out,
            "  {} (confidence {}): {} => {}  @{}",
            r.name,
            r.confidence,
            body.join(", "),
            atom(p, r, &r.head),
            p.sources.file_line(r.span)
        );
    }
    for sc in p.scenarios.values() {
        let _ = writeln!(
            out,
            "scenario {}{}:",
            sc.name,
            sc.title
                .as_ref()
                .map(|t| format!(" {t:?}"))
                .unwrap_or_default()
        );
        for c in &sc.clamps {
            let _ = writeln!(
                out,
                "  {} {} {}",
                c.kind.as_str(),
                p.entity_name(c.entity),
                c.state.as_str()
            );
        }
        for c in &sc.contexts {
            let _ = writeln!(out, "  context {}", p.context_name(*c));
        }
        for e in &sc.expects {
            let text = match &e.expectation {
                Expectation::Net(x, n) => format!("{} {}", p.entity_name(*x), n.as_str()),
                Expectation::Not(x, s) => format!("not {} {}", p.entity_name(*x), s.as_str()),
                Expectation::Via(x, s, y) => format!(
                    "{} {} via {}",
                    p.entity_name(*x),
                    s.as_str(),
                    p.entity_name(*y)
                ),
                Expectation::Leans(x, s) => format!("{} leans {}", p.entity_name(*x), s.as_str()),
                Expectation::ConflictingLeaning(x, s) => {
                    format!("{} conflicting leaning {}", p.entity_name(*x), s.as_str())
                }
            };
            let _ = writeln!(out, "  expect {text}");
        }
    }
    out
}
