//! Text renderings: the net-effects table and derivation trees (docs/language.md, "Queries").
//!
//! Output is a pure function of its inputs (byte-identical across runs). ANSI colour is
//! added only when the caller asks for it (a terminal without `NO_COLOR`).

use std::collections::HashSet;

use crate::engine::{Fact, Net, NetEffect, Origin, Side};
use crate::explain::{Chain, Graph, Node, NodeId, Step, Why};
use crate::program::{EntityId, State};

use super::View;
use super::name::{display_name, fact_text};
use super::words;

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

/// `0.39`: strengths are shown with two decimals; one too weak for that shows its
/// magnitude (`3.1e-7`) rather than `0.00`.
pub fn strength(x: f64) -> String {
    if x > 0.0 && x < 0.005 {
        format!("{x:.1e}")
    } else {
        format!("{x:.2}")
    }
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

/// Names longer than this are shortened in tables (JSON keeps them whole).
const MAX_NAME: usize = 40;

/// `name`, or its first 39 characters and `…` when longer than `MAX_NAME` (40).
pub fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME {
        name.to_string()
    } else {
        let mut s: String = name.chars().take(MAX_NAME - 1).collect();
        s.push('…');
        s
    }
}

/// `up 0.63 (2)`, `down 0.44 (3)`, `conflicting 0.73/0.36 leans up`, `unaffected`.
pub fn net_summary(e: &NetEffect) -> String {
    let side = |s: Option<Side>| s.map(|s| format!("{} ({})", strength(s.strength), s.steps));
    match e.net {
        Net::Up => format!("up {}", side(e.up).unwrap_or_default()),
        Net::Down => format!("down {}", side(e.down).unwrap_or_default()),
        Net::Unaffected => "unaffected".to_string(),
        Net::Conflicting => {
            let lean = match e.lean {
                Some(s) => format!("leans {}", s.as_str()),
                None => "tie".to_string(),
            };
            format!(
                "conflicting {}/{} {lean}",
                e.up.map(|s| strength(s.strength)).unwrap_or_default(),
                e.down.map(|s| strength(s.strength)).unwrap_or_default()
            )
        }
    }
}

