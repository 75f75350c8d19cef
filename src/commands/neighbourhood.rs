//! Which statements `marrow graph` draws: the active statement network as an undirected
//! adjacency, and the neighbourhood of some entities in it, cut off by a size guard
//! before anything expensive happens.

use crate::engine::RunConfig;
use crate::program::{EntityId, Program};

/// One drawable link between two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Link {
    /// `subject VERB object`: index into `Program::statements`.
    Statement(u32),
    /// Premise `k` of a conjunction (`when A up and B up then C up`) to its head.
    Conjunction(u32, u32),
    /// `X does not affect Y`: index into `Program::nulls`.
    Null(u32),
}

impl Link {
    /// `(from, to)` of the link.
    pub fn ends(self, program: &Program) -> (EntityId, EntityId) {
        match self {
            Link::Statement(i) => {
                let s = &program.statements[i as usize];
                (s.subject, s.object)
            }
            Link::Conjunction(i, k) => {
                let c = &program.conjunctions[i as usize];
                (c.premises[k as usize].entity, c.head.entity)
            }
            Link::Null(i) => {
                let n = &program.nulls[i as usize];
                (n.subject, n.object)
            }
        }
    }
}

/// The active links of a run, and for each entity the links that touch it (CSR).
pub struct Network {
    pub links: Vec<Link>,
    start: Vec<u32>,
    touching: Vec<u32>,
}

impl Network {
    /// Every link active under the run's contexts, in file order by kind.
    pub fn build(program: &Program, config: &RunConfig) -> Network {
        let mut links = Vec::new();
        for (i, s) in program.statements.iter().enumerate() {
            if config.is_active(program.contexts(&s.provenance)) {
                links.push(Link::Statement(i as u32));
            }
        }
        for (i, c) in program.conjunctions.iter().enumerate() {
            if config.is_active(program.contexts(&c.provenance)) {
                for k in 0..c.premises.len() {
                    links.push(Link::Conjunction(i as u32, k as u32));
                }
            }
        }
        for (i, n) in program.nulls.iter().enumerate() {
            if config.is_active(program.contexts(&n.provenance)) {
                links.push(Link::Null(i as u32));
            }
        }
        let n = program.entities.len();
        let mut start = vec![0u32; n + 1];
        let ends: Vec<(EntityId, EntityId)> = links.iter().map(|l| l.ends(program)).collect();
        for &(a, b) in &ends {
            start[a.0 as usize + 1] += 1;
            if a != b {
                start[b.0 as usize + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut touching = vec![0u32; start[n] as usize];
        for (li, &(a, b)) in ends.iter().enumerate() {
            for e in [a, b] {
                let slot = &mut fill[e.0 as usize];
                touching[*slot as usize] = li as u32;
                *slot += 1;
                if a == b {
                    break;
                }
            }
        }
        Network {
            links,
            start,
            touching,
        }
    }

    /// Indices into `links` of the links touching an entity.
    pub fn touching(&self, e: EntityId) -> &[u32] {
        let i = e.0 as usize;
        &self.touching[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// What was selected: entities in discovery order and the links among them.
pub struct Selection {
    pub entities: Vec<EntityId>,
    /// Indices into `Network::links`, sorted.
    pub links: Vec<u32>,
}

/// The selection would have more entities than allowed (at least this many).
pub struct TooMany(pub usize);

/// Entities within `depth` links of the seeds (either direction), and every link among
/// them. With no seeds, every entity that some link touches. Stops as soon as the count
/// passes `max_nodes`, so a hub costs no more than the guard.
pub fn select(
    program: &Program,
    net: &Network,
    seeds: &[EntityId],
    depth: usize,
    max_nodes: usize,
) -> Result<Selection, TooMany> {
    let n = program.entities.len();
    let mut picked = vec![false; n];
    let mut entities: Vec<EntityId> = Vec::new();
    let mut add = |e: EntityId, entities: &mut Vec<EntityId>| -> Result<(), TooMany> {
        if !picked[e.0 as usize] {
            picked[e.0 as usize] = true;
            entities.push(e);
            if entities.len() > max_nodes {
                return Err(TooMany(entities.len()));
            }
        }
        Ok(())
    };
    if seeds.is_empty() {
        for l in &net.links {
            let (a, b) = l.ends(program);
            add(a, &mut entities)?;
            add(b, &mut entities)?;
        }
    } else {
        for &s in seeds {
            add(s, &mut entities)?;
        }
        let mut frontier = 0;
        for _ in 0..depth {
            let end = entities.len();
            if frontier == end {
                break;
            }
            for i in frontier..end {
                for &li in net.touching(entities[i]) {
                    let (a, b) = net.links[li as usize].ends(program);
                    add(a, &mut entities)?;
                    add(b, &mut entities)?;
                }
            }
            frontier = end;
        }
    }
    let mut links: Vec<u32> = entities
        .iter()
        .flat_map(|&e| net.touching(e).iter().copied())
        .filter(|&li| {
            let (a, b) = net.links[li as usize].ends(program);
            picked[a.0 as usize] && picked[b.0 as usize]
        })
        .collect();
    links.sort_unstable();
    links.dedup();
    Ok(Selection { entities, links })
}
