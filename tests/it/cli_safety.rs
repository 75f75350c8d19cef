//! Input that must never hang marrow or make it grow without bound: devices, FIFOs, symlink
//! loops, huge files, runaway joins. Each run gets a time limit and (on Unix) an address
//! space limit, so a regression fails the test instead of the machine.

use std::path::Path;
use std::process::Command;

use crate::support::runner::Run;
use crate::support::{marrow, temp_dir};

/// Run the binary from `dir` with at most `secs` seconds and 2 GB of address space.
fn bounded(dir: &Path, args: &[&str], secs: u64) -> Run {
    marrow()
        .current_dir(dir)
        .args(args)
        .time_limit(secs)
        .memory_limit_kb(2_000_000)
        .run()
}

#[cfg(unix)]
#[test]
fn a_device_is_not_read() {
    let dir = temp_dir();
    let out = bounded(&dir, &["check", "/dev/zero"], 20);
    out.fails_with(2);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn an_included_device_is_not_read() {
    let dir = temp_dir();
    std::fs::write(
        dir.join("a.rules"),
        "include \"/dev/zero\"\nA activates B\n",
    )
    .unwrap();
    let out = bounded(&dir, &["check", "a.rules"], 20);
    out.fails_with(2);
    assert!(out.stderr.contains("a.rules:1:1"), "{}", out.stderr);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_device_is_not_read() {
    let dir = temp_dir();
    std::os::unix::fs::symlink("/dev/zero", dir.join("z.rules")).unwrap();
    let out = bounded(&dir, &["check", "z.rules"], 20);
    out.fails_with(2);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
    // In a folder too.
    let out = bounded(&dir, &["check", "."], 20);
    out.fails_with(2);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_does_not_block() {
    let dir = temp_dir();
    let fifo = dir.join("pipe.rules");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = bounded(&dir, &["check", "pipe.rules"], 20);
    out.fails_with(2);
    assert!(out.stderr.contains("FIFO"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_rest_checked() {
    let dir = temp_dir();
    std::fs::create_dir_all(dir.join("rules/sub")).unwrap();
    std::fs::write(dir.join("rules/sub/a.rules"), "A activates B\n").unwrap();
    std::os::unix::fs::symlink("..", dir.join("rules/sub/back")).unwrap();
    // A second link to a folder already walked is not a loop: its files load once.
    std::os::unix::fs::symlink("sub", dir.join("rules/again")).unwrap();
    let out = bounded(&dir, &["check", "rules"], 20);
    out.fails_with(2);
    assert!(
        out.stderr.contains("marrow::io::symlink-loop"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.matches("symlink-loop").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(
        out.stdout
            .contains("checked 1 file: 2 entities, 1 statement"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_file_beyond_the_size_limit_is_refused_unread() {
    let dir = temp_dir();
    // Sparse: takes no disk space, and must not be read.
    let f = std::fs::File::create(dir.join("huge.rules")).unwrap();
    f.set_len((1 << 30) + 1).unwrap();
    let out = bounded(&dir, &["check", "huge.rules"], 20);
    out.fails_with(2);
    assert!(
        out.stderr.contains("more than the 1024 MB"),
        "{}",
        out.stderr
    );
}

/// A 20-variable chain over 870 facts (30 entities, every pair linked).
fn chain_rules() -> String {
    let mut s = String::new();
    for i in 0..30 {
        for j in 0..30 {
            if i != j {
                s.push_str(&format!("n{i} activates n{j}\n"));
            }
        }
    }
    let body: Vec<String> = (1..=20)
        .map(|k| format!("?x{k} activates ?x{}", k + 1))
        .collect();
    s.push_str(&format!(
        "rule chain20: {} => ?x1 carries ?x21\n",
        body.join(", ")
    ));
    s
}

#[test]
fn a_runaway_join_stops_with_the_rule_and_the_limit() {
    let dir = temp_dir();
    std::fs::write(dir.join("chain.rules"), chain_rules()).unwrap();
    let out = bounded(
        &dir,
        &[
            "run",
            "chain.rules",
            "--given",
            "n0 up",
            "--max-join-rows",
            "200000",
        ],
        60,
    );
    out.fails_with(2);
    assert!(
        out.stderr.contains("marrow::run::join-limit"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("rule `chain20`"), "{}", out.stderr);
    assert!(
        out.stderr.contains("more than 200000 rows"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("chain.rules:871:1"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no partial result: {}", out.stdout);
}

#[test]
fn the_join_limit_is_not_met_by_ordinary_rules() {
    let dir = temp_dir();
    std::fs::write(
        dir.join("cargo.rules"),
        "rule cargo: ?x carries ?y, ?x up => ?y up\nexo carries miR-223, miR-126\nmiR-223 inhibits PKNOX1\n",
    )
    .unwrap();
    let out = bounded(
        &dir,
        &[
            "run",
            "cargo.rules",
            "--given",
            "exo up",
            "--max-join-rows",
            "10",
        ],
        20,
    );
    out.success();
    assert!(out.stdout.contains("PKNOX1"), "{}", out.stdout);
}

#[test]
fn fmt_does_not_read_a_device() {
    let out = marrow().args(["fmt", "--check", "/dev/zero"]).run();
    out.fails_with(2);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}
