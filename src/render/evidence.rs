//! Lines of evidence as text and their citations: `supported by ≥ 14 derivations …`.

use crate::explain::{EvidenceLine, Why};

use super::View;
use super::text::{chain, strength};

/// The citations a line rests on, each once, in the order of the line's statements.
pub fn citations(view: &View, line: &EvidenceLine) -> Vec<String> {
    let program = view.program;
    let mut out: Vec<String> = Vec::new();
    for origin in &line.backing {
        let provenance = match *origin {
            crate::engine::Origin::Statement(id) => {
                program.statements.get(id.0 as usize).map(|s| &s.provenance)
            }
            crate::engine::Origin::Conjunction(id) => program
                .conjunctions
                .get(id.0 as usize)
                .map(|c| &c.provenance),
            _ => None,
        };
        for c in provenance.map(|p| program.citations(p)).unwrap_or_default() {
            if !out.iter().any(|x| x == c) {
                out.push(c.to_string());
            }
        }
    }
    out
}

/// `supported by ≥ 14 derivations through 9 intermediates, citing 11 sources`
pub fn summary(why: &Why) -> String {
    let c = why.evidence.count;
    let at_least = if c.complete { "" } else { "≥ " };
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "supported by {at_least}{} through {at_least}{}, citing {at_least}{}",
        plural(c.derivations, "derivation"),
        plural(c.intermediates, "intermediate"),
        plural(c.sources, "source"),
    )
}

/// The summary line and one line per further line of evidence (nothing when the fact does
/// not hold or has no other line).
pub fn lines(view: &View, why: &Why) -> String {
    if !why.holds || why.evidence.count.derivations <= 1 {
        return String::new();
    }
    let mut out = format!("\n{}\n", summary(why));
    for line in &why.evidence.lines {
        let cites = citations(view, line);
        let head = format!(
            "  {}  {}",
            chain(view, &line.chain),
            strength(line.strength)
        );
        out.push_str(&head);
        if !cites.is_empty() {
            let cited = format!("[{}]", cites.join("; "));
            // Too wide for the width asked for: the citations go on the next line.
            let fits = view
                .width
                .is_none_or(|w| head.chars().count() + 2 + cited.chars().count() <= w);
            out.push_str(if fits { "  " } else { "\n    " });
            out.push_str(&cited);
        }
        out.push('\n');
    }
    out
}
