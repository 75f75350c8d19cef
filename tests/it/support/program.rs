//! Random programs for the property tests: one proptest strategy, so that every failure
//! shrinks to a small program, and one rendering of it as rule text.
//!
//! [`program`] generates a [`RandomProgram`] of a [`Profile`]: what the engine evaluates
//! (built directly through [`RandomProgram::build`], compared with a reference), what the
//! formatter must lay out (every construct of the language, as text), or plain statement
//! lines as networks write them (for the statement fast path and lowering on two cores).
//! [`statement`] generates one statement line of a profile.

use std::fmt;

use marrow::engine::RunConfig;
use marrow::program::{
    Atom as EngineAtom, Clamp, ClampKind, Program, Relation, State, Term as EngineTerm,
};
use proptest::prelude::*;
use proptest::strategy::Union;

use super::engine::Builder;

/// What a generated program is for.
#[derive(Clone, Copy, Debug)]
pub enum Profile {
    /// A program for the evaluator: 2–7 entities `e0`…, 0–2 contexts `c0`…, outcomes,
    /// statements with the builtin verbs (signs, cargo), few distinct confidences (so
    /// ties are common), conditions and contexts, conjunctions, null results, variable
    /// rules joining states and relations, usually the prelude; and a run (givens,
    /// knockouts, overexpressions, a selected context, a bound on the steps).
    Engine,
    /// Everything the formatter lays out, and that parses: Unicode and quoted names (with
    /// escapes, keywords in quotes), several objects, every modifier in any order and
    /// repeated, citation lists, trailing comments, comment and blank lines, nested and
    /// one-line context blocks, declarations, variable rules, scenarios and includes.
    Layout,
    /// Plain statement lines with names as real networks write them (bare, Unicode,
    /// quoted with escapes, BEL terms), modifiers in any order and comments anywhere.
    Lines,
}

/// A generated program: its lines, and for [`Profile::Engine`] the run to evaluate.
#[derive(Clone)]
pub struct RandomProgram {
    /// Whether the prelude's rules take part (only a built program can leave them out).
    pub prelude: bool,
    /// Contexts that exist before any line names them (the engine's `c0`…).
    pub contexts: Vec<String>,
    pub items: Vec<Item>,
    /// The run (rendered as the scenario `run` at the end of the text).
    pub run: Option<Scenario>,
}

