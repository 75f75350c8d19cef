//! What the tests share: running the real binary, scratch files, listing input files,
//! building programs directly, generating random ones and the benchmarks' network, and
//! the checks of pictures and pages.

pub mod corpus;
pub mod diagram;
pub mod engine;
/// The benchmarks' generated network.
#[path = "../../../benches/network.rs"]
pub mod network;
pub mod program;
pub mod report;
pub mod runner;
pub mod scratch;

pub use runner::{binary, marrow};
pub use scratch::{temp_dir, temp_file};
