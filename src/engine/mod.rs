//! Forward chaining with provenance and net effects.
