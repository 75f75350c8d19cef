//! `marrow import` over the real binary: the CONIB BEL corpus and the OmniPath table (skipped
//! with a message when `../shared/data` is absent), the construct fixture, and bad input.

use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};
use std::path::Path;

use crate::support::corpus::{files, shared_data};
use crate::support::{marrow, temp_dir};

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn fixture(name: &str) -> String {
    format!("tests/cases/import/{name}")
}

/// Per (action, reason) counts of a report, from its rows.
fn report_counts(report: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for row in report.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        assert!(cols.len() >= 7, "report row has every column: {row}");
        assert!(
            cols[1].parse::<usize>().is_ok() && cols[2].parse::<usize>().is_ok(),
            "{row}"
        );
        *m.entry(format!("{} {}", cols[3], cols[4])).or_default() += 1;
    }
    m
}

// ---------------------------------------------------------------- a test-side BEL reader

/// Statement lines of a BEL document, each with the values of the `keys` annotations in
/// force (a new citation clears them; `UNSET`, `UNSET {…}`, `UNSET ALL` too): physical lines
/// outside multi-line strings that are not `SET`, `UNSET`, `DEFINE` or comments.
fn bel_statements(text: &str, keys: &[&str]) -> Vec<(String, BTreeSet<String>)> {
    let norm = |k: &str| k.replace('_', "").to_lowercase();
    let keys: Vec<String> = keys.iter().map(|k| norm(k)).collect();
    let mut notes: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    let mut in_string = false;
    let mut pending = String::new();
    for line in text.lines() {
        let t = line.trim();
        if in_string {
            in_string = t.matches('"').count() % 2 == 0;
            continue;
        }
        if let Some(rest) = t.strip_prefix("SET ") {
            in_string = t.matches('"').count() % 2 == 1;
            let Some((key, value)) = rest.split_once('=') else {
                continue;
            };
            let key = norm(key.trim());
            if key == "citation" {
                notes.clear();
            } else if !in_string {
                let value = value.split(" #").next().unwrap_or("").trim();
                let values: Vec<String> = if value.contains('"') {
                    value
                        .split('"')
                        .skip(1)
                        .step_by(2)
                        .map(str::to_string)
                        .collect()
                } else {
                    vec![value.trim_matches(['{', '}']).to_string()]
                };
                notes.insert(key, values);
            }
            continue;
        }
        if let Some(rest) = t.strip_prefix("UNSET ") {
            for k in rest.trim_matches(['{', '}', ' ']).split(',') {
                match norm(k.trim()).as_str() {
                    "all" | "citation" => notes.clear(),
                    k => {
                        notes.remove(k);
                    }
                }
            }
            continue;
        }
        if t.is_empty() || t.starts_with('#') || t.starts_with("DEFINE") || t.starts_with("SET") {
            continue;
        }
        pending.push_str(t.trim_end_matches('\\'));
        if t.ends_with('\\') {
            continue;
        }
        let contexts = keys
            .iter()
            .filter_map(|k| notes.get(k))
            .flatten()
            .cloned()
            .collect();
        out.push((std::mem::take(&mut pending), contexts));
    }
    out
}

/// Pairs stated with both signs in overlapping contexts (no context overlaps everything),
/// counted from the BEL documents themselves.
fn both_sign_pairs(conib: &Path, keys: &[&str]) -> usize {
    type Seen = Vec<(bool, BTreeSet<String>)>;
    let mut pairs: HashMap<(String, String), Seen> = HashMap::new();
    for f in &files(conib, "bel") {
        let text = std::fs::read_to_string(f).expect("UTF-8 BEL");
        for (st, contexts) in bel_statements(&text, keys) {
            if let Some((a, neg, b)) = signed(&st) {
                pairs.entry((a, b)).or_default().push((neg, contexts));
            }
        }
    }
    let overlap = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
        a.is_empty() || b.is_empty() || !a.is_disjoint(b)
    };
    pairs
        .values()
        .filter(|seen| {
            seen.iter()
                .any(|(na, ca)| seen.iter().any(|(nb, cb)| *na && !*nb && overlap(ca, cb)))
        })
        .count()
}

