//! `marrow lsp`: the language server on stdin/stdout.

use super::Exit;

/// Serve the language server protocol on stdin/stdout until the client exits.
pub fn run() -> Exit {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    match crate::lsp::serve(&mut stdin.lock(), &mut stdout.lock()) {
        0 => Exit::Success,
        _ => Exit::Finding,
    }
}
