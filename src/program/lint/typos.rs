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
//! Neighbours are found with a symmetric-deletion index ([`super::typo_index`]): every
//! name used once, with up to one or two characters deleted, as hashes; every other name,
//! with its own deletions, is looked up in it. The lint is linear in the number of names
//! on a literature-scale network, never a scan of all pairs.

use super::shown;
use super::typo_index::{SWAP_ONLY_BELOW, TypoIndex};
use super::uses::{LooseKeys, Uses};
use crate::diagnostics::{Code, Diag};
use crate::program::model::*;
#[cfg(test)]
use crate::program::names::loose_key;
use crate::program::names::skeleton;

/// Names shorter than this (in loose-key characters) are never checked.
const MIN_LEN: usize = 5;
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
    // Each query's key and skeleton, read at every meeting.
    let query_keys: Vec<(Vec<char>, String)> = queries
        .iter()
        .map(|&i| {
            let name = p.entity_name(EntityId(i));
            (keys.get(i as usize).chars().collect(), skeleton(name))
        })
        .collect();
    let index = TypoIndex::new(
        query_keys
            .iter()
            .map(|(key, _)| (key.as_slice(), depth(key.len()))),
    );
    // Per query: (edits, fewer uses first, candidate); `NONE` while nothing is found.
    const NONE: (u8, u32, u32) = (u8::MAX, 0, 0);
    let mut best: Vec<(u8, u32, u32)> = vec![NONE; queries.len()];
    let (mut key, mut scratch) = (Vec::new(), Vec::new());
    for (c, name) in p.entities.keys().enumerate() {
        if !established(c) {
            continue;
        }
        key.clear();
        key.extend(keys.get(c).chars());
        let depth = depth(key.len());
        if depth == 0 {
            continue;
        }
        // Computed at the first query it meets: in a gene family every member meets many.
        let mut skel: Option<String> = None;
        index.near(&key, depth, &mut scratch, |q| {
            let (qkey, qskel) = &query_keys[q as usize];
            let Some(edits) = typo_distance(qkey, &key) else {
                return;
            };
            if skel.get_or_insert_with(|| skeleton(name)) == qskel {
                return;
            }
            let rank = (edits as u8, u32::MAX - uses.total[c], c as u32);
            let slot = &mut best[q as usize];
            if rank < *slot {
                *slot = rank;
            }
        });
    }
    for (&i, (edits, _, c)) in queries.iter().zip(best) {
        if edits != NONE.0 {
            out.push(warning(p, uses, EntityId(i), EntityId(c), edits.into()));
        }
    }
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

    proptest::proptest! {
        /// Every name the lint would flag, the index finds: hashes and the filter can
        /// add candidates (which the exact distance then rejects), never lose one.
        #[test]
        fn the_index_finds_every_typo(
            words in proptest::collection::vec("[ab(:]{5,16}", 1..6),
            edits in proptest::collection::vec((0usize..4, 0usize..16, "[a-c]{1,2}"), 1..12),
        ) {
            let queries: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
            let index = TypoIndex::new(queries.iter().map(|k| (k.as_slice(), depth(k.len()))));
            let mut scratch = Vec::new();
            for (q, (edit, at, extra)) in edits.iter().enumerate() {
                let mut name = queries[q % queries.len()].clone();
                let at = at % name.len();
                match edit {
                    0 if at + 1 < name.len() => name.swap(at, at + 1),
                    1 => { name.remove(at); }
                    3 => {
                        name.remove(at);
                        name.remove((at + extra.len()) % name.len());
                    }
                    _ => {
                        for (k, c) in extra.chars().enumerate() {
                            name.insert((at + k).min(name.len()), c);
                        }
                    }
                }
                let mut met = vec![false; queries.len()];
                if depth(name.len()) > 0 {
                    index.near(&name, depth(name.len()), &mut scratch, |q| met[q as usize] = true);
                }
                for (k, query) in queries.iter().enumerate() {
                    if typo_distance(query, &name).is_some() {
                        proptest::prop_assert!(met[k], "{query:?} {name:?}");
                    }
                }
            }
        }
    }
}
