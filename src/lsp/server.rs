//! The message loop: lifecycle, document sync, and dispatch of requests to the feature
//! modules. A handler that fails answers with an error; nothing ends the loop but `exit`
//! or the end of input.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::analysis::{Analysis, directive};
use super::transport::{self, Incoming};
use super::{actions, complete, convert, diagnostics, format, hover, navigate};
use crate::source::FileId;

/// A request's failure: an error code and a message.
type Failure = (i32, String);

/// The server's state.
struct Server {
    root: Option<PathBuf>,
    /// Open buffers by path, as the editor has them.
    open: BTreeMap<PathBuf, String>,
    /// The scenario hover evaluates (settings or initialization options).
    scenario: Option<String>,
    analysis: Analysis,
    /// What was last published per file, so unchanged files are not sent again.
    published: HashMap<Url, Vec<Diagnostic>>,
    initialized: bool,
    shutdown: bool,
    outbox: Vec<Message>,
}

/// Serve LSP on `input`/`output` until `exit` or end of input; returns the exit status
/// (0 after a proper shutdown).
pub fn serve(input: &mut dyn BufRead, output: &mut dyn Write) -> u8 {
    let mut s = Server {
        root: None,
        open: BTreeMap::new(),
        scenario: None,
        analysis: Analysis::load(None, &BTreeMap::new()),
        published: HashMap::new(),
        initialized: false,
        shutdown: false,
        outbox: Vec::new(),
    };
    loop {
        match transport::read(input) {
            Incoming::Eof => return u8::from(!s.shutdown),
            Incoming::Invalid { id, code, message } => {
                let _ = match id {
                    Some(id) => transport::write(
                        output,
                        Message::Response(Response::new_err(id, code, message)),
                    ),
                    None => transport::write_error_without_id(output, code, &message),
                };
            }
            Incoming::Message(Message::Request(req)) => {
                let id = req.id.clone();
                let response = match catch_unwind(AssertUnwindSafe(|| s.request(req))) {
                    Ok(Ok(value)) => Response::new_ok(id, value),
                    Ok(Err((code, message))) => Response::new_err(id, code, message),
                    Err(_) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "internal error in marrow lsp".into(),
                    ),
                };
                let _ = transport::write(output, Message::Response(response));
            }
            Incoming::Message(Message::Notification(n)) => {
                if n.method == "exit" {
                    return u8::from(!s.shutdown);
                }
                if catch_unwind(AssertUnwindSafe(|| s.notification(n))).is_err() {
                    s.log("internal error while handling a notification");
                }
            }
            Incoming::Message(Message::Response(_)) => {}
        }
        for m in s.outbox.drain(..) {
            let _ = transport::write(output, m);
        }
    }
}

fn params<T: DeserializeOwned>(v: Value) -> Result<T, Failure> {
    serde_json::from_value(v).map_err(|e| {
        (
            ErrorCode::InvalidParams as i32,
            format!("invalid params: {e}"),
        )
    })
}

fn json<T: serde::Serialize>(v: T) -> Result<Value, Failure> {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError as i32, e.to_string()))
}

