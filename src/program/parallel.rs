//! The short path that lowers a big file's plain statements on two cores.
//!
//! A literature-scale file is a million plain statements, cut into blocks at line starts
//! outside every block of the language ([`block_starts`]). Each thread lowers the blocks
//! it takes into a chunk of statements with chunk-local name and verb ids; the main
//! thread maps them to the program's, block by block in file order and in first-mention
//! order (`blocks.rs`), so the result is exactly what lowering the file in one pass
//! gives. A chunk takes only plain statements (without contexts and without anything that
//! needs a diagnostic), read by the statement scanner straight into its parts, with no
//! syntax tree between (`fast::plain`), and stops at the first other line; the full
//! lowering takes the lines from there to the end of that block.
//!
//! A chunk is handed over in pieces as they fill. The main thread lowers its blocks into
//! a chunk too, rather than straight into the program: the short path and one mapping of
//! a hundred thousand names cost less than the full lowering of half a million lines
//! (about 100 against 170 ms on a million).

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
    /// The block the piece is of.
    pub block: usize,
    /// Byte offset of the first line after the piece's.
    pub until: usize,
    /// On a block's last piece, where its plain lines stopped: the block's end, or the
    /// first line the full lowering must take.
    pub stopped: Option<usize>,
}

impl Piece<'_> {
    fn new(statements: usize, block: usize) -> Self {
        Piece {
            names: Vec::new(),
            verbs: Vec::new(),
            confidences: Vec::new(),
            statements: Vec::with_capacity(statements),
            conditions: Vec::new(),
            block,
            until: 0,
            stopped: None,
        }
    }
}

/// How many blocks a big file is cut into. The two threads take blocks in turn as they
/// free up, so the work balances itself: the main thread, which also takes every block
/// into the program, lowers fewer of them the more that costs (a sixth of the file on
/// ten million statements, where a million names are mapped), and at the end neither
/// waits for more than one block.
pub(super) const BLOCKS: usize = 64;

/// Where the blocks of `text` after the first start: line starts outside every block of
/// the language, near `blocks` even steps through the text, in increasing order.
pub(super) fn block_starts(text: &str, blocks: usize) -> Vec<usize> {
    let step = text.len().div_ceil(blocks.max(1)).max(1);
    let targets: Vec<usize> = (1..blocks)
        .map(|k| k * step)
        .take_while(|&at| at < text.len())
        .collect();
    let mut starts = quick_starts(text, &targets);
    let walked = &targets[starts.len()..];
    if !walked.is_empty() {
        let from = starts.last().copied().unwrap_or(0);
        starts.extend(starts_by_segments(text, from, walked));
    }
    // A line longer than a step holds more than one target.
    starts.dedup();
    starts
}

/// The block starts for the first `targets` that two vector scans can find: while no
/// brace or backslash comes before it, every line break starts a segment and no block is
/// open, so the first line start at or past a target is one. Walking the segments
/// instead is serial, before the two threads start: 12–28 ms per half million lines.
fn quick_starts(text: &str, targets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let line_start = |at: usize| {
        if bytes[at - 1] == b'\n' {
            at
        } else {
            memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n + 1)
        }
    };
    // Near the start a byte-order mark moves the first segment; leave that to the walk.
    if targets.first().is_none_or(|&at| at <= 3) {
        return Vec::new();
    }
    let candidates: Vec<usize> = targets
        .iter()
        .map(|&at| line_start(at))
        .take_while(|&at| at < bytes.len())
        .collect();
    let Some(&last) = candidates.last() else {
        return Vec::new();
    };
    let special = memchr::memchr3(b'{', b'}', b'\\', &bytes[..last]).unwrap_or(last);
    candidates
        .into_iter()
        .take_while(|&at| at <= special)
        .collect()
}

/// The block starts for `targets` found by walking the segments from `from` (a segment
/// start outside every block) and the blocks they open and close: for each target, the
/// first segment that starts a line at or past it with no block open.
fn starts_by_segments(text: &str, from: usize, targets: &[usize]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut targets = targets.iter().peekable();
    let mut depth = 0usize;
    for seg in segments_in(text, from, text.len()) {
        let Some(&&target) = targets.peek() else {
            break;
        };
        if seg.part == 0 && seg.start >= target && depth == 0 {
            starts.push(seg.start);
            while targets.next_if(|&&t| t <= seg.start).is_some() {}
        }
        let s = text[seg.start..seg.end].trim();
        if s == "}" {
            depth = depth.saturating_sub(1);
        } else if s.ends_with('{') {
            depth += 1;
        }
    }
    starts
}

