//! `marrow lsp`: a language server over stdio, synchronous, one message at a time.
//!
//! The workspace's rule folder is loaded once at `initialize` and again after every change,
//! with the open buffers laid over the disk; every request reads the latest load.

mod actions;
mod analysis;
mod complete;
mod convert;
mod cursor;
mod diagnostics;
mod format;
mod hover;
mod navigate;
mod server;
mod transport;

pub use server::serve;
