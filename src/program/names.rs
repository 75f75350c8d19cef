//! Name normalisation and suggestions.
//!
//! Researchers write `IL-1β`, `IL-1b`, `il1beta` and `IL_1B` for one cytokine. The loose
//! key folds case, Greek letters (as letters or spelled out) and the separators `-`, `_`
//! and space, so near-identical names can be flagged and command-line names resolved.

/// Greek letters and the Latin letter researchers type for them.
const GREEK: &[(char, &str, &str)] = &[
    ('α', "a", "alpha"),
    ('β', "b", "beta"),
    ('γ', "g", "gamma"),
    ('δ', "d", "delta"),
    ('ε', "e", "epsilon"),
    ('ζ', "z", "zeta"),
    ('η', "h", "eta"),
    ('θ', "q", "theta"),
    ('ι', "i", "iota"),
    ('κ', "k", "kappa"),
    ('λ', "l", "lambda"),
    ('μ', "m", "mu"),
    ('ν', "n", "nu"),
    ('ξ', "x", "xi"),
    ('π', "p", "pi"),
    ('ρ', "r", "rho"),
    ('σ', "s", "sigma"),
    ('τ', "t", "tau"),
    ('υ', "u", "upsilon"),
    ('φ', "f", "phi"),
    ('χ', "c", "chi"),
    ('ψ', "y", "psi"),
    ('ω', "w", "omega"),
];

/// The loose key of a name: lower case, Greek as one Latin letter, spelled-out Greek
/// letters (`alpha`, `kappa`) shortened the same way when they stand alone between
/// separators or digits, and `-`, `_`, space removed.
pub fn loose_key(name: &str) -> String {
    fold(name, false)
}

/// [`loose_key`], appended to `out`: keying every name of a network allocates nothing
/// for the usual short ASCII name.
pub fn push_loose_key(name: &str, out: &mut String) {
    fold_into(name, false, out);
}

/// What is left of a name without its digits and Greek letters (as letters or spelled
/// out), in the loose key's folding: `CALM1` and `CALM3`, `TGF-β1` and `TGF-α2`,
/// `IL-1β` and `il-6` each share one. Names that differ only there are usually
/// different members of a family, not typos.
pub fn skeleton(name: &str) -> String {
    let mut s = fold(name, true);
    s.retain(|c| !c.is_numeric());
    s
}

fn fold(name: &str, drop_greek: bool) -> String {
    let mut out = String::with_capacity(name.len());
    fold_into(name, drop_greek, &mut out);
    out
}

