//! What every evaluating command shares: load the rules (stopping on errors), resolve
//! command-line names, and build the run from a scenario and the RUN FLAGS.

use std::path::PathBuf;

use super::{Exit, Output};
use crate::answers::RunSpec;
pub use crate::answers::{resolve_entity as entity, resolve_state as state};
use crate::cli::RunFlags;
use crate::diagnostics::Diag;
use crate::engine::{Evaluation, RunConfig};
use crate::program::{Loaded, Program};

/// Load rule files; on errors print them (not the warnings: `marrow check` shows those)
/// and return the exit status to stop with.
pub fn load(paths: &[PathBuf], out: &Output) -> Result<Loaded, Exit> {
    let mut loaded = load_leaving_lints(paths, out)?;
    say_warnings(&mut loaded, None, out);
    Ok(loaded)
}

/// [`load`] that leaves the lints pending where the rules are files: the caller runs
/// them (and says how many warnings there are) with [`say_warnings`].
fn load_leaving_lints(paths: &[PathBuf], out: &Output) -> Result<Loaded, Exit> {
    let loaded = super::rules::load_with(
        paths,
        &crate::program::LoadOptions::default().with_deferred_lints(),
        out,
    );
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

/// Add the pending lints' `warnings` (run here when `None`) and say how many warnings
/// there are: warnings are `check`'s to show; every other command says they exist.
pub fn say_warnings(loaded: &mut Loaded, warnings: Option<Vec<Diag>>, out: &Output) {
    loaded.add_lints(warnings);
    let warnings = loaded.warnings();
    if warnings > 0 {
        out.eprint(&format!(
            "{warnings} warning{}; `marrow check` for details\n",
            if warnings == 1 { "" } else { "s" }
        ));
    }
}

/// What the second core does while a run is evaluated.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Meanwhile {
    /// The pending lints.
    Lint,
    /// The pending lints, then the index explanations read (`why`).
    LintAndIndex,
}

/// Evaluate a prepared run, linting on the second core meanwhile, then say how many
/// warnings there are (before anything the run prints).
///
/// The lints wait for the stated relations to be laid out: the layout takes both cores
/// on a big network, and the evaluation after it only one, for longer than the lints.
pub fn evaluate(
    loaded: &mut Loaded,
    config: &RunConfig,
    meanwhile: Meanwhile,
    out: &Output,
) -> Evaluation {
    let program = &loaded.program;
    // The shipped knowledge base is linted as it loads: then nothing is pending.
    let Some(pending) = loaded.lints.take() else {
        let ev = crate::engine::evaluate(program, config);
        say_warnings(loaded, None, out);
        return ev;
    };
    let pairs = pending.pairs();
    let (ev, warnings) = std::thread::scope(|scope| {
        let (layout, laid_out) = std::sync::mpsc::sync_channel::<crate::engine::StatedLayout>(1);
        let side = scope.spawn(move || {
            // Without a layout (an evaluation stopped before it) the lints run at once.
            let stated = laid_out.recv().ok();
            let warnings = pending.run(program);
            if meanwhile == Meanwhile::LintAndIndex
                && let Some(stated) = stated
            {
                stated.index_by_object();
            }
            warnings
        });
        let ev = crate::engine::evaluate_by_pairs_with(program, config, pairs, move |stated| {
            // Refused only if the side thread panicked, which `join` raises.
            let _ = layout.send(stated);
        });
        (ev, crate::threads::join(side))
    });
    say_warnings(loaded, Some(warnings), out);
    ev
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
    let mut prepared = prepare_leaving_lints(paths, flags, out, resolve)?;
    say_warnings(&mut prepared.loaded, None, out);
    Ok(prepared)
}

/// [`prepare`] for a command that evaluates next: the lints are left pending, for
/// [`evaluate`] to run beside the evaluation.
pub fn prepare_leaving_lints<T>(
    paths: &[PathBuf],
    flags: &RunFlags,
    out: &Output,
    resolve: impl FnOnce(&Program) -> Result<T, Diag>,
) -> Result<Prepared<T>, Exit> {
    let mut loaded = load_leaving_lints(paths, out)?;
    let program = &loaded.program;
    let resolved = resolve(program).and_then(|args| Ok((args, run_config(program, flags)?)));
    match resolved {
        Ok((args, (config, scenario))) => Ok(Prepared {
            loaded,
            config,
            scenario,
            args,
        }),
        Err(d) => {
            say_warnings(&mut loaded, None, out);
            Err(usage(out, &loaded.program.sources, d))
        }
    }
}

/// A command-line mistake: print it and stop with exit status 2.
pub fn usage(out: &Output, sources: &crate::source::Sources, diag: Diag) -> Exit {
    out.diags(&[diag], sources);
    Exit::Usage
}

/// The RUN FLAGS as the library's run description (the REPL starts from it too).
pub(crate) fn spec(flags: &RunFlags) -> RunSpec {
    RunSpec {
        scenario: flags.scenario.clone(),
        given: flags.given.clone(),
        knockout: flags.knockout.clone(),
        overexpress: flags.overexpress.clone(),
        context: flags.context.clone(),
        decisive: flags.decisive,
        max_steps: flags.max_steps,
        with_disputed: flags.with_disputed,
        max_join_rows: Some(flags.max_join_rows),
    }
}

/// The run a scenario and the RUN FLAGS describe, and the scenario's name.
fn run_config(program: &Program, flags: &RunFlags) -> Result<(RunConfig, Option<String>), Diag> {
    spec(flags).build(program)
}

/// A run the join-row limit stopped early is partial: report the rule and the limit and
/// stop with exit status 2 rather than print a partial answer.
pub fn stopped(program: &Program, ev: &crate::engine::Evaluation, out: &Output) -> Option<Exit> {
    let limit = ev.stopped()?;
    Some(usage(out, &program.sources, limit.diag(program)))
}
