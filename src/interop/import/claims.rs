//! What an importer produces: owned statements, merged when one input states the same
//! claim twice, and rendered through the formatter's printer.

use std::hash::BuildHasherDefault;

use indexmap::{IndexMap, IndexSet};
use rustc_hash::FxHasher;
use smallvec::SmallVec;

use super::report::Note;
use crate::interop::citation::{SEPARATOR, clean};
use crate::program::State;
use crate::syntax::ast::{
    Citation, ConditionAst, ConfidenceAst, ConjunctionAst, Item, Modifier, StatementAst, Verb,
};
use crate::syntax::lexicon::DEFAULT_CONFIDENCE;
use crate::syntax::print::{PrintLine, name, nowhere, print_lines};

/// The verb of an imported claim.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ClaimVerb {
    /// A verb word and whether it is of the negative (inhibiting) sign.
    Word(&'static str, bool),
    /// `does not affect`
    NoEffect,
}

/// A confidence as it will be written: BEL's five levels; the outer two have no word in
/// the rule language and are written as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// `very high`: written as `confidence 0.95`.
    VeryHigh,
    /// `high` (0.9).
    High,
    /// `medium` (0.7).
    Medium,
    /// `low` (0.4).
    Low,
    /// `very low`: written as `confidence 0.2`.
    VeryLow,
}

impl Confidence {
    /// The strength written for this level.
    pub fn value(self) -> f64 {
        match self {
            Confidence::VeryHigh => 0.95,
            Confidence::VeryLow => 0.2,
            word => word.ast().word_value().unwrap_or(DEFAULT_CONFIDENCE),
        }
    }

    fn ast(self) -> ConfidenceAst<'static> {
        match self {
            Confidence::VeryHigh => ConfidenceAst::Number("0.95"),
            Confidence::High => ConfidenceAst::High,
            Confidence::Medium => ConfidenceAst::Medium,
            Confidence::Low => ConfidenceAst::Low,
            Confidence::VeryLow => ConfidenceAst::Number("0.2"),
        }
    }
}

/// A citation of an imported claim, compact because a table import makes a million:
/// an interned text (source and evidence, already in the citation alphabet), the line of
/// the input it came from, or both (`text · file:line`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cite {
    text: u32,
    line: u32,
}

impl Cite {
    const NONE: u32 = u32::MAX;

    /// The input line alone: `[file:line]`.
    pub fn origin(line: usize) -> Cite {
        Cite {
            text: Cite::NONE,
            line: line as u32,
        }
    }

    /// A text (from [`Imported::text`]) without a line.
    pub fn text(text: u32) -> Cite {
        Cite { text, line: 0 }
    }

    /// A text and the input line: `[text · file:line]`.
    pub fn text_at(text: u32, line: usize) -> Cite {
        Cite {
            text,
            line: line as u32,
        }
    }
}

/// What makes two claims the same claim: names are interned ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    subjects: SmallVec<[u32; 2]>,
    /// What the verb means: 0 activating, 1 inhibiting, 2 no effect. Two verb words of one
    /// meaning (`decreases`, `directly-decreases`) make one claim, as loading would merge
    /// them anyway (and warn that the statement is stated twice).
    meaning: u8,
    object: u32,
    /// Sorted, deduplicated.
    contexts: SmallVec<[u32; 1]>,
}

/// One imported statement: `subject verb object`, or, with several subjects, the
/// conjunction `when S1 up and S2 up then object up|down`.
#[derive(Debug, Clone)]
struct Claim {
    /// Index into [`Imported::verb_kinds`]: the first verb the claim was stated with.
    verb: u8,
    confidence: Option<Confidence>,
    citations: SmallVec<[Cite; 1]>,
}

type Fx = BuildHasherDefault<FxHasher>;

/// Lines per paragraph of an imported file.
pub const PARAGRAPH: usize = 1000;

