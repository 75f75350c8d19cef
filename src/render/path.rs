//! `path from X to Y`: the strongest signed paths, each a cited causal line.

use serde::Serialize;

use crate::answers::{PathAnswer, SignedPath};
use crate::program::State;

use super::name::display_name;
use super::{View, json, text, words};

/// `hypoxia →increases→ BMSC-exosome →promotes→ osteogenesis ⇒ up`.
fn line(view: &View, p: &SignedPath, from: crate::program::EntityId) -> String {
    let program = view.program;
    let mut out = display_name(program.entity_name(from)).into_owned();
    if p.start == State::Down {
        out.push_str(" down");
    }
    for step in &p.steps {
        let st = program.statement(step.statement);
        let verb = program.verb_word(st.verb());
        let (l, r) = if st.relation().is_negative() {
            ("⊣", "⊣")
        } else {
            ("→", "→")
        };
        out.push_str(&format!(
            " {l}{verb}{r} {}",
            display_name(program.entity_name(st.object))
        ));
    }
    out.push_str(&format!(" ⇒ {}", p.end().as_str()));
    out
}

/// The text answer: a header, then each path with its strength and, below it, every
/// statement's location and citations.
pub fn path_text(view: &View, a: &PathAnswer) -> String {
    let program = view.program;
    let (from, to) = (
        display_name(program.entity_name(a.from)),
        display_name(program.entity_name(a.to)),
    );
    let mut out = format!("path from {from} to {to}\n\n");
    if a.paths.is_empty() {
        out.push_str(&format!(
            "no path: no chain of active statements leads from {from} to {to}\n"
        ));
        return out;
    }
    for (i, p) in a.paths.iter().enumerate() {
        out.push_str(&format!(
            "#{}  {} {}  strength {}\n   {}\n",
            i + 1,
            to,
            p.end().as_str(),
            text::strength(p.strength),
            line(view, p, a.from)
        ));
        for step in &p.steps {
            let st = program.statement(step.statement);
            let b = words::backing(view, crate::engine::Origin::Statement(step.statement));
            let mut l = format!("   {}", view.file_line(st.provenance.span));
            if !b.citations.is_empty() {
                l.push_str(&format!("  [{}]", b.citations.join("; ")));
            }
            if !b.contexts.is_empty() {
                l.push_str(&format!("  in {}", b.contexts.join(", ")));
            }
            out.push_str(&l);
            out.push('\n');
        }
    }
    if !a.complete {
        out.push_str("(the search stopped at its work budget; stronger paths are listed first)\n");
    }
    out
}

#[derive(Serialize)]
struct PathDoc {
    marrow: &'static str,
    from: String,
    to: String,
    complete: bool,
    paths: Vec<OnePath>,
}

#[derive(Serialize)]
struct OnePath {
    state: &'static str,
    strength: f64,
    chain: String,
    steps: Vec<StepDoc>,
}

#[derive(Serialize)]
struct StepDoc {
    statement: String,
    state: &'static str,
    file: String,
    line: usize,
    citations: Vec<String>,
    context: Vec<String>,
}

/// The `ask "path from X to Y"` document.
pub fn path_json(view: &View, a: &PathAnswer) -> String {
    let program = view.program;
    let doc = PathDoc {
        marrow: json::VERSION,
        from: program.entity_name(a.from).to_string(),
        to: program.entity_name(a.to).to_string(),
        complete: a.complete,
        paths: a
            .paths
            .iter()
            .map(|p| OnePath {
                state: p.end().as_str(),
                strength: json::number(p.strength),
                chain: line(view, p, a.from),
                steps: p
                    .steps
                    .iter()
                    .map(|s| {
                        let st = program.statement(s.statement);
                        let origin = crate::engine::Origin::Statement(s.statement);
                        let node = crate::explain::Node {
                            fact: crate::engine::Fact::Relation(
                                st.subject,
                                st.relation(),
                                st.object,
                            ),
                            origin,
                            strength: program.confidence(&st.provenance),
                            steps: 0,
                            premises: Vec::new(),
                        };
                        let b = words::backing(view, origin);
                        let (file, line, _) = view.location(st.provenance.span);
                        StepDoc {
                            statement: words::node_fact(view, &node),
                            state: s.state.as_str(),
                            file: file.to_string(),
                            line,
                            citations: b.citations,
                            context: b.contexts,
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    json::to_string(&doc)
}
