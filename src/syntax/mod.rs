//! Text → AST.