/// One item of a program: a line, or a block of lines.
#[derive(Clone, Debug)]
pub enum Item {
    Statement(Statement),
    Conjunction(Conjunction),
    /// A declaration and its trailing comment (`""` or `" # …"`).
    Declaration(Declaration, &'static str),
    Rule(Rule),
    Scenario(Scenario),
    Context(Context),
    Blank,
    /// `# a comment line`
    CommentLine,
    /// `include "x.rules"`
    Include,
}

/// `SUBJECT VERB OBJECT, … MODIFIER…` and a trailing comment.
#[derive(Clone)]
pub struct Statement {
    /// Names as written (quoted when they are).
    pub subject: String,
    pub verb: &'static str,
    pub objects: Vec<String>,
    pub modifiers: Vec<Modifier>,
    /// `""`, or the rest of the line from its `#` with the blanks before it.
    pub comment: String,
}

/// `when A [up|down] and … then B up|down MODIFIER…`: no `when` among the modifiers.
#[derive(Clone, Debug)]
pub struct Conjunction {
    pub premises: Vec<(String, Option<State>)>,
    pub head: (String, State),
    pub modifiers: Vec<Modifier>,
    pub comment: &'static str,
}

#[derive(Clone, Debug)]
pub enum Modifier {
    In(String),
    /// `when NAME [up|down]` (no state: up).
    When(String, Option<State>),
    /// `confidence WORD|NUMBER`, as written.
    Confidence(String),
    Disputed,
    /// `[…]`: the text between the brackets.
    Citations(String),
}

#[derive(Clone, Debug)]
pub enum Declaration {
    Entity {
        name: String,
        kind: Option<String>,
        aka: Vec<String>,
    },
    Outcome(Vec<String>),
    /// `verb quells = inhibits`
    Verb,
}

/// `rule NAME [confidence C]: ATOM, … => ATOM`.
#[derive(Clone, Debug)]
pub struct Rule {
    pub name: String,
    /// As written; `None`: the default.
    pub confidence: Option<String>,
    /// How many variables the rule declares to the engine (`?x`, `?y`, `?z`, `?v3`…; an
    /// unused one ranges freely).
    pub variables: usize,
    pub body: Vec<Atom>,
    pub head: Atom,
}

#[derive(Clone, Debug)]
pub enum Atom {
    State(Term, State),
    Relation(Term, Relation, Term),
}

#[derive(Clone, Debug)]
pub enum Term {
    Var(u32),
    Name(String),
}

/// `scenario NAME ["TITLE"] { ENTRY… }`, each entry with its trailing comment.
#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub title: Option<&'static str>,
    pub entries: Vec<(Entry, &'static str)>,
}

#[derive(Clone, Debug)]
pub enum Entry {
    Given(String, Option<State>),
    Knockout(Vec<String>),
    Overexpress(Vec<String>),
    Context(Vec<String>),
    MaxSteps(u32),
    /// `expect NAME up|down|conflicting|unaffected [via NAME]`
    Expect(String, &'static str, Option<String>),
    ExpectNot(String, State),
}

/// `context NAME { … }`, on several lines or on one.
#[derive(Clone, Debug)]
pub struct Context {
    pub name: String,
    pub one_line: bool,
    pub items: Vec<Item>,
}

// ---------------------------------------------------------------- the strategies

/// Random programs of a profile.
pub fn program(profile: Profile) -> BoxedStrategy<RandomProgram> {
    match profile {
        Profile::Engine => engine_program(),
        Profile::Layout => prop::collection::vec(
            prop_oneof![
                6 => block(),
                1 => layout_rule().prop_map(Item::Rule),
                1 => scenario().prop_map(Item::Scenario),
                1 => Just(Item::Include),
            ],
            0..12,
        )
        .prop_map(RandomProgram::text)
        .boxed(),
        Profile::Lines => prop::collection::vec(statement(Profile::Lines), 0..24)
            .prop_map(|lines| RandomProgram::text(lines.into_iter().map(Item::Statement).collect()))
            .boxed(),
    }
}

/// One statement line of a profile.
pub fn statement(profile: Profile) -> BoxedStrategy<Statement> {
    match profile {
        Profile::Engine => engine_statement(entity(8), context(2)),
        Profile::Layout => layout_statement(),
        Profile::Lines => wild_statement(),
    }
}

fn state() -> impl Strategy<Value = State> + Clone {
    prop_oneof![Just(State::Up), Just(State::Down)]
}

/// No state (up), up or down, each a third of the time.
fn maybe_state() -> impl Strategy<Value = Option<State>> + Clone {
    prop_oneof![Just(None), Just(Some(State::Up)), Just(Some(State::Down))]
}

fn relation() -> impl Strategy<Value = Relation> + Clone {
    prop_oneof![
        Just(Relation::Activates),
        Just(Relation::Inhibits),
        Just(Relation::Carries)
    ]
}

fn strings(options: &[&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(options.to_vec())
        .prop_map(String::from)
        .boxed()
}

// ------------------------------------------------ the engine's programs

/// `e0` … `e{n-1}` (shrinking towards `e0`).
fn entity(n: usize) -> BoxedStrategy<String> {
    (0..n).prop_map(|i| format!("e{i}")).boxed()
}

/// `c0` … `c{k-1}`; none when `k` is 0.
fn context(k: usize) -> Option<BoxedStrategy<String>> {
    (k > 0).then(|| (0..k).prop_map(|i| format!("c{i}")).boxed())
}

/// Few distinct values, so that ties (equal strength, different steps) are common.
fn engine_confidence() -> BoxedStrategy<String> {
    prop_oneof![
        Just("0.4".to_string()),
        Just("0.7".to_string()),
        Just("0.9".to_string()),
        Just("1".to_string()),
        Just("0.5".to_string()),
        (1u32..=1000).prop_map(|k| (f64::from(k) / 1000.0).to_string()),
    ]
    .boxed()
}

/// Contexts of an item: none 60% of the time (always when there are none), else one or
/// two (maybe the same twice).
fn engine_contexts(context: &Option<BoxedStrategy<String>>) -> BoxedStrategy<Vec<Modifier>> {
    match context {
        None => Just(Vec::new()).boxed(),
        Some(c) => prop::option::weighted(
            0.4,
            prop::collection::vec(c.clone().prop_map(Modifier::In), 1..3),
        )
        .prop_map(Option::unwrap_or_default)
        .boxed(),
    }
}

fn engine_statement(
    entity: BoxedStrategy<String>,
    context: Option<BoxedStrategy<String>>,
) -> BoxedStrategy<Statement> {
    let verb = prop::sample::select(vec![
        "activates",
        "inhibits",
        "carries",
        "promotes",
        "suppresses",
    ]);
    let conditions = prop::option::weighted(
        0.15,
        prop::collection::vec(
            (entity.clone(), state()).prop_map(|(e, s)| Modifier::When(e, Some(s))),
            1..3,
        ),
    )
    .prop_map(Option::unwrap_or_default);
    (
        entity.clone(),
        verb,
        entity,
        engine_confidence(),
        conditions,
        engine_contexts(&context),
    )
        .prop_map(
            |(subject, verb, object, confidence, mut modifiers, contexts)| {
                modifiers.extend(contexts);
                modifiers.push(Modifier::Confidence(confidence));
                Statement {
                    subject,
                    verb,
                    objects: vec![object],
                    modifiers,
                    comment: String::new(),
                }
            },
        )
        .boxed()
}

fn engine_conjunction(
    entity: BoxedStrategy<String>,
    context: Option<BoxedStrategy<String>>,
) -> BoxedStrategy<Conjunction> {
    (
        prop::collection::vec((entity.clone(), state().prop_map(Some)), 1..4),
        (entity, state()),
        engine_confidence(),
        engine_contexts(&context),
    )
        .prop_map(|(premises, head, confidence, mut modifiers)| {
            modifiers.push(Modifier::Confidence(confidence));
            Conjunction {
                premises,
                head,
                modifiers,
                comment: "",
            }
        })
        .boxed()
}

/// `S does not affect O` (medium confidence, like the builder's).
fn engine_null(
    entity: BoxedStrategy<String>,
    context: Option<BoxedStrategy<String>>,
) -> BoxedStrategy<Statement> {
    (entity.clone(), entity, engine_contexts(&context))
        .prop_map(|(subject, object, modifiers)| Statement {
            subject,
            verb: "does not affect",
            objects: vec![object],
            modifiers,
            comment: String::new(),
        })
        .boxed()
}

/// A user rule: 1–3 variables, 1–3 body atoms over variables (80%) and entities, a head
/// whose terms come from the body.
fn engine_rule(entity: BoxedStrategy<String>, index: usize) -> BoxedStrategy<Rule> {
    (1u32..=3)
        .prop_flat_map(move |vars| {
            let term = prop_oneof![
                4 => (0..vars).prop_map(Term::Var),
                1 => entity.clone().prop_map(Term::Name),
            ];
            let atom = prop_oneof![
                (term.clone(), state()).prop_map(|(t, s)| Atom::State(t, s)),
                (term.clone(), relation(), term).prop_map(|(a, r, b)| Atom::Relation(a, r, b)),
            ];
            (
                Just(vars),
                prop::collection::vec(atom, 1..4),
                engine_confidence(),
            )
        })
        .prop_flat_map(move |(vars, body, confidence)| {
            let used: Vec<Term> = body
                .iter()
                .flat_map(|a| match a {
                    Atom::State(t, _) => vec![t.clone()],
                    Atom::Relation(a, _, b) => vec![a.clone(), b.clone()],
                })
                .collect();
            let used = prop::sample::select(used);
            let head =
                prop::option::weighted(0.6, (used.clone(), state())).prop_flat_map(move |st| {
                    match st {
                        Some((t, s)) => Just(Atom::State(t, s)).boxed(),
                        None => (used.clone(), relation(), used.clone())
                            .prop_map(|(a, r, b)| Atom::Relation(a, r, b))
                            .boxed(),
                    }
                });
            (Just((vars, body, confidence)), head)
        })
        .prop_map(move |((vars, body, confidence), head)| Rule {
            name: format!("user{index}"),
            confidence: Some(confidence),
            variables: vars as usize,
            body,
            head,
        })
        .boxed()
}

/// 1–3 clamps (given up or down, knockout, overexpression), sometimes a selected context
/// and a bound on the steps.
fn engine_run(
    entity: BoxedStrategy<String>,
    context: Option<BoxedStrategy<String>>,
) -> BoxedStrategy<Scenario> {
    let clamp = prop_oneof![
        (entity.clone(), state()).prop_map(|(e, s)| Entry::Given(e, Some(s))),
        entity.clone().prop_map(|e| Entry::Knockout(vec![e])),
        entity.prop_map(|e| Entry::Overexpress(vec![e])),
    ];
    let selected = match context {
        None => Just(None).boxed(),
        Some(c) => prop::option::of(c).boxed(),
    };
    (
        prop::collection::vec(clamp, 1..4),
        selected,
        prop::option::weighted(0.3, 0u32..5),
    )
        .prop_map(|(clamps, selected, max_steps)| {
            let mut entries: Vec<(Entry, &'static str)> =
                clamps.into_iter().map(|c| (c, "")).collect();
            entries.extend(selected.map(|c| (Entry::Context(vec![c]), "")));
            entries.extend(max_steps.map(|k| (Entry::MaxSteps(k), "")));
            Scenario {
                name: "run".into(),
                title: None,
                entries,
            }
        })
        .boxed()
}

fn engine_program() -> BoxedStrategy<RandomProgram> {
    (2usize..8, 0usize..3)
        .prop_flat_map(|(n, k)| {
            let e = entity(n);
            let c = context(k);
            let rules = prop::option::weighted(
                0.4,
                (1usize..3).prop_flat_map({
                    let e = e.clone();
                    move |count| {
                        (0..count)
                            .map(|i| engine_rule(e.clone(), i))
                            .collect::<Vec<_>>()
                    }
                }),
            )
            .prop_map(Option::unwrap_or_default);
            (
                Just((n, k)),
                prop::collection::vec(prop::bool::weighted(0.15), n),
                prop::bool::weighted(0.9),
                prop::collection::vec(engine_statement(e.clone(), c.clone()), 0..14),
                prop::collection::vec(engine_conjunction(e.clone(), c.clone()), 0..3),
                prop::collection::vec(engine_null(e.clone(), c.clone()), 0..3),
                rules,
                engine_run(e, c),
            )
        })
        .prop_map(
            |((n, k), outcome, prelude, statements, conjunctions, nulls, rules, run)| {
                let mut items: Vec<Item> = (0..n)
                    .map(|i| {
                        let entity = Declaration::Entity {
                            name: format!("e{i}"),
                            kind: None,
                            aka: Vec::new(),
                        };
                        Item::Declaration(entity, "")
                    })
                    .collect();
                let outcomes: Vec<String> = (0..n)
                    .filter(|&i| outcome[i])
                    .map(|i| format!("e{i}"))
                    .collect();
                if !outcomes.is_empty() {
                    items.push(Item::Declaration(Declaration::Outcome(outcomes), ""));
                }
                items.extend(statements.into_iter().map(Item::Statement));
                items.extend(conjunctions.into_iter().map(Item::Conjunction));
                items.extend(nulls.into_iter().map(Item::Statement));
                items.extend(rules.into_iter().map(Item::Rule));
                RandomProgram {
                    prelude,
                    contexts: (0..k).map(|i| format!("c{i}")).collect(),
                    items,
                    run: Some(run),
                }
            },
        )
        .boxed()
}

// ------------------------------------------------ what the formatter lays out

fn layout_name() -> BoxedStrategy<String> {
    strings(&[
        "A",
        "B",
        "C",
        "IL-1β",
        "NF-κB",
        "Wnt/β-catenin",
        "miR-211-3p",
        "HGNC:RUNX2",
        "let-7a",
        "X_1",
        "Th2'",
        "IL-4+",
        "\"M2 polarization\"",
        "\"in\"",
        "\"with \\\"q\\\"\"",
        "\"plain\"",
    ])
}

fn layout_names() -> BoxedStrategy<Vec<String>> {
    prop::collection::vec(layout_name(), 1..4).boxed()
}

fn citation_block() -> BoxedStrategy<String> {
    let one = prop::sample::select(vec![
        "Ye et al., 2018",
        "PMID:123456",
        "doi:10.1000/x.y",
        "Smith #2, 2001",
        "Ünlü 2019",
        "",
    ]);
    prop::collection::vec(one, 1..4)
        .prop_map(|v| v.join("; "))
        .boxed()
}

fn layout_modifier(with_when: bool) -> BoxedStrategy<Modifier> {
    let mut options = vec![
        layout_name().prop_map(Modifier::In).boxed(),
        strings(&["high", "medium", "low", "0.5", "1", ".25", "0.9"])
            .prop_map(Modifier::Confidence)
            .boxed(),
        Just(Modifier::Disputed).boxed(),
        citation_block().prop_map(Modifier::Citations).boxed(),
    ];
    if with_when {
        options.push(
            (layout_name(), maybe_state())
                .prop_map(|(n, s)| Modifier::When(n, s))
                .boxed(),
        );
    }
    Union::new(options).boxed()
}

fn layout_comment() -> impl Strategy<Value = &'static str> + Clone {
    prop::sample::select(vec!["", "", " # note", "   #x", " # a } { [ \" note"])
}

fn layout_statement() -> BoxedStrategy<Statement> {
    let verb = prop::sample::select(vec![
        "activates",
        "inhibits",
        "promotes",
        "carries",
        "targets",
        "does not affect",
        "polarizes-toward",
    ]);
    (
        layout_name(),
        verb,
        layout_names(),
        prop::collection::vec(layout_modifier(true), 0..4),
        layout_comment(),
    )
        .prop_map(|(subject, verb, objects, modifiers, comment)| Statement {
            subject,
            verb,
            objects,
            modifiers,
            comment: comment.to_string(),
        })
        .boxed()
}

fn layout_conjunction() -> BoxedStrategy<Conjunction> {
    (
        prop::collection::vec((layout_name(), maybe_state()), 1..3),
        (layout_name(), state()),
        prop::collection::vec(layout_modifier(false), 0..3),
        layout_comment(),
    )
        .prop_map(|(premises, head, modifiers, comment)| Conjunction {
            premises,
            head,
            modifiers,
            comment,
        })
        .boxed()
}

fn layout_declaration() -> BoxedStrategy<Declaration> {
    prop_oneof![
        (
            layout_name(),
            prop::option::of("[a-z]{1,6}"),
            prop::option::of(layout_names())
        )
            .prop_map(|(name, kind, aka)| Declaration::Entity {
                name,
                kind,
                aka: aka.unwrap_or_default(),
            }),
        layout_names().prop_map(Declaration::Outcome),
        Just(Declaration::Verb),
    ]
    .boxed()
}

/// A line that may stand at the top level or in a context.
fn layout_line() -> BoxedStrategy<Item> {
    prop_oneof![
        4 => layout_statement().prop_map(Item::Statement),
        2 => layout_conjunction().prop_map(Item::Conjunction),
        1 => (layout_declaration(), layout_comment()).prop_map(|(d, c)| Item::Declaration(d, c)),
    ]
    .boxed()
}

/// Lines, blank and comment lines, and context blocks of them up to three deep.
fn block() -> BoxedStrategy<Item> {
    let leaf = prop_oneof![
        6 => layout_line(),
        1 => Just(Item::Blank),
        1 => Just(Item::CommentLine),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        (
            prop::collection::vec(inner, 0..5),
            any::<bool>(),
            layout_name(),
        )
            .prop_map(|(items, one_line, name)| {
                // A one-line block holds no comments (they would swallow the `}`), no
                // blank lines and no block on several lines.
                let items = if one_line {
                    items
                        .into_iter()
                        .filter(|i| {
                            let t = i.to_text();
                            !t.is_empty() && !t.contains('#') && !t.contains('\n')
                        })
                        .collect()
                } else {
                    items
                };
                Item::Context(Context {
                    name,
                    one_line,
                    items,
                })
            })
    })
    .boxed()
}

fn layout_rule() -> BoxedStrategy<Rule> {
    // `?x`, `?y`, `?z`, `A` and `"M2 polarization"`, a fifth each.
    let term = prop_oneof![
        3 => (0u32..3).prop_map(Term::Var),
        2 => strings(&["A", "\"M2 polarization\""]).prop_map(Term::Name),
    ];
    let atom = prop_oneof![
        (term.clone(), state()).prop_map(|(t, s)| Atom::State(t, s)),
        (term.clone(), relation(), term).prop_map(|(a, r, b)| Atom::Relation(a, r, b)),
    ];
    (
        "[a-z]{1,8}",
        prop::option::of(strings(&["0.9", "high ", "low ", "1"])),
        prop::collection::vec(atom.clone(), 1..4),
        atom,
    )
        .prop_map(|(name, confidence, body, head)| Rule {
            name,
            confidence,
            variables: 3,
            body,
            head,
        })
        .boxed()
}

fn scenario() -> BoxedStrategy<Scenario> {
    let entry = prop_oneof![
        (layout_name(), maybe_state()).prop_map(|(n, s)| Entry::Given(n, s)),
        layout_names().prop_map(Entry::Knockout),
        layout_names().prop_map(Entry::Overexpress),
        layout_names().prop_map(Entry::Context),
        (
            layout_name(),
            prop::sample::select(vec!["up", "down", "conflicting", "unaffected"]),
            prop::option::of(layout_name())
        )
            .prop_map(|(n, s, via)| Entry::Expect(n, s, via)),
        (layout_name(), state()).prop_map(|(n, s)| Entry::ExpectNot(n, s)),
    ];
    (
        "[a-z]([a-z0-9-]{0,5}[a-z0-9])?",
        prop::option::of(prop::sample::select(vec![
            "\"A title\"",
            "\"with \\\"quotes\\\"\"",
        ])),
        prop::collection::vec((entry, layout_comment()), 0..5),
    )
        .prop_map(|(name, title, entries)| Scenario {
            name,
            title,
            entries,
        })
        .boxed()
}

// ------------------------------------------------ statement lines of real networks

/// Names as real networks write them: bare ASCII, Greek and other Unicode, quoted (with
/// escapes), as importers write BEL terms.
fn wild_name() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-z][a-zA-Z0-9-]{0,6}",
        1 => strings(&["IL-1β", "NF-κB", "Wnt/β-catenin", "TNF-α", "β-TCP", "IL-13Rα1"]),
        2 => "[a-zA-Z(): ]{1,10}".prop_map(|n| format!("\"{n}\"")),
        1 => "p\\(HGNC:[A-Z0-9]{1,5}\\)".prop_map(|n| format!("\"{n}\"")),
        1 => "[a-z]{1,3}".prop_map(|n| format!("\"{n}\\\"x\\\\\"")),
    ]
    .boxed()
}

