//! One dispatcher for the query forms of the language (`why X up`, `why not X down`,
//! `effect of X on Y`, `path from X to Y`), shared by `marrow ask` and an interactive
//! session, so the two never disagree.

use crate::diagnostics::Diag;
use crate::engine::{Evaluation, Fact, RunConfig, evaluate};
use crate::explain::{Why, why};
use crate::program::{EntityId, Program, State};
use crate::syntax::ast::Query;

use super::path::{PathAnswer, paths};
use super::perturb::{Perturbation, perturb};
use super::spec::resolve_entity;

/// The answer to one query, as data.
#[derive(Debug, Clone)]
pub enum Answer {
    /// `why [not] X s`: `negated` says which was asked.
    Why {
        negated: bool,
        why: Why,
        evaluation: Evaluation,
    },
    /// `effect of X on Y`: raise X, what moved at Y.
    Effect {
        target: EntityId,
        perturbation: Perturbation,
    },
    /// `path from X to Y`.
    Path(PathAnswer),
}

impl Answer {
    /// Whether the answer is the one the asker hoped for (exit status 0): the fact holds
    /// (or not, for `why not`), or a path exists. Effects always answer.
    pub fn found(&self) -> bool {
        match self {
            Answer::Why { negated, why, .. } => why.holds != *negated,
            Answer::Effect { .. } => true,
            Answer::Path(p) => !p.found.is_empty(),
        }
    }
}

/// Answer a parsed query over `program` under the run `config`; `depth` bounds how far
/// `why not` follows missing premises.
pub fn answer(
    program: &Program,
    config: &RunConfig,
    query: &Query<'_>,
    depth: usize,
) -> Result<Answer, Diag> {
    match query {
        Query::Why {
            negated,
            entity,
            state,
        } => {
            let e = resolve_entity(program, &entity.text)?;
            let evaluation = evaluate(program, config);
            let why = why(program, &evaluation, Fact::State(e, *state), depth.max(1));
            Ok(Answer::Why {
                negated: *negated,
                why,
                evaluation,
            })
        }
        Query::Effect { source, target } => {
            let s = resolve_entity(program, &source.text)?;
            let t = resolve_entity(program, &target.text)?;
            Ok(Answer::Effect {
                target: t,
                perturbation: perturb(program, config, s, State::Up, &[t]),
            })
        }
        Query::Path { source, target } => {
            let s = resolve_entity(program, &source.text)?;
            let t = resolve_entity(program, &target.text)?;
            Ok(Answer::Path(paths(program, config, s, t)))
        }
    }
}
