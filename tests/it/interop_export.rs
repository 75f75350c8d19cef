//! `marrow export` over the real binary: round trips through SIF and BEL, and GraphML / CX2
//! / JSON documents checked for the shape their readers need.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;

use crate::support::corpus::{root, shared_data};
use crate::support::{marrow, temp_dir};
use quick_xml::events::Event;
use serde_json::Value;

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// Signed edges of SIF text, as the test reads them.
fn sif_edges(text: &str) -> BTreeSet<(String, i8, String)> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let f: Vec<&str> = if line.contains('\t') {
            line.split('\t')
                .map(|x| x.trim().trim_matches('"'))
                .collect()
        } else {
            line.split_whitespace().collect()
        };
        if f.len() < 3 || line.starts_with('#') {
            continue;
        }
        let sign = match f[1] {
            "1" | "activates" => 1,
            "-1" | "inhibits" => -1,
            _ => continue,
        };
        for t in &f[2..] {
            out.insert((f[0].to_string(), sign, t.to_string()));
        }
    }
    out
}

fn import(format: &str, input: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["import", format, s(input), "-o", s(out)];
    args.extend_from_slice(extra);
    let run = marrow().args(&args).run();
    run.success();
}

fn export(format: &str, rules: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", format, "-r", s(rules)];
    args.extend_from_slice(extra);
    let run = marrow().args(&args).run();
    run.success();
    run.stdout
}

#[test]
fn sif_to_rules_to_sif_keeps_the_edge_set() {
    let input = root().join("tests/cases/import/network.sif");
    let dir = temp_dir();
    import("sif", &input, &dir, &[]);
    let back = export("sif", &dir, &[]);
    let want = sif_edges(&std::fs::read_to_string(&input).expect("fixture"));
    assert_eq!(sif_edges(&back), want);
    assert!(want.contains(&("M2 polarization".into(), 1, "A".into())));
}

#[test]
fn omnipath_as_sif_round_trips() {
    let Some(tsv) = shared_data("omnipath/omnipath_carnival.tsv") else {
        return;
    };
    let dir = temp_dir();
    let text = std::fs::read_to_string(&tsv).expect("table");
    let sif: String = text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("omni.sif"), &sif).expect("write");
    import("sif", &dir.join("omni.sif"), &dir.join("r"), &[]);
    let back = export("sif", &dir.join("r"), &[]);
    let want = sif_edges(&sif);
    assert_eq!(want.len(), 19_807);
    assert_eq!(sif_edges(&back), want);
}

/// What BEL must keep, from the JSON export of a program: every signed statement, null
/// result and conjunction with its verb, contexts and confidence, once per citation (source
/// and evidence; the origin names the file last read, so it is left out). Per citation, so
/// that claims merged differently on the way (across files, within one) still compare.
fn kept(json: &str) -> BTreeSet<String> {
    let doc: Value = serde_json::from_str(json).expect("JSON");
    let is_origin = |p: &str| {
        p.rsplit_once(':').is_some_and(|(f, l)| {
            f.contains('.') && !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())
        })
    };
    let mut out = BTreeSet::new();
    let mut add = |identity: String, item: &Value| {
        let cites = item["citations"].as_array().expect("citations");
        for c in cites {
            let kept: Vec<&str> = c
                .as_str()
                .expect("text")
                .split(" · ")
                .filter(|p| !is_origin(p))
                .collect();
            out.insert(format!("{identity} | {}", kept.join(" · ")));
        }
        if cites.is_empty() {
            out.insert(identity);
        }
    };
    for st in doc["statements"].as_array().expect("statements") {
        let id = format!(
            "{} {} {} {} {} {}",
            st["subject"],
            st["verb"],
            st["object"],
            st["contexts"],
            st["confidence"],
            st["conditions"]
        );
        add(id, st);
    }
    for n in doc["nulls"].as_array().expect("nulls") {
        add(
            format!("{} null {} {}", n["subject"], n["object"], n["contexts"]),
            n,
        );
    }
    for c in doc["conjunctions"].as_array().expect("conjunctions") {
        // Loading merges a restated statement (keeping the higher confidence) but not a
        // restated conjunction, while one import merges both; so a conjunction restated
        // across files may come back with the higher confidence of the two.
        add(
            format!("{} => {} {}", c["premises"], c["head"], c["contexts"]),
            c,
        );
    }
    out
}

