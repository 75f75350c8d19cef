//! A fast path for the commonest line: a plain statement
//! (`g12 inhibits g7, "p(HGNC:E12)" confidence high [PMID:123]`).
//!
//! Literature-scale networks are a million such lines; pest's per-rule bookkeeping costs
//! several microseconds each. This scanner recognises only that form — bare names (Unicode
//! letters, marks and digits, classified by pest's own tables), quoted names, the common
//! modifiers — and returns exactly the AST the grammar would build, spans included; for
//! anything else (keywords, blocks, errors) it returns `None` and the grammar decides. A
//! property test holds the two to the same answers. `plain` reads the same lines for the
//! two-core lowering straight into their parts, without an AST.

use std::borrow::Cow;

use super::ast::*;
use super::lexicon::{self, is_name_char};
use super::swar;
use crate::program::State;
use crate::source::{FileId, Span};

struct Scanner<'a> {
    file: FileId,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

/// Whether `b` may follow a name or word: a separator the statement grammar expects next.
fn is_separator(b: u8) -> bool {
    lexicon::is_blank(b) || matches!(b, b',' | b'[' | b'#')
}

fn is_joiner(b: u8) -> bool {
    b.is_ascii() && lexicon::is_joiner(b as char)
}

/// Where the name characters starting at byte `i` end.
#[inline(always)]
fn name_chars_end(text: &str, mut i: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while i < end {
        i = swar::alnum_end(b, i, end);
        if i == end || b[i].is_ascii() {
            break;
        }
        match text[i..end].chars().next() {
            Some(c) if is_name_char(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

impl<'a> Scanner<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn skip_ws(&mut self) {
        while self.pos < self.end && lexicon::is_blank(self.bytes[self.pos]) {
            self.pos += 1;
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.end || self.bytes[self.pos] == b'#'
    }

    /// A bare word as the grammar's `word` rule matches it; `None` when the text here is
    /// not plainly a word followed by a separator.
    #[inline(always)]
    fn word(&mut self) -> Option<(&'a str, usize)> {
        let b = self.bytes;
        let start = self.pos;
        let mut i = name_chars_end(self.text, start, self.end);
        if i == start {
            return None;
        }
        loop {
            let mut j = i;
            while j < self.end && is_joiner(b[j]) {
                j += 1;
            }
            let more = if j > i {
                name_chars_end(self.text, j, self.end)
            } else {
                j
            };
            if more > j {
                i = more;
            } else {
                break;
            }
        }
        while i < self.end && matches!(b[i], b'+' | b'\'') {
            i += 1;
        }
        if i < self.end && !is_separator(b[i]) {
            return None;
        }
        self.pos = i;
        Some((&self.text[start..i], start))
    }

    /// A name: quoted, or a bare word that is not a keyword.
    fn name(&mut self) -> Option<Name<'a>> {
        if self.pos < self.end && self.bytes[self.pos] == b'"' {
            return self.quoted();
        }
        self.bare()
    }

    /// `"…"` with `\"` and `\\` escaped, on one line, followed by a separator: the
    /// places of its opening and closing quotes, and whether it holds an escape. The empty
    /// name and anything unusual are the grammar's to report.
    fn quoted_at(&mut self) -> Option<(usize, usize, bool)> {
        let b = self.bytes;
        let open = self.pos;
        let mut i = open + 1;
        let mut escaped = false;
        // Quoted names are most of an imported network's bytes: eight at a time to the
        // next quote, backslash or line break.
        loop {
            i = swar::find_any(b, i, self.end, [b'"', b'\\', b'\n']);
            match b.get(i).filter(|_| i < self.end) {
                Some(b'"') => break,
                Some(b'\\') if i + 1 < self.end && matches!(b[i + 1], b'"' | b'\\') => {
                    escaped = true;
                    i += 2;
                }
                _ => return None,
            }
        }
        if i == open + 1 {
            return None;
        }
        let close = i;
        if close + 1 < self.end && !is_separator(b[close + 1]) {
            return None;
        }
        self.pos = close + 1;
        Some((open, close, escaped))
    }

    /// A quoted name, its escapes resolved.
    fn quoted(&mut self) -> Option<Name<'a>> {
        let (open, close, escaped) = self.quoted_at()?;
        let inner = &self.text[open + 1..close];
        let text = if escaped {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else {
                    out.push(c);
                }
            }
            Cow::Owned(out)
        } else {
            Cow::Borrowed(inner)
        };
        Some(Name {
            text,
            quoted: true,
            span: self.span(open, close + 1),
        })
    }

    /// A bare name's text and start: a word that is not a keyword.
    #[inline(always)]
    fn bare_word(&mut self) -> Option<(&'a str, usize)> {
        let (w, start) = self.word()?;
        (!lexicon::is_keyword(w)).then_some((w, start))
    }

    /// A bare name: a word that is not a keyword.
    fn bare(&mut self) -> Option<Name<'a>> {
        let (w, start) = self.bare_word()?;
        Some(Name {
            text: Cow::Borrowed(w),
            quoted: false,
            span: self.span(start, start + w.len()),
        })
    }

    /// `[…]` on one line, each `;`-separated part holding something: the places of its
    /// brackets.
    fn citations_at(&mut self) -> Option<(usize, usize)> {
        let b = self.bytes;
        let open = self.pos;
        let mut i = open + 1;
        // Whether the part being read has a byte that is not ASCII whitespace, whether
        // any part lacks one, and whether any byte is not ASCII at all (then only
        // Unicode's notion of whitespace can tell whether such a part is blank).
        let (mut text, mut blank, mut wide) = (false, false, false);
        while i < self.end {
            match b[i] {
                b']' => break,
                b'[' | b'\n' => return None,
                b';' => {
                    blank |= !text;
                    text = false;
                }
                c if !c.is_ascii() => wide = true,
                c if c.is_ascii_whitespace() || c == 0x0B => {}
                _ => text = true,
            }
            i += 1;
        }
        if i >= self.end {
            return None;
        }
        let close = i;
        blank |= !text;
        if blank
            && (!wide
                || self.text[open + 1..close]
                    .split(';')
                    .any(|part| part.trim().is_empty()))
        {
            return None;
        }
        self.pos = close + 1;
        Some((open, close))
    }

    fn citations(&mut self) -> Option<Modifier<'a>> {
        let (open, close) = self.citations_at()?;
        let mut parts = Vec::new();
        let mut part_start = open + 1;
        for raw in self.text[open + 1..close].split(';') {
            let text = raw.trim();
            let s = part_start + (raw.len() - raw.trim_start().len());
            parts.push(Citation {
                text,
                span: self.span(s, s + text.len()),
            });
            part_start += raw.len() + 1;
        }
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
                let state = self.condition_state();
                Some((Modifier::When(ConditionAst { entity, state }), self.pos))
            }
            "disputed" => Some((Modifier::Disputed(self.span(start, self.pos)), self.pos)),
            "confidence" => {
                let c = self.confidence_value()?;
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

impl<'a> Scanner<'a> {
    /// The confidence word or plain number after `confidence`.
    fn confidence_value(&mut self) -> Option<ConfidenceAst<'a>> {
        self.skip_ws();
        let (value, _) = self.word()?;
        match ConfidenceAst::from_word(value) {
            Some(word) => Some(word),
            None => is_plain_number(value).then_some(ConfidenceAst::Number(value)),
        }
    }

    /// Past the blanks, a comma before another object: taken, with the blanks after it.
    fn comma(&mut self) -> bool {
        self.skip_ws();
        let comma = self.pos < self.end && self.bytes[self.pos] == b',';
        if comma {
            self.pos += 1;
            self.skip_ws();
        }
        comma
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

impl<'a> Scanner<'a> {
    /// A scanner of the segment `text[start..end]`, when it may hold a plain statement: a
    /// CRLF line end is whitespace; a brace or any other carriage return is the grammar's
    /// business.
    fn of_segment(file: FileId, text: &'a str, start: usize, end: usize) -> Option<Self> {
        let bytes = text.as_bytes();
        let mut end = end;
        while end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        if swar::find_any(bytes, start, end, [b'{', b'}', b'\r']) < end {
            return None;
        }
        Some(Scanner::at(file, text, start, end))
    }

    /// A scanner of `text[start..end]`, past its leading blanks.
    fn at(file: FileId, text: &'a str, start: usize, end: usize) -> Self {
        let mut s = Scanner {
            file,
            text,
            bytes: text.as_bytes(),
            pos: start,
            end,
        };
        s.skip_ws();
        s
    }

    /// Whether a subject (or verb) makes the line some other construct.
    fn starts_other(subject: &str, verb: &str) -> bool {
        matches!(subject, "effect" | "path" | "max" | "decisive") || verb == "does"
    }
}

/// The statement on `text[start..end]`, if it is a plain ASCII statement.
pub fn statement(file: FileId, text: &str, start: usize, end: usize) -> Option<Line<'_>> {
    let mut s = Scanner::of_segment(file, text, start, end)?;
    let first = s.pos;
    let subject = s.name()?;
    s.skip_ws();
    let verb = s.bare()?;
    if Scanner::starts_other(&subject.text, &verb.text) {
        return None;
    }
    s.skip_ws();
    let mut objects = smallvec::smallvec![s.name()?];
    let mut last = s.pos;
    while s.comma() {
        objects.push(s.name()?);
        last = s.pos;
    }
    let mut modifiers = thin_vec::ThinVec::new();
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

/// A name of a plain statement: its text as written (inside the quotes, when quoted)
/// and its place (quotes included).
pub type PlainName<'a> = (&'a str, Span);

/// The parts of a plain statement besides its names (see [`plain`]).
#[derive(Debug, Clone, Copy)]
pub struct PlainLine<'a> {
    /// The statement, from its subject to the end of its last modifier.
    pub span: Span,
    pub verb: &'a str,
    pub verb_span: Span,
    /// How many objects follow the subject among the line's names.
    pub objects: usize,
    /// How many conditions follow the objects: their entities among the names, their
    /// states in [`PlainNames::states`].
    pub conditions: usize,
    /// The confidence's value, when one is written.
    pub confidence: Option<f64>,
    /// Inside the citation brackets, when it has them.
    pub citations: Option<Span>,
}

