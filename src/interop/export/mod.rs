//! Export: a loaded program (and a run's net effects) in formats other tools read.
//!
//! Every format reads the same [`Export`]: the statements active under the run's contexts
//! as [`Edge`]s, the entities they touch, and the net effect on each entity when a run was
//! given. Order is the program's (statements in load order, entities by first mention), so
//! output is byte-identical for the same input.

pub mod bel;
pub mod cx2;
pub mod graphml;
pub mod json;
pub mod sif;
mod walked;

use indexmap::IndexMap;

use crate::engine::{NetEffect, RunConfig};
use crate::program::{EntityId, Program, Provenance, State};

/// What to export.
pub struct Export<'a> {
    /// The program whose statements are exported.
    pub program: &'a Program,
    /// Clamps and selected contexts (statements of other contexts are left out).
    pub config: RunConfig,
    /// The scenario's name, if one was run.
    pub scenario: Option<String>,
    /// The run's net effects by entity, when a run was asked for.
    pub effects: Option<IndexMap<EntityId, NetEffect>>,
}

/// What kind of item an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// A statement: subject to object.
    Statement,
    /// One premise of a `when … then …` (the edge has the conjunction's index).
    Conjunction(usize),
    /// `does not affect`
    Null,
}

/// One exported edge: a statement, a null result, or one premise of a conjunction.
#[derive(Debug, Clone)]
pub struct Edge<'a> {
    /// What the edge stands for.
    pub kind: EdgeKind,
    /// The subject; for a conjunction, the premise's entity.
    pub source: EntityId,
    /// The object; for a conjunction, the head's entity.
    pub target: EntityId,
    /// The verb as written (`promotes`; `does not affect`; `then up|down` for conjunctions).
    pub verb: String,
    /// `activates`, `inhibits`, `carries`, `does not affect`, `conjunction`.
    pub relation: &'static str,
    /// +1, -1, or 0 for a null result.
    pub sign: i8,
    /// The item's confidence, in (0, 1].
    pub confidence: f64,
    /// Its citations as written, without repeats.
    pub citations: Vec<&'a str>,
    /// Names of the contexts it belongs to.
    pub contexts: Vec<&'a str>,
    /// `when` conditions, as `ENTITY up|down`.
    pub conditions: Vec<String>,
    /// `file:line` of the statement.
    pub location: String,
}

impl<'a> Export<'a> {
    /// The whole program, every statement active.
    pub fn all(program: &'a Program) -> Self {
        Export {
            program,
            config: RunConfig::default(),
            scenario: None,
            effects: None,
        }
    }

    fn active(&self, p: &Provenance) -> bool {
        self.config.is_active(self.program.contexts(p))
    }

    fn edge(&self, kind: EdgeKind, p: &'a Provenance) -> Edge<'a> {
        let program = self.program;
        Edge {
            kind,
            source: EntityId(0),
            target: EntityId(0),
            verb: String::new(),
            relation: "",
            sign: 0,
            confidence: program.confidence(p),
            citations: program.citations(p),
            contexts: program
                .contexts(p)
                .map(|c| program.context_name(c))
                .collect(),
            conditions: Vec::new(),
            location: program.sources.file_line(p.span),
        }
    }

    /// Every active statement, null result and conjunction premise, in program order.
    pub fn edges(&self) -> Vec<Edge<'a>> {
        let p = self.program;
        let mut out = Vec::new();
        for s in &p.statements {
            if !self.active(&s.provenance) {
                continue;
            }
            let mut e = self.edge(EdgeKind::Statement, &s.provenance);
            e.source = s.subject;
            e.target = s.object;
            e.verb = p.verb_word(s.verb()).to_string();
            e.relation = s.relation().as_str();
            e.sign = if s.relation().is_negative() { -1 } else { 1 };
            e.conditions = p
                .conditions(s)
                .map(|c| format!("{} {}", p.entity_name(c.entity), c.state.as_str()))
                .collect();
            out.push(e);
        }
        for n in &p.nulls {
            if !self.active(&n.provenance) {
                continue;
            }
            let mut e = self.edge(EdgeKind::Null, &n.provenance);
            e.source = n.subject;
            e.target = n.object;
            e.verb = "does not affect".into();
            e.relation = "does not affect";
            out.push(e);
        }
        for (i, c) in p.conjunctions.iter().enumerate() {
            if !self.active(&c.provenance) {
                continue;
            }
            for premise in &c.premises {
                let mut e = self.edge(EdgeKind::Conjunction(i), &c.provenance);
                e.source = premise.entity;
                e.target = c.head.entity;
                e.verb = format!("then {}", c.head.state.as_str());
                e.relation = "conjunction";
                e.sign = match (premise.state, c.head.state) {
                    (State::Up, State::Up) | (State::Down, State::Down) => 1,
                    _ => -1,
                };
                e.conditions = c
                    .premises
                    .iter()
                    .map(|c| format!("{} {}", p.entity_name(c.entity), c.state.as_str()))
                    .collect();
                out.push(e);
            }
        }
        out
    }

    /// The entities to write as nodes: those the edges touch and those the run moved, in
    /// entity order.
    pub fn nodes(&self, edges: &[Edge<'_>]) -> Vec<EntityId> {
        let mut seen = vec![false; self.program.entities.len()];
        for e in edges {
            seen[e.source.0 as usize] = true;
            seen[e.target.0 as usize] = true;
        }
        if let Some(effects) = &self.effects {
            for id in effects.keys() {
                seen[id.0 as usize] = true;
            }
        }
        (0..seen.len() as u32)
            .map(EntityId)
            .filter(|id| seen[id.0 as usize])
            .collect()
    }

    /// The run's net effect on an entity; `None` without a run or for an unaffected entity.
    pub fn effect(&self, id: EntityId) -> Option<&NetEffect> {
        self.effects.as_ref()?.get(&id)
    }
}

/// Stronger side over weaker side of a conflict (exactly 1 on a tie): the run's own
/// margin, decided by exact strengths, also when `decisive` settled the conflict.
pub fn margin(e: &NetEffect) -> Option<f64> {
    e.margin
}

/// The node attributes of a run's effect, in the order every format writes them.
pub struct NodeEffect {
    /// `up`, `down`, `conflicting` or `unaffected`.
    pub net: &'static str,
    /// A conflict's stronger side, `up` or `down` (kept when `decisive` settled the
    /// conflict); `None` on a tie or without a conflict.
    pub lean: Option<&'static str>,
    /// A conflict's stronger ÷ weaker strength (see [`margin`]).
    pub margin: Option<f64>,
    /// Strength of the up state, when it holds.
    pub up: Option<f64>,
    /// Strength of the down state, when it holds.
    pub down: Option<f64>,
    /// `given`, `knockout` or `overexpress` when the run clamps the entity.
    pub clamp: Option<&'static str>,
}

impl NodeEffect {
    /// The attributes of one net effect.
    pub fn of(e: &NetEffect) -> Self {
        NodeEffect {
            net: e.net.as_str(),
            lean: e.lean.map(State::as_str),
            margin: margin(e),
            up: e.up.map(|s| s.strength),
            down: e.down.map(|s| s.strength),
            clamp: e.clamp.map(|c| c.as_str()),
        }
    }
}

/// XML text and attribute escaping.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
