//! `marrow import bel|sif|tsv FILE… [-o DIR] [--report FILE]`: other formats → canonical
//! rule files, one per input, a summary, and a report of every skipped or repaired line.

use std::path::{Path, PathBuf};

use super::{Exit, Output};
use crate::diagnostics::{Code, Diag};
use crate::interop::import::report::{counts, report_tsv};
use crate::interop::import::{Action, Format, Imported, Options, decode, import_source};
use crate::interop::write_atomically;
use crate::program::load_paths;
use crate::source::Sources;

/// One input file and where its output goes.
struct Input {
    path: PathBuf,
    /// The name citations and the report use (`conib/adnp/x.bel`).
    origin: String,
    output: PathBuf,
}

/// Import every input file into a rule file (in `out_dir`, or beside the input), write the
/// `report` of skipped and repaired lines, and with `check` load the output back (exit 1 on
/// its errors).
pub fn run(
    format: Format,
    paths: &[PathBuf],
    out_dir: Option<&Path>,
    report: Option<&Path>,
    options: &Options,
    check: bool,
    out: &Output,
) -> Exit {
    let mut sources = Sources::default();
    let inputs = match inputs(format, paths, out_dir) {
        Ok(i) => i,
        Err(d) => {
            out.diags(&[*d], &sources);
            return Exit::Usage;
        }
    };
    let mut imported: Vec<(Input, Imported)> = Vec::with_capacity(inputs.len());
    let mut fatal: Vec<Diag> = Vec::new();
    for input in inputs {
        let bytes = match std::fs::read(&input.path) {
            Ok(b) => b,
            Err(e) => {
                fatal.push(unreadable(&input.path, &e.to_string()));
                continue;
            }
        };
        let name = crate::program::files::display_name(&input.path);
        let result = decode(&mut sources, name, format, bytes)
            .and_then(|id| import_source(format, &sources, id, &input.origin, options));
        match result {
            Ok(i) => imported.push((input, i)),
            Err(d) => fatal.push(*d),
        }
    }
    if !fatal.is_empty() {
        out.diags(&fatal, &sources);
        out.eprint(&format!(
            "marrow: {} input file{} could not be imported; nothing was written\n",
            fatal.len(),
            if fatal.len() == 1 { "" } else { "s" }
        ));
        return Exit::Usage;
    }
    // A rule file someone wrote is never overwritten; an earlier import's output is.
    let clobbered: Vec<Diag> = imported
        .iter()
        .filter(|(i, _)| !replaceable(&i.output))
        .map(|(i, _)| {
            Diag::error(
                Code::ImportWouldOverwrite,
                format!(
                    "{} exists and was not written by `marrow import`",
                    i.output.display()
                ),
            )
            .help("import into another folder with -o DIR, or move the file away")
        })
        .collect();
    if !clobbered.is_empty() {
        out.diags(&clobbered, &sources);
        out.eprint("marrow: nothing was written\n");
        return Exit::Usage;
    }
    // Everything is in memory and understood: now write, each file whole or not at all.
    for (input, file) in &imported {
        let header = vec![format!(
            "imported from {} by `marrow import {}`",
            input.origin,
            format.as_str()
        )];
        if let Err(e) = write_atomically(&input.output, file.render(&header).as_bytes()) {
            out.diags(&[unwritable(&input.output, &e.to_string())], &sources);
            return Exit::Usage;
        }
    }
    if let Some(report) = report {
        let table = report_tsv(
            imported
                .iter()
                .map(|(i, f)| (i.origin.as_str(), f.notes.as_slice())),
        );
        if let Err(e) = write_atomically(report, table.as_bytes()) {
            out.diags(&[unwritable(report, &e.to_string())], &sources);
            return Exit::Usage;
        }
    }
    out.print(&summary(&imported, report));
    if !check {
        return Exit::Success;
    }
    // Read the written files back as `marrow check` would: an importer bug shows here. The
    // imported claims are dropped first so the two never share the peak memory.
    let written: Vec<PathBuf> = imported.iter().map(|(i, _)| i.output.clone()).collect();
    drop(imported);
    drop(sources);
    let loaded = load_paths(&written);
    let errors: Vec<Diag> = loaded
        .diags
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    out.diags(&errors, &loaded.program.sources);
    out.print(&format!(
        "checked the output: {} entities; {} errors, {} warnings{}\n",
        loaded.program.entities.len(),
        loaded.errors(),
        loaded.warnings(),
        if loaded.warnings() > 0 {
            " (`marrow check` lists them)"
        } else {
            ""
        }
    ));
    if loaded.errors() > 0 {
        Exit::Finding
    } else {
        Exit::Success
    }
}