fn bel_round_trip(input: &Path) {
    let dir = temp_dir();
    import(
        "bel",
        input,
        &dir.join("first"),
        &["--context-from", "Cell,Context"],
    );
    // Both exports of the first import at once: on a large corpus they take the longest.
    let (first, bel) = std::thread::scope(|s| {
        let json = s.spawn(|| export("json", &dir.join("first"), &[]));
        let bel = export("bel", &dir.join("first"), &[]);
        let json = json.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        (json, bel)
    });
    std::fs::write(dir.join("back.bel"), &bel).expect("write");
    import(
        "bel",
        &dir.join("back.bel"),
        &dir.join("second"),
        &["--context-from", "Context"],
    );
    let second = export("json", &dir.join("second"), &[]);
    let (a, b) = (kept(&first), kept(&second));
    assert!(!a.is_empty());
    let lost: Vec<&String> = a.difference(&b).take(5).collect();
    let gained: Vec<&String> = b.difference(&a).take(5).collect();
    assert!(
        lost.is_empty() && gained.is_empty(),
        "lost {lost:#?}\ngained {gained:#?}"
    );
}

#[test]
fn bel_to_rules_to_bel_keeps_statements_citations_and_null_results() {
    bel_round_trip(&root().join("tests/cases/import/constructs.bel"));
}

#[test]
fn conib_round_trips_through_bel() {
    let Some(conib) = shared_data("conib") else {
        return;
    };
    bel_round_trip(&conib);
}

