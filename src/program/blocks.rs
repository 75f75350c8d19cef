//! A big file's blocks into the program, lowered on two cores.
//!
//! Both threads take the next block not yet taken whenever they are free
//! ([`parallel::BLOCKS`]). The main thread also takes every block into the program, in
//! file order: a block of its own as it lowers it when its turn has come, ahead of its
//! turn into pieces it holds, and the worker's as they arrive. Each thread's ids stay
//! local across its blocks and are mapped to the program's as its blocks are taken, so
//! the program is exactly what lowering the file in one pass gives, whoever lowered
//! which block.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::lower::Lowerer;
use super::model::*;
use super::parallel::{self, Chunk, Piece};
use crate::diagnostics::Diag;
use crate::source::FileId;
use crate::syntax::parse_range;

/// How many of a piece's new names ahead [`Lowerer::absorb`] hints the slot of a name,
/// and twice as many its bytes.
const NAMES_AHEAD: usize = 8;

/// What a chunk's local ids stand for in the program, as its pieces so far told.
#[derive(Default)]
struct ChunkIds {
    names: Vec<EntityId>,
    verbs: Vec<VerbId>,
    confidences: Vec<f64>,
}

/// The blocks on their way into the program.
struct Taking<'t, 'b> {
    /// Each block's range of the file.
    blocks: &'b [(usize, usize)],
    /// Pieces lowered before their block's turn, by block.
    held: Vec<Vec<Piece<'t>>>,
    /// The blocks the main thread lowered; the others are the worker's.
    mine: Vec<bool>,
    own: ChunkIds,
    theirs: ChunkIds,
    /// The block whose turn it is, and how far into it the pieces taken so far reach.
    next: usize,
    at: usize,
}

impl<'t, 'b> Taking<'t, 'b> {
    fn new(blocks: &'b [(usize, usize)]) -> Taking<'t, 'b> {
        Taking {
            held: blocks.iter().map(|_| Vec::new()).collect(),
            mine: vec![false; blocks.len()],
            own: ChunkIds::default(),
            theirs: ChunkIds::default(),
            next: 0,
            at: 0,
            blocks,
        }
    }

    fn done(&self) -> bool {
        self.next == self.blocks.len()
    }

    fn hold(&mut self, piece: Piece<'t>) {
        self.held[piece.block].push(piece);
    }

    /// The block whose turn it is has been taken: the next one's turn.
    fn advance(&mut self) {
        self.next += 1;
        self.at = self.blocks.get(self.next).map_or(0, |b| b.0);
    }
}

impl<'p> Lowerer<'p> {
    /// Lower `text` (file `file`) in blocks starting at 0 and at each of `starts`, on two
    /// cores; the lines the short path leaves go to the full lowering (for a file in
    /// `dir`, the prelude or not), with their diagnostics in `diags`.
    pub(super) fn lower_in_blocks(
        &mut self,
        file: FileId,
        text: &str,
        starts: &[usize],
        diags: &mut Vec<Diag>,
        (dir, prelude): (Option<&Path>, bool),
    ) {
        let ends = starts.iter().copied().chain([text.len()]);
        let blocks: Vec<(usize, usize)> = [0]
            .into_iter()
            .chain(starts.iter().copied())
            .zip(ends)
            .collect();
        let next = AtomicUsize::new(0);
        let claim = || next.fetch_add(1, Ordering::Relaxed);
        let piece_len = self.piece_statements;
        let mut taking = Taking::new(&blocks);
        std::thread::scope(|scope| {
            let (pieces, received) = std::sync::mpsc::channel();
            let blocks = &blocks;
            let worker = scope.spawn(move || {
                let mut chunk = Chunk::new(piece_len);
                // Nobody listens only when the main thread has stopped on a panic.
                let mut send = |piece| drop(pieces.send(piece));
                loop {
                    let b = claim();
                    let Some(&range) = blocks.get(b) else { break };
                    chunk.lower(file, text, b, range, &mut send);
                }
            });
            let mut own = Chunk::new(piece_len);
            loop {
                while let Ok(piece) = received.try_recv() {
                    taking.hold(piece);
                }
                self.take_held(file, text, &mut taking, diags, (dir, prelude));
                if taking.done() {
                    break;
                }
                let b = claim();
                if let Some(&range) = blocks.get(b) {
                    taking.mine[b] = true;
                    if b == taking.next {
                        // Its turn has come: into the program as it is lowered.
                        let ids = &mut taking.own;
                        let stopped = own.lower(file, text, b, range, &mut |piece| {
                            self.absorb(file, piece, ids)
                        });
                        self.finish_block(file, text, (stopped, range.1), diags, (dir, prelude));
                        taking.advance();
                    } else {
                        own.lower(file, text, b, range, &mut |piece| taking.hold(piece));
                    }
                    continue;
                }
                match received.recv() {
                    Ok(piece) => taking.hold(piece),
                    // The worker never panics on any input; if it did, the rest of the
                    // block it was lowering is lowered here, from where its pieces stopped.
                    Err(_) => {
                        let end = blocks[taking.next].1;
                        self.finish_block(file, text, (taking.at, end), diags, (dir, prelude));
                        taking.advance();
                    }
                }
            }
            let _ = worker.join();
        });
    }

