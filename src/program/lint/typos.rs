//! Likely typos: an undeclared name used once, a small edit away from a name used
//! elsewhere (`osteoclastogensis` beside `osteoclastogenesis`, `RNAKL` beside `RANKL`).
//! A typo silently splits the network — the misspelt statement connects to nothing.
//!
//! Gene families are dense in one-edit neighbours (`CALM1`/`CALM3`, `JNK`/`JAK`), so the
//! rule is narrow: names that differ only in digits, case or Greek letters are never
//! flagged; an edit is a dropped or added character or two swapped neighbours (a changed
//! letter is as often a different thing: `osteoblast`, `osteoclast`); short names (under
//! eight characters) count only a swap, and two edits count only from twelve characters.
//!
//! Neighbours are found with a symmetric-deletion index: every name used once, with up to
//! one or two characters deleted, as hashes; every other name, with its own deletions, is
//! looked up in it. The lint is linear in the number of names on a literature-scale
//! network, never a scan of all pairs.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use super::shown;
use super::uses::{LooseKeys, Uses};
use crate::diagnostics::{Code, Diag};
use crate::program::model::*;
#[cfg(test)]
use crate::program::names::loose_key;
use crate::program::names::skeleton;

/// Names shorter than this (in loose-key characters) are never checked.
const MIN_LEN: usize = 5;
/// Below this length only a swap of two adjacent characters counts.
const SWAP_ONLY_BELOW: usize = 8;
/// From this length two edits count.
const TWO_EDITS_FROM: usize = 12;

/// How many deletions to index or query for a key of `len` characters.
fn depth(len: usize) -> usize {
    match len {
        0..MIN_LEN => 0,
        MIN_LEN..TWO_EDITS_FROM => 1,
        _ => 2,
    }
}

/// `keys` are the loose keys of the entity names, by id.
pub fn typos(p: &Program, uses: &Uses, keys: &LooseKeys, out: &mut Vec<Diag>) {
    let hasher = FxBuildHasher;
    let once = |i: usize| {
        let e = &p.entities[i];
        !e.declared && e.aliases.is_empty() && uses.total[i] == 1 && uses.in_statements[i] == 1
    };
    let established = |i: usize| {
        let e = &p.entities[i];
        e.declared || !e.aliases.is_empty() || uses.total[i] >= 2
    };
    // The names used once are few: index them, then stream every other name past the index.
    let queries: Vec<u32> = (0..keys.len() as u32)
        .filter(|&i| once(i as usize) && depth(keys.get(i as usize).chars().count()) > 0)
        .collect();
    if queries.is_empty() {
        return;
    }
    let mut lengths = [false; 64];
    let mut index: Vec<(u64, u32)> = Vec::new();
    let mut variants = Vec::new();
    let mut key: Vec<char> = Vec::new();
    for (q, &i) in queries.iter().enumerate() {
        key.clear();
        key.extend(keys.get(i as usize).chars());
        lengths[key.len().min(63)] = true;
        neighbourhood(&key, &hasher, &mut variants);
        index.extend(variants.iter().map(|&h| (h, q as u32)));
    }
    index.sort_unstable();
    let mut qkey: Vec<char> = Vec::new();
    // A candidate is at most two characters longer or shorter than a query.
    let near_a_query = |len: usize| (len.saturating_sub(2)..=len + 2).any(|l| lengths[l.min(63)]);
    // Per query: (edits, fewer uses first, candidate); `NONE` while nothing is found.
    const NONE: (u8, u32, u32) = (u8::MAX, 0, 0);
    let mut best: Vec<(u8, u32, u32)> = vec![NONE; queries.len()];
    for (c, name) in p.entities.keys().enumerate() {
        if !established(c) {
            continue;
        }
        key.clear();
        key.extend(keys.get(c).chars());
        if depth(key.len()) == 0 || !near_a_query(key.len()) {
            continue;
        }
        neighbourhood(&key, &hasher, &mut variants);
        for h in &variants {
            let start = index.partition_point(|&(x, _)| x < *h);
            for &(_, q) in index[start..].iter().take_while(|(x, _)| x == h) {
                let i = queries[q as usize] as usize;
                qkey.clear();
                qkey.extend(keys.get(i).chars());
                let Some(edits) = typo_distance(&qkey, &key) else {
                    continue;
                };
                if skeleton(p.entity_name(EntityId(i as u32))) == skeleton(name) {
                    continue;
                }
                let rank = (edits as u8, u32::MAX - uses.total[c], c as u32);
                let slot = &mut best[q as usize];
                if rank < *slot {
                    *slot = rank;
                }
            }
        }
    }
    for (&i, (edits, _, c)) in queries.iter().zip(best) {
        if edits != NONE.0 {
            out.push(warning(p, uses, EntityId(i), EntityId(c), edits.into()));
        }
    }
}

