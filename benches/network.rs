//! A scale-free signed network as marrow rule text, for benchmarks (shared by
//! `benches/scale.rs` and `examples/gen_network.rs`).
//!
//! A spanning tree grown by preferential attachment makes every entity reachable from the
//! hubs; the remaining statements join preferentially chosen entities in both directions
//! with mixed signs (30% inhibitory), so every entity ends up reachable in both states from
//! the ten givens of the `bench` scenario at the end of the text.

use std::io::Write;

/// splitmix64: a tiny, well-distributed generator, reproducible from the seed.
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

fn edge(w: &mut impl Write, rng: &mut Rng, from: usize, to: usize) -> std::io::Result<()> {
    let verb = if rng.below(100) < 30 {
        INHIBIT[rng.below(INHIBIT.len())]
    } else {
        ACTIVATE[rng.below(ACTIVATE.len())]
    };
    match rng.below(20) {
        0 => {
            let pmid = 10_000_000 + rng.below(20_000_000);
            writeln!(w, "g{from} {verb} g{to} confidence high [PMID:{pmid}]")
        }
        1 => writeln!(w, "g{from} {verb} g{to} confidence low"),
        2 => {
            let pmid = 10_000_000 + rng.below(20_000_000);
            writeln!(w, "g{from} {verb} g{to} [PMID:{pmid}]")
        }
        _ => writeln!(w, "g{from} {verb} g{to}"),
    }
}

/// Write about `statements` statements over `entities` entities (`g0`, `g1`, …) and the
/// `bench` scenario (givens `g0`…`g9`, the first hubs).
pub fn write(
    w: &mut impl Write,
    statements: usize,
    entities: usize,
    seed: u64,
) -> std::io::Result<()> {
    let entities = entities.max(11);
    let mut rng = Rng(seed);
    writeln!(
        w,
        "# Generated scale-free network: {statements} statements over {entities} entities (seed {seed})."
    )?;
    // Endpoints of every edge so far: sampling from it is preferential attachment.
    let mut ends: Vec<u32> = Vec::with_capacity(statements * 2);
    ends.extend([0u32, 1]);
    for to in 1..entities {
        let from = ends[rng.below(ends.len())] as usize % to;
        edge(w, &mut rng, from, to)?;
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
        edge(w, &mut rng, from, to)?;
        ends.extend([from as u32, to as u32]);
    }
    writeln!(w, "\nscenario bench \"Ten hubs raised\" {{")?;
    for g in 0..10 {
        writeln!(w, "  given g{g} up")?;
    }
    writeln!(w, "}}")
}
