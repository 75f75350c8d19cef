//! Derivations as pictures: a [`Why`] answer (or its causal chain) filled into a neutral
//! [`Diagram`], which `render::diagram` lays out and writes as SVG or DOT.
//!
//! What a biologist reads is the causal line `hypoxia → BMSC-exosome → miR-223 ⊣ PKNOX1`,
//! so state facts are the boxes and the relation facts that statements state become the
//! edges between them — labelled with the verb as written, with the statement's citations
//! and `file:line` in the edge's tooltip. Every fact is drawn once, even when the
//! strongest and the opposing derivation (or a background line of evidence) share it.

use std::collections::HashMap;

use crate::engine::{Fact, Origin};
use crate::explain::{Chain, Graph, Node as DNode, Step, Why};
use crate::program::{ClampKind, EntityId, Relation, State};

use super::View;
use super::diagram::{Diagram, Edge, Node, NodeClass, Pin, Sign};
use super::name::fact_text;
use super::text::strength;
use super::words::{self, backing};

/// Maps a citation to its number in a page's bibliography (`#ref-N`); none outside a page.
pub type Refs<'r> = &'r dyn Fn(&str) -> Option<usize>;

/// What a derivation picture includes beyond the answer itself.
#[derive(Clone, Copy, Default)]
pub struct PictureOptions<'r> {
    /// Scenario name for the title.
    pub scenario: Option<&'r str>,
    /// Citation numbers, so edges link into a report's bibliography.
    pub refs: Option<Refs<'r>>,
}

/// The role a derivation plays in the picture.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Main,
    Opposing,
    /// Another line of evidence: drawn faded, behind the main lines.
    Background,
}

/// What a box stands for: a state fact, or a bare entity (the source of a relation that
/// no state premise reaches, e.g. in a user rule with relation premises only).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    State(EntityId, State),
    Entity(EntityId),
}

/// Fills a diagram, one box per fact however many derivations use it.
struct Builder<'v, 'r> {
    view: &'v View<'v>,
    refs: Option<Refs<'r>>,
    d: Diagram,
    boxes: HashMap<Key, usize>,
    edges: HashMap<(usize, usize, String), usize>,
    /// Statements drawn, in first-use order, for the description.
    cited: Vec<String>,
}

/// The strongest derivation of `why.fact`, its opposing derivation beside it when the
/// opposite state holds, and `background` derivations (other lines of evidence) faded.
pub fn derivation(view: &View, why: &Why, background: &[Graph], opts: &PictureOptions) -> Diagram {
    let mut b = Builder::new(view, opts.refs, title(view, why, opts, false));
    if let Some(g) = &why.derivation {
        b.graph(g, Role::Main);
    }
    if let Some(g) = &why.opposing {
        b.graph(g, Role::Opposing);
    }
    // Lines of evidence (`explain::alternatives`, the evidence lines as graphs), faded.
    // Their statements are not listed under the picture: the main lines' are.
    let listed = b.cited.len();
    for g in background {
        b.graph(g, Role::Background);
    }
    b.cited.truncate(listed);
    if why.derivation.is_none() {
        b.missing(why.fact);
    }
    let summary = match &why.derivation {
        Some(g) => format!(
            "The strongest derivation of {} (strength {}, {} step{}).",
            fact_text(view.program, &g.root_node().fact, None),
            strength(g.root_node().strength),
            g.root_node().steps,
            if g.root_node().steps == 1 { "" } else { "s" }
        ),
        None => format!(
            "{} does not hold.",
            fact_text(view.program, &why.fact, None)
        ),
    };
    let opposing = why.opposing.as_ref().map_or(String::new(), |g| {
        format!(
            " Beside it, the opposing derivation of {} (strength {}).",
            fact_text(view.program, &g.root_node().fact, None),
            strength(g.root_node().strength)
        )
    });
    let faded = if background.is_empty() {
        String::new()
    } else {
        format!(
            " {} other line{} of evidence drawn faded.",
            background.len(),
            if background.len() == 1 { "" } else { "s" }
        )
    };
    b.finish(format!("{summary}{opposing}{faded}"))
}

/// The causal line of a derivation (`why --chain`), and the opposing line beside it.
pub fn chain(
    view: &View,
    why: &Why,
    main: Option<(&Graph, &Chain)>,
    opposing: Option<(&Graph, &Chain)>,
    opts: &PictureOptions,
) -> Diagram {
    let mut b = Builder::new(view, opts.refs, title(view, why, opts, true));
    let mut lines = Vec::new();
    if let Some((g, c)) = main {
        b.chain(g, c, Role::Main);
        lines.push(super::text::chain(view, c));
    }
    if let Some((g, c)) = opposing {
        b.chain(g, c, Role::Opposing);
        lines.push(format!("opposing: {}", super::text::chain(view, c)));
    }
    if main.is_none() {
        b.missing(why.fact);
        lines.insert(
            0,
            format!(
                "{} does not hold.",
                fact_text(view.program, &why.fact, None)
            ),
        );
    }
    b.finish(lines.join(" "))
}

