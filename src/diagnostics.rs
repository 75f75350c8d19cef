//! Diagnostics for rule files and the command line.
//!
//! Problems are collected as plain [`Diag`] values (cheap, sortable, file-independent) and
//! turned into miette reports only when printed, so a file with many problems reports all
//! of them and the order is deterministic.

use std::fmt;

mod codes;
mod fix;
mod many;
mod standalone;

pub use codes::Code;
pub use fix::Fix;
pub use many::write_all;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::source::{SourceFile, Sources, Span};

/// How bad a problem is. Warnings never block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Input marrow cannot use as written: nothing is evaluated while one remains.
    Error,
    /// Suspicious but usable input; reported, never blocking.
    Warning,
}

/// One problem found in the input.
#[derive(Debug, Clone)]
pub struct Diag {
    /// Stable code, e.g. `marrow::parse::syntax`.
    pub code: Code,
    /// Error or warning.
    pub level: Level,
    /// One line saying what is wrong, without location.
    pub message: String,
    /// The primary location and its label.
    pub primary: Option<(Span, String)>,
    /// Further locations (other statements involved), each with a label.
    pub secondary: Vec<(Span, String)>,
    /// One line saying how to fix it.
    pub help: Option<String>,
    /// Edits that would fix the problem (a did-you-mean, a declaration), for an editor
    /// to offer; the help text says the same in words.
    pub fixes: Vec<Fix>,
}

impl Diag {
    /// An error with no location yet; add one with [`Diag::at`].
    pub fn error(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Diag {
            code: code.into(),
            level: Level::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            fixes: Vec::new(),
        }
    }

    /// A bug in marrow, reported to the user instead of a panic (asserted in debug builds
    /// by the caller).
    pub fn internal(message: impl Into<String>) -> Self {
        Diag::error(
            Code::Internal,
            format!("internal error: {}", message.into()),
        )
        .help("this is a bug in marrow; please report it with the input that caused it")
    }

    /// A warning with no location yet; add one with [`Diag::at`].
    pub fn warning(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Diag {
            level: Level::Warning,
            ..Diag::error(code, message)
        }
    }

    /// Set the primary location and its label.
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some((span, label.into()));
        self
    }

    /// Add a further location with its label.
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }

    /// Set the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Offer an edit: write `replacement` over `span`.
    pub fn fix(
        mut self,
        span: Span,
        replacement: impl Into<String>,
        title: impl Into<String>,
    ) -> Self {
        self.fixes.push(Fix {
            span,
            replacement: replacement.into(),
            title: title.into(),
        });
        self
    }

    /// Offer each suggested name as a replacement of `span` (written as the grammar
    /// needs it: quoted when it is not a bare name).
    pub fn fix_names<'a>(mut self, span: Span, names: impl IntoIterator<Item = &'a str>) -> Self {
        for name in names {
            let text = crate::program::names::written(name);
            self = self.fix(span, text, format!("replace with `{name}`"));
        }
        self
    }

    /// True for [`Level::Error`].
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

    fn to_miette<'s>(&self, sources: &'s Sources) -> MietteDiag<'s> {
        let severity = match self.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        };
        let file = self.primary.as_ref().map(|(s, _)| s.file);
        let mut labels = Vec::new();
        let mut related = Vec::new();
        if let Some((span, label)) = &self.primary {
            labels.push(labeled(sources, *span, label, true));
        }
        for (span, label) in &self.secondary {
            let long = |sp: Span| {
                let f = sources.get(sp.file);
                let line = f.line_index(sp.start as usize);
                f.line_start(line + 1) - f.line_start(line) > LONG_LINE
            };
            let primary_long = self.primary.as_ref().is_some_and(|(p, _)| long(*p));
            // Labels on very long lines are excerpted, which only works one label at a time.
            if Some(span.file) == file && !primary_long && !long(*span) {
                labels.push(labeled(sources, *span, label, false));
            } else {
                related.push(MietteDiag {
                    code: None,
                    severity: Severity::Advice,
                    message: label.clone(),
                    src: Some(named(sources, span.file)),
                    labels: vec![labeled(sources, *span, label, true)],
                    help: None,
                    related: Vec::new(),
                });
            }
        }
        MietteDiag {
            code: Some(self.code.as_str()),
            severity,
            message: self.message.clone(),
            src: file.map(|f| named(sources, f)),
            labels,
            help: self.help.clone(),
            related,
        }
    }
}

