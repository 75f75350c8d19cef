//! One causal line through a derivation, the way biologists read it:
//! `hypoxia →increases→ BMSC-exosome ⊣inhibits⊣ PKNOX1 ⇒ up` (worded by `render`).

use crate::engine::{Fact, Origin};
use crate::program::{EntityId, Program, Relation, State, VerbId};

use super::graph::{Graph, Node};

/// How one edge of a chain is made.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A relation premise: its relation and, when a statement states it, the verb as written.
    Relation {
        /// The relation of the edge.
        relation: Relation,
        /// The stating statement's verb word; `None` when a rule derived the relation.
        verb: Option<VerbId>,
    },
    /// A conjunction: the other conditions that had to hold beside the spine's.
    Conjunction {
        /// The conjunction's other conditions, as facts.
        others: Vec<Fact>,
    },
}

/// One edge of a chain: how it is made and the entity it reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// How the edge is made.
    pub step: Step,
    /// The entity the edge reaches (its state is the next fact of the spine).
    pub entity: EntityId,
    /// The `when` conditions of the statement behind the edge (`[when RANKL up]`).
    pub conditions: Vec<Fact>,
}

impl Link {
    /// Inhibition-like edges are drawn `⊣verb⊣`.
    pub fn negative(&self) -> bool {
        matches!(self.step, Step::Relation { relation, .. } if relation.is_negative())
    }
}

/// The causal spine of a derivation: where it starts, each edge, and the final fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The state the spine starts from (a clamp or a plain fact); `None` when it starts
    /// at the subject of an edge whose rule had no state premise.
    pub start: Option<(EntityId, State)>,
    /// The entity the spine starts at: `start`'s, or else the subject of its first edge.
    pub start_entity: Option<EntityId>,
    /// The edges, from the start to the explained fact.
    pub links: Vec<Link>,
    /// The explained fact: the derivation's root.
    pub end: Fact,
}

/// The verb of a relation fact when a statement states it.
fn stated_verb(program: &Program, node: &Node) -> Option<VerbId> {
    match node.origin {
        Origin::Statement(id) => program.statements.get(id.0 as usize).map(|st| st.verb()),
        _ => None,
    }
}

/// Follow the spine of the derivation: at each state derived by a rule, step to its state
/// premise (the weakest one when there are several — the one limiting the strength) and
/// record the relation premise as the edge.
pub fn chain(program: &Program, graph: &Graph) -> Chain {
    let mut links = Vec::new();
    let mut current = graph.root_node();
    let mut start_entity = None;
    while let Fact::State(entity, _) = current.fact {
        let states: Vec<&Node> = current
            .premises
            .iter()
            .map(|&p| graph.node(p))
            .filter(|p| matches!(p.fact, Fact::State(..)))
            .collect();
        let relation = current
            .premises
            .iter()
            .map(|&p| graph.node(p))
            .find(|p| matches!(p.fact, Fact::Relation(..)));
        let spine = states
            .iter()
            .copied()
            .fold(None::<&Node>, |best, p| match best {
                Some(b) if b.strength <= p.strength => Some(b),
                _ => Some(p),
            });
        match (spine, relation) {
            (_, Some(rel)) => {
                let Fact::Relation(subject, r, _) = rel.fact else {
                    break;
                };
                links.push(Link {
                    step: Step::Relation {
                        relation: r,
                        verb: stated_verb(program, rel),
                    },
                    entity,
                    conditions: rel.premises.iter().map(|&c| graph.node(c).fact).collect(),
                });
                match spine {
                    Some(s) => current = s,
                    None => {
                        start_entity = Some(subject);
                        break;
                    }
                }
            }
            (Some(s), None) => {
                let others = states
                    .iter()
                    .filter(|p| !std::ptr::eq(**p, s))
                    .map(|p| p.fact)
                    .collect();
                links.push(Link {
                    step: Step::Conjunction { others },
                    entity,
                    conditions: Vec::new(),
                });
                current = s;
            }
            (None, None) => break,
        }
    }
    links.reverse();
    let start = match current.fact {
        Fact::State(e, s) if start_entity.is_none() => Some((e, s)),
        _ => None,
    };
    Chain {
        start,
        start_entity: start_entity.or(start.map(|(e, _)| e)),
        links,
        end: graph.root_node().fact,
    }
}
