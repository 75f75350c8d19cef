//! Byte offsets ↔ LSP positions (lines and UTF-16 code units, as the protocol counts).

use lsp_types::{Position, Range};

use crate::source::{SourceFile, Span};

/// The position of a byte offset in a loaded file.
pub fn position(file: &SourceFile, offset: u32) -> Position {
    let text: &str = &file.text;
    let mut off = (offset as usize).min(text.len());
    while !text.is_char_boundary(off) {
        off -= 1;
    }
    let line = file.line_index(off);
    let start = file.line_start(line).min(off);
    let character = text[start..off].encode_utf16().count();
    Position::new(line as u32, character as u32)
}

/// The range of a span in a loaded file.
pub fn range(file: &SourceFile, span: Span) -> Range {
    Range::new(position(file, span.start), position(file, span.end))
}

/// The byte offset of a position in a loaded file (clamped to its line and the text).
pub fn offset(file: &SourceFile, pos: Position) -> u32 {
    let line = pos.line as usize;
    if line >= file.line_count() {
        return crate::source::offset(file.text.len());
    }
    let start = file.line_start(line);
    let end = file.line_start(line + 1);
    crate::source::offset(start + column(&file.text[start..end], pos.character))
}

/// The byte offset of a position in plain text (for applying an editor's changes).
pub fn offset_in(text: &str, pos: Position) -> usize {
    let mut start = 0;
    for _ in 0..pos.line {
        match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end =
        memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
    start + column(&text[start..end], pos.character)
}

/// Bytes into `line` of the first `units` UTF-16 code units, stopping at its line break.
fn column(line: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, c) in line.char_indices() {
        if seen >= units || c == '\n' || (c == '\r' && line[i..].starts_with("\r\n")) {
            return i;
        }
        seen += c.len_utf16() as u32;
    }
    line.len()
}

/// The position just past `text` (for a whole-document edit).
pub fn end_of(text: &str) -> Position {
    let line = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    let last = text.rfind('\n').map_or(0, |i| i + 1);
    Position::new(line as u32, text[last..].encode_utf16().count() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_round_trip() {
        let text = "IL-1β activates NF-κB  # 🦴 bone\nx";
        let f = SourceFile::new("t", text);
        let nf = text.find("NF-κB").unwrap();
        let p = position(&f, nf as u32);
        assert_eq!(p, Position::new(0, 16));
        assert_eq!(offset(&f, p) as usize, nf);
        let bone = text.find("bone").unwrap();
        let p = position(&f, bone as u32);
        // 🦴 is two UTF-16 units.
        assert_eq!(p, Position::new(0, 28));
        assert_eq!(offset(&f, p) as usize, bone);
        assert_eq!(offset_in(text, p), bone);
        assert_eq!(
            offset(&f, Position::new(0, 999)) as usize,
            text.find('\n').unwrap()
        );
        assert_eq!(offset(&f, Position::new(9, 0)) as usize, text.len());
        assert_eq!(end_of(text), Position::new(1, 1));
    }
}
