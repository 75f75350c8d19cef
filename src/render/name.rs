//! Entity names as the language writes them: bare when possible, quoted otherwise.

use std::borrow::Cow;

/// `name`, or `"name"` with `"` and `\` escaped when it is not a bare name.
pub fn display_name(name: &str) -> Cow<'_, str> {
    crate::syntax::lexicon::written(name)
}

use crate::engine::Fact;
use crate::program::Program;

/// A fact as the language writes it: `IL-1β down`, `miR-223 inhibits PKNOX1`; `verb`
/// replaces the relation name with the user's word.
pub fn fact_text(program: &Program, fact: &Fact, verb: Option<&str>) -> String {
    let name = |e: crate::program::EntityId| {
        program
            .entities
            .get_index(e.0 as usize)
            .map(|(n, _)| display_name(n).into_owned())
            .unwrap_or_else(|| format!("#{}", e.0))
    };
    match *fact {
        Fact::State(e, s) => format!("{} {}", name(e), s.as_str()),
        Fact::Relation(a, r, b) => {
            format!("{} {} {}", name(a), verb.unwrap_or(r.as_str()), name(b))
        }
    }
}
