//! Explanations and their renderings on the language reference's worked example, byte
//! for byte.

use crate::support::engine::Builder;
use marrow::engine::Origin;
use marrow::engine::{Fact, RunConfig, evaluate, net_effects};
use marrow::explain::{Finding, alternatives, chain, derivation, why, why_not};
use marrow::program::{ClampKind, Program, State};
use marrow::render::{View, json, text};

/// hypoxia → BMSC-exosome → miR-223 ⊣ PKNOX1 → IL-1β ⊣ M2-polarization, plus a weaker
/// parallel path, a context and a null result.
fn example() -> (Builder, RunConfig) {
    let mut b = Builder::new();
    b.prelude();
    b.statement("hypoxia", "promotes", "BMSC-exosome", 0.9);
    b.statement("BMSC-exosome", "carries", "miR-223", 0.9);
    b.statement("miR-223", "inhibits", "PKNOX1", 0.9);
    b.statement("PKNOX1", "promotes", "IL-1β", 0.7);
    b.statement("IL-1β", "inhibits", "M2-polarization", 0.9);
    b.statement("hypoxia", "activates", "M2-polarization", 0.1);
    let mac = b.context("macrophage");
    let (stat6, m2) = (b.entity("STAT6"), b.id("M2-polarization"));
    b.statement_full(stat6, "activates", m2, 0.7, &[], &[mac]);
    let osteo = b.entity("osteoclastogenesis");
    b.outcome(m2);
    b.outcome(osteo);
    let hyp = b.id("hypoxia");
    b.null(hyp, b.id("IL-1β"), &[]);
    let config = RunConfig {
        clamps: vec![b.given("hypoxia")],
        contexts: vec![b.context("osteoblast")],
        ..RunConfig::default()
    };
    (b, config)
}

fn id(p: &Program, name: &str) -> marrow::program::EntityId {
    p.lookup(name).expect("entity")
}

#[test]
fn tree_text_matches_the_design_style() {
    let (b, config) = example();
    let p = &b.program;
    let ev = evaluate(p, &config);
    let m2 = ev
        .state(id(p, "M2-polarization"), State::Up)
        .expect("M2 up");
    let got = text::tree(&View::new(p), &derivation(&ev, m2));
    let expected = "\
M2-polarization up                                             strength 0.37
└─ disinhibition  IL-1β down, IL-1β inhibits M2-polarization
   ├─ IL-1β down                                               strength 0.46
   │  └─ activation-loss  PKNOX1 down, PKNOX1 promotes IL-1β
   │     ├─ PKNOX1 down                                        strength 0.73
   │     │  └─ inhibition  miR-223 up, miR-223 inhibits PKNOX1
   │     │     ├─ miR-223 up                                   strength 0.81
   │     │     │  └─ delivery  BMSC-exosome up, BMSC-exosome carries miR-223
   │     │     │     ├─ BMSC-exosome up                        strength 0.90
   │     │     │     │  └─ activation  hypoxia up, hypoxia promotes BMSC-exosome
   │     │     │     │     ├─ hypoxia up                       strength 1.00  given
   │     │     │     │     └─ hypoxia promotes BMSC-exosome    strength 0.90  test.rules:8  [Cite 00007]
   │     │     │     └─ BMSC-exosome carries miR-223           strength 0.90  test.rules:10  [Cite 00009]
   │     │     └─ miR-223 inhibits PKNOX1                      strength 0.90  test.rules:12  [Cite 00011]
   │     └─ PKNOX1 promotes IL-1β                              strength 0.70  test.rules:14  [Cite 00013]
   └─ IL-1β inhibits M2-polarization                           strength 0.90  test.rules:16  [Cite 00015]
";
    assert_eq!(got, expected, "\n{got}");
}

#[test]
fn chain_follows_the_causal_spine_in_the_users_words() {
    let (b, config) = example();
    let p = &b.program;
    let ev = evaluate(p, &config);
    let m2 = ev
        .state(id(p, "M2-polarization"), State::Up)
        .expect("M2 up");
    let c = chain(p, &derivation(&ev, m2));
    assert_eq!(
        text::chain(&View::new(p), &c),
        "hypoxia →promotes→ BMSC-exosome →carries→ miR-223 ⊣inhibits⊣ PKNOX1 →promotes→ IL-1β ⊣inhibits⊣ M2-polarization ⇒ up"
    );
    let il = ev.state(id(p, "IL-1β"), State::Down).expect("IL-1β down");
    let graph = derivation(&ev, il);
    assert!(graph.passes_through(id(p, "PKNOX1")));
    assert!(!graph.passes_through(id(p, "STAT6")));
}

