//! pest errors → readable diagnostics: grammar rule names become words a researcher
//! knows ("a verb", "`up` or `down`"), and the help line shows the form that was meant.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::lexicon;
use super::parse::{Rule, SegmentParser};
use crate::diagnostics::{Code, Diag};
use crate::source::Span;

/// The readable word for a grammar rule in "expected …".
fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::name | Rule::bare | Rule::quoted | Rule::name_list => "a name",
        Rule::scenario_name | Rule::rule_name => "a name",
        Rule::verb_phrase | Rule::verb_word | Rule::no_effect => "a verb",
        Rule::state | Rule::up | Rule::down | Rule::head_condition => "`up` or `down`",
        Rule::net | Rule::conflicting | Rule::unaffected => {
            "`up`, `down`, `conflicting` or `unaffected`"
        }
        Rule::citations => "a citation block `[…]`",
        Rule::citation => "citation text",
        Rule::context_mod => "`in CONTEXT`",
        Rule::condition_mod => "`when CONDITION`",
        Rule::confidence_mod => "`confidence …`",
        Rule::confidence | Rule::high | Rule::medium | Rule::low => {
            "`high`, `medium`, `low` or a number"
        }
        Rule::number => "a number",
        Rule::string | Rule::string_inner => "a quoted string",
        Rule::variable => "a variable like `?x`",
        Rule::term => "a name or a variable",
        Rule::atom | Rule::state_atom | Rule::relation_atom | Rule::rule_body => {
            "an atom like `?x up` or `?x activates ?y`"
        }
        Rule::condition => "a condition like `hypoxia up`",
        Rule::via => "`via NAME`",
        Rule::kind => "a kind",
        Rule::negated => "`not`",
        Rule::EOI => "end of line",
        Rule::block_close => "`}`",
        Rule::keyword => "a keyword",
        Rule::statement => "a statement",
        Rule::conjunction => "a `when … then …` line",
        Rule::expect_not | Rule::expect_net => "an expectation",
        _ => "something else",
    }
}

/// What a line that starts with this word was meant to be.
fn form_of(first_word: &str) -> &'static str {
    match first_word {
        "entity" => "declare an entity as `entity NAME [: KIND] [aka ALIAS, …]`",
        "outcome" => "declare outcomes as `outcome NAME, …`",
        "verb" => "add a verb as `verb NEW = activates|inhibits|carries`",
        "include" => "include a file as `include \"path/to/file.rules\"`",
        "context" => "open a context block as `context NAME {` (or, in a scenario, `context NAME`)",
        "scenario" => "open a scenario as `scenario NAME [\"title\"] {`",
        "when" => "write a conjunction as `when A up and B down then C up [citation]`",
        "rule" => "write a rule as `rule NAME [confidence X]: ?x up, ?x activates ?y => ?y up`",
        "given" => "write `given NAME [up|down]`",
        "knockout" | "overexpress" => "name the entities to clamp: `knockout NAME, …`",
        "expect" => {
            "write `expect X up|down|conflicting|unaffected`, `expect not X up`, or `expect X up via Y`"
        }
        "why" => "ask `why [not] NAME up|down`",
        _ => {
            "a statement reads `SUBJECT VERB OBJECT[, OBJECT…]` then `in C`, `when X up`, `confidence high`, `[citation]`; quote names with spaces or symbols"
        }
    }
}

/// Convert a pest error on one segment into a diagnostic at the right place in the file.
pub(super) fn syntax_error(p: &SegmentParser<'_>, src: &str, e: Error<Rule>) -> Diag {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let mut expected: Vec<&str> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().map(|r| describe(*r)).collect()
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.sort_unstable();
    expected.dedup();
    expected.retain(|w| *w != "something else");
    let (found, len) = token_at(src, pos);
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", join_or(&expected))
    };
    let first = src.split_whitespace().next().unwrap_or("");
    let span = Span::new(p.file, p.offset + pos, p.offset + pos + len);
    let rest = &src[pos.min(src.len())..];
    // A lone carriage return ends a quoted name or a citation as a line break would;
    // point at it rather than at the opening quote or bracket.
    if let Some(cr) = lone_carriage_return(rest) {
        let at = p.offset + pos + cr;
        let what = if rest.starts_with('"') {
            "quoted name"
        } else {
            "citation"
        };
        return Diag::error(Code::ParseSyntax, format!("carriage return inside a {what}"))
            .at(Span::new(p.file, at, at + 1), "a lone carriage return".to_string())
            .help(format!(
                "a {what} stays on one line: remove the carriage return (a line ends with `\\n` or `\\r\\n`)"
            ));
    }
    let (message, label, help) = if rest.starts_with('[') && !rest.contains(']') {
        (
            "unclosed citation block".to_string(),
            "this `[` is never closed".to_string(),
            "close the citations with `]` on the same line: [Ye et al., 2018]".to_string(),
        )
    } else if rest.starts_with('"') && rest[1..].find('"').is_none() {
        (
            "unclosed quoted name".to_string(),
            "this `\"` is never closed".to_string(),
            "close the name with `\"` on the same line".to_string(),
        )
    } else if let Some(c) = rest.chars().next().filter(|&c| invisible(c)) {
        let help = if c.is_whitespace() {
            format!(
                "words are separated by ordinary spaces or tabs: replace this {found} with a space"
            )
        } else {
            format!("remove the invisible character {found}")
        };
        (message, format!("an invisible {found} here"), help)
    } else if lexicon::is_keyword(found.trim_matches('`')) {
        let word = found.trim_matches('`');
        (
            message,
            format!("`{word}` is a keyword"),
            format!("keywords are not names; to name an entity `{word}`, quote it: \"{word}\""),
        )
    } else {
        (
            message,
            format!("unexpected {found}"),
            form_of(first).to_string(),
        )
    };
    Diag::error(Code::ParseSyntax, message)
        .at(span, label)
        .help(help)
}

/// Where a quoted name or a citation block opening `rest` holds a lone carriage return
/// before its close, if it does.
fn lone_carriage_return(rest: &str) -> Option<usize> {
    let close = match rest.as_bytes().first() {
        Some(b'"') => b'"',
        Some(b'[') => b']',
        _ => return None,
    };
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() && bytes[i] != close {
        match bytes[i] {
            b'\\' if close == b'"' => i += 1,
            // The last byte of a segment is the one before its line feed.
            b'\r' if i + 1 < bytes.len() => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Describe the token at `pos` and its length in bytes.
fn token_at(src: &str, pos: usize) -> (String, usize) {
    let rest = src.get(pos..).unwrap_or("");
    let rest = rest.trim_end_matches(['\r', '\n']);
    match rest.chars().next() {
        None => ("end of line".to_string(), 0),
        Some(c) if lexicon::is_name_char(c) => {
            let w: String = rest
                .chars()
                .take_while(|&c| lexicon::is_name_char(c) || lexicon::is_joiner(c))
                .collect();
            let len = w.len();
            (format!("`{w}`"), len)
        }
        // Shown by its code point: between backticks it would show as nothing.
        Some(c) if invisible(c) => (format!("U+{:04X}", u32::from(c)), c.len_utf8()),
        Some(c) => (format!("`{c}`"), c.len_utf8()),
    }
}

/// A character a reader cannot see that the grammar does not take: a space other than
/// its own (no-break, ideographic, em…), a control character, or one of the common
/// zero-width ones. Text pasted from a PDF or a word processor brings them.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{00AD}')
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