/// Expand folders to their files of this format (sorted), name each input, and place its
/// output: under `out_dir` by its name, or beside the input.
fn inputs(
    format: Format,
    paths: &[PathBuf],
    out_dir: Option<&Path>,
) -> Result<Vec<Input>, Box<Diag>> {
    let mut found: Vec<(PathBuf, String)> = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).map_err(|e| Box::new(unreadable(path, &e.to_string())))?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(path, format, &mut files)
                .map_err(|e| Box::new(unreadable(path, &e.to_string())))?;
            files.sort();
            if files.is_empty() {
                return Err(Box::new(
                    Diag::error(
                        Code::ImportNoInput,
                        format!(
                            "no `.{}` files in {}",
                            format.extensions().join("`, `."),
                            path.display()
                        ),
                    )
                    .help("give the files to import, or a folder that holds them"),
                ));
            }
            // Named from the folder itself: `conib/adnp/x.bel`.
            let base = path
                .canonicalize()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf));
            for f in files {
                let origin = base
                    .as_deref()
                    .and_then(|b| {
                        f.canonicalize()
                            .ok()?
                            .strip_prefix(b)
                            .ok()
                            .map(Path::to_path_buf)
                    })
                    .unwrap_or_else(|| f.clone());
                found.push((f, slashed(&origin)));
            }
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string());
            found.push((path.clone(), name));
        }
    }
    let mut inputs: Vec<Input> = Vec::with_capacity(found.len());
    for (path, origin) in found {
        let output = match out_dir {
            Some(dir) => dir.join(&origin).with_extension("rules"),
            None => path.with_extension("rules"),
        };
        if inputs.iter().any(|i| i.output == output) {
            return Err(Box::new(
                Diag::error(
                    Code::ImportSameOutput,
                    format!("two inputs would both be written to {}", output.display()),
                )
                .help("import them into different folders, or import their folders instead (outputs keep the folder layout)"),
            ));
        }
        inputs.push(Input {
            path,
            origin,
            output,
        });
    }
    Ok(inputs)
}

/// A path that is free, or holds an earlier import's output (its first line says so).
fn replaceable(path: &Path) -> bool {
    use std::io::Read;
    let Ok(mut f) = std::fs::File::open(path) else {
        return !path.exists();
    };
    let mut head = [0u8; 64];
    let n = f.read(&mut head).unwrap_or(0);
    head[..n].starts_with(HEADER.as_bytes())
}

/// How every imported file begins.
const HEADER: &str = "# imported from ";

fn walk(dir: &Path, format: Format, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, format, out)?;
        } else if path.extension().is_some_and(|e| {
            format
                .extensions()
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        }) {
            out.push(path);
        }
    }
    Ok(())
}

fn slashed(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn unreadable(path: &Path, why: &str) -> Diag {
    Diag::error(
        Code::IoUnreadable,
        format!("cannot read {}: {why}", path.display()),
    )
    .help("check the path; a folder is searched for files of the format being imported")
}

fn unwritable(path: &Path, why: &str) -> Diag {
    Diag::error(
        Code::IoUnwritable,
        format!("cannot write {}: {why}", path.display()),
    )
    .help("check that the folder exists or can be created and is writable")
}

/// Thousands separated by commas, as people read counts.
fn n(x: usize) -> String {
    let s = x.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn summary(imported: &[(Input, Imported)], report: Option<&Path>) -> String {
    let statements: usize = imported.iter().map(|(_, f)| f.len()).sum();
    let conj: usize = imported.iter().map(|(_, f)| f.conjunctions()).sum();
    let nulls: usize = imported.iter().map(|(_, f)| f.nulls()).sum();
    let offered: usize = imported.iter().map(|(_, f)| f.offered).sum();
    let mut s = format!(
        "imported {} file{}: {} statements ({} conjunctions, {} null results; {} restatements merged)\n",
        n(imported.len()),
        if imported.len() == 1 { "" } else { "s" },
        n(statements),
        n(conj),
        n(nulls),
        n(offered - statements),
    );
    let c = counts(imported.iter().flat_map(|(_, f)| f.notes.iter()));
    for action in [Action::Skipped, Action::Repaired] {
        let of: Vec<String> = c
            .iter()
            .filter(|((a, _), _)| *a == action)
            .map(|((_, reason), k)| format!("{reason} {}", n(*k)))
            .collect();
        let total: usize = c
            .iter()
            .filter(|((a, _), _)| *a == action)
            .map(|(_, k)| k)
            .sum();
        if total > 0 {
            s.push_str(&format!(
                "{} {} line{}: {}\n",
                action.as_str(),
                n(total),
                if total == 1 { "" } else { "s" },
                of.join(", ")
            ));
        }
    }
    let noted = c.values().sum::<usize>();
    match report {
        Some(r) => s.push_str(&format!("report: {}\n", r.display())),
        None if noted > 0 => s.push_str(
            "(--report FILE.tsv lists every skipped or repaired line with its location)\n",
        ),
        None => {}
    }
    s
}

/// The command-line entry: map the parsed arguments and run.
pub fn run_args(args: &crate::cli::ImportArgs, out: &Output) -> Exit {
    use crate::cli::ImportFormat;
    let format = match args.format {
        ImportFormat::Bel => Format::Bel,
        ImportFormat::Sif => Format::Sif,
        ImportFormat::Tsv => Format::Tsv,
    };
    let options = Options {
        context_from: args.context_from.clone(),
        correlations: args.correlations,
    };
    run(
        format,
        &args.files,
        args.out.as_deref(),
        args.report.as_deref(),
        &options,
        args.check,
        out,
    )
}
