//! Scratch files and folders for runs to read and write.

use std::path::PathBuf;

/// A file that lives as long as the returned guard.
pub struct TempFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl TempFile {
    pub fn path(&self) -> &str {
        self.path.to_str().expect("temp paths are UTF-8")
    }
}

pub fn temp_file(name: &str, contents: impl AsRef<[u8]>) -> TempFile {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("temp file written");
    TempFile { _dir: dir, path }
}

/// A fresh directory that is never cleaned up before the test ends (kept simple: the
/// OS temp dir is cleared between CI runs).
pub fn temp_dir() -> PathBuf {
    let dir = tempfile::tempdir().expect("a temp dir");
    dir.keep()
}
