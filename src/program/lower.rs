//! AST → Program, one item at a time as the parser yields them.
//!
//! Some facts are only known once every file is read (a `verb` or an `aka` may come after
//! its use, a scenario may select a context defined later), so lowering records them as
//! pending and [`Lowerer::finish`] resolves them: verbs, aliases, duplicate statements,
//! scenario contexts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;
use smallvec::SmallVec;

use super::files::{self, display_name};
use super::intern::Interner;
use super::model::*;
use super::parallel;
use super::resolve;
use crate::diagnostics::Diag;
use crate::source::{FileId, SourceFile, Span};
use crate::syntax::ast::*;
use crate::syntax::{parse_file, parse_range};

/// The built-in prelude, compiled in.
pub const PRELUDE: &str = include_str!("../../rules/prelude.rules");
pub const PRELUDE_NAME: &str = "<prelude>";

/// Include chains deeper than this are reported rather than followed.
const MAX_INCLUDE_DEPTH: usize = 64;

/// Built-in verb words and the relation each means (DESIGN §1).
pub const BUILTIN_VERBS: &[(&str, Relation)] = &[
    ("activates", Relation::Activates),
    ("promotes", Relation::Activates),
    ("induces", Relation::Activates),
    ("increases", Relation::Activates),
    ("upregulates", Relation::Activates),
    ("enhances", Relation::Activates),
    ("stimulates", Relation::Activates),
    ("drives", Relation::Activates),
    ("inhibits", Relation::Inhibits),
    ("suppresses", Relation::Inhibits),
    ("represses", Relation::Inhibits),
    ("decreases", Relation::Inhibits),
    ("downregulates", Relation::Inhibits),
    ("reduces", Relation::Inhibits),
    ("blocks", Relation::Inhibits),
    ("attenuates", Relation::Inhibits),
    ("targets", Relation::Inhibits),
    ("carries", Relation::Carries),
    ("contains", Relation::Carries),
    ("delivers", Relation::Carries),
    ("releases", Relation::Carries),
    ("secretes", Relation::Carries),
];

/// The result of loading: the program (possibly partial) and every problem found.
pub struct Loaded {
    pub program: Program,
    pub diags: Vec<Diag>,
    /// Files the user gave or included (not the prelude), in load order.
    pub files: Vec<FileId>,
    /// Some input could not be read as text at all (exit status 2).
    pub unreadable: bool,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diags.len() - self.errors()
    }
}

/// Load rule files (folders expand to their `*.rules`), the prelude first.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let mut l = Lowerer::new();
    match files::collect(paths) {
        Ok(found) => {
            for path in found {
                l.load_file(&path, None);
            }
        }
        Err(d) => {
            l.diags.push(*d);
            l.unreadable = true;
        }
    }
    l.finish()
}

/// Load one in-memory text (tests, `ask`), the prelude first.
pub fn load_text(name: &str, text: &str) -> Loaded {
    load_text_with(name, text, parallel::PARALLEL_MIN_BYTES)
}

/// [`load_text`], lowering the second half of the text on another core when the text
/// is at least `parallel_min_bytes` long (tests hold both ways to the same result).
pub fn load_text_with(name: &str, text: &str, parallel_min_bytes: usize) -> Loaded {
    let mut l = Lowerer::new();
    l.parallel_min_bytes = parallel_min_bytes;
    let id = l.program.sources.add(SourceFile::new(name, text));
    l.user_files.push(id);
    l.lower_file(id, None);
    l.finish()
}

/// Pending verb uses, resolved when every `verb` declaration has been read.
#[derive(Default)]
struct PendingVerbs {
    /// Statement index → verb, for every statement (relation is set at the end).
    rule_atoms: Vec<(usize, Option<usize>, VerbId, Span)>,
    statement_uses: IndexMap<VerbId, Vec<Span>>,
}

