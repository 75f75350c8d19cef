//! The pieces an embedding program uses: diagnostics as data (codes, fixes), loading
//! through a source provider, the mention index and the program builder.

use std::path::{Path, PathBuf};

use marrow::diagnostics::Code;
use marrow::program::{FileSystem, Overlay, load_paths_with, load_sources};

fn text_at(loaded: &marrow::program::Loaded, span: marrow::source::Span) -> &str {
    &loaded.program.sources.get(span.file).text[span.range()]
}

#[test]
fn unknown_verb_offers_its_suggestions_as_fixes() {
    let loaded = load_sources(&[("a.rules", "x activates y\nx inhibts z\n")]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LowerUnknownVerb)
        .expect("unknown verb");
    assert_eq!(d.fixes[0].replacement, "inhibits");
    assert_eq!(text_at(&loaded, d.fixes[0].span), "inhibts");
    assert!(d.help.as_deref().unwrap_or("").contains("`inhibits`"));
}

#[test]
fn unknown_context_fix_replaces_the_name() {
    let src = "x activates y in macrophage\nscenario s { given x\n context macrophag }\n";
    let loaded = load_sources(&[("a.rules", src)]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LowerUnknownContext)
        .expect("unknown context");
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].replacement, "macrophage");
    assert_eq!(text_at(&loaded, d.fixes[0].span), "macrophag");
}

#[test]
fn similar_names_fix_declares_an_alias() {
    let src = "# header\nIL-1β activates y\nIL-1b inhibits z\n";
    let loaded = load_sources(&[("a.rules", src)]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LintSimilarNames)
        .expect("similar names");
    let fix = &d.fixes[0];
    assert_eq!((fix.span.start, fix.span.end), (0, 0));
    assert_eq!(fix.replacement, "entity IL-1β aka IL-1b\n");
    // Applying the fix silences the warning.
    let fixed = format!("{}{}", fix.replacement, src);
    let again = load_sources(&[("a.rules", &fixed)]);
    assert!(
        again.diags.iter().all(|d| d.code != Code::LintSimilarNames),
        "{:?}",
        again.diags
    );
}

#[test]
fn fixes_quote_names_that_need_it() {
    let src = "x activates \"M2 polarization\"\noutcome \"M2 polarisation\"\n";
    let loaded = load_sources(&[("a.rules", src)]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LintUnmentioned)
        .expect("unmentioned outcome");
    assert_eq!(d.fixes[0].replacement, "\"M2 polarization\"");
    assert_eq!(text_at(&loaded, d.fixes[0].span), "\"M2 polarisation\"");
}

#[test]
fn in_memory_sources_resolve_includes_among_themselves() {
    let loaded = load_sources(&[
        (
            "main.rules",
            "include \"lib/glossary.rules\"\nx activates y\n",
        ),
        (
            "lib/glossary.rules",
            "include \"../shared.rules\"\nentity y aka why-not\n",
        ),
        ("shared.rules", "entity x : gene\n"),
    ]);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
    assert_eq!(loaded.files.len(), 3);
    assert!(loaded.program.lookup("why-not").is_some());
    let missing = load_sources(&[("main.rules", "include \"nowhere.rules\"\n")]);
    assert!(
        missing
            .diags
            .iter()
            .any(|d| d.code == Code::LowerIncludeMissing)
    );
}

#[test]
fn overlay_shadows_the_disk_and_resolves_includes() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.rules");
    let lib = dir.path().join("lib.rules");
    std::fs::write(&main, "include \"lib.rules\"\nx activates y\n").unwrap();
    std::fs::write(&lib, "y activates z\n").unwrap();
    let on_disk = load_paths_with(std::slice::from_ref(&main), &FileSystem);
    assert_eq!(on_disk.program.statements.len(), 2);

    // The editor's unsaved version of lib.rules wins over the disk.
    let mut overlay = Overlay::new(&FileSystem);
    overlay.insert(&lib, "y inhibits w\n");
    let loaded = load_paths_with(std::slice::from_ref(&main), &overlay);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
    assert!(loaded.program.lookup("w").is_some());
    assert!(loaded.program.lookup("z").is_none());

    // An unsaved new file exists only in the overlay.
    let fresh: PathBuf = dir.path().join("new.rules");
    overlay.insert(&fresh, "include \"main.rules\"\na activates x\n");
    let loaded = load_paths_with(std::slice::from_ref(&fresh), &overlay);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
    assert_eq!(loaded.files.len(), 3);
    assert!(Path::new(&loaded.program.sources.get(loaded.files[0]).name).ends_with("new.rules"));
}

