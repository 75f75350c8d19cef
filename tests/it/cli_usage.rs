//! The command line never misleads: one way to name rule files, names and scenarios
//! resolved as users type them, verdicts before trees, before → after for effects, signed
//! paths independent of which derivation wins, and help for every argument.

use crate::support::corpus::files;
use crate::support::{marrow, temp_dir, temp_file};

#[test]
fn every_command_that_reads_rules_takes_dash_r() {
    let f = temp_file(
        "net.rules",
        "scenario s {\n  given A up\n}\nA activates B\n",
    );
    for args in [
        vec!["check", "-r", f.path()],
        vec!["run", "-r", f.path(), "--scenario", "s"],
        vec!["test", "-r", f.path()],
        vec!["why", "B", "up", "-r", f.path(), "--scenario", "s"],
        vec!["effects", "A", "-r", f.path()],
        vec!["ask", "why B up", "-r", f.path(), "--given", "A"],
        vec!["list", "entities", "-r", f.path()],
    ] {
        let out = marrow().args(&args).run();
        out.success();
    }
    // The positional form stays where a command has no other positional words.
    marrow()
        .args(["run", f.path(), "--scenario", "s"])
        .run()
        .success();
}

#[test]
fn a_rule_file_after_the_fact_is_pointed_to_dash_r() {
    let out = marrow()
        .args([
            "why",
            "osteogenesis",
            "up",
            "rules/osseointegration/bone.rules",
        ])
        .run();
    out.fails_with(2);
    assert!(
        out.stderr.contains("looks like a rule file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("marrow why osteogenesis up -r rules/osseointegration/bone.rules"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_given_with_a_wrong_state_word_says_up_or_down() {
    let out = marrow().args(["run", "--given", "hypoxia high"]).run();
    out.fails_with(2);
    assert!(
        out.stderr
            .contains("expected `up` or `down` after `hypoxia`, found `high`"),
        "{}",
        out.stderr
    );
}

#[test]
fn scenario_names_resolve_like_entity_names() {
    let exact = marrow()
        .args(["run", "--scenario", "hypoxic-exosomes"])
        .run();
    let loose = marrow()
        .args(["run", "--scenario", "Hypoxic_Exosomes"])
        .run();
    loose.success();
    assert_eq!(exact.stdout, loose.stdout);
    let close = marrow()
        .args(["run", "--scenario", "hypoxic-exosome"])
        .run();
    close.fails_with(2);
    assert!(
        close.stderr.contains("did you mean `hypoxic-exosomes`?"),
        "{}",
        close.stderr
    );
    assert!(
        close.stderr.contains("marrow list scenarios"),
        "{}",
        close.stderr
    );
}

#[test]
fn list_shows_what_the_rules_declare() {
    let out = marrow()
        .args(["list", "scenarios", "-r", "rules/osseointegration"])
        .run();
    out.success();
    let loaded = marrow::program::load_paths(&["rules/osseointegration".into()]);
    assert_eq!(out.stdout.lines().count(), loaded.program.scenarios.len());
    assert!(out.stdout.starts_with("bmsc-exosomes "), "{}", out.stdout);
    let verbs = marrow().args(["list", "verbs"]).run();
    assert!(
        verbs
            .stdout
            .lines()
            .any(|l| l.starts_with("inhibits") && l.ends_with("= inhibits")),
        "{}",
        verbs.stdout
    );
}

#[test]
fn why_not_a_fact_that_holds_gives_the_verdict_first() {
    let out = marrow()
        .args([
            "why",
            "not",
            "PKNOX1",
            "down",
            "--scenario",
            "hypoxic-exosomes",
        ])
        .run();
    out.fails_with(1);
    let verdict = out.stdout.lines().nth(2).unwrap_or_default();
    assert!(
        verdict.starts_with("PKNOX1 down holds, strength ")
            && verdict.ends_with(" — see `marrow why PKNOX1 down`"),
        "{}",
        out.stdout
    );
}

#[test]
fn alternatives_do_not_repeat_the_strongest_derivation() {
    let out = marrow()
        .args([
            "why",
            "osteogenesis",
            "up",
            "--scenario",
            "bmsc-exosomes",
            "--alternatives",
            "3",
        ])
        .run();
    out.success();
    assert!(!out.stdout.contains("#1\n"), "{}", out.stdout);
    assert!(out.stdout.contains("#2\n"), "{}", out.stdout);
    // The strongest derivation is shown once, as the answer.
    let root = "\n└─ activation  BMSC-exosome up, BMSC-exosome promotes osteogenesis\n";
    assert_eq!(out.stdout.matches(root).count(), 1, "{}", out.stdout);
}

#[test]
fn ask_answers_every_query_form_with_a_header() {
    let down = marrow()
        .args(["ask", "effect of miR-155 down on IL-13Rα1"])
        .run();
    down.success();
    assert!(
        down.stdout
            .starts_with("effect of miR-155 down on IL-13Rα1\n"),
        "{}",
        down.stdout
    );
    assert!(down.stdout.contains("unaffected  →  up"), "{}", down.stdout);
    let still = marrow()
        .args(["ask", "effect of miR-155 on osteogenesis"])
        .run();
    assert!(
        still.stdout.contains("osteogenesis does not move"),
        "{}",
        still.stdout
    );
    let path = marrow()
        .args(["ask", "path from hypoxia to osteogenesis"])
        .run();
    assert!(
        path.stdout
            .starts_with("path from hypoxia to osteogenesis\n"),
        "{}",
        path.stdout
    );
    let bad = marrow().args(["ask", "wat"]).run();
    bad.fails_with(2);
    for form in [
        "why X up|down",
        "why not X up|down",
        "effect of X [up|down] on Y",
        "path from X to Y",
    ] {
        assert!(bad.stderr.contains(form), "{form}: {}", bad.stderr);
    }
}

#[test]
fn paths_do_not_depend_on_which_derivation_wins() {
    // Under bmsc-exosomes the exosome is given, so hypoxia's own derivation never wins;
    // the signed path through the exosome still exists.
    let out = marrow()
        .args([
            "ask",
            "path from hypoxia to osteogenesis",
            "--scenario",
            "bmsc-exosomes",
            "--paths",
            "2",
        ])
        .run();
    out.success();
    assert!(
        out.stdout
            .contains("hypoxia →increases→ BMSC-exosome →promotes→ osteogenesis ⇒ up"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("#2 ") && !out.stdout.contains("#3 "),
        "{}",
        out.stdout
    );
    // A clamped entity keeps its clamp: a knocked-out STAT1 starts its paths down.
    let f = temp_file(
        "p.rules",
        "scenario s {\n  knockout S\n}\nS inhibits T\nT activates U\n",
    );
    let out = marrow()
        .args(["ask", "path from S to U", "-r", f.path(), "--scenario", "s"])
        .run();
    assert!(out.stdout.contains("#1  U up"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("S down ⊣inhibits⊣ T →activates→ U ⇒ up"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_run_with_nothing_given_hints_at_scenarios() {
    let out = marrow().args(["run"]).run();
    assert!(out.stdout.contains("--scenario NAME"), "{}", out.stdout);
}

#[test]
fn effects_show_before_and_after() {
    let out = marrow()
        .args([
            "effects",
            "PKNOX1",
            "--down",
            "--scenario",
            "hypoxic-exosomes",
        ])
        .run();
    out.success();
    assert!(out.stdout.contains("BEFORE"), "{}", out.stdout);
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("PKNOX1") && l.contains("  →  down 1.00 (0)  knockout")),
        "{}",
        out.stdout
    );
}

#[test]
fn tables_order_entities_by_strength_and_shorten_long_names() {
    let long = "a-very-long-entity-name-that-goes-on-and-on-for-ever";
    let f = temp_file(
        "t.rules",
        format!(
            "scenario s {{\n  given A up\n}}\nA activates zeta confidence 0.5\nA activates alpha confidence 0.5\nA activates {long} confidence 0.9\n"
        ),
    );
    let out = marrow()
        .args(["run", "-r", f.path(), "--scenario", "s"])
        .run();
    let names: Vec<&str> = out
        .stdout
        .lines()
        .skip(3)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names,
        [
            "A",
            "a-very-long-entity-name-that-goes-on-an…",
            "alpha",
            "zeta"
        ],
        "{}",
        out.stdout
    );
    let json = marrow()
        .args(["run", "-r", f.path(), "--scenario", "s", "--format", "json"])
        .run();
    assert!(json.stdout.contains(long));
}

#[test]
fn null_result_notes_do_not_nest_quotes() {
    let f = temp_file(
        "n.rules",
        "scenario s {\n  given A up\n}\nA activates \"B c\"\nA does not affect \"B c\"\n",
    );
    let out = marrow()
        .args(["run", "-r", f.path(), "--scenario", "s"])
        .run();
    assert!(
        out.stdout
            .contains("contradicts `A does not affect \"B c\"`"),
        "{}",
        out.stdout
    );
}

#[test]
fn snapshots_name_statements_by_file_and_text_not_line() {
    let snap = std::fs::read_to_string("rules/osseointegration/snapshots/hypoxic-exosomes.snap")
        .expect("snapshot");
    assert!(snap.contains("macrophage.rules"), "{snap}");
    assert!(
        !snap.contains(".rules:"),
        "a line number in the snapshot:\n{snap}"
    );
    // Adding a comment line to a rule file leaves its snapshot unchanged.
    let dir = temp_dir();
    std::fs::write(
        dir.join("m.rules"),
        "# model\nscenario s {\n  given A up\n}\nA activates B [Ref]\noutcome B\n",
    )
    .expect("write");
    let path = dir.to_string_lossy().to_string();
    marrow().args(["test", "--update", &path]).run().success();
    std::fs::write(dir.join("m.rules"), "# model\n# one more comment\nscenario s {\n  given A up\n}\nA activates B [Ref]\noutcome B\n").expect("write");
    let out = marrow().args(["test", &path]).run();
    out.success();
}

#[test]
fn every_argument_is_described_and_every_command_has_an_example() {
    use clap::CommandFactory;
    let cli = marrow::cli::Cli::command();
    for sub in cli.get_subcommands() {
        for arg in sub.get_arguments() {
            if arg.get_id() == "help" || arg.get_id() == "version" {
                continue;
            }
            assert!(
                arg.get_help().is_some(),
                "`marrow {} {}` has no help",
                sub.get_name(),
                arg.get_id()
            );
        }
        let after = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        let trivial = ["prelude", "help"].contains(&sub.get_name());
        assert!(
            trivial || after.contains("marrow "),
            "`marrow {}` has no example",
            sub.get_name()
        );
    }
    let help = marrow().args(["effects", "--help"]).run();
    assert!(help.stdout.contains("(repeatable)"), "{}", help.stdout);
}

#[test]
fn completions_manpage_and_colour() {
    let bash = marrow().args(["completions", "bash"]).run();
    bash.success();
    assert!(bash.stdout.contains("marrow"), "{}", bash.stdout);
    let man = marrow().args(["manpage"]).run();
    assert!(man.stdout.contains(".TH marrow"), "{}", man.stdout);
    let always = marrow()
        .args(["run", "--scenario", "hypoxic-exosomes", "--color", "always"])
        .run();
    assert!(always.stdout.contains("\x1b["));
    let never = marrow()
        .args(["run", "--scenario", "hypoxic-exosomes", "--color", "never"])
        .run();
    assert!(!never.stdout.contains("\x1b["));
}

#[test]
fn rules_come_from_marrow_rules_then_dot_rules() {
    let elsewhere = temp_dir();
    // Nothing named and nothing here: the knowledge base shipped inside marrow, said so.
    let shipped = marrow()
        .current_dir(&elsewhere)
        .args(["run", "--scenario", "hypoxic-exosomes"])
        .run();
    shipped.success();
    assert!(
        shipped.stderr.contains("shipped with marrow"),
        "{}",
        shipped.stderr
    );
    let here = marrow()
        .args(["run", "--scenario", "hypoxic-exosomes"])
        .run();
    assert_eq!(
        shipped.stdout, here.stdout,
        "the shipped base is the repository's"
    );
    let fmt = marrow().current_dir(&elsewhere).args(["fmt"]).run();
    fmt.fails_with(2);
    assert!(fmt.stderr.contains("cannot be rewritten"), "{}", fmt.stderr);
    let update = marrow()
        .current_dir(&elsewhere)
        .args(["test", "--update"])
        .run();
    update.fails_with(2);
    assert!(!elsewhere.join("<shipped>").exists());
    let f = temp_file("e.rules", "scenario s {\n  given A up\n}\nA activates B\n");
    let env = marrow()
        .current_dir(&elsewhere)
        .args(["run", "--scenario", "s"])
        .env("MARROW_RULES", f.path())
        .run();
    env.success();
    assert!(env.stdout.contains("B "), "{}", env.stdout);
    std::fs::create_dir_all(elsewhere.join("rules")).expect("dir");
    std::fs::write(
        elsewhere.join("rules/x.rules"),
        "scenario t {\n  given C up\n}\nC activates D\n",
    )
    .expect("write");
    let local = marrow()
        .current_dir(&elsewhere)
        .args(["run", "--scenario", "t"])
        .run();
    local.success();
    // The default set in the repository is the review's model, without the tutorials.
    let all = marrow().args(["run", "--include-unaffected"]).run();
    assert!(!all.stdout.contains("lacZ"), "{}", all.stdout);
}

#[test]
fn the_old_all_flags_are_gone() {
    marrow().args(["run", "--all"]).run().fails_with(2);
    marrow()
        .args(["why", "osteogenesis", "up", "--all", "3"])
        .run()
        .fails_with(2);
}

#[test]
fn every_command_says_when_the_rules_have_warnings() {
    let loaded = marrow::program::load_paths(&["rules".into()]);
    let n = loaded.warnings();
    assert!(
        n > 0,
        "the shipped rules keep the review's contradictions as warnings"
    );
    let line = format!(
        "{n} warning{}; `marrow check` for details",
        if n == 1 { "" } else { "s" }
    );
    for args in [
        &["run", "--scenario", "hypoxic-exosomes"][..],
        &["why", "osteogenesis", "up", "--scenario", "bmsc-exosomes"],
        &["effects", "miR-155"],
        &["ask", "why osteogenesis up"],
    ] {
        let out = marrow().args(args).run();
        assert_eq!(out.stderr.trim_end(), line, "{args:?}");
    }
    // `test` on a file of its own (the shipped scenarios and their snapshots are
    // knowledge_base's to run): one warning.
    let warned = temp_file(
        "w.rules",
        "IL-1β activates B\nIL-1b activates C\nscenario s {\n  given IL-1β\n  expect B up\n}\n",
    );
    let out = marrow().args(["test", warned.path()]).run();
    out.success();
    assert_eq!(
        out.stderr.trim_end(),
        "1 warning; `marrow check` for details",
        "{out}"
    );
    let clean = temp_file("c.rules", "A activates B\n");
    assert_eq!(
        marrow()
            .args(["run", "-r", clean.path(), "--given", "A"])
            .run()
            .stderr,
        ""
    );
}

#[test]
fn trees_fit_the_width_asked_for_and_never_wrap_on_a_pipe() {
    let args = [
        "why",
        "M2-polarization",
        "up",
        "--scenario",
        "hypoxic-exosomes",
    ];
    let plain = marrow().args(&args).run();
    assert!(
        plain.stdout.lines().any(|l| l.chars().count() > 100),
        "{}",
        plain.stdout
    );
    let mut narrow = args.to_vec();
    narrow.extend(["--width", "100"]);
    let fitted = marrow().args(&narrow).run();
    for line in fitted.stdout.lines() {
        // Citations and contexts move below a line that would not fit; what is left (the
        // fact, its strength and location) and a long citation list stay whole.
        let over = line.chars().count() > 100;
        assert!(
            !over || line.trim_start().starts_with('[') || !line.trim_end().ends_with(']'),
            "{line}"
        );
    }
    // Nothing is lost: the same words, rearranged.
    let words = |s: &str| {
        let mut w: Vec<String> = s
            .split(|c: char| c.is_whitespace() || "│├└─".contains(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        w.sort();
        w
    };
    assert_eq!(words(&plain.stdout), words(&fitted.stdout));
}

#[test]
fn the_shipped_knowledge_base_is_every_file_of_the_folder() {
    let folder = crate::support::corpus::root().join("rules/osseointegration");
    let on_disk: Vec<String> = files(&folder, "rules")
        .iter()
        .map(|p| {
            p.strip_prefix(&folder)
                .expect("below")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let shipped: Vec<String> = marrow::shipped::FILES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(
        shipped, on_disk,
        "src/shipped.rs lists every file of rules/osseointegration"
    );
    assert_eq!(marrow::shipped::load().errors(), 0);
}

/// `run` and `why` lint beside their evaluation, yet a mistake on the command line, which
/// stops them before it, still comes after the count of the rules' warnings.
#[test]
fn the_warning_count_comes_before_a_command_line_mistake() {
    let warned = temp_file("w.rules", "IL-1β activates B\nIL-1b activates C\n");
    for args in [
        &["why", "Q", "up", "-r", warned.path()][..],
        &["run", "-r", warned.path(), "--given", "Q up"],
    ] {
        let out = marrow().args(args).run();
        out.fails_with(2);
        assert!(
            out.stderr
                .starts_with("1 warning; `marrow check` for details\n"),
            "{out}"
        );
        assert!(out.stderr.contains("no entity named `Q`"), "{out}");
    }
}
