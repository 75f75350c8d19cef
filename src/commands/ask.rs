//! `marrow ask "QUERY"`: the query forms of the language (`why X up`, `why not X down`,
//! `effect of X on Y`, `path from X to Y`), answered by the library's query dispatcher.

use std::path::PathBuf;

use super::setup::{Prepared, prepare, usage};
use super::why::WhyOptions;
use super::{Exit, Output};
use crate::answers::{Answer, answer};
use crate::cli::{Format, RunFlags};
use crate::explain::{chain, why};
use crate::render::{View, json, text};
use crate::source::{SourceFile, Sources};
use crate::syntax::SegmentParser;

pub fn run(paths: &[PathBuf], query: &str, flags: &RunFlags, out: &Output) -> Exit {
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
    let answered = match answer(program, &config, &parsed, 1) {
        Ok(a) => a,
        Err(d) => return usage(out, &program.sources, d),
    };
    let view = View::new(program).colour(out.colour_out);
    match &answered {
        Answer::Why {
            why: w, evaluation, ..
        } => {
            let opts = WhyOptions {
                chain: false,
                alternatives: None,
                depth: 1,
                evidence: crate::explain::EVIDENCE_LINES,
            };
            let scenario = scenario.as_deref();
            super::why::print(program, evaluation, w, scenario, flags.format, &opts, out);
        }
        Answer::Effect { perturbation, .. } => super::effects::print(
            program,
            perturbation,
            scenario.as_deref(),
            flags.format,
            out,
        ),
        Answer::Path(p) => {
            if flags.format == Format::Json {
                let whys: Vec<String> = p
                    .found
                    .iter()
                    .map(|g| {
                        let w = why(program, &p.evaluation, g.root_node().fact, 1);
                        json::why_json(&view, &w)
                    })
                    .collect();
                out.print(&format!("[{}]\n", whys.join(",").trim_end()));
            } else if p.found.is_empty() {
                out.print(&format!(
                    "no path: raising {} does not change {}\n",
                    program.entity_name(p.from),
                    program.entity_name(p.to)
                ));
            } else {
                for g in &p.found {
                    out.print(&format!("{}\n", text::chain(&view, &chain(program, g))));
                    out.print(&text::tree(&view, g));
                }
            }
        }
    }
    if answered.found() {
        Exit::Success
    } else {
        Exit::Finding
    }
}
