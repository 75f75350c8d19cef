//! A net effect's element of the run document written straight to bytes, laid out as
//! the pretty printer lays it out two levels deep. Through serde, every key is escaped
//! byte by byte and every value passes through the formatter: ~3,800 instructions an
//! effect, a tenth of `run --format json` on a million statements. Floats, names that
//! need escaping and notes (rare) still go through serde, so the bytes are the same;
//! a test holds the two ways equal.

use std::io::{self, Write};

use super::json::{EffectDoc, SideDoc};
use super::pretty::write_nested;

/// Indentation for up to eight levels, two spaces each.
const INDENT: &[u8; 16] = b"                ";

impl EffectDoc<'_> {
    /// This effect as an element of the `effects` array (level two), from its `{` to its
    /// `}`: what `pretty::write_nested(w, 2, self)` writes.
    pub(super) fn write_element(&self, w: &mut impl Write) -> io::Result<()> {
        w.write_all(b"{\n      \"entity\": ")?;
        string(w, self.entity)?;
        w.write_all(b",\n      \"outcome\": ")?;
        w.write_all(if self.outcome { b"true" } else { b"false" })?;
        w.write_all(b",\n      \"net\": ")?;
        string(w, self.net)?;
        w.write_all(b",\n      \"lean\": ")?;
        optional_string(w, self.lean)?;
        w.write_all(b",\n      \"margin\": ")?;
        match self.margin {
            Some(m) => serde_json::to_writer(&mut *w, &m).map_err(io::Error::other)?,
            None => w.write_all(b"null")?,
        }
        w.write_all(b",\n      \"up\": ")?;
        side(w, self.up.as_ref(), 3)?;
        w.write_all(b",\n      \"down\": ")?;
        side(w, self.down.as_ref(), 3)?;
        w.write_all(b",\n      \"notes\": ")?;
        if self.notes.is_empty() {
            w.write_all(b"[]")?;
        } else {
            write_nested(&mut *w, 3, &self.notes).map_err(io::Error::other)?;
        }
        if let Some(before) = &self.before {
            w.write_all(b",\n      \"before\": {\n        \"net\": ")?;
            string(w, before.net)?;
            w.write_all(b",\n        \"lean\": ")?;
            optional_string(w, before.lean)?;
            w.write_all(b",\n        \"up\": ")?;
            side(w, before.up.as_ref(), 4)?;
            w.write_all(b",\n        \"down\": ")?;
            side(w, before.down.as_ref(), 4)?;
            w.write_all(b"\n      }")?;
        }
        w.write_all(b"\n    }")
    }
}

/// A side's object, its key `level` deep, or `null`.
fn side(w: &mut impl Write, side: Option<&SideDoc>, level: usize) -> io::Result<()> {
    let Some(side) = side else {
        return w.write_all(b"null");
    };
    let inner = &INDENT[..2 * (level + 1)];
    w.write_all(b"{\n")?;
    w.write_all(inner)?;
    w.write_all(b"\"strength\": ")?;
    serde_json::to_writer(&mut *w, &side.strength).map_err(io::Error::other)?;
    w.write_all(b",\n")?;
    w.write_all(inner)?;
    w.write_all(b"\"steps\": ")?;
    serde_json::to_writer(&mut *w, &side.steps).map_err(io::Error::other)?;
    w.write_all(b"\n")?;
    w.write_all(&INDENT[..2 * level])?;
    w.write_all(b"}")
}

fn optional_string(w: &mut impl Write, s: Option<&str>) -> io::Result<()> {
    match s {
        Some(s) => string(w, s),
        None => w.write_all(b"null"),
    }
}

/// A JSON string: as it is when nothing in it needs escaping (JSON escapes only control
/// characters, `"` and `\`), else as serde escapes it.
fn string(w: &mut impl Write, s: &str) -> io::Result<()> {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return serde_json::to_writer(&mut *w, s).map_err(io::Error::other);
    }
    w.write_all(b"\"")?;
    w.write_all(s.as_bytes())?;
    w.write_all(b"\"")
}
