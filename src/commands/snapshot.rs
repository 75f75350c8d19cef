//! Scenario snapshots for rule-set authors: each scenario's full result, one conclusion
//! per line so that a diff names exactly the conclusions a change moved.

use std::fmt::Write;
use std::path::PathBuf;

use crate::engine::{Evaluation, Net, NetEffect, net_effects};
use crate::explain::tree;
use crate::program::{Program, Scenario, State};
use crate::render::text;

/// `snapshots/NAME.snap` beside the file that declares the scenario.
pub fn path(program: &Program, scenario: &Scenario) -> PathBuf {
    let file = &program.sources.get(scenario.span.file).name;
    let dir = std::path::Path::new(file)
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    dir.join("snapshots")
        .join(format!("{}.snap", scenario.name))
}

fn effect_line(program: &Program, e: &NetEffect) -> String {
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
        let _ = write!(line, "\n    note: {n}");
    }
    line
}

/// The snapshot text of one evaluated scenario.
pub fn render(program: &Program, scenario: &Scenario, ev: &Evaluation) -> String {
    let mut out = format!(
        "# marrow test snapshot: scenario {}\n# Written by `marrow test --update`; `marrow test` compares against it.\n\neffects\n",
        scenario.name
    );
    let effects = net_effects(program, ev, false);
    for e in &effects {
        let _ = writeln!(out, "  {}", effect_line(program, e));
    }
    for &o in &program.outcomes {
        for st in [State::Up, State::Down] {
            if let Some(id) = ev.state(o, st) {
                let _ = write!(
                    out,
                    "\nwhy {} {}\n{}",
                    program.entity_name(o),
                    st.as_str(),
                    text::tree(program, &tree(program, ev, id), false)
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
