//! Finding rule files and reading them as text, with a diagnostic for every way a file
//! can fail to be a rule file (missing, a folder without rules, binary, not UTF-8).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, SourceFile, Sources, Span};

/// Rule files bigger than this are refused rather than read: spans are 32-bit offsets, and
/// the program built from a file takes several times its size in memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Expand command-line paths: a folder means every `*.rules` below it, in sorted path order.
/// The first problem (a missing path, a symlink loop…) is the error.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<Diag>> {
    collect_with(paths, |_| false)
}

/// [`collect`], taking the paths `held` says are files as they are (in-memory buffers).
pub fn collect_with(
    paths: &[PathBuf],
    held: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Box<Diag>> {
    let (found, mut problems) = collect_all(paths, held);
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(Box::new(problems.swap_remove(0)))
    }
}

/// [`collect_with`], going on past problems: the files found, and a diagnostic for every
/// path that could not be expanded.
pub fn collect_all(paths: &[PathBuf], held: impl Fn(&Path) -> bool) -> (Vec<PathBuf>, Vec<Diag>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    // Real (canonical) folders already walked: each is visited once, so a symlink loop
    // or two links to one folder cannot make the walk endless.
    let mut visited = HashSet::new();
    for path in paths {
        if held(path) {
            out.push(path.clone());
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                problems.push(unreadable(path, &e.to_string()));
                continue;
            }
        };
        if meta.is_dir() {
            let mut found = Vec::new();
            if let Err(e) = walk(path, &mut found, &mut visited, &mut problems) {
                problems.push(unreadable(path, &e.to_string()));
                continue;
            }
            found.sort();
            if found.is_empty() {
                problems.push(
                    Diag::error(
                        Code::IoNoRules,
                        format!("no `.rules` files in {}", path.display()),
                    )
                    .help("give a folder that holds rule files, or a `.rules` file"),
                );
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    (out, problems)
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    problems: &mut Vec<Diag>,
) -> std::io::Result<()> {
    let real = std::fs::canonicalize(dir)?;
    if !visited.insert(real.clone()) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_symlink());
            if is_link
                && let Ok(target) = std::fs::canonicalize(&path)
                && real.starts_with(&target)
            {
                problems.push(
                    Diag::error(
                        Code::IoSymlinkLoop,
                        format!(
                            "{} links back to {}, a folder that contains it: a symlink loop",
                            path.display(),
                            target.display()
                        ),
                    )
                    .help("the link is not followed; remove it, or point it outside the folder"),
                );
                continue;
            }
            walk(&path, out, visited, problems)?;
        } else if path.extension().is_some_and(|e| e == "rules") {
            out.push(path);
        }
    }
    Ok(())
}

/// Why a path could not be read as a rule file.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// A device, FIFO, socket or folder: reading it could block or never end.
    NotRegular(&'static str),
    /// The file's size in bytes, over [`MAX_FILE_BYTES`].
    TooLarge(u64),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge(n) => write!(
                f,
                "it is {} MB, more than the {} MB a rule file may have",
                n >> 20,
                MAX_FILE_BYTES >> 20
            ),
        }
    }
}

/// Read a rule file: only a regular file (following symlinks), and never more than
/// [`MAX_FILE_BYTES`], even when the file grows while it is read.
pub fn read_rule_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(&meta)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    #[cfg(unix)]
    if meta.len() >= super::parallel::PARALLEL_MIN_BYTES as u64
        && let Some(bytes) = read_halves(&file, meta.len() as usize).map_err(ReadError::Io)?
    {
        return Ok(bytes);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The file's `len` bytes, read as two halves on two cores: most of a big read is the
/// kernel filling fresh pages of the buffer, and each core takes half of them (25 MB:
/// 14–23 → 10 ms). `None` when the file is no longer `len` bytes long (it changed since
/// it was measured), for the one-core read to take it as it is now.
#[cfg(unix)]
fn read_halves(file: &std::fs::File, len: usize) -> std::io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0u8; len];
    let middle = len / 2;
    let (low, high) = bytes.split_at_mut(middle);
    let (mine, theirs) = crate::threads::both(
        || file.read_exact_at(low, 0),
        || file.read_exact_at(high, middle as u64),
    );
    let read = mine.and(theirs);
    match read {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    // A byte past the end: the file grew.
    let grown = file.read_at(&mut [0u8; 1], len as u64)? > 0;
    Ok((!grown).then_some(bytes))
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// The diagnostic for a path that cannot be read, saying `why`.
pub fn unreadable(path: &Path, why: &str) -> Diag {
    Diag::error(
        Code::IoUnreadable,
        format!("cannot read {}: {why}", path.display()),
    )
    .help("check the path; a folder is searched for `*.rules` files")
}

/// The name a file is shown under: as given, with `.` and `dir/..` folded away lexically
/// (so an included `../shared/x.rules` reads naturally).
pub fn display_name(path: &Path) -> String {
    use std::path::Component;
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
    let folded: PathBuf = parts.iter().collect();
    folded.to_string_lossy().into_owned()
}

/// Turn bytes into a source file, or explain precisely why they are not rule text.
/// Undecodable files are still added (lossily) so the diagnostic can show the spot.
pub fn decode(sources: &mut Sources, name: String, bytes: Vec<u8>) -> Result<FileId, Box<Diag>> {
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let text = String::from_utf8_lossy(&bytes[..pos]).into_owned();
        let offset = text.len();
        let id = sources.add(SourceFile::new(name, text + "\u{FFFD}"));
        let d = Diag::error(
            Code::IoBinary,
            format!("this is a binary file, not rule text (NUL byte at offset {pos})"),
        )
        .at(Span::new(id, offset, offset + 3), "binary data here")
        .help("rule files are UTF-8 text; pass only `.rules` files");
        return Err(Box::new(d));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(sources.add(SourceFile::new(name, text))),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let id = sources.add(SourceFile::new(name, text));
            let d = Diag::error(
                Code::IoEncoding,
                format!("invalid UTF-8 at byte offset {pos}"),
            )
            .at(Span::new(id, pos, pos + 3), "not UTF-8")
            .help("save the file as UTF-8 (most editors have an encoding option)");
            Err(Box::new(d))
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Write;

    use super::*;

    /// Two halves read what one read does, and a file that is not the length it was
    /// measured at is left to the one-core read.
    #[test]
    fn halves_read_the_whole_file_or_nothing() {
        let text: Vec<u8> = (0..100_003u32)
            .map(|i| b"ab\ncd "[(i % 6) as usize])
            .collect();
        let mut file = tempfile::tempfile().expect("a temporary file");
        file.write_all(&text).expect("written");
        let read = |len: usize| read_halves(&file, len).expect("readable");
        assert_eq!(read(text.len()), Some(text.clone()));
        assert_eq!(read(text.len() - 1), None, "grown since measured");
        assert_eq!(read(text.len() + 1), None, "shrunk since measured");
        assert_eq!(read(0), None, "grown from nothing");
    }

    /// A big rule file comes back byte for byte.
    #[test]
    fn a_big_file_reads_whole() {
        let line = "g1 activates g2 [PMID:1]\n";
        let text = line.repeat(super::super::parallel::PARALLEL_MIN_BYTES / line.len() + 7);
        let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
        file.write_all(text.as_bytes()).expect("written");
        let bytes = read_rule_file(file.path()).expect("readable");
        assert!(bytes == text.as_bytes());
    }
}
