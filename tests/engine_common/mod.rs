//! Builds `Program` values directly (no parser) for engine tests.
#![allow(dead_code)]

use marrow::program::{
    Atom, Clamp, ClampKind, Condition, Conjunction, Context, ContextId, Entity, EntityId,
    NullResult, Program, Provenance, Relation, Rule, State, Statement, StatementId, Term, VerbId,
};
use marrow::source::{FileId, SourceFile, Span};

pub const LINES: usize = 4000;

pub struct Builder {
    pub program: Program,
    file: FileId,
    line: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A program with one source file `test.rules` of short lines; every item gets its own
    /// line, so `file_line` is predictable (item k is on line k + 1).
    pub fn new() -> Builder {
        let mut program = Program::default();
        let mut text = String::new();
        for i in 0..LINES {
            text.push_str(&format!("line {i:05} [Cite {i:05}]\n"));
        }
        let file = program.sources.add(SourceFile::new("test.rules", text));
        for (w, r) in [
            ("activates", Relation::Activates),
            ("inhibits", Relation::Inhibits),
            ("carries", Relation::Carries),
            ("promotes", Relation::Activates),
            ("suppresses", Relation::Inhibits),
        ] {
            program.verbs.insert(w.to_string(), r);
        }
        Builder {
            program,
            file,
            line: 0,
        }
    }

    fn next_span(&mut self) -> Span {
        let start = self.line * 24;
        self.line = (self.line + 1) % LINES;
        Span::new(self.file, start, start + 10)
    }

    fn citation_span(span: Span) -> Span {
        Span::new(
            span.file,
            span.start as usize + 12,
            span.start as usize + 22,
        )
    }

    pub fn entity(&mut self, name: &str) -> EntityId {
        if let Some(i) = self.program.entities.get_index_of(name) {
            return EntityId(i as u32);
        }
        let span = self.next_span();
        self.program.entities.insert(
            name.to_string(),
            Entity {
                name: name.to_string(),
                kind: None,
                aliases: Vec::new(),
                span,
                declared: false,
            },
        );
        EntityId(self.program.entities.len() as u32 - 1)
    }

    pub fn context(&mut self, name: &str) -> ContextId {
        if let Some(i) = self.program.contexts.get_index_of(name) {
            return ContextId(i as u32);
        }
        let span = self.next_span();
        self.program.contexts.insert(
            name.to_string(),
            Context {
                name: name.to_string(),
                span,
            },
        );
        ContextId(self.program.contexts.len() as u32 - 1)
    }

    pub fn outcome(&mut self, e: EntityId) {
        self.program.outcomes.insert(e);
    }

    fn provenance(&mut self, confidence: f64, contexts: &[ContextId], cite: bool) -> Provenance {
        let span = self.next_span();
        let mut ctx: Vec<ContextId> = contexts.to_vec();
        ctx.sort();
        ctx.dedup();
        Provenance {
            span,
            citation_blocks: if cite {
                [Self::citation_span(span)].into_iter().collect()
            } else {
                Default::default()
            },
            contexts: ctx.into_iter().collect(),
            confidence,
            disputed: false,
        }
    }

    /// `subject verb object` with the verb's relation, confidence, conditions, contexts.
    pub fn statement_full(
        &mut self,
        subject: EntityId,
        verb: &str,
        object: EntityId,
        confidence: f64,
        conditions: &[(EntityId, State)],
        contexts: &[ContextId],
    ) -> StatementId {
        let (vi, _, &relation) = self.program.verbs.get_full(verb).expect("known verb");
        let provenance = self.provenance(confidence, contexts, true);
        self.program.statements.push(Statement {
            subject,
            relation,
            verb: VerbId(vi as u32),
            object,
            conditions: conditions
                .iter()
                .map(|&(entity, state)| Condition { entity, state })
                .collect(),
            provenance,
        });
        StatementId(self.program.statements.len() as u32 - 1)
    }

    pub fn statement(&mut self, s: &str, verb: &str, o: &str, confidence: f64) -> StatementId {
        let s = self.entity(s);
        let o = self.entity(o);
        self.statement_full(s, verb, o, confidence, &[], &[])
    }

    pub fn conjunction(
        &mut self,
        premises: &[(EntityId, State)],
        head: (EntityId, State),
        confidence: f64,
        contexts: &[ContextId],
    ) {
        let provenance = self.provenance(confidence, contexts, true);
        self.program.conjunctions.push(Conjunction {
            premises: premises
                .iter()
                .map(|&(entity, state)| Condition { entity, state })
                .collect(),
            head: Condition {
                entity: head.0,
                state: head.1,
            },
            provenance,
        });
    }

    pub fn null(&mut self, subject: EntityId, object: EntityId, contexts: &[ContextId]) {
        let provenance = self.provenance(0.7, contexts, true);
        self.program.nulls.push(NullResult {
            subject,
            object,
            provenance,
        });
    }

    pub fn rule(
        &mut self,
        name: &str,
        confidence: f64,
        vars: usize,
        body: Vec<Atom>,
        head: Atom,
        prelude: bool,
    ) {
        let span = self.next_span();
        self.program.rules.push(Rule {
            name: name.to_string(),
            confidence,
            variables: (0..vars)
                .map(|i| match i {
                    0 => "x".to_string(),
                    1 => "y".to_string(),
                    2 => "z".to_string(),
                    _ => format!("v{i}"),
                })
                .collect(),
            body,
            head,
            span,
            prelude,
        });
    }

    /// The five rules of the prelude, as DESIGN §2 writes them.
    pub fn prelude(&mut self) {
        let x = Term::Var(0);
        let y = Term::Var(1);
        for (name, conf, s, rel, h) in [
            ("activation", 1.0, State::Up, Relation::Activates, State::Up),
            (
                "activation-loss",
                0.9,
                State::Down,
                Relation::Activates,
                State::Down,
            ),
            (
                "inhibition",
                1.0,
                State::Up,
                Relation::Inhibits,
                State::Down,
            ),
            (
                "disinhibition",
                0.9,
                State::Down,
                Relation::Inhibits,
                State::Up,
            ),
            ("delivery", 1.0, State::Up, Relation::Carries, State::Up),
        ] {
            let body = vec![Atom::State(x, s), Atom::Relation(x, rel, y)];
            self.rule(name, conf, 2, body, Atom::State(y, h), true);
        }
    }

    pub fn id(&self, name: &str) -> EntityId {
        EntityId(
            self.program
                .entities
                .get_index_of(name)
                .expect("entity exists") as u32,
        )
    }

    pub fn clamp(&self, name: &str, state: State, kind: ClampKind) -> Clamp {
        Clamp {
            entity: self.id(name),
            state,
            kind,
        }
    }

    pub fn given(&self, name: &str) -> Clamp {
        self.clamp(name, State::Up, ClampKind::Given)
    }
}
