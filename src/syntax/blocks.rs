//! Assembling block structure from parsed segments with an explicit, depth-limited stack.
//!
//! Items are handed to the caller one at a time, with the names of their enclosing
//! `context` blocks, so a huge file is lowered as it is read and never held as a tree.

use super::ahead::Ahead;
use super::ast::*;
use super::parse::SegmentParser;
use super::segments::segments_in;
use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, Span};

/// Deeper nesting than this is certainly a mistake (and would be costly to explain).
pub const MAX_DEPTH: usize = 64;

enum Frame<'a> {
    Context(Span),
    Scenario(ScenarioAst<'a>),
}

/// Where parsed items go. Any `FnMut(Item, &[Name])` is one.
pub trait Sink<'a> {
    /// A top-level item, with the names of its enclosing contexts, outermost first.
    fn item(&mut self, item: Item<'a>, contexts: &[Name<'a>]);

    /// A line parsed a few lines before its turn (see [`super::ahead`]), for a sink that
    /// can prepare for it; by default nothing.
    fn ahead(&mut self, _line: &Line<'a>) {}
}

impl<'a, F: FnMut(Item<'a>, &[Name<'a>])> Sink<'a> for F {
    fn item(&mut self, item: Item<'a>, contexts: &[Name<'a>]) {
        self(item, contexts)
    }
}

/// Parse a whole file: every top-level item goes to `sink` with its enclosing contexts
/// (outermost first); every problem goes to `diags`, and parsing continues after it.
pub fn parse_file<'a>(file: FileId, text: &'a str, diags: &mut Vec<Diag>, sink: impl Sink<'a>) {
    parse_range(file, text, 0, text.len(), diags, sink)
}

