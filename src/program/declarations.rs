//! Declarations: `entity … aka …`, `verb NEW = RELATION`, and resolving every verb
//! word once all files are read.

use super::lower::Lowerer;
use super::mentions::MentionKind;
use super::model::*;
use crate::diagnostics::{Code, Diag};
use crate::source::Span;
use crate::syntax::ast::*;

pub use crate::syntax::lexicon::BUILTIN_VERBS;

impl Lowerer<'_> {
    pub(super) fn entity_decl(&mut self, e: EntityDecl<'_>) {
        let id = self.entity_mentioned(&e.name, MentionKind::Declaration);
        let kind = e.kind.as_ref().map(|k| k.text.to_string());
        let entity = &mut self.program.entities[id.0 as usize];
        if !entity.declared {
            entity.span = e.name.span;
        }
        entity.declared = true;
        if let Some(kind) = kind {
            match &entity.kind {
                Some(old) if *old != kind => {
                    let old = old.clone();
                    self.diags.push(
                        Diag::warning(
                            Code::LintKindConflict,
                            format!("`{}` is declared both as {old} and as {kind}", e.name.text),
                        )
                        .at(e.span, "second kind")
                        .help("give each entity one kind; the first is kept"),
                    );
                }
                Some(_) => {}
                None => entity.kind = Some(kind),
            }
        }
        for alias in &e.aliases {
            let text = alias.text.to_string();
            if text == e.name.text.as_ref() {
                continue;
            }
            match self.program.aliases.get(&text) {
                Some(other) if *other != id => {
                    let other = self.program.entity_name(*other).to_string();
                    let mut d = Diag::error(
                        Code::LowerAliasConflict,
                        format!("`{text}` is already an alias of `{other}`"),
                    )
                    .at(alias.span, format!("also claimed for `{}`", e.name.text))
                    .help("an alias names exactly one entity; drop one of the two");
                    if let Some(first) = self.alias_spans.get(&text) {
                        d = d.also(*first, "first alias here");
                    }
                    self.diags.push(d);
                }
                Some(_) => self
                    .program
                    .mentions
                    .record(id, alias.span, MentionKind::Alias),
                None => {
                    self.program
                        .mentions
                        .record(id, alias.span, MentionKind::Alias);
                    self.program.aliases.insert(text.clone(), id);
                    self.alias_spans.insert(text.clone(), alias.span);
                    let entity = &mut self.program.entities[id.0 as usize];
                    entity.aliases.push(text);
                }
            }
        }
    }

    pub(super) fn verb_decl(&mut self, word: Name<'_>, relation: Name<'_>, span: Span) {
        let rel = self
            .program
            .verbs
            .get_index_of(relation.text.as_ref())
            .filter(|&i| self.defined_verbs[i])
            .map(|i| self.program.verbs[i]);
        let Some(rel) = rel else {
            let known = self.known_verbs();
            let known: Vec<(&str, Relation)> =
                known.iter().map(|(w, r)| (w.as_str(), *r)).collect();
            let (_, near) = super::verbs::guess(&relation.text, &known);
            let help = match near.first() {
                Some(v) => format!(
                    "did you mean `verb {} = {v}`? A new verb means one of: activates, inhibits, carries (or another verb word)",
                    word.text
                ),
                None => {
                    "a new verb means one of: activates, inhibits, carries (or another verb word)"
                        .to_string()
                }
            };
            self.diags.push(
                Diag::error(
                    Code::LowerUnknownRelation,
                    format!("`{}` is not a relation", relation.text),
                )
                .at(relation.span, "unknown relation")
                .help(help),
            );
            // Its uses are already explained by this error; do not report them again.
            let id = self.verb(&word);
            self.broken_verbs.insert(id);
            return;
        };
        let id = self.verb(&word);
        let i = id.0 as usize;
        if self.defined_verbs[i] {
            if self.program.verbs[i] != rel {
                self.diags.push(
                    Diag::error(
                        Code::LowerVerbRedefined,
                        format!(
                            "`{}` already means {}",
                            word.text,
                            self.program.verbs[i].as_str()
                        ),
                    )
                    .at(span, format!("cannot also mean {}", rel.as_str()))
                    .help("choose a new word for the new meaning"),
                );
            }
            return;
        }
        self.program.verbs[i] = rel;
        self.defined_verbs[i] = true;
    }

    /// Every defined verb word with its relation.
    fn known_verbs(&self) -> Vec<(String, Relation)> {
        self.program
            .verbs
            .iter()
            .enumerate()
            .filter(|(i, _)| self.defined_verbs[*i])
            .map(|(_, (k, r))| (k.clone(), *r))
            .collect()
    }

    pub(super) fn resolve_verbs(&mut self) {
        let known = self.known_verbs();
        let known: Vec<(&str, Relation)> = known.iter().map(|(w, r)| (w.as_str(), *r)).collect();
        let broken = &self.broken_verbs;
        let unknown = |verb: VerbId, span: Span, diags: &mut Vec<Diag>| {
            if broken.contains(&verb) {
                return;
            }
            let word = self
                .program
                .verbs
                .get_index(verb.0 as usize)
                .map(|(w, _)| w.as_str())
                .unwrap_or("");
            let (_, close) = super::verbs::guess(word, &known);
            diags.push(
                Diag::error(Code::LowerUnknownVerb, format!("unknown verb `{word}`"))
                    .at(span, "not a verb marrow knows")
                    .fix_names(span, close.iter().map(String::as_str))
                    .help(unknown_verb_help(word, &known)),
            );
        };
        let mut diags = Vec::new();
        for (verb, spans) in &self.pending.statement_uses {
            if !self.defined_verbs[verb.0 as usize] {
                for span in spans {
                    unknown(*verb, *span, &mut diags);
                }
            }
        }
        for (rule, pos, verb, span) in &self.pending.rule_atoms {
            if !self.defined_verbs[verb.0 as usize] {
                unknown(*verb, *span, &mut diags);
                continue;
            }
            let rel = self.program.verbs[verb.0 as usize];
            if let Some(r) = self.program.rules.get_mut(*rule) {
                let atom = match pos {
                    Some(i) => r.body.get_mut(*i),
                    None => Some(&mut r.head),
                };
                if let Some(Atom::Relation(_, relation, _)) = atom {
                    *relation = rel;
                }
            }
        }
        self.diags.extend(diags);
        // A statement whose verb was defined when it was read has its relation already;
        // usually that is every statement, and none is looked at again.
        if self.pending.statement_uses.is_empty() {
            return;
        }
        // A statement with an unknown verb has no meaning: it is reported above and kept
        // out of the program, so it is neither counted nor merged with another.
        let defined = &self.defined_verbs;
        self.program
            .statements
            .retain(|s| defined[s.verb().0 as usize]);
        let verbs = &self.program.verbs;
        for s in &mut self.program.statements {
            s.set_relation(verbs[s.verb().0 as usize]);
        }
    }
}

/// The help for an unknown verb: close verbs of the relation the word most likely means,
/// and a declaration with that relation; when the meaning is unclear, no guess.
fn unknown_verb_help(word: &str, known: &[(&str, Relation)]) -> String {
    let (relation, near) = super::verbs::guess(word, known);
    match relation {
        Some(rel) => {
            let declare = format!("declare it: `verb {word} = {}`", rel.as_str());
            if near.is_empty() {
                format!("use a built-in verb or {declare}")
            } else {
                format!(
                    "did you mean {}? Or {declare}",
                    super::names::backquoted(&near)
                )
            }
        }
        None => format!(
            "use a built-in verb (activates, inhibits, carries, promotes, …) or declare what it means: `verb {word} = activates`, `inhibits` or `carries`"
        ),
    }
}
