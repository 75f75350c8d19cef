//! Rule text from syntax items built in memory (importers), in exactly the layout `fmt`
//! gives a parsed file: the same renderer and the same alignment pass, so an imported file
//! is already canonical and `marrow fmt --check` accepts it.

use std::borrow::Cow;

use super::ast::{Item, Name};
use super::fmt::{Lines, render_item};
use super::lexicon::is_bare;
use crate::source::{FileId, Span};

/// One output line. Items are stored inline, not boxed: an import builds a million of
/// them, nearly all items, so boxing would only add an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum PrintLine<'a> {
    /// Consecutive blanks collapse into one, as in `fmt`.
    Blank,
    /// A comment line; the text is written after `# ` with line breaks made spaces.
    Comment(String),
    /// A statement, declaration or other item, laid out as `fmt` would.
    Item(Item<'a>),
}

/// Lay out items at the top level of a file. Items that cannot stand on one line alone
/// (scenarios) are not printed; importers never build them.
pub fn print_lines(lines: &[PrintLine<'_>]) -> String {
    let mut out = Lines::default();
    for line in lines {
        match line {
            PrintLine::Blank => out.blank(),
            PrintLine::Comment(text) => {
                let text: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                out.comment(0, format!("# {}", text.trim_end()), false);
            }
            PrintLine::Item(item) => {
                if let Some(rendered) = render_item(item, 0) {
                    out.item(rendered);
                }
            }
        }
    }
    out.finish()
}

/// A span for items that come from no rule file.
pub fn nowhere() -> Span {
    Span::new(FileId(0), 0, 0)
}

/// A name for printing: bare when the grammar reads it back as the same bare name,
/// quoted otherwise (quotes are always legal). Line breaks and other control characters
/// cannot be written inside a name, so they become spaces.
pub fn name<'a>(text: impl Into<Cow<'a, str>>) -> Name<'a> {
    let mut text: Cow<'a, str> = text.into();
    if text.chars().any(char::is_control) {
        text = Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        );
    }
    let quoted = !is_bare(&text);
    Name {
        text,
        quoted,
        span: nowhere(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::ast::{Citation, Modifier, StatementAst, Verb};
    use crate::syntax::fmt::format_source;

    #[test]
    fn bare_names() {
        for ok in [
            "HGNC:MAPT",
            "IL-1β",
            "miR-211-3p",
            "Wnt/β-catenin",
            "a+",
            "x'",
            "日本",
        ] {
            assert!(is_bare(ok), "{ok}");
        }
        for no in [
            "",
            "in",
            "a b",
            "-a",
            "a-",
            "a--",
            "\"q\"",
            "p(HGNC:A)",
            "does",
        ] {
            assert!(!is_bare(no), "{no}");
        }
    }

    #[test]
    fn printed_text_is_canonical() {
        let cite = "PubMed:1 · \"it \"works\"\" · x.bel:3";
        let stmt = |s: &'static str, o: &'static str, conf: bool| {
            let mut modifiers = vec![Modifier::Citations(
                vec![Citation {
                    text: cite,
                    span: nowhere(),
                }],
                nowhere(),
            )];
            if conf {
                modifiers.push(Modifier::Confidence(
                    crate::syntax::ast::ConfidenceAst::High,
                    nowhere(),
                ));
            }
            PrintLine::Item(Item::Statement(StatementAst {
                subject: name(s),
                verb: Verb::Word(name("activates")),
                objects: smallvec::smallvec![name(o)],
                modifiers: modifiers.into(),
                span: nowhere(),
            }))
        };
        let text = print_lines(&[
            PrintLine::Comment("imported\nfrom x".into()),
            PrintLine::Blank,
            stmt("HGNC:A", "a(CHEBI:\"b c\")", true),
            stmt("in", "B", false),
        ]);
        assert_eq!(format_source(&text).ok().as_deref(), Some(text.as_str()));
        assert!(text.contains("\"a(CHEBI:\\\"b c\\\")\""), "{text}");
        assert!(text.starts_with("# imported from x\n\n"));
    }
}