#[test]
fn knockout_chains_start_from_the_lowered_state() {
    let (b, _) = example();
    let p = &b.program;
    let config = RunConfig {
        clamps: vec![b.clamp("PKNOX1", State::Down, ClampKind::Knockout)],
        contexts: vec![],
        ..RunConfig::default()
    };
    let ev = evaluate(p, &config);
    let m2 = ev
        .state(id(p, "M2-polarization"), State::Up)
        .expect("M2 up");
    assert_eq!(
        text::chain(&View::new(p), &chain(p, &derivation(&ev, m2))),
        "PKNOX1 down →promotes→ IL-1β ⊣inhibits⊣ M2-polarization ⇒ up"
    );
}

#[test]
fn alternatives_are_listed_strongest_first() {
    let (b, config) = example();
    let p = &b.program;
    let ev = evaluate(p, &config);
    let m2 = Fact::State(id(p, "M2-polarization"), State::Up);
    let alts = alternatives(p, &ev, m2, 5);
    let summary: Vec<(Option<&str>, String)> = alts
        .iter()
        .map(|g| {
            let root = g.root_node();
            let rule = match root.origin {
                Origin::Rule(r) => Some(p.rule(r).name.as_str()),
                _ => None,
            };
            (rule, format!("{:.4}", root.strength))
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (Some("disinhibition"), "0.3720".to_string()),
            (Some("activation"), "0.1000".to_string()),
        ]
    );
    assert_eq!(alts[0], derivation(&ev, ev.fact_id(&m2).expect("holds")));
    assert_eq!(alternatives(p, &ev, m2, 1).len(), 1);
}

#[test]
fn why_not_names_missing_premises_inactive_statements_and_null_results() {
    let (b, config) = example();
    let p = &b.program;
    let ev = evaluate(p, &config);
    let w = why_not(p, &ev, Fact::State(id(p, "IL-1β"), State::Up), 2);
    assert!(!w.holds);
    let lines = text::why_not(&View::new(p), &w).join("\n");
    let expected = "\
IL-1β up does not hold
  activation: PKNOX1 up, PKNOX1 promotes IL-1β ⇒ IL-1β up
    missing: PKNOX1 up
      PKNOX1 up does not hold
        activation: nothing in this run matches `?x activates PKNOX1`
        disinhibition: miR-223 down, miR-223 inhibits PKNOX1 ⇒ PKNOX1 up
          missing: miR-223 down
        delivery: nothing in this run matches `?x carries PKNOX1`
  disinhibition: nothing in this run matches `?x inhibits IL-1β`
  delivery: nothing in this run matches `?x carries IL-1β`
  null result: `hypoxia does not affect IL-1β` (test.rules:22) [Cite 00021]";
    assert_eq!(lines, expected, "\n{lines}");

    let m2 = why_not(
        p,
        &ev,
        Fact::State(id(p, "M2-polarization"), State::Down),
        1,
    );
    let lines = text::why_not(&View::new(p), &m2);
    assert!(
        lines.contains(&"  inactive: STAT6 activates M2-polarization (test.rules:20): context macrophage not selected".to_string()),
        "{lines:#?}"
    );
    // A clamp blocks the opposite state.
    let h = why_not(p, &ev, Fact::State(id(p, "hypoxia"), State::Down), 1);
    assert!(matches!(
        h.findings.first(),
        Some(Finding::Blocked(c)) if c.kind == ClampKind::Given
    ));
}

