//! The shipped rules as a test suite: every scenario passes `marrow test` (its stored
//! snapshot shows which conclusions a change moved), and every explanation of the
//! knowledge base cites its sources.

use std::path::Path;

use marrow::engine::{Origin, RunConfig, evaluate};
use marrow::explain::{Graph, derivation};
use marrow::program::{Program, State, load_paths};

/// Every scenario of the shipped knowledge base and of the tutorials meets its
/// expectations and matches its stored snapshot (`snapshots/NAME.snap` beside the rule
/// file, written by `marrow test --update`), through the real binary.
#[test]
fn every_shipped_scenario_passes_marrow_test() {
    for folder in ["rules/osseointegration", "tutorials"] {
        let loaded = load_paths(&[Path::new(folder).to_path_buf()]);
        assert_eq!(loaded.errors(), 0, "{folder} loads cleanly");
        let scenarios = loaded.program.scenarios.len();
        assert!(scenarios > 0, "{folder} declares scenarios");
        let out = crate::support::marrow().args(["test", folder]).run();
        out.success();
        assert!(
            out.stdout
                .trim_end()
                .ends_with(&format!("{scenarios} passed, 0 failed")),
            "{}",
            out.stdout
        );
    }
}

/// Every statement of an explanation names its source.
fn uncited(p: &Program, graph: &Graph, out: &mut Vec<String>) {
    for node in &graph.nodes {
        let provenance = match node.origin {
            Origin::Statement(id) => &p.statement(id).provenance,
            Origin::Conjunction(id) => &p.conjunctions[id.0 as usize].provenance,
            _ => continue,
        };
        if p.citations(provenance).is_empty() {
            out.push(format!("{:?}", node.fact));
        }
    }
}

#[test]
fn every_outcome_explanation_cites_the_review() {
    let loaded = load_paths(&[Path::new("rules/osseointegration").to_path_buf()]);
    let p = &loaded.program;
    assert!(p.scenarios.len() >= 13);
    let mut missing = Vec::new();
    let mut explained = 0;
    for sc in p.scenarios.values() {
        let ev = evaluate(p, &RunConfig::from_scenario(sc));
        for &o in &p.outcomes {
            for st in [State::Up, State::Down] {
                if let Some(id) = ev.state(o, st) {
                    explained += 1;
                    let mut bad = Vec::new();
                    uncited(p, &derivation(&ev, id), &mut bad);
                    if !bad.is_empty() {
                        missing.push(format!(
                            "{} {} {}: {bad:?}",
                            sc.name,
                            p.entity_name(o),
                            st.as_str()
                        ));
                    }
                }
            }
        }
    }
    assert!(explained > 50, "only {explained} outcome explanations");
    assert!(missing.is_empty(), "uncited steps: {missing:#?}");
}

/// The audit table's `file:line` references point at statement lines, not at comments
/// or blank lines, so the table cannot silently go stale as the rule files change.
#[test]
fn audit_table_points_at_statements() {
    let table = std::fs::read_to_string("docs/knowledge-base.md").expect("audit table");
    let mut checked = 0;
    let mut rest = table.as_str();
    while let Some(i) = rest.find(".rules:") {
        let start = rest[..i]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .map_or(0, |p| p + 1);
        let file = &rest[start..i];
        let digits: String = rest[i + 7..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        rest = &rest[i + 7..];
        let Ok(line) = digits.parse::<usize>() else {
            continue;
        };
        let path = format!("rules/osseointegration/{file}.rules");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path} exists"));
        let content = text.lines().nth(line - 1).unwrap_or("").trim();
        assert!(
            !content.is_empty() && !content.starts_with('#') && content != "}",
            "{file}.rules:{line} is not a statement: {content:?}"
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} references checked");
}
