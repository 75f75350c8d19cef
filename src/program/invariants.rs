//! What lowering guarantees the engine, checked once a program is complete. A failure is
//! a bug in marrow: asserted in debug builds, an internal-error diagnostic in release
//! (the engine skips what it cannot run rather than panic).

use super::model::Program;
use crate::diagnostics::Diag;

pub(super) fn check(program: &Program) -> Vec<Diag> {
    let n = program.entities.len();
    let mut out = Vec::new();
    for rule in &program.rules {
        let ok = rule.is_runnable(n);
        debug_assert!(ok, "lowering produced rule `{}` that cannot run", rule.name);
        if !ok {
            out.push(
                Diag::internal(format!("rule `{}` cannot be run and is ignored", rule.name))
                    .at(rule.span, "this rule"),
            );
        }
    }
    out
}