/// What a perturbation moved, one row per entity: its result before → after.
pub fn moved_table(view: &View, moved: &[crate::answers::Moved]) -> String {
    let (program, colour) = (view.program, view.colour);
    if moved.is_empty() {
        return "nothing moved\n".to_string();
    }
    let name = |e: &NetEffect| shorten(&display_name(program.entity_name(e.entity)));
    let w_name = moved
        .iter()
        .map(|m| name(&m.after).chars().count())
        .chain([7])
        .max()
        .unwrap_or(7);
    let w_before = moved
        .iter()
        .map(|m| net_summary(&m.before).chars().count())
        .chain([6])
        .max()
        .unwrap_or(6);
    let mut out = String::new();
    let groups = [
        (
            "OUTCOME",
            moved.iter().filter(|m| m.after.outcome).collect::<Vec<_>>(),
        ),
        (
            "ENTITY",
            moved.iter().filter(|m| !m.after.outcome).collect(),
        ),
    ];
    for (title, rows) in groups {
        if rows.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let header = format!("{title:<w_name$}  {:<w_before$}     AFTER", "BEFORE");
        paint(&mut out, &[Seg(header, Style::Bold)], colour);
        out.push('\n');
        for m in rows {
            let mut segs = vec![
                Seg(format!("{:<w_name$}  ", name(&m.after)), Style::Plain),
                Seg(format!("{:<w_before$}", net_summary(&m.before)), Style::Dim),
                Seg("  →  ".to_string(), Style::Plain),
                Seg(net_summary(&m.after), net_style(m.after.net)),
            ];
            if let Some(c) = m.after.clamp {
                segs.push(Seg(format!("  {}", c.as_str()), Style::Dim));
            }
            let mut line = String::new();
            paint(&mut line, &segs, colour);
            out.push_str(line.trim_end());
            out.push('\n');
            for note in &m.after.notes {
                let note = words::note(view, note);
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

/// The net effects as an aligned table: outcomes first under `OUTCOME`, then the other
/// entities under `ENTITY`; `UP` and `DOWN` show strength and (steps); notes follow their row.
pub fn effects_table(view: &View, effects: &[NetEffect]) -> String {
    let (program, colour) = (view.program, view.colour);
    if effects.is_empty() {
        return "no effects\n".to_string();
    }
    let name = |e: &NetEffect| shorten(&display_name(program.entity_name(e.entity)));
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
            extra.extend(super::margin::conflict(e));
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
                let note = words::note(view, note);
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
/// column (`None` for rule lines, which have no strength); `extra` (citations, contexts)
/// ends the line, or moves below it when the line would not fit the width.
struct Line {
    left: Vec<Seg>,
    right: Option<Vec<Seg>>,
    extra: Vec<Seg>,
    /// The tree guides to draw in front of a continuation line.
    cont: String,
}

fn fact_segs(view: &View, node: &Node) -> Vec<Seg> {
    match node.fact {
        Fact::State(e, s) => vec![
            Seg(
                format!("{} ", display_name(view.program.entity_name(e))),
                Style::Bold,
            ),
            Seg(s.as_str().to_string(), state_style(s)),
        ],
        Fact::Relation(..) => vec![Seg(words::node_fact(view, node), Style::Plain)],
    }
}

/// `file:line` for a node that has one, and its `[citations]` and `in context`.
fn source_segs(view: &View, node: &Node) -> (Vec<Seg>, Vec<Seg>) {
    let b = words::backing(view, node.origin);
    let mut segs = Vec::new();
    if let Some(span) = b.source {
        segs.push(Seg(format!("  {}", view.file_line(span)), Style::Dim));
    }
    if !b.also.is_empty() {
        segs.push(Seg(words::also_stated(view, &b.also), Style::Dim));
    }
    let mut extra = Vec::new();
    if !b.citations.is_empty() {
        extra.push(Seg(format!("  [{}]", b.citations.join("; ")), Style::Cyan));
    }
    if !b.contexts.is_empty() {
        extra.push(Seg(format!("  in {}", b.contexts.join(", ")), Style::Dim));
    }
    if super::disputed::is_disputed(view, node.origin) {
        segs.push(Seg("  disputed".to_string(), Style::Yellow));
    }
    (segs, extra)
}

/// The line under a derived fact naming what derived it, and its citations and context.
fn rule_segs(view: &View, graph: &Graph, node: &Node) -> (Vec<Seg>, Vec<Seg>) {
    let premises: Vec<String> = node
        .premises
        .iter()
        .map(|&p| words::node_fact(view, graph.node(p)))
        .collect();
    match words::rule(view, node.origin) {
        Some(rule) => {
            let mut segs = vec![
                Seg(rule.name.clone(), Style::Cyan),
                Seg(format!("  {}", premises.join(", ")), Style::Plain),
            ];
            if rule.prelude {
                return (segs, Vec::new());
            }
            let (source, extra) = source_segs(view, node);
            segs.extend(source);
            (segs, extra)
        }
        None => {
            let mut segs = vec![Seg(
                format!("when {}", premises.join(" and ")),
                Style::Plain,
            )];
            let (source, extra) = source_segs(view, node);
            segs.extend(source);
            (segs, extra)
        }
    }
}

fn tree_lines(view: &View, graph: &Graph) -> Vec<Line> {
    let mut lines = Vec::new();
    // A derived fact used in several places is expanded once; later uses refer back.
    let mut expanded: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<(NodeId, String, String)> = vec![(graph.root, String::new(), String::new())];
    while let Some((id, lead, cont)) = stack.pop() {
        let node = graph.node(id);
        let mut left = vec![Seg(lead, Style::Dim)];
        left.extend(fact_segs(view, node));
        let mut right = vec![Seg(
            format!("strength {}", strength(node.strength)),
            Style::Plain,
        )];
        let shown = !node.premises.is_empty() && !expanded.insert(id);
        let mut extra = Vec::new();
        if shown {
            right.push(Seg("  (derived above)".to_string(), Style::Dim));
        } else if node.premises.is_empty() {
            match node.origin {
                Origin::Clamp(kind) => right.push(Seg(format!("  {}", kind.as_str()), Style::Dim)),
                _ => {
                    let (source, more) = source_segs(view, node);
                    right.extend(source);
                    extra = more;
                }
            }
        }
        let expands = !node.premises.is_empty() && !shown;
        lines.push(Line {
            left,
            right: Some(right),
            extra,
            cont: if expands {
                format!("{cont}│")
            } else {
                cont.clone()
            },
        });
        if !expands {
            continue;
        }
        let mut rule = vec![Seg(format!("{cont}└─ "), Style::Dim)];
        let (segs, extra) = rule_segs(view, graph, node);
        rule.extend(segs);
        lines.push(Line {
            left: rule,
            right: None,
            extra,
            cont: format!("{cont}   │"),
        });
        let base = format!("{cont}   ");
        let last = node.premises.len() - 1;
        for (i, &p) in node.premises.iter().enumerate().rev() {
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

/// A derivation tree as `why` prints it: each fact with its strength in an aligned
/// column, the rule or statement that derived it on the line below, premises as children;
/// leaves show `file:line`, citations and context, or the clamp. A derived fact the
/// derivation uses twice is expanded the first time and marked `(derived above)` after.
pub fn tree(view: &View, graph: &Graph) -> String {
    let lines = tree_lines(view, graph);
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
        paint(&mut text, &line.left, view.colour);
        let mut used = width(&line.left);
        if let Some(right) = &line.right {
            let pad = column.saturating_sub(width(&line.left));
            text.push_str(&" ".repeat(pad));
            paint(&mut text, right, view.colour);
            used = column + width(right);
        }
        let fits = view.width.is_none_or(|w| used + width(&line.extra) <= w);
        if fits {
            paint(&mut text, &line.extra, view.colour);
        }
        out.push_str(text.trim_end());
        out.push('\n');
        if fits {
            continue;
        }
        // Too wide: citations and context go below, under the strength column (or the
        // rule's words), with the tree's guides kept.
        let indent = if line.right.is_some() {
            column
        } else {
            line.cont.chars().count() + 2
        };
        for seg in &line.extra {
            let mut text = String::new();
            paint(
                &mut text,
                &[Seg(line.cont.clone(), Style::Dim)],
                view.colour,
            );
            text.push_str(&" ".repeat(indent.saturating_sub(line.cont.chars().count())));
            paint(
                &mut text,
                &[Seg(seg.0.trim_start().to_string(), seg.1)],
                view.colour,
            );
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `marrow why`: the strongest derivation and, when the opposite state holds too, the
/// strongest opposing derivation; or, when the fact does not hold, why not.
pub fn why(view: &View, why: &Why) -> String {
    let mut out = String::new();
    match &why.derivation {
        Some(graph) => {
            out.push_str(&tree(view, graph));
            out.push_str(&super::evidence::lines(view, why));
        }
        None => {
            if let Some(w) = &why.why_not {
                for line in super::why_not::lines(view, w) {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
        }
    }
    if let Some(graph) = &why.opposing {
        out.push('\n');
        paint(
            &mut out,
            &[Seg("opposing:".to_string(), Style::Yellow)],
            view.colour,
        );
        out.push('\n');
        out.push_str(&tree(view, graph));
    }
    out.push_str(&why_extras(view, why));
    out
}

/// What follows a `why` answer in every layout: disputed statements that bear on a fact
/// that holds (a fact that does not hold lists them among its why-not findings).
pub fn why_extras(view: &View, why: &Why) -> String {
    let mut out = String::new();
    if why.holds {
        for line in super::disputed::lines(view, &why.disputed) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// `why --alternatives N`: the other derivations, numbered after the strongest (#1, shown
/// above them), strongest first.
pub fn alternatives(view: &View, graphs: &[Graph]) -> String {
    let mut out = String::new();
    for (i, graph) in graphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        paint(
            &mut out,
            &[Seg(format!("#{}", i + 2), Style::Bold)],
            view.colour,
        );
        out.push('\n');
        out.push_str(&tree(view, graph));
    }
    out
}

/// `hypoxia →increases→ BMSC-exosome ⊣inhibits⊣ PKNOX1 ⇒ up`; a chain starting from a
/// lowered state says so (`PKNOX1 down →promotes→ IL-1β ⇒ down`).
pub fn chain(view: &View, chain: &Chain) -> String {
    let program = view.program;
    let name = |e: EntityId| display_name(program.entity_name(e)).into_owned();
    let Fact::State(_, end_state) = chain.end else {
        return fact_text(program, &chain.end, None);
    };
    let mut out = String::new();
    match (chain.start, chain.start_entity) {
        (Some((e, State::Down)), _) => out.push_str(&format!("{} down", name(e))),
        (_, Some(e)) => out.push_str(&name(e)),
        _ => {}
    }
    for link in &chain.links {
        let verb = match &link.step {
            Step::Relation { relation, verb } => match verb {
                Some(v) => program.verb_word(*v).to_string(),
                None => relation.as_str().to_string(),
            },
            Step::Conjunction { others } if others.is_empty() => "when".to_string(),
            Step::Conjunction { others } => {
                let others: Vec<String> =
                    others.iter().map(|f| fact_text(program, f, None)).collect();
                format!("with {}", others.join(" and "))
            }
        };
        let (l, r) = if link.negative() {
            ("⊣", "⊣")
        } else {
            ("→", "→")
        };
        out.push_str(&format!(" {l}{verb}{r} {}", name(link.entity)));
        if !link.conditions.is_empty() {
            let conds: Vec<String> = link
                .conditions
                .iter()
                .map(|f| fact_text(program, f, None))
                .collect();
            out.push_str(&format!(" [when {}]", conds.join(" and ")));
        }
    }
    out.push_str(&format!(" ⇒ {}", end_state.as_str()));
    out
}

/// `why not` findings as indented lines.
pub fn why_not(view: &View, w: &crate::explain::WhyNot) -> Vec<String> {
    super::why_not::lines(view, w)
}
