//! The language's words in one place: reserved keywords, contextual words, the built-in
//! verb words of each relation, the characters of a bare name, and the confidence words
//! with their values (docs/language.md, "Names" and "Statements").
//!
//! The statement fast path, grammar error messages, `fmt` and the importers' printer,
//! lowering, the editor support and rendering all read them from here. The grammar
//! (`grammar/marrow.pest`) writes them too, because pest needs literals; a test holds its
//! `keyword` rule equal to [`KEYWORDS`] and every one of its `kw_` words known here.

use std::borrow::Cow;

use crate::program::Relation;

/// Words reserved everywhere: never a bare name, so `"in"` must be quoted.
pub const KEYWORDS: &[&str] = &[
    "in",
    "when",
    "and",
    "then",
    "up",
    "down",
    "not",
    "via",
    "confidence",
    "given",
    "knockout",
    "overexpress",
    "expect",
    "context",
    "scenario",
    "rule",
    "entity",
    "outcome",
    "verb",
    "include",
    "aka",
    "why",
];

/// Words with a meaning only where they stand (a query, a scenario line, after `expect X`,
/// after `confidence`, a statement modifier): bare names everywhere else, so the names an
/// importer writes rarely need quotes. Verb words are names too: `inhibits activates b`
/// says that an entity called `inhibits` activates `b`.
pub const CONTEXTUAL: &[&str] = &[
    "does",
    "affect",
    "effect",
    "of",
    "on",
    "path",
    "from",
    "to",
    "high",
    "medium",
    "low",
    "conflicting",
    "unaffected",
    "decisive",
    "max",
    "steps",
    "leans",
    "leaning",
    "with",
    "disputed",
];

/// The one contextual word marrow quotes when it writes a name: a subject called `does`
/// would read as the start of `does not affect`.
const QUOTED_WHEN_WRITTEN: &str = "does";

/// Built-in verb words and the relation each means.
pub const BUILTIN_VERBS: &[(&str, Relation)] = &[
    ("activates", Relation::Activates),
    ("promotes", Relation::Activates),
    ("induces", Relation::Activates),
    ("increases", Relation::Activates),
    ("upregulates", Relation::Activates),
    ("enhances", Relation::Activates),
    ("stimulates", Relation::Activates),
    ("drives", Relation::Activates),
    ("inhibits", Relation::Inhibits),
    ("suppresses", Relation::Inhibits),
    ("represses", Relation::Inhibits),
    ("decreases", Relation::Inhibits),
    ("downregulates", Relation::Inhibits),
    ("reduces", Relation::Inhibits),
    ("blocks", Relation::Inhibits),
    ("attenuates", Relation::Inhibits),
    ("targets", Relation::Inhibits),
    ("carries", Relation::Carries),
    ("contains", Relation::Carries),
    ("delivers", Relation::Carries),
    ("releases", Relation::Carries),
    ("secretes", Relation::Carries),
];

/// Confidence words and the strength each stands for.
pub const CONFIDENCE_WORDS: &[(&str, f64)] = &[("high", 0.9), ("medium", 0.7), ("low", 0.4)];

/// The strength of a statement that says nothing about its confidence: `medium`.
pub const DEFAULT_CONFIDENCE: f64 = 0.7;

/// The strength a confidence word stands for.
pub fn confidence_of(word: &str) -> Option<f64> {
    CONFIDENCE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, v)| v)
}

/// Whether `word` is reserved everywhere.
pub fn is_keyword(word: &str) -> bool {
    // Most words a network holds are names and verbs: the length and first letter turn
    // nearly all of them away before any comparison.
    let b = word.as_bytes();
    let Some(&first) = b.first() else {
        return false;
    };
    let possible = KEYWORD_STARTS
        .get(b.len())
        .is_some_and(|starts| first.is_ascii_lowercase() && starts & (1 << (first - b'a')) != 0);
    possible && KEYWORDS.contains(&word)
}

/// By length, a bit for each lowercase letter some keyword of that length starts with.
const KEYWORD_STARTS: [u32; 16] = {
    let mut starts = [0u32; 16];
    let mut k = 0;
    while k < KEYWORDS.len() {
        let w = KEYWORDS[k].as_bytes();
        assert!(w.len() < 16 && w[0].is_ascii_lowercase());
        starts[w.len()] |= 1 << (w[0] - b'a');
        k += 1;
    }
    starts
};

/// The grammar's `name_char`: a Unicode letter, mark or number (ASCII checked directly,
/// the rest by pest's own tables, so the fast path and the grammar agree).
pub fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        pest::unicode::LETTER(c) || pest::unicode::MARK(c) || pest::unicode::NUMBER(c)
    }
}

/// A byte of the grammar's `WHITESPACE` between words: space, tab, carriage return (its
/// byte-order mark, three bytes, aside). Scanners that skip blanks by the byte ask here.
#[inline]
pub fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r')
}

/// The grammar's `joiner`: what may stand between the letters of a bare name.
pub fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '/' | '.' | '\'' | '+' | ':')
}