/// A plain statement with up to three of these modifiers, in any order; a comment makes
/// the rest of the line comment text.
fn wild_statement() -> BoxedStrategy<Statement> {
    #[derive(Clone, Debug)]
    enum Piece {
        Modifier(Modifier),
        Comment,
    }
    let piece = prop::sample::select(vec![
        Piece::Modifier(Modifier::In("macrophage".into())),
        Piece::Modifier(Modifier::When("aging".into(), None)),
        Piece::Modifier(Modifier::When("hypoxia".into(), Some(State::Down))),
        Piece::Modifier(Modifier::Confidence("high".into())),
        Piece::Modifier(Modifier::Confidence("0.25".into())),
        Piece::Modifier(Modifier::Disputed),
        Piece::Modifier(Modifier::Citations("Ye et al., 2018".into())),
        Piece::Modifier(Modifier::Citations("A; B ;C".into())),
        Piece::Comment,
    ]);
    (
        wild_name(),
        prop::sample::select(vec![
            "activates",
            "inhibits",
            "promotes",
            "carries",
            "targets",
        ]),
        prop::collection::vec(wild_name(), 1..4),
        prop::collection::vec(piece, 0..4),
    )
        .prop_map(|(subject, verb, objects, pieces)| {
            let mut modifiers = Vec::new();
            let mut comment = String::new();
            for p in pieces {
                match p {
                    Piece::Comment => comment.push_str(" # note"),
                    Piece::Modifier(m) if comment.is_empty() => modifiers.push(m),
                    Piece::Modifier(m) => {
                        comment.push(' ');
                        comment.push_str(&m.to_text());
                    }
                }
            }
            Statement {
                subject,
                verb,
                objects,
                modifiers,
                comment,
            }
        })
        .boxed()
}

