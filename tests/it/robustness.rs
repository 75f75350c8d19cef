//! Bad input never hurts: the loader returns diagnostics, never panics, on arbitrary bytes
//! and on random mutations of every valid rule file we have.

use marrow::program::{files::decode, load_text};
use marrow::source::Sources;
use proptest::prelude::*;

use crate::support::corpus::files;

/// Every rule file that loads cleanly: the parse cases, the run cases, the shipped rules
/// (read once for all the cases).
fn corpus() -> &'static [String] {
    static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let out: Vec<String> = [
            "tests/cases/parse",
            "tests/cases/run",
            "tutorials",
            "rules/osseointegration",
        ]
        .into_iter()
        .flat_map(|dir| files(dir, "rules"))
        .map(|p| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
        assert!(out.len() > 20, "corpus found");
        out
    })
}

/// One edit to a text: delete, insert or replace a byte range.
#[derive(Debug, Clone)]
enum Edit {
    Delete(usize, usize),
    Insert(usize, String),
    Replace(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let junk = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(";".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        Just(" when ".to_string()),
        Just(" confidence ".to_string()),
        Just("?x".to_string()),
        Just("=>".to_string()),
        Just("β".to_string()),
        Just("\r".to_string()),
        "\\PC{0,6}",
    ];
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), junk.clone()).prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<usize>(), junk).prop_map(|(a, s)| Edit::Replace(a, s)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    let boundary = |t: &str, mut i: usize| {
        i %= t.len() + 1;
        while !t.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    for e in edits {
        match e {
            Edit::Delete(a, n) => {
                let a = boundary(&t, *a);
                let b = boundary(&t, (a + n).min(t.len()));
                t.replace_range(a..b.max(a), "");
            }
            Edit::Insert(a, s) => {
                let a = boundary(&t, *a);
                t.insert_str(a, s);
            }
            Edit::Replace(a, s) => {
                let a = boundary(&t, *a);
                let b = boundary(&t, (a + s.len()).min(t.len()));
                t.replace_range(a..b.max(a), s);
            }
        }
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut sources = Sources::default();
        if decode(&mut sources, "x.rules".into(), bytes.clone()).is_ok() {
            prop_assert!(std::str::from_utf8(&bytes).is_ok(), "decoded, yet not UTF-8");
        }
        // Random bytes are hardly ever UTF-8: load their lossy text either way, so control
        // and replacement characters (which the text test never generates) reach the
        // loader.
        let loaded = load_text("x.rules", &String::from_utf8_lossy(&bytes));
        for d in &loaded.diags {
            let _ = d.render(&loaded.program.sources, false);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let loaded = load_text("x.rules", &text);
        for d in &loaded.diags {
            let _ = d.render(&loaded.program.sources, false);
        }
    }

    #[test]
    fn mutated_rule_files_never_panic(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let corpus = corpus();
        let text = apply(&corpus[which.index(corpus.len())], &edits);
        let loaded = load_text("mutated.rules", &text);
        // Whatever loads is evaluable and explainable, too.
        if loaded.errors() == 0 {
            for sc in loaded.program.scenarios.values() {
                let ev = marrow::engine::evaluate(
                    &loaded.program,
                    &marrow::engine::RunConfig::from_scenario(sc),
                );
                let effects = marrow::engine::net_effects(&loaded.program, &ev, true);
                let view = marrow::render::View::new(&loaded.program);
                let _ = marrow::render::text::effects_table(&view, &effects);
            }
        }
        for d in &loaded.diags {
            let _ = d.render(&loaded.program.sources, false);
        }
    }
}
