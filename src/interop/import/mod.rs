//! Import: BEL, SIF and signed tables → canonical `.rules` text.
//!
//! Each importer reads one input file into an [`Imported`]: owned statements (merged when
//! restated) and a [`Note`] for every line it skipped or repaired. Rendering builds the
//! syntax items the formatter renders ([`crate::syntax::print`]), so the text is canonical.

pub mod bel;
mod claims;
pub mod report;
pub mod sif;
pub mod tsv;

pub use claims::{Cite, ClaimVerb, Confidence, Imported};
pub use report::{Action, Note};

use crate::diagnostics::{Code, Diag};
use crate::source::{FileId, SourceFile, Sources, Span};

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// BEL 1 or 2 documents.
    Bel,
    /// SIF edge lists.
    Sif,
    /// Signed tables: OmniPath (or its CARNIVAL form) or SIGNOR.
    Tsv,
}

impl Format {
    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Bel => "bel",
            Format::Sif => "sif",
            Format::Tsv => "tsv",
        }
    }

    /// File extensions a folder is searched for.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Bel => &["bel"],
            Format::Sif => &["sif"],
            Format::Tsv => &["tsv", "txt", "csv"],
        }
    }
}

/// Choices that change what is imported.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Annotation keys (BEL) or column names (tables) whose values become contexts.
    pub context_from: Vec<String>,
    /// Import BEL `positiveCorrelation` / `negativeCorrelation` as low-confidence statements.
    pub correlations: bool,
}

/// Import one decoded file. `origin` is the name written into citations (`conib/x.bel`).
/// Returns the diagnostic of a file that cannot be imported at all (truncated, a table
/// without the columns it needs); line-level problems are notes, not errors.
pub fn import_source(
    format: Format,
    sources: &Sources,
    file: FileId,
    origin: &str,
    options: &Options,
) -> Result<Imported, Box<Diag>> {
    let src = sources.get(file);
    match format {
        Format::Bel => bel::import(src, file, origin, options),
        Format::Sif => Ok(sif::import(src, origin)),
        Format::Tsv => tsv::import(src, file, origin, options),
    }
}

/// Import in-memory text (tests, the library): the file is added to `sources` so its
/// diagnostics can be rendered.
pub fn import_text(
    format: Format,
    sources: &mut Sources,
    name: &str,
    text: &str,
    options: &Options,
) -> Result<Imported, Box<Diag>> {
    let id = sources.add(SourceFile::new(name, text));
    import_source(format, sources, id, name, options)
}

/// Bytes → a source file, or why they are not text (binary, not UTF-8). Undecodable files
/// are still added (lossily) so the diagnostic can point at the spot.
pub fn decode(
    sources: &mut Sources,
    name: String,
    format: Format,
    bytes: Vec<u8>,
) -> Result<FileId, Box<Diag>> {
    let help = format!(
        "`marrow import {}` reads UTF-8 text files; is this the right file?",
        format.as_str()
    );
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let text = String::from_utf8_lossy(&bytes[..pos]).into_owned();
        let offset = text.len();
        let id = sources.add(SourceFile::new(name, text + "\u{FFFD}"));
        return Err(Box::new(
            Diag::error(
                Code::ImportBinary,
                format!(
                    "this is a binary file, not {} text (NUL byte at offset {pos})",
                    format.as_str().to_uppercase()
                ),
            )
            .at(Span::new(id, offset, offset + 3), "binary data here")
            .help(help),
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(sources.add(SourceFile::new(name, text))),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let id = sources.add(SourceFile::new(name, text));
            Err(Box::new(
                Diag::error(
                    Code::ImportEncoding,
                    format!("invalid UTF-8 at byte offset {pos}"),
                )
                .at(Span::new(id, pos, pos + 3), "not UTF-8")
                .help("save the file as UTF-8 (most editors have an encoding option)"),
            ))
        }
    }
}
