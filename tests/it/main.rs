//! The integration tests, one crate: one module per area, and `support` for what they share.
//!
//! One binary runs every test in parallel threads of one process, so a test must not
//! change process-wide state (environment variables, the current directory): run such a
//! check through the real binary. (The join-row limit is a field of each run.)

mod support;

mod cli_check;
mod cli_lint;
mod cli_run;
mod cli_safety;
mod cli_usage;
mod derivation_ladder;
mod diagram_graph;
mod diagram_layout;
mod diagram_writers;
mod disputed;
mod engine_explain;
mod engine_reference;
mod engine_rules;
mod engine_shipped;
mod evidence;
mod fast_path;
mod fmt;
mod front_end;
mod interop_export;
mod interop_import;
mod json_schema;
mod kb_answers;
mod knowledge_base;
mod language_reference;
mod library_api;
mod lsp;
mod net_rows;
mod parallel_lowering;
mod picture_readme;
mod picture_why;
mod repl;
mod report_browser;
mod report_html;
mod robustness;
mod run_cases;
mod strength;
