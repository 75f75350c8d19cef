//! The floor a `marrow run` is measured against: the least work that answers the same
//! question on a generated network, written by hand for that network alone.
//!
//! `cargo run --release --example floor -- net.rules` reads a file `gen_network` wrote,
//! interns its names, lays its statements out by subject (CSR), and finds every entity's
//! strongest `up` and `down` from the `bench` scenario's givens by best-first max-product
//! under the prelude's four signed rules (activation, inhibition, and their losses at 0.9).
//! It keeps no provenance, merges nothing, checks nothing and prints only a count and a
//! checksum, so it is faster than any real run can be; `benches/floor.sh` times the two
//! side by side, which makes the ratio a reading that does not depend on the host.

use std::collections::BinaryHeap;
use std::process::ExitCode;

use rustc_hash::FxHashMap;

/// The prelude's rule confidence for a loss (`?x down` through either sign).
const LOSS: f64 = 0.9;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: floor NETWORK.rules");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("floor: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match solve(&text) {
        Ok((states, checksum)) => {
            println!("{states} states, strength sum {checksum:.6}");
            ExitCode::SUCCESS
        }
        Err(line) => {
            eprintln!("floor: {path}:{line}: not a line gen_network writes");
            ExitCode::FAILURE
        }
    }
}

/// One statement: its object and its weight, negative for an inhibition.
#[derive(Clone, Copy)]
struct Edge {
    to: u32,
    weight: f64,
}

/// The number of states that hold and the sum of their strengths; or the 1-based line
/// number of a line this reader does not know.
fn solve<'t>(text: &'t [u8]) -> Result<(usize, f64), usize> {
    // Names of up to 8 bytes (every name `gen_network` writes) are keys by value: a
    // lookup then never reads the text again, which at ten million statements is a miss
    // to memory per name.
    let mut short: FxHashMap<u64, u32> = FxHashMap::default();
    let mut long: FxHashMap<&'t [u8], u32> = FxHashMap::default();
    let mut entities = 0u32;
    let mut intern = |name: &'t [u8]| -> u32 {
        let next = entities;
        let id = if name.len() <= 8 {
            let mut key = [0u8; 8];
            key[..name.len()].copy_from_slice(name);
            *short.entry(u64::from_le_bytes(key)).or_insert(next)
        } else {
            *long.entry(name).or_insert(next)
        };
        entities += u32::from(id == next);
        id
    };
    let mut edges: Vec<(u32, u32, f64)> = Vec::with_capacity(text.len() / 24);
    let mut givens: Vec<(u32, bool)> = Vec::new();
    let mut in_scenario = false;
    for (number, line) in text.split(|&b| b == b'\n').enumerate() {
        let mut words = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty());
        let Some(first) = words.next() else { continue };
        if first.starts_with(b"#") {
            continue;
        }
        if in_scenario {
            match (first, words.next(), words.next()) {
                (b"}", None, None) => in_scenario = false,
                (b"given", Some(name), Some(b"up")) => givens.push((intern(name), true)),
                (b"given", Some(name), Some(b"down")) => givens.push((intern(name), false)),
                _ => return Err(number + 1),
            }
            continue;
        }
        if first == b"scenario" {
            in_scenario = true;
            continue;
        }
        let (Some(verb), Some(object)) = (words.next(), words.next()) else {
            return Err(number + 1);
        };
        let sign = match verb {
            b"activates" | b"promotes" | b"induces" | b"increases" | b"enhances" => 1.0,
            b"inhibits" | b"suppresses" | b"reduces" | b"blocks" => -1.0,
            _ => return Err(number + 1),
        };
        let confidence = match (words.next(), words.next()) {
            (Some(b"confidence"), Some(b"high")) => 0.9,
            (Some(b"confidence"), Some(b"low")) => 0.4,
            (Some(b"confidence"), _) => return Err(number + 1),
            _ => 0.7,
        };
        edges.push((intern(first), intern(object), sign * confidence));
    }
    let entities = entities as usize;

    // CSR by subject.
    let mut start = vec![0u32; entities + 1];
    for &(from, _, _) in &edges {
        start[from as usize + 1] += 1;
    }
    for i in 0..entities {
        start[i + 1] += start[i];
    }
    let mut fill = start.clone();
    let mut out = vec![Edge { to: 0, weight: 0.0 }; edges.len()];
    for &(from, to, weight) in &edges {
        let slot = &mut fill[from as usize];
        out[*slot as usize] = Edge { to, weight };
        *slot += 1;
    }
    drop(edges);

    // Best-first max-product over (entity, up?) states; strengths are positive, so their
    // bits order like the numbers.
    let mut best = vec![0.0f64; entities * 2];
    let mut settled = vec![false; entities * 2];
    let mut heap: BinaryHeap<(u64, u32)> = BinaryHeap::new();
    for &(entity, up) in &givens {
        let state = entity * 2 + u32::from(up);
        best[state as usize] = 1.0;
        heap.push((1.0f64.to_bits(), state));
        // A given clamps its entity: the other state is never concluded.
        settled[(state ^ 1) as usize] = true;
    }
    let mut states = 0;
    let mut checksum = 0.0;
    while let Some((bits, state)) = heap.pop() {
        let strength = f64::from_bits(bits);
        if settled[state as usize] || strength < best[state as usize] {
            continue;
        }
        settled[state as usize] = true;
        states += 1;
        checksum += strength;
        let (entity, up) = ((state / 2) as usize, state % 2 == 1);
        let loss = if up { 1.0 } else { LOSS };
        for edge in &out[start[entity] as usize..start[entity + 1] as usize] {
            let next_up = up == (edge.weight > 0.0);
            let next = edge.to * 2 + u32::from(next_up);
            let s = strength * edge.weight.abs() * loss;
            if s > best[next as usize] {
                best[next as usize] = s;
                heap.push((s.to_bits(), next));
            }
        }
    }
    Ok((states, checksum))
}
