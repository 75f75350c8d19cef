//! Derivations share parts: a ladder whose every rung needs two facts derived from the
//! rung below doubles in size at every level when expanded as a tree (2^40 nodes at 40
//! levels). As a graph it has two nodes per level, so every output stays linear.

use crate::support::{marrow, temp_file};
use marrow::engine::{Fact, RunConfig, evaluate};
use marrow::explain::{alternatives, derivation, why};
use marrow::program::{Clamp, ClampKind, State, load_text};
use marrow::render::{View, json, text};

const LEVELS: usize = 40;

/// `x0` given; `x_i activates y_i`; `when x_i up and y_i up then x_{i+1} up`.
fn ladder(levels: usize) -> String {
    let mut s = String::from("scenario climb {\n  given x0 up\n}\n");
    for i in 0..levels {
        s.push_str(&format!("x{i} activates y{i} confidence 1\n"));
        s.push_str(&format!(
            "when x{i} up and y{i} up then x{} up confidence 1\n",
            i + 1
        ));
    }
    s
}

#[test]
fn a_forty_level_ladder_explains_as_a_graph() {
    let loaded = load_text("ladder.rules", &ladder(LEVELS));
    assert_eq!(loaded.errors(), 0);
    let p = &loaded.program;
    let x0 = p.lookup("x0").expect("x0");
    let top = p.lookup(&format!("x{LEVELS}")).expect("top");
    let config = RunConfig {
        clamps: vec![Clamp {
            entity: x0,
            state: State::Up,
            kind: ClampKind::Given,
        }],
        contexts: vec![],
        ..RunConfig::default()
    };
    let ev = evaluate(p, &config);
    let id = ev.state(top, State::Up).expect("the top rung holds");
    let graph = derivation(&ev, id);
    // x_i up, y_i up and x_i activates y_i per level, plus the top and the given.
    assert!(graph.nodes.len() <= 3 * LEVELS + 2, "{}", graph.nodes.len());
    let view = View::new(p);
    let tree = text::tree(&view, &graph);
    assert!(
        tree.lines().count() < 10 * LEVELS,
        "{} lines",
        tree.lines().count()
    );
    assert!(tree.contains("(derived above)"));
    let w = why(p, &ev, Fact::State(top, State::Up), 1);
    let doc = json::why_json(&view, &w);
    assert!(doc.contains(&format!("\"x{LEVELS} up\"")), "{doc}");
    assert!(doc.len() < 2_000 * LEVELS);
    let alts = alternatives(p, &ev, Fact::State(top, State::Up), 3);
    assert!(!alts.is_empty());
    assert!(alts.iter().all(|g| g.nodes.len() <= 3 * LEVELS + 2));
}

#[test]
fn every_why_output_of_the_ladder_stays_small() {
    let f = temp_file("ladder.rules", ladder(LEVELS));
    let top = format!("x{LEVELS}");
    for extra in [
        &[][..],
        &["--chain"],
        &["--alternatives", "3"],
        &["--format", "json"],
    ] {
        let mut args = vec!["why", &top, "up", "-r", f.path(), "--scenario", "climb"];
        args.extend_from_slice(extra);
        let out = marrow().args(&args).run();
        out.success();
        // Small, and still the answer.
        assert!(out.stdout.contains(&format!("x{LEVELS}")), "{out}");
        assert!(
            out.stdout.len() < 4_000 * LEVELS,
            "{args:?}: {} bytes",
            out.stdout.len()
        );
    }
}
