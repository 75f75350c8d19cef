//! The `marrow` command: parse arguments, call the library, report, exit.

use std::process::ExitCode;

use clap::Parser;
use marrow::cli::{Cli, Command, default_paths};
use marrow::commands::{self, Exit, Output};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { Exit::Usage as u8 } else { 0 });
        }
    };
    let out = Output::from_env();
    let exit = match cli.command {
        Command::Check { paths } => commands::check::run(&default_paths(&paths), &out),
        Command::Fmt { check, paths } => commands::fmt::run(&default_paths(&paths), check, &out),
        Command::Prelude => {
            out.print(marrow::program::PRELUDE);
            Exit::Success
        }
        Command::Run { paths, run, all } => commands::run::run(&paths, &run, all, &out),
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
            all,
        } => commands::effects::run(&rules.paths, &entity, down, &on, &run, all, &out),
        Command::Test { paths, update } => commands::test::run(&paths, update, &out),
        Command::Ask { query, rules, run } => commands::ask::run(&rules.paths, &query, &run, &out),
    };
    ExitCode::from(exit as u8)
}