mod builder {
    use marrow::engine::{RunConfig, evaluate, net_effects};
    use marrow::program::{
        Backing, Clamp, ClampKind, Condition, Expectation, Program, ProgramBuilder, State,
        load_sources,
    };

    const TEXT: &str = "\
entity miR-223 : miRNA aka miR-233
outcome osteogenesis
hypoxia increases BMSC-exosome [Arabpour et al., 2021]
BMSC-exosome carries miR-233, miR-126 [Arabpour et al., 2021; PMID:1]
miR-223 inhibits PKNOX1 confidence high [Ye et al., 2018]
PKNOX1 promotes IL-1β in macrophage when aging
when miR-126 up and PKNOX1 down then osteogenesis up confidence 0.8
hypoxia does not affect IL-1β
scenario hyp { given hypoxia
  expect osteogenesis up }
";

    fn built() -> Program {
        let mut b = ProgramBuilder::new();
        let mir = b.declare("miR-223", Some("miRNA"), &["miR-233"]).unwrap();
        let osteo = b.entity_named("osteogenesis");
        b.outcome(osteo).unwrap();
        let hypoxia = b.entity_named("hypoxia");
        let exo = b.entity_named("BMSC-exosome");
        let review = Backing::default().cite("Arabpour et al., 2021");
        b.add_statement(hypoxia, "increases", exo, &[], &review)
            .unwrap();
        let mir126 = b.entity_named("miR-126");
        let cargo = review.clone().cite("PMID:1");
        let aliased = b.entity_named("miR-233");
        assert_eq!(aliased, mir);
        b.add_statement(exo, "carries", mir, &[], &cargo).unwrap();
        b.add_statement(exo, "carries", mir126, &[], &cargo)
            .unwrap();
        let pknox1 = b.entity_named("PKNOX1");
        let high = Backing::default().confidence(0.9).cite("Ye et al., 2018");
        b.add_statement(mir, "inhibits", pknox1, &[], &high)
            .unwrap();
        let il1b = b.entity_named("IL-1β");
        let macrophage = b.context_named("macrophage");
        let aging = b.entity_named("aging");
        let when = [Condition {
            entity: aging,
            state: State::Up,
        }];
        b.add_statement(
            pknox1,
            "promotes",
            il1b,
            &when,
            &Backing::default().context(macrophage),
        )
        .unwrap();
        let premises = [
            Condition {
                entity: mir126,
                state: State::Up,
            },
            Condition {
                entity: pknox1,
                state: State::Down,
            },
        ];
        let head = Condition {
            entity: osteo,
            state: State::Up,
        };
        b.add_conjunction(&premises, head, &Backing::default().confidence(0.8))
            .unwrap();
        b.add_null(hypoxia, il1b, &Backing::default()).unwrap();
        let given = Clamp {
            entity: hypoxia,
            state: State::Up,
            kind: ClampKind::Given,
        };
        let expect = Expectation::Net(osteo, marrow::engine::Net::Up);
        b.add_scenario("hyp", None, vec![given], vec![], vec![expect])
            .unwrap();
        b.build()
    }

    /// Everything a run reports, by name, so ids need not agree.
    fn answers(p: &Program) -> Vec<String> {
        let config = RunConfig::from_scenario(&p.scenarios["hyp"]);
        let ev = evaluate(p, &config);
        net_effects(p, &ev, true)
            .iter()
            .map(|e| {
                format!(
                    "{} {:?} outcome={} up={:?} down={:?}",
                    p.entity_name(e.entity),
                    e.net,
                    e.outcome,
                    e.up.as_ref().map(|s| (s.strength, s.steps)),
                    e.down.as_ref().map(|s| (s.strength, s.steps)),
                )
            })
            .collect()
    }

