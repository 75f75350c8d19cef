//! Lowering a big file on two cores gives exactly the program and the diagnostics of
//! lowering it in one pass: same entities in the same order, same statements, same
//! errors at the same places, whichever thread lowers which block and whatever the size
//! of the pieces the threads hand over.

use marrow::program::{Loaded, dump::dump, load_text_in_pieces, load_text_with};
use proptest::prelude::*;

use crate::fast_path::{KNOWN_LINES, line};
use crate::support::program::{Profile, program};

use crate::support::network;

fn rendering(l: &Loaded) -> String {
    let mut out = dump(&l.program);
    for d in &l.diags {
        out.push_str(&d.render(&l.program.sources, false));
    }
    out
}

fn same_both_ways(text: &str) {
    let one_pass = rendering(&load_text_with("net.rules", text, usize::MAX));
    let two_cores = load_text_with("net.rules", text, 0);
    assert_eq!(one_pass, rendering(&two_cores));
    // Handed over a few statements at a time, as a big file is in pieces.
    for piece in [1, 3] {
        let pieces = load_text_in_pieces("net.rules", text, 0, piece);
        assert_eq!(one_pass, rendering(&pieces), "pieces of {piece}");
    }
}

/// The benchmarks' network (20,000 statements over 2,000 names), in all 64 blocks.
#[test]
fn generated_network() {
    let mut buf = Vec::new();
    network::write(&mut buf, 20_000, 2_000, 7).expect("generated");
    same_both_ways(&String::from_utf8(buf).expect("ASCII"));
}

#[test]
fn second_half_with_everything_the_worker_must_leave_to_the_main_thread() {
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!("g{i} activates g{} [A et al., 2020]\n", i + 1));
    }
    // Second half: names first seen here, aliases declared late, a custom verb used
    // before its declaration, conditions, contexts, errors, a scenario.
    for i in 0..300 {
        text.push_str(&format!(
            "h{i} silences g{i} when g{} down confidence 0.5\n",
            i + 2
        ));
        match i {
            50 => text.push_str("context m {\n  h1 activates \"quoted name\"\n}\n"),
            100 => text.push_str("g5 activates g6 in m confidence high\n"),
            150 => text.push_str("g7 frobs g8\nbroken line here\n"),
            200 => text.push_str("entity g1 aka h299\nverb silences = inhibits\n"),
            250 => text.push_str("IL-1β activates g3 confidence 2\n"),
            _ => {}
        }
    }
    text.push_str("scenario s {\n  given g0\n  expect g9 up\n}\n");
    same_both_ways(&text);
    // Every form also resumes correctly when the worker stops on the very first line.
    same_both_ways(&format!("context m {{\n  a activates b\n}}\n{text}"));
}

/// The main thread's blocks lower by the same short path: whatever it must leave to the
/// full lowering (blocks, contexts, errors, a late alias, a verb used before its
/// declaration) is lowered there, up to the end of its block, in its place.
#[test]
fn first_half_with_everything_the_short_path_must_leave() {
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!(
            "h{i} silences g{i} when g{} down
",
            i + 2
        ));
        match i {
            40 => text.push_str("context m {\n  h1 activates \"quoted name\"\n}\n"),
            90 => text.push_str("g5 activates g6 in m confidence high\n"),
            140 => text.push_str("g7 frobs g8\nbroken line here\n\" \" targets g9\n"),
            190 => text.push_str("entity g1 aka h299\nverb silences = inhibits\n"),
            240 => text.push_str("IL-1β activates g3 confidence 2 [A; ]\n"),
            _ => {}
        }
    }
    for i in 0..300 {
        text.push_str(&format!("g{i} activates g{} [A et al., 2020]\n", i + 1));
    }
    same_both_ways(&text);
}

/// A `when` that names an entity first in a later block: one pass meets the subject
/// first, then the condition; a line the worker gives back (it takes no contexts) must
/// leave no name behind.
#[test]
fn a_condition_first_named_in_the_second_half() {
    same_both_ways("a activates b\nc activates d\ne activates f when g\n");
    same_both_ways("a activates b\nc activates d\ne activates f when g in m\n");
}

