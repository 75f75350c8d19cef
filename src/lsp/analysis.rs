//! One load of the workspace: every `*.rules` file below the root plus the open buffers
//! (which shadow the disk), with the mention index, and evaluations cached per scenario.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use lsp_types::Url;

use crate::answers::RunSpec;
use crate::engine::{Evaluation, evaluate};
use crate::program::{FileSystem, LoadOptions, Loaded, Overlay, Program, load_with};
use crate::source::{FileId, SourceFile};

/// Folders never searched for rule files.
const SKIPPED: &[&str] = &["target", "node_modules"];

/// The workspace as last loaded.
pub struct Analysis {
    pub loaded: Loaded,
    files: HashMap<PathBuf, FileId>,
    evaluations: RefCell<HashMap<String, Option<Rc<Evaluation>>>>,
}

impl Analysis {
    /// Load every rule file below `root` and every open buffer.
    pub fn load(root: Option<&Path>, open: &BTreeMap<PathBuf, String>) -> Analysis {
        let mut paths = Vec::new();
        if let Some(root) = root {
            walk(root, &mut paths, 0);
        }
        paths.extend(open.keys().cloned());
        paths.sort();
        paths.dedup();
        let mut overlay = Overlay::new(&FileSystem);
        for (path, text) in open {
            overlay.insert(path, text.as_str());
        }
        let loaded = load_with(&paths, &overlay, &LoadOptions::default().with_mentions());
        let files = loaded
            .program
            .sources
            .iter()
            .filter(|(_, f)| Path::new(&f.name).is_absolute())
            .map(|(id, f)| (PathBuf::from(&f.name), id))
            .collect();
        Analysis {
            loaded,
            files,
            evaluations: RefCell::default(),
        }
    }

    pub fn program(&self) -> &Program {
        &self.loaded.program
    }

    /// The loaded file at `path`.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.files.get(path).copied()
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        self.loaded.program.sources.get(id)
    }

    /// The loaded file a URI names.
    pub fn file_of(&self, uri: &Url) -> Option<FileId> {
        self.file_id(&uri.to_file_path().ok()?)
    }

    /// The URI of a loaded file (none for the prelude).
    pub fn uri(&self, id: FileId) -> Option<Url> {
        let name = &self.file(id).name;
        Path::new(name)
            .is_absolute()
            .then(|| Url::from_file_path(name).ok())
            .flatten()
    }

    /// Every file with a URI.
    pub fn uris(&self) -> impl Iterator<Item = (FileId, Url)> + '_ {
        let mut ids: Vec<FileId> = self.files.values().copied().collect();
        ids.sort();
        ids.into_iter().filter_map(|id| Some((id, self.uri(id)?)))
    }

    /// The evaluation of a scenario (cached), or none when it does not exist or the
    /// rules have errors.
    pub fn evaluation(&self, scenario: &str) -> Option<Rc<Evaluation>> {
        if let Some(ev) = self.evaluations.borrow().get(scenario) {
            return ev.clone();
        }
        let ev = (self.loaded.errors() == 0)
            .then(|| RunSpec::scenario(scenario).build(self.program()).ok())
            .flatten()
            .map(|(config, _)| Rc::new(evaluate(self.program(), &config)));
        self.evaluations
            .borrow_mut()
            .insert(scenario.to_string(), ev.clone());
        ev
    }
}

/// Collect `*.rules` below `dir`, skipping hidden and build folders.
fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    if depth > 32 {
        return;
    }
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if !name.starts_with('.') && !SKIPPED.contains(&name.as_ref()) {
                walk(&path, out, depth + 1);
            }
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rules") {
            out.push(path);
        }
    }
}

/// The scenario a file selects with a `# marrow: scenario NAME` comment.
pub fn directive(text: &str) -> Option<&str> {
    text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix('#')?.trim_start();
        let rest = rest.strip_prefix("marrow:")?.trim_start();
        let name = rest.strip_prefix("scenario")?.split_whitespace().next()?;
        Some(name.trim_matches('"'))
    })
}
