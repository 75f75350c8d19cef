//! Lowering variable rules: terms, atoms, confidence, and the safety check that every
//! head variable occurs in the body.

use super::lower::Lowerer;
use super::model::*;
use crate::diagnostics::{Code, Diag};
use crate::source::Span;
use crate::syntax::ast::*;

impl Lowerer<'_> {
    pub(super) fn rule(&mut self, r: RuleAst<'_>, prelude: bool) {
        if self
            .program
            .rules
            .iter()
            .any(|x| x.name == r.name.text.as_ref())
        {
            let first = self
                .program
                .rules
                .iter()
                .find(|x| x.name == r.name.text.as_ref())
                .map(|x| x.span);
            let mut d = Diag::error(
                Code::LowerDuplicateRule,
                format!("a rule named `{}` already exists", r.name.text),
            )
            .at(r.name.span, "second definition")
            .help("give each rule its own name");
            if let Some(first) = first {
                d = d.also(first, "first defined here");
            }
            self.diags.push(d);
            return;
        }
        if let Some(span) = r.disputed {
            self.diags.push(
                Diag::error(
                    Code::LowerDisputedRule,
                    format!("rule `{}` cannot be disputed", r.name.text),
                )
                .at(span, "`disputed` marks a claim, not a rule")
                .help("mark the statements that are in doubt as `disputed`, or give the rule a lower confidence (`rule NAME confidence 0.5: …`)"),
            );
        }
        let confidence = match &r.confidence {
            Some((value, span)) => match self.confidence_value(value, *span) {
                Some(v) => v,
                None => return,
            },
            None => 1.0,
        };
        let index = self.program.rules.len();
        let mut variables: Vec<String> = Vec::new();
        let mut body = Vec::new();
        for (i, atom) in r.body.iter().enumerate() {
            body.push(self.atom(atom, &mut variables, index, Some(i)));
        }
        let body_vars = variables.len();
        let head = self.atom(&r.head, &mut variables, index, None);
        if variables.len() > body_vars {
            let name = &variables[body_vars];
            let span = head_var_span(&r.head, name).unwrap_or(r.span);
            self.diags.push(
                Diag::error(
                    Code::LowerUnsafeRule,
                    format!("variable ?{name} in the head of rule `{}` does not occur in its body", r.name.text),
                )
                .at(span, "not bound by the body")
                .help("every variable of the head must occur in a body atom, so the rule only derives facts about things it has matched"),
            );
            return;
        }
        self.program.rules.push(Rule {
            name: r.name.text.to_string(),
            confidence,
            variables,
            body,
            head,
            span: r.span,
            prelude,
        });
    }

    fn atom(
        &mut self,
        a: &AtomAst<'_>,
        vars: &mut Vec<String>,
        rule: usize,
        pos: Option<usize>,
    ) -> Atom {
        let mut term = |l: &mut Lowerer, t: &TermAst<'_>| match t {
            TermAst::Var(v, _) => {
                let i = vars.iter().position(|x| x == v).unwrap_or_else(|| {
                    vars.push(v.to_string());
                    vars.len() - 1
                });
                Term::Var(i as u32)
            }
            TermAst::Name(n) => Term::Entity(l.entity(n)),
        };
        match a {
            AtomAst::State(t, s, _) => Atom::State(term(self, t), *s),
            AtomAst::Relation(x, verb, y, _) => {
                let x = term(self, x);
                let y = term(self, y);
                let v = self.verb(verb);
                self.pending.rule_atoms.push((rule, pos, v, verb.span));
                Atom::Relation(x, Relation::Activates, y)
            }
        }
    }
}

fn head_var_span(head: &AtomAst<'_>, name: &str) -> Option<Span> {
    let terms: Vec<&TermAst<'_>> = match head {
        AtomAst::State(t, _, _) => vec![t],
        AtomAst::Relation(a, _, b, _) => vec![a, b],
    };
    terms.into_iter().find_map(|t| match t {
        TermAst::Var(v, span) if *v == name => Some(*span),
        _ => None,
    })
}
