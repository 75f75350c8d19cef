//! Best-first forward chaining (Knuth's generalisation of Dijkstra's algorithm).
//!
//! Candidate facts wait in a priority queue ordered by (strength desc, steps asc, insertion
//! order asc). The first time a candidate is popped it is settled: no later derivation can
//! be stronger, because every factor is at most 1 and facts settle in non-increasing
//! strength. A rule instance is tried once, when its newest premise settles, by joining the
//! other premises against settled facts through the indexes of [`Evaluation`].
//!
//! Plain statements, the bulk of a network, never enter the heap: they are sorted once and
//! merged with it. Rules of the prelude's shape run without a join. Conclusions found during
//! a join are buffered and applied afterwards. Nothing is allocated per fact in the loop
//! beyond the arenas it fills (and the premise list of each settled derivation).

use std::sync::Arc;

use crate::program::resolve::{PairIndex, by_pair, by_pair_of};
use crate::program::{EntityId, Program, RuleId, State, StatementId};

use super::compile::factor;
use super::compile::{Compiled, Head};
use super::config::RunConfig;
use super::evaluation::{Evaluation, NONE, Slot, Value, relation_index, state_index, state_key};
use super::fact::{Fact, FactId, Origin};
use super::hash::PairMap;
use super::join::{JoinLimit, ground, join_within, unify_fact};
use super::queue::{Entry, RadixQueue};
use super::relations::StatedRelations;
use super::strength::Cost;
use rustc_hash::FxHashMap;

/// Derive every consequence of `program` under `config`, with strengths and provenance.
/// A run stopped by the join-row limit is partial and says so
/// ([`Evaluation::stopped`]); callers that want the limit as an error use
/// [`try_evaluate`].
pub fn evaluate(program: &Program, config: &RunConfig) -> Evaluation {
    let (mut ev, stopped) = run(program, config, None, |_| {});
    ev.stopped = stopped;
    ev
}

/// [`evaluate`], laying the stated relations out by `pairs`, the index of every
/// statement of `program` by pair that loading made
/// ([`crate::program::lint::PendingLints::pairs`]), rather than sorting them again.
/// The index is let go as soon as the layout is made. One of another length is not
/// used, and the statements are sorted again; a debug build also checks that one of the
/// same length is this program's.
pub fn evaluate_by_pairs(
    program: &Program,
    config: &RunConfig,
    pairs: Arc<PairIndex>,
) -> Evaluation {
    evaluate_by_pairs_with(program, config, pairs, |_| {})
}

/// [`evaluate_by_pairs`], handing the stated layout to `laid_out` once it is made and
/// before the evaluation starts: a thread with nothing else to do can then index it for
/// explanations ([`StatedLayout::index_by_object`]) while the evaluation runs.
pub fn evaluate_by_pairs_with(
    program: &Program,
    config: &RunConfig,
    pairs: Arc<PairIndex>,
    laid_out: impl FnOnce(StatedLayout),
) -> Evaluation {
    let (mut ev, stopped) = run(program, config, Some(pairs), laid_out);
    ev.stopped = stopped;
    ev
}

/// The stated relations of a run being evaluated, shared with its evaluation.
pub struct StatedLayout(Arc<StatedRelations>);

impl StatedLayout {
    /// Make the index of the stated relations by object, which explanations read
    /// (following a fact back to the statements that conclude it) and a run never does.
    /// The evaluation shares it: made here, it is not made again when first asked for.
    pub fn index_by_object(&self) {
        self.0.by_object();
    }
}

/// [`evaluate`], or the variable rule whose join outgrew the join-row limit
/// ([`RunConfig::max_join_rows`]).
pub fn try_evaluate(program: &Program, config: &RunConfig) -> Result<Evaluation, JoinLimit> {
    match run(program, config, None, |_| {}) {
        (_, Some(limit)) => Err(limit),
        (ev, None) => Ok(ev),
    }
}

