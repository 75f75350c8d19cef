//! Hover text: an entity's kind, aliases, mentions, outcome status and net effect under
//! the selected scenario; a statement's relation, strength and citations; a citation's
//! other statements.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::analysis::Analysis;
use super::convert;
use super::cursor::{self, Target};
use crate::engine::net_effect;
use crate::program::{EntityId, Program};
use crate::render::text::{net_summary, strength};
use crate::source::{FileId, Span};
use crate::syntax::ast::{ConfidenceAst, Modifier, StatementAst, Verb};

/// Citations listed at most in a citation's hover.
const MAX_LISTED: usize = 20;

/// The hover at `offset` of `file`, with `scenario` selected (if any).
pub fn hover(a: &Analysis, file: FileId, offset: u32, scenario: Option<&str>) -> Option<Hover> {
    let text = a.file(file).text.clone();
    let (markdown, span) = match cursor::at(a.program(), file, &text, offset)? {
        Target::Entity(e, m) => (entity(a, e, scenario), m.span),
        Target::Statement(st) => (statement(a.program(), &st), verb_span(&st)),
        Target::Citation(c, span) => (citation(a, c, file, offset), span),
        Target::Context(name, span) => (format!("context `{name}`"), span),
        Target::Scenario(name, span) => (scenario_text(a.program(), name), span),
        Target::Include(path, span) => (format!("include `{path}`"), span),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(convert::range(a.file(file), span)),
    })
}

/// The markdown for an entity.
pub fn entity(a: &Analysis, e: EntityId, scenario: Option<&str>) -> String {
    let p = a.program();
    let ent = p.entity(e);
    let mut s = format!("**{}**", p.entity_name(e));
    match &ent.kind {
        Some(k) => {
            let _ = write!(s, " : {k}");
        }
        None if !ent.declared => s.push_str(" (not declared)"),
        None => {}
    }
    s.push_str("\n\n");
    if !ent.aliases.is_empty() {
        let aliases: Vec<String> = ent.aliases.iter().map(|a| format!("`{a}`")).collect();
        let _ = writeln!(s, "aka {}\n", aliases.join(", "));
    }
    let n = mentioning(p, e);
    let _ = writeln!(
        s,
        "mentioned by {n} statement{}",
        if n == 1 { "" } else { "s" }
    );
    if p.outcomes.contains(&e) {
        s.push_str("\ndeclared an **outcome**\n");
    }
    if let Some(name) = scenario {
        match a.evaluation(name) {
            Some(ev) => {
                let net = net_effect(p, &ev, e);
                let _ = writeln!(s, "\nunder scenario `{name}`: **{}**", net_summary(&net));
            }
            None if a.loaded.errors() > 0 => {
                let _ = writeln!(
                    s,
                    "\nscenario `{name}`: not evaluated (the rules have errors)"
                );
            }
            None => {
                let _ = writeln!(s, "\nno scenario named `{name}`");
            }
        }
    }
    s
}

/// How many statements, conjunctions and null results mention an entity.
fn mentioning(p: &Program, e: EntityId) -> usize {
    let statements = p
        .statements
        .iter()
        .filter(|st| st.subject == e || st.object == e || p.conditions(st).any(|c| c.entity == e))
        .count();
    let conjunctions = p
        .conjunctions
        .iter()
        .filter(|c| c.head.entity == e || c.premises.iter().any(|x| x.entity == e))
        .count();
    let nulls = p
        .nulls
        .iter()
        .filter(|n| n.subject == e || n.object == e)
        .count();
    statements + conjunctions + nulls
}

/// The markdown for a statement: its verb's relation, its strength and citations.
fn statement(p: &Program, st: &StatementAst<'_>) -> String {
    let mut s = String::new();
    match &st.verb {
        Verb::NoEffect(_) => {
            s.push_str("`does not affect`: a reported null result; derives nothing\n")
        }
        Verb::Word(w) => match p.verbs.get(w.text.as_ref()) {
            Some(rel) if rel.as_str() == w.text => {
                let _ = writeln!(s, "`{}`: the built-in relation", w.text);
            }
            Some(rel) => {
                let _ = writeln!(s, "`{}` means `{}`", w.text, rel.as_str());
            }
            None => {
                let _ = writeln!(s, "`{}`: not a known verb", w.text);
            }
        },
    }
    let mut confidence = crate::syntax::lexicon::DEFAULT_CONFIDENCE;
    let mut cites = Vec::new();
    for m in &st.modifiers {
        match m {
            Modifier::Confidence(c, _) => {
                confidence = match c {
                    ConfidenceAst::Number(t) => t.parse().unwrap_or(confidence),
                    word => word.word_value().unwrap_or(confidence),
                }
            }
            Modifier::Citations(cs, _) => cites.extend(cs.iter().map(|c| c.text.trim())),
            _ => {}
        }
    }
    let _ = writeln!(s, "\nstrength {}", strength(confidence));
    if cites.is_empty() {
        s.push_str("\nno citation\n");
    } else {
        let _ = writeln!(s, "\n[{}]", cites.join("; "));
    }
    s
}

/// Where a statement's hover points: its verb.
fn verb_span(st: &StatementAst<'_>) -> Span {
    match &st.verb {
        Verb::Word(w) => w.span,
        Verb::NoEffect(span) => *span,
    }
}

/// The markdown for a citation: the other statements citing the same source.
fn citation(a: &Analysis, cite: &str, file: FileId, offset: u32) -> String {
    let p = a.program();
    let cite = cite.trim();
    let here = |span: Span| span.file == file && span.start <= offset && offset <= span.end;
    let mut others: Vec<String> = Vec::new();
    for st in &p.statements {
        let prov = &st.provenance;
        if here(prov.span) || !p.citations(prov).contains(&cite) {
            continue;
        }
        let (name, line, _) = p.sources.location(prov.span);
        let shown = std::path::Path::new(name)
            .file_name()
            .map_or(name.to_string(), |n| n.to_string_lossy().into_owned());
        others.push(format!(
            "- `{} {} {}` — {shown}:{line}",
            p.entity_name(st.subject),
            p.verb_word(st.verb()),
            p.entity_name(st.object)
        ));
    }
    let mut s = format!("**{cite}**\n\n");
    match others.len() {
        0 => s.push_str("no other statement cites it\n"),
        n => {
            let _ = writeln!(
                s,
                "cited by {n} other statement{}:\n",
                if n == 1 { "" } else { "s" }
            );
            for o in others.iter().take(MAX_LISTED) {
                let _ = writeln!(s, "{o}");
            }
            if n > MAX_LISTED {
                let _ = writeln!(s, "- … and {} more", n - MAX_LISTED);
            }
        }
    }
    s
}

fn scenario_text(p: &Program, name: &str) -> String {
    match p.scenarios.get(name) {
        Some(sc) => match &sc.title {
            Some(t) => format!("scenario `{name}` — {t}"),
            None => format!("scenario `{name}`"),
        },
        None => format!("no scenario named `{name}`"),
    }
}
