//! Layout and SVG writing alone, on random sparse graphs of 100 to 2,000 nodes (the
//! `marrow graph` size guard allows 500 by default). Not a timed test: it prints the
//! median and the range of nine runs. `cargo bench --bench diagram`.

use std::time::{Duration, Instant};

use marrow::render::diagram::{Diagram, Edge, Node, NodeClass, Sign, dot, svg};

/// splitmix64, for reproducible graphs.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// A graph like a neighbourhood: `n` entities, about 1.3 statements each, cycles allowed.
fn graph(n: usize, seed: u64) -> Diagram {
    let mut rng = Rng(seed);
    let mut d = Diagram::new(format!("{n} nodes"));
    for i in 0..n {
        let class = [NodeClass::Up, NodeClass::Down, NodeClass::Unaffected][rng.below(3)];
        let mut node = Node::new(format!("g{}", rng.below(100_000) + i), class);
        node.tooltip = format!("node {i}");
        d.add_node(node);
    }
    for i in 1..n {
        let mut e = Edge::new(
            rng.below(i),
            i,
            [Sign::Activation, Sign::Inhibition][rng.below(2)],
        );
        e.tooltip = format!("edge {i}");
        d.add_edge(e);
    }
    for _ in 0..n * 3 / 10 {
        let e = Edge::new(rng.below(n), rng.below(n), Sign::Activation);
        d.add_edge(e);
    }
    d
}

fn main() {
    for n in [100, 500, 1000, 2000] {
        let d = graph(n, 42);
        let mut times: Vec<Duration> = (0..9)
            .map(|_| {
                let t = Instant::now();
                let s = svg::to_svg(&d);
                std::hint::black_box(s);
                t.elapsed()
            })
            .collect();
        times.sort();
        let dot_t = Instant::now();
        std::hint::black_box(dot::to_dot(&d));
        let dot_t = dot_t.elapsed();
        println!(
            "{n:>5} nodes, {:>5} edges: layout + SVG median {:.1} ms (min {:.1}, max {:.1}); DOT {:.2} ms",
            d.edges.len(),
            times[4].as_secs_f64() * 1e3,
            times[0].as_secs_f64() * 1e3,
            times[8].as_secs_f64() * 1e3,
            dot_t.as_secs_f64() * 1e3,
        );
    }
}
