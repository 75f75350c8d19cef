//! `marrow why [not] ENTITY up|down`: the cited derivation of a fact, or why it fails.

use std::path::PathBuf;

use super::setup::{Prepared, entity, prepare, state};
use super::{Exit, Output};
use crate::cli::{Format, RunFlags};
use crate::diagnostics::Diag;
use crate::engine::{Evaluation, Fact, evaluate};
use crate::explain::{Why, alternatives, chain, why_with};
use crate::program::Program;
use crate::render::{View, json, text};

/// Options of `why` beyond the run.
pub struct WhyOptions {
    pub chain: bool,
    pub alternatives: Option<usize>,
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
    match rest.split_last() {
        Some((st, name)) if !name.is_empty() => Ok((negated, name.join(" "), st.clone())),
        _ => Err(
            Diag::error("marrow::cli::fact", "expected `[not] ENTITY up|down`")
                .help("for example: marrow why osteogenesis up --scenario bmsc-exosomes"),
        ),
    }
}

pub fn run(
    paths: &[PathBuf],
    words: &[String],
    flags: &RunFlags,
    opts: &WhyOptions,
    out: &Output,
) -> Exit {
    let prepared = prepare(paths, flags, out, |program| {
        let (negated, name, st) = parse_fact(words)?;
        Ok((negated, entity(program, &name)?, state(&st)?))
    });
    let Prepared {
        loaded,
        config,
        scenario,
        args: (negated, e, st),
    } = match prepared {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    let ev = evaluate(program, &config);
    let answer = why_with(
        program,
        &ev,
        Fact::State(e, st),
        opts.depth.max(1),
        opts.evidence,
    );
    print(
        program,
        &ev,
        &answer,
        scenario.as_deref(),
        flags.format,
        opts,
        out,
    );
    if answer.holds != negated {
        Exit::Success
    } else {
        Exit::Finding
    }
}

/// Print a `why` answer (shared with `ask`).
pub fn print(
    program: &Program,
    ev: &Evaluation,
    answer: &Why,
    scenario: Option<&str>,
    format: Format,
    opts: &WhyOptions,
    out: &Output,
) {
    let view = View::new(program).colour(out.colour_out);
    match format {
        Format::Json => out.print(&json::why_json(&view, answer)),
        Format::Text => {
            let mut s = super::run::header(program, scenario);
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
                let alts = alternatives(program, ev, answer.fact, n);
                s.push_str(&text::alternatives(&view, &alts));
            }
            out.print(&s);
        }
    }
}
