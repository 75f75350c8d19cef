//! Scale benchmark (DESIGN §4 targets; figures go to BENCHMARKS.md):
//! a generated scale-free network of 1,000,000 statements over 100,000 entities.
//!
//! `cargo bench --bench scale` (set `MARROW_BENCH_STATEMENTS` / `MARROW_BENCH_ENTITIES`
//! for other sizes). Each stage runs three times; the best and the median are reported.
//! Peak memory of the real binary is measured by `benches/end_to_end.sh`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use datafrog::{Iteration, Relation as Rel};
use marrow::engine::{Fact, RunConfig, evaluate, evaluate_by_pairs, net_effects};
use marrow::explain::why;
use marrow::program::lint::lint;
use marrow::program::resolve::by_pair;
use marrow::program::{EntityId, Program, Relation, State, load_text};
use marrow::render::{json, text};

#[path = "network.rs"]
mod network;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Best and median of three runs of `f`, and its last result.
fn time<T>(mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..3 {
        let t = Instant::now();
        let r = f();
        times.push(t.elapsed());
        last = Some(r);
    }
    times.sort();
    (times[0], times[1], last.expect("three runs"))
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// The same signed propagation in datafrog: which states hold (no strengths, no
/// provenance), clamps respected.
fn datafrog(program: &Program, givens: &[u32]) -> (usize, usize) {
    let edges = |r: Relation| -> Rel<(u32, u32)> {
        program
            .statements
            .iter()
            .filter(|s| s.relation() == r)
            .map(|s| (s.subject.0, s.object.0))
            .collect()
    };
    let (act, inh, car) = (
        edges(Relation::Activates),
        edges(Relation::Inhibits),
        edges(Relation::Carries),
    );
    let blocked_down: Rel<u32> = givens.iter().copied().collect();
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
        up.from_map(&up_new, |&t| t);
        down.from_antijoin(&down_new, &blocked_down, |&y, _| (y, ()));
    }
    (up.complete().len(), down.complete().len())
}

fn main() {
    let statements = env("MARROW_BENCH_STATEMENTS", 1_000_000);
    let entities = env("MARROW_BENCH_ENTITIES", 100_000);
    let mut buf = Vec::new();
    network::write(&mut buf, statements, entities, 42).expect("generated");
    let text_src = String::from_utf8(buf).expect("ASCII");
    println!(
        "network: {statements} statements over {entities} entities, {:.1} MB of rule text",
        text_src.len() as f64 / 1e6
    );

    let (best, median, loaded) = time(|| load_text("net.rules", &text_src));
    assert_eq!(loaded.errors(), 0);
    let program = &loaded.program;
    println!(
        "parse + lower + lint           best {:>10}  median {:>10}",
        ms(best),
        ms(median)
    );

    // The lints `check` runs (on two cores at this size), given the pair index loading
    // makes for duplicate merging: nine runs, the index made afresh outside the timing.
    let mut warnings = 0;
    let mut lint_times: Vec<Duration> = (0..9)
        .map(|_| {
            let pairs = by_pair(program);
            let t = Instant::now();
            warnings = lint(program, pairs).len();
            t.elapsed()
        })
        .collect();
    lint_times.sort();
    println!(
        "lints (check's)                median {:>10}  min {:>10}  max {:>10}  ({warnings} warnings)",
        ms(lint_times[4]),
        ms(lint_times[0]),
        ms(lint_times[8])
    );

    let scenario = program.scenarios.get("bench").expect("bench scenario");
    let config = RunConfig::from_scenario(scenario);
    let (best, median, ev) = time(|| evaluate(program, &config));
    println!(
        "evaluate (strengths, provenance) best {:>10}  median {:>10}  ({} facts)",
        ms(best),
        ms(median),
        ev.len()
    );
    // What a command evaluates with: the pair index loading made for its lints, which
    // the evaluation lays its stated relations out by instead of sorting them again.
    let pairs = Arc::new(by_pair(program));
    let (best, median, by_pairs) = time(|| evaluate_by_pairs(program, &config, Arc::clone(&pairs)));
    assert_eq!(by_pairs.len(), ev.len());
    let eval_best = best;
    println!(
        "evaluate by the load's pair index best {:>9}  median {:>10}",
        ms(best),
        ms(median),
    );
    drop((pairs, by_pairs));

    // `--max-steps N` goes by layers: outside the performance targets, reported for scale.
    // `MARROW_BENCH_MAX_STEPS=""` skips them (to compare instruction counts with older builds).
    let bounds = std::env::var("MARROW_BENCH_MAX_STEPS").unwrap_or_else(|_| "5,10".into());
    for n in bounds
        .split(',')
        .filter_map(|n| n.trim().parse::<u32>().ok())
    {
        let bounded = RunConfig {
            max_steps: Some(n),
            ..config.clone()
        };
        let (best, median, ev) = time(|| evaluate(program, &bounded));
        println!(
            "evaluate --max-steps {n:<2}        best {:>10}  median {:>10}  ({} facts, versions included)",
            ms(best),
            ms(median),
            ev.len()
        );
    }

    let (best, median, doc) = time(|| {
        let effects = net_effects(program, &ev, false);
        json::run_json(
            &marrow::render::View::new(program),
            &ev,
            Some("bench"),
            &effects,
        )
    });
    println!(
        "net effects + JSON             best {:>10}  median {:>10}  ({:.1} MB)",
        ms(best),
        ms(median),
        doc.len() as f64 / 1e6
    );
    let effects = net_effects(program, &ev, false);
    let both = effects
        .iter()
        .filter(|e| e.up.is_some() && e.down.is_some())
        .count();
    println!(
        "entities changed: {} ({both} in both states)",
        effects.len()
    );

    // `why` after evaluation: explanation tree (or why-not) plus its text rendering.
    let mut lat = Vec::new();
    for i in 0..1000u32 {
        let e = EntityId((i * 97) % program.entities.len() as u32);
        let st = if i % 2 == 0 { State::Up } else { State::Down };
        let t = Instant::now();
        let w = why(program, &ev, Fact::State(e, st), 1);
        let rendered = text::why(&marrow::render::View::new(program), &w);
        lat.push(t.elapsed());
        assert!(!rendered.is_empty());
    }
    lat.sort();
    println!(
        "why (1000 facts)               median {:>10}  p99 {:>10}  max {:>10}",
        us(lat[500]),
        us(lat[990]),
        us(lat[999])
    );

    let givens: Vec<u32> = config.clamps.iter().map(|c| c.entity.0).collect();
    let (best, median, (up, down)) = time(|| datafrog(program, &givens));
    let states = ev
        .facts()
        .filter(|(_, f)| matches!(f, Fact::State(..)))
        .count();
    assert_eq!(
        states,
        up + down,
        "datafrog and marrow agree on which states hold"
    );
    println!(
        "datafrog (states only)         best {:>10}  median {:>10}  ({} states)",
        ms(best),
        ms(median),
        up + down
    );
    println!(
        "marrow evaluate / datafrog: {:.2}",
        eval_best.as_secs_f64() / best.as_secs_f64()
    );
}
