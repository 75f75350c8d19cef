//! Command-line arguments (DESIGN §4).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "marrow",
    version,
    about = "Signed causal reasoning over the literature, with cited explanations",
    long_about = "marrow reads rule files of signed causal statements (`miR-223 inhibits PKNOX1 [Ye et al., 2018]`), \
                  forward-chains them into net effects of an intervention, and explains every conclusion as a chain of cited statements."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and validate rule files; print diagnostics and a summary.
    Check {
        /// Files or folders (every `*.rules` below, in sorted order). Default: rules/
        paths: Vec<PathBuf>,
    },
    /// Rewrite rule files in the canonical layout (comments kept).
    Fmt {
        /// Change nothing; exit 1 if a file would change.
        #[arg(long)]
        check: bool,
        paths: Vec<PathBuf>,
    },
    /// Net effects of a scenario.
    Run {
        paths: Vec<PathBuf>,
        #[command(flatten)]
        run: RunFlags,
        /// Also list unaffected entities.
        #[arg(long)]
        all: bool,
    },
    /// Explain why a fact holds (or, with `not`, why it does not).
    Why {
        /// The fact: `ENTITY up|down`, or `not ENTITY up|down` for why it does not hold
        #[arg(required = true, num_args = 2..=3, value_names = ["[not] ENTITY", "up|down"])]
        fact: Vec<String>,
        #[command(flatten)]
        rules: RulePaths,
        #[command(flatten)]
        run: RunFlags,
        /// Print the derivation as one causal line.
        #[arg(long)]
        chain: bool,
        /// Also list up to N alternative derivations, strongest first.
        #[arg(long = "all", value_name = "N")]
        alternatives: Option<usize>,
        /// How many levels `why not` follows missing premises.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// List up to N further lines of evidence, each as one cited causal chain.
        #[arg(long, value_name = "N", default_value_t = crate::explain::EVIDENCE_LINES)]
        evidence: usize,
    },
    /// Perturb one entity and show what changes.
    Effects {
        entity: String,
        /// Perturb it down instead of up.
        #[arg(long)]
        down: bool,
        /// Only report these entities.
        #[arg(long = "on", value_name = "ENTITY")]
        on: Vec<String>,
        #[command(flatten)]
        rules: RulePaths,
        #[command(flatten)]
        run: RunFlags,
        /// Also list unaffected entities.
        #[arg(long)]
        all: bool,
    },
    /// Check every scenario's expectations and stored snapshots.
    Test {
        paths: Vec<PathBuf>,
        /// Write each scenario's snapshot instead of comparing.
        #[arg(long)]
        update: bool,
    },
    /// Ask a query: `why X up`, `why not X down`, `effect of X on Y`, `path from X to Y`.
    Ask {
        query: String,
        #[command(flatten)]
        rules: RulePaths,
        #[command(flatten)]
        run: RunFlags,
    },
    /// Print the built-in rules.
    Prelude,
}

/// `-r PATH…`: the rule files to load (default rules/).
#[derive(Args, Debug, Clone, Default)]
pub struct RulePaths {
    /// Rule file or folder to load (repeatable). Default: rules/
    #[arg(short = 'r', long = "rules", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct RunFlags {
    /// Run this scenario (its givens, clamps and contexts).
    #[arg(long)]
    pub scenario: Option<String>,
    /// A given state fact, e.g. --given "hypoxia up" (repeatable).
    #[arg(long, value_name = "\"X up\"")]
    pub given: Vec<String>,
    /// Clamp an entity down (repeatable).
    #[arg(long, value_name = "X")]
    pub knockout: Vec<String>,
    /// Clamp an entity up (repeatable).
    #[arg(long, value_name = "X")]
    pub overexpress: Vec<String>,
    /// Select a context; statements of other contexts are inactive (repeatable).
    #[arg(long, value_name = "C")]
    pub context: Vec<String>,
    /// Let statements marked `disputed` fire too.
    #[arg(long)]
    pub with_disputed: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// The default rule folder when no path is given.
pub fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("rules")]
    } else {
        paths.to_vec()
    }
}
