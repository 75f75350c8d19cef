//! Lowering a big file on two cores.
//!
//! A literature-scale file is a million plain statements. Each part of it is lowered
//! into a chunk of statements with chunk-local name and verb ids, the second part on
//! another thread; the local ids are then mapped to the program's, first part first and
//! in first-mention order, so the result is exactly what lowering the file in one pass
//! gives. A chunk takes only plain statements (without contexts and without anything that
//! needs a diagnostic), read by the statement scanner straight into its parts, with no
//! syntax tree between (`fast::plain`), and stops at the first other line; the full
//! lowering takes the lines from there to the end of that part.
//!
//! A chunk is handed over in pieces as they fill: the main thread takes its own part's
//! pieces as it lowers them, then the worker's while the worker is still lowering. The
//! main thread lowers its part into a chunk too, rather than straight into the program:
//! the short path and one mapping of a hundred thousand names cost less than the full
//! lowering of half a million lines (about 100 against 170 ms on a million).

use std::num::NonZeroU16;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::intern::Interner;
use super::model::*;
use crate::source::{FileId, Span};
use crate::syntax::fast::{self, PlainLine, PlainName, PlainNames};
use crate::syntax::lexicon::{self, DEFAULT_CONFIDENCE};
use crate::syntax::segments::{Segment, clean_lines_in, segments_in};

/// Files smaller than this are lowered in one pass: a thread costs more than it saves.
pub const PARALLEL_MIN_BYTES: usize = 4 << 20;

/// A statement lowered off the main thread: names, verb and confidence as chunk-local
/// ids, its line as a byte range of the chunk's file and the places inside it as offsets
/// from the line's start, conditions in a list of their own (few statements have any).
/// Half a million of these wait for the main thread, so they are kept to 32 bytes (88
/// with spans, a confidence and an inline condition list); a line they cannot describe
/// (a verb or citations more than 64 KiB into it) is left to the full lowering.
pub(super) struct LocalStatement {
    pub subject: u32,
    pub object: u32,
    /// Where its conditions start in [`Piece::conditions`]; they end where the next
    /// statement's start.
    pub conditions: u32,
    /// The statement's line.
    pub line: (u32, u32),
    /// The verb as written: (offset into the line, length).
    pub verb_at: (u16, u16),
    /// Inside the citation brackets, if it has them: (offset into the line, length).
    /// The brackets come after the subject, so the offset is never zero.
    pub citations: Option<(NonZeroU16, u16)>,
    pub verb: u16,
    /// The confidence's local id.
    pub confidence: u16,
}

/// Statements per piece of a chunk: the main thread frees each piece once it has
/// taken its statements, so the chunks and the program's statements are not all held at
/// once. 4 MiB a piece: the allocator maps blocks this big on their own and gives them
/// back when freed, where it keeps smaller ones for reuse (`check` on a million
/// statements peaked 8–14 MiB higher with blocks of 0.25–2 MiB).
pub(super) const PIECE: usize = 1 << 17;

/// A piece of a chunk, handed over as soon as it is full so that the main thread can
/// take it while the worker lowers the next: its statements and their conditions, the
/// names, verbs and confidences first met in it (local ids count on from the pieces
/// before), and where the lines after it start.
pub(super) struct Piece<'a> {
    /// Each new name and its first mention in the chunk.
    pub names: Vec<(&'a str, Span)>,
    pub verbs: Vec<&'a str>,
    pub confidences: Vec<f64>,
    pub statements: Vec<LocalStatement>,
    /// The statements' `when` conditions, in statement order.
    pub conditions: Vec<(u32, State)>,
    /// Byte offset of the first line after the piece's.
    pub until: usize,
}

impl Piece<'_> {
    fn new(statements: usize) -> Self {
        Piece {
            names: Vec::new(),
            verbs: Vec::new(),
            confidences: Vec::new(),
            statements: Vec::with_capacity(statements),
            conditions: Vec::new(),
            until: 0,
        }
    }
}