// ---------------------------------------------------------------- the text

impl RandomProgram {
    fn text(items: Vec<Item>) -> RandomProgram {
        RandomProgram {
            prelude: true,
            contexts: Vec::new(),
            items,
            run: None,
        }
    }

    /// The program as rule text: its items one per line (blocks over several), the run
    /// as the scenario `run` last; no newline after the last line.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = self.items.iter().map(Item::to_text).collect();
        lines.extend(self.run.as_ref().map(Scenario::to_text));
        lines.join("\n")
    }
}

/// The text, so that a shrunk failure reads as a rule file.
impl fmt::Debug for RandomProgram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.prelude {
            writeln!(f, "# (built without the prelude)")?;
        }
        writeln!(f, "{}", self.to_text())
    }
}

impl Item {
    pub fn to_text(&self) -> String {
        match self {
            Item::Statement(s) => s.to_text(),
            Item::Conjunction(c) => c.to_text(),
            Item::Declaration(d, comment) => format!("{}{comment}", d.to_text()),
            Item::Rule(r) => r.to_text(),
            Item::Scenario(s) => s.to_text(),
            Item::Context(c) => c.to_text(),
            Item::Blank => String::new(),
            Item::CommentLine => "# a comment line".into(),
            Item::Include => "include \"x.rules\"".into(),
        }
    }
}

