//! Splitting a rule file into the segments the grammar parses one at a time.
//!
//! A segment is one line, or the part of a line up to and including a `{`, or a lone `}`,
//! found outside strings, citation brackets and comments. Parsing segment by segment keeps
//! memory flat on huge files and lets every bad line get its own diagnostic.

use super::lexicon::is_blank;
use super::swar::find_any;

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
                let stop = find_any(bytes, i, bytes.len(), [b'\n', b'{', b'}', b'\\']);
                if bytes.get(stop).is_none_or(|&b| b == b'\n') {
                    self.pos = stop + 1;
                    return Some(Segment {
                        start,
                        end: stop,
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
            // Blank as the grammar's whitespace is: any other byte is the parser's to report.
            if part > 0 && bytes[start..end].iter().all(|&b| is_blank(b)) {
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

/// The segments of `text[start..end]`, as [`segments_in`] gives them, each with whether
/// it is clean: a whole line without a brace, a backslash or a carriage return (other than
/// one just before its line break). Most lines of a network are; each is found by one
/// word-at-a-time search. From the first line that is not, the rest come from
/// [`Segments`] itself, unmarked.
pub fn clean_lines_in(text: &str, start: usize, end: usize) -> CleanLines<'_> {
    let segments = segments_in(text, start, end);
    // The byte-order mark is the segments' to skip.
    let bom = segments.pos != start;
    CleanLines {
        bytes: segments.bytes,
        pos: start,
        slow: bom.then_some(segments),
    }
}

/// Iterator over the segments of a text and whether each is clean; see [`clean_lines_in`].
pub struct CleanLines<'a> {
    bytes: &'a [u8],
    pos: usize,
    slow: Option<Segments<'a>>,
}

impl Iterator for CleanLines<'_> {
    type Item = (Segment, bool);

    fn next(&mut self) -> Option<(Segment, bool)> {
        if let Some(slow) = &mut self.slow {
            return slow.next().map(|seg| (seg, false));
        }
        let (bytes, start) = (self.bytes, self.pos);
        if start >= bytes.len() {
            return None;
        }
        let stop = find_any(bytes, start, bytes.len(), [b'\n', b'{', b'}', b'\\', b'\r']);
        let crlf = bytes.get(stop) == Some(&b'\r') && bytes.get(stop + 1) == Some(&b'\n');
        let end = stop + usize::from(crlf);
        if bytes.get(end).is_none_or(|&b| b == b'\n') {
            self.pos = end + 1;
            return Some((
                Segment {
                    start,
                    end,
                    part: 0,
                },
                true,
            ));
        }
        self.slow = Some(Segments {
            bytes,
            pos: start,
            part: 0,
        });
        self.next()
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

    /// After a brace only the grammar's blanks are nothing: a form feed (or any other
    /// space) is a segment of its own, for the parser to report.
    #[test]
    fn only_the_grammars_blanks_after_a_brace_are_nothing() {
        assert_eq!(texts("context m { \t\r\nx\n"), vec!["context m {", "x"]);
        assert_eq!(
            texts("context m {\u{c}\nx\n"),
            vec!["context m {", "\u{c}", "x"]
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

    proptest::proptest! {
        /// The clean lines are the segments, from the start or from any line start, and
        /// a clean one holds no brace, no backslash and no carriage return but a CRLF's.
        #[test]
        fn clean_lines_are_the_segments(
            text in proptest::string::string_regex("(\u{FEFF})?([a {}#\\\\\r\n\t\"\\[\\]]){0,60}").unwrap(),
            from in 0usize..60,
        ) {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let start = starts[from % starts.len()];
            let clean: Vec<(Segment, bool)> = clean_lines_in(&text, start, text.len()).collect();
            let plain: Vec<Segment> = clean.iter().map(|&(seg, _)| seg).collect();
            proptest::prop_assert_eq!(plain, segments_in(&text, start, text.len()).collect::<Vec<_>>());
            for (seg, is_clean) in clean {
                let line = &text.as_bytes()[seg.start..seg.end];
                let body = line.strip_suffix(b"\r").unwrap_or(line);
                if is_clean {
                    proptest::prop_assert!(!body.iter().any(|b| b"{}\\\r".contains(b)), "{:?}", line);
                }
            }
        }
    }

    /// A file of plain lines, CRLF or not, is clean throughout.
    #[test]
    fn plain_lines_are_clean() {
        for text in ["a b c\nd e f\n", "a b c\r\nd e f\r\n", "a b c\nd e f"] {
            assert!(
                clean_lines_in(text, 0, text.len()).all(|(_, clean)| clean),
                "{text:?}"
            );
        }
    }

    #[test]
    fn no_trailing_newline() {
        assert_eq!(texts("a\nb"), vec!["a", "b"]);
        assert_eq!(texts(""), Vec::<&str>::new());
    }
}
