//! What the tests share: running the real binary, listing input files, building programs
//! directly, generating random programs, and the checks of pictures and pages.

pub mod diagram;
pub mod engine;
pub mod report;
pub mod runner;

pub use runner::*;
