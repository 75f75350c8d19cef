//! SVG writer: a [`Diagram`] laid out by [`layout`](super::layout) as a standalone,
//! accessible SVG document. Presentation attributes only (no CSS, no script), so it looks
//! the same in browsers, `rsvg-convert`, Inkscape and inside an HTML page.

use std::fmt::Write;

use super::layout::{Layout, LayoutInput, Rect, Route, layout};
use super::legend::{draw_legend, legend_items};
use super::metrics::text_width;
use super::style::{self, EDGE_LABEL_SIZE, LABEL_SIZE, MUTED, SUBLABEL_SIZE, TEXT};
use super::{Diagram, Edge, Node, Sign};

/// How to write the SVG.
#[derive(Debug, Clone)]
pub struct SvgOptions {
    /// Prefix of every `id` in the document, so several pictures can share one HTML page.
    pub id_prefix: String,
    /// Draw the diagram's title above the picture (it is always the accessible name).
    pub heading: bool,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            id_prefix: "marrow-".into(),
            heading: true,
        }
    }
}

const MARGIN: f64 = 20.0;
const PAD_X: f64 = 12.0;
const FRAME_PAD: f64 = 10.0;
const FRAME_LABEL: f64 = 16.0;
const HEADING_SIZE: f64 = 14.0;
const NOTE_GAP: f64 = 14.0;
const NOTE_ROW: f64 = 15.0;

/// The SVG document of a diagram, with the default options.
pub fn to_svg(diagram: &Diagram) -> String {
    write_svg(diagram, &SvgOptions::default())
}

/// Width and height of a node's box, from its text.
pub fn node_size(node: &Node) -> (f64, f64) {
    let label = text_width(&node.label, LABEL_SIZE) * 1.06;
    let sub = text_width(&node.sublabel, SUBLABEL_SIZE);
    let w = (label.max(sub) + 2.0 * PAD_X).max(56.0).ceil();
    let h = if node.sublabel.is_empty() { 32.0 } else { 44.0 };
    (w, h)
}

/// Lay out a diagram as the SVG writer would (exposed for tests and other writers).
pub fn layout_of(diagram: &Diagram) -> Layout {
    let edges: Vec<(usize, usize)> = diagram.valid_edges().map(|(_, e)| (e.from, e.to)).collect();
    let labelled = diagram.edges.iter().any(|e| !e.label.is_empty());
    layout(&LayoutInput {
        sizes: diagram.nodes.iter().map(node_size).collect(),
        edges,
        groups: diagram.nodes.iter().map(|n| n.cluster).collect(),
        layer_gap: if labelled { 58.0 } else { 44.0 },
        node_gap: 24.0,
    })
}