/// A line start well before the middle of `text` that lies outside every block, if
/// any: besides lowering its part, the main thread takes both parts into the program
/// (the worker's piece by piece while the worker goes on), and these shares keep both
/// cores busy to about the same moment.
pub(super) fn split_point(text: &str) -> Option<usize> {
    let middle = text.len() * 38 / 100;
    quick_split(text, middle).unwrap_or_else(|| split_by_segments(text, middle))
}

/// The split point found by two vector scans, when no brace or backslash comes before
/// it: then every line break starts a segment and no block is open, so it is the first
/// line start at or past the middle. `None` when that cannot be told this way; walking
/// half a million lines' segments instead is a serial 12–28 ms before the two threads
/// start.
fn quick_split(text: &str, middle: usize) -> Option<Option<usize>> {
    let bytes = text.as_bytes();
    // Near the start a byte-order mark moves the first segment; leave that to the walk.
    if middle <= 3 {
        return None;
    }
    let candidate = if bytes[middle - 1] == b'\n' {
        middle
    } else {
        memchr::memchr(b'\n', &bytes[middle..]).map_or(bytes.len(), |n| middle + n + 1)
    };
    memchr::memchr3(b'{', b'}', b'\\', &bytes[..candidate])
        .is_none()
        .then_some((candidate < bytes.len()).then_some(candidate))
}

/// [`split_point`] by walking the segments and the blocks they open and close.
fn split_by_segments(text: &str, middle: usize) -> Option<usize> {
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

struct Worker<'a, F> {
    names: Interner,
    /// Confidence bits → local id.
    confidences: FxHashMap<u64, u16>,
    /// Every confidence and verb met so far, by local id, and how many of each the
    /// pieces handed over so far hold.
    confidence_values: Vec<f64>,
    verbs: Vec<&'a str>,
    sent: (usize, usize),
    piece: Piece<'a>,
    /// Statements a piece holds before it is handed over.
    piece_len: usize,
    deliver: F,
}

impl<'a, F: FnMut(Piece<'a>)> Worker<'a, F> {
    fn name(&mut self, text: &'a str, span: Span) -> u32 {
        let (id, new) = self.names.intern(text);
        if new {
            self.piece.names.push((text, span));
        }
        id
    }

    /// The verb's local id; `None` past the ids a statement can hold.
    fn verb(&mut self, word: &'a str) -> Option<u16> {
        match self.verbs.iter().position(|v| *v == word) {
            Some(i) => Some(i as u16),
            None => {
                let i = u16::try_from(self.verbs.len()).ok()?;
                self.verbs.push(word);
                Some(i)
            }
        }
    }

    /// The confidence's local id; `None` past the ids a statement can hold.
    fn confidence(&mut self, value: f64) -> Option<u16> {
        if let Some(&i) = self.confidences.get(&value.to_bits()) {
            return Some(i);
        }
        let i = u16::try_from(self.confidence_values.len()).ok()?;
        self.confidence_values.push(value);
        self.confidences.insert(value.to_bits(), i);
        Some(i)
    }

    /// Hand over the piece so far, if it holds anything; the next lines start at `until`.
    fn deliver(&mut self, until: usize) {
        if self.piece.statements.is_empty() {
            return;
        }
        let mut piece = std::mem::replace(&mut self.piece, Piece::new(self.piece_len));
        piece.verbs = self.verbs[self.sent.0..].to_vec();
        piece.confidences = self.confidence_values[self.sent.1..].to_vec();
        piece.until = until;
        self.sent = (self.verbs.len(), self.confidence_values.len());
        (self.deliver)(piece);
    }

    /// Lower one plain statement line, given its names (subject, objects, conditions'
    /// entities) and its conditions' states; `false` when the compact record cannot
    /// hold it. Nothing is recorded until the whole line is accepted, and names are then
    /// met in the order lowering meets them (subject, conditions, verb, objects), so the
    /// first mentions, and with them the entity order, are those of a one-pass load.
    fn line(&mut self, line: &PlainLine<'a>, names: &[PlainName<'a>], states: &[State]) -> bool {
        let line_start = line.span.start;
        let (Some(verb_at), Some(citations)) = (
            within(line_start, line.verb_span),
            line.citations.map_or(Some(None), |c| {
                let (offset, len) = within(line_start, c)?;
                Some(Some((NonZeroU16::new(offset)?, len)))
            }),
        ) else {
            return false;
        };
        // The confidence's id first (an unused one never leaves the chunk), then the
        // verb's, then the names: a line refused here leaves nothing the program sees.
        let Some(confidence) = self.confidence(line.confidence.unwrap_or(DEFAULT_CONFIDENCE))
        else {
            return false;
        };
        let Some(verb_id) = self.verb(line.verb) else {
            return false;
        };
        let Some((&(subject, subject_span), rest)) = names.split_first() else {
            return false;
        };
        let (objects, conditioned) = rest.split_at(line.objects);
        let subject = self.name(subject, subject_span);
        let conditions: SmallVec<[(u32, State); 1]> = conditioned
            .iter()
            .zip(states)
            .map(|(&(name, span), &state)| (self.name(name, span), state))
            .collect();
        for &(o, span) in objects {
            let object = self.name(o, span);
            let first_condition = self.piece.conditions.len() as u32;
            self.piece.conditions.extend_from_slice(&conditions);
            self.piece.statements.push(LocalStatement {
                subject,
                object,
                conditions: first_condition,
                line: (line.span.start, line.span.end),
                verb_at,
                citations,
                verb: verb_id,
                confidence,
            });
        }
        true
    }
}

