//! Command-line arguments: every subcommand and flag, with the help `marrow --help` prints.
//!
//! The values of the `ValueEnum`s are documented with `#[doc = concat!(…)]`, not `///`:
//! clap would print a `///` as the value's `--help` text, and the help stays as it is.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The parsed command line: global options and one subcommand.
#[derive(Parser, Debug)]
#[command(
    name = "marrow",
    version,
    about = "Signed causal reasoning over the literature, with cited explanations",
    long_about = "marrow reads rule files of signed causal statements (`miR-223 inhibits PKNOX1 [Ye et al., 2018]`), \
                  forward-chains them into net effects of an intervention, and explains every conclusion as a chain of cited statements.",
    after_help = "Rules are read from -r PATH, else $MARROW_RULES, else ./rules when it holds *.rules files, \
                  else the knowledge base shipped inside marrow.\n\
                  Exit status: 0 success, 1 a finding (errors, a failed expectation, a fact that does not hold), 2 bad usage or unreadable input."
)]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Fit text output to N columns (default: the terminal's width; no wrapping on a pipe).
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<usize>,
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands, one module each under `commands`.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and validate rule files; print diagnostics and a summary.
    #[command(after_help = "Example:\n  marrow check rules/osseointegration")]
    Check {
        /// The rule files to check.
        #[command(flatten)]
        rules: RuleArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Rewrite rule files in the canonical layout (comments kept).
    #[command(after_help = "Example:\n  marrow fmt --check rules/")]
    Fmt {
        /// Change nothing; exit 1 if a file would change.
        #[arg(long)]
        check: bool,
        /// The rule files to lay out.
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Net effects of a scenario (or of givens and clamps).
    #[command(
        after_help = "Examples:\n  marrow run --scenario hypoxic-exosomes\n  marrow run -r my.rules --given \"RANKL up\" --knockout OPG"
    )]
    Run {
        /// The rule files to load.
        #[command(flatten)]
        rules: RuleArgs,
        /// The scenario, clamps, contexts and options of the run.
        #[command(flatten)]
        run: RunFlags,
        /// Also list the entities the run leaves unaffected.
        #[arg(long)]
        include_unaffected: bool,
    },
    /// Explain why a fact holds (or, with `not`, why it does not).
    #[command(
        override_usage = "marrow why [not] ENTITY up|down [-r PATH]… [RUN FLAGS] [--chain] [--alternatives N] [--depth N] [--format text|json|dot|svg]",
        after_help = "Examples:\n  marrow why osteogenesis up --scenario bmsc-exosomes\n  marrow why osteogenesis up --scenario hypoxic-exosomes --format svg > why.svg\n  marrow why not endothelial-proliferation up --scenario dmog-exosomes --depth 2"
    )]
    Why {
        /// The fact: `ENTITY up|down`, or `not ENTITY up|down` for why it does not hold.
        #[arg(required = true, num_args = 2.., value_names = ["[not] ENTITY", "up|down"])]
        fact: Vec<String>,
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// The scenario, clamps, contexts and options of the run.
        #[command(flatten)]
        run: RunFlags,
        /// Print the derivation as one causal line.
        #[arg(long)]
        chain: bool,
        /// Also list up to N other derivations as trees, strongest first.
        #[arg(long, value_name = "N")]
        alternatives: Option<usize>,
        /// How many levels `why not` follows missing premises.
        #[arg(long, default_value_t = 1, value_name = "N")]
        depth: usize,
        /// List up to N further lines of evidence, each as one cited causal chain.
        #[arg(long, value_name = "N", default_value_t = crate::explain::EVIDENCE_LINES)]
        evidence: usize,
    },
    /// Perturb one entity and show what moved: before → after.
    #[command(
        after_help = "Examples:\n  marrow effects miR-155\n  marrow effects PKNOX1 --down --on IL-1β --on M2-polarization --scenario hypoxic-exosomes"
    )]
    Effects {
        /// The entity to raise (overexpress), or with --down to lower (knock out).
        entity: String,
        /// Lower it instead of raising it.
        #[arg(long)]
        down: bool,
        /// Only report this entity (repeatable).
        #[arg(long = "on", value_name = "ENTITY")]
        on: Vec<String>,
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// The run the perturbation is added to.
        #[command(flatten)]
        run: RunFlags,
        /// Also list entities that moved to unaffected.
        #[arg(long)]
        include_unaffected: bool,
    },
    /// Check every scenario's expectations and stored snapshots.
    #[command(
        after_help = "Examples:\n  marrow test rules/osseointegration\n  marrow test --update tutorials/"
    )]
    Test {
        /// The rule files whose scenarios are tested.
        #[command(flatten)]
        rules: RuleArgs,
        /// Write each scenario's snapshot instead of comparing.
        #[arg(long)]
        update: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Ask a query: `why X up`, `why not X down`, `effect of X [up|down] on Y`, `path from X to Y`.
    #[command(
        after_help = "Examples:\n  marrow ask \"effect of miR-155 on M2-polarization\"\n  marrow ask \"path from hypoxia to osteogenesis\" --scenario bmsc-exosomes"
    )]
    Ask {
        /// The query, in the language's query forms.
        query: String,
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// The run the query is asked of.
        #[command(flatten)]
        run: RunFlags,
        /// For `path from X to Y`: how many of the strongest paths to list.
        #[arg(long = "paths", default_value_t = 3, value_name = "K")]
        max_paths: usize,
    },
    /// List the scenarios, entities, contexts, outcomes or verbs of the rules.
    #[command(
        after_help = "Examples:\n  marrow list scenarios\n  marrow list entities -r my.rules --format json"
    )]
    List {
        /// What to list.
        #[arg(value_enum)]
        what: ListWhat,
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// An interactive session: queries and run settings over rules loaded once.
    #[command(
        after_help = "Examples:\n  marrow repl --scenario hypoxic-exosomes\n  echo 'why osteogenesis up' | marrow repl -r rules/"
    )]
    Repl {
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// The run settings the session starts with.
        #[command(flatten)]
        run: RunFlags,
    },
    /// A language server over stdio, for editors (editors/README.md shows the setup).
    #[command(
        after_help = "Example (an editor starts it, in the folder of the rule files):\n  marrow lsp"
    )]
    Lsp,
    /// Draw the statement network around entities (or the outcomes) as SVG or DOT.
    #[command(
        after_help = "Examples:\n  marrow graph --around miR-223 --scenario hypoxic-exosomes > mir223.svg\n  marrow graph --outcomes --depth 1 --format dot | dot -Tpng > outcomes.png"
    )]
    Graph {
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// Draw the statements within --depth steps of these entities (repeatable).
        #[arg(long, value_name = "ENTITY", num_args = 1..)]
        around: Vec<String>,
        /// How many statements away from --around (or the outcomes) to go.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        /// Start from the declared outcomes (besides any --around).
        #[arg(long)]
        outcomes: bool,
        /// Refuse to draw more entities than this.
        #[arg(long, value_name = "N", default_value_t = 500)]
        max_nodes: usize,
        /// Colour the entities by this scenario's net effects.
        #[arg(long)]
        scenario: Option<String>,
        /// A given state fact, e.g. --given "hypoxia up" (repeatable).
        #[arg(long, value_name = "\"X up\"")]
        given: Vec<String>,
        /// Clamp an entity down (repeatable).
        #[arg(long, value_name = "X")]
        knockout: Vec<String>,
        /// Clamp an entity up (repeatable).
        #[arg(long, value_name = "X")]
        overexpress: Vec<String>,
        /// Select a context; statements of other contexts are left out (repeatable).
        #[arg(long, value_name = "C")]
        context: Vec<String>,
        /// Let statements marked `disputed` fire too.
        #[arg(long)]
        with_disputed: bool,
        /// Picture format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Svg)]
        format: GraphFormat,
    },
    /// Write a self-contained HTML report of a scenario (or of every scenario).
    #[command(
        override_usage = "marrow report [-r PATH]… --scenario S [-o FILE.html]\n       marrow report [-r PATH]… --all-scenarios -o DIR",
        after_help = "Examples:\n  marrow report --scenario hypoxic-exosomes -o hypoxic.html\n  marrow report --all-scenarios -o report/"
    )]
    Report {
        /// The rule files to load.
        #[command(flatten)]
        rules: RulePaths,
        /// The scenario to report; `marrow list scenarios` lists them.
        #[arg(
            long,
            value_name = "NAME",
            required_unless_present = "all_scenarios",
            conflicts_with = "all_scenarios"
        )]
        scenario: Option<String>,
        /// One page per scenario and an index.html, written into the folder given by -o.
        #[arg(long, requires = "output")]
        all_scenarios: bool,
        /// Where to write: a file for one scenario (default: stdout), a folder with --all-scenarios.
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Print the built-in rules.
    Prelude,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(
        after_help = "Example:\n  marrow completions bash > ~/.local/share/bash-completion/completions/marrow"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:\n  marrow manpage > marrow.1 && man ./marrow.1")]
    Manpage,
    /// Convert BEL, SIF or signed tables (OmniPath, SIGNOR) into canonical rule files.
    #[command(
        after_help = "Examples:\n  marrow import bel ../shared/data/conib -o imported/ --report skipped.tsv\n  marrow import tsv network.tsv -o rules/"
    )]
    Import(ImportArgs),
    /// Write the statements (and a scenario's net effects) as SIF, BEL, GraphML, CX2 or JSON.
    #[command(
        after_help = "Examples:\n  marrow export sif > network.sif\n  marrow export cx2 --scenario hypoxic-exosomes -o hypoxic.cx2"
    )]
    Export(ExportArgs),
}

