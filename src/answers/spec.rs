//! The run a scenario and command-line style inputs describe, with names resolved the way
//! users type them (exact, alias, then loosely) and every mistake as a diagnostic.

use crate::diagnostics::{Code, Diag};
use crate::engine::RunConfig;
use crate::program::names::{
    Unresolved, backquoted, did_you_mean, loose_key, resolve_entity as lookup,
};
use crate::program::{Clamp, ClampKind, ContextId, EntityId, Program, Scenario, State};

/// What a run is asked for, as a user names it: a scenario, then givens, clamps and
/// contexts on top (a later clamp of the same entity replaces an earlier one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSpec {
    /// The scenario to start from, typed as a user would (exact, then loosely).
    pub scenario: Option<String>,
    /// `"X up"`, `"X down"` or `"X"` (up).
    pub given: Vec<String>,
    /// Entities to knock out (clamp down).
    pub knockout: Vec<String>,
    /// Entities to overexpress (clamp up).
    pub overexpress: Vec<String>,
    /// Contexts to select, besides the scenario's.
    pub context: Vec<String>,
    /// Overrides the scenario's `decisive R`; must be > 1.
    pub decisive: Option<f64>,
    /// Overrides the scenario's `max steps N`.
    pub max_steps: Option<u32>,
    /// Let disputed statements fire, on top of what the scenario says.
    pub with_disputed: bool,
    /// The join-row limit of the run (`--max-join-rows`); the default when `None`.
    pub max_join_rows: Option<u64>,
}

impl RunSpec {
    /// A run of one scenario.
    pub fn scenario(name: impl Into<String>) -> Self {
        RunSpec {
            scenario: Some(name.into()),
            ..RunSpec::default()
        }
    }

    /// Resolve every name and build the run; also returns the scenario's name.
    pub fn build(&self, program: &Program) -> Result<(RunConfig, Option<String>), Diag> {
        let mut config = RunConfig::default();
        let mut name = None;
        if let Some(s) = &self.scenario {
            let sc = resolve_scenario(program, s)?;
            config = RunConfig::from_scenario(sc);
            name = Some(sc.name.clone());
        }
        for g in &self.given {
            let (e, st) = resolve_given(program, g)?;
            clamp(&mut config, e, st, ClampKind::Given);
        }
        for k in &self.knockout {
            let e = resolve_entity(program, k)?;
            clamp(&mut config, e, State::Down, ClampKind::Knockout);
        }
        for o in &self.overexpress {
            let e = resolve_entity(program, o)?;
            clamp(&mut config, e, State::Up, ClampKind::Overexpress);
        }
        config.with_disputed |= self.with_disputed;
        for c in &self.context {
            let id = context(program, c)?;
            if !config.contexts.contains(&id) {
                config.contexts.push(id);
            }
        }
        if let Some(r) = self.decisive {
            if !(r.is_finite() && r > 1.0) {
                return Err(Diag::error(
                    Code::CliDecisive,
                    format!("`--decisive {r}` must be a ratio above 1"),
                )
                .help("R compares the stronger side of a conflict with the weaker, e.g. `--decisive 2` reports a conflict as its stronger side when that side is at least twice as strong"));
            }
            config.decisive = Some(r);
        }
        if let Some(n) = self.max_steps {
            config.max_steps = Some(n);
        }
        config.max_join_rows = self.max_join_rows;
        Ok((config, name))
    }
}