/// The result of importing one file.
#[derive(Debug)]
pub struct Imported {
    /// The input's name as citations give it (`conib/x.bel`).
    origin: String,
    /// Entity and context names.
    names: IndexSet<Box<str>, Fx>,
    /// Citation texts.
    texts: IndexSet<Box<str>, Fx>,
    /// Merged claims in first-seen order, by key.
    claims: IndexMap<Key, Claim, Fx>,
    /// `verb WORD = RELATION` lines the claims need.
    pub verbs: Vec<(&'static str, &'static str)>,
    /// The verbs claims use, indexed by [`Claim::verb`].
    verb_kinds: Vec<ClaimVerb>,
    /// Skipped and repaired lines, in input order.
    pub notes: Vec<Note>,
    /// Claims offered before merging (a restated claim counts each time).
    pub offered: usize,
}

impl Imported {
    /// No claims yet; `origin` is the input's name as citations give it (`conib/x.bel`).
    pub fn new(origin: &str) -> Self {
        Imported {
            origin: clean(origin),
            names: IndexSet::default(),
            texts: IndexSet::default(),
            claims: IndexMap::default(),
            verbs: Vec::new(),
            verb_kinds: Vec::new(),
            notes: Vec::new(),
            offered: 0,
        }
    }

    fn name(&mut self, name: &str) -> u32 {
        match self.names.get_index_of(name) {
            Some(i) => i as u32,
            None => self.names.insert_full(name.into()).0 as u32,
        }
    }

    /// Intern a citation text (source and evidence), already in the citation grammar's
    /// alphabet (composed by [`crate::interop::citation::CitationParts::compose`]).
    pub fn text(&mut self, text: &str) -> u32 {
        match self.texts.get_index_of(text) {
            Some(i) => i as u32,
            None => self.texts.insert_full(text.into()).0 as u32,
        }
    }

    /// Add a claim; one already present with the same subjects, verb, object and contexts
    /// gains the citations (and the higher confidence) instead of being written twice.
    pub fn add<S: AsRef<str>>(
        &mut self,
        subjects: &[S],
        verb: ClaimVerb,
        object: &str,
        contexts: &[S],
        confidence: Option<Confidence>,
        citations: &[Cite],
    ) {
        self.offered += 1;
        let subjects = subjects.iter().map(|s| self.name(s.as_ref())).collect();
        let object = self.name(object);
        let mut contexts: SmallVec<[u32; 1]> =
            contexts.iter().map(|c| self.name(c.as_ref())).collect();
        contexts.sort_unstable();
        contexts.dedup();
        let verb = match self.verb_kinds.iter().position(|v| *v == verb) {
            Some(i) => i as u8,
            None => {
                self.verb_kinds.push(verb);
                (self.verb_kinds.len() - 1) as u8
            }
        };
        let meaning = match self.verb_kinds[verb as usize] {
            ClaimVerb::Word(_, false) => 0,
            ClaimVerb::Word(_, true) => 1,
            ClaimVerb::NoEffect => 2,
        };
        let key = Key {
            subjects,
            meaning,
            object,
            contexts,
        };
        match self.claims.entry(key) {
            indexmap::map::Entry::Occupied(mut e) => {
                let old = e.get_mut();
                for c in citations {
                    if !old.citations.contains(c) {
                        old.citations.push(*c);
                    }
                }
                let value = |c: Option<Confidence>| c.map_or(DEFAULT_CONFIDENCE, Confidence::value);
                if value(confidence) > value(old.confidence) {
                    old.confidence = confidence;
                }
            }
            indexmap::map::Entry::Vacant(e) => {
                e.insert(Claim {
                    verb,
                    confidence,
                    citations: citations.iter().copied().collect(),
                });
            }
        }
    }

    /// Make room for about `claims` claims (a table's row count), so a big table is not
    /// rehashed as it grows.
    pub fn reserve(&mut self, claims: usize) {
        self.claims.reserve(claims);
        self.names.reserve(claims / 2);
    }

    /// Declare a verb the claims use (once).
    pub fn declare(&mut self, word: &'static str, relation: &'static str) {
        if !self.verbs.iter().any(|(w, _)| *w == word) {
            self.verbs.push((word, relation));
        }
    }