fn push_modifiers(line: &mut String, modifiers: &[Modifier]) {
    for m in modifiers {
        line.push(' ');
        line.push_str(&m.to_text());
    }
}

fn with_state(name: &str, state: Option<State>) -> String {
    match state {
        Some(s) => format!("{name} {}", s.as_str()),
        None => name.to_string(),
    }
}

impl Statement {
    pub fn to_text(&self) -> String {
        let mut line = format!("{} {} {}", self.subject, self.verb, self.objects.join(", "));
        push_modifiers(&mut line, &self.modifiers);
        line.push_str(&self.comment);
        line
    }
}

/// The line, so that a shrunk failure reads as one.
impl fmt::Debug for Statement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_text())
    }
}

impl Conjunction {
    pub fn to_text(&self) -> String {
        let premises: Vec<String> = self
            .premises
            .iter()
            .map(|(n, s)| with_state(n, *s))
            .collect();
        let (head, state) = &self.head;
        let mut line = format!(
            "when {} then {head} {}",
            premises.join(" and "),
            state.as_str()
        );
        push_modifiers(&mut line, &self.modifiers);
        line.push_str(self.comment);
        line
    }
}

impl Modifier {
    pub fn to_text(&self) -> String {
        match self {
            Modifier::In(c) => format!("in {c}"),
            Modifier::When(n, s) => format!("when {}", with_state(n, *s)),
            Modifier::Confidence(c) => format!("confidence {c}"),
            Modifier::Disputed => "disputed".into(),
            Modifier::Citations(c) => format!("[{c}]"),
        }
    }
}

