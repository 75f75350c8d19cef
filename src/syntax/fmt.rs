//! `marrow fmt`: the one canonical layout of a rule file.
//!
//! The formatter reads a file segment by segment, exactly as the parser does, and prints each
//! segment's AST back in canonical form: single spaces between tokens, modifiers in a fixed
//! order, blocks indented, one item per line. Comments are not in the AST, so they are taken
//! from the text around each item. Because every line is rebuilt from its AST, the output
//! does not depend on the input's spacing, which makes formatting idempotent; and because
//! only whitespace, line breaks and modifier order change, the meaning is unchanged.
//!
//! Alignment is a second pass over the laid-out lines: within a paragraph (consecutive
//! lines of one kind at one depth) the modifiers, citations and `=> head` of rules start at a
//! common column, and trailing comments are aligned across consecutive item lines.

use super::ast::*;
use super::blocks::{item_span, parse_file};
use super::parse::SegmentParser;
use super::segments::segments;
use crate::diagnostics::{Code, Diag};
use crate::program::State;
use crate::source::{FileId, Span};

/// Lines wider than this (laid out with single spaces) do not take part in alignment, so
/// one very long statement cannot push a whole paragraph far to the right.
pub const ALIGN_LIMIT: usize = 100;
/// Spaces per block level.
const INDENT: usize = 2;
/// At least this many spaces before a trailing comment, so it stands apart from the item.
const COMMENT_GAP: usize = 2;

/// Format a rule file. Pure: no IO.
///
/// Returns the diagnostics (spans in file `FileId(0)`) when the file does not parse, so a
/// file is never rewritten from a partial understanding of it.
pub fn format_source(text: &str) -> Result<String, Vec<Diag>> {
    let file = FileId(0);
    let mut diags = Vec::new();
    parse_file(file, text, &mut diags, |_: Item<'_>, _: &[Name<'_>]| {});
    if diags.iter().any(Diag::is_error) {
        diags.sort_by_key(Diag::sort_key);
        return Err(diags);
    }
    let mut out = Lines::default();
    let mut depth = 0usize;
    for seg in segments(text) {
        let src = &text[seg.start..seg.end];
        let line = SegmentParser::line(file, text, seg.start, seg.end).map_err(|d| vec![d])?;
        let Some(span) = line_span(&line) else {
            // Blank, comment-only, or the whitespace between braces on one line.
            let rest = trim_blank(src);
            if rest.is_empty() {
                if seg.part == 0 {
                    out.blank();
                }
            } else if rest.starts_with('#') {
                out.comment(depth, comment_text(rest), seg.part > 0);
            } else {
                return Err(vec![internal(Span::new(file, seg.start, seg.end))]);
            }
            continue;
        };
        // Found by scanning, not from `span.end`: pest stretches the span of an item ending in
        // an optional part (`when X` without a state) over the comment it skipped after it.
        let comment = comment_start(src).map(|at| comment_text(&src[at..]));
        if matches!(line, Line::Close(_)) {
            depth = depth.saturating_sub(1);
        }
        let Some(mut item) = render(&line, depth) else {
            return Err(vec![internal(span)]);
        };
        item.comment = comment;
        if item.kind == Kind::Open {
            depth += 1;
        }
        out.item(item);
    }
    Ok(out.finish())
}

/// Never expected: the parser accepted a line whose text the formatter cannot account for.
/// Refusing is safer than guessing.
fn internal(span: Span) -> Diag {
    Diag::error(
        Code::FmtInternal,
        "the formatter does not understand this line",
    )
    .at(span, "left as is")
    .help("the file was not changed; please report this line")
}

/// Byte offset of the comment in one line of rule text: the first `#` outside strings and
/// citation brackets, as the grammar reads it (inside brackets a `"` is plain text).
pub fn comment_start(line: &str) -> Option<usize> {
    let (mut in_string, mut in_brackets, mut escaped) = (false, false, false);
    for (i, c) in line.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if in_brackets {
            in_brackets = c != ']';
        } else {
            match c {
                '"' => in_string = true,
                '[' => in_brackets = true,
                '#' => return Some(i),
                _ => {}
            }
        }
    }
    None
}

/// Whitespace as the grammar sees it (a stray BOM included).
fn trim_blank(s: &str) -> &str {
    s.trim_matches(|c: char| matches!(c, ' ' | '\t' | '\r' | '\u{FEFF}'))
}

