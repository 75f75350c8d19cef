//! A suggested edit carried by a diagnostic, so an editor can apply it.

use crate::source::Span;

/// Replace the text at `span` with `replacement` (an empty span inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The text replaced; an empty span inserts at its start.
    pub span: Span,
    /// The new text, written as the grammar needs it.
    pub replacement: String,
    /// What the edit does, for a code-action menu: "replace with `osteogenesis`".
    pub title: String,
}
