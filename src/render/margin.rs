//! Wording of how decisive a conflict is, and of the run settings that change answers
//! (`decisive`, `max steps`), shared by the text renderings.

use crate::engine::{Net, NetEffect, RunConfig};

/// A ratio as a biologist reads it: `×1.29`, `×1`, `×2.4e6`.
pub fn times(x: f64) -> String {
    if x == 1.0 {
        "×1".to_string()
    } else if x < 1000.0 {
        format!("×{x:.2}")
    } else {
        format!("×{x:.1e}")
    }
}

/// What the table says after a conflicting row (or one a `decisive` threshold settled):
/// `leans up ×1.29`, `tie ×1`, `decisive ×3.10 over down`.
pub fn conflict(e: &NetEffect) -> Option<String> {
    let margin = e.margin?;
    Some(match (e.net, e.lean) {
        (Net::Conflicting, Some(s)) => format!("leans {} {}", s.as_str(), times(margin)),
        (Net::Conflicting, None) => format!("tie {}", times(margin)),
        (_, Some(s)) => format!("decisive {} over {}", times(margin), s.opposite().as_str()),
        (_, None) => return None,
    })
}

/// One line per setting that changes what a run reports, for the header of text output;
/// empty when the run has none.
pub fn settings(config: &RunConfig) -> String {
    let mut out = String::new();
    if let Some(r) = config.decisive {
        out.push_str(&format!(
            "decisive {r}: a conflict whose stronger side is at least {r} times the weaker is reported as that side\n"
        ));
    }
    if let Some(n) = config.max_steps {
        out.push_str(&format!(
            "max steps {n}: only derivations of at most {n} step{} count\n",
            if n == 1 { "" } else { "s" }
        ));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}