    /// How many claims, after merging.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// True when no claim was imported.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Conjunctions among the claims.
    pub fn conjunctions(&self) -> usize {
        self.claims.keys().filter(|k| k.subjects.len() > 1).count()
    }

    /// Null results among the claims.
    pub fn nulls(&self) -> usize {
        self.claims.keys().filter(|k| k.meaning == 2).count()
    }

    /// The text of one citation.
    fn citation(&self, c: Cite) -> String {
        let text = (c.text != Cite::NONE).then(|| &*self.texts[c.text as usize]);
        match (text, c.line) {
            (Some(t), 0) => t.to_string(),
            (Some(t), line) if !t.is_empty() => format!("{t}{SEPARATOR}{}:{line}", self.origin),
            (_, line) => format!("{}:{line}", self.origin),
        }
    }

    /// The rule file: header comments, verb declarations, then one line per claim, in
    /// paragraphs of `PARAGRAPH` (1000) lines (a blank line between) so a million claims
    /// are laid out a paragraph at a time rather than all held as syntax items at once.
    pub fn render(&self, header: &[String]) -> String {
        let mut lines: Vec<PrintLine<'_>> = header
            .iter()
            .map(|h| PrintLine::Comment(h.clone()))
            .collect();
        lines.push(PrintLine::Blank);
        for (word, relation) in &self.verbs {
            lines.push(PrintLine::Item(Item::Verb {
                word: name(*word),
                relation: name(*relation),
                span: nowhere(),
            }));
        }
        let mut out = print_lines(&lines);
        let claims: Vec<(&Key, &Claim)> = self.claims.iter().collect();
        for chunk in claims.chunks(PARAGRAPH) {
            if !out.is_empty() {
                out.push('\n');
            }
            let cites: Vec<Vec<String>> = chunk
                .iter()
                .map(|(_, c)| c.citations.iter().map(|x| self.citation(*x)).collect())
                .collect();
            let items: Vec<PrintLine<'_>> = chunk
                .iter()
                .zip(&cites)
                .map(|((k, c), texts)| PrintLine::Item(self.item(k, c, texts)))
                .collect();
            out.push_str(&print_lines(&items));
        }
        out
    }

    fn item<'a>(&'a self, key: &Key, c: &Claim, citations: &'a [String]) -> Item<'a> {
        let verb = &self.verb_kinds[c.verb as usize];
        let n = |id: u32| name(&*self.names[id as usize]);
        let mut modifiers: Vec<Modifier<'_>> = key
            .contexts
            .iter()
            .map(|ctx| Modifier::In(n(*ctx)))
            .collect();
        if let Some(conf) = c.confidence {
            modifiers.push(Modifier::Confidence(conf.ast(), nowhere()));
        }
        if !citations.is_empty() {
            let list = citations
                .iter()
                .map(|t| Citation {
                    text: t.as_str(),
                    span: nowhere(),
                })
                .collect();
            modifiers.push(Modifier::Citations(list, nowhere()));
        }
        if key.subjects.len() > 1 {
            let state = match verb {
                ClaimVerb::Word(_, true) => State::Down,
                _ => State::Up,
            };
            let premises = key
                .subjects
                .iter()
                .map(|s| ConditionAst {
                    entity: n(*s),
                    state: Some(State::Up),
                })
                .collect();
            return Item::Conjunction(ConjunctionAst {
                premises,
                head: ConditionAst {
                    entity: n(key.object),
                    state: Some(state),
                },
                modifiers,
                span: nowhere(),
            });
        }
        let verb = match verb {
            ClaimVerb::Word(w, _) => Verb::Word(name(*w)),
            ClaimVerb::NoEffect => Verb::NoEffect(nowhere()),
        };
        Item::Statement(StatementAst {
            subject: n(key.subjects[0]),
            verb,
            objects: smallvec::smallvec![n(key.object)],
            modifiers: modifiers.into(),
            span: nowhere(),
        })
    }
}
