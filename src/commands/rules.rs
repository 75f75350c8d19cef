//! Where the rules come from when a command names none: `$MARROW_RULES`, then `./rules`
//! when it holds rule files. (The installed binary must work outside the repository.)

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diag};

/// How the rule paths of a command were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSource {
    /// Named on the command line.
    Given,
    /// From `$MARROW_RULES`.
    Env,
    /// `./rules`, found in the working folder.
    Local,
    /// None of those: the knowledge base compiled into marrow.
    Shipped,
}

impl RuleSource {
    /// How outputs name the source (`"rules"` in JSON documents).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleSource::Given => "command line",
            RuleSource::Env => "$MARROW_RULES",
            RuleSource::Local => "./rules",
            RuleSource::Shipped => "the knowledge base shipped with marrow",
        }
    }
}

/// Whether a folder holds a `*.rules` file (at any depth).
fn holds_rules(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => holds_rules(&path),
            Ok(t) if t.is_file() => path.extension().is_some_and(|x| x == "rules"),
            _ => false,
        }
    })
}

/// The paths to load and where they came from: the given ones, else `$MARROW_RULES`
/// (paths separated as `PATH` is), else `./rules` when it holds rule files, else none:
/// the shipped knowledge base.
pub fn rule_source(given: &[PathBuf]) -> (Vec<PathBuf>, RuleSource) {
    if !given.is_empty() {
        return (given.to_vec(), RuleSource::Given);
    }
    if let Some(env) = std::env::var_os("MARROW_RULES").filter(|v| !v.is_empty()) {
        return (std::env::split_paths(&env).collect(), RuleSource::Env);
    }
    let local = PathBuf::from("rules");
    if holds_rules(&local) {
        return (vec![local], RuleSource::Local);
    }
    (Vec::new(), RuleSource::Shipped)
}

/// Load the rules a command names (or finds), saying on stderr when they are the shipped
/// knowledge base.
pub fn load(given: &[PathBuf], out: &super::Output) -> crate::program::Loaded {
    load_with(given, &crate::program::LoadOptions::default(), out)
}

/// [`load`] with options (the shipped knowledge base is small: it is loaded whole).
pub fn load_with(
    given: &[PathBuf],
    options: &crate::program::LoadOptions,
    out: &super::Output,
) -> crate::program::Loaded {
    match rule_source(given) {
        (_, RuleSource::Shipped) => {
            out.eprint(&format!(
                "marrow: no rules named and no ./rules here: using {} ({})\n",
                RuleSource::Shipped.as_str(),
                crate::shipped::FOLDER
            ));
            crate::shipped::load()
        }
        (paths, _) => crate::program::load_with(&paths, &crate::program::FileSystem, options),
    }
}

/// The rule files to rewrite or read as files: a command that edits files (fmt) cannot
/// work on the shipped knowledge base.
pub fn rule_paths(given: &[PathBuf]) -> Result<(Vec<PathBuf>, RuleSource), Box<Diag>> {
    match rule_source(given) {
        (_, RuleSource::Shipped) => Err(Box::new(
            Diag::error(Code::CliNoRules, "no rule files to read")
                .help("name them with `-r PATH` (a file or a folder), set $MARROW_RULES, or run marrow in a folder whose `rules/` holds *.rules files"),
        )),
        found => Ok(found),
    }
}
