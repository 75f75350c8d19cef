//! The `marrow` command: parse arguments, call the library, report, exit.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use marrow::cli::{Cli, Command};
use marrow::commands::{self, Exit, Output};

fn main() -> ExitCode {
    return_big_buffers_at_once();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { Exit::Usage as u8 } else { 0 });
        }
    };
    let out = Output::new(cli.color, cli.width).ending_process();
    if let Some(exit) = commands::drawing::refuse(&cli.command, &out) {
        return ExitCode::from(exit as u8);
    }
    let exit = match cli.command {
        Command::Check { rules, format } => commands::check::run(&rules.all(), format, &out),
        Command::Fmt { check, rules } => commands::fmt::run(&rules.all(), check, &out),
        Command::Prelude => {
            out.print(marrow::program::PRELUDE);
            Exit::Success
        }
        Command::Run {
            rules,
            run,
            include_unaffected,
        } => commands::run::run(&rules.all(), &run, include_unaffected, &out),
        Command::Why {
            fact,
            rules,
            run,
            chain,
            alternatives,
            depth,
            evidence,
        } => {
            let opts = commands::why::WhyOptions {
                chain,
                alternatives,
                depth,
                evidence,
            };
            commands::why::run(&rules.paths, &fact, &run, &opts, &out)
        }
        Command::Effects {
            entity,
            down,
            on,
            rules,
            run,
            include_unaffected,
        } => commands::effects::run(
            &rules.paths,
            &entity,
            down,
            &on,
            &run,
            include_unaffected,
            &out,
        ),
        Command::Test {
            rules,
            update,
            format,
        } => commands::test::run(&rules.all(), update, format, &out),
        Command::Ask {
            query,
            rules,
            run,
            max_paths,
        } => commands::ask::run(&rules.paths, &query, &run, max_paths, &out),
        Command::List {
            what,
            rules,
            format,
        } => commands::list::run(&rules.paths, what, format, &out),
        Command::Repl { rules, run } => commands::repl::run(&rules.paths, &run, &out),
        Command::Lsp => commands::lsp::run(),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "marrow", &mut buf);
            out.print(&String::from_utf8_lossy(&buf));
            Exit::Success
        }
        Command::Manpage => {
            let mut buf = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                Ok(()) => {
                    out.print(&String::from_utf8_lossy(&buf));
                    Exit::Success
                }
                Err(e) => {
                    out.eprint(&format!("marrow: cannot write the manual page: {e}\n"));
                    Exit::Usage
                }
            }
        }
        Command::Report {
            rules,
            scenario,
            all_scenarios,
            output,
        } => {
            let opts = commands::report::ReportOptions {
                scenario,
                all_scenarios,
                output,
            };
            commands::report::run(&rules.paths, &opts, &out)
        }
        Command::Graph {
            rules,
            around,
            depth,
            outcomes,
            max_nodes,
            scenario,
            given,
            knockout,
            overexpress,
            context,
            with_disputed,
            format,
        } => {
            let flags = marrow::cli::RunFlags {
                scenario,
                given,
                knockout,
                overexpress,
                context,
                with_disputed,
                ..Default::default()
            };
            let opts = commands::graph::GraphOptions {
                around,
                depth,
                outcomes,
                max_nodes,
                format,
            };
            commands::graph::run(&rules.paths, &flags, &opts, &out)
        }
        Command::Import(args) => commands::import::run_args(&args, &out),
        Command::Export(args) => commands::export::run(&args, &out),
    };
    ExitCode::from(exit as u8)
}

/// Give every buffer of 128 KiB or more its own mapping, returned to the system when freed.
///
/// glibc starts so, then raises the threshold to the size of each big buffer freed: after
/// loading frees its chunks and pair index (4–8 MiB), the evaluation's and the net
/// effects' buffers of a few MiB come from the heap instead, and when they are freed
/// their pages stay resident in holes the heap cannot return. On a million statements
/// that held 8–19 MiB more at the end of `run` (BENCHMARKS.md).
fn return_big_buffers_at_once() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a malloc parameter; it is called first thing in `main`,
    // before any other thread exists, and a refusal (return 0) leaves glibc's default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}