impl Declaration {
    pub fn to_text(&self) -> String {
        match self {
            Declaration::Entity { name, kind, aka } => {
                let mut s = format!("entity {name}");
                if let Some(k) = kind {
                    s.push_str(&format!(" : {k}"));
                }
                if !aka.is_empty() {
                    s.push_str(&format!(" aka {}", aka.join(", ")));
                }
                s
            }
            Declaration::Outcome(names) => format!("outcome {}", names.join(", ")),
            Declaration::Verb => "verb quells = inhibits".into(),
        }
    }
}

fn relation_verb(r: Relation) -> &'static str {
    match r {
        Relation::Activates => "activates",
        Relation::Inhibits => "inhibits",
        Relation::Carries => "carries",
    }
}

impl Term {
    fn to_text(&self) -> String {
        match self {
            Term::Var(0) => "?x".into(),
            Term::Var(1) => "?y".into(),
            Term::Var(2) => "?z".into(),
            Term::Var(i) => format!("?v{i}"),
            Term::Name(n) => n.clone(),
        }
    }
}

impl Atom {
    fn to_text(&self) -> String {
        match self {
            Atom::State(t, s) => format!("{} {}", t.to_text(), s.as_str()),
            Atom::Relation(a, r, b) => {
                format!("{} {} {}", a.to_text(), relation_verb(*r), b.to_text())
            }
        }
    }
}

