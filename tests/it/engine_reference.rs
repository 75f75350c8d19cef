//! The engine against a small, obviously-correct reference evaluator on random programs.
//!
//! The reference applies every ground instance of every statement, conjunction and rule
//! (variables range over all entities) until nothing changes, relaxing strengths by
//! (strength higher, or equal with fewer steps). Strengths are exact: a sum of integer
//! weights `round(−ln c · 2^32)`, so ties are ties whatever the order of the factors.
//! It shares no code with the engine.

use std::collections::BTreeMap;

use crate::support::engine::Builder;
use marrow::engine::{Fact, Net, RunConfig, evaluate, net_effects};
use marrow::program::{
    Atom, Clamp, ClampKind, ContextId, EntityId, Program, Relation, State, Term,
};
use proptest::prelude::*;

/// Per fact: exact cost (fixed-point −ln), steps, and the product as a number.
type Values = BTreeMap<Fact, (u64, u32, f64)>;

/// The exact weight of one factor; `None` when it derives nothing.
fn weight(confidence: f64) -> Option<u64> {
    if confidence.is_nan() || confidence <= 0.0 {
        return None;
    }
    Some((-confidence.min(1.0).ln() * 4_294_967_296.0).round() as u64)
}

fn active(config: &RunConfig, contexts: &[ContextId]) -> bool {
    contexts.is_empty()
        || config.contexts.is_empty()
        || contexts.iter().any(|c| config.contexts.contains(c))
}

fn reference(program: &Program, config: &RunConfig) -> Values {
    let n = program.entities.len() as u32;
    let clamped =
        |e: EntityId, s: State| config.clamps.iter().any(|c| c.entity == e && c.state == s);
    let blocked = |f: &Fact| match *f {
        Fact::State(e, s) => clamped(e, s.opposite()) && !clamped(e, s),
        Fact::Relation(..) => false,
    };
    let mut v: Values = BTreeMap::new();
    let relax = |v: &mut Values, fact: Fact, (w, k, x): (u64, u32, f64)| -> bool {
        if blocked(&fact) {
            return false;
        }
        match v.get(&fact) {
            Some(&(w0, k0, _)) if !(w < w0 || (w == w0 && k < k0)) => false,
            _ => {
                v.insert(fact, (w, k, x));
                true
            }
        }
    };
    // Cost, steps and number of one instance, premises multiplied in the order written.
    let instance = |v: &Values, conf: f64, premises: &[Fact]| -> Option<(u64, u32, f64)> {
        let mut w = weight(conf)?;
        let mut x = conf.clamp(0.0, 1.0);
        let mut k = 0;
        for p in premises {
            let &(pw, pk, px) = v.get(p)?;
            w += pw;
            x *= px;
            k = k.max(pk + 1);
        }
        Some((w, k, x))
    };
    for c in &config.clamps {
        relax(&mut v, Fact::State(c.entity, c.state), (0, 0, 1.0));
    }
    // With `max steps N`, layer h reads only what held after layer h − 1 (so a fact's
    // value is its strongest derivation of height ≤ h); layer 0 applies premise-free
    // instances only. Without a bound, every update is seen at once.
    let mut layer = 0u32;
    loop {
        let bounded = config.max_steps.is_some();
        if bounded && config.max_steps < Some(layer) {
            return v;
        }
        let read: Values = if bounded { v.clone() } else { BTreeMap::new() };
        let first = layer == 0;
        let instance = |v: &Values, conf: f64, premises: &[Fact]| {
            if !bounded {
                instance(v, conf, premises)
            } else if first && !premises.is_empty() {
                None
            } else {
                instance(&read, conf, premises)
            }
        };
        layer += 1;
        let mut changed = false;
        for st in &program.statements {
            if !active(config, &st.provenance.contexts) {
                continue;
            }
            let head = Fact::Relation(st.subject, st.relation, st.object);
            let premises: Vec<Fact> = st
                .conditions
                .iter()
                .map(|c| Fact::State(c.entity, c.state))
                .collect();
            if let Some(value) = instance(&v, st.provenance.confidence, &premises) {
                changed |= relax(&mut v, head, value);
            }
        }
        for cj in &program.conjunctions {
            if !active(config, &cj.provenance.contexts) {
                continue;
            }
            let head = Fact::State(cj.head.entity, cj.head.state);
            let premises: Vec<Fact> = cj
                .premises
                .iter()
                .map(|c| Fact::State(c.entity, c.state))
                .collect();
            if let Some(value) = instance(&v, cj.provenance.confidence, &premises) {
                changed |= relax(&mut v, head, value);
            }
        }
        for rule in &program.rules {
            let vars = rule.variables.len() as u32;
            let total = n.pow(vars);
            for code in 0..total {
                let assignment: Vec<EntityId> =
                    (0..vars).map(|i| EntityId(code / n.pow(i) % n)).collect();
                let term = |t: Term| match t {
                    Term::Var(i) => assignment[i as usize],
                    Term::Entity(e) => e,
                };
                let atom = |a: &Atom| match *a {
                    Atom::State(t, s) => Fact::State(term(t), s),
                    Atom::Relation(a, r, b) => Fact::Relation(term(a), r, term(b)),
                };
                let premises: Vec<Fact> = rule.body.iter().map(atom).collect();
                if let Some(value) = instance(&v, rule.confidence, &premises) {
                    changed |= relax(&mut v, atom(&rule.head), value);
                }
            }
        }
        if !changed && (!bounded || layer > 1) {
            return v;
        }
    }
}

