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

    IoNoRules => "marrow::io::no-rules",
    IoUnreadable => "marrow::io::unreadable",
    IoBinary => "marrow::io::binary",
    IoEncoding => "marrow::io::encoding",
    IoUnwritable => "marrow::io::unwritable",
    /// A file too big for 32-bit offsets (4 GiB).
    IoTooLarge => "marrow::io::too-large",

    ParseSyntax => "marrow::parse::syntax",
    ParseTooDeep => "marrow::parse::too-deep",
    ParseUnbalanced => "marrow::parse::unbalanced",
    ParseMisplaced => "marrow::parse::misplaced",

    LowerDuplicateScenario => "marrow::lower::duplicate-scenario",
    LowerUnknownContext => "marrow::lower::unknown-context",
    LowerClampConflict => "marrow::lower::clamp-conflict",
    LowerViaNeedsState => "marrow::lower::via-needs-state",
    LowerDuplicateRule => "marrow::lower::duplicate-rule",
    LowerUnsafeRule => "marrow::lower::unsafe-rule",
    LowerNullCondition => "marrow::lower::null-condition",
    LowerEmptyCitation => "marrow::lower::empty-citation",
    LowerConfidenceRange => "marrow::lower::confidence-range",
    LowerDuplicateModifier => "marrow::lower::duplicate-modifier",
    LowerAliasConflict => "marrow::lower::alias-conflict",
    LowerUnknownRelation => "marrow::lower::unknown-relation",
    LowerVerbRedefined => "marrow::lower::verb-redefined",
    LowerUnknownVerb => "marrow::lower::unknown-verb",
    LowerIncludeCycle => "marrow::lower::include-cycle",
    LowerIncludeDepth => "marrow::lower::include-depth",
    LowerIncludeMissing => "marrow::lower::include-missing",

    LintDuplicateStatement => "marrow::lint::duplicate-statement",
    LintKindConflict => "marrow::lint::kind-conflict",
    LintSimilarNames => "marrow::lint::similar-names",
    LintOppositeSigns => "marrow::lint::opposite-signs",
    LintUnmentioned => "marrow::lint::unmentioned",

    FmtInternal => "marrow::fmt::internal",

    CliFact => "marrow::cli::fact",
    CliUnknownEntity => "marrow::cli::unknown-entity",
    CliAmbiguousEntity => "marrow::cli::ambiguous-entity",
    CliState => "marrow::cli::state",
    CliUnknownContext => "marrow::cli::unknown-context",
    CliUnknownScenario => "marrow::cli::unknown-scenario",
    CliAmbiguousScenario => "marrow::cli::ambiguous-scenario",
    CliNoRules => "marrow::cli::no-rules",
    CliNoOutcomes => "marrow::cli::no-outcomes",
    CliTooManyNodes => "marrow::cli::too-many-nodes",
    RunJoinLimit => "marrow::run::join-limit",
    LintUnreachableCondition => "marrow::lint::unreachable-condition",
    LintNullBesideEffect => "marrow::lint::null-beside-effect",
    LintPossibleTypo => "marrow::lint::possible-typo",
    IoSymlinkLoop => "marrow::io::symlink-loop",
    LowerEmptyName => "marrow::lower::empty-name",
    ParseScenarioName => "marrow::parse::scenario-name",
    /// `--format dot|svg` on a command that draws nothing.
    CliFormat => "marrow::cli::format",
    /// A report file or folder that cannot be written.
    ReportWrite => "marrow::report::write",
    ImportBinary => "marrow::import::binary",
    ImportEmptyTable => "marrow::import::empty-table",
    ImportEncoding => "marrow::import::encoding",
    ImportMissingColumn => "marrow::import::missing-column",
    ImportNoInput => "marrow::import::no-input",
    ImportSameOutput => "marrow::import::same-output",
    ImportTruncated => "marrow::import::truncated",
    ImportWouldOverwrite => "marrow::import::would-overwrite",
    CliDecisive => "marrow::cli::decisive",
    LowerDecisiveRange => "marrow::lower::decisive-range",
    LowerMaxSteps => "marrow::lower::max-steps",
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

/// Transitional: callers that still spell a code as a string literal. An unknown string is
/// a bug (asserted in debug builds) and reported as [`Code::Internal`].
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