impl Rule {
    pub fn to_text(&self) -> String {
        let confidence = self
            .confidence
            .as_ref()
            .map(|c| format!(" confidence {c}"))
            .unwrap_or_default();
        let body: Vec<String> = self.body.iter().map(Atom::to_text).collect();
        format!(
            "rule {}{confidence}: {} => {}",
            self.name,
            body.join(", "),
            self.head.to_text()
        )
    }
}

impl Entry {
    fn to_text(&self) -> String {
        match self {
            Entry::Given(n, s) => format!("given {}", with_state(n, *s)),
            Entry::Knockout(v) => format!("knockout {}", v.join(", ")),
            Entry::Overexpress(v) => format!("overexpress {}", v.join(", ")),
            Entry::Context(v) => format!("context {}", v.join(", ")),
            Entry::MaxSteps(k) => format!("max steps {k}"),
            Entry::Expect(n, s, Some(via)) => format!("expect {n} {s} via {via}"),
            Entry::Expect(n, s, None) => format!("expect {n} {s}"),
            Entry::ExpectNot(n, s) => format!("expect not {n} {}", s.as_str()),
        }
    }
}

impl Scenario {
    pub fn to_text(&self) -> String {
        let title = self.title.map(|t| format!(" {t}")).unwrap_or_default();
        let entries: Vec<String> = self
            .entries
            .iter()
            .map(|(e, comment)| format!("{}{comment}", e.to_text()))
            .collect();
        format!(
            "scenario {}{title} {{\n{}\n}}",
            self.name,
            entries.join("\n")
        )
    }
}

impl Context {
    pub fn to_text(&self) -> String {
        let inner: Vec<String> = self.items.iter().map(Item::to_text).collect();
        if self.one_line || inner.is_empty() {
            // Several items on one line are several one-line blocks.
            format!(
                "context {} {{ {} }}",
                self.name,
                inner.join(" } context x { ")
            )
        } else {
            format!("context {} {{\n{}\n}}", self.name, inner.join("\n"))
        }
    }
}

// ---------------------------------------------------------------- the built program

/// A name as the program knows it: quotes and escapes removed.
fn unquoted(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_string();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        out.extend(if c == '\\' { chars.next() } else { Some(c) });
    }
    out
}

/// What a confidence word or number means.
fn confidence_value(text: &str) -> f64 {
    match text.trim() {
        "high" => 0.9,
        "medium" => 0.7,
        "low" => 0.4,
        number => number.parse().expect("a confidence number"),
    }
}

impl RandomProgram {
    /// The program built directly through the library's builder (no parser; item k of
    /// the builder on line k + 1 of `test.rules`), and the run: for
    /// [`Profile::Engine`] programs, which hold nothing a builder cannot add (no
    /// `disputed`, declared verb, scenario, include or expectation).
    pub fn build(&self) -> (Program, RunConfig) {
        let mut b = Builder::new();
        for c in &self.contexts {
            b.context(c);
        }
        if self.prelude {
            b.prelude();
        }
        for item in &self.items {
            build_item(&mut b, item, &[]);
        }
        let mut config = RunConfig::default();
        for (entry, _) in self.run.iter().flat_map(|r| &r.entries) {
            let mut clamp = |name: &str, state, kind| {
                config.clamps.push(Clamp {
                    entity: b.entity(&unquoted(name)),
                    state,
                    kind,
                });
            };
            match entry {
                Entry::Given(n, s) => clamp(n, s.unwrap_or(State::Up), ClampKind::Given),
                Entry::Knockout(v) => {
                    for n in v {
                        clamp(n, State::Down, ClampKind::Knockout);
                    }
                }
                Entry::Overexpress(v) => {
                    for n in v {
                        clamp(n, State::Up, ClampKind::Overexpress);
                    }
                }
                Entry::Context(v) => {
                    for c in v {
                        let id = b.context(&unquoted(c));
                        config.contexts.push(id);
                    }
                }
                Entry::MaxSteps(k) => config.max_steps = Some(*k),
                Entry::Expect(..) | Entry::ExpectNot(..) => {
                    panic!("a built program's run has no expectations")
                }
            }
        }
        (b.program, config)
    }
}

