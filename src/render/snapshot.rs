//! Scenario snapshots for rule-set authors: each scenario's full result, one conclusion
//! per line so that a diff names exactly the conclusions a change moved.

use std::fmt::Write;

use crate::engine::{Evaluation, Net, NetEffect, net_effects};
use crate::explain::derivation;
use crate::program::{Scenario, State};

use super::{View, text, words};

fn effect_line(view: &View, e: &NetEffect) -> String {
    let program = view.program;
    let mut line = format!("{}  {}", program.entity_name(e.entity), e.net.as_str());
    if e.net == Net::Conflicting {
        match e.lean {
            Some(s) => {
                let _ = write!(line, " (lean {})", s.as_str());
            }
            None => line.push_str(" (tie)"),
        }
    }
    for (st, side) in [(State::Up, e.up), (State::Down, e.down)] {
        if let Some(side) = side {
            let _ = write!(
                line,
                "  {} {} in {} step{}",
                st.as_str(),
                text::strength(side.strength),
                side.steps,
                if side.steps == 1 { "" } else { "s" }
            );
        }
    }
    if let Some(c) = e.clamp {
        let _ = write!(line, "  [{}]", c.as_str());
    }
    for n in &e.notes {
        let _ = write!(line, "\n    note: {}", words::note(view, n));
    }
    line
}

/// The folder of the file that declares the scenario, with its final `/`.
fn scenario_dir<'p>(view: &View<'p>, scenario: &Scenario) -> &'p str {
    let file = &view.program.sources.get(scenario.span.file).name;
    match file.rfind('/') {
        Some(i) => &file[..=i],
        None => "",
    }
}

/// The snapshot text of one evaluated scenario. Paths of files beside the scenario's own
/// are shown relative to it, so the snapshot does not depend on where marrow was run from,
/// and statements are named by file and text, not line, so adding a comment changes none.
pub fn render(view: &View, scenario: &Scenario, ev: &Evaluation) -> String {
    let program = view.program;
    let view = &view
        .colour(false)
        .relative_to(scenario_dir(view, scenario))
        .without_lines();
    let mut out = format!(
        "# marrow test snapshot: scenario {}\n# Written by `marrow test --update`; `marrow test` compares against it.\n\neffects\n",
        scenario.name
    );
    let effects = net_effects(program, ev, false);
    for e in &effects {
        let _ = writeln!(out, "  {}", effect_line(view, e));
    }
    for &o in &program.outcomes {
        for st in [State::Up, State::Down] {
            if let Some(id) = ev.state(o, st) {
                let _ = write!(
                    out,
                    "\nwhy {} {}\n{}",
                    program.entity_name(o),
                    st.as_str(),
                    text::tree(view, &derivation(ev, id))
                );
            }
        }
    }
    out
}

/// A readable diff of two snapshots: changed lines with one line of context.
pub fn diff(old: &str, new: &str) -> String {
    let d = similar::TextDiff::from_lines(old, new);
    let mut out = String::new();
    for group in d.grouped_ops(1) {
        for op in group {
            for change in d.iter_changes(&op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Delete => "-",
                    similar::ChangeTag::Insert => "+",
                    similar::ChangeTag::Equal => " ",
                };
                let _ = write!(out, "    {sign} {}", change.value());
                if change.missing_newline() {
                    out.push('\n');
                }
            }
        }
        out.push_str("    …\n");
    }
    out
}