/// A place inside a line as (offset from the line's start, length), when both fit.
fn within(line_start: u32, span: Span) -> Option<(u16, u16)> {
    Some((
        u16::try_from(span.start.checked_sub(line_start)?).ok()?,
        u16::try_from(span.end.checked_sub(span.start)?).ok()?,
    ))
}

/// Lines scanned per batch. The names of the batch ahead are hinted to the interner
/// (which starts loading their slots) while the batch before it is lowered: enough
/// work between hint and lookup to cover a miss to main memory, few enough lines that
/// the hinted slots are still in cache when used.
const BATCH: usize = 8;

/// A batch of scanned lines: each one's start and, when plain, its parts.
#[derive(Default)]
struct Batch<'a> {
    lines: Vec<(usize, Option<PlainLine<'a>>)>,
    found: PlainNames<'a>,
}

impl<'a> Batch<'a> {
    /// Scan up to [`BATCH`] lines, stopping after the first that is not plain.
    fn fill(
        &mut self,
        file: FileId,
        text: &'a str,
        lines: &mut impl Iterator<Item = (Segment, bool)>,
    ) {
        self.lines.clear();
        self.found.clear();
        for (seg, clean) in lines.take(BATCH) {
            let start = seg.start;
            let line = fast::plain(file, text, (start, seg.end), clean, &mut self.found);
            self.lines.push((start, line));
            if line.is_none() {
                break;
            }
        }
    }
}

