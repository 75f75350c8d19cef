//! The whole resolved program as one JSON document (schema in `docs/interop.md`):
//! entities, contexts, verbs, statements, null results, conjunctions, rules, scenarios,
//! and with a run the net effects. Entities are referred to by name.
//!
//! The document borrows from the program and its lists are serialised as they are walked:
//! a network of a million statements is written without a tree of values, which took
//! five gigabytes for it.

use serde::{Serialize, Serializer};

use super::walked::Walked;
use super::{Export, NodeEffect};
use crate::program::{
    Atom, Condition, Expectation, Program, Provenance, Rule, Scenario, Statement, Term,
};

/// The JSON document of the export.
pub fn write<'a>(x: &'a Export<'a>) -> impl Serialize + 'a {
    Document(x)
}

struct Document<'a>(&'a Export<'a>);

/// The top level, in the order of the schema.
#[derive(Serialize)]
struct Top<'a> {
    marrow: &'static str,
    scenario: Option<&'a str>,
    selected_contexts: Vec<&'a str>,
    entities: Walked<'a, EntityDoc<'a>>,
    contexts: Vec<&'a str>,
    verbs: Vec<VerbDoc<'a>>,
    statements: Walked<'a, StatementDoc<'a>>,
    nulls: Walked<'a, NullDoc<'a>>,
    conjunctions: Walked<'a, ConjunctionDoc<'a>>,
    rules: Vec<RuleDoc<'a>>,
    scenarios: Vec<ScenarioDoc<'a>>,
    effects: Option<Vec<EffectDoc<'a>>>,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        let p = x.program;
        let outcome = |i: usize| p.outcomes.contains(&crate::program::EntityId(i as u32));
        Top {
            marrow: env!("CARGO_PKG_VERSION"),
            scenario: x.scenario.as_deref(),
            selected_contexts: x
                .config
                .contexts
                .iter()
                .map(|c| p.context_name(*c))
                .collect(),
            entities: Walked::new(move || {
                p.entities
                    .iter()
                    .enumerate()
                    .map(move |(i, (name, e))| EntityDoc {
                        name,
                        kind: e.kind.as_deref(),
                        aliases: &e.aliases[..],
                        declared: e.declared,
                        outcome: outcome(i),
                    })
            }),
            contexts: p.contexts.keys().map(String::as_str).collect(),
            verbs: p
                .verbs
                .iter()
                .map(|(word, r)| VerbDoc {
                    word,
                    relation: r.as_str(),
                })
                .collect(),
            statements: Walked::new(move || p.statements.iter().map(move |s| statement(x, s))),
            nulls: Walked::new(move || {
                p.nulls.iter().map(move |n| NullDoc {
                    provenance: provenance(x, &n.provenance),
                    subject: p.entity_name(n.subject),
                    object: p.entity_name(n.object),
                })
            }),
            conjunctions: Walked::new(move || {
                p.conjunctions.iter().map(move |c| ConjunctionDoc {
                    provenance: provenance(x, &c.provenance),
                    premises: c.premises.iter().map(|c| condition(p, c)).collect(),
                    head: condition(p, &c.head),
                })
            }),
            rules: p.rules.iter().map(|r| rule(p, r)).collect(),
            scenarios: p.scenarios.values().map(|sc| scenario(p, sc)).collect(),
            effects: x.effects.as_ref().map(|effects| {
                let view = crate::render::View::new(p);
                effects
                    .values()
                    .map(|e| {
                        let n = NodeEffect::of(e);
                        EffectDoc {
                            entity: p.entity_name(e.entity),
                            outcome: e.outcome,
                            net: n.net,
                            lean: n.lean,
                            margin: n.margin.filter(|m| m.is_finite()),
                            up: n.up,
                            down: n.down,
                            clamp: n.clamp,
                            notes: e
                                .notes
                                .iter()
                                .map(|n| crate::render::words::note(&view, n))
                                .collect(),
                        }
                    })
                    .collect()
            }),
        }
        .serialize(s)
    }
}

#[derive(Serialize)]
struct EntityDoc<'a> {
    name: &'a str,
    kind: Option<&'a str>,
    aliases: &'a [String],
    declared: bool,
    outcome: bool,
}

#[derive(Serialize)]
struct VerbDoc<'a> {
    word: &'a str,
    relation: &'static str,
}

/// The fields every statement-like item shares.
#[derive(Serialize)]
struct ProvenanceDoc<'a> {
    contexts: Vec<&'a str>,
    active: bool,
    confidence: f64,
    citations: Vec<&'a str>,
    source: SourceDoc<'a>,
}

#[derive(Serialize)]
struct SourceDoc<'a> {
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct StatementDoc<'a> {
    #[serde(flatten)]
    provenance: ProvenanceDoc<'a>,
    subject: &'a str,
    verb: &'a str,
    relation: &'static str,
    object: &'a str,
    conditions: Vec<ConditionDoc<'a>>,
}

#[derive(Serialize)]
struct NullDoc<'a> {
    #[serde(flatten)]
    provenance: ProvenanceDoc<'a>,
    subject: &'a str,
    object: &'a str,
}

