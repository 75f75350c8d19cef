//! Every JSON document marrow writes, held to `docs/json.md`: every key listed there (and
//! no other) in the order listed, every value of a listed type. Coming keys marked
//! *planned* must not appear yet.

use std::collections::BTreeSet;

use crate::support::corpus::root;
use crate::support::marrow;
use indexmap::IndexMap;
use serde_json::Value;

/// One documented key: its types, and whether it is only planned.
struct Key {
    types: Vec<String>,
    planned: bool,
    /// May be absent.
    optional: bool,
    /// `(as PATH)`: the value has the shape documented at PATH.
    alias: Option<String>,
}

/// The `schema NAME` blocks of `docs/json.md`, path → key, in written order.
fn schemas() -> IndexMap<String, IndexMap<String, Key>> {
    let doc = std::fs::read_to_string(root().join("docs/json.md")).expect("docs/json.md");
    let mut out = IndexMap::new();
    let mut current: Option<(String, IndexMap<String, Key>)> = None;
    for line in doc.lines() {
        if let Some(name) = line.strip_prefix("```schema ") {
            current = Some((name.trim().to_string(), IndexMap::new()));
        } else if line.starts_with("```") {
            if let Some((name, keys)) = current.take() {
                out.insert(name, keys);
            }
        } else if let Some((_, keys)) = current.as_mut() {
            let (path, rest) = line.split_once(": ").expect("`PATH: TYPE` lines");
            let (types, note) = rest.split_once("  ").unwrap_or((rest, ""));
            let types = types.split('|').map(str::to_string).collect();
            let planned = note.contains("planned");
            let optional = note.contains("optional");
            let alias = note
                .strip_prefix("(as ")
                .and_then(|a| a.strip_suffix(')'))
                .map(str::to_string);
            keys.insert(
                path.to_string(),
                Key {
                    types,
                    planned,
                    optional,
                    alias,
                },
            );
        }
    }
    out
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Check `v` at `path` against the schema; collect every mismatch and the paths seen.
fn check(
    schema: &IndexMap<String, Key>,
    v: &Value,
    path: &str,
    seen: &mut BTreeSet<String>,
    errors: &mut Vec<String>,
) {
    seen.insert(path.to_string());
    if let Some(key) = schema.get(path)
        && !key.types.iter().any(|t| t == type_name(v))
    {
        errors.push(format!("{path}: {} is not {:?}", type_name(v), key.types));
    }
    if let Some(alias) = schema.get(path).and_then(|k| k.alias.as_deref())
        && !v.is_null()
    {
        return check(schema, v, alias, seen, errors);
    }
    match v {
        Value::Object(map) => {
            let prefix = if path.is_empty() {
                String::new()
            } else {
                format!("{path}.")
            };
            let documented: Vec<(&str, bool)> = schema
                .iter()
                .filter(|(_, k)| !k.planned)
                .filter_map(|(p, k)| {
                    p.strip_prefix(prefix.as_str())
                        .map(|rest| (rest, k.optional))
                })
                .filter(|(rest, _)| !rest.contains(['.', '[']))
                .collect();
            let got: Vec<&str> = map.keys().map(String::as_str).collect();
            // Every documented key, in order; optional ones may be left out.
            let mut next = 0;
            let mut ok = true;
            for (key, optional) in &documented {
                if got.get(next) == Some(key) {
                    next += 1;
                } else if !optional {
                    ok = false;
                }
            }
            if !ok || next != got.len() {
                let expected: Vec<&str> = documented.iter().map(|(k, _)| *k).collect();
                errors.push(format!("{path}: keys {got:?}, documented {expected:?}"));
            }
            for (k, value) in map {
                check(schema, value, &join(path, k), seen, errors);
            }
        }
        Value::Array(items) => {
            // Elements are tagged by `kind` only where the schema documents variants.
            let tagged = schema
                .keys()
                .any(|p| p.starts_with(&format!("{path}[kind=")));
            for item in items {
                let element = match item.get("kind").and_then(Value::as_str) {
                    Some(kind) if tagged => format!("{path}[kind={kind}]"),
                    _ => format!("{path}[]"),
                };
                if !schema.contains_key(&element)
                    && !schema.keys().any(|p| p.starts_with(&format!("{element}.")))
                {
                    errors.push(format!("{element} is not documented"));
                }
                check(schema, item, &element, seen, errors);
            }
        }
        _ => {}
    }
}

/// Run marrow and check its JSON against the named schema; the paths it exercised.
fn holds(schema: &str, args: &[&str]) -> BTreeSet<String> {
    let schemas = schemas();
    let keys = schemas
        .get(schema)
        .unwrap_or_else(|| panic!("docs/json.md has no `schema {schema}` block"));
    let out = marrow().args(args).run();
    assert!(out.code <= 1, "{out}");
    let v = out.json();
    let docs: Vec<&Value> = match &v {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    let mut seen = BTreeSet::new();
    let mut errors = Vec::new();
    for doc in docs {
        assert_eq!(
            doc.as_object()
                .and_then(|o| o.keys().next())
                .map(String::as_str),
            Some("marrow"),
            "{args:?}: the first key names the version"
        );
        check(keys, doc, "", &mut seen, &mut errors);
    }
    assert!(errors.is_empty(), "{args:?}:\n{}", errors.join("\n"));
    seen
}

#[test]
fn run_and_effects_documents_match_the_schema() {
    let mut seen = BTreeSet::new();
    for args in [
        &["run", "--scenario", "hypoxic-exosomes", "--format", "json"][..],
        &[
            "run",
            "--scenario",
            "hypoxic-exosomes",
            "--format",
            "json",
            "--include-unaffected",
        ],
        &[
            "run",
            "tests/cases/run/null_results.rules",
            "--scenario",
            "dmog",
            "--format",
            "json",
        ],
        &[
            "run",
            "tests/cases/run/margins.rules",
            "--scenario",
            "plain",
            "--decisive",
            "1.5",
            "--format",
            "json",
        ],
    ] {
        seen.extend(holds("run", args));
    }
    for args in [
        &["effects", "miR-155", "--format", "json"][..],
        &[
            "effects",
            "PKNOX1",
            "--down",
            "--scenario",
            "hypoxic-exosomes",
            "--format",
            "json",
        ],
        &[
            "ask",
            "effect of miR-155 down on IL-13Rα1",
            "--format",
            "json",
        ],
    ] {
        seen.extend(holds("effects", args));
    }
    assert!(seen.contains("effects[].before.up"), "{seen:#?}");
    assert!(
        seen.contains("effects[].notes[kind=contradicts-null-result]"),
        "a contradicted null result was exercised"
    );
    assert!(seen.contains("effects[].margin") && seen.contains("decisive"));
}

#[test]
fn why_documents_match_the_schema() {
    let mut seen = BTreeSet::new();
    let cases: &[&[&str]] = &[
        &[
            "why",
            "not",
            "U",
            "up",
            "-r",
            "tests/cases/run/max_steps.rules",
            "--scenario",
            "bounded",
            "--format",
            "json",
        ],
        &[
            "why",
            "M2-polarization",
            "up",
            "--scenario",
            "hypoxic-exosomes",
            "--format",
            "json",
        ],
        &[
            "why",
            "osteogenesis",
            "up",
            "--scenario",
            "bmsc-exosomes",
            "--chain",
            "--alternatives",
            "2",
            "--format",
            "json",
        ],
        &[
            "why",
            "not",
            "PKNOX1",
            "up",
            "--scenario",
            "hypoxic-exosomes",
            "--depth",
            "2",
            "--format",
            "json",
        ],
        &[
            "why",
            "not",
            "endothelial-proliferation",
            "up",
            "--scenario",
            "dmog-exosomes",
            "--format",
            "json",
        ],
        &[
            "why",
            "not",
            "hypoxia",
            "down",
            "--scenario",
            "hypoxic-exosomes",
            "--format",
            "json",
        ],
        &[
            "why",
            "not",
            "M2-polarization",
            "up",
            "-r",
            "tests/cases/run/contexts.rules",
            "--context",
            "osteoblast",
            "--given",
            "IL-4",
            "--format",
            "json",
        ],
        &[
            "ask",
            "why not IL-1β up",
            "--scenario",
            "hypoxic-exosomes",
            "--format",
            "json",
        ],
        &[
            "why",
            "M1-polarization",
            "down",
            "-r",
            "tests/cases/run/disputed.rules",
            "--given",
            "IL-10",
            "--format",
            "json",
        ],
        &[
            "why",
            "not",
            "TNF-α",
            "up",
            "-r",
            "tests/cases/run/disputed.rules",
            "--given",
            "IL-10",
            "--format",
            "json",
        ],
    ];
    for args in cases {
        seen.extend(holds("why", args));
    }
    assert!(
        seen.contains("disputed[]"),
        "a disputed statement was mentioned"
    );
    for kind in [
        "disputed",
        "blocked",
        "candidate",
        "unmatched-rule",
        "inactive",
        "null-result",
        "too-many-steps",
    ] {
        assert!(
            seen.contains(&format!("why_not[kind={kind}]")),
            "a `{kind}` finding was exercised: {seen:#?}"
        );
    }
    assert!(seen.contains("opposing.nodes[]"));
    assert!(
        seen.contains("alternatives[]") && seen.contains("chain"),
        "{seen:#?}"
    );
}

#[test]
fn path_check_test_and_list_documents_match_the_schema() {
    let seen = holds(
        "path",
        &[
            "ask",
            "path from hypoxia to osteogenesis",
            "--scenario",
            "bmsc-exosomes",
            "--format",
            "json",
        ],
    );
    assert!(seen.contains("paths[].steps[]"), "{seen:#?}");
    let seen = holds(
        "check",
        &["check", "rules/osseointegration", "--format", "json"],
    );
    assert!(seen.contains("diagnostics[].related[]"), "{seen:#?}");
    let typo = crate::support::temp_file("t.rules", "A inhibts B\n");
    let seen = holds("check", &["check", typo.path(), "--format", "json"]);
    assert!(seen.contains("diagnostics[].fixes[]"), "{seen:#?}");
    let seen = holds("test", &["test", "tutorials", "--format", "json"]);
    assert!(seen.contains("scenarios[]"), "{seen:#?}");
    for what in ["scenarios", "entities", "contexts", "outcomes", "verbs"] {
        let seen = holds("list", &["list", what, "--format", "json"]);
        assert!(seen.contains(&format!("{what}[]")), "{what}: {seen:#?}");
    }
}
