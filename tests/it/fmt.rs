//! `marrow fmt`: snapshots of the canonical layout, property tests (idempotent, meaning
//! unchanged, insensitive to spacing and modifier order), and the command over the binary.

use std::path::PathBuf;

use marrow::source::FileId;
use marrow::syntax::SegmentParser;
use marrow::syntax::ast::{Item, Line, Modifier};
use marrow::syntax::fmt::{comment_start, format_source};
use marrow::syntax::segments::segments;
use proptest::prelude::*;

use crate::support::corpus::files;
use crate::support::{marrow, temp_dir};

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots() {
    insta::with_settings!({
        snapshot_path => "../cases/fmt/snapshots",
        prepend_module_to_snapshot => false,
    }, {
        insta::glob!("../cases/fmt", "*.rules", |path| {
            let bytes = std::fs::read(path).unwrap_or_default();
            let text = String::from_utf8(bytes).unwrap_or_default();
            let shown = match format_source(&text) {
                Ok(formatted) => {
                    check_fmt(&text);
                    formatted
                }
                Err(diags) => {
                    let codes: Vec<String> = diags.iter().map(|d| format!("{}: {}", d.code, d.message)).collect();
                    format!("not formatted:\n{}\n", codes.join("\n"))
                }
            };
            insta::assert_snapshot!(shown);
        });
    });
}

// ---------------------------------------------------------------- the properties

/// The parsed lines of a text with spans dropped and modifiers in canonical order (their
/// order carries no meaning), as comparable strings.
fn meaning(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for seg in segments(text) {
        let line = match SegmentParser::line(FileId(0), text, seg.start, seg.end) {
            Ok(line) => line,
            Err(d) => panic!("segment does not parse: {d:?}\n{text}"),
        };
        let mut line = line;
        match &mut line {
            Line::Empty => continue,
            Line::Item(Item::Statement(s)) => s.modifiers.sort_by_key(rank),
            Line::Item(Item::Conjunction(c)) => c.modifiers.sort_by_key(rank),
            _ => {}
        }
        out.push(strip_spans(&format!("{line:?}")));
    }
    out
}

fn rank(m: &Modifier<'_>) -> u8 {
    match m {
        Modifier::In(_) => 0,
        Modifier::When(_) => 1,
        Modifier::Confidence(..) => 2,
        Modifier::Disputed(_) => 3,
        Modifier::Citations(..) => 4,
    }
}

/// `Span { file: FileId(0), start: 3, end: 9 }` → `Span`.
fn strip_spans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("Span { ") {
        out.push_str(&rest[..i + 4]);
        rest = &rest[i..];
        match rest.find(" }") {
            Some(j) => rest = &rest[j + 2..],
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// `text` formats; formatting again changes nothing; the meaning is kept; the output has
/// LF line ends, no trailing blanks, at most one blank line in a row, one final newline.
fn check_fmt(text: &str) -> String {
    let once = match format_source(text) {
        Ok(s) => s,
        Err(d) => panic!("does not format: {d:?}\n---\n{text}"),
    };
    let twice = match format_source(&once) {
        Ok(s) => s,
        Err(d) => panic!("formatted text does not parse: {d:?}\n---\n{once}"),
    };
    assert_eq!(once, twice, "not idempotent for\n---\n{text}");
    assert_eq!(
        meaning(text),
        meaning(&once),
        "meaning changed\n---\n{text}\n---\n{once}"
    );
    assert!(!once.contains('\r') && !once.contains('\u{FEFF}'));
    assert!(once.is_empty() || (once.ends_with('\n') && !once.ends_with("\n\n")));
    assert!(!once.starts_with('\n'));
    assert!(!once.contains("\n\n\n"));
    assert!(once.lines().all(|l| !l.ends_with([' ', '\t'])));
    once
}

/// Every rule file of the repository's test cases and rule folders.
fn corpus() -> Vec<(PathBuf, String)> {
    let mut paths = files("tests/cases", "rules");
    paths.extend(files("rules", "rules"));
    paths
        .into_iter()
        .filter_map(|p| {
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            Some((p, text))
        })
        .collect()
}

/// The corpus files that parse (the others must be refused, which `corpus_files` checks).
fn valid_corpus() -> &'static [(PathBuf, String)] {
    static VALID: std::sync::OnceLock<Vec<(PathBuf, String)>> = std::sync::OnceLock::new();
    VALID.get_or_init(|| {
        corpus()
            .into_iter()
            .filter(|(_, t)| format_source(t).is_ok())
            .collect()
    })
}

#[test]
fn corpus_files() {
    let all = corpus();
    assert!(all.len() >= 10, "corpus too small: {}", all.len());
    for (path, text) in &all {
        if format_source(text).is_ok() {
            check_fmt(text);
        } else {
            eprintln!("not formatted (syntax errors): {}", path.display());
        }
    }
}

/// A small deterministic generator for mutations (proptest supplies the seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn blanks(&mut self, min: usize) -> String {
        let n = min + self.below(3);
        (0..n)
            .map(|_| if self.chance(25) { '\t' } else { ' ' })
            .collect()
    }
}

