//! `--format json` documents, exactly as `docs/json.md` lists them: every document starts
//! with `"marrow": VERSION`, keys keep the order written here.

use serde::Serialize;

use crate::engine::{Evaluation, NetEffect, Note, Side};
use crate::explain::{Finding, Graph, Why, WhyNot};

use super::View;
use super::name::fact_text;
use super::words;

/// The version every document names first, so a reader can tell which schema it holds.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Strengths in JSON at full precision: serde writes the shortest decimal that reads back
/// as the same `f64`, so a weak chain (`0.05⁵`) keeps its value instead of rounding to 0.
pub(super) fn number(x: f64) -> f64 {
    x
}

#[derive(Serialize)]
struct RunDoc<'a> {
    marrow: &'static str,
    scenario: Option<&'a str>,
    contexts: Vec<&'a str>,
    givens: Vec<GivenDoc<'a>>,
    /// `--decisive R`: conflicts with margin ≥ R report their lean's side as `net`.
    decisive: Option<f64>,
    effects: EffectsDoc<'a>,
}

/// The effects of a run, serialised one at a time as they are written: a network's run
/// has hundreds of thousands, and collecting their documents first would hold them all.
struct EffectsDoc<'a> {
    view: &'a View<'a>,
    effects: &'a [NetEffect],
    before: &'a [&'a NetEffect],
}

impl Serialize for EffectsDoc<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.effects.len()).map(|i| self.effect(i)))
    }
}

impl<'a> EffectsDoc<'a> {
    /// The document of the `i`th effect.
    fn effect(&self, i: usize) -> EffectDoc<'a> {
        let program = self.view.program;
        let e = &self.effects[i];
        EffectDoc {
            entity: program.entity_name(e.entity),
            outcome: e.outcome,
            net: e.net.as_str(),
            lean: e.lean.map(|s| s.as_str()),
            margin: e.margin,
            up: side(e.up),
            down: side(e.down),
            notes: e.notes.iter().map(|n| note_doc(self.view, n)).collect(),
            before: self.before.get(i).map(|b| BeforeDoc {
                net: b.net.as_str(),
                lean: b.lean.map(|s| s.as_str()),
                up: side(b.up),
                down: side(b.down),
            }),
        }
    }

    /// The effects `range` as elements of the document's `effects` array, each after
    /// its line break (and comma, but before the first), as the pretty printer lays
    /// them out two levels deep.
    fn write_elements(
        &self,
        w: &mut impl std::io::Write,
        range: std::ops::Range<usize>,
    ) -> std::io::Result<()> {
        for i in range {
            w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            self.effect(i).write_element(&mut *w)?;
        }
        Ok(())
    }
}

#[derive(Serialize)]
struct GivenDoc<'a> {
    entity: &'a str,
    state: &'static str,
    clamp: &'static str,
}

/// One net effect. Its element of a big run document is written by
/// [`EffectDoc::write_element`], which must lay out these fields as serde does.
#[derive(Serialize)]
pub(super) struct EffectDoc<'a> {
    pub(super) entity: &'a str,
    pub(super) outcome: bool,
    pub(super) net: &'static str,
    pub(super) lean: Option<&'static str>,
    pub(super) margin: Option<f64>,
    pub(super) up: Option<SideDoc>,
    pub(super) down: Option<SideDoc>,
    pub(super) notes: Vec<NoteDoc>,
    /// In `effects`: the entity's result without the perturbation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) before: Option<BeforeDoc>,
}

#[derive(Serialize)]
pub(super) struct BeforeDoc {
    pub(super) net: &'static str,
    pub(super) lean: Option<&'static str>,
    pub(super) up: Option<SideDoc>,
    pub(super) down: Option<SideDoc>,
}

#[derive(Serialize)]
pub(super) struct SideDoc {
    pub(super) strength: f64,
    pub(super) steps: u32,
}

#[derive(Serialize)]
pub(super) struct NoteDoc {
    kind: &'static str,
    /// The statement the note is about, as the language writes it.
    statement: String,
    source: Option<SourceDoc>,
    citations: Vec<String>,
    /// The whole note, as text output words it.
    text: String,
}

