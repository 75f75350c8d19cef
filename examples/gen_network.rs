//! Generate a scale-free signed network as a marrow rule file, for benchmarks.
//!
//! `cargo run --release --example gen_network -- STATEMENTS ENTITIES [SEED] > net.rules`
//!
//! A spanning tree grown by preferential attachment makes every entity reachable from the
//! hubs; the remaining statements join preferentially chosen entities in both directions
//! with mixed signs, so every entity ends up reachable in both states from the ten givens
//! of the `bench` scenario at the end of the file.

use std::io::{BufWriter, Write};

/// splitmix64: a tiny, fast, well-distributed generator; reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const ACTIVATE: &[&str] = &["activates", "promotes", "induces", "increases", "enhances"];
const INHIBIT: &[&str] = &["inhibits", "suppresses", "reduces", "blocks"];

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let statements: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let entities: usize = args
        .get(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000)
        .max(11);
    let seed: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(42);
    let mut rng = Rng(seed);
    let out = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 20, out.lock());
    writeln!(
        w,
        "# Generated scale-free network: {statements} statements over {entities} entities (seed {seed})."
    )?;
    // Endpoints of every edge so far: sampling from it is preferential attachment.
    let mut ends: Vec<u32> = Vec::with_capacity(statements * 2);
    let edge =
        |w: &mut BufWriter<_>, rng: &mut Rng, from: usize, to: usize| -> std::io::Result<()> {
            let roll = rng.below(100);
            let verb = if roll < 30 {
                INHIBIT[rng.below(INHIBIT.len())]
            } else {
                ACTIVATE[rng.below(ACTIVATE.len())]
            };
            match rng.below(20) {
                0 => writeln!(
                    w,
                    "g{from} {verb} g{to} confidence high [PMID:{}]",
                    10_000_000 + rng.below(20_000_000)
                ),
                1 => writeln!(w, "g{from} {verb} g{to} confidence low"),
                2 => writeln!(
                    w,
                    "g{from} {verb} g{to} [PMID:{}]",
                    10_000_000 + rng.below(20_000_000)
                ),
                _ => writeln!(w, "g{from} {verb} g{to}"),
            }
        };
    ends.extend([0u32, 1]);
    for to in 1..entities {
        let from = ends[rng.below(ends.len())] as usize % to;
        edge(&mut w, &mut rng, from, to)?;
        ends.extend([from as u32, to as u32]);
    }
    for _ in entities.saturating_sub(1)..statements {
        let a = ends[rng.below(ends.len())] as usize;
        let b = if rng.below(2) == 0 {
            rng.below(entities)
        } else {
            ends[rng.below(ends.len())] as usize
        };
        let (from, to) = if rng.below(2) == 0 { (a, b) } else { (b, a) };
        if from == to {
            continue;
        }
        edge(&mut w, &mut rng, from, to)?;
        ends.extend([from as u32, to as u32]);
    }
    writeln!(w, "\nscenario bench \"Ten hubs raised\" {{")?;
    for g in 0..10 {
        writeln!(w, "  given g{g} up")?;
    }
    writeln!(w, "}}")?;
    w.flush()
}
