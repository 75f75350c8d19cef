//! The tricky rules of what marrow concludes (docs/language.md), each on a small
//! hand-built program.

use crate::support::engine::Builder;
use marrow::engine::{Derivation, Fact, Net, Origin, RunConfig, evaluate, net_effects};
use marrow::program::{ClampKind, Relation, State};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn double_negation_gives_up_at_the_loss_factor() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("drug", "inhibits", "A", 1.0);
    b.statement("A", "inhibits", "B", 1.0);
    let config = RunConfig {
        clamps: vec![b.given("drug")],
        contexts: vec![],
        ..RunConfig::default()
    };
    let ev = evaluate(&b.program, &config);
    let a_down = ev.state(b.id("A"), State::Down).expect("A down");
    let b_up = ev.state(b.id("B"), State::Up).expect("B up");
    assert!(close(ev.strength(a_down), 1.0));
    assert!(
        close(ev.strength(b_up), 0.9),
        "disinhibition is weaker: 0.9"
    );
    assert_eq!(ev.steps(b_up), 2);
    assert!(ev.state(b.id("B"), State::Down).is_none());
    match ev.derivation(b_up) {
        Derivation {
            origin: Origin::Rule(id),
            premises,
        } => {
            assert_eq!(b.program.rule(id).name, "disinhibition");
            assert_eq!(premises[0], a_down);
        }
        other => panic!("unexpected derivation {other:?}"),
    }
}

#[test]
fn conflict_leans_to_the_stronger_side_and_ties_have_no_lean() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("X", "activates", "T", 0.7);
    b.statement("X", "inhibits", "T", 0.4);
    b.statement("Y", "activates", "U", 0.5);
    b.statement("Y", "inhibits", "U", 0.5);
    let config = RunConfig {
        clamps: vec![b.given("X"), b.given("Y")],
        contexts: vec![],
        ..RunConfig::default()
    };
    let ev = evaluate(&b.program, &config);
    let effects = net_effects(&b.program, &ev, false);
    let t = effects.iter().find(|e| e.entity == b.id("T")).expect("T");
    assert_eq!(t.net, Net::Conflicting);
    assert_eq!(t.lean, Some(State::Up));
    let u = effects.iter().find(|e| e.entity == b.id("U")).expect("U");
    assert_eq!(u.net, Net::Conflicting);
    assert_eq!(u.lean, None);
}

#[test]
fn clamps_are_never_overridden() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("S", "activates", "K", 1.0);
    b.statement("K", "activates", "Z", 1.0);
    let config = RunConfig {
        clamps: vec![b.given("S"), b.clamp("K", State::Down, ClampKind::Knockout)],
        contexts: vec![],
        ..RunConfig::default()
    };
    let ev = evaluate(&b.program, &config);
    assert!(ev.state(b.id("K"), State::Up).is_none(), "knockout holds");
    let k = ev.state(b.id("K"), State::Down).expect("K down");
    assert_eq!(ev.origin(k), Origin::Clamp(ClampKind::Knockout));
    assert!(ev.derivation(k).premises.is_empty());
    assert!(close(ev.strength(k), 1.0));
    assert!(ev.state(b.id("Z"), State::Down).is_some());
    let effects = net_effects(&b.program, &ev, false);
    let k = effects
        .iter()
        .find(|e| e.entity == b.id("K"))
        .expect("K listed");
    assert_eq!((k.net, k.clamp), (Net::Down, Some(ClampKind::Knockout)));
}

#[test]
fn loops_terminate_and_never_strengthen() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("A", "activates", "B", 0.9);
    b.statement("B", "activates", "C", 0.9);
    b.statement("C", "activates", "A", 0.9);
    b.statement("C", "inhibits", "B", 0.5);
    b.statement("B", "activates", "B", 1.0);
    let config = RunConfig {
        clamps: vec![b.given("A")],
        contexts: vec![],
        ..RunConfig::default()
    };
    let ev = evaluate(&b.program, &config);
    let c = ev.state(b.id("C"), State::Up).expect("C up");
    assert!(close(ev.strength(c), 0.81));
    let bd = ev.state(b.id("B"), State::Down).expect("B down");
    assert!(close(ev.strength(bd), 0.81 * 0.5));
    // A is given: the loop back to A never derives A down and A up stays a clamp.
    assert!(ev.state(b.id("A"), State::Down).is_none());
    let a = ev.state(b.id("A"), State::Up).expect("A up");
    assert!(matches!(ev.origin(a), Origin::Clamp(_)));
}

