//! A fast path for the commonest line: a plain statement
//! (`g12 inhibits g7, "p(HGNC:E12)" confidence high [PMID:123]`).
//!
//! Literature-scale networks are a million such lines; pest's per-rule bookkeeping costs
//! several microseconds each. This scanner recognises only that form — bare names (Unicode
//! letters, marks and digits, classified by pest's own tables), quoted names, the common
//! modifiers — and returns exactly the AST the grammar would build, spans included; for
//! anything else (keywords, blocks, errors) it returns `None` and the grammar decides. A
//! property test holds the two to the same answers.

use std::borrow::Cow;

use super::ast::*;
use super::lexicon::{self, is_name_char};
use crate::program::State;
use crate::source::{FileId, Span};

struct Scanner<'a> {
    file: FileId,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    end: usize,
}

/// Where the ASCII letters and digits starting at byte `i` end: names are most of a
/// network's bytes, so eight at a time while eight remain, then one by one.
#[inline(always)]
fn ascii_alnum_end(b: &[u8], mut i: usize, end: usize) -> usize {
    while i + 8 <= end {
        let Some(eight) = b.get(i..i + 8) else {
            break;
        };
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let other = !alnum_bytes(u64::from_le_bytes(word)) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The high bit of every byte of a 64-bit word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit set in each byte of `w` (little-endian) that is an ASCII letter or digit.
/// Every sum below stays under 0x100 within its byte, so no carry crosses into the next.
#[inline(always)]
fn alnum_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let seven = w & !HIGH;
    // High bit set where the byte is at least `lo`, or greater than `hi`.
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    let above = |x: u64, hi: u8| x + ONES * u64::from(0x7F - hi);
    let digit = at_least(seven, b'0') & !above(seven, b'9');
    // Setting bit 5 lowercases the letters and takes nothing else into `a`..=`z`.
    let lower = seven | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !above(lower, b'z');
    (digit | letter) & !w & HIGH
}

fn is_joiner(b: u8) -> bool {
    b.is_ascii() && lexicon::is_joiner(b as char)
}

/// Where the name characters starting at byte `i` end.
#[inline(always)]
fn name_chars_end(text: &str, mut i: usize, end: usize) -> usize {
    let b = text.as_bytes();
    while i < end {
        i = ascii_alnum_end(b, i, end);
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
        while self.pos < self.end && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\r') {
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
        // The word must end at a separator the statement grammar expects next.
        if i < self.end && !matches!(b[i], b' ' | b'\t' | b'\r' | b',' | b'[' | b'#') {
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

    /// `"…"` with `\"` and `\\` escaped, on one line, followed by a separator; the empty
    /// name and anything unusual are the grammar's to report.
    fn quoted(&mut self) -> Option<Name<'a>> {
        let b = self.bytes;
        let open = self.pos;
        let mut i = open + 1;
        let mut escaped = false;
        while i < self.end {
            match b[i] {
                b'"' => break,
                b'\\' => {
                    if i + 1 < self.end && matches!(b[i + 1], b'"' | b'\\') {
                        escaped = true;
                        i += 2;
                        continue;
                    }
                    return None;
                }
                b'\n' => return None,
                _ => i += 1,
            }
        }
        if i >= self.end || i == open + 1 {
            return None;
        }
        let close = i;
        if close + 1 < self.end
            && !matches!(b[close + 1], b' ' | b'\t' | b'\r' | b',' | b'[' | b'#')
        {
            return None;
        }
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
        self.pos = close + 1;
        Some(Name {
            text,
            quoted: true,
            span: self.span(open, close + 1),
        })
    }

    /// A bare name: a word that is not a keyword.
    fn bare(&mut self) -> Option<Name<'a>> {
        let (w, start) = self.word()?;
        if lexicon::is_keyword(w) {
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
                let c = match ConfidenceAst::from_word(value) {
                    Some(word) => word,
                    None if is_plain_number(value) => ConfidenceAst::Number(value),
                    None => return None,
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
    if memchr::memchr3(b'{', b'}', b'\r', seg).is_some() {
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
    if matches!(
        subject.text.as_ref(),
        "effect" | "path" | "max" | "decisive"
    ) {
        return None;
    }
    s.skip_ws();
    let verb = s.bare()?;
    if verb.text == "does" {
        return None;
    }
    s.skip_ws();
    let mut objects = smallvec::smallvec![s.name()?];
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight bytes at a time answer what one at a time does, for every byte value in
    /// every position, among letters and among separators.
    #[test]
    fn alnum_bytes_is_ascii_alphanumeric() {
        for fill in [b'a', b'Z', b'7', b' ', 0xC3] {
            for at in 0..8 {
                for v in 0..=255u8 {
                    let mut word = [fill; 8];
                    word[at] = v;
                    let mask = alnum_bytes(u64::from_le_bytes(word));
                    for (k, &b) in word.iter().enumerate() {
                        let set = mask >> (8 * k + 7) & 1 == 1;
                        assert_eq!(set, b.is_ascii_alphanumeric(), "byte {b:#x} at {k}");
                    }
                    assert_eq!(mask & !HIGH, 0);
                }
            }
        }
        let text = b"abcdefgh12345678-xyz";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let slow = (start..end)
                    .find(|&i| !text[i].is_ascii_alphanumeric())
                    .unwrap_or(end);
                assert_eq!(ascii_alnum_end(text, start, end), slow, "{start}..{end}");
            }
        }
    }

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
