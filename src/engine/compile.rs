//! The program prepared for one run: active statements, ground rules, rule triggers.

use crate::program::{Atom, ConjunctionId, Program, Relation, State, StatementId, Term};

use super::fact::Origin;

use super::config::RunConfig;
use super::evaluation::{relation_index, state_index, state_key};
use super::join::plan;
use super::strength::Cost;

/// The conclusion of a ground rule.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Head {
    State(u32),
    Relation(u32, Relation, u32),
}

/// A rule without variables: a conditional statement or a conjunction of the run.
#[derive(Debug, Clone)]
pub(crate) struct Ground {
    pub head: Head,
    pub cost: Cost,
    pub origin: Origin,
    /// Range of `Compiled::conditions` (state keys), in the order written.
    pub start: u32,
    pub len: u32,
}

/// A variable rule with its join plans, one per body position that can trigger it.
#[derive(Debug, Clone)]
pub(crate) struct VarRule {
    pub id: u32,
    pub cost: Cost,
    pub body: Vec<Atom>,
    pub head: Atom,
    pub vars: usize,
    pub plans: Vec<Vec<u16>>,
    /// Set when the rule has the prelude's shape, which the engine runs without a join.
    pub edge: Option<Edge>,
}

/// `?x S, ?x R ?y => ?y H` (body in either order): one state and one edge to the head.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub state_pos: usize,
    pub state: State,
    pub relation: Relation,
    pub head: State,
}

pub(crate) fn edge_shape(body: &[Atom], head: &Atom) -> Option<Edge> {
    let Atom::State(Term::Var(y), h) = *head else {
        return None;
    };
    let [a, b] = body else {
        return None;
    };
    let (state_pos, state_atom, relation_atom) = match (a, b) {
        (Atom::State(..), Atom::Relation(..)) => (0, a, b),
        (Atom::Relation(..), Atom::State(..)) => (1, b, a),
        _ => return None,
    };
    match (*state_atom, *relation_atom) {
        (Atom::State(Term::Var(x), s), Atom::Relation(Term::Var(x2), r, Term::Var(y2)))
            if x == x2 && y == y2 && x != y =>
        {
            Some(Edge {
                state_pos,
                state: s,
                relation: r,
                head: h,
            })
        }
        _ => None,
    }
}

/// A body atom of a variable rule that a settled fact may match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trigger {
    pub rule: u32,
    pub pos: u32,
}

/// Everything the evaluation loop needs besides the facts.
#[derive(Debug, Default)]
pub(crate) struct Compiled {
    /// Plain statements (no conditions) active in this run; taken to build the stated
    /// relations, empty after.
    pub facts: Vec<u32>,
    pub grounds: Vec<Ground>,
    pub conditions: Vec<u32>,
    /// CSR over state keys: `ground_index[start[k]..start[k+1]]` = (ground, position).
    pub ground_start: Vec<u32>,
    pub ground_index: Vec<(u32, u32)>,
    pub rules: Vec<VarRule>,
    pub state_triggers: [Vec<Trigger>; 2],
    pub relation_triggers: [Vec<Trigger>; Relation::COUNT],
    /// Rules of edge shape by the state and by the relation of their body.
    pub edge_by_state: [Vec<u32>; 2],
    pub edge_by_relation: [Vec<u32>; Relation::COUNT],
    pub max_vars: usize,
    pub max_body: usize,
}

/// Keep confidences in [0, 1] so that no derivation strengthens its premises.
pub(crate) fn factor(confidence: f64) -> f64 {
    if confidence.is_nan() {
        0.0
    } else {
        confidence.clamp(0.0, 1.0)
    }
}

/// A rule the engine can run (see [`crate::program::Rule::is_runnable`]).
pub(crate) fn runnable(rule: &crate::program::Rule, n: usize) -> bool {
    rule.is_runnable(n)
}

/// From this many statements [`Compiled::new`] sorts them on two cores, each reading
/// half of them (320 MB on ten million statements).
const SORT_TWO_CORES: usize = 1 << 18;

