//! Text and JSON renderings of effects and explanations.

pub mod name;
