//! Entity names as the language writes them: bare when possible, quoted otherwise.

use std::borrow::Cow;

const KEYWORDS: &[&str] = &[
    "up",
    "down",
    "when",
    "and",
    "then",
    "in",
    "confidence",
    "high",
    "medium",
    "low",
    "given",
    "knockout",
    "overexpress",
    "context",
    "expect",
    "not",
    "via",
    "rule",
    "scenario",
    "entity",
    "outcome",
    "verb",
    "include",
    "aka",
    "does",
    "affect",
    "why",
    "effect",
    "of",
    "on",
    "path",
    "from",
    "to",
];

fn joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '/' | '.' | '\'' | '+' | ':')
}

/// Whether `name` can be written without quotes.
pub fn is_bare(name: &str) -> bool {
    let (Some(first), Some(last)) = (name.chars().next(), name.chars().last()) else {
        return false;
    };
    first.is_alphanumeric()
        && last.is_alphanumeric()
        && name.chars().all(|c| c.is_alphanumeric() || joiner(c))
        && !KEYWORDS.contains(&name)
}

/// `name`, or `"name"` with `"` and `\` escaped when it is not a bare name.
pub fn display_name(name: &str) -> Cow<'_, str> {
    if is_bare(name) {
        Cow::Borrowed(name)
    } else {
        let mut out = String::with_capacity(name.len() + 2);
        out.push('"');
        for c in name.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        Cow::Owned(out)
    }
}

use crate::engine::Fact;
use crate::program::Program;

/// A fact as the language writes it: `IL-1β down`, `miR-223 inhibits PKNOX1`; `verb`
/// replaces the relation name with the user's word.
pub fn fact_text(program: &Program, fact: &Fact, verb: Option<&str>) -> String {
    let name = |e: crate::program::EntityId| {
        program
            .entities
            .get_index(e.0 as usize)
            .map(|(n, _)| display_name(n).into_owned())
            .unwrap_or_else(|| format!("#{}", e.0))
    };
    match *fact {
        Fact::State(e, s) => format!("{} {}", name(e), s.as_str()),
        Fact::Relation(a, r, b) => {
            format!("{} {} {}", name(a), verb.unwrap_or(r.as_str()), name(b))
        }
    }
}
