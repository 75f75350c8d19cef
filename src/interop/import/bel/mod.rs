//! BEL 1 and 2 → claims.
//!
//! A document is cut into logical lines (a string or a `\` continuation may span lines),
//! each parsed with `grammar/bel.pest`. `SET`/`UNSET` lines keep the citation, evidence and
//! annotations in force; each statement becomes a claim carrying them, or a note saying
//! why not. Terms name entities: `p(HGNC:MAPT)` → `HGNC:MAPT` (see `terms::entity_name`).

// pest_derive generates `Rule` (one variant per grammar rule) and `Rule::all_rules` with no
// docs and no way to attach any; every item written in this module is documented.
#![allow(missing_docs)]

use indexmap::IndexMap;
use pest::Parser;
use pest::iterators::Pair;

use super::Options;
use super::claims::{Cite, ClaimVerb, Confidence, Imported};
use super::report::{Action, Note};
use crate::diagnostics::{Code, Diag};
use crate::interop::citation::{CitationParts, has_control_characters};
use crate::source::{FileId, SourceFile, Span};

mod lines;
mod relations;
mod terms;

use lines::logical_lines;
use relations::{Kind, citation, classify, confidence};
pub use terms::bel_value;
use terms::{Arg, entity_name, set_values, term, unescape};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/bel.pest"]
struct BelParser;

/// Import one BEL document.
pub fn import(
    src: &SourceFile,
    file: FileId,
    origin: &str,
    options: &Options,
) -> Result<Imported, Box<Diag>> {
    let text: &str = &src.text;
    let lines = logical_lines(text);
    let mut doc = Document {
        src,
        options,
        context_keys: options.context_from.iter().map(|k| key_norm(k)).collect(),
        out: Imported::new(origin),
        citation: None,
        evidence: None,
        cite_prefix: None,
        annotations: IndexMap::new(),
    };
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate() {
        if line.unterminated {
            if line.end == text.len() {
                return Err(Box::new(truncated(
                    file,
                    line.start,
                    text.len(),
                    "inside a string",
                )));
            }
            let (l, c) = src.line_col(line.start as u32);
            doc.out.notes.push(
                Note::new(l, c, Action::Skipped, "broken")
                    .detail("a string is not closed before the next BEL line")
                    .text(&text[line.start..line.end]),
            );
            continue;
        }
        let body = &text[line.start..line.end];
        if let Err(pos) = doc.line(line.start, body) {
            // The last line of a file that does not end with a line break stops mid-way:
            // the file was cut short, and importing the rest would hide that.
            if i == last && !text.ends_with('\n') {
                return Err(Box::new(truncated(
                    file,
                    line.start + pos,
                    text.len(),
                    "mid-statement",
                )));
            }
        }
    }
    Ok(doc.out)
}

fn truncated(file: FileId, at: usize, end: usize, how: &str) -> Diag {
    Diag::error(
        Code::ImportTruncated,
        format!("the document ends {how}: it looks truncated"),
    )
    .at(Span::new(file, at, end.max(at)), "unfinished from here")
    .help("nothing was written; get the complete file (or end it with a line break after the last statement) and import again")
}

/// Annotation keys compare without case and `_` (`CellLine` and `Cell_Line` are one key).
fn key_norm(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

struct Document<'a> {
    src: &'a SourceFile,
    options: &'a Options,
    context_keys: Vec<String>,
    out: Imported,
    citation: Option<String>,
    evidence: Option<String>,
    /// The interned citation text before the origin, composed from `citation` and
    /// `evidence` when first needed; cleared whenever either changes.
    cite_prefix: Option<u32>,
    /// Normalised key → values.
    annotations: IndexMap<String, Vec<String>>,
}