fn title(view: &View, why: &Why, opts: &PictureOptions, chain: bool) -> String {
    let fact = fact_text(view.program, &why.fact, None);
    let what = if chain { "causal chain" } else { "derivation" };
    match opts.scenario {
        Some(s) => format!("Why {fact}: {what} (scenario {s})"),
        None => format!("Why {fact}: {what}"),
    }
}

fn class(state: State) -> NodeClass {
    match state {
        State::Up => NodeClass::Up,
        State::Down => NodeClass::Down,
    }
}

fn sign(relation: Relation) -> Sign {
    match relation {
        Relation::Activates => Sign::Activation,
        Relation::Inhibits => Sign::Inhibition,
        Relation::Carries => Sign::Delivery,
    }
}

/// A step between two states with no relation to name it (conjunctions, user rules):
/// same direction reads as activation, opposite as inhibition.
fn state_sign(from: State, to: State) -> Sign {
    if from == to {
        Sign::Activation
    } else {
        Sign::Inhibition
    }
}

impl<'v, 'r> Builder<'v, 'r> {
    fn new(view: &'v View<'v>, refs: Option<Refs<'r>>, title: String) -> Self {
        Builder {
            view,
            refs,
            d: Diagram::new(title),
            boxes: HashMap::new(),
            edges: HashMap::new(),
            cited: Vec::new(),
        }
    }

    fn finish(mut self, summary: String) -> Diagram {
        let mut desc = summary;
        desc.push_str(
            " Boxes are facts, green up and red down, double-bordered when given or clamped; \
             arrows activate, flat bars inhibit, open arrows deliver cargo.",
        );
        if !self.cited.is_empty() {
            desc.push_str(" Statements: ");
            desc.push_str(&self.cited.join("; "));
            desc.push('.');
        }
        self.d.description = desc;
        self.d.notes = self.cited;
        self.d
    }

    fn name(&self, e: EntityId) -> String {
        words::entity(self.view, e)
    }

    /// `  [1] Ye et al., 2018` lines and the first citation's link.
    fn citations(&self, citations: &[String]) -> (String, Option<String>) {
        let mut text = String::new();
        let mut href = None;
        let mut plain = Vec::new();
        for c in citations {
            match self.refs.and_then(|r| r(c)) {
                Some(n) => {
                    href.get_or_insert_with(|| format!("#ref-{n}"));
                    text.push_str(&format!("\n[{n}] {c}"));
                }
                None => plain.push(c.as_str()),
            }
        }
        if !plain.is_empty() {
            text.push_str(&format!("\n[{}]", plain.join("; ")));
        }
        (text, href)
    }

    /// The words of a statement, conjunction or rule line: `file:line`, context, citations.
    fn source_words(&self, origin: Origin) -> (String, Option<String>) {
        let b = backing(self.view, origin);
        let mut text = String::new();
        if let Some(span) = b.source {
            text.push_str(&format!("\n{}", self.view.file_line(span)));
        }
        if !b.contexts.is_empty() {
            text.push_str(&format!("\nin {}", b.contexts.join(", ")));
        }
        let (cites, href) = self.citations(&b.citations);
        text.push_str(&cites);
        (text, href)
    }

    /// The box of a state fact, created on first use.
    fn state_box(&mut self, node: &DNode, role: Role) -> Option<usize> {
        let Fact::State(e, st) = node.fact else {
            return None;
        };
        if let Some(&i) = self.boxes.get(&Key::State(e, st)) {
            // A fact the main line shares with a background line is not faded.
            if role != Role::Background {
                self.d.nodes[i].faded = false;
            }
            return Some(i);
        }
        let mut n = Node::new(format!("{} {}", self.name(e), st.as_str()), class(st));
        let fact = fact_text(self.view.program, &node.fact, None);
        match node.origin {
            Origin::Clamp(kind) => {
                n.pin = Some(match kind {
                    ClampKind::Given => Pin::Given,
                    ClampKind::Knockout | ClampKind::Overexpress => Pin::Clamped,
                });
                n.sublabel = kind.as_str().to_string();
                n.tooltip = format!("{fact}: {} in this run", kind.as_str());
            }
            origin => {
                n.sublabel = format!("strength {}", strength(node.strength));
                let by = match words::rule(self.view, origin) {
                    Some(r) => format!("by rule {}", r.name),
                    None => match origin {
                        Origin::Conjunction(_) => "by a conjunction".to_string(),
                        _ => "by a statement".to_string(),
                    },
                };
                n.tooltip = format!(
                    "{fact}, strength {}, {} step{}, {by}",
                    strength(node.strength),
                    node.steps,
                    if node.steps == 1 { "" } else { "s" }
                );
            }
        }
        if role == Role::Opposing && n.pin.is_none() {
            n.sublabel = format!("opposing · {}", n.sublabel);
        }
        n.faded = role == Role::Background;
        let i = self.d.add_node(n);
        self.boxes.insert(Key::State(e, st), i);
        Some(i)
    }

