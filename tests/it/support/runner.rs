//! Running the real `marrow` binary from tests, and scratch files for it to read.

use std::path::PathBuf;
use std::process::Command;

/// What one run of the binary printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn marrow(args: &[&str]) -> Run {
    marrow_env(args, &[])
}

/// Run from the repository root (so `rules/` is the shipped knowledge base), without
/// colour and with the environment given.
pub fn marrow_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    marrow_in(env!("CARGO_MANIFEST_DIR"), args, env)
}

/// Run from `dir`, without colour and without `$MARROW_RULES` unless `env` sets it.
pub fn marrow_in(dir: impl AsRef<std::path::Path>, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_marrow"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("MARROW_RULES");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("the marrow binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

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