/// Of the statements in `range` that fire in this run, every entity of theirs in range:
/// those that hold outright and those with conditions, by id in order.
fn sort_statements(
    program: &Program,
    config: &RunConfig,
    range: std::ops::Range<usize>,
) -> (Vec<u32>, Vec<u32>) {
    let n = program.entities.len();
    let in_range = |e: u32| (e as usize) < n;
    let mut facts = Vec::with_capacity(range.len());
    let mut conditional = Vec::new();
    for i in range {
        let st = &program.statements[i];
        if !config.fires(program, &st.provenance)
            || !in_range(st.subject.0)
            || !in_range(st.object.0)
            || !program.conditions(st).all(|k| in_range(k.entity.0))
        {
            continue;
        }
        if program.is_conditional(st) {
            conditional.push(i as u32);
        } else {
            facts.push(i as u32);
        }
    }
    (facts, conditional)
}

impl Compiled {
    /// A ground rule: its conditions as state keys, then the head they conclude.
    fn push_ground(
        &mut self,
        head: Head,
        confidence: f64,
        origin: Origin,
        conditions: impl IntoIterator<Item = crate::program::Condition>,
    ) {
        let cost = Cost::of_confidence(factor(confidence));
        if !cost.holds() {
            // Confidence 0 derives nothing; the engine's sums assume every rule can.
            return;
        }
        let start = self.conditions.len() as u32;
        self.conditions.extend(
            conditions
                .into_iter()
                .map(|k| state_key(k.entity.0, k.state) as u32),
        );
        self.grounds.push(Ground {
            head,
            cost,
            origin,
            start,
            len: self.conditions.len() as u32 - start,
        });
    }

    pub(crate) fn new(program: &Program, config: &RunConfig) -> Compiled {
        Compiled::new_on(program, config, SORT_TWO_CORES)
    }

    /// [`Compiled::new`], sorting the statements on two cores from `two_cores` of them.
    fn new_on(program: &Program, config: &RunConfig, two_cores: usize) -> Compiled {
        let n = program.entities.len();
        let mut c = Compiled::default();
        let all = &program.statements;
        let (facts, conditional) = if all.len() >= two_cores.max(2) {
            let middle = all.len() / 2;
            let ((mut facts, mut conditional), (high_facts, high_conditional)) =
                crate::threads::both(
                    || sort_statements(program, config, 0..middle),
                    || sort_statements(program, config, middle..all.len()),
                );
            facts.extend_from_slice(&high_facts);
            conditional.extend_from_slice(&high_conditional);
            (facts, conditional)
        } else {
            sort_statements(program, config, 0..all.len())
        };
        c.facts = facts;
        for i in conditional {
            let st = &all[i as usize];
            c.push_ground(
                Head::Relation(st.subject.0, st.relation(), st.object.0),
                program.confidence(&st.provenance),
                Origin::Statement(StatementId(i)),
                program.conditions(st),
            );
        }
        for (i, cj) in program.conjunctions.iter().enumerate() {
            let in_range = |e: u32| (e as usize) < n;
            if !config.fires(program, &cj.provenance)
                || !in_range(cj.head.entity.0)
                || !cj.premises.iter().all(|k| in_range(k.entity.0))
            {
                continue;
            }
            c.push_ground(
                Head::State(state_key(cj.head.entity.0, cj.head.state) as u32),
                program.confidence(&cj.provenance),
                Origin::Conjunction(ConjunctionId(i as u32)),
                cj.premises.iter().copied(),
            );
        }
        c.index_grounds(n);
        for (i, rule) in program.rules.iter().enumerate() {
            let ok = runnable(rule, n);
            // Lowering and the builder never make such a rule, and loading reports one as an
            // internal error; a release build skips it rather than fail the run.
            debug_assert!(ok, "rule `{}` cannot run", rule.name);
            let cost = Cost::of_confidence(factor(rule.confidence));
            if !ok || !cost.holds() {
                continue;
            }
            let r = c.rules.len() as u32;
            let vars = rule.variables.len();
            let edge = edge_shape(&rule.body, &rule.head);
            if let Some(e) = edge {
                c.edge_by_state[state_index(e.state)].push(r);
                c.edge_by_relation[relation_index(e.relation)].push(r);
            }
            let mut plans = Vec::with_capacity(rule.body.len());
            for (pos, atom) in rule.body.iter().enumerate() {
                let mut bound = vec![false; vars];
                for t in match *atom {
                    Atom::State(t, _) => vec![t],
                    Atom::Relation(t1, _, t2) => vec![t1, t2],
                } {
                    if let Term::Var(v) = t {
                        bound[v as usize] = true;
                    }
                }
                plans.push(plan(&rule.body, Some(pos), &mut bound));
                let trigger = Trigger {
                    rule: r,
                    pos: pos as u32,
                };
                match *atom {
                    _ if edge.is_some() => {}
                    Atom::State(_, s) => c.state_triggers[state_index(s)].push(trigger),
                    Atom::Relation(_, rel, _) => {
                        c.relation_triggers[relation_index(rel)].push(trigger)
                    }
                }
            }
            c.max_vars = c.max_vars.max(vars);
            c.max_body = c.max_body.max(rule.body.len());
            c.rules.push(VarRule {
                id: i as u32,
                cost,
                body: rule.body.clone(),
                head: rule.head,
                vars,
                plans,
                edge,
            });
        }
        c
    }