/// A quoted name of blanks in a later block gets the one-pass `a name cannot be empty`.
#[test]
fn a_blank_quoted_name_in_the_second_half() {
    same_both_ways("a activates b\nc activates d\n\" \" targets e\n");
    same_both_ways("a activates b\nc activates d\ne targets \" \"\n");
    same_both_ways("a activates b\nc activates d\ne targets f when \" \"\n");
}

/// Lines whose places or ids do not fit the short path's compact record (a verb or
/// citations more than 64 KiB into the line, more distinct confidences than a record can
/// index) are lowered by the full lowering, in their place.
#[test]
fn lines_the_compact_record_cannot_hold() {
    let long = "x".repeat(70_000);
    let mut text = String::new();
    for i in 0..200 {
        text.push_str(&format!("g{i} activates g{}\n", i + 1));
        match i {
            20 | 150 => text.push_str(&format!("{long} activates g{i}\n")),
            60 | 170 => text.push_str(&format!("g{i} activates {long} [PMID:1]\n")),
            _ => {}
        }
    }
    same_both_ways(&text);
    // Each half holds more than 65,536 distinct confidences.
    let text: String = (0..150_000)
        .map(|i| {
            format!(
                "a{} activates b{} confidence 0.{:06}\n",
                i / 400,
                i % 400,
                i + 1
            )
        })
        .collect();
    same_both_ways(&text);
}

/// The lines the statement fast path is tested on, each among plain lines in either
/// half, and in a file that starts with it (where both chunks may stop at once).
#[test]
fn known_near_misses_in_either_half() {
    for line in KNOWN_LINES {
        same_both_ways(&between_plain_lines(&[line.to_string()]));
        same_both_ways(&format!("{line}\n{}", plain_lines(0..20)));
    }
}

fn plain_lines(ids: std::ops::Range<usize>) -> String {
    ids.map(|i| format!("g{i} activates g{}\n", i + 1))
        .collect()
}

/// Each line after twenty plain ones, and twenty more after the last: block starts fall
/// among them, and each chunk meets its share.
fn between_plain_lines(lines: &[String]) -> String {
    let mut text = String::new();
    for (k, line) in lines.iter().enumerate() {
        text.push_str(&plain_lines(20 * k..20 * k + 20));
        text.push_str(line);
        text.push('\n');
    }
    text + &plain_lines(0..20)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Statement-like lines, most of them near-misses of a plain statement that the
    /// chunks must give back to the full lowering, among plain lines.
    #[test]
    fn near_misses_among_plain_lines(lines in prop::collection::vec(line(), 1..6)) {
        same_both_ways(&between_plain_lines(&lines));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random files of every kind, split wherever their middle falls: plain statement
    /// lines (the worker's), near-misses it must give back, and every other construct.
    #[test]
    fn random_programs(
        program in prop_oneof![
            program(Profile::Lines),
            program(Profile::Layout),
            program(Profile::Engine),
        ],
    ) {
        same_both_ways(&program.to_text());
    }
}

/// Only the grammar's blanks make a blank line: any other Unicode space is an error in
/// any block.
#[test]
fn unicode_spaces_are_not_blank() {
    for space in ["\u{3000}", "\u{A0}", "\u{2003}", "\u{85}", " \u{3000} # c"] {
        same_both_ways(&format!(
            "a activates b\nc activates d\n{space}\ne activates f\n"
        ));
        same_both_ways(&format!("{space}\n{}", plain_lines(0..20)));
    }
}

/// A diagnostic deep in a big file lowered on two cores is placed on its line, with its
/// line shown, wherever the line index's blocks fall.
#[test]
fn diagnostics_deep_in_a_big_file_name_their_lines() {
    let mut text = plain_lines(0..300_000);
    text.push_str("g5 activates g6\n");
    let shown = rendering(&load_text_with("net.rules", &text, 0));
    assert!(shown.contains("net.rules:300001:1"), "{shown}");
    assert!(shown.contains("300001 │ g5 activates g6"), "{shown}");
    assert!(shown.contains("net.rules:6:1"), "{shown}");
    assert!(shown.contains("\n 6 │ g5 activates g6\n"), "{shown}");
}