/// Put the modifiers of every statement and conjunction in a random order.
fn shuffle_modifiers(text: &str, rng: &mut Rng) -> String {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for seg in segments(text) {
        let Ok(line) = SegmentParser::line(FileId(0), text, seg.start, seg.end) else {
            continue;
        };
        let (mods, span) = match &line {
            Line::Item(Item::Statement(s)) => (&s.modifiers, s.span),
            Line::Item(Item::Conjunction(c)) => (&c.modifiers, c.span),
            _ => continue,
        };
        if mods.len() < 2 {
            continue;
        }
        let keyword_before = |at: usize, kw: &str| {
            let before = text[..at].trim_end_matches([' ', '\t', '\r', '\u{FEFF}']);
            before.len() - kw.len()
        };
        let starts: Vec<usize> = mods
            .iter()
            .map(|m| match m {
                Modifier::In(n) => keyword_before(n.span.start as usize, "in"),
                Modifier::When(c) => keyword_before(c.entity.span.start as usize, "when"),
                Modifier::Confidence(_, s) | Modifier::Disputed(s) => s.start as usize,
                Modifier::Citations(_, s) => s.start as usize - 1,
            })
            .collect();
        // The span may stretch over a trailing comment (see `comment_start`).
        let seg_text = &text[seg.start..seg.end];
        let comment = comment_start(seg_text).map_or(seg.end, |at| seg.start + at);
        let end = (span.end as usize).min(comment);
        let pieces: Vec<(u8, &str)> = (0..starts.len())
            .map(|i| {
                let piece = text[starts[i]..*starts.get(i + 1).unwrap_or(&end)].trim();
                (rank(&mods[i]), piece)
            })
            .collect();
        // Shuffle the kinds; modifiers of one kind keep their order (`in a in b` ≠ `in b in a`).
        let mut kinds: Vec<u8> = pieces.iter().map(|p| p.0).collect();
        for i in (1..kinds.len()).rev() {
            kinds.swap(i, rng.below(i + 1));
        }
        let mut taken = [0usize; 5];
        let pieces: Vec<&str> = kinds
            .iter()
            .map(|&k| {
                let piece = pieces.iter().filter(|p| p.0 == k).nth(taken[k as usize]);
                taken[k as usize] += 1;
                piece.map(|p| p.1).unwrap_or("")
            })
            .collect();
        let core = text[span.start as usize..starts[0]].trim_end();
        edits.push((
            span.start as usize,
            end,
            format!("{core} {}", pieces.join(" ")),
        ));
    }
    let mut out = text.to_string();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, &new);
    }
    out
}

/// Change only what the layout decides: blanks between tokens (never inside strings,
/// citations or comments, except around citation separators), indentation, trailing
/// blanks, blank-line runs, line ends.
fn jitter(text: &str, rng: &mut Rng) -> String {
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let crlf = rng.chance(30);
    let mut out = String::from(bom);
    for _ in 0..rng.below(3) {
        out.push('\n');
    }
    let mut lines: Vec<&str> = body.split('\n').collect();
    let last = lines.pop().unwrap_or("");
    let push_line = |out: &mut String, line: &str, rng: &mut Rng| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let blank = line.trim().is_empty();
        out.push_str(&jitter_line(line, rng));
        if rng.chance(20) {
            out.push_str(&rng.blanks(1));
        }
        out.push_str(if crlf { "\r\n" } else { "\n" });
        if blank {
            for _ in 0..rng.below(3) {
                out.push_str(&rng.blanks(0));
                out.push('\n');
            }
        }
    };
    for line in lines {
        push_line(&mut out, line, rng);
    }
    if !last.is_empty() {
        out.push_str(&jitter_line(last, rng));
    }
    out
}

