//! marrow: a rule-based inference engine for signed causal biology.
//!
//! Text flows one way: `syntax` (text → AST), `program` (AST → resolved program),
//! `engine` (program → derived facts with provenance), `explain` (facts → derivation
//! graphs, chains, why-not findings), `answers` (runs, perturbations, expectations and
//! queries as data), `render` (the only place that makes words and pictures: text, JSON,
//! SVG, DOT, HTML).
//! `commands` wires them to the command line.
//!
//! Embedding marrow: load rules (files or in-memory text) into a [`Workspace`], build a
//! run, evaluate it, and ask — every answer is data.
//!
//! ```
//! use marrow::Workspace;
//! use marrow::answers::RunSpec;
//! use marrow::engine::{Net, Origin};
//! use marrow::program::State;
//!
//! let ws = Workspace::from_text(
//!     "bone.rules",
//!     "hypoxia increases BMSC-exosome          [Arabpour et al., 2021]
//!      BMSC-exosome promotes osteogenesis      [Zhang et al., 2021]
//!      outcome osteogenesis
//!      scenario hypoxic { given hypoxia up }",
//! );
//! assert!(!ws.has_errors());
//! let config = ws.config(&RunSpec::scenario("hypoxic")).unwrap();
//! let ev = ws.evaluate(&config);
//!
//! // Net effects: outcomes first.
//! let effects = ws.effects(&ev, false);
//! let osteogenesis = ws.entity("osteogenesis").unwrap();
//! assert_eq!(effects[0].entity, osteogenesis);
//! assert_eq!(effects[0].net, Net::Up);
//!
//! // Why: the strongest derivation as a graph of facts with their origins.
//! let why = ws.why(&ev, osteogenesis, State::Up);
//! let graph = why.derivation.unwrap();
//! assert!(graph.passes_through(ws.entity("BMSC-exosome").unwrap()));
//! let cited: Vec<&str> = graph
//!     .nodes
//!     .iter()
//!     .filter_map(|n| match n.origin {
//!         Origin::Statement(id) => Some(ws.program().statement(id)),
//!         _ => None,
//!     })
//!     .flat_map(|st| ws.program().citations(&st.provenance))
//!     .collect();
//! assert_eq!(cited, ["Arabpour et al., 2021", "Zhang et al., 2021"]);
//!
//! // Why not, as typed findings.
//! let not = ws.why(&ev, osteogenesis, State::Down);
//! assert!(!not.holds && !not.why_not.unwrap().findings.is_empty());
//! ```

// Diagnostics are rich values returned on the cold path; boxing them buys nothing.
#![allow(clippy::result_large_err)]
#![warn(missing_docs)]

pub mod answers;
pub mod cli;
pub mod commands;
pub mod diagnostics;
pub mod engine;
pub mod explain;
pub mod interop;
pub mod lsp;
mod prefetch;
pub mod program;
pub mod render;
pub mod repl;
pub mod shipped;
pub mod source;
pub mod syntax;
mod threads;
pub mod workspace;

pub use workspace::Workspace;
