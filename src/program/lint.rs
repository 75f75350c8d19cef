//! Warnings that never block: near-identical names, likely typos, opposite signs for one
//! pair in overlapping contexts, a null result beside a statement of its pair, conditions
//! nothing can make true, and outcomes and scenario lines about entities no statement
//! mentions.

use std::sync::Arc;

use super::model::*;
use super::names::{loose_key, written};
use super::references::Site;
use super::resolve::{PairIndex, PairKey};
use crate::diagnostics::{Code, Diag};

mod conditions;
mod nulls;
mod typo_index;
mod typos;
mod uses;

use uses::{LooseKeys, Uses};

/// `pairs` is [`super::resolve::by_pair`] of the program's statements, shared with duplicate
/// merging; it is freed as soon as the lints that read it are done.
///
/// The lints about names and those about statements share nothing, so on a big program
/// they run on two cores; the warnings come out in the same order either way.
pub fn lint(program: &Program, pairs: PairIndex) -> Vec<Diag> {
    lint_alone(program, Arc::new(pairs))
}

/// [`lint`] when nothing else runs beside it: on two cores for a big program.
fn lint_alone(program: &Program, pairs: Arc<PairIndex>) -> Vec<Diag> {
    lint_on(
        program,
        pairs,
        program.statements.len() >= PARALLEL_MIN_STATEMENTS,
    )
}

/// The lints of a loaded program, not run yet (see [`super::LoadOptions::defer_lints`]):
/// a command that prints only their count runs them on the second core while it
/// evaluates.
#[derive(Debug)]
pub struct PendingLints {
    pub(super) pairs: Arc<PairIndex>,
}

impl PendingLints {
    /// The index of every statement by pair the lints read: the evaluation beside them
    /// lays its stated relations out by it ([`crate::engine::evaluate_by_pairs`]). It is
    /// freed when the last of the two lets it go.
    pub fn pairs(&self) -> Arc<PairIndex> {
        Arc::clone(&self.pairs)
    }

    /// The warnings, on this core alone: the caller runs them beside other work. The
    /// pair index is freed as soon as the lints that read it are done (on a network of
    /// millions it is as big as the evaluation's own working memory).
    pub fn run(self, program: &Program) -> Vec<Diag> {
        lint_on(program, self.pairs, false)
    }

    /// The warnings, as an undeferred load lints: on two cores for a big program, when
    /// nothing else runs beside them.
    pub fn run_alone(self, program: &Program) -> Vec<Diag> {
        lint_alone(program, self.pairs)
    }
}

/// Programs smaller than this are linted on one core: a thread costs more than it saves.
const PARALLEL_MIN_STATEMENTS: usize = 100_000;

/// [`lint`], on two cores or one.
fn lint_on(program: &Program, pairs: Arc<PairIndex>, two_cores: bool) -> Vec<Diag> {
    let signs = |pairs: &PairIndex| {
        let mut out = Vec::new();
        opposite_signs(program, pairs, &mut out);
        out
    };
    let similar = |uses: &Uses, keys: &LooseKeys| {
        let mut out = Vec::new();
        similar_names(program, uses, keys, &mut out);
        out
    };
    let typos = |uses: &Uses, keys: &LooseKeys| {
        let mut out = Vec::new();
        typos::typos(program, uses, keys, &mut out);
        out
    };
    if !two_cores {
        let uses = Uses::count(program);
        let signs = signs(&pairs);
        let statements = statement_lints(program, pairs, signs, &uses);
        let keys = LooseKeys::of(program);
        return in_order((similar(&uses, &keys), typos(&uses, &keys)), statements);
    }
    // Counting the uses is the longest piece, and every lint but the opposite signs
    // reads them: this core counts them, then looks for typos; the other makes the loose
    // keys and finds the opposite signs meanwhile, then runs the rest of the statement
    // lints and looks for similar names. Each hands over what it made first as soon as
    // it is made.
    let (similar, typos, statements) = std::thread::scope(|s| {
        // Made here, so that a panic on either core drops its sender and the other
        // stops waiting.
        let (keys_made, keys) = std::sync::mpsc::channel::<Arc<LooseKeys>>();
        let (uses_counted, uses) = std::sync::mpsc::channel::<Arc<Uses>>();
        let other = s.spawn(move || {
            let made = Arc::new(LooseKeys::of(program));
            let _ = keys_made.send(Arc::clone(&made));
            let signs = signs(&pairs);
            // Nothing comes only when this core has stopped on a panic, which goes on.
            let Ok(uses) = uses.recv() else {
                return Default::default();
            };
            let statements = statement_lints(program, pairs, signs, &uses);
            (similar(&uses, &made), statements)
        });
        let counted = Arc::new(Uses::count(program));
        let _ = uses_counted.send(Arc::clone(&counted));
        // Nothing comes only when the other core has panicked: joining it goes on.
        let typos = keys.recv().map(|keys| typos(&counted, &keys));
        let (similar, statements) = crate::threads::join(other);
        (similar, typos.unwrap_or_default(), statements)
    });
    in_order((similar, typos), statements)
}

