//! `marrow check`: parse, resolve and lint; all diagnostics and one summary line.

use std::path::PathBuf;

use super::{Exit, Output};
use crate::cli::Format;
use crate::program::Loaded;

/// Print every diagnostic and a summary; exits 1 on errors, 2 when a file is unreadable.
pub fn run(paths: &[PathBuf], format: Format, out: &Output) -> Exit {
    let loaded = super::rules::load(paths, out);
    match format {
        Format::Text | Format::Dot | Format::Svg => {
            out.diags(&loaded.diags, &loaded.program.sources);
            out.print(&format!("{}\n", summary(&loaded)));
            out.print(&crate::render::disputed::listing(&loaded.program));
        }
        Format::Json => out.print(&crate::render::json::check_json(&loaded)),
    }
    let exit = if loaded.unreadable {
        Exit::Usage
    } else if loaded.errors() > 0 {
        Exit::Finding
    } else {
        Exit::Success
    };
    out.release(loaded);
    exit
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `checked 9 files: 210 entities, 312 statements, 0 rules, 13 scenarios; 0 errors, 3 warnings`,
/// then `; 4 disputed` when some statements are disputed.
pub fn summary(loaded: &Loaded) -> String {
    let p = &loaded.program;
    let statements = p.statements.len() + p.conjunctions.len() + p.nulls.len();
    let rules = p.rules.iter().filter(|r| !r.prelude).count();
    format!(
        "checked {}: {}, {}, {}, {}; {}, {}",
        plural(loaded.files.len(), "file"),
        plural(p.entities.len(), "entity").replace("entitys", "entities"),
        plural(statements, "statement"),
        plural(rules, "rule"),
        plural(p.scenarios.len(), "scenario"),
        plural(loaded.errors(), "error"),
        plural(loaded.warnings(), "warning"),
    ) + &disputed_count(p)
}

fn disputed_count(p: &crate::program::Program) -> String {
    let nulls = p.nulls.iter().filter(|n| n.provenance.disputed()).count();
    match crate::explain::disputed_statements(p).len() + nulls {
        0 => String::new(),
        n => format!("; {n} disputed"),
    }
}
