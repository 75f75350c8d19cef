//! The only place that makes words and pictures: text, JSON, SVG, DOT and HTML renderings
//! of effects, derivations and why-not findings.

pub mod diagram;
pub mod disputed;
pub mod evidence;
pub mod expect;
pub mod json;
mod json_effect;
pub mod list;
pub mod margin;
pub mod name;
pub mod path;
pub mod picture;
pub mod pretty;
pub mod report;
pub mod snapshot;
pub mod text;
mod why_not;
pub mod words;

use crate::program::Program;
use crate::source::Span;

/// What every rendering reads: the program, whether to colour, and the folder file paths
/// are shown relative to (snapshots must not depend on where marrow was run from).
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The program whose ids are turned into words.
    pub program: &'a Program,
    /// Whether to colour text with ANSI escapes.
    pub colour: bool,
    /// A prefix (ending in `/`) removed from file names that start with it.
    pub relative_to: Option<&'a str>,
    /// Whether locations name the line (snapshots name only the file, so adding a
    /// comment line does not change every snapshot).
    pub lines: bool,
    /// Fit text to this many columns where a rendering can (trees move citations below
    /// long lines); `None`: never wrap, so pipes and snapshots do not depend on a width.
    pub width: Option<usize>,
}

impl<'a> View<'a> {
    /// Plain text, paths as loaded.
    pub fn new(program: &'a Program) -> Self {
        View {
            program,
            colour: false,
            relative_to: None,
            lines: true,
            width: None,
        }
    }

    /// With colour (ANSI escapes) or without.
    pub fn colour(self, colour: bool) -> Self {
        View { colour, ..self }
    }

    /// Show paths below `dir` (a folder name ending in `/`, or empty) relative to it.
    pub fn relative_to(self, dir: &'a str) -> Self {
        View {
            relative_to: (!dir.is_empty()).then_some(dir),
            ..self
        }
    }

    /// Whether a span points into a loaded file (spans of built programs may not).
    pub fn has_source(&self, span: Span) -> bool {
        (span.file.0 as usize) < self.program.sources.len()
    }

    /// A file name as shown.
    pub fn file_name<'n>(&self, name: &'n str) -> &'n str {
        match self.relative_to {
            Some(dir) => name.strip_prefix(dir).unwrap_or(name),
            None => name,
        }
    }

    /// Fit to `width` columns.
    pub fn width(self, width: Option<usize>) -> Self {
        View { width, ..self }
    }

    /// Locations without line numbers.
    pub fn without_lines(self) -> Self {
        View {
            lines: false,
            ..self
        }
    }

    /// `file:line` of a span (`file` without lines).
    pub fn file_line(&self, span: Span) -> String {
        let (file, line, _) = self.program.sources.location(span);
        if self.lines {
            format!("{}:{line}", self.file_name(file))
        } else {
            self.file_name(file).to_string()
        }
    }

    /// `(file, line, column)` of a span.
    pub fn location(&self, span: Span) -> (&'a str, usize, usize) {
        let (file, line, column) = self.program.sources.location(span);
        (self.file_name(file), line, column)
    }
}