/// The evaluation, and the join limit that stopped it early, if one did.
fn run(
    program: &Program,
    config: &RunConfig,
    pairs: Option<Arc<PairIndex>>,
    laid_out: impl FnOnce(StatedLayout),
) -> (Evaluation, Option<JoinLimit>) {
    let mut compiled = Compiled::new(program, config);
    // The plain statements are needed only to lay the stated relations out; freeing their
    // list (4 MB on a million statements) and the index lowers the evaluation's peak.
    let facts = std::mem::take(&mut compiled.facts);
    let stated = match pairs.filter(|p| p.len() == program.statements.len()) {
        Some(pairs) => {
            debug_assert!(*pairs == by_pair(program), "an index of another program");
            StatedRelations::new(program, &facts, &pairs)
        }
        None => StatedRelations::new(program, &facts, &by_pair_of(program, &facts)),
    };
    drop(facts);
    let stated = Arc::new(stated);
    laid_out(StatedLayout(Arc::clone(&stated)));
    // Stated relations no rule can strengthen settle first, by their statement alone, and
    // are left implicit; a bounded run keeps versions of every fact, so it records them.
    let contested = contested(&compiled, &stated).filter(|_| config.max_steps.is_none());
    let ev = Evaluation::new(
        config.clone(),
        program.entities.len(),
        stated,
        contested.as_deref(),
    );
    let mut engine = Engine {
        program,
        stated_order: Vec::new(),
        compiled: &compiled,
        frontier: Frontier::new(&ev, contested.as_deref()),
        ev,
        proposals: Vec::new(),
        proposal_premises: Vec::new(),
        bind: vec![NONE; compiled.max_vars],
        scratch: vec![FactId(0); compiled.max_body],
        max_rows: config
            .max_join_rows
            .unwrap_or(super::join::DEFAULT_MAX_JOIN_ROWS)
            .max(1),
        stopped: None,
    };
    match config.max_steps {
        Some(n) => engine.run_bounded(config, n),
        None => {
            engine.seed(config, contested);
            if engine.stopped.is_none() {
                engine.run();
            }
        }
    }
    (engine.ev, engine.stopped)
}

/// The best derivation so far of a fact that may hold (its strength is in `Frontier::best`).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    steps: u32,
    origin: Origin,
    premises_start: u32,
    premises_len: u32,
}

const EMPTY: Candidate = Candidate {
    steps: u32::MAX,
    origin: Origin::Rule(RuleId(0)),
    premises_start: 0,
    premises_len: 0,
};

/// `best` of a candidate that is settled or blocked: no derivation can beat it.
pub(super) const CLOSED: i64 = -1;

/// `best` of a candidate nothing has offered yet: any derivation beats it.
const UNSEEN: i64 = i64::MAX;

/// A cost as `best` stores it (costs fit an `i64`; `NEVER` maps below `CLOSED`'s reach
/// only in `worth`, and `offer` rejects it).
#[inline]
pub(super) fn rank(cost: Cost) -> i64 {
    cost.fixed() as i64
}

/// Candidates and the queue: state candidates at `state_key`, relation candidates at
/// `2n + relation candidate`.
pub(super) struct Frontier {
    pub(super) states: usize,
    /// Number of stated relation candidates: their derivation is their statement unless a
    /// rule offers a better one (kept in `overrides`), so they need no `Candidate` record.
    pub(super) stated: usize,
    overrides: PairMap<Candidate>,
    /// Best cost so far per candidate, dense so the hot "could this improve?" test
    /// stays in cache; `UNSEEN` before any offer, `CLOSED` once settled or blocked.
    /// When stated relations settle implicitly, they have no place here (8 bytes each,
    /// the bulk of the vector on a big network): see `stated_best`. Read and write it
    /// through [`Frontier::best`] and [`Frontier::set_best`] unless the index is a state.
    best: Vec<i64>,
    /// With implicit stated relations, the best costs of the contested ones; every other
    /// stated candidate is closed from the start. `None`: stated candidates are in `best`.
    stated_best: Option<FxHashMap<u32, i64>>,
    /// Records of state candidates, then of derived relation candidates.
    candidates: Vec<Candidate>,
    /// Premises of candidate derivations (settled facts), referenced by range.
    pub(super) premises: Vec<FactId>,
    pub(super) queue: RadixQueue,
    /// `--max-steps`: taller derivations are never offered (`u32::MAX` without a bound).
    max_steps: u32,
}

