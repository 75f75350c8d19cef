//! AST → Program, one item at a time as the parser yields them.
//!
//! Some facts are only known once every file is read (a `verb` or an `aka` may come after
//! its use, a scenario may select a context defined later), so lowering records them as
//! pending and [`Lowerer::finish`] resolves them: verbs, aliases, duplicate statements,
//! scenario contexts. Reading files is in `load.rs`, declarations in `declarations.rs`,
//! variable rules in `rules.rs`.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use smallvec::SmallVec;

use super::declarations::BUILTIN_VERBS;
use super::intern::Interner;
use super::load::{Loaded, PRELUDE, PRELUDE_NAME};
use super::mentions::MentionKind;
use super::model::*;
use super::parallel;
use super::provider::SourceProvider;
use super::resolve;
use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::ast::*;
use crate::syntax::lexicon::CONFIDENCE_WORDS;

/// Pending verb uses, resolved when every `verb` declaration has been read.
#[derive(Default)]
pub(super) struct PendingVerbs {
    /// Every relation atom of a variable rule: (rule, body position or `None` for the
    /// head, verb, span), given its relation once every `verb` declaration is read.
    pub(super) rule_atoms: Vec<(usize, Option<usize>, VerbId, Span)>,
    pub(super) statement_uses: IndexMap<VerbId, Vec<Span>>,
}

pub(super) struct Lowerer<'p> {
    /// Where file contents come from (disk, editor buffers, in-memory sources).
    pub(super) provider: &'p dyn SourceProvider,
    pub(super) program: Program,
    pub(super) diags: Vec<Diag>,
    pub(super) user_files: Vec<FileId>,
    pub(super) unreadable: bool,
    /// Canonical paths of loaded files, so each loads once.
    pub(super) loaded: IndexMap<PathBuf, FileId>,
    /// The include chain being followed, for cycle reports.
    pub(super) include_stack: Vec<(PathBuf, String, Option<Span>)>,
    /// Verbs known from the prelude/built-ins or a `verb` line (vs. merely used).
    pub(super) defined_verbs: Vec<bool>,
    pub(super) pending: PendingVerbs,
    /// Verb words whose `verb NEW = …` line failed: their uses are not reported again.
    pub(super) broken_verbs: std::collections::HashSet<VerbId>,
    /// Spans of alias declarations, for conflict reports.
    pub(super) alias_spans: IndexMap<String, Span>,
    /// Contexts selected by scenarios, checked once every statement is known.
    pub(super) scenario_contexts: Vec<(ContextId, Span)>,
    /// Entity names → ids while lowering (ids equal `program.entities` indexes).
    pub(super) names: Interner,
    /// Files at least this big have their second part lowered on another core.
    pub(super) parallel_min_bytes: usize,
    /// Statements per piece the two-core lowering hands over.
    pub(super) piece_statements: usize,
    /// Leave the lints to the caller (`LoadOptions::defer_lints`).
    pub(super) defer_lints: bool,
}

impl<'p> Lowerer<'p> {
    pub(super) fn new(provider: &'p dyn SourceProvider) -> Self {
        let mut program = Program::default();
        for (word, rel) in BUILTIN_VERBS {
            program.verbs.insert(word.to_string(), *rel);
        }
        let mut l = Lowerer {
            provider,
            defined_verbs: vec![true; program.verbs.len()],
            program,
            diags: Vec::new(),
            user_files: Vec::new(),
            unreadable: false,
            loaded: IndexMap::new(),
            include_stack: Vec::new(),
            pending: PendingVerbs::default(),
            broken_verbs: std::collections::HashSet::new(),
            alias_spans: IndexMap::new(),
            scenario_contexts: Vec::new(),
            names: Interner::default(),
            parallel_min_bytes: parallel::PARALLEL_MIN_BYTES,
            piece_statements: parallel::PIECE,
            defer_lints: false,
        };
        let id = l
            .program
            .sources
            .add(SourceFile::new(PRELUDE_NAME, PRELUDE));
        l.lower_file(id, None);
        l
    }

