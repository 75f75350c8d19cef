//! `--format dot|svg` draws one derivation, so only `why` accepts it; every other command
//! that takes `--format` says where pictures are made instead of printing words silently.

use super::{Exit, Output};
use crate::cli::{Command, Format};
use crate::diagnostics::{Code, Diag};
use crate::source::Sources;

/// A usage error when a command that draws nothing is asked for a picture.
pub fn refuse(command: &Command, out: &Output) -> Option<Exit> {
    let (name, format) = match command {
        Command::Check { format, .. } => ("check", *format),
        Command::Test { format, .. } => ("test", *format),
        Command::List { format, .. } => ("list", *format),
        Command::Run { run, .. } => ("run", run.format),
        Command::Effects { run, .. } => ("effects", run.format),
        Command::Ask { run, .. } => ("ask", run.format),
        _ => return None,
    };
    if !format.draws() {
        return None;
    }
    let word = if format == Format::Dot { "dot" } else { "svg" };
    let d = Diag::error(
        Code::CliFormat,
        format!("`marrow {name}` writes text or JSON, not `--format {word}`"),
    )
    .help(format!(
        "pictures: `marrow why ENTITY up|down --format {word}` draws a derivation, \
         `marrow graph --format {word}` the statement network, \
         `marrow report --scenario S` a whole scenario as HTML"
    ));
    out.diags(&[d], &Sources::default());
    Some(Exit::Usage)
}
