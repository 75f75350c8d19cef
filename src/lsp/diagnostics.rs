//! `check`'s diagnostics as LSP diagnostics, grouped by file.

use std::collections::BTreeMap;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Url,
};

use super::analysis::Analysis;
use super::convert;
use crate::diagnostics::{Diag, Level};

/// Every diagnostic of the load, by the URI of the file it points into; every loaded
/// file has an entry (empty when clean). Diagnostics without a location are returned
/// apart, as lines for the log.
pub fn by_file(a: &Analysis) -> (BTreeMap<Url, Vec<Diagnostic>>, Vec<String>) {
    let mut out: BTreeMap<Url, Vec<Diagnostic>> =
        a.uris().map(|(_, uri)| (uri, Vec::new())).collect();
    let mut loose = Vec::new();
    for d in &a.loaded.diags {
        match d
            .primary
            .as_ref()
            .and_then(|(s, _)| Some((a.uri(s.file)?, s)))
        {
            Some((uri, _)) => out.entry(uri).or_default().push(to_lsp(a, d)),
            None => loose.push(format!("{}: {}", d.code, d.message)),
        }
    }
    (out, loose)
}

/// One diagnostic: code, range, severity, message with its help, and the other
/// locations involved as related information.
pub fn to_lsp(a: &Analysis, d: &Diag) -> Diagnostic {
    let range = d
        .primary
        .as_ref()
        .map(|(s, _)| convert::range(a.file(s.file), *s))
        .unwrap_or_default();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|(span, label)| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    a.uri(span.file)?,
                    convert::range(a.file(span.file), *span),
                ),
                message: label.clone(),
            })
        })
        .collect();
    Diagnostic {
        range,
        severity: Some(match d.level {
            Level::Error => DiagnosticSeverity::ERROR,
            Level::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        source: Some("marrow".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}
