//! Exact strengths, margins, `--decisive`, `--max-steps`, JSON precision and merged
//! statements, over the real binary. Every expected count comes from the input.

use crate::support::{marrow, temp_file};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = marrow().args(args).run();
    assert!(out.code <= 1, "{out}");
    out.json()
}

fn effect<'a>(doc: &'a Value, entity: &str) -> &'a Value {
    doc["effects"]
        .as_array()
        .and_then(|es| es.iter().find(|e| e["entity"] == entity))
        .unwrap_or_else(|| panic!("no effect on {entity}: {doc}"))
}

/// Two chains from T to A with the same multiset of factors in different orders.
const TIE: &str = "T activates a1\na1 activates a2\na2 activates a3\na3 inhibits a4\na4 inhibits A\n\
                   T activates b1\nb1 activates b2\nb2 inhibits b3\nb3 inhibits b4\nb4 inhibits A\n";

#[test]
fn equal_factor_multisets_tie_exactly() {
    let f = temp_file("tie.rules", TIE);
    let doc = json(&["run", f.path(), "--given", "T up", "--format", "json"]);
    let a = effect(&doc, "A");
    assert_eq!(a["net"], "conflicting");
    assert_eq!(a["lean"], Value::Null, "a tie has no lean: {a}");
    assert_eq!(
        a["margin"].as_f64(),
        Some(1.0),
        "a tie's margin is exactly 1"
    );
    // Both chains are as long as the statements from T to A: five each.
    let chain = TIE.lines().count() as u64 / 2;
    assert_eq!(a["up"]["steps"].as_u64(), Some(chain));
    assert_eq!(a["down"]["steps"].as_u64(), Some(chain));
    let text = marrow().args(["run", f.path(), "--given", "T up"]).run();
    let row = text
        .stdout
        .lines()
        .find(|l| l.starts_with("A "))
        .unwrap_or("");
    assert!(row.contains("tie ×1") && !row.contains("leans"), "{row}");
}

fn weak_chain(steps: usize) -> String {
    (0..steps)
        .map(|i| format!("s{i} activates s{} confidence 0.05\n", i + 1))
        .collect()
}

#[test]
fn long_weak_chains_still_hold() {
    let steps = 250;
    let f = temp_file("long.rules", weak_chain(steps));
    let doc = json(&["run", f.path(), "--given", "s0 up", "--format", "json"]);
    let last = effect(&doc, &format!("s{steps}"));
    assert_eq!(last["net"], "up");
    assert_eq!(last["up"]["steps"].as_u64(), Some(steps as u64));
    let out = marrow()
        .args([
            "why",
            &format!("s{steps}"),
            "up",
            "-r",
            f.path(),
            "--given",
            "s0",
        ])
        .run();
    out.success();
}

#[test]
fn json_strengths_keep_full_precision() {
    let steps = 5;
    let f = temp_file("five.rules", weak_chain(steps));
    let doc = json(&["run", f.path(), "--given", "s0 up", "--format", "json"]);
    let s = effect(&doc, &format!("s{steps}"))["up"]["strength"]
        .as_f64()
        .unwrap_or(0.0);
    let expected = 0.05f64.powi(steps as i32);
    assert!(s > 0.0, "a fact that holds prints a non-zero strength");
    assert!(
        (s - expected).abs() <= expected * 1e-12,
        "{s} vs {expected}"
    );
    // Text shows the magnitude rather than 0.00.
    let text = marrow().args(["run", f.path(), "--given", "s0 up"]).run();
    assert!(text.stdout.contains("e-7"), "{}", text.stdout);
}

