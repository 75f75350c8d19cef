//! Where a claim came from and what backs it, in twenty bytes.
//!
//! A literature-scale network holds millions of statements, so a provenance keeps only
//! its span and two 32-bit handles: the confidence (few distinct values, interned) and
//! the rare lists (conditions, citation blocks, contexts), which most statements lack
//! and which live in one program-wide table. The `disputed` mark rides in the second
//! handle's top bit. Reading either value goes through [`Program`](super::Program),
//! which owns the [`ProvenanceTables`].

use indexmap::IndexSet;
use rustc_hash::FxBuildHasher;

use super::model::{CitationBlock, Condition, ContextId};
use super::tails::Tails;
use crate::source::Span;

/// The `disputed` bit of [`Provenance::rare`]; the other bits index
/// [`ProvenanceTables::tails`] (0: no lists).
const DISPUTED: u32 = 1 << 31;

/// Where a statement, conjunction or null result was stated and what backs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provenance {
    /// The statement's whole line (first occurrence).
    pub span: Span,
    /// Indexes [`ProvenanceTables::confidences`].
    confidence: u32,
    /// The `disputed` mark (top bit) and the index of the rare lists (the rest).
    rare: u32,
}

impl Provenance {
    /// Marked `disputed`: kept, cited and explained, but it fires only when a run asks.
    pub fn disputed(&self) -> bool {
        self.rare & DISPUTED != 0
    }

    /// Whether any of the rare lists (conditions, citation blocks, contexts) is non-empty;
    /// false means all three are empty without a look at the table.
    pub(super) fn has_tails(&self) -> bool {
        self.rare & !DISPUTED != 0
    }

    fn tails_index(&self) -> usize {
        (self.rare & !DISPUTED) as usize
    }

    /// Which of the program's distinct confidences this one is (below
    /// [`ProvenanceTables::distinct_confidences`]): work that depends only on the value is
    /// done once per value, where a network has a million provenances and a few values.
    pub fn confidence_index(&self) -> usize {
        self.confidence as usize
    }
}

/// The program-wide tables a [`Provenance`] indexes.
#[derive(Debug, Clone)]
pub struct ProvenanceTables {
    /// Every confidence used, as `f64` bits, in first-use order.
    confidences: IndexSet<u64, FxBuildHasher>,
    /// The rare lists of every provenance that has any; entry 0 is empty and shared by
    /// all the others.
    tails: Vec<Tails>,
    /// The last confidence interned and its handle: a network's lines mostly repeat the
    /// one before, and a hash per line is measurable on a million of them.
    last: (u64, u32),
    /// How many provenances were made with the `disputed` mark. Every mark is made here,
    /// so with none an answer need not look through a million statements for one.
    disputed: usize,
}

impl Default for ProvenanceTables {
    fn default() -> Self {
        ProvenanceTables {
            confidences: IndexSet::default(),
            tails: vec![Tails::default()],
            last: (f64::NAN.to_bits(), 0),
            disputed: 0,
        }
    }
}

impl ProvenanceTables {
    /// The provenance of a line: its span, a statement's `when` conditions (none for
    /// other lines), its citation block if any, its contexts (sorted), confidence and
    /// `disputed` mark.
    pub fn of_line(
        &mut self,
        span: Span,
        conditions: impl IntoIterator<Item = Condition>,
        citations: Option<Span>,
        contexts: impl IntoIterator<Item = ContextId>,
        confidence: f64,
        disputed: bool,
    ) -> Provenance {
        let mut conditions = conditions.into_iter().peekable();
        let mut contexts = contexts.into_iter().peekable();
        if citations.is_none() && conditions.peek().is_none() && contexts.peek().is_none() {
            // Most lines of a network: nothing to collect, so nothing to build.
            return self.provenance(span, Tails::default(), confidence, disputed);
        }
        let tails = Tails::new(conditions, citations.map(CitationBlock::Source), contexts);
        self.provenance(span, tails, confidence, disputed)
    }

    /// A provenance with the lists given.
    pub fn provenance(
        &mut self,
        span: Span,
        tails: Tails,
        confidence: f64,
        disputed: bool,
    ) -> Provenance {
        let confidence = self.confidence_id(confidence);
        let mut rare = if tails.is_empty() {
            0
        } else {
            self.push_tails(tails)
        };
        if disputed {
            rare |= DISPUTED;
            self.disputed += 1;
        }
        Provenance {
            span,
            confidence,
            rare,
        }
    }

    /// The handle of a confidence, interned by its bits.
    fn confidence_id(&mut self, confidence: f64) -> u32 {
        let bits = confidence.to_bits();
        if bits == self.last.0 && !self.confidences.is_empty() {
            return self.last.1;
        }
        let id = self.confidences.insert_full(bits).0;
        let id = u32::try_from(id).expect("fewer than 2³² distinct confidences: one per line");
        self.last = (bits, id);
        id
    }

    fn push_tails(&mut self, tails: Tails) -> u32 {
        let id = self.tails.len() as u32;
        assert!(
            id & DISPUTED == 0,
            "fewer than 2³¹ provenances with conditions, citations or contexts"
        );
        self.tails.push(tails);
        id
    }

    /// Whether any provenance of this program may carry the `disputed` mark (false means
    /// none does).
    pub fn any_disputed(&self) -> bool {
        self.disputed > 0
    }

    /// The confidence of a provenance of this program: in (0, 1]; high 0.9, medium 0.7
    /// (default), low 0.4, or a number.
    pub fn confidence(&self, p: &Provenance) -> f64 {
        f64::from_bits(self.confidences[p.confidence as usize])
    }

    /// How many distinct confidences the program's provenances have.
    pub fn distinct_confidences(&self) -> usize {
        self.confidences.len()
    }

    /// Give `p` the confidence `confidence`.
    pub fn set_confidence(&mut self, p: &mut Provenance, confidence: f64) {
        p.confidence = self.confidence_id(confidence);
    }

    /// The conditions, citation blocks and contexts of a provenance of this program.
    pub fn tails(&self, p: &Provenance) -> &Tails {
        &self.tails[p.tails_index()]
    }

    /// The lists of `p` to change; `p` gets lists of its own first if it had none.
    pub fn tails_mut(&mut self, p: &mut Provenance) -> &mut Tails {
        if !p.has_tails() {
            p.rare |= self.push_tails(Tails::default());
        }
        &mut self.tails[p.tails_index()]
    }

    /// The lists of `p`, to rewrite condition entities in place; the shared empty lists
    /// when `p` has none, which must then stay empty (so only the program's own walk
    /// over its references may call this).
    pub(super) fn tails_of_mut(&mut self, p: &Provenance) -> &mut Tails {
        &mut self.tails[p.tails_index()]
    }
}