/// splitmix64: a tiny deterministic generator so a failing seed replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn confidence(&mut self) -> f64 {
        // Few distinct values so that ties (equal strength, different steps) are common.
        match self.below(6) {
            0 => 0.4,
            1 => 0.7,
            2 => 0.9,
            3 => 1.0,
            4 => 0.5,
            _ => (self.below(1000) + 1) as f64 / 1000.0,
        }
    }
    fn state(&mut self) -> State {
        if self.chance(50) {
            State::Up
        } else {
            State::Down
        }
    }
}

const VERBS: [&str; 5] = ["activates", "inhibits", "carries", "promotes", "suppresses"];
const RELATIONS: [Relation; 3] = [Relation::Activates, Relation::Inhibits, Relation::Carries];

fn random_case(seed: u64) -> (Program, RunConfig) {
    let mut r = Rng(seed);
    let mut b = Builder::new();
    let n = 2 + r.below(6) as u32;
    let entities: Vec<EntityId> = (0..n).map(|i| b.entity(&format!("e{i}"))).collect();
    let contexts: Vec<ContextId> = (0..r.below(3))
        .map(|i| b.context(&format!("c{i}")))
        .collect();
    let pick_contexts = |r: &mut Rng| -> Vec<ContextId> {
        if contexts.is_empty() || r.chance(60) {
            Vec::new()
        } else {
            (0..1 + r.below(2))
                .map(|_| contexts[r.below(contexts.len() as u64) as usize])
                .collect()
        }
    };
    let pick = |r: &mut Rng| entities[r.below(entities.len() as u64) as usize];
    for e in &entities {
        if r.chance(15) {
            b.outcome(*e);
        }
    }
    if r.chance(90) {
        b.prelude();
    }
    for _ in 0..r.below(14) {
        let (s, o) = (pick(&mut r), pick(&mut r));
        let verb = VERBS[r.below(5) as usize];
        let conf = r.confidence();
        let conditions: Vec<(EntityId, State)> = if r.chance(15) {
            (0..1 + r.below(2))
                .map(|_| (pick(&mut r), r.state()))
                .collect()
        } else {
            Vec::new()
        };
        let ctx = pick_contexts(&mut r);
        b.statement_full(s, verb, o, conf, &conditions, &ctx);
    }
    for _ in 0..r.below(3) {
        let premises: Vec<(EntityId, State)> = (0..1 + r.below(3))
            .map(|_| (pick(&mut r), r.state()))
            .collect();
        let head = (pick(&mut r), r.state());
        let conf = r.confidence();
        let ctx = pick_contexts(&mut r);
        b.conjunction(&premises, head, conf, &ctx);
    }
    for _ in 0..r.below(3) {
        let (s, o) = (pick(&mut r), pick(&mut r));
        let ctx = pick_contexts(&mut r);
        b.null(s, o, &ctx);
    }
    // Random user rules: 1–3 variables, 1–3 body atoms, head terms from the body.
    for i in 0..(if r.chance(40) { 1 + r.below(2) } else { 0 }) {
        let vars = 1 + r.below(3) as u32;
        let term = |r: &mut Rng| {
            if r.chance(80) {
                Term::Var(r.below(u64::from(vars)) as u32)
            } else {
                Term::Entity(pick(r))
            }
        };
        let mut body = Vec::new();
        for _ in 0..1 + r.below(3) {
            if r.chance(50) {
                body.push(Atom::State(term(&mut r), r.state()));
            } else {
                let rel = RELATIONS[r.below(3) as usize];
                body.push(Atom::Relation(term(&mut r), rel, term(&mut r)));
            }
        }
        let used: Vec<Term> = body
            .iter()
            .flat_map(|a| match *a {
                Atom::State(t, _) => vec![t],
                Atom::Relation(a, _, b) => vec![a, b],
            })
            .collect();
        let head_term = |r: &mut Rng| used[r.below(used.len() as u64) as usize];
        let head = if r.chance(60) {
            Atom::State(head_term(&mut r), r.state())
        } else {
            let rel = RELATIONS[r.below(3) as usize];
            Atom::Relation(head_term(&mut r), rel, head_term(&mut r))
        };
        // Renumber variables densely is unnecessary: unused variables just range freely.
        let conf = r.confidence();
        b.rule(&format!("user{i}"), conf, vars as usize, body, head, false);
    }
    let kinds = [
        ClampKind::Given,
        ClampKind::Knockout,
        ClampKind::Overexpress,
    ];
    let mut clamps = Vec::new();
    for _ in 0..1 + r.below(3) {
        let kind = kinds[r.below(3) as usize];
        let state = match kind {
            ClampKind::Knockout => State::Down,
            ClampKind::Overexpress => State::Up,
            ClampKind::Given => r.state(),
        };
        clamps.push(Clamp {
            entity: pick(&mut r),
            state,
            kind,
        });
    }
    let max_steps = r.chance(30).then(|| r.below(5) as u32);
    let selected = if b.program.contexts.is_empty() || r.chance(50) {
        Vec::new()
    } else {
        vec![ContextId(r.below(b.program.contexts.len() as u64) as u32)]
    };
    let program = b.program;
    (
        program,
        RunConfig {
            clamps,
            contexts: selected,
            max_steps,
            ..RunConfig::default()
        },
    )
}

