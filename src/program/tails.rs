//! The rare lists of a statement: its `when` conditions, citation blocks and contexts.
//!
//! A literature-scale network holds millions of statements and most have none of the
//! three, so they share one thin allocation: a statement pays one pointer for all of
//! them, and nothing more until it has one.

use thin_vec::ThinVec;

use super::model::{CitationBlock, Condition, ContextId};

/// Conditions, then citation blocks, then contexts, each in its own order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tails(ThinVec<Tail>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    Condition(Condition),
    Citation(CitationBlock),
    Context(ContextId),
}

impl Tails {
    /// The three lists, kept in the order given.
    pub fn new(
        conditions: impl IntoIterator<Item = Condition>,
        citation_blocks: impl IntoIterator<Item = CitationBlock>,
        contexts: impl IntoIterator<Item = ContextId>,
    ) -> Tails {
        let all: ThinVec<Tail> = conditions
            .into_iter()
            .map(Tail::Condition)
            .chain(citation_blocks.into_iter().map(Tail::Citation))
            .chain(contexts.into_iter().map(Tail::Context))
            .collect();
        Tails(all)
    }

    /// Whether all three lists are empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `when` conditions, in the order written.
    pub fn conditions(&self) -> impl Iterator<Item = Condition> + Clone + '_ {
        self.0.iter().filter_map(|t| match t {
            Tail::Condition(c) => Some(*c),
            _ => None,
        })
    }

    /// The conditions, to rewrite their entities in place.
    pub fn conditions_mut(&mut self) -> impl Iterator<Item = &mut Condition> {
        self.0.iter_mut().filter_map(|t| match t {
            Tail::Condition(c) => Some(c),
            _ => None,
        })
    }

    /// Whether there is any condition.
    pub fn has_conditions(&self) -> bool {
        matches!(self.0.first(), Some(Tail::Condition(_)))
    }

    /// The citation blocks, in the order added.
    pub fn citation_blocks(&self) -> impl Iterator<Item = CitationBlock> + Clone + '_ {
        self.0.iter().filter_map(|t| match t {
            Tail::Citation(b) => Some(*b),
            _ => None,
        })
    }

    /// The contexts, in the order given (sorted, where a program makes them).
    pub fn contexts(&self) -> impl Iterator<Item = ContextId> + Clone + '_ {
        self.0.iter().filter_map(|t| match t {
            Tail::Context(c) => Some(*c),
            _ => None,
        })
    }

    /// Whether there is any context.
    pub fn has_contexts(&self) -> bool {
        matches!(self.0.last(), Some(Tail::Context(_)))
    }

    /// Add a citation block after the others, unless it is already there.
    pub fn add_citation_block(&mut self, block: CitationBlock) {
        if self.0.contains(&Tail::Citation(block)) {
            return;
        }
        let at = self
            .0
            .iter()
            .position(|t| matches!(t, Tail::Context(_)))
            .unwrap_or(self.0.len());
        self.0.insert(at, Tail::Citation(block));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{EntityId, State};
    use crate::source::{FileId, Span};

    #[test]
    fn each_list_reads_back_in_order() {
        let c = |e| Condition {
            entity: EntityId(e),
            state: State::Up,
        };
        let b = |s| CitationBlock::Source(Span::new(FileId(0), s, s + 1));
        let mut t = Tails::new([c(2), c(1)], [b(5)], [ContextId(3), ContextId(0)]);
        t.add_citation_block(b(9));
        t.add_citation_block(b(5));
        assert_eq!(t.conditions().collect::<Vec<_>>(), [c(2), c(1)]);
        assert_eq!(t.citation_blocks().collect::<Vec<_>>(), [b(5), b(9)]);
        assert_eq!(
            t.contexts().collect::<Vec<_>>(),
            [ContextId(3), ContextId(0)]
        );
        assert!(t.has_conditions() && t.has_contexts());
        for k in t.conditions_mut() {
            k.entity.0 += 10;
        }
        assert_eq!(t.conditions().collect::<Vec<_>>(), [c(12), c(11)]);

        let mut only = Tails::default();
        assert!(!only.has_conditions() && !only.has_contexts());
        only.add_citation_block(b(1));
        assert_eq!(only.citation_blocks().count(), 1);
        assert!(!only.has_conditions() && !only.has_contexts());
    }
}
