//! A null result beside a statement of the same pair: `BMP-2 does not affect RANKL` and
//! `BMP-2 increases RANKL` in overlapping contexts. The sources disagree, and a reader
//! of either file alone would not know.

use super::{describe, overlap, shown};
use crate::diagnostics::{Code, Diag};
use crate::program::model::*;
use crate::program::resolve::PairIndex;

/// `pairs` is [`crate::program::resolve::by_pair`] of the program's statements.
pub fn null_beside_effect(p: &Program, pairs: &PairIndex, out: &mut Vec<Diag>) {
    for null in &p.nulls {
        let key = (u64::from(null.subject.0) << 32) | u64::from(null.object.0);
        let first = pairs
            .of_pair(key)
            .map(|k| &p.statements[k.2 as usize])
            .filter(|s| overlap(p, &s.provenance, &null.provenance))
            .min_by_key(|s| s.provenance.span);
        let Some(s) = first else {
            continue;
        };
        out.push(
            Diag::warning(
                Code::LintNullBesideEffect,
                format!(
                    "`{}` does not affect `{}`, yet another statement says it {} it",
                    shown(p.entity_name(null.subject)),
                    shown(p.entity_name(null.object)),
                    p.verb_word(s.verb())
                ),
            )
            .at(null.provenance.span, "null result")
            .also(s.provenance.span, describe(p, s))
            .help("the sources disagree: keep both (a derived change carries a note naming the null result), or put them in different contexts"),
        );
    }
}