/// Lower the plain statements of `text[start..end]`, stopping at the first other line,
/// and hand them to `deliver` in pieces of `piece_len` statements ([`PIECE`] but in
/// tests); returns where it stopped (the end of the range when every line was taken).
pub(super) fn lower_plain<'a>(
    file: FileId,
    text: &'a str,
    (start, end): (usize, usize),
    piece_len: usize,
    deliver: impl FnMut(Piece<'a>),
) -> usize {
    let mut w = Worker {
        names: Interner::default(),
        confidences: FxHashMap::default(),
        confidence_values: Vec::new(),
        verbs: Vec::new(),
        sent: (0, 0),
        piece: Piece::new(piece_len),
        piece_len,
        deliver,
    };
    // Blank as the grammar's whitespace is blank: a line of any other space is an error
    // the full lowering reports.
    let mut lines = clean_lines_in(text, start, end).filter(|(seg, _)| {
        let src = &text.as_bytes()[seg.start..seg.end];
        let first = src.iter().position(|&b| !lexicon::is_blank(b));
        first.is_some_and(|i| src[i] != b'#')
    });
    let (mut now, mut ahead) = (Batch::default(), Batch::default());
    ahead.fill(file, text, &mut lines);
    while !ahead.lines.is_empty() {
        std::mem::swap(&mut now, &mut ahead);
        let stops = now.lines.last().is_some_and(|(_, line)| line.is_none());
        if stops {
            ahead.lines.clear();
        } else {
            ahead.fill(file, text, &mut lines);
            for &(name, _) in &ahead.found.names {
                w.names.prefetch(name);
            }
        }
        let (mut names, mut states) = (0, 0);
        for &(at, line) in &now.lines {
            let taken = line.is_some_and(|line| {
                if w.piece.statements.len() + line.objects > w.piece_len {
                    w.deliver(at);
                }
                let (n, c) = (1 + line.objects + line.conditions, line.conditions);
                let taken = w.line(
                    &line,
                    &now.found.names[names..names + n],
                    &now.found.states[states..states + c],
                );
                (names, states) = (names + n, states + c);
                taken
            });
            if !taken {
                w.deliver(at);
                return at;
            }
        }
    }
    w.deliver(end);
    end
}

impl Piece<'_> {
    /// Hand each statement, with its conditions, its line, where its verb is written and
    /// its citations if any, to `take`, in order, given the chunk's confidences by local
    /// id; the piece is freed once taken.
    pub fn drain(
        self,
        file: FileId,
        confidences: &[f64],
        mut take: impl FnMut(&LocalStatement, Taken<'_>),
    ) {
        let Piece {
            statements,
            conditions,
            ..
        } = self;
        let mut statements = statements.into_iter().peekable();
        while let Some(st) = statements.next() {
            let end = statements
                .peek()
                .map_or(conditions.len(), |next| next.conditions as usize);
            let line = Span {
                file,
                start: st.line.0,
                end: st.line.1,
            };
            let inside = |(offset, len): (u16, u16)| {
                let start = st.line.0 + u32::from(offset);
                Span {
                    file,
                    start,
                    end: start + u32::from(len),
                }
            };
            let taken = Taken {
                conditions: &conditions[st.conditions as usize..end],
                line,
                verb_at: inside(st.verb_at),
                citations: st
                    .citations
                    .map(|(offset, len)| inside((offset.get(), len))),
                confidence: confidences[usize::from(st.confidence)],
            };
            take(&st, taken);
        }
    }
}

/// A chunk statement's places and lists, as [`Piece::drain`] hands them out.
pub(super) struct Taken<'c> {
    pub conditions: &'c [(u32, State)],
    pub line: Span,
    pub verb_at: Span,
    pub citations: Option<Span>,
    pub confidence: f64,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// The quick split agrees with the walk whenever it answers, on texts of the
        /// bytes that decide either (backslashes often before a line break, where a
        /// string runs on).
        #[test]
        fn quick_split_agrees_with_the_walk(
            text in proptest::string::string_regex("(\u{FEFF})?([a {}#\n]|\"|\\\\\n?){0,40}").unwrap(),
        ) {
            let middle = text.len() * 45 / 100;
            if let Some(quick) = super::quick_split(&text, middle) {
                prop_assert_eq!(quick, super::split_by_segments(&text, middle));
            }
        }
    }

    /// On a file of plain lines the quick split answers, with a line start.
    #[test]
    fn plain_lines_split_quickly() {
        let text = "a activates b\n".repeat(100);
        let middle = text.len() * 45 / 100;
        let quick = super::quick_split(&text, middle).expect("no brace, no backslash");
        assert_eq!(quick, super::split_by_segments(&text, middle));
        assert!(quick.is_some_and(|at| at >= middle && text.as_bytes()[at - 1] == b'\n'));
    }

    #[test]
    fn local_statements_stay_small() {
        assert_eq!(size_of::<super::LocalStatement>(), 32);
    }
}