impl Document<'_> {
    /// Handle one logical line; on a syntax error, report it and return the offset (within
    /// the line) where parsing stopped.
    fn line(&mut self, start: usize, body: &str) -> Result<(), usize> {
        let (line, col) = self.src.line_col(start as u32);
        if let Some((key, value)) = simple_set(body) {
            self.set_values(key, vec![unescape(value)], line, col, body);
            return Ok(());
        }
        let parsed = BelParser::parse(Rule::bel_line, body);
        let (pair, repaired) = match parsed {
            Ok(mut pairs) => (pairs.next(), None),
            Err(e) => {
                let pos = match e.location {
                    pest::error::InputLocation::Pos(p) => p,
                    pest::error::InputLocation::Span((p, _)) => p,
                };
                match stray_paren(body) {
                    Some(fixed) => match BelParser::parse(Rule::bel_line, &fixed) {
                        Ok(_) => (None, Some(fixed)),
                        Err(_) => {
                            self.broken(start, pos, body, &e);
                            return Err(pos);
                        }
                    },
                    None => {
                        self.broken(start, pos, body, &e);
                        return Err(pos);
                    }
                }
            }
        };
        if let Some(fixed) = repaired {
            self.out.notes.push(
                Note::new(line, col, Action::Repaired, "stray-parenthesis")
                    .detail("removed an unmatched `)`")
                    .text(body),
            );
            if let Some(p) = BelParser::parse(Rule::bel_line, &fixed)
                .ok()
                .and_then(|mut p| p.next())
            {
                self.item(p, line, col, &fixed, body);
            }
            return Ok(());
        }
        if let Some(p) = pair {
            self.item(p, line, col, body, body);
        }
        Ok(())
    }

    fn broken(&mut self, start: usize, pos: usize, body: &str, e: &pest::error::Error<Rule>) {
        // A broken `SET` still ends what it would have replaced: later statements must not
        // inherit the previous citation or evidence.
        let mut words = body.split(|c: char| c.is_whitespace() || c == '=');
        if words.next().is_some_and(|w| w.eq_ignore_ascii_case("SET"))
            && let Some(key) = words.find(|w| !w.is_empty())
        {
            self.cite_prefix = None;
            match key_norm(key).as_str() {
                "citation" => {
                    self.citation = None;
                    self.evidence = None;
                    self.annotations.clear();
                }
                "evidence" | "supportingtext" => self.evidence = None,
                k => {
                    self.annotations.shift_remove(k);
                }
            }
        }
        let (line, col) = self.src.line_col((start + pos.min(body.len())) as u32);
        self.out.notes.push(
            Note::new(line, col, Action::Skipped, "broken")
                .detail(expected(e))
                .text(body),
        );
    }

    /// One parsed line; `parsed` is the text the pairs point into, `body` the line as
    /// written (they differ after a repair).
    fn item(
        &mut self,
        line_pair: Pair<'_, Rule>,
        line: usize,
        col: usize,
        parsed: &str,
        body: &str,
    ) {
        let mut inner = line_pair.into_inner();
        let Some(first) = inner.next() else { return };
        let comment = inner.find(|p| p.as_rule() == Rule::trailing_comment);
        let kept = match first.as_rule() {
            Rule::set_line => {
                self.set(first, line, col, body);
                false
            }
            Rule::unset_line => {
                self.unset(first);
                false
            }
            Rule::statement => self.statement(first, line, col, parsed, body),
            _ => false,
        };
        if kept && let Some(c) = comment {
            self.out.notes.push(
                Note::new(line, col, Action::Repaired, "trailing-comment")
                    .detail(format!("dropped the comment `{}`", c.as_str().trim()))
                    .text(body),
            );
        }
    }

    fn set(&mut self, pair: Pair<'_, Rule>, line: usize, col: usize, body: &str) {
        let mut it = pair.into_inner();
        let (Some(key), Some(value)) = (it.next(), it.next()) else {
            return;
        };
        self.set_values(key.as_str(), set_values(value), line, col, body);
    }

    fn set_values(&mut self, key: &str, values: Vec<String>, line: usize, col: usize, body: &str) {
        self.cite_prefix = None;
        let key = key_norm(key);
        match key.as_str() {
            "citation" => {
                self.citation = citation(&values);
                self.evidence = None;
                self.annotations.clear();
            }
            "evidence" | "supportingtext" => {
                let text = values.join(", ");
                if has_control_characters(&text) {
                    self.out.notes.push(
                        Note::new(line, col, Action::Repaired, "control-characters")
                            .detail("control characters in the evidence were replaced by spaces")
                            .text(body),
                    );
                }
                self.evidence = Some(text);
            }
            "confidence" => {
                if values.len() != 1 || confidence(&values[0]).is_none() {
                    self.out.notes.push(
                        Note::new(line, col, Action::Repaired, "unknown-confidence")
                            .detail("not Very High, High, Medium, Low or Very Low; statements keep the default (medium)")
                            .text(body),
                    );
                }
                self.annotations.insert(key, values);
            }
            _ => {
                self.annotations.insert(key, values);
            }
        }
    }

    fn unset(&mut self, pair: Pair<'_, Rule>) {
        self.cite_prefix = None;
        let Some(what) = pair.into_inner().next() else {
            return;
        };
        let keys: Vec<String> = match what.as_rule() {
            Rule::key_list => what.into_inner().map(|k| key_norm(k.as_str())).collect(),
            _ => vec![key_norm(what.as_str())],
        };
        for key in keys {
            match key.as_str() {
                "all" => {
                    self.citation = None;
                    self.evidence = None;
                    self.annotations.clear();
                }
                "citation" => self.citation = None,
                "evidence" | "supportingtext" => self.evidence = None,
                _ => {
                    self.annotations.shift_remove(&key);
                }
            }
        }
    }

    /// Turn a statement into a claim or a note; true when a claim was made.
    fn statement(
        &mut self,
        pair: Pair<'_, Rule>,
        line: usize,
        col: usize,
        parsed: &str,
        body: &str,
    ) -> bool {
        let mut it = pair.into_inner();
        let Some(subject) = it.next() else {
            return false;
        };
        let spaced = subject
            .clone()
            .into_inner()
            .flatten()
            .chain(it.clone().flatten())
            .any(|p| p.as_rule() == Rule::ns_gap);
        let subject = term(subject);
        let skip = |reason: &'static str, detail: String| {
            Note::new(line, col, Action::Skipped, reason)
                .detail(detail)
                .text(body)
        };
        let Some(rel) = it.next() else {
            self.out.notes.push(skip(
                "term-only",
                "a term without a relation states nothing".into(),
            ));
            return false;
        };
        let glued = glued(parsed, &rel);
        let relation = rel.as_str().to_string();
        let Some(object) = it.next() else {
            return false;
        };
        if object.as_rule() == Rule::nested {
            self.out.notes.push(skip(
                "nested",
                format!("`{relation}` of a nested statement has no equivalent"),
            ));
            return false;
        }
        let object = term(object);
        let (verb, correlation) = match classify(&relation) {
            Kind::Verb(word, negative) => (ClaimVerb::Word(word, negative), false),
            Kind::Direct(word, negative) => {
                let rel = if negative { "inhibits" } else { "activates" };
                self.out.declare(word, rel);
                (ClaimVerb::Word(word, negative), false)
            }
            Kind::NoChange => (ClaimVerb::NoEffect, false),
            Kind::Correlation(word, negative) if self.options.correlations => {
                let rel = if negative { "inhibits" } else { "activates" };
                self.out.declare(word, rel);
                (ClaimVerb::Word(word, negative), true)
            }
            Kind::Correlation(..) => {
                self.out.notes.push(skip(
                    "correlative",
                    format!("`{relation}` is a correlation (import with --correlations)"),
                ));
                return false;
            }
            Kind::Skip(reason) => {
                self.out.notes.push(skip(
                    reason,
                    format!("`{relation}` is not a signed causal relation"),
                ));
                return false;
            }
        };
        if object.short() == "composite" {
            self.out.notes.push(skip(
                "composite-object",
                "a composite can only be a cause (a conjunction's premises)".into(),
            ));
            return false;
        }
        let subjects: Vec<String> = if subject.short() == "composite" {
            let parts: Vec<String> = subject
                .args
                .iter()
                .filter_map(|a| match a {
                    Arg::Term(t) => Some(entity_name(t)),
                    _ => None,
                })
                .collect();
            if matches!(verb, ClaimVerb::NoEffect) || parts.len() < 2 {
                self.out.notes.push(skip(
                    "composite-unsupported",
                    "only `composite(A, B…) increases|decreases C` has an equivalent (a conjunction)".into(),
                ));
                return false;
            }
            parts
        } else {
            vec![entity_name(&subject)]
        };
        let object = entity_name(&object);
        if subjects.contains(&object) {
            self.out.notes.push(skip(
                "self-loop",
                format!("subject and object both name `{object}`"),
            ));
            return false;
        }
        if spaced {
            self.out.notes.push(
                Note::new(line, col, Action::Repaired, "space-after-namespace")
                    .detail("read `NS: value` as `NS:value`")
                    .text(body),
            );
        }
        if glued {
            self.out.notes.push(
                Note::new(line, col, Action::Repaired, "glued-relation")
                    .detail(format!(
                        "read `{relation}` as a relation written without spaces"
                    ))
                    .text(body),
            );
        }
        let confidence = if correlation {
            Some(Confidence::Low)
        } else {
            self.annotations
                .get("confidence")
                .filter(|v| v.len() == 1)
                .and_then(|v| confidence(&v[0]))
        };
        let mut contexts = Vec::new();
        for key in &self.context_keys {
            if let Some(values) = self.annotations.get(key) {
                contexts.extend(values.iter().cloned());
            }
        }
        // Source and evidence are interned once per `SET`, not once per statement.
        let prefix = match self.cite_prefix {
            Some(id) => id,
            None => {
                let text = CitationParts {
                    source: self.citation.clone(),
                    evidence: self.evidence.clone(),
                    origin: None,
                }
                .compose();
                let id = self.out.text(&text);
                self.cite_prefix = Some(id);
                id
            }
        };
        self.out.add(
            &subjects,
            verb,
            &object,
            &contexts,
            confidence,
            &[Cite::text_at(prefix, line)],
        );
        true
    }
}

