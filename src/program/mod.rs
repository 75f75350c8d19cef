//! AST → resolved program: loading files, lowering, resolving names, linting.

mod blocks;
mod builder;
pub mod declarations;
pub mod dump;
pub mod files;
mod intern;
mod invariants;
pub mod lint;
mod load;
mod lower;
mod marked;
pub mod mentions;
pub mod model;
pub mod names;
mod parallel;
pub mod provenance;
pub mod provider;
mod radix;
pub mod references;
pub mod resolve;
mod rules;
mod scenario;
pub mod tails;
mod verbs;

pub use builder::{Backing, ProgramBuilder};
pub use load::{
    LoadOptions, Loaded, PRELUDE, load_paths, load_paths_with, load_sources, load_sources_with,
    load_text, load_text_in_pieces, load_text_with, load_with,
};
pub use model::*;
pub use provider::{FileSystem, Overlay, SourceProvider};
pub use tails::Tails;
