//! Every rule of what marrow concludes (docs/language.md) as a small rule file in
//! `tests/cases/run/`: each scenario's expectations must hold, and its net effects and the
//! derivation of every changed entity
//! are snapshotted in the stable text rendering.

use std::fmt::Write;

use marrow::commands::test::unmet;
use marrow::engine::{Net, RunConfig, evaluate, net_effects};
use marrow::explain::derivation;
use marrow::program::{State, load_paths};
use marrow::render::{View, text};

use crate::support::corpus::root;

#[test]
fn run_cases() {
    insta::glob!("../cases/run", "*.rules", |path| {
        let rel = path.strip_prefix(root()).unwrap_or(path).to_path_buf();
        let loaded = load_paths(&[rel]);
        let p = &loaded.program;
        let errors: Vec<String> = loaded
            .diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(&p.sources, false))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        assert!(!p.scenarios.is_empty(), "a run case declares scenarios");
        let view = View::new(p);
        let mut out = String::new();
        for sc in p.scenarios.values() {
            let ev = evaluate(p, &RunConfig::from_scenario(sc));
            let failed = unmet(p, sc, &ev);
            assert!(
                failed.is_empty(),
                "scenario {}:\n{}",
                sc.name,
                failed.concat()
            );
            let effects = net_effects(p, &ev, false);
            let _ = writeln!(out, "=== scenario {}\n", sc.name);
            out.push_str(&text::effects_table(&view, &effects));
            for e in effects
                .iter()
                .filter(|e| e.net != Net::Unaffected && e.clamp.is_none())
            {
                for st in [State::Up, State::Down] {
                    if let Some(id) = ev.state(e.entity, st) {
                        out.push('\n');
                        out.push_str(&text::tree(&view, &derivation(&ev, id)));
                    }
                }
            }
            out.push('\n');
        }
        insta::assert_snapshot!(out);
    });
}
