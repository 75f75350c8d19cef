//! Grammar pairs → AST, one small function per grammar rule.

// pest_derive generates `Rule` (one variant per grammar rule) and `Rule::all_rules` with no
// docs and no way to attach any; every item written in this module is documented.
#![allow(missing_docs)]

use std::borrow::Cow;
use std::cell::Cell;

use pest::Parser;
use pest::iterators::Pair;

use super::ast::*;
use super::errors::syntax_error;
use crate::diagnostics::{Code, Diag};
use crate::program::State;
use crate::source::{FileId, Span};

/// The help of a query that does not parse: the four forms a query takes.
pub const QUERY_FORMS: &str = "a query is one of: `why X up|down`, `why not X up|down`, \
`effect of X [up|down] on Y`, `path from X to Y`";

/// The pest parser generated from `grammar/marrow.pest`.
#[derive(pest_derive::Parser)]
#[grammar = "grammar/marrow.pest"]
pub struct MarrowParser;

/// Children of a pair without the keyword tokens (`when`, `in`, …), which carry no
/// information once the grammar has matched them.
fn children<'a>(pair: Pair<'a, Rule>) -> impl Iterator<Item = Pair<'a, Rule>> {
    pair.into_inner().filter(|p| !is_keyword(p.as_rule()))
}

fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_in
            | Rule::kw_when
            | Rule::kw_and
            | Rule::kw_then
            | Rule::kw_not
            | Rule::kw_via
            | Rule::kw_confidence
            | Rule::kw_given
            | Rule::kw_knockout
            | Rule::kw_overexpress
            | Rule::kw_expect
            | Rule::kw_context
            | Rule::kw_scenario
            | Rule::kw_rule
            | Rule::kw_decisive
            | Rule::kw_max
            | Rule::kw_steps
            | Rule::kw_leans
            | Rule::kw_leaning
            | Rule::kw_entity
            | Rule::kw_outcome
            | Rule::kw_verb
            | Rule::kw_include
            | Rule::kw_aka
            | Rule::kw_why
            | Rule::kw_does
            | Rule::kw_affect
            | Rule::kw_effect
            | Rule::kw_of
            | Rule::kw_on
            | Rule::kw_path
            | Rule::kw_from
            | Rule::kw_to
            | Rule::kw_with
            | Rule::kw_disputed
    )
}

/// Where a pair's text really ends: at its last token, excluding trivia that a trailing
/// optional or repetition skipped before failing.
fn tight_end(pair: &Pair<'_, Rule>) -> usize {
    if matches!(
        pair.as_rule(),
        Rule::citations | Rule::quoted | Rule::string
    ) {
        return pair.as_span().end();
    }
    match pair.clone().into_inner().last() {
        Some(last) => tight_end(&last),
        None => pair.as_span().end(),
    }
}

/// Parses segments of one file; turns pest positions into file spans.
#[derive(Clone)]
pub struct SegmentParser<'a> {
    /// The file spans are made in.
    pub file: FileId,
    /// The text parsed: a whole file (segments are ranges of it) or one query.
    pub text: &'a str,
    /// Byte offset of the segment in the file.
    pub offset: usize,
    /// Where an AST builder met a shape the grammar should never produce.
    broken: Cell<Option<Span>>,
}

impl<'a> SegmentParser<'a> {
    /// Parse one segment (`text[start..end]`) with the `line` rule.
    pub fn line(file: FileId, text: &'a str, start: usize, end: usize) -> Result<Line<'a>, Diag> {
        match super::fast::statement(file, text, start, end) {
            Some(line) => Ok(line),
            None => Self::line_with_grammar(file, text, start, end),
        }
    }

    /// Parse one segment with the pest grammar only, bypassing the fast path (which
    /// must agree with it; see `tests/it/fast_path.rs`).
    pub fn line_with_grammar(
        file: FileId,
        text: &'a str,
        start: usize,
        end: usize,
    ) -> Result<Line<'a>, Diag> {
        let p = SegmentParser {
            file,
            text,
            offset: start,
            broken: Cell::new(None),
        };
        let src = &text[start..end];
        if src
            .trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r')
            .is_empty()
        {
            return Ok(Line::Empty);
        }
        let mut pairs =
            MarrowParser::parse(Rule::line, src).map_err(|e| syntax_error(&p, src, e))?;
        let line = pairs.next().map(|l| children(l));
        let item = line.and_then(|mut inner| inner.find(|p| p.as_rule() != Rule::EOI));
        let line = match item {
            None => Line::Empty,
            Some(pair) => p.line_item(pair),
        };
        p.checked(line)
    }