/// Whether `name` reads back as itself without quotes: the grammar's bare `word` (letters
/// joined by runs of joiners, optionally ending in `+` or `'`), not a keyword, not `does`.
pub fn is_bare(name: &str) -> bool {
    if is_keyword(name) || name == QUOTED_WHEN_WRITTEN {
        return false;
    }
    let body = name.trim_end_matches(['+', '\'']);
    body.chars().next().is_some_and(is_name_char)
        && body.chars().last().is_some_and(is_name_char)
        && body.chars().all(|c| is_name_char(c) || is_joiner(c))
}

/// `name` as a rule file must spell it: bare when it can be, else quoted with `"` and `\`
/// escaped (the grammar's only escapes).
pub fn written(name: &str) -> Cow<'_, str> {
    if is_bare(name) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(super::fmt::quote(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRAMMAR: &str = include_str!("../../grammar/marrow.pest");

    /// The words of the grammar rule `name = @{ ( "a" | "b" … ) ~ … }`.
    fn rule_words(name: &str) -> Vec<String> {
        let start = GRAMMAR
            .find(&format!("\n{name} "))
            .unwrap_or_else(|| panic!("the grammar has no rule `{name}`"));
        let body = &GRAMMAR[start..];
        let body = &body[..body.find('}').unwrap_or(body.len())];
        body.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn keywords_are_the_grammars_keyword_rule() {
        let mut grammar = rule_words("keyword");
        let mut ours: Vec<String> = KEYWORDS.iter().map(|s| s.to_string()).collect();
        grammar.sort();
        ours.sort();
        assert_eq!(ours, grammar);
    }

    /// The length-and-first-letter filter lets every keyword through and nothing else.
    #[test]
    fn is_keyword_is_membership() {
        let mut words: Vec<String> = vec![String::new(), "g1".into(), "IN".into(), "é".into()];
        for w in KEYWORDS {
            words.push(w.to_string());
            words.push(w.to_uppercase());
            words.push(format!("{w}s"));
            words.push(w[1..].to_string());
            words.push(w[..w.len() - 1].to_string());
            words.push(format!("x{}", &w[1..]));
        }
        for w in &words {
            assert_eq!(is_keyword(w), KEYWORDS.contains(&w.as_str()), "`{w}`");
        }
    }

    #[test]
    fn every_word_of_the_grammar_is_known_here() {
        let words: Vec<&str> = GRAMMAR
            .lines()
            .filter_map(|l| {
                let (rule, body) = l.split_once('=')?;
                let rule = rule.trim();
                (rule.starts_with("kw_")
                    || CONFIDENCE_WORDS.iter().any(|(w, _)| *w == rule)
                    || matches!(rule, "up" | "down" | "conflicting" | "unaffected"))
                .then(|| body.split('"').nth(1))
                .flatten()
            })
            .collect();
        assert!(words.len() > 30, "found only {words:?}");
        for w in words {
            assert!(
                is_keyword(w) || CONTEXTUAL.contains(&w),
                "the grammar's word `{w}` is neither a keyword nor contextual"
            );
        }
        for w in CONTEXTUAL {
            assert!(!is_keyword(w), "`{w}` is both reserved and contextual");
        }
    }

    /// The language reference lists the same reserved and contextual words.
    #[test]
    fn the_language_reference_lists_these_words() {
        let doc = include_str!("../../docs/language.md");
        let section = &doc[doc.find("\n## Keywords").expect("a Keywords section")..];
        let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
        let (reserved, contextual) = section
            .split_once("Other words")
            .expect("reserved, then contextual words");
        let words = |s: &str| -> Vec<String> {
            let mut w: Vec<String> = s
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            w.sort();
            w
        };
        let mut keywords: Vec<String> = KEYWORDS.iter().map(|s| s.to_string()).collect();
        keywords.sort();
        assert_eq!(words(reserved), keywords);
        let listed = words(contextual).join(" ");
        for w in CONTEXTUAL {
            assert!(
                listed.split(' ').any(|x| x == *w),
                "docs/language.md does not list the contextual word `{w}`"
            );
        }
    }

    #[test]
    fn confidence_words_are_the_grammars() {
        for (w, _) in CONFIDENCE_WORDS {
            assert_eq!(rule_words(w), vec![w.to_string()]);
        }
        assert_eq!(confidence_of("medium"), Some(DEFAULT_CONFIDENCE));
    }

    #[test]
    fn bare_names_follow_the_grammar() {
        for bare in [
            "TNF-α", "IL-1β'", "Ca2+", "HGNC:E12", "in-vitro", "with", "disputed", "high",
            "inhibits", "up+",
        ] {
            assert!(is_bare(bare), "{bare}");
        }
        for quoted in ["in", "does", "a b", "-a", "a-", "a:+", "", "\"x\"", "p(x)"] {
            assert!(!is_bare(quoted), "{quoted}");
        }
        assert_eq!(written("a \"b\" \\"), "\"a \\\"b\\\" \\\\\"");
    }
}
