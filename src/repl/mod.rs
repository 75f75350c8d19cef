//! `marrow repl`: rules loaded once, then queries in the language's query forms (through
//! the dispatcher `marrow ask` uses) and `:` commands that change the run. Line editing,
//! completion and history on a terminal; plain lines from a pipe.

mod command;
mod editor;
mod session;

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::cli::RunFlags;
use crate::commands::{Exit, Output};
pub use session::{Flow, Session};

/// Run a session over the rules at `paths` (or the default rules) with the run `flags`.
pub fn run(paths: &[PathBuf], flags: &RunFlags, out: &Output) -> Exit {
    let paths = match crate::commands::rules::rule_paths(paths) {
        Ok((paths, _)) => paths,
        Err(d) => {
            out.diags(&[*d], &crate::source::Sources::default());
            return Exit::Usage;
        }
    };
    let loaded = match crate::commands::setup::load(&paths, out) {
        Ok(l) => l,
        Err(exit) => return exit,
    };
    let spec = crate::commands::setup::spec(flags);
    let mut session = match Session::new(paths, loaded, spec, flags.format) {
        Ok(s) => s,
        Err(d) => {
            out.diags(&[d], &crate::source::Sources::default());
            return Exit::Usage;
        }
    };
    if std::io::stdin().is_terminal() {
        terminal(&mut session, out)
    } else {
        piped(&mut session, out)
    }
}

/// Plain lines from a pipe, no prompt.
fn piped(session: &mut Session, out: &Output) -> Exit {
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if session.line(&line, out) == Flow::Quit {
            break;
        }
    }
    Exit::Success
}

/// An interactive terminal: rustyline with completion and history.
fn terminal(session: &mut Session, out: &Output) -> Exit {
    let config = Config::builder()
        .auto_add_history(true)
        .completion_type(CompletionType::List)
        .build();
    let mut rl: Editor<editor::MarrowHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(_) => return piped(session, out),
    };
    rl.set_helper(Some(editor::MarrowHelper {
        names: editor::Names::of(&session.loaded.program),
    }));
    let history = editor::history_path();
    if let Some(h) = &history {
        let _ = rl.load_history(h);
    }
    out.print(&format!(
        "marrow {}: {} statements loaded. Ask `why X up`, or :help.\n",
        env!("CARGO_PKG_VERSION"),
        session.loaded.program.statements.len()
    ));
    loop {
        let prompt = editor::Styled::new(session.scenario(), out.colour_out);
        match rl.readline(&prompt) {
            Ok(line) => {
                if session.line(&line, out) == Flow::Quit {
                    break;
                }
                if line.trim_start().starts_with(":reload")
                    && let Some(h) = rl.helper_mut()
                {
                    h.names = editor::Names::of(&session.loaded.program);
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(_) => break,
        }
    }
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = rl.save_history(h);
    }
    Exit::Success
}
