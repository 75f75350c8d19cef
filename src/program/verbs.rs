//! What an unknown verb most likely means, so the help for it never reverses a sign.
//!
//! `RANKL inhibit RANK` must be answered with `inhibits` and `verb inhibit = inhibits`,
//! never with a verb or a declaration of the opposite sign: a researcher who copies the
//! help would silently flip every conclusion drawn from the statement. The relation is
//! read from a small lexicon of word stems (the longest matching stem wins, so
//! `inactivate` is negative and `disinhibit` positive), else from the nearest known verb
//! word; when the two disagree, or neither speaks, nothing is guessed.

use super::model::Relation;
use super::names::closest;

/// Word stems and the relation a biologist reads in them.
const STEMS: &[(&str, Relation)] = &[
    ("inhibit", Relation::Inhibits),
    ("suppress", Relation::Inhibits),
    ("repress", Relation::Inhibits),
    ("decreas", Relation::Inhibits),
    ("downregulat", Relation::Inhibits),
    ("down-regulat", Relation::Inhibits),
    ("reduc", Relation::Inhibits),
    ("block", Relation::Inhibits),
    ("attenuat", Relation::Inhibits),
    ("impair", Relation::Inhibits),
    ("diminish", Relation::Inhibits),
    ("abolish", Relation::Inhibits),
    ("abrogat", Relation::Inhibits),
    ("antagoni", Relation::Inhibits),
    ("silenc", Relation::Inhibits),
    ("degrad", Relation::Inhibits),
    ("prevent", Relation::Inhibits),
    ("lower", Relation::Inhibits),
    ("lessen", Relation::Inhibits),
    ("dampen", Relation::Inhibits),
    ("deplet", Relation::Inhibits),
    ("restrain", Relation::Inhibits),
    ("inactivat", Relation::Inhibits),
    ("deactivat", Relation::Inhibits),
    ("destabili", Relation::Inhibits),
    ("negatively", Relation::Inhibits),
    ("target", Relation::Inhibits),
    ("activat", Relation::Activates),
    ("disinhibit", Relation::Activates),
    ("promot", Relation::Activates),
    ("induc", Relation::Activates),
    ("increas", Relation::Activates),
    ("upregulat", Relation::Activates),
    ("up-regulat", Relation::Activates),
    ("enhanc", Relation::Activates),
    ("stimulat", Relation::Activates),
    ("driv", Relation::Activates),
    ("potentiat", Relation::Activates),
    ("augment", Relation::Activates),
    ("elevat", Relation::Activates),
    ("boost", Relation::Activates),
    ("amplif", Relation::Activates),
    ("trigger", Relation::Activates),
    ("facilitat", Relation::Activates),
    ("accelerat", Relation::Activates),
    ("stabili", Relation::Activates),
    ("positively", Relation::Activates),
    ("carr", Relation::Carries),
    ("contain", Relation::Carries),
    ("deliver", Relation::Carries),
    ("releas", Relation::Carries),
    ("secret", Relation::Carries),
    ("transport", Relation::Carries),
    ("shuttl", Relation::Carries),
    ("encapsulat", Relation::Carries),
];

/// The relation the stems of `word` point to: the longest stem found in it decides; two
/// longest stems of different relations (or none) decide nothing.
fn by_stem(word: &str) -> Option<Relation> {
    let lower = word.to_lowercase();
    let mut best: Option<(usize, Relation)> = None;
    let mut tied = false;
    for &(stem, rel) in STEMS {
        if !lower.contains(stem) {
            continue;
        }
        match best {
            Some((len, _)) if stem.len() < len => {}
            Some((len, other)) if stem.len() == len => tied |= other != rel,
            _ => {
                best = Some((stem.len(), rel));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, rel)| rel)
}

/// What an unknown verb word most likely means, and the known verbs of that relation
/// that are close to it, best first. `known` lists every defined verb with its relation.
pub fn guess(word: &str, known: &[(&str, Relation)]) -> (Option<Relation>, Vec<String>) {
    let near = closest(word, known.iter().map(|(w, _)| *w), 3);
    let relation_of = |w: &str| known.iter().find(|(k, _)| *k == w).map(|(_, r)| *r);
    let nearest = near.first().and_then(|w| relation_of(w));
    let relation = match (by_stem(word), nearest) {
        (Some(a), Some(b)) if a != b => {
            // The nearest word disagrees with the stem (`inactivate` is near `activates`):
            // trust the stem only when no close word of its own relation exists either.
            let agrees = near.iter().any(|w| relation_of(w) == Some(a));
            agrees.then_some(a)
        }
        (Some(a), _) => Some(a),
        (None, b) => b,
    };
    let same_sign = near
        .into_iter()
        .filter(|w| relation.is_some() && relation_of(w) == relation)
        .map(str::to_string)
        .collect();
    (relation, same_sign)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::declarations::BUILTIN_VERBS;

    fn g(word: &str) -> (Option<Relation>, Vec<String>) {
        guess(word, BUILTIN_VERBS)
    }

    #[test]
    fn negative_words_suggest_negative_verbs() {
        for w in [
            "inhibit",
            "suppress",
            "attenuate",
            "block",
            "impair",
            "downregulate",
        ] {
            let (rel, near) = g(w);
            assert_eq!(rel, Some(Relation::Inhibits), "{w}");
            assert!(
                near.iter().all(|v| BUILTIN_VERBS
                    .iter()
                    .any(|(k, r)| k == v && *r == Relation::Inhibits)),
                "{w}: {near:?}"
            );
        }
        assert_eq!(g("inhibit").1, vec!["inhibits"]);
    }

    #[test]
    fn positive_words_never_offer_negative_verbs() {
        let (rel, near) = g("upregulate");
        assert_eq!(rel, Some(Relation::Activates));
        assert_eq!(near, vec!["upregulates"]);
        assert_eq!(g("inactivate").0, Some(Relation::Inhibits));
        assert!(g("inactivate").1.is_empty());
        assert_eq!(g("disinhibits").0, Some(Relation::Activates));
    }

    #[test]
    fn unclear_words_guess_nothing() {
        assert_eq!(g("binds"), (None, vec![]));
        assert_eq!(g("frobs"), (None, vec![]));
        // A misspelling of a known verb takes that verb's relation.
        assert_eq!(
            g("inhbits"),
            (Some(Relation::Inhibits), vec!["inhibits".into()])
        );
    }
}
