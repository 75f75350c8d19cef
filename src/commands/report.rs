//! `marrow report`: a scenario (or every scenario) as a self-contained HTML page a reviewer
//! can open, share and print.

use std::path::{Path, PathBuf};

use super::setup::{load, usage};
use super::{Exit, Output};
use crate::answers::{self, spec::resolve_scenario};
use crate::diagnostics::{Code, Diag};
use crate::engine::{Evaluation, Fact, Net, RunConfig, evaluate, net_effects};
use crate::explain::{alternatives, why};
use crate::program::{Loaded, Program, Scenario};
use crate::render::View;
use crate::render::report::{
    Explained, Footer, IndexEntry, Page, content_hash, explained_state, index_page, scenario_page,
};

/// Further lines of evidence shown per outcome beside the strongest (`why` prints up to
/// five; a page shows each as a tree, so fewer).
const OTHER_DERIVATIONS: usize = 3;

/// Options of `report`.
pub struct ReportOptions {
    /// The scenario to report, as typed.
    pub scenario: Option<String>,
    /// One page per scenario, and an index.
    pub all_scenarios: bool,
    /// A file (one scenario; stdout without it) or a folder (`--all-scenarios`).
    pub output: Option<PathBuf>,
}

/// Write the HTML report `opts` asks for.
pub fn run(paths: &[PathBuf], opts: &ReportOptions, out: &Output) -> Exit {
    let loaded = match load(paths, out) {
        Ok(l) => l,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    let footer = footer(&loaded);
    let warnings: Vec<String> = loaded
        .diags
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.render(&program.sources, false))
        .collect();
    if opts.all_scenarios {
        let Some(dir) = &opts.output else {
            let d = Diag::error(Code::CliFormat, "`--all-scenarios` writes a folder")
                .help("name it with -o DIR");
            return usage(out, &program.sources, d);
        };
        return all(program, dir, &warnings, &footer, out);
    }
    let typed = opts.scenario.as_deref().unwrap_or_default();
    let sc = match resolve_scenario(program, typed) {
        Ok(sc) => sc,
        Err(d) => return usage(out, &program.sources, d),
    };
    let html = page(program, sc, &warnings, &footer).0;
    match &opts.output {
        None => {
            out.print(&html);
            Exit::Success
        }
        Some(file) => write(file, &html, program, out),
    }
}

fn footer(loaded: &Loaded) -> Footer {
    let sources = &loaded.program.sources;
    Footer {
        version: env!("CARGO_PKG_VERSION").to_string(),
        hash: content_hash(loaded.files.iter().map(|&f| sources.get(f).text.as_bytes())),
        files: loaded.files.len(),
    }
}

/// One scenario's page, and its index line.
fn page(
    program: &Program,
    sc: &Scenario,
    warnings: &[String],
    footer: &Footer,
) -> (String, IndexEntry) {
    let ev = evaluate(program, &RunConfig::from_scenario(sc));
    let view = View::new(program);
    let effects = net_effects(program, &ev, true);
    let (outcomes, others): (Vec<_>, Vec<_>) = effects.into_iter().partition(|e| e.outcome);
    let others: Vec<_> = others
        .into_iter()
        .filter(|e| e.net != Net::Unaffected)
        .collect();
    let explained: Vec<Explained> = outcomes
        .iter()
        .filter_map(|e| {
            let st = explained_state(e)?;
            Some(explain(program, &ev, e.clone(), Fact::State(e.entity, st)))
        })
        .collect();
    let unmet = answers::unmet(program, sc, &ev);
    let entry = IndexEntry {
        name: sc.name.clone(),
        title: sc.title.clone(),
        file: String::new(),
        expectations: sc.expects.len(),
        failed: unmet.len(),
        moved_outcomes: explained.len(),
    };
    let page = Page {
        scenario: sc,
        outcomes,
        others,
        explained,
        unmet,
        warnings: warnings.to_vec(),
        footer: footer.clone(),
    };
    (scenario_page(&view, &page), entry)
}

fn explain(
    program: &Program,
    ev: &Evaluation,
    effect: crate::engine::NetEffect,
    fact: Fact,
) -> Explained {
    let answer = why(program, ev, fact, 1);
    // On a tie the strongest derivation need not come first among the alternatives.
    let mut others = alternatives(program, ev, fact, OTHER_DERIVATIONS + 1);
    others.retain(|g| Some(g) != answer.derivation.as_ref());
    others.truncate(OTHER_DERIVATIONS);
    Explained {
        effect,
        why: answer,
        others,
    }
}

/// A file name for a scenario's page: letters, digits, `-`, `_` and `.` kept.
fn file_name(name: &str, taken: &[String]) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.');
    let stem = if stem.is_empty() || stem == "index" {
        format!("scenario-{stem}")
    } else {
        stem.to_string()
    };
    let mut file = format!("{stem}.html");
    let mut n = 2;
    while taken.contains(&file) {
        file = format!("{stem}-{n}.html");
        n += 1;
    }
    file
}

fn all(program: &Program, dir: &Path, warnings: &[String], footer: &Footer, out: &Output) -> Exit {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return write_error(dir, &e, program, out);
    }
    let mut entries: Vec<IndexEntry> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for sc in program.scenarios.values() {
        let (html, mut entry) = page(program, sc, warnings, footer);
        entry.file = file_name(&sc.name, &taken);
        taken.push(entry.file.clone());
        let exit = write(&dir.join(&entry.file), &html, program, out);
        if exit != Exit::Success {
            return exit;
        }
        entries.push(entry);
    }
    write(
        &dir.join("index.html"),
        &index_page(&entries, footer),
        program,
        out,
    )
}

fn write(file: &Path, html: &str, program: &Program, out: &Output) -> Exit {
    match std::fs::write(file, html) {
        Ok(()) => Exit::Success,
        Err(e) => write_error(file, &e, program, out),
    }
}

fn write_error(path: &Path, e: &std::io::Error, program: &Program, out: &Output) -> Exit {
    let d = Diag::error(
        Code::ReportWrite,
        format!("cannot write {}: {e}", path.display()),
    )
    .help("choose a path in a folder you can write to");
    usage(out, &program.sources, d)
}
