//! `marrow graph` over the real binary and the shipped knowledge base: the pictures
//! (snapshots, valid SVG and DOT), the size guard, name resolution, determinism.

use crate::support::diagram::{check_dot, check_svg};
use crate::support::marrow;

const AROUND: [&str; 11] = [
    "graph",
    "-r",
    "rules/osseointegration",
    "--around",
    "miR-223",
    "--depth",
    "1",
    "--scenario",
    "hypoxic-exosomes",
    "--with-disputed",
    "--format",
];

fn graph(extra: &[&str]) -> String {
    let mut args = AROUND.to_vec();
    args.extend_from_slice(extra);
    let out = marrow().args(&args).run();
    out.success();
    assert!(!out.stderr.contains("error"), "{}", out.stderr);
    out.stdout
}

#[test]
fn around_mir_223_svg() {
    let svg = graph(&["svg"]);
    check_svg(&svg);
    // Coloured by the scenario with its disputed slips: miR-223 up, PKNOX1 down, M1 in
    // conflict.
    assert!(svg.contains("class=\"node up\" id=\"marrow-n0\""));
    assert!(svg.contains("PKNOX1</text>"));
    assert!(svg.contains("conflicting · leans down ×"));
    assert!(svg.contains("rules/osseointegration/macrophage.rules:39"));
    insta::assert_snapshot!(svg);
}

#[test]
fn around_mir_223_dot() {
    let dot = graph(&["dot"]);
    check_dot(&dot);
    assert!(dot.contains("subgraph cluster_0 { label=\"macrophage\""));
    insta::assert_snapshot!(dot);
}

#[test]
fn outcomes_and_whole_network_are_valid() {
    for args in [
        &[
            "graph",
            "-r",
            "rules/osseointegration",
            "--outcomes",
            "--format",
            "svg",
        ][..],
        &[
            "graph",
            "-r",
            "rules/osseointegration",
            "--outcomes",
            "--format",
            "dot",
        ][..],
        &[
            "graph",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "bmsc-exosomes",
            "--format",
            "dot",
        ][..],
    ] {
        let out = marrow().args(args).run();
        out.success();
        if args.contains(&"svg") {
            check_svg(&out.stdout);
        } else {
            check_dot(&out.stdout);
        }
    }
}

#[test]
fn null_results_are_dotted() {
    let out = marrow()
        .args([
            "graph",
            "-r",
            "rules/osseointegration",
            "--around",
            "DMOG",
            "--scenario",
            "dmog-exosomes",
            "--format",
            "dot",
        ])
        .run();
    out.success();
    assert!(
        out.stdout.contains("arrowhead=odot, style=dotted"),
        "{}",
        out.stdout
    );
    check_dot(&out.stdout);
}

#[test]
fn size_guard_stops_before_drawing() {
    let out = marrow()
        .args([
            "graph",
            "-r",
            "rules/osseointegration",
            "--around",
            "BMSC-exosome",
            "--depth",
            "3",
            "--max-nodes",
            "10",
        ])
        .run();
    out.fails_with(2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("marrow::cli::too-many-nodes"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("more than 10 entities"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--depth") && out.stderr.contains("--max-nodes"));
}

#[test]
fn names_resolve_like_everywhere_else() {
    // An alias, and Greek spelled in Latin.
    let alias = marrow()
        .args([
            "graph",
            "-r",
            "rules/osseointegration",
            "--around",
            "miR-233",
            "--format",
            "dot",
        ])
        .run();
    alias.success();
    assert!(alias.stdout.contains("label=\"miR-223"));
    let greek = marrow()
        .args([
            "graph",
            "-r",
            "rules/osseointegration",
            "--around",
            "IL-1b",
            "--format",
            "dot",
        ])
        .run();
    greek.success();
    assert!(greek.stdout.contains("label=\"IL-1β"));
    let unknown = marrow()
        .args([
            "graph",
            "-r",
            "rules/osseointegration",
            "--around",
            "miR-9999",
        ])
        .run();
    unknown.fails_with(2);
    assert!(
        unknown.stderr.contains("no entity named `miR-9999`"),
        "{}",
        unknown.stderr
    );
    let scenario = marrow()
        .args([
            "graph",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "nope",
        ])
        .run();
    scenario.fails_with(2);
}

#[test]
fn output_is_byte_stable() {
    assert_eq!(graph(&["svg"]), graph(&["svg"]));
    assert_eq!(graph(&["dot"]), graph(&["dot"]));
}

#[test]
fn colours_without_a_scenario_when_a_rule_needs_no_state() {
    let rules = crate::support::temp_file(
        "cargo.rules",
        "rule cargo-is-up: ?x carries ?y => ?y up\nvesicle carries miR-1\nmiR-1 inhibits target\n",
    );
    let out = marrow()
        .args([
            "graph",
            "-r",
            rules.path(),
            "--around",
            "vesicle",
            "--format",
            "dot",
        ])
        .run();
    out.success();
    assert!(
        out.stdout.contains("label=\"miR-1\\nup · 0.70\""),
        "{}",
        out.stdout
    );
    let plain = crate::support::temp_file("plain.rules", "vesicle carries miR-1\n");
    let out = marrow()
        .args([
            "graph",
            "-r",
            plain.path(),
            "--around",
            "vesicle",
            "--format",
            "dot",
        ])
        .run();
    out.success();
    assert!(
        out.stdout
            .contains("label=\"miR-1\", fillcolor=\"#f4f5f7\""),
        "{}",
        out.stdout
    );
}