#[derive(Serialize)]
struct SourceDoc {
    file: String,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct WhyDoc {
    marrow: &'static str,
    fact: String,
    holds: bool,
    derivation: Option<GraphDoc>,
    opposing: Option<GraphDoc>,
    /// The derivation as one causal line, with `--chain`.
    chain: Option<String>,
    /// Other derivations, strongest first, with `--alternatives N`.
    alternatives: Vec<GraphDoc>,
    evidence: Vec<ChainDoc>,
    evidence_count: CountDoc,
    why_not: Vec<FindingDoc>,
    disputed: Vec<DisputedDoc>,
}

/// One further line of evidence: the causal chain as text output writes it, its strength,
/// its entities from start to fact, and what it cites.
#[derive(Serialize)]
struct ChainDoc {
    chain: String,
    strength: f64,
    entities: Vec<String>,
    citations: Vec<String>,
}

#[derive(Serialize)]
struct CountDoc {
    derivations: usize,
    intermediates: usize,
    sources: usize,
    complete: bool,
}

#[derive(Serialize)]
struct GraphDoc {
    root: usize,
    nodes: Vec<NodeDoc>,
}

#[derive(Serialize)]
struct NodeDoc {
    id: usize,
    fact: String,
    by: &'static str,
    rule: Option<String>,
    strength: f64,
    steps: u32,
    source: Option<SourceDoc>,
    /// The other lines of a statement merged from several.
    also_stated: Vec<SourceDoc>,
    citations: Vec<String>,
    context: Vec<String>,
    premises: Vec<usize>,
}

/// One `why not` finding: `kind` says which, the other keys depend on it.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum FindingDoc {
    Blocked {
        entity: String,
        state: &'static str,
        clamp: &'static str,
    },
    NothingConcludes {},
    Candidate {
        by: &'static str,
        rule: Option<String>,
        source: Option<SourceDoc>,
        text: String,
        premises: Vec<PremiseDoc>,
    },
    UnmatchedRule {
        rule: String,
        patterns: Vec<String>,
    },
    Omitted {
        count: usize,
    },
    Inactive {
        statement: String,
        source: Option<SourceDoc>,
        contexts: Vec<String>,
    },
    NullResult {
        statement: String,
        source: Option<SourceDoc>,
        citations: Vec<String>,
    },
    TooManySteps {
        steps: u32,
        max_steps: u32,
        text: String,
    },
    Disputed {
        statement: String,
        source: Option<SourceDoc>,
        citations: Vec<String>,
    },
}

/// A disputed statement that would give (`"gives"`) or oppose (`"opposes"`) the fact.
#[derive(Serialize)]
struct DisputedDoc {
    statement: String,
    source: Option<SourceDoc>,
    citations: Vec<String>,
    effect: &'static str,
}

#[derive(Serialize)]
struct PremiseDoc {
    premise: String,
    holds: bool,
    /// Why a missing premise does not hold, while `--depth` remains.
    why_not: Option<Vec<FindingDoc>>,
}

fn side(s: Option<Side>) -> Option<SideDoc> {
    s.map(|s| SideDoc {
        strength: number(s.strength),
        steps: s.steps,
    })
}

fn source(view: &View, span: Option<crate::source::Span>) -> Option<SourceDoc> {
    span.filter(|s| view.has_source(*s)).map(|s| {
        let (file, line, column) = view.location(s);
        SourceDoc {
            file: file.to_string(),
            line,
            column,
        }
    })
}

