//! Words for disputed statements: what they say, where, and who said it.

use crate::engine::{Fact, Origin};
use crate::explain::Disputed;
use crate::source::Span;

use super::View;
use super::name::fact_text;
use super::words;

/// A disputed statement or conjunction as the language writes it, with its source and
/// citations.
pub struct DisputedWords {
    /// The statement in the language's words, `when` conditions included.
    pub statement: String,
    /// Where it is written; `None` when its span points into no loaded file.
    pub source: Option<Span>,
    /// Its citations as written.
    pub citations: Vec<String>,
}

/// The words of a disputed statement or conjunction (none for a rule or a clamp, which
/// cannot be disputed).
pub fn disputed_words(view: &View, producer: Origin) -> Option<DisputedWords> {
    let program = view.program;
    let (statement, provenance) = match producer {
        Origin::Statement(id) => {
            let st = program.statements.get(id.0 as usize)?;
            let f = Fact::Relation(st.subject, st.relation(), st.object);
            let mut text = fact_text(program, &f, Some(program.verb_word(st.verb())));
            for c in program.conditions(st) {
                text.push_str(&format!(
                    " when {}",
                    fact_text(program, &Fact::State(c.entity, c.state), None)
                ));
            }
            (text, &st.provenance)
        }
        Origin::Conjunction(id) => {
            let cj = program.conjunctions.get(id.0 as usize)?;
            (words::conjunction(view, cj), &cj.provenance)
        }
        Origin::Rule(_) | Origin::Clamp(_) => return None,
    };
    Some(DisputedWords {
        statement,
        source: Some(provenance.span).filter(|s| view.has_source(*s)),
        citations: program
            .citations(provenance)
            .into_iter()
            .map(str::to_string)
            .collect(),
    })
}

/// `"IL-10 promotes miR-146b" (macrophage.rules:12) [Luo et al., 2021]`
pub fn quoted(view: &View, producer: Origin) -> Option<String> {
    let w = disputed_words(view, producer)?;
    let mut text = format!("\"{}\"", w.statement);
    if let Some(span) = w.source {
        text.push_str(&format!(" ({})", view.file_line(span)));
    }
    if !w.citations.is_empty() {
        text.push_str(&format!(" [{}]", w.citations.join("; ")));
    }
    Some(text)
}

/// One line per disputed statement bearing on a fact that holds.
pub fn lines(view: &View, disputed: &[Disputed]) -> Vec<String> {
    disputed
        .iter()
        .filter_map(|d| {
            let what = if d.gives {
                "would also give it"
            } else {
                "would oppose it"
            };
            Some(format!(
                "disputed, not used: {} {what} (--with-disputed to include)",
                quoted(view, d.producer)?
            ))
        })
        .collect()
}

/// `check`'s list of disputed statements (empty when there are none).
pub fn listing(program: &crate::program::Program) -> String {
    let view = View::new(program);
    let all = crate::explain::disputed_statements(program);
    let nulls: Vec<_> = program
        .nulls
        .iter()
        .filter(|n| n.provenance.disputed())
        .collect();
    if all.is_empty() && nulls.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "disputed (kept and cited, off in runs unless --with-disputed): {}\n",
        all.len() + nulls.len()
    );
    for p in all {
        if let Some(text) = quoted(&view, p) {
            out.push_str(&format!("  {text}\n"));
        }
    }
    for n in nulls {
        out.push_str(&format!("  {}\n", words::null_result(&view, n)));
    }
    out
}

/// Whether a derivation step rests on a disputed statement (only with `--with-disputed`).
pub fn is_disputed(view: &View, origin: crate::engine::Origin) -> bool {
    let program = view.program;
    match origin {
        crate::engine::Origin::Statement(id) => program
            .statements
            .get(id.0 as usize)
            .is_some_and(|s| s.provenance.disputed()),
        crate::engine::Origin::Conjunction(id) => program
            .conjunctions
            .get(id.0 as usize)
            .is_some_and(|c| c.provenance.disputed()),
        _ => false,
    }
}
