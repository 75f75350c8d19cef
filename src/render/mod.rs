//! The only place that makes words (and, later, pictures): text and JSON renderings of
//! effects, derivations and why-not findings.

pub mod disputed;
pub mod evidence;
pub mod expect;
pub mod json;
pub mod name;
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
    pub program: &'a Program,
    pub colour: bool,
    /// A prefix (ending in `/`) removed from file names that start with it.
    pub relative_to: Option<&'a str>,
}

impl<'a> View<'a> {
    /// Plain text, paths as loaded.
    pub fn new(program: &'a Program) -> Self {
        View {
            program,
            colour: false,
            relative_to: None,
        }
    }

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

    /// `file:line` of a span.
    pub fn file_line(&self, span: Span) -> String {
        let (file, line, _) = self.program.sources.location(span);
        format!("{}:{line}", self.file_name(file))
    }

    /// `(file, line, column)` of a span.
    pub fn location(&self, span: Span) -> (&'a str, usize, usize) {
        let (file, line, column) = self.program.sources.location(span);
        (self.file_name(file), line, column)
    }
}