/// The hashes under which two keys that may be a typo of each other meet: for a short
/// key (where only a swap counts) its letters in sorted order, one hash; otherwise its
/// deletion neighbourhood.
fn neighbourhood(key: &[char], hasher: &FxBuildHasher, out: &mut Vec<u64>) {
    if key.len() < SWAP_ONLY_BELOW {
        let mut sorted = key.to_vec();
        sorted.sort_unstable();
        out.clear();
        out.push(hasher.hash_one((1u8, sorted)));
    } else {
        deletions(key, depth(key.len()), hasher, out);
    }
}

/// Hashes of `key` with up to `depth` characters deleted (the key itself included),
/// deduplicated.
fn deletions(key: &[char], depth: usize, hasher: &FxBuildHasher, out: &mut Vec<u64>) {
    out.clear();
    let mut buf: Vec<char> = Vec::with_capacity(key.len());
    out.push(hasher.hash_one(key));
    for a in 0..key.len() {
        if depth >= 1 {
            buf.clear();
            buf.extend(key[..a].iter().chain(&key[a + 1..]));
            out.push(hasher.hash_one(&buf));
        }
        if depth >= 2 {
            for b in a + 1..key.len() {
                buf.clear();
                buf.extend(key[..a].iter().chain(&key[a + 1..b]).chain(&key[b + 1..]));
                out.push(hasher.hash_one(&buf));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// The edits between two loose keys when they count as a likely typo, else `None`.
/// Only dropped or doubled characters and swapped neighbours count: a changed letter is
/// as often a different thing (`osteoblast`, `osteoclast`) as a slip.
fn typo_distance(a: &[char], b: &[char]) -> Option<usize> {
    let shorter = a.len().min(b.len());
    if a == b || shorter < MIN_LEN {
        return None;
    }
    if adjacent_swap(a, b) {
        return Some(1);
    }
    if shorter < SWAP_ONLY_BELOW {
        return None;
    }
    let limit = if shorter >= TWO_EDITS_FROM { 2 } else { 1 };
    let diff = a.len().abs_diff(b.len());
    if diff == 0 || diff > limit {
        return None;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let mut rest = long.iter();
    let within = short.iter().all(|c| rest.any(|x| x == c));
    within.then_some(diff)
}

/// `a` is `b` with two neighbouring characters swapped.
fn adjacent_swap(a: &[char], b: &[char]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

fn warning(p: &Program, uses: &Uses, typo: EntityId, meant: EntityId, edits: usize) -> Diag {
    let (t, m) = (p.entity(typo), p.entity(meant));
    let (t_name, m_name) = (p.entity_name(typo), p.entity_name(meant));
    let edits = if edits == 1 { "one edit" } else { "two edits" };
    let times = match uses.total[meant.0 as usize] {
        0 | 1 => "declared".to_string(),
        n => format!("used {n} times"),
    };
    Diag::warning(
        Code::LintPossibleTypo,
        format!(
            "`{}` is used only here, {edits} from `{}`",
            shown(t_name),
            shown(m_name)
        ),
    )
    .at(t.span, "used once")
    .also(m.span, format!("`{}` first used here", shown(m_name)))
    .help(format!(
        "if this is a typo, write `{}` ({times}); if it is a different thing, declare it: `entity {}`",
        m_name,
        super::quote(t_name)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = loose_key(a).chars().collect();
        let b: Vec<char> = loose_key(b).chars().collect();
        typo_distance(&a, &b)
    }

    #[test]
    fn likely_typos() {
        assert_eq!(d("RNAKL", "RANKL"), Some(1));
        assert_eq!(d("osteoclastogensis", "osteoclastogenesis"), Some(1));
        assert_eq!(d("osteoblast", "osteoblasts"), Some(1));
        assert_eq!(d("osteoclastgensis", "osteoclastogenesis"), Some(2));
    }

    #[test]
    fn not_typos() {
        assert_eq!(d("RANKL", "RANK"), None);
        assert_eq!(d("SMAD2", "SMAD3"), None);
        assert_eq!(d("JNK1", "JAK1"), None);
        assert_eq!(d("osteoblast", "osteoclast"), None);
        assert_eq!(d("angiogenesis", "osteogenesis"), None);
    }

    #[test]
    fn deletions_meet_in_the_middle() {
        let h = FxBuildHasher;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        deletions(&['r', 'n', 'a', 'k', 'l'], 1, &h, &mut a);
        deletions(&['r', 'a', 'n', 'k', 'l'], 1, &h, &mut b);
        assert!(a.iter().any(|x| b.contains(x)));
    }
}