/// A comment as kept: trailing blanks dropped, a stray carriage return made a space.
fn comment_text(s: &str) -> String {
    trim_blank(s).replace('\r', " ")
}

fn line_span(line: &Line<'_>) -> Option<Span> {
    Some(match line {
        Line::Empty => return None,
        Line::Item(item) => item_span(item),
        Line::ScenarioItem(si) => si.span(),
        Line::ContextOpen(_, span)
        | Line::ScenarioOpen { span, .. }
        | Line::Close(span)
        | Line::Query(_, span) => *span,
    })
}

// ---------------------------------------------------------------- output lines

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Statements and conjunctions: `[core, modifiers]`, tail = citation blocks.
    Statement,
    /// Variable rules: `[rule NAME:, atom, atom…]`, tail = `=> head`.
    Rule,
    Other,
    Open,
    Close,
}

#[derive(Debug)]
pub(crate) struct ItemLine {
    depth: usize,
    kind: Kind,
    /// Columns aligned within a paragraph; empty cells are skipped.
    cells: Vec<String>,
    /// Aligned after all cells.
    tail: Option<String>,
    comment: Option<String>,
    /// The laid-out line without indentation and comment.
    text: String,
    /// Column (after indentation) where the comment starts, when aligned.
    comment_col: Option<usize>,
}

impl ItemLine {
    fn new(depth: usize, kind: Kind, cells: Vec<String>, tail: Option<String>) -> Self {
        ItemLine {
            depth,
            kind,
            cells,
            tail,
            comment: None,
            text: String::new(),
            comment_col: None,
        }
    }

    fn single(depth: usize, kind: Kind, text: String) -> Self {
        ItemLine::new(depth, kind, vec![text], None)
    }

    /// The parts that are printed, in order.
    fn parts(&self) -> impl Iterator<Item = &str> {
        self.cells
            .iter()
            .map(String::as_str)
            .chain(self.tail.as_deref())
            .filter(|s| !s.is_empty())
    }
}

#[derive(Debug)]
enum Out {
    Blank,
    Comment { depth: usize, text: String },
    Item(ItemLine),
}

#[derive(Default)]
pub(crate) struct Lines {
    lines: Vec<Out>,
    /// A blank line was seen since the last printed line; printed only if something
    /// other than a block end follows, so blank runs collapse and blocks stay tight.
    pending_blank: bool,
}

impl Lines {
    pub(crate) fn blank(&mut self) {
        self.pending_blank = !self.lines.is_empty();
    }

    pub(crate) fn comment(&mut self, depth: usize, text: String, trailing: bool) {
        if trailing
            && let Some(Out::Item(item)) = self.lines.last_mut()
            && item.comment.is_none()
        {
            item.comment = Some(text);
            return;
        }
        self.push(Out::Comment { depth, text });
    }

    pub(crate) fn item(&mut self, item: ItemLine) {
        if item.kind == Kind::Close {
            self.pending_blank = false;
        }
        self.push(Out::Item(item));
    }

    fn push(&mut self, line: Out) {
        let after_open = matches!(self.lines.last(), Some(Out::Item(i)) if i.kind == Kind::Open);
        if std::mem::take(&mut self.pending_blank) && !after_open {
            self.lines.push(Out::Blank);
        }
        self.lines.push(line);
    }

    pub(crate) fn finish(mut self) -> String {
        lay_out(&mut self.lines);
        let mut s = String::new();
        for line in &self.lines {
            match line {
                Out::Blank => {}
                Out::Comment { depth, text } => {
                    indent(&mut s, *depth);
                    s.push_str(text);
                }
                Out::Item(item) => {
                    indent(&mut s, item.depth);
                    s.push_str(&item.text);
                    if let Some(c) = &item.comment {
                        let width = width(&item.text);
                        let col = item.comment_col.unwrap_or(0).max(width + COMMENT_GAP);
                        pad(&mut s, col - width);
                        s.push_str(c);
                    }
                }
            }
            s.push('\n');
        }
        s
    }
}

fn indent(s: &mut String, depth: usize) {
    pad(s, depth * INDENT);
}

fn pad(s: &mut String, n: usize) {
    s.extend(std::iter::repeat_n(' ', n));
}

/// Display width in columns; characters, which is right for the scripts names use.
fn width(s: &str) -> usize {
    s.chars().count()
}

// ---------------------------------------------------------------- alignment

