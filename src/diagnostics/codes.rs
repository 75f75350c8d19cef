//! Every diagnostic code marrow emits, in one list: editors and scripts match on these
//! strings, so they are stable and never spelled out anywhere else.

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident => $text:literal,)*) => {
        /// A stable diagnostic code; [`Code::as_str`] gives its `marrow::…` spelling.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of this list.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `marrow::parse::syntax`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// A bug in marrow itself, reported instead of a panic.
    Internal => "marrow::internal",

    /// A folder holding no `*.rules` file.
    IoNoRules => "marrow::io::no-rules",
    /// A path that cannot be read as a rule file.
    IoUnreadable => "marrow::io::unreadable",
    /// A rule file with a NUL byte: binary, not text.
    IoBinary => "marrow::io::binary",
    /// A rule file that is not UTF-8.
    IoEncoding => "marrow::io::encoding",
    /// An output file that cannot be written.
    IoUnwritable => "marrow::io::unwritable",
    /// A file too big for 32-bit offsets (4 GiB).
    IoTooLarge => "marrow::io::too-large",

    /// A line (or query) the grammar does not accept.
    ParseSyntax => "marrow::parse::syntax",
    /// Blocks nested deeper than the parser follows.
    ParseTooDeep => "marrow::parse::too-deep",
    /// A `}` with no open block, or a block never closed.
    ParseUnbalanced => "marrow::parse::unbalanced",
    /// A line where it cannot stand (a statement in a scenario, a query in a file…).
    ParseMisplaced => "marrow::parse::misplaced",

    /// Two scenarios with one name.
    LowerDuplicateScenario => "marrow::lower::duplicate-scenario",
    /// A scenario selects a context no statement belongs to.
    LowerUnknownContext => "marrow::lower::unknown-context",
    /// A scenario clamps one entity both up and down.
    LowerClampConflict => "marrow::lower::clamp-conflict",
    /// `expect X … via Y` with a net effect other than up or down.
    LowerViaNeedsState => "marrow::lower::via-needs-state",
    /// Two variable rules with one name.
    LowerDuplicateRule => "marrow::lower::duplicate-rule",
    /// A variable rule whose head uses a variable its body does not bind.
    LowerUnsafeRule => "marrow::lower::unsafe-rule",
    /// A program built in memory names an entity or context id it never created.
    BuildUnknownId => "marrow::build::unknown-id",
    /// A `does not affect` statement with a `when` condition.
    LowerNullCondition => "marrow::lower::null-condition",
    /// An empty citation in a `[…]` block.
    LowerEmptyCitation => "marrow::lower::empty-citation",
    /// A confidence outside (0, 1].
    LowerConfidenceRange => "marrow::lower::confidence-range",
    /// A statement with two confidences or two citation blocks.
    LowerDuplicateModifier => "marrow::lower::duplicate-modifier",
    /// An alias claimed for two entities.
    LowerAliasConflict => "marrow::lower::alias-conflict",
    /// `verb NEW = X` where X is neither a relation nor a verb word.
    LowerUnknownRelation => "marrow::lower::unknown-relation",
    /// A verb word given a second, different relation.
    LowerVerbRedefined => "marrow::lower::verb-redefined",
    /// A statement or rule atom with a verb word marrow does not know.
    LowerUnknownVerb => "marrow::lower::unknown-verb",
    /// Files that include each other.
    LowerIncludeCycle => "marrow::lower::include-cycle",
    /// Includes nested deeper than marrow follows.
    LowerIncludeDepth => "marrow::lower::include-depth",
    /// An `include` of a file that cannot be read.
    LowerIncludeMissing => "marrow::lower::include-missing",

    /// One file states the same statement twice.
    LintDuplicateStatement => "marrow::lint::duplicate-statement",
    /// An entity declared with two kinds.
    LintKindConflict => "marrow::lint::kind-conflict",
    /// Two entity names that differ only in spelling (case, Greek letters, `-`/`_`).
    LintSimilarNames => "marrow::lint::similar-names",
    /// One subject stated to both raise and lower one object, in overlapping contexts.
    LintOppositeSigns => "marrow::lint::opposite-signs",
    /// An outcome, declared entity or alias no statement mentions.
    LintUnmentioned => "marrow::lint::unmentioned",

    /// A line the formatter cannot lay out; it is left as written.
    FmtInternal => "marrow::fmt::internal",

    /// A fact argument that is not `[not] ENTITY up|down`.
    CliFact => "marrow::cli::fact",
    /// A command-line name that resolves to no entity.
    CliUnknownEntity => "marrow::cli::unknown-entity",
    /// A command-line name that resolves to several entities.
    CliAmbiguousEntity => "marrow::cli::ambiguous-entity",
    /// A state word other than `up` or `down`.
    CliState => "marrow::cli::state",
    /// `--context` naming no context.
    CliUnknownContext => "marrow::cli::unknown-context",
    /// `--scenario` naming no scenario.
    CliUnknownScenario => "marrow::cli::unknown-scenario",
    /// `--scenario` matching several scenarios.
    CliAmbiguousScenario => "marrow::cli::ambiguous-scenario",
    /// No rule files to read (or, for `test --update`, none that can be written).
    CliNoRules => "marrow::cli::no-rules",
    /// `graph --outcomes` with no outcome declared.
    CliNoOutcomes => "marrow::cli::no-outcomes",
    /// A drawing with more entities than `--max-nodes`.
    CliTooManyNodes => "marrow::cli::too-many-nodes",
    /// A variable rule's join exceeded `--max-join-rows`; the run stopped.
    RunJoinLimit => "marrow::run::join-limit",
    /// A `when` condition nothing can make true.
    LintUnreachableCondition => "marrow::lint::unreachable-condition",
    /// A null result beside a statement of the same pair.
    LintNullBesideEffect => "marrow::lint::null-beside-effect",
    /// A name used once and a few edits from another: likely a typo.
    LintPossibleTypo => "marrow::lint::possible-typo",
    /// A symlink to a folder that contains it; not followed.
    IoSymlinkLoop => "marrow::io::symlink-loop",
    /// An empty quoted name.
    LowerEmptyName => "marrow::lower::empty-name",
    /// A quoted scenario name (it is one bare word; the title is quoted).
    ParseScenarioName => "marrow::parse::scenario-name",
    /// `--format dot|svg` on a command that draws nothing.
    CliFormat => "marrow::cli::format",
    /// A report file or folder that cannot be written.
    ReportWrite => "marrow::report::write",
    /// An import input with a NUL byte.
    ImportBinary => "marrow::import::binary",
    /// A table without a header line.
    ImportEmptyTable => "marrow::import::empty-table",
    /// An import input that is not UTF-8.
    ImportEncoding => "marrow::import::encoding",
    /// A table whose header lacks the columns of every known layout.
    ImportMissingColumn => "marrow::import::missing-column",
    /// A folder holding no file of the import format.
    ImportNoInput => "marrow::import::no-input",
    /// Two import inputs that would be written to one file.
    ImportSameOutput => "marrow::import::same-output",
    /// An import input that ends mid-statement.
    ImportTruncated => "marrow::import::truncated",
    /// An import output that exists and was not written by `marrow import`.
    ImportWouldOverwrite => "marrow::import::would-overwrite",
    /// `--decisive R` with R not above 1.
    CliDecisive => "marrow::cli::decisive",
    /// `decisive R` with R not above 1.
    LowerDecisiveRange => "marrow::lower::decisive-range",
    /// `max steps N` where N is not a whole number.
    LowerMaxSteps => "marrow::lower::max-steps",
    /// `disputed` on a variable rule.
    LowerDisputedRule => "marrow::lower::disputed-rule",
}

impl Code {
    /// The code spelled `text`, if it is one of ours.
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(c.as_str().starts_with("marrow::"), "{c}");
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(Code::parse(c.as_str()), Some(*c));
        }
    }
}
