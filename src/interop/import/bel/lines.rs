//! A BEL document as logical lines: a string may run over line breaks and a `\` continues
//! a line, so one statement or annotation can span several physical lines.

/// A logical line: byte range, and whether a string was left open.
pub(super) struct Logical {
    pub start: usize,
    pub end: usize,
    pub unterminated: bool,
}

/// Cut a document into logical lines, skipping blank and comment lines. A string runs on
/// over line breaks, but not into a line that starts like a BEL line (`SET `, `UNSET `,
/// `DEFINE `): a string left open by mistake costs one line, not the rest of the file.
pub(super) fn logical_lines(text: &str) -> Vec<Logical> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut i = 0;
    let eol = |from: usize| memchr::memchr(b'\n', &b[from..]).map_or(n, |p| from + p);
    while i < n {
        let mut j = i;
        while j < n && matches!(b[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if text[j..].starts_with('\u{FEFF}') {
            j += 3;
        }
        if j >= n {
            break;
        }
        if b[j] == b'\n' {
            i = j + 1;
            continue;
        }
        if b[j] == b'#' {
            i = eol(j) + 1;
            continue;
        }
        let start = j;
        let mut k = j;
        let mut in_string = false;
        let mut unterminated = false;
        let end = loop {
            if k >= n {
                unterminated = in_string;
                break n;
            }
            let c = b[k];
            if in_string {
                match c {
                    b'\\' => {
                        k += 2;
                        continue;
                    }
                    b'"' => in_string = false,
                    b'\n' if starts_bel_line(&text[k + 1..]) => {
                        unterminated = true;
                        break k;
                    }
                    _ => {}
                }
            } else {
                match c {
                    b'"' => in_string = true,
                    b'#' => {
                        k = eol(k);
                        continue;
                    }
                    b'\n' => {
                        let before = text[start..k].trim_end_matches('\r');
                        if !before.ends_with('\\') {
                            break k;
                        }
                    }
                    _ => {}
                }
            }
            k += 1;
        };
        let trimmed = text[start..end].trim_end_matches([' ', '\t', '\r']).len();
        out.push(Logical {
            start,
            end: start + trimmed,
            unterminated,
        });
        i = end + 1;
    }
    out
}

fn starts_bel_line(rest: &str) -> bool {
    ["SET ", "UNSET ", "DEFINE "]
        .iter()
        .any(|p| rest.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_lines_span_strings_and_continuations() {
        let text =
            "SET Evidence = \"a\nb\"\n# c \"\np(A:b) -> \\\n p(A:c)\n\nSET X = \"open\nSET Y = 1\n";
        let lines: Vec<&str> = logical_lines(text)
            .iter()
            .map(|l| &text[l.start..l.end])
            .collect();
        assert_eq!(
            lines,
            [
                "SET Evidence = \"a\nb\"",
                "p(A:b) -> \\\n p(A:c)",
                "SET X = \"open",
                "SET Y = 1"
            ]
        );
    }
}