fn lay_out(lines: &mut [Out]) {
    for line in lines.iter_mut() {
        if let Out::Item(item) = line {
            item.text = item.parts().collect::<Vec<_>>().join(" ");
        }
    }
    // Paragraphs of statements or rules: align their columns.
    for run in runs(lines, |a, b| {
        matches!(a.kind, Kind::Statement | Kind::Rule) && a.kind == b.kind && a.depth == b.depth
    }) {
        align_cells(run);
    }
    // Consecutive item lines at one depth: align their trailing comments.
    for run in runs(lines, |a, b| {
        !matches!(a.kind, Kind::Open | Kind::Close)
            && !matches!(b.kind, Kind::Open | Kind::Close)
            && a.depth == b.depth
    }) {
        align_comments(run);
    }
}

/// Maximal runs of consecutive item lines in which each neighbour pair is `joined`;
/// a single line forms a run when it is joined with itself.
fn runs(
    lines: &mut [Out],
    joined: impl Fn(&ItemLine, &ItemLine) -> bool,
) -> Vec<Vec<&mut ItemLine>> {
    let mut out: Vec<Vec<&mut ItemLine>> = Vec::new();
    let mut current: Vec<&mut ItemLine> = Vec::new();
    for line in lines.iter_mut() {
        let Out::Item(item) = line else {
            out.push(std::mem::take(&mut current));
            continue;
        };
        let continues = current.last().is_some_and(|last| joined(last, item));
        if !continues {
            out.push(std::mem::take(&mut current));
        }
        if joined(item, item) {
            current.push(item);
        }
    }
    out.push(current);
    out.retain(|r| r.len() > 1);
    out
}

/// Lay out a paragraph so each cell column (and the tail) starts at one column: the
/// smallest that leaves a space after every line's content before it.
fn align_cells(mut run: Vec<&mut ItemLine>) {
    run.retain(|l| l.depth * INDENT + width(&l.text) <= ALIGN_LIMIT);
    let columns = run.iter().map(|l| l.cells.len()).max().unwrap_or(0);
    let mut texts: Vec<String> = run
        .iter()
        .map(|l| l.cells.first().cloned().unwrap_or_default())
        .collect();
    let place = |texts: &mut Vec<String>, cell: &dyn Fn(&ItemLine) -> Option<&str>| {
        let col = run
            .iter()
            .zip(texts.iter())
            .filter(|(l, _)| cell(l).is_some_and(|c| !c.is_empty()))
            .map(|(_, t)| width(t) + 1)
            .max();
        let Some(col) = col else { return };
        for (l, t) in run.iter().zip(texts.iter_mut()) {
            if let Some(c) = cell(l).filter(|c| !c.is_empty()) {
                let w = width(t);
                pad(t, col - w);
                t.push_str(c);
            }
        }
    };
    for c in 1..columns {
        place(&mut texts, &|l| l.cells.get(c).map(String::as_str));
    }
    place(&mut texts, &|l| l.tail.as_deref());
    for (l, t) in run.iter_mut().zip(texts) {
        l.text = t;
    }
}

fn align_comments(run: Vec<&mut ItemLine>) {
    let fits = |l: &ItemLine| l.depth * INDENT + width(&l.text) <= ALIGN_LIMIT;
    let col = run
        .iter()
        .filter(|l| l.comment.is_some() && fits(l))
        .map(|l| width(&l.text) + COMMENT_GAP)
        .max();
    for l in run {
        if fits(l) {
            l.comment_col = col;
        }
    }
}

// ---------------------------------------------------------------- rendering

/// One segment's line in canonical form; `None` for what cannot stand on a line alone.
fn render(line: &Line<'_>, depth: usize) -> Option<ItemLine> {
    Some(match line {
        Line::Empty => return None,
        Line::Item(item) => render_item(item, depth)?,
        Line::ScenarioItem(si) => ItemLine::single(depth, Kind::Other, scenario_item(si)),
        Line::ContextOpen(n, _) => {
            ItemLine::single(depth, Kind::Open, format!("context {} {{", name(n)))
        }
        Line::ScenarioOpen { name: n, title, .. } => {
            let mut s = format!("scenario {}", name(n));
            if let Some(t) = title {
                s.push(' ');
                s.push_str(&quote(t));
            }
            s.push_str(" {");
            ItemLine::single(depth, Kind::Open, s)
        }
        Line::Close(_) => ItemLine::single(depth, Kind::Close, "}".to_string()),
        Line::Query(q, _) => ItemLine::single(depth, Kind::Other, query(q)),
    })
}