/// The names and condition states of the plain lines [`plain`] took, in order.
#[derive(Default)]
pub struct PlainNames<'a> {
    /// Each line's subject, its objects, then its conditions' entities.
    pub names: Vec<PlainName<'a>>,
    /// Each line's conditions' states (a condition without one is `up`).
    pub states: Vec<State>,
}

impl PlainNames<'_> {
    pub fn clear(&mut self) {
        self.names.clear();
        self.states.clear();
    }
}

/// The statement on `text[start..end]` as lowering takes it without an AST, when it is
/// plain in every way lowering needs: every name borrowed from the source (no escapes)
/// and not blank, one confidence at most and in range, one citation list at most, no
/// `in` and no `disputed`. Its names and condition states are appended to `found`;
/// anything else leaves `found` as it was and is the statement path's to take.
///
/// It reads what [`statement`] reads, by the same scanner, without building the
/// statement's names, modifiers and spans: a literature-scale file is a million lines.
/// A `clean` line is one the caller has found free of braces and carriage returns (a
/// CRLF's excluded), so the scanner need not look for them again.
pub fn plain<'a>(
    file: FileId,
    text: &'a str,
    (start, end): (usize, usize),
    clean: bool,
    found: &mut PlainNames<'a>,
) -> Option<PlainLine<'a>> {
    let (names, states) = (found.names.len(), found.states.len());
    let scanner = if clean {
        let crlf = text.as_bytes()[start..end].ends_with(b"\r");
        Some(Scanner::at(file, text, start, end - usize::from(crlf)))
    } else {
        Scanner::of_segment(file, text, start, end)
    };
    let line = scanner.and_then(|mut s| s.plain(found));
    if line.is_none() {
        found.names.truncate(names);
        found.states.truncate(states);
    }
    line
}

