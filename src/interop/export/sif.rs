//! SIF: `SOURCE<TAB>1|-1<TAB>TARGET`, one signed statement a line. Tabs, so names with
//! spaces survive; `marrow import sif` reads it back as the same edge set.

use super::{EdgeKind, Export};

/// The SIF text, and what SIF had no room for (said to the user, never dropped silently).
pub fn write(x: &Export<'_>) -> (String, Vec<String>) {
    let p = x.program;
    let mut out = String::new();
    let (mut nulls, mut conj, mut conditional) = (0usize, 0usize, 0usize);
    let mut seen_conj = Vec::new();
    for e in x.edges() {
        match e.kind {
            EdgeKind::Null => nulls += 1,
            EdgeKind::Conjunction(i) => {
                if !seen_conj.contains(&i) {
                    seen_conj.push(i);
                    conj += 1;
                }
            }
            EdgeKind::Statement => {
                if !e.conditions.is_empty() {
                    conditional += 1;
                }
                out.push_str(&cell(p.entity_name(e.source)));
                out.push('\t');
                out.push_str(if e.sign < 0 { "-1" } else { "1" });
                out.push('\t');
                out.push_str(&cell(p.entity_name(e.target)));
                out.push('\n');
            }
        }
    }
    let mut notes = Vec::new();
    if nulls > 0 {
        notes.push(format!(
            "{nulls} null results (`does not affect`) have no SIF form and were left out"
        ));
    }
    if conj > 0 {
        notes.push(format!(
            "{conj} conjunctions (`when … then …`) have no SIF form and were left out"
        ));
    }
    if conditional > 0 {
        notes.push(format!(
            "{conditional} statements were written without their `when` conditions"
        ));
    }
    (out, notes)
}

/// A name as one SIF field: tabs and line breaks would split it, so they become spaces.
fn cell(name: &str) -> String {
    name.replace(['\t', '\n', '\r'], " ")
}
