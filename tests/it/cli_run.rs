//! `run`, `why`, `effects`, `test` and `ask` over the real binary and the shipped rules:
//! exit codes, the JSON documents of docs/json.md, name resolution, determinism.

use crate::support::{marrow, temp_file};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = marrow().args(args).run();
    assert!(out.code <= 1, "{out}");
    out.json()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn main_job_explains_osteogenesis() {
    let out = marrow()
        .args(["why", "osteogenesis", "up", "--scenario", "bmsc-exosomes"])
        .run();
    out.success();
    assert!(out.stdout.contains("osteogenesis up"));
    assert!(
        out.stdout.contains("rules/osseointegration/"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("BMSC-exosome up"));
}

#[test]
fn why_exit_codes() {
    let holds = ["why", "PKNOX1", "down", "--scenario", "hypoxic-exosomes"];
    marrow().args(&holds).run().success();
    let not = [
        "why",
        "not",
        "PKNOX1",
        "down",
        "--scenario",
        "hypoxic-exosomes",
    ];
    marrow().args(&not).run().fails_with(1);
    let absent = ["why", "PKNOX1", "up", "--scenario", "hypoxic-exosomes"];
    let out = marrow().args(&absent).run();
    out.fails_with(1);
    assert!(out.stdout.contains("does not hold"), "{}", out.stdout);
    let why_not = [
        "why",
        "not",
        "endothelial-proliferation",
        "up",
        "--scenario",
        "dmog-exosomes",
    ];
    let out = marrow().args(&why_not).run();
    out.success();
    assert!(out.stdout.contains("does not affect"), "{}", out.stdout);
}

#[test]
fn run_json_has_the_documented_keys() {
    let v = json(&["run", "--scenario", "hypoxic-exosomes", "--format", "json"]);
    assert_eq!(
        keys(&v),
        [
            "marrow", "scenario", "contexts", "givens", "decisive", "effects"
        ]
    );
    assert_eq!(v["scenario"], "hypoxic-exosomes");
    let given = &v["givens"][0];
    assert_eq!(keys(given), ["entity", "state", "clamp"]);
    assert_eq!(given["entity"], "hypoxia");
    assert_eq!(given["clamp"], "given");
    let effects = v["effects"].as_array().expect("effects array");
    assert!(!effects.is_empty());
    for e in effects {
        assert_eq!(
            keys(e),
            [
                "entity", "outcome", "net", "lean", "margin", "up", "down", "notes"
            ]
        );
        assert!(["up", "down", "conflicting"].contains(&e["net"].as_str().unwrap_or("")));
        for side in ["up", "down"] {
            if !e[side].is_null() {
                assert_eq!(keys(&e[side]), ["strength", "steps"]);
            }
        }
    }
    // Outcomes come first, in declared order.
    assert_eq!(effects[0]["entity"], "osseointegration");
    assert_eq!(effects[0]["outcome"], true);
    // The clamped entity is listed with 0 steps.
    let hypoxia = effects
        .iter()
        .find(|e| e["entity"] == "hypoxia")
        .expect("hypoxia listed");
    assert_eq!(hypoxia["up"]["steps"], 0);
}

#[test]
fn run_all_lists_unaffected() {
    let v = json(&[
        "run",
        "--scenario",
        "hypoxic-exosomes",
        "--format",
        "json",
        "--include-unaffected",
    ]);
    let effects = v["effects"].as_array().expect("effects");
    assert!(effects.iter().any(|e| e["net"] == "unaffected"));
}

#[test]
fn why_json_is_a_graph_of_cited_steps() {
    let v = json(&[
        "why",
        "M2-polarization",
        "up",
        "--scenario",
        "hypoxic-exosomes",
        "--format",
        "json",
    ]);
    assert_eq!(v["holds"], true);
    // The review's slip that would pull M2 down is disputed: no opposing derivation, and
    // the disputed statement is named instead.
    assert!(v["opposing"].is_null());
    assert!(
        v["disputed"]
            .as_array()
            .is_some_and(|d| d.iter().any(|x| x["effect"] == "opposes")),
        "{v}"
    );
    let with = json(&[
        "why",
        "M2-polarization",
        "up",
        "--scenario",
        "hypoxic-exosomes",
        "--with-disputed",
        "--format",
        "json",
    ]);
    assert!(!with["opposing"].is_null());
    let graph = &v["derivation"];
    let nodes = graph["nodes"].as_array().expect("nodes");
    // Ids are positions, premises come before what they support, the root is last.
    for (i, n) in nodes.iter().enumerate() {
        assert_eq!(n["id"], i);
        for p in n["premises"].as_array().expect("premises") {
            assert!(p.as_u64().is_some_and(|p| (p as usize) < i), "{n}");
        }
    }
    assert_eq!(graph["root"], nodes.len() - 1);
    assert_eq!(nodes[nodes.len() - 1]["fact"], "M2-polarization up");
    // Leaves are givens and statements with a source and citations.
    let leaves: Vec<&Value> = nodes
        .iter()
        .filter(|n| n["premises"].as_array().is_some_and(Vec::is_empty))
        .collect();
    assert!(leaves.iter().any(|l| l["by"] == "given"));
    assert!(leaves.iter().any(|l| l["by"] == "statement"
        && !l["source"].is_null()
        && l["citations"].as_array().is_some_and(|c| !c.is_empty())));
}

#[test]
fn why_not_json_lists_reasons() {
    let v = json(&[
        "why",
        "PKNOX1",
        "up",
        "--scenario",
        "hypoxic-exosomes",
        "--format",
        "json",
    ]);
    assert_eq!(v["holds"], false);
    assert!(v["derivation"].is_null());
    assert!(!v["why_not"].as_array().expect("why_not list").is_empty());
}

#[test]
fn names_resolve_loosely() {
    for typed in ["IL-1b", "il-1β", "IL_1B"] {
        let out = marrow()
            .args(["why", typed, "down", "--scenario", "hypoxic-exosomes"])
            .run();
        out.success();
        assert!(out.stdout.contains("IL-1β down"));
    }
    for (typed, canonical) in [
        ("nf-kb", "NF-κB"),
        ("TNF-alpha", "TNF-α"),
        ("miR-233", "miR-223"),
    ] {
        let out = marrow().args(["effects", typed, "--format", "json"]).run();
        out.success();
        assert!(out.stdout.contains(canonical), "{typed}");
    }
}

#[test]
fn unknown_names_offer_the_closest() {
    let out = marrow().args(["why", "osteogenisis", "up"]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("marrow::cli::unknown-entity"));
    assert!(out.stderr.contains("`osteogenesis`"), "{}", out.stderr);
    let out = marrow()
        .args(["run", "--scenario", "hypoxic-exosome"])
        .run();
    out.fails_with(2);
    assert!(out.stderr.contains("`hypoxic-exosomes`"), "{}", out.stderr);
    let out = marrow().args(["run", "--context", "macrophages"]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("`macrophage`"), "{}", out.stderr);
    let out = marrow().args(["why", "osteogenesis", "sideways"]).run();
    out.fails_with(2);
}

#[test]
fn run_flags_compose() {
    let out = marrow()
        .args([
            "run",
            "--given",
            "hypoxia up",
            "--knockout",
            "PKNOX1",
            "--context",
            "macrophage",
            "--format",
            "json",
        ])
        .run();
    out.success();
    let v = out.json();
    assert_eq!(v["contexts"], serde_json::json!(["macrophage"]));
    let clamps: Vec<&str> = v["givens"]
        .as_array()
        .expect("givens")
        .iter()
        .map(|g| g["clamp"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(clamps, ["given", "knockout"]);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let args = [
        "run",
        "--scenario",
        "bmsc-exosomes",
        "--alternatives",
        "--format",
        "json",
    ];
    let a = marrow().args(&args).run();
    let b = marrow().args(&args).run();
    assert_eq!(a.stdout, b.stdout);
    let args = [
        "why",
        "osseointegration",
        "up",
        "--scenario",
        "hif1a-tcp",
        "--alternatives",
        "5",
    ];
    assert_eq!(
        marrow().args(&args).run().stdout,
        marrow().args(&args).run().stdout
    );
}

#[test]
fn test_command_reports_and_fails_on_a_broken_expectation() {
    // (The shipped scenarios and their snapshots are knowledge_base's to run.)
    let f = temp_file(
        "p.rules",
        "A activates B\nB inhibits C\nscenario s {\n  given A\n  expect C down\n}\n",
    );
    let out = marrow().args(["test", f.path()]).run();
    out.success();
    assert!(
        out.stdout.trim_end().ends_with("1 passed, 0 failed"),
        "{}",
        out.stdout
    );

    let f = temp_file(
        "t.rules",
        "A activates B\nB inhibits C\nscenario s {\n  given A\n  expect C up\n  expect B up\n}\n",
    );
    let out = marrow().args(["test", f.path()]).run();
    out.fails_with(1);
    assert!(out.stdout.contains("FAIL  s"), "{}", out.stdout);
    assert!(out.stdout.contains("expect C up"), "{}", out.stdout);
    assert!(out.stdout.trim_end().ends_with("0 passed, 1 failed"));
}

#[test]
fn test_snapshots_show_what_moved() {
    let dir = crate::support::temp_dir();
    let file = dir.join("m.rules");
    std::fs::write(
        &file,
        "outcome C\nA activates B\nB inhibits C\nscenario s {\n  given A\n}\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    let out = marrow().args(["test", path, "--update"]).run();
    out.success();
    assert!(dir.join("snapshots/s.snap").exists());
    marrow().args(["test", path]).run().success();
    // The curator changes a sign: the snapshot diff names the conclusion that moved.
    std::fs::write(
        &file,
        "outcome C\nA activates B\nB activates C\nscenario s {\n  given A\n}\n",
    )
    .expect("write");
    let out = marrow().args(["test", path]).run();
    out.fails_with(1);
    assert!(out.stdout.contains("-   C  down"), "{}", out.stdout);
    assert!(out.stdout.contains("+   C  up"), "{}", out.stdout);
}

#[test]
fn effects_show_only_what_changes() {
    let out = marrow()
        .args(["effects", "miR-155", "--on", "STAT6", "--format", "json"])
        .run();
    out.success();
    let v = out.json();
    let names: Vec<&str> = v["effects"]
        .as_array()
        .expect("effects")
        .iter()
        .map(|e| e["entity"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["STAT6"]);
    assert_eq!(v["effects"][0]["net"], "down");
}

#[test]
fn ask_answers_every_query_form() {
    let out = marrow()
        .args(["ask", "why IL-1β down", "--scenario", "hypoxic-exosomes"])
        .run();
    out.success();
    assert!(out.stdout.contains("IL-1β down"));
    let out = marrow()
        .args(["ask", "why not PKNOX1 up", "--scenario", "hypoxic-exosomes"])
        .run();
    out.success();
    let out = marrow().args(["ask", "effect of miR-155 on STAT6"]).run();
    out.success();
    assert!(out.stdout.contains("STAT6"));
    let out = marrow().args(["ask", "path from miR-223 to IL-1β"]).run();
    out.success();
    assert!(out.stdout.contains("miR-223"), "{}", out.stdout);
    let out = marrow().args(["ask", "why osteogenesis"]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("marrow::parse::syntax"));
}

#[test]
fn rule_errors_stop_evaluation() {
    let f = temp_file("bad.rules", "A activates\n");
    let out = marrow().args(["run", f.path()]).run();
    out.fails_with(1);
    assert!(out.stderr.contains("nothing was evaluated"));
}

/// Every `$ marrow …` example in the README shows the command's real output.
#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let mut checked = 0;
    for block in readme.split("```\n$ marrow ").skip(1) {
        let Some((command, rest)) = block.split_once('\n') else {
            continue;
        };
        let Some((expected, _)) = rest.split_once("```") else {
            continue;
        };
        let args: Vec<&str> = command.split_whitespace().collect();
        let out = marrow().args(&args).run();
        assert_eq!(
            out.stdout, expected,
            "README example `marrow {command}` is out of date"
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} README examples found");
}
