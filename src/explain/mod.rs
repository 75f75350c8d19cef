//! Derivation trees, causal chains and why-not answers, rebuilt from provenance.
