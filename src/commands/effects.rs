//! `marrow effects ENTITY [--down] [--on X…]`: perturb one entity, show what changes.

use std::path::PathBuf;

use super::setup::{Prepared, clamp, entity, prepare};
use super::{Exit, Output};
use crate::cli::{Format, RunFlags};
use crate::engine::{NetEffect, evaluate, net_effects};
use crate::program::{ClampKind, EntityId, Program, State};
use crate::render::{json, text};

/// What an entity's result looks like, for telling whether a perturbation moved it.
fn signature(e: &NetEffect) -> (String, Option<State>, Option<u64>, Option<u64>) {
    (
        e.net.as_str().to_string(),
        e.lean,
        e.up.map(|s| s.strength.to_bits()),
        e.down.map(|s| s.strength.to_bits()),
    )
}

/// Net effects of raising (or lowering) `perturbed` on top of the run, keeping only the
/// entities whose result differs from the run without it (and, if given, only `on`).
pub fn perturb(
    program: &Program,
    base: &crate::engine::RunConfig,
    perturbed: EntityId,
    down: bool,
    on: &[EntityId],
) -> (crate::engine::Evaluation, Vec<NetEffect>) {
    let mut before = vec![None; program.entities.len()];
    for b in net_effects(program, &evaluate(program, base), true) {
        before[b.entity.0 as usize] = Some(signature(&b));
    }
    let mut config = base.clone();
    let (st, kind) = if down {
        (State::Down, ClampKind::Knockout)
    } else {
        (State::Up, ClampKind::Overexpress)
    };
    clamp(&mut config, perturbed, st, kind);
    let ev = evaluate(program, &config);
    let after = net_effects(program, &ev, true);
    let moved = after
        .into_iter()
        .filter(|a| a.entity == perturbed || before[a.entity.0 as usize] != Some(signature(a)))
        .filter(|a| on.is_empty() || on.contains(&a.entity))
        .collect();
    (ev, moved)
}

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
    let (ev, mut moved) = perturb(program, &config, e, down, &on_ids);
    if !all {
        moved.retain(|m| m.net != crate::engine::Net::Unaffected || !on_ids.is_empty());
    }
    match flags.format {
        Format::Json => out.print(&json::run_json(program, &ev, scenario.as_deref(), &moved)),
        Format::Text => {
            let mut s = super::run::header(program, scenario.as_deref());
            s.push_str(&format!(
                "effects of {} {}\n\n",
                program.entity_name(e),
                if down { "down" } else { "up" }
            ));
            s.push_str(&text::effects_table(program, &moved, out.colour_out));
            out.print(&s);
        }
    }
    Exit::Success
}
