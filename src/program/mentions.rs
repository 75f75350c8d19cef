//! Where each entity is mentioned: every name in a statement, condition, rule, scenario,
//! outcome or declaration, with its span and whether it declares the entity or an alias.
//! For a language server's go-to-definition, find-references and rename.
//!
//! Recorded only when a load asks for it ([`super::LoadOptions::mentions`]): a
//! literature-scale network mentions names millions of times, and the command line
//! never needs them.

use super::model::EntityId;
use crate::source::{FileId, Span};

/// What a mention does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// The name in an `entity NAME …` declaration.
    Declaration,
    /// A name after `aka` in a declaration.
    Alias,
    /// Any other use: statements, conditions, rules, outcomes, scenarios.
    Use,
}

/// One mention of an entity. Its spelling as written (an alias, or quoted) is the source
/// text at `span`: [`super::Program::mention_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mention {
    /// The name as written, quotes included.
    pub span: Span,
    /// Whether it declares the entity, declares an alias, or uses the name.
    pub kind: MentionKind,
}

/// Mentions grouped by entity (compressed rows: one offset per entity, one flat list),
/// each entity's in source order.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    recording: bool,
    /// While lowering: every mention with the entity it named then (ids change when
    /// aliases merge).
    pending: Vec<(EntityId, Mention)>,
    starts: Vec<u32>,
    items: Vec<Mention>,
}

impl Mentions {
    pub(super) fn recording() -> Self {
        Mentions {
            recording: true,
            ..Mentions::default()
        }
    }

    /// Whether this program recorded mentions at all.
    pub fn is_recorded(&self) -> bool {
        self.recording
    }

    #[inline]
    pub(super) fn record(&mut self, entity: EntityId, span: Span, kind: MentionKind) {
        if self.recording {
            self.pending.push((entity, Mention { span, kind }));
        }
    }

    /// Rewrite entity ids through `map` (old id → new id) when entities merge.
    pub(super) fn remap(&mut self, map: &[u32]) {
        for (e, _) in &mut self.pending {
            e.0 = map[e.0 as usize];
        }
    }

    /// Group the recorded mentions by entity, once every file is lowered.
    pub(super) fn finish(&mut self, entities: usize) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|(e, m)| (*e, m.span));
        pending.dedup();
        let mut starts = Vec::with_capacity(entities + 1);
        let mut i = 0;
        for e in 0..entities as u32 {
            starts.push(i as u32);
            while i < pending.len() && pending[i].0.0 == e {
                i += 1;
            }
        }
        starts.push(i as u32);
        self.items = pending.into_iter().take(i).map(|(_, m)| m).collect();
        self.starts = starts;
    }

    /// Every mention of `entity`, in source order (empty when not recorded).
    pub fn of(&self, entity: EntityId) -> &[Mention] {
        let i = entity.0 as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The entity mentioned at byte `offset` of `file` (a cursor), and that mention.
    pub fn at(&self, file: FileId, offset: u32) -> Option<(EntityId, Mention)> {
        (0..self.starts.len().saturating_sub(1)).find_map(|e| {
            let id = EntityId(e as u32);
            self.of(id)
                .iter()
                .find(|m| m.span.file == file && m.span.start <= offset && offset <= m.span.end)
                .map(|m| (id, *m))
        })
    }

    /// Where `entity` is defined: its declaration, else its first mention.
    pub fn definition(&self, entity: EntityId) -> Option<Mention> {
        let all = self.of(entity);
        all.iter()
            .find(|m| m.kind == MentionKind::Declaration)
            .or_else(|| all.first())
            .copied()
    }
}
