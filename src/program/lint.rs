//! Warnings that never block: near-identical names, opposite signs for one pair in
//! overlapping contexts, outcomes and scenario lines about entities no statement mentions.

use indexmap::IndexMap;

use super::model::*;
use super::names::loose_key;
use crate::diagnostics::Diag;

/// `pairs` is [`super::resolve::by_pair`] of the program's statements, shared with duplicate merging.
pub fn lint(program: &Program, pairs: &[(u64, u8, u32)]) -> Vec<Diag> {
    let mut out = Vec::new();
    similar_names(program, &mut out);
    opposite_signs(program, pairs, &mut out);
    unmentioned(program, &mut out);
    out
}

/// Names that differ only in case, Greek-vs-Latin spelling or `-`/`_`/space.
fn similar_names(p: &Program, out: &mut Vec<Diag>) {
    let mut groups: IndexMap<String, Vec<EntityId>> = IndexMap::new();
    for (i, e) in p.entities.values().enumerate() {
        let id = EntityId(i as u32);
        let mut keys = vec![loose_key(&e.name)];
        keys.extend(e.aliases.iter().map(|a| loose_key(a)));
        keys.sort();
        keys.dedup();
        for k in keys {
            let g = groups.entry(k).or_default();
            if !g.contains(&id) {
                g.push(id);
            }
        }
    }
    for ids in groups.values().filter(|g| g.len() > 1) {
        let first = p.entity(ids[0]);
        for &other in &ids[1..] {
            let e = p.entity(other);
            out.push(
                Diag::warning(
                    "marrow::lint::similar-names",
                    format!(
                        "`{}` and `{}` differ only in spelling",
                        shown(&e.name),
                        shown(&first.name)
                    ),
                )
                .at(e.span, format!("`{}` first used here", shown(&e.name)))
                .also(
                    first.span,
                    format!("`{}` first used here", shown(&first.name)),
                )
                .help(format!(
                    "if they are the same thing, declare `entity {} aka {}`; otherwise rename one",
                    quote(&first.name),
                    quote(&e.name)
                )),
            );
        }
    }
}

/// A name as messages show it: very long names are cut, so one megabyte-long name does
/// not make a megabyte-long message.
fn shown(name: &str) -> String {
    if name.chars().count() <= 60 {
        name.to_string()
    } else {
        let head: String = name.chars().take(57).collect();
        format!("{head}…")
    }
}

fn quote(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || "-_/.'+:".contains(c))
    {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

fn overlap(a: &Provenance, b: &Provenance) -> bool {
    a.contexts.is_empty()
        || b.contexts.is_empty()
        || a.contexts.iter().any(|c| b.contexts.contains(c))
}

/// One pair, both signs, overlapping contexts: a contradiction in the literature or the model.
fn opposite_signs(p: &Program, keys: &[(u64, u8, u32)], out: &mut Vec<Diag>) {
    let mut start = 0;
    while start < keys.len() {
        let mut end = start + 1;
        while end < keys.len() && keys[end].0 == keys[start].0 {
            end += 1;
        }
        let run = &keys[start..end];
        let stmt = |k: &(u64, u8, u32)| &p.statements[k.2 as usize];
        let pair = run.iter().find_map(|a| {
            run.iter()
                .filter(|b| stmt(a).relation.is_negative() != stmt(b).relation.is_negative())
                .filter(|b| {
                    stmt(a).relation.is_negative()
                        && overlap(&stmt(a).provenance, &stmt(b).provenance)
                })
                .map(|b| (stmt(b), stmt(a)))
                .next()
        });
        if let Some((pos, neg)) = pair {
            let disputed = pos.provenance.disputed || neg.provenance.disputed;
            let (first, second) = if pos.provenance.span <= neg.provenance.span {
                (pos, neg)
            } else {
                (neg, pos)
            };
            out.push(
                Diag::warning(
                    "marrow::lint::opposite-signs",
                    format!(
                        "`{}` both {} and {} `{}`{}",
                        shown(p.entity_name(pos.subject)),
                        p.verb_word(pos.verb),
                        p.verb_word(neg.verb),
                        shown(p.entity_name(pos.object)),
                        if disputed { " (disputed)" } else { "" }
                    ),
                )
                .at(second.provenance.span, describe(p, second))
                .also(first.provenance.span, describe(p, first))
                .help("the sources disagree: keep both with their confidences (marrow reports the net effect as conflicting), or put them in different contexts"),
            );
        }
        start = end;
    }
}

fn describe(p: &Program, s: &Statement) -> String {
    let cites = p.citations(&s.provenance);
    let cites = if cites.is_empty() {
        "no citation".to_string()
    } else {
        format!("[{}]", cites.join("; "))
    };
    format!(
        "{} {} {} {cites}{}",
        shown(p.entity_name(s.subject)),
        p.verb_word(s.verb),
        shown(p.entity_name(s.object)),
        if s.provenance.disputed {
            " (disputed)"
        } else {
            ""
        }
    )
}

/// Outcomes, clamps and expectations about entities that no statement mentions
/// (most often a typo).
fn unmentioned(p: &Program, out: &mut Vec<Diag>) {
    let mut mentioned = vec![false; p.entities.len()];
    let mut mark = |e: EntityId| mentioned[e.0 as usize] = true;
    for s in &p.statements {
        mark(s.subject);
        mark(s.object);
        s.conditions.iter().for_each(|c| mark(c.entity));
    }
    for c in &p.conjunctions {
        c.premises.iter().for_each(|c| mark(c.entity));
        mark(c.head.entity);
    }
    for n in &p.nulls {
        mark(n.subject);
        mark(n.object);
    }
    for r in &p.rules {
        for atom in r.body.iter().chain(std::iter::once(&r.head)) {
            let terms = match atom {
                Atom::State(t, _) => [Some(*t), None],
                Atom::Relation(a, _, b) => [Some(*a), Some(*b)],
            };
            for t in terms.into_iter().flatten() {
                if let Term::Entity(e) = t {
                    mark(e);
                }
            }
        }
    }
    let names: Vec<&str> = p
        .entities
        .values()
        .enumerate()
        .filter(|(i, _)| mentioned[*i])
        .map(|(_, e)| e.name.as_str())
        .collect();
    let warn = |e: EntityId, span, what: &str| {
        let name = shown(p.entity_name(e));
        let help = super::names::did_you_mean(p.entity_name(e), names.iter().copied())
            .unwrap_or_else(|| "add a statement about it, or check the spelling".to_string());
        Diag::warning(
            "marrow::lint::unmentioned",
            format!("{what} `{name}`, which no statement mentions"),
        )
        .at(span, "never mentioned by a statement")
        .help(help)
    };
    for &o in &p.outcomes {
        if !mentioned[o.0 as usize] {
            out.push(warn(o, p.entity(o).span, "outcome"));
        }
    }
    for sc in p.scenarios.values() {
        for c in &sc.clamps {
            if !mentioned[c.entity.0 as usize] {
                out.push(warn(
                    c.entity,
                    p.entity(c.entity).span,
                    &format!("scenario `{}` clamps", sc.name),
                ));
            }
        }
        for e in &sc.expects {
            let ids = match e.expectation {
                Expectation::Net(x, _) | Expectation::Not(x, _) => [Some(x), None],
                Expectation::Via(x, _, y) => [Some(x), Some(y)],
            };
            for x in ids.into_iter().flatten() {
                if !mentioned[x.0 as usize] {
                    out.push(warn(x, e.span, "expectation about"));
                }
            }
        }
    }
}
