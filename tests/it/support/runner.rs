//! Running the real `marrow` binary: one builder for every run of it, and what the run
//! printed and how it exited.
//!
//! ```ignore
//! let out = marrow().args(["check", "rules/"]).run();
//! out.success();
//! marrow().args(["fmt", "--check", "/dev/zero"]).run().fails_with(2);
//! ```

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The binary under test, for the tests that drive it interactively through their own
/// pipes or terminal (the language server, the REPL on a terminal).
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_marrow")
}

/// A run of the binary, to be set up and then [`Marrow::run`]: from the repository root
/// (so `rules/` is the shipped knowledge base), without colour (`NO_COLOR=1`), without
/// `$MARROW_RULES`, with nothing on stdin.
pub fn marrow() -> Marrow {
    Marrow {
        args: Vec::new(),
        env: vec![("NO_COLOR".into(), Some("1".into()))],
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        stdin: None,
        time_limit: None,
        memory_limit_kb: None,
        merged: false,
    }
}

/// A run being set up; see [`marrow`].
#[must_use = "a run does nothing until `.run()`"]
pub struct Marrow {
    args: Vec<OsString>,
    /// In order; `None` removes the variable.
    env: Vec<(OsString, Option<OsString>)>,
    dir: PathBuf,
    stdin: Option<Vec<u8>>,
    time_limit: Option<Duration>,
    memory_limit_kb: Option<u64>,
    merged: bool,
}

impl Marrow {
    pub fn args<I>(mut self, args: I) -> Marrow
    where
        I: IntoIterator,
        I::Item: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Set an environment variable of the run (`MARROW_RULES` included).
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Marrow {
        let key = key.as_ref().to_owned();
        self.env.push((key, Some(value.as_ref().to_owned())));
        self
    }

    /// Unset an environment variable the run would otherwise have (`NO_COLOR`).
    pub fn env_remove(mut self, key: impl AsRef<OsStr>) -> Marrow {
        self.env.push((key.as_ref().to_owned(), None));
        self
    }

    /// Run in `dir` instead of the repository root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Marrow {
        self.dir = dir.as_ref().to_path_buf();
        self
    }

    /// What the run reads on stdin.
    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Marrow {
        self.stdin = Some(input.into());
        self
    }

    /// Kill the run and fail the test when it takes longer than `secs` seconds.
    pub fn time_limit(mut self, secs: u64) -> Marrow {
        self.time_limit = Some(Duration::from_secs(secs));
        self
    }

    /// Limit the run's address space (`ulimit -v`, in KiB), so a runaway allocation fails
    /// the run instead of the machine. Unix only: elsewhere the run is not limited.
    pub fn memory_limit_kb(mut self, kib: u64) -> Marrow {
        self.memory_limit_kb = Some(kib);
        self
    }

    /// Write stderr into the same stream as stdout, so a transcript keeps their order:
    /// the run's `stdout` holds both and its `stderr` is empty.
    pub fn merge_stderr(mut self) -> Marrow {
        self.merged = true;
        self
    }

    /// Run the binary to the end.
    pub fn run(self) -> Run {
        let shown = self.shown();
        let mut cmd = match self.memory_limit_kb {
            Some(kib) if cfg!(unix) => {
                let mut sh = Command::new("sh");
                sh.arg("-c")
                    .arg(format!("ulimit -v {kib}; exec \"$0\" \"$@\""))
                    .arg(binary());
                sh
            }
            _ => Command::new(binary()),
        };
        cmd.args(&self.args)
            .current_dir(&self.dir)
            .env_remove("MARROW_RULES");
        for (key, value) in &self.env {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let transcript = self
            .merged
            .then(|| tempfile::tempfile().expect("a file for the transcript"));
        match &transcript {
            Some(file) => {
                cmd.stdout(file.try_clone().expect("the transcript file"));
                cmd.stderr(file.try_clone().expect("the transcript file"));
            }
            None => {
                cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
            }
        }
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("{shown} does not start: {e}"));
        // Feed stdin and drain both pipes from threads, so neither side ever blocks.
        let feeder = self.stdin.map(|input| {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            std::thread::spawn(move || {
                // The run may exit without reading everything: not an error here.
                let _ = pipe.write_all(&input);
            })
        });
        let stdout = drain(child.stdout.take());
        let stderr = drain(child.stderr.take());
        let status = wait(&mut child, self.time_limit, &shown);
        if let Some(feeder) = feeder {
            feeder.join().expect("stdin written");
        }
        let (mut stdout, stderr) = (
            stdout.join().expect("stdout"),
            stderr.join().expect("stderr"),
        );
        if let Some(mut file) = transcript {
            file.rewind().expect("the transcript rewinds");
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).expect("the transcript reads");
            stdout = bytes;
        }
        Run {
            command: shown,
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    /// The command line as a user would type it, for failure messages.
    fn shown(&self) -> String {
        let mut s = String::from("marrow");
        for a in &self.args {
            let a = a.to_string_lossy();
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '"') {
                s.push_str(&format!(" {a:?}"));
            } else {
                s.push(' ');
                s.push_str(&a);
            }
        }
        s
    }
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(mut pipe) = pipe {
            pipe.read_to_end(&mut out).expect("the run's output reads");
        }
        out
    })
}

/// Wait for the child; past the time limit, kill it and fail.
fn wait(child: &mut Child, limit: Option<Duration>, shown: &str) -> std::process::ExitStatus {
    let Some(limit) = limit else {
        return child.wait().expect("the run ends");
    };
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait().expect("the run can be waited for") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{shown} did not finish within {} s", limit.as_secs());
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// What one run of the binary printed and how it exited.
pub struct Run {
    /// The command line, for messages.
    pub command: String,
    /// The exit status; -1 when a signal ended the run.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The run exited 0; otherwise fail, showing what it printed.
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert!(
            self.code == 0,
            "expected success, got exit status {}\n{self}",
            self.code
        );
        self
    }

    /// The run exited with `code` (1 a finding, 2 bad usage or unreadable input);
    /// otherwise fail, showing what it printed.
    #[track_caller]
    pub fn fails_with(&self, code: i32) -> &Run {
        assert!(code != 0, "use .success() for exit status 0");
        assert!(
            self.code == code,
            "expected exit status {code}, got {}\n{self}",
            self.code
        );
        self
    }

    /// Stdout as one JSON document; fail, showing the output, when it is not.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document: {e}\n{self}"))
    }
}

/// The command, its exit status and both streams (long ones cut to their first 4000
/// bytes), for failure messages.
impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn cut(s: &str) -> &str {
            let mut end = s.len().min(4000);
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            &s[..end]
        }
        writeln!(f, "$ {}  (exit status {})", self.command, self.code)?;
        writeln!(f, "--- stdout\n{}", cut(&self.stdout))?;
        write!(f, "--- stderr\n{}", cut(&self.stderr))
    }
}

impl fmt::Debug for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