    fn citations(p: &Program) -> Vec<Vec<&str>> {
        p.statements
            .iter()
            .map(|s| p.citations(&s.provenance))
            .collect()
    }

    #[test]
    fn a_built_program_evaluates_like_its_text() {
        let text = load_sources(&[("kb.rules", TEXT)]);
        assert_eq!(text.errors(), 0, "{:?}", text.diags);
        let built = built();
        let mut want = answers(&text.program);
        let mut got = answers(&built);
        want.sort();
        got.sort();
        assert_eq!(got, want);
        assert!(
            got.iter()
                .any(|l| l.starts_with("osteogenesis Up outcome=true"))
        );
        assert_eq!(citations(&built), citations(&text.program));
        assert_eq!(built.rules.len(), text.program.rules.len());
    }

    /// Ids another program made are refused, never indexed past the tables.
    #[test]
    fn ids_from_another_program_are_errors() {
        let mut other = ProgramBuilder::new();
        for n in ["a", "b", "c"] {
            other.entity_named(n);
        }
        let foreign = other.entity_named("d");
        let foreign_context = other.context_named("bone");
        let mut b = ProgramBuilder::new();
        let x = b.entity_named("x");
        let code = |d: marrow::diagnostics::Diag| d.code.as_str().to_string();
        let unknown = "marrow::build::unknown-id";
        let on = Backing::default();
        let err = b
            .add_statement(x, "activates", foreign, &[], &on)
            .unwrap_err();
        assert_eq!(code(err), unknown);
        let when = [Condition {
            entity: foreign,
            state: State::Up,
        }];
        let err = b.add_statement(x, "activates", x, &when, &on).unwrap_err();
        assert_eq!(code(err), unknown);
        let head = Condition {
            entity: foreign,
            state: State::Up,
        };
        assert!(b.add_conjunction(&[], head, &on).is_err());
        assert!(b.add_null(foreign, x, &on).is_err());
        assert!(b.outcome(foreign).is_err());
        let in_bone = Backing::default().context(foreign_context);
        assert!(b.add_statement(x, "activates", x, &[], &in_bone).is_err());
        let clamp = Clamp {
            entity: foreign,
            state: State::Up,
            kind: ClampKind::Given,
        };
        assert!(
            b.add_scenario("s", None, vec![clamp], vec![], vec![])
                .is_err()
        );
        b.declare("x", Some("gene"), &[]).unwrap();
        let err = b.declare("x", Some("miRNA"), &[]).unwrap_err();
        assert_eq!(code(err), "marrow::lint::kind-conflict");
        // Nothing refused was added; what is left evaluates.
        let p = b.build();
        assert!(p.statements.is_empty() && p.outcomes.is_empty() && p.scenarios.is_empty());
        let effects = net_effects(&p, &evaluate(&p, &RunConfig::default()), true);
        assert_eq!(effects.len(), 1, "x, unaffected");
    }

    #[test]
    fn built_items_have_the_place_they_were_given() {
        let mut b = ProgramBuilder::bare();
        b.at("import.sif", 42);
        let x = b.entity_named("x");
        let y = b.entity_named("y");
        let s = b
            .add_statement(x, "activates", y, &[], &Backing::default())
            .unwrap();
        let p = b.build();
        let span = p.statement(s).provenance.span;
        assert_eq!(p.sources.file_line(span), "import.sif:42");
        assert!(p.citations(&p.statement(s).provenance).is_empty());
    }

    #[test]
    fn invalid_items_are_diagnostics() {
        use marrow::diagnostics::Code;
        let mut b = ProgramBuilder::bare();
        let x = b.entity_named("x");
        let err = b
            .add_statement(x, "frobs", x, &[], &Backing::default())
            .unwrap_err();
        assert_eq!(err.code, Code::LowerUnknownVerb);
        let err = b
            .add_statement(x, "activates", x, &[], &Backing::default().confidence(1.5))
            .unwrap_err();
        assert_eq!(err.code, Code::LowerConfidenceRange);
    }
}

mod mentions {
    use marrow::program::mentions::MentionKind;
    use marrow::program::{LoadOptions, load_sources, load_sources_with};

