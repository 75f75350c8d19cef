//! Whole-document formatting through `marrow fmt`'s printer.

use lsp_types::{Position, Range, TextEdit};

use super::convert;
use crate::syntax::fmt::format_source;

/// The edit that formats `text`: none when it is already formatted or does not parse
/// (a file is never rewritten from a partial understanding of it).
pub fn format(text: &str) -> Vec<TextEdit> {
    match format_source(text) {
        Ok(formatted) if formatted != text => vec![TextEdit::new(
            Range::new(Position::new(0, 0), convert::end_of(text)),
            formatted,
        )],
        _ => Vec::new(),
    }
}