#[test]
fn merged_duplicates_explain_with_the_strong_line() {
    let src = "x activates y confidence low [Low]\nx activates y confidence high [High]\n";
    let f = temp_file("dup.rules", src);
    let line_of = |needle: &str| {
        src.lines()
            .position(|l| l.contains(needle))
            .map(|i| i as u64 + 1)
    };
    let doc = json(&[
        "why",
        "y",
        "up",
        "-r",
        f.path(),
        "--given",
        "x up",
        "--format",
        "json",
    ]);
    let nodes = doc["derivation"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let stmt = nodes
        .iter()
        .find(|n| n["fact"] == "x activates y")
        .unwrap_or_else(|| panic!("{doc}"));
    assert_eq!(stmt["strength"].as_f64(), Some(0.9));
    assert_eq!(stmt["source"]["line"].as_u64(), line_of("high"));
    let also: Vec<u64> = stmt["also_stated"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["line"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(also, line_of("low").into_iter().collect::<Vec<_>>());
    assert_eq!(stmt["citations"], serde_json::json!(["Low", "High"]));
    let text = marrow()
        .args(["why", "y", "up", "-r", f.path(), "--given", "x up"])
        .run();
    let high = format!("dup.rules:{}", line_of("high").unwrap_or(0));
    assert!(
        text.stdout.contains(&high) && text.stdout.contains("also stated at"),
        "{}",
        text.stdout
    );
}

const CONFLICT: &str = "S activates C confidence high\nS inhibits C confidence low\n";

#[test]
fn margin_and_decisive() {
    let f = temp_file("c.rules", CONFLICT);
    let (high, low) = (0.9, 0.4);
    let doc = json(&["run", f.path(), "--given", "S", "--format", "json"]);
    let c = effect(&doc, "C");
    let margin = c["margin"].as_f64().unwrap_or(0.0);
    assert!((margin - high / low).abs() < 1e-9, "{c}");
    assert_eq!(c["net"], "conflicting");
    assert_eq!(doc["decisive"], Value::Null);
    let text = marrow().args(["run", f.path(), "--given", "S"]).run();
    assert!(text.stdout.contains("leans up ×2.25"), "{}", text.stdout);

    // At or below the margin: the lean's side, said in the header and the document.
    let r = "2.25";
    let doc = json(&[
        "run",
        f.path(),
        "--given",
        "S",
        "--decisive",
        r,
        "--format",
        "json",
    ]);
    let c = effect(&doc, "C");
    assert_eq!(c["net"], "up");
    assert_eq!(c["lean"], "up");
    assert!(c["margin"].as_f64().is_some());
    assert_eq!(doc["decisive"].as_f64(), Some(2.25));
    let text = marrow()
        .args(["run", f.path(), "--given", "S", "--decisive", r])
        .run();
    assert!(text.stdout.starts_with("decisive 2.25"), "{}", text.stdout);
    assert!(
        text.stdout.contains("decisive ×2.25 over down"),
        "{}",
        text.stdout
    );
    // Above it: still conflicting.
    let doc = json(&[
        "run",
        f.path(),
        "--given",
        "S",
        "--decisive",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(effect(&doc, "C")["net"], "conflicting");

    for bad in ["1", "0.5", "-2", "NaN"] {
        let flag = format!("--decisive={bad}");
        let out = marrow()
            .args(["run", f.path(), "--given", "S", &flag])
            .run();
        out.fails_with(2);
        assert!(out.stderr.contains("above 1"), "{}", out.stderr);
    }
}

/// A strong four-step path and a weak direct statement from S to T, and T → U.
const PATHS: &str = "S activates a confidence high\na activates b confidence high\n\
                     b activates c confidence high\nc activates T confidence high\n\
                     S activates T confidence low\nT activates U\n";

#[test]
fn max_steps_bounds_every_command() {
    let f = temp_file("paths.rules", PATHS);
    let long = PATHS.lines().filter(|l| l.contains("high")).count() as u64;
    let doc = json(&["run", f.path(), "--given", "S", "--format", "json"]);
    assert_eq!(effect(&doc, "T")["up"]["steps"].as_u64(), Some(long));
    let doc = json(&[
        "run",
        f.path(),
        "--given",
        "S",
        "--max-steps",
        "1",
        "--format",
        "json",
    ]);
    let t = effect(&doc, "T");
    assert_eq!(t["up"]["steps"].as_u64(), Some(1));
    assert_eq!(t["up"]["strength"].as_f64(), Some(0.4));
    assert!(
        doc["effects"]
            .as_array()
            .is_some_and(|es| es.iter().all(|e| e["entity"] != "U"))
    );

    let why = marrow()
        .args([
            "why",
            "T",
            "up",
            "-r",
            f.path(),
            "--given",
            "S",
            "--max-steps",
            "1",
        ])
        .run();
    why.success();
    assert!(why.stdout.contains("strength 0.40"), "{}", why.stdout);
    let not = marrow()
        .args([
            "why",
            "not",
            "U",
            "up",
            "-r",
            f.path(),
            "--given",
            "S",
            "--max-steps",
            "1",
        ])
        .run();
    not.success();
    assert!(
        not.stdout.contains("holds only in 2 steps (> max steps 1)"),
        "{}",
        not.stdout
    );
    let ask = marrow()
        .args([
            "ask",
            "why not U up",
            "-r",
            f.path(),
            "--given",
            "S",
            "--max-steps",
            "1",
        ])
        .run();
    assert!(
        ask.stdout.contains("holds only in 2 steps"),
        "{}",
        ask.stdout
    );
    let effects = marrow()
        .args(["effects", "S", "-r", f.path(), "--max-steps", "1"])
        .run();
    effects.success();
    assert!(!effects.stdout.contains("\nU "), "{}", effects.stdout);
}

#[test]
fn new_words_are_names_elsewhere() {
    let src = "max activates steps\nsteps promotes leans\nleans inhibits leaning\n\
               leaning inhibits decisive\nscenario s {\n  given max\n  max steps 4\n  decisive 2\n\
               expect decisive leans up\n  expect leaning down\n}\n";
    let f = temp_file("words.rules", src);
    let check = marrow().args(["check", f.path()]).run();
    check.success();
    let test = marrow().args(["test", f.path()]).run();
    test.success();
}

#[test]
fn bad_scenario_settings_are_diagnostics() {
    let f = temp_file(
        "bad.rules",
        "a activates b\nscenario s {\n  decisive 1\n  max steps 2.5\n}\n",
    );
    let out = marrow().args(["check", f.path()]).run();
    out.fails_with(1);
    for code in ["marrow::lower::decisive-range", "marrow::lower::max-steps"] {
        assert!(
            out.stderr.contains(code) || out.stdout.contains(code),
            "{code}: {}",
            out.stderr
        );
    }
    assert!(out.stderr.contains("bad.rules:3:3") || out.stdout.contains("bad.rules:3:3"));
}

/// More distinct confidences than a byte can index: every relation keeps its own strength.
#[test]
fn three_hundred_distinct_confidences_keep_their_strengths() {
    let rules: String = (0..300)
        .map(|i| format!("T activates x{i} confidence 0.{:03}\n", 500 + i))
        .collect();
    let f = temp_file("many.rules", &rules);
    let doc = json(&["run", f.path(), "--given", "T up", "--format", "json"]);
    for i in 0..300 {
        let want = format!("0.{:03}", 500 + i)
            .parse::<f64>()
            .expect("a number");
        let x = effect(&doc, &format!("x{i}"));
        assert_eq!(x["up"]["strength"].as_f64(), Some(want), "x{i}: {x}");
    }
}
