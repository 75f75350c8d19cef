//! `marrow why [not] ENTITY up|down`: the cited derivation of a fact, or why it fails.

use std::path::PathBuf;

use super::setup::{Meanwhile, Prepared, entity, prepare_leaving_lints, state};
use super::{Exit, Output};
use crate::cli::{Format, RunFlags};
use crate::diagnostics::{Code, Diag};
use crate::engine::{Evaluation, Fact};
use crate::explain::{Why, alternatives, chain, why_with};
use crate::program::Program;
use crate::render::diagram::{dot, svg};
use crate::render::picture::{self, PictureOptions};
use crate::render::{json, text};

/// Options of `why` beyond the run.
pub struct WhyOptions {
    /// Print the derivation as one causal line.
    pub chain: bool,
    /// Also list up to N other derivations as trees, strongest first.
    pub alternatives: Option<usize>,
    /// How many levels `why not` follows missing premises.
    pub depth: usize,
    /// Further lines of evidence listed after the derivation.
    pub evidence: usize,
}

/// Split `[not] ENTITY up|down` (the entity may be several words).
pub fn parse_fact(words: &[String]) -> Result<(bool, String, String), Diag> {
    let (negated, rest) = match words.split_first() {
        Some((first, rest)) if first == "not" && rest.len() >= 2 => (true, rest),
        _ => (false, words),
    };
    // A rule file after the fact (`why X up f.rules`) belongs after `-r`.
    if let Some(last) = rest.last()
        && (last.ends_with(".rules") || std::path::Path::new(last).is_dir())
    {
        return Err(Diag::error(
            Code::CliFact,
            format!("`{last}` looks like a rule file, not part of the fact"),
        )
        .help(format!(
            "name rule files with -r: marrow why {} -r {last}",
            {
                let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
                words.pop();
                words.join(" ")
            }
        )));
    }
    match rest.split_last() {
        Some((st, name)) if !name.is_empty() => Ok((negated, name.join(" "), st.clone())),
        _ => Err(
            Diag::error(Code::CliFact, "expected `[not] ENTITY up|down`")
                .help("for example: marrow why osteogenesis up --scenario bmsc-exosomes"),
        ),
    }
}

/// Answer `marrow why [not] F`; exits 1 when the fact does not hold (holds, for `why not`).
pub fn run(
    paths: &[PathBuf],
    words: &[String],
    flags: &RunFlags,
    opts: &WhyOptions,
    out: &Output,
) -> Exit {
    let prepared = prepare_leaving_lints(paths, flags, out, |program| {
        let (negated, name, st) = parse_fact(words)?;
        Ok((negated, entity(program, &name)?, state(&st)?))
    });
    let Prepared {
        mut loaded,
        config,
        scenario,
        args: (negated, e, st),
    } = match prepared {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let ev = super::setup::evaluate(&mut loaded, &config, Meanwhile::LintAndIndex, out);
    let program = &loaded.program;
    if let Some(exit) = super::setup::stopped(program, &ev, out) {
        return exit;
    }
    let answer = why_with(
        program,
        &ev,
        Fact::State(e, st),
        opts.depth.max(1),
        opts.evidence,
    );
    let asked = Asked {
        negated,
        scenario: scenario.as_deref(),
        format: flags.format,
    };
    print(program, &ev, &answer, &asked, opts, out);
    let exit = if answer.holds != negated {
        Exit::Success
    } else {
        Exit::Finding
    };
    out.release((answer, ev, loaded));
    exit
}

/// How the question was asked.
pub struct Asked<'a> {
    /// `why not F`.
    pub negated: bool,
    /// The scenario run, if any, named in a picture's title.
    pub scenario: Option<&'a str>,
    /// Text, JSON, or a picture (DOT, SVG).
    pub format: Format,
}

/// Print a `why` answer (shared with `ask`).
pub fn print(
    program: &Program,
    ev: &Evaluation,
    answer: &Why,
    asked: &Asked,
    opts: &WhyOptions,
    out: &Output,
) {
    let (scenario, format) = (asked.scenario, asked.format);
    let view = out.view(program);
    // Alternatives beyond the strongest derivation, which is shown already.
    let others = |n: usize| -> Vec<crate::explain::Graph> {
        let mut alts = alternatives(program, ev, answer.fact, n + 1);
        if alts.first() == answer.derivation.as_ref() {
            alts.remove(0);
        }
        alts.truncate(n);
        alts
    };
    match format {
        Format::Dot | Format::Svg => {
            let opts_p = PictureOptions {
                scenario,
                refs: None,
            };
            let diagram = if opts.chain {
                let main = answer.derivation.as_ref().map(|g| (g, chain(program, g)));
                let opp = answer.opposing.as_ref().map(|g| (g, chain(program, g)));
                picture::chain(
                    &view,
                    answer,
                    main.as_ref().map(|(g, c)| (*g, c)),
                    opp.as_ref().map(|(g, c)| (*g, c)),
                    &opts_p,
                )
            } else {
                // Alternatives, when asked for, are drawn faded behind the strongest line.
                let background = match (opts.alternatives, answer.holds) {
                    (Some(n), true) => others(n),
                    _ => Vec::new(),
                };
                picture::derivation(&view, answer, &background, &opts_p)
            };
            match format {
                Format::Dot => out.print(&dot::to_dot(&diagram)),
                _ => out.print(&svg::to_svg(&diagram)),
            }
        }
        Format::Json => {
            let chain = answer
                .derivation
                .as_ref()
                .filter(|_| opts.chain)
                .map(|g| text::chain(&view, &chain(program, g)));
            let alts = match (opts.alternatives, answer.holds) {
                (Some(n), true) => others(n),
                _ => Vec::new(),
            };
            out.print(&json::why_json_with(&view, answer, chain, &alts))
        }
        Format::Text => {
            let mut s = super::run::header(program, scenario);
            // `why not F` when F holds: say so before showing why it does.
            if let (true, Some(graph)) = (asked.negated, &answer.derivation) {
                let fact = crate::render::name::fact_text(program, &answer.fact, None);
                s.push_str(&format!(
                    "{fact} holds, strength {} — see `marrow why {fact}`\n\n",
                    text::strength(graph.root_node().strength)
                ));
            }
            match (&answer.derivation, opts.chain) {
                (Some(graph), true) => {
                    s.push_str(&text::chain(&view, &chain(program, graph)));
                    s.push('\n');
                    s.push_str(&crate::render::evidence::lines(&view, answer));
                    if let Some(opp) = &answer.opposing {
                        s.push_str("opposing: ");
                        s.push_str(&text::chain(&view, &chain(program, opp)));
                        s.push('\n');
                    }
                    s.push_str(&text::why_extras(&view, answer));
                }
                _ => s.push_str(&text::why(&view, answer)),
            }
            if let (Some(n), true) = (opts.alternatives, answer.holds) {
                let alts = others(n);
                if alts.is_empty() {
                    s.push_str("\nno other derivation\n");
                } else {
                    s.push('\n');
                    s.push_str(&text::alternatives(&view, &alts));
                }
            }
            out.print(&s);
        }
    }
}
