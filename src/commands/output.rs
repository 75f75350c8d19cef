//! Where commands write, and whether they may use colour.

use std::io::{IsTerminal, Write};

use crate::cli::ColorChoice;
use crate::diagnostics::Diag;
use crate::source::Sources;

/// Exit statuses, as the README promises: 0 success, 1 a finding, 2 bad usage or unreadable input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Exit 0: the command did what was asked.
    Success = 0,
    /// Exit 1: a finding (errors in the rules, an unmet expectation, a fact that does not hold).
    Finding = 1,
    /// Exit 2: bad usage or unreadable input.
    Usage = 2,
}

/// The terminal-facing side of a command.
pub struct Output {
    /// Colour on stdout (a terminal, and `NO_COLOR` unset).
    pub colour_out: bool,
    /// Colour on stderr.
    pub colour_err: bool,
    /// Columns to fit text to (`--width`, else the terminal's); `None` on a pipe.
    pub width: Option<usize>,
    /// The process ends when the command returns (the `marrow` binary sets this).
    ends_process: bool,
}

impl Output {
    /// `auto`: colour on a terminal unless `NO_COLOR` is set; `always`; `never`.
    pub fn new(choice: ColorChoice, width: Option<usize>) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let auto = |terminal: bool| !no_color && terminal;
        let (colour_out, colour_err) = match choice {
            ColorChoice::Auto => (
                auto(std::io::stdout().is_terminal()),
                auto(std::io::stderr().is_terminal()),
            ),
            ColorChoice::Always => (true, true),
            ColorChoice::Never => (false, false),
        };
        let terminal = || {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| w as usize)
        };
        Output {
            colour_out,
            colour_err,
            width: width.or_else(terminal),
            ends_process: false,
        }
    }

    /// This output's process ends when the command returns: see [`Output::release`].
    pub fn ending_process(self) -> Self {
        Output {
            ends_process: true,
            ..self
        }
    }

    /// Let a command's big values (a loaded program, an evaluation) go. When the process
    /// ends right after the command they are not freed: freeing a million statements
    /// piece by piece takes tens of milliseconds that the operating system spends in one
    /// step at exit. Otherwise (a library caller, the REPL) they are freed as usual.
    pub fn release<T>(&self, value: T) {
        if self.ends_process {
            std::mem::forget(value);
        }
    }

    /// Colour as `--color auto` decides it; the terminal's width.
    pub fn from_env() -> Self {
        Output::new(ColorChoice::Auto, None)
    }

    /// How renderings for stdout see the program: colour and width.
    pub fn view<'a>(&self, program: &'a crate::program::Program) -> crate::render::View<'a> {
        crate::render::View::new(program)
            .colour(self.colour_out)
            .width(self.width)
    }

    /// Print to stdout; a closed pipe (`marrow run | head`) is not an error.
    pub fn print(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    /// Stream a large document to stdout; a closed pipe is not an error.
    pub fn write_with(&self, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        let _ = f(&mut out).and_then(|()| out.flush());
    }

    /// Write to stderr, unformatted.
    pub fn eprint(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
    }

    /// Print diagnostics to stderr, in order.
    pub fn diags(&self, diags: &[Diag], sources: &Sources) {
        crate::diagnostics::write_all(
            &mut std::io::stderr().lock(),
            diags,
            sources,
            self.colour_err,
        );
    }
}
