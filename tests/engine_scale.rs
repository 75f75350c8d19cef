//! Scale check (not a timed test): 1,000,000 statements over 100,000 entities.
//!
//! Run with `cargo test --release --test engine_scale -- --ignored --nocapture`.

mod engine_common;

use std::time::Instant;

use engine_common::Builder;
use marrow::engine::{RunConfig, evaluate, net_effects};
use marrow::explain::{tree, why};
use marrow::program::{EntityId, State};

/// A scale-free signed network: subjects by preferential attachment, objects uniform, so
/// that a few hubs fan out widely and everything is reachable from a handful of givens.
fn network(entities: u32, statements: u32) -> Builder {
    let mut b = Builder::new();
    b.prelude();
    for i in 0..entities {
        b.entity(&format!("g{i}"));
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut ends: Vec<u32> = Vec::with_capacity(statements as usize);
    let verbs = ["activates", "inhibits", "promotes", "suppresses", "carries"];
    let confidences = [0.4, 0.7, 0.9, 0.7, 0.9];
    for i in 0..statements {
        let r = next();
        let subject = if i < entities {
            i
        } else if r % 2 == 0 && !ends.is_empty() {
            ends[(next() % ends.len() as u64) as usize]
        } else {
            (next() % u64::from(entities)) as u32
        };
        let object = if i < entities {
            (i + 1 + (next() % 16) as u32) % entities
        } else {
            (next() % u64::from(entities)) as u32
        };
        ends.push(subject);
        let v = (next() % 5) as usize;
        b.statement_full(
            EntityId(subject),
            verbs[v],
            EntityId(object),
            confidences[(next() % 5) as usize],
            &[],
            &[],
        );
    }
    b
}

#[test]
#[ignore = "scale benchmark; run in release"]
fn million_statements() {
    let t = Instant::now();
    let b = network(100_000, 1_000_000);
    println!(
        "build program: {:?}, peak memory so far {} MB",
        t.elapsed(),
        peak_mb()
    );
    let config = RunConfig {
        clamps: (0..10)
            .map(|i| b.given(&format!("g{}", i * 9_973)))
            .collect(),
        contexts: vec![],
    };
    let t = Instant::now();
    let ev = evaluate(&b.program, &config);
    let eval_time = t.elapsed();
    println!("peak memory after evaluation: {} MB", peak_mb());
    let t = Instant::now();
    let effects = net_effects(&b.program, &ev, false);
    let net_time = t.elapsed();
    let both = effects
        .iter()
        .filter(|e| e.up.is_some() && e.down.is_some())
        .count();
    println!(
        "evaluate: {eval_time:?} ({} facts); net effects: {net_time:?} ({} entities, {both} in both states)",
        ev.len(),
        effects.len()
    );
    let t = Instant::now();
    let mut worst = std::time::Duration::ZERO;
    for i in (0..100_000).step_by(9_999) {
        let s = Instant::now();
        let w = why(
            &b.program,
            &ev,
            marrow::engine::Fact::State(EntityId(i), State::Down),
            1,
        );
        if let Some(id) = ev.state(EntityId(i), State::Down) {
            let _ = tree(&b.program, &ev, id);
        }
        assert!(w.holds || w.why_not.is_some());
        worst = worst.max(s.elapsed());
    }
    println!("why x11: {:?}, worst {worst:?}", t.elapsed());
    assert!(ev.len() > 1_000_000);
}

/// Peak resident memory of this process (Linux), in MB; 0 elsewhere.
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

/// The same signed propagation in datafrog (which states hold, no strengths, no
/// provenance), timed beside the engine on the same network.
#[test]
#[ignore = "scale benchmark; run in release"]
fn million_statements_against_datafrog() {
    use datafrog::{Iteration, Relation as Rel};
    use marrow::program::Relation;
    let b = network(100_000, 1_000_000);
    let givens: Vec<u32> = (0..10).map(|i| i * 9_973).collect();
    let config = RunConfig {
        clamps: givens.iter().map(|&g| b.given(&format!("g{g}"))).collect(),
        contexts: vec![],
    };
    let t = Instant::now();
    let ev = evaluate(&b.program, &config);
    let marrow_time = t.elapsed();

    let t = Instant::now();
    let edges = |r: Relation| -> Rel<(u32, u32)> {
        b.program
            .statements
            .iter()
            .filter(|s| s.relation == r)
            .map(|s| (s.subject.0, s.object.0))
            .collect()
    };
    let (act, inh, car) = (
        edges(Relation::Activates),
        edges(Relation::Inhibits),
        edges(Relation::Carries),
    );
    let blocked_down: Rel<u32> = givens.iter().copied().collect();
    let blocked_up: Rel<u32> = Rel::from_vec(Vec::new());
    let mut iteration = Iteration::new();
    let up = iteration.variable::<(u32, ())>("up");
    let down = iteration.variable::<(u32, ())>("down");
    let up_new = iteration.variable::<(u32, ())>("up_new");
    let down_new = iteration.variable::<(u32, ())>("down_new");
    up.extend(givens.iter().map(|&g| (g, ())));
    while iteration.changed() {
        up_new.from_join(&up, &act, |_, _, &y| (y, ()));
        up_new.from_join(&up, &car, |_, _, &y| (y, ()));
        up_new.from_join(&down, &inh, |_, _, &y| (y, ()));
        down_new.from_join(&down, &act, |_, _, &y| (y, ()));
        down_new.from_join(&up, &inh, |_, _, &y| (y, ()));
        up.from_antijoin(&up_new, &blocked_up, |&y, _| (y, ()));
        down.from_antijoin(&down_new, &blocked_down, |&y, _| (y, ()));
    }
    let (up, down) = (up.complete(), down.complete());
    let datafrog_time = t.elapsed();
    let states = ev
        .facts()
        .filter(|(_, f)| matches!(f, marrow::engine::Fact::State(..)))
        .count();
    assert_eq!(states, up.len() + down.len(), "the same states hold");
    println!(
        "marrow (strengths + provenance) {marrow_time:?}; datafrog (states only) {datafrog_time:?}; ratio {:.2}",
        marrow_time.as_secs_f64() / datafrog_time.as_secs_f64()
    );
}
