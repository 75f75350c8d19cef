//! `marrow report` over the real binary: a self-contained page per scenario (parses as
//! HTML5 and XML, links resolve, no URL), its sections, the index of `--all-scenarios`,
//! stable output, and clear errors.

use crate::support::marrow;
use crate::support::report::{check_page, ids};

fn report(scenario: &str) -> String {
    let args = [
        "report",
        "-r",
        "rules/osseointegration",
        "--scenario",
        scenario,
    ];
    let out = marrow().args(&args).run();
    out.success();
    assert_eq!(
        marrow().args(&args).run().stdout,
        out.stdout,
        "output differs between runs"
    );
    out.stdout
}

#[test]
fn hypoxic_exosomes_page() {
    let html = report("hypoxic-exosomes");
    check_page(&html);
    let ids = ids(&html);
    for id in [
        "setup",
        "outcomes",
        "expectations",
        "warnings",
        "bibliography",
        "ref-1",
        "outcome-osteogenesis",
        "outcome-M2-polarization",
    ] {
        assert!(ids.contains(id), "no #{id}");
    }
    // Title, givens, the outcome table with lean and margin, pictures with text
    // alternatives, trees, the opposing side, expectations and the footer.
    assert!(html.contains("<h1>Exosomes of hypoxia-preconditioned BMSCs (§1.3.1)</h1>"));
    assert!(html.contains("<th scope=\"row\">Givens</th><td>hypoxia up</td>"));
    assert!(html.contains("<table class=\"outcomes\">"));
    // The review's slip on M2 is disputed, so exosomes plainly raise M2.
    assert!(html.contains("M2-polarization</a></th><td class=\"net net-up\">↑ up</td>"));
    let pictures = html.matches("<svg ").count();
    let sections = html.matches("<section class=\"outcome\"").count();
    assert!(sections >= 5, "{sections} outcome sections");
    assert_eq!(pictures, sections, "one picture per moved outcome");
    assert_eq!(html.matches("role=\"img\"").count(), pictures);
    assert_eq!(html.matches("<desc id=").count(), pictures);
    assert!(html.contains("<ul class=\"tree\">"));
    // Each outcome's lines of evidence are counted, like `why` counts them.
    let summaries = html
        .matches("<p class=\"evidence-summary\">supported by ")
        .count();
    assert!(summaries >= 3, "{summaries} evidence counts");
    assert!(html.contains(" intermediates, citing "));
    assert!(html.contains("✓ passed"));
    assert!(html.contains("<code>expect PKNOX1 down via miR-223</code>"));
    assert!(html.contains("Written by marrow "));
    assert!(html.contains("content hash FNV-1a 64 <code>"));
    // Steps and picture edges link to numbered references.
    assert!(html.contains("<a class=\"ref\" href=\"#ref-1\""));
    assert!(html.contains("<a href=\"#ref-1\">"));
    assert!(!html.contains("<script"));
}

#[test]
fn every_shipped_scenario_page_is_self_contained() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out_dir = dir.path().join("site");
    let out_s = out_dir.to_string_lossy().into_owned();
    let out = marrow()
        .args([
            "report",
            "-r",
            "rules/osseointegration",
            "--all-scenarios",
            "-o",
            &out_s,
        ])
        .run();
    out.success();
    let index = std::fs::read_to_string(out_dir.join("index.html")).expect("index.html");
    let dom = tl::parse(&index, tl::ParserOptions::default()).expect("index parses");
    let mut pages = 0;
    for tag in dom.nodes().iter().filter_map(|n| n.as_tag()) {
        if let Some(Some(href)) = tag.attributes().get("href") {
            let file = href.as_utf8_str().into_owned();
            let html = std::fs::read_to_string(out_dir.join(&file))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            check_page(&html);
            pages += 1;
        }
    }
    assert!(pages >= 13, "{pages} pages");
    assert!(!index.contains("//"));
}

#[test]
fn a_failed_expectation_is_reported_first() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let rules = dir.path().join("f.rules");
    std::fs::write(
        &rules,
        "outcome B\nA promotes B [Doe, 2020]\nscenario s \"A raised\" {\n  given A\n  expect B down\n  expect B up\n}\n",
    )
    .expect("write");
    let out = marrow()
        .args(["report", "-r", &rules.to_string_lossy(), "--scenario", "s"])
        .run();
    out.success();
    check_page(&out.stdout);
    let fail = out.stdout.find("✗ failed").expect("a failure row");
    let pass = out.stdout.find("✓ passed").expect("a pass row");
    assert!(fail < pass);
    assert!(out.stdout.contains("got up 0.70"));
    assert!(out.stdout.contains("<li id=\"ref-1\">Doe, 2020"));
}

#[test]
fn output_file_and_errors() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("r.html");
    let file_s = file.to_string_lossy().into_owned();
    let out = marrow()
        .args([
            "report",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "bmsc-exosomes",
            "-o",
            &file_s,
        ])
        .run();
    out.success();
    assert!(out.stdout.is_empty());
    check_page(&std::fs::read_to_string(&file).expect("written"));

    let out = marrow()
        .args([
            "report",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "nope",
        ])
        .run();
    out.fails_with(2);
    assert!(
        out.stderr.contains("marrow::cli::unknown-scenario"),
        "{}",
        out.stderr
    );

    let bad = dir.path().join("missing-dir").join("x").join("r.html");
    let out = marrow()
        .args([
            "report",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "bmsc-exosomes",
            "-o",
            &bad.to_string_lossy(),
        ])
        .run();
    out.fails_with(2);
    assert!(
        out.stderr.contains("marrow::report::write"),
        "{}",
        out.stderr
    );

    let out = marrow()
        .args(["report", "-r", "rules/osseointegration", "--all-scenarios"])
        .run();
    out.fails_with(2);
    let out = marrow()
        .args(["report", "-r", "rules/osseointegration"])
        .run();
    out.fails_with(2);
}
