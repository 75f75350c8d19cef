//! How often each entity is mentioned, for lints that weigh one spelling against another.

use crate::program::model::*;

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
        let stated = |e: EntityId, u: &mut Uses| {
            u.total[e.0 as usize] += 1;
            u.in_statements[e.0 as usize] += 1;
        };
        for s in &p.statements {
            stated(s.subject, &mut u);
            stated(s.object, &mut u);
            s.conditions.iter().for_each(|c| stated(c.entity, &mut u));
        }
        for c in &p.conjunctions {
            c.premises.iter().for_each(|c| stated(c.entity, &mut u));
            stated(c.head.entity, &mut u);
        }
        for x in &p.nulls {
            stated(x.subject, &mut u);
            stated(x.object, &mut u);
        }
        for r in p.rules.iter().filter(|r| !r.prelude) {
            for atom in r.body.iter().chain(std::iter::once(&r.head)) {
                let terms = match atom {
                    Atom::State(t, _) => [Some(*t), None],
                    Atom::Relation(a, _, b) => [Some(*a), Some(*b)],
                };
                for t in terms.into_iter().flatten() {
                    if let Term::Entity(e) = t {
                        stated(e, &mut u);
                    }
                }
            }
        }
        let mut other = |e: EntityId| u.total[e.0 as usize] += 1;
        p.outcomes.iter().for_each(|&e| other(e));
        for sc in p.scenarios.values() {
            sc.clamps.iter().for_each(|c| other(c.entity));
            for e in &sc.expects {
                match e.expectation {
                    Expectation::Net(x, _)
                    | Expectation::Not(x, _)
                    | Expectation::Leans(x, _)
                    | Expectation::ConflictingLeaning(x, _) => other(x),
                    Expectation::Via(x, _, y) => {
                        other(x);
                        other(y);
                    }
                }
            }
        }
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
            k.text.push_str(&crate::program::names::loose_key(name));
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