/// The SVG document of a diagram.
pub fn write_svg(diagram: &Diagram, opts: &SvgOptions) -> String {
    let lay = layout_of(diagram);
    let frames = frames(diagram, &lay);
    let edges: Vec<&Edge> = diagram.valid_edges().map(|(_, e)| e).collect();
    let frame_labels: Vec<Rect> = frames
        .iter()
        .flatten()
        .map(|(f, c)| Rect {
            x: f.x + FRAME_PAD,
            y: f.y + 2.0,
            w: text_width(&diagram.clusters[*c].label, SUBLABEL_SIZE),
            h: 13.0,
        })
        .collect();
    let labels = place_labels(&edges, &lay, frame_labels);

    // Bounds of everything drawn, to place the picture inside the margins.
    let mut min = (0.0f64, 0.0f64);
    let mut max = (lay.width, lay.height);
    let mut grow = |x0: f64, y0: f64, x1: f64, y1: f64| {
        min = (min.0.min(x0), min.1.min(y0));
        max = (max.0.max(x1), max.1.max(y1));
    };
    for f in frames.iter().flatten() {
        grow(f.0.x, f.0.y, f.0.right(), f.0.bottom());
    }
    for ((e, r), at) in edges.iter().zip(&lay.routes).zip(&labels) {
        for p in &r.points {
            grow(p.0, p.1, p.0, p.1);
        }
        if r.self_loop {
            grow(
                r.points[0].0,
                r.points[0].1,
                r.points[0].0 + 34.0,
                r.points[0].1,
            );
        }
        if let Some((x, y)) = *at {
            let w = text_width(&e.label, EDGE_LABEL_SIZE);
            let x0 = if r.self_loop { x } else { x - w / 2.0 };
            grow(x0, y - 10.0, x0 + w, y + 4.0);
        }
    }
    let heading_h = if opts.heading && !diagram.title.is_empty() {
        HEADING_SIZE + 16.0
    } else {
        0.0
    };
    let dx = MARGIN - min.0;
    let dy = MARGIN + heading_h - min.1;
    let graph_w = max.0 - min.0;
    let legend = if diagram.legend {
        legend_items(diagram)
    } else {
        Vec::new()
    };
    let legend_w = (graph_w).max(420.0);
    let (legend_svg, legend_h) = draw_legend(&opts.id_prefix, &legend, legend_w);
    let legend_gap = if legend.is_empty() { 0.0 } else { 24.0 };
    let width = (graph_w.max(if legend.is_empty() { 0.0 } else { legend_w }) + 2.0 * MARGIN).ceil();
    let title_w = text_width(&diagram.title, HEADING_SIZE) * 1.06 + 2.0 * MARGIN;
    let width = if heading_h > 0.0 {
        width.max(title_w.ceil())
    } else {
        width
    };
    let notes_w = diagram
        .notes
        .iter()
        .map(|n| text_width(n, SUBLABEL_SIZE))
        .fold(0.0, f64::max);
    let width = width.max((notes_w + 2.0 * MARGIN).ceil());
    let notes_h = if diagram.notes.is_empty() {
        0.0
    } else {
        NOTE_GAP + NOTE_ROW * diagram.notes.len() as f64
    };
    let height =
        (max.1 - min.1 + heading_h + legend_gap + legend_h + notes_h + 2.0 * MARGIN).ceil();

    let p = &opts.id_prefix;
    let mut s = String::with_capacity(4096 + 600 * (diagram.nodes.len() + edges.len()));
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         role=\"img\" aria-labelledby=\"{p}title {p}desc\" font-family=\"{font}\" fill=\"{TEXT}\">",
        w = num(width),
        h = num(height),
        font = esc(style::FONT_STACK),
    );
    let _ = writeln!(s, "<title id=\"{p}title\">{}</title>", esc(&diagram.title));
    let _ = writeln!(
        s,
        "<desc id=\"{p}desc\">{}</desc>",
        esc(&description(diagram))
    );
    s.push_str(&markers(p));
    let _ = writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    if heading_h > 0.0 {
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{HEADING_SIZE}\" font-weight=\"600\">{}</text>",
            num(MARGIN),
            num(MARGIN + HEADING_SIZE),
            esc(&diagram.title)
        );
    }
    let _ = writeln!(s, "<g transform=\"translate({} {})\">", num(dx), num(dy));
    draw_frames(&mut s, diagram, &frames);
    s.push_str("<g class=\"edges\">\n");
    for (i, ((e, r), at)) in edges.iter().zip(&lay.routes).zip(&labels).enumerate() {
        let title = if e.tooltip.is_empty() {
            format!(
                "{} {} {}",
                diagram.nodes[e.from].label,
                style::sign_word(e.sign),
                diagram.nodes[e.to].label
            )
        } else {
            e.tooltip.clone()
        };
        draw_edge(&mut s, p, i, (e, &title), r, *at);
    }
    s.push_str("</g>\n<g class=\"nodes\">\n");
    for (i, (n, r)) in diagram.nodes.iter().zip(&lay.nodes).enumerate() {
        draw_node(&mut s, p, i, n, r);
    }
    s.push_str("</g>\n</g>\n");
    if !legend.is_empty() {
        let ly = MARGIN + heading_h + (max.1 - min.1) + legend_gap;
        let _ = writeln!(
            s,
            "<g class=\"legend\" transform=\"translate({} {})\">",
            num(MARGIN),
            num(ly)
        );
        s.push_str(&legend_svg);
        s.push_str("</g>\n");
    }
    if !diagram.notes.is_empty() {
        let top = MARGIN + heading_h + (max.1 - min.1) + legend_gap + legend_h + NOTE_GAP;
        let _ = writeln!(
            s,
            "<g class=\"notes\" font-size=\"{SUBLABEL_SIZE}\" fill=\"{MUTED}\">"
        );
        for (i, note) in diagram.notes.iter().enumerate() {
            let _ = writeln!(
                s,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                num(MARGIN),
                num(top + NOTE_ROW * (i as f64 + 0.75)),
                esc(note)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

/// What a screen reader hears: the caller's description, or a count.
fn description(d: &Diagram) -> String {
    if !d.description.is_empty() {
        return d.description.clone();
    }
    let n = d.nodes.len();
    let m = d.valid_edges().count();
    format!(
        "{n} node{} and {m} edge{}; arrows activate, flat bars inhibit.",
        if n == 1 { "" } else { "s" },
        if m == 1 { "" } else { "s" }
    )
}

/// Numbers with at most one decimal, `-0` written as `0`.
pub(super) fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".into()
    } else if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Escape text for XML content and attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Edge heads: a filled arrow (activation), a flat bar (inhibition), an open arrow
/// (delivery), an open circle (null result). One marker per sign, coloured like its edge.
fn markers(p: &str) -> String {
    let mut s = String::from("<defs>\n");
    for sign in [
        Sign::Activation,
        Sign::Inhibition,
        Sign::Delivery,
        Sign::Null,
    ] {
        let c = style::edge_colour(sign);
        let id = format!("{p}head-{}", style::sign_class(sign));
        let shape = match sign {
            Sign::Activation => format!(
                "viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\"><path d=\"M0,1 L10,5 L0,9 z\" fill=\"{c}\"/>"
            ),
            Sign::Inhibition => format!(
                "viewBox=\"0 0 4 14\" refX=\"3\" refY=\"7\" markerWidth=\"4\" markerHeight=\"14\"><rect x=\"0\" y=\"0\" width=\"3\" height=\"14\" fill=\"{c}\"/>"
            ),
            Sign::Delivery => format!(
                "viewBox=\"0 0 11 10\" refX=\"10\" refY=\"5\" markerWidth=\"11\" markerHeight=\"10\"><path d=\"M1,1 L10,5 L1,9\" fill=\"none\" stroke=\"{c}\" stroke-width=\"1.6\"/>"
            ),
            Sign::Null => format!(
                "viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\"><circle cx=\"5\" cy=\"5\" r=\"3.6\" fill=\"#ffffff\" stroke=\"{c}\" stroke-width=\"1.4\"/>"
            ),
        };
        let _ = writeln!(
            s,
            "<marker id=\"{id}\" markerUnits=\"userSpaceOnUse\" orient=\"auto\" {shape}</marker>"
        );
    }
    s.push_str("</defs>\n");
    s
}

/// A point on the curve drawn between two consecutive route points.
fn on_leg(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    let my = (a.1 + b.1) / 2.0;
    let u = 1.0 - t;
    let (c0, c1, c2, c3) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        c0 * a.0 + c1 * a.0 + c2 * b.0 + c3 * b.0,
        c0 * a.1 + c1 * my + c2 * my + c3 * b.1,
    )
}

/// Where each edge's label goes (text baseline, centred): the first spot along the edge
/// that covers no box and no label placed before it; the middle of the first leg if none
/// is free. Labels of loops go to the right of the loop.
fn place_labels(edges: &[&Edge], lay: &Layout, taken: Vec<Rect>) -> Vec<Option<(f64, f64)>> {
    let mut placed = taken;
    let mut out = Vec::with_capacity(edges.len());
    for (e, r) in edges.iter().zip(&lay.routes) {
        if e.label.is_empty() {
            out.push(None);
            continue;
        }
        let w = text_width(&e.label, EDGE_LABEL_SIZE) + 4.0;
        let boxed = |(x, y): (f64, f64)| Rect {
            x: x - w / 2.0,
            y: y - 9.0,
            w,
            h: 12.0,
        };
        if r.self_loop {
            let at = (r.label_at.0 + 16.0, r.label_at.1 + 3.0);
            placed.push(Rect {
                x: at.0,
                ..boxed(at)
            });
            out.push(Some(at));
            continue;
        }
        let mut candidates = Vec::new();
        for leg in r.points.windows(2) {
            for t in [0.5, 0.35, 0.65, 0.2, 0.8] {
                let (x, y) = on_leg(leg[0], leg[1], t);
                candidates.push((x.round(), (y + 3.0).round()));
            }
        }
        let free = candidates.iter().copied().find(|&c| {
            let b = boxed(c);
            lay.nodes.iter().all(|n| !b.overlaps(n)) && placed.iter().all(|p| !b.overlaps(p))
        });
        let at = free.or(candidates.first().copied()).unwrap_or(r.label_at);
        placed.push(boxed(at));
        out.push(Some(at));
    }
    out
}

/// The path of a route: curves with vertical tangents through each point.
fn path_d(r: &Route) -> String {
    let pts = &r.points;
    let Some(&(x0, y0)) = pts.first() else {
        return String::new();
    };
    let mut d = format!("M{},{}", num(x0), num(y0));
    if r.self_loop {
        if let Some(&(x1, y1)) = pts.get(1) {
            let _ = write!(
                d,
                " C{},{} {},{} {},{}",
                num(x0 + 34.0),
                num(y0 - 12.0),
                num(x1 + 34.0),
                num(y1 + 12.0),
                num(x1),
                num(y1)
            );
        }
        return d;
    }
    for w in pts.windows(2) {
        let ((ax, ay), (bx, by)) = (w[0], w[1]);
        let my = (ay + by) / 2.0;
        let _ = write!(
            d,
            " C{},{} {},{} {},{}",
            num(ax),
            num(my),
            num(bx),
            num(my),
            num(bx),
            num(by)
        );
    }
    d
}

fn link_open(s: &mut String, href: &Option<String>) {
    if let Some(h) = href {
        let _ = write!(s, "<a href=\"{}\">", esc(h));
    }
}

fn link_close(s: &mut String, href: &Option<String>) {
    if href.is_some() {
        s.push_str("</a>");
    }
}

fn draw_edge(
    s: &mut String,
    p: &str,
    i: usize,
    (e, title): (&Edge, &str),
    r: &Route,
    at: Option<(f64, f64)>,
) {
    let c = style::edge_colour(e.sign);
    let class = style::sign_class(e.sign);
    let _ = write!(s, "<g class=\"edge {class}\" id=\"{p}e{i}\"");
    if e.faded {
        s.push_str(" opacity=\"0.35\"");
    }
    s.push('>');
    link_open(s, &e.href);
    let _ = write!(s, "<title>{}</title>", esc(title));
    let dash = match (e.sign, e.dashed) {
        (Sign::Null, _) => " stroke-dasharray=\"1.5 3.5\" stroke-linecap=\"round\"",
        (_, true) => " stroke-dasharray=\"6 4\"",
        _ => "",
    };
    let _ = write!(
        s,
        "<path d=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"1.5\"{dash} marker-end=\"url(#{p}head-{class})\"/>",
        path_d(r)
    );
    if let Some((x, y)) = at {
        let anchor = if r.self_loop { "start" } else { "middle" };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{EDGE_LABEL_SIZE}\" text-anchor=\"{anchor}\" fill=\"{MUTED}\" \
             stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">{}</text>",
            num(x),
            num(y),
            esc(&e.label)
        );
    }
    link_close(s, &e.href);
    s.push_str("</g>\n");
}