impl Frontier {
    /// `contested`: the stated candidates that do not settle implicitly, when the others
    /// do.
    fn new(ev: &Evaluation, contested: Option<&[u32]>) -> Frontier {
        let states = ev.entities * 2;
        let initial = |c: usize| rank(ev.stated.cost(c));
        let (best, stated_best) = match contested {
            Some(contested) => {
                let best = vec![UNSEEN; states];
                let stated = contested
                    .iter()
                    .map(|&c| (c, initial(c as usize)))
                    .collect();
                (best, Some(stated))
            }
            None => {
                let mut best = Vec::with_capacity(states + ev.stated.len());
                best.resize(states, UNSEEN);
                best.extend((0..ev.stated.len()).map(initial));
                (best, None)
            }
        };
        Frontier {
            states,
            stated: ev.stated.len(),
            overrides: PairMap::default(),
            best,
            stated_best,
            candidates: vec![EMPTY; states],
            premises: Vec::new(),
            queue: RadixQueue::new(),
            max_steps: ev.config.max_steps.unwrap_or(u32::MAX),
        }
    }

    /// Record a derivation of candidate `index` if it beats the best one known.
    pub(super) fn offer(
        &mut self,
        index: usize,
        cost: Cost,
        steps: u32,
        origin: Origin,
        premises: &[FactId],
    ) {
        if !cost.holds() || steps > self.max_steps {
            return;
        }
        let best = self.best(index);
        let cost_rank = rank(cost);
        if cost_rank > best || (cost_rank == best && steps >= self.record(index).steps) {
            return;
        }
        {
            self.set_best(index, cost_rank);
            let start = self.premises.len() as u32;
            let c = self.record_mut(index);
            c.steps = steps;
            c.origin = origin;
            c.premises_start = start;
            c.premises_len = premises.len() as u32;
            self.premises.extend_from_slice(premises);
            self.queue.push(Entry {
                cost: cost.fixed(),
                steps,
                index: index as u32,
            });
        }
    }

    /// Where candidate `index` keeps its best cost: its place in `best`, or `None` for
    /// a stated candidate when those live in `stated_best`.
    #[inline]
    fn place(&self, index: usize) -> Option<usize> {
        match (index.checked_sub(self.states), &self.stated_best) {
            (Some(rc), Some(_)) if rc < self.stated => None,
            (Some(_), Some(_)) => Some(index - self.stated),
            _ => Some(index),
        }
    }

    /// The best cost so far of any candidate.
    pub(super) fn best(&self, index: usize) -> i64 {
        match self.place(index) {
            Some(i) => self.best.get(i).copied().unwrap_or(UNSEEN),
            None => self
                .stated_best
                .as_ref()
                .and_then(|m| m.get(&((index - self.states) as u32)).copied())
                .unwrap_or(CLOSED),
        }
    }

    /// Set the best cost of any candidate (`CLOSED` once it settles or is blocked).
    pub(super) fn set_best(&mut self, index: usize, best: i64) {
        match self.place(index) {
            Some(i) => {
                if i >= self.best.len() {
                    self.best.resize(i + 1, UNSEEN);
                }
                self.best[i] = best;
            }
            None => {
                let rc = (index - self.states) as u32;
                if let Some(m) = &mut self.stated_best {
                    if best == CLOSED {
                        m.remove(&rc);
                    } else {
                        m.insert(rc, best);
                    }
                }
            }
        }
    }

    /// How many candidates `best` has room for (in the bounded run, where every
    /// candidate has its place).
    pub(super) fn places(&self) -> usize {
        self.best.len()
    }

    /// The record of a candidate; a stated one without override is its statement (steps 0).
    fn record(&self, index: usize) -> Candidate {
        let stated = self.states..self.states + self.stated;
        if stated.contains(&index) {
            let rc = (index - self.states) as u64;
            self.overrides
                .get(&rc)
                .copied()
                .unwrap_or(Candidate { steps: 0, ..EMPTY })
        } else {
            let i = if index < self.states {
                index
            } else {
                index - self.stated
            };
            self.candidates.get(i).copied().unwrap_or(EMPTY)
        }
    }

    fn record_mut(&mut self, index: usize) -> &mut Candidate {
        let stated = self.states..self.states + self.stated;
        if stated.contains(&index) {
            let rc = (index - self.states) as u64;
            self.overrides.entry(rc).or_insert(EMPTY)
        } else {
            let i = if index < self.states {
                index
            } else {
                index - self.stated
            };
            if i >= self.candidates.len() {
                self.candidates.resize(i + 1, EMPTY);
            }
            &mut self.candidates[i]
        }
    }

