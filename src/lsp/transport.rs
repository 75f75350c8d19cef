//! JSON-RPC framing over a byte stream (`Content-Length` headers). Hand-written rather
//! than `lsp-server`'s reader so that a malformed message is answered with an error and
//! the connection stays open.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{Message, RequestId};
use serde_json::Value;

/// Bodies longer than this are skipped and answered with an error.
const MAX_BODY: usize = 256 << 20;
/// Header lines longer than this are not headers.
const MAX_HEADER_LINE: u64 = 8 << 10;

/// JSON-RPC error codes.
pub const PARSE_ERROR: i32 = -32700;
pub const INVALID_REQUEST: i32 = -32600;

/// What arrived on the wire.
pub enum Incoming {
    Message(Message),
    /// Not a message; answer with this error (id unknown when `None`).
    Invalid {
        id: Option<RequestId>,
        code: i32,
        message: String,
    },
    /// The stream ended.
    Eof,
}

/// Read one framed message.
pub fn read(r: &mut dyn BufRead) -> Incoming {
    let mut length: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match r.take(MAX_HEADER_LINE).read_until(b'\n', &mut line) {
            Ok(0) => return Incoming::Eof,
            Ok(_) => {}
            Err(_) => return Incoming::Eof,
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length else {
        return invalid(
            None,
            INVALID_REQUEST,
            "a message without a valid Content-Length",
        );
    };
    if length > MAX_BODY {
        let _ = io::copy(&mut r.take(length as u64), &mut io::sink());
        return invalid(None, INVALID_REQUEST, "message too large");
    }
    let mut body = vec![0; length];
    if r.read_exact(&mut body).is_err() {
        return Incoming::Eof;
    }
    parse(&body)
}

/// A body as a message, or why not.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return invalid(None, PARSE_ERROR, &format!("invalid JSON: {e}")),
    };
    let id = value
        .get("id")
        .and_then(|id| serde_json::from_value::<RequestId>(id.clone()).ok());
    if !value.is_object() || (value.get("method").is_none() && id.is_none()) {
        return invalid(
            id,
            INVALID_REQUEST,
            "not a JSON-RPC request or notification",
        );
    }
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => invalid(id, INVALID_REQUEST, &format!("invalid message: {e}")),
    }
}

fn invalid(id: Option<RequestId>, code: i32, message: &str) -> Incoming {
    Incoming::Invalid {
        id,
        code,
        message: message.to_string(),
    }
}

/// Write one message.
pub fn write(mut w: &mut dyn Write, message: Message) -> io::Result<()> {
    message.write(&mut w)
}

/// An error response whose request id could not be read (`"id": null`).
pub fn write_error_without_id(w: &mut dyn Write, code: i32, message: &str) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": { "code": code, "message": message },
    })
    .to_string();
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}