pub(crate) fn render_item(item: &Item<'_>, depth: usize) -> Option<ItemLine> {
    Some(match item {
        Item::Statement(s) => {
            let verb = match &s.verb {
                Verb::Word(w) => name(w),
                Verb::NoEffect(_) => "does not affect".to_string(),
            };
            let core = format!("{} {} {}", name(&s.subject), verb, names(&s.objects));
            let (mods, cites) = modifiers(&s.modifiers);
            ItemLine::new(depth, Kind::Statement, vec![core, mods], cites)
        }
        Item::Conjunction(c) => {
            let premises: Vec<String> = c.premises.iter().map(condition).collect();
            let core = format!(
                "when {} then {}",
                premises.join(" and "),
                condition(&c.head)
            );
            let (mods, cites) = modifiers(&c.modifiers);
            ItemLine::new(depth, Kind::Statement, vec![core, mods], cites)
        }
        Item::Rule(r) => {
            let mut head = format!("rule {}", name(&r.name));
            if let Some((conf, _)) = &r.confidence {
                head.push_str(" confidence ");
                head.push_str(confidence(conf));
            }
            if r.disputed.is_some() {
                head.push_str(" disputed");
            }
            head.push(':');
            let mut cells = vec![head];
            let n = r.body.len();
            for (i, a) in r.body.iter().enumerate() {
                let mut s = atom(a);
                if i + 1 < n {
                    s.push(',');
                }
                cells.push(s);
            }
            ItemLine::new(
                depth,
                Kind::Rule,
                cells,
                Some(format!("=> {}", atom(&r.head))),
            )
        }
        Item::Entity(e) => {
            let mut s = format!("entity {}", name(&e.name));
            if let Some(k) = &e.kind {
                s.push_str(" : ");
                s.push_str(&name(k));
            }
            if !e.aliases.is_empty() {
                s.push_str(" aka ");
                s.push_str(&names(&e.aliases));
            }
            ItemLine::single(depth, Kind::Other, s)
        }
        Item::Outcome(list, _) => {
            ItemLine::single(depth, Kind::Other, format!("outcome {}", names(list)))
        }
        Item::Verb { word, relation, .. } => ItemLine::single(
            depth,
            Kind::Other,
            format!("verb {} = {}", name(word), name(relation)),
        ),
        Item::Include { path, .. } => {
            ItemLine::single(depth, Kind::Other, format!("include {}", quote(path)))
        }
        // Assembled from several lines by `parse_file`; a single segment never holds one.
        Item::Scenario(_) => return None,
    })
}

/// The modifier cell (`in`, `when`, `confidence`, `disputed`, in that order) and the citation blocks.
/// The sort is stable, so repeated modifiers of one kind keep their order.
fn modifiers(mods: &[Modifier<'_>]) -> (String, Option<String>) {
    let rank = |m: &Modifier<'_>| match m {
        Modifier::In(_) => 0,
        Modifier::When(_) => 1,
        Modifier::Confidence(..) => 2,
        Modifier::Disputed(_) => 3,
        Modifier::Citations(..) => 4,
    };
    let mut sorted: Vec<&Modifier<'_>> = mods.iter().collect();
    sorted.sort_by_key(|m| rank(m));
    let mut words = Vec::new();
    let mut cites = Vec::new();
    for m in sorted {
        match m {
            Modifier::In(n) => words.push(format!("in {}", name(n))),
            Modifier::When(c) => words.push(format!("when {}", condition(c))),
            Modifier::Confidence(c, _) => words.push(format!("confidence {}", confidence(c))),
            Modifier::Disputed(_) => words.push("disputed".to_string()),
            Modifier::Citations(list, _) => cites.push(citations(list)),
        }
    }
    let cites = (!cites.is_empty()).then(|| cites.join(" "));
    (words.join(" "), cites)
}

