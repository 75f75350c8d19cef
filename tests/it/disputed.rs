//! `disputed`: a statement kept, cited and explained, that fires only when a run asks.

use crate::support::{marrow, temp_file};
use marrow::engine::{Fact, Net, RunConfig, evaluate, net_effects};
use marrow::explain::{Finding, why};
use marrow::program::{State, load_text};
use marrow::syntax::fmt::format_source;

const SRC: &str = "\
a activates b [A]
b inhibits c disputed [Slip et al., 2021]
b activates c [B]
when a up then d up disputed [X]
";

fn net_of(src: &str, with_disputed: bool, entity: &str) -> Net {
    let loaded = load_text("t.rules", src);
    let p = &loaded.program;
    let mut config = RunConfig::default();
    marrow::answers::spec::clamp(
        &mut config,
        p.lookup("a").expect("a"),
        State::Up,
        marrow::program::ClampKind::Given,
    );
    config.with_disputed = with_disputed;
    let ev = evaluate(p, &config);
    let e = p.lookup(entity).expect("entity");
    net_effects(p, &ev, true)
        .into_iter()
        .find(|x| x.entity == e)
        .map(|x| x.net)
        .expect("an effect")
}

#[test]
fn a_disputed_statement_does_not_fire_by_default() {
    assert_eq!(net_of(SRC, false, "c"), Net::Up);
    assert_eq!(net_of(SRC, false, "d"), Net::Unaffected);
}

#[test]
fn with_disputed_it_fires() {
    assert_eq!(net_of(SRC, true, "c"), Net::Conflicting);
    assert_eq!(net_of(SRC, true, "d"), Net::Up);
}

#[test]
fn why_mentions_the_disputed_statement_that_would_oppose() {
    let loaded = load_text("t.rules", SRC);
    let p = &loaded.program;
    let mut config = RunConfig::default();
    let a = p.lookup("a").expect("a");
    marrow::answers::spec::clamp(&mut config, a, State::Up, marrow::program::ClampKind::Given);
    let ev = evaluate(p, &config);
    let c = p.lookup("c").expect("c");
    let w = why(p, &ev, Fact::State(c, State::Up), 1);
    assert!(w.holds);
    assert_eq!(w.disputed.len(), 1);
    assert!(!w.disputed[0].gives, "b inhibits c would oppose c up");
    let d = p.lookup("d").expect("d");
    let w = why(p, &ev, Fact::State(d, State::Up), 1);
    assert!(!w.holds);
    let findings = w.why_not.expect("why not").findings;
    assert!(findings.iter().any(|f| matches!(f, Finding::Disputed(_))));
    // With disputed statements on, they are part of the derivation instead.
    config.with_disputed = true;
    let ev = evaluate(p, &config);
    let w = why(p, &ev, Fact::State(d, State::Up), 1);
    assert!(w.holds && w.disputed.is_empty());
}

#[test]
fn a_disputed_statement_whose_subject_does_not_hold_is_not_mentioned() {
    let src = "x inhibits c disputed [S]\na activates c [A]\n";
    let loaded = load_text("t.rules", src);
    let p = &loaded.program;
    let mut config = RunConfig::default();
    let a = p.lookup("a").expect("a");
    marrow::answers::spec::clamp(&mut config, a, State::Up, marrow::program::ClampKind::Given);
    let ev = evaluate(p, &config);
    let c = p.lookup("c").expect("c");
    assert!(
        why(p, &ev, Fact::State(c, State::Up), 1)
            .disputed
            .is_empty()
    );
}

#[test]
fn the_disputed_flag_is_part_of_the_merge_key() {
    let src = "a activates b [A]\na activates b disputed [B]\na activates b [C]\n";
    let loaded = load_text("t.rules", src);
    let statements = &loaded.program.statements;
    assert_eq!(
        statements.len(),
        2,
        "the two undisputed copies merge, the disputed stays"
    );
    assert_eq!(
        statements
            .iter()
            .filter(|s| s.provenance.disputed())
            .count(),
        1
    );
    // The claim still holds through its undisputed copy.
    assert_eq!(net_of(src, false, "b"), Net::Up);
}

#[test]
fn a_disputed_null_result_adds_no_note() {
    // The notes on `b`, which goes up either way.
    let notes = |src: &str| {
        let loaded = load_text("t.rules", src);
        let p = &loaded.program;
        let mut config = RunConfig::default();
        let a = p.lookup("a").expect("a");
        marrow::answers::spec::clamp(&mut config, a, State::Up, marrow::program::ClampKind::Given);
        let ev = evaluate(p, &config);
        let b = p.lookup("b").expect("b");
        let effect = net_effects(p, &ev, false)
            .into_iter()
            .find(|e| e.entity == b)
            .expect("b is listed");
        assert_eq!(effect.net, Net::Up);
        effect.notes.len()
    };
    assert_eq!(
        notes("a activates b [A]\na does not affect b disputed [N]\n"),
        0
    );
    // Undisputed, the same null result is noted.
    assert_eq!(notes("a activates b [A]\na does not affect b [N]\n"), 1);
}

#[test]
fn fmt_prints_disputed_canonically_and_round_trips() {
    let src = "a activates b [A] disputed confidence low\nwhen a up then d up disputed in m\nscenario s {\n  with disputed\n}\n";
    let once = format_source(src).expect("formats");
    assert!(once.contains("confidence low disputed [A]"), "{once}");
    assert!(once.contains("in m disputed"), "{once}");
    assert!(once.contains("  with disputed\n"), "{once}");
    assert_eq!(format_source(&once).expect("formats again"), once);
}

#[test]
fn with_and_disputed_stay_usable_as_names() {
    let src =
        "with activates disputed [A]\ndisputed inhibits with\nwhen with up then disputed up\n";
    let loaded = load_text("t.rules", src);
    assert!(loaded.diags.iter().all(|d| !d.is_error()));
    assert!(loaded.program.lookup("with").is_some());
    assert!(loaded.program.lookup("disputed").is_some());
    let statements = &loaded.program.statements;
    assert_eq!(statements.len(), 2, "two statements, neither disputed");
    assert!(statements.iter().all(|s| !s.provenance.disputed()));
}

#[test]
fn disputed_on_a_rule_is_an_error_with_help() {
    let f = temp_file("r.rules", "rule r disputed: ?x up => ?x down\n");
    let run = marrow().args(["check", f.path()]).run();
    run.fails_with(1);
    assert!(
        run.stderr.contains("marrow::lower::disputed-rule"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
}

#[test]
fn check_counts_and_lists_disputed_statements() {
    let f = temp_file("d.rules", SRC);
    let run = marrow().args(["check", f.path()]).run();
    run.success();
    let n = SRC.lines().filter(|l| l.contains(" disputed")).count();
    assert!(
        run.stdout.contains(&format!("; {n} disputed")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[Slip et al., 2021]"), "{}", run.stdout);
    assert!(
        run.stderr.contains("(disputed)"),
        "the opposite-sign warning is tagged: {}",
        run.stderr
    );
}

#[test]
fn the_run_flag_and_the_scenario_line_turn_disputed_statements_on() {
    let src = format!(
        "{SRC}scenario on {{\n  given a\n  with disputed\n  expect d up\n}}\nscenario off {{\n  given a\n  expect d unaffected\n}}\n"
    );
    let f = temp_file("d.rules", &src);
    let run = marrow().args(["test", f.path()]).run();
    run.success();
    let run = marrow()
        .args(["run", f.path(), "--scenario", "off", "--with-disputed"])
        .run();
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("d ") && l.contains("up")),
        "{}",
        run.stdout
    );
}
