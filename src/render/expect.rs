//! Expectations and what was found instead, as `marrow test` reports them.

use crate::answers::{Found, Unmet};
use crate::engine::{Net, NetEffect, Side};
use crate::program::Expectation;

use super::{View, text};

/// `up 0.63`, `conflicting (up 0.73, down 0.36)`, `unaffected`.
pub fn net_text(n: &NetEffect) -> String {
    let side = |s: Option<Side>| s.map(|s| text::strength(s.strength)).unwrap_or_default();
    match n.net {
        Net::Unaffected => "unaffected".to_string(),
        Net::Up => format!("up {}", side(n.up)),
        Net::Down => format!("down {}", side(n.down)),
        Net::Conflicting => {
            let how = super::margin::conflict(n).unwrap_or_default();
            format!(
                "conflicting (up {}, down {}; {how})",
                side(n.up),
                side(n.down)
            )
        }
    }
}

/// An expectation as the language writes it.
pub fn expectation(view: &View, exp: &Expectation) -> String {
    let name = |e| view.program.entity_name(e);
    match *exp {
        Expectation::Net(e, n) => format!("expect {} {}", name(e), n.as_str()),
        Expectation::Not(e, s) => format!("expect not {} {}", name(e), s.as_str()),
        Expectation::Via(e, s, v) => format!("expect {} {} via {}", name(e), s.as_str(), name(v)),
        Expectation::Leans(e, s) => format!("expect {} leans {}", name(e), s.as_str()),
        Expectation::ConflictingLeaning(e, s) => {
            format!("expect {} conflicting leaning {}", name(e), s.as_str())
        }
    }
}

/// What was found instead.
pub fn found(view: &View, found: &Found) -> String {
    match found {
        Found::Net(n) => format!("got {}", net_text(n)),
        Found::NotVia(chain) => format!(
            "the strongest derivation does not pass through it: {}",
            text::chain(view, chain)
        ),
    }
}

/// One report per unmet expectation: the expectation with its location, then what was
/// found instead.
pub fn unmet(view: &View, unmet: &[Unmet]) -> Vec<String> {
    unmet
        .iter()
        .map(|u| {
            format!(
                "    {}  ({})\n      {}\n",
                expectation(view, &u.expect.expectation),
                view.file_line(u.expect.span),
                found(view, &u.found)
            )
        })
        .collect()
}
