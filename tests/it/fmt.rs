//! `marrow fmt`: snapshots of the canonical layout, property tests (idempotent, meaning
//! unchanged, insensitive to spacing and modifier order), and the command over the binary.

use std::path::PathBuf;

use marrow::source::FileId;
use marrow::syntax::SegmentParser;
use marrow::syntax::ast::{Item, Line, Modifier};
use marrow::syntax::fmt::{comment_start, format_source};
use marrow::syntax::segments::segments;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

use crate::support::corpus::{files, root};
use crate::support::program::{Profile, program};
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

/// Every rule file of the repository's test cases, rule folders and tutorials.
fn corpus() -> Vec<(PathBuf, String)> {
    let mut paths = files("tests/cases", "rules");
    paths.extend(files("rules", "rules"));
    paths.extend(files("tutorials", "rules"));
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
    let mut refused = Vec::new();
    for (path, text) in &all {
        match format_source(text) {
            Ok(_) => {
                check_fmt(text);
            }
            Err(diags) => {
                assert!(
                    !diags.is_empty() && diags.iter().all(|d| d.is_error()),
                    "{} is refused without an error: {diags:?}",
                    path.display()
                );
                refused.push(path.strip_prefix(root()).unwrap_or(path).to_path_buf());
            }
        }
    }
    // Only files with syntax errors are refused: every shipped rule file, tutorial, parse,
    // run and fmt case formats.
    for path in &refused {
        assert!(
            path.starts_with("tests/cases/errors") || path.ends_with("fmt/syntax_error.rules"),
            "{} does not format",
            path.display()
        );
    }
    assert!(
        refused
            .iter()
            .any(|p| p.ends_with("fmt/syntax_error.rules")),
        "the fmt case with a syntax error is refused"
    );
}

/// The choices of one mutation, drawn by proptest so that a failure shrinks to fewer and
/// smaller changes: zero choices make the least change (no blank added, no modifier
/// moved, LF line ends; a run of blanks still becomes one space), and the choices start
/// over when a long text needs more of them.
struct Choices<'a> {
    tape: &'a [u32],
    at: usize,
}

impl Choices<'_> {
    fn next(&mut self) -> u32 {
        let Some(&choice) = self.tape.get(self.at % self.tape.len().max(1)) else {
            return 0;
        };
        self.at += 1;
        choice
    }

    /// Uniform in `0..n`; 0 for a zero choice.
    fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next()) * n as u64) >> 32) as usize
    }

    /// True `percent` times in a hundred; false for a zero choice.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) >= 100 - percent
    }

    fn blanks(&mut self, min: usize) -> String {
        let n = min + self.below(3);
        (0..n)
            .map(|_| if self.chance(25) { '\t' } else { ' ' })
            .collect()
    }
}

/// The choices of a mutation.
fn choices() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(any::<u32>(), 0..64)
}

/// Put the modifiers of every statement and conjunction in a random order.
fn shuffle_modifiers(text: &str, rng: &mut Choices) -> String {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for seg in segments(text) {
        let Ok(line) = SegmentParser::line(FileId(0), text, seg.start, seg.end) else {
            continue;
        };
        let (mods, span) = match &line {
            Line::Item(Item::Statement(s)) => (&s.modifiers[..], s.span),
            Line::Item(Item::Conjunction(c)) => (&c.modifiers[..], c.span),
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
            kinds.swap(i, i - rng.below(i + 1));
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
fn jitter(text: &str, rng: &mut Choices) -> String {
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
    let push_line = |out: &mut String, line: &str, rng: &mut Choices| {
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

fn jitter_line(line: &str, rng: &mut Choices) -> String {
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

fn mutate(text: &str, choices: &[u32]) -> String {
    let mut rng = Choices {
        tape: choices,
        at: 0,
    };
    let shuffled = shuffle_modifiers(text, &mut rng);
    jitter(&shuffled, &mut rng)
}

proptest! {
    // The same fifty mutations on every run.
    #![proptest_config(ProptestConfig {
        cases: 50,
        rng_seed: RngSeed::Fixed(0),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutations_of_the_design_example_are_seen_through(choices in choices()) {
        static WANT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let text = include_str!("../cases/fmt/design_example.rules");
        let want = WANT.get_or_init(|| check_fmt(text));
        let mutated = mutate(text, &choices);
        prop_assert_eq!(&check_fmt(&mutated), want, "{}", mutated);
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
    fn corpus_mutations(file in any::<prop::sample::Index>(), choices in choices()) {
        let files = valid_corpus();
        prop_assume!(!files.is_empty());
        let (path, text) = &files[file.index(files.len())];
        let want = check_fmt(text);
        let mutated = mutate(text, &choices);
        prop_assert_eq!(check_fmt(&mutated), want, "{}:\n{}", path.display(), mutated);
    }

    /// Generated programs: idempotent, meaning kept, and insensitive to their spacing.
    #[test]
    fn generated_programs(program in program(Profile::Layout), choices in choices()) {
        let text = program.to_text();
        let want = check_fmt(&text);
        let mutated = mutate(&text, &choices);
        prop_assert_eq!(check_fmt(&mutated), want, "{}\n---\n{}", text, mutated);
    }
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