#[test]
fn contexts_deactivate_statements_of_other_contexts() {
    let mut b = Builder::new();
    b.prelude();
    let mac = b.context("macrophage");
    let ost = b.context("osteoblast");
    let s = b.entity("S");
    let t = b.entity("T");
    let u = b.entity("U");
    let v = b.entity("V");
    b.statement_full(s, "activates", t, 0.7, &[], &[mac]);
    b.statement_full(s, "activates", u, 0.7, &[], &[ost]);
    b.statement_full(s, "activates", v, 0.7, &[], &[]);
    let run = |contexts| {
        let config = RunConfig {
            clamps: vec![b.given("S")],
            contexts,
            ..RunConfig::default()
        };
        evaluate(&b.program, &config)
    };
    let all = run(vec![]);
    assert!(all.state(t, State::Up).is_some() && all.state(u, State::Up).is_some());
    let only = run(vec![mac]);
    assert!(only.state(t, State::Up).is_some());
    assert!(
        only.state(u, State::Up).is_none(),
        "osteoblast statement is inactive"
    );
    assert!(
        only.state(v, State::Up).is_some(),
        "context-free statements stay active"
    );
    assert!(
        only.fact_id(&Fact::Relation(s, Relation::Activates, u))
            .is_none()
    );
}

#[test]
fn conditions_and_conjunctions_are_rules() {
    let mut b = Builder::new();
    b.prelude();
    let aging = b.entity("aging");
    let mir = b.entity("miR-31a-5p");
    let ost = b.entity("osteogenesis");
    let hif = b.entity("HIF-1α");
    let runx = b.entity("RUNX2");
    let vegf = b.entity("VEGF");
    b.statement_full(mir, "inhibits", ost, 0.7, &[(aging, State::Up)], &[]);
    b.conjunction(
        &[(hif, State::Up), (runx, State::Up)],
        (vegf, State::Up),
        0.7,
        &[],
    );
    let without = evaluate(
        &b.program,
        &RunConfig {
            clamps: vec![b.given("miR-31a-5p"), b.given("HIF-1α")],
            contexts: vec![],
            ..RunConfig::default()
        },
    );
    assert!(
        without.state(ost, State::Down).is_none(),
        "condition aging up missing"
    );
    assert!(without.state(vegf, State::Up).is_none(), "RUNX2 up missing");
    let with = evaluate(
        &b.program,
        &RunConfig {
            clamps: vec![
                b.given("miR-31a-5p"),
                b.given("HIF-1α"),
                b.given("aging"),
                b.given("RUNX2"),
            ],
            contexts: vec![],
            ..RunConfig::default()
        },
    );
    let rel = with
        .fact_id(&Fact::Relation(mir, Relation::Inhibits, ost))
        .expect("conditional statement holds");
    assert!(close(with.strength(rel), 0.7));
    assert_eq!(with.steps(rel), 1);
    let o = with.state(ost, State::Down).expect("osteogenesis down");
    assert!(close(with.strength(o), 0.7));
    assert_eq!(with.steps(o), 2);
    let v = with.state(vegf, State::Up).expect("VEGF up");
    assert!(close(with.strength(v), 0.7));
    assert!(
        matches!(with.derivation(v), Derivation { origin: Origin::Conjunction(_), premises } if premises.len() == 2)
    );
}