/// `marrow import FORMAT`: what the input files are.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    #[doc = concat!("BEL 1 or 2 (`*.bel`).")]
    Bel,
    #[doc = concat!("SIF: `A 1 B`, `A -1 B`, `A activates B C` (`*.sif`).")]
    Sif,
    #[doc = concat!("A signed table (OmniPath, CARNIVAL, SIGNOR): `*.tsv`, `*.txt`, `*.csv`.")]
    Tsv,
}

/// `marrow import`'s arguments.
#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The input format.
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// Files or folders (every file of the format below, in sorted order).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Folder to write the rule files to (keeping folder layout). Default: beside each input.
    #[arg(short = 'o', long = "out", value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Write every skipped or repaired line, with its location and reason, to this TSV file.
    #[arg(long, value_name = "FILE.tsv")]
    pub report: Option<PathBuf>,
    /// BEL annotations (or table columns) whose values become contexts, e.g. Cell,MeSHAnatomy.
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub context_from: Vec<String>,
    /// Import BEL positive/negative correlations as low-confidence statements.
    #[arg(long)]
    pub correlations: bool,
    /// Read the written files back as `marrow check` does and report errors and warnings.
    #[arg(long)]
    pub check: bool,
}

/// `marrow export FORMAT`: what to write.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    #[doc = concat!("SIF: one signed edge per line.")]
    Sif,
    #[doc = concat!("BEL statements.")]
    Bel,
    #[doc = concat!("GraphML (Cytoscape, yEd, Gephi).")]
    Graphml,
    #[doc = concat!("CX2, Cytoscape's exchange format (NDEx).")]
    Cx2,
    #[doc = concat!("marrow's JSON document (`docs/json.md`).")]
    Json,
}

