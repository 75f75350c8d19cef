//! The typed syntax tree. Every node keeps its span; equality ignores spans so that
//! `parse(fmt(x)) == parse(x)` can be checked directly.

use std::borrow::Cow;

use crate::program::State;
use crate::source::Span;

/// A name as written: bare (`IL-1β`) or quoted (`"M2 polarization"`, unescaped here).
#[derive(Debug, Clone, Eq)]
pub struct Name<'a> {
    pub text: Cow<'a, str>,
    pub quoted: bool,
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
    pub entity: Name<'a>,
    pub state: Option<State>,
}

/// A confidence as written.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfidenceAst<'a> {
    High,
    Medium,
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
    In(Name<'a>),
    When(ConditionAst<'a>),
    Confidence(ConfidenceAst<'a>, Span),
    /// `disputed`: kept and cited, but off in runs unless asked for.
    Disputed(Span),
    /// The inside of `[…]` (span excludes the brackets), one entry per `;`-separated part.
    Citations(Vec<Citation<'a>>, Span),
}

#[derive(Debug, Clone, Eq)]
pub struct Citation<'a> {
    pub text: &'a str,
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
    Word(Name<'a>),
    /// `does not affect`
    NoEffect(Span),
}

/// `SUBJECT VERB OBJECT[, OBJECT…] modifiers…`
#[derive(Debug, Clone, PartialEq)]
pub struct StatementAst<'a> {
    pub subject: Name<'a>,
    pub verb: Verb<'a>,
    pub objects: Vec<Name<'a>>,
    pub modifiers: Vec<Modifier<'a>>,
    pub span: Span,
}

/// `when A up and B down then C up modifiers…`
#[derive(Debug, Clone, PartialEq)]
pub struct ConjunctionAst<'a> {
    pub premises: Vec<ConditionAst<'a>>,
    pub head: ConditionAst<'a>,
    pub modifiers: Vec<Modifier<'a>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermAst<'a> {
    /// Without the `?`.
    Var(&'a str, Span),
    Name(Name<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AtomAst<'a> {
    State(TermAst<'a>, State, Span),
    Relation(TermAst<'a>, Name<'a>, TermAst<'a>, Span),
}

/// `rule NAME [confidence X]: body => head`
#[derive(Debug, Clone, PartialEq)]
pub struct RuleAst<'a> {
    pub name: Name<'a>,
    pub confidence: Option<(ConfidenceAst<'a>, Span)>,
    /// A `disputed` written on the rule: refused when lowering (rules are not claims).
    pub disputed: Option<Span>,
    pub body: Vec<AtomAst<'a>>,
    pub head: AtomAst<'a>,
    pub span: Span,
}

/// `entity NAME [: KIND] [aka A, B]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityDecl<'a> {
    pub name: Name<'a>,
    pub kind: Option<Name<'a>>,
    pub aliases: Vec<Name<'a>>,
    pub span: Span,
}

/// What `expect` asserts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectAst<'a> {
    /// `expect X up|down|conflicting|unaffected [via Y]`
    Net {
        entity: Name<'a>,
        net: &'a str,
        via: Option<Name<'a>>,
    },
    /// `expect not X up|down`
    Not { entity: Name<'a>, state: State },
    /// `expect X leans up|down` (that side, plainly or as a conflict's lean), or with
    /// `conflicting: true`, `expect X conflicting leaning up|down` (a conflict only).
    Leans {
        entity: Name<'a>,
        state: State,
        conflicting: bool,
    },
}

/// A line inside a scenario block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioItem<'a> {
    Given(Vec<ConditionAst<'a>>, Span),
    Knockout(Vec<Name<'a>>, Span),
    Overexpress(Vec<Name<'a>>, Span),
    Context(Vec<Name<'a>>, Span),
    Expect(ExpectAst<'a>, Span),
    /// `decisive R`, as written (validated when the scenario is lowered).
    Decisive(&'a str, Span),
    /// `max steps N`, as written.
    MaxSteps(&'a str, Span),
    /// `with disputed`: disputed statements fire in this scenario.
    WithDisputed(Span),
}

impl ScenarioItem<'_> {
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
    pub name: Name<'a>,
    pub title: Option<Cow<'a, str>>,
    pub items: Vec<ScenarioItem<'a>>,
    pub span: Span,
}

/// A query, for `marrow ask`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query<'a> {
    Why {
        negated: bool,
        entity: Name<'a>,
        state: State,
    },
    /// `effect of X [up|down] on Y` (up when not written).
    Effect {
        source: Name<'a>,
        state: State,
        target: Name<'a>,
    },
    Path {
        source: Name<'a>,
        target: Name<'a>,
    },
}

/// A top-level item of a rule file (blocks are flattened: statements carry their
/// enclosing contexts, see [`crate::syntax::parse_file`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'a> {
    Statement(StatementAst<'a>),
    Conjunction(ConjunctionAst<'a>),
    Rule(RuleAst<'a>),
    Entity(EntityDecl<'a>),
    Outcome(Vec<Name<'a>>, Span),
    Verb {
        word: Name<'a>,
        relation: Name<'a>,
        span: Span,
    },
    Include {
        path: Cow<'a, str>,
        span: Span,
    },
    Scenario(ScenarioAst<'a>),
}

/// What one segment (line part) holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Line<'a> {
    Empty,
    Item(Item<'a>),
    ScenarioItem(ScenarioItem<'a>),
    ContextOpen(Name<'a>, Span),
    ScenarioOpen {
        name: Name<'a>,
        title: Option<Cow<'a, str>>,
        span: Span,
    },
    Close(Span),
    Query(Query<'a>, Span),
}
