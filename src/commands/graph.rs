//! `marrow graph`: the statement network around some entities (or the outcomes) as a
//! picture, each entity coloured by the run's net effect on it.

use std::path::PathBuf;

use super::neighbourhood::{Link, Network, Selection, TooMany, select};
use super::setup::{Prepared, entity, prepare, usage};
use super::{Exit, Output};
use crate::cli::{GraphFormat, RunFlags};
use crate::diagnostics::{Code, Diag};
use crate::engine::{Evaluation, Net, NetEffect, RunConfig, evaluate, net_effect};
use crate::program::{Atom, ClampKind, ContextId, EntityId, Program, Provenance, State};
use crate::render::diagram::{Cluster, Diagram, Edge, Node, NodeClass, Pin, Sign, dot, svg};
use crate::render::name::display_name;

/// Edges are labelled with their verb only in pictures with at most this many edges.
const EDGE_LABELS_UP_TO: usize = 60;

/// Options of `graph` beyond the run.
pub struct GraphOptions {
    /// Entities (as typed) to draw around.
    pub around: Vec<String>,
    /// How many statements away from the seeds to go.
    pub depth: usize,
    /// Start from the declared outcomes too.
    pub outcomes: bool,
    /// Refuse to draw more entities than this.
    pub max_nodes: usize,
    /// SVG or DOT.
    pub format: GraphFormat,
}

/// Draw the network `opts` selects, coloured by the run `flags` describe.
pub fn run(paths: &[PathBuf], flags: &RunFlags, opts: &GraphOptions, out: &Output) -> Exit {
    let prepared = prepare(paths, flags, out, |program| {
        let mut seeds = Vec::new();
        for typed in &opts.around {
            let e = entity(program, typed)?;
            if !seeds.contains(&e) {
                seeds.push(e);
            }
        }
        Ok(seeds)
    });
    let Prepared {
        loaded,
        config,
        scenario,
        args: mut seeds,
    } = match prepared {
        Ok(p) => p,
        Err(exit) => return exit,
    };
    let program = &loaded.program;
    if opts.outcomes {
        if program.outcomes.is_empty() {
            let d = Diag::error(Code::CliNoOutcomes, "the rule files declare no outcomes")
                .help("declare them with `outcome NAME, …`, or name entities with --around");
            return usage(out, &program.sources, d);
        }
        let known = program.entities.len();
        for &o in program.outcomes.iter().filter(|o| (o.0 as usize) < known) {
            if !seeds.contains(&o) {
                seeds.push(o);
            }
        }
    }
    let net = Network::build(program, &config);
    let selection = match select(program, &net, &seeds, opts.depth, opts.max_nodes) {
        Ok(s) => s,
        Err(TooMany(n)) => {
            let what = if seeds.is_empty() {
                "the whole network".to_string()
            } else {
                format!(
                    "the neighbourhood of {} at depth {}",
                    names(program, &seeds),
                    opts.depth
                )
            };
            let d = Diag::error(
                Code::CliTooManyNodes,
                format!(
                    "{what} has more than {} entities (stopped counting at {n})",
                    opts.max_nodes
                ),
            )
            .help(
                "draw less: lower --depth, name fewer entities with --around, \
                 or raise the limit with --max-nodes N",
            );
            return usage(out, &program.sources, d);
        }
    };
    // Without clamps nothing can change (every rule needs a state premise), so a large
    // network is not evaluated just to colour everything grey.
    let ev = (!nothing_can_change(program, &config)).then(|| evaluate(program, &config));
    let diagram = picture(
        program,
        ev.as_ref(),
        &net,
        &selection,
        &seeds,
        opts,
        scenario.as_deref(),
    );
    match opts.format {
        GraphFormat::Svg => out.print(&svg::to_svg(&diagram)),
        GraphFormat::Dot => out.print(&dot::to_dot(&diagram)),
    }
    Exit::Success
}

/// True when no state fact can hold: no clamps, and every variable rule (the prelude's
/// included) needs a state premise; conditional statements and conjunctions always do.
fn nothing_can_change(program: &Program, config: &RunConfig) -> bool {
    config.clamps.is_empty()
        && program
            .rules
            .iter()
            .all(|r| r.body.iter().any(|a| matches!(a, Atom::State(..))))
}

