//! One dispatcher for the query forms of the language (`why X up`, `why not X down`,
//! `effect of X [up|down] on Y`, `path from X to Y`), shared by `marrow ask` and an
//! interactive session, so the two never disagree.

use crate::diagnostics::Diag;
use crate::engine::{Evaluation, Fact, RunConfig, evaluate};
use crate::explain::{Why, why};
use crate::program::{EntityId, Program};
use crate::syntax::ast::Query;

use super::path::{PathAnswer, paths};
use super::perturb::{Perturbation, perturb};
use super::spec::resolve_entity;

/// How far queries look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryOptions {
    /// How many levels `why not` follows missing premises (≥ 1).
    pub depth: usize,
    /// How many paths `path from` lists.
    pub paths: usize,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions { depth: 1, paths: 3 }
    }
}

/// The answer to one query, as data.
#[derive(Debug, Clone)]
pub enum Answer {
    /// `why [not] X s`: `negated` says which was asked.
    Why {
        /// Asked `why not`.
        negated: bool,
        /// What `why` found about the fact: its derivation or why it does not hold.
        why: Why,
        /// The run the question was asked of.
        evaluation: Evaluation,
    },
    /// `effect of X [s] on Y`: raise (or lower) X; what moved at Y.
    Effect {
        /// Y, whose change is asked for.
        target: EntityId,
        /// The run with X raised or lowered, and what moved.
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
            Answer::Path(p) => !p.paths.is_empty(),
        }
    }
}

/// Answer a parsed query over `program` under the run `config`.
pub fn answer(
    program: &Program,
    config: &RunConfig,
    query: &Query<'_>,
    options: QueryOptions,
) -> Result<Answer, Diag> {
    match query {
        Query::Why {
            negated,
            entity,
            state,
        } => {
            let e = resolve_entity(program, &entity.text)?;
            let evaluation = evaluate(program, config);
            let fact = Fact::State(e, *state);
            let why = why(program, &evaluation, fact, options.depth.max(1));
            Ok(Answer::Why {
                negated: *negated,
                why,
                evaluation,
            })
        }
        Query::Effect {
            source,
            state,
            target,
        } => {
            let s = resolve_entity(program, &source.text)?;
            let t = resolve_entity(program, &target.text)?;
            Ok(Answer::Effect {
                target: t,
                perturbation: perturb(program, config, s, *state, &[t]),
            })
        }
        Query::Path { source, target } => {
            let s = resolve_entity(program, &source.text)?;
            let t = resolve_entity(program, &target.text)?;
            let ev = evaluate(program, config);
            Ok(Answer::Path(paths(
                program,
                config,
                &ev,
                s,
                t,
                options.paths,
            )))
        }
    }
}
