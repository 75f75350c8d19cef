//! Building a [`Program`] without source text: importers (BEL, SIF, tables), tests and
//! embedding programs add entities, statements and rules directly, with citations as
//! text the program owns.
//!
//! Every program item carries a span, so the builder gives each one a place: a file name
//! and line set with [`ProgramBuilder::at`] (an importer passes the line of its input
//! file), by default `<memory>` line 1. The file behind those spans holds only line
//! breaks, one byte a line, so `file:line` reads right and nothing is fabricated.

use std::ops::{Deref, DerefMut};

use indexmap::IndexMap;

use super::declarations::BUILTIN_VERBS;
use super::model::*;
use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, SourceFile, Span};

/// How strongly, where and on whose word an item holds; `Backing::default()` is a
/// statement with medium confidence (0.7), no context and no citation.
#[derive(Debug, Clone, PartialEq)]
pub struct Backing {
    /// Strength in (0, 1]; a value outside is refused when the item is added.
    pub confidence: f64,
    /// Contexts the item belongs to (order and repeats do not matter).
    pub contexts: Vec<ContextId>,
    /// Each citation as written (`Ye et al., 2018`, `PMID:29735960`).
    pub citations: Vec<String>,
    /// A claim kept and cited but not driving conclusions unless a run asks.
    pub disputed: bool,
}

impl Default for Backing {
    fn default() -> Self {
        Backing {
            confidence: crate::syntax::lexicon::DEFAULT_CONFIDENCE,
            contexts: Vec::new(),
            citations: Vec::new(),
            disputed: false,
        }
    }
}

impl Backing {
    /// With this confidence, in (0, 1].
    pub fn confidence(mut self, confidence: f64) -> Self {
        self.confidence = confidence;
        self
    }

    /// Also in `context`.
    pub fn context(mut self, context: ContextId) -> Self {
        self.contexts.push(context);
        self
    }

    /// Marked `disputed`.
    pub fn disputed(mut self) -> Self {
        self.disputed = true;
        self
    }

    /// With one more citation, as written.
    pub fn cite(mut self, citation: impl Into<String>) -> Self {
        self.citations.push(citation.into());
        self
    }
}

/// A place items are attributed to: a named file that holds only line breaks.
struct Place {
    file: FileId,
    lines: usize,
}

/// Builds a [`Program`] item by item. Reading (and adjusting) the program as it grows
/// goes through `Deref`/`DerefMut`; [`ProgramBuilder::build`] hands it over.
pub struct ProgramBuilder {
    program: Program,
    places: IndexMap<String, Place>,
    /// The current place: file name index into `places`, 1-based line.
    at: Option<(usize, usize)>,
    /// Citation text → its index in `program.citation_texts`, so repeats are stored once.
    cited: IndexMap<String, u32>,
}

impl Default for ProgramBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ProgramBuilder {
    /// A program with the prelude's rules and the built-in verbs, like a load of rule files.
    pub fn new() -> Self {
        ProgramBuilder::extend(super::load_sources(&[]).program)
    }

    /// The built-in verbs only: no prelude rules (for tests that state their own rules).
    pub fn bare() -> Self {
        let mut program = Program::default();
        for (word, relation) in BUILTIN_VERBS {
            program.verbs.insert(word.to_string(), *relation);
        }
        ProgramBuilder::extend(program)
    }

