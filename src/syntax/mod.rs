//! Text → AST: segments, the pest grammar, block structure.

pub mod ahead;
pub mod ast;
pub mod blocks;
mod errors;
pub(crate) mod fast;
pub mod fmt;
pub mod lexicon;
pub mod parse;
pub mod print;
pub mod segments;
mod swar;

pub use blocks::{Sink, item_span, parse_file, parse_range};
pub use parse::SegmentParser;
