//! DOT writer, for people who have Graphviz: the same information as the SVG (colours,
//! `normal` vs `tee` heads, tooltips, dashes, contexts as clusters), laid out by `dot`.

use std::fmt::Write;

use super::style::{self, MUTED, TEXT};
use super::{Diagram, Edge, Node, Sign};

/// A DOT string literal: quotes and backslashes escaped, new lines as `\n`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if (c as u32) < 0x20 => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A colour made pale for faded elements (alpha 0x59 ≈ 35%).
fn tint(colour: &str, faded: bool) -> String {
    if faded {
        format!("{colour}59")
    } else {
        colour.to_string()
    }
}

/// The DOT document of a diagram. Node `i` is written `n{i}`.
pub fn to_dot(diagram: &Diagram) -> String {
    let font = quote(style::FONT_STACK.replace('\'', "").as_str());
    let mut s = String::with_capacity(1024 + 300 * (diagram.nodes.len() + diagram.edges.len()));
    s.push_str("digraph marrow {\n");
    let _ = writeln!(
        s,
        "  graph [label={}, labelloc=t, labeljust=l, fontname={font}, fontsize=14, fontcolor={}, tooltip={}, rankdir=TB, nodesep=0.3, ranksep=0.45];",
        quote(&diagram.title),
        quote(TEXT),
        quote(if diagram.description.is_empty() {
            &diagram.title
        } else {
            &diagram.description
        }),
    );
    let _ = writeln!(
        s,
        "  node [shape=box, style=\"rounded,filled\", fontname={font}, fontsize=11, penwidth=1.2, margin=\"0.12,0.06\"];"
    );
    let _ = writeln!(
        s,
        "  edge [fontname={font}, fontsize=9, fontcolor={}, penwidth=1.4, arrowsize=0.8];",
        quote(MUTED)
    );
    for (c, cluster) in diagram.clusters.iter().enumerate() {
        let members: Vec<String> = (0..diagram.nodes.len())
            .filter(|&i| diagram.nodes[i].cluster == Some(c))
            .map(|i| format!("n{i};"))
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(
            s,
            "  subgraph cluster_{c} {{ label={}; style=\"rounded,dashed\"; color=\"#bcccdc\"; fontcolor={}; fontsize=10; {} }}",
            quote(&cluster.label),
            quote(MUTED),
            members.join(" ")
        );
    }
    for (i, n) in diagram.nodes.iter().enumerate() {
        let _ = writeln!(s, "  n{i} [{}];", node_attrs(n));
    }
    for (_, e) in diagram.valid_edges() {
        let _ = writeln!(s, "  n{} -> n{} [{}];", e.from, e.to, edge_attrs(e));
    }
    s.push_str("}\n");
    s
}

fn node_attrs(n: &Node) -> String {
    let c = style::node_colours(n.class);
    let label = if n.sublabel.is_empty() {
        n.label.clone()
    } else {
        format!("{}\n{}", n.label, n.sublabel)
    };
    let mut a = format!(
        "label={}, fillcolor={}, color={}, fontcolor={}",
        quote(&label),
        quote(&tint(c.fill, n.faded)),
        quote(&tint(c.stroke, n.faded)),
        quote(&tint(c.text, n.faded)),
    );
    if n.pin.is_some() {
        a.push_str(", peripheries=2");
    }
    if n.emphasis {
        a.push_str(", penwidth=2.5");
    }
    if !n.tooltip.is_empty() {
        let _ = write!(a, ", tooltip={}", quote(&n.tooltip));
    }
    if let Some(h) = &n.href {
        let _ = write!(a, ", URL={}", quote(h));
    }
    a
}

fn edge_attrs(e: &Edge) -> String {
    let colour = tint(style::edge_colour(e.sign), e.faded);
    let head = match e.sign {
        Sign::Activation => "normal",
        Sign::Inhibition => "tee",
        Sign::Delivery => "empty",
        Sign::Null => "odot",
    };
    let mut a = format!("color={}, arrowhead={head}", quote(&colour));
    if e.sign == Sign::Null {
        a.push_str(", style=dotted");
    } else if e.dashed {
        a.push_str(", style=dashed");
    }
    if !e.label.is_empty() {
        let _ = write!(a, ", label={}", quote(&e.label));
    }
    if !e.tooltip.is_empty() {
        let _ = write!(a, ", tooltip={}", quote(&e.tooltip));
    }
    if let Some(h) = &e.href {
        let _ = write!(a, ", URL={}", quote(h));
    }
    a
}
