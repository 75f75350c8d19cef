//! `marrow repl`
