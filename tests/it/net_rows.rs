//! A big run's rows are in the order `run` documents, computed the obvious way: declared
//! outcomes first in declared order, then every other entity by its stronger side,
//! strongest first, then by name (the rows are sorted by a name's first eight bytes
//! before the name itself, and strengths tie often in a network).

use marrow::engine::{Cost, NetEffect, RunConfig, evaluate, net_effect, net_effects};
use marrow::program::{EntityId, Net, load_text};

use crate::support::network;

#[test]
fn rows_of_a_big_run_in_the_documented_order() {
    let mut buf = Vec::new();
    // Few confidence words, so strengths tie often and names decide.
    network::write(&mut buf, 60_000, 20_000, 11).expect("generated");
    let mut text = String::from_utf8(buf).expect("ASCII");
    text.push_str("outcome g17, g4, g19999\n");
    rows_in_order(&text);
    // Names whose first eight bytes are all the same: the names themselves decide.
    rows_in_order(&longer_names(&text));
}

/// The text with every name `gN` written `protein_gN`.
fn longer_names(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, c) in text.char_indices() {
        let starts_name = c == 'g'
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'\n'))
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if starts_name {
            out.push_str("protein_");
        }
        out.push(c);
    }
    out
}

fn rows_in_order(text: &str) {
    let loaded = load_text("net.rules", text);
    assert_eq!(loaded.errors(), 0);
    let program = &loaded.program;
    let scenario = program.scenarios.get("bench").expect("bench scenario");
    let ev = evaluate(program, &RunConfig::from_scenario(scenario));
    let stronger = |e: &NetEffect| {
        let c = |side: Option<marrow::engine::Side>| side.map_or(Cost::NEVER, |s| s.cost);
        c(e.up).min(c(e.down))
    };
    for include_unaffected in [true, false] {
        let keep = |e: &NetEffect| include_unaffected || e.net != Net::Unaffected;
        let mut expected: Vec<NetEffect> = program
            .outcomes
            .iter()
            .map(|&e| net_effect(program, &ev, e))
            .filter(keep)
            .collect();
        let mut others: Vec<NetEffect> = (0..program.entities.len() as u32)
            .map(EntityId)
            .filter(|e| !program.outcomes.contains(e))
            .map(|e| net_effect(program, &ev, e))
            .filter(keep)
            .collect();
        assert!(
            others.len() > 16_384,
            "{} rows: too few for two cores",
            others.len()
        );
        others.sort_by(|a, b| {
            stronger(a).cmp(&stronger(b)).then_with(|| {
                program
                    .entity_name(a.entity)
                    .cmp(program.entity_name(b.entity))
            })
        });
        expected.extend(others);
        assert_eq!(net_effects(program, &ev, include_unaffected), expected);
    }
}