    /// Hint a state candidate's best cost and record (see [`Engine::prefetch_upcoming`]).
    #[inline]
    fn prefetch(&self, index: usize) {
        if let (Some(best), Some(record)) = (self.best.get(index), self.candidates.get(index)) {
            crate::prefetch::prefetch(best);
            crate::prefetch::prefetch(record);
        }
    }

    /// Whether a derivation of this cost could still improve a state candidate.
    #[inline]
    fn worth(&self, index: usize, cost: Cost) -> bool {
        rank(cost) <= self.best[index]
    }
}

/// A conclusion found during a join, applied once the join is over.
#[derive(Debug, Clone, Copy)]
struct Proposal {
    head: Head,
    cost: Cost,
    steps: u32,
    origin: Origin,
    premises_start: u32,
    premises_len: u32,
}

pub(super) struct Engine<'a> {
    pub(super) program: &'a Program,
    /// Stated relation candidates, strongest first; merged with the queue, so the bulk of
    /// a network never enters it.
    pub(super) stated_order: Vec<u32>,
    pub(super) compiled: &'a Compiled,
    pub(super) ev: Evaluation,
    pub(super) frontier: Frontier,
    proposals: Vec<Proposal>,
    pub(super) proposal_premises: Vec<FactId>,
    pub(super) bind: Vec<u32>,
    pub(super) scratch: Vec<FactId>,
    /// Join rows one settled fact may produce (`--max-join-rows`).
    max_rows: u64,
    /// Set when a join outgrew `max_rows`: the run stops.
    pub(super) stopped: Option<JoinLimit>,
}

