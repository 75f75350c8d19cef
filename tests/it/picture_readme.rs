//! The README's picture of a derivation is what marrow draws today: the committed SVG is
//! compared with a fresh rendering, and the README shows it and the report command.

use crate::support::corpus::root;
use crate::support::marrow;

const PICTURE: &str = "docs/why-m2-polarization.svg";
const ARGS: [&str; 9] = [
    "why",
    "M2-polarization",
    "up",
    "-r",
    "rules/osseointegration",
    "--scenario",
    "hypoxic-exosomes",
    "--format",
    "svg",
];

#[test]
fn readme_picture_is_current() {
    let out = marrow().args(&ARGS).run();
    out.success();
    crate::support::diagram::check_svg(&out.stdout);
    let committed = std::fs::read_to_string(root().join(PICTURE)).unwrap_or_default();
    assert!(
        committed == out.stdout,
        "{PICTURE} differs from what marrow draws now; regenerate it with\n  \
         cargo run -- {} > {PICTURE}",
        ARGS.join(" ")
    );
}

#[test]
fn readme_shows_the_picture_and_the_report() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(
        readme.contains(&format!("]({PICTURE})")),
        "README does not show {PICTURE}"
    );
    assert!(readme.contains("marrow report --scenario hypoxic-exosomes"));
    assert!(readme.contains("--format svg"));
}