/// Resolve a scenario name the way entity names resolve: exactly, then ignoring case,
/// Greek spelling and `-`/`_`/space.
pub fn resolve_scenario<'p>(program: &'p Program, typed: &str) -> Result<&'p Scenario, Diag> {
    if let Some(sc) = program.scenarios.get(typed) {
        return Ok(sc);
    }
    let key = loose_key(typed);
    let hits: Vec<&Scenario> = program
        .scenarios
        .values()
        .filter(|sc| loose_key(&sc.name) == key)
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => {
            let help = did_you_mean(typed, program.scenarios.keys().map(String::as_str))
                .unwrap_or_else(|| "`marrow list scenarios` lists them".into());
            Err(Diag::error(
                Code::CliUnknownScenario,
                format!("no scenario named `{typed}`"),
            )
            .help(format!("{help} (`marrow list scenarios` lists them all)")))
        }
        many => Err(Diag::error(
            Code::CliAmbiguousScenario,
            format!(
                "`{typed}` could mean {}",
                backquoted(&many.iter().map(|s| s.name.as_str()).collect::<Vec<_>>())
            ),
        )
        .help("type the scenario's name exactly as it is declared")),
    }
}

/// `"X up"`, `"X down"` or `"X"` (up). A last word that is neither, after a name that
/// resolves without it (`--given "PTH high"`), is a state mistake, not an unknown entity.
pub fn resolve_given(program: &Program, typed: &str) -> Result<(EntityId, State), Diag> {
    let mut words: Vec<&str> = typed.split_whitespace().collect();
    let st = match words.last().copied() {
        Some(w @ ("up" | "down")) if words.len() > 1 => {
            words.pop();
            resolve_state(w)?
        }
        _ => State::Up,
    };
    let name = words.join(" ");
    match resolve_entity(program, &name) {
        Ok(e) => Ok((e, st)),
        Err(d) => {
            if let Some((last, rest)) = words.split_last()
                && !rest.is_empty()
                && lookup(program, &rest.join(" ")).is_ok()
            {
                return Err(Diag::error(
                    Code::CliState,
                    format!(
                        "expected `up` or `down` after `{}`, found `{last}`",
                        rest.join(" ")
                    ),
                )
                .help(format!(
                    "write the state as up or down, e.g. --given \"{} up\"",
                    rest.join(" ")
                )));
            }
            Err(d)
        }
    }
}

/// Add (or replace) a clamp: a later one overrides an earlier one for that entity.
pub fn clamp(config: &mut RunConfig, entity: EntityId, state: State, kind: ClampKind) {
    config.clamps.retain(|c| c.entity != entity);
    config.clamps.push(Clamp {
        entity,
        state,
        kind,
    });
}

/// Resolve an entity a user typed, or explain why not.
pub fn resolve_entity(program: &Program, typed: &str) -> Result<EntityId, Diag> {
    lookup(program, typed).map_err(|why| match why {
        Unresolved::Unknown(close) => {
            let d = Diag::error(Code::CliUnknownEntity, format!("no entity named `{typed}`"));
            if close.is_empty() {
                d.help("names are matched exactly, then by alias, then ignoring case, Greek spelling and -/_/space")
            } else {
                d.help(format!("the closest names are {}", backquoted(&close)))
            }
        }
        Unresolved::Ambiguous(many) => Diag::error(
            Code::CliAmbiguousEntity,
            format!("`{typed}` could mean {}", backquoted(&many)),
        )
        .help("type the name exactly as it is written in the rule files"),
    })
}

/// Parse `up` or `down`.
pub fn resolve_state(word: &str) -> Result<State, Diag> {
    match word {
        "up" => Ok(State::Up),
        "down" => Ok(State::Down),
        other => Err(Diag::error(
            Code::CliState,
            format!("expected `up` or `down`, found `{other}`"),
        )
        .help("write the state after the entity, e.g. `marrow why osteogenesis up`")),
    }
}

fn context(program: &Program, typed: &str) -> Result<ContextId, Diag> {
    if let Some(i) = program.contexts.get_index_of(typed) {
        return Ok(ContextId(i as u32));
    }
    let help = did_you_mean(typed, program.contexts.keys().map(String::as_str))
        .unwrap_or_else(|| "contexts are declared with `context NAME { … }` or `in NAME`".into());
    Err(Diag::error(
        Code::CliUnknownContext,
        format!("no context named `{typed}`"),
    )
    .help(help))
}
