//! The resolved program: what the engine evaluates.
//!
//! Lowering turns the AST of every loaded file into one `Program`: names are interned,
//! verbs are mapped to relations, contexts and conditions are attached, duplicates merged.
//! Nothing here refers to syntax any more, only to spans for reporting.

use indexmap::{IndexMap, IndexSet};

pub use super::provenance::{Provenance, ProvenanceTables};
pub use super::tails::Tails;
use crate::source::{Sources, Span};

/// Interned entity handle; indexes [`Program::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// Interned context handle; indexes [`Program::contexts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContextId(pub u32);

/// Handle of a statement; indexes [`Program::statements`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatementId(pub u32);

/// Handle of a verb word; indexes [`Program::verbs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerbId(pub u32);

/// Handle of a conjunction; indexes [`Program::conjunctions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConjunctionId(pub u32);

/// Handle of a variable rule; indexes [`Program::rules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(pub u32);

/// The state of an entity: raised or lowered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    /// Raised: the entity goes up.
    Up,
    /// Lowered: the entity goes down.
    Down,
}

impl State {
    /// The other state.
    pub fn opposite(self) -> State {
        match self {
            State::Up => State::Down,
            State::Down => State::Up,
        }
    }

    /// The keyword as written in rule files: `up` or `down`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Up => "up",
            State::Down => "down",
        }
    }
}

/// The built-in relations every verb maps to (docs/language.md, "Verbs").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// The object goes up with the subject.
    Activates,
    /// The object goes down when the subject goes up.
    Inhibits,
    /// Cargo or product: the source up ⇒ the cargo up.
    Carries,
}

impl Relation {
    /// How many relations there are: the length of every per-relation table.
    pub const COUNT: usize = 3;

    /// Every relation, in the order of [`Relation::index`].
    pub const ALL: [Relation; Relation::COUNT] =
        [Relation::Activates, Relation::Inhibits, Relation::Carries];

    /// The relation's position in [`Relation::ALL`], for per-relation tables.
    pub fn index(self) -> usize {
        match self {
            Relation::Activates => 0,
            Relation::Inhibits => 1,
            Relation::Carries => 2,
        }
    }

    /// The arrow a chain draws around the verb: `→` for a rise, `⊣` for a fall.
    pub fn arrow(self) -> &'static str {
        if self.is_negative() { "⊣" } else { "→" }
    }

    /// The relation's name as written in rule files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Activates => "activates",
            Relation::Inhibits => "inhibits",
            Relation::Carries => "carries",
        }
    }

    /// The sign a biologist reads off the edge: `inhibits` is negative, the others positive.
    pub fn is_negative(self) -> bool {
        matches!(self, Relation::Inhibits)
    }

    /// The relation named exactly `activates`, `inhibits` or `carries`; `None` otherwise
    /// (verb words are looked up in [`Program::verbs`]).
    pub fn from_name(s: &str) -> Option<Relation> {
        match s {
            "activates" => Some(Relation::Activates),
            "inhibits" => Some(Relation::Inhibits),
            "carries" => Some(Relation::Carries),
            _ => None,
        }
    }
}

/// A named thing: gene, miRNA, process, condition, material…
///
/// Its canonical name is its key in [`Program::entities`] ([`Program::entity_name`]):
/// as declared or first mentioned, never an alias. A network holds a million entities,
/// so the name is not kept twice.
#[derive(Debug, Clone)]
pub struct Entity {
    /// The `: KIND` of its first `entity` declaration that gave one (a free word).
    pub kind: Option<String>,
    /// Other spellings (`aka`, and names merged in as aliases), each resolving here
    /// through [`Program::aliases`]. Few entities have any: a thin list costs one word.
    pub aliases: thin_vec::ThinVec<String>,
    /// Where it was declared with `entity`, or first mentioned.
    pub span: Span,
    /// True when an `entity` declaration exists (not just a mention).
    pub declared: bool,
}

