//! The SVG and DOT writers on small hand-made diagrams: stable output (snapshots), SVG
//! that parses as XML with resolvable references, DOT that Graphviz accepts.

use crate::support::diagram::{check_dot, check_svg};
use marrow::render::diagram::svg::{SvgOptions, write_svg};
use marrow::render::diagram::{Cluster, Diagram, Edge, Node, NodeClass, Pin, Sign, dot, svg};

fn node(label: &str, sub: &str, class: NodeClass) -> Node {
    let mut n = Node::new(label, class);
    n.sublabel = sub.into();
    n.tooltip = format!("{label}\nrules/demo.rules:1");
    n
}

fn edge(from: usize, to: usize, sign: Sign, label: &str) -> Edge {
    let mut e = Edge::new(from, to, sign);
    e.label = label.into();
    e.tooltip = format!(
        "statement {from} → {to}\nrules/demo.rules:{}\n[Ye et al., 2018]",
        from + 2
    );
    e
}

/// A derivation-like chain with Unicode names, a given at the top.
fn chain() -> Diagram {
    let mut d = Diagram::new("hypoxia → IL-1β down");
    let mut h = node("hypoxia", "given up", NodeClass::Up);
    h.pin = Some(Pin::Given);
    let h = d.add_node(h);
    let x = d.add_node(node("BMSC-exosome", "up · 0.90", NodeClass::Up));
    let m = d.add_node(node("miR-223", "up · 0.81", NodeClass::Up));
    let p = d.add_node(node("PKNOX1", "down · 0.73", NodeClass::Down));
    let mut il = node("IL-1β", "down · 0.51", NodeClass::Down);
    il.emphasis = true;
    let il = d.add_node(il);
    d.add_edge(edge(h, x, Sign::Activation, "increases"));
    d.add_edge(edge(x, m, Sign::Delivery, "carries"));
    d.add_edge(edge(m, p, Sign::Inhibition, "inhibits"));
    d.add_edge(edge(p, il, Sign::Activation, "promotes"));
    d
}

/// Everything at once: a conflict, a knockout, a null result, a conditional statement,
/// a cycle, a self-loop, a long edge, a faded line, a context, links, markup in names.
fn kitchen_sink() -> Diagram {
    let mut d = Diagram::new("Signals around NF-κB <demo> & \"friends\"");
    d.description = "A test picture.".into();
    d.clusters.push(Cluster {
        label: "macrophage".into(),
    });
    let a = d.add_node(node("TNF-α", "", NodeClass::Unaffected));
    let mut b = node(
        "NF-κB",
        "conflicting · leans up ×1.29",
        NodeClass::Conflicting,
    );
    b.cluster = Some(0);
    b.href = Some("#ref-1".into());
    let b = d.add_node(b);
    let mut c = node("Wnt/β-catenin", "knockout", NodeClass::Down);
    c.pin = Some(Pin::Clamped);
    let c = d.add_node(c);
    let mut e = node("M2 polarization", "up · 0.39", NodeClass::Up);
    e.cluster = Some(0);
    let e = d.add_node(e);
    let mut f = node("osteogenesis", "", NodeClass::Unaffected);
    f.faded = true;
    let f = d.add_node(f);
    d.add_edge(edge(a, b, Sign::Activation, "activates"));
    d.add_edge(edge(c, b, Sign::Inhibition, "inhibits"));
    d.add_edge(edge(b, e, Sign::Activation, "promotes"));
    let mut cond = edge(a, e, Sign::Inhibition, "suppresses");
    cond.dashed = true;
    d.add_edge(cond);
    d.add_edge(edge(c, f, Sign::Null, "no effect"));
    d.add_edge(edge(e, c, Sign::Activation, "drives"));
    d.add_edge(edge(b, b, Sign::Inhibition, "represses"));
    let mut faded = edge(a, f, Sign::Activation, "");
    faded.faded = true;
    faded.href = Some("#ref-2".into());
    d.add_edge(faded);
    d
}

#[test]
fn chain_svg() {
    let s = svg::to_svg(&chain());
    check_svg(&s);
    insta::assert_snapshot!(s);
}

#[test]
fn chain_dot() {
    let s = dot::to_dot(&chain());
    check_dot(&s);
    insta::assert_snapshot!(s);
}

#[test]
fn kitchen_sink_svg() {
    let s = svg::to_svg(&kitchen_sink());
    check_svg(&s);
    assert!(s.contains("&lt;demo&gt; &amp; &quot;friends&quot;"));
    insta::assert_snapshot!(s);
}

#[test]
fn kitchen_sink_dot() {
    let s = dot::to_dot(&kitchen_sink());
    check_dot(&s);
    assert!(s.contains("arrowhead=tee") && s.contains("arrowhead=normal"));
    assert!(s.contains("style=dotted") && s.contains("style=dashed"));
    assert!(s.contains("subgraph cluster_0"));
    insta::assert_snapshot!(s);
}

#[test]
fn empty_and_single_node_diagrams_are_valid() {
    let empty = Diagram::new("nothing");
    check_svg(&svg::to_svg(&empty));
    check_dot(&dot::to_dot(&empty));
    let mut one = Diagram::new("");
    one.add_node(Node::new("alone", NodeClass::Unaffected));
    one.legend = false;
    check_svg(&svg::to_svg(&one));
    check_dot(&dot::to_dot(&one));
}

#[test]
fn edges_to_missing_nodes_are_skipped() {
    let mut d = chain();
    d.add_edge(Edge::new(0, 99, Sign::Activation));
    let s = svg::to_svg(&d);
    check_svg(&s);
    assert_eq!(s, svg::to_svg(&chain()));
    check_dot(&dot::to_dot(&d));
}

#[test]
fn two_pictures_can_share_a_page() {
    let opts = SvgOptions {
        id_prefix: "fig2-".into(),
        heading: false,
    };
    let s = write_svg(&chain(), &opts);
    check_svg(&s);
    assert!(s.contains("id=\"fig2-title\"") && s.contains("url(#fig2-head-inhibition)"));
    assert!(!s.contains("marrow-"));
}

#[test]
fn output_is_deterministic() {
    assert_eq!(svg::to_svg(&kitchen_sink()), svg::to_svg(&kitchen_sink()));
    assert_eq!(dot::to_dot(&kitchen_sink()), dot::to_dot(&kitchen_sink()));
}
