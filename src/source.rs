//! Loaded source text and byte spans into it.
//!
//! Every AST node and every program item points back into a [`SourceFile`] so that
//! diagnostics and explanations can always say `file:line:col`.

use std::sync::{Arc, OnceLock};

mod lines;

use lines::LineIndex;

/// The longest text a file may have: spans are 32-bit byte offsets (4 GiB). Loading
/// refuses longer files with a diagnostic, so every offset into a loaded file fits.
pub const MAX_FILE_LEN: usize = u32::MAX as usize;

/// A byte offset as a span stores it; `None` past [`MAX_FILE_LEN`].
pub fn checked_offset(offset: usize) -> Option<u32> {
    u32::try_from(offset).ok()
}

/// A byte offset into a loaded file (which is at most [`MAX_FILE_LEN`] long). Past that
/// it is a bug: asserted in debug builds, saturated (never wrapped round) in release.
pub fn offset(offset: usize) -> u32 {
    let checked = checked_offset(offset);
    debug_assert!(
        checked.is_some(),
        "offset {offset} past a file's 4 GiB limit"
    );
    checked.unwrap_or(u32::MAX)
}

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset just past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `usize` byte offsets (each at most [`MAX_FILE_LEN`]).
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: offset(start),
            end: offset(end),
        }
    }

    /// The byte range, for slicing the file's text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (same file assumed).
    pub fn to(&self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One loaded file: its display path, its text, and where its lines start.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as the user should see it (relative when the user gave a relative path).
    pub name: String,
    /// Shared so diagnostics can own a copy cheaply; an `Arc<String>` rather than an
    /// `Arc<str>` because making the latter from the text read copies it (25 MB for a
    /// million statements).
    pub text: Arc<String>,
    /// Built on first use: a clean run of a million-line file never asks for a line
    /// number.
    lines: OnceLock<LineIndex>,
    /// Only line breaks, standing in for text a built program never had.
    placeholder: bool,
}

impl SourceFile {
    /// A file named `name` (its display path) holding `text`; its line starts are
    /// indexed when first asked for.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: Arc::new(text.into()),
            lines: OnceLock::new(),
            placeholder: false,
        }
    }

    fn lines(&self) -> &LineIndex {
        self.lines
            .get_or_init(|| LineIndex::of(self.text.as_bytes()))
    }

    /// `lines` empty lines named `name`: where items of a program built without source
    /// text point, so `file:line` still reads right.
    pub fn placeholder(name: impl Into<String>, lines: usize) -> Self {
        SourceFile {
            placeholder: true,
            ..SourceFile::new(name, "\n".repeat(lines))
        }
    }

    /// True for a [`SourceFile::placeholder`].
    pub fn is_placeholder(&self) -> bool {
        self.placeholder
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        match self.lines.get() {
            Some(lines) => lines.lines(),
            None => memchr::memchr_iter(b'\n', self.text.as_bytes()).count() + 1,
        }
    }

    /// 0-based index of the line holding a byte offset (the last line past the end).
    pub fn line_index(&self, offset: usize) -> usize {
        self.lines().line_of(self.text.as_bytes(), offset)
    }

    /// Byte offset where a 0-based line starts (the text length past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.lines().start_of(self.text.as_bytes(), line)
    }

    /// 1-based line and column (column counted in characters) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let (line, start) = self
            .lines()
            .line_and_start(self.text.as_bytes(), offset as usize);
        let end = (offset as usize).min(self.text.len());
        let col = self
            .text
            .get(start..end)
            .map(|s| s.chars().count())
            .unwrap_or(end - start);
        (line + 1, col + 1)
    }
}

/// All files of one load, indexed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Add a file; its id is its position, in load order.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// Replace the file at `id` (a program builder growing its line-only placeholder).
    pub(crate) fn set(&mut self, id: FileId, file: SourceFile) {
        self.files[id.0 as usize] = file;
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every file with its id, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file is loaded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// `file:line` of a span, as explanations print it.
    pub fn file_line(&self, span: Span) -> String {
        let f = self.get(span.file);
        let (line, _) = f.line_col(span.start);
        format!("{}:{}", f.name, line)
    }

    /// `(file, line, column)` of a span.
    pub fn location(&self, span: Span) -> (&str, usize, usize) {
        let f = self.get(span.file);
        let (line, col) = f.line_col(span.start);
        (&f.name, line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_past_four_gib_are_caught_not_wrapped() {
        assert_eq!(checked_offset(0), Some(0));
        assert_eq!(checked_offset(MAX_FILE_LEN), Some(u32::MAX));
        #[cfg(target_pointer_width = "64")]
        {
            assert_eq!(checked_offset(MAX_FILE_LEN + 1), None);
            assert_eq!(checked_offset(1 << 33), None);
        }
    }
}
