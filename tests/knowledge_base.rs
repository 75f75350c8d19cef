//! The shipped rules as a test suite: every scenario's net effects and the explanation of
//! each outcome are snapshotted (a change to the rules or the engine shows which
//! conclusions moved), and every explanation of the knowledge base cites its sources.

use std::path::Path;

use marrow::engine::{Origin, RunConfig, evaluate};
use marrow::explain::{Graph, derivation};
use marrow::program::{Program, State, load_paths};
use marrow::render::{View, snapshot};

fn relative(path: &Path) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[test]
fn scenarios_of_every_rule_file() {
    insta::glob!("../rules", "**/*.rules", |path| {
        // A rule file is one part of the model in its folder: load the folder, then
        // snapshot the scenarios this file declares.
        let rel = relative(path);
        let folder = rel.parent().unwrap_or(Path::new("rules")).to_path_buf();
        let loaded = load_paths(&[folder]);
        assert_eq!(
            loaded.errors(),
            0,
            "{} does not load cleanly",
            rel.display()
        );
        let p = &loaded.program;
        let mut out = String::new();
        for sc in p.scenarios.values() {
            if p.sources.get(sc.span.file).name != rel.to_string_lossy() {
                continue;
            }
            let ev = evaluate(p, &RunConfig::from_scenario(sc));
            out.push_str(&snapshot::render(&View::new(p), sc, &ev));
            out.push('\n');
        }
        if out.is_empty() {
            out.push_str("(no scenarios in this file)\n");
        }
        insta::assert_snapshot!(out);
    });
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
