//! [`Diag`] as a plain error value: `std::error::Error` and `miette::Diagnostic` without
//! the loaded sources, so a library user can `?` it, box it or wrap it in a
//! `miette::Report` ([`Diag::report`] attaches the file so the report shows the source).
//!
//! The CLI's own rendering ([`Diag::render`]) does not go through here: it shows labels in
//! other files as related reports and excerpts very long lines.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, Severity};

use super::{Diag, Level};
use crate::source::Sources;

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diag {}

impl Diagnostic for Diag {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code.as_str()))
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    /// The primary label and the secondary labels in the same file (byte offsets into it).
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (primary, label) = self.primary.as_ref()?;
        let text = |l: &str| (!l.is_empty()).then(|| l.to_string());
        let first = LabeledSpan::new_primary_with_span(
            text(label),
            (primary.start as usize, primary.range().len()),
        );
        let rest = self
            .secondary
            .iter()
            .filter(|(s, _)| s.file == primary.file)
            .map(move |(s, l)| {
                LabeledSpan::new_with_span(text(l), (s.start as usize, s.range().len()))
            });
        Some(Box::new(std::iter::once(first).chain(rest)))
    }
}

impl Diag {
    /// A `miette::Report` of this diagnostic with its file attached, for programs that
    /// print errors with miette's own handlers.
    pub fn report(self, sources: &Sources) -> miette::Report {
        let file = self
            .primary
            .as_ref()
            .filter(|(s, _)| (s.file.0 as usize) < sources.len())
            .map(|(s, _)| sources.get(s.file));
        match file {
            Some(f) => {
                let src: NamedSource<Arc<String>> =
                    NamedSource::new(f.name.clone(), f.text.clone());
                miette::Report::new(self).with_source_code(src)
            }
            None => miette::Report::new(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::{Code, Diag};
    use crate::source::{SourceFile, Sources, Span};

    #[test]
    fn a_diag_is_a_miette_report_with_its_source() {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new("a.rules", "x activates y\nx frobs y\n"));
        let d = Diag::error(Code::LowerUnknownVerb, "unknown verb `frobs`")
            .at(Span::new(id, 16, 21), "not a verb marrow knows")
            .help("did you mean `blocks`?");
        let err: Box<dyn std::error::Error> = Box::new(d.clone());
        assert_eq!(err.to_string(), "unknown verb `frobs`");
        let report = d.report(&sources);
        assert_eq!(
            report.code().map(|c| c.to_string()).as_deref(),
            Some("marrow::lower::unknown-verb")
        );
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, report.as_ref())
            .unwrap();
        assert!(out.contains("a.rules:2:3"), "{out}");
        assert!(out.contains("not a verb marrow knows"), "{out}");
        assert!(out.contains("did you mean `blocks`?"), "{out}");
    }

    #[test]
    fn internal_errors_have_their_own_code() {
        let d = Diag::internal("lost a name");
        assert_eq!(d.code.as_str(), "marrow::internal");
        assert!(d.is_error());
        assert_eq!(d.to_string(), "internal error: lost a name");
    }
}
