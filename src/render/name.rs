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
