//! One causal line through a derivation, the way biologists read it:
//! `hypoxia →increases→ BMSC-exosome ⊣inhibits⊣ PKNOX1 ⇒ up`.

use crate::engine::Fact;
use crate::program::{EntityId, Program, State};
use crate::render::name::{display_name, fact_text};

use super::tree::Node;

/// One edge of a chain: the verb (as written) and the entity it reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub verb: String,
    /// `inhibits`-like edges are drawn `⊣verb⊣`.
    pub negative: bool,
    pub entity: EntityId,
}

/// The causal spine of a derivation: where it starts, each edge, and the final fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The state the spine starts from (a clamp, a plain fact, or the source of an edge
    /// when the rule had no state premise).
    pub start: Option<(EntityId, State)>,
    pub start_entity: Option<EntityId>,
    pub links: Vec<Link>,
    pub end: Fact,
}

/// Follow the spine of `node`: at each state derived by a rule, step to its state premise
/// (the weakest one when there are several — the one limiting the strength) and record the
/// relation premise as the edge.
pub fn chain(program: &Program, node: &Node) -> Chain {
    let mut links = Vec::new();
    let mut current = node;
    let mut start_entity = None;
    while let Fact::State(entity, _) = current.fact {
        let states: Vec<&Node> = current
            .premises
            .iter()
            .filter(|p| matches!(p.fact, Fact::State(..)))
            .collect();
        let relation = current
            .premises
            .iter()
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
                    verb: rel.verb.clone().unwrap_or_else(|| r.as_str().to_string()),
                    negative: r.is_negative(),
                    entity,
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
                // A conjunction: name the other conditions on the edge.
                let others: Vec<String> = states
                    .iter()
                    .filter(|p| !std::ptr::eq(**p, s))
                    .map(|p| fact_text(program, &p.fact, None))
                    .collect();
                let verb = if others.is_empty() {
                    "when".to_string()
                } else {
                    format!("with {}", others.join(" and "))
                };
                links.push(Link {
                    verb,
                    negative: false,
                    entity,
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
        end: node.fact,
    }
}

impl Chain {
    /// `hypoxia →increases→ BMSC-exosome ⊣inhibits⊣ PKNOX1 ⇒ up`; a chain starting from a
    /// lowered state says so (`PKNOX1 down →promotes→ IL-1β ⇒ down`).
    pub fn text(&self, program: &Program) -> String {
        let name = |e: EntityId| display_name(program.entity_name(e)).into_owned();
        let Fact::State(_, end_state) = self.end else {
            return fact_text(program, &self.end, None);
        };
        let mut out = String::new();
        match (self.start, self.start_entity) {
            (Some((e, State::Down)), _) => out.push_str(&format!("{} down", name(e))),
            (_, Some(e)) => out.push_str(&name(e)),
            _ => {}
        }
        for link in &self.links {
            let (l, r) = if link.negative {
                ("⊣", "⊣")
            } else {
                ("→", "→")
            };
            out.push_str(&format!(" {l}{}{r} {}", link.verb, name(link.entity)));
        }
        out.push_str(&format!(" ⇒ {}", end_state.as_str()));
        out
    }
}