/// `[A et al., 2018; B et al., 2020]`: each citation's text as written, `; ` between.
fn citations(list: &[Citation<'_>]) -> String {
    let mut s = String::from("[");
    for (i, c) in list.iter().enumerate() {
        if i > 0 {
            s.push(';');
            if !c.text.is_empty() {
                s.push(' ');
            }
        }
        s.push_str(c.text);
    }
    s.push(']');
    s
}

fn scenario_item(si: &ScenarioItem<'_>) -> String {
    match si {
        ScenarioItem::Given(conds, _) => {
            let conds: Vec<String> = conds.iter().map(condition).collect();
            format!("given {}", conds.join(", "))
        }
        ScenarioItem::Knockout(list, _) => format!("knockout {}", names(list)),
        ScenarioItem::Overexpress(list, _) => format!("overexpress {}", names(list)),
        ScenarioItem::Context(list, _) => format!("context {}", names(list)),
        ScenarioItem::WithDisputed(_) => "with disputed".to_string(),
        ScenarioItem::Expect(ExpectAst::Net { entity, net, via }, _) => {
            let mut s = format!("expect {} {}", name(entity), net);
            if let Some(v) = via {
                s.push_str(" via ");
                s.push_str(&name(v));
            }
            s
        }
        ScenarioItem::Expect(ExpectAst::Not { entity, state }, _) => {
            format!("expect not {} {}", name(entity), state.as_str())
        }
        ScenarioItem::Expect(
            ExpectAst::Leans {
                entity,
                state,
                conflicting,
            },
            _,
        ) => format!(
            "expect {} {} {}",
            name(entity),
            if *conflicting {
                "conflicting leaning"
            } else {
                "leans"
            },
            state.as_str()
        ),
        ScenarioItem::Decisive(r, _) => format!("decisive {r}"),
        ScenarioItem::MaxSteps(n, _) => format!("max steps {n}"),
    }
}

fn query(q: &Query<'_>) -> String {
    match q {
        Query::Why {
            negated,
            entity,
            state,
        } => format!(
            "why {}{} {}",
            if *negated { "not " } else { "" },
            name(entity),
            state.as_str()
        ),
        Query::Effect {
            source,
            state,
            target,
        } => match state {
            State::Up => format!("effect of {} on {}", name(source), name(target)),
            State::Down => format!("effect of {} down on {}", name(source), name(target)),
        },
        Query::Path { source, target } => format!("path from {} to {}", name(source), name(target)),
    }
}

fn condition(c: &ConditionAst<'_>) -> String {
    match c.state {
        Some(state) => format!("{} {}", name(&c.entity), state.as_str()),
        None => name(&c.entity),
    }
}

fn confidence<'a>(c: &ConfidenceAst<'a>) -> &'a str {
    c.text()
}

fn atom(a: &AtomAst<'_>) -> String {
    match a {
        AtomAst::State(t, state, _) => format!("{} {}", term(t), state.as_str()),
        AtomAst::Relation(x, verb, y, _) => format!("{} {} {}", term(x), name(verb), term(y)),
    }
}

fn term(t: &TermAst<'_>) -> String {
    match t {
        TermAst::Var(v, _) => format!("?{v}"),
        TermAst::Name(n) => name(n),
    }
}

fn names(list: &[Name<'_>]) -> String {
    list.iter().map(name).collect::<Vec<_>>().join(", ")
}

/// A name as the user wrote it: quoted names stay quoted (the quotes are always legal),
/// bare names stay bare (they parsed bare, so they are valid bare names).
fn name(n: &Name<'_>) -> String {
    if n.quoted {
        quote(&n.text)
    } else {
        n.text.to_string()
    }
}

/// A string literal: `"` and `\` escaped, the only escapes the grammar knows.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        match format_source(s) {
            Ok(s) => s,
            Err(d) => panic!("{d:?}"),
        }
    }

    #[test]
    fn prelude_is_formatted() {
        let prelude = crate::program::PRELUDE;
        assert_eq!(fmt(prelude), prelude);
    }

    #[test]
    fn one_line_blocks_expand() {
        assert_eq!(
            fmt("context m { A  inhibits B in x [a ;b] }  # c\n"),
            "context m {\n  A inhibits B in x [a; b]\n}  # c\n"
        );
    }

    #[test]
    fn aligns_modifiers_and_citations() {
        let src = "a inhibits b confidence high [X]\nlonger-name promotes c [Y]\nd activates e when f [Z]\n";
        assert_eq!(
            fmt(src),
            "a inhibits b  confidence high [X]\n\
             longer-name promotes c        [Y]\n\
             d activates e when f          [Z]\n"
        );
    }

    #[test]
    fn blank_lines_and_newlines() {
        assert_eq!(
            fmt("\u{FEFF}\r\n\r\na b c\r\n\r\n\r\n\r\nd e f  \r\n\r\n"),
            "a b c\n\nd e f\n"
        );
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("  \n\n"), "");
    }

    #[test]
    fn syntax_errors_refuse() {
        assert!(format_source("a b\ncontext {\n").is_err());
        assert!(format_source("context m {\n").is_err());
    }
}
