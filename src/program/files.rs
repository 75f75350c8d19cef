//! Finding rule files and reading them as text, with a diagnostic for every way a file
//! can fail to be a rule file (missing, a folder without rules, binary, not UTF-8).

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, SourceFile, Sources, Span};

/// Expand command-line paths: a folder means every `*.rules` below it, in sorted path order.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Box<Diag>> {
    collect_with(paths, |_| false)
}

/// [`collect`], taking the paths `held` says are files as they are (in-memory buffers).
pub fn collect_with(
    paths: &[PathBuf],
    held: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, Box<Diag>> {
    let mut out = Vec::new();
    for path in paths {
        if held(path) {
            out.push(path.clone());
            continue;
        }
        let meta =
            std::fs::metadata(path).map_err(|e| Box::new(unreadable(path, &e.to_string())))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found).map_err(|e| Box::new(unreadable(path, &e.to_string())))?;
            found.sort();
            if found.is_empty() {
                return Err(Box::new(
                    Diag::error(
                        Code::IoNoRules,
                        format!("no `.rules` files in {}", path.display()),
                    )
                    .help("give a folder that holds rule files, or a `.rules` file"),
                ));
            }
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rules") {
            out.push(path);
        }
    }
    Ok(())
}

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
