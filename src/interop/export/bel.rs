//! BEL 2: one statement per evidence, each under its own `SET Citation` / `SET Evidence`
//! (read back from the imported citation form, see [`crate::interop::citation`]), with
//! `SET Confidence` and the contexts as `SET Context`. `marrow import bel` reads it back
//! to the same signed statements, null results and citations.

use std::fmt::Write;

use super::{EdgeKind, Export};
use crate::interop::citation::CitationParts;
use crate::interop::import::bel::bel_value;
use crate::syntax::lexicon::{DEFAULT_CONFIDENCE, confidence_of};

/// The BEL 2 document of the export.
pub fn write(x: &Export<'_>) -> String {
    let p = x.program;
    let mut out = String::from(
        "SET DOCUMENT Name = \"exported by marrow\"\nSET DOCUMENT Version = \"1.0.0\"\n\n",
    );
    let edges = x.edges();
    let mut done_conj: Vec<usize> = Vec::new();
    for e in &edges {
        let (subject, relation) = match e.kind {
            EdgeKind::Conjunction(i) => {
                if done_conj.contains(&i) {
                    continue;
                }
                done_conj.push(i);
                let c = &p.conjunctions[i];
                let parts: Vec<String> = c
                    .premises
                    .iter()
                    .map(|c| term(p.entity_name(c.entity)))
                    .collect();
                let rel = if c.head.state == crate::program::State::Down {
                    "-|"
                } else {
                    "->"
                };
                (format!("composite({})", parts.join(", ")), rel)
            }
            EdgeKind::Null => (term(p.entity_name(e.source)), "cnc"),
            EdgeKind::Statement => (term(p.entity_name(e.source)), relation(&e.verb, e.sign)),
        };
        let statement = format!("{subject} {relation} {}", term(p.entity_name(e.target)));
        let citations: Vec<CitationParts> = if e.citations.is_empty() {
            vec![CitationParts::default()]
        } else {
            e.citations
                .iter()
                .map(|c| CitationParts::parse(c))
                .collect()
        };
        for c in citations {
            if let Some(source) = &c.source {
                let (kind, reference) = match source.split_once(':') {
                    Some((k, r)) if !k.contains(' ') => (k, r),
                    _ => ("Other", source.as_str()),
                };
                let _ = writeln!(
                    out,
                    "SET Citation = {{{}, {}}}",
                    string(kind),
                    string(reference)
                );
            }
            if let Some(ev) = &c.evidence {
                let _ = writeln!(out, "SET Evidence = {}", string(ev));
            }
            if let Some(conf) = confidence(e.confidence) {
                let _ = writeln!(out, "SET Confidence = {}", string(conf));
            }
            if !e.contexts.is_empty() {
                let list: Vec<String> = e.contexts.iter().map(|c| string(c)).collect();
                let _ = writeln!(out, "SET Context = {{{}}}", list.join(", "));
            }
            if !e.conditions.is_empty() && e.kind == EdgeKind::Statement {
                let list: Vec<String> = e.conditions.iter().map(|c| string(c)).collect();
                let _ = writeln!(out, "SET Condition = {{{}}}", list.join(", "));
            }
            out.push_str(&statement);
            out.push_str("\nUNSET ALL\n\n");
        }
    }
    out
}

/// The BEL relation for a verb word and sign.
fn relation(verb: &str, sign: i8) -> &'static str {
    match verb {
        "directly-increases" => "=>",
        "directly-decreases" => "=|",
        "correlates-positively" => "pos",
        "correlates-negatively" => "neg",
        _ if sign < 0 => "-|",
        _ => "->",
    }
}

/// BEL confidence words for the values the importer writes; other numbers as written.
fn confidence(x: f64) -> Option<&'static str> {
    let near = |v: f64| (x - v).abs() < 1e-9;
    let word = |w: &str| confidence_of(w).unwrap_or(f64::NAN);
    if near(0.95) {
        Some("Very High")
    } else if near(word("high")) {
        Some("High")
    } else if near(DEFAULT_CONFIDENCE) {
        None
    } else if near(word("low")) {
        Some("Low")
    } else if near(0.2) {
        Some("Very Low")
    } else {
        None
    }
}

/// A quoted BEL string.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Namespaces whose names are genes and proteins, written as `p(…)`.
const PROTEIN: &[&str] = &[
    "HGNC",
    "MGI",
    "RGD",
    "FPLX",
    "UNIPROT",
    "NCBIGENE",
    "HGNCGENEFAMILY",
    "INTERPRO",
    "PFAM",
];

/// The BEL term for an entity name: a term the importer kept whole (`p(HGNC:A,pmod(Ph))`)
/// as it is; `NS:value` under the namespace's usual function; any other name as an
/// abundance `a("name")`.
pub fn term(name: &str) -> String {
    if is_term(name) {
        return name.to_string();
    }
    let mut out = String::new();
    if let Some((ns, value)) = name.split_once(':')
        && !ns.is_empty()
        && ns.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && ns
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        let f = if PROTEIN.contains(&ns) {
            "p"
        } else if ns == "GO" {
            "bp"
        } else if matches!(ns, "DOID" | "HP" | "MESHD" | "MONDO") {
            "path"
        } else {
            "a"
        };
        out.push_str(f);
        out.push('(');
        out.push_str(ns);
        out.push(':');
        bel_value(value, &mut out);
        out.push(')');
        return out;
    }
    out.push_str("a(");
    out.push_str(&string(name));
    out.push(')');
    out
}

/// A name that is already a BEL term: `f(…)` with balanced parentheses.
fn is_term(name: &str) -> bool {
    let Some(open) = name.find('(') else {
        return false;
    };
    if !name.ends_with(')') || open == 0 || !name[..open].chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let (mut depth, mut in_string, mut escaped) = (0i32, false, false);
    for (i, c) in name.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 != name.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0 && !in_string
}