impl Server {
    fn request(&mut self, req: Request) -> Result<Value, Failure> {
        let Request {
            method, params: p, ..
        } = req;
        if method == "initialize" {
            return self.initialize(params(p)?);
        }
        if !self.initialized {
            return Err((
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized".into(),
            ));
        }
        if self.shutdown {
            return Err((
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            ));
        }
        match method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            "textDocument/hover" => {
                let p: HoverParams = params(p)?;
                let Some((file, offset)) = self.at(&p.text_document_position_params) else {
                    return Ok(Value::Null);
                };
                let text = self.analysis.file(file).text.clone();
                let scenario = directive(&text)
                    .map(str::to_string)
                    .or_else(|| self.scenario.clone());
                json(hover::hover(
                    &self.analysis,
                    file,
                    offset,
                    scenario.as_deref(),
                ))
            }
            "textDocument/definition" => {
                let p: GotoDefinitionParams = params(p)?;
                let Some((file, offset)) = self.at(&p.text_document_position_params) else {
                    return Ok(Value::Null);
                };
                json(
                    navigate::definition(&self.analysis, file, offset)
                        .map(GotoDefinitionResponse::Scalar),
                )
            }
            "textDocument/references" => {
                let p: ReferenceParams = params(p)?;
                let Some((file, offset)) = self.at(&p.text_document_position) else {
                    return Ok(Value::Null);
                };
                json(navigate::references(
                    &self.analysis,
                    file,
                    offset,
                    p.context.include_declaration,
                ))
            }
            "textDocument/rename" => {
                let p: RenameParams = params(p)?;
                let Some((file, offset)) = self.at(&p.text_document_position) else {
                    return Err((
                        ErrorCode::InvalidParams as i32,
                        "not a loaded rule file".into(),
                    ));
                };
                navigate::rename(&self.analysis, file, offset, &p.new_name)
                    .map_err(|m| (ErrorCode::InvalidParams as i32, m))
                    .and_then(json)
            }
            "textDocument/documentSymbol" => {
                let p: DocumentSymbolParams = params(p)?;
                match self.analysis.file_of(&p.text_document.uri) {
                    Some(file) => json(DocumentSymbolResponse::Nested(navigate::document_symbols(
                        &self.analysis,
                        file,
                    ))),
                    None => Ok(Value::Null),
                }
            }
            "workspace/symbol" => {
                let p: WorkspaceSymbolParams = params(p)?;
                json(navigate::workspace_symbols(&self.analysis, &p.query))
            }
            "textDocument/completion" => {
                let p: CompletionParams = params(p)?;
                let Some((file, offset)) = self.at(&p.text_document_position) else {
                    return Ok(Value::Null);
                };
                json(complete::complete(&self.analysis, file, offset))
            }
            "textDocument/formatting" => {
                let p: DocumentFormattingParams = params(p)?;
                let text = match p
                    .text_document
                    .uri
                    .to_file_path()
                    .ok()
                    .and_then(|path| self.open.get(&path))
                {
                    Some(t) => t.clone(),
                    None => match self.analysis.file_of(&p.text_document.uri) {
                        Some(f) => self.analysis.file(f).text.to_string(),
                        None => return Ok(Value::Null),
                    },
                };
                json(format::format(&text))
            }
            "textDocument/codeAction" => {
                let p: CodeActionParams = params(p)?;
                match self.analysis.file_of(&p.text_document.uri) {
                    Some(file) => json(actions::actions(&self.analysis, file, p.range)),
                    None => Ok(Value::Null),
                }
            }
            _ => Err((
                ErrorCode::MethodNotFound as i32,
                format!("unknown method `{method}`"),
            )),
        }
    }

    fn initialize(&mut self, p: InitializeParams) -> Result<Value, Failure> {
        #[allow(deprecated)]
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .and_then(|f| f.uri.to_file_path().ok())
            .or_else(|| p.root_uri.as_ref().and_then(|u| u.to_file_path().ok()))
            .or_else(|| p.root_path.as_ref().map(PathBuf::from));
        self.root = root.map(|r| std::fs::canonicalize(&r).unwrap_or(r));
        if let Some(s) = p
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("scenario"))
        {
            self.scenario = s.as_str().filter(|s| !s.is_empty()).map(str::to_string);
        }
        self.initialized = true;
        self.reload();
        json(InitializeResult {
            capabilities: capabilities(),
            server_info: Some(ServerInfo {
                name: "marrow".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized {
            return;
        }
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = params::<DidOpenTextDocumentParams>(n.params)
                    && let Ok(path) = p.text_document.uri.to_file_path()
                {
                    self.open.insert(path, p.text_document.text);
                    self.reload();
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = params::<DidChangeTextDocumentParams>(n.params)
                    && let Ok(path) = p.text_document.uri.to_file_path()
                {
                    let text = self.open.entry(path).or_default();
                    for change in p.content_changes {
                        apply(text, change);
                    }
                    self.reload();
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = params::<DidCloseTextDocumentParams>(n.params)
                    && let Ok(path) = p.text_document.uri.to_file_path()
                {
                    self.open.remove(&path);
                    self.reload();
                }
            }
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => self.reload(),
            "workspace/didChangeConfiguration" => {
                if let Ok(p) = params::<DidChangeConfigurationParams>(n.params)
                    && let Some(s) = p.settings.get("marrow").and_then(|m| m.get("scenario"))
                {
                    self.scenario = s.as_str().filter(|s| !s.is_empty()).map(str::to_string);
                }
            }
            _ => {}
        }
    }

    /// The loaded file and byte offset of a position.
    fn at(&self, p: &TextDocumentPositionParams) -> Option<(FileId, u32)> {
        let file = self.analysis.file_of(&p.text_document.uri)?;
        Some((file, convert::offset(self.analysis.file(file), p.position)))
    }

    /// Load the workspace again and publish what changed.
    fn reload(&mut self) {
        self.analysis = Analysis::load(self.root.as_deref(), &self.open);
        let (by_file, loose) = diagnostics::by_file(&self.analysis);
        for line in loose {
            self.log(&line);
        }
        let mut gone: Vec<Url> = self
            .published
            .keys()
            .filter(|u| !by_file.contains_key(*u))
            .cloned()
            .collect();
        gone.sort();
        for uri in gone {
            self.published.remove(&uri);
            self.publish(uri, Vec::new());
        }
        for (uri, diags) in by_file {
            let unchanged = self
                .published
                .get(&uri)
                .map_or(diags.is_empty(), |old| *old == diags);
            if !unchanged {
                self.published.insert(uri.clone(), diags.clone());
                self.publish(uri, diags);
            }
        }
    }

    fn publish(&mut self, uri: Url, diagnostics: Vec<Diagnostic>) {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
        self.outbox.push(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
    }

    fn log(&mut self, message: &str) {
        self.outbox.push(Message::Notification(Notification::new(
            "window/logMessage".into(),
            LogMessageParams {
                typ: MessageType::WARNING,
                message: message.to_string(),
            },
        )));
    }
}

/// Apply one change from the editor to a buffer (a whole text, or a range replaced).
fn apply(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(r) => {
            let start = convert::offset_in(text, r.start);
            let end = convert::offset_in(text, r.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into()]),
            ..CompletionOptions::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}