fn draw_node(s: &mut String, p: &str, i: usize, n: &Node, r: &Rect) {
    let c = style::node_colours(n.class);
    let class = style::class_word(n.class);
    let _ = write!(s, "<g class=\"node {class}");
    if let Some(pin) = n.pin {
        let _ = write!(s, " {}", style::pin_word(pin));
    }
    let _ = write!(s, "\" id=\"{p}n{i}\"");
    if n.faded {
        s.push_str(" opacity=\"0.35\"");
    }
    s.push('>');
    link_open(s, &n.href);
    // Every box gets a tooltip, if only its own words.
    let title = match (n.tooltip.is_empty(), n.sublabel.is_empty()) {
        (false, _) => n.tooltip.clone(),
        (true, true) => n.label.clone(),
        (true, false) => format!("{}\n{}", n.label, n.sublabel),
    };
    let _ = write!(s, "<title>{}</title>", esc(&title));
    let stroke_w = if n.emphasis { 2.5 } else { 1.2 };
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{stroke_w}\"/>",
        num(r.x),
        num(r.y),
        num(r.w),
        num(r.h),
        c.fill,
        c.stroke
    );
    if n.pin.is_some() {
        // A second, inner border: fixed by the run, not derived.
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"/>",
            num(r.x + 3.0),
            num(r.y + 3.0),
            num(r.w - 6.0),
            num(r.h - 6.0),
            c.stroke
        );
    }
    let cx = r.cx();
    if n.sublabel.is_empty() {
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{LABEL_SIZE}\" font-weight=\"600\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            num(cx),
            num(r.y + r.h / 2.0 + LABEL_SIZE * 0.35),
            c.text,
            esc(&n.label)
        );
    } else {
        let _ = write!(
            s,
            "<text x=\"{x}\" y=\"{}\" font-size=\"{LABEL_SIZE}\" font-weight=\"600\" text-anchor=\"middle\" fill=\"{}\">{}</text>\
             <text x=\"{x}\" y=\"{}\" font-size=\"{SUBLABEL_SIZE}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            num(r.y + 19.0),
            c.text,
            esc(&n.label),
            num(r.y + r.h - 10.0),
            c.text,
            esc(&n.sublabel),
            x = num(cx),
        );
    }
    link_close(s, &n.href);
    s.push_str("</g>\n");
}

