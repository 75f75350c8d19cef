//! Reading rule files: folders, includes (relative, each file once, cycles reported),
//! the compiled-in prelude, and big files lowered on two cores.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::files::{self, display_name};
use super::lint::PendingLints;
use super::lower::Lowerer;
use super::mentions::Mentions;
use super::model::*;
use super::parallel;
use super::provider::{FileSystem, Nowhere, Overlay, SourceProvider};
use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, MAX_FILE_LEN, SourceFile, Span};
use crate::syntax::ahead::statement_names;
use crate::syntax::ast::{Item, Line, Name};
use crate::syntax::{Sink, parse_file};

/// The built-in prelude, compiled in.
pub const PRELUDE: &str = include_str!("../../rules/prelude.rules");
pub const PRELUDE_NAME: &str = "<prelude>";

/// Include chains deeper than this are reported rather than followed.
const MAX_INCLUDE_DEPTH: usize = 64;

/// The result of loading: the program (possibly partial) and every problem found.
pub struct Loaded {
    /// What was loaded; partial when there are errors.
    pub program: Program,
    /// Every error and warning, sorted by file and offset ([`Diag::sort_key`]).
    pub diags: Vec<Diag>,
    /// Files the user gave or included (not the prelude), in load order.
    pub files: Vec<FileId>,
    /// Some input could not be read as text at all (exit status 2).
    pub unreadable: bool,
    /// The lints, when the load was asked to leave them ([`LoadOptions::defer_lints`]);
    /// [`Loaded::add_lints`] puts their warnings among [`Loaded::diags`].
    pub lints: Option<PendingLints>,
}

impl Loaded {
    /// How many of [`Loaded::diags`] are errors.
    pub fn errors(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// How many of [`Loaded::diags`] are warnings.
    pub fn warnings(&self) -> usize {
        self.diags.len() - self.errors()
    }

    /// Put the warnings of the deferred lints among the diagnostics, as an undeferred
    /// load would have: `warnings` when the caller took [`Loaded::lints`] and ran them,
    /// else the pending lints, run here as an undeferred load runs them (nothing when none
    /// are pending).
    pub fn add_lints(&mut self, warnings: Option<Vec<Diag>>) {
        let pending = self.lints.take();
        let Some(warnings) = warnings.or_else(|| pending.map(|p| p.run_alone(&self.program)))
        else {
            return;
        };
        // A load sorts its diagnostics stably with the lints' last: appending them and
        // sorting again gives the same order.
        self.diags.extend(warnings);
        self.diags.sort_by_key(|d| d.sort_key());
    }
}

/// Load rule files (folders expand to their `*.rules`), the prelude first.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    load_paths_with(paths, &FileSystem)
}

/// [`load_paths`], reading files (and includes) through `provider`: an editor's unsaved
/// buffers shadow the disk. Paths the provider holds itself are taken as files.
pub fn load_paths_with(paths: &[PathBuf], provider: &dyn SourceProvider) -> Loaded {
    load_with(paths, provider, &LoadOptions::default())
}

/// What a load records beyond the program itself.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct LoadOptions {
    /// Record every mention of every entity in [`Program::mentions`] (an editor asks for
    /// this). Big files are then lowered on one core.
    pub mentions: bool,
    /// Leave the lints to the caller ([`Loaded::lints`]), which may run them beside
    /// other work.
    pub defer_lints: bool,
}

impl LoadOptions {
    /// Defer the lints ([`LoadOptions::defer_lints`]).
    pub fn with_deferred_lints(mut self) -> Self {
        self.defer_lints = true;
        self
    }

    /// Record mentions ([`LoadOptions::mentions`]).
    pub fn with_mentions(mut self) -> Self {
        self.mentions = true;
        self
    }
}