    const MAIN: &str = "\
miR-233 inhibits PKNOX1 [Ye et al., 2018]
include \"glossary.rules\"
outcome \"M2 polarization\"
PKNOX1 promotes \"M2 polarization\" when miR-223 down
rule r: ?x up, ?x carries miR-223 => PKNOX1 down
scenario s { given miR-233
  expect PKNOX1 down via miR-223 }
";
    const GLOSSARY: &str = "entity miR-223 : miRNA aka miR-233, \"microRNA-223\"\n";

    fn spans(text: &str, word: &str) -> Vec<(u32, u32)> {
        text.match_indices(word)
            .map(|(i, _)| (i as u32, (i + word.len()) as u32))
            .collect()
    }

    #[test]
    fn every_mention_is_indexed_with_its_spelling() {
        let options = LoadOptions::default().with_mentions();
        let loaded = load_sources_with(
            &[("main.rules", MAIN), ("glossary.rules", GLOSSARY)],
            &options,
        );
        assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
        let p = &loaded.program;
        assert!(p.mentions.is_recorded());
        let mir = p.lookup("miR-223").unwrap();
        let all = p.mentions.of(mir);
        let (main, glossary) = (loaded.files[0], loaded.files[1]);
        let mut want: Vec<_> = spans(MAIN, "miR-233")
            .into_iter()
            .chain(spans(MAIN, "miR-223"))
            .map(|(a, b)| (main, a, b))
            .collect();
        want.extend(
            ["miR-223", "miR-233", "\"microRNA-223\""]
                .iter()
                .flat_map(|w| spans(GLOSSARY, w))
                .map(|(a, b)| (glossary, a, b)),
        );
        want.sort();
        let got: Vec<_> = all
            .iter()
            .map(|m| (m.span.file, m.span.start, m.span.end))
            .collect();
        assert_eq!(got, want);
        let kinds: Vec<(&str, MentionKind)> = all
            .iter()
            .filter(|m| m.span.file == glossary)
            .map(|m| (p.mention_text(m), m.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("miR-223", MentionKind::Declaration),
                ("miR-233", MentionKind::Alias),
                ("\"microRNA-223\"", MentionKind::Alias)
            ]
        );
        let def = p.mentions.definition(mir).unwrap();
        assert_eq!(def.span.file, glossary);
        // A cursor on an alias spelling finds the entity.
        let offset = MAIN.find("miR-233").unwrap() as u32 + 2;
        assert_eq!(p.mentions.at(main, offset).map(|(e, _)| e), Some(mir));

        let m2 = p.lookup("M2 polarization").unwrap();
        let texts: Vec<&str> = p
            .mentions
            .of(m2)
            .iter()
            .map(|m| p.mention_text(m))
            .collect();
        assert_eq!(texts, ["\"M2 polarization\"", "\"M2 polarization\""]);
        let pknox1 = p.lookup("PKNOX1").unwrap();
        assert_eq!(p.mentions.of(pknox1).len(), 4);
    }

    #[test]
    fn mentions_are_opt_in() {
        let loaded = load_sources(&[("main.rules", "x activates y\n")]);
        let p = &loaded.program;
        assert!(!p.mentions.is_recorded());
        assert!(p.mentions.of(p.lookup("x").unwrap()).is_empty());
    }
}

/// The join-row limit belongs to the run: two evaluations side by side keep their own.
#[test]
fn the_join_limit_is_part_of_the_run() {
    use marrow::engine::{RunConfig, evaluate};
    let mut text = String::from("rule two: ?a activates ?b, ?b activates ?c => ?a carries ?c\n");
    for i in 0..10 {
        for j in 0..10 {
            if i != j {
                text.push_str(&format!("n{i} activates n{j}\n"));
            }
        }
    }
    let loaded = marrow::program::load_text("join.rules", &text);
    let program = &loaded.program;
    let tight = RunConfig {
        max_join_rows: Some(5),
        ..RunConfig::default()
    };
    let (stopped, finished) = std::thread::scope(|s| {
        let a = s.spawn(|| evaluate(program, &tight).stopped().is_some());
        let b = s.spawn(|| evaluate(program, &RunConfig::default()).stopped().is_none());
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(stopped, "five rows cannot hold a join over 90 edges");
    assert!(finished, "the default limit holds it");
}
