//! What is under the cursor: an entity mention (from the mention index), or, by parsing
//! the line alone, a verb, a citation, an include path, a context or scenario name.

use std::borrow::Cow;

use crate::program::mentions::Mention;
use crate::program::{EntityId, Program};
use crate::source::{FileId, Span};
use crate::syntax::SegmentParser;
use crate::syntax::ast::*;
use crate::syntax::segments::segments_in;

/// The thing at a cursor.
pub enum Target<'a> {
    Entity(EntityId, Mention),
    /// A statement's verb (or anywhere on a statement that is not a name or citation).
    Statement(StatementAst<'a>),
    Citation(&'a str, Span),
    Include(Cow<'a, str>, Span),
    Context(Cow<'a, str>, Span),
    Scenario(&'a str, Span),
}

/// What `offset` of `file` (whose text is `text`) points at.
pub fn at<'a>(program: &Program, file: FileId, text: &'a str, offset: u32) -> Option<Target<'a>> {
    if let Some((e, m)) = program.mentions.at(file, offset) {
        return Some(Target::Entity(e, m));
    }
    let off = offset as usize;
    let (start, end) = line_bounds(text, off);
    if let Some(t) = directive_at(text, start, end, off, file) {
        return Some(t);
    }
    let seg = segments_in(text, start, end).find(|s| s.start <= off && off <= s.end)?;
    let line = SegmentParser::line(file, text, seg.start, seg.end).ok()?;
    let inside = |s: Span| s.start as usize <= off && off <= s.end as usize;
    match line {
        Line::Item(Item::Statement(st)) => {
            for m in &st.modifiers {
                match m {
                    Modifier::Citations(cs, _) => {
                        if let Some(c) = cs.iter().find(|c| inside(c.span)) {
                            return Some(Target::Citation(c.text, c.span));
                        }
                    }
                    Modifier::In(name) if inside(name.span) => {
                        return Some(Target::Context(name.text.clone(), name.span));
                    }
                    _ => {}
                }
            }
            Some(Target::Statement(st))
        }
        Line::Item(Item::Conjunction(c)) => c.modifiers.iter().find_map(|m| match m {
            Modifier::Citations(cs, _) => cs
                .iter()
                .find(|c| inside(c.span))
                .map(|c| Target::Citation(c.text, c.span)),
            Modifier::In(name) if inside(name.span) => {
                Some(Target::Context(name.text.clone(), name.span))
            }
            _ => None,
        }),
        Line::Item(Item::Include { path, span }) => Some(Target::Include(path, span)),
        Line::ContextOpen(name, _) if inside(name.span) => {
            Some(Target::Context(name.text, name.span))
        }
        Line::ScenarioItem(ScenarioItem::Context(names, _)) => names
            .into_iter()
            .find(|n| inside(n.span))
            .map(|n| Target::Context(n.text, n.span)),
        Line::ScenarioOpen { name, .. } if inside(name.span) => {
            let span = name.span;
            match name.text {
                Cow::Borrowed(s) => Some(Target::Scenario(s, span)),
                Cow::Owned(_) => None,
            }
        }
        _ => None,
    }
}

/// The byte range of the line holding `off` (without its line break).
pub fn line_bounds(text: &str, off: usize) -> (usize, usize) {
    let off = off.min(text.len());
    let start = memchr::memrchr(b'\n', &text.as_bytes()[..off]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[off..]).map_or(text.len(), |i| off + i);
    (start, end)
}

/// The scenario name of a `# marrow: scenario NAME` comment, when the cursor is on it.
fn directive_at(
    text: &str,
    start: usize,
    end: usize,
    off: usize,
    file: FileId,
) -> Option<Target<'_>> {
    let line = &text[start..end];
    let trimmed = line.trim_start().strip_prefix('#')?.trim_start();
    let rest = trimmed.strip_prefix("marrow:")?.trim_start();
    let after = rest.strip_prefix("scenario")?;
    let name = after.split_whitespace().next()?;
    let name_start = start + (name.as_ptr() as usize - line.as_ptr() as usize);
    let name_end = name_start + name.len();
    (name_start <= off && off <= name_end)
        .then(|| Target::Scenario(name, Span::new(file, name_start, name_end)))
}
