//! `marrow export sif|bel|graphml|cx2|json [-r PATH] [--scenario S]`: the program's
//! statements (those active under the run's contexts), and with a scenario or clamps the
//! run's net effects as node attributes, in formats other tools read.

use indexmap::IndexMap;

use super::setup::{Prepared, prepare};
use super::{Exit, Output};
use crate::cli::{ExportArgs, ExportFormat, RunFlags};
use crate::diagnostics::{Code, Diag};
use crate::engine::{evaluate, net_effects};
use crate::interop::export::{self, Export};
use crate::interop::write_atomically;

/// Write the program (and the run's net effects, when one is described) in `args.format`.
pub fn run(args: &ExportArgs, out: &Output) -> Exit {
    let flags = RunFlags {
        scenario: args.scenario.clone(),
        given: args.given.clone(),
        knockout: args.knockout.clone(),
        overexpress: args.overexpress.clone(),
        context: args.context.clone(),
        ..RunFlags::default()
    };
    let Prepared {
        loaded,
        config,
        scenario,
        ..
    } = match prepare(&args.rules.paths, &flags, out, |_| Ok(())) {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    // A run is asked for when something is clamped; contexts alone only filter.
    let effects = (!config.clamps.is_empty()).then(|| {
        let ev = evaluate(program, &config);
        net_effects(program, &ev, false)
            .into_iter()
            .map(|e| (e.entity, e))
            .collect::<IndexMap<_, _>>()
    });
    let x = Export {
        program,
        config,
        scenario,
        effects,
    };
    let (text, notes) = match args.format {
        ExportFormat::Sif => export::sif::write(&x),
        ExportFormat::Bel => (export::bel::write(&x), Vec::new()),
        ExportFormat::Graphml => (export::graphml::write(&x), Vec::new()),
        ExportFormat::Cx2 => (pretty(&export::cx2::write(&x)), Vec::new()),
        ExportFormat::Json => (pretty(&export::json::write(&x)), Vec::new()),
    };
    for n in notes {
        out.eprint(&format!("marrow: {n}\n"));
    }
    match &args.out {
        Some(path) => {
            if let Err(e) = write_atomically(path, text.as_bytes()) {
                let d = Diag::error(
                    Code::IoUnwritable,
                    format!("cannot write {}: {e}", path.display()),
                )
                .help("check that the folder exists or can be created and is writable");
                out.diags(&[d], &program.sources);
                return Exit::Usage;
            }
        }
        None => out.print(&text),
    }
    Exit::Success
}

fn pretty(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}