/// A frame per cluster around its members, only where it holds no other node and meets
/// no other frame (a layered layout cannot always keep a context together).
fn frames(d: &Diagram, lay: &Layout) -> Vec<Option<(Rect, usize)>> {
    let mut out: Vec<Option<(Rect, usize)>> = Vec::with_capacity(d.clusters.len());
    for c in 0..d.clusters.len() {
        let members: Vec<usize> = (0..d.nodes.len())
            .filter(|&i| d.nodes[i].cluster == Some(c))
            .collect();
        let Some(&first) = members.first() else {
            out.push(None);
            continue;
        };
        let mut b = lay.nodes[first];
        for &m in &members[1..] {
            let r = lay.nodes[m];
            let (x0, y0) = (b.x.min(r.x), b.y.min(r.y));
            let (x1, y1) = (b.right().max(r.right()), b.bottom().max(r.bottom()));
            b = Rect {
                x: x0,
                y: y0,
                w: x1 - x0,
                h: y1 - y0,
            };
        }
        let frame = Rect {
            x: b.x - FRAME_PAD,
            y: b.y - FRAME_PAD - FRAME_LABEL,
            w: b.w + 2.0 * FRAME_PAD,
            h: b.h + 2.0 * FRAME_PAD + FRAME_LABEL,
        };
        let label_w = text_width(&d.clusters[c].label, SUBLABEL_SIZE) + 2.0 * FRAME_PAD;
        let frame = Rect {
            w: frame.w.max(label_w),
            ..frame
        };
        let clear = (0..d.nodes.len())
            .filter(|&i| d.nodes[i].cluster != Some(c))
            .all(|i| !frame.overlaps(&lay.nodes[i]))
            && out.iter().flatten().all(|(f, _)| !frame.overlaps(f));
        out.push(clear.then_some((frame, c)));
    }
    out
}

fn draw_frames(s: &mut String, d: &Diagram, frames: &[Option<(Rect, usize)>]) {
    if frames.iter().all(Option::is_none) {
        return;
    }
    s.push_str("<g class=\"clusters\">\n");
    for (f, c) in frames.iter().flatten() {
        let _ = writeln!(
            s,
            "<g class=\"cluster\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"#f7f9fc\" stroke=\"#bcccdc\" stroke-dasharray=\"4 3\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"{SUBLABEL_SIZE}\" font-style=\"italic\" fill=\"{MUTED}\">{}</text></g>",
            num(f.x),
            num(f.y),
            num(f.w),
            num(f.h),
            num(f.x + FRAME_PAD),
            num(f.y + 13.0),
            esc(&d.clusters[*c].label)
        );
    }
    s.push_str("</g>\n");
}
