//! Snapshot tests of the front end: every `tests/cases/parse/*.rules` lowers cleanly to
//! the program shown in its snapshot; every `tests/cases/errors/*.rules` produces the
//! diagnostics shown in its snapshot (rendered without colour, fixed width).

use std::path::{Path, PathBuf};

use marrow::program::{dump::dump, load_paths};

use crate::support::corpus::root;

/// The path as the user would type it from the repository root, so snapshots are
/// independent of where the checkout lives.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root()).unwrap_or(path).to_path_buf()
}

fn diagnostics(path: &Path) -> (String, usize) {
    let loaded = load_paths(&[relative(path)]);
    let mut out = String::new();
    for d in &loaded.diags {
        out.push_str(&d.render(&loaded.program.sources, false));
        out.push('\n');
    }
    out.push_str(&marrow::commands::check::summary(&loaded));
    out.push('\n');
    (out, loaded.errors())
}

#[test]
fn parse_cases() {
    insta::glob!("../cases/parse", "*.rules", |path| {
        let loaded = load_paths(&[relative(path)]);
        let errors: Vec<String> = loaded
            .diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(&loaded.program.sources, false))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let mut out = dump(&loaded.program);
        for d in &loaded.diags {
            out.push_str(&d.render(&loaded.program.sources, false));
        }
        insta::assert_snapshot!(out);
    });
}

#[test]
fn error_cases() {
    insta::glob!("../cases/errors", "*.rules", |path| {
        let (out, errors) = diagnostics(path);
        let warn_only = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("warn_"));
        if warn_only {
            assert_eq!(errors, 0, "{out}");
        } else {
            assert!(errors > 0, "expected at least one error:\n{out}");
        }
        insta::assert_snapshot!(out);
    });
}

/// A line ends at a line feed: a lone carriage return in a comment is part of the comment,
/// and one inside a quoted name or a citation is named and pointed at, not taken for the
/// end of the name.
#[test]
fn lone_carriage_returns() {
    use marrow::program::load_text_with;

    let text =
        "a activates b # x\r y\n\"c\rd\" activates b\nb activates e [P\rQ]\r\nf activates g\r\n";
    let loaded = load_text_with("cr.rules", text, usize::MAX);
    let dump = dump(&loaded.program);
    assert!(dump.contains("a activates b (activates)"), "{dump}");
    assert!(dump.contains("f activates g (activates)"), "{dump}");
    let found: Vec<_> = loaded
        .diags
        .iter()
        .map(|d| {
            let (span, label) = d.primary.clone().expect("placed");
            let (_, line, col) = loaded.program.sources.location(span);
            (d.message.as_str(), line, col, label, d.help.clone())
        })
        .collect();
    let help = |what: &str| {
        Some(format!(
            "a {what} stays on one line: remove the carriage return (a line ends with `\\n` or `\\r\\n`)"
        ))
    };
    assert_eq!(
        found,
        [
            (
                "carriage return inside a quoted name",
                2,
                3,
                "a lone carriage return".to_string(),
                help("quoted name")
            ),
            (
                "carriage return inside a citation",
                3,
                17,
                "a lone carriage return".to_string(),
                help("citation")
            ),
        ]
    );
}
