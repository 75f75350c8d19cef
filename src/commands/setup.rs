//! What every evaluating command shares: load the rules (stopping on errors), resolve
//! command-line names, and build the run from a scenario and the RUN FLAGS.

use std::path::PathBuf;

use super::{Exit, Output};
use crate::cli::{RunFlags, default_paths};
use crate::diagnostics::Diag;
use crate::engine::RunConfig;
use crate::program::names::{Unresolved, backquoted, did_you_mean, resolve_entity};
use crate::program::{Clamp, ClampKind, ContextId, EntityId, Loaded, Program, State, load_paths};

/// Load rule files; on errors print them (not the warnings: `marrow check` shows those)
/// and return the exit status to stop with.
pub fn load(paths: &[PathBuf], out: &Output) -> Result<Loaded, Exit> {
    let loaded = load_paths(&default_paths(paths));
    let errors: Vec<Diag> = loaded
        .diags
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if errors.is_empty() {
        return Ok(loaded);
    }
    out.diags(&errors, &loaded.program.sources);
    out.eprint(&format!(
        "marrow: {} error{} in the rule files; nothing was evaluated\n",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    Err(if loaded.unreadable {
        Exit::Usage
    } else {
        Exit::Finding
    })
}

/// Everything an evaluating command starts from.
pub struct Prepared<T> {
    pub loaded: Loaded,
    pub config: RunConfig,
    pub scenario: Option<String>,
    /// What the command resolved from its own arguments (entities, a fact…).
    pub args: T,
}

/// Load the rules, resolve the command's own arguments with `resolve`, and build the run
/// from the scenario and RUN FLAGS; on any problem, report it and return the exit status.
pub fn prepare<T>(
    paths: &[PathBuf],
    flags: &RunFlags,
    out: &Output,
    resolve: impl FnOnce(&Program) -> Result<T, Diag>,
) -> Result<Prepared<T>, Exit> {
    let loaded = load(paths, out)?;
    let program = &loaded.program;
    let resolved = resolve(program).and_then(|args| Ok((args, run_config(program, flags)?)));
    match resolved {
        Ok((args, (config, scenario))) => Ok(Prepared {
            loaded,
            config,
            scenario,
            args,
        }),
        Err(d) => Err(usage(out, &loaded.program.sources, d)),
    }
}

/// A command-line mistake: print it and stop with exit status 2.
pub fn usage(out: &Output, sources: &crate::source::Sources, diag: Diag) -> Exit {
    out.diags(&[diag], sources);
    Exit::Usage
}

/// Resolve an entity named on the command line, or explain why not.
pub fn entity(program: &Program, typed: &str) -> Result<EntityId, Diag> {
    resolve_entity(program, typed).map_err(|why| match why {
        Unresolved::Unknown(close) => {
            let d = Diag::error("marrow::cli::unknown-entity", format!("no entity named `{typed}`"));
            if close.is_empty() {
                d.help("names are matched exactly, then by alias, then ignoring case, Greek spelling and -/_/space")
            } else {
                d.help(format!("the closest names are {}", backquoted(&close)))
            }
        }
        Unresolved::Ambiguous(many) => Diag::error(
            "marrow::cli::ambiguous-entity",
            format!("`{typed}` could mean {}", backquoted(&many)),
        )
        .help("type the name exactly as it is written in the rule files"),
    })
}

/// Parse `up` or `down`.
pub fn state(word: &str) -> Result<State, Diag> {
    match word {
        "up" => Ok(State::Up),
        "down" => Ok(State::Down),
        other => Err(Diag::error(
            "marrow::cli::state",
            format!("expected `up` or `down`, found `{other}`"),
        )
        .help("write the state after the entity, e.g. `marrow why osteogenesis up`")),
    }
}

fn context(program: &Program, typed: &str) -> Result<ContextId, Diag> {
    if let Some(i) = program.contexts.get_index_of(typed) {
        return Ok(ContextId(i as u32));
    }
    let help = did_you_mean(typed, program.contexts.keys().map(String::as_str))
        .unwrap_or_else(|| "contexts are declared with `context NAME { … }` or `in NAME`".into());
    Err(Diag::error(
        "marrow::cli::unknown-context",
        format!("no context named `{typed}`"),
    )
    .help(help))
}

/// Add (or replace) a clamp: a command-line flag overrides the scenario for that entity.
pub fn clamp(config: &mut RunConfig, entity: EntityId, state: State, kind: ClampKind) {
    config.clamps.retain(|c| c.entity != entity);
    config.clamps.push(Clamp {
        entity,
        state,
        kind,
    });
}

/// The run a scenario and the RUN FLAGS describe, and the scenario's name.
fn run_config(program: &Program, flags: &RunFlags) -> Result<(RunConfig, Option<String>), Diag> {
    let mut config = RunConfig::default();
    crate::engine::set_max_join_rows(flags.max_join_rows);
    let mut name = None;
    if let Some(s) = &flags.scenario {
        let Some(sc) = program.scenarios.get(s) else {
            let help = did_you_mean(s, program.scenarios.keys().map(String::as_str))
                .unwrap_or_else(|| "`marrow test` lists every scenario".into());
            return Err(Diag::error(
                "marrow::cli::unknown-scenario",
                format!("no scenario named `{s}`"),
            )
            .help(help));
        };
        config = RunConfig::from_scenario(sc);
        name = Some(sc.name.clone());
    }
    for g in &flags.given {
        let mut words: Vec<&str> = g.split_whitespace().collect();
        let st = match words.last().copied() {
            Some("up") | Some("down") if words.len() > 1 => {
                let w = words.pop().unwrap_or("up");
                state(w)?
            }
            _ => State::Up,
        };
        let e = entity(program, &words.join(" "))?;
        clamp(&mut config, e, st, ClampKind::Given);
    }
    for k in &flags.knockout {
        clamp(
            &mut config,
            entity(program, k)?,
            State::Down,
            ClampKind::Knockout,
        );
    }
    for o in &flags.overexpress {
        clamp(
            &mut config,
            entity(program, o)?,
            State::Up,
            ClampKind::Overexpress,
        );
    }
    for c in &flags.context {
        let id = context(program, c)?;
        if !config.contexts.contains(&id) {
            config.contexts.push(id);
        }
    }
    Ok((config, name))
}
