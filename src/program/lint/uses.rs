//! How often each entity is mentioned, for lints that weigh one spelling against another.

use crate::program::model::*;
use crate::program::references::Site;

/// Mentions per entity (indexed by id): everywhere, and in statements, conjunctions,
/// null results and rules only (where a typo splits the network).
pub struct Uses {
    pub total: Vec<u32>,
    pub in_statements: Vec<u32>,
}

impl Uses {
    pub fn count(p: &Program) -> Uses {
        let n = p.entities.len();
        let mut u = Uses {
            total: vec![0; n],
            in_statements: vec![0; n],
        };
        p.for_each_reference(|e, site| {
            if matches!(site, Site::Alias | Site::Rule { prelude: true }) {
                return;
            }
            u.total[e.0 as usize] += 1;
            if site.in_network() {
                u.in_statements[e.0 as usize] += 1;
            }
        });
        u
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
