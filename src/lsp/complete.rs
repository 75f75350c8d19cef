//! Completion by position: keywords and names at the start of a line, verbs after a
//! subject, contexts after `in`/`context`, confidence words after `confidence`, scenarios
//! in a `# marrow: scenario` comment, entity names (with kinds and aliases) elsewhere.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Range, TextEdit,
};

use super::analysis::Analysis;
use super::convert;
use super::cursor::line_bounds;
use crate::program::names::written;
use crate::source::{FileId, Span};
use crate::syntax::lexicon;

/// Entity names offered at most (the list is then marked incomplete).
const MAX_ENTITIES: usize = 200;

const LINE_START: &[&str] = &[
    "entity", "outcome", "verb", "context", "scenario", "rule", "when", "include",
];
const SCENARIO_LINE: &[&str] = &[
    "given",
    "knockout",
    "overexpress",
    "context",
    "expect",
    "with disputed",
    "max steps",
];
const MODIFIERS: &[&str] = &["in", "when", "confidence", "disputed"];

/// Where the cursor is, as far as completion cares.
enum Slot {
    Nothing,
    LineStart { in_scenario: bool },
    Verb,
    Context,
    Confidence,
    Scenario,
    Entity { modifiers: bool },
}

/// Completion items at `offset` of `file`.
pub fn complete(a: &Analysis, file: FileId, offset: u32) -> CompletionList {
    let f = a.file(file);
    let text: &str = &f.text;
    let off = (offset as usize).min(text.len());
    let (start, _) = line_bounds(text, off);
    let before = text.get(start..off).unwrap_or("");
    let word_start = word_start(before);
    let typed = &before[word_start..];
    let range = convert::range(f, Span::new(file, start + word_start, off));
    let slot = slot(&before[..word_start], in_scenario(text, start));
    let p = a.program();
    let mut items = Vec::new();
    let mut incomplete = false;
    let keyword = |items: &mut Vec<CompletionItem>, w: &str, kind| {
        items.push(item(w, kind, None, range, w.to_string()));
    };
    match slot {
        Slot::Nothing => {}
        Slot::LineStart { in_scenario } => {
            let words = if in_scenario {
                SCENARIO_LINE
            } else {
                LINE_START
            };
            for w in words {
                keyword(&mut items, w, CompletionItemKind::KEYWORD);
            }
            if !in_scenario {
                incomplete = entities(a, typed, range, &mut items);
            }
        }
        Slot::Verb => {
            for w in p.verbs.keys() {
                let detail = p.verbs.get(w).map(|r| r.as_str().to_string());
                items.push(item(
                    w,
                    CompletionItemKind::OPERATOR,
                    detail,
                    range,
                    w.clone(),
                ));
            }
            keyword(&mut items, "does not affect", CompletionItemKind::OPERATOR);
        }
        Slot::Context => {
            for c in p.contexts.keys() {
                items.push(item(
                    c,
                    CompletionItemKind::MODULE,
                    Some("context".into()),
                    range,
                    written(c),
                ));
            }
        }
        Slot::Confidence => {
            for (w, _) in lexicon::CONFIDENCE_WORDS {
                keyword(&mut items, w, CompletionItemKind::VALUE);
            }
        }
        Slot::Scenario => {
            for sc in p.scenarios.values() {
                items.push(item(
                    &sc.name,
                    CompletionItemKind::EVENT,
                    sc.title.clone(),
                    range,
                    sc.name.clone(),
                ));
            }
        }
        Slot::Entity { modifiers } => {
            if modifiers {
                for w in MODIFIERS {
                    keyword(&mut items, w, CompletionItemKind::KEYWORD);
                }
            }
            incomplete = entities(a, typed, range, &mut items);
        }
    }
    CompletionList {
        is_incomplete: incomplete,
        items,
    }
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<String>,
    range: Range,
    insert: String,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, insert))),
        ..CompletionItem::default()
    }
}

