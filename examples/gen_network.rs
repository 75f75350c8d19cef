//! Generate a scale-free signed network as a marrow rule file, for benchmarks.
//!
//! `cargo run --release --example gen_network -- [STATEMENTS] [ENTITIES] [SEED] > net.rules`
//! (defaults: 1,000,000 statements over 100,000 entities, seed 42).

use std::io::{BufWriter, Write};

#[path = "../benches/network.rs"]
mod network;

fn main() -> std::io::Result<()> {
    let arg = |i: usize, default: u64| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
    };
    let out = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 20, out.lock());
    network::write(
        &mut w,
        arg(1, 1_000_000) as usize,
        arg(2, 100_000) as usize,
        arg(3, 42),
    )?;
    w.flush()
}
