//! `marrow effects ENTITY [--down] [--on X…]`: perturb one entity, show what changes.

use std::path::PathBuf;

use super::setup::{Prepared, entity, prepare};
use super::{Exit, Output};
use crate::answers::{Perturbation, perturb};
use crate::cli::{Format, RunFlags};
use crate::engine::{Net, NetEffect};
use crate::program::{EntityId, Program, State};
use crate::render::{View, json, text};

pub fn run(
    paths: &[PathBuf],
    typed: &str,
    down: bool,
    on: &[String],
    flags: &RunFlags,
    all: bool,
    out: &Output,
) -> Exit {
    let prepared = prepare(paths, flags, out, |program| {
        let on: Result<Vec<EntityId>, _> = on.iter().map(|o| entity(program, o)).collect();
        Ok((entity(program, typed)?, on?))
    });
    let Prepared {
        loaded,
        config,
        scenario,
        args: (e, on_ids),
    } = match prepared {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    let state = if down { State::Down } else { State::Up };
    let mut p = perturb(program, &config, e, state, &on_ids);
    if !all && on_ids.is_empty() {
        p.moved.retain(|m| m.after.net != Net::Unaffected);
    }
    print(program, &p, scenario.as_deref(), flags.format, out);
    Exit::Success
}

/// Print what a perturbation moved (shared with `ask`).
pub fn print(
    program: &Program,
    p: &Perturbation,
    scenario: Option<&str>,
    format: Format,
    out: &Output,
) {
    let view = View::new(program).colour(out.colour_out);
    let moved: Vec<NetEffect> = p.moved.iter().map(|m| m.after.clone()).collect();
    match format {
        Format::Json => out.print(&json::run_json(&view, &p.evaluation, scenario, &moved)),
        Format::Text => {
            let mut s = super::run::header(program, scenario);
            s.push_str(&format!(
                "effects of {} {}\n\n",
                program.entity_name(p.entity),
                p.state.as_str()
            ));
            s.push_str(&text::effects_table(&view, &moved));
            out.print(&s);
        }
    }
}
