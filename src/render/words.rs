//! Wordings shared by the text and JSON renderings: statements, notes, rule patterns.

use crate::engine::{Fact, Note, Origin};
use crate::explain::Node;
use crate::program::{Atom, Conjunction, ContextId, EntityId, NullResult, Provenance, Rule, Term};
use crate::source::Span;

use super::View;
use super::name::{display_name, fact_text};

/// An entity's name as the language writes it.
pub fn entity(view: &View, e: EntityId) -> String {
    let program = view.program;
    program
        .entities
        .get_index(e.0 as usize)
        .map(|(n, _)| display_name(n).into_owned())
        .unwrap_or_else(|| format!("#{}", e.0))
}

/// Context names, dropping ids the program does not know.
pub fn contexts(view: &View, ids: impl IntoIterator<Item = ContextId>) -> Vec<String> {
    ids.into_iter()
        .filter(|c| (c.0 as usize) < view.program.contexts.len())
        .map(|c| view.program.context_name(c).to_string())
        .collect()
}

/// Where a node's fact is written, what backs it, and in which contexts.
pub struct Backing {
    /// Where it is written; `None` for a clamp, or when its span points into no loaded file.
    pub source: Option<Span>,
    /// The other lines of a statement merged from several (see `Program::also_stated`).
    pub also: Vec<Span>,
    /// Its citations as written.
    pub citations: Vec<String>,
    /// Names of the contexts it belongs to.
    pub contexts: Vec<String>,
}

fn backing_of(view: &View, p: &Provenance) -> Backing {
    Backing {
        source: Some(p.span).filter(|s| view.has_source(*s)),
        also: view
            .program
            .also_stated
            .get(&p.span)
            .map(|spans| {
                spans
                    .iter()
                    .copied()
                    .filter(|s| view.has_source(*s))
                    .collect()
            })
            .unwrap_or_default(),
        citations: view
            .program
            .citations(p)
            .into_iter()
            .map(str::to_string)
            .collect(),
        contexts: contexts(view, view.program.contexts(p)),
    }
}

/// The statement, conjunction or rule line behind a node (none for clamps).
pub fn backing(view: &View, origin: Origin) -> Backing {
    let program = view.program;
    let none = Backing {
        source: None,
        also: Vec::new(),
        citations: Vec::new(),
        contexts: Vec::new(),
    };
    match origin {
        Origin::Clamp(_) => none,
        Origin::Statement(id) => program
            .statements
            .get(id.0 as usize)
            .map_or(none, |st| backing_of(view, &st.provenance)),
        Origin::Conjunction(id) => program
            .conjunctions
            .get(id.0 as usize)
            .map_or(none, |cj| backing_of(view, &cj.provenance)),
        Origin::Rule(id) => Backing {
            source: program
                .rules
                .get(id.0 as usize)
                .map(|r| r.span)
                .filter(|s| view.has_source(*s)),
            ..none
        },
    }
}

/// The rule behind a node made by a variable rule.
pub fn rule<'p>(view: &View<'p>, origin: Origin) -> Option<&'p Rule> {
    match origin {
        Origin::Rule(id) => view.program.rules.get(id.0 as usize),
        _ => None,
    }
}

/// A node's fact as the language writes it, in the statement's own verb when a
/// statement states it.
pub fn node_fact(view: &View, node: &Node) -> String {
    let verb = match node.origin {
        Origin::Statement(id) => view
            .program
            .statements
            .get(id.0 as usize)
            .map(|st| view.program.verb_word(st.verb())),
        _ => None,
    };
    fact_text(view.program, &node.fact, verb)
}

/// `` `A does not affect B` (file:line) [citations] ``: a null result as notes cite it
/// (backquoted, so quoted names inside do not nest quotes).
pub fn null_result(view: &View, null: &NullResult) -> String {
    let mut text = format!(
        "`{} does not affect {}` ({})",
        entity(view, null.subject),
        entity(view, null.object),
        view.file_line(null.provenance.span),
    );
    let citations = view.program.citations(&null.provenance);
    if !citations.is_empty() {
        text.push_str(&format!(" [{}]", citations.join("; ")));
    }
    text
}

/// A note on a net effect.
pub fn note(view: &View, note: &Note) -> String {
    match *note {
        Note::ContradictsNull(i) => match view.program.nulls.get(i) {
            Some(null) => format!("contradicts {}", null_result(view, null)),
            None => "contradicts a null result".to_string(),
        },
    }
}

/// `when A up and B down then C up`.
pub fn conjunction(view: &View, cj: &Conjunction) -> String {
    let premises: Vec<String> = cj
        .premises
        .iter()
        .map(|c| fact_text(view.program, &Fact::State(c.entity, c.state), None))
        .collect();
    format!(
        "when {} then {}",
        premises.join(" and "),
        fact_text(
            view.program,
            &Fact::State(cj.head.entity, cj.head.state),
            None
        )
    )
}

fn term(view: &View, rule: Option<&Rule>, t: Term) -> String {
    match t {
        Term::Entity(e) if (e.0 as usize) < view.program.entities.len() => entity(view, e),
        Term::Entity(e) => format!("#{}", e.0),
        Term::Var(i) => format!(
            "?{}",
            rule.and_then(|r| r.variables.get(i as usize))
                .map(String::as_str)
                .unwrap_or("_")
        ),
    }
}

/// A rule atom as the language writes it; `?x` for a variable nothing binds.
pub fn atom(view: &View, rule: Option<&Rule>, atom: &Atom) -> String {
    match *atom {
        Atom::State(t, s) => format!("{} {}", term(view, rule, t), s.as_str()),
        Atom::Relation(a, r, b) => format!(
            "{} {} {}",
            term(view, rule, a),
            r.as_str(),
            term(view, rule, b)
        ),
    }
}

/// ` (also stated at rules/a.rules:3, :9)`: the other lines of a merged statement, the
/// file named again only when it changes.
pub fn also_stated(view: &View, spans: &[Span]) -> String {
    let mut parts = Vec::new();
    let mut last_file = None;
    for &s in spans {
        let (file, line, _) = view.location(s);
        if last_file == Some(file) {
            parts.push(format!(":{line}"));
        } else {
            parts.push(format!("{file}:{line}"));
        }
        last_file = Some(file);
    }
    format!(" (also stated at {})", parts.join(", "))
}
