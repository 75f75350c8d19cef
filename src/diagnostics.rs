//! Diagnostics for rule files and the command line.
//!
//! Problems are collected as plain [`Diag`] values (cheap, sortable, file-independent) and
//! turned into miette reports only when printed, so a file with many problems reports all
//! of them and the order is deterministic.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};

use crate::source::{Sources, Span};

/// How bad a problem is. Warnings never block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
}

/// One problem found in the input.
#[derive(Debug, Clone)]
pub struct Diag {
    /// Stable code, e.g. `marrow::parse::syntax`.
    pub code: &'static str,
    pub level: Level,
    pub message: String,
    /// The primary location and its label.
    pub primary: Option<(Span, String)>,
    /// Further locations (other statements involved), each with a label.
    pub secondary: Vec<(Span, String)>,
    pub help: Option<String>,
}

impl Diag {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diag {
            code,
            level: Level::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diag {
            level: Level::Warning,
            ..Diag::error(code, message)
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some((span, label.into()));
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    /// Position for sorting: file, offset.
    pub fn sort_key(&self) -> (u32, u32) {
        self.primary
            .as_ref()
            .map(|(s, _)| (s.file.0, s.start))
            .unwrap_or((u32::MAX, 0))
    }

    /// Render with miette: no colour and a fixed width when `colour` is false, for tests
    /// and pipes.
    pub fn render(&self, sources: &Sources, colour: bool) -> String {
        let report = self.to_miette(sources);
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false);
        let mut out = String::new();
        if handler.render_report(&mut out, &report).is_err() {
            out = format!("{}: {}\n", self.code, self.message);
        }
        out
    }

    fn to_miette(&self, sources: &Sources) -> MietteDiag {
        let severity = match self.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        };
        let file = self.primary.as_ref().map(|(s, _)| s.file);
        let mut labels = Vec::new();
        let mut related = Vec::new();
        if let Some((span, label)) = &self.primary {
            labels.push(labeled(*span, label, true));
        }
        for (span, label) in &self.secondary {
            if Some(span.file) == file {
                labels.push(labeled(*span, label, false));
            } else {
                related.push(MietteDiag {
                    code: None,
                    severity: Severity::Advice,
                    message: label.clone(),
                    src: Some(named(sources, span.file)),
                    labels: vec![labeled(*span, label, true)],
                    help: None,
                    related: Vec::new(),
                });
            }
        }
        MietteDiag {
            code: Some(self.code),
            severity,
            message: self.message.clone(),
            src: file.map(|f| named(sources, f)),
            labels,
            help: self.help.clone(),
            related,
        }
    }
}

fn labeled(span: Span, label: &str, primary: bool) -> LabeledSpan {
    let len = (span.end - span.start) as usize;
    let label = (!label.is_empty()).then(|| label.to_string());
    if primary {
        LabeledSpan::new_primary_with_span(label, (span.start as usize, len))
    } else {
        LabeledSpan::new_with_span(label, (span.start as usize, len))
    }
}

fn named(sources: &Sources, file: crate::source::FileId) -> NamedSource<Arc<str>> {
    let f = sources.get(file);
    NamedSource::new(f.name.clone(), f.text.clone()).with_language("marrow")
}

/// A miette view of a [`Diag`] with its source attached.
#[derive(Debug)]
struct MietteDiag {
    code: Option<&'static str>,
    severity: Severity,
    message: String,
    src: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<MietteDiag>,
}

impl fmt::Display for MietteDiag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteDiag {}

impl Diagnostic for MietteDiag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display + 'a>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|d| d as &dyn Diagnostic)))
        }
    }
}
