//! Text renderings: the net-effects table and derivation trees (DESIGN §3).
//!
//! Output is a pure function of its inputs (byte-identical across runs). ANSI colour is
//! added only when the caller asks for it (a terminal without `NO_COLOR`).

use crate::engine::{Fact, Net, NetEffect, Side};
use crate::explain::{By, Node, Why};
use crate::program::{Program, State};

use super::name::{display_name, fact_text};

/// ANSI styles used by the renderings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
    Green,
    Red,
    Yellow,
    Cyan,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Bold => "\x1b[1m",
            Style::Dim => "\x1b[2m",
            Style::Green => "\x1b[32m",
            Style::Red => "\x1b[31m",
            Style::Yellow => "\x1b[33m",
            Style::Cyan => "\x1b[36m",
        }
    }
}

/// A run of text in one style; widths count characters, not bytes.
struct Seg(String, Style);

fn width(segs: &[Seg]) -> usize {
    segs.iter().map(|s| s.0.chars().count()).sum()
}

fn paint(out: &mut String, segs: &[Seg], colour: bool) {
    for Seg(text, style) in segs {
        if colour && *style != Style::Plain && !text.is_empty() {
            out.push_str(style.code());
            out.push_str(text);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(text);
        }
    }
}

fn state_style(state: State) -> Style {
    match state {
        State::Up => Style::Green,
        State::Down => Style::Red,
    }
}

/// `0.39`: strengths are shown with two decimals.
pub fn strength(x: f64) -> String {
    format!("{x:.2}")
}

fn side_text(side: Option<Side>) -> String {
    match side {
        Some(s) => format!("{} ({})", strength(s.strength), s.steps),
        None => "–".to_string(),
    }
}

fn net_style(net: Net) -> Style {
    match net {
        Net::Up => Style::Green,
        Net::Down => Style::Red,
        Net::Conflicting => Style::Yellow,
        Net::Unaffected => Style::Dim,
    }
}

/// The net effects as an aligned table: outcomes first under `OUTCOME`, then the other
/// entities under `ENTITY`; `UP` and `DOWN` show strength and (steps); notes follow their row.
pub fn effects_table(program: &Program, effects: &[NetEffect], colour: bool) -> String {
    if effects.is_empty() {
        return "no effects\n".to_string();
    }
    let name = |e: &NetEffect| display_name(program.entity_name(e.entity)).into_owned();
    let w_name = effects
        .iter()
        .map(|e| name(e).chars().count())
        .chain([7])
        .max()
        .unwrap_or(7);
    let w_net = 11;
    let w_side = effects
        .iter()
        .flat_map(|e| [side_text(e.up), side_text(e.down)])
        .map(|s| s.chars().count())
        .chain([4])
        .max()
        .unwrap_or(4);
    let mut out = String::new();
    let groups = [
        (
            "OUTCOME",
            effects.iter().filter(|e| e.outcome).collect::<Vec<_>>(),
        ),
        ("ENTITY", effects.iter().filter(|e| !e.outcome).collect()),
    ];
    for (title, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let header = format!(
            "{title:<w_name$}  {:<w_net$}  {:<w_side$}  DOWN",
            "NET", "UP"
        );
        paint(&mut out, &[Seg(header, Style::Bold)], colour);
        out.push('\n');
        for e in rows {
            let mut extra = Vec::new();
            if e.net == Net::Conflicting {
                extra.push(match e.lean {
                    Some(s) => format!("leans {}", s.as_str()),
                    None => "tie".to_string(),
                });
            }
            if let Some(c) = e.clamp {
                extra.push(c.as_str().to_string());
            }
            let mut segs = vec![
                Seg(format!("{:<w_name$}  ", name(e)), Style::Plain),
                Seg(format!("{:<w_net$}", e.net.as_str()), net_style(e.net)),
                Seg(
                    format!(
                        "  {:<w_side$}  {:<w_side$}",
                        side_text(e.up),
                        side_text(e.down)
                    ),
                    Style::Plain,
                ),
            ];
            if !extra.is_empty() {
                segs.push(Seg(format!("  {}", extra.join(", ")), Style::Dim));
            }
            let mut line = String::new();
            paint(&mut line, &segs, colour);
            out.push_str(line.trim_end());
            out.push('\n');
            for note in &e.notes {
                paint(
                    &mut out,
                    &[Seg(format!("  ! {note}"), Style::Yellow)],
                    colour,
                );
                out.push('\n');
            }
        }
    }
    out
}

/// One line of a tree: the left part (glyphs and label) and what follows the strength
/// column (`None` for rule lines, which have no strength).
struct Line {
    left: Vec<Seg>,
    right: Option<Vec<Seg>>,
}

fn node_label(program: &Program, node: &Node) -> String {
    fact_text(program, &node.fact, node.verb.as_deref())
}

fn fact_segs(program: &Program, node: &Node) -> Vec<Seg> {
    match node.fact {
        Fact::State(e, s) => vec![
            Seg(
                format!("{} ", display_name(program.entity_name(e))),
                Style::Bold,
            ),
            Seg(s.as_str().to_string(), state_style(s)),
        ],
        Fact::Relation(..) => vec![Seg(node_label(program, node), Style::Plain)],
    }
}