impl<'a> Scanner<'a> {
    fn plain(&mut self, found: &mut PlainNames<'a>) -> Option<PlainLine<'a>> {
        let first = self.pos;
        let subject = self.plain_name()?;
        self.skip_ws();
        let (verb, verb_start) = self.bare_word()?;
        if Scanner::starts_other(subject.0, verb) {
            return None;
        }
        found.names.push(subject);
        self.skip_ws();
        found.names.push(self.plain_name()?);
        let mut objects = 1;
        let mut last = self.pos;
        while self.comma() {
            found.names.push(self.plain_name()?);
            objects += 1;
            last = self.pos;
        }
        let mut confidence = None;
        let mut citations = None;
        let mut conditions = 0;
        while !self.at_end() {
            if self.bytes[self.pos] == b'[' {
                let (open, close) = self.citations_at()?;
                if citations.replace(self.span(open + 1, close)).is_some() {
                    return None;
                }
            } else {
                match self.word()?.0 {
                    "when" => {
                        self.skip_ws();
                        found.names.push(self.plain_name()?);
                        found
                            .states
                            .push(self.condition_state().unwrap_or(State::Up));
                        conditions += 1;
                    }
                    "confidence" => {
                        // A number outside (0, 1] gets its diagnostic from the statement path.
                        if confidence
                            .replace(self.confidence_value()?.value()?)
                            .is_some()
                        {
                            return None;
                        }
                    }
                    _ => return None,
                }
            }
            last = self.pos;
            self.skip_ws();
        }
        Some(PlainLine {
            span: self.span(first, last),
            verb,
            verb_span: self.span(verb_start, verb_start + verb.len()),
            objects,
            conditions,
            confidence,
            citations,
        })
    }

    /// A name borrowed from the source: bare, or quoted without escapes and not blank.
    fn plain_name(&mut self) -> Option<PlainName<'a>> {
        if self.pos < self.end && self.bytes[self.pos] == b'"' {
            let (open, close, escaped) = self.quoted_at()?;
            let text = &self.text[open + 1..close];
            return (!escaped && !text.trim().is_empty())
                .then(|| (text, self.span(open, close + 1)));
        }
        let (w, start) = self.bare_word()?;
        Some((w, self.span(start, start + w.len())))
    }

