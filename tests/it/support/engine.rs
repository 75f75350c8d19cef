//! Builds `Program` values directly (no parser) for engine tests, through the library's
//! `ProgramBuilder`: every item gets its own line of `test.rules` (item k on line k + 1)
//! and the citation `Cite k`, so explanations are predictable.

use marrow::program::{
    Atom, Backing, Clamp, ClampKind, Condition, ContextId, EntityId, Program, ProgramBuilder,
    Relation, State, StatementId, Term,
};

pub const LINES: usize = 4000;

pub struct Builder {
    pub program: Program,
    line: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            program: ProgramBuilder::bare().build(),
            line: 0,
        }
    }

    /// Move to the next line; returns its 0-based index.
    fn next_line(&mut self) -> usize {
        let line = self.line;
        self.line = (self.line + 1) % LINES;
        line
    }

    /// Add to the program with the library's builder, at line `line` (0-based).
    fn build<R>(&mut self, line: usize, add: impl FnOnce(&mut ProgramBuilder) -> R) -> R {
        let mut b = ProgramBuilder::extend(std::mem::take(&mut self.program));
        b.at("test.rules", line + 1);
        let out = add(&mut b);
        self.program = b.build();
        out
    }

    pub fn entity(&mut self, name: &str) -> EntityId {
        if let Some(id) = self.program.lookup(name) {
            return id;
        }
        let line = self.next_line();
        self.build(line, |b| b.entity_named(name))
    }

    pub fn context(&mut self, name: &str) -> ContextId {
        if let Some(i) = self.program.contexts.get_index_of(name) {
            return ContextId(i as u32);
        }
        let line = self.next_line();
        self.build(line, |b| b.context_named(name))
    }

    pub fn outcome(&mut self, e: EntityId) {
        self.program.outcomes.insert(e);
    }

    /// The backing of the item on the next line, and that line.
    fn backing(&mut self, confidence: f64, contexts: &[ContextId]) -> (Backing, usize) {
        let line = self.next_line();
        let backing = Backing {
            confidence,
            contexts: contexts.to_vec(),
            citations: vec![format!("Cite {line:05}")],
            disputed: false,
        };
        (backing, line)
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
        let (backing, line) = self.backing(confidence, contexts);
        let conditions: Vec<Condition> = conditions
            .iter()
            .map(|&(entity, state)| Condition { entity, state })
            .collect();
        self.build(line, |b| {
            b.add_statement(subject, verb, object, &conditions, &backing)
                .expect("a valid statement")
        })
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
        let (backing, line) = self.backing(confidence, contexts);
        let premises: Vec<Condition> = premises
            .iter()
            .map(|&(entity, state)| Condition { entity, state })
            .collect();
        let head = Condition {
            entity: head.0,
            state: head.1,
        };
        self.build(line, |b| {
            b.add_conjunction(&premises, head, &backing)
                .expect("a valid conjunction")
        });
    }

    pub fn null(&mut self, subject: EntityId, object: EntityId, contexts: &[ContextId]) {
        let (backing, line) = self.backing(0.7, contexts);
        self.build(line, |b| {
            b.add_null(subject, object, &backing)
                .expect("a valid null result")
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
        let line = self.next_line();
        let variables = (0..vars)
            .map(|i| match i {
                0 => "x".to_string(),
                1 => "y".to_string(),
                2 => "z".to_string(),
                _ => format!("v{i}"),
            })
            .collect();
        let id = self.build(line, |b| {
            b.add_rule(name, confidence, variables, body, head)
                .expect("a valid rule")
        });
        self.program.rules[id.0 as usize].prelude = prelude;
    }

    /// The five rules of the prelude, as `rules/prelude.rules` writes them.
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
