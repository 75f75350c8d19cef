//! Go to definition, find references, rename, and document and workspace symbols.

use std::collections::HashMap;

use lsp_types::{
    DocumentSymbol, Location, SymbolInformation, SymbolKind, TextEdit, Url, WorkspaceEdit,
};

use super::analysis::Analysis;
use super::convert;
use super::cursor::{self, Target};
use crate::program::mentions::MentionKind;
use crate::program::names::written;
use crate::source::{FileId, Span};
use crate::syntax::SegmentParser;
use crate::syntax::ast::{Item, Line};
use crate::syntax::segments::segments;

/// Workspace symbols listed at most.
const MAX_SYMBOLS: usize = 500;

fn location(a: &Analysis, span: Span) -> Option<Location> {
    Some(Location::new(
        a.uri(span.file)?,
        convert::range(a.file(span.file), span),
    ))
}

/// Where the thing at the cursor is defined.
pub fn definition(a: &Analysis, file: FileId, offset: u32) -> Option<Location> {
    let text = a.file(file).text.clone();
    let p = a.program();
    match cursor::at(p, file, &text, offset)? {
        Target::Entity(e, _) => location(a, p.mentions.definition(e)?.span),
        Target::Include(path, _) => {
            let here = a.uri(file)?.to_file_path().ok()?;
            let target = here.parent()?.join(path.as_ref());
            let uri = Url::from_file_path(&target).ok()?;
            Some(Location::new(uri, Default::default()))
        }
        Target::Context(name, _) => location(a, p.contexts.get(name.as_ref())?.span),
        Target::Scenario(name, _) => location(a, p.scenarios.get(name)?.span),
        Target::Statement(_) | Target::Citation(..) => None,
    }
}

/// Every mention of the entity at the cursor, alias spellings included.
pub fn references(a: &Analysis, file: FileId, offset: u32, declaration: bool) -> Vec<Location> {
    let p = a.program();
    let Some((e, _)) = p.mentions.at(file, offset) else {
        return Vec::new();
    };
    p.mentions
        .of(e)
        .iter()
        .filter(|m| declaration || m.kind != MentionKind::Declaration)
        .filter_map(|m| location(a, m.span))
        .collect()
}

/// Rename the entity at the cursor everywhere it is written by its name (aliases and
/// other spellings are left alone); an error message when that cannot be done.
pub fn rename(a: &Analysis, file: FileId, offset: u32, new: &str) -> Result<WorkspaceEdit, String> {
    let p = a.program();
    let Some((e, _)) = p.mentions.at(file, offset) else {
        return Err("no entity here to rename".to_string());
    };
    let name = new_name(new)?;
    if let Some(other) = p.lookup(&name)
        && other != e
    {
        return Err(format!(
            "`{name}` is already the name or alias of `{}`",
            p.entity_name(other)
        ));
    }
    let old = p.entity_name(e);
    let text = written(&name);
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for m in p.mentions.of(e) {
        if m.kind == MentionKind::Alias || unquoted(p.mention_text(m)) != old {
            continue;
        }
        let Some(uri) = a.uri(m.span.file) else {
            continue;
        };
        let range = convert::range(a.file(m.span.file), m.span);
        changes
            .entry(uri)
            .or_default()
            .push(TextEdit::new(range, text.clone()));
    }
    Ok(WorkspaceEdit::new(changes))
}

/// A new name as typed: bare, quoted (its escapes undone), or any other text, which is
/// then written in quotes; never empty, padded with spaces, or holding a line break.
fn new_name(typed: &str) -> Result<String, String> {
    let name = match typed.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => unescape(inner)?,
        None => typed.to_string(),
    };
    if name.trim().is_empty() {
        return Err("not a valid name: a name cannot be empty".to_string());
    }
    if name.trim() != name || name.chars().any(char::is_control) {
        return Err(format!(
            "not a valid name: {name:?} starts or ends with a space or holds a line break"
        ));
    }
    Ok(name)
}

/// The inside of a quoted name, its `\"` and `\\` escapes undone.
fn unescape(inner: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e @ ('"' | '\\')) => out.push(e),
                _ => {
                    return Err(
                        "not a valid name: in quotes, only \\\" and \\\\ are escapes".to_string(),
                    );
                }
            },
            '"' => return Err("not a valid name: write a quote inside quotes as \\\"".to_string()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// A mention's text without its quotes.
fn unquoted(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(s)
}

/// The scenarios, contexts, outcomes and rules of one file, in order.
#[allow(deprecated)]
pub fn document_symbols(a: &Analysis, file: FileId) -> Vec<DocumentSymbol> {
    let f = a.file(file);
    let text: &str = &f.text;
    let mut out = Vec::new();
    let mut push = |name: &str, kind: SymbolKind, detail: Option<String>, span: Span, sel: Span| {
        if name.is_empty() {
            return;
        }
        out.push(DocumentSymbol {
            name: name.to_string(),
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: convert::range(f, span),
            selection_range: convert::range(f, sel),
            children: None,
        });
    };
    for seg in segments(text) {
        let Ok(line) = SegmentParser::line(file, text, seg.start, seg.end) else {
            continue;
        };
        match line {
            Line::ScenarioOpen { name, title, span } => push(
                &name.text,
                SymbolKind::EVENT,
                title.map(|t| t.into_owned()),
                span,
                name.span,
            ),
            Line::ContextOpen(name, span) => push(
                &name.text,
                SymbolKind::NAMESPACE,
                Some("context".into()),
                span,
                name.span,
            ),
            Line::Item(Item::Outcome(names, _)) => {
                for n in names {
                    push(
                        &n.text,
                        SymbolKind::CONSTANT,
                        Some("outcome".into()),
                        n.span,
                        n.span,
                    );
                }
            }
            Line::Item(Item::Rule(r)) => push(
                &r.name.text,
                SymbolKind::FUNCTION,
                Some("rule".into()),
                r.span,
                r.name.span,
            ),
            _ => {}
        }
    }
    out
}

/// Scenarios, contexts, outcomes, rules and declared entities whose name contains
/// `query` (ignoring case), across the workspace.
#[allow(deprecated)]
pub fn workspace_symbols(a: &Analysis, query: &str) -> Vec<SymbolInformation> {
    let p = a.program();
    let q = query.to_lowercase();
    let mut out = Vec::new();
    let mut push = |name: &str, kind: SymbolKind, span: Span, container: &str| {
        if out.len() >= MAX_SYMBOLS || !name.to_lowercase().contains(&q) {
            return;
        }
        if let Some(location) = location(a, span) {
            out.push(SymbolInformation {
                name: name.to_string(),
                kind,
                tags: None,
                deprecated: None,
                location,
                container_name: Some(container.to_string()),
            });
        }
    };
    for sc in p.scenarios.values() {
        push(&sc.name, SymbolKind::EVENT, sc.span, "scenario");
    }
    for c in p.contexts.values() {
        push(&c.name, SymbolKind::NAMESPACE, c.span, "context");
    }
    for &o in &p.outcomes {
        push(
            p.entity_name(o),
            SymbolKind::CONSTANT,
            p.entity(o).span,
            "outcome",
        );
    }
    for r in p.rules.iter().filter(|r| !r.prelude) {
        push(&r.name, SymbolKind::FUNCTION, r.span, "rule");
    }
    for (name, e) in p.entities.iter().filter(|(_, e)| e.declared) {
        push(name, SymbolKind::VARIABLE, e.span, "entity");
    }
    out
}
