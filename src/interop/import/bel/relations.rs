//! What BEL relations and annotation values mean in the rule language.

use super::super::claims::Confidence;
use crate::interop::citation::clean;

pub(super) enum Kind {
    /// A built-in verb word and whether it inhibits.
    Verb(&'static str, bool),
    /// A declared verb of that sign.
    Direct(&'static str, bool),
    NoChange,
    Correlation(&'static str, bool),
    /// Not imported, for this reason.
    Skip(&'static str),
}

pub(super) fn classify(relation: &str) -> Kind {
    match relation {
        "->" | "increases" => Kind::Verb("increases", false),
        "-|" | "decreases" => Kind::Verb("decreases", true),
        "=>" | "directlyIncreases" => Kind::Direct("directly-increases", false),
        "=|" | "directlyDecreases" => Kind::Direct("directly-decreases", true),
        "cnc" | "causesNoChange" => Kind::NoChange,
        "pos" | "positiveCorrelation" => Kind::Correlation("correlates-positively", false),
        "neg" | "negativeCorrelation" => Kind::Correlation("correlates-negatively", true),
        "--" | "association" | "reg" | "regulates" | "noCorrelation" => Kind::Skip("unsigned"),
        "biomarkerFor" | "prognosticBiomarkerFor" => Kind::Skip("biomarker"),
        "isA" | "partOf" | "subProcessOf" | "hasComponent" | "hasComponents" | "hasMember"
        | "hasMembers" | "hasVariant" | "hasActivity" | "hasProduct" | "hasReactant"
        | "hasModification" | "eq" | "equivalentTo" | "orthologous" | "transcribedTo" | ":>"
        | "translatedTo" | ">>" | "analogousTo" | "actsIn" | "includes" | "translocates"
        | "rateLimitingStepOf" => Kind::Skip("structural"),
        _ => Kind::Skip("unknown-relation"),
    }
}

pub(super) fn confidence(value: &str) -> Option<Confidence> {
    match value.trim().to_ascii_lowercase().as_str() {
        "very high" => Some(Confidence::VeryHigh),
        "high" => Some(Confidence::High),
        "medium" => Some(Confidence::Medium),
        "low" => Some(Confidence::Low),
        "very low" => Some(Confidence::VeryLow),
        _ => None,
    }
}

/// `{"PubMed", "12345"}` → `PubMed:12345`; the reference is the second value, or the
/// third when a title sits between (BEL 1's three-and-more-element form).
pub(super) fn citation(values: &[String]) -> Option<String> {
    let kind = values.first()?.trim();
    let reference = match values.len() {
        0 | 1 => return (!kind.is_empty()).then(|| clean(kind)),
        2 => values[1].trim(),
        _ => values[2].trim(),
    };
    Some(clean(&format!("{kind}:{reference}")))
}
