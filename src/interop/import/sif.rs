//! SIF → claims: `A 1 B`, `A -1 B`, `A activates B C`, tab- or space-separated.

use super::claims::{Cite, ClaimVerb, Imported};
use super::report::{Action, Note};
use crate::source::SourceFile;

/// The sign an edge word means, if any.
pub fn sign(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "1" | "+1" | "+" | "->" | "activates" | "activation" | "increases" | "stimulates"
        | "stimulation" | "positive" | "up-regulates" | "upregulates" => Some(false),
        "-1" | "-" | "-|" | "inhibits" | "inhibition" | "decreases" | "represses" | "negative"
        | "down-regulates" | "downregulates" => Some(true),
        _ => None,
    }
}

/// The verb of a signed edge.
pub fn verb(negative: bool) -> ClaimVerb {
    ClaimVerb::Word(if negative { "inhibits" } else { "activates" }, negative)
}

/// Import one SIF file; `origin` names the file in each citation's `FILE:LINE`.
pub fn import(src: &SourceFile, origin: &str) -> Imported {
    let mut out = Imported::new(origin);
    out.reserve(src.line_count());
    for (i, raw) in src.text.lines().enumerate() {
        let line = i + 1;
        let text = raw.trim_end_matches('\r');
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Tab-separated when there is a tab (names may hold spaces), else by whitespace; a
        // field in double quotes is read without them.
        let fields: Vec<&str> = if text.contains('\t') {
            text.split('\t')
                .map(|f| unquote(f.trim()))
                .filter(|f| !f.is_empty())
                .collect()
        } else {
            text.split_whitespace().map(unquote).collect()
        };
        let col = text.len() - text.trim_start().len() + 1;
        match fields.as_slice() {
            [_] => out.notes.push(
                Note::new(line, col, Action::Skipped, "term-only")
                    .detail("a node without edges states nothing")
                    .text(text),
            ),
            [_, _] => out.notes.push(
                Note::new(line, col, Action::Skipped, "broken")
                    .detail("expected SOURCE SIGN TARGET")
                    .text(text),
            ),
            [source, word, targets @ ..] => match sign(word) {
                Some(negative) => {
                    for target in targets {
                        out.add(
                            &[*source],
                            verb(negative),
                            target,
                            &[] as &[&str],
                            None,
                            &[Cite::origin(line)],
                        );
                    }
                }
                None => out.notes.push(
                    Note::new(line, col, Action::Skipped, "unsigned")
                        .detail(format!(
                            "`{word}` is not a sign (1, -1, activates, inhibits…)"
                        ))
                        .text(text),
                ),
            },
            [] => {}
        }
    }
    out
}

fn unquote(f: &str) -> &str {
    f.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(f)
}
