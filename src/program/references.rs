//! Every place a program refers to an entity, walked in one order by one definition:
//! merging aliases renumbers them all, and the lints count and check them. A new place
//! that holds an [`EntityId`] is added here once, and both walks see it.

use super::model::*;
use crate::source::Span;

/// Where a reference to an entity stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Site {
    /// Subject or object of a statement.
    Statement,
    /// A `when` condition of a statement.
    Condition,
    /// A condition or the head of a conjunction.
    Conjunction,
    /// Subject or object of a `does not affect` statement.
    Null,
    /// A constant in a variable rule.
    Rule {
        /// The rule is one of the prelude's.
        prelude: bool,
    },
    /// An `outcome` declaration.
    Outcome,
    /// The entity an `aka` spelling stands for.
    Alias,
    /// A `given`, `knockout` or `overexpress` of a scenario.
    Clamp {
        /// The scenario's index in [`Program::scenarios`].
        scenario: usize,
    },
    /// An `expect` line.
    Expectation {
        /// The `expect` line.
        span: Span,
    },
}

impl Site {
    /// A reference that takes part in the network: statements, conjunctions, null results
    /// and rules, as opposed to declarations and scenarios that only name an entity.
    pub fn in_network(self) -> bool {
        matches!(
            self,
            Site::Statement | Site::Condition | Site::Conjunction | Site::Null | Site::Rule { .. }
        )
    }
}

/// The one walk, for shared and for exclusive access (`$($m)?` is `mut` or nothing, and
/// the accessors named to match);
/// outcomes, a set keyed by id, are visited by the caller's `$outcomes` in their place.
macro_rules! walk {
    ($p:expr, $f:ident, $outcomes:expr, $iter:ident, $values:ident, $tails:ident, $conditions:ident $(, $m:tt)?) => {{
        for s in $p.statements.$iter() {
            $f(& $($m)? s.subject, Site::Statement);
            $f(& $($m)? s.object, Site::Statement);
            // Nearly every statement has no rare lists: the flag says so without a look
            // at the table.
            if s.provenance.has_tails() {
                for c in $p.provenances.$tails(& s.provenance).$conditions() {
                    $f(& $($m)? c.entity, Site::Condition);
                }
            }
        }
        for c in $p.conjunctions.$iter() {
            for p in c.premises.$iter() {
                $f(& $($m)? p.entity, Site::Conjunction);
            }
            $f(& $($m)? c.head.entity, Site::Conjunction);
        }
        for n in $p.nulls.$iter() {
            $f(& $($m)? n.subject, Site::Null);
            $f(& $($m)? n.object, Site::Null);
        }
        for r in $p.rules.$iter() {
            let site = Site::Rule { prelude: r.prelude };
            for atom in r.body.$iter().chain(std::iter::once(& $($m)? r.head)) {
                match atom {
                    Atom::State(t, _) => {
                        if let Term::Entity(e) = t {
                            $f(e, site);
                        }
                    }
                    Atom::Relation(a, _, b) => {
                        if let Term::Entity(e) = a {
                            $f(e, site);
                        }
                        if let Term::Entity(e) = b {
                            $f(e, site);
                        }
                    }
                }
            }
        }
        $outcomes;
        for e in $p.aliases.$values() {
            $f(e, Site::Alias);
        }
        for (i, sc) in $p.scenarios.$values().enumerate() {
            for c in sc.clamps.$iter() {
                $f(& $($m)? c.entity, Site::Clamp { scenario: i });
            }
            for e in sc.expects.$iter() {
                let site = Site::Expectation { span: e.span };
                match & $($m)? e.expectation {
                    Expectation::Net(x, _)
                    | Expectation::Not(x, _)
                    | Expectation::Leans(x, _)
                    | Expectation::ConflictingLeaning(x, _) => $f(x, site),
                    Expectation::Via(x, _, y) => {
                        $f(x, site);
                        $f(y, site);
                    }
                }
            }
        }
    }};
}

impl Program {
    /// Every reference to an entity with where it stands: statements, conjunctions, null
    /// results, rules, outcomes, aliases, then each scenario's clamps and expectations.
    pub fn for_each_reference(&self, mut f: impl FnMut(EntityId, Site)) {
        let mut visit = |e: &EntityId, site: Site| f(*e, site);
        let outcomes = &self.outcomes;
        walk!(
            self,
            visit,
            for o in outcomes {
                visit(o, Site::Outcome);
            },
            iter,
            values,
            tails,
            conditions
        );
    }

    /// [`for_each_reference`](Self::for_each_reference) with each handle to rewrite.
    pub fn for_each_reference_mut(&mut self, mut f: impl FnMut(&mut EntityId, Site)) {
        let mut outcomes = std::mem::take(&mut self.outcomes);
        walk!(
            self,
            f,
            outcomes = outcomes
                .into_iter()
                .map(|mut o| {
                    f(&mut o, Site::Outcome);
                    o
                })
                .collect(),
            iter_mut,
            values_mut,
            tails_of_mut,
            conditions_mut,
            mut
        );
        self.outcomes = outcomes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::load_text;

    #[test]
    fn both_walks_visit_every_reference_in_the_same_order() {
        let text = "outcome C\nentity A aka alpha\nA activates B when D up\nwhen A up and B up then C up\nA does not affect E\nrule r: ?x activates F => ?x up\nscenario s {\n  given A up\n  expect C up via B\n}\n";
        let loaded = load_text("t.rules", text);
        let mut p = loaded.program;
        let mut shared = Vec::new();
        p.for_each_reference(|e, site| shared.push((p.entity_name(e).to_string(), site)));
        let mut exclusive = Vec::new();
        let names: Vec<String> = p.entities.keys().cloned().collect();
        p.for_each_reference_mut(|e, site| exclusive.push((names[e.0 as usize].clone(), site)));
        assert_eq!(shared, exclusive);
        let user: Vec<(&str, Site)> = shared
            .iter()
            .filter(|(_, s)| *s != Site::Rule { prelude: true })
            .map(|(n, s)| (n.as_str(), *s))
            .collect();
        let expect_span = p.scenarios[0].expects[0].span;
        assert_eq!(
            user,
            vec![
                ("A", Site::Statement),
                ("B", Site::Statement),
                ("D", Site::Condition),
                ("A", Site::Conjunction),
                ("B", Site::Conjunction),
                ("C", Site::Conjunction),
                ("A", Site::Null),
                ("E", Site::Null),
                ("F", Site::Rule { prelude: false }),
                ("C", Site::Outcome),
                ("A", Site::Alias),
                ("A", Site::Clamp { scenario: 0 }),
                ("C", Site::Expectation { span: expect_span }),
                ("B", Site::Expectation { span: expect_span }),
            ]
        );
    }
}
