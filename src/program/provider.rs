//! Where the loader gets file contents: the disk, or an editor's unsaved buffers laid
//! over it, or in-memory sources alone. Folders named on the command line are still
//! listed from the disk; a provider only answers for the files themselves.

use super::files::ReadError;
use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// A source of rule-file contents.
pub trait SourceProvider {
    /// The bytes of the file at `path` (decoded and checked by the loader, so a binary
    /// or non-UTF-8 file gets the same diagnostic whoever provides it).
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError>;

    /// The identity of the file at `path`: two paths with the same canonical path are one
    /// file, loaded once.
    fn canonical(&self, path: &Path) -> PathBuf;

    /// True when the provider holds `path` itself (an in-memory buffer), so the loader
    /// takes it as a file without looking for it on disk.
    fn holds(&self, _path: &Path) -> bool {
        false
    }
}

/// Files on disk.
#[derive(Debug, Clone, Copy, Default)]
pub struct FileSystem;

impl SourceProvider for FileSystem {
    /// Only regular files, at most [`super::files::MAX_FILE_BYTES`]: a device or FIFO
    /// could block or never end.
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        super::files::read_rule_file(path)
    }

    fn canonical(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

/// Nothing at all: every read fails. The base of purely in-memory loads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Nowhere;

impl SourceProvider for Nowhere {
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        Err(ReadError::Io(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no source named {}", path.display()),
        )))
    }

    fn canonical(&self, path: &Path) -> PathBuf {
        lexical(path)
    }
}

/// In-memory buffers keyed by path that shadow another provider (an editor's unsaved
/// files over the disk). Paths are compared after folding `.` and `dir/..` away, so an
/// include `../lib/x.rules` finds the buffer registered as `lib/x.rules`.
pub struct Overlay<'a> {
    base: &'a dyn SourceProvider,
    buffers: HashMap<PathBuf, Arc<str>>,
}

impl<'a> Overlay<'a> {
    /// No buffers yet: every path reads through `base`.
    pub fn new(base: &'a dyn SourceProvider) -> Self {
        Overlay {
            base,
            buffers: HashMap::new(),
        }
    }

    /// Set (or replace) the text of the buffer at `path`.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<Arc<str>>) {
        self.buffers.insert(lexical(path.as_ref()), text.into());
    }

    /// Drop the buffer at `path` (the disk version shows again).
    pub fn remove(&mut self, path: impl AsRef<Path>) -> Option<Arc<str>> {
        self.buffers.remove(&lexical(path.as_ref()))
    }
}

impl SourceProvider for Overlay<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        match self.buffers.get(&lexical(path)) {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => self.base.read(path),
        }
    }

    fn canonical(&self, path: &Path) -> PathBuf {
        let key = lexical(path);
        if self.buffers.contains_key(&key) {
            key
        } else {
            self.base.canonical(path)
        }
    }

    fn holds(&self, path: &Path) -> bool {
        self.buffers.contains_key(&lexical(path)) || self.base.holds(path)
    }
}

/// `path` with `.` dropped and `dir/..` folded, without touching the disk.
fn lexical(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            _ => parts.push(c),
        }
    }
    parts.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_folds_paths_and_falls_back() {
        let mut o = Overlay::new(&Nowhere);
        o.insert("lib/x.rules", "a activates b\n");
        assert!(o.holds(Path::new("./lib/../lib/x.rules")));
        assert_eq!(
            o.read(Path::new("main/../lib/x.rules")).unwrap(),
            b"a activates b\n"
        );
        assert!(o.read(Path::new("lib/y.rules")).is_err());
        o.remove("lib/x.rules");
        assert!(!o.holds(Path::new("lib/x.rules")));
    }
}
