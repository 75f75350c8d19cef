//! `marrow repl`: a scripted session through a pipe (snapshotted) and one through a
//! pseudo-terminal (prompt, completion, `:quit`).

use std::process::Command;

use crate::support::{binary, marrow};

/// A small rule set with non-ASCII names, a scenario and a context.
const RULES: &str = "entity IL-1β : cytokine aka IL1B
outcome osteogenesis, M2-polarization
hypoxia increases BMSC-exosome                  [Arabpour et al., 2021]
BMSC-exosome carries miR-223                    [Arabpour et al., 2021]
miR-223 inhibits PKNOX1       confidence high   [Ye et al., 2018]
PKNOX1 promotes IL-1β                           [Ye et al., 2018]
IL-1β inhibits M2-polarization                  [Xue et al., 2020]
context macrophage {
  M2-polarization promotes osteogenesis         [Chen et al., 2019]
}
scenario hypoxic \"Hypoxia-preconditioned BMSCs\" {
  given hypoxia up
}
";

const SCRIPT: &str = "why osteogenesis up
:scenario hypoxic
why osteogenesis up
why not osteogenesis down
effect of miR-223 on IL-1β
path from hypoxia to osteogenesis
why osteognesis up
why up
:given hypoxia sideways
:knockout PKNOX1
:context macrophage
:show
:run
:effects miR-223 down
:frobnicate
:scenario nowhere
:reset
:format json
why IL1B down
:quit
why never reached
";

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bone.rules"), RULES).unwrap();
    dir
}

#[test]
fn a_session_through_a_pipe() {
    let dir = workspace();
    // stdout and stderr share one stream, so the transcript keeps their order.
    let out = marrow()
        .args(["repl", "-r", "bone.rules"])
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .stdin(SCRIPT)
        .merge_stderr()
        .run();
    out.success();
    let transcript = out.stdout;
    assert!(!transcript.contains("never reached"));
    insta::assert_snapshot!("pipe_session", transcript);
}

#[test]
fn a_session_on_a_terminal() {
    let dir = workspace();
    let mut cmd = Command::new(binary());
    cmd.args(["repl", "-r", "bone.rules", "--scenario", "hypoxic"])
        .current_dir(dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("TERM", "xterm");
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(30_000))
        .strip_ansi_escape_codes(true);
    let mut p = rexpect::session::spawn_with_options(cmd, options).unwrap();
    p.exp_string("statements loaded").unwrap();
    p.exp_string("marrow [hypoxic]> ").unwrap();
    // `osteog` completes to the one name it starts.
    p.send("why osteog\t").unwrap();
    p.flush().unwrap();
    p.exp_string("osteogenesis").unwrap();
    p.send_line(" up").unwrap();
    p.exp_string("strength").unwrap();
    p.exp_string("marrow [hypoxic]> ").unwrap();
    p.send("\x3ascen\t").unwrap();
    p.flush().unwrap();
    p.exp_string(":scenario").unwrap();
    p.send_line("").unwrap();
    p.exp_string("run: nothing given").unwrap();
    p.exp_string("marrow> ").unwrap();
    p.send_line(":quit").unwrap();
    p.exp_eof().unwrap();
    let history = std::fs::read_to_string(dir.path().join("marrow/history")).unwrap();
    assert!(history.contains("why osteogenesis up"), "{history}");
}