fn check(seed: u64) -> Result<(), String> {
    let (program, config) = random_case(seed);
    let expected = reference(&program, &config);
    let ev = evaluate(&program, &config);
    let got: Values = ev
        .facts()
        .map(|(id, f)| (f, (ev.cost(id).fixed(), ev.steps(id), ev.strength(id))))
        .collect();
    let ctx = || format!("seed {seed}\nprogram: {program:#?}\nconfig: {config:?}");
    if got.keys().ne(expected.keys()) {
        return Err(format!(
            "facts differ\nengine:    {:?}\nreference: {:?}\n{}",
            got.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            ctx()
        ));
    }
    for (f, &(w, k, x)) in &expected {
        let (gw, gk, gx) = got[f];
        if gw != w || gk != k || (gx - x).abs() > 1e-12 * x.max(1e-300) {
            return Err(format!(
                "{f:?}: engine ({gw} = {gx}, {gk} steps), reference ({w} = {x}, {k} steps)\n{}",
                ctx()
            ));
        }
    }
    // Every derivation's premises hold and come before the fact they derive.
    for (id, _) in ev.facts() {
        for p in ev.derivation(id).premises() {
            if p >= &id {
                return Err(format!("premise {p:?} not before {id:?}\n{}", ctx()));
            }
        }
    }
    // Net effects, decided naively from the reference values.
    let effects = net_effects(&program, &ev, true);
    let n = program.entities.len() as u32;
    // Outcomes first in declared order, then every other entity, strongest side first,
    // then by name.
    let outcomes = program.outcomes.len();
    let listed: Vec<EntityId> = effects.iter().map(|e| e.entity).collect();
    let mut others: Vec<EntityId> = (0..n)
        .map(EntityId)
        .filter(|e| !program.outcomes.contains(e))
        .collect();
    let mut rest = listed[outcomes.min(listed.len())..].to_vec();
    others.sort();
    rest.sort();
    if listed[..outcomes.min(listed.len())]
        != program.outcomes.iter().copied().collect::<Vec<_>>()[..]
        || rest != others
    {
        return Err(format!("net effects list the wrong entities\n{}", ctx()));
    }
    let stronger = |e: &marrow::engine::NetEffect| {
        let c = |x: Option<marrow::engine::Side>| x.map_or(u64::MAX, |x| x.cost.fixed());
        c(e.up).min(c(e.down))
    };
    for pair in effects[outcomes..].windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let ordered = stronger(a) < stronger(b)
            || (stronger(a) == stronger(b)
                && program.entity_name(a.entity) <= program.entity_name(b.entity));
        if !ordered {
            return Err(format!("net effects out of order\n{}", ctx()));
        }
    }
    for effect in &effects {
        let e = effect.entity;
        let up = expected.get(&Fact::State(e, State::Up));
        let down = expected.get(&Fact::State(e, State::Down));
        let net = match (up, down) {
            (Some(_), Some(_)) => Net::Conflicting,
            (Some(_), None) => Net::Up,
            (None, Some(_)) => Net::Down,
            (None, None) => Net::Unaffected,
        };
        let lean = match (up, down) {
            (Some(u), Some(d)) if u.0 < d.0 => Some(State::Up),
            (Some(u), Some(d)) if d.0 < u.0 => Some(State::Down),
            _ => None,
        };
        let tie = matches!((up, down), (Some(u), Some(d)) if u.0 == d.0);
        if tie != (effect.margin == Some(1.0)) {
            return Err(format!(
                "margin of {e:?}: engine {:?}, reference tie {tie}\n{}",
                effect.margin,
                ctx()
            ));
        }
        let clamp = config.clamps.iter().find(|c| c.entity == e).map(|c| c.kind);
        let side = |s: Option<&(u64, u32, f64)>| s.map(|&(w, k, _)| (w, k));
        let got_side = |s: Option<marrow::engine::Side>| s.map(|s| (s.cost.fixed(), s.steps));
        let notes = program
            .nulls
            .iter()
            .filter(|x| {
                x.object == e
                    && active(&config, &x.provenance.contexts)
                    && (expected.contains_key(&Fact::State(x.subject, State::Up))
                        || expected.contains_key(&Fact::State(x.subject, State::Down)))
                    && net != Net::Unaffected
            })
            .count();
        if effect.net != net
            || effect.lean != lean
            || effect.clamp != clamp
            || effect.outcome != program.outcomes.contains(&e)
            || got_side(effect.up) != side(up)
            || got_side(effect.down) != side(down)
            || effect.notes.len() != notes
        {
            return Err(format!(
                "net effect of {e:?} differs: engine {effect:?}, reference net {net:?} lean {lean:?} up {up:?} down {down:?} notes {notes}\n{}",
                ctx()
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn engine_matches_reference(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// A fixed sweep as well, so the suite covers the same programs on every run.
#[test]
fn engine_matches_reference_fixed_seeds() {
    for seed in 0..1000 {
        if let Err(e) = check(seed) {
            panic!("{e}");
        }
    }
}