fn jitter_line(line: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.chance(30) {
        out.push_str(&rng.blanks(1));
    }
    let (mut in_string, mut in_brackets) = (false, false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if in_brackets {
            match c {
                ';' | ']' => {
                    if rng.chance(30) {
                        out.push_str(&rng.blanks(1));
                    }
                    out.push(c);
                    if c == ']' {
                        in_brackets = false;
                    } else if rng.chance(30) {
                        out.push_str(&rng.blanks(1));
                    }
                }
                _ => out.push(c),
            }
            continue;
        }
        match c {
            '#' => {
                out.push(c);
                out.extend(chars.by_ref());
            }
            ' ' | '\t' => {
                while chars.peek().is_some_and(|&n| n == ' ' || n == '\t') {
                    chars.next();
                }
                if rng.chance(50) {
                    out.push_str(&rng.blanks(1));
                } else {
                    out.push(' ');
                }
            }
            ',' => {
                if rng.chance(20) {
                    out.push_str(&rng.blanks(1));
                }
                out.push(',');
                if rng.chance(20) {
                    out.push_str(&rng.blanks(1));
                }
            }
            '[' => {
                in_brackets = true;
                out.push('[');
                if rng.chance(30) {
                    out.push_str(&rng.blanks(1));
                }
            }
            '"' => {
                in_string = true;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn mutate(text: &str, seed: u64) -> String {
    let mut rng = Rng(seed | 1);
    let shuffled = shuffle_modifiers(text, &mut rng);
    jitter(&shuffled, &mut rng)
}

#[test]
fn mutations_of_the_design_example_are_seen_through() {
    let text = include_str!("../cases/fmt/design_example.rules");
    let want = check_fmt(text);
    for seed in 0..50 {
        let mutated = mutate(text, seed);
        assert_eq!(check_fmt(&mutated), want, "seed {seed}:\n{mutated}");
    }
}

proptest! {
    // PROPTEST_CASES=5000 for a longer hunt; the default keeps the suite fast.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(96),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Spacing, blank-line runs, line ends and modifier order never change the output.
    #[test]
    fn corpus_mutations(file in any::<prop::sample::Index>(), seed in any::<u64>()) {
        let files = valid_corpus();
        prop_assume!(!files.is_empty());
        let (path, text) = &files[file.index(files.len())];
        let want = check_fmt(text);
        let mutated = mutate(text, seed);
        prop_assert_eq!(check_fmt(&mutated), want, "{}:\n{}", path.display(), mutated);
    }

    /// Generated programs: idempotent, meaning kept, and insensitive to their spacing.
    #[test]
    fn generated_programs(program in program(), seed in any::<u64>()) {
        let want = check_fmt(&program);
        let mutated = mutate(&program, seed);
        prop_assert_eq!(check_fmt(&mutated), want, "{}\n---\n{}", program, mutated);
    }
}

// ---------------------------------------------------------------- generated programs

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "A",
        "B",
        "C",
        "IL-1β",
        "NF-κB",
        "Wnt/β-catenin",
        "miR-211-3p",
        "HGNC:RUNX2",
        "let-7a",
        "X_1",
        "Th2'",
        "IL-4+",
        "\"M2 polarization\"",
        "\"in\"",
        "\"with \\\"q\\\"\"",
        "\"plain\"",
    ])
    .prop_map(String::from)
}

fn names() -> impl Strategy<Value = String> {
    prop::collection::vec(name(), 1..4).prop_map(|v| v.join(", "))
}

fn state() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " up", " down"])
}