    fn entity_box(&mut self, e: EntityId, role: Role) -> usize {
        if let Some(&i) = self.boxes.get(&Key::Entity(e)) {
            return i;
        }
        let mut n = Node::new(self.name(e), NodeClass::Unaffected);
        n.faded = role == Role::Background;
        let i = self.d.add_node(n);
        self.boxes.insert(Key::Entity(e), i);
        i
    }

    fn edge(&mut self, mut edge: Edge, role: Role) {
        let key = (edge.from, edge.to, edge.label.clone());
        if let Some(&i) = self.edges.get(&key) {
            if role != Role::Background {
                self.d.edges[i].faded = false;
            }
            return;
        }
        edge.faded = role == Role::Background;
        self.edges.insert(key, self.d.edges.len());
        self.d.add_edge(edge);
    }

    /// A relation fact as an edge: verb as written, sign, statement words.
    fn relation_edge(&mut self, from: usize, to: usize, rel: &DNode, rule: Option<&str>) -> Edge {
        let Fact::Relation(a, r, b) = rel.fact else {
            return Edge::new(from, to, Sign::Activation);
        };
        let verb = match rel.origin {
            Origin::Statement(id) => self
                .view
                .program
                .statements
                .get(id.0 as usize)
                .map(|st| self.view.program.verb_word(st.verb()).to_string()),
            _ => None,
        }
        .unwrap_or_else(|| r.as_str().to_string());
        let mut e = Edge::new(from, to, sign(r));
        e.label = verb.clone();
        let stated = format!("{} {verb} {}", self.name(a), self.name(b));
        let (src, href) = self.source_words(rel.origin);
        e.tooltip = match rule {
            Some(rule) => format!("{stated}\n(rule {rule}){src}"),
            None => format!("{stated}{src}"),
        };
        e.href = href;
        // A statement with `when` conditions holds only because they do.
        e.dashed = !rel.premises.is_empty();
        let cite = src.replace('\n', " ").trim().to_string();
        let line = if cite.is_empty() {
            stated
        } else {
            format!("{stated} ({cite})")
        };
        if !self.cited.contains(&line) {
            self.cited.push(line);
        }
        e
    }