    pub(super) fn lower_item(
        &mut self,
        item: Item<'_>,
        contexts: &[Name<'_>],
        dir: Option<&Path>,
        prelude: bool,
    ) {
        match item {
            Item::Statement(s) => self.statement(s, contexts),
            Item::Conjunction(c) => self.conjunction(c, contexts),
            Item::Rule(r) => self.rule(*r, prelude),
            Item::Entity(e) => self.entity_decl(e),
            Item::Outcome(names, _) => {
                for n in names {
                    let id = self.entity(&n);
                    self.program.outcomes.insert(id);
                }
            }
            Item::Verb {
                word,
                relation,
                span,
            } => self.verb_decl(word, relation, span),
            Item::Include { path, span } => {
                let base = dir.map(Path::to_path_buf).unwrap_or_default();
                self.load_file(&base.join(path.as_ref()), Some(span));
            }
            Item::Scenario(s) => self.scenario(s),
        }
    }

    // ------------------------------------------------------------ interning

    pub(super) fn entity(&mut self, name: &Name<'_>) -> EntityId {
        self.entity_mentioned(name, MentionKind::Use)
    }

    /// [`Self::entity`], recording the mention as `kind` when mentions are recorded.
    pub(super) fn entity_mentioned(&mut self, name: &Name<'_>, kind: MentionKind) -> EntityId {
        self.reject_empty(name);
        let id = self.entity_named(name.text.as_ref(), name.span);
        self.program.mentions.record(id, name.span, kind);
        id
    }

    /// `""` (or quotes around nothing but spaces) names nothing a reader could find again.
    fn reject_empty(&mut self, name: &Name<'_>) {
        if name.quoted && name.text.trim().is_empty() {
            self.diags.push(
                Diag::error(Code::LowerEmptyName, "a name cannot be empty")
                    .at(name.span, "empty name")
                    .help("write the name between the quotes, e.g. \"M2 polarization\""),
            );
        }
    }

    /// The entity called `name`, created at `span` if this is its first mention.
    pub(super) fn entity_named(&mut self, name: &str, span: Span) -> EntityId {
        let (id, new) = self.names.intern(name);
        if !new {
            return EntityId(id);
        }
        let (i, _) = self.program.entities.insert_full(
            name.to_string(),
            Entity {
                kind: None,
                aliases: thin_vec::ThinVec::new(),
                span,
                declared: false,
            },
        );
        EntityId(i as u32)
    }

    pub(super) fn context(&mut self, name: &Name<'_>) -> ContextId {
        if let Some(i) = self.program.contexts.get_index_of(name.text.as_ref()) {
            return ContextId(i as u32);
        }
        self.reject_empty(name);
        let (i, _) = self.program.contexts.insert_full(
            name.text.to_string(),
            Context {
                name: name.text.to_string(),
                span: name.span,
            },
        );
        ContextId(i as u32)
    }

    pub(super) fn verb(&mut self, word: &Name<'_>) -> VerbId {
        self.verb_named(word.text.as_ref())
    }

    pub(super) fn verb_named(&mut self, word: &str) -> VerbId {
        if let Some(i) = self.program.verbs.get_index_of(word) {
            return VerbId(i as u32);
        }
        let (i, _) = self
            .program
            .verbs
            .insert_full(word.to_string(), Relation::Activates);
        self.defined_verbs.push(false);
        VerbId(i as u32)
    }

    // ------------------------------------------------------------ items

    fn statement(&mut self, s: StatementAst<'_>, contexts: &[Name<'_>]) {
        let subject = self.entity(&s.subject);
        let mods = self.modifiers(&s.modifiers, contexts);
        let verb = match &s.verb {
            Verb::Word(w) => Some((self.verb(w), w.span)),
            Verb::NoEffect(_) => None,
        };
        for object in &s.objects {
            let object = self.entity(object);
            let provenance = self.program.provenances.of_line(
                s.span,
                mods.conditions.iter().copied(),
                mods.citations,
                mods.contexts.iter().copied(),
                mods.confidence,
                mods.disputed,
            );
            match verb {
                None if !mods.conditions.is_empty() => {
                    // A null result derives nothing, so a condition on it would be dropped.
                    self.diags.push(
                        Diag::error(
                            Code::LowerNullCondition,
                            "a `does not affect` statement cannot take a `when` condition",
                        )
                        .at(s.span, "the condition would be ignored")
                        .help("a null result is recorded as reported; name the condition in the subject (e.g. `hypoxic-exosome does not affect X`) or use a context"),
                    );
                    break;
                }
                None => {
                    self.program.nulls.push(NullResult {
                        subject,
                        object,
                        provenance,
                    });
                }
                Some((verb, span)) => {
                    self.push_statement(subject, (verb, span), object, provenance);
                }
            }
        }
    }

    /// Add a statement. A verb defined by now has its relation for good (a second
    /// definition is an error that keeps the first); any other's is set once every `verb`
    /// declaration is read, and a verb not declared by then is reported at `verb.1`. The
    /// one way statements enter a program while lowering, on either thread's behalf.
    pub(super) fn push_statement(
        &mut self,
        subject: EntityId,
        verb: (VerbId, Span),
        object: EntityId,
        provenance: Provenance,
    ) {
        let (verb, span) = verb;
        let relation = if self.defined_verbs[verb.0 as usize] {
            self.program.verbs[verb.0 as usize]
        } else {
            self.pending
                .statement_uses
                .entry(verb)
                .or_default()
                .push(span);
            Relation::Activates
        };
        self.program
            .statements
            .push(Statement::new(subject, relation, verb, object, provenance));
    }