/// Entity names matching what is typed (by name or alias, ignoring case); true when
/// some were left out.
fn entities(a: &Analysis, typed: &str, range: Range, items: &mut Vec<CompletionItem>) -> bool {
    let p = a.program();
    let want = typed.trim_start_matches('"').to_lowercase();
    let mut n = 0;
    for (name, e) in &p.entities {
        let hit = name.to_lowercase().contains(&want)
            || e.aliases.iter().any(|al| al.to_lowercase().contains(&want));
        if !hit {
            continue;
        }
        if n == MAX_ENTITIES {
            return true;
        }
        n += 1;
        let mut detail = e.kind.clone().unwrap_or_default();
        if !e.aliases.is_empty() {
            if !detail.is_empty() {
                detail.push_str(" · ");
            }
            detail.push_str("aka ");
            detail.push_str(&e.aliases.join(", "));
        }
        let mut it = item(
            name,
            CompletionItemKind::VARIABLE,
            (!detail.is_empty()).then_some(detail),
            range,
            written(name),
        );
        let mut filter = name.clone();
        for al in &e.aliases {
            filter.push(' ');
            filter.push_str(al);
        }
        it.filter_text = Some(filter);
        items.push(it);
    }
    false
}

/// Where the word being typed starts in `before` (an open quote starts it).
fn word_start(before: &str) -> usize {
    if !quotes(before).is_multiple_of(2) {
        return before.rfind('"').unwrap_or(0);
    }
    let joiner = |c: char| lexicon::is_name_char(c) || lexicon::is_joiner(c) || c == '?';
    before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| joiner(c))
        .last()
        .map_or(before.len(), |(i, _)| i)
}

fn quotes(s: &str) -> usize {
    s.chars().filter(|&c| c == '"').count()
}

/// What belongs after the words already typed on the line.
fn slot(done: &str, in_scenario: bool) -> Slot {
    let trimmed = done.trim_start();
    if let Some(rest) = trimmed.strip_prefix('#') {
        let rest = rest.trim_start();
        return match rest.strip_prefix("marrow:").map(str::trim_start) {
            Some(r) if r.starts_with("scenario") => Slot::Scenario,
            _ => Slot::Nothing,
        };
    }
    if done.contains('#') && quotes(done).is_multiple_of(2) {
        return Slot::Nothing;
    }
    let open_brackets = done.matches('[').count() > done.matches(']').count();
    if open_brackets {
        return Slot::Nothing;
    }
    let words = tokens(trimmed);
    let Some(last) = words.last() else {
        return Slot::LineStart { in_scenario };
    };
    match *last {
        "in" | "context" => return Slot::Context,
        "confidence" => return Slot::Confidence,
        "include" | "entity" | "verb" | "scenario" | "rule" | "max" | "with" => {
            return if *last == "entity" {
                Slot::Entity { modifiers: false }
            } else {
                Slot::Nothing
            };
        }
        _ => {}
    }
    let first = words[0];
    if in_scenario
        || matches!(
            first,
            "when" | "outcome" | "given" | "knockout" | "overexpress" | "expect"
        )
    {
        return Slot::Entity { modifiers: false };
    }
    if words.len() == 1 && !["}", "{"].contains(&first) {
        return Slot::Verb;
    }
    Slot::Entity {
        modifiers: words.len() >= 3,
    }
}

/// Words of a line, a quoted name counting as one.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match (start, c) {
            (None, c) if !c.is_whitespace() && c != ',' => {
                start = Some(i);
                quoted = c == '"';
            }
            (Some(_), '"') if quoted && i > start.unwrap_or(0) => quoted = false,
            (Some(b), c) if !quoted && (c.is_whitespace() || c == ',') => {
                out.push(&s[b..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push(&s[b..]);
    }
    out
}

/// Whether line `start` is inside a scenario block (an unclosed `scenario … {` above).
fn in_scenario(text: &str, start: usize) -> bool {
    let above = &text[..start];
    let mut depth_scenario = false;
    for line in above.lines().rev() {
        let t = line.trim();
        if t.starts_with('}') {
            return false;
        }
        if t.starts_with("scenario ") && t.ends_with('{') {
            depth_scenario = true;
            break;
        }
        if t.starts_with("context ") && t.ends_with('{') {
            return false;
        }
    }
    depth_scenario
}