/// The diagram of a selection: one node per entity, one edge per link.
fn picture(
    program: &Program,
    ev: Option<&Evaluation>,
    net: &Network,
    sel: &Selection,
    seeds: &[EntityId],
    opts: &GraphOptions,
    scenario: Option<&str>,
) -> Diagram {
    let mut d = Diagram::new(title(program, seeds, opts, scenario));
    let slots = slots(program, sel);
    let index = |e: EntityId| slots[e.0 as usize];
    let contexts = node_contexts(program, net, sel, &slots);
    let mut used: Vec<ContextId> = contexts.iter().flatten().copied().collect();
    used.sort();
    used.dedup();
    d.clusters = used
        .iter()
        .map(|&c| Cluster {
            label: program.context_name(c).to_string(),
        })
        .collect();
    for (i, &e) in sel.entities.iter().enumerate() {
        let mut node = entity_node(program, ev, e);
        node.emphasis = seeds.contains(&e);
        node.cluster = contexts[i].and_then(|c| used.iter().position(|&u| u == c));
        d.add_node(node);
    }
    let positions: Vec<(usize, usize)> = sel
        .links
        .iter()
        .map(|&li| {
            let (a, b) = net.links[li as usize].ends(program);
            (index(a).unwrap_or(0), index(b).unwrap_or(0))
        })
        .collect();
    for (&li, &(from, to)) in sel.links.iter().zip(&positions) {
        d.add_edge(link_edge(program, net.links[li as usize], from, to));
    }
    // Past a few dozen edges the verbs only clutter; the heads carry the sign and each
    // edge's tooltip keeps its statement.
    let labelled = d.edges.len() <= EDGE_LABELS_UP_TO;
    if !labelled {
        for e in &mut d.edges {
            e.label.clear();
        }
    }
    d.description = format!(
        "{} entit{} and {} statement{}{}. Fill colour gives the net effect{}; arrows activate, \
         flat bars inhibit, open arrows deliver cargo, dotted lines are reported null results.",
        d.nodes.len(),
        if d.nodes.len() == 1 { "y" } else { "ies" },
        d.edges.len(),
        if d.edges.len() == 1 { "" } else { "s" },
        match seeds.len() {
            0 => String::new(),
            _ => format!(
                " within {} step{} of {}",
                opts.depth,
                if opts.depth == 1 { "" } else { "s" },
                names(program, seeds)
            ),
        },
        scenario.map_or(String::new(), |s| format!(" under scenario {s}")),
    );
    d
}

/// The node index of each selected entity, indexed by entity.
fn slots(program: &Program, sel: &Selection) -> Vec<Option<usize>> {
    let mut slots = vec![None; program.entities.len()];
    for (i, &e) in sel.entities.iter().enumerate() {
        slots[e.0 as usize] = Some(i);
    }
    slots
}

