//! `marrow check` and `marrow prelude` over the real binary: exit codes, the summary line,
//! and hostile input (binary, bad UTF-8, huge lines, deep nesting) that must produce a
//! diagnostic, never a panic or a hang.

use crate::support::{marrow, temp_file};

#[test]
fn shipped_rules_check_clean() {
    let out = marrow().args(["check", "rules/"]).run();
    out.success();
    assert!(out.stdout.starts_with("checked "), "{}", out.stdout);
    assert!(out.stdout.contains("; 0 errors"), "{}", out.stdout);
}

#[test]
fn default_path_is_rules() {
    let a = marrow().args(["check"]).run();
    let b = marrow().args(["check", "rules"]).run();
    assert_eq!(a.stdout, b.stdout);
    a.success();
}

#[test]
fn summary_counts_everything() {
    let f = temp_file(
        "summary.rules",
        "A activates B, C\nwhen A up then D down\nrule r: ?x up => ?x down\nscenario s {\n  given A\n}\nIL-1β activates E\nIL-1b activates F\n",
    );
    let out = marrow().args(["check", f.path()]).run();
    out.success();
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
    let out = marrow().args(["check", f.path()]).run();
    out.fails_with(1);
    assert!(out.stderr.contains("marrow::parse::syntax"));
    assert!(out.stderr.contains("marrow::lower::unknown-verb"));
    assert!(out.stderr.contains("marrow::lower::confidence-range"));
    assert!(out.stdout.contains("3 errors"), "{}", out.stdout);
    // file:line:col is shown with the source line.
    assert!(out.stderr.contains("bad.rules:2:3"), "{}", out.stderr);
}

#[test]
fn missing_path_is_bad_usage() {
    let out = marrow().args(["check", "no/such/dir"]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("marrow::io::unreadable"));
}

#[test]
fn unknown_subcommand_is_bad_usage() {
    marrow().args(["frobnicate"]).run().fails_with(2);
}

#[test]
fn binary_and_invalid_utf8_are_unreadable() {
    let bin = temp_file("bin.rules", b"A activates B\n\x00\x01\x02\xff".as_slice());
    let out = marrow().args(["check", bin.path()]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("marrow::io::binary"), "{}", out.stderr);
    let latin = temp_file(
        "latin.rules",
        b"A activates B\nIL-1\xe2 promotes C\n".as_slice(),
    );
    let out = marrow().args(["check", latin.path()]).run();
    out.fails_with(2);
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
    let out = marrow().args(["check", f.path()]).run();
    out.success();
    assert!(out.stdout.contains("2 statements"));
}

#[test]
fn megabyte_line_is_a_diagnostic_not_a_hang() {
    let mut text = String::from("A activates ");
    text.push_str(&"B".repeat(1 << 20));
    text.push_str(" ~\n");
    let f = temp_file("long.rules", text.as_str());
    let out = marrow().args(["check", f.path()]).run();
    out.fails_with(1);
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
    let out = marrow().args(["check", f.path()]).run();
    out.fails_with(1);
    assert_eq!(out.stderr.matches("marrow::parse::too-deep").count(), 1);
}

#[test]
fn hundred_thousand_braces_on_one_line() {
    let mut text = "context c {".repeat(100_000);
    text.push_str(&"}".repeat(100_000));
    let f = temp_file("braces.rules", text.as_str());
    let out = marrow().args(["check", f.path()]).run();
    out.fails_with(1);
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
    let out = marrow()
        .args(["check", dir.join("a.rules").to_str().unwrap()])
        .run();
    out.fails_with(1);
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
    let out = marrow().args(["check", dir.to_str().unwrap()]).run();
    out.success();
    assert!(
        out.stdout
            .starts_with("checked 2 files: 3 entities, 2 statements"),
        "{}",
        out.stdout
    );
}

#[test]
fn prelude_prints_the_builtin_rules() {
    let out = marrow().args(["prelude"]).run();
    out.success();
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
    // Piped: plain, NO_COLOR or not.
    let piped = marrow()
        .args(["check", f.path()])
        .env_remove("NO_COLOR")
        .run();
    assert!(
        piped.stderr.contains("marrow::lint::similar-names"),
        "{piped}"
    );
    assert!(!piped.stderr.contains('\u{1b}'), "{piped}");
    // Colour asked for is there, so the checks above and below can see it.
    let forced = marrow()
        .args(["check", "--color", "always", f.path()])
        .run();
    assert!(forced.stderr.contains('\u{1b}'), "{forced}");
    // On a terminal: colour, unless NO_COLOR is set.
    let on_terminal = |no_color: bool| {
        let mut cmd = std::process::Command::new(crate::support::binary());
        cmd.args(["check", f.path()]).env("TERM", "xterm");
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let options = rexpect::reader::Options::new()
            .timeout_ms(Some(30_000))
            .strip_ansi_escape_codes(false);
        let mut p = rexpect::session::spawn_with_options(cmd, options).expect("a terminal");
        p.exp_eof().expect("the check ends")
    };
    let coloured = on_terminal(false);
    assert!(
        coloured.contains("similar-names") && coloured.contains('\u{1b}'),
        "{coloured:?}"
    );
    let plain = on_terminal(true);
    assert!(
        plain.contains("similar-names") && !plain.contains('\u{1b}'),
        "{plain:?}"
    );
}

#[test]
fn megabyte_names_in_warnings_are_excerpted() {
    let name = "B".repeat(1 << 20);
    let f = temp_file(
        "long2.rules",
        format!("A activates {name}\nA inhibits {name}\n").as_str(),
    );
    let out = marrow().args(["check", f.path()]).run();
    out.success();
    assert!(out.stderr.contains("marrow::lint::opposite-signs"));
    assert!(
        out.stderr.len() < 20_000,
        "{} bytes of diagnostics",
        out.stderr.len()
    );
}

#[test]
fn shipped_rules_are_in_canonical_layout() {
    let out = marrow().args(["fmt", "--check", "rules/"]).run();
    // `fmt --check` lists the files it would reformat.
    out.success();
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
    let out = marrow()
        .args(["check", dir.join("f0.rules").to_str().expect("utf-8")])
        .run();
    out.fails_with(1);
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
    let out = marrow().args(["why", "IL1B", "up", "-r", f.path()]).run();
    out.fails_with(2);
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
