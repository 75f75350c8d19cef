//! Checks shared by the picture tests: SVG parses as XML and is self-consistent; DOT is
//! accepted by Graphviz when it is installed.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// Parse the SVG and check what every picture must have: `role="img"`, a `<title>` and a
/// `<desc>` named by `aria-labelledby`, unique ids, every `url(#…)`
/// inside the document resolving, a `<title>` (tooltip) on every node and edge, whole or
/// one-decimal coordinates.
pub fn check_svg(svg: &str) {
    let doc =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("SVG is not XML: {e}\n{svg}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("role"), Some("img"));
    let mut ids = BTreeSet::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if let Some(id) = n.attribute("id") {
            assert!(ids.insert(id.to_string()), "duplicate id {id}");
        }
    }
    let labelled = root.attribute("aria-labelledby").unwrap_or("");
    for id in labelled.split_whitespace() {
        assert!(ids.contains(id), "aria-labelledby names a missing id {id}");
    }
    let first: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .take(2)
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(first, ["title", "desc"]);
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in n.attributes() {
            if let Some(rest) = a.value().strip_prefix("url(#") {
                let id = rest.trim_end_matches(')');
                assert!(ids.contains(id), "url(#{id}) does not resolve");
            }
            if ["x", "y", "width", "height"].contains(&a.name()) && !a.value().ends_with('%') {
                let v = a.value();
                let decimals = v.split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 1, "{}={v} is not rounded", a.name());
            }
        }
        let class = n.attribute("class").unwrap_or("");
        if class.starts_with("node ") || class.starts_with("edge ") {
            let title = n.descendants().find(|c| c.has_tag_name("title"));
            assert!(
                title.is_some_and(|t| t.text().is_some_and(|t| !t.is_empty())),
                "{class} has no <title>"
            );
        }
    }
}

/// Whether Graphviz's `dot` can be run.
pub fn have_dot() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Run `dot -Tsvg` on the text when Graphviz is installed; it must succeed without
/// warnings, and its output must parse as XML.
pub fn check_dot(dot: &str) {
    assert!(dot.starts_with("digraph ") && dot.ends_with("}\n"));
    if !have_dot() {
        eprintln!("skipping the Graphviz check: `dot` is not installed");
        return;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("dot reads");
    let out = child.wait_with_output().expect("dot finishes");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "dot rejected the DOT: {stderr}\n{dot}"
    );
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.contains("Fontconfig") && !l.trim().is_empty())
        .collect();
    assert!(warnings.is_empty(), "dot warned: {warnings:?}\n{dot}");
    let svg = String::from_utf8_lossy(&out.stdout);
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(&svg, opts).expect("dot's SVG parses");
}