    /// Every state fact of a derivation as a box and every step as edges.
    fn graph(&mut self, g: &Graph, role: Role) {
        for node in &g.nodes {
            self.state_box(node, role);
        }
        for node in &g.nodes {
            let Fact::State(_, to_state) = node.fact else {
                continue;
            };
            let Some(to) = self.state_box(node, role) else {
                continue;
            };
            let premises: Vec<&DNode> = node.premises.iter().map(|&p| g.node(p)).collect();
            let states: Vec<&DNode> = premises
                .iter()
                .copied()
                .filter(|p| matches!(p.fact, Fact::State(..)))
                .collect();
            let relations: Vec<&DNode> = premises
                .iter()
                .copied()
                .filter(|p| matches!(p.fact, Fact::Relation(..)))
                .collect();
            let rule = words::rule(self.view, node.origin).map(|r| r.name.clone());
            let mut used = vec![false; states.len()];
            for rel in &relations {
                let Fact::Relation(a, _, _) = rel.fact else {
                    continue;
                };
                let source = states
                    .iter()
                    .position(|s| matches!(s.fact, Fact::State(e, _) if e == a));
                let from = match source {
                    Some(i) => {
                        used[i] = true;
                        self.state_box(states[i], role)
                    }
                    None => Some(self.entity_box(a, role)),
                };
                if let Some(from) = from {
                    let e = self.relation_edge(from, to, rel, rule.as_deref());
                    self.edge(e, role);
                }
                // The conditions of a conditional statement point at what they enabled.
                for &c in &rel.premises {
                    if let Some(from) = self.state_box(g.node(c), role) {
                        let mut e = Edge::new(from, to, Sign::Activation);
                        e.label = "when".into();
                        e.dashed = true;
                        e.tooltip = format!(
                            "condition of {}",
                            fact_text(self.view.program, &rel.fact, None)
                        );
                        self.edge(e, role);
                    }
                }
            }
            // State premises no relation names: conjunction conditions, user rules.
            let (label, tip, href) = match node.origin {
                Origin::Conjunction(id) => {
                    let text = self
                        .view
                        .program
                        .conjunctions
                        .get(id.0 as usize)
                        .map(|cj| words::conjunction(self.view, cj))
                        .unwrap_or_default();
                    let (src, href) = self.source_words(node.origin);
                    let cite = src.replace('\n', " ").trim().to_string();
                    let line = format!("{text} ({cite})");
                    if !self.cited.contains(&line) {
                        self.cited.push(line);
                    }
                    ("and".to_string(), format!("{text}{src}"), href)
                }
                _ => {
                    let name = rule.clone().unwrap_or_default();
                    let (src, _) = self.source_words(node.origin);
                    (name.clone(), format!("rule {name}{src}"), None)
                }
            };
            for (i, s) in states.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let Fact::State(_, from_state) = s.fact else {
                    continue;
                };
                if let Some(from) = self.state_box(s, role) {
                    let mut e = Edge::new(from, to, state_sign(from_state, to_state));
                    e.label = label.clone();
                    e.tooltip = tip.clone();
                    e.href = href.clone();
                    self.edge(e, role);
                }
            }
        }
        if let Fact::Relation(a, _, b) = g.root_node().fact {
            let (from, to) = (self.entity_box(a, role), self.entity_box(b, role));
            let e = self.relation_edge(from, to, g.root_node(), None);
            self.edge(e, role);
        }
        if role != Role::Background
            && let Some(i) = self.state_box(g.root_node(), role)
        {
            self.d.nodes[i].emphasis = true;
        }
    }

    /// The spine of a derivation: one box per entity on it, one edge per link.
    fn chain(&mut self, g: &Graph, c: &Chain, role: Role) {
        let node_of = |e: EntityId| {
            g.nodes
                .iter()
                .rev()
                .find(|n| matches!(n.fact, Fact::State(x, _) if x == e))
        };
        let start = c.start.map(|(e, _)| e).or(c.start_entity);
        let Some(start) = start else {
            if let Some(i) = self.state_box(g.root_node(), role) {
                self.d.nodes[i].emphasis = role != Role::Background;
            }
            return;
        };
        let mut prev = match node_of(start) {
            Some(n) => self.state_box(n, role),
            None => Some(self.entity_box(start, role)),
        };
        let mut prev_entity = start;
        for link in &c.links {
            let here = match node_of(link.entity) {
                Some(n) => self.state_box(n, role),
                None => Some(self.entity_box(link.entity, role)),
            };
            if let (Some(from), Some(to)) = (prev, here) {
                let e = match &link.step {
                    Step::Relation { relation, .. } => {
                        let rel = g.nodes.iter().find(|n| {
                            n.fact == Fact::Relation(prev_entity, *relation, link.entity)
                        });
                        match rel {
                            Some(rel) => self.relation_edge(from, to, rel, None),
                            None => {
                                let mut e = Edge::new(from, to, sign(*relation));
                                e.label = relation.as_str().to_string();
                                e
                            }
                        }
                    }
                    Step::Conjunction { others } => {
                        let mut e = Edge::new(from, to, Sign::Activation);
                        let others: Vec<String> = others
                            .iter()
                            .map(|f| fact_text(self.view.program, f, None))
                            .collect();
                        e.label = if others.is_empty() {
                            "when".into()
                        } else {
                            format!("with {}", others.join(" and "))
                        };
                        e.tooltip = e.label.clone();
                        e
                    }
                };
                self.edge(e, role);
            }
            prev = here;
            prev_entity = link.entity;
        }
        if let Some(i) = prev
            && role != Role::Background
        {
            self.d.nodes[i].emphasis = true;
        }
    }

    /// A fact that does not hold: one grey box, so the picture is never empty.
    fn missing(&mut self, fact: Fact) {
        let label = match fact {
            Fact::State(e, st) => format!("{} {}", self.name(e), st.as_str()),
            f => fact_text(self.view.program, &f, None),
        };
        let mut n = Node::new(label, NodeClass::Unaffected);
        n.sublabel = "does not hold".into();
        n.emphasis = true;
        self.d.add_node(n);
    }
}
