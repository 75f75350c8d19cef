//! `--format json` documents with exactly the keys of DESIGN §4, in the order listed there.

use serde::Serialize;

use crate::engine::{Evaluation, NetEffect, Side};
use crate::explain::{Node, Why};
use crate::program::Program;

use super::name::fact_text;

/// Strengths in JSON: six decimals, so `0.49` is not printed as `0.48999999999999994`.
fn number(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[derive(Serialize)]
struct RunDoc<'a> {
    scenario: Option<&'a str>,
    contexts: Vec<&'a str>,
    givens: Vec<GivenDoc<'a>>,
    effects: Vec<EffectDoc<'a>>,
}

#[derive(Serialize)]
struct GivenDoc<'a> {
    entity: &'a str,
    state: &'static str,
    clamp: &'static str,
}

#[derive(Serialize)]
struct EffectDoc<'a> {
    entity: &'a str,
    outcome: bool,
    net: &'static str,
    lean: Option<&'static str>,
    up: Option<SideDoc>,
    down: Option<SideDoc>,
    notes: &'a [String],
}

#[derive(Serialize)]
struct SideDoc {
    strength: f64,
    steps: u32,
}

#[derive(Serialize)]
struct WhyDoc {
    fact: String,
    holds: bool,
    derivation: Option<NodeDoc>,
    opposing: Option<NodeDoc>,
    why_not: Vec<String>,
}

#[derive(Serialize)]
struct NodeDoc {
    fact: String,
    by: &'static str,
    rule: Option<String>,
    strength: f64,
    source: Option<SourceDoc>,
    citations: Vec<String>,
    context: Vec<String>,
    premises: Vec<NodeDoc>,
}

#[derive(Serialize)]
struct SourceDoc {
    file: String,
    line: usize,
    column: usize,
}

fn side(s: Option<Side>) -> Option<SideDoc> {
    s.map(|s| SideDoc {
        strength: number(s.strength),
        steps: s.steps,
    })
}

fn to_string(value: &impl Serialize) -> String {
    let mut out =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// The `run` / `effects` document: scenario, selected contexts, clamps, net effects.
pub fn run_json(
    program: &Program,
    ev: &Evaluation,
    scenario: Option<&str>,
    effects: &[NetEffect],
) -> String {
    let mut out = Vec::new();
    match write_run_json(&mut out, program, ev, scenario, effects) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// [`run_json`] written straight to `w`: a million-entity document is never held whole
/// in memory.
pub fn write_run_json(
    w: &mut (impl std::io::Write + ?Sized),
    program: &Program,
    ev: &Evaluation,
    scenario: Option<&str>,
    effects: &[NetEffect],
) -> std::io::Result<()> {
    let name = |e: crate::program::EntityId| {
        program
            .entities
            .get_index(e.0 as usize)
            .map(|(n, _)| n.as_str())
            .unwrap_or("")
    };
    let doc = RunDoc {
        scenario,
        contexts: ev
            .config()
            .contexts
            .iter()
            .filter(|c| (c.0 as usize) < program.contexts.len())
            .map(|&c| program.context_name(c))
            .collect(),
        givens: ev
            .config()
            .clamps
            .iter()
            .map(|c| GivenDoc {
                entity: name(c.entity),
                state: c.state.as_str(),
                clamp: c.kind.as_str(),
            })
            .collect(),
        effects: effects
            .iter()
            .map(|e| EffectDoc {
                entity: name(e.entity),
                outcome: e.outcome,
                net: e.net.as_str(),
                lean: e.lean.map(|s| s.as_str()),
                up: side(e.up),
                down: side(e.down),
                notes: &e.notes,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

fn node_doc(program: &Program, root: &Node) -> NodeDoc {
    // Post-order without recursion, mirroring `explain::tree`.
    let mut stack: Vec<(&Node, Vec<NodeDoc>)> = vec![(root, Vec::new())];
    while let Some((node, children)) = stack.pop() {
        if let Some(next) = node.premises.get(children.len()) {
            stack.push((node, children));
            stack.push((next, Vec::new()));
            continue;
        }
        let source = node
            .source
            .filter(|s| (s.file.0 as usize) < program.sources.len())
            .map(|s| {
                let (file, line, column) = program.sources.location(s);
                SourceDoc {
                    file: file.to_string(),
                    line,
                    column,
                }
            });
        let doc = NodeDoc {
            fact: fact_text(program, &node.fact, node.verb.as_deref()),
            by: node.by.as_str(),
            rule: node.rule.clone(),
            strength: number(node.strength),
            source,
            citations: node.citations.clone(),
            context: node.contexts.clone(),
            premises: children,
        };
        match stack.last_mut() {
            Some((_, siblings)) => siblings.push(doc),
            None => return doc,
        }
    }
    NodeDoc {
        fact: String::new(),
        by: "rule",
        rule: None,
        strength: 0.0,
        source: None,
        citations: Vec::new(),
        context: Vec::new(),
        premises: Vec::new(),
    }
}

/// The `why` document: the fact, whether it holds, both derivations, why-not lines.
pub fn why_json(program: &Program, why: &Why) -> String {
    let doc = WhyDoc {
        fact: fact_text(program, &why.fact, None),
        holds: why.holds,
        derivation: why.derivation.as_ref().map(|n| node_doc(program, n)),
        opposing: why.opposing.as_ref().map(|n| node_doc(program, n)),
        why_not: why
            .why_not
            .as_ref()
            .map(|w| w.lines(program))
            .unwrap_or_default(),
    };
    to_string(&doc)
}