#[test]
fn graphml_has_the_shape_readers_expect() {
    let xml = export(
        "graphml",
        Path::new("rules"),
        &["--scenario", "hypoxic-exosomes"],
    );
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut keys, mut nodes, mut edges) = (HashSet::new(), HashSet::new(), Vec::new());
    let mut used_keys = HashSet::new();
    let mut stack: Vec<String> = Vec::new();
    let mut graph_directed = false;
    let mut nets = 0;
    let mut in_net = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            ev @ (Event::Start(_) | Event::Empty(_)) => {
                let (e, empty) = match &ev {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    _ => unreachable!(),
                };
                let name = e.name().as_ref().to_string();
                let attr = |k: &str| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == k)
                        .map(|a| a.value.to_string())
                };
                match name.as_str() {
                    "graphml" => assert!(stack.is_empty()),
                    "key" => {
                        assert_eq!(stack.last().map(String::as_str), Some("graphml"));
                        assert!(attr("for").is_some() && attr("attr.type").is_some());
                        keys.insert(attr("id").expect("key id"));
                    }
                    "graph" => graph_directed = attr("edgedefault").as_deref() == Some("directed"),
                    "node" => {
                        assert_eq!(stack.last().map(String::as_str), Some("graph"));
                        assert!(
                            nodes.insert(attr("id").expect("node id")),
                            "unique node ids"
                        );
                    }
                    "edge" => edges.push((
                        attr("source").expect("source"),
                        attr("target").expect("target"),
                    )),
                    "data" => {
                        let k = attr("key").expect("data key");
                        in_net = k == "n_net";
                        used_keys.insert(k);
                    }
                    other => panic!("unexpected element {other}"),
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::Text(t) if in_net => {
                let v = t.to_string();
                assert!(["up", "down", "conflicting"].contains(&v.as_str()), "{v}");
                nets += 1;
                in_net = false;
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(graph_directed);
    assert!(!edges.is_empty() && nodes.len() > 10);
    for (a, b) in &edges {
        assert!(
            nodes.contains(a) && nodes.contains(b),
            "edge ends are nodes"
        );
    }
    assert!(used_keys.is_subset(&keys), "every data key is declared");
    assert!(nets > 0, "the scenario's net effects are node attributes");
}

#[test]
fn cx2_has_the_aspects_cytoscape_needs() {
    let text = export(
        "cx2",
        Path::new("rules"),
        &["--scenario", "hypoxic-exosomes"],
    );
    let doc: Value = serde_json::from_str(&text).expect("CX2 is JSON");
    let aspects = doc.as_array().expect("CX2 is a list of aspects");
    assert_eq!(aspects[0]["CXVersion"], "2.0");
    let aspect = |name: &str| -> &Value {
        aspects
            .iter()
            .find_map(|a| a.get(name))
            .unwrap_or_else(|| panic!("aspect {name}"))
    };
    let meta: HashMap<String, u64> = aspect("metaData")
        .as_array()
        .expect("metaData")
        .iter()
        .map(|m| {
            (
                m["name"].as_str().expect("name").to_string(),
                m["elementCount"].as_u64().expect("count"),
            )
        })
        .collect();
    let decl = &aspect("attributeDeclarations")[0];
    let nodes = aspect("nodes").as_array().expect("nodes");
    let edges = aspect("edges").as_array().expect("edges");
    assert_eq!(meta["nodes"], nodes.len() as u64);
    assert_eq!(meta["edges"], edges.len() as u64);
    let ids: HashSet<u64> = nodes
        .iter()
        .map(|n| n["id"].as_u64().expect("id"))
        .collect();
    assert_eq!(ids.len(), nodes.len());
    for n in nodes {
        for k in n["v"].as_object().expect("v").keys() {
            assert!(
                decl["nodes"].get(k).is_some(),
                "node attribute {k} declared"
            );
        }
    }
    for e in edges {
        assert!(
            ids.contains(&e["s"].as_u64().expect("s"))
                && ids.contains(&e["t"].as_u64().expect("t"))
        );
        for k in e["v"].as_object().expect("v").keys() {
            assert!(
                decl["edges"].get(k).is_some(),
                "edge attribute {k} declared"
            );
        }
    }
    assert!(
        nodes.iter().any(|n| n["v"]["net"].is_string()),
        "net effects on nodes"
    );
    assert!(aspect("status")[0]["success"].as_bool().expect("status"));
}

#[test]
fn json_is_the_whole_program() {
    let text = export("json", Path::new("rules"), &[]);
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    for key in [
        "marrow",
        "entities",
        "contexts",
        "verbs",
        "statements",
        "nulls",
        "conjunctions",
        "rules",
        "scenarios",
        "effects",
    ] {
        assert!(doc.get(key).is_some(), "key {key}");
    }
    let check = marrow().args(["check", "rules"]).run();
    let n = doc["statements"].as_array().expect("statements").len()
        + doc["nulls"].as_array().expect("nulls").len()
        + doc["conjunctions"].as_array().expect("conjunctions").len();
    assert!(
        check.stdout.contains(&format!("{n} statements")),
        "{} vs {n}",
        check.stdout
    );
    assert!(
        doc["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .any(|r| r["prelude"] == true)
    );
    assert!(doc["effects"].is_null());
}

#[test]
fn contexts_filter_and_output_files() {
    let dir = temp_dir();
    std::fs::write(
        dir.join("x.rules"),
        "A activates B in m\nA inhibits C in n\nB activates C\n",
    )
    .expect("write");
    let only_m = export("sif", &dir.join("x.rules"), &["--context", "m"]);
    assert_eq!(only_m, "A\t1\tB\nB\t1\tC\n");
    let run = marrow()
        .args([
            "export",
            "graphml",
            "-r",
            s(&dir.join("x.rules")),
            "-o",
            s(&dir.join("out/x.graphml")),
        ])
        .run();
    run.success();
    assert!(
        std::fs::read_to_string(dir.join("out/x.graphml"))
            .expect("written")
            .contains("<graphml")
    );
    let bad = marrow()
        .args([
            "export",
            "sif",
            "-r",
            s(&dir.join("x.rules")),
            "--scenario",
            "nope",
        ])
        .run();
    bad.fails_with(2);
    assert!(
        bad.stderr.contains("no scenario named `nope`"),
        "{}",
        bad.stderr
    );
}