/// One thread's lowering of the blocks it takes: its ids stay chunk-local across them,
/// so a name met in an earlier block of the same thread is not handed over again.
pub(super) struct Chunk<'a> {
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
}

impl<'a> Chunk<'a> {
    /// A chunk that hands over pieces of `piece_len` statements ([`PIECE`] but in tests).
    pub(super) fn new(piece_len: usize) -> Chunk<'a> {
        Chunk {
            names: Interner::default(),
            confidences: FxHashMap::default(),
            confidence_values: Vec::new(),
            verbs: Vec::new(),
            sent: (0, 0),
            piece: Piece::new(piece_len, 0),
            piece_len,
        }
    }

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
    /// The block's last piece, which says where its plain lines stopped, is handed over
    /// even when empty.
    fn deliver(&mut self, until: usize, stopped: Option<usize>, out: &mut impl FnMut(Piece<'a>)) {
        if self.piece.statements.is_empty() && stopped.is_none() {
            return;
        }
        let block = self.piece.block;
        let mut piece = std::mem::replace(&mut self.piece, Piece::new(self.piece_len, block));
        piece.verbs = self.verbs[self.sent.0..].to_vec();
        piece.confidences = self.confidence_values[self.sent.1..].to_vec();
        piece.until = until;
        piece.stopped = stopped;
        self.sent = (self.verbs.len(), self.confidence_values.len());
        out(piece);
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

impl<'a> Chunk<'a> {
    /// Lower the plain statements of block `block`, `text[start..end]`, stopping at the
    /// first other line, and hand them to `out` in pieces; the last one says where it
    /// stopped (the end of the range when every line was taken), as the result does.
    pub(super) fn lower(
        &mut self,
        file: FileId,
        text: &'a str,
        block: usize,
        (start, end): (usize, usize),
        out: &mut impl FnMut(Piece<'a>),
    ) -> usize {
        self.piece.block = block;
        // Blank as the grammar's whitespace is blank: a line of any other space is an
        // error the full lowering reports.
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
                    self.names.prefetch(name);
                }
            }
            let (mut names, mut states) = (0, 0);
            for &(at, line) in &now.lines {
                let taken = line.is_some_and(|line| {
                    if self.piece.statements.len() + line.objects > self.piece_len {
                        self.deliver(at, None, out);
                    }
                    let (n, c) = (1 + line.objects + line.conditions, line.conditions);
                    let taken = self.line(
                        &line,
                        &now.found.names[names..names + n],
                        &now.found.states[states..states + c],
                    );
                    (names, states) = (names + n, states + c);
                    taken
                });
                if !taken {
                    self.deliver(at, Some(at), out);
                    return at;
                }
            }
        }
        self.deliver(end, Some(end), out);
        end
    }
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
        /// The block starts the vector scans find agree with those of the walk, on texts
        /// of the bytes that decide either (backslashes often before a line break, where
        /// a string runs on).
        #[test]
        fn quick_starts_agree_with_the_walk(
            text in proptest::string::string_regex("(\u{FEFF})?([a {}#\n]|\"|\\\\\n?){0,40}").unwrap(),
            blocks in 1usize..8,
        ) {
            let step = text.len().div_ceil(blocks).max(1);
            let targets: Vec<usize> =
                (1..blocks).map(|k| k * step).take_while(|&at| at < text.len()).collect();
            prop_assert_eq!(
                super::block_starts(&text, blocks),
                super::starts_by_segments(&text, 0, &targets)
            );
        }
    }

    /// On a file of plain lines the scans find every start: line starts, past each step.
    #[test]
    fn plain_lines_start_blocks_quickly() {
        let text = "a activates b\n".repeat(100);
        let step = text.len().div_ceil(8);
        let targets: Vec<usize> = (1..8).map(|k| k * step).collect();
        let quick = super::quick_starts(&text, &targets);
        assert_eq!(quick, super::starts_by_segments(&text, 0, &targets));
        assert_eq!(quick.len(), 7);
        for (at, target) in quick.iter().zip(&targets) {
            assert!(at >= target && text.as_bytes()[at - 1] == b'\n');
        }
    }

    #[test]
    fn local_statements_stay_small() {
        assert_eq!(size_of::<super::LocalStatement>(), 32);
    }
}
