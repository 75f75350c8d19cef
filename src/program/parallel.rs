//! Lowering a big file on two cores.
//!
//! A literature-scale file is a million plain statements. Each half of it is lowered
//! into a chunk of statements with chunk-local name and verb ids, the second half on
//! another thread; the local ids are then mapped to the program's, first half first and
//! in first-mention order, so the result is exactly what lowering the file in one pass
//! gives. A chunk takes only plain statements (the statement fast path, without contexts
//! and without anything that needs a diagnostic) and stops at the first other line; the
//! full lowering takes the lines from there to the end of that half.
//!
//! The main thread lowers its half into a chunk too, rather than straight into the
//! program: the short path and one mapping of a hundred thousand names cost less than
//! the full lowering of half a million lines (about 100 against 170 ms on a million).

use smallvec::SmallVec;

use super::intern::Interner;
use super::model::*;
use crate::source::{FileId, Span};
use crate::syntax::ahead::{Ahead, statement_names};
use crate::syntax::ast::{Item, Line, Modifier, Name, Verb};
use crate::syntax::fast;
use crate::syntax::lexicon::DEFAULT_CONFIDENCE;
use crate::syntax::segments::segments_in;

/// Files smaller than this are lowered in one pass: a thread costs more than it saves.
pub const PARALLEL_MIN_BYTES: usize = 4 << 20;

/// A statement lowered off the main thread: names and verb as chunk-local ids, places as
/// byte ranges of the chunk's file, conditions in a list of their own (few statements have
/// any). Half a million of these wait for the main thread, so they are kept to 56 bytes
/// (88 with spans and an inline condition list).
pub(super) struct LocalStatement {
    pub subject: u32,
    pub verb: u32,
    pub object: u32,
    /// Where its conditions start in [`Chunk::conditions`]; they end where the next
    /// statement's start.
    pub conditions: u32,
    /// The statement's line.
    pub line: (u32, u32),
    /// The verb as written.
    pub verb_at: (u32, u32),
    /// Inside the citation brackets, if it has them.
    pub citations: Option<(u32, u32)>,
    pub confidence: f64,
}

/// What the worker lowered, and where it stopped.
pub(super) struct Chunk<'a> {
    /// The file every place in the chunk is in.
    pub file: FileId,
    /// Local name id → the name and its first mention in the chunk.
    pub names: Vec<(&'a str, Span)>,
    pub verbs: Vec<&'a str>,
    pub statements: Vec<LocalStatement>,
    /// The statements' `when` conditions, in statement order.
    pub conditions: Vec<(u32, State)>,
    /// Byte offset of the first line not taken (the end of the range when all were).
    pub stopped_at: usize,
}

/// A line start a little before the middle of `text` (the main thread also maps both
/// chunks into the program) that lies outside every block, if any.
pub(super) fn split_point(text: &str) -> Option<usize> {
    let middle = text.len() * 45 / 100;
    let mut depth = 0usize;
    for seg in segments_in(text, 0, text.len()) {
        if seg.part == 0 && seg.start >= middle && depth == 0 {
            return Some(seg.start);
        }
        let s = text[seg.start..seg.end].trim();
        if s == "}" {
            depth = depth.saturating_sub(1);
        } else if s.ends_with('{') {
            depth += 1;
        }
    }
    None
}

struct Worker<'a> {
    names: Interner,
    chunk: Chunk<'a>,
}

impl<'a> Worker<'a> {
    fn name(&mut self, text: &'a str, span: Span) -> u32 {
        let (id, new) = self.names.intern(text);
        if new {
            self.chunk.names.push((text, span));
        }
        id
    }

    fn verb(&mut self, word: &'a str) -> u32 {
        match self.chunk.verbs.iter().position(|v| *v == word) {
            Some(i) => i as u32,
            None => {
                self.chunk.verbs.push(word);
                self.chunk.verbs.len() as u32 - 1
            }
        }
    }

