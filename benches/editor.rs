//! Editor and session latency (figures go to BENCHMARKS.md) on a workspace the size of
//! an imported CONIB corpus: 17,000 statements in 202 files over BEL-style quoted names
//! (`"p(HGNC:MAPT)"`), with citations, contexts, declarations and a scenario.
//!
//! `cargo bench --bench editor` (or `bash benches/editor.sh`). The language server is the
//! real release binary spoken to over a pipe, as an editor would; each figure is the
//! time from sending a message to the answer (for diagnostics: from the edit to the
//! `publishDiagnostics` it causes). The REPL's `why` runs in process through the query
//! dispatcher the session uses. Median and min–max of 30 runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use marrow::answers::{QueryOptions, RunSpec, answer};
use marrow::program::load_paths;
use marrow::source::FileId;
use marrow::syntax::SegmentParser;
use serde_json::{Value, json};

const FILES: usize = 202;
const STATEMENTS: usize = 17_000;
const GENES: usize = 3_000;
const RUNS: usize = 30;

const VERBS: &[&str] = &[
    "increases",
    "decreases",
    "activates",
    "inhibits",
    "promotes",
];

/// A small deterministic generator (no dependency, same corpus on every machine).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn gene(i: usize) -> String {
    match i % 10 {
        0 => format!("\"a(CHEBI:compound{i})\""),
        1 => format!("\"bp(GO:process{i})\""),
        _ => format!("\"p(HGNC:GENE{i})\""),
    }
}

/// Write the corpus; returns the text of file 100 (the one edited).
fn generate(dir: &Path) -> String {
    let mut rng = Lcg(42);
    let per_file = STATEMENTS / FILES;
    let mut edited = String::new();
    for f in 0..FILES {
        let mut text = format!("# imported from BEL, part {f}\n");
        if f == 0 {
            text.push_str("entity \"p(HGNC:MAPT)\" : protein aka MAPT, tau\n");
            text.push_str("outcome \"bp(GO:process1)\", \"bp(GO:process11)\"\n");
            text.push_str("scenario tau { given \"p(HGNC:MAPT)\" up }\n");
            text.push_str("\"p(HGNC:MAPT)\" increases \"p(HGNC:GENE2)\" [PMID:1]\n");
        }
        let in_context = f % 5 == 0;
        if in_context {
            text.push_str(&format!("context tissue{} {{\n", f % 7));
        }
        let extra = usize::from(f < STATEMENTS % FILES);
        for s in 0..per_file + extra {
            // Hubs: low-numbered names are mentioned more often.
            let hub = 1 + rng.next(GENES);
            let a = rng.next(hub);
            let b = rng.next(GENES);
            let verb = VERBS[rng.next(VERBS.len())];
            let pmid = 10_000_000 + rng.next(5_000);
            let conf = match s % 9 {
                0 => " confidence high",
                1 => " confidence low",
                _ => "",
            };
            text.push_str(&format!(
                "{} {verb} {}{conf}  [PMID:{pmid}]\n",
                gene(a),
                gene(b)
            ));
        }
        if in_context {
            text.push_str("}\n");
        }
        if f == 100 {
            edited = text.clone();
        }
        std::fs::write(dir.join(format!("part{f:03}.rules")), text).expect("write the corpus");
    }
    edited
}

struct Server {
    child: std::process::Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next: i64,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_marrow"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start marrow lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.trim().strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if tx
                    .send(serde_json::from_slice(&body).unwrap_or(Value::Null))
                    .is_err()
                {
                    return;
                }
            }
        });
        let mut s = Server {
            child,
            stdin,
            incoming,
            next: 1,
        };
        let uri = format!("file://{}", root.display());
        s.call(
            "initialize",
            json!({"rootUri": uri, "capabilities": {},
            "initializationOptions": {"scenario": "tau"}}),
        );
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|v| v["id"] == id)
    }

    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let v = self
                .incoming
                .recv_timeout(Duration::from_secs(120))
                .expect("the server answers");
            if want(&v) {
                return v;
            }
        }
    }
}

fn report(label: &str, target_ms: f64, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(times[times.len() / 2]);
    println!(
        "{label:<44} median {median:>7.2} ms  min {:>7.2}  max {:>7.2}  (target ≤ {target_ms} ms: {})",
        ms(times[0]),
        ms(times[times.len() - 1]),
        if median <= target_ms {
            "met"
        } else {
            "NOT met"
        }
    );
}