#[test]
fn null_results_flag_contradicted_changes() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("DMOG-exosome", "activates", "M", 0.7);
    b.statement("M", "activates", "endothelial-proliferation", 0.7);
    let (d, e) = (b.id("DMOG-exosome"), b.id("endothelial-proliferation"));
    b.null(d, e, &[]);
    let ev = evaluate(
        &b.program,
        &RunConfig {
            clamps: vec![b.given("DMOG-exosome")],
            contexts: vec![],
            ..RunConfig::default()
        },
    );
    let effects = net_effects(&b.program, &ev, false);
    let ep = effects.iter().find(|x| x.entity == e).expect("listed");
    assert_eq!(ep.notes.len(), 1);
    let note = marrow::render::words::note(&marrow::render::View::new(&b.program), &ep.notes[0]);
    assert!(
        note.starts_with(
            "contradicts `DMOG-exosome does not affect endothelial-proliferation` (test.rules:"
        ),
        "{note}"
    );
    assert!(note.ends_with(":11) [Cite 00010]"), "{note}");
}

#[test]
fn outcomes_come_first_in_declared_order_and_unaffected_only_on_request() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("S", "activates", "A", 0.7);
    b.statement("S", "activates", "B", 0.7);
    let c = b.entity("C");
    let (s, a, bb) = (b.id("S"), b.id("A"), b.id("B"));
    b.outcome(bb);
    b.outcome(c);
    b.outcome(a);
    let ev = evaluate(
        &b.program,
        &RunConfig {
            clamps: vec![b.given("S")],
            contexts: vec![],
            ..RunConfig::default()
        },
    );
    let order: Vec<_> = net_effects(&b.program, &ev, false)
        .iter()
        .map(|e| e.entity)
        .collect();
    assert_eq!(order, vec![bb, a, s]);
    let all: Vec<_> = net_effects(&b.program, &ev, true)
        .iter()
        .map(|e| (e.entity, e.net))
        .collect();
    assert_eq!(
        all,
        vec![
            (bb, Net::Up),
            (c, Net::Unaffected),
            (a, Net::Up),
            (s, Net::Up)
        ]
    );
}

#[test]
fn cargo_is_delivered_and_user_rules_join_relations() {
    let mut b = Builder::new();
    b.prelude();
    b.statement("exosome", "carries", "miR-223", 0.7);
    b.statement("miR-223", "inhibits", "PKNOX1", 0.9);
    // rule transitive-cargo: ?x carries ?y, ?y inhibits ?z => ?x inhibits ?z
    use marrow::program::{Atom, Term};
    let (x, y, z) = (Term::Var(0), Term::Var(1), Term::Var(2));
    b.rule(
        "transitive-cargo",
        0.5,
        3,
        vec![
            Atom::Relation(x, Relation::Carries, y),
            Atom::Relation(y, Relation::Inhibits, z),
        ],
        Atom::Relation(x, Relation::Inhibits, z),
        false,
    );
    let ev = evaluate(
        &b.program,
        &RunConfig {
            clamps: vec![b.given("exosome")],
            contexts: vec![],
            ..RunConfig::default()
        },
    );
    let m = ev.state(b.id("miR-223"), State::Up).expect("cargo up");
    assert!(close(ev.strength(m), 0.7));
    let derived = ev
        .fact_id(&Fact::Relation(
            b.id("exosome"),
            Relation::Inhibits,
            b.id("PKNOX1"),
        ))
        .expect("derived relation");
    assert!(close(ev.strength(derived), 0.5 * 0.7 * 0.9));
    let p = ev.state(b.id("PKNOX1"), State::Down).expect("PKNOX1 down");
    // Via the cargo (0.7 × 0.9) beats via the derived relation (0.315).
    assert!(close(ev.strength(p), 0.63));
}

#[test]
fn evaluation_is_deterministic() {
    let mut b = Builder::new();
    b.prelude();
    for i in 0..50 {
        b.statement(
            &format!("n{i}"),
            "activates",
            &format!("n{}", (i * 7 + 3) % 50),
            0.7,
        );
        b.statement(
            &format!("n{i}"),
            "inhibits",
            &format!("n{}", (i * 11 + 5) % 50),
            0.7,
        );
    }
    let config = RunConfig {
        clamps: vec![b.given("n0")],
        contexts: vec![],
        ..RunConfig::default()
    };
    let one: Vec<_> = {
        let ev = evaluate(&b.program, &config);
        ev.facts()
            .map(|(id, f)| (f, ev.strength(id), ev.derivation(id).clone()))
            .collect()
    };
    let two: Vec<_> = {
        let ev = evaluate(&b.program, &config);
        ev.facts()
            .map(|(id, f)| (f, ev.strength(id), ev.derivation(id).clone()))
            .collect()
    };
    assert_eq!(one, two);
}

