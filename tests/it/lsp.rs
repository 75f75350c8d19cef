//! `marrow lsp` over stdio: a conversation with the real binary, framed by hand.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// Every answer must come within this time, or the test fails (never hangs).
const PATIENCE: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// The last diagnostics published per URI.
    diagnostics: HashMap<String, Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(crate::support::binary())
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start marrow lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("Content-Length")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            diagnostics: HashMap::new(),
            next_id: 1,
        }
    }

    fn raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.stdin.write_all(header.as_bytes()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        self.raw(msg.to_string().as_bytes());
    }

    /// Send a request and wait for its response (the whole message).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        self.raw(msg.to_string().as_bytes());
        self.response(json!(id))
    }

    /// Wait for the response with this id, keeping diagnostics published meanwhile.
    fn response(&mut self, id: Value) -> Value {
        loop {
            let v = self
                .incoming
                .recv_timeout(PATIENCE)
                .expect("an answer in time");
            if v.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics") {
                let uri = v["params"]["uri"].as_str().unwrap_or("").to_string();
                self.diagnostics
                    .insert(uri, v["params"]["diagnostics"].clone());
                continue;
            }
            if v.get("method").is_some() {
                continue;
            }
            if v["id"] == id {
                return v;
            }
        }
    }

    /// The diagnostics of a URI once the server has answered a request sent after the
    /// change (so everything it published for that change has arrived).
    fn diagnostics_of(&mut self, uri: &str) -> Value {
        self.call("workspace/symbol", json!({"query": "\u{0}none"}));
        self.diagnostics.get(uri).cloned().unwrap_or(Value::Null)
    }

    fn position(
        &mut self,
        method: &str,
        uri: &str,
        line: u32,
        character: u32,
        extra: Value,
    ) -> Value {
        let mut params = json!({
            "textDocument": {"uri": uri},
            "position": {"line": line, "character": character},
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.call(method, params)["result"].clone()
    }

    fn finish(mut self) -> i32 {
        let r = self.call("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin);
        for _ in 0..600 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code().unwrap_or(-1);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn initialize(c: &mut Client, root: &Path) {
    let r = c.call(
        "initialize",
        json!({"processId": null, "rootUri": uri_of(root), "capabilities": {},
               "initializationOptions": {"scenario": null}}),
    );
    assert!(
        r["result"]["capabilities"]["hoverProvider"] == json!(true),
        "{r}"
    );
    c.notify("initialized", json!({}));
}

/// The file edited in the conversation: line 2 has a misspelt verb after `IL-1β`, and
/// `NF-κB` and an emoji in a comment on the same line; line 6 lacks its object.
const TWO_ERRORS: &str = "# marrow: scenario inflamed
entity IL-1β : cytokine aka IL1B
IL-1β inhibts NF-κB  # 🦴 bone and NF-κB
NF-κB promotes osteoclastogenesis  [Ye et al., 2018]
IL1B promotes RANKL  [Ye et al., 2018]
RANKL promotes osteoclastogenesis
osteoclastogenesis inhibits
outcome osteoclastogenesis
scenario inflamed { given IL-1β up }
";

fn range(v: &Value) -> (u64, u64, u64, u64) {
    let n = |p: &Value| p.as_u64().unwrap_or(u64::MAX);
    (
        n(&v["start"]["line"]),
        n(&v["start"]["character"]),
        n(&v["end"]["line"]),
        n(&v["end"]["character"]),
    )
}

#[test]
fn a_conversation() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("bone.rules");
    std::fs::write(&path, "").unwrap();
    std::fs::write(root.join("other.rules"), "NF-κB activates IL-6\n").unwrap();
    let uri = uri_of(&path);
    let mut c = Client::start(&root);
    initialize(&mut c, &root);

    // Two errors, exactly where they are, in UTF-16 columns.
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "marrow", "version": 1, "text": TWO_ERRORS}}),
    );
    let diags = c.diagnostics_of(&uri);
    let errors: Vec<&Value> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == 1)
        .collect();
    assert_eq!(errors.len(), 2, "{diags:#}");
    assert_eq!(errors[0]["code"], "marrow::lower::unknown-verb");
    // `IL-1β ` is six UTF-16 units (β is one), `inhibts` seven.
    assert_eq!(range(&errors[0]["range"]), (2, 6, 2, 13));
    assert_eq!(errors[1]["code"], "marrow::parse::syntax");
    assert_eq!(range(&errors[1]["range"]).0, 6);
    insta::assert_snapshot!("two_errors", serde_json::to_string_pretty(&diags).unwrap());

    // The misspelt verb's fix is offered as a code action.
    let actions = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": errors[0]["range"], "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.iter().any(|t| t.contains("inhibits")), "{titles:?}");

    // Fix the verb: one error left.
    let fixed_one = TWO_ERRORS.replace("inhibts", "inhibits");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed_one}]}),
    );
    let diags = c.diagnostics_of(&uri);
    let errors: Vec<&Value> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == 1)
        .collect();
    assert_eq!(errors.len(), 1, "{diags:#}");
    assert_eq!(errors[0]["code"], "marrow::parse::syntax");

    // Fix the other with an incremental change (after the emoji line): none left.
    let line6 = "osteoclastogenesis inhibits";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{
            "range": {"start": {"line": 6, "character": line6.len()}, "end": {"line": 6, "character": line6.len()}},
            "text": " osteogenesis"}]}),
    );
    let diags = c.diagnostics_of(&uri);
    assert!(
        diags.as_array().unwrap().iter().all(|d| d["severity"] != 1),
        "{diags:#}"
    );

    // Hover on NF-κB after the emoji-free part of line 2 (`IL-1β inhibits ` is 15 units).
    let hover = c.position("textDocument/hover", &uri, 2, 16, json!({}));
    assert_eq!(range(&hover["range"]), (2, 15, 2, 20));
    insta::assert_snapshot!("hover_entity", hover["contents"]["value"].as_str().unwrap());
    let hover = c.position("textDocument/hover", &uri, 3, 8, json!({}));
    insta::assert_snapshot!(
        "hover_statement",
        hover["contents"]["value"].as_str().unwrap()
    );
    let hover = c.position("textDocument/hover", &uri, 3, 40, json!({}));
    insta::assert_snapshot!(
        "hover_citation",
        hover["contents"]["value"].as_str().unwrap()
    );

    // Definition of IL1B (an alias) is the declaration of IL-1β.
    let def = c.position("textDocument/definition", &uri, 4, 1, json!({}));
    assert_eq!(def["uri"], uri);
    assert_eq!(range(&def["range"]), (1, 7, 1, 12));

    // References of IL-1β: the declaration, its alias, two uses, the alias used, the given.
    let refs = c.position(
        "textDocument/references",
        &uri,
        2,
        2,
        json!({"context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 5, "{refs:#}");
    // NF-κB is mentioned in the other file too.
    let refs = c.position(
        "textDocument/references",
        &uri,
        3,
        1,
        json!({"context": {"includeDeclaration": true}}),
    );
    let files: std::collections::BTreeSet<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["uri"].as_str())
        .collect();
    assert_eq!(files.len(), 2, "{refs:#}");

    // Rename IL-1β: every mention by its name; the alias spellings stay.
    let edit = c.position(
        "textDocument/rename",
        &uri,
        2,
        2,
        json!({"newName": "IL-1beta"}),
    );
    let edits = edit["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 3, "{edit:#}");
    assert!(edits.iter().all(|e| e["newText"] == "IL-1beta"));
    let lines: Vec<u64> = edits.iter().map(|e| range(&e["range"]).0).collect();
    assert_eq!(lines, [1, 2, 8]);
    // A name with spaces is written in quotes; an invalid one is refused with an error.
    let edit = c.position(
        "textDocument/rename",
        &uri,
        2,
        2,
        json!({"newName": "interleukin 1β"}),
    );
    assert_eq!(
        edit["changes"][&uri][0]["newText"], "\"interleukin 1β\"",
        "{edit:#}"
    );
    let bad = c.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 2}, "newName": "IL-1\nβ"}),
    );
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a valid name"),
        "{bad}"
    );

    // Completion: names at a line start, verbs after a subject.
    let doc = format!(
        "{}NF\nIL-1β \n",
        fixed_one.replace("inhibits\n", "inhibits osteogenesis\n")
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": doc}]}),
    );
    let labels = |v: &Value| -> Vec<String> {
        v["items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|i| i["label"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let items = labels(&c.position("textDocument/completion", &uri, 9, 2, json!({})));
    assert!(items.contains(&"NF-κB".to_string()), "{items:?}");
    assert!(items.contains(&"entity".to_string()), "{items:?}");
    let items = labels(&c.position("textDocument/completion", &uri, 10, 6, json!({})));
    assert!(
        items.contains(&"inhibits".to_string()) && items.contains(&"promotes".to_string()),
        "{items:?}"
    );
    assert!(!items.contains(&"NF-κB".to_string()));

    // Formatting: the edit is `marrow fmt`'s output.
    let messy = "IL-1β    inhibits NF-κB   [Ye et al., 2018]\ncontext macrophage {\nNF-κB promotes IL-6\n}\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": messy}]}),
    );
    let r = c.call(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let edits = r["result"].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(
        edits[0]["newText"].as_str().unwrap(),
        marrow::syntax::fmt::format_source(messy).unwrap()
    );

    // A malformed message and an unknown method: errors, and the server goes on.
    c.raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let r = c.response(Value::Null);
    assert_eq!(r["error"]["code"], -32700, "{r}");
    let r = c.call("marrow/frobnicate", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.call("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let syms = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(syms["result"][0]["name"], "macrophage", "{syms}");

    assert_eq!(c.finish(), 0);
}

#[test]
fn bad_input_never_kills_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("big.rules");
    let uri = uri_of(&path);
    let mut c = Client::start(&root);
    initialize(&mut c, &root);
    // An include that cannot be read, and a half-typed block.
    let half = "include \"nowhere/missing.rules\"\nscenario s {\n  given a up\n  expect b\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "marrow", "version": 1, "text": half}}),
    );
    let diags = c.diagnostics_of(&uri);
    let codes: Vec<&str> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        codes.contains(&"marrow::lower::include-missing"),
        "{codes:?}"
    );
    assert!(codes.contains(&"marrow::parse::unbalanced"), "{codes:?}");
    // A 10 MB paste.
    let mut big = String::with_capacity(10 << 20);
    let mut i = 0;
    while big.len() < 10 << 20 {
        big.push_str(&format!("g{i} activates g{} [PMID:{i}]\n", i + 1));
        i += 1;
    }
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": big}]}),
    );
    let hover = c.position("textDocument/hover", &uri, 1000, 1, json!({}));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("g1000"),
        "{hover}"
    );
    // A request before the body's end of headers, a wrong Content-Length body: answered.
    c.raw(b"[1, 2, 3]");
    let r = c.response(Value::Null);
    assert_eq!(r["error"]["code"], -32600, "{r}");
    assert_eq!(c.finish(), 0);
}

