//! The engine on the shipped knowledge base: every scenario's expectations hold, and the
//! explanation of every outcome renders the same from two separate evaluations.

use std::path::PathBuf;

use marrow::answers::unmet;
use marrow::engine::{Fact, Net, RunConfig, evaluate, net_effects};
use marrow::explain::{chain, derivation, why};
use marrow::program::{State, load_paths};
use marrow::render::{View, json, text};

#[test]
fn shipped_scenarios_meet_their_expectations() {
    // The tutorials (tutorials/) have their own scenarios, tested with the knowledge base.
    let loaded = load_paths(&[PathBuf::from("rules/osseointegration")]);
    assert_eq!(loaded.errors(), 0, "the shipped rules load cleanly");
    let program = &loaded.program;
    let view = View::new(program);
    assert!(!program.scenarios.is_empty());
    let mut failures = Vec::new();
    let mut checked = 0;
    for scenario in program.scenarios.values() {
        let config = RunConfig::from_scenario(scenario);
        let ev = evaluate(program, &config);
        let again = evaluate(program, &config);
        for u in unmet(program, scenario, &ev) {
            failures.push(format!("{} {:?}", scenario.name, u.expect.expectation));
        }
        let effects = net_effects(program, &ev, true);
        for effect in effects
            .iter()
            .filter(|e| e.outcome && e.net != Net::Unaffected)
        {
            for s in [State::Up, State::Down] {
                let Some(id) = ev.state(effect.entity, s) else {
                    continue;
                };
                checked += 1;
                let graph = derivation(&ev, id);
                let rendered = text::tree(&view, &graph);
                let first = rendered.lines().next().unwrap_or_default();
                let fact = format!("{} {}", program.entity_name(effect.entity), s.as_str());
                assert!(first.starts_with(&fact), "{first:?} explains {fact}");
                let line = text::chain(&view, &chain(program, &graph));
                assert!(line.ends_with(&format!("⇒ {}", s.as_str())), "{line}");
                let fact = Fact::State(effect.entity, s);
                assert_eq!(
                    json::why_json(&view, &why(program, &ev, fact, 1)),
                    json::why_json(&view, &why(program, &again, fact, 1)),
                    "byte-identical explanations"
                );
            }
        }
        let first = json::run_json(&view, &ev, Some(&scenario.name), &effects);
        let second = json::run_json(
            &view,
            &again,
            Some(&scenario.name),
            &net_effects(program, &again, true),
        );
        assert_eq!(first, second, "byte-identical runs");
    }
    // Every scenario moves outcomes: the checks above ran on each.
    assert!(
        checked >= program.scenarios.len(),
        "only {checked} explanations checked"
    );
    assert!(
        failures.is_empty(),
        "failed expectations:\n{}",
        failures.join("\n")
    );
}