/// The warnings about names: similar names, then likely typos.
type NameWarnings = (Vec<Diag>, Vec<Diag>);

/// The warnings about statements: opposite signs, unmentioned entities, then the rest.
type StatementWarnings = (Vec<Diag>, Vec<Diag>, Vec<Diag>);

/// The statement lints that read the uses, after the opposite `signs` (which do not).
/// The pair index is let go as soon as they are done.
fn statement_lints(
    program: &Program,
    pairs: Arc<PairIndex>,
    signs: Vec<Diag>,
    uses: &Uses,
) -> StatementWarnings {
    let (mut mentions, mut rest) = (Vec::new(), Vec::new());
    unmentioned(program, uses, &mut mentions);
    conditions::unreachable_conditions(program, uses, &mut rest);
    nulls::null_beside_effect(program, &pairs, &mut rest);
    drop(pairs);
    (signs, mentions, rest)
}

/// Every warning, in the order `check` shows them before sorting by place.
fn in_order(
    (similar, typos): NameWarnings,
    (signs, mentions, rest): StatementWarnings,
) -> Vec<Diag> {
    [similar, signs, mentions, typos, rest].concat()
}

/// Names that differ only in case, Greek-vs-Latin spelling or `-`/`_`/space. The help
/// makes the likely canonical spelling the main name: a declared one, else the Unicode
/// spelling (`TNF-α` over `TNF-alpha`), else the most used, else the first.
/// `keys` are the loose keys of the entity names, by id.
fn similar_names(p: &Program, uses: &Uses, keys: &LooseKeys, out: &mut Vec<Diag>) {
    // (hash of the loose key, loose key, entity) for every name and alias, sorted: equal
    // keys sit side by side, and the hash settles nearly every comparison without
    // reading the keys. Borrowing the keys keeps this at a few bytes per entity on a
    // network of millions.
    let alias_keys: Vec<(String, u32)> = p
        .entities
        .values()
        .enumerate()
        .flat_map(|(i, e)| e.aliases.iter().map(move |a| (loose_key(a), i as u32)))
        .collect();
    let hash = |key: &str| std::hash::BuildHasher::hash_one(&rustc_hash::FxBuildHasher, key);
    let mut all: Vec<(u64, &str, u32)> = (0..keys.len())
        .filter(|&i| !p.entity_name(EntityId(i as u32)).trim().is_empty())
        .map(|i| (keys.get(i), i as u32))
        .chain(alias_keys.iter().map(|(k, i)| (k.as_str(), *i)))
        .map(|(key, i)| (hash(key), key, i))
        .collect();
    all.sort_unstable();
    all.dedup();
    let mut groups: Vec<(&str, Vec<EntityId>)> = all
        .chunk_by(|a, b| a.0 == b.0 && a.1 == b.1)
        .filter(|run| run.len() > 1)
        .map(|run| (run[0].1, run.iter().map(|&(_, _, i)| EntityId(i)).collect()))
        .collect();
    // In order of first mention, as a reader meets them; by key where one entity comes
    // first in two groups (by its name and by an alias).
    groups.sort_unstable_by(|(a, a_ids), (b, b_ids)| (a_ids[0], a).cmp(&(b_ids[0], b)));
    for (_, ids) in &groups {
        let rank = |id: &EntityId| {
            let e = p.entity(*id);
            (
                e.declared,
                !p.entity_name(*id).is_ascii(),
                uses.total[id.0 as usize],
                std::cmp::Reverse(id.0),
            )
        };
        let Some(&main) = ids.iter().max_by_key(|id| rank(id)) else {
            continue;
        };
        let first = p.entity(main);
        let first_name = p.entity_name(main);
        for &other in ids.iter().filter(|&&id| id != main) {
            let e = p.entity(other);
            let e_name = p.entity_name(other);
            out.push(
                Diag::warning(
                    Code::LintSimilarNames,
                    format!(
                        "`{}` and `{}` differ only in spelling",
                        shown(e_name),
                        shown(first_name)
                    ),
                )
                .at(e.span, format!("`{}` first used here", shown(e_name)))
                .also(
                    first.span,
                    format!("`{}` first used here", shown(first_name)),
                )
                .help(format!(
                    "if they are the same thing, declare `entity {} aka {}`; otherwise rename one",
                    quote(first_name),
                    quote(e_name)
                ))
                .fix(
                    file_start(e.span),
                    format!("entity {} aka {}\n", written(first_name), written(e_name)),
                    format!(
                        "declare `{}` an alias of `{}`",
                        shown(e_name),
                        shown(first_name)
                    ),
                ),
            );
        }
    }
}

