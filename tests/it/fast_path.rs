//! The statement fast path must give exactly the grammar's answer, spans included,
//! whenever it answers at all.

use marrow::source::FileId;
use marrow::syntax::SegmentParser;
use proptest::prelude::*;

use crate::support::program::{Profile, statement};

/// Tokens that make up statement-like lines, including near-misses the fast path must
/// hand back to the grammar.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z][a-zA-Z0-9]{0,4}",
        2 => "[a-z]{1,3}[-_/.':+][a-z0-9]{1,3}",
        1 => "[A-Z]{1,3}[0-9]?[+']",
        2 => prop::sample::select(vec![
            "activates", "inhibits", "carries", "promotes", "does", "not", "affect", "in",
            "when", "up", "down", "confidence", "high", "low", "medium", "0.5", "1.5", "-0.2",
            ".5", "1.", "and", "then", "effect", "path", "of", "to", "via", "given", "rule",
            "disputed", "with", "disputed:",
        ]).prop_map(str::to_string),
        1 => "\\[[a-zA-Z ,.;:0-9]{0,12}\\]",
        1 => "\\[[a; \t\u{B}\u{A0}\u{3000}é]{0,6}\\]",
        2 => prop::sample::select(vec![
            "IL-1β", "NF-κB", "Wnt/β-catenin", "TNF-α", "é", "Ⅳ", "a\u{301}b", "β-",
            "\"p(HGNC:E12)\"", "\"M2 polarization\"", "\"\"", "\"a\\\"b\"", "\"a\\\\\"",
            "\"a\\b\"", "\"open", "\"x\"y", "\"in\"", "\"β γ\"", "→", "IL-1β,",
        ]).prop_map(str::to_string),
        1 => prop::sample::select(vec![",", ", ", " ,", "#", "# c", "\"q r\"", "[", "]", "β", "\r", "{", "}", "-", "\t", ";"])
            .prop_map(str::to_string),
    ]
}

/// A statement-like line of [`token`]s, often a near-miss.
pub fn line() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(token(), 1..9),
        prop::collection::vec(prop::sample::select(vec![" ", "  ", "\t", " \t ", ""]), 9),
        prop::bool::ANY,
    )
        .prop_map(|(tokens, spaces, lead)| {
            let mut s = String::new();
            if lead {
                s.push_str("  ");
            }
            for (t, sp) in tokens.iter().zip(spaces.iter().cycle()) {
                s.push_str(t);
                s.push_str(if sp.is_empty() { " " } else { sp });
            }
            s
        })
}

fn agree(src: &str) {
    let text = format!("x\n{src}\ny");
    let (start, end) = (2, 2 + src.len());
    let fast = SegmentParser::line(FileId(0), &text, start, end);
    let slow = SegmentParser::line_with_grammar(FileId(0), &text, start, end);
    match (fast, slow) {
        (Ok(f), Ok(s)) => assert_eq!(format!("{f:?}"), format!("{s:?}"), "line {src:?}"),
        (Err(_), Err(_)) => {}
        (f, s) => panic!("fast path and grammar disagree on {src:?}:\n{f:?}\n{s:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn fast_path_agrees_with_grammar_on_noise(src in line()) {
        agree(&src);
    }

    #[test]
    fn fast_path_agrees_with_grammar_on_statements(statement in statement(Profile::Lines)) {
        agree(&statement.to_text());
    }
}

/// Lines whose answers were once wrong, or are easily got wrong.
pub const KNOWN_LINES: &[&str] = &[
    "g1 inhibits g2",
    "  A activates B, C ,D in m when x up confidence 0.9 [P; Q]  # c",
    "A activates B when x confidence low",
    "A activates B [ ]",
    "A activates B [a;;b]",
    "A activates B\r",
    "A does not affect B",
    "A activates in-vitro",
    "CD4+ activates T'",
    "A activates B-",
    "A activates B confidence 1.",
    "effect of X on Y",
    "IL-1β activates NF-κB in \"bone marrow\" when \"p(HGNC:E12)\" down",
    "\"p(HGNC:E12)\" inhibits \"a\\\"b\", \"c\\\\d\" [PMID:1]",
    "\"\" activates e",
    "\"A\"activates B",
    "\"A\" \"activates\" B",
    "a\u{301} activates b",
    "A activates B disputed",
    "A activates B when x disputed [P]",
    "A activates disputed",
    "disputed activates B disputed disputed",
    "with disputed",
    "with disputed B",
    "A activates B confidence low disputed in m",
    "A activates B disputed:",
    "A activates B disputedly",
    // What proptest once shrank failures to (fast_path.proptest-regressions).
    "a activates A # note",
    "a A A ",
    "a activates A [Ye et al., 2018]",
    "A a a [.] ",
    "a activates A when aging # note",
    "a A a when a ",
    // Citation parts blank by Unicode's whitespace, or by ASCII's alone.
    "A activates B [\u{3000}]",
    "A activates B [é;\u{2003}]",
    "A activates B [x;\u{B}]",
    "A activates B [\t; é]",
    // A lone carriage return: blank in a comment, an error in a name or a citation.
    "# \r a ",
    "a activates b # x\r y",
    "\"c\rd\" activates b",
    "b activates e [P\rQ]",
    "a\rb activates c",
];

#[test]
fn fast_path_known_lines() {
    for src in KNOWN_LINES {
        agree(src);
    }
}
