//! Splitting a rule file into the segments the grammar parses one at a time.
//!
//! A segment is one line, or the part of a line up to and including a `{`, or a lone `}`,
//! found outside strings, citation brackets and comments. Parsing segment by segment keeps
//! memory flat on huge files and lets every bad line get its own diagnostic.

/// A byte range of the source that the grammar's `line` rule parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Byte offset of the segment's first byte in the whole text.
    pub start: usize,
    /// Byte offset just past the segment's last byte (never a line break).
    pub end: usize,
    /// Index of the segment within its physical line (0 for the first).
    pub part: u32,
}

/// Iterate the segments of `text` in order. Empty and comment-only lines yield segments too
/// (the formatter needs them); the parser skips them cheaply.
pub fn segments(text: &str) -> Segments<'_> {
    segments_in(text, 0, text.len())
}

/// The segments of `text[start..end]`, where `start` is a line start; offsets stay
/// relative to the whole text.
pub fn segments_in(text: &str, start: usize, end: usize) -> Segments<'_> {
    let bom = start == 0 && text.starts_with('\u{FEFF}');
    Segments {
        bytes: &text.as_bytes()[..end.min(text.len())],
        pos: if bom { 3 } else { start },
        part: 0,
    }
}

/// Iterator over the [`Segment`]s of a text; see [`segments`].
pub struct Segments<'a> {
    bytes: &'a [u8],
    pos: usize,
    part: u32,
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        loop {
            let bytes = self.bytes;
            if self.pos > bytes.len() || (self.pos == bytes.len() && self.part == 0) {
                return None;
            }
            let start = self.pos;
            let mut i = start;
            // A `}` is a segment of its own.
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'}' {
                return Some(self.cut(start, i + 1, i + 1));
            }
            // Most lines hold no brace and no backslash: then the line is the segment,
            // whatever strings, brackets or comments it has, since only a brace cuts a line
            // and only a backslash lets a string run on to the next. (Only at a line's
            // start: looking ahead from every part of a line would be quadratic.)
            if self.part == 0 {
                let end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                if memchr::memchr3(b'{', b'}', b'\\', &bytes[i..end]).is_none() {
                    self.pos = end + 1;
                    return Some(Segment {
                        start,
                        end,
                        part: 0,
                    });
                }
            }
            let mut in_string = false;
            let mut in_brackets = false;
            while i < bytes.len() {
                let b = bytes[i];
                if in_string {
                    match b {
                        b'\\' => i += 1,
                        b'"' => in_string = false,
                        b'\n' => break,
                        _ => {}
                    }
                } else {
                    match b {
                        b'\n' => break,
                        b'"' => in_string = true,
                        b'[' => in_brackets = true,
                        b']' => in_brackets = false,
                        b'#' if !in_brackets => {
                            // A comment runs to the end of the line.
                            while i < bytes.len() && bytes[i] != b'\n' {
                                i += 1;
                            }
                            break;
                        }
                        b'{' if !in_brackets => return Some(self.cut(start, i + 1, i + 1)),
                        b'}' if !in_brackets => return Some(self.cut(start, i, i)),
                        _ => {}
                    }
                }
                i += 1;
            }
            // End of line (or of text): the next segment starts on the next line.
            let end = i.min(bytes.len());
            let part = std::mem::take(&mut self.part);
            self.pos = end + 1;
            // What follows the last brace of a line is only a segment if it holds something.
            if part > 0 && bytes[start..end].iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(Segment { start, end, part });
        }
    }
}

impl Segments<'_> {
    /// A segment that ends mid-line; the next one continues on the same line.
    fn cut(&mut self, start: usize, end: usize, next: usize) -> Segment {
        let seg = Segment {
            start,
            end,
            part: self.part,
        };
        self.part += 1;
        self.pos = next;
        seg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        segments(s).map(|g| &s[g.start..g.end]).collect()
    }

    #[test]
    fn splits_lines_and_braces() {
        assert_eq!(
            texts("a b c\ncontext m { x y z }\n}\n"),
            vec!["a b c", "context m {", " x y z ", "}", "}"]
        );
    }

    #[test]
    fn braces_in_strings_comments_and_citations_stay() {
        assert_eq!(
            texts("a b \"{\" [x{y] # }\nz"),
            vec!["a b \"{\" [x{y] # }", "z"]
        );
    }

    #[test]
    fn strings_stay_on_their_line_unless_a_backslash_escapes_its_end() {
        assert_eq!(
            texts("\"p(HGNC:A)\" activates \"p(HGNC:B)\" [x] # c\nz"),
            vec!["\"p(HGNC:A)\" activates \"p(HGNC:B)\" [x] # c", "z"]
        );
        assert_eq!(texts("\"a\\\nb\" c\nz"), vec!["\"a\\\nb\" c", "z"]);
        assert_eq!(texts("\"a{\" c\nz"), vec!["\"a{\" c", "z"]);
    }

    #[test]
    fn no_trailing_newline() {
        assert_eq!(texts("a\nb"), vec!["a", "b"]);
        assert_eq!(texts(""), Vec::<&str>::new());
    }
}
