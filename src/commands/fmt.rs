//! `marrow fmt [--check] [PATH…]`: rewrite rule files in the canonical layout.
//!
//! A file that does not parse is reported like `check` reports it and never rewritten;
//! `--check` changes nothing and lists the files that would change.

use std::path::{Path, PathBuf};

use super::{Exit, Output};
use crate::diagnostics::{Code, Diag};
use crate::program::files::{collect, decode, display_name, unreadable};
use crate::source::Sources;
use crate::syntax::fmt::format_source;

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    /// Syntax errors: reported, file left alone.
    Invalid,
    /// Missing, binary, not UTF-8, or not writable.
    Unreadable,
}

/// Rewrite every file in the canonical layout, or with `check` only report those that
/// would change (exit 1); a file that does not parse is never rewritten.
pub fn run(paths: &[PathBuf], check: bool, out: &Output) -> Exit {
    let paths = match super::rules::rule_paths(paths) {
        Ok((paths, _)) => paths,
        Err(d) => {
            out.diags(&[(*d).help("fmt rewrites files: name them with -r PATH (the knowledge base shipped inside marrow cannot be rewritten)")], &Sources::default());
            return Exit::Usage;
        }
    };
    let files = match collect(&paths) {
        Ok(files) => files,
        Err(d) => {
            out.diags(&[*d], &Sources::default());
            return Exit::Usage;
        }
    };
    let (mut changed, mut invalid, mut unreadable) = (0usize, false, false);
    for path in &files {
        match one(path, check, out) {
            Outcome::Unchanged => {}
            Outcome::Changed => changed += 1,
            Outcome::Invalid => invalid = true,
            Outcome::Unreadable => unreadable = true,
        }
    }
    if !check && changed > 0 {
        let s = if changed == 1 { "" } else { "s" };
        out.eprint(&format!("formatted {changed} file{s}\n"));
    }
    if unreadable {
        Exit::Usage
    } else if invalid || (check && changed > 0) {
        Exit::Finding
    } else {
        Exit::Success
    }
}

fn one(path: &Path, check: bool, out: &Output) -> Outcome {
    let name = display_name(path);
    // Each file gets its own source table: `format_source` reports spans in file 0.
    let mut sources = Sources::default();
    let bytes = match crate::program::files::read_rule_file(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            out.diags(&[unreadable(path, &e.to_string())], &sources);
            return Outcome::Unreadable;
        }
    };
    let text = match decode(&mut sources, name.clone(), bytes) {
        Ok(id) => sources.get(id).text.clone(),
        Err(d) => {
            out.diags(&[*d], &sources);
            return Outcome::Unreadable;
        }
    };
    let formatted = match format_source(&text) {
        Ok(f) => f,
        Err(diags) => {
            out.diags(&diags, &sources);
            return Outcome::Invalid;
        }
    };
    if formatted == *text {
        return Outcome::Unchanged;
    }
    if check {
        out.print(&format!("{name}\n"));
    } else if let Err(e) = std::fs::write(path, formatted) {
        let d = Diag::error(Code::IoUnwritable, format!("cannot write {name}: {e}"))
            .help("check the file's permissions");
        out.diags(&[d], &sources);
        return Outcome::Unreadable;
    }
    Outcome::Changed
}
