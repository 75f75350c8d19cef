//! Derivation trees rebuilt from provenance handles.

use crate::engine::{Derivation, Evaluation, Fact, FactId};
use crate::program::{ClampKind, Program, Provenance};
use crate::source::Span;

/// What made a node hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// A clamp of the run (`given`, `knockout`, `overexpress`): a leaf.
    Given(ClampKind),
    /// A statement or conjunction from a rule file.
    Statement,
    /// A variable rule (prelude or user).
    Rule,
}

impl By {
    /// The JSON word: clamps of every kind are `given`.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Given(_) => "given",
            By::Statement => "statement",
            By::Rule => "rule",
        }
    }
}

/// One step of an explanation, with everything needed to print or serialise it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub fact: Fact,
    pub by: By,
    /// Rule name for `By::Rule`.
    pub rule: Option<String>,
    pub strength: f64,
    /// The statement, conjunction or rule line.
    pub source: Option<Span>,
    pub citations: Vec<String>,
    pub contexts: Vec<String>,
    /// The user's verb, for a relation fact stated in a rule file.
    pub verb: Option<String>,
    /// Steps (height) of this derivation; leaves are 0.
    pub steps: u32,
    pub premises: Vec<Node>,
}

fn provenance_parts(program: &Program, p: &Provenance) -> (Option<Span>, Vec<String>, Vec<String>) {
    let citations = program
        .citations(p)
        .into_iter()
        .map(str::to_string)
        .collect();
    let contexts = p
        .contexts
        .iter()
        .filter(|c| (c.0 as usize) < program.contexts.len())
        .map(|&c| program.context_name(c).to_string())
        .collect();
    (Some(p.span), citations, contexts)
}

/// A node for `fact` made by `derivation` (whose premises' trees are given).
pub fn node(
    program: &Program,
    fact: Fact,
    strength: f64,
    derivation: &Derivation,
    premises: Vec<Node>,
) -> Node {
    let steps = premises.iter().map(|p| p.steps + 1).max().unwrap_or(0);
    let mut n = Node {
        fact,
        by: By::Statement,
        rule: None,
        strength,
        source: None,
        citations: Vec::new(),
        contexts: Vec::new(),
        verb: None,
        steps,
        premises,
    };
    match derivation {
        Derivation::Clamp(kind) => n.by = By::Given(*kind),
        Derivation::Statement { id, .. } => {
            if let Some(st) = program.statements.get(id.0 as usize) {
                (n.source, n.citations, n.contexts) = provenance_parts(program, &st.provenance);
                n.verb = Some(program.verb_word(st.verb).to_string());
            }
        }
        Derivation::Conjunction { id, .. } => {
            if let Some(cj) = program.conjunctions.get(id.0 as usize) {
                (n.source, n.citations, n.contexts) = provenance_parts(program, &cj.provenance);
            }
        }
        Derivation::Rule { id, .. } => {
            n.by = By::Rule;
            if let Some(rule) = program.rules.get(id.0 as usize) {
                n.rule = Some(rule.name.clone());
                n.source = Some(rule.span);
            }
        }
    }
    n
}

/// The strongest derivation of a fact as a tree (built without recursion, so long causal
/// chains cannot exhaust the stack).
pub fn tree(program: &Program, ev: &Evaluation, id: FactId) -> Node {
    let mut stack: Vec<(FactId, Vec<Node>)> = vec![(id, Vec::new())];
    while let Some((top, children)) = stack.pop() {
        let premises = ev.premises(top);
        if let Some(&next) = premises.get(children.len()) {
            stack.push((top, children));
            stack.push((next, Vec::new()));
            continue;
        }
        let n = node(
            program,
            ev.fact(top),
            ev.strength(top),
            &ev.derivation(top),
            children,
        );
        match stack.last_mut() {
            Some((_, siblings)) => siblings.push(n),
            None => return n,
        }
    }
    // Not reached: the loop returns when the root is complete.
    node(
        program,
        ev.fact(id),
        ev.strength(id),
        &ev.derivation(id),
        Vec::new(),
    )
}

/// Whether the derivation passes through a state of `entity` (for `expect X up via Y`).
pub fn passes_through(node: &Node, entity: crate::program::EntityId) -> bool {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if matches!(n.fact, Fact::State(e, _) if e == entity) {
            return true;
        }
        stack.extend(n.premises.iter());
    }
    false
}