    /// `value`, unless building it met a shape the grammar should never produce.
    fn checked<T>(&self, value: T) -> Result<T, Diag> {
        match self.broken.get() {
            None => Ok(value),
            Some(span) => Err(Diag::internal("the parser lost part of this line")
                .at(span, "this line could not be read")),
        }
    }

    /// Parse a query for `marrow ask` (and an interactive session).
    pub fn parse_query(file: FileId, text: &'a str) -> Result<Query<'a>, Diag> {
        let p = SegmentParser {
            file,
            text,
            offset: 0,
            broken: Cell::new(None),
        };
        let mut pairs = MarrowParser::parse(Rule::query_line, text).map_err(|e| {
            let mut d = syntax_error(&p, text, e);
            d.help = Some(QUERY_FORMS.to_string());
            d
        })?;
        let pair = pairs
            .next()
            .and_then(|l| children(l).find(|p| p.as_rule() != Rule::EOI));
        match pair {
            Some(pair) => {
                let query = p.query(pair);
                p.checked(query)
            }
            None => Err(Diag::error(Code::ParseSyntax, "empty query")),
        }
    }

    /// A pest pair's span in the file (pest positions are relative to the segment).
    pub fn span(&self, pair: &Pair<'a, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, self.offset + s.start(), self.offset + s.end())
    }

    fn line_item(&self, pair: Pair<'a, Rule>) -> Line<'a> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::context_open => Line::ContextOpen(self.first_name(pair), span),
            Rule::scenario_open => {
                let mut inner = children(pair);
                let name = inner
                    .next()
                    .map(|n| self.name_of(n))
                    .unwrap_or_else(|| self.empty(span));
                let title = inner.next().map(|s| self.string(s));
                Line::ScenarioOpen { name, title, span }
            }
            Rule::block_close => Line::Close(span),
            Rule::why_query | Rule::effect_query | Rule::path_query => {
                Line::Query(self.query(pair), span)
            }
            Rule::given
            | Rule::knockout
            | Rule::overexpress
            | Rule::scenario_context
            | Rule::expect
            | Rule::decisive_line
            | Rule::max_steps_line
            | Rule::with_disputed => Line::ScenarioItem(self.scenario_item(pair)),
            _ => Line::Item(self.item(pair)),
        }
    }

