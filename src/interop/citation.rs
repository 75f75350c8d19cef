//! The one citation form imports write and exports read back:
//! `[PubMed:12345 · "evidence sentence" · conib/x.bel:45]`.
//!
//! Source, evidence and origin travel in one citation of the statement's citation block, so
//! `why` shows them beside the statement (a comment would be lost to explanations). Parts
//! are joined by ` · `; any may be missing, and the origin (`FILE:LINE`) is last.

/// What one imported citation holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CitationParts {
    /// `PubMed:12345`, `DOI:10.1/x`, `URL:https://…`.
    pub source: Option<String>,
    /// The evidence sentence, without its quotes.
    pub evidence: Option<String>,
    /// `FILE:LINE` of the line it was imported from.
    pub origin: Option<String>,
}

/// What joins the parts of a citation: ` · `.
pub const SEPARATOR: &str = " · ";

impl CitationParts {
    /// The citation text, sanitised so the rule grammar reads it back as one citation.
    pub fn compose(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(3);
        if let Some(s) = &self.source {
            parts.push(clean(s));
        }
        if let Some(e) = &self.evidence {
            parts.push(format!("\"{}\"", clean(e)));
        }
        if let Some(o) = &self.origin {
            parts.push(clean(o));
        }
        parts.retain(|p| !p.is_empty() && p != "\"\"");
        parts.join(SEPARATOR)
    }

    /// Read a citation back; a citation written by hand (`Ye et al., 2018`) is a source.
    pub fn parse(text: &str) -> CitationParts {
        let mut out = CitationParts::default();
        for part in text
            .split(SEPARATOR)
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            if part.len() >= 2 && part.starts_with('"') && part.ends_with('"') {
                out.evidence = Some(part[1..part.len() - 1].to_string());
            } else if out.source.is_none() && !is_origin(part) {
                out.source = Some(part.to_string());
            } else {
                out.origin = Some(part.to_string());
            }
        }
        out
    }
}

/// `some/file.ext:123`
fn is_origin(part: &str) -> bool {
    part.rsplit_once(':').is_some_and(|(file, line)| {
        !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) && file.contains('.')
    })
}

/// Text the citation grammar can hold as one citation: no `;` `[` `]` (they delimit
/// citations), no line breaks or control characters, no ` · ` (it delimits parts), single
/// spaces.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            ';' => ',',
            '[' => '(',
            ']' => ')',
            '·' => '.',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// True when the text holds control characters other than line breaks and tabs: stray
/// bytes from a PDF copy, replaced by `clean` and worth reporting.
pub fn has_control_characters(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let c = CitationParts {
            source: Some("PubMed:123".into()),
            evidence: Some("A [b]; c\u{7}\n d · e".into()),
            origin: Some("conib/x.bel:45".into()),
        };
        let text = c.compose();
        assert_eq!(text, "PubMed:123 · \"A (b), c d . e\" · conib/x.bel:45");
        let back = CitationParts::parse(&text);
        assert_eq!(back.source.as_deref(), Some("PubMed:123"));
        assert_eq!(back.evidence.as_deref(), Some("A (b), c d . e"));
        assert_eq!(back.origin.as_deref(), Some("conib/x.bel:45"));
        let only = CitationParts::parse("x.sif:3");
        assert_eq!(only.origin.as_deref(), Some("x.sif:3"));
        assert_eq!(only.source, None);
        assert_eq!(
            CitationParts::parse("Ye et al., 2018").source.as_deref(),
            Some("Ye et al., 2018")
        );
    }
}