/// Write a document, pretty-printed, with a final newline. serde writes a document in
/// many small pieces; a buffer of a known type takes each as a copy, where the caller's
/// writer (often `dyn Write`) would take a call through a pointer.
fn write_doc(w: &mut (impl std::io::Write + ?Sized), doc: &impl Serialize) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, w);
    super::pretty::write(&mut buffered, doc).map_err(std::io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// A document as a string; our documents hold only strings, numbers and lists, so
/// serialising them cannot fail short of running out of memory.
pub(super) fn to_string(doc: &impl Serialize) -> String {
    let mut out = Vec::new();
    let written = write_doc(&mut out, doc);
    debug_assert!(written.is_ok(), "JSON documents always serialise");
    String::from_utf8(out).unwrap_or_default()
}

fn note_doc(view: &View, note: &Note) -> NoteDoc {
    let text = words::note(view, note);
    match *note {
        Note::ContradictsNull(i) => {
            let null = view.program.nulls.get(i);
            NoteDoc {
                kind: "contradicts-null-result",
                statement: null.map_or_else(String::new, |n| {
                    format!(
                        "{} does not affect {}",
                        words::entity(view, n.subject),
                        words::entity(view, n.object)
                    )
                }),
                source: source(view, null.map(|n| n.provenance.span)),
                citations: null.map_or_else(Vec::new, |n| {
                    view.program
                        .citations(&n.provenance)
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                }),
                text,
            }
        }
    }
}

/// The `run` / `effects` document: scenario, selected contexts, clamps, net effects.
pub fn run_json(
    view: &View,
    ev: &Evaluation,
    scenario: Option<&str>,
    effects: &[NetEffect],
) -> String {
    let mut out = Vec::new();
    let written = write_run_json(&mut out, view, ev, scenario, effects);
    debug_assert!(written.is_ok(), "JSON documents always serialise");
    String::from_utf8(out).unwrap_or_default()
}

/// [`run_json`] written straight to `w`: a million-entity document is never held whole
/// in memory.
pub fn write_run_json(
    w: &mut (impl std::io::Write + ?Sized),
    view: &View,
    ev: &Evaluation,
    scenario: Option<&str>,
    effects: &[NetEffect],
) -> std::io::Result<()> {
    write_effects(w, view, ev, scenario, effects, &[], EFFECTS_BLOCK)
}

/// The `effects` document: the `run` document of the perturbed run, each moved entity
/// with its result `before` the perturbation.
pub fn effects_json(
    view: &View,
    ev: &Evaluation,
    scenario: Option<&str>,
    moved: &[crate::answers::Moved],
) -> String {
    let after: Vec<NetEffect> = moved.iter().map(|m| m.after.clone()).collect();
    let before: Vec<&NetEffect> = moved.iter().map(|m| &m.before).collect();
    let mut out = Vec::new();
    let written = write_effects(&mut out, view, ev, scenario, &after, &before, EFFECTS_BLOCK);
    debug_assert!(written.is_ok(), "JSON documents always serialise");
    String::from_utf8(out).unwrap_or_default()
}

/// The run document of `effects` (each with its result `before`, in an `effects`
/// document), their elements rendered `block` at a time.
fn write_effects(
    w: &mut (impl std::io::Write + ?Sized),
    view: &View,
    ev: &Evaluation,
    scenario: Option<&str>,
    effects: &[NetEffect],
    before: &[&NetEffect],
    block: usize,
) -> std::io::Result<()> {
    let program = view.program;
    let doc = RunDoc {
        marrow: VERSION,
        scenario,
        contexts: ev
            .config()
            .contexts
            .iter()
            .filter(|c| (c.0 as usize) < program.contexts.len())
            .map(|&c| program.context_name(c))
            .collect(),
        givens: ev
            .config()
            .clamps
            .iter()
            .map(|c| GivenDoc {
                entity: program.entity_name(c.entity),
                state: c.state.as_str(),
                clamp: c.kind.as_str(),
            })
            .collect(),
        decisive: ev.config().decisive,
        effects: EffectsDoc {
            view,
            effects,
            before,
        },
    };
    write_run_doc(w, doc, block)
}

/// Effects rendered at a time by each core: a network's run has hundreds of thousands,
/// a third of the time `run` takes; blocks keep the pieces waiting to be written small.
const EFFECTS_BLOCK: usize = 4096;

/// The run document, its effects rendered block by block on two cores when there are
/// more than two blocks of them: the other core renders every second block while this
/// one renders and writes the others, in order, so the bytes are those the document
/// serialises to on one core.
fn write_run_doc(
    w: &mut (impl std::io::Write + ?Sized),
    mut doc: RunDoc,
    block: usize,
) -> std::io::Result<()> {
    use std::io::Write as _;
    let view = doc.effects.view;
    let all = std::mem::replace(
        &mut doc.effects,
        EffectsDoc {
            view,
            effects: &[],
            before: &[],
        },
    );
    // The head is the document with no effects, up to its empty array.
    let mut head = Vec::new();
    super::pretty::write(&mut head, &doc).map_err(std::io::Error::other)?;
    let block = block.max(1);
    let (Some(head), true) = (
        head.strip_suffix(b"[]\n}"),
        all.effects.len() > block.saturating_mul(2),
    ) else {
        return write_doc(
            w,
            &RunDoc {
                effects: all,
                ..doc
            },
        );
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, w);
    out.write_all(head)?;
    out.write_all(b"[")?;
    let n = all.effects.len();
    let blocks = || {
        (0..n)
            .step_by(block)
            .map(|from| from..(from + block).min(n))
    };
    std::thread::scope(|scope| {
        use std::sync::mpsc::sync_channel;
        // Rendered pieces go one way, their emptied buffers back for the next.
        let (rendered, done) = sync_channel::<std::io::Result<Vec<u8>>>(1);
        let (give_back, spare) = sync_channel::<Vec<u8>>(2);
        let all = &all;
        scope.spawn(move || {
            for range in blocks().skip(1).step_by(2) {
                let mut buf = spare.try_recv().unwrap_or_default();
                buf.clear();
                let piece = all.write_elements(&mut buf, range).map(|()| buf);
                // A closed channel: the writing has stopped on an error.
                if rendered.send(piece).is_err() {
                    break;
                }
            }
        });
        for (k, range) in blocks().enumerate() {
            if k % 2 == 0 {
                all.write_elements(&mut out, range)?;
            } else {
                let piece = done.recv().map_err(std::io::Error::other)??;
                out.write_all(&piece)?;
                // The worker may have finished and dropped its end: nothing to reuse.
                let _ = give_back.try_send(piece);
            }
        }
        Ok::<(), std::io::Error>(())
    })?;
    out.write_all(b"\n  ]\n}\n")?;
    out.flush()
}

fn graph_doc(view: &View, graph: &Graph) -> GraphDoc {
    let nodes = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(id, node)| {
            let b = words::backing(view, node.origin);
            let (by, rule) = match node.origin {
                crate::engine::Origin::Clamp(_) => ("given", None),
                crate::engine::Origin::Rule(_) => (
                    "rule",
                    words::rule(view, node.origin).map(|r| r.name.clone()),
                ),
                _ => ("statement", None),
            };
            NodeDoc {
                id,
                fact: words::node_fact(view, node),
                by,
                rule,
                strength: number(node.strength),
                steps: node.steps,
                source: source(view, b.source),
                also_stated: b
                    .also
                    .iter()
                    .filter_map(|&s| source(view, Some(s)))
                    .collect(),
                citations: b.citations,
                context: b.contexts,
                premises: node.premises.clone(),
            }
        })
        .collect();
    GraphDoc {
        root: graph.root,
        nodes,
    }
}

