//! The knowledge base shipped inside the binary (`rules/osseointegration/`), so an
//! installed marrow answers from anywhere, not only inside the repository.

use crate::program::{Loaded, load_sources};

/// Where the shipped files say they come from, in explanations and diagnostics.
pub const FOLDER: &str = "<shipped>/osseointegration";

/// Every rule file of the shipped knowledge base, by name and text.
pub const FILES: &[(&str, &str)] = &[
    (
        "biomaterials.rules",
        include_str!("../rules/osseointegration/biomaterials.rules"),
    ),
    (
        "bmsc.rules",
        include_str!("../rules/osseointegration/bmsc.rules"),
    ),
    (
        "bone.rules",
        include_str!("../rules/osseointegration/bone.rules"),
    ),
    (
        "endothelial.rules",
        include_str!("../rules/osseointegration/endothelial.rules"),
    ),
    (
        "exosome.rules",
        include_str!("../rules/osseointegration/exosome.rules"),
    ),
    (
        "glossary.rules",
        include_str!("../rules/osseointegration/glossary.rules"),
    ),
    (
        "intro.rules",
        include_str!("../rules/osseointegration/intro.rules"),
    ),
    (
        "macrophage.rules",
        include_str!("../rules/osseointegration/macrophage.rules"),
    ),
    (
        "scenarios.rules",
        include_str!("../rules/osseointegration/scenarios.rules"),
    ),
    (
        "stages.rules",
        include_str!("../rules/osseointegration/stages.rules"),
    ),
];

/// Load the shipped knowledge base.
pub fn load() -> Loaded {
    let named: Vec<(String, &str)> = FILES
        .iter()
        .map(|(name, text)| (format!("{FOLDER}/{name}"), *text))
        .collect();
    let sources: Vec<(&str, &str)> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    load_sources(&sources)
}