fn timed(mut f: impl FnMut(usize)) -> Vec<Duration> {
    (0..RUNS)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = std::fs::canonicalize(dir.path()).expect("canonical");
    let edited = generate(&root);
    let lines = edited.lines().count();
    println!("workspace: {FILES} files, {STATEMENTS} statements, {GENES} names");

    let t = Instant::now();
    let mut s = Server::start(&root);
    println!(
        "initialize (first load): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let path = root.join("part100.rules");
    let uri = format!("file://{}", path.display());
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri,
        "languageId": "marrow", "version": 1, "text": edited}}),
    );
    s.call("workspace/symbol", json!({"query": "none"}));

    // An edit that adds an error, then one that removes it: each publishes diagnostics.
    let mut version = 1;
    let diagnostics = timed(|i| {
        version += 1;
        let text = if i % 2 == 0 {
            "\"p(HGNC:GENE5)\" frobs \"p(HGNC:GENE6)\"\n"
        } else {
            ""
        };
        s.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": lines, "character": 0},
                                          "end": {"line": lines + 1, "character": 0}}, "text": text}]}));
        let u = uri.clone();
        s.wait(|v| {
            v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == u.as_str()
        });
    });
    report("diagnostics after an edit", 150.0, diagnostics);

    // Hover on the subject of line 3 (a quoted BEL name), the scenario's net effect included.
    let pos = |line: usize, character: usize| {
        json!({"textDocument": {"uri": uri},
        "position": {"line": line, "character": character}})
    };
    let first = Instant::now();
    let h = s.call("textDocument/hover", pos(3, 3));
    let cold = first.elapsed();
    assert!(
        h["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .contains("mentioned by"),
        "{h}"
    );
    println!(
        "hover, first after an edit (evaluates the scenario): {:.2} ms",
        cold.as_secs_f64() * 1e3
    );
    report(
        "hover on an entity",
        20.0,
        timed(|i| {
            s.call("textDocument/hover", pos(3 + i % 40, 3));
        }),
    );

    // Completion of a half-typed name on a new line.
    s.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version + 1},
        "contentChanges": [{"range": {"start": {"line": lines, "character": 0},
                                      "end": {"line": lines, "character": 0}}, "text": "\"p(HGNC:GENE12\n"}]}));
    let c = s.call("textDocument/completion", pos(lines, 13));
    assert!(
        c["result"]["items"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        "{c}"
    );
    report(
        "completion of an entity name",
        20.0,
        timed(|_| {
            s.call("textDocument/completion", pos(lines, 13));
        }),
    );
    report(
        "completion of a verb",
        20.0,
        timed(|_| {
            s.call("textDocument/completion", pos(3, 17));
        }),
    );

    // Rename a hub mentioned across many files: `"p(HGNC:GENE2)"`, the object of line 4
    // of the first file (not open in the editor).
    let hub = format!("file://{}", root.join("part000.rules").display());
    let r = s.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": hub},
        "position": {"line": 4, "character": 30}, "newName": "p(HGNC:RENAMED)"}),
    );
    let files = r["result"]["changes"].as_object().map_or(0, |m| m.len());
    let edits: usize = r["result"]["changes"].as_object().map_or(0, |m| {
        m.values().map(|v| v.as_array().map_or(0, Vec::len)).sum()
    });
    println!("rename: {edits} edits in {files} files");
    report(
        "rename an entity across the workspace",
        200.0,
        timed(|_| {
            s.call(
                "textDocument/rename",
                json!({"textDocument": {"uri": hub},
            "position": {"line": 4, "character": 30}, "newName": "p(HGNC:RENAMED)"}),
            );
        }),
    );
    report(
        "references",
        200.0,
        timed(|_| {
            s.call(
                "textDocument/references",
                json!({"textDocument": {"uri": uri},
            "position": {"line": 3, "character": 3}, "context": {"includeDeclaration": true}}),
            );
        }),
    );
    s.call("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let _ = s.child.wait();

    // The REPL's `why`: rules loaded once, each query through the dispatcher.
    let loaded = load_paths(std::slice::from_ref(&root));
    assert_eq!(loaded.errors(), 0);
    let (config, _) = RunSpec::scenario("tau")
        .build(&loaded.program)
        .expect("scenario");
    let queries: Vec<String> = (0..RUNS)
        .map(|i| format!("why \"p(HGNC:GENE{})\" up", 2 + 10 * i))
        .collect();
    report(
        "REPL `why` after load",
        10.0,
        timed(|i| {
            let q = &queries[i];
            let parsed = SegmentParser::parse_query(FileId(0), q).expect("query");
            let a =
                answer(&loaded.program, &config, &parsed, QueryOptions::default()).expect("answer");
            std::hint::black_box(a);
        }),
    );
}
