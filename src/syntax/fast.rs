//! A fast path for the commonest line: a plain ASCII statement
//! (`g12 inhibits g7, g9 confidence high [PMID:123]`).
//!
//! Literature-scale networks are a million such lines; pest's per-rule bookkeeping costs
//! several microseconds each. This scanner recognises only that narrow form and returns
//! exactly the AST the grammar would build, spans included; for anything else (quotes,
//! non-ASCII names, keywords, errors) it returns `None` and the grammar decides. A property
//! test holds the two to the same answers.

use std::borrow::Cow;

use super::ast::*;
use crate::program::State;
use crate::source::{FileId, Span};

/// Words the grammar reserves; a bare name may not be one of them.
const KEYWORDS: &[&str] = &[
    "in",
    "when",
    "and",
    "then",
    "up",
    "down",
    "not",
    "via",
    "confidence",
    "given",
    "knockout",
    "overexpress",
    "expect",
    "context",
    "scenario",
    "rule",
    "entity",
    "outcome",
    "verb",
    "include",
    "aka",
    "why",
];

struct Scanner<'a> {
    file: FileId,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

fn is_joiner(b: u8) -> bool {
    matches!(b, b'-' | b'_' | b'/' | b'.' | b'\'' | b'+' | b':')
}

impl<'a> Scanner<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn skip_ws(&mut self) {
        while self.pos < self.end && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\r') {
            self.pos += 1;
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end || self.bytes[self.pos] == b'#'
    }

    /// A bare word as the grammar's `word` rule matches it, ASCII only; `None` when the
    /// text here is not plainly a word followed by a separator.
    fn word(&mut self) -> Option<(&'a str, usize)> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = start;
        while i < self.end && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == start {
            return None;
        }
        loop {
            let mut j = i;
            while j < self.end && is_joiner(b[j]) {
                j += 1;
            }
            if j > i && j < self.end && b[j].is_ascii_alphanumeric() {
                i = j;
                while i < self.end && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            } else {
                break;
            }
        }
        while i < self.end && matches!(b[i], b'+' | b'\'') {
            i += 1;
        }
        // The word must end at a separator the statement grammar expects next.
        if i < self.end && !matches!(b[i], b' ' | b'\t' | b'\r' | b',' | b'[' | b'#') {
            return None;
        }
        self.pos = i;
        Some((&self.text[start..i], start))
    }

    fn name(&mut self) -> Option<Name<'a>> {
        let (w, start) = self.word()?;
        if KEYWORDS.contains(&w) {
            return None;
        }
        Some(Name {
            text: Cow::Borrowed(w),
            quoted: false,
            span: self.span(start, start + w.len()),
        })
    }

    fn citations(&mut self) -> Option<Modifier<'a>> {
        let b = self.bytes;
        let open = self.pos;
        let mut i = open + 1;
        while i < self.end && !matches!(b[i], b']' | b'[' | b'\n') {
            i += 1;
        }
        if i >= self.end || b[i] != b']' {
            return None;
        }
        let close = i;
        let mut parts = Vec::new();
        let mut part_start = open + 1;
        let ends = b[open + 1..close]
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c == b';')
            .map(|(k, _)| open + 1 + k)
            .chain(std::iter::once(close));
        for k in ends {
            let raw = &self.text[part_start..k];
            let text = raw.trim();
            if text.is_empty() {
                return None;
            }
            let lead = raw.len() - raw.trim_start().len();
            let s = part_start + lead;
            parts.push(Citation {
                text,
                span: self.span(s, s + text.len()),
            });
            part_start = k + 1;
        }
        self.pos = close + 1;
        Some(Modifier::Citations(parts, self.span(open + 1, close)))
    }

    fn modifier(&mut self) -> Option<(Modifier<'a>, usize)> {
        if self.bytes[self.pos] == b'[' {
            let m = self.citations()?;
            return Some((m, self.pos));
        }
        let save = self.pos;
        let (kw, start) = self.word()?;
        match kw {
            "in" => {
                self.skip_ws();
                let n = self.name()?;
                Some((Modifier::In(n), self.pos))
            }
            "when" => {
                self.skip_ws();
                let entity = self.name()?;
                let after_name = self.pos;
                self.skip_ws();
                let state = if self.at_end() {
                    None
                } else {
                    let here = self.pos;
                    match self.word() {
                        Some(("up", _)) => Some(State::Up),
                        Some(("down", _)) => Some(State::Down),
                        _ => {
                            self.pos = here;
                            None
                        }
                    }
                };
                if state.is_none() {
                    self.pos = after_name;
                }
                Some((Modifier::When(ConditionAst { entity, state }), self.pos))
            }
            "disputed" => Some((Modifier::Disputed(self.span(start, self.pos)), self.pos)),
            "confidence" => {
                self.skip_ws();
                let (value, _) = self.word()?;
                let c = match value {
                    "high" => ConfidenceAst::High,
                    "medium" => ConfidenceAst::Medium,
                    "low" => ConfidenceAst::Low,
                    v if is_plain_number(v) => ConfidenceAst::Number(v),
                    _ => return None,
                };
                Some((
                    Modifier::Confidence(c, self.span(start, self.pos)),
                    self.pos,
                ))
            }
            _ => {
                self.pos = save;
                None
            }
        }
    }
}

/// Digits with at most one inner `.`: the only numbers this fast path accepts.
fn is_plain_number(v: &str) -> bool {
    let mut parts = v.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The statement on `text[start..end]`, if it is a plain ASCII statement.
pub fn statement(file: FileId, text: &str, start: usize, end: usize) -> Option<Line<'_>> {
    let mut seg = &text.as_bytes()[start..end];
    // A CRLF line end is whitespace; any other carriage return is the grammar's business.
    let mut end = end;
    while let [rest @ .., b'\r'] = seg {
        seg = rest;
        end -= 1;
    }
    if !seg.is_ascii()
        || seg
            .iter()
            .any(|&b| matches!(b, b'"' | b'{' | b'}' | b'\\' | b'\r'))
    {
        return None;
    }
    let mut s = Scanner {
        file,
        text,
        bytes: text.as_bytes(),
        pos: start,
        end,
    };
    s.skip_ws();
    let first = s.pos;
    let subject = s.name()?;
    if matches!(subject.text.as_ref(), "effect" | "path") {
        return None;
    }
    s.skip_ws();
    let verb = s.name()?;
    if verb.text == "does" {
        return None;
    }
    s.skip_ws();
    let mut objects = vec![s.name()?];
    let mut last = s.pos;
    loop {
        s.skip_ws();
        if s.pos < end && s.bytes[s.pos] == b',' {
            s.pos += 1;
            s.skip_ws();
            objects.push(s.name()?);
            last = s.pos;
        } else {
            break;
        }
    }
    let mut modifiers = Vec::new();
    while !s.at_end() {
        let (m, stop) = s.modifier()?;
        modifiers.push(m);
        last = stop;
        s.skip_ws();
    }
    Some(Line::Item(Item::Statement(StatementAst {
        subject,
        verb: Verb::Word(verb),
        objects,
        modifiers,
        span: Span::new(file, first, last),
    })))
}