pub(super) struct Lowerer {
    pub(super) program: Program,
    pub(super) diags: Vec<Diag>,
    user_files: Vec<FileId>,
    unreadable: bool,
    /// Canonical paths of loaded files, so each loads once.
    loaded: IndexMap<PathBuf, FileId>,
    /// The include chain being followed, for cycle reports.
    include_stack: Vec<(PathBuf, String, Option<Span>)>,
    /// Verbs known from the prelude/built-ins or a `verb` line (vs. merely used).
    defined_verbs: Vec<bool>,
    pending: PendingVerbs,
    /// Spans of alias declarations, for conflict reports.
    alias_spans: IndexMap<String, Span>,
    /// Contexts selected by scenarios, checked once every statement is known.
    pub(super) scenario_contexts: Vec<(ContextId, Span)>,
    /// Entity names → ids while lowering (ids equal `program.entities` indexes).
    names: Interner,
    /// Files at least this big have their second half lowered on another core.
    parallel_min_bytes: usize,
}

impl Lowerer {
    fn new() -> Self {
        let mut program = Program::default();
        for (word, rel) in BUILTIN_VERBS {
            program.verbs.insert(word.to_string(), *rel);
        }
        let mut l = Lowerer {
            defined_verbs: vec![true; program.verbs.len()],
            program,
            diags: Vec::new(),
            user_files: Vec::new(),
            unreadable: false,
            loaded: IndexMap::new(),
            include_stack: Vec::new(),
            pending: PendingVerbs::default(),
            alias_spans: IndexMap::new(),
            scenario_contexts: Vec::new(),
            names: Interner::default(),
            parallel_min_bytes: parallel::PARALLEL_MIN_BYTES,
        };
        let id = l
            .program
            .sources
            .add(SourceFile::new(PRELUDE_NAME, PRELUDE));
        l.lower_file(id, None);
        l
    }

