//! GraphML (Cytoscape, yEd, Gephi, networkx): typed node and edge attributes declared with
//! `<key>`; with a run, each node carries its net effect so a style can colour it.

use std::fmt::Write;

use super::{Export, NodeEffect, xml_escape as esc};

const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("name", "name", "string"),
    ("kind", "kind", "string"),
    ("outcome", "outcome", "boolean"),
    ("net", "net", "string"),
    ("lean", "lean", "string"),
    ("margin", "margin", "double"),
    ("up", "up_strength", "double"),
    ("down", "down_strength", "double"),
    ("clamp", "clamp", "string"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("interaction", "interaction", "string"),
    ("relation", "relation", "string"),
    ("sign", "sign", "int"),
    ("confidence", "confidence", "double"),
    ("citations", "citations", "string"),
    ("contexts", "contexts", "string"),
    ("conditions", "conditions", "string"),
    ("location", "location", "string"),
];

/// The GraphML document of the export.
pub fn write(x: &Export<'_>) -> String {
    let p = x.program;
    let edges = x.edges();
    let nodes = x.nodes(&edges);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, name, ty) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"n_{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for (id, name, ty) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"e_{id}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let title = x.scenario.as_deref().unwrap_or("marrow");
    let _ = writeln!(
        out,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        esc(title)
    );
    for id in &nodes {
        let e = p.entity(*id);
        let _ = writeln!(out, "    <node id=\"n{}\">", id.0);
        data(&mut out, "n_name", p.entity_name(*id));
        if let Some(k) = &e.kind {
            data(&mut out, "n_kind", k);
        }
        data(
            &mut out,
            "n_outcome",
            if p.outcomes.contains(id) {
                "true"
            } else {
                "false"
            },
        );
        if let Some(effect) = x.effect(*id).map(NodeEffect::of) {
            data(&mut out, "n_net", effect.net);
            if let Some(l) = effect.lean {
                data(&mut out, "n_lean", l);
            }
            if let Some(m) = effect.margin {
                data(&mut out, "n_margin", &m.to_string());
            }
            if let Some(u) = effect.up {
                data(&mut out, "n_up", &u.to_string());
            }
            if let Some(d) = effect.down {
                data(&mut out, "n_down", &d.to_string());
            }
            if let Some(c) = effect.clamp {
                data(&mut out, "n_clamp", c);
            }
        }
        out.push_str("    </node>\n");
    }
    for (i, e) in edges.iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"n{}\" target=\"n{}\">",
            e.source.0, e.target.0
        );
        data(&mut out, "e_interaction", &e.verb);
        data(&mut out, "e_relation", e.relation);
        data(&mut out, "e_sign", &e.sign.to_string());
        data(&mut out, "e_confidence", &e.confidence.to_string());
        if !e.citations.is_empty() {
            data(&mut out, "e_citations", &e.citations.join("; "));
        }
        if !e.contexts.is_empty() {
            data(&mut out, "e_contexts", &e.contexts.join("; "));
        }
        if !e.conditions.is_empty() {
            data(&mut out, "e_conditions", &e.conditions.join(" and "));
        }
        data(&mut out, "e_location", &e.location);
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", esc(value));
}
