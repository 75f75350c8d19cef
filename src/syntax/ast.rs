//! The typed syntax tree. Every node keeps its span; equality ignores spans so that
//! `parse(fmt(x)) == parse(x)` can be checked directly.

use smallvec::SmallVec;
use std::borrow::Cow;
use thin_vec::ThinVec;

use crate::program::State;
use crate::source::Span;

/// A name as written: bare (`IL-1β`) or quoted (`"M2 polarization"`, unescaped here).
#[derive(Debug, Clone, Eq)]
pub struct Name<'a> {
    /// The name: for a quoted name, without the quotes and with escapes resolved.
    pub text: Cow<'a, str>,
    /// Written in double quotes.
    pub quoted: bool,
    /// Where it is written, quotes included.
    pub span: Span,
}

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// `ENTITY [up|down]`; `state` is `None` when omitted (it then means up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionAst<'a> {
    /// The entity the condition is about.
    pub entity: Name<'a>,
    /// `None` when not written (it then means up).
    pub state: Option<State>,
}

/// A confidence as written.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfidenceAst<'a> {
    /// `high` (0.9).
    High,
    /// `medium` (0.7, the default).
    Medium,
    /// `low` (0.4).
    Low,
    /// The number's text, kept verbatim for `fmt` and range-checked when lowering.
    Number(&'a str),
}

impl<'a> ConfidenceAst<'a> {
    /// A confidence word's AST; `None` for any other word.
    pub fn from_word(word: &str) -> Option<Self> {
        match word {
            "high" => Some(ConfidenceAst::High),
            "medium" => Some(ConfidenceAst::Medium),
            "low" => Some(ConfidenceAst::Low),
            _ => None,
        }
    }

    /// The word, or the number's text, as written.
    pub fn text(&self) -> &'a str {
        match self {
            ConfidenceAst::High => "high",
            ConfidenceAst::Medium => "medium",
            ConfidenceAst::Low => "low",
            ConfidenceAst::Number(text) => text,
        }
    }

    /// The strength: a word's value, or the number when it lies in (0, 1]; `None` for a
    /// number outside, which lowering reports.
    pub fn value(&self) -> Option<f64> {
        match self {
            ConfidenceAst::Number(text) => {
                text.parse::<f64>().ok().filter(|v| *v > 0.0 && *v <= 1.0)
            }
            word => word.word_value(),
        }
    }

    /// The strength a word stands for ([`CONFIDENCE_WORDS`](super::lexicon::CONFIDENCE_WORDS));
    /// `None` for a number, which lowering parses and range-checks.
    pub fn word_value(&self) -> Option<f64> {
        match self {
            ConfidenceAst::Number(_) => None,
            word => super::lexicon::confidence_of(word.text()),
        }
    }
}

