//! The engine on the shipped knowledge base: every scenario's expectations hold, and the
//! explanation of every outcome renders.

use std::path::PathBuf;

use marrow::engine::{Fact, Net, RunConfig, evaluate, net_effects};
use marrow::explain::{chain, passes_through, tree, why};
use marrow::program::{Expectation, ExpectedNet, State, load_paths};
use marrow::render::{json, text};

fn net_matches(net: Net, expected: ExpectedNet) -> bool {
    matches!(
        (net, expected),
        (Net::Up, ExpectedNet::Up)
            | (Net::Down, ExpectedNet::Down)
            | (Net::Conflicting, ExpectedNet::Conflicting)
            | (Net::Unaffected, ExpectedNet::Unaffected)
    )
}

#[test]
fn shipped_scenarios_meet_their_expectations() {
    // The tutorials in rules/examples are the front end's; see the engine notes.
    let loaded = load_paths(&[PathBuf::from("rules/osseointegration")]);
    assert_eq!(loaded.errors(), 0, "the shipped rules load cleanly");
    let program = &loaded.program;
    assert!(!program.scenarios.is_empty());
    let mut failures = Vec::new();
    for scenario in program.scenarios.values() {
        let config = RunConfig::from_scenario(scenario);
        let ev = evaluate(program, &config);
        let effects = net_effects(program, &ev, true);
        for expect in &scenario.expects {
            let ok = match expect.expectation {
                Expectation::Net(e, expected) => effects
                    .iter()
                    .find(|x| x.entity == e)
                    .is_some_and(|x| net_matches(x.net, expected)),
                Expectation::Not(e, s) => ev.state(e, s).is_none(),
                Expectation::Via(e, s, through) => ev
                    .state(e, s)
                    .is_some_and(|id| passes_through(&tree(program, &ev, id), through)),
            };
            if !ok {
                failures.push(format!(
                    "{} {}: {:?}",
                    scenario.name,
                    program.sources.file_line(expect.span),
                    expect.expectation
                ));
            }
        }
        // Every changed outcome explains and renders, deterministically.
        for effect in effects
            .iter()
            .filter(|e| e.outcome && e.net != Net::Unaffected)
        {
            for s in [State::Up, State::Down] {
                if let Some(id) = ev.state(effect.entity, s) {
                    let node = tree(program, &ev, id);
                    let rendered = text::tree(program, &node, false);
                    assert!(rendered.lines().count() >= 1);
                    let line = chain(program, &node).text(program);
                    assert!(line.ends_with(s.as_str()), "{line}");
                    let w = why(program, &ev, Fact::State(effect.entity, s), 1);
                    assert_eq!(json::why_json(program, &w), json::why_json(program, &w));
                }
            }
        }
        let first = json::run_json(program, &ev, Some(&scenario.name), &effects);
        let again = evaluate(program, &config);
        let second = json::run_json(
            program,
            &again,
            Some(&scenario.name),
            &net_effects(program, &again, true),
        );
        assert_eq!(first, second, "byte-identical runs");
    }
    assert!(
        failures.is_empty(),
        "failed expectations:\n{}",
        failures.join("\n")
    );
}