fn citation_block() -> impl Strategy<Value = String> {
    let one = prop::sample::select(vec![
        "Ye et al., 2018",
        "PMID:123456",
        "doi:10.1000/x.y",
        "Smith #2, 2001",
        "Ünlü 2019",
        "",
    ]);
    prop::collection::vec(one, 1..4).prop_map(|v| format!("[{}]", v.join("; ")))
}

fn confidence() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["high", "medium", "low", "0.5", "1", ".25", "0.9"])
        .prop_map(|c| format!("confidence {c}"))
}

fn modifier(with_when: bool) -> BoxedStrategy<String> {
    let mut options = vec![
        name().prop_map(|n| format!("in {n}")).boxed(),
        confidence().boxed(),
        Just("disputed".to_string()).boxed(),
        citation_block().boxed(),
    ];
    if with_when {
        options.push(
            (name(), state())
                .prop_map(|(n, s)| format!("when {n}{s}"))
                .boxed(),
        );
    }
    prop::strategy::Union::new(options).boxed()
}

fn comment() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "", " # note", "   #x", " # a } { [ \" note"])
        .prop_map(String::from)
}

/// A line that may stand at the top level or in a context.
fn item() -> impl Strategy<Value = String> {
    let verb = prop::sample::select(vec![
        "activates",
        "inhibits",
        "promotes",
        "carries",
        "targets",
        "does not affect",
        "polarizes-toward",
    ]);
    let statement = (
        name(),
        verb,
        names(),
        prop::collection::vec(modifier(true), 0..4),
    )
        .prop_map(|(s, v, o, m)| {
            let mut line = format!("{s} {v} {o}");
            for m in m {
                line.push(' ');
                line.push_str(&m);
            }
            line
        });
    let conjunction = (
        prop::collection::vec((name(), state()), 1..3),
        name(),
        prop::sample::select(vec!["up", "down"]),
        prop::collection::vec(modifier(false), 0..3),
    )
        .prop_map(|(premises, h, hs, m)| {
            let p: Vec<String> = premises.iter().map(|(n, s)| format!("{n}{s}")).collect();
            let mut line = format!("when {} then {h} {hs}", p.join(" and "));
            for m in m {
                line.push(' ');
                line.push_str(&m);
            }
            line
        });
    let declaration = prop_oneof![
        (
            name(),
            prop::option::of("[a-z]{1,6}"),
            prop::option::of(names())
        )
            .prop_map(|(n, k, a)| {
                let mut s = format!("entity {n}");
                if let Some(k) = k {
                    s.push_str(&format!(" : {k}"));
                }
                if let Some(a) = a {
                    s.push_str(&format!(" aka {a}"));
                }
                s
            }),
        names().prop_map(|n| format!("outcome {n}")),
        Just("verb quells = inhibits".to_string()),
    ];
    (
        prop_oneof![4 => statement, 2 => conjunction, 1 => declaration],
        comment(),
    )
        .prop_map(|(line, c)| format!("{line}{c}"))
}

fn rule() -> impl Strategy<Value = String> {
    let term = prop::sample::select(vec!["?x", "?y", "?z", "A", "\"M2 polarization\""]);
    let atom = prop_oneof![
        (term.clone(), prop::sample::select(vec!["up", "down"]))
            .prop_map(|(t, s)| format!("{t} {s}")),
        (
            term.clone(),
            prop::sample::select(vec!["activates", "inhibits", "carries"]),
            term
        )
            .prop_map(|(a, v, b)| format!("{a} {v} {b}")),
    ];
    (
        "[a-z]{1,8}",
        prop::option::of(prop::sample::select(vec!["0.9", "high ", "low ", "1"])),
        prop::collection::vec(atom.clone(), 1..4),
        atom,
    )
        .prop_map(|(n, c, body, head)| {
            let conf = c.map(|c| format!(" confidence {c}")).unwrap_or_default();
            format!("rule {n}{conf}: {} => {head}", body.join(", "))
        })
}

/// A context block around `inner` lines, on one line or several.
fn context_block(inner: Vec<String>, one_line: bool, name: String) -> String {
    if one_line || inner.is_empty() {
        format!("context {name} {{ {} }}", inner.join(" } context x { "))
    } else {
        format!("context {name} {{\n{}\n}}", inner.join("\n"))
    }
}

fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => item(),
        1 => Just(String::new()),
        1 => Just("# a comment line".to_string()),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        (prop::collection::vec(inner, 0..5), any::<bool>(), name()).prop_map(
            |(lines, one_line, n)| {
                // A one-line block holds no comments (they would swallow the `}`).
                let lines: Vec<String> = if one_line {
                    lines
                        .into_iter()
                        .filter(|l| !l.contains('#') && !l.is_empty() && !l.contains('\n'))
                        .collect()
                } else {
                    lines
                };
                context_block(lines, one_line, n)
            },
        )
    })
}

fn scenario() -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        (name(), state()).prop_map(|(n, s)| format!("given {n}{s}")),
        names().prop_map(|n| format!("knockout {n}")),
        names().prop_map(|n| format!("overexpress {n}")),
        names().prop_map(|n| format!("context {n}")),
        (
            name(),
            prop::sample::select(vec!["up", "down", "conflicting", "unaffected"]),
            prop::option::of(name())
        )
            .prop_map(|(n, s, v)| match v {
                Some(v) => format!("expect {n} {s} via {v}"),
                None => format!("expect {n} {s}"),
            }),
        (name(), prop::sample::select(vec!["up", "down"]))
            .prop_map(|(n, s)| format!("expect not {n} {s}")),
    ];
    (
        "[a-z]([a-z0-9-]{0,5}[a-z0-9])?",
        prop::option::of(prop::sample::select(vec![
            "\"A title\"",
            "\"with \\\"quotes\\\"\"",
        ])),
        prop::collection::vec((entry, comment()), 0..5),
    )
        .prop_map(|(n, title, entries)| {
            let title = title.map(|t| format!(" {t}")).unwrap_or_default();
            let body: Vec<String> = entries
                .into_iter()
                .map(|(e, c)| format!("{e}{c}"))
                .collect();
            format!("scenario {n}{title} {{\n{}\n}}", body.join("\n"))
        })
}

fn program() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![6 => block(), 1 => rule(), 1 => scenario(), 1 => Just("include \"x.rules\"".to_string())],
        0..12,
    )
    .prop_map(|parts| parts.join("\n"))
}

// ---------------------------------------------------------------- the command

#[test]
fn cli_check_then_format() {
    let dir = temp_dir();
    let file = dir.join("messy.rules");
    let messy = "A   activates B [X]\ncontext m { C inhibits D }\n";
    std::fs::write(&file, messy).expect("write");
    let path = file.to_string_lossy().into_owned();

    let check = marrow().args(["fmt", "--check", &path]).run();
    check.fails_with(1);
    assert!(check.stdout.contains("messy.rules"), "{check}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), messy);

    let fmt = marrow().args(["fmt", &path]).run();
    fmt.success();
    assert_eq!(fmt.stdout, "");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "A activates B [X]\ncontext m {\n  C inhibits D\n}\n"
    );

    // A folder means every rule file below it.
    let folder = marrow()
        .args(["fmt", "--check", &dir.to_string_lossy()])
        .run();
    folder.success();
    assert_eq!(folder.stdout, "");
}

#[test]
fn cli_refuses_files_it_cannot_parse() {
    let dir = temp_dir();
    let bad = dir.join("bad.rules");
    let text = "A   activates B\nthis is not a statement\ncontext m {\n";
    std::fs::write(&bad, text).expect("write");
    let path = bad.to_string_lossy().into_owned();
    for args in [vec!["fmt", &path], vec!["fmt", "--check", &path]] {
        let out = marrow().args(&args).run();
        out.fails_with(1);
        assert!(out.stderr.contains("marrow::parse::"), "{out}");
        assert!(out.stderr.contains("bad.rules"), "{out}");
        assert_eq!(std::fs::read_to_string(&bad).expect("read"), text);
    }

    let binary = dir.join("binary.rules");
    std::fs::write(&binary, b"A activates B\n\0\x01").expect("write");
    let out = marrow().args(["fmt", &binary.to_string_lossy()]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("marrow::io::binary"), "{out}");

    marrow()
        .args(["fmt", &dir.join("missing.rules").to_string_lossy()])
        .run()
        .fails_with(2);
}