/// [`parse_file`] over `text[start..end]`, which must begin at a line start outside any
/// block (see `program::parallel`).
pub fn parse_range<'a>(
    file: FileId,
    text: &'a str,
    start: usize,
    end: usize,
    diags: &mut Vec<Diag>,
    mut sink: impl Sink<'a>,
) {
    let mut stack: Vec<Frame<'a>> = Vec::new();
    let mut contexts: Vec<Name<'a>> = Vec::new();
    // Blocks opened beyond MAX_DEPTH: counted, not kept, so their `}` still balance.
    let mut too_deep = 0usize;
    let mut lines = Ahead::new(
        segments_in(text, start, end)
            .map(|seg| SegmentParser::line(file, text, seg.start, seg.end)),
    );
    while let Some(line) = lines.next_with(|line| {
        if let Ok(line) = line {
            sink.ahead(line);
        }
    }) {
        let line = match line {
            Ok(line) => line,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if too_deep > 0 {
            match line {
                Line::ContextOpen(..) | Line::ScenarioOpen { .. } => too_deep += 1,
                Line::Close(_) => too_deep -= 1,
                _ => {}
            }
            continue;
        }
        let in_scenario = matches!(stack.last(), Some(Frame::Scenario(_)));
        match line {
            Line::Empty => {}
            Line::ContextOpen(name, span) | Line::ScenarioOpen { name, span, .. }
                if stack.len() >= MAX_DEPTH =>
            {
                let _ = name;
                diags.push(
                    Diag::error(
                        Code::ParseTooDeep,
                        format!("blocks nested more than {MAX_DEPTH} deep"),
                    )
                    .at(span, "this block is too deep")
                    .help("flatten the blocks: a statement can name its context with `in CONTEXT`"),
                );
                too_deep = 1;
            }
            Line::ContextOpen(name, span) => {
                if in_scenario {
                    diags.push(misplaced(
                        span,
                        "a context block cannot open inside a scenario",
                        "inside a scenario, select a context with `context NAME` (no braces)",
                    ));
                }
                contexts.push(name);
                stack.push(Frame::Context(span));
            }
            Line::ScenarioOpen { name, title, span } => {
                if name.quoted {
                    diags.push(quoted_scenario_name(&name, title.as_deref()));
                }
                if !stack.is_empty() {
                    diags.push(misplaced(
                        span,
                        "a scenario must be at the top level of a file",
                        "close the enclosing block before `scenario`",
                    ));
                }
                stack.push(Frame::Scenario(ScenarioAst {
                    name,
                    title,
                    items: Vec::new(),
                    span,
                }));
            }
            Line::Close(span) => match stack.pop() {
                None => diags.push(
                    Diag::error(Code::ParseUnbalanced, "unmatched `}`")
                        .at(span, "no block is open here")
                        .help("remove this `}` or open the block it closes"),
                ),
                Some(Frame::Context(..)) => {
                    contexts.pop();
                }
                Some(Frame::Scenario(mut sc)) => {
                    sc.span = sc.span.to(span);
                    sink.item(Item::Scenario(sc), &contexts);
                }
            },
            Line::ScenarioItem(si) => match stack.last_mut() {
                Some(Frame::Scenario(sc)) => sc.items.push(si),
                _ => diags.push(misplaced(
                    si.span(),
                    "this line belongs inside a scenario",
                    "put `given`, `knockout`, `overexpress`, `context`, `with disputed` and `expect` lines inside `scenario NAME { … }`",
                )),
            },
            Line::Query(_, span) => diags.push(misplaced(
                span,
                "a query cannot appear in a rule file",
                "ask it on the command line: marrow ask \"why osteogenesis up\"",
            )),
            Line::Item(item) => {
                if in_scenario {
                    diags.push(misplaced(
                        item_span(&item),
                        "only `given`, `knockout`, `overexpress`, `context`, `with disputed` and `expect` belong in a scenario",
                        "move statements and declarations out of the scenario block",
                    ));
                    continue;
                }
                if !contexts.is_empty() && matches!(item, Item::Include { .. } | Item::Rule(_)) {
                    diags.push(misplaced(
                        item_span(&item),
                        "this line cannot be inside a context block",
                        "includes and variable rules apply to the whole program; move it to the top level",
                    ));
                    continue;
                }
                sink.item(item, &contexts);
            }
        }
    }
    for frame in stack {
        let (span, what) = match frame {
            Frame::Context(span) => (span, "context"),
            Frame::Scenario(sc) => (sc.span, "scenario"),
        };
        diags.push(
            Diag::error(
                Code::ParseUnbalanced,
                format!("this {what} block is never closed"),
            )
            .at(span, "opened here")
            .help("add a `}` on its own line where the block ends"),
        );
    }
}

/// `scenario "OVX mice" {`: the name is one word (it is typed on the command line); the
/// words in quotes are the title. Suggests a bare name made from the quoted one.
fn quoted_scenario_name(name: &Name<'_>, title: Option<&str>) -> Diag {
    let mut bare = String::new();
    for c in name.text.chars() {
        if c.is_alphanumeric() || "_/.'+:".contains(c) {
            bare.push(c);
        } else if !bare.is_empty() && !bare.ends_with('-') {
            bare.push('-');
        }
    }
    let bare = bare.trim_end_matches('-');
    let title = title.unwrap_or(&name.text);
    let help = if bare.is_empty() {
        "a scenario name is one bare word such as `ovx-mice`; put words with spaces in the title: `scenario ovx-mice \"OVX mice\" {`".to_string()
    } else {
        format!(
            "a scenario name is one bare word; put words with spaces in the title: `scenario {bare} {title:?} {{`"
        )
    };
    Diag::error(Code::ParseScenarioName, "a scenario name cannot be quoted")
        .at(name.span, "quoted name")
        .help(help)
}

fn misplaced(span: Span, message: &str, help: &str) -> Diag {
    Diag::error(Code::ParseMisplaced, message)
        .at(span, "not allowed here")
        .help(help)
}

/// The span of any top-level item.
pub fn item_span(item: &Item<'_>) -> Span {
    match item {
        Item::Statement(s) => s.span,
        Item::Conjunction(c) => c.span,
        Item::Rule(r) => r.span,
        Item::Entity(e) => e.span,
        Item::Outcome(_, span) | Item::Verb { span, .. } | Item::Include { span, .. } => *span,
        Item::Scenario(s) => s.span,
    }
}