#[test]
fn why_json_is_a_graph_with_the_documented_keys() {
    let (b, config) = example();
    let p = &b.program;
    let ev = evaluate(p, &config);
    let w = why(p, &ev, Fact::State(id(p, "BMSC-exosome"), State::Up), 1);
    let got = json::why_json(&View::new(p), &w);
    let expected = r#"{
  "marrow": "0.1.0",
  "fact": "BMSC-exosome up",
  "holds": true,
  "derivation": {
    "root": 2,
    "nodes": [
      {
        "id": 0,
        "fact": "hypoxia up",
        "by": "given",
        "rule": null,
        "strength": 1.0,
        "steps": 0,
        "source": null,
        "also_stated": [],
        "citations": [],
        "context": [],
        "premises": []
      },
      {
        "id": 1,
        "fact": "hypoxia promotes BMSC-exosome",
        "by": "statement",
        "rule": null,
        "strength": 0.9,
        "steps": 0,
        "source": {
          "file": "test.rules",
          "line": 8,
          "column": 1
        },
        "also_stated": [],
        "citations": [
          "Cite 00007"
        ],
        "context": [],
        "premises": []
      },
      {
        "id": 2,
        "fact": "BMSC-exosome up",
        "by": "rule",
        "rule": "activation",
        "strength": 0.9,
        "steps": 1,
        "source": {
          "file": "test.rules",
          "line": 1,
          "column": 1
        },
        "also_stated": [],
        "citations": [],
        "context": [],
        "premises": [
          0,
          1
        ]
      }
    ]
  },
  "opposing": null,
  "chain": null,
  "alternatives": [],
  "evidence": [],
  "evidence_count": {
    "derivations": 1,
    "intermediates": 0,
    "sources": 1,
    "complete": true
  },
  "why_not": [],
  "disputed": []
}
"#;
    assert_eq!(got, expected, "\n{got}");
    let not = why(
        p,
        &ev,
        Fact::State(id(p, "osteoclastogenesis"), State::Up),
        1,
    );
    let v: serde_json::Value =
        serde_json::from_str(&json::why_json(&View::new(p), &not)).expect("json");
    assert_eq!(v["holds"], false);
    assert_eq!(v["derivation"], serde_json::Value::Null);
    assert!(v["why_not"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn run_json_and_effects_table() {
    let (b, config) = example();
    let p = &b.program;
    let ev = evaluate(p, &config);
    let effects = net_effects(p, &ev, false);
    let got = json::run_json(&View::new(p), &ev, Some("hypoxic-exosomes"), &effects);
    let v: serde_json::Value = serde_json::from_str(&got).expect("json");
    assert_in_order(
        &got,
        &[
            "\"scenario\": \"hypoxic-exosomes\"",
            "\"contexts\"",
            "\"givens\"",
            "\"effects\"",
        ],
    );
    assert_eq!(v["contexts"], serde_json::json!(["osteoblast"]));
    assert_eq!(
        v["givens"],
        serde_json::json!([{"entity": "hypoxia", "state": "up", "clamp": "given"}])
    );
    let first = &v["effects"][0];
    let effects_at = got.find("\"effects\"").expect("effects");
    assert_in_order(
        &got[effects_at..],
        &[
            "\"entity\"",
            "\"outcome\"",
            "\"net\"",
            "\"lean\"",
            "\"margin\"",
            "\"up\"",
            "\"down\"",
            "\"notes\"",
        ],
    );
    assert_eq!(first.as_object().map(|o| o.len()), Some(8));
    assert_eq!(first["entity"], "M2-polarization");
    // Full precision: the product of the factors as computed, not rounded to 6 decimals.
    let up = first["up"]["strength"].as_f64().unwrap_or(0.0);
    assert!((up - 0.3720087).abs() < 1e-12, "{up}");
    assert_eq!(first["up"]["steps"], 5);
    let table = text::effects_table(&View::new(p), &effects);
    let expected = "\
OUTCOME          NET          UP        DOWN
M2-polarization  up           0.37 (5)  –

ENTITY           NET          UP        DOWN
hypoxia          up           1.00 (0)  –         given
BMSC-exosome     up           0.90 (1)  –
miR-223          up           0.81 (2)  –
PKNOX1           down         –         0.73 (3)
IL-1β            down         –         0.46 (4)
  ! contradicts `hypoxia does not affect IL-1β` (test.rules:22) [Cite 00021]
";
    assert_eq!(table, expected, "\n{table}");
    // Colour only when asked for.
    assert!(!table.contains('\x1b'));
    assert!(text::effects_table(&View::new(p).colour(true), &effects).contains("\x1b[32m"));
    // Byte-identical on a second run.
    let again = evaluate(p, &config);
    assert_eq!(
        json::run_json(
            &View::new(p),
            &again,
            Some("hypoxic-exosomes"),
            &net_effects(p, &again, false)
        ),
        got
    );
}

/// Each key occurs, and in the order given (serde_json::Value would sort them).
fn assert_in_order(doc: &str, keys: &[&str]) {
    let mut at = 0;
    for key in keys {
        let found = doc[at..]
            .find(key)
            .unwrap_or_else(|| panic!("{key} after {at} in {doc}"));
        at += found + key.len();
    }
}