/// `marrow export`'s arguments.
#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// The output format.
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// The rule files to export.
    #[command(flatten)]
    pub rules: RulePaths,
    /// Export the statements active in this scenario, with its net effects on the nodes.
    #[arg(long)]
    pub scenario: Option<String>,
    /// A given state fact for the effects, e.g. --given "TNF up" (repeatable).
    #[arg(long, value_name = "\"X up\"")]
    pub given: Vec<String>,
    /// Clamp an entity down (repeatable).
    #[arg(long, value_name = "X")]
    pub knockout: Vec<String>,
    /// Clamp an entity up (repeatable).
    #[arg(long, value_name = "X")]
    pub overexpress: Vec<String>,
    /// Select a context; statements of other contexts are not exported (repeatable).
    #[arg(long, value_name = "C")]
    pub context: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// What `marrow list` lists.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListWhat {
    #[doc = concat!("The scenarios, with their titles.")]
    Scenarios,
    #[doc = concat!("The entities.")]
    Entities,
    #[doc = concat!("The contexts.")]
    Contexts,
    #[doc = concat!("The declared outcomes, in declaration order.")]
    Outcomes,
    #[doc = concat!("The verb words, with the relation each means.")]
    Verbs,
}

/// Rule files given positionally or with `-r` (commands with no other positional words).
#[derive(Args, Debug, Clone, Default)]
pub struct RuleArgs {
    /// Rule files or folders (every `*.rules` below, in sorted order).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Rule file or folder to load (repeatable; the same as a positional PATH).
    #[arg(short = 'r', long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
}