fn names(program: &Program, entities: &[EntityId]) -> String {
    let shown: Vec<String> = entities
        .iter()
        .take(4)
        .map(|&e| program.entity_name(e).to_string())
        .collect();
    let more = entities.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn title(
    program: &Program,
    seeds: &[EntityId],
    opts: &GraphOptions,
    scenario: Option<&str>,
) -> String {
    let mut t = if opts.outcomes && opts.around.is_empty() {
        format!("Statements around the outcomes (depth {})", opts.depth)
    } else if seeds.is_empty() {
        "The statement network".to_string()
    } else {
        format!(
            "Statements around {} (depth {})",
            names(program, seeds),
            opts.depth
        )
    };
    if let Some(s) = scenario {
        t.push_str(" · scenario ");
        t.push_str(s);
    }
    t
}

/// The context of each selected entity: the one context every drawn link touching it
/// belongs to, if there is exactly one.
fn node_contexts(
    program: &Program,
    net: &Network,
    sel: &Selection,
    slots: &[Option<usize>],
) -> Vec<Option<ContextId>> {
    let mut ctx: Vec<Option<Option<ContextId>>> = vec![None; sel.entities.len()];
    for &li in &sel.links {
        let link = net.links[li as usize];
        let prov = provenance(program, link);
        let mut contexts = program.contexts(prov);
        let one = match (contexts.next(), contexts.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        let (a, b) = link.ends(program);
        for e in [a, b] {
            if let Some(i) = slots[e.0 as usize] {
                ctx[i] = match ctx[i] {
                    None => Some(one),
                    Some(prev) if prev == one => Some(prev),
                    Some(_) => Some(None),
                };
            }
        }
    }
    ctx.into_iter().map(Option::flatten).collect()
}

fn provenance(program: &Program, link: Link) -> &Provenance {
    match link {
        Link::Statement(i) => &program.statements[i as usize].provenance,
        Link::Conjunction(i, _) => &program.conjunctions[i as usize].provenance,
        Link::Null(i) => &program.nulls[i as usize].provenance,
    }
}

/// Strengths to two decimals: enough to compare at a glance (the tooltip and `run`
/// have the full value).
fn short(x: f64) -> String {
    format!("{x:.2}")
}

/// A strength for a tooltip: four decimals at most, without float noise.
fn fine(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn entity_node(program: &Program, ev: Option<&Evaluation>, e: EntityId) -> Node {
    let effect = match ev {
        Some(ev) => net_effect(program, ev, e),
        None => NetEffect::unaffected(e, program.outcomes.contains(&e)),
    };
    let class = match effect.net {
        Net::Up => NodeClass::Up,
        Net::Down => NodeClass::Down,
        Net::Conflicting => NodeClass::Conflicting,
        Net::Unaffected => NodeClass::Unaffected,
    };
    let mut node = Node::new(program.entity_name(e), class);
    let (up, down) = (
        effect.up.map(|s| s.strength),
        effect.down.map(|s| s.strength),
    );
    node.sublabel = match (effect.clamp, effect.net, up, down) {
        (Some(ClampKind::Given), _, _, _) => {
            let st = if down.is_some() && up.is_none() {
                "down"
            } else {
                "up"
            };
            format!("given {st}")
        }
        (Some(kind), _, _, _) => kind.as_str().to_string(),
        (None, Net::Up, Some(s), _) => format!("up · {}", short(s)),
        (None, Net::Down, _, Some(s)) => format!("down · {}", short(s)),
        (None, Net::Conflicting, Some(u), Some(dn)) => match effect.lean {
            Some(State::Up) => format!("conflicting · leans up ×{}", short(u / dn)),
            Some(State::Down) => format!("conflicting · leans down ×{}", short(dn / u)),
            None => "conflicting · tie".to_string(),
        },
        _ => String::new(),
    };
    node.pin = effect.clamp.map(|k| match k {
        ClampKind::Given => Pin::Given,
        ClampKind::Knockout | ClampKind::Overexpress => Pin::Clamped,
    });
    let ent = program.entity(e);
    let mut tip = display_name(program.entity_name(e)).into_owned();
    if let Some(kind) = &ent.kind {
        tip.push_str(&format!(" ({kind})"));
    }
    for (state, side) in [("up", effect.up), ("down", effect.down)] {
        if let Some(s) = side {
            tip.push_str(&format!(
                "\n{state}: strength {}, {} step{}",
                fine(s.strength),
                s.steps,
                if s.steps == 1 { "" } else { "s" }
            ));
        }
    }
    if let Some(kind) = effect.clamp {
        tip.push_str(&format!("\nclamped by the run: {}", kind.as_str()));
    }
    let what = if ent.declared {
        "declared"
    } else {
        "first mentioned"
    };
    tip.push_str(&format!(
        "\n{what} at {}",
        program.sources.file_line(ent.span)
    ));
    node.tooltip = tip;
    node
}

fn state_word(s: State) -> &'static str {
    s.as_str()
}

/// One edge for one link, with its statement, `file:line`, citations and context in
/// the tooltip.
fn link_edge(program: &Program, link: Link, from: usize, to: usize) -> Edge {
    let name = |e: EntityId| display_name(program.entity_name(e)).into_owned();
    let (mut edge, text) = match link {
        Link::Statement(i) => {
            let s = &program.statements[i as usize];
            let sign = match s.relation() {
                crate::program::Relation::Activates => Sign::Activation,
                crate::program::Relation::Inhibits => Sign::Inhibition,
                crate::program::Relation::Carries => Sign::Delivery,
            };
            let verb = program.verb_word(s.verb());
            let mut text = format!("{} {verb} {}", name(s.subject), name(s.object));
            for (k, c) in program.conditions(s).enumerate() {
                text.push_str(if k == 0 { " when " } else { " and " });
                text.push_str(&format!("{} {}", name(c.entity), state_word(c.state)));
            }
            let mut e = Edge::new(from, to, sign);
            e.label = verb.to_string();
            e.dashed = program.is_conditional(s);
            (e, text)
        }
        Link::Conjunction(i, k) => {
            let c = &program.conjunctions[i as usize];
            let premises: Vec<String> = c
                .premises
                .iter()
                .map(|p| format!("{} {}", name(p.entity), state_word(p.state)))
                .collect();
            let text = format!(
                "when {} then {} {}",
                premises.join(" and "),
                name(c.head.entity),
                state_word(c.head.state)
            );
            let sign = if c.premises[k as usize].state == c.head.state {
                Sign::Activation
            } else {
                Sign::Inhibition
            };
            let mut e = Edge::new(from, to, sign);
            e.label = "jointly".into();
            (e, text)
        }
        Link::Null(i) => {
            let n = &program.nulls[i as usize];
            let mut e = Edge::new(from, to, Sign::Null);
            e.label = "no effect".into();
            (
                e,
                format!("{} does not affect {}", name(n.subject), name(n.object)),
            )
        }
    };
    let prov = provenance(program, link);
    let mut tip = text;
    tip.push_str(&format!("\n{}", program.sources.file_line(prov.span)));
    let citations = program.citations(prov);
    if !citations.is_empty() {
        tip.push_str(&format!("\n[{}]", citations.join("; ")));
    }
    tip.push_str(&format!("\nconfidence {}", fine(program.confidence(prov))));
    if program.tails(prov).has_contexts() {
        let names: Vec<&str> = program
            .contexts(prov)
            .map(|c| program.context_name(c))
            .collect();
        tip.push_str(&format!("\nin {}", names.join(", ")));
    }
    edge.tooltip = tip;
    edge
}