/// [`fold`], appended to `out`.
fn fold_into(name: &str, drop_greek: bool, out: &mut String) {
    // Most names are short ASCII without a spelled-out Greek letter: fold them directly.
    if name.is_ascii() {
        let start = out.len();
        out.extend(
            name.bytes()
                .filter(|b| !matches!(b, b'-' | b'_' | b' '))
                .map(|b| b.to_ascii_lowercase() as char),
        );
        if !contains_greek_word(&out[start..]) {
            return;
        }
        out.truncate(start);
    }
    let lower = name.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '-' | '_' | ' ') {
            i += 1;
            continue;
        }
        if let Some((_, latin, _)) = GREEK.iter().find(|(g, _, _)| *g == c) {
            if !drop_greek {
                out.push_str(latin);
            }
            i += 1;
            continue;
        }
        // A spelled-out Greek letter, bounded by a non-letter or the ends.
        let bounded_before = i == 0 || !chars[i - 1].is_alphabetic();
        if bounded_before && c.is_alphabetic() {
            let run: String = chars[i..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if let Some((_, latin, _)) = GREEK.iter().find(|(_, _, word)| *word == run)
                && (run.len() > 2 || i > 0)
            {
                if !drop_greek {
                    out.push_str(latin);
                }
                i += run.chars().count();
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
}

/// Whether a folded ASCII name contains a spelled-out Greek letter anywhere: one pass
/// comparing first letters, where a substring search per letter name would cost two dozen
/// searches for every name of a network.
fn contains_greek_word(folded: &str) -> bool {
    let b = folded.as_bytes();
    (0..b.len()).any(|i| {
        let mut words = GREEK_BY_FIRST_BYTE[usize::from(b[i])];
        while words != 0 {
            let word = GREEK[words.trailing_zeros() as usize].2.as_bytes();
            if b[i..].starts_with(word) {
                return true;
            }
            words &= words - 1;
        }
        false
    })
}

/// Per byte, the spelled-out Greek letters starting with it (bit `i` for `GREEK[i]`), so
/// each place in a name is compared with one or two words, not two dozen.
const GREEK_BY_FIRST_BYTE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < GREEK.len() {
        table[GREEK[i].2.as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    table
};

/// How many edits a suggestion may be from a name whose loose key has `len` characters:
/// none for very short names (`TNF` is not a typo of `TGF`), then one per five or so
/// characters, so `angiogenesis` never suggests `osteogenesis` (four edits of twelve).
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=9 => 1,
        10..=14 => 2,
        _ => 3,
    }
}

/// Up to `n` names closest to `wanted`, best first, ties broken by name. A name is close
/// when its loose key is within [`allowed_edits`] of the wanted one (measured on the
/// shorter of the two), or when the wanted key is at least half of it and starts it
/// (`RUNX` for `RUNX2`). A wrong suggestion misleads more than none.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let key = loose_key(wanted);
    let klen = key.chars().count();
    let mut scored: Vec<(usize, &str)> = candidates
        .filter_map(|c| {
            let other = loose_key(c);
            let olen = other.chars().count();
            let edits = strsim::damerau_levenshtein(&key, &other);
            let completes = klen >= 4 && 2 * klen >= olen && other.starts_with(&key);
            (edits <= allowed_edits(klen.min(olen)) || completes).then_some((edits, c))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greek_and_separators_fold() {
        assert_eq!(loose_key("IL-1β"), loose_key("IL-1b"));
        assert_eq!(loose_key("TNF-α"), loose_key("TNF-alpha"));
        assert_eq!(loose_key("NF-κB"), loose_key("nf-kb"));
        assert_eq!(loose_key("M2 polarization"), loose_key("M2-polarization"));
        assert_eq!(loose_key("β-catenin"), loose_key("beta_catenin"));
        assert_ne!(loose_key("alphabet"), loose_key("abet"));
        assert_ne!(loose_key("IL-1β"), loose_key("IL-1a"));
    }

    /// The table of first bytes finds exactly what comparing every word at every place
    /// finds, and appending a key gives the key.
    #[test]
    fn greek_words_are_found_by_first_byte() {
        let naive =
            |s: &str| (0..s.len()).any(|i| GREEK.iter().any(|(_, _, w)| s[i..].starts_with(w)));
        let names = [
            "g12345", "tnfalpha", "nfkappab", "il1beta", "zeta", "theta", "eta", "ome", "omega",
            "psi", "xi1", "mu", "nu", "pi3k", "rho", "chi", "upsilon", "abc", "", "alphabet",
            "betaeta", "sigmab",
        ];
        let mut out = String::from("kept");
        for name in names {
            assert_eq!(contains_greek_word(name), naive(name), "{name}");
            for written in [
                name.to_string(),
                name.to_uppercase(),
                format!("{name}-β_ 2"),
            ] {
                out.truncate(4);
                push_loose_key(&written, &mut out);
                assert_eq!(out[4..], loose_key(&written), "{written}");
            }
        }
    }

    #[test]
    fn closest_prefers_near_spellings() {
        let names = ["osteogenesis", "angiogenesis", "osseointegration"];
        assert_eq!(
            closest("osteogenisis", names.into_iter(), 1),
            vec!["osteogenesis"]
        );
    }

    #[test]
    fn distant_names_are_not_suggested() {
        let names = ["osteogenesis", "IL-13Rα1", "RUNX2", "TGF"];
        assert!(closest("angiogenesis", names.into_iter(), 3).is_empty());
        assert!(closest("IL-1β", names.into_iter(), 3).is_empty());
        assert!(closest("TNF", names.into_iter(), 3).is_empty());
        assert_eq!(closest("RUNX", names.into_iter(), 3), vec!["RUNX2"]);
        assert_eq!(closest("runx-2", names.into_iter(), 3), vec!["RUNX2"]);
    }
}

/// `did you mean `a`, `b`?` for the (up to three) names closest to `wanted`, if any is close.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    did_you_mean_among(&closest(wanted, candidates, 3))
}

/// `did you mean `a`, `b`?` for names already chosen with [`closest`], if any.
pub fn did_you_mean_among(close: &[&str]) -> Option<String> {
    (!close.is_empty()).then(|| format!("did you mean {}?", backquoted(close)))
}

/// `name` as it must be written in a rule file, owned: for edits offered as fixes and
/// completions.
pub fn written(name: &str) -> String {
    crate::syntax::lexicon::written(name).into_owned()
}

/// Names as a comma-separated list of `code` spans.
pub fn backquoted(names: &[impl AsRef<str>]) -> String {
    names
        .iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How a command-line name failed to resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unresolved {
    /// Nothing close enough; the closest names, best first (may be empty).
    Unknown(Vec<String>),
    /// Several entities match loosely; their names.
    Ambiguous(Vec<String>),
}

/// Resolve a name typed on the command line: exact name, then alias, then a bare symbol's
/// namespaced entity (`MAPT` → `HGNC:MAPT`, see [`namespaced`]), then a unique entity whose
/// name or alias has the same loose key (`IL-1b`, `nf-kb`, `TNF-alpha`).
pub fn resolve_entity(
    program: &crate::program::Program,
    typed: &str,
) -> Result<crate::program::EntityId, Unresolved> {
    use crate::program::EntityId;
    if let Some(id) = program.lookup(typed) {
        return Ok(id);
    }
    match namespaced(program, typed).as_slice() {
        [] => {}
        [one] => return Ok(*one),
        many => {
            return Err(Unresolved::Ambiguous(
                many.iter()
                    .map(|e| program.entity_name(*e).to_string())
                    .collect(),
            ));
        }
    }
    let key = loose_key(typed);
    let mut hits: Vec<EntityId> = Vec::new();
    for (i, (name, e)) in program.entities.iter().enumerate() {
        let id = EntityId(i as u32);
        let matches = loose_key(name) == key || e.aliases.iter().any(|a| loose_key(a) == key);
        if matches && !hits.contains(&id) {
            hits.push(id);
        }
    }
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => {
            let names = program.entities.iter().flat_map(|(name, e)| {
                std::iter::once(name.as_str()).chain(e.aliases.iter().map(String::as_str))
            });
            Err(Unresolved::Unknown(
                closest(typed, names, 3)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
            ))
        }
        many => Err(Unresolved::Ambiguous(
            many.iter()
                .map(|e| program.entity_name(*e).to_string())
                .collect(),
        )),
    }
}

/// Entities named `NAMESPACE:SYMBOL` (`HGNC:MAPT`, `MGI:Mapt`, as imported from BEL) whose
/// symbol matches a bare `typed` symbol up to the loose key; empty when `typed` holds a
/// namespace itself. One symbol under several namespaces gives several entities.
pub fn namespaced(program: &crate::program::Program, typed: &str) -> Vec<crate::program::EntityId> {
    use crate::program::EntityId;
    if typed.contains(':') || typed.is_empty() {
        return Vec::new();
    }
    let key = loose_key(typed);
    let is_prefix = |ns: &str| {
        ns.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && ns
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    };
    program
        .entities
        .keys()
        .enumerate()
        .filter(|(_, name)| {
            name.split_once(':')
                .is_some_and(|(ns, symbol)| is_prefix(ns) && loose_key(symbol) == key)
        })
        .map(|(i, _)| EntityId(i as u32))
        .collect()
}

#[cfg(test)]
mod namespace_tests {
    use super::*;
    use crate::program::load_text;

    fn names(text: &str, typed: &str) -> Result<String, Unresolved> {
        let loaded = load_text("t.rules", text);
        resolve_entity(&loaded.program, typed).map(|id| loaded.program.entity_name(id).to_string())
    }

    #[test]
    fn a_bare_symbol_finds_its_one_namespaced_entity() {
        let text = "HGNC:MAPT activates HGNC:GSK3B\n";
        assert_eq!(names(text, "MAPT"), Ok("HGNC:MAPT".into()));
        assert_eq!(names(text, "gsk3b"), Ok("HGNC:GSK3B".into()));
        assert_eq!(names(text, "HGNC:MAPT"), Ok("HGNC:MAPT".into()));
    }

    #[test]
    fn several_namespaces_offer_every_candidate() {
        let text = "HGNC:MAPT activates MGI:Mapt\nMAPK1 activates HGNC:MAPT\n";
        assert_eq!(
            names(text, "Mapt"),
            Err(Unresolved::Ambiguous(vec![
                "HGNC:MAPT".into(),
                "MGI:Mapt".into()
            ]))
        );
        // An exact name wins over namespaced ones.
        assert_eq!(
            names("MAPT activates HGNC:MAPT\n", "MAPT"),
            Ok("MAPT".into())
        );
    }

    #[test]
    fn names_that_only_contain_a_colon_are_not_namespaces() {
        assert!(names("\"1:2 complex\" activates B\n", "2 complex").is_err());
    }
}