fn findings_doc(view: &View, w: &WhyNot) -> Vec<FindingDoc> {
    use super::why_not::{candidate_rule, inactive_text, premise, producer};
    let program = view.program;
    let fact = fact_text(program, &w.fact, None);
    w.findings
        .iter()
        .filter_map(|f| {
            Some(match f {
                Finding::Blocked(c) => FindingDoc::Blocked {
                    entity: program.entity_name(c.entity).to_string(),
                    state: c.state.as_str(),
                    clamp: c.kind.as_str(),
                },
                Finding::NothingConcludes => FindingDoc::NothingConcludes {},
                Finding::Candidate(c) => {
                    let rule = candidate_rule(view, c);
                    let (by, span) = match c.producer {
                        crate::engine::Origin::Rule(_) => ("rule", rule.map(|r| r.span)),
                        crate::engine::Origin::Clamp(kind) => (kind.as_str(), None),
                        crate::engine::Origin::Statement(id) => (
                            "statement",
                            program
                                .statements
                                .get(id.0 as usize)
                                .map(|s| s.provenance.span),
                        ),
                        crate::engine::Origin::Conjunction(id) => (
                            "conjunction",
                            program
                                .conjunctions
                                .get(id.0 as usize)
                                .map(|c| c.provenance.span),
                        ),
                    };
                    let span = span.filter(|_| !rule.is_some_and(|r| r.prelude));
                    FindingDoc::Candidate {
                        by,
                        rule: rule.map(|r| r.name.clone()),
                        source: source(view, span),
                        text: producer(view, c, &fact),
                        premises: c
                            .premises
                            .iter()
                            .filter(|p| !p.implied)
                            .map(|p| PremiseDoc {
                                premise: premise(view, rule, p),
                                holds: p.holds,
                                why_not: p.why_not.as_ref().map(|d| findings_doc(view, d)),
                            })
                            .collect(),
                    }
                }
                Finding::Unmatched { rule, patterns } => {
                    let rule = program.rules.get(rule.0 as usize);
                    FindingDoc::UnmatchedRule {
                        rule: rule.map_or_else(String::new, |r| r.name.clone()),
                        patterns: patterns
                            .iter()
                            .map(|a| words::atom(view, rule, a))
                            .collect(),
                    }
                }
                Finding::Omitted(count) => FindingDoc::Omitted { count: *count },
                Finding::Inactive(i) => {
                    let (statement, _) = inactive_text(view, i.producer)?;
                    let span = match i.producer {
                        crate::engine::Origin::Statement(id) => program
                            .statements
                            .get(id.0 as usize)
                            .map(|s| s.provenance.span),
                        crate::engine::Origin::Conjunction(id) => program
                            .conjunctions
                            .get(id.0 as usize)
                            .map(|c| c.provenance.span),
                        crate::engine::Origin::Rule(_) | crate::engine::Origin::Clamp(_) => None,
                    };
                    FindingDoc::Inactive {
                        statement,
                        source: source(view, span),
                        contexts: words::contexts(view, i.contexts.iter().copied()),
                    }
                }
                Finding::TooManySteps { steps, max } => FindingDoc::TooManySteps {
                    steps: *steps,
                    max_steps: *max,
                    text: super::why_not::too_many_steps(*steps, *max),
                },
                Finding::Disputed(producer) => {
                    let d = super::disputed::disputed_words(view, *producer)?;
                    FindingDoc::Disputed {
                        statement: d.statement,
                        source: source(view, d.source),
                        citations: d.citations,
                    }
                }
                Finding::NullResult(i) => {
                    let null = program.nulls.get(*i)?;
                    FindingDoc::NullResult {
                        statement: format!(
                            "{} does not affect {}",
                            words::entity(view, null.subject),
                            words::entity(view, null.object)
                        ),
                        source: source(view, Some(null.provenance.span)),
                        citations: program
                            .citations(&null.provenance)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                    }
                }
            })
        })
        .collect()
}