    /// The `up` or `down` after a condition's entity, if one is written there; otherwise
    /// the scanner stays just after the entity.
    fn condition_state(&mut self) -> Option<State> {
        let after_name = self.pos;
        self.skip_ws();
        if !self.at_end() {
            match self.word() {
                Some(("up", _)) => return Some(State::Up),
                Some(("down", _)) => return Some(State::Down),
                _ => {}
            }
        }
        self.pos = after_name;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines importers write take the fast path (the property test holds it equal to
    /// the grammar; this holds that it answers at all).
    #[test]
    fn quoted_and_unicode_names_take_the_fast_path() {
        for line in [
            "\"p(HGNC:E12)\" inhibits \"p(HGNC:MAPT)\" [PubMed:1 · \"evidence\" · x.bel:4]",
            "IL-1β activates NF-κB, Wnt/β-catenin in \"bone marrow\" confidence low",
            "\"a \\\"quoted\\\" name\" activates b",
        ] {
            let got = statement(FileId(0), line, 0, line.len());
            assert!(got.is_some(), "{line}");
        }
        for line in ["\"\" activates b", "\"a\"b activates c", "a → b"] {
            assert!(
                statement(FileId(0), line, 0, line.len()).is_none(),
                "{line}"
            );
        }
    }
}