    /// Build the state-key → (ground rule, position) index; left empty when no ground rule
    /// has a condition, so that settling a state does not look a key up for nothing.
    fn index_grounds(&mut self, n: usize) {
        if self.conditions.is_empty() {
            return;
        }
        let keys = n * 2;
        let mut count = vec![0u32; keys + 1];
        for &k in &self.conditions {
            count[k as usize + 1] += 1;
        }
        for k in 0..keys {
            count[k + 1] += count[k];
        }
        let mut fill = count.clone();
        self.ground_index = vec![(0, 0); count[keys] as usize];
        for (g, ground) in self.grounds.iter().enumerate() {
            for pos in 0..ground.len {
                let k = self.conditions[(ground.start + pos) as usize] as usize;
                self.ground_index[fill[k] as usize] = (g as u32, pos);
                fill[k] += 1;
            }
        }
        self.ground_start = count;
    }

    /// The ground rules with a condition on state key `k`, with the condition's position.
    pub(crate) fn grounds_on(&self, k: usize) -> &[(u32, u32)] {
        match (self.ground_start.get(k), self.ground_start.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.ground_index[a as usize..b as usize],
            _ => &[],
        }
    }

    pub(crate) fn ground_conditions(&self, g: &Ground) -> &[u32] {
        &self.conditions[g.start as usize..(g.start + g.len) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorting the statements on two cores makes the facts and ground rules that one core
    /// makes, in the same order, leaving out the same disputed statements.
    #[test]
    fn sorted_on_two_cores_as_on_one() {
        let mut text = String::new();
        for i in 0..1001u32 {
            let (a, b) = (i % 37, i % 41);
            text.push_str(&match i % 5 {
                0 => format!("e{a} activates e{b} when e{} up\n", i % 7),
                1 => format!("e{a} inhibits e{b} disputed\n"),
                _ => format!("e{a} activates e{b}\n"),
            });
        }
        let program = crate::program::load_text("t.rules", &text).program;
        let config = RunConfig::default();
        let sorted = |two_cores| {
            let c = Compiled::new_on(&program, &config, two_cores);
            let grounds: Vec<_> = c
                .grounds
                .iter()
                .map(|g| (g.origin, g.start, g.len))
                .collect();
            (c.facts, grounds, c.conditions)
        };
        let one = sorted(usize::MAX);
        assert!(!one.0.is_empty() && !one.1.is_empty());
        assert!(
            one.0.len() + one.1.len() < program.statements.len(),
            "none disputed"
        );
        assert_eq!(sorted(2), one);
    }
}