    /// Take the pieces held for the blocks whose turn it is, as far as they reach.
    fn take_held(
        &mut self,
        file: FileId,
        text: &str,
        taking: &mut Taking<'_, '_>,
        diags: &mut Vec<Diag>,
        (dir, prelude): (Option<&Path>, bool),
    ) {
        while !taking.done() {
            let b = taking.next;
            let pieces = std::mem::take(&mut taking.held[b]);
            if pieces.is_empty() {
                return;
            }
            let mut stopped = None;
            for piece in pieces {
                (taking.at, stopped) = (piece.until, piece.stopped);
                let ids = if taking.mine[b] {
                    &mut taking.own
                } else {
                    &mut taking.theirs
                };
                self.absorb(file, piece, ids);
            }
            let Some(stopped) = stopped else {
                return;
            };
            self.finish_block(
                file,
                text,
                (stopped, taking.blocks[b].1),
                diags,
                (dir, prelude),
            );
            taking.advance();
        }
    }

    /// The lines of a block from where its plain lines stopped, by the full lowering.
    fn finish_block(
        &mut self,
        file: FileId,
        text: &str,
        (from, to): (usize, usize),
        diags: &mut Vec<Diag>,
        (dir, prelude): (Option<&Path>, bool),
    ) {
        if from < to {
            parse_range(file, text, from, to, diags, self.sink(dir, prelude));
        }
    }

    /// Add a piece of a chunk's statements as if they had been lowered here, in order.
    fn absorb(&mut self, file: FileId, piece: parallel::Piece<'_>, ids: &mut ChunkIds) {
        // A piece's new names were first met all over the file, and the table holding
        // them outgrows the caches: load a name's bytes, then its slot, a little ahead.
        for (k, &(name, span)) in piece.names.iter().enumerate() {
            if let Some(&(far, _)) = piece.names.get(k + 2 * NAMES_AHEAD)
                && let Some(first) = far.as_bytes().first()
            {
                crate::prefetch::prefetch(first);
            }
            if let Some(&(near, _)) = piece.names.get(k + NAMES_AHEAD) {
                self.names.prefetch(near);
            }
            let id = self.entity_named(name, span);
            ids.names.push(id);
        }
        for word in &piece.verbs {
            let id = self.verb_named(word);
            ids.verbs.push(id);
        }
        ids.confidences.extend_from_slice(&piece.confidences);
        // The names and verbs are mapped; the statements follow, and the piece is freed.
        let ChunkIds {
            names,
            verbs,
            confidences,
        } = ids;
        piece.drain(file, confidences, |st, taken| {
            let conditions = taken.conditions.iter().map(|&(e, state)| Condition {
                entity: names[e as usize],
                state,
            });
            let provenance = self.program.provenances.of_line(
                taken.line,
                conditions,
                taken.citations,
                [],
                taken.confidence,
                false,
            );
            self.push_statement(
                names[st.subject as usize],
                (verbs[usize::from(st.verb)], taken.verb_at),
                names[st.object as usize],
                provenance,
            );
        })
    }
}
