//! Pictures of causal graphs: a neutral [`Diagram`] (what to draw), a layered
//! [`layout`] (where), and two writers, [`svg`] (pure Rust, no Graphviz needed) and
//! [`dot`] (for people who have Graphviz).
//!
//! Callers (the statement network of `marrow graph`, derivations of `why`) only fill a
//! `Diagram`; every colour, marker and coordinate is decided here, so all pictures look
//! alike and the output is byte-stable: nodes and edges are written in the order given,
//! coordinates are integers.

pub mod dot;
pub mod layout;
mod legend;
pub mod metrics;
pub mod style;
pub mod svg;

/// What a node's colour says about the entity or fact it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeClass {
    /// Only up holds (or the fact is an up state).
    Up,
    /// Only down holds (or the fact is a down state).
    Down,
    /// Both states hold; the sublabel should give the lean and margin.
    Conflicting,
    /// Neither state holds.
    Unaffected,
}

/// A state the run fixes rather than derives: drawn with a double border.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pin {
    /// A `given` fact.
    Given,
    /// A knockout or overexpression.
    Clamped,
}

/// The sign an edge carries; drawn by its head (not only by colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sign {
    /// `→`: a filled arrowhead.
    Activation,
    /// `⊣`: a flat bar.
    Inhibition,
    /// Cargo or product (`carries`): an open arrowhead.
    Delivery,
    /// A reported null result (`does not affect`): dotted, a small open circle.
    Null,
}

/// One box of the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The main line (an entity name, or `name up` for a fact).
    pub label: String,
    /// A smaller second line (net effect, strength…); empty for none.
    pub sublabel: String,
    /// What the node's colours say: up, down, conflicting or unaffected.
    pub class: NodeClass,
    /// A double border when the run fixes the state; `None` when derived.
    pub pin: Option<Pin>,
    /// Drawn with a heavier border: what the picture is about.
    pub emphasis: bool,
    /// Drawn pale: background context (other lines of evidence).
    pub faded: bool,
    /// Hover text (`<title>` in SVG, `tooltip` in DOT): citations, `file:line`.
    pub tooltip: String,
    /// A link target, e.g. `#ref-3` inside a report; `None` for no link.
    pub href: Option<String>,
    /// Index into [`Diagram::clusters`].
    pub cluster: Option<usize>,
}

impl Node {
    /// A plain node with only a label and a class.
    pub fn new(label: impl Into<String>, class: NodeClass) -> Node {
        Node {
            label: label.into(),
            sublabel: String::new(),
            class,
            pin: None,
            emphasis: false,
            faded: false,
            tooltip: String::new(),
            href: None,
            cluster: None,
        }
    }
}

/// One arrow between two nodes (indices into [`Diagram::nodes`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Index of the source node.
    pub from: usize,
    /// Index of the target node.
    pub to: usize,
    /// Written beside the edge (the verb as written); empty for none.
    pub label: String,
    /// Drawn by the arrowhead.
    pub sign: Sign,
    /// Dashed stroke: a conditional or disputed statement.
    pub dashed: bool,
    /// Drawn pale: background context.
    pub faded: bool,
    /// Hover text (`<title>` in SVG, `tooltip` in DOT); empty for none.
    pub tooltip: String,
    /// A link target; `None` for no link.
    pub href: Option<String>,
}

impl Edge {
    /// A plain solid edge from node `from` to node `to`.
    pub fn new(from: usize, to: usize, sign: Sign) -> Edge {
        Edge {
            from,
            to,
            label: String::new(),
            sign,
            dashed: false,
            faded: false,
            tooltip: String::new(),
            href: None,
        }
    }
}

/// A named group of nodes (a context): a cluster in DOT; in SVG a frame drawn when the
/// layout keeps its members together.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The context's name.
    pub label: String,
}

/// Everything a picture shows, in drawing order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    /// A one-line title: the accessible name (`<title>`) and the DOT graph label.
    pub title: String,
    /// A sentence or two for screen readers (`<desc>`).
    pub description: String,
    /// The boxes; edges and [`Diagram::clusters`]' members refer to them by index.
    pub nodes: Vec<Node>,
    /// The arrows.
    pub edges: Vec<Edge>,
    /// Contexts that nodes may belong to ([`Node::cluster`]).
    pub clusters: Vec<Cluster>,
    /// Draw a small key of the colours and edge heads used.
    pub legend: bool,
    /// Lines written under the picture in SVG (a derivation's statements with `file:line`
    /// and citations), so a printed picture names its sources; empty for none.
    pub notes: Vec<String>,
}

impl Diagram {
    /// An empty picture titled `title`, with a legend.
    pub fn new(title: impl Into<String>) -> Diagram {
        Diagram {
            title: title.into(),
            legend: true,
            ..Diagram::default()
        }
    }

    /// Add a node; returns its index for [`Edge::new`].
    pub fn add_node(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    /// Add an edge between nodes already added.
    pub fn add_edge(&mut self, edge: Edge) {
        self.edges.push(edge);
    }

    /// Edges whose ends are not nodes of the diagram are a caller's bug; writers skip them.
    pub(crate) fn valid_edges(&self) -> impl Iterator<Item = (usize, &Edge)> {
        let n = self.nodes.len();
        self.edges
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.from < n && e.to < n)
    }
}
