//! `marrow list scenarios|entities|contexts|outcomes|verbs`: what the rules declare.

use std::path::PathBuf;

use super::setup::load;
use super::{Exit, Output};
use crate::cli::{Format, ListWhat};
use crate::render::{View, list};

/// Print `what` the rules declare.
pub fn run(paths: &[PathBuf], what: ListWhat, format: Format, out: &Output) -> Exit {
    let loaded = match load(paths, out) {
        Ok(l) => l,
        Err(exit) => return exit,
    };
    let view = View::new(&loaded.program);
    match format {
        Format::Text | Format::Dot | Format::Svg => out.print(&list::list_text(&view, what)),
        Format::Json => out.print(&list::list_json(&view, what)),
    }
    Exit::Success
}