    /// Continue building `program` (loaded from files or built before): new items can
    /// refer to its entities, and places and citations are shared with it.
    pub fn extend(program: Program) -> Self {
        let places = program
            .sources
            .iter()
            .filter(|(_, f)| f.is_placeholder())
            .map(|(id, f)| {
                let lines = f.line_count() - 1;
                (f.name.clone(), Place { file: id, lines })
            })
            .collect();
        let cited = program
            .citation_texts
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i as u32))
            .collect();
        ProgramBuilder {
            program,
            places,
            at: None,
            cited,
        }
    }

    /// Attribute the items added next to `file`, line `line` (1-based; 0 counts as 1).
    pub fn at(&mut self, file: &str, line: usize) -> &mut Self {
        let line = line.max(1);
        let index = match self.places.get_index_of(file) {
            Some(i) => i,
            None => {
                let id = self.program.sources.add(SourceFile::placeholder(file, 0));
                self.places
                    .insert_full(file.to_string(), Place { file: id, lines: 0 })
                    .0
            }
        };
        self.at = Some((index, line));
        self
    }

    /// The span of the current place, growing its file's line breaks as needed (doubling,
    /// so attributing items to n lines costs O(n) in all).
    fn span(&mut self) -> Span {
        let (index, line) = match self.at {
            Some(at) => at,
            None => {
                self.at("<memory>", 1);
                self.at.unwrap_or((0, 1))
            }
        };
        let (name, place) = self
            .places
            .get_index_mut(index)
            .expect("current place is registered");
        if line > place.lines {
            place.lines = line.max(place.lines * 2).max(64);
            self.program.sources.set(
                place.file,
                SourceFile::placeholder(name.clone(), place.lines),
            );
        }
        Span::new(place.file, line - 1, line - 1)
    }

    /// The entity called `name` (or with that alias), created if new.
    pub fn entity_named(&mut self, name: &str) -> EntityId {
        if let Some(id) = self.program.lookup(name) {
            return id;
        }
        let span = self.span();
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

    /// `entity NAME [: KIND] [aka ALIAS, …]`. An alias that already names another entity
    /// is an error, as in a rule file; so is a second, different kind (a rule file keeps
    /// the first and warns, which a builder has no channel for).
    pub fn declare(
        &mut self,
        name: &str,
        kind: Option<&str>,
        aliases: &[&str],
    ) -> Result<EntityId, Diag> {
        let id = self.entity_named(name);
        let span = self.span();
        if let (Some(kind), Some(old)) = (kind, &self.program.entities[id.0 as usize].kind)
            && kind != old
        {
            return Err(Diag::error(
                Code::LintKindConflict,
                format!("`{name}` is already declared as a `{old}`, not a `{kind}`"),
            )
            .at(span, "second kind")
            .help("give one kind per entity"));
        }
        for alias in aliases {
            match self.program.lookup(alias) {
                Some(other) if other != id => {
                    return Err(Diag::error(
                        Code::LowerAliasConflict,
                        format!(
                            "`{alias}` already names `{}`",
                            self.program.entity_name(other)
                        ),
                    )
                    .at(span, "declared here"));
                }
                Some(_) => {}
                None => {
                    self.program.aliases.insert(alias.to_string(), id);
                    self.program.entities[id.0 as usize]
                        .aliases
                        .push(alias.to_string());
                }
            }
        }
        let e = &mut self.program.entities[id.0 as usize];
        if let Some(kind) = kind {
            e.kind = Some(kind.to_string());
        }
        if !e.declared {
            e.declared = true;
            e.span = span;
        }
        Ok(id)
    }

    /// The context called `name`, created if new.
    pub fn context_named(&mut self, name: &str) -> ContextId {
        if let Some(i) = self.program.contexts.get_index_of(name) {
            return ContextId(i as u32);
        }
        let span = self.span();
        let (i, _) = self.program.contexts.insert_full(
            name.to_string(),
            Context {
                name: name.to_string(),
                span,
            },
        );
        ContextId(i as u32)
    }

    /// Declare `entity` an outcome (`outcome NAME`): reported first, in declaration order.
    pub fn outcome(&mut self, entity: EntityId) -> Result<(), Diag> {
        self.known([entity])?;
        self.program.outcomes.insert(entity);
        Ok(())
    }

    /// `verb WORD = RELATION`; redefining a word to another relation is an error.
    pub fn verb(&mut self, word: &str, relation: Relation) -> Result<VerbId, Diag> {
        match self.program.verbs.get_full(word) {
            Some((i, _, &r)) if r == relation => Ok(VerbId(i as u32)),
            Some((_, _, &r)) => Err(Diag::error(
                Code::LowerVerbRedefined,
                format!("`{word}` already means `{}`", r.as_str()),
            )),
            None => Ok(VerbId(
                self.program.verbs.insert_full(word.to_string(), relation).0 as u32,
            )),
        }
    }

    /// `SUBJECT VERB OBJECT [when …]` with its backing. The verb is a known word.
    pub fn add_statement(
        &mut self,
        subject: EntityId,
        verb: &str,
        object: EntityId,
        conditions: &[Condition],
        backing: &Backing,
    ) -> Result<StatementId, Diag> {
        let Some((v, _, &relation)) = self.program.verbs.get_full(verb) else {
            let known = self.program.verbs.keys().map(String::as_str);
            let help = super::names::did_you_mean(verb, known)
                .unwrap_or_else(|| "declare it first with `verb`".to_string());
            return Err(
                Diag::error(Code::LowerUnknownVerb, format!("unknown verb `{verb}`")).help(help),
            );
        };
        let entities = [subject, object].into_iter();
        self.known(entities.chain(conditions.iter().map(|c| c.entity)))?;
        let provenance = self.provenance(backing, conditions)?;
        let verb = VerbId(v as u32);
        self.program
            .statements
            .push(Statement::new(subject, relation, verb, object, provenance));
        Ok(StatementId(self.program.statements.len() as u32 - 1))
    }

    /// `when A up and B down then C up`.
    pub fn add_conjunction(
        &mut self,
        premises: &[Condition],
        head: Condition,
        backing: &Backing,
    ) -> Result<ConjunctionId, Diag> {
        self.known(premises.iter().chain([&head]).map(|c| c.entity))?;
        let provenance = self.provenance(backing, &[])?;
        self.program.conjunctions.push(Conjunction {
            premises: premises.to_vec(),
            head,
            provenance,
        });
        Ok(ConjunctionId(self.program.conjunctions.len() as u32 - 1))
    }

    /// `SUBJECT does not affect OBJECT`.
    pub fn add_null(
        &mut self,
        subject: EntityId,
        object: EntityId,
        backing: &Backing,
    ) -> Result<(), Diag> {
        self.known([subject, object])?;
        let provenance = self.provenance(backing, &[])?;
        self.program.nulls.push(NullResult {
            subject,
            object,
            provenance,
        });
        Ok(())
    }

    /// `rule NAME [confidence X]: body => head`; `variables` names the `Term::Var`s.
    /// Every head variable must occur in the body, and names are unique.
    pub fn add_rule(
        &mut self,
        name: &str,
        confidence: f64,
        variables: Vec<String>,
        body: Vec<Atom>,
        head: Atom,
    ) -> Result<RuleId, Diag> {
        let span = self.span();
        if self.program.rules.iter().any(|r| r.name == name) {
            return Err(Diag::error(
                Code::LowerDuplicateRule,
                format!("a rule named `{name}` already exists"),
            )
            .at(span, "second definition"));
        }
        check_confidence(confidence, span)?;
        let rule = Rule {
            name: name.to_string(),
            confidence,
            variables,
            body,
            head,
            span,
            prelude: false,
        };
        if !rule.is_runnable(self.program.entities.len()) {
            return Err(Diag::error(
                Code::LowerUnsafeRule,
                format!("rule `{name}` has a head variable its body does not bind, or a term out of range"),
            )
            .at(span, "not runnable"));
        }
        self.program.rules.push(rule);
        Ok(RuleId(self.program.rules.len() as u32 - 1))
    }

    /// `scenario NAME ["title"] { … }`; names are unique.
    pub fn add_scenario(
        &mut self,
        name: &str,
        title: Option<&str>,
        clamps: Vec<Clamp>,
        contexts: Vec<ContextId>,
        expects: Vec<Expectation>,
    ) -> Result<(), Diag> {
        let span = self.span();
        if self.program.scenarios.contains_key(name) {
            return Err(Diag::error(
                Code::LowerDuplicateScenario,
                format!("a scenario named `{name}` already exists"),
            )
            .at(span, "second definition"));
        }
        self.known(clamps.iter().map(|c| c.entity))?;
        self.known_contexts(&contexts)?;
        let expects: Vec<Expect> = expects
            .into_iter()
            .map(|expectation| Expect { expectation, span })
            .collect();
        self.program.scenarios.insert(
            name.to_string(),
            Scenario {
                name: name.to_string(),
                title: title.map(str::to_string),
                clamps,
                contexts,
                expects,
                span,
                decisive: None,
                max_steps: None,
                with_disputed: false,
            },
        );
        Ok(())
    }

    /// An error unless every id was made by this builder: an id from another program
    /// would index past the tables, or silently mean another entity.
    fn known(&mut self, ids: impl IntoIterator<Item = EntityId>) -> Result<(), Diag> {
        let n = self.program.entities.len();
        let unknown = ids.into_iter().map(|e| e.0).find(|&i| i as usize >= n);
        self.refuse(unknown, n, ("entity", "entities"), "entity_named")
    }

    /// [`Self::known`] for context ids.
    fn known_contexts(&mut self, ids: &[ContextId]) -> Result<(), Diag> {
        let n = self.program.contexts.len();
        let unknown = ids.iter().map(|c| c.0).find(|&i| i as usize >= n);
        self.refuse(unknown, n, ("context", "contexts"), "context_named")
    }

    /// The error for an id (of a `what`, plural `whats`) not among this program's `n`.
    fn refuse(
        &mut self,
        id: Option<u32>,
        n: usize,
        (what, whats): (&str, &str),
        maker: &str,
    ) -> Result<(), Diag> {
        match id {
            Some(id) => Err(Diag::error(
                Code::BuildUnknownId,
                format!("{what} id {id} is not one of this program's {n} {whats}"),
            )
            .at(self.span(), format!("unknown {what}"))
            .help(format!("make ids with `{maker}` on the same builder"))),
            None => Ok(()),
        }
    }

    /// The finished program.
    pub fn build(self) -> Program {
        self.program
    }

    /// The provenance of an item; `conditions` are a statement's (none for others).
    fn provenance(
        &mut self,
        backing: &Backing,
        conditions: &[Condition],
    ) -> Result<Provenance, Diag> {
        let span = self.span();
        check_confidence(backing.confidence, span)?;
        self.known_contexts(&backing.contexts)?;
        let mut contexts = backing.contexts.clone();
        contexts.sort_unstable();
        contexts.dedup();
        let citation_blocks: Vec<CitationBlock> = backing
            .citations
            .iter()
            .map(|c| CitationBlock::Owned(self.citation(c)))
            .collect();
        let tails = Tails::new(conditions.iter().copied(), citation_blocks, contexts);
        Ok(self
            .program
            .provenances
            .provenance(span, tails, backing.confidence, backing.disputed))
    }

    fn citation(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.cited.get(text) {
            return i;
        }
        let i = self.program.citation_texts.len() as u32;
        self.program.citation_texts.push(text.into());
        self.cited.insert(text.to_string(), i);
        i
    }
}

fn check_confidence(confidence: f64, span: Span) -> Result<(), Diag> {
    if confidence > 0.0 && confidence <= 1.0 {
        Ok(())
    } else {
        Err(Diag::error(
            Code::LowerConfidenceRange,
            format!("confidence {confidence} is outside (0, 1]"),
        )
        .at(span, "must be greater than 0 and at most 1"))
    }
}

impl Deref for ProgramBuilder {
    type Target = Program;

    fn deref(&self) -> &Program {
        &self.program
    }
}

impl DerefMut for ProgramBuilder {
    fn deref_mut(&mut self) -> &mut Program {
        &mut self.program
    }
}