/// `SET Key = "one string"` without quotes inside and nothing after: most of a document's
/// bytes are evidence strings like this, and scanning them directly is several times faster
/// than the grammar's character-by-character string rule. Anything else goes to the grammar.
fn simple_set(body: &str) -> Option<(&str, &str)> {
    let rest = body.strip_prefix("SET ")?;
    let (key, value) = rest.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let inner = value.trim().strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('"') && !inner.ends_with('\\')).then_some((key, inner))
}

/// The relation has no space on one side where a term touches it (`)->p(`).
fn glued(body: &str, rel: &Pair<'_, Rule>) -> bool {
    let (s, e) = (rel.as_span().start(), rel.as_span().end());
    let before = body[..s].chars().next_back();
    let after = body[e..].chars().next();
    !before.is_some_and(char::is_whitespace) || !after.is_some_and(char::is_whitespace)
}

/// The parser's expectation in words.
fn expected(e: &pest::error::Error<Rule>) -> String {
    match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } if !positives.is_empty() => {
            let words: Vec<&str> = positives.iter().map(|r| rule_word(*r)).collect();
            let mut words: Vec<&str> = words.into_iter().collect();
            words.sort();
            words.dedup();
            format!("expected {}", words.join(" or "))
        }
        _ => "not a BEL statement or annotation line".into(),
    }
}