/// A named context (cell type, tissue…).
#[derive(Debug, Clone)]
pub struct Context {
    /// The name as written; the key in [`Program::contexts`].
    pub name: String,
    /// Where the context was first named (a `context` block or an `in`).
    pub span: Span,
}

/// A condition `ENTITY up|down` (from `when`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Condition {
    /// The entity the condition is about.
    pub entity: EntityId,
    /// The state it must be in.
    pub state: State,
}

/// Where a citation's text lives: inside a `[…]` block of a source file, or owned by
/// the program (built without source text). Same size as a span, so a million
/// provenances cost nothing more for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CitationBlock {
    /// The inside of a citation block `[…]`; split at `;` when read.
    Source(Span),
    /// One citation, indexes [`Program::citation_texts`].
    Owned(u32),
}

/// One causal statement, after splitting object lists: `subject verb object`.
///
/// 32 bytes, since a literature-scale network holds millions: the relation rides in the
/// verb handle's top two bits (the relation is the verb's meaning, so they change
/// together), and the provenance is a span and two handles.
#[derive(Debug, Clone, Copy)]
pub struct Statement {
    /// Who acts.
    pub subject: EntityId,
    /// What is acted on.
    pub object: EntityId,
    /// The verb's index (low 30 bits) and the relation's (top 2).
    verb: u32,
    /// Where it was stated, its confidence and `disputed` mark, and (through the
    /// program's tables) its citations, contexts and `when` conditions.
    pub provenance: Provenance,
}

/// The bits of [`Statement::verb`] that hold the verb's index; the two above hold the
/// relation's.
const VERB_BITS: u32 = 30;
const _: () = assert!(
    Relation::COUNT <= 1 << (32 - VERB_BITS),
    "a relation takes two bits"
);

impl Statement {
    /// `subject verb object`, where `verb` means `relation`. A program holds fewer than
    /// 2³⁰ verb words: each is a distinct word read from a file, and a billion of them
    /// would not fit in memory first.
    pub fn new(
        subject: EntityId,
        relation: Relation,
        verb: VerbId,
        object: EntityId,
        provenance: Provenance,
    ) -> Statement {
        assert!(verb.0 < 1 << VERB_BITS, "fewer than 2³⁰ verb words");
        Statement {
            subject,
            object,
            verb: verb.0 | (relation.index() as u32) << VERB_BITS,
            provenance,
        }
    }

    /// The meaning of the verb, which the engine reasons with.
    pub fn relation(&self) -> Relation {
        Relation::ALL[(self.verb >> VERB_BITS) as usize]
    }

    /// Give the statement its verb's meaning, once every `verb` declaration is read.
    pub fn set_relation(&mut self, relation: Relation) {
        self.verb = self.verb & ((1 << VERB_BITS) - 1) | (relation.index() as u32) << VERB_BITS;
    }

    /// Say the statement with another verb of the same meaning.
    pub fn set_verb(&mut self, verb: VerbId) {
        *self = Statement::new(
            self.subject,
            self.relation(),
            verb,
            self.object,
            self.provenance,
        );
    }

    /// The verb as written (`promotes`), for explanations in the user's words; indexes
    /// [`Program::verbs`].
    pub fn verb(&self) -> VerbId {
        VerbId(self.verb & ((1 << VERB_BITS) - 1))
    }
}

/// `when A up and B down then C up`: a statement whose head is a state.
#[derive(Debug, Clone)]
pub struct Conjunction {
    /// The `when` conditions, as written; all must hold.
    pub premises: Vec<Condition>,
    /// The state concluded (`then C up|down`).
    pub head: Condition,
    /// Where it was stated and what backs it; its confidence is the derivation's factor.
    pub provenance: Provenance,
}

/// `X does not affect Y`: a reported null result; derives nothing.
#[derive(Debug, Clone)]
pub struct NullResult {
    /// The entity reported not to affect the object.
    pub subject: EntityId,
    /// The entity reported unaffected.
    pub object: EntityId,
    /// Where it was reported and what backs it.
    pub provenance: Provenance,
}

/// A term of a variable rule atom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    /// Index into [`Rule::variables`].
    Var(u32),
    /// A named entity.
    Entity(EntityId),
}

