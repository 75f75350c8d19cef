//! Lints over the real binary on a real network: the likely-typo lint must not flood a
//! gene-level network, where neighbouring names are mostly family members.

use crate::support::corpus::shared_data;
use crate::support::{marrow, temp_file};

/// OmniPath's signed interactions (CARNIVAL export) as `A activates B` / `A inhibits B`.
#[test]
fn the_typo_lint_does_not_flood_omnipath() {
    let Some(table) = shared_data("omnipath/omnipath_carnival.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(&table).expect("the OmniPath table reads");
    let mut rules = String::new();
    for line in text.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if let [source, sign, target] = cols[..] {
            let verb = if sign.trim() == "-1" {
                "inhibits"
            } else {
                "activates"
            };
            rules.push_str(&format!("{source:?} {verb} {target:?}\n"));
        }
    }
    let f = temp_file("omnipath.rules", rules);
    let out = marrow().args(["check", f.path()]).run();
    out.success();
    let typos = out.stderr.matches("marrow::lint::possible-typo").count();
    eprintln!("possible-typo warnings on OmniPath: {typos}");
    assert!(
        typos <= 5,
        "{typos} possible-typo warnings:\n{}",
        out.stderr
    );
    // Gene families are never flagged.
    assert!(!out.stderr.contains("`CALM1`"), "{}", out.stderr);
}

#[test]
fn a_typo_in_a_condition_is_warned_twice_over() {
    let f = temp_file(
        "bone.rules",
        "RANKL activates osteoclastogenesis\nOPG inhibits RANKL\nosteoclastogenesis increases bone-resorption\nRUNX2 activates osteogenesis when RNAKL up\n",
    );
    let out = marrow().args(["check", f.path()]).run();
    out.success();
    assert!(
        out.stderr.contains("marrow::lint::possible-typo"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("write `RANKL`"), "{}", out.stderr);
    assert!(
        out.stderr.contains("marrow::lint::unreachable-condition"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.ends_with("0 errors, 2 warnings\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn command_line_names_get_no_distant_suggestion() {
    let f = temp_file(
        "names.rules",
        "miR-155 inhibits IL-13Rα1\nBMP-2 promotes osteogenesis\n",
    );
    let out = marrow()
        .args(["run", f.path(), "--given", "IL-1β up"])
        .run();
    out.fails_with(2);
    assert!(!out.stderr.contains("IL-13Rα1"), "{}", out.stderr);
    let out = marrow()
        .args(["run", f.path(), "--given", "angiogenesis up"])
        .run();
    assert!(!out.stderr.contains("osteogenesis"), "{}", out.stderr);
    let out = marrow()
        .args(["run", f.path(), "--given", "osteogenisis up"])
        .run();
    assert!(out.stderr.contains("osteogenesis"), "{}", out.stderr);
}

/// A load that leaves its lints for later (as `run` and `why` do, to lint beside the
/// evaluation) ends with the warnings, in the order, of a load that lints at once: run
/// by the caller or by `add_lints` itself.
#[test]
fn deferred_lints_give_the_warnings_of_a_whole_load() {
    use marrow::program::{LoadOptions, load_sources_with};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/errors");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("the error cases")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("warn_"))
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a case");
            (p.to_string_lossy().into_owned(), text)
        })
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the warning cases");
    let sources: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let shown = |l: &marrow::program::Loaded| -> Vec<String> {
        l.diags
            .iter()
            .map(|d| d.render(&l.program.sources, false))
            .collect()
    };
    let whole = load_sources_with(&sources, &LoadOptions::default());
    assert!(whole.lints.is_none());
    let deferred = LoadOptions::default().with_deferred_lints();
    let mut by_caller = load_sources_with(&sources, &deferred);
    let pending = by_caller.lints.take().expect("lints left pending");
    let warnings = pending.run(&by_caller.program);
    assert!(!warnings.is_empty());
    assert!(by_caller.warnings() < whole.warnings());
    by_caller.add_lints(Some(warnings));
    let mut by_itself = load_sources_with(&sources, &deferred);
    by_itself.add_lints(None);
    assert_eq!(shown(&by_caller), shown(&whole));
    assert_eq!(shown(&by_itself), shown(&whole));
    assert!(by_caller.lints.is_none() && by_itself.lints.is_none());
}
