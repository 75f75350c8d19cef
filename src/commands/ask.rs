//! `marrow ask "QUERY"`: the query forms of the language (`why X up`, `why not X down`,
//! `effect of X [up|down] on Y`, `path from X to Y`), answered by the library's query
//! dispatcher.

use std::path::PathBuf;

use super::setup::{Prepared, prepare, usage};
use super::why::{Asked, WhyOptions};
use super::{Exit, Output};
use crate::answers::{Answer, QueryOptions, answer};
use crate::cli::{Format, RunFlags};
use crate::render::path;
use crate::source::{SourceFile, Sources};
use crate::syntax::SegmentParser;

/// Answer `query` over the run `flags` describe, listing up to `k` paths for `path from`.
/// Exits 1 when the fact asked about does not hold (holds, for `why not`) or no path exists.
pub fn run(paths: &[PathBuf], query: &str, flags: &RunFlags, k: usize, out: &Output) -> Exit {
    // The query is parsed first, so a typo is reported before any rule file is read.
    let mut sources = Sources::default();
    let file = sources.add(SourceFile::new("query", query));
    let parsed = match SegmentParser::parse_query(file, query) {
        Ok(q) => q,
        Err(d) => return usage(out, &sources, d),
    };
    let Prepared {
        loaded,
        config,
        scenario,
        ..
    } = match prepare(paths, flags, out, |_| Ok(())) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    let options = QueryOptions { depth: 1, paths: k };
    let answered = match answer(program, &config, &parsed, options) {
        Ok(a) => a,
        Err(d) => return usage(out, &program.sources, d),
    };
    // (A path reads only which `when` conditions hold; it stays right after a stop.)
    let evaluation = match &answered {
        Answer::Why { evaluation, .. } => Some(evaluation),
        Answer::Effect { perturbation, .. } => Some(&perturbation.evaluation),
        Answer::Path(_) => None,
    };
    if let Some(exit) = evaluation.and_then(|ev| super::setup::stopped(program, ev, out)) {
        return exit;
    }
    print(program, &answered, scenario.as_deref(), flags.format, out);
    if answered.found() {
        Exit::Success
    } else {
        Exit::Finding
    }
}

/// Print an answer in the format asked for (shared with an interactive session).
pub fn print(
    program: &crate::program::Program,
    answered: &Answer,
    scenario: Option<&str>,
    format: Format,
    out: &Output,
) {
    let view = out.view(program);
    match answered {
        Answer::Why {
            why: w,
            evaluation,
            negated,
        } => {
            let opts = WhyOptions {
                chain: false,
                alternatives: None,
                depth: 1,
                evidence: crate::explain::EVIDENCE_LINES,
            };
            let asked = Asked {
                negated: *negated,
                scenario,
                format,
            };
            super::why::print(program, evaluation, w, &asked, &opts, out);
        }
        Answer::Effect {
            perturbation,
            target,
        } => super::effects::print(program, perturbation, Some(*target), scenario, format, out),
        Answer::Path(p) => match format {
            Format::Json => out.print(&path::path_json(&view, p)),
            Format::Text | Format::Dot | Format::Svg => {
                let mut s = super::run::header(program, scenario);
                s.push_str(&path::path_text(&view, p));
                out.print(&s);
            }
        },
    }
}