    fn item(&self, pair: Pair<'a, Rule>) -> Item<'a> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::include => {
                let path = children(pair)
                    .next()
                    .map(|s| self.string(s))
                    .unwrap_or_default();
                Item::Include { path, span }
            }
            Rule::entity_decl => Item::Entity(self.entity_decl(pair)),
            Rule::outcome_decl => Item::Outcome(self.names_in(pair), span),
            Rule::verb_decl => {
                let mut inner = children(pair);
                let word = self.next_name(&mut inner, span);
                let relation = self.next_name(&mut inner, span);
                Item::Verb {
                    word,
                    relation,
                    span,
                }
            }
            Rule::rule_decl => Item::Rule(Box::new(self.rule_decl(pair))),
            Rule::conjunction => Item::Conjunction(self.conjunction(pair)),
            _ => Item::Statement(self.statement(pair)),
        }
    }

    fn statement(&self, pair: Pair<'a, Rule>) -> StatementAst<'a> {
        // The statement ends with its last part, not with a trailing comment (pest counts
        // whitespace and comments skipped by a failed trailing `?` or `*` into the span).
        let last_end = tight_end(&pair);
        let mut span = self.span(&pair);
        span.end = crate::source::offset(self.offset + last_end);
        let mut inner = children(pair);
        let subject = self.next_name(&mut inner, span);
        let verb = match inner.next() {
            Some(v) => self.verb_phrase(v),
            None => Verb::NoEffect(span),
        };
        let objects = inner
            .next()
            .map(|l| self.name_list(l).into())
            .unwrap_or_default();
        let modifiers = inner.map(|m| self.modifier(m)).collect();
        StatementAst {
            subject,
            verb,
            objects,
            modifiers,
            span,
        }
    }

    fn verb_phrase(&self, pair: Pair<'a, Rule>) -> Verb<'a> {
        let span = self.span(&pair);
        match children(pair).next() {
            Some(p) if p.as_rule() == Rule::verb_word => Verb::Word(self.word(p)),
            _ => Verb::NoEffect(span),
        }
    }

    fn modifier(&self, pair: Pair<'a, Rule>) -> Modifier<'a> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::context_mod => Modifier::In(self.first_name(pair)),
            Rule::condition_mod => {
                let cond = children(pair).next().map(|c| self.condition(c));
                Modifier::When(cond.unwrap_or_else(|| ConditionAst {
                    entity: self.empty(span),
                    state: None,
                }))
            }
            Rule::confidence_mod => Modifier::Confidence(self.confidence_in(pair), span),
            Rule::disputed_mod => Modifier::Disputed(span),
            _ => {
                let citations = children(pair)
                    .map(|c| {
                        let cspan = self.span(&c);
                        let raw = c.as_str();
                        let lead = raw.len() - raw.trim_start().len();
                        let text = raw.trim();
                        Citation {
                            text,
                            span: Span::new(
                                cspan.file,
                                cspan.start as usize + lead,
                                cspan.start as usize + lead + text.len(),
                            ),
                        }
                    })
                    .collect();
                let inside = Span::new(span.file, span.start as usize + 1, span.end as usize - 1);
                Modifier::Citations(citations, inside)
            }
        }
    }

    fn confidence_in(&self, pair: Pair<'a, Rule>) -> ConfidenceAst<'a> {
        let conf = children(pair).next();
        let value = conf.and_then(|c| children(c).next());
        match value.as_ref().map(|v| v.as_rule()) {
            Some(Rule::high) => ConfidenceAst::High,
            Some(Rule::low) => ConfidenceAst::Low,
            Some(Rule::number) => ConfidenceAst::Number(value.map(|v| v.as_str()).unwrap_or("")),
            _ => ConfidenceAst::Medium,
        }
    }

    fn condition(&self, pair: Pair<'a, Rule>) -> ConditionAst<'a> {
        let span = self.span(&pair);
        let mut inner = children(pair);
        let entity = self.next_name(&mut inner, span);
        let state = inner.next().map(|s| self.state(s));
        ConditionAst { entity, state }
    }

    fn state(&self, pair: Pair<'a, Rule>) -> State {
        let rule = children(pair)
            .next()
            .map(|p| p.as_rule())
            .unwrap_or(Rule::up);
        if rule == Rule::down {
            State::Down
        } else {
            State::Up
        }
    }

    fn conjunction(&self, pair: Pair<'a, Rule>) -> ConjunctionAst<'a> {
        let span = self.span(&pair);
        let mut premises = Vec::new();
        let mut head = None;
        let mut modifiers = Vec::new();
        for p in children(pair) {
            match p.as_rule() {
                Rule::condition => premises.push(self.condition(p)),
                Rule::head_condition => head = Some(self.condition(p)),
                _ => modifiers.push(self.modifier(p)),
            }
        }
        ConjunctionAst {
            premises,
            head: head.unwrap_or_else(|| ConditionAst {
                entity: self.empty(span),
                state: Some(State::Up),
            }),
            modifiers,
            span,
        }
    }

    fn rule_decl(&self, pair: Pair<'a, Rule>) -> RuleAst<'a> {
        let span = self.span(&pair);
        let mut name = None;
        let mut confidence = None;
        let mut disputed = None;
        let mut body = Vec::new();
        let mut head = None;
        for p in children(pair) {
            match p.as_rule() {
                Rule::rule_name => name = Some(self.word(p)),
                Rule::confidence_mod => {
                    let cspan = self.span(&p);
                    confidence = Some((self.confidence_in(p), cspan));
                }
                Rule::disputed_mod => disputed = Some(self.span(&p)),
                Rule::rule_body => body = children(p).map(|a| self.atom(a)).collect(),
                _ => head = Some(self.atom(p)),
            }
        }
        let head = head
            .unwrap_or_else(|| AtomAst::State(TermAst::Name(self.empty(span)), State::Up, span));
        RuleAst {
            name: name.unwrap_or_else(|| self.empty(span)),
            confidence,
            disputed,
            body,
            head,
            span,
        }
    }

    fn atom(&self, pair: Pair<'a, Rule>) -> AtomAst<'a> {
        let span = self.span(&pair);
        let Some(inner) = children(pair).next() else {
            return AtomAst::State(TermAst::Name(self.empty(span)), State::Up, span);
        };
        let rule = inner.as_rule();
        let mut parts = children(inner);
        let first = parts.next().map(|t| self.term(t));
        let first = first.unwrap_or_else(|| TermAst::Name(self.empty(span)));
        if rule == Rule::state_atom {
            let state = parts.next().map(|s| self.state(s)).unwrap_or(State::Up);
            AtomAst::State(first, state, span)
        } else {
            let verb = parts
                .next()
                .map(|v| self.word(v))
                .unwrap_or_else(|| self.empty(span));
            let second = parts
                .next()
                .map(|t| self.term(t))
                .unwrap_or_else(|| TermAst::Name(self.empty(span)));
            AtomAst::Relation(first, verb, second, span)
        }
    }

    fn term(&self, pair: Pair<'a, Rule>) -> TermAst<'a> {
        let span = self.span(&pair);
        match children(pair).next() {
            Some(v) if v.as_rule() == Rule::variable => {
                TermAst::Var(&v.as_str()[1..], self.span(&v))
            }
            Some(n) => TermAst::Name(self.name_of(n)),
            None => TermAst::Name(self.empty(span)),
        }
    }

    fn entity_decl(&self, pair: Pair<'a, Rule>) -> EntityDecl<'a> {
        let span = self.span(&pair);
        let mut inner = children(pair);
        let name = self.next_name(&mut inner, span);
        let mut kind = None;
        let mut aliases = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::kind => kind = Some(self.word(p)),
                _ => aliases = self.name_list(p),
            }
        }
        EntityDecl {
            name,
            kind,
            aliases,
            span,
        }
    }

    fn scenario_item(&self, pair: Pair<'a, Rule>) -> ScenarioItem<'a> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::given => {
                ScenarioItem::Given(children(pair).map(|c| self.condition(c)).collect(), span)
            }
            Rule::knockout => ScenarioItem::Knockout(self.names_in(pair), span),
            Rule::overexpress => ScenarioItem::Overexpress(self.names_in(pair), span),
            Rule::scenario_context => ScenarioItem::Context(self.names_in(pair), span),
            Rule::decisive_line => ScenarioItem::Decisive(number_in(pair), span),
            Rule::max_steps_line => ScenarioItem::MaxSteps(number_in(pair), span),
            Rule::with_disputed => ScenarioItem::WithDisputed(span),
            _ => ScenarioItem::Expect(self.expect(pair, span), span),
        }
    }

    fn expect(&self, pair: Pair<'a, Rule>, span: Span) -> ExpectAst<'a> {
        let Some(form) = children(pair).next() else {
            return ExpectAst::Not {
                entity: self.empty(span),
                state: State::Up,
            };
        };
        let negated = form.as_rule() == Rule::expect_not;
        let mut inner = children(form);
        let entity = self.next_name(&mut inner, span);
        if negated {
            let state = inner.next().map(|s| self.state(s)).unwrap_or(State::Up);
            return ExpectAst::Not { entity, state };
        }
        let Some(kind) = inner.next() else {
            return ExpectAst::Net {
                entity,
                net: "up",
                via: None,
            };
        };
        if matches!(kind.as_rule(), Rule::leans | Rule::conflicting_leaning) {
            let conflicting = kind.as_rule() == Rule::conflicting_leaning;
            let state = children(kind)
                .find(|c| c.as_rule() == Rule::state)
                .map(|s| self.state(s))
                .unwrap_or(State::Up);
            return ExpectAst::Leans {
                entity,
                state,
                conflicting,
            };
        }
        let net = Some(kind)
            .and_then(|n| children(n).next())
            .map(|n| n.as_str())
            .unwrap_or("up");
        let via = inner.next().map(|v| self.first_name(v));
        ExpectAst::Net { entity, net, via }
    }

    fn query(&self, pair: Pair<'a, Rule>) -> Query<'a> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut inner = children(pair).peekable();
        match rule {
            Rule::why_query => {
                let negated = inner.peek().map(|p| p.as_rule()) == Some(Rule::negated);
                if negated {
                    inner.next();
                }
                let entity = self.next_name(&mut inner, span);
                let state = inner.next().map(|s| self.state(s)).unwrap_or(State::Up);
                Query::Why {
                    negated,
                    entity,
                    state,
                }
            }
            Rule::effect_query => {
                let source = self.next_name(&mut inner, span);
                let state = match inner.peek().map(|p| p.as_rule()) {
                    Some(Rule::state) => inner.next().map(|s| self.state(s)),
                    _ => None,
                }
                .unwrap_or(State::Up);
                Query::Effect {
                    source,
                    state,
                    target: self.next_name(&mut inner, span),
                }
            }
            _ => Query::Path {
                source: self.next_name(&mut inner, span),
                target: self.next_name(&mut inner, span),
            },
        }
    }

    // ------------------------------------------------------------ names

    fn name_of(&self, pair: Pair<'a, Rule>) -> Name<'a> {
        // `name` wraps `bare` or `quoted`; callers may also pass those directly.
        let pair = if pair.as_rule() == Rule::name {
            match children(pair).next() {
                Some(p) => p,
                None => return self.empty(Span::new(self.file, self.offset, self.offset)),
            }
        } else {
            pair
        };
        let span = self.span(&pair);
        if pair.as_rule() == Rule::quoted || pair.as_rule() == Rule::string {
            Name {
                text: self.string(pair),
                quoted: true,
                span,
            }
        } else {
            Name {
                text: Cow::Borrowed(pair.as_str()),
                quoted: false,
                span,
            }
        }
    }

    fn word(&self, pair: Pair<'a, Rule>) -> Name<'a> {
        Name {
            text: Cow::Borrowed(pair.as_str()),
            quoted: false,
            span: self.span(&pair),
        }
    }

    fn string(&self, pair: Pair<'a, Rule>) -> Cow<'a, str> {
        let raw = children(pair).next().map(|p| p.as_str()).unwrap_or("");
        if raw.contains('\\') {
            let mut out = String::with_capacity(raw.len());
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    if let Some(n) = chars.next() {
                        out.push(n);
                    }
                } else {
                    out.push(c);
                }
            }
            Cow::Owned(out)
        } else {
            Cow::Borrowed(raw)
        }
    }

    fn name_list(&self, pair: Pair<'a, Rule>) -> Vec<Name<'a>> {
        children(pair).map(|n| self.name_of(n)).collect()
    }

    /// The names of a rule whose children are a `name_list` or names.
    fn names_in(&self, pair: Pair<'a, Rule>) -> Vec<Name<'a>> {
        let mut out = Vec::new();
        for p in children(pair) {
            if p.as_rule() == Rule::name_list {
                out.extend(self.name_list(p));
            } else {
                out.push(self.name_of(p));
            }
        }
        out
    }

    fn first_name(&self, pair: Pair<'a, Rule>) -> Name<'a> {
        let span = self.span(&pair);
        children(pair)
            .next()
            .map(|n| self.name_of(n))
            .unwrap_or_else(|| self.empty(span))
    }

    fn next_name(&self, inner: &mut impl Iterator<Item = Pair<'a, Rule>>, span: Span) -> Name<'a> {
        inner
            .next()
            .map(|n| match n.as_rule() {
                Rule::verb_word => self.word(n),
                _ => self.name_of(n),
            })
            .unwrap_or_else(|| self.empty(span))
    }

    /// A part the grammar guarantees is missing: a bug, not bad input. Asserted in debug
    /// builds; in release the line is reported as an internal error (see
    /// [`Self::checked`]) rather than lowered with a nameless entity.
    fn empty(&self, span: Span) -> Name<'a> {
        debug_assert!(
            false,
            "the grammar accepted a line without a part it requires"
        );
        if self.broken.get().is_none() {
            self.broken.set(Some(span));
        }
        Name {
            text: Cow::Borrowed(""),
            quoted: false,
            span,
        }
    }
}

/// The number of a `decisive R` / `max steps N` line, as written.
fn number_in(pair: Pair<'_, Rule>) -> &str {
    children(pair)
        .find(|c| c.as_rule() == Rule::number)
        .map_or("", |n| n.as_str())
}