/// Split `f(a, g(b)), c` at top-level commas.
fn top_split(s: &str, sep: char) -> Vec<String> {
    let (mut depth, mut q, mut cur, mut out) = (0i32, false, String::new(), Vec::new());
    for c in s.chars() {
        match c {
            '"' => q = !q,
            '(' if !q => depth += 1,
            ')' if !q => depth -= 1,
            c if c == sep && !q && depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out.into_iter().map(|x| x.trim().to_string()).collect()
}

/// The entity key of a BEL term: activities are their target, a plain abundance its
/// `NS:value`; anything else its text without spaces and quotes.
fn bel_key(term: &str) -> String {
    let term = term.trim();
    let Some(open) = term.find('(') else {
        return term.replace('"', "");
    };
    let f = &term[..open];
    let inner = &term[open + 1..term.len().saturating_sub(1)];
    let args = top_split(inner, ',');
    if matches!(
        f,
        "act"
            | "activity"
            | "kin"
            | "cat"
            | "tscript"
            | "chap"
            | "gtp"
            | "pep"
            | "phos"
            | "ribo"
            | "tport"
    ) && args.first().is_some_and(|a| a.contains('('))
    {
        return bel_key(&args[0]);
    }
    if matches!(
        f,
        "a" | "p"
            | "r"
            | "g"
            | "m"
            | "bp"
            | "path"
            | "complex"
            | "abundance"
            | "proteinAbundance"
            | "rnaAbundance"
            | "geneAbundance"
            | "biologicalProcess"
            | "pathology"
    ) && args.len() == 1
        && !args[0].contains('(')
    {
        return args[0].replace('"', "").replacen(": ", ":", 1);
    }
    term.chars()
        .filter(|c| *c != '"' && !c.is_whitespace())
        .collect()
}

/// Subject, sign (true = negative) and object of a signed BEL statement with one subject.
fn signed(stmt: &str) -> Option<(String, bool, String)> {
    let stmt = match stmt.find(" #") {
        Some(i) => &stmt[..i],
        None => stmt,
    };
    let parts = top_split(stmt, ' ');
    let parts: Vec<&String> = parts.iter().filter(|p| !p.is_empty()).collect();
    if parts.len() < 3 {
        return None;
    }
    let negative = match parts[1].as_str() {
        "->" | "increases" | "=>" | "directlyIncreases" => false,
        "-|" | "decreases" | "=|" | "directlyDecreases" => true,
        _ => return None,
    };
    if parts[0].starts_with("composite") {
        return None;
    }
    let object: String = parts[2..]
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let (s, o) = (bel_key(parts[0]), bel_key(&object));
    (s != o).then_some((s, negative, o))
}

#[test]
fn conib_imports_checks_clean_and_reports_every_skip() {
    let Some(conib) = shared_data("conib") else {
        return;
    };
    let out = temp_dir();
    let report = out.join("report.tsv");
    let run = marrow()
        .args([
            "import",
            "bel",
            s(&conib),
            "-o",
            s(&out.join("rules")),
            "--report",
            s(&report),
        ])
        .run();
    run.success();
    assert!(run.stdout.contains("imported 202 files"), "{}", run.stdout);

    // One rules file per document, all canonical.
    assert_eq!(files(out.join("rules"), "rules").len(), 202);
    let fmt = marrow()
        .args(["fmt", "--check", s(&out.join("rules"))])
        .run();
    // Imported files are in canonical layout.
    fmt.success();

    // The folder checks with 0 errors; its opposite-sign warnings are the both-sign pairs
    // of the BEL statements, counted here from the documents themselves.
    let check = marrow().args(["check", s(&out.join("rules"))]).run();
    check.success();
    assert!(check.stdout.contains("; 0 errors"), "{}", check.stdout);
    let warnings = check.stderr.matches("marrow::lint::opposite-signs").count();
    let both = both_sign_pairs(&conib, &[]);
    assert!(both > 0);
    assert_eq!(
        warnings, both,
        "opposite-sign warnings vs. both-sign pairs in the BEL"
    );

    // Every skipped or repaired line is in the report, with its location; the counts per
    // reason are pinned.
    let table = std::fs::read_to_string(&report).expect("report written");
    let counts = report_counts(&table);
    let summary: String = counts.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    insta::assert_snapshot!("conib_report_counts", summary);
}

#[test]
fn conib_opposite_signs_in_contexts_match_the_source() {
    let Some(conib) = shared_data("conib") else {
        return;
    };
    let out = temp_dir();
    let keys = ["Cell", "MeSHAnatomy"];
    let run = marrow()
        .args([
            "import",
            "bel",
            s(&conib),
            "-o",
            s(&out),
            "--context-from",
            &keys.join(","),
        ])
        .run();
    run.success();
    let check = marrow().args(["check", s(&out)]).run();
    assert!(check.stdout.contains("; 0 errors"), "{}", check.stdout);
    let warnings = check.stderr.matches("marrow::lint::opposite-signs").count();
    let both = both_sign_pairs(&conib, &keys);
    assert!(
        both > 0 && both < both_sign_pairs(&conib, &[]),
        "contexts separate some pairs"
    );
    assert_eq!(
        warnings, both,
        "opposite-sign warnings vs. both-sign pairs in shared contexts"
    );
}

#[test]
fn bel_constructs_are_converted_skipped_or_repaired_with_locations() {
    let out = temp_dir();
    let report = out.join("r.tsv");
    let run = marrow()
        .args([
            "import",
            "bel",
            &fixture("constructs.bel"),
            "-o",
            s(&out),
            "--report",
            s(&report),
            "--context-from",
            "Cell",
            "--check",
        ])
        .run();
    run.success();
    let rules = std::fs::read_to_string(out.join("constructs.rules")).expect("written");
    let table = std::fs::read_to_string(&report).expect("report");
    insta::assert_snapshot!("constructs_rules", rules);
    insta::assert_snapshot!("constructs_report", table);
    insta::assert_snapshot!(
        "constructs_summary",
        run.stdout.replace(s(&report), "REPORT")
    );
    let check = marrow().args(["check", s(&out)]).run();
    check.success();
}

#[test]
fn correlations_import_as_low_confidence_statements_on_request() {
    let out = temp_dir();
    let run = marrow()
        .args([
            "import",
            "bel",
            &fixture("constructs.bel"),
            "-o",
            s(&out),
            "--correlations",
        ])
        .run();
    run.success();
    let rules = std::fs::read_to_string(out.join("constructs.rules")).expect("written");
    assert!(
        rules.contains("verb correlates-positively = activates"),
        "{rules}"
    );
    assert!(
        rules.contains("HGNC:TNF correlates-positively HGNC:CRP confidence low"),
        "{rules}"
    );
    assert!(
        rules.contains("HGNC:TNF correlates-negatively HGNC:ALB confidence low"),
        "{rules}"
    );
    assert!(!run.stdout.contains("correlative"), "{}", run.stdout);
}

// ---------------------------------------------------------------- OmniPath

#[test]
fn omnipath_table_imports_and_runs_like_a_direct_computation() {
    let Some(tsv) = shared_data("omnipath/omnipath_carnival.tsv") else {
        return;
    };
    let out = temp_dir();
    let run = marrow()
        .args(["import", "tsv", s(&tsv), "-o", s(&out), "--check"])
        .run();
    run.success();
    assert!(run.stdout.contains("19,807 statements"), "{}", run.stdout);
    assert!(
        run.stdout.contains("6124 entities; 0 errors"),
        "{}",
        run.stdout
    );

    let rules = out.join("omnipath_carnival.rules");
    let res = marrow()
        .args(["run", s(&rules), "--given", "TNF up", "--format", "json"])
        .run();
    res.success();
    let doc = res.json();
    let mut got: BTreeMap<(String, bool), f64> = BTreeMap::new();
    for e in doc["effects"].as_array().expect("effects") {
        let name = e["entity"].as_str().expect("name").to_string();
        for (side, down) in [("up", false), ("down", true)] {
            if let Some(st) = e[side]["strength"].as_f64() {
                got.insert((name.clone(), down), st);
            }
        }
    }

    // Max-product over the signed table: statements are medium (0.7); the prelude's
    // activation and inhibition carry 1, reasoning from a loss 0.9; TNF is clamped up.
    let text = std::fs::read_to_string(&tsv).expect("table");
    let mut out_edges: HashMap<&str, Vec<(bool, &str)>> = HashMap::new();
    for row in text.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        out_edges
            .entry(f[0])
            .or_default()
            .push((f[1] == "-1", f[2]));
    }
    let mut best: HashMap<(String, bool), f64> = HashMap::new();
    let mut heap = BinaryHeap::new();
    heap.push((Ordered(1.0), "TNF".to_string(), false));
    while let Some((Ordered(st), node, down)) = heap.pop() {
        if best.contains_key(&(node.clone(), down)) {
            continue;
        }
        best.insert((node.clone(), down), st);
        for &(neg, target) in out_edges.get(node.as_str()).into_iter().flatten() {
            let rule = if down { 0.9 } else { 1.0 };
            let next_down = down != neg;
            if target == "TNF" && next_down {
                continue;
            }
            if !best.contains_key(&(target.to_string(), next_down)) {
                heap.push((Ordered(st * 0.7 * rule), target.to_string(), next_down));
            }
        }
    }
    let want: BTreeMap<(String, bool), f64> = best.into_iter().collect();
    assert_eq!(
        got.keys().collect::<BTreeSet<_>>(),
        want.keys().collect::<BTreeSet<_>>(),
        "the same facts hold"
    );
    for (k, w) in &want {
        let g = got[k];
        // `run --format json` writes strengths rounded to 6 decimals today.
        assert!((g - w).abs() <= 1e-6, "{k:?}: marrow {g}, direct {w}");
    }
    assert!(want.len() > 100, "TNF reaches much of the network");
}

#[derive(PartialEq, PartialOrd)]
struct Ordered(f64);
impl Eq for Ordered {}
#[allow(clippy::derive_ord_xor_partial_ord)]
impl Ord for Ordered {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

#[test]
fn sif_lines_become_statements_and_the_rest_is_reported() {
    let out = temp_dir();
    let report = out.join("r.tsv");
    let run = marrow()
        .args([
            "import",
            "sif",
            &fixture("network.sif"),
            "-o",
            s(&out),
            "--report",
            s(&report),
        ])
        .run();
    run.success();
    let rules = std::fs::read_to_string(out.join("network.rules")).expect("written");
    insta::assert_snapshot!("sif_rules", rules);
    let table = std::fs::read_to_string(&report).expect("report");
    insta::assert_snapshot!("sif_report", table);
}

#[test]
fn both_signed_table_rows_become_two_statements_and_a_warning() {
    let out = temp_dir();
    let tsv = out.join("omni.tsv");
    std::fs::write(
        &tsv,
        "source\ttarget\tis_directed\tis_stimulation\tis_inhibition\treferences\n\
         A\tB\t1\t1\t1\tSIGNOR:123;HPRD:456;KEGG:x\nB\tC\t1\t0\t0\t\n",
    )
    .expect("write");
    let run = marrow()
        .args(["import", "tsv", s(&tsv), "-o", s(&out.join("o")), "--check"])
        .run();
    run.success();
    assert!(run.stdout.contains("2 statements"), "{}", run.stdout);
    assert!(run.stdout.contains("unsigned 1"), "{}", run.stdout);
    assert!(run.stdout.contains("1 warnings"), "{}", run.stdout);
    let rules = std::fs::read_to_string(out.join("o/omni.rules")).expect("written");
    assert!(
        rules.contains("A activates B [PMID:123; PMID:456; omni.tsv:2]"),
        "{rules}"
    );
    assert!(
        rules.contains("A inhibits B  [PMID:123; PMID:456; omni.tsv:2]")
            || rules.contains("A inhibits B [PMID:123; PMID:456; omni.tsv:2]"),
        "{rules}"
    );
    let check = marrow().args(["check", s(&out.join("o"))]).run();
    assert!(
        check.stderr.contains("marrow::lint::opposite-signs"),
        "{}",
        check.stderr
    );
}

#[test]
fn signor_tables_keep_pmid_sentence_and_cell_context() {
    let out = temp_dir();
    let tsv = out.join("signor.tsv");
    std::fs::write(
        &tsv,
        "ENTITYA\tENTITYB\tEFFECT\tMECHANISM\tPMID\tCELL_DATA\tSENTENCE\n\
         AKT1\tGSK3B\tdown-regulates activity\tphosphorylation\t999\tBTO:0000007\tAKT1 phosphorylates GSK3B; it stops.\n\
         AKT1\tMTOR\tup-regulates\t\t\t\t\n\
         AKT1\tFOXO3\tform complex\t\t\t\t\n",
    )
    .expect("write");
    let run = marrow()
        .args([
            "import",
            "tsv",
            s(&tsv),
            "-o",
            s(&out.join("o")),
            "--context-from",
            "CELL_DATA",
        ])
        .run();
    run.success();
    let rules = std::fs::read_to_string(out.join("o/signor.rules")).expect("written");
    assert!(
        rules.contains("AKT1 inhibits GSK3B in BTO:0000007 [PMID:999; \"AKT1 phosphorylates GSK3B, it stops.\" · signor.tsv:2]"),
        "{rules}"
    );
    assert!(rules.contains("AKT1 activates MTOR"), "{rules}");
    assert!(run.stdout.contains("unsigned 1"), "{}", run.stdout);
}

// ---------------------------------------------------------------- bad input

fn assert_nothing_written(dir: &Path) {
    let found = if dir.exists() {
        files(dir, "rules")
    } else {
        Vec::new()
    };
    assert!(found.is_empty(), "nothing is written: {found:?}");
}

#[test]
fn truncated_bel_is_an_error_and_nothing_is_written() {
    let dir = temp_dir();
    std::fs::write(dir.join("good.bel"), "p(HGNC:A) -> p(HGNC:B)\n").expect("write");
    std::fs::write(
        dir.join("cut.bel"),
        "SET Citation = {\"PubMed\",\"1\"}\np(HGNC:A) -> p(HGNC:B)\np(HGNC:A) -> p(HGN",
    )
    .expect("write");
    std::fs::write(
        dir.join("open.bel"),
        "SET Evidence = \"it was cut\np(HGNC:A) -> p(HGNC:B)\n",
    )
    .expect("write");
    let out = dir.join("out");
    let run = marrow()
        .args(["import", "bel", s(&dir), "-o", s(&out)])
        .run();
    run.fails_with(2);
    assert_eq!(
        run.stderr.matches("marrow::import::truncated").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("cut.bel:3:"), "{}", run.stderr);
    assert!(run.stderr.contains("open.bel:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_nothing_written(&out);
}

#[test]
fn binary_input_is_an_error() {
    let dir = temp_dir();
    std::fs::write(dir.join("x.bel"), b"p(HGNC:A) -> \x00\x01\x02p(HGNC:B)\n").expect("write");
    std::fs::write(dir.join("y.sif"), b"A 1 \xff\xfeB\n").expect("write");
    let bel = marrow()
        .args([
            "import",
            "bel",
            s(&dir.join("x.bel")),
            "-o",
            s(&dir.join("o")),
        ])
        .run();
    bel.fails_with(2);
    assert!(
        bel.stderr.contains("marrow::import::binary"),
        "{}",
        bel.stderr
    );
    assert!(bel.stderr.contains("x.bel:1:14"), "{}", bel.stderr);
    let sif = marrow()
        .args([
            "import",
            "sif",
            s(&dir.join("y.sif")),
            "-o",
            s(&dir.join("o")),
        ])
        .run();
    sif.fails_with(2);
    assert!(
        sif.stderr.contains("marrow::import::encoding"),
        "{}",
        sif.stderr
    );
    assert_nothing_written(&dir.join("o"));
}

#[test]
fn a_table_without_a_sign_column_is_an_error() {
    let dir = temp_dir();
    std::fs::write(dir.join("t.tsv"), "source\ttarget\nA\tB\n").expect("write");
    let run = marrow()
        .args([
            "import",
            "tsv",
            s(&dir.join("t.tsv")),
            "-o",
            s(&dir.join("o")),
        ])
        .run();
    run.fails_with(2);
    assert!(
        run.stderr.contains("marrow::import::missing-column"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no `interaction` column"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("t.tsv:1:1"), "{}", run.stderr);
    assert!(run.stderr.contains("is_stimulation"), "{}", run.stderr);
    std::fs::write(dir.join("u.tsv"), "from\tto\nA\tB\n").expect("write");
    let run = marrow()
        .args([
            "import",
            "tsv",
            s(&dir.join("u.tsv")),
            "-o",
            s(&dir.join("o")),
        ])
        .run();
    run.fails_with(2);
    assert!(run.stderr.contains("names no layout"), "{}", run.stderr);
    assert_nothing_written(&dir.join("o"));
}

#[test]
fn missing_input_is_bad_usage() {
    let run = marrow().args(["import", "bel", "no/such/file.bel"]).run();
    run.fails_with(2);
    assert!(
        run.stderr.contains("cannot read no/such/file.bel"),
        "{}",
        run.stderr
    );
}

#[test]
fn bare_symbols_resolve_to_imported_namespaced_entities() {
    let out = temp_dir();
    let run = marrow()
        .args(["import", "bel", &fixture("constructs.bel"), "-o", s(&out)])
        .run();
    run.success();
    let why = marrow()
        .args(["why", "IL6", "up", "-r", s(&out), "--given", "TNF up"])
        .run();
    why.success();
    assert!(why.stdout.contains("HGNC:IL6 up"), "{}", why.stdout);
    assert!(
        why.stdout.contains("constructs.bel:10"),
        "the BEL origin shows: {}",
        why.stdout
    );
    let dir = temp_dir();
    std::fs::write(dir.join("x.rules"), "HGNC:MAPT activates MGI:Mapt\n").expect("write");
    let amb = marrow()
        .args([
            "why",
            "MAPT",
            "up",
            "-r",
            s(&dir),
            "--given",
            "HGNC:MAPT up",
        ])
        .run();
    amb.fails_with(2);
    assert!(
        amb.stderr.contains("`HGNC:MAPT`, `MGI:Mapt`"),
        "{}",
        amb.stderr
    );
}

#[test]
fn output_goes_beside_the_input_and_never_over_a_hand_written_file() {
    let dir = temp_dir();
    std::fs::write(dir.join("n.sif"), "A 1 B\n").expect("write");
    let first = marrow()
        .args(["import", "sif", s(&dir.join("n.sif"))])
        .run();
    first.success();
    assert!(
        std::fs::read_to_string(dir.join("n.rules"))
            .expect("beside")
            .contains("A activates B")
    );
    // Importing again replaces the earlier import.
    std::fs::write(dir.join("n.sif"), "A -1 B\n").expect("write");
    let again = marrow()
        .args(["import", "sif", s(&dir.join("n.sif"))])
        .run();
    again.success();
    assert!(
        std::fs::read_to_string(dir.join("n.rules"))
            .expect("beside")
            .contains("A inhibits B")
    );
    // A curator's own file of that name is left alone, and nothing else is written either.
    std::fs::write(dir.join("m.sif"), "C 1 D\n").expect("write");
    std::fs::write(dir.join("n.rules"), "A activates B [mine]\n").expect("write");
    let refused = marrow()
        .args([
            "import",
            "sif",
            s(&dir.join("m.sif")),
            s(&dir.join("n.sif")),
        ])
        .run();
    refused.fails_with(2);
    assert!(
        refused.stderr.contains("marrow::import::would-overwrite"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("n.rules")).expect("kept"),
        "A activates B [mine]\n"
    );
    assert!(!dir.join("m.rules").exists());
}
