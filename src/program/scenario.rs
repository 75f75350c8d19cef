//! Lowering `scenario` blocks: clamps, context selection and expectations.

use super::lower::Lowerer;
use super::model::*;
use crate::diagnostics::{Code, Diag};
use crate::syntax::ast::*;

impl Lowerer<'_> {
    pub(super) fn scenario(&mut self, s: ScenarioAst<'_>) {
        if let Some(first) = self.program.scenarios.get(s.name.text.as_ref()) {
            let first = first.span;
            self.diags.push(
                Diag::error(
                    Code::LowerDuplicateScenario,
                    format!("a scenario named `{}` already exists", s.name.text),
                )
                .at(s.name.span, "second scenario with this name")
                .also(first, "first defined here")
                .help("scenario names must be unique across all loaded files"),
            );
            return;
        }
        let mut scenario = Scenario {
            name: s.name.text.to_string(),
            title: s.title.as_ref().map(|t| t.to_string()),
            clamps: Vec::new(),
            contexts: Vec::new(),
            expects: Vec::new(),
            decisive: None,
            max_steps: None,
            with_disputed: false,
            span: s.span,
        };
        for item in &s.items {
            match item {
                ScenarioItem::Given(conds, span) => {
                    for c in conds {
                        let c = self.condition(c);
                        self.clamp(&mut scenario, c.entity, c.state, ClampKind::Given, *span);
                    }
                }
                ScenarioItem::Knockout(names, span) => {
                    for n in names {
                        let e = self.entity(n);
                        self.clamp(&mut scenario, e, State::Down, ClampKind::Knockout, *span);
                    }
                }
                ScenarioItem::Overexpress(names, span) => {
                    for n in names {
                        let e = self.entity(n);
                        self.clamp(&mut scenario, e, State::Up, ClampKind::Overexpress, *span);
                    }
                }
                ScenarioItem::Context(names, _) => {
                    for n in names {
                        let c = self.context(n);
                        self.scenario_contexts.push((c, n.span));
                        if !scenario.contexts.contains(&c) {
                            scenario.contexts.push(c);
                        }
                    }
                }
                ScenarioItem::Decisive(text, span) => {
                    scenario.decisive = self.decisive(text, *span).or(scenario.decisive);
                }
                ScenarioItem::MaxSteps(text, span) => {
                    scenario.max_steps = self.max_steps(text, *span).or(scenario.max_steps);
                }
                ScenarioItem::WithDisputed(_) => scenario.with_disputed = true,
                ScenarioItem::Expect(e, span) => {
                    if let Some(expectation) = self.expectation(e, *span) {
                        scenario.expects.push(Expect {
                            expectation,
                            span: *span,
                        });
                    }
                }
            }
        }
        self.program
            .scenarios
            .insert(scenario.name.clone(), scenario);
    }

    /// A scenario may only select a context some statement belongs to; anything else is
    /// a typo that would silently deactivate every context-bound statement.
    pub(super) fn check_scenario_contexts(&mut self) {
        // Most programs select no context: then there is nothing to look for among a
        // million statements' provenances.
        if self.scenario_contexts.is_empty() {
            return;
        }
        let p = &self.program;
        let mut used = vec![false; p.contexts.len()];
        let provs = p
            .statements
            .iter()
            .map(|s| &s.provenance)
            .chain(p.conjunctions.iter().map(|c| &c.provenance))
            .chain(p.nulls.iter().map(|n| &n.provenance));
        for prov in provs {
            for c in p.contexts(prov) {
                used[c.0 as usize] = true;
            }
        }
        let known: Vec<&str> = p
            .contexts
            .keys()
            .enumerate()
            .filter(|(i, _)| used[*i])
            .map(|(_, k)| k.as_str())
            .collect();
        for (c, span) in &self.scenario_contexts {
            if used[c.0 as usize] {
                continue;
            }
            let name = p.context_name(*c);
            let close = super::names::closest(name, known.iter().copied(), 3);
            let help = super::names::did_you_mean_among(&close).unwrap_or_else(|| {
                "put statements in it with `context NAME { … }` or `in NAME`".to_string()
            });
            self.diags.push(
                Diag::error(
                    Code::LowerUnknownContext,
                    format!("no statement belongs to context `{name}`"),
                )
                .at(*span, "unknown context")
                .fix_names(*span, close.iter().copied())
                .help(help),
            );
        }
    }

    fn clamp(
        &mut self,
        scenario: &mut Scenario,
        entity: EntityId,
        state: State,
        kind: ClampKind,
        span: crate::source::Span,
    ) {
        if let Some(other) = scenario.clamps.iter().find(|c| c.entity == entity) {
            if other.state != state {
                let name = self.program.entity_name(entity).to_string();
                self.diags.push(
                    Diag::error(
                        Code::LowerClampConflict,
                        format!(
                            "`{name}` is clamped both up and down in scenario `{}`",
                            scenario.name
                        ),
                    )
                    .at(span, format!("clamps {name} {}", state.as_str()))
                    .help("a scenario pins each entity to one state; remove one of the lines"),
                );
            }
            return;
        }
        scenario.clamps.push(Clamp {
            entity,
            state,
            kind,
        });
    }

    fn expectation(&mut self, e: &ExpectAst<'_>, span: crate::source::Span) -> Option<Expectation> {
        Some(match e {
            ExpectAst::Not { entity, state } => Expectation::Not(self.entity(entity), *state),
            ExpectAst::Leans {
                entity,
                state,
                conflicting,
            } => {
                let id = self.entity(entity);
                if *conflicting {
                    Expectation::ConflictingLeaning(id, *state)
                } else {
                    Expectation::Leans(id, *state)
                }
            }
            ExpectAst::Net { entity, net, via } => {
                let id = self.entity(entity);
                let expected = match *net {
                    "up" => Net::Up,
                    "down" => Net::Down,
                    "conflicting" => Net::Conflicting,
                    _ => Net::Unaffected,
                };
                match (via, expected) {
                    (None, _) => Expectation::Net(id, expected),
                    (Some(v), Net::Up | Net::Down) => {
                        let state = if expected == Net::Up {
                            State::Up
                        } else {
                            State::Down
                        };
                        Expectation::Via(id, state, self.entity(v))
                    }
                    (Some(v), _) => {
                        self.diags.push(
                            Diag::error(
                                Code::LowerViaNeedsState,
                                format!("`via` needs `up` or `down`, not `{net}`"),
                            )
                            .at(v.span.to(span), "no single derivation to pass through")
                            .help("write `expect X up via Y` or `expect X down via Y`"),
                        );
                        return None;
                    }
                }
            }
        })
    }

    /// `decisive R`: a ratio above 1, or a diagnostic.
    fn decisive(&mut self, text: &str, span: crate::source::Span) -> Option<f64> {
        match text.parse::<f64>() {
            Ok(r) if r.is_finite() && r > 1.0 => Some(r),
            _ => {
                self.diags.push(
                    Diag::error(
                        Code::LowerDecisiveRange,
                        format!("`decisive {text}` must be a ratio above 1"),
                    )
                    .at(span, "not above 1")
                    .help("R compares a conflict's stronger side with its weaker one: `decisive 2` reports a conflict as its stronger side when that side is at least twice as strong"),
                );
                None
            }
        }
    }

    /// `max steps N`: a whole number of steps, or a diagnostic.
    fn max_steps(&mut self, text: &str, span: crate::source::Span) -> Option<u32> {
        match text.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.diags.push(
                    Diag::error(
                        Code::LowerMaxSteps,
                        format!("`max steps {text}` needs a whole number of steps"),
                    )
                    .at(span, "not a whole number")
                    .help(
                        "write e.g. `max steps 5`: derivations longer than 5 steps are not counted",
                    ),
                );
                None
            }
        }
    }
}