/// One modifier of a statement or conjunction, in the order written.
#[derive(Debug, Clone, PartialEq)]
pub enum Modifier<'a> {
    /// `in CONTEXT`.
    In(Name<'a>),
    /// `when ENTITY [up|down]`.
    When(ConditionAst<'a>),
    /// `confidence X`, with the span of the whole modifier.
    Confidence(ConfidenceAst<'a>, Span),
    /// `disputed`: kept and cited, but off in runs unless asked for.
    Disputed(Span),
    /// The inside of `[…]` (span excludes the brackets), one entry per `;`-separated part.
    Citations(Vec<Citation<'a>>, Span),
}

/// One citation of a `[…]` block; equality ignores the span.
#[derive(Debug, Clone, Eq)]
pub struct Citation<'a> {
    /// The citation, trimmed, exactly as written (`PMID:123`); empty is an error when lowering.
    pub text: &'a str,
    /// Where the trimmed text is.
    pub span: Span,
}

impl PartialEq for Citation<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

/// The verb of a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb<'a> {
    /// A verb word, built-in or declared; resolved to a relation when lowering.
    Word(Name<'a>),
    /// `does not affect`
    NoEffect(Span),
}

/// `SUBJECT VERB OBJECT[, OBJECT…] modifiers…`
#[derive(Debug, Clone, PartialEq)]
pub struct StatementAst<'a> {
    /// Who acts.
    pub subject: Name<'a>,
    /// The verb, or `does not affect`.
    pub verb: Verb<'a>,
    /// One statement per object, sharing the modifiers. Nearly every line has one object,
    /// kept inline: a million lines then ask the allocator for nothing.
    pub objects: SmallVec<[Name<'a>; 1]>,
    /// In the order written; a thin list keeps a parsed line small, and lowering moves
    /// a million of them.
    pub modifiers: ThinVec<Modifier<'a>>,
    /// From the subject to its last part, without a trailing comment.
    pub span: Span,
}

/// `when A up and B down then C up modifiers…`
#[derive(Debug, Clone, PartialEq)]
pub struct ConjunctionAst<'a> {
    /// The conditions after `when`, joined by `and`.
    pub premises: Vec<ConditionAst<'a>>,
    /// The condition after `then`.
    pub head: ConditionAst<'a>,
    /// In the order written.
    pub modifiers: Vec<Modifier<'a>>,
    /// The whole conjunction.
    pub span: Span,
}

/// A term of a variable rule's atom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermAst<'a> {
    /// Without the `?`.
    Var(&'a str, Span),
    /// An entity name (a constant).
    Name(Name<'a>),
}

/// An atom of a variable rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtomAst<'a> {
    /// `TERM up|down`.
    State(TermAst<'a>, State, Span),
    /// `TERM VERB TERM`; the verb is any verb word, resolved when lowering.
    Relation(TermAst<'a>, Name<'a>, TermAst<'a>, Span),
}

/// `rule NAME [confidence X]: body => head`
#[derive(Debug, Clone, PartialEq)]
pub struct RuleAst<'a> {
    /// The rule's name.
    pub name: Name<'a>,
    /// `confidence X` and its span; `None` means 1.
    pub confidence: Option<(ConfidenceAst<'a>, Span)>,
    /// A `disputed` written on the rule: refused when lowering (rules are not claims).
    pub disputed: Option<Span>,
    /// The atoms before `=>`.
    pub body: Vec<AtomAst<'a>>,
    /// The atom after `=>`.
    pub head: AtomAst<'a>,
    /// The whole rule.
    pub span: Span,
}

/// `entity NAME [: KIND] [aka A, B]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityDecl<'a> {
    /// The entity declared.
    pub name: Name<'a>,
    /// `: KIND`, a free word.
    pub kind: Option<Name<'a>>,
    /// The names after `aka`.
    pub aliases: Vec<Name<'a>>,
    /// The whole declaration.
    pub span: Span,
}

/// What `expect` asserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectAst<'a> {
    /// `expect X up|down|conflicting|unaffected [via Y]`
    Net {
        /// The entity expected.
        entity: Name<'a>,
        /// `up`, `down`, `conflicting` or `unaffected` as written (checked when lowering).
        net: &'a str,
        /// The `via Y` entity.
        via: Option<Name<'a>>,
    },
    /// `expect not X up|down`
    Not {
        /// The entity expected.
        entity: Name<'a>,
        /// The state that must not hold.
        state: State,
    },
    /// `expect X leans up|down` (that side, plainly or as a conflict's lean), or with
    /// `conflicting: true`, `expect X conflicting leaning up|down` (a conflict only).
    Leans {
        /// The entity expected.
        entity: Name<'a>,
        /// The side it should lean to.
        state: State,
        /// Written `conflicting leaning`: a conflict is required.
        conflicting: bool,
    },
}

/// A line inside a scenario block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioItem<'a> {
    /// `given X [up|down], …`.
    Given(Vec<ConditionAst<'a>>, Span),
    /// `knockout X, …`: held down.
    Knockout(Vec<Name<'a>>, Span),
    /// `overexpress X, …`: held up.
    Overexpress(Vec<Name<'a>>, Span),
    /// `context C, …`: the contexts the scenario runs in.
    Context(Vec<Name<'a>>, Span),
    /// `expect …`.
    Expect(ExpectAst<'a>, Span),
    /// `decisive R`, as written (validated when the scenario is lowered).
    Decisive(&'a str, Span),
    /// `max steps N`, as written.
    MaxSteps(&'a str, Span),
    /// `with disputed`: disputed statements fire in this scenario.
    WithDisputed(Span),
}

impl ScenarioItem<'_> {
    /// The whole line.
    pub fn span(&self) -> Span {
        match self {
            ScenarioItem::Given(_, s)
            | ScenarioItem::Knockout(_, s)
            | ScenarioItem::Overexpress(_, s)
            | ScenarioItem::Context(_, s)
            | ScenarioItem::Expect(_, s)
            | ScenarioItem::Decisive(_, s)
            | ScenarioItem::MaxSteps(_, s)
            | ScenarioItem::WithDisputed(s) => *s,
        }
    }
}

/// `scenario NAME ["title"] { … }`, assembled from its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioAst<'a> {
    /// The scenario's name (a bare word).
    pub name: Name<'a>,
    /// The quoted title, unescaped.
    pub title: Option<Cow<'a, str>>,
    /// Its lines, in order.
    pub items: Vec<ScenarioItem<'a>>,
    /// From the `scenario` line to its closing `}`.
    pub span: Span,
}

/// A query, for `marrow ask` and the REPL (docs/language.md, "Queries").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query<'a> {
    /// `why [not] X up|down`.
    Why {
        /// Written `why not`.
        negated: bool,
        /// The entity asked about.
        entity: Name<'a>,
        /// The state asked about.
        state: State,
    },
    /// `effect of X [up|down] on Y` (up when not written).
    Effect {
        /// The entity raised or lowered.
        source: Name<'a>,
        /// Its new state.
        state: State,
        /// The entity whose change is asked for.
        target: Name<'a>,
    },
    /// `path from X to Y`.
    Path {
        /// Where paths start.
        source: Name<'a>,
        /// Where paths end.
        target: Name<'a>,
    },
}

/// A top-level item of a rule file (blocks are flattened: statements carry their
/// enclosing contexts, see [`crate::syntax::parse_file`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    /// `SUBJECT VERB OBJECT…`.
    Statement(StatementAst<'a>),
    /// `when … then …`.
    Conjunction(ConjunctionAst<'a>),
    /// `rule NAME: … => …`; boxed because it is rare and the largest item, and every
    /// line of a file is moved as an item.
    Rule(Box<RuleAst<'a>>),
    /// `entity NAME …`.
    Entity(EntityDecl<'a>),
    /// `outcome NAME, …`.
    Outcome(Vec<Name<'a>>, Span),
    /// `verb WORD = RELATION`.
    Verb {
        /// The new verb word.
        word: Name<'a>,
        /// What it means: a relation or another verb word.
        relation: Name<'a>,
        /// The whole declaration.
        span: Span,
    },
    /// `include "PATH"`.
    Include {
        /// The path as written (unescaped), relative to the including file.
        path: Cow<'a, str>,
        /// The whole line.
        span: Span,
    },
    /// `scenario NAME { … }`, with its lines.
    Scenario(ScenarioAst<'a>),
}

/// What one segment (line part) holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    /// Blank, or only a comment.
    Empty,
    /// A top-level item.
    Item(Item<'a>),
    /// A line that belongs inside a scenario block.
    ScenarioItem(ScenarioItem<'a>),
    /// `context C {`, with the span of the line.
    ContextOpen(Name<'a>, Span),
    /// `scenario NAME ["title"] {`.
    ScenarioOpen {
        /// The scenario's name.
        name: Name<'a>,
        /// The quoted title, unescaped.
        title: Option<Cow<'a, str>>,
        /// The opening line.
        span: Span,
    },
    /// `}`.
    Close(Span),
    /// A query: only `ask` and the REPL take one.
    Query(Query<'a>, Span),
}