    /// Read and lower one file, unless it was loaded already.
    fn load_file(&mut self, path: &Path, included_from: Option<Span>) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(pos) = self
            .include_stack
            .iter()
            .position(|(p, _, _)| *p == canonical)
        {
            let chain: Vec<String> = self.include_stack[pos..]
                .iter()
                .map(|(_, shown, _)| shown.clone())
                .chain(std::iter::once(display_name(path)))
                .collect();
            let mut d = Diag::error(
                "marrow::lower::include-cycle",
                format!("include cycle: {}", chain.join(" → ")),
            )
            .help("remove one of the includes; each file needs to be loaded only once");
            if let Some(span) = included_from {
                d = d.at(span, "this include closes the cycle");
            }
            self.diags.push(d);
            return;
        }
        if self.loaded.contains_key(&canonical) {
            return;
        }
        if self.include_stack.len() >= MAX_INCLUDE_DEPTH {
            let mut d = Diag::error(
                "marrow::lower::include-depth",
                format!("includes nested more than {MAX_INCLUDE_DEPTH} deep"),
            )
            .help("include the files from one top-level file instead of a chain");
            if let Some(span) = included_from {
                d = d.at(span, "too deep");
            }
            self.diags.push(d);
            return;
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let mut d = files::unreadable(path, &e.to_string());
                if let Some(span) = included_from {
                    d = Diag::error(
                        "marrow::lower::include-missing",
                        format!("cannot include {}: {e}", display_name(path)),
                    )
                    .at(span, "included here")
                    .help("include paths are relative to the file that includes them");
                } else {
                    self.unreadable = true;
                }
                self.diags.push(d);
                return;
            }
        };
        // A copy of the built-in prelude in a rules folder is the prelude itself.
        if bytes == PRELUDE.as_bytes() {
            return;
        }
        match files::decode(&mut self.program.sources, display_name(path), bytes) {
            Ok(id) => {
                self.loaded.insert(canonical.clone(), id);
                self.user_files.push(id);
                self.include_stack
                    .push((canonical, display_name(path), included_from));
                self.lower_file(id, Some(path));
                self.include_stack.pop();
            }
            Err(d) => {
                self.unreadable = true;
                self.diags.push(*d);
            }
        }
    }

    fn lower_file(&mut self, file: FileId, path: Option<&Path>) {
        let text: Arc<str> = self.program.sources.get(file).text.clone();
        let dir = path.and_then(|p| p.parent()).map(Path::to_path_buf);
        let mut diags = Vec::new();
        let prelude = self.program.sources.get(file).name == PRELUDE_NAME;
        // Most lines of a big file are statements: reserving for every line up front
        // avoids copying (and briefly doubling) a million statements as the vector grows.
        let lines = self.program.sources.get(file).line_count();
        self.program.statements.reserve(lines);
        let split = (text.len() >= self.parallel_min_bytes
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
        .then(|| parallel::split_point(&text))
        .flatten();
        let Some(split) = split else {
            parse_file(file, &text, &mut diags, |item, contexts| {
                self.lower_item(item, contexts, dir.as_deref(), prelude)
            });
            self.diags.extend(diags);
            return;
        };
        let dir = dir.as_deref();
        let resume = std::thread::scope(|scope| {
            let worker = scope.spawn(|| parallel::lower_plain(file, &text, split));
            parse_range(file, &text, 0, split, &mut diags, |item, contexts| {
                self.lower_item(item, contexts, dir, prelude)
            });
            match worker.join() {
                Ok(chunk) => self.absorb(chunk),
                // The worker never panics on any input; if it did, lower the rest here.
                Err(_) => split,
            }
        });
        parse_range(
            file,
            &text,
            resume,
            text.len(),
            &mut diags,
            |item, contexts| self.lower_item(item, contexts, dir, prelude),
        );
        self.diags.extend(diags);
    }

    /// Add the worker's statements as if they had been lowered here, in order; returns
    /// where lowering must continue.
    fn absorb(&mut self, chunk: parallel::Chunk<'_>) -> usize {
        let names: Vec<EntityId> = chunk
            .names
            .iter()
            .map(|&(name, span)| self.entity_named(name, span))
            .collect();
        let verbs: Vec<VerbId> = chunk.verbs.iter().map(|w| self.verb_named(w)).collect();
        for st in chunk.statements {
            let verb = verbs[st.verb as usize];
            if !self.defined_verbs[verb.0 as usize] {
                self.pending
                    .statement_uses
                    .entry(verb)
                    .or_default()
                    .push(st.verb_span);
            }
            self.program.statements.push(Statement {
                subject: names[st.subject as usize],
                relation: Relation::Activates,
                verb,
                object: names[st.object as usize],
                conditions: st
                    .conditions
                    .iter()
                    .map(|&(e, state)| Condition {
                        entity: names[e as usize],
                        state,
                    })
                    .collect(),
                provenance: Provenance {
                    span: st.span,
                    citation_blocks: st.citations.into_iter().collect(),
                    contexts: Box::default(),
                    confidence: st.confidence,
                },
            });
        }
        chunk.stopped_at
    }

    fn lower_item(
        &mut self,
        item: Item<'_>,
        contexts: &[Name<'_>],
        dir: Option<&Path>,
        prelude: bool,
    ) {
        match item {
            Item::Statement(s) => self.statement(s, contexts),
            Item::Conjunction(c) => self.conjunction(c, contexts),
            Item::Rule(r) => self.rule(r, prelude),
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
        self.entity_named(name.text.as_ref(), name.span)
    }

    /// The entity called `name`, created at `span` if this is its first mention.
    fn entity_named(&mut self, name: &str, span: Span) -> EntityId {
        let (id, new) = self.names.intern(name);
        if !new {
            return EntityId(id);
        }
        let (i, _) = self.program.entities.insert_full(
            name.to_string(),
            Entity {
                name: name.to_string(),
                kind: None,
                aliases: Vec::new(),
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
        let (i, _) = self.program.contexts.insert_full(
            name.text.to_string(),
            Context {
                name: name.text.to_string(),
                span: name.span,
            },
        );
        ContextId(i as u32)
    }

    fn verb(&mut self, word: &Name<'_>) -> VerbId {
        self.verb_named(word.text.as_ref())
    }

    fn verb_named(&mut self, word: &str) -> VerbId {
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
            let provenance = Provenance {
                span: s.span,
                citation_blocks: mods.citations.iter().copied().collect(),
                contexts: mods.contexts.iter().copied().collect(),
                confidence: mods.confidence,
            };
            match verb {
                None if !mods.conditions.is_empty() => {
                    // A null result derives nothing, so a condition on it would be dropped.
                    self.diags.push(
                        Diag::error(
                            "marrow::lower::null-condition",
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
                    if !self.defined_verbs[verb.0 as usize] {
                        self.pending
                            .statement_uses
                            .entry(verb)
                            .or_default()
                            .push(span);
                    }
                    self.program.statements.push(Statement {
                        subject,
                        relation: Relation::Activates,
                        verb,
                        object,
                        conditions: mods.conditions.iter().copied().collect(),
                        provenance,
                    });
                }
            }
        }
    }

    fn conjunction(&mut self, c: ConjunctionAst<'_>, contexts: &[Name<'_>]) {
        let mods = self.modifiers(&c.modifiers, contexts);
        let premises = c.premises.iter().map(|p| self.condition(p)).collect();
        let head = self.condition(&c.head);
        self.program.conjunctions.push(Conjunction {
            premises,
            head,
            provenance: Provenance {
                span: c.span,
                citation_blocks: mods.citations.into_iter().collect(),
                contexts: mods.contexts.into_iter().collect(),
                confidence: mods.confidence,
            },
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
            confidence: 0.7,
            contexts: contexts.iter().map(|c| self.context(c)).collect(),
            conditions: SmallVec::new(),
            citations: None,
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
                            Diag::error("marrow::lower::empty-citation", "empty citation")
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

    pub(super) fn confidence_value(
        &mut self,
        value: &ConfidenceAst<'_>,
        span: Span,
    ) -> Option<f64> {
        match value {
            ConfidenceAst::High => Some(0.9),
            ConfidenceAst::Medium => Some(0.7),
            ConfidenceAst::Low => Some(0.4),
            ConfidenceAst::Number(text) => match text.parse::<f64>() {
                Ok(v) if v > 0.0 && v <= 1.0 => Some(v),
                _ => {
                    self.diags.push(
                        Diag::error(
                            "marrow::lower::confidence-range",
                            format!("confidence {text} is outside (0, 1]"),
                        )
                        .at(span, "must be greater than 0 and at most 1")
                        .help("use a number such as 0.8, or a word: high (0.9), medium (0.7), low (0.4)"),
                    );
                    None
                }
            },
        }
    }

    fn rule(&mut self, r: RuleAst<'_>, prelude: bool) {
        if self
            .program
            .rules
            .iter()
            .any(|x| x.name == r.name.text.as_ref())
        {
            let first = self
                .program
                .rules
                .iter()
                .find(|x| x.name == r.name.text.as_ref())
                .map(|x| x.span);
            let mut d = Diag::error(
                "marrow::lower::duplicate-rule",
                format!("a rule named `{}` already exists", r.name.text),
            )
            .at(r.name.span, "second definition")
            .help("give each rule its own name");
            if let Some(first) = first {
                d = d.also(first, "first defined here");
            }
            self.diags.push(d);
            return;
        }
        let confidence = match &r.confidence {
            Some((value, span)) => match self.confidence_value(value, *span) {
                Some(v) => v,
                None => return,
            },
            None => 1.0,
        };
        let index = self.program.rules.len();
        let mut variables: Vec<String> = Vec::new();
        let mut body = Vec::new();
        for (i, atom) in r.body.iter().enumerate() {
            body.push(self.atom(atom, &mut variables, index, Some(i)));
        }
        let body_vars = variables.len();
        let head = self.atom(&r.head, &mut variables, index, None);
        if variables.len() > body_vars {
            let name = &variables[body_vars];
            let span = head_var_span(&r.head, name).unwrap_or(r.span);
            self.diags.push(
                Diag::error(
                    "marrow::lower::unsafe-rule",
                    format!("variable ?{name} in the head of rule `{}` does not occur in its body", r.name.text),
                )
                .at(span, "not bound by the body")
                .help("every variable of the head must occur in a body atom, so the rule only derives facts about things it has matched"),
            );
            return;
        }
        self.program.rules.push(Rule {
            name: r.name.text.to_string(),
            confidence,
            variables,
            body,
            head,
            span: r.span,
            prelude,
        });
    }

    fn atom(
        &mut self,
        a: &AtomAst<'_>,
        vars: &mut Vec<String>,
        rule: usize,
        pos: Option<usize>,
    ) -> Atom {
        let mut term = |l: &mut Lowerer, t: &TermAst<'_>| match t {
            TermAst::Var(v, _) => {
                let i = vars.iter().position(|x| x == v).unwrap_or_else(|| {
                    vars.push(v.to_string());
                    vars.len() - 1
                });
                Term::Var(i as u32)
            }
            TermAst::Name(n) => Term::Entity(l.entity(n)),
        };
        match a {
            AtomAst::State(t, s, _) => Atom::State(term(self, t), *s),
            AtomAst::Relation(x, verb, y, _) => {
                let x = term(self, x);
                let y = term(self, y);
                let v = self.verb(verb);
                self.pending.rule_atoms.push((rule, pos, v, verb.span));
                Atom::Relation(x, Relation::Activates, y)
            }
        }
    }

    fn entity_decl(&mut self, e: EntityDecl<'_>) {
        let id = self.entity(&e.name);
        let kind = e.kind.as_ref().map(|k| k.text.to_string());
        let entity = &mut self.program.entities[id.0 as usize];
        if !entity.declared {
            entity.span = e.name.span;
        }
        entity.declared = true;
        if let Some(kind) = kind {
            match &entity.kind {
                Some(old) if *old != kind => {
                    let old = old.clone();
                    self.diags.push(
                        Diag::warning(
                            "marrow::lint::kind-conflict",
                            format!("`{}` is declared both as {old} and as {kind}", e.name.text),
                        )
                        .at(e.span, "second kind")
                        .help("give each entity one kind; the first is kept"),
                    );
                }
                Some(_) => {}
                None => entity.kind = Some(kind),
            }
        }
        for alias in &e.aliases {
            let text = alias.text.to_string();
            if text == e.name.text.as_ref() {
                continue;
            }
            match self.program.aliases.get(&text) {
                Some(other) if *other != id => {
                    let other = self.program.entity_name(*other).to_string();
                    let mut d = Diag::error(
                        "marrow::lower::alias-conflict",
                        format!("`{text}` is already an alias of `{other}`"),
                    )
                    .at(alias.span, format!("also claimed for `{}`", e.name.text))
                    .help("an alias names exactly one entity; drop one of the two");
                    if let Some(first) = self.alias_spans.get(&text) {
                        d = d.also(*first, "first alias here");
                    }
                    self.diags.push(d);
                }
                Some(_) => {}
                None => {
                    self.program.aliases.insert(text.clone(), id);
                    self.alias_spans.insert(text.clone(), alias.span);
                    let entity = &mut self.program.entities[id.0 as usize];
                    entity.aliases.push(text);
                }
            }
        }
    }

    fn verb_decl(&mut self, word: Name<'_>, relation: Name<'_>, span: Span) {
        let rel = self
            .program
            .verbs
            .get_index_of(relation.text.as_ref())
            .filter(|&i| self.defined_verbs[i])
            .map(|i| self.program.verbs[i]);
        let Some(rel) = rel else {
            self.diags.push(
                Diag::error(
                    "marrow::lower::unknown-relation",
                    format!("`{}` is not a relation", relation.text),
                )
                .at(relation.span, "unknown relation")
                .help("a new verb means one of: activates, inhibits, carries"),
            );
            return;
        };
        let id = self.verb(&word);
        let i = id.0 as usize;
        if self.defined_verbs[i] {
            if self.program.verbs[i] != rel {
                self.diags.push(
                    Diag::error(
                        "marrow::lower::verb-redefined",
                        format!(
                            "`{}` already means {}",
                            word.text,
                            self.program.verbs[i].as_str()
                        ),
                    )
                    .at(span, format!("cannot also mean {}", rel.as_str()))
                    .help("choose a new word for the new meaning"),
                );
            }
            return;
        }
        self.program.verbs[i] = rel;
        self.defined_verbs[i] = true;
    }

    /// Resolve what needed every file: verbs, aliases, duplicates; then lint.
    fn finish(mut self) -> Loaded {
        self.resolve_verbs();
        resolve::merge_aliases(&mut self.program);
        let (pairs, repeated) = resolve::merge_duplicates(&mut self.program);
        for (first, again) in repeated {
            self.diags.push(
                Diag::warning(
                    "marrow::lint::duplicate-statement",
                    "this statement is already stated in this file",
                )
                .at(again, "stated again here")
                .also(first, "first stated here")
                .help("the two are merged into one, with their citations together; remove one of them"),
            );
        }
        self.check_scenario_contexts();
        let diags = super::lint::lint(&self.program, &pairs);
        self.diags.extend(diags);
        self.diags.sort_by_key(|d| d.sort_key());
        Loaded {
            program: self.program,
            diags: self.diags,
            files: self.user_files,
            unreadable: self.unreadable,
        }
    }

    fn resolve_verbs(&mut self) {
        let known: Vec<&str> = self
            .program
            .verbs
            .keys()
            .enumerate()
            .filter(|(i, _)| self.defined_verbs[*i])
            .map(|(_, k)| k.as_str())
            .collect();
        let unknown = |verb: VerbId, span: Span, diags: &mut Vec<Diag>| {
            let word = self
                .program
                .verbs
                .get_index(verb.0 as usize)
                .map(|(w, _)| w.as_str())
                .unwrap_or("");
            let declare = format!("declare it: `verb {word} = activates`");
            let help = match super::names::did_you_mean(word, known.iter().copied()) {
                Some(hint) => format!("{hint} Or {declare}"),
                None => format!(
                    "use a built-in verb (activates, inhibits, carries, promotes, …) or {declare}"
                ),
            };
            diags.push(
                Diag::error(
                    "marrow::lower::unknown-verb",
                    format!("unknown verb `{word}`"),
                )
                .at(span, "not a verb marrow knows")
                .help(help),
            );
        };
        let mut diags = Vec::new();
        for (verb, spans) in &self.pending.statement_uses {
            if !self.defined_verbs[verb.0 as usize] {
                for span in spans {
                    unknown(*verb, *span, &mut diags);
                }
            }
        }
        for (rule, pos, verb, span) in &self.pending.rule_atoms {
            if !self.defined_verbs[verb.0 as usize] {
                unknown(*verb, *span, &mut diags);
                continue;
            }
            let rel = self.program.verbs[verb.0 as usize];
            if let Some(r) = self.program.rules.get_mut(*rule) {
                let atom = match pos {
                    Some(i) => r.body.get_mut(*i),
                    None => Some(&mut r.head),
                };
                if let Some(Atom::Relation(_, relation, _)) = atom {
                    *relation = rel;
                }
            }
        }
        self.diags.extend(diags);
        let verbs = &self.program.verbs;
        for s in &mut self.program.statements {
            s.relation = verbs[s.verb.0 as usize];
        }
    }
}

struct Modifiers {
    confidence: f64,
    contexts: SmallVec<[ContextId; 2]>,
    conditions: SmallVec<[Condition; 1]>,
    citations: Option<Span>,
}

fn duplicate_modifier(span: Span, first: Span, what: &str) -> Diag {
    Diag::error(
        "marrow::lower::duplicate-modifier",
        format!("a statement takes one {what}"),
    )
    .at(span, "second one")
    .also(first, "first one")
    .help(format!("keep a single {what}"))
}

fn head_var_span(head: &AtomAst<'_>, name: &str) -> Option<Span> {
    let terms: Vec<&TermAst<'_>> = match head {
        AtomAst::State(t, _, _) => vec![t],
        AtomAst::Relation(a, _, b, _) => vec![a, b],
    };
    terms.into_iter().find_map(|t| match t {
        TermAst::Var(v, span) if *v == name => Some(*span),
        _ => None,
    })
}