impl Engine<'_> {
    /// Clamps, stated relations, and rules without premises. `contested`: the stated
    /// relations some rule could also conclude, when only those could (see [`contested`]).
    fn seed(&mut self, config: &RunConfig, contested: Option<Vec<u32>>) {
        let n = self.ev.entities;
        let clamped =
            |e: EntityId, s: State| config.clamps.iter().any(|c| c.entity == e && c.state == s);
        for c in &config.clamps {
            let opposite = c.state.opposite();
            if (c.entity.0 as usize) < n && !clamped(c.entity, opposite) {
                self.frontier
                    .set_best(state_key(c.entity.0, opposite), CLOSED);
            }
        }
        for c in &config.clamps {
            if (c.entity.0 as usize) < n {
                let index = state_key(c.entity.0, c.state);
                self.frontier
                    .offer(index, Cost::ONE, 0, Origin::Clamp(c.kind), &[]);
            }
        }
        // Stated relations: best statement per triple, in a sorted stream.
        let order = match contested {
            Some(contested) => {
                self.settle_uncontested(&contested);
                // What is left to queue: the contested ones, strongest first, then in
                // candidate order (the order `stated_order` gives, restricted to them).
                let stated = &self.ev.stated;
                let mut order: Vec<u32> = contested
                    .into_iter()
                    .filter(|&rc| stated.cost(rc as usize).holds())
                    .collect();
                order.sort_by_key(|&rc| {
                    (
                        stated.cost(rc as usize),
                        stated.relation_order_key(rc as usize),
                    )
                });
                order
            }
            None => stated_order(&self.ev.stated),
        };
        self.stated_order = order;
        for g in &self.compiled.grounds {
            if g.len == 0 {
                let index = self.head_index(g.head);
                self.frontier.offer(index, g.cost, 0, g.origin, &[]);
            }
        }
        for r in &self.compiled.rules {
            if r.body.is_empty()
                && let Some(fact) = ground(&r.head, &[])
            {
                let index = self.head_index(fact_head(fact));
                self.frontier
                    .offer(index, r.cost, 0, Origin::Rule(RuleId(r.id)), &[]);
            }
        }
    }

    /// Settle every stated relation no rule can conclude, in layout order, before anything
    /// else: its strength is its statement's and cannot change, and settling it first only
    /// means rules see it as soon as their other premises settle. This keeps the bulk of a
    /// network out of the queue and walks it sequentially. The evaluation already holds
    /// them (implicitly, by candidate number) and their candidates are closed from the
    /// start; here the rules they trigger fire.
    fn settle_uncontested(&mut self, contested: &[u32]) {
        // No state fact has settled yet (clamps are still in the queue), so a rule that a
        // relation triggers finds nothing to join with when its body also needs a state;
        // it will fire from that state's side once it settles. Skipping those firings
        // spares a million fruitless joins on a literature-scale network.
        let nothing_settled = self.ev.by_state.iter().all(Vec::is_empty);
        let fires = |r: usize| {
            let triggers = &self.compiled.relation_triggers[r];
            let needs_a_state = |t: &super::compile::Trigger| {
                self.compiled.rules[t.rule as usize]
                    .body
                    .iter()
                    .any(|a| matches!(a, crate::program::Atom::State(..)))
            };
            !triggers.is_empty() && (!nothing_settled || !triggers.iter().all(needs_a_state))
        };
        let fires: [bool; crate::program::Relation::COUNT] = std::array::from_fn(fires);
        // Nothing to fire: no need to walk a million relations to find it out.
        if !fires.contains(&true) {
            return;
        }
        // In (relation, subject, object) order: the order rules fire in decides ties.
        for (relation, subject) in super::relations::relation_order(self.ev.entities) {
            for rc in self.ev.stated.from(subject, relation) {
                if !self.ev.stated.cost(rc).holds() || contested.binary_search(&(rc as u32)).is_ok()
                {
                    continue;
                }
                // Already settled: its handle is its candidate number. (Closed from the
                // start: implicit stated candidates have no best cost of their own.)
                let id = rc as u32;
                if fires[relation_index(relation)] {
                    // The group gives the subject and relation.
                    let object = EntityId(self.ev.stated.object[rc]);
                    let fact = Fact::Relation(EntityId(subject), relation, object);
                    self.fire_rules(fact, id);
                    if self.stopped.is_some() {
                        return;
                    }
                    self.apply_proposals();
                }
            }
        }
    }

    pub(super) fn head_index(&mut self, head: Head) -> usize {
        match head {
            Head::State(k) => k as usize,
            Head::Relation(a, r, b) => self.frontier.states + self.ev.intern(a, r, b) as usize,
        }
    }

    /// Hint the memory the states settling next will read: settling one state is a chain
    /// of dependent reads (its best cost and record, then where its relations start, then
    /// the relations), each a miss once the network outgrows the caches, and the queue
    /// often knows the next states already. Far ahead: the first reads; nearer: the
    /// relations, whose start the far hint has brought in.
    fn prefetch_upcoming(&self) {
        const FAR: usize = 8;
        const NEAR: usize = 4;
        let state = |ahead| {
            let i = self.frontier.queue.upcoming(ahead)? as usize;
            (i < self.frontier.states).then_some(i)
        };
        if let Some(far) = state(FAR) {
            self.frontier.prefetch(far);
            self.ev.prefetch_state(far);
        }
        if let Some(near) = state(NEAR) {
            self.ev.stated.prefetch_groups(near / 2);
        }
    }

    /// The next candidate to settle: the smaller key of the queue and the stated stream.
    fn pop(&mut self, next_stated: &mut usize) -> Option<u32> {
        let states = self.frontier.states;
        let stated = self.stated_order.get(*next_stated).map(|&rc| Entry {
            cost: self.ev.stated.cost(rc as usize).fixed(),
            steps: 0,
            index: (states + rc as usize) as u32,
        });
        match (self.frontier.queue.peek_key(), stated) {
            (Some(q), Some(s)) if q <= s.key() => self.frontier.queue.pop().map(|e| e.index),
            (_, Some(s)) => {
                *next_stated += 1;
                Some(s.index)
            }
            (Some(_), None) => self.frontier.queue.pop().map(|e| e.index),
            (None, None) => None,
        }
    }

    fn run(&mut self) {
        let mut next_stated = 0;
        while let Some(index) = self.pop(&mut next_stated) {
            self.prefetch_upcoming();
            let best = self.frontier.best(index as usize);
            if best == CLOSED {
                continue;
            }
            self.frontier.set_best(index as usize, CLOSED);
            let (fact, id) = self.settle(index, Cost::from_fixed(best as u64));
            self.fire(fact, id);
            if self.stopped.is_some() {
                return;
            }
            self.apply_proposals();
        }
    }

    /// Record candidate `index` as a fact of cost `cost`, by its best derivation so far.
    pub(super) fn settle(&mut self, index: u32, cost: Cost) -> (Fact, u32) {
        {
            let mut c = self.frontier.record(index as usize);
            if let Some(rc) = (index as usize).checked_sub(self.frontier.states)
                && let Some(&statement) = self.ev.stated.statement.get(rc)
                && !self.frontier.overrides.contains_key(&(rc as u64))
            {
                // A stated relation settling on its own statement.
                c.origin = Origin::Statement(StatementId(statement));
            }
            let range = c.premises_start as usize..(c.premises_start + c.premises_len) as usize;
            let made = c.origin;
            let index = index as usize;
            let states = self.frontier.states;
            let premises = &self.frontier.premises[range.clone()];
            let value = Value {
                cost,
                strength: self.number(c.origin, index, premises),
                steps: c.steps,
            };
            let (fact, id) = if index < states {
                let state = if index.is_multiple_of(2) {
                    State::Up
                } else {
                    State::Down
                };
                let fact = Fact::State(EntityId((index / 2) as u32), state);
                let premises = &self.frontier.premises[range];
                (fact, self.ev.push_state(fact, value, made, premises))
            } else {
                let rc = (index - states) as u32;
                let fact = self.relation_fact(rc);
                let premises = &self.frontier.premises[range];
                let id = self.ev.push_relation(fact, rc, value, made, premises);
                (fact, id)
            };
            (fact, id)
        }
    }

    /// The strength of a settling derivation as a number: its factor times its premises'
    /// numbers, multiplied in body order (for output only; `Cost` decides).
    fn number(&self, origin: Origin, index: usize, premises: &[FactId]) -> f64 {
        let program = self.program;
        let confidence = match origin {
            Origin::Clamp(_) => 1.0,
            Origin::Statement(id) => match index.checked_sub(self.frontier.states) {
                Some(rc) if premises.is_empty() && rc < self.ev.stated.len() => {
                    self.ev.stated.strength(rc)
                }
                _ => program
                    .statements
                    .get(id.0 as usize)
                    .map_or(0.0, |s| program.confidence(&s.provenance)),
            },
            Origin::Conjunction(id) => program
                .conjunctions
                .get(id.0 as usize)
                .map_or(0.0, |c| program.confidence(&c.provenance)),
            Origin::Rule(id) => program
                .rules
                .get(id.0 as usize)
                .map_or(0.0, |r| r.confidence),
        };
        premises
            .iter()
            .fold(factor(confidence), |x, p| x * self.ev.strength(*p))
    }

    fn relation_fact(&self, rc: u32) -> Fact {
        let stated = self.ev.stated.len();
        match (rc as usize).checked_sub(stated) {
            // A stated triple is its statement's (one read, not a search of the layout).
            None => {
                let st = &self.program.statements[self.ev.stated.statement[rc as usize] as usize];
                let object = EntityId(self.ev.stated.object[rc as usize]);
                debug_assert_eq!(object, st.object);
                Fact::Relation(st.subject, st.relation(), object)
            }
            Some(d) => {
                let (a, r, b) = self.ev.derived_triple[d];
                Fact::Relation(EntityId(a), r, EntityId(b))
            }
        }
    }

    /// Try every rule instance whose newest premise is the fact just settled.
    pub(super) fn fire(&mut self, fact: Fact, id: u32) {
        self.fire_edges(fact, id);
        self.fire_grounds(fact, id);
        self.fire_rules(fact, id);
    }

    /// Rules of the prelude's shape: `?x S, ?x R ?y => ?y H`.
    fn fire_edges(&mut self, fact: Fact, id: u32) {
        let compiled = self.compiled;
        let ev = &self.ev;
        let frontier = &mut self.frontier;
        let mut pair = [FactId(0); 2];
        match fact {
            Fact::State(x, s) => {
                let own = ev.state_slot[state_key(x.0, s)];
                for &r in &compiled.edge_by_state[state_index(s)] {
                    let rule = &compiled.rules[r as usize];
                    let Some(edge) = rule.edge else { continue };
                    // The targets are scattered over the network: ask for all their
                    // best costs before testing the first.
                    for &y in ev.stated_objects(x.0, edge.relation) {
                        frontier.prefetch(state_key(y, edge.head));
                    }
                    let mut take = |rel: Slot, y: u32| {
                        let head = state_key(y, edge.head);
                        let cost = rule.cost.plus(own.cost).plus(rel.cost);
                        if frontier.worth(head, cost) {
                            pair[edge.state_pos] = FactId(id);
                            pair[1 - edge.state_pos] = FactId(rel.fact);
                            let steps = own.steps.max(rel.steps) + 1;
                            frontier.offer(head, cost, steps, Origin::Rule(RuleId(rule.id)), &pair);
                        }
                    };
                    if ev.stated_all_implicit() {
                        // A stated relation that holds is its statement's fact, read
                        // straight from the layout: its handle is its candidate number.
                        ev.stated.each_from(x.0, edge.relation, |c, y, cost| {
                            if cost.holds() {
                                let fact = c as u32;
                                take(
                                    Slot {
                                        fact,
                                        steps: 0,
                                        cost,
                                    },
                                    y,
                                );
                            }
                        });
                        for (rel, y) in ev.derived_out_edges(x.0, edge.relation) {
                            take(rel, y);
                        }
                    } else {
                        for (rel, y) in ev.out_edges(x.0, edge.relation) {
                            take(rel, y);
                        }
                    }
                }
            }
            Fact::Relation(x, r, y) => {
                let own = ev.relation_slot_of(id);
                for &ri in &compiled.edge_by_relation[relation_index(r)] {
                    let rule = &compiled.rules[ri as usize];
                    let Some(edge) = rule.edge else { continue };
                    let state = ev.state_slot[state_key(x.0, edge.state)];
                    if state.fact == NONE {
                        continue;
                    }
                    let head = state_key(y.0, edge.head);
                    let cost = rule.cost.plus(state.cost).plus(own.cost);
                    if frontier.worth(head, cost) {
                        pair[edge.state_pos] = FactId(state.fact);
                        pair[1 - edge.state_pos] = FactId(id);
                        let steps = own.steps.max(state.steps) + 1;
                        frontier.offer(head, cost, steps, Origin::Rule(RuleId(rule.id)), &pair);
                    }
                }
            }
        }
    }

    /// Conditional statements and conjunctions with a condition on the settled state.
    fn fire_grounds(&mut self, fact: Fact, id: u32) {
        let Fact::State(e, s) = fact else {
            return;
        };
        let compiled = self.compiled;
        for &(g, pos) in compiled.grounds_on(state_key(e.0, s)) {
            let ground = &compiled.grounds[g as usize];
            let start = self.proposal_premises.len();
            let mut cost = ground.cost;
            let mut steps = 0;
            let mut complete = true;
            for (j, &k) in compiled.ground_conditions(ground).iter().enumerate() {
                let p = self.ev.state_slot[k as usize];
                if p.fact == NONE || (j < pos as usize && p.fact == id) {
                    complete = false;
                    break;
                }
                cost = cost.plus(p.cost);
                steps = steps.max(p.steps);
                self.proposal_premises.push(FactId(p.fact));
            }
            if complete {
                self.proposals.push(Proposal {
                    head: ground.head,
                    cost,
                    steps: steps + 1,
                    origin: ground.origin,
                    premises_start: start as u32,
                    premises_len: ground.len,
                });
            } else {
                self.proposal_premises.truncate(start);
            }
        }
    }

    /// Any other variable rule: join its body against settled facts.
    fn fire_rules(&mut self, fact: Fact, id: u32) {
        let compiled = self.compiled;
        let triggers = match fact {
            Fact::State(_, s) => &compiled.state_triggers[state_index(s)],
            Fact::Relation(_, r, _) => &compiled.relation_triggers[relation_index(r)],
        };
        let mut rows = self.max_rows;
        for t in triggers {
            let rule = &compiled.rules[t.rule as usize];
            let pos = t.pos as usize;
            let bind = &mut self.bind[..rule.vars];
            bind.fill(NONE);
            if !unify_fact(&rule.body[pos], fact, bind) {
                continue;
            }
            let premises = &mut self.scratch[..rule.body.len()];
            premises[pos] = FactId(id);
            let ev = &self.ev;
            let frontier = &self.frontier;
            let proposals = &mut self.proposals;
            let proposal_premises = &mut self.proposal_premises;
            let mut found = |bind: &[u32], premises: &[FactId]| {
                let Some(head) = ground(&rule.head, bind) else {
                    return;
                };
                let mut cost = rule.cost;
                let mut steps = 0;
                for p in premises {
                    cost = cost.plus(ev.cost(*p));
                    steps = steps.max(ev.steps(*p));
                }
                if let Fact::State(e, s) = head
                    && !frontier.worth(state_key(e.0, s), cost)
                {
                    return;
                }
                proposals.push(Proposal {
                    head: fact_head(head),
                    cost,
                    steps: if premises.is_empty() { 0 } else { steps + 1 },
                    origin: Origin::Rule(RuleId(rule.id)),
                    premises_start: proposal_premises.len() as u32,
                    premises_len: premises.len() as u32,
                });
                proposal_premises.extend_from_slice(premises);
            };
            join_within(
                ev,
                &rule.body,
                &rule.plans[pos],
                (pos, id),
                bind,
                premises,
                &mut found,
                &mut rows,
            );
            if rows == 0 {
                self.stopped = Some(JoinLimit {
                    rule: crate::program::RuleId(rule.id),
                    limit: self.max_rows,
                });
                self.proposals = Vec::new();
                self.proposal_premises = Vec::new();
                return;
            }
        }
    }

    /// Offer every buffered conclusion, keeping the buffers' capacity.
    pub(super) fn apply_proposals(&mut self) {
        if self.proposals.is_empty() {
            return;
        }
        let mut proposals = std::mem::take(&mut self.proposals);
        let mut premises = std::mem::take(&mut self.proposal_premises);
        for p in &proposals {
            let index = self.head_index(p.head);
            let range = p.premises_start as usize..(p.premises_start + p.premises_len) as usize;
            self.frontier
                .offer(index, p.cost, p.steps, p.origin, &premises[range]);
        }
        proposals.clear();
        premises.clear();
        self.proposals = proposals;
        self.proposal_premises = premises;
    }
}