#[test]
fn requests_before_initialize_are_refused_and_exit_without_shutdown_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    let r = c.call("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.notify("exit", Value::Null);
    let status = c.child.wait().unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_warning_points_at_both_statements_of_an_opposite_sign_pair() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let path = root.join("pair.rules");
    let uri = uri_of(&path);
    let mut c = Client::start(&root);
    initialize(&mut c, &root);
    let text = "miR-155 activates SOCS1 [A, 2020]\nmiR-155 inhibits SOCS1 [B, 2021]\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "marrow", "version": 1, "text": text}}),
    );
    let diags = c.diagnostics_of(&uri);
    let pair = diags
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "marrow::lint::opposite-signs")
        .unwrap_or_else(|| panic!("{diags:#}"));
    assert_eq!(pair["severity"], 2);
    let related = pair["relatedInformation"].as_array().unwrap();
    let mut lines: Vec<u64> = related
        .iter()
        .map(|r| range(&r["location"]["range"]).0)
        .collect();
    lines.push(range(&pair["range"]).0);
    lines.sort();
    assert_eq!(lines, [0, 1], "{pair:#}");

    // The scenario chosen in the settings shows in hover.
    let text = format!("{text}scenario raised {{ given miR-155 up }}\n");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let hover = c.position("textDocument/hover", &uri, 0, 20, json!({}));
    assert!(
        !hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("scenario"),
        "{hover}"
    );
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"marrow": {"path": "marrow", "scenario": "raised", "trace": {"server": "off"}}}}),
    );
    let hover = c.position("textDocument/hover", &uri, 0, 20, json!({}));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("under scenario `raised`: **conflicting"),
        "{value}"
    );
    // Go to definition on the scenario name of a directive comment.
    let doc = format!("# marrow: scenario raised\n{text}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": doc}]}),
    );
    let def = c.position("textDocument/definition", &uri, 0, 21, json!({}));
    assert_eq!(range(&def["range"]).0, 3, "{def}");
    assert_eq!(c.finish(), 0);
}
