//! How often each entity is mentioned, for lints that weigh one spelling against another,
//! counted in the one walk over the program's references that every such lint shares.

use crate::program::model::*;
use crate::program::references::Site;

/// Mentions per entity (indexed by id): everywhere, and in statements, conjunctions,
/// null results and rules only (where a typo splits the network).
pub struct Uses {
    pub total: Vec<u32>,
    pub in_statements: Vec<u32>,
    /// Entities the prelude's rules name: part of the network, though not a use of the
    /// user's spelling.
    in_prelude: Vec<EntityId>,
    /// Outcomes, clamps and expectations, in walk order: names that should stand for
    /// something the network mentions.
    pub named_outside: Vec<(EntityId, Site)>,
    /// How many `when` conditions the statements carry: with none (as in most big
    /// networks) the lint about them has nothing to read.
    pub conditions: usize,
}

impl Uses {
    pub fn count(p: &Program) -> Uses {
        let n = p.entities.len();
        let mut u = Uses {
            total: Vec::new(),
            in_statements: vec![0; n],
            in_prelude: Vec::new(),
            named_outside: Vec::new(),
            conditions: 0,
        };
        // A statement's subject and object are nearly every reference: counting them is
        // kept small enough to inline into the walk, and the rest goes to a call.
        p.for_each_reference(|e, site| match site {
            Site::Statement => u.in_statements[e.0 as usize] += 1,
            _ => u.count_other(e, site),
        });
        // Outcomes, clamps and expectations are uses outside the network.
        u.total = u.in_statements.clone();
        for &(e, _) in &u.named_outside {
            u.total[e.0 as usize] += 1;
        }
        u
    }

    #[inline(never)]
    fn count_other(&mut self, e: EntityId, site: Site) {
        match site {
            Site::Alias => {}
            Site::Rule { prelude: true } => self.in_prelude.push(e),
            Site::Outcome | Site::Clamp { .. } | Site::Expectation { .. } => {
                self.named_outside.push((e, site));
            }
            Site::Condition => {
                self.conditions += 1;
                self.in_statements[e.0 as usize] += 1;
            }
            _ => self.in_statements[e.0 as usize] += 1,
        }
    }

    /// Whether a statement, conjunction, null result or rule (the prelude's included)
    /// names the entity.
    pub fn in_network(&self, e: EntityId) -> bool {
        self.in_statements[e.0 as usize] > 0 || self.in_prelude.contains(&e)
    }
}

/// The loose key of every entity name, by id, back to back in one string: a network of
/// millions of names needs a few bytes per name here, not a `String` each.
pub struct LooseKeys {
    text: String,
    ends: Vec<u32>,
}

impl LooseKeys {
    pub fn of(p: &Program) -> LooseKeys {
        let mut k = LooseKeys {
            text: String::new(),
            ends: Vec::with_capacity(p.entities.len()),
        };
        for name in p.entities.keys() {
            crate::program::names::push_loose_key(name, &mut k.text);
            k.ends.push(k.text.len() as u32);
        }
        k
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}