/// An atom of a variable rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Atom {
    /// `TERM up|down`.
    State(Term, State),
    /// `TERM RELATION TERM`; verb words are resolved to their relation.
    Relation(Term, Relation, Term),
}

/// `rule NAME [confidence X]: body => head`, including the prelude's rules
/// (docs/language.md, "Variable rules and the prelude").
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's name, unique in the program (prelude included).
    pub name: String,
    /// Defaults to 1.
    pub confidence: f64,
    /// Variable names without `?`, indexed by `Term::Var`.
    pub variables: Vec<String>,
    /// Atoms that must all hold, as written.
    pub body: Vec<Atom>,
    /// The atom concluded; every variable in it occurs in the body.
    pub head: Atom,
    /// The whole `rule` line.
    pub span: Span,
    /// True for the built-in rules of the prelude.
    pub prelude: bool,
}

impl Rule {
    /// Whether the engine can run this rule in a program of `n` entities: variables in
    /// range, every head variable bound by the body, entities in range. Lowering and the
    /// builder only make such rules.
    pub fn is_runnable(&self, n: usize) -> bool {
        let rule = self;
        let terms = |a: &Atom| match *a {
            Atom::State(t, _) => [Some(t), None],
            Atom::Relation(t1, _, t2) => [Some(t1), Some(t2)],
        };
        let valid = |t: Term| match t {
            Term::Var(v) => (v as usize) < rule.variables.len(),
            Term::Entity(e) => (e.0 as usize) < n,
        };
        let in_body = |t: Term| match t {
            Term::Var(_) => rule.body.iter().any(|a| terms(a).contains(&Some(t))),
            Term::Entity(_) => true,
        };
        rule.body
            .iter()
            .chain([&rule.head])
            .all(|a| terms(a).into_iter().flatten().all(valid))
            && terms(&rule.head).into_iter().flatten().all(in_body)
    }
}

/// How a scenario pins an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClampKind {
    /// `given X [up|down]`: held in the state written.
    Given,
    /// `knockout X`: held down.
    Knockout,
    /// `overexpress X`: held up.
    Overexpress,
}

impl ClampKind {
    /// The scenario keyword that makes this clamp.
    pub fn as_str(self) -> &'static str {
        match self {
            ClampKind::Given => "given",
            ClampKind::Knockout => "knockout",
            ClampKind::Overexpress => "overexpress",
        }
    }
}

/// A state fact of strength 1 that no rule may override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Clamp {
    /// The entity held.
    pub entity: EntityId,
    /// The state it is held in.
    pub state: State,
    /// The scenario line that clamps it, for wording.
    pub kind: ClampKind,
}

/// What an `expect` line asserts (docs/language.md, "Scenarios and expectations").
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    /// `expect X up|down|conflicting|unaffected`
    Net(EntityId, Net),
    /// `expect not X up|down`: the state does not hold.
    Not(EntityId, State),
    /// `expect X up|down via Y`: holds, and the strongest derivation passes through Y.
    Via(EntityId, State, EntityId),
    /// `expect X leans S`: the net effect is S, or a conflict leaning S.
    Leans(EntityId, State),
    /// `expect X conflicting leaning S`: both states hold and S is the stronger.
    ConflictingLeaning(EntityId, State),
}

/// The net effect of a run on one entity (docs/language.md, "What marrow concludes"):
/// what a run reports and what `expect` asserts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Net {
    /// Only up holds.
    Up,
    /// Only down holds.
    Down,
    /// Both states hold.
    Conflicting,
    /// Neither state holds.
    Unaffected,
}

impl Net {
    /// The word used by `expect` and in output: `up`, `down`, `conflicting`, `unaffected`.
    pub fn as_str(self) -> &'static str {
        match self {
            Net::Up => "up",
            Net::Down => "down",
            Net::Conflicting => "conflicting",
            Net::Unaffected => "unaffected",
        }
    }
}