    /// Lower one plain statement line; `false` when it is not one the worker may take.
    /// Nothing is recorded until the whole line is accepted, and names are then met in
    /// the order lowering meets them (subject, conditions, verb, objects), so the first
    /// mentions, and with them the entity order, are those of a one-pass load.
    fn line(&mut self, line: Line<'a>) -> bool {
        let Line::Item(Item::Statement(st)) = line else {
            return false;
        };
        let Verb::Word(verb) = &st.verb else {
            return false;
        };
        let mut confidence = None;
        let mut citations = None;
        let mut conditions: SmallVec<[(&'a str, Span, State); 1]> = SmallVec::new();
        for m in &st.modifiers {
            match m {
                Modifier::In(_) | Modifier::Disputed(_) => return false,
                Modifier::When(c) => {
                    let Some(name) = plain(&c.entity) else {
                        return false;
                    };
                    conditions.push((name, c.entity.span, c.state.unwrap_or(State::Up)));
                }
                Modifier::Confidence(value, _) => {
                    // A number outside (0, 1] gets its diagnostic on the main thread.
                    let Some(v) = value.value() else {
                        return false;
                    };
                    if confidence.replace(v).is_some() {
                        return false;
                    }
                }
                Modifier::Citations(_, inside) => {
                    if citations.replace(*inside).is_some() {
                        return false;
                    }
                }
            }
        }
        let (Some(subject), Some(verb_text)) = (plain(&st.subject), borrowed(&verb.text)) else {
            return false;
        };
        let mut objects: SmallVec<[(&'a str, Span); 4]> = SmallVec::new();
        for object in &st.objects {
            let Some(o) = plain(object) else {
                return false;
            };
            objects.push((o, object.span));
        }
        let subject = self.name(subject, st.subject.span);
        let conditions: SmallVec<[(u32, State); 1]> = conditions
            .into_iter()
            .map(|(name, span, state)| (self.name(name, span), state))
            .collect();
        let verb_id = self.verb(verb_text);
        for (o, span) in objects {
            let object = self.name(o, span);
            let first_condition = self.chunk.conditions.len() as u32;
            self.chunk.conditions.extend_from_slice(&conditions);
            self.chunk.statements.push(LocalStatement {
                subject,
                verb: verb_id,
                object,
                conditions: first_condition,
                line: (st.span.start, st.span.end),
                verb_at: (verb.span.start, verb.span.end),
                citations: citations.map(|c| (c.start, c.end)),
                confidence: confidence.unwrap_or(DEFAULT_CONFIDENCE),
            });
        }
        true
    }
}

/// A name the worker may take: borrowed from the source, and not one lowering reports
/// (quotes around nothing but blanks name nothing).
fn plain<'a>(name: &Name<'a>) -> Option<&'a str> {
    let text = borrowed(&name.text)?;
    (!(name.quoted && text.trim().is_empty())).then_some(text)
}

/// The fast path borrows every name from the source text.
fn borrowed<'a>(text: &std::borrow::Cow<'a, str>) -> Option<&'a str> {
    match text {
        std::borrow::Cow::Borrowed(s) => Some(s),
        std::borrow::Cow::Owned(_) => None,
    }
}

/// Lower the plain statements of `text[start..end]`, stopping at the first other line.
pub(super) fn lower_plain(file: FileId, text: &str, start: usize, end: usize) -> Chunk<'_> {
    let mut w = Worker {
        names: Interner::default(),
        chunk: Chunk {
            file,
            names: Vec::new(),
            verbs: Vec::new(),
            statements: Vec::with_capacity((end - start) / 24),
            conditions: Vec::new(),
            stopped_at: end,
        },
    };
    let lines = segments_in(text, start, end).filter_map(|seg| {
        let src = text[seg.start..seg.end].trim_start();
        let blank = src.trim_end().is_empty() || src.starts_with('#');
        (!blank).then(|| (seg.start, fast::statement(file, text, seg.start, seg.end)))
    });
    let mut lines = Ahead::new(lines);
    while let Some((at, line)) = lines.next_with(|(_, line)| {
        for name in line.iter().flat_map(statement_names) {
            w.names.prefetch(name);
        }
    }) {
        let taken = match line {
            Some(line) => w.line(line),
            None => false,
        };
        if !taken {
            w.chunk.stopped_at = at;
            break;
        }
    }
    w.chunk
}

impl Chunk<'_> {
    /// A place in the chunk's file.
    pub fn span(&self, (start, end): (u32, u32)) -> Span {
        Span {
            file: self.file,
            start,
            end,
        }
    }

    /// The conditions of statement `i`.
    pub fn conditions_of(&self, i: usize) -> &[(u32, State)] {
        let start = self.statements[i].conditions as usize;
        let end = self
            .statements
            .get(i + 1)
            .map_or(self.conditions.len(), |next| next.conditions as usize);
        &self.conditions[start..end]
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn local_statements_stay_small() {
        assert_eq!(size_of::<super::LocalStatement>(), 56);
    }
}
