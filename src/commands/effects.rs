//! `marrow effects ENTITY [--down] [--on X…]`: perturb one entity, show what changes.

use std::path::PathBuf;

use super::setup::{Prepared, entity, prepare};
use super::{Exit, Output};
use crate::answers::{Perturbation, perturb};
use crate::cli::{Format, RunFlags};
use crate::engine::Net;
use crate::program::{EntityId, Program, State};
use crate::render::{json, text};

/// Raise `typed` (lower it when `down`) on top of the run and print what moved, only at
/// the `on` entities when any are named; `all` also lists moves to unaffected.
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
    if let Some(exit) = super::setup::stopped(program, &p.evaluation, out) {
        return exit;
    }
    if !all && on_ids.is_empty() {
        p.moved.retain(|m| m.after.net != Net::Unaffected);
    }
    print(program, &p, None, scenario.as_deref(), flags.format, out);
    out.release((p, loaded));
    Exit::Success
}

/// Print what a perturbation moved, before → after (shared with `ask`, which names the
/// one entity it asked about as `target`).
pub fn print(
    program: &Program,
    p: &Perturbation,
    target: Option<EntityId>,
    scenario: Option<&str>,
    format: Format,
    out: &Output,
) {
    let view = out.view(program);
    match format {
        Format::Json => out.print(&json::effects_json(
            &view,
            &p.evaluation,
            scenario,
            &p.moved,
        )),
        Format::Text | Format::Dot | Format::Svg => {
            let mut s = super::run::header(program, scenario);
            let perturbed = format!("{} {}", program.entity_name(p.entity), p.state.as_str());
            match target {
                Some(t) => {
                    s.push_str(&format!(
                        "effect of {perturbed} on {}\n\n",
                        program.entity_name(t)
                    ));
                    if !p.moved.iter().any(|m| m.after.entity == t) {
                        s.push_str(&format!("{} does not move\n", program.entity_name(t)));
                        out.print(&s);
                        return;
                    }
                }
                None => s.push_str(&format!("effects of {perturbed}\n\n")),
            }
            s.push_str(&text::moved_table(&view, &p.moved));
            out.print(&s);
        }
    }
}