/// One `expect` line of a scenario.
#[derive(Debug, Clone)]
pub struct Expect {
    /// What the line asserts.
    pub expectation: Expectation,
    /// The `expect` line, for reporting a failure.
    pub span: Span,
}

/// `scenario NAME ["title"] { … }`.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The scenario's name as typed on the command line; the key in [`Program::scenarios`].
    pub name: String,
    /// The quoted title after the name, if any.
    pub title: Option<String>,
    /// `given`, `knockout` and `overexpress` lines, in order; at most one per entity.
    pub clamps: Vec<Clamp>,
    /// Contexts selected by `context C`; empty runs every statement.
    pub contexts: Vec<ContextId>,
    /// The `expect` lines, in order.
    pub expects: Vec<Expect>,
    /// `decisive R`: conflicts with margin ≥ R are reported as their lean's side.
    pub decisive: Option<f64>,
    /// `max steps N`: only derivations of height ≤ N count.
    pub max_steps: Option<u32>,
    /// `with disputed`: disputed statements fire in this scenario's runs.
    pub with_disputed: bool,
    /// From the `scenario` line to its closing `}`.
    pub span: Span,
}

/// Everything loaded from a set of rule files, resolved and ready to evaluate.
#[derive(Debug, Clone, Default)]
pub struct Program {
    /// Every file of the load, the prelude first; spans point into them.
    pub sources: Sources,
    /// Entities by canonical name, in first-mention order.
    pub entities: IndexMap<String, Entity>,
    /// Alias → entity.
    pub aliases: IndexMap<String, EntityId>,
    /// Contexts by name, in first-mention order; indexed by [`ContextId`].
    pub contexts: IndexMap<String, Context>,
    /// Declared outcomes in declaration order.
    pub outcomes: IndexSet<EntityId>,
    /// Statements in source order, duplicates merged
    /// ([`merge_duplicates`](super::resolve::merge_duplicates)); indexed by [`StatementId`].
    pub statements: Vec<Statement>,
    /// Conjunctions in source order; indexed by [`ConjunctionId`].
    pub conjunctions: Vec<Conjunction>,
    /// Null results (`does not affect`), in source order; they derive nothing.
    pub nulls: Vec<NullResult>,
    /// Variable rules, the prelude's first; indexed by [`RuleId`].
    pub rules: Vec<Rule>,
    /// Scenarios by name, in source order.
    pub scenarios: IndexMap<String, Scenario>,
    /// The confidences and rare lists every [`Provenance`] indexes.
    pub provenances: ProvenanceTables,
    /// Every verb word known to the program (built-in and `verb NEW = RELATION`).
    pub verbs: IndexMap<String, Relation>,
    /// Citation text the program owns (from a [`super::ProgramBuilder`]), indexed by
    /// [`CitationBlock::Owned`].
    pub citation_texts: Vec<Box<str>>,
    /// Every mention of every entity, when the load asked for them.
    pub mentions: super::mentions::Mentions,
    /// A statement merged from several lines explains with the line that gave it its
    /// strength (its `provenance.span`); this maps that span to the other lines, in
    /// source order, so explanations can list them.
    pub also_stated: IndexMap<Span, Vec<Span>>,
}

impl Program {
    /// The entity behind an id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// An entity's canonical name.
    pub fn entity_name(&self, id: EntityId) -> &str {
        self.entities
            .get_index(id.0 as usize)
            .map_or("", |(name, _)| name.as_str())
    }

    /// A context's name.
    pub fn context_name(&self, id: ContextId) -> &str {
        &self.contexts[id.0 as usize].name
    }

    /// The statement behind an id.
    pub fn statement(&self, id: StatementId) -> &Statement {
        &self.statements[id.0 as usize]
    }

    /// The variable rule behind an id.
    pub fn rule(&self, id: RuleId) -> &Rule {
        &self.rules[id.0 as usize]
    }

    /// The verb word of a statement as the user wrote it.
    pub fn verb_word(&self, id: VerbId) -> &str {
        self.verbs
            .get_index(id.0 as usize)
            .map(|(w, _)| w.as_str())
            .unwrap_or("?")
    }

