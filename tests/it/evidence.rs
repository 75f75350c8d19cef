//! Lines of evidence: acyclic, distinct, strongest first, bounded by a budget, counted.

use std::collections::HashSet;

use crate::support::{marrow, temp_file};
use marrow::engine::{Fact, RunConfig, evaluate};
use marrow::explain::{BUDGET, alternatives, evidence, why};
use marrow::program::{ClampKind, EntityId, State, load_paths, load_text};

fn run_given(src: &str, given: &str) -> (marrow::program::Program, RunConfig) {
    let loaded = load_text("t.rules", src);
    let p = loaded.program;
    let mut config = RunConfig::default();
    let e = p.lookup(given).expect("given");
    marrow::answers::spec::clamp(&mut config, e, State::Up, ClampKind::Given);
    (p, config)
}

/// `n` parallel two-step routes from T to X, each with its own citation.
fn fan(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "T activates a{i} [Src {i}]\na{i} activates X [Src {i}]\n"
        ));
    }
    s
}

#[test]
fn counts_come_from_the_routes() {
    for n in [1, 3, 7] {
        let (p, config) = run_given(&fan(n), "T");
        let ev = evaluate(&p, &config);
        let x = p.lookup("X").expect("X");
        let w = why(&p, &ev, Fact::State(x, State::Up), 1);
        let c = w.evidence.count;
        assert_eq!(c.derivations, n);
        assert_eq!(c.intermediates, n);
        assert_eq!(c.sources, n);
        assert!(c.complete);
        // The strongest derivation is the tree; the others are listed, up to five.
        assert_eq!(w.evidence.lines.len(), (n - 1).min(5));
    }
}

#[test]
fn a_small_budget_gives_lower_bounds() {
    let n = 50;
    let (p, config) = run_given(&fan(n), "T");
    let ev = evaluate(&p, &config);
    let x = p.lookup("X").expect("X");
    let fact = Fact::State(x, State::Up);
    let full = evidence(&p, &ev, fact, None, 5, BUDGET);
    assert!(full.count.complete);
    assert_eq!(full.count.derivations, n);
    let cut = evidence(&p, &ev, fact, None, 5, 20);
    assert!(!cut.count.complete);
    assert!(cut.count.derivations < n);
}

fn entities_of(line: &marrow::explain::EvidenceLine) -> Vec<EntityId> {
    line.chain
        .start_entity
        .into_iter()
        .chain(line.chain.links.iter().map(|l| l.entity))
        .collect()
}

#[test]
fn lines_never_circle_and_are_distinct_on_the_knowledge_base() {
    let loaded = load_paths(&["rules/osseointegration".into()]);
    let p = &loaded.program;
    let mut config = RunConfig::default();
    let exo = p.lookup("BMSC-exosome").expect("exosome");
    marrow::answers::spec::clamp(&mut config, exo, State::Up, ClampKind::Given);
    let ev = evaluate(p, &config);
    for name in [
        "osteogenesis",
        "angiogenesis",
        "M2-polarization",
        "osseointegration",
    ] {
        let e = p.lookup(name).expect("outcome");
        let fact = Fact::State(e, State::Up);
        let all = evidence(p, &ev, fact, None, 1000, BUDGET);
        assert!(all.count.derivations >= all.lines.len());
        let mut seen = HashSet::new();
        for line in &all.lines {
            let ents = entities_of(line);
            let unique: HashSet<_> = ents.iter().collect();
            assert_eq!(
                unique.len(),
                ents.len(),
                "{name}: an entity twice in {ents:?}"
            );
            assert_eq!(ents.last(), Some(&e));
            assert!(
                !ents[..ents.len() - 1].contains(&e),
                "{name}: the fact itself inside"
            );
            assert!(
                seen.insert(ents),
                "{name}: two lines through the same entities"
            );
        }
        // Lines to compare: the checks below would hold of none or one.
        assert!(all.lines.len() >= 2, "{name}: {} lines", all.lines.len());
        // Strongest first.
        assert!(all.lines.windows(2).all(|w| w[0].strength >= w[1].strength));
        // The trees of --alternatives never pass through the fact below their root.
        for tree in alternatives(p, &ev, fact, 10) {
            let spine_repeats = tree
                .nodes
                .iter()
                .enumerate()
                .filter(|&(i, n)| i != tree.root && n.fact == fact)
                .count();
            assert_eq!(spine_repeats, 0, "{name}: circular alternative");
        }
    }
}

#[test]
fn the_mechanism_is_on_the_same_screen_as_the_summary() {
    let run = marrow()
        .args(["why", "osteogenesis", "up", "--given", "BMSC-exosome up"])
        .run();
    run.success();
    assert!(run.stdout.contains("supported by "), "{}", run.stdout);
    assert!(run.stdout.contains("miR-935"), "{}", run.stdout);
    let run = marrow()
        .args([
            "why",
            "angiogenesis",
            "up",
            "--given",
            "BMSC-exosome up",
            "--chain",
        ])
        .run();
    assert!(run.stdout.contains("→activates→ VEGF"), "{}", run.stdout);
    let run = marrow()
        .args([
            "why",
            "osteogenesis",
            "up",
            "--given",
            "BMSC-exosome up",
            "--evidence",
            "1",
        ])
        .run();
    let listed = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ") && l.contains('⇒'))
        .count();
    assert_eq!(listed, 1, "{}", run.stdout);
}

#[test]
fn chains_keep_conditions_and_conjunction_premises_visible() {
    let src = "A activates B when R [S1]\nB activates C [S2]\nwhen C up and D up then E up [S3]\nT activates A, R, D [S0]\nT activates C [S4]\n";
    let f = temp_file("c.rules", src);
    let run = marrow()
        .args(["why", "E", "up", "-r", f.path(), "--given", "T", "--chain"])
        .run();
    run.success();
    assert!(run.stdout.contains("[when R up]"), "{}", run.stdout);
    assert!(run.stdout.contains("with D up"), "{}", run.stdout);
}

/// `why` indexes the stated relations by object on the second core while the run is
/// evaluated: the answer is the one an index made on demand gives.
#[test]
fn an_index_made_meanwhile_answers_as_one_made_on_demand() {
    let src = format!("{}T inhibits b\nb inhibits X [Src b]\n", fan(9));
    let (p, config) = run_given(&src, "T");
    let x = p.lookup("X").expect("X");
    let fact = Fact::State(x, State::Up);
    let on_demand = why(&p, &evaluate(&p, &config), fact, 1);
    let pairs = std::sync::Arc::new(marrow::program::resolve::by_pair(&p));
    let meanwhile = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel();
        let side = scope.spawn(move || {
            let layout: marrow::engine::StatedLayout = receive.recv().expect("a layout");
            layout.index_by_object();
        });
        let ev = marrow::engine::evaluate_by_pairs_with(&p, &config, pairs, |layout| {
            send.send(layout).expect("the side thread waits");
        });
        side.join().expect("the index");
        ev
    });
    let answer = why(&p, &meanwhile, fact, 1);
    assert!(answer.holds);
    assert_eq!(answer.evidence.count.derivations, 10);
    assert_eq!(answer, on_demand);
}
