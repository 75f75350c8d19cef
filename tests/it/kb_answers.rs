//! The knowledge base's answers that once no immunologist would sign: each is pinned here
//! from the rule files themselves (nothing is counted by hand).

use crate::support::marrow;
use marrow::engine::{Fact, Net, RunConfig, evaluate, net_effects};
use marrow::explain::why;
use marrow::program::{ClampKind, Program, State, load_paths};

fn kb() -> Program {
    load_paths(&["rules/osseointegration".into()]).program
}

fn net(p: &Program, config: &RunConfig, name: &str) -> Net {
    let ev = evaluate(p, config);
    let e = p.lookup(name).expect("entity");
    net_effects(p, &ev, true)
        .into_iter()
        .find(|x| x.entity == e)
        .map_or(Net::Unaffected, |x| x.net)
}

fn given(p: &Program, names: &[&str]) -> RunConfig {
    let mut config = RunConfig::default();
    for n in names {
        let e = p.lookup(n).expect("given");
        marrow::answers::spec::clamp(&mut config, e, State::Up, ClampKind::Given);
    }
    config
}

const M1_PRODUCTS: &[&str] = &["M1-polarization", "TNF-α", "IL-1", "IL-6", "iNOS"];

#[test]
fn il4_raises_no_m1_product() {
    let p = kb();
    let config = RunConfig::from_scenario(&p.scenarios["m2a-induction"]);
    for name in M1_PRODUCTS {
        assert!(
            !matches!(net(&p, &config, name), Net::Up | Net::Conflicting),
            "{name} goes up under IL-4"
        );
    }
    // Nor does M2 itself raise M1.
    let config = given(&p, &["M2-polarization"]);
    assert_ne!(net(&p, &config, "M1-polarization"), Net::Up);
}

#[test]
fn exosomes_raise_neither_inos_il1_nor_nk_cells() {
    let p = kb();
    let config = given(&p, &["BMSC-exosome"]);
    for name in ["iNOS", "IL-1", "NK-cell-response"] {
        assert!(
            !matches!(net(&p, &config, name), Net::Up | Net::Conflicting),
            "{name} goes up under BMSC exosomes"
        );
    }
}

#[test]
fn exosome_answers_are_the_reviews_direction_without_a_lean() {
    let p = kb();
    let config = given(&p, &["BMSC-exosome"]);
    for (name, want) in [
        ("inflammation", Net::Down),
        ("M1-polarization", Net::Down),
        ("M2-polarization", Net::Up),
        ("TNF-α", Net::Down),
        ("IL-6", Net::Down),
    ] {
        assert_eq!(net(&p, &config, name), want, "{name}");
    }
    // With the disputed slips on, the conflicts come back: the slips are what made them.
    let mut with = config.clone();
    with.with_disputed = true;
    assert_eq!(net(&p, &with, "M2-polarization"), Net::Conflicting);
}

#[test]
fn every_disputed_statement_is_listed_by_check() {
    let p = kb();
    let disputed = p
        .statements
        .iter()
        .filter(|s| s.provenance.disputed())
        .count()
        + p.conjunctions
            .iter()
            .filter(|c| c.provenance.disputed())
            .count();
    assert!(disputed > 0);
    let run = marrow().args(["check", "rules/osseointegration"]).run();
    assert!(
        run.stdout.contains(&format!("; {disputed} disputed")),
        "{}",
        run.stdout
    );
    let listed = run.stdout.lines().filter(|l| l.starts_with("  \"")).count();
    assert_eq!(listed, disputed, "{}", run.stdout);
}

#[test]
fn why_shows_the_mechanisms_behind_the_summaries() {
    let p = kb();
    let config = given(&p, &["BMSC-exosome"]);
    let ev = evaluate(&p, &config);
    for (outcome, mechanism) in [("osteogenesis", "miR-935"), ("angiogenesis", "VEGF")] {
        let e = p.lookup(outcome).expect("outcome");
        let w = why(&p, &ev, Fact::State(e, State::Up), 1);
        let m = p.lookup(mechanism).expect("mechanism");
        assert!(
            w.evidence
                .lines
                .iter()
                .any(|l| l.chain.links.iter().any(|k| k.entity == m)),
            "{outcome}: {mechanism} is among the lines of evidence"
        );
    }
}