/// A miette label; spans longer than a screen are cut (at a character boundary) so a
/// megabyte-long statement is not underlined a megabyte wide.
fn labeled(sources: &Sources, span: Span, label: &str, primary: bool) -> LabeledSpan {
    let text = &sources.get(span.file).text;
    let mut end = (span.end as usize)
        .min(span.start as usize + LONG_LINE)
        .min(text.len());
    while end > span.start as usize && !text.is_char_boundary(end) {
        end -= 1;
    }
    let len = end.saturating_sub(span.start as usize);
    let label = (!label.is_empty()).then(|| label.to_string());
    if primary {
        LabeledSpan::new_primary_with_span(label, (span.start as usize, len))
    } else {
        LabeledSpan::new_with_span(label, (span.start as usize, len))
    }
}

fn named(sources: &Sources, file: crate::source::FileId) -> Windowed<'_> {
    Windowed(sources.get(file))
}

/// A source file as miette reads it: only the lines around a span are scanned, using
/// our line index, so reporting a problem on line 900,000 of a 25 MB file stays instant
/// (miette's own `str` source scans from the start for every label).
#[derive(Debug)]
struct Windowed<'s>(&'s SourceFile);

impl SourceCode for Windowed<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let f = self.0;
        let text: &'a str = &f.text;
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let line = f.line_index(start);
        let first = line.saturating_sub(before);
        let last = f.line_index(end) + after + 1;
        let (ws, we) = (f.line_start(first), f.line_start(last + 1));
        // Any very long line in view: show an excerpt of the span's line alone.
        if we - ws > LONG_LINE * (last + 1 - first) {
            return Ok(Box::new(self.clipped(start, end, line)));
        }
        let window = &text[ws..we];
        let local = SourceSpan::new((start - ws).into(), end - start);
        let inner = window.read_span(&local, before, after)?;
        let data: &'a [u8] = inner.data();
        let offset = data.as_ptr() as usize - text.as_ptr() as usize;
        Ok(Box::new(MietteSpanContents::new_named(
            f.name.clone(),
            data,
            SourceSpan::new(offset.into(), data.len()),
            inner.line() + first,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// Lines longer than this are shown as an excerpt around the span.
const LONG_LINE: usize = 400;

impl<'s> Windowed<'s> {
    /// An excerpt of a very long line around the span, without context lines: miette
    /// cannot draw labels past column 65,535, and nobody wants a megabyte on screen.
    fn clipped(&self, start: usize, end: usize, line: usize) -> MietteSpanContents<'s> {
        let f = self.0;
        let text: &'s str = &f.text;
        let line_start = f.line_start(line);
        let line_end = f.line_start(line + 1).min(text.len());
        let mut from = start.saturating_sub(80).max(line_start);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (end.max(start + 1) + 80)
            .min(start + LONG_LINE)
            .min(line_end);
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let data = text[from..to].trim_end_matches(['\n', '\r']).as_bytes();
        let (_, column) = f.line_col(crate::source::offset(start));
        MietteSpanContents::new_named(
            f.name.clone(),
            data,
            SourceSpan::new(from.into(), data.len()),
            line,
            column - 1,
            1,
        )
    }
}

/// A miette view of a [`Diag`] with its source attached.
#[derive(Debug)]
struct MietteDiag<'s> {
    code: Option<&'static str>,
    severity: Severity,
    message: String,
    src: Option<Windowed<'s>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<MietteDiag<'s>>,
}

impl fmt::Display for MietteDiag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteDiag<'_> {}

impl Diagnostic for MietteDiag<'_> {
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