    fn conjunction(&mut self, c: ConjunctionAst<'_>, contexts: &[Name<'_>]) {
        let mods = self.modifiers(&c.modifiers, contexts);
        let premises = c.premises.iter().map(|p| self.condition(p)).collect();
        let head = self.condition(&c.head);
        self.program.conjunctions.push(Conjunction {
            premises,
            head,
            provenance: self.program.provenances.of_line(
                c.span,
                [],
                mods.citations,
                mods.contexts,
                mods.confidence,
                mods.disputed,
            ),
        });
    }

    pub(super) fn condition(&mut self, c: &ConditionAst<'_>) -> Condition {
        Condition {
            entity: self.entity(&c.entity),
            state: c.state.unwrap_or(State::Up),
        }
    }

    fn modifiers(&mut self, mods: &[Modifier<'_>], contexts: &[Name<'_>]) -> Modifiers {
        let mut out = Modifiers {
            confidence: crate::syntax::lexicon::DEFAULT_CONFIDENCE,
            contexts: contexts.iter().map(|c| self.context(c)).collect(),
            conditions: SmallVec::new(),
            citations: None,
            disputed: false,
        };
        let mut confidence_span: Option<Span> = None;
        let mut citations_span: Option<Span> = None;
        for m in mods {
            match m {
                Modifier::In(name) => {
                    let id = self.context(name);
                    out.contexts.push(id);
                }
                Modifier::When(c) => {
                    let c = self.condition(c);
                    out.conditions.push(c);
                }
                Modifier::Confidence(value, span) => {
                    if let Some(first) = confidence_span {
                        self.diags
                            .push(duplicate_modifier(*span, first, "confidence"));
                    }
                    confidence_span = Some(*span);
                    if let Some(v) = self.confidence_value(value, *span) {
                        out.confidence = v;
                    }
                }
                Modifier::Disputed(_) => out.disputed = true,
                Modifier::Citations(parts, span) => {
                    if let Some(first) = citations_span {
                        self.diags.push(
                            duplicate_modifier(*span, first, "citation block")
                                .help("put all citations in one block, separated by `;`: [A et al., 2018; B et al., 2020]"),
                        );
                    }
                    citations_span = Some(*span);
                    for part in parts.iter().filter(|p| p.text.is_empty()) {
                        self.diags.push(
                            Diag::error(Code::LowerEmptyCitation, "empty citation")
                                .at(part.span.to(*span), "nothing cited here")
                                .help("write the source, e.g. [Ye et al., 2018] or [PMID:29735960], or drop the brackets"),
                        );
                    }
                    out.citations = Some(*span);
                }
            }
        }
        out.contexts.sort_unstable();
        out.contexts.dedup();
        out
    }

    /// The strength a confidence stands for; a number outside (0, 1] is reported.
    pub(super) fn confidence_value(
        &mut self,
        value: &ConfidenceAst<'_>,
        span: Span,
    ) -> Option<f64> {
        let strength = value.value();
        if let (ConfidenceAst::Number(text), None) = (value, strength) {
            let words: Vec<String> = CONFIDENCE_WORDS
                .iter()
                .map(|(w, v)| format!("{w} ({v})"))
                .collect();
            self.diags.push(
                Diag::error(
                    Code::LowerConfidenceRange,
                    format!("confidence {text} is outside (0, 1]"),
                )
                .at(span, "must be greater than 0 and at most 1")
                .help(format!(
                    "use a number such as 0.8, or a word: {}",
                    words.join(", ")
                )),
            );
        }
        strength
    }

    /// Resolve what needed every file: verbs, aliases, duplicates; then lint.
    pub(super) fn finish(mut self) -> Loaded {
        // Every name is interned by now; free the table before the whole-program passes.
        self.names = Interner::default();
        self.resolve_verbs();
        resolve::merge_aliases(&mut self.program);
        let (pairs, repeated) = resolve::merge_duplicates(&mut self.program);
        for (first, again) in repeated {
            self.diags.push(
                Diag::warning(
                    Code::LintDuplicateStatement,
                    "this statement is already stated in this file",
                )
                .at(again, "stated again here")
                .also(first, "first stated here")
                .help("the two are merged into one, with their citations together; remove one of them"),
            );
        }
        self.check_scenario_contexts();
        let entities = self.program.entities.len();
        self.program.mentions.finish(entities);
        self.diags.extend(super::invariants::check(&self.program));
        // The lints' warnings come last before sorting, so a deferred run of them
        // (`Loaded::add_lints`) puts them where an undeferred load does.
        let lints = if self.defer_lints {
            Some(super::lint::PendingLints {
                pairs: std::sync::Arc::new(pairs),
            })
        } else {
            let diags = super::lint::lint(&self.program, pairs);
            self.diags.extend(diags);
            None
        };
        self.diags.sort_by_key(|d| d.sort_key());
        Loaded {
            program: self.program,
            diags: self.diags,
            files: self.user_files,
            unreadable: self.unreadable,
            lints,
        }
    }
}

struct Modifiers {
    confidence: f64,
    contexts: SmallVec<[ContextId; 2]>,
    conditions: SmallVec<[Condition; 1]>,
    citations: Option<Span>,
    disputed: bool,
}

fn duplicate_modifier(span: Span, first: Span, what: &str) -> Diag {
    Diag::error(
        Code::LowerDuplicateModifier,
        format!("a statement takes one {what}"),
    )
    .at(span, "second one")
    .also(first, "first one")
    .help(format!("keep a single {what}"))
}