#[derive(Serialize)]
struct ConjunctionDoc<'a> {
    #[serde(flatten)]
    provenance: ProvenanceDoc<'a>,
    premises: Vec<ConditionDoc<'a>>,
    head: ConditionDoc<'a>,
}

#[derive(Serialize)]
struct ConditionDoc<'a> {
    entity: &'a str,
    state: &'static str,
}

#[derive(Serialize)]
struct RuleDoc<'a> {
    name: &'a str,
    confidence: f64,
    prelude: bool,
    body: Vec<String>,
    head: String,
}

#[derive(Serialize)]
struct ScenarioDoc<'a> {
    name: &'a str,
    title: Option<&'a str>,
    clamps: Vec<ClampDoc<'a>>,
    contexts: Vec<&'a str>,
    expects: Vec<ExpectDoc<'a>>,
}

#[derive(Serialize)]
struct ClampDoc<'a> {
    entity: &'a str,
    state: &'static str,
    clamp: &'static str,
}

/// An `expect` line: each kind has its own fields.
#[derive(Serialize)]
#[serde(untagged)]
enum ExpectDoc<'a> {
    Net {
        entity: &'a str,
        net: &'static str,
    },
    Not {
        entity: &'a str,
        not: &'static str,
    },
    Via {
        entity: &'a str,
        net: &'static str,
        via: &'a str,
    },
    Leans {
        entity: &'a str,
        leans: &'static str,
    },
    ConflictingLeaning {
        entity: &'a str,
        net: &'static str,
        leaning: &'static str,
    },
}

#[derive(Serialize)]
struct EffectDoc<'a> {
    entity: &'a str,
    outcome: bool,
    net: &'static str,
    lean: Option<&'static str>,
    margin: Option<f64>,
    up: Option<f64>,
    down: Option<f64>,
    clamp: Option<&'static str>,
    notes: Vec<String>,
}

fn statement<'a>(x: &'a Export<'a>, s: &'a Statement) -> StatementDoc<'a> {
    let p = x.program;
    StatementDoc {
        provenance: provenance(x, &s.provenance),
        subject: p.entity_name(s.subject),
        verb: p.verb_word(s.verb()),
        relation: s.relation().as_str(),
        object: p.entity_name(s.object),
        conditions: p.conditions(s).map(|c| condition(p, &c)).collect(),
    }
}

fn provenance<'a>(x: &'a Export<'a>, pr: &Provenance) -> ProvenanceDoc<'a> {
    let p = x.program;
    let (file, line, column) = p.sources.location(pr.span);
    ProvenanceDoc {
        contexts: p.contexts(pr).map(|c| p.context_name(c)).collect(),
        active: x.config.is_active(p.contexts(pr)),
        confidence: p.confidence(pr),
        citations: p.citations(pr),
        source: SourceDoc { file, line, column },
    }
}

fn condition<'a>(p: &'a Program, c: &Condition) -> ConditionDoc<'a> {
    ConditionDoc {
        entity: p.entity_name(c.entity),
        state: c.state.as_str(),
    }
}

fn rule<'a>(p: &'a Program, r: &'a Rule) -> RuleDoc<'a> {
    let term = |t: &Term| match t {
        Term::Var(i) => format!(
            "?{}",
            r.variables.get(*i as usize).map_or("?", |s| s.as_str())
        ),
        Term::Entity(e) => p.entity_name(*e).to_string(),
    };
    let atom = |a: &Atom| match a {
        Atom::State(t, s) => format!("{} {}", term(t), s.as_str()),
        Atom::Relation(a, rel, b) => format!("{} {} {}", term(a), rel.as_str(), term(b)),
    };
    RuleDoc {
        name: &r.name,
        confidence: r.confidence,
        prelude: r.prelude,
        body: r.body.iter().map(atom).collect(),
        head: atom(&r.head),
    }
}

fn scenario<'a>(p: &'a Program, sc: &'a Scenario) -> ScenarioDoc<'a> {
    let name = |id| p.entity_name(id);
    ScenarioDoc {
        name: &sc.name,
        title: sc.title.as_deref(),
        clamps: sc
            .clamps
            .iter()
            .map(|c| ClampDoc {
                entity: name(c.entity),
                state: c.state.as_str(),
                clamp: c.kind.as_str(),
            })
            .collect(),
        contexts: sc.contexts.iter().map(|c| p.context_name(*c)).collect(),
        expects: sc
            .expects
            .iter()
            .map(|e| match &e.expectation {
                Expectation::Net(id, net) => ExpectDoc::Net {
                    entity: name(*id),
                    net: net.as_str(),
                },
                Expectation::Not(id, st) => ExpectDoc::Not {
                    entity: name(*id),
                    not: st.as_str(),
                },
                Expectation::Via(id, st, via) => ExpectDoc::Via {
                    entity: name(*id),
                    net: st.as_str(),
                    via: name(*via),
                },
                Expectation::Leans(id, st) => ExpectDoc::Leans {
                    entity: name(*id),
                    leans: st.as_str(),
                },
                Expectation::ConflictingLeaning(id, st) => ExpectDoc::ConflictingLeaning {
                    entity: name(*id),
                    net: "conflicting",
                    leaning: st.as_str(),
                },
            })
            .collect(),
    }
}