/// `file:line  [citations]  in context` for a node that has them.
fn source_segs(program: &Program, node: &Node) -> Vec<Seg> {
    let mut segs = Vec::new();
    if let Some(span) = node.source
        && (span.file.0 as usize) < program.sources.len()
    {
        segs.push(Seg(
            format!("  {}", program.sources.file_line(span)),
            Style::Dim,
        ));
    }
    if !node.citations.is_empty() {
        segs.push(Seg(
            format!("  [{}]", node.citations.join("; ")),
            Style::Cyan,
        ));
    }
    if !node.contexts.is_empty() {
        segs.push(Seg(
            format!("  in {}", node.contexts.join(", ")),
            Style::Dim,
        ));
    }
    segs
}

fn is_prelude_rule(program: &Program, node: &Node) -> bool {
    node.rule
        .as_deref()
        .and_then(|name| program.rules.iter().find(|r| r.name == name))
        .is_some_and(|r| r.prelude)
}

/// The line under a derived fact naming what derived it.
fn rule_segs(program: &Program, node: &Node) -> Vec<Seg> {
    let premises: Vec<String> = node
        .premises
        .iter()
        .map(|p| node_label(program, p))
        .collect();
    match node.by {
        By::Rule => {
            let mut segs = vec![
                Seg(node.rule.clone().unwrap_or_default(), Style::Cyan),
                Seg(format!("  {}", premises.join(", ")), Style::Plain),
            ];
            if !is_prelude_rule(program, node) {
                segs.extend(source_segs(program, node));
            }
            segs
        }
        By::Statement | By::Given(_) => {
            let mut segs = vec![Seg(
                format!("when {}", premises.join(" and ")),
                Style::Plain,
            )];
            segs.extend(source_segs(program, node));
            segs
        }
    }
}

fn tree_lines(program: &Program, root: &Node) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut stack: Vec<(&Node, String, String)> = vec![(root, String::new(), String::new())];
    while let Some((node, lead, cont)) = stack.pop() {
        let mut left = vec![Seg(lead, Style::Dim)];
        left.extend(fact_segs(program, node));
        let mut right = vec![Seg(
            format!("strength {}", strength(node.strength)),
            Style::Plain,
        )];
        if node.premises.is_empty() {
            match node.by {
                By::Given(kind) => right.push(Seg(format!("  {}", kind.as_str()), Style::Dim)),
                _ => right.extend(source_segs(program, node)),
            }
        }
        lines.push(Line {
            left,
            right: Some(right),
        });
        if node.premises.is_empty() {
            continue;
        }
        let mut rule = vec![Seg(format!("{cont}└─ "), Style::Dim)];
        rule.extend(rule_segs(program, node));
        lines.push(Line {
            left: rule,
            right: None,
        });
        let base = format!("{cont}   ");
        let last = node.premises.len() - 1;
        for (i, p) in node.premises.iter().enumerate().rev() {
            let (glyph, more) = if i == last {
                ("└─ ", "   ")
            } else {
                ("├─ ", "│  ")
            };
            stack.push((p, format!("{base}{glyph}"), format!("{base}{more}")));
        }
    }
    lines
}

/// A derivation tree in the style of DESIGN §3: each fact with its strength in an aligned
/// column, the rule or statement that derived it on the line below, premises as children;
/// leaves show `file:line`, citations and context, or the clamp.
pub fn tree(program: &Program, root: &Node, colour: bool) -> String {
    let lines = tree_lines(program, root);
    let column = lines
        .iter()
        .filter(|l| l.right.is_some())
        .map(|l| width(&l.left))
        .max()
        .unwrap_or(0)
        + 4;
    let mut out = String::new();
    for line in &lines {
        let mut text = String::new();
        paint(&mut text, &line.left, colour);
        if let Some(right) = &line.right {
            let pad = column.saturating_sub(width(&line.left));
            text.push_str(&" ".repeat(pad));
            paint(&mut text, right, colour);
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// `marrow why`: the strongest derivation and, when the opposite state holds too, the
/// strongest opposing derivation; or, when the fact does not hold, why not.
pub fn why(program: &Program, why: &Why, colour: bool) -> String {
    let mut out = String::new();
    match &why.derivation {
        Some(node) => out.push_str(&tree(program, node, colour)),
        None => {
            if let Some(w) = &why.why_not {
                for line in w.lines(program) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
    }
    if let Some(node) = &why.opposing {
        out.push('\n');
        paint(
            &mut out,
            &[Seg("opposing:".to_string(), Style::Yellow)],
            colour,
        );
        out.push('\n');
        out.push_str(&tree(program, node, colour));
    }
    out
}

/// `why --all N`: numbered alternative derivations, strongest first.
pub fn alternatives(program: &Program, nodes: &[Node], colour: bool) -> String {
    let mut out = String::new();
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        paint(&mut out, &[Seg(format!("#{}", i + 1), Style::Bold)], colour);
        out.push('\n');
        out.push_str(&tree(program, node, colour));
    }
    out
}
