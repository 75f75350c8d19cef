//! `why --format dot|svg` over the real binary: snapshots of run cases and shipped
//! scenarios, valid SVG and DOT, the opposing side, stable output, and the commands that
//! draw nothing refusing drawing formats.

use crate::support::diagram::{check_dot, check_svg};
use crate::support::marrow;

/// `marrow why FACT -r RULES --scenario S --format F [extra]`: stdout, which must be the
/// same on a second run.
fn why(rules: &str, scenario: &str, fact: &[&str], format: &str, extra: &[&str]) -> String {
    let mut args = vec!["why"];
    args.extend_from_slice(fact);
    args.extend_from_slice(&["-r", rules, "--scenario", scenario, "--format", format]);
    args.extend_from_slice(extra);
    let out = marrow().args(&args).run();
    out.success();
    assert_eq!(
        marrow().args(&args).run().stdout,
        out.stdout,
        "output differs between runs"
    );
    out.stdout
}

fn both(name: &str, rules: &str, scenario: &str, fact: &[&str], extra: &[&str]) {
    let svg = why(rules, scenario, fact, "svg", extra);
    check_svg(&svg);
    insta::assert_snapshot!(format!("{name}_svg"), svg);
    let dot = why(rules, scenario, fact, "dot", extra);
    check_dot(&dot);
    insta::assert_snapshot!(format!("{name}_dot"), dot);
}

#[test]
fn run_case_conflict_lean() {
    both(
        "conflict_lean",
        "tests/cases/run/conflict_lean.rules",
        "lean",
        &["angiogenesis", "up"],
        &[],
    );
}

#[test]
fn run_case_double_negation() {
    both(
        "double_negation",
        "tests/cases/run/double_negation.rules",
        "raise-mir",
        &["M2-polarization", "up"],
        &[],
    );
}

#[test]
fn run_case_conjunction() {
    both(
        "conjunctions",
        "tests/cases/run/conjunctions.rules",
        "both",
        &["VEGF", "up"],
        &[],
    );
}

#[test]
fn shipped_osteogenesis() {
    both(
        "hypoxic_osteogenesis",
        "rules/osseointegration",
        "hypoxic-exosomes",
        &["osteogenesis", "up"],
        &[],
    );
}

#[test]
fn shipped_m2_with_opposing_side() {
    both(
        "hypoxic_m2",
        "rules/osseointegration",
        "hypoxic-exosomes",
        &["M2-polarization", "up"],
        &["--with-disputed"],
    );
    // With the review's disputed slip, M2 is in conflict.
    let svg = why(
        "rules/osseointegration",
        "hypoxic-exosomes",
        &["M2-polarization", "up"],
        "svg",
        &["--with-disputed"],
    );
    // Both conclusions are drawn, each fact once; statements carry file:line and citation.
    assert!(svg.contains(">M2-polarization up</text>"));
    assert!(svg.contains(">M2-polarization down</text>"));
    assert_eq!(svg.matches(">hypoxia up</text>").count(), 1);
    assert!(svg.contains("rules/osseointegration/macrophage.rules:99"));
    assert!(svg.contains("Arabpour et al., 2021"));
}

#[test]
fn shipped_chain() {
    both(
        "hypoxic_m2_chain",
        "rules/osseointegration",
        "hypoxic-exosomes",
        &["M2-polarization", "up"],
        &["--chain"],
    );
}

#[test]
fn alternatives_are_drawn_faded() {
    let svg = why(
        "rules/osseointegration",
        "hypoxic-exosomes",
        &["M2-polarization", "up"],
        "svg",
        &["--alternatives", "2"],
    );
    check_svg(&svg);
    assert!(svg.contains("opacity"), "faded background lines");
}

#[test]
fn a_fact_that_does_not_hold_is_one_grey_box() {
    let out = marrow()
        .args([
            "why",
            "osteoclastogenesis",
            "up",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "hypoxic-exosomes",
            "--format",
            "svg",
        ])
        .run();
    out.fails_with(1);
    check_svg(&out.stdout);
    assert!(out.stdout.contains("does not hold"));
}

#[test]
fn commands_that_draw_nothing_refuse_drawing_formats() {
    for args in [
        &["run", "-r", "rules/osseointegration", "--format", "svg"][..],
        &[
            "effects",
            "miR-223",
            "-r",
            "rules/osseointegration",
            "--format",
            "dot",
        ],
        &["check", "rules/osseointegration", "--format", "svg"],
        &["list", "scenarios", "--format", "dot"],
    ] {
        let out = marrow().args(args).run();
        out.fails_with(2);
        assert!(out.stderr.contains("marrow::cli::format"), "{}", out.stderr);
        assert!(out.stderr.contains("marrow why"), "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}
