//! Other formats in and out: BEL, SIF and signed tables become canonical rule files
//! (`import`); a loaded program becomes SIF, BEL, GraphML, CX2 or JSON (`export`).

pub mod citation;
pub mod export;
pub mod import;
mod write;

pub use write::write_atomically;