/// An empty span at the start of the file holding `span`: where a declaration can be
/// inserted (a line inside a block could not take one).
fn file_start(span: crate::source::Span) -> crate::source::Span {
    crate::source::Span::new(span.file, 0, 0)
}

/// A name as messages show it: very long names are cut, so one megabyte-long name does
/// not make a megabyte-long message.
pub(super) fn shown(name: &str) -> String {
    if name.chars().count() <= 60 {
        name.to_string()
    } else {
        let head: String = name.chars().take(57).collect();
        format!("{head}…")
    }
}

pub(super) fn quote(name: &str) -> String {
    if name
        .chars()
        .all(|c| c.is_alphanumeric() || "-_/.'+:".contains(c))
    {
        name.to_string()
    } else {
        format!("{name:?}")
    }
}

pub(super) fn overlap(p: &Program, a: &Provenance, b: &Provenance) -> bool {
    let (a, b) = (p.tails(a), p.tails(b));
    !a.has_contexts() || !b.has_contexts() || a.contexts().any(|c| b.contexts().any(|d| d == c))
}

/// One pair, both signs, overlapping contexts: a contradiction in the literature or the model.
fn opposite_signs(p: &Program, keys: &PairIndex, out: &mut Vec<Diag>) {
    let negative = |k: &PairKey| Relation::ALL[k.1 as usize].is_negative();
    let mut start = 0;
    while start < keys.len() {
        let first = keys.get(start);
        let mut end = start + 1;
        // The keys carry the relation, so a pair stated with one sign only (nearly all of
        // them) is passed over without reading its statements.
        let mut mixed = false;
        while end < keys.len() {
            let k = keys.get(end);
            if k.0 != first.0 {
                break;
            }
            mixed |= negative(&k) != negative(&first);
            end += 1;
        }
        let range = start..end;
        start = end;
        if !mixed {
            continue;
        }
        let run: Vec<PairKey> = range.map(|i| keys.get(i)).collect();
        let stmt = |k: &PairKey| &p.statements[k.2 as usize];
        let pair = run.iter().find_map(|a| {
            run.iter()
                .filter(|b| stmt(a).relation().is_negative() != stmt(b).relation().is_negative())
                .filter(|b| {
                    stmt(a).relation().is_negative()
                        && overlap(p, &stmt(a).provenance, &stmt(b).provenance)
                })
                .map(|b| (stmt(b), stmt(a)))
                .next()
        });
        if let Some((pos, neg)) = pair {
            let disputed = pos.provenance.disputed() || neg.provenance.disputed();
            let (first, second) = if pos.provenance.span <= neg.provenance.span {
                (pos, neg)
            } else {
                (neg, pos)
            };
            out.push(
                Diag::warning(
                    Code::LintOppositeSigns,
                    format!(
                        "`{}` both {} and {} `{}`{}",
                        shown(p.entity_name(pos.subject)),
                        p.verb_word(pos.verb()),
                        p.verb_word(neg.verb()),
                        shown(p.entity_name(pos.object)),
                        if disputed { " (disputed)" } else { "" }
                    ),
                )
                .at(second.provenance.span, describe(p, second))
                .also(first.provenance.span, describe(p, first))
                .help("the sources disagree: keep both with their confidences (marrow reports the net effect as conflicting), or put them in different contexts"),
            );
        }
    }
}