    /// A provenance's confidence: in (0, 1]; high 0.9, medium 0.7 (default), low 0.4, or
    /// a number.
    pub fn confidence(&self, provenance: &Provenance) -> f64 {
        self.provenances.confidence(provenance)
    }

    /// A provenance's citation blocks (read them with [`Program::citations`]), contexts
    /// and, for a statement, its `when` conditions.
    pub fn tails(&self, provenance: &Provenance) -> &Tails {
        self.provenances.tails(provenance)
    }

    /// The contexts a provenance belongs to (enclosing `context` blocks and `in`), sorted.
    pub fn contexts(
        &self,
        provenance: &Provenance,
    ) -> impl Iterator<Item = ContextId> + Clone + '_ {
        self.tails(provenance).contexts()
    }

    /// A statement's `when` conditions; any makes it a rule `conditions ⇒ relation fact`.
    pub fn conditions(
        &self,
        statement: &Statement,
    ) -> impl Iterator<Item = Condition> + Clone + '_ {
        self.tails(&statement.provenance).conditions()
    }

    /// Whether a statement has a `when` condition.
    pub fn is_conditional(&self, statement: &Statement) -> bool {
        self.tails(&statement.provenance).has_conditions()
    }

    /// The citations backing a statement: each block split at `;`, trimmed, deduplicated,
    /// in first-seen order, exactly as written (`PMID:123`, `doi:…`).
    pub fn citations(&self, provenance: &Provenance) -> Vec<&str> {
        fn add<'p>(out: &mut Vec<&'p str>, c: &'p str) {
            let c = c.trim();
            if !c.is_empty() && !out.contains(&c) {
                out.push(c);
            }
        }
        let mut out: Vec<&str> = Vec::new();
        for block in self.tails(provenance).citation_blocks() {
            match block {
                CitationBlock::Source(span) => {
                    let text = self.sources.get(span.file).text.get(span.range());
                    debug_assert!(text.is_some(), "citation span outside its file");
                    for c in text.unwrap_or("").split(';') {
                        add(&mut out, c);
                    }
                }
                CitationBlock::Owned(i) => {
                    add(
                        &mut out,
                        self.citation_texts.get(i as usize).map_or("", |t| t),
                    );
                }
            }
        }
        out
    }

    /// A mention's spelling as written (an alias, a quoted name with its quotes).
    pub fn mention_text(&self, mention: &super::mentions::Mention) -> &str {
        let f = self.sources.get(mention.span.file);
        f.text.get(mention.span.range()).unwrap_or("")
    }

    /// Look an entity up by exact canonical name or alias.
    pub fn lookup(&self, name: &str) -> Option<EntityId> {
        self.entities
            .get_index_of(name)
            .map(|i| EntityId(i as u32))
            .or_else(|| self.aliases.get(name).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A million statements: their size is the memory of a literature-scale run.
    #[test]
    fn a_statement_is_32_bytes() {
        assert_eq!(size_of::<Statement>(), 32);
        assert_eq!(size_of::<Provenance>(), 20);
    }

    /// The relation and the verb share a word; each reads back as set.
    #[test]
    fn a_statement_keeps_its_verb_and_relation_apart() {
        let mut tables = ProvenanceTables::default();
        let p = tables.of_line(
            Span::new(crate::source::FileId(0), 0, 1),
            [],
            None,
            [],
            0.7,
            true,
        );
        let top = VerbId((1 << VERB_BITS) - 1);
        let mut st = Statement::new(EntityId(1), Relation::Carries, top, EntityId(2), p);
        assert_eq!((st.verb(), st.relation()), (top, Relation::Carries));
        for r in Relation::ALL {
            st.set_relation(r);
            assert_eq!((st.verb(), st.relation()), (top, r));
        }
        assert!(st.provenance.disputed());
        assert_eq!(tables.confidence(&st.provenance), 0.7);
    }

    /// And a million entities: the name is the table's key alone.
    #[test]
    fn an_entity_is_48_bytes() {
        assert_eq!(size_of::<Entity>(), 48);
    }
}
