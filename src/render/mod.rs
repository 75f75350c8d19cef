//! Text and JSON renderings of effects and explanations.

pub mod diagram;
pub mod json;
pub mod name;
pub mod text;