#[test]
fn a_rule_can_strengthen_a_stated_relation() {
    use marrow::program::{Atom, Term};
    let mut b = Builder::new();
    b.prelude();
    let weak = b.statement("A", "activates", "B", 0.4);
    b.statement("A", "carries", "B", 0.9);
    // rule cargo-acts: ?x carries ?y => ?x activates ?y
    let (x, y) = (Term::Var(0), Term::Var(1));
    b.rule(
        "cargo-acts",
        1.0,
        2,
        vec![Atom::Relation(x, Relation::Carries, y)],
        Atom::Relation(x, Relation::Activates, y),
        false,
    );
    let ev = evaluate(&b.program, &RunConfig::default());
    let rel = ev
        .fact_id(&Fact::Relation(b.id("A"), Relation::Activates, b.id("B")))
        .expect("holds");
    assert!(close(ev.strength(rel), 0.9));
    assert!(matches!(ev.origin(rel), Origin::Rule(_)));
    assert_eq!(ev.steps(rel), 1);
    // Without the rule the statement itself is the derivation.
    b.program.rules.pop();
    let ev = evaluate(&b.program, &RunConfig::default());
    let rel = ev
        .fact_id(&Fact::Relation(b.id("A"), Relation::Activates, b.id("B")))
        .expect("holds");
    assert_eq!(
        ev.derivation(rel),
        Derivation {
            origin: Origin::Statement(weak),
            premises: vec![]
        }
    );
    assert_eq!(
        ev.facts()
            .filter(|(_, f)| matches!(f, Fact::Relation(..)))
            .count(),
        2
    );
}

/// Equally strong rows are ordered by name, byte by byte, also where names share their
/// first eight bytes or one is the start of another.
#[test]
fn equal_strengths_are_ordered_by_name() {
    let mut b = Builder::new();
    b.prelude();
    let names = [
        "receptor-activator-2",
        "Receptor",
        "receptor",
        "receptor-activator-10",
        "receptor-a",
        "receptor-activator-1",
        "receptor-activator",
        "rec",
        "TNF-α",
        "TNF-alpha",
    ];
    for name in names {
        b.statement("source", "activates", name, 0.9);
    }
    let config = RunConfig {
        clamps: vec![b.given("source")],
        ..RunConfig::default()
    };
    let ev = evaluate(&b.program, &config);
    let rows: Vec<&str> = net_effects(&b.program, &ev, false)
        .iter()
        .map(|e| b.program.entity_name(e.entity))
        .filter(|n| *n != "source")
        .collect();
    let mut want = names.to_vec();
    want.sort();
    assert_eq!(rows, want);
}

/// Equally strong derivations found while stated relations settle: the first in
/// (relation, subject, object) order wins, whatever order the entities were met in.
#[test]
fn ties_among_stated_relations_go_to_relation_order() {
    let text = "\
rule from-inhibition: ?x inhibits ?y => ?y up
rule from-activation: ?x activates ?y => ?y up
a inhibits t
b activates t
";
    let loaded = marrow::program::load_text("ties.rules", text);
    assert!(
        loaded.diags.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded.diags
    );
    let p = &loaded.program;
    let ev = evaluate(p, &RunConfig::default());
    let t = p.lookup("t").expect("t");
    let up = ev.state(t, State::Up).expect("t up");
    let Origin::Rule(rule) = ev.origin(up) else {
        panic!("t up by {:?}", ev.origin(up));
    };
    // `activates` comes before `inhibits`, though `a` (which inhibits) was met first.
    assert_eq!(p.rules[rule.0 as usize].name, "from-activation");
    let premise = ev.premises(up)[0];
    assert_eq!(
        ev.fact(premise),
        Fact::Relation(p.lookup("b").expect("b"), Relation::Activates, t)
    );
}