impl RuleArgs {
    /// Every path given, positional ones first.
    pub fn all(&self) -> Vec<PathBuf> {
        self.paths.iter().chain(&self.rules).cloned().collect()
    }
}

/// `-r PATH…`: the rule files to load.
#[derive(Args, Debug, Clone, Default)]
pub struct RulePaths {
    /// Rule file or folder to load (repeatable).
    #[arg(short = 'r', long = "rules", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The RUN FLAGS every evaluating command takes: what to run, how, and in which format.
#[derive(Args, Debug, Clone, Default)]
pub struct RunFlags {
    /// Run this scenario (its givens, clamps and contexts); `marrow list scenarios` lists them.
    #[arg(long, value_name = "NAME")]
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
    /// Report a conflict as its stronger side when stronger / weaker ≥ R (R > 1).
    #[arg(long, value_name = "R")]
    pub decisive: Option<f64>,
    /// Count only derivations of at most N steps.
    #[arg(long, value_name = "N")]
    pub max_steps: Option<u32>,
    /// Let statements marked `disputed` fire too.
    #[arg(long)]
    pub with_disputed: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Stop when one step of a variable rule's join produces more rows than this.
    #[arg(long, value_name = "N", default_value_t = crate::engine::DEFAULT_MAX_JOIN_ROWS)]
    pub max_join_rows: u64,
}

/// `--format`: words (text, JSON) for every command; pictures (DOT, SVG) for `why`, whose
/// answer is one derivation. Commands that draw nothing refuse `dot`/`svg` with a usage
/// error naming `marrow why` and `marrow graph`, so one flag keeps one meaning everywhere.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[doc = concat!("Plain text, for people.")]
    #[default]
    Text,
    #[doc = concat!("A JSON document (`docs/json.md`).")]
    Json,
    /// Graphviz DOT of the derivation (`why` only).
    Dot,
    /// A standalone SVG picture of the derivation (`why` only).
    Svg,
}

impl Format {
    /// A picture rather than words.
    pub fn draws(self) -> bool {
        matches!(self, Format::Dot | Format::Svg)
    }
}

/// `--color`: colour on a terminal (unless `NO_COLOR` is set), always, or never.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[doc = concat!("Colour when writing to a terminal and `NO_COLOR` is not set.")]
    #[default]
    Auto,
    #[doc = concat!("Colour, even on a pipe.")]
    Always,
    #[doc = concat!("No colour.")]
    Never,
}

/// What `marrow graph` writes: SVG (no Graphviz needed) or DOT (for Graphviz).
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GraphFormat {
    #[doc = concat!("A standalone SVG picture, laid out by marrow.")]
    #[default]
    Svg,
    #[doc = concat!("Graphviz DOT, to lay out with `dot`.")]
    Dot,
}
