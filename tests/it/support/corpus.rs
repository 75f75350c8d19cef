//! The input files of the tests: every file of one extension under a folder, and the
//! shared data sets beside the repository.

use std::path::{Path, PathBuf};

/// The repository root (the tests run from it).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file named `*.EXT` under `dir`, at any depth, in sorted order; `dir` is taken
/// from the repository root unless it is absolute. A folder that cannot be read fails
/// the test, so a misspelt folder is never an empty corpus.
pub fn files(dir: impl AsRef<Path>, ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{} is not readable: {e}", dir.display()));
        for entry in entries {
            let path = entry
                .unwrap_or_else(|e| panic!("{} is not readable: {e}", dir.display()))
                .path();
            if path.is_dir() {
                walk(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), ext, &mut out);
    out.sort();
    out
}

/// `../shared/data/SUB` beside the repository, or `None` (saying so, for the test to
/// skip) when it is absent.
pub fn shared_data(sub: &str) -> Option<PathBuf> {
    let path = root().join("../shared/data").join(sub);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} is absent (the shared data folder is not beside the repository)",
            path.display()
        );
        None
    }
}
