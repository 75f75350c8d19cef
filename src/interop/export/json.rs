//! The whole resolved program as one JSON document (schema in `docs/interop.md`):
//! entities, contexts, verbs, statements, null results, conjunctions, rules, scenarios,
//! and with a run the net effects. Entities are referred to by name.

use serde_json::{Value, json};

use super::{Export, NodeEffect};
use crate::program::{Atom, Condition, Expectation, Program, Provenance, Rule, Term};

/// The JSON document of the export.
pub fn write(x: &Export<'_>) -> Value {
    let p = x.program;
    let name = |id| p.entity_name(id);
    let entities: Vec<Value> = p
        .entities
        .iter()
        .enumerate()
        .map(|(i, (name, e))| {
            json!({
                "name": name,
                "kind": e.kind,
                "aliases": &e.aliases[..],
                "declared": e.declared,
                "outcome": p.outcomes.contains(&crate::program::EntityId(i as u32)),
            })
        })
        .collect();
    let statements: Vec<Value> = p
        .statements
        .iter()
        .map(|s| {
            let mut v = provenance(x, &s.provenance);
            v["subject"] = json!(name(s.subject));
            v["verb"] = json!(p.verb_word(s.verb()));
            v["relation"] = json!(s.relation().as_str());
            v["object"] = json!(name(s.object));
            v["conditions"] = conditions(p, &p.conditions(s).collect::<Vec<_>>());
            v
        })
        .collect();
    let nulls: Vec<Value> = p
        .nulls
        .iter()
        .map(|n| {
            let mut v = provenance(x, &n.provenance);
            v["subject"] = json!(name(n.subject));
            v["object"] = json!(name(n.object));
            v
        })
        .collect();
    let conjunctions: Vec<Value> = p
        .conjunctions
        .iter()
        .map(|c| {
            let mut v = provenance(x, &c.provenance);
            v["premises"] = conditions(p, &c.premises);
            v["head"] = condition(p, &c.head);
            v
        })
        .collect();
    let rules: Vec<Value> = p.rules.iter().map(|r| rule(p, r)).collect();
    let scenarios: Vec<Value> = p
        .scenarios
        .values()
        .map(|s| {
            json!({
                "name": s.name,
                "title": s.title,
                "clamps": s.clamps.iter().map(|c| json!({
                    "entity": name(c.entity), "state": c.state.as_str(), "clamp": c.kind.as_str(),
                })).collect::<Vec<_>>(),
                "contexts": s.contexts.iter().map(|c| p.context_name(*c)).collect::<Vec<_>>(),
                "expects": s.expects.iter().map(|e| match &e.expectation {
                    Expectation::Net(id, net) => json!({"entity": name(*id), "net": net.as_str()}),
                    Expectation::Not(id, st) => json!({"entity": name(*id), "not": st.as_str()}),
                    Expectation::Via(id, st, via) => json!({"entity": name(*id), "net": st.as_str(), "via": name(*via)}),
                    Expectation::Leans(id, st) => json!({"entity": name(*id), "leans": st.as_str()}),
                    Expectation::ConflictingLeaning(id, st) => json!({"entity": name(*id), "net": "conflicting", "leaning": st.as_str()}),
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let effects = x.effects.as_ref().map(|effects| {
        effects
            .values()
            .map(|e| {
                let n = NodeEffect::of(e);
                json!({
                    "entity": name(e.entity),
                    "outcome": e.outcome,
                    "net": n.net,
                    "lean": n.lean,
                    "margin": n.margin.filter(|m| m.is_finite()),
                    "up": n.up,
                    "down": n.down,
                    "clamp": n.clamp,
                    "notes": e
                        .notes
                        .iter()
                        .map(|n| crate::render::words::note(&crate::render::View::new(p), n))
                        .collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>()
    });
    json!({
        "marrow": env!("CARGO_PKG_VERSION"),
        "scenario": x.scenario,
        "selected_contexts": x.config.contexts.iter().map(|c| p.context_name(*c)).collect::<Vec<_>>(),
        "entities": entities,
        "contexts": p.contexts.keys().collect::<Vec<_>>(),
        "verbs": p.verbs.iter().map(|(w, r)| json!({"word": w, "relation": r.as_str()})).collect::<Vec<_>>(),
        "statements": statements,
        "nulls": nulls,
        "conjunctions": conjunctions,
        "rules": rules,
        "scenarios": scenarios,
        "effects": effects,
    })
}

/// The fields every statement-like item shares.
fn provenance(x: &Export<'_>, pr: &Provenance) -> Value {
    let p = x.program;
    let (file, line, column) = p.sources.location(pr.span);
    json!({
        "contexts": p.contexts(pr).map(|c| p.context_name(c)).collect::<Vec<_>>(),
        "active": x.config.is_active(p.contexts(pr)),
        "confidence": p.confidence(pr),
        "citations": p.citations(pr),
        "source": {"file": file, "line": line, "column": column},
    })
}

fn condition(p: &Program, c: &Condition) -> Value {
    json!({"entity": p.entity_name(c.entity), "state": c.state.as_str()})
}

fn conditions(p: &Program, list: &[Condition]) -> Value {
    Value::Array(list.iter().map(|c| condition(p, c)).collect())
}

fn rule(p: &Program, r: &Rule) -> Value {
    let term = |t: &Term| match t {
        Term::Var(i) => format!(
            "?{}",
            r.variables.get(*i as usize).map_or("?", |s| s.as_str())
        ),
        Term::Entity(e) => p.entity_name(*e).to_string(),
    };
    let atom = |a: &Atom| match a {
        Atom::State(t, s) => format!("{} {}", term(t), s.as_str()),
        Atom::Relation(a, rel, b) => format!("{} {} {}", term(a), rel.as_str(), term(b)),
    };
    json!({
        "name": r.name,
        "confidence": r.confidence,
        "prelude": r.prelude,
        "body": r.body.iter().map(atom).collect::<Vec<_>>(),
        "head": atom(&r.head),
    })
}
