//! `marrow check` and `marrow prelude` over the real binary: exit codes, the summary line,
//! and hostile input (binary, bad UTF-8, huge lines, deep nesting) that must produce a
//! diagnostic, never a panic or a hang.

use crate::support::{marrow, temp_file};

#[test]
fn shipped_rules_check_clean() {
    let out = marrow(&["check", "rules/"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("checked "), "{}", out.stdout);
    assert!(out.stdout.contains("; 0 errors"), "{}", out.stdout);
}

#[test]
fn default_path_is_rules() {
    let a = marrow(&["check"]);
    let b = marrow(&["check", "rules"]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.code, 0);
}

#[test]
fn summary_counts_everything() {
    let f = temp_file(
        "summary.rules",
        "A activates B, C\nwhen A up then D down\nrule r: ?x up => ?x down\nscenario s {\n  given A\n}\nIL-1β activates E\nIL-1b activates F\n",
    );
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "checked 1 file: 8 entities, 5 statements, 1 rule, 1 scenario; 0 errors, 1 warning\n"
    );
    assert!(out.stderr.contains("marrow::lint::similar-names"));
}

#[test]
fn errors_exit_one_and_report_every_error() {
    let f = temp_file(
        "bad.rules",
        "A activates\nB frobs C\nD inhibits E confidence 2\n",
    );
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("marrow::parse::syntax"));
    assert!(out.stderr.contains("marrow::lower::unknown-verb"));
    assert!(out.stderr.contains("marrow::lower::confidence-range"));
    assert!(out.stdout.contains("3 errors"), "{}", out.stdout);
    // file:line:col is shown with the source line.
    assert!(out.stderr.contains("bad.rules:2:3"), "{}", out.stderr);
}

#[test]
fn missing_path_is_bad_usage() {
    let out = marrow(&["check", "no/such/dir"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("marrow::io::unreadable"));
}

#[test]
fn unknown_subcommand_is_bad_usage() {
    assert_eq!(marrow(&["frobnicate"]).code, 2);
}

#[test]
fn binary_and_invalid_utf8_are_unreadable() {
    let bin = temp_file("bin.rules", b"A activates B\n\x00\x01\x02\xff".as_slice());
    let out = marrow(&["check", bin.path()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("marrow::io::binary"), "{}", out.stderr);
    let latin = temp_file(
        "latin.rules",
        b"A activates B\nIL-1\xe2 promotes C\n".as_slice(),
    );
    let out = marrow(&["check", latin.path()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("invalid UTF-8 at byte offset 18"),
        "{}",
        out.stderr
    );
}

#[test]
fn bom_and_crlf_are_fine() {
    let f = temp_file(
        "crlf.rules",
        b"\xef\xbb\xbfA activates B [X, 2020]\r\ncontext m {\r\n  B inhibits C\r\n}\r\n".as_slice(),
    );
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("2 statements"));
}

#[test]
fn megabyte_line_is_a_diagnostic_not_a_hang() {
    let mut text = String::from("A activates ");
    text.push_str(&"B".repeat(1 << 20));
    text.push_str(" ~\n");
    let f = temp_file("long.rules", text.as_str());
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("marrow::parse::syntax"));
}

#[test]
fn hundred_thousand_nested_blocks_stop_at_the_depth_limit() {
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!("context c{i} {{\n"));
    }
    text.push_str("A activates B\n");
    text.push_str(&"}\n".repeat(100_000));
    let f = temp_file("deep.rules", text.as_str());
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr.matches("marrow::parse::too-deep").count(), 1);
}

#[test]
fn hundred_thousand_braces_on_one_line() {
    let mut text = "context c {".repeat(100_000);
    text.push_str(&"}".repeat(100_000));
    let f = temp_file("braces.rules", text.as_str());
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("marrow::parse::too-deep"));
}

#[test]
fn include_cycle_and_missing_include() {
    let dir = crate::support::temp_dir();
    std::fs::write(dir.join("a.rules"), "include \"b.rules\"\nA activates B\n").unwrap();
    std::fs::write(
        dir.join("b.rules"),
        "include \"a.rules\"\ninclude \"gone.rules\"\n",
    )
    .unwrap();
    let out = marrow(&["check", dir.join("a.rules").to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("marrow::lower::include-cycle"));
    assert!(out.stderr.contains("marrow::lower::include-missing"));
}

#[test]
fn folder_loads_rules_files_in_sorted_order_once() {
    let dir = crate::support::temp_dir();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("b.rules"),
        "include \"sub/a.rules\"\nB activates C\n",
    )
    .unwrap();
    std::fs::write(dir.join("sub/a.rules"), "A activates B\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "not rules").unwrap();
    let out = marrow(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("checked 2 files: 3 entities, 2 statements"),
        "{}",
        out.stdout
    );
}

#[test]
fn prelude_prints_the_builtin_rules() {
    let out = marrow(&["prelude"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        std::fs::read_to_string("rules/prelude.rules").unwrap()
    );
    for rule in [
        "activation",
        "activation-loss",
        "inhibition",
        "disinhibition",
        "delivery",
    ] {
        assert!(out.stdout.contains(&format!("rule {rule}")));
    }
}

#[test]
fn no_colour_when_piped_or_no_color() {
    let f = temp_file("warn.rules", "IL-1β activates B\nIL-1b activates C\n");
    let out = crate::support::marrow_env(&["check", f.path()], &[("NO_COLOR", "1")]);
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}

#[test]
fn megabyte_names_in_warnings_are_excerpted() {
    let name = "B".repeat(1 << 20);
    let f = temp_file(
        "long2.rules",
        format!("A activates {name}\nA inhibits {name}\n").as_str(),
    );
    let out = marrow(&["check", f.path()]);
    assert_eq!(out.code, 0, "{}", &out.stderr[..out.stderr.len().min(2000)]);
    assert!(out.stderr.contains("marrow::lint::opposite-signs"));
    assert!(
        out.stderr.len() < 20_000,
        "{} bytes of diagnostics",
        out.stderr.len()
    );
}

#[test]
fn shipped_rules_are_in_canonical_layout() {
    let out = marrow(&["fmt", "--check", "rules/"]);
    assert_eq!(out.code, 0, "would reformat:\n{}", out.stdout);
}

#[test]
fn include_chains_stop_at_the_depth_limit() {
    let dir = crate::support::temp_dir();
    for i in 0..70 {
        std::fs::write(
            dir.join(format!("f{i}.rules")),
            format!("include \"f{}.rules\"\n", i + 1),
        )
        .expect("write");
    }
    std::fs::write(dir.join("f70.rules"), "A activates B\n").expect("write");
    let out = marrow(&["check", dir.join("f0.rules").to_str().expect("utf-8")]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.matches("marrow::lower::include-depth").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn ambiguous_names_are_refused() {
    let f = temp_file("amb.rules", "IL-1b activates A\nil_1B activates B\n");
    let out = marrow(&["why", "IL1B", "up", "-r", f.path()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("marrow::cli::ambiguous-entity"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`IL-1b`") && out.stderr.contains("`il_1B`"),
        "{}",
        out.stderr
    );
}
