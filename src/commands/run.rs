//! `marrow run`: the net effects of a scenario.

use std::path::PathBuf;

use super::setup::{Meanwhile, Prepared, evaluate, prepare_leaving_lints};
use super::{Exit, Output};
use crate::cli::{Format, RunFlags};
use crate::engine::net_effects;
use crate::render::{json, text};

/// Print the net effects of the run `flags` describe; `all` includes unaffected entities.
pub fn run(paths: &[PathBuf], flags: &RunFlags, all: bool, out: &Output) -> Exit {
    let Prepared {
        mut loaded,
        config,
        scenario,
        ..
    } = match prepare_leaving_lints(paths, flags, out, |_| Ok(())) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let ev = evaluate(&mut loaded, &config, Meanwhile::Lint, out);
    let program = &loaded.program;
    if let Some(exit) = super::setup::stopped(program, &ev, out) {
        return exit;
    }
    let effects = net_effects(program, &ev, all);
    let view = out.view(program);
    match flags.format {
        Format::Json => {
            out.write_with(|w| json::write_run_json(w, &view, &ev, scenario.as_deref(), &effects))
        }
        Format::Text | Format::Dot | Format::Svg => {
            out.print(&header(program, scenario.as_deref()));
            out.print(&crate::render::margin::settings(&config));
            out.print(&text::effects_table(&view, &effects));
            if config.clamps.is_empty() {
                out.print("(nothing was given: name a scenario with --scenario NAME, or give a state with --given \"X up\"; `marrow list scenarios` lists them)\n");
            }
        }
    }
    out.release((effects, ev, loaded));
    Exit::Success
}

/// `scenario NAME — title` above a text result.
pub fn header(program: &crate::program::Program, scenario: Option<&str>) -> String {
    match scenario.and_then(|s| program.scenarios.get(s)) {
        Some(sc) => match &sc.title {
            Some(t) => format!("scenario {} — {t}\n\n", sc.name),
            None => format!("scenario {}\n\n", sc.name),
        },
        None => String::new(),
    }
}