pub(super) fn describe(p: &Program, s: &Statement) -> String {
    let cites = p.citations(&s.provenance);
    let cites = if cites.is_empty() {
        "no citation".to_string()
    } else {
        format!("[{}]", cites.join("; "))
    };
    format!(
        "{} {} {} {cites}{}",
        shown(p.entity_name(s.subject)),
        p.verb_word(s.verb()),
        shown(p.entity_name(s.object)),
        if s.provenance.disputed() {
            " (disputed)"
        } else {
            ""
        }
    )
}

/// Outcomes, clamps and expectations about entities that no statement mentions
/// (most often a typo).
/// The uses' walk has counted the network's mentions and kept the others, in walk order.
fn unmentioned(p: &Program, uses: &Uses, out: &mut Vec<Diag>) {
    let mentioned = |e: EntityId| uses.in_network(e);
    // The names to suggest from, listed only if some warning needs them.
    let names = std::cell::OnceCell::new();
    let names = || -> &Vec<&str> {
        names.get_or_init(|| {
            p.entities
                .keys()
                .enumerate()
                .filter(|&(i, _)| mentioned(EntityId(i as u32)))
                .map(|(_, name)| name.as_str())
                .collect()
        })
    };
    // `span` is the name itself when `at_name`, so the suggestions can replace it.
    let warn = |e: EntityId, span, at_name: bool, what: &str| {
        let name = shown(p.entity_name(e));
        let close = super::names::closest(p.entity_name(e), names().iter().copied(), 3);
        let help = super::names::did_you_mean_among(&close)
            .unwrap_or_else(|| "add a statement about it, or check the spelling".to_string());
        let d = Diag::warning(
            Code::LintUnmentioned,
            format!("{what} `{name}`, which no statement mentions"),
        )
        .at(span, "never mentioned by a statement")
        .help(help);
        if at_name {
            d.fix_names(span, close.iter().copied())
        } else {
            d
        }
    };
    for &(e, site) in &uses.named_outside {
        if mentioned(e) {
            continue;
        }
        match site {
            Site::Outcome => out.push(warn(e, p.entity(e).span, true, "outcome")),
            Site::Clamp { scenario } => {
                let name = p
                    .scenarios
                    .get_index(scenario)
                    .map_or("", |(n, _)| n.as_str());
                out.push(warn(
                    e,
                    p.entity(e).span,
                    true,
                    &format!("scenario `{name}` clamps"),
                ));
            }
            Site::Expectation { span } => out.push(warn(e, span, false, "expectation about")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{load_text, resolve::by_pair};

    /// Two cores give the same warnings in the same order as one, for every kind.
    #[test]
    fn two_cores_warn_as_one() {
        let cases = [
            include_str!("../../tests/cases/errors/warn_similar_names.rules"),
            include_str!("../../tests/cases/errors/warn_possible_typo.rules"),
            include_str!("../../tests/cases/errors/warn_opposite_signs.rules"),
            include_str!("../../tests/cases/errors/warn_unmentioned.rules"),
            include_str!("../../tests/cases/errors/warn_unreachable_condition.rules"),
            include_str!("../../tests/cases/errors/warn_null_beside_effect.rules"),
        ];
        let text = cases.join("\n");
        let program = load_text("all.rules", &text).program;
        let pairs = Arc::new(by_pair(&program));
        let shown = |diags: Vec<Diag>| -> Vec<String> {
            diags
                .iter()
                .map(|d| format!("{} {} {:?}", d.code.as_str(), d.message, d.primary))
                .collect()
        };
        let one = shown(lint_on(&program, Arc::clone(&pairs), false));
        let two = shown(lint_on(&program, pairs, true));
        assert_eq!(one, two);
        for code in [
            Code::LintSimilarNames,
            Code::LintPossibleTypo,
            Code::LintOppositeSigns,
            Code::LintUnmentioned,
            Code::LintUnreachableCondition,
            Code::LintNullBesideEffect,
        ] {
            assert!(
                one.iter().any(|d| d.starts_with(code.as_str())),
                "no {} in {one:#?}",
                code.as_str()
            );
        }
    }
}
