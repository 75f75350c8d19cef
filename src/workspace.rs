//! The library's front door: load rule files (or in-memory text), then run scenarios and
//! ask questions, every answer as data.

use std::path::PathBuf;

use crate::answers::{self, Answer, Perturbation, RunSpec, Unmet};
use crate::diagnostics::Diag;
use crate::engine::{Evaluation, Fact, NetEffect, RunConfig, evaluate, net_effects};
use crate::explain::{Why, why};
use crate::program::{EntityId, Loaded, Program, Scenario, State, load_paths, load_text};
use crate::source::{FileId, SourceFile, Sources};
use crate::syntax::SegmentParser;

/// Loaded rule files: the program and every diagnostic found while loading.
pub struct Workspace {
    loaded: Loaded,
}

impl Workspace {
    /// Load files and folders (every `*.rules` below a folder, in sorted order).
    pub fn load(paths: &[PathBuf]) -> Workspace {
        Workspace {
            loaded: load_paths(paths),
        }
    }

    /// Load one in-memory text under a display name (the prelude comes first, as always).
    pub fn from_text(name: &str, text: &str) -> Workspace {
        Workspace {
            loaded: load_text(name, text),
        }
    }

    /// The loaded program: entities, statements, rules, scenarios.
    pub fn program(&self) -> &Program {
        &self.loaded.program
    }

    /// Everything loading found, errors and warnings, in file order.
    pub fn diagnostics(&self) -> &[Diag] {
        &self.loaded.diags
    }

    /// Whether loading found errors (the program may then be partial).
    pub fn has_errors(&self) -> bool {
        self.loaded.errors() > 0
    }

    /// The program with its diagnostics and the files loaded.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// Take the load apart, for a caller that goes on with the lower-level API.
    pub fn into_loaded(self) -> Loaded {
        self.loaded
    }

    /// A scenario by name, exactly as declared.
    pub fn scenario(&self, name: &str) -> Option<&Scenario> {
        self.loaded.program.scenarios.get(name)
    }

    /// An entity by the name a user types (exact, alias, then loosely).
    pub fn entity(&self, typed: &str) -> Result<EntityId, Diag> {
        answers::resolve_entity(&self.loaded.program, typed)
    }

    /// The run a spec describes, names resolved.
    pub fn config(&self, spec: &RunSpec) -> Result<RunConfig, Diag> {
        spec.build(&self.loaded.program).map(|(config, _)| config)
    }

    /// Evaluate a run.
    pub fn evaluate(&self, config: &RunConfig) -> Evaluation {
        evaluate(&self.loaded.program, config)
    }

    /// Net effects of an evaluation: outcomes first, then the rest.
    pub fn effects(&self, ev: &Evaluation, include_unaffected: bool) -> Vec<NetEffect> {
        net_effects(&self.loaded.program, ev, include_unaffected)
    }

    /// Why a state holds (its strongest derivation, and the opposing one), or why not.
    pub fn why(&self, ev: &Evaluation, entity: EntityId, state: State) -> Why {
        why(&self.loaded.program, ev, Fact::State(entity, state), 1)
    }

    /// Raise or lower an entity on top of a run; what moved.
    pub fn perturb(&self, base: &RunConfig, entity: EntityId, state: State) -> Perturbation {
        answers::perturb(&self.loaded.program, base, entity, state, &[])
    }

    /// A scenario's unmet expectations.
    pub fn unmet<'a>(&'a self, scenario: &'a Scenario, ev: &Evaluation) -> Vec<Unmet<'a>> {
        answers::unmet(&self.loaded.program, scenario, ev)
    }

    /// Answer a query written in the language (`why X up`, `why not X down`,
    /// `effect of X on Y`, `path from X to Y`) under a run.
    pub fn ask(&self, query: &str, config: &RunConfig) -> Result<Answer, (Diag, Sources)> {
        let mut sources = Sources::default();
        let file: FileId = sources.add(SourceFile::new("query", query));
        let parsed = match SegmentParser::parse_query(file, query) {
            Ok(q) => q,
            Err(d) => return Err((d, sources)),
        };
        answers::answer(
            &self.loaded.program,
            config,
            &parsed,
            answers::QueryOptions::default(),
        )
        .map_err(|d| (d, self.loaded.program.sources.clone()))
    }
}