/// The stated relations some rule could also conclude (sorted), or `None` when a
/// variable rule concludes relations and so any of them could be strengthened.
fn contested(compiled: &Compiled, stated: &StatedRelations) -> Option<Vec<u32>> {
    if compiled
        .rules
        .iter()
        .any(|r| matches!(r.head, crate::program::Atom::Relation(..)))
    {
        return None;
    }
    let mut contested: Vec<u32> = compiled
        .grounds
        .iter()
        .filter_map(|g| match g.head {
            Head::Relation(a, r, b) => stated.find(a, r, b),
            Head::State(_) => None,
        })
        .collect();
    contested.sort_unstable();
    contested.dedup();
    Some(contested)
}

fn fact_head(fact: Fact) -> Head {
    match fact {
        Fact::State(e, s) => Head::State(state_key(e.0, s) as u32),
        Fact::Relation(a, r, b) => Head::Relation(a.0, r, b.0),
    }
}

/// Stated candidates by strength, strongest first, in (relation, subject, object) order
/// within a strength (see `StatedRelations::in_relation_order`). Stated strengths take
/// few distinct values (confidence words), so the common case is a counting sort by
/// strength class.
fn stated_order(stated: &StatedRelations) -> Vec<u32> {
    let n = stated.len();
    let cost = |c: usize| stated.cost(c);
    let mut classes: Vec<Cost> = Vec::new();
    for x in (0..n).map(cost) {
        if x.holds() && !classes.contains(&x) {
            classes.push(x);
            if classes.len() > 64 {
                let mut order: Vec<u32> = stated
                    .in_relation_order()
                    .filter(|&c| cost(c).holds())
                    .map(|c| c as u32)
                    .collect();
                order.sort_by_key(|&c| cost(c as usize));
                return order;
            }
        }
    }
    classes.sort_unstable();
    let class = |x: Cost| classes.iter().position(|&c| c == x);
    let mut start = vec![0usize; classes.len() + 1];
    for x in (0..n).map(cost) {
        if let Some(i) = class(x) {
            start[i + 1] += 1;
        }
    }
    for i in 0..classes.len() {
        start[i + 1] += start[i];
    }
    let mut order = vec![0u32; start[classes.len()]];
    for c in stated.in_relation_order() {
        if let Some(i) = class(cost(c)) {
            order[start[i]] = c as u32;
            start[i] += 1;
        }
    }
    order
}
