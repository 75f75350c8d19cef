//! A derivation as nested HTML lists, like the text tree of `why`: each fact with its
//! strength, the rule or statement that made it, `file:line`, context, and numbered links
//! into the page's bibliography. A shared fact is expanded once and referred to after.

use std::fmt::Write;

use crate::engine::{Fact, Origin};
use crate::explain::{Graph, NodeId};
use crate::render::View;
use crate::render::text::strength;
use crate::render::words::{self, backing, node_fact};

use super::bib::Bibliography;
use super::html::esc;

/// Deeper derivations are cut here so a pathological chain cannot make a huge page.
const MAX_DEPTH: usize = 64;

pub fn tree(view: &View, g: &Graph, bib: &Bibliography) -> String {
    let mut s = String::from("<ul class=\"tree\">\n");
    let mut seen = vec![false; g.nodes.len()];
    item(&mut s, view, g, g.root, bib, &mut seen, 0);
    s.push_str("</ul>\n");
    s
}

/// `[1]` links for the citations of a line.
pub fn ref_links(citations: &[String], bib: &Bibliography) -> String {
    let mut s = String::new();
    for c in citations {
        match bib.number(c) {
            Some(n) => {
                let _ = write!(
                    s,
                    " <a class=\"ref\" href=\"#ref-{n}\" title=\"{}\">[{n}]</a>",
                    esc(c)
                );
            }
            None => {
                let _ = write!(s, " <span class=\"ref\">[{}]</span>", esc(c));
            }
        }
    }
    s
}

fn item(
    s: &mut String,
    view: &View,
    g: &Graph,
    id: NodeId,
    bib: &Bibliography,
    seen: &mut [bool],
    depth: usize,
) {
    let node = g.node(id);
    let fact = node_fact(view, node);
    let _ = write!(
        s,
        "<li><span class=\"fact\">{}</span><span class=\"strength\">strength {}</span>",
        esc(&fact),
        strength(node.strength)
    );
    let b = backing(view, node.origin);
    match node.origin {
        Origin::Clamp(kind) => {
            let _ = write!(s, " <span class=\"by\">{}</span>", kind.as_str());
        }
        Origin::Rule(_) => {
            if let Some(r) = words::rule(view, node.origin) {
                let _ = write!(s, " <span class=\"by\">by rule {}</span>", esc(&r.name));
            }
        }
        Origin::Conjunction(id) => {
            if let Some(cj) = view.program.conjunctions.get(id.0 as usize) {
                let _ = write!(
                    s,
                    " <span class=\"by\">{}</span>",
                    esc(&words::conjunction(view, cj))
                );
            }
        }
        Origin::Statement(_) => {}
    }
    if let Some(span) = b.source
        && !matches!(node.origin, Origin::Rule(_))
    {
        let _ = write!(
            s,
            " <span class=\"where\">{}</span>",
            esc(&view.file_line(span))
        );
    }
    if !b.contexts.is_empty() {
        let _ = write!(
            s,
            " <span class=\"where\">in {}</span>",
            esc(&b.contexts.join(", "))
        );
    }
    s.push_str(&ref_links(&b.citations, bib));
    let derived = !node.premises.is_empty();
    if derived && seen[id] && matches!(node.fact, Fact::State(..)) {
        s.push_str(" <span class=\"by\">(derived above)</span></li>\n");
        return;
    }
    seen[id] = true;
    if derived {
        if depth >= MAX_DEPTH {
            s.push_str(" <span class=\"by\">(deeper steps omitted)</span></li>\n");
            return;
        }
        s.push_str("\n<ul>\n");
        for &p in &node.premises {
            item(s, view, g, p, bib, seen, depth + 1);
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</li>\n");
}