fn build_item(b: &mut Builder, item: &Item, outer: &[String]) {
    let contexts = |b: &mut Builder, modifiers: &[Modifier]| {
        let named = modifiers.iter().filter_map(|m| match m {
            Modifier::In(c) => Some(c.as_str()),
            _ => None,
        });
        outer
            .iter()
            .map(String::as_str)
            .chain(named)
            .map(|c| b.context(&unquoted(c)))
            .collect::<Vec<_>>()
    };
    let confidence = |modifiers: &[Modifier]| {
        modifiers
            .iter()
            .rev()
            .find_map(|m| match m {
                Modifier::Confidence(c) => Some(confidence_value(c)),
                _ => None,
            })
            .unwrap_or(0.7)
    };
    for m in match item {
        Item::Statement(s) => &s.modifiers[..],
        Item::Conjunction(c) => &c.modifiers[..],
        _ => &[],
    } {
        assert!(
            !matches!(m, Modifier::Disputed | Modifier::Citations(_)),
            "the builder keeps no `{}`",
            m.to_text()
        );
    }
    match item {
        Item::Statement(s) => {
            let ctx = contexts(b, &s.modifiers);
            let conditions: Vec<_> = s
                .modifiers
                .iter()
                .filter_map(|m| match m {
                    Modifier::When(n, st) => Some((n.as_str(), st.unwrap_or(State::Up))),
                    _ => None,
                })
                .map(|(n, st)| (b.entity(&unquoted(n)), st))
                .collect();
            let subject = b.entity(&unquoted(&s.subject));
            for o in &s.objects {
                let object = b.entity(&unquoted(o));
                if s.verb == "does not affect" {
                    assert!(
                        conditions.is_empty(),
                        "the builder's null results have no conditions"
                    );
                    b.null(subject, object, &ctx);
                } else {
                    b.statement_full(
                        subject,
                        s.verb,
                        object,
                        confidence(&s.modifiers),
                        &conditions,
                        &ctx,
                    );
                }
            }
        }
        Item::Conjunction(c) => {
            let ctx = contexts(b, &c.modifiers);
            let premises: Vec<_> = c
                .premises
                .iter()
                .map(|(n, s)| (b.entity(&unquoted(n)), s.unwrap_or(State::Up)))
                .collect();
            let head = (b.entity(&unquoted(&c.head.0)), c.head.1);
            b.conjunction(&premises, head, confidence(&c.modifiers), &ctx);
        }
        Item::Declaration(
            Declaration::Entity {
                name,
                kind: None,
                aka,
            },
            _,
        ) if aka.is_empty() => {
            b.entity(&unquoted(name));
        }
        Item::Declaration(Declaration::Outcome(names), _) => {
            for n in names {
                let e = b.entity(&unquoted(n));
                b.outcome(e);
            }
        }
        Item::Rule(r) => {
            let term = |b: &mut Builder, t: &Term| match t {
                Term::Var(i) => EngineTerm::Var(*i),
                Term::Name(n) => EngineTerm::Entity(b.entity(&unquoted(n))),
            };
            let atom = |b: &mut Builder, a: &Atom| match a {
                Atom::State(t, s) => EngineAtom::State(term(b, t), *s),
                Atom::Relation(x, r, y) => {
                    let x = term(b, x);
                    EngineAtom::Relation(x, *r, term(b, y))
                }
            };
            let body = r.body.iter().map(|a| atom(b, a)).collect();
            let head = atom(b, &r.head);
            let confidence = r.confidence.as_deref().map_or(1.0, confidence_value);
            b.rule(&r.name, confidence, r.variables, body, head, false);
        }
        Item::Context(c) => {
            let mut inner = outer.to_vec();
            inner.push(c.name.clone());
            for item in &c.items {
                build_item(b, item, &inner);
            }
        }
        Item::Blank | Item::CommentLine => {}
        other => panic!("the builder cannot add `{}`", other.to_text()),
    }
}