/// [`load_paths_with`], with options.
pub fn load_with(
    paths: &[PathBuf],
    provider: &dyn SourceProvider,
    options: &LoadOptions,
) -> Loaded {
    let mut l = Lowerer::new(provider);
    if options.mentions {
        l.program.mentions = Mentions::recording();
        // The second core's lowering keeps no mentions.
        l.parallel_min_bytes = usize::MAX;
    }
    l.defer_lints = options.defer_lints;
    let (found, problems) = files::collect_all(paths, |p| provider.holds(p));
    if !problems.is_empty() {
        l.diags.extend(problems);
        l.unreadable = true;
    }
    for path in found {
        l.load_file(&path, None);
    }
    l.finish()
}

/// Load one in-memory text (tests, `ask`), the prelude first.
pub fn load_text(name: &str, text: &str) -> Loaded {
    load_text_with(name, text, parallel::PARALLEL_MIN_BYTES)
}

/// [`load_text`], lowering the second part of the text on another core when the text
/// is at least `parallel_min_bytes` long (tests hold both ways to the same result).
pub fn load_text_with(name: &str, text: &str, parallel_min_bytes: usize) -> Loaded {
    load_text_in_pieces(name, text, parallel_min_bytes, parallel::PIECE)
}

/// [`load_text_with`], the two-core lowering handing over `piece_statements` statements
/// at a time (tests make pieces small, so that a short text crosses many of them).
pub fn load_text_in_pieces(
    name: &str,
    text: &str,
    parallel_min_bytes: usize,
    piece_statements: usize,
) -> Loaded {
    let mut l = Lowerer::new(&FileSystem);
    l.piece_statements = piece_statements.max(1);
    if text.len() > MAX_FILE_LEN {
        l.unreadable = true;
        l.diags.push(too_large(name, text.len()));
        return l.finish();
    }
    l.parallel_min_bytes = parallel_min_bytes;
    let id = l.program.sources.add(SourceFile::new(name, text));
    l.user_files.push(id);
    l.lower_file(id, None);
    l.finish()
}

/// Load several in-memory files, in order, the prelude first; `include` lines resolve
/// among them by name (relative to the including file's name), never on disk.
pub fn load_sources(sources: &[(&str, &str)]) -> Loaded {
    load_sources_with(sources, &LoadOptions::default())
}

/// [`load_sources`], with options.
pub fn load_sources_with(sources: &[(&str, &str)], options: &LoadOptions) -> Loaded {
    let mut overlay = Overlay::new(&Nowhere);
    for (name, text) in sources {
        overlay.insert(name, *text);
    }
    let paths: Vec<PathBuf> = sources.iter().map(|(n, _)| PathBuf::from(n)).collect();
    load_with(&paths, &overlay, options)
}

/// A file longer than spans can address.
fn too_large(name: &str, len: usize) -> Diag {
    Diag::error(
        Code::IoTooLarge,
        format!("{name} is too large to load ({len} bytes; the limit is 4 GiB)"),
    )
    .help("split it into several files; a folder of rule files loads as one program")
}

