//! `marrow ask "QUERY"`: the query forms of the language (`why X up`, `why not X down`,
//! `effect of X on Y`, `path from X to Y`) answered over the loaded rules.

use std::path::PathBuf;

use super::effects::perturb;
use super::setup::{Prepared, entity, prepare, usage};
use super::why::WhyOptions;
use super::{Exit, Output};
use crate::cli::{Format, RunFlags};
use crate::explain::{chain, passes_through, tree};
use crate::program::{Program, State};
use crate::render::{json, text};
use crate::source::{SourceFile, Sources};
use crate::syntax::SegmentParser;
use crate::syntax::ast::Query;

pub fn run(paths: &[PathBuf], query: &str, flags: &RunFlags, out: &Output) -> Exit {
    // The query is parsed first, so a typo is reported before any rule file is read.
    let mut sources = Sources::default();
    let file = sources.add(SourceFile::new("query", query));
    let parsed = match SegmentParser::parse_query(file, query) {
        Ok(q) => q,
        Err(d) => return usage(out, &sources, d),
    };
    let name = |n: &crate::syntax::ast::Name<'_>| n.text.to_string();
    match parsed {
        Query::Why {
            negated,
            entity,
            state,
        } => {
            let mut words = vec![name(&entity), state.as_str().to_string()];
            if negated {
                words.insert(0, "not".to_string());
            }
            let opts = WhyOptions {
                chain: false,
                alternatives: None,
                depth: 1,
            };
            super::why::run(paths, &words, flags, &opts, out)
        }
        Query::Effect { source, target } => super::effects::run(
            paths,
            &name(&source),
            false,
            &[name(&target)],
            flags,
            true,
            out,
        ),
        Query::Path { source, target } => path(paths, &name(&source), &name(&target), flags, out),
    }
}

/// `path from X to Y`: raise X and show each state of Y whose strongest derivation runs
/// through X, as a causal chain.
fn path(paths: &[PathBuf], from: &str, to: &str, flags: &RunFlags, out: &Output) -> Exit {
    let prepared = prepare(paths, flags, out, |program| {
        Ok((entity(program, from)?, entity(program, to)?))
    });
    let Prepared {
        loaded,
        config,
        args: (f, t),
        ..
    } = match prepared {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let program: &Program = &loaded.program;
    let (ev, _) = perturb(program, &config, f, false, &[t]);
    let mut found = Vec::new();
    for st in [State::Up, State::Down] {
        if let Some(id) = ev.state(t, st) {
            let node = tree(program, &ev, id);
            if passes_through(&node, f) {
                found.push(node);
            }
        }
    }
    if flags.format == Format::Json {
        let whys: Vec<String> = found
            .iter()
            .map(|n| json::why_json(program, &crate::explain::why(program, &ev, n.fact, 1)))
            .collect();
        out.print(&format!("[{}]\n", whys.join(",").trim_end()));
    } else if found.is_empty() {
        out.print(&format!(
            "no path: raising {} does not change {}\n",
            program.entity_name(f),
            program.entity_name(t)
        ));
    } else {
        for n in &found {
            out.print(&format!("{}\n", chain(program, n).text(program)));
            out.print(&text::tree(program, n, out.colour_out));
        }
    }
    if found.is_empty() {
        Exit::Finding
    } else {
        Exit::Success
    }
}
