//! Diagnostics for rule files and the command line.