impl<'p> Lowerer<'p> {
    /// Read and lower one file, unless it was loaded already.
    pub(super) fn load_file(&mut self, path: &Path, included_from: Option<Span>) {
        let canonical = self.provider.canonical(path);
        if let Some(pos) = self
            .include_stack
            .iter()
            .position(|(p, _, _)| *p == canonical)
        {
            let chain: Vec<String> = self.include_stack[pos..]
                .iter()
                .map(|(_, shown, _)| shown.clone())
                .chain(std::iter::once(display_name(path)))
                .collect();
            let mut d = Diag::error(
                Code::LowerIncludeCycle,
                format!("include cycle: {}", chain.join(" → ")),
            )
            .help("remove one of the includes; each file needs to be loaded only once");
            if let Some(span) = included_from {
                d = d.at(span, "this include closes the cycle");
            }
            self.diags.push(d);
            return;
        }
        if self.loaded.contains_key(&canonical) {
            return;
        }
        if self.include_stack.len() >= MAX_INCLUDE_DEPTH {
            let mut d = Diag::error(
                Code::LowerIncludeDepth,
                format!("includes nested more than {MAX_INCLUDE_DEPTH} deep"),
            )
            .help("include the files from one top-level file instead of a chain");
            if let Some(span) = included_from {
                d = d.at(span, "too deep");
            }
            self.diags.push(d);
            return;
        }
        let bytes = match self.provider.read(path) {
            Ok(b) => b,
            Err(e) => {
                let mut d = files::unreadable(path, &e.to_string());
                // Only a missing include is a mistake in the rules; a device, a FIFO or a
                // huge file is input marrow cannot read at all (exit status 2).
                let missing = matches!(e, files::ReadError::Io(_));
                if !missing {
                    self.unreadable = true;
                }
                if let Some(span) = included_from
                    && missing
                {
                    d = Diag::error(
                        Code::LowerIncludeMissing,
                        format!("cannot include {}: {e}", display_name(path)),
                    )
                    .at(span, "included here")
                    .help("include paths are relative to the file that includes them");
                } else if let Some(span) = included_from {
                    d = d
                        .at(span, "included here")
                        .help("include only rule files (`*.rules`)");
                } else {
                    if !missing {
                        d = d.help("marrow reads only regular files: give a `.rules` file or a folder of them");
                    }
                    self.unreadable = true;
                }
                self.diags.push(d);
                return;
            }
        };
        if bytes.len() > MAX_FILE_LEN {
            self.unreadable = true;
            self.diags.push(too_large(&display_name(path), bytes.len()));
            return;
        }
        // A copy of the built-in prelude in a rules folder is the prelude itself.
        if bytes == PRELUDE.as_bytes() {
            return;
        }
        match files::decode(&mut self.program.sources, display_name(path), bytes) {
            Ok(id) => {
                self.loaded.insert(canonical.clone(), id);
                self.user_files.push(id);
                self.include_stack
                    .push((canonical, display_name(path), included_from));
                self.lower_file(id, Some(path));
                self.include_stack.pop();
            }
            Err(d) => {
                self.unreadable = true;
                self.diags.push(*d);
            }
        }
    }

    pub(super) fn lower_file(&mut self, file: FileId, path: Option<&Path>) {
        let text: Arc<String> = self.program.sources.get(file).text.clone();
        let dir = path.and_then(|p| p.parent()).map(Path::to_path_buf);
        let mut diags = Vec::new();
        let prelude = self.program.sources.get(file).name == PRELUDE_NAME;
        // Most lines of a big file are statements: reserving for every line up front
        // avoids copying (and briefly doubling) a million statements as the vector grows.
        let lines = self.program.sources.get(file).line_count();
        self.program.statements.reserve(lines);
        let two_cores = text.len() >= self.parallel_min_bytes
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let starts = if two_cores {
            parallel::block_starts(&text, parallel::BLOCKS)
        } else {
            Vec::new()
        };
        let dir = dir.as_deref();
        if starts.is_empty() {
            parse_file(file, &text, &mut diags, self.sink(dir, prelude));
            self.diags.extend(diags);
            return;
        }
        self.lower_in_blocks(file, &text, &starts, &mut diags, (dir, prelude));
        self.diags.extend(diags);
    }

    pub(super) fn sink<'l>(&'l mut self, dir: Option<&'l Path>, prelude: bool) -> Lowering<'l, 'p> {
        Lowering {
            lowerer: self,
            dir,
            prelude,
        }
    }
}

/// Parsed items of one file on their way into the program.
pub(super) struct Lowering<'l, 'p> {
    lowerer: &'l mut Lowerer<'p>,
    dir: Option<&'l Path>,
    prelude: bool,
}

impl<'a> Sink<'a> for Lowering<'_, '_> {
    fn item(&mut self, item: Item<'a>, contexts: &[Name<'a>]) {
        self.lowerer
            .lower_item(item, contexts, self.dir, self.prelude)
    }

    fn ahead(&mut self, line: &Line<'a>) {
        for name in statement_names(line) {
            self.lowerer.names.prefetch(name);
        }
    }
}