fn rule_word(r: Rule) -> &'static str {
    match r {
        Rule::relation => "a relation",
        Rule::term | Rule::function => "a term",
        Rule::ns_value | Rule::value | Rule::ident | Rule::prefix | Rule::ns_gap => "a name",
        Rule::string => "a string",
        Rule::EOI => "the end of the line",
        Rule::key => "an annotation key",
        Rule::set_value | Rule::plain_value | Rule::value_list => "a value",
        Rule::nested => "a nested statement",
        _ => "a statement",
    }
}

/// An unmatched `)` (outside strings) removed, when there is exactly one.
fn stray_paren(body: &str) -> Option<String> {
    let mut depth = 0i32;
    let mut in_string = false;
    let mut escaped = false;
    let mut at = None;
    for (i, c) in body.char_indices() {
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
                if depth < 0 {
                    if at.is_some() {
                        return None;
                    }
                    at = Some(i);
                    depth = 0;
                }
            }
            '#' => break,
            _ => {}
        }
    }
    let at = at?;
    let mut fixed = body.to_string();
    fixed.remove(at);
    Some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_parenthesis() {
        assert_eq!(
            stray_paren("p(A:b)) -> p(A:c)").as_deref(),
            Some("p(A:b) -> p(A:c)")
        );
        assert_eq!(stray_paren("p(A:\")\") -> p(A:c)"), None);
    }
}
