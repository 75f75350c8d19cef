//! Export: a loaded program (and a run's net effects) in other formats.