/// The `why` document: the fact, whether it holds, both derivations as graphs, and the
/// why-not findings.
pub fn why_json(view: &View, why: &Why) -> String {
    why_json_with(view, why, None, &[])
}

/// [`why_json`] with the causal line (`--chain`) and other derivations (`--alternatives`).
pub fn why_json_with(
    view: &View,
    why: &Why,
    chain: Option<String>,
    alternatives: &[Graph],
) -> String {
    let mut doc = why_doc(view, why);
    doc.chain = chain;
    doc.alternatives = alternatives.iter().map(|g| graph_doc(view, g)).collect();
    to_string(&doc)
}

fn why_doc(view: &View, why: &Why) -> WhyDoc {
    WhyDoc {
        chain: None,
        alternatives: Vec::new(),
        marrow: VERSION,
        fact: fact_text(view.program, &why.fact, None),
        holds: why.holds,
        derivation: why.derivation.as_ref().map(|g| graph_doc(view, g)),
        opposing: why.opposing.as_ref().map(|g| graph_doc(view, g)),
        evidence: why
            .evidence
            .lines
            .iter()
            .map(|line| ChainDoc {
                chain: super::text::chain(
                    &View {
                        colour: false,
                        ..*view
                    },
                    &line.chain,
                ),
                strength: number(line.strength),
                entities: line
                    .chain
                    .start_entity
                    .into_iter()
                    .chain(line.chain.links.iter().map(|l| l.entity))
                    .map(|e| words::entity(view, e))
                    .collect(),
                citations: super::evidence::citations(view, line),
            })
            .collect(),
        evidence_count: CountDoc {
            derivations: why.evidence.count.derivations,
            intermediates: why.evidence.count.intermediates,
            sources: why.evidence.count.sources,
            complete: why.evidence.count.complete,
        },
        why_not: why
            .why_not
            .as_ref()
            .map(|w| findings_doc(view, w))
            .unwrap_or_default(),
        disputed: why
            .disputed
            .iter()
            .filter_map(|d| {
                let w = super::disputed::disputed_words(view, d.producer)?;
                Some(DisputedDoc {
                    statement: w.statement,
                    source: source(view, w.source),
                    citations: w.citations,
                    effect: if d.gives { "gives" } else { "opposes" },
                })
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct CheckDoc<'a> {
    marrow: &'static str,
    files: Vec<&'a str>,
    summary: CheckSummary,
    diagnostics: Vec<DiagDoc<'a>>,
}

#[derive(Serialize)]
struct CheckSummary {
    files: usize,
    entities: usize,
    statements: usize,
    rules: usize,
    scenarios: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct DiagDoc<'a> {
    code: &'a str,
    level: &'static str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    label: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<RelatedDoc<'a>>,
    fixes: Vec<FixDoc<'a>>,
}

/// A suggested edit: replace the text from (line, column) to (end_line, end_column).
#[derive(Serialize)]
struct FixDoc<'a> {
    title: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct RelatedDoc<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    label: &'a str,
}

/// The `check` document: the files read, the summary counts and every diagnostic.
pub fn check_json(loaded: &crate::program::Loaded) -> String {
    let p = &loaded.program;
    let sources = &p.sources;
    let known = |s: &crate::source::Span| (s.file.0 as usize) < sources.len();
    let doc = CheckDoc {
        marrow: VERSION,
        files: loaded
            .files
            .iter()
            .map(|&f| sources.get(f).name.as_str())
            .collect(),
        summary: CheckSummary {
            files: loaded.files.len(),
            entities: p.entities.len(),
            statements: p.statements.len() + p.conjunctions.len() + p.nulls.len(),
            rules: p.rules.iter().filter(|r| !r.prelude).count(),
            scenarios: p.scenarios.len(),
            errors: loaded.errors(),
            warnings: loaded.warnings(),
        },
        diagnostics: loaded
            .diags
            .iter()
            .map(|d| {
                let at = d.primary.as_ref().filter(|(s, _)| known(s));
                let loc = at.map(|(s, _)| sources.location(*s));
                DiagDoc {
                    code: d.code.as_str(),
                    level: if d.is_error() { "error" } else { "warning" },
                    message: &d.message,
                    file: loc.map(|l| l.0),
                    line: loc.map(|l| l.1),
                    column: loc.map(|l| l.2),
                    label: at.map(|(_, l)| l.as_str()),
                    help: d.help.as_deref(),
                    related: d
                        .secondary
                        .iter()
                        .filter(|(s, _)| known(s))
                        .map(|(s, label)| {
                            let (file, line, column) = sources.location(*s);
                            RelatedDoc {
                                file,
                                line,
                                column,
                                label,
                            }
                        })
                        .collect(),
                    fixes: d
                        .fixes
                        .iter()
                        .filter(|f| known(&f.span))
                        .map(|f| {
                            let (file, line, column) = sources.location(f.span);
                            let end = crate::source::Span {
                                start: f.span.end,
                                ..f.span
                            };
                            let (_, end_line, end_column) = sources.location(end);
                            FixDoc {
                                title: &f.title,
                                file,
                                line,
                                column,
                                end_line,
                                end_column,
                                replacement: &f.replacement,
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
    };
    to_string(&doc)
}

#[derive(Serialize)]
struct TestDoc {
    marrow: &'static str,
    scenarios: Vec<ScenarioDoc>,
    passed: usize,
    failed: usize,
}

#[derive(Serialize)]
struct ScenarioDoc {
    name: String,
    passed: bool,
    expectations: usize,
    unmet: Vec<UnmetDoc>,
    snapshot: &'static str,
    snapshot_file: String,
    snapshot_diff: Option<String>,
    /// The rule whose join the row limit stopped, if it stopped the run.
    stopped: Option<String>,
}

#[derive(Serialize)]
struct UnmetDoc {
    expect: String,
    source: Option<SourceDoc>,
    found: String,
}

/// The `test` document: one result per scenario and the totals.
pub fn test_json(view: &View, results: &[crate::answers::ScenarioResult]) -> String {
    use crate::answers::SnapshotStatus;
    let scenarios: Vec<ScenarioDoc> = results
        .iter()
        .map(|r| {
            let (snapshot, diff) = match &r.snapshot {
                SnapshotStatus::Matches => ("matches", None),
                SnapshotStatus::Differs(d) => ("differs", Some(d.clone())),
                SnapshotStatus::Missing => ("missing", None),
                SnapshotStatus::Written => ("written", None),
                SnapshotStatus::WriteFailed(e) => ("write-failed", Some(e.clone())),
            };
            ScenarioDoc {
                name: r.scenario.name.clone(),
                passed: r.passed(),
                expectations: r.scenario.expects.len(),
                unmet: r
                    .unmet
                    .iter()
                    .map(|u| UnmetDoc {
                        expect: super::expect::expectation(view, &u.expect.expectation),
                        source: source(view, Some(u.expect.span)),
                        found: super::expect::found(view, &u.found),
                    })
                    .collect(),
                snapshot,
                snapshot_file: r.snapshot_path.display().to_string(),
                snapshot_diff: diff,
                stopped: r
                    .stopped
                    .as_ref()
                    .map(|l| view.program.rule(l.rule).name.clone()),
            }
        })
        .collect();
    let passed = scenarios.iter().filter(|s| s.passed).count();
    to_string(&TestDoc {
        marrow: VERSION,
        failed: scenarios.len() - passed,
        passed,
        scenarios,
    })
}

/// A `list` document: `{"marrow", "<what>": [{"name", …}]}` with the given items.
pub fn list_json(what: &str, items: Vec<serde_json::Value>) -> String {
    let mut doc = serde_json::Map::new();
    doc.insert("marrow".into(), VERSION.into());
    doc.insert(what.into(), serde_json::Value::Array(items));
    to_string(&doc)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::engine::{RunConfig, evaluate, net_effects};
    use crate::program::load_paths;

    /// The run and effects documents written block by block on two cores are byte for
    /// byte the ones serialised whole, for every block size from one effect up, on each
    /// shipped scenario (notes, contexts and conflicts included).
    #[test]
    fn blocks_on_two_cores_write_the_same_bytes() {
        let loaded = load_paths(&[PathBuf::from("rules/osseointegration")]);
        let program = &loaded.program;
        let view = super::View::new(program);
        let mut split = 0;
        for scenario in program.scenarios.values() {
            let ev = evaluate(program, &RunConfig::from_scenario(scenario));
            let effects = net_effects(program, &ev, true);
            let before: Vec<_> = effects.iter().rev().collect();
            for before in [&[][..], &before[..]] {
                let write = |block| {
                    let mut out = Vec::new();
                    let name = Some(scenario.name.as_str());
                    super::write_effects(&mut out, &view, &ev, name, &effects, before, block)
                        .expect("written");
                    String::from_utf8(out).expect("UTF-8")
                };
                let whole = write(usize::MAX);
                for block in [1, 2, 3, 7, effects.len() / 2] {
                    assert_eq!(write(block), whole, "block {block}");
                    split += usize::from(effects.len() > 2 * block);
                }
            }
        }
        assert!(split > 10, "only {split} documents were written in blocks");
    }

    /// An effect's element written directly is what serde writes, for every effect of
    /// every shipped scenario and of the null-results case (notes), each also with names
    /// that need escaping, odd margins and a result before.
    #[test]
    fn an_element_written_directly_is_what_serde_writes() {
        let (mut compared, mut with_notes) = (0, 0);
        for path in [
            "rules/osseointegration",
            "tests/cases/run/null_results.rules",
        ] {
            let loaded = load_paths(&[PathBuf::from(path)]);
            let program = &loaded.program;
            let view = super::View::new(program);
            for scenario in program.scenarios.values() {
                let ev = evaluate(program, &RunConfig::from_scenario(scenario));
                let effects = net_effects(program, &ev, true);
                let before: Vec<_> = effects.iter().rev().collect();
                let doc = super::EffectsDoc {
                    view: &view,
                    effects: &effects,
                    before: &before,
                };
                for i in 0..effects.len() {
                    let variants = [
                        ("a\"b", Some(0.25)),
                        ("c\\d", Some(1e-300)),
                        ("IL-1β\ttab\u{1}", None),
                        ("plain", Some(f64::NAN)),
                    ];
                    let mut docs = vec![doc.effect(i)];
                    for (k, (name, margin)) in variants.into_iter().enumerate() {
                        let mut varied = doc.effect(i);
                        varied.entity = name;
                        varied.margin = margin;
                        if k % 2 == 0 {
                            varied.before = None;
                        }
                        docs.push(varied);
                    }
                    for effect in docs {
                        let mut direct = Vec::new();
                        effect.write_element(&mut direct).expect("written");
                        let mut serde = Vec::new();
                        super::super::pretty::write_nested(&mut serde, 2, &effect)
                            .expect("written");
                        assert_eq!(
                            String::from_utf8(direct).expect("UTF-8"),
                            String::from_utf8(serde).expect("UTF-8")
                        );
                        compared += 1;
                        with_notes += usize::from(!effect.notes.is_empty());
                    }
                }
            }
        }
        assert!(
            compared > 500 && with_notes >= 5,
            "{compared} compared, {with_notes} with notes"
        );
    }
}
