//! The run a scenario and command-line style inputs describe, with names resolved the way
//! users type them (exact, alias, then loosely) and every mistake as a diagnostic.

use crate::diagnostics::Diag;
use crate::engine::RunConfig;
use crate::program::names::{Unresolved, backquoted, did_you_mean, resolve_entity as lookup};
use crate::program::{Clamp, ClampKind, ContextId, EntityId, Program, State};

/// What a run is asked for, as a user names it: a scenario, then givens, clamps and
/// contexts on top (a later clamp of the same entity replaces an earlier one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunSpec {
    pub scenario: Option<String>,
    /// `"X up"`, `"X down"` or `"X"` (up).
    pub given: Vec<String>,
    pub knockout: Vec<String>,
    pub overexpress: Vec<String>,
    pub context: Vec<String>,
    /// Let disputed statements fire, on top of what the scenario says.
    pub with_disputed: bool,
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
            let Some(sc) = program.scenarios.get(s) else {
                let help = did_you_mean(s, program.scenarios.keys().map(String::as_str))
                    .unwrap_or_else(|| "`marrow test` lists every scenario".into());
                return Err(Diag::error(
                    "marrow::cli::unknown-scenario",
                    format!("no scenario named `{s}`"),
                )
                .help(help));
            };
            config = RunConfig::from_scenario(sc);
            name = Some(sc.name.clone());
        }
        for g in &self.given {
            let mut words: Vec<&str> = g.split_whitespace().collect();
            let st = match words.last().copied() {
                Some(w @ ("up" | "down")) if words.len() > 1 => {
                    words.pop();
                    resolve_state(w)?
                }
                _ => State::Up,
            };
            let e = resolve_entity(program, &words.join(" "))?;
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
        Ok((config, name))
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
            let d = Diag::error("marrow::cli::unknown-entity", format!("no entity named `{typed}`"));
            if close.is_empty() {
                d.help("names are matched exactly, then by alias, then ignoring case, Greek spelling and -/_/space")
            } else {
                d.help(format!("the closest names are {}", backquoted(&close)))
            }
        }
        Unresolved::Ambiguous(many) => Diag::error(
            "marrow::cli::ambiguous-entity",
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
            "marrow::cli::state",
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
        "marrow::cli::unknown-context",
        format!("no context named `{typed}`"),
    )
    .help(help))
}
