//! What an importer produces: owned statements, merged when one input states the same
//! claim twice, and rendered through the formatter's printer.

use indexmap::IndexMap;

use super::report::Note;
use crate::program::State;
use crate::syntax::ast::{
    Citation, ConditionAst, ConfidenceAst, ConjunctionAst, Item, Modifier, StatementAst, Verb,
};
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
    VeryHigh,
    High,
    Medium,
    Low,
    VeryLow,
}

impl Confidence {
    pub fn value(self) -> f64 {
        match self {
            Confidence::VeryHigh => 0.95,
            Confidence::High => 0.9,
            Confidence::Medium => 0.7,
            Confidence::Low => 0.4,
            Confidence::VeryLow => 0.2,
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

/// One imported statement: `subject verb object`, or, with several subjects, the
/// conjunction `when S1 up and S2 up then object up|down`.
#[derive(Debug, Clone)]
pub struct Claim {
    pub subjects: Vec<String>,
    pub verb: ClaimVerb,
    pub object: String,
    /// Sorted, deduplicated.
    pub contexts: Vec<String>,
    pub confidence: Option<Confidence>,
    /// Citation texts, each already in the citation grammar's alphabet.
    pub citations: Vec<String>,
}

type Key = (Vec<String>, ClaimVerb, String, Vec<String>);

/// Lines per paragraph of an imported file.
pub const PARAGRAPH: usize = 1000;

/// The result of importing one file.
#[derive(Debug, Default)]
pub struct Imported {
    /// Merged claims in first-seen order.
    claims: IndexMap<Key, Claim>,
    /// `verb WORD = RELATION` lines the claims need.
    pub verbs: Vec<(&'static str, &'static str)>,
    /// Skipped and repaired lines, in input order.
    pub notes: Vec<Note>,
    /// Claims offered before merging (a restated claim counts each time).
    pub offered: usize,
}

impl Imported {
    /// Add a claim; one already present with the same subjects, verb, object and contexts
    /// gains the citations (and the higher confidence) instead of being written twice.
    pub fn add(&mut self, mut claim: Claim) {
        self.offered += 1;
        claim.contexts.sort();
        claim.contexts.dedup();
        let key: Key = (
            claim.subjects.clone(),
            claim.verb.clone(),
            claim.object.clone(),
            claim.contexts.clone(),
        );
        match self.claims.get_mut(&key) {
            Some(old) => {
                for c in claim.citations {
                    if !old.citations.contains(&c) {
                        old.citations.push(c);
                    }
                }
                let value = |c: Option<Confidence>| c.map_or(0.7, Confidence::value);
                if value(claim.confidence) > value(old.confidence) {
                    old.confidence = claim.confidence;
                }
            }
            None => {
                self.claims.insert(key, claim);
            }
        }
    }

    /// Declare a verb the claims use (once).
    pub fn declare(&mut self, word: &'static str, relation: &'static str) {
        if !self.verbs.iter().any(|(w, _)| *w == word) {
            self.verbs.push((word, relation));
        }
    }

    pub fn claims(&self) -> impl Iterator<Item = &Claim> {
        self.claims.values()
    }

    pub fn len(&self) -> usize {
        self.claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Conjunctions among the claims.
    pub fn conjunctions(&self) -> usize {
        self.claims().filter(|c| c.subjects.len() > 1).count()
    }

    /// Null results among the claims.
    pub fn nulls(&self) -> usize {
        self.claims()
            .filter(|c| c.verb == ClaimVerb::NoEffect)
            .count()
    }

    /// The rule file: header comments, verb declarations, then one line per claim, in
    /// paragraphs of [`PARAGRAPH`] lines (a blank line between) so a million claims are laid
    /// out a paragraph at a time rather than all held as syntax items at once.
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
        let claims: Vec<&Claim> = self.claims().collect();
        for chunk in claims.chunks(PARAGRAPH) {
            if !out.is_empty() {
                out.push('\n');
            }
            let items: Vec<PrintLine<'_>> =
                chunk.iter().map(|c| PrintLine::Item(item(c))).collect();
            out.push_str(&print_lines(&items));
        }
        out
    }
}

fn item(c: &Claim) -> Item<'_> {
    let mut modifiers: Vec<Modifier<'_>> = c
        .contexts
        .iter()
        .map(|ctx| Modifier::In(name(ctx.as_str())))
        .collect();
    if let Some(conf) = c.confidence {
        modifiers.push(Modifier::Confidence(conf.ast(), nowhere()));
    }
    if !c.citations.is_empty() {
        let list = c
            .citations
            .iter()
            .map(|t| Citation {
                text: t.as_str(),
                span: nowhere(),
            })
            .collect();
        modifiers.push(Modifier::Citations(list, nowhere()));
    }
    if c.subjects.len() > 1 {
        let state = match c.verb {
            ClaimVerb::Word(_, true) => State::Down,
            _ => State::Up,
        };
        let premises = c
            .subjects
            .iter()
            .map(|s| ConditionAst {
                entity: name(s.as_str()),
                state: Some(State::Up),
            })
            .collect();
        return Item::Conjunction(ConjunctionAst {
            premises,
            head: ConditionAst {
                entity: name(c.object.as_str()),
                state: Some(state),
            },
            modifiers,
            span: nowhere(),
        });
    }
    let verb = match c.verb {
        ClaimVerb::Word(w, _) => Verb::Word(name(w)),
        ClaimVerb::NoEffect => Verb::NoEffect(nowhere()),
    };
    Item::Statement(StatementAst {
        subject: name(c.subjects[0].as_str()),
        verb,
        objects: vec![name(c.object.as_str())],
        modifiers,
        span: nowhere(),
    })
}
