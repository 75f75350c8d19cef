//! JSON laid out exactly as `serde_json`'s pretty printer lays it out (two spaces per
//! level), with each line break and its indentation written at once: `run --format json`
//! on a million statements writes thirty megabytes, and the stock printer writes the
//! indentation two bytes at a time.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// Deeper than this, the indentation is written in pieces (no document of ours is).
const DEEPEST: usize = 32;

/// `",\n"` and then enough spaces for [`DEEPEST`] levels.
const BREAKS: [u8; 2 + 2 * DEEPEST] = {
    let mut b = [b' '; 2 + 2 * DEEPEST];
    b[0] = b',';
    b[1] = b'\n';
    b
};

/// A pretty printer's state: the nesting level, and whether the innermost array or
/// object has a value yet.
#[derive(Default)]
pub struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`), then the current indentation.
    fn line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        if self.level <= DEEPEST {
            return w.write_all(&BREAKS[from..2 + 2 * self.level]);
        }
        w.write_all(&BREAKS[from..2])?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, false)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `doc` as pretty JSON into `w`, laid out as if `level` arrays or objects deep in a
/// larger document (its first line is not indented: the caller writes that break).
pub fn write_nested<W: Write>(
    w: W,
    level: usize,
    doc: &impl serde::Serialize,
) -> serde_json::Result<()> {
    let pretty = Pretty {
        level,
        has_value: false,
    };
    doc.serialize(&mut serde_json::Serializer::with_formatter(w, pretty))
}

/// `doc` as pretty JSON into `w`.
pub fn write<W: Write>(w: W, doc: &impl serde::Serialize) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, Pretty::default());
    doc.serialize(&mut ser)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// Byte for byte what `serde_json::to_string_pretty` writes, nesting deeper than the
    /// single-write indentation included.
    #[test]
    fn same_bytes_as_the_stock_pretty_printer() {
        let mut deep = json!({"leaf": [1, {"x": null}], "empty": [], "none": {}});
        for i in 0..40 {
            deep = json!({ "level": i, "inner": [deep, "s\"q", 1.5, true, []] });
        }
        for doc in [
            json!(null),
            json!([]),
            json!({}),
            json!([[]]),
            json!({"a": {}}),
            deep,
        ] {
            let mut ours = Vec::new();
            super::write(&mut ours, &doc).expect("written");
            let stock = serde_json::to_string_pretty(&doc).expect("written");
            assert_eq!(String::from_utf8(ours).expect("UTF-8"), stock);
        }
    }
}
