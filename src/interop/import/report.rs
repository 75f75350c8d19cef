//! Every input line an importer did not turn into a statement as written: skipped (with a
//! reason) or repaired (with what was changed). Nothing is dropped silently.

use std::fmt::Write;

use indexmap::IndexMap;

/// What happened to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Not imported.
    Skipped,
    /// Imported after a fix, or imported with a value replaced.
    Repaired,
}

impl Action {
    /// The word written in the report: `skipped` or `repaired`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Skipped => "skipped",
            Action::Repaired => "repaired",
        }
    }
}

/// One reported line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line of the input.
    pub line: usize,
    /// 1-based column where the problem is (1 when it concerns the whole line).
    pub column: usize,
    /// Skipped or repaired.
    pub action: Action,
    /// A stable word for the kind of problem (`unsigned`, `structural`, `broken`…),
    /// documented in `docs/interop.md`.
    pub reason: &'static str,
    /// Specific words: the relation, the parser's expectation, what was changed.
    pub detail: String,
    /// The input text (one line, shortened).
    pub text: String,
}

impl Note {
    /// A note without detail or text; add them with [`Note::detail`] and [`Note::text`].
    pub fn new(line: usize, column: usize, action: Action, reason: &'static str) -> Self {
        Note {
            line,
            column,
            action,
            reason,
            detail: String::new(),
            text: String::new(),
        }
    }

    /// With specific words: the relation, the parser's expectation, what was changed.
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }

    /// With the input text, on one line and shortened.
    pub fn text(mut self, text: &str) -> Self {
        self.text = one_line(text, 160);
        self
    }
}

/// Text on one line for a table cell: tabs and line breaks become spaces, runs collapse,
/// and long text is cut with `…`.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (n, word) in text.split_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() > max_chars {
        out = out.chars().take(max_chars - 1).collect();
        out.push('…');
    }
    out.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The `--report` table: a header, then one row per note of every file, in input order.
pub fn report_tsv<'a>(files: impl Iterator<Item = (&'a str, &'a [Note])>) -> String {
    let mut out = String::from("file\tline\tcolumn\taction\treason\tdetail\ttext\n");
    for (file, notes) in files {
        for n in notes {
            let _ = writeln!(
                out,
                "{file}\t{}\t{}\t{}\t{}\t{}\t{}",
                n.line,
                n.column,
                n.action.as_str(),
                n.reason,
                one_line(&n.detail, 200),
                n.text
            );
        }
    }
    out
}

/// Counts per (action, reason), sorted by action then reason.
pub fn counts<'a>(
    notes: impl Iterator<Item = &'a Note>,
) -> IndexMap<(Action, &'static str), usize> {
    let mut map: IndexMap<(Action, &'static str), usize> = IndexMap::new();
    for n in notes {
        *map.entry((n.action, n.reason)).or_default() += 1;
    }
    map.sort_keys();
    map
}
