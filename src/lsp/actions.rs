//! Code actions: the fixes diagnostics carry (did-you-mean replacements, `aka`
//! declarations), offered where their diagnostic is.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};

use super::analysis::Analysis;
use super::convert;
use super::diagnostics::to_lsp;
use crate::source::FileId;

/// The fixes of every diagnostic of `file` whose range touches `range`.
pub fn actions(a: &Analysis, file: FileId, range: Range) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    for d in &a.loaded.diags {
        let Some((span, _)) = &d.primary else {
            continue;
        };
        if span.file != file || d.fixes.is_empty() {
            continue;
        }
        let r = convert::range(a.file(file), *span);
        if r.end < range.start || range.end < r.start {
            continue;
        }
        let diagnostic = to_lsp(a, d);
        for (i, fix) in d.fixes.iter().enumerate() {
            let Some(uri) = a.uri(fix.span.file) else {
                continue;
            };
            let edit = TextEdit::new(
                convert::range(a.file(fix.span.file), fix.span),
                fix.replacement.clone(),
            );
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit::new(HashMap::from([(uri, vec![edit])]))),
                is_preferred: Some(i == 0 && d.fixes.len() == 1),
                ..CodeAction::default()
            }));
        }
    }
    out
}
