//! Signed tables → claims. The header says which layout a table has:
//! - `source`, `interaction` (1 / -1), `target`: the CARNIVAL form of OmniPath;
//! - OmniPath interactions: `source`, `target` (or `*_genesymbol`), `is_stimulation` /
//!   `is_inhibition` or `consensus_stimulation` / `consensus_inhibition`, `references`;
//! - SIGNOR: `ENTITYA`, `ENTITYB`, `EFFECT`, `PMID`, `SENTENCE`, `CELL_DATA`.
//!
//! An edge both stimulating and inhibiting becomes two statements.

use super::Options;
use smallvec::SmallVec;

use super::claims::{Cite, Imported};
use super::report::{Action, Note};
use super::sif::verb;
use crate::diagnostics::{Code, Diag};
use crate::interop::citation::{CitationParts, clean};
use crate::source::{FileId, SourceFile, Span};

/// Where a layout finds what it needs, as column indices.
enum Layout {
    Carnival {
        source: usize,
        sign: usize,
        target: usize,
    },
    OmniPath {
        source: usize,
        target: usize,
        stimulation: usize,
        inhibition: usize,
        references: Option<usize>,
    },
    Signor {
        source: usize,
        target: usize,
        effect: usize,
        pmid: Option<usize>,
        sentence: Option<usize>,
    },
}

/// Import one signed table, its layout read from the header; `origin` names the file in
/// each citation's `FILE:LINE`. A table without a header or the columns of any layout is
/// an error; bad rows are notes.
pub fn import(
    src: &SourceFile,
    file: FileId,
    origin: &str,
    options: &Options,
) -> Result<Imported, Box<Diag>> {
    let text: &str = &src.text;
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let header = lines.find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let Some((header_line, header)) = header else {
        return Err(Box::new(
            Diag::error(Code::ImportEmptyTable, "the table has no header line")
                .at(Span::new(file, 0, text.len().min(1)), "empty")
                .help("a table starts with a header naming its columns, e.g. `source\tinteraction\ttarget`"),
        ));
    };
    let delimiter = if header.contains('\t') { '\t' } else { ',' };
    let columns: Vec<String> = header
        .split(delimiter)
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let header_start = src.line_start(header_line - 1);
    let header_span = Span::new(file, header_start, header_start + header.len());
    let layout = layout(&columns).map_err(|(message, help)| {
        Box::new(
            Diag::error(Code::ImportMissingColumn, message)
                .at(header_span, "this header")
                .help(help),
        )
    })?;
    let contexts: Vec<usize> = options
        .context_from
        .iter()
        .filter_map(|k| columns.iter().position(|c| c.eq_ignore_ascii_case(k)))
        .collect();
    let mut out = Imported::new(origin);
    out.reserve(src.line_count());
    let needed = columns.len();
    let max = layout.max_index();
    let mut fields: Vec<&str> = Vec::with_capacity(needed);
    for (line, row) in lines {
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        fields.clear();
        fields.extend(row.split(delimiter).map(|f| f.trim().trim_matches('"')));
        let broken = |detail: String| {
            Note::new(line, 1, Action::Skipped, "broken")
                .detail(detail)
                .text(row)
        };
        if fields.len() <= max {
            out.notes.push(broken(format!(
                "{} fields; the header has {needed}",
                fields.len()
            )));
            continue;
        }
        let ctx: Vec<&str> = contexts
            .iter()
            .filter_map(|&i| fields.get(i))
            .flat_map(|v| v.split([';', '|']))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        let (source, target, signs, sources, evidence) = match layout {
            Layout::Carnival {
                source,
                sign,
                target,
            } => {
                let signs = match fields[sign] {
                    "1" | "+1" => vec![false],
                    "-1" => vec![true],
                    other => {
                        out.notes.push(
                            Note::new(line, 1, Action::Skipped, "unsigned")
                                .detail(format!("interaction `{other}` is not 1 or -1"))
                                .text(row),
                        );
                        continue;
                    }
                };
                (fields[source], fields[target], signs, Vec::new(), None)
            }
            Layout::OmniPath {
                source,
                target,
                stimulation,
                inhibition,
                references,
            } => {
                let mut signs = Vec::new();
                if truthy(fields[stimulation]) {
                    signs.push(false);
                }
                if truthy(fields[inhibition]) {
                    signs.push(true);
                }
                let refs = references
                    .map(|r| omnipath_references(fields[r]))
                    .unwrap_or_default();
                (fields[source], fields[target], signs, refs, None)
            }
            Layout::Signor {
                source,
                target,
                effect,
                pmid,
                sentence,
            } => {
                let e = fields[effect].to_ascii_lowercase();
                let signs = if e.starts_with("up-regulates") {
                    vec![false]
                } else if e.starts_with("down-regulates") {
                    vec![true]
                } else {
                    Vec::new()
                };
                let refs = pmid
                    .map(|p| fields[p])
                    .filter(|p| !p.is_empty())
                    .map(|p| vec![format!("PMID:{p}")])
                    .unwrap_or_default();
                let ev = sentence
                    .map(|s| fields[s].to_string())
                    .filter(|s| !s.is_empty());
                (fields[source], fields[target], signs, refs, ev)
            }
        };
        if source.is_empty() || target.is_empty() {
            out.notes.push(broken("an empty source or target".into()));
            continue;
        }
        if signs.is_empty() {
            out.notes.push(
                Note::new(line, 1, Action::Skipped, "unsigned")
                    .detail("neither stimulating nor inhibiting")
                    .text(row),
            );
            continue;
        }
        let mut citations: SmallVec<[Cite; 2]> = sources
            .iter()
            .map(|s| Cite::text(out.text(&clean(s))))
            .collect();
        citations.push(match evidence {
            Some(e) => {
                let text = CitationParts {
                    evidence: Some(e),
                    ..CitationParts::default()
                }
                .compose();
                Cite::text_at(out.text(&text), line)
            }
            None => Cite::origin(line),
        });
        for negative in signs {
            out.add(&[source], verb(negative), target, &ctx, None, &citations);
        }
    }
    Ok(out)
}

impl Layout {
    fn max_index(&self) -> usize {
        match *self {
            Layout::Carnival {
                source,
                sign,
                target,
            } => source.max(sign).max(target),
            Layout::OmniPath {
                source,
                target,
                stimulation,
                inhibition,
                references,
            } => source
                .max(target)
                .max(stimulation)
                .max(inhibition)
                .max(references.unwrap_or(0)),
            Layout::Signor {
                source,
                target,
                effect,
                pmid,
                sentence,
            } => source
                .max(target)
                .max(effect)
                .max(pmid.unwrap_or(0))
                .max(sentence.unwrap_or(0)),
        }
    }
}

/// Recognise the layout from the (lower-cased) column names, or say what is missing.
fn layout(columns: &[String]) -> Result<Layout, (String, String)> {
    let col = |name: &str| columns.iter().position(|c| c == name);
    let missing = |what: &str, help: &str| {
        Err((
            format!("the table has no `{what}` column"),
            help.to_string(),
        ))
    };
    if let Some(effect) = col("effect") {
        let (Some(source), Some(target)) =
            (col("entitya").or(col("ida")), col("entityb").or(col("idb")))
        else {
            return missing(
                "ENTITYA` or `ENTITYB",
                "a SIGNOR table names its entities in `ENTITYA` and `ENTITYB`",
            );
        };
        return Ok(Layout::Signor {
            source,
            target,
            effect,
            pmid: col("pmid"),
            sentence: col("sentence"),
        });
    }
    let source = col("source_genesymbol").or(col("source"));
    let target = col("target_genesymbol").or(col("target"));
    if source.is_none() && target.is_none() {
        return Err((
            "the header names no layout marrow knows".into(),
            "expected `source`, `interaction`, `target` (CARNIVAL), OmniPath's `source`, `target`, `is_stimulation`, `is_inhibition`, or SIGNOR's `ENTITYA`, `EFFECT`, `ENTITYB`".into(),
        ));
    }
    let Some(source) = source else {
        return missing(
            "source",
            "every edge needs a `source` column beside `target`",
        );
    };
    let Some(target) = target else {
        return missing(
            "target",
            "every edge needs a `target` column beside `source`",
        );
    };
    if let Some(sign) = col("interaction") {
        return Ok(Layout::Carnival {
            source,
            sign,
            target,
        });
    }
    let pair = |a: &str, b: &str| Some((col(a)?, col(b)?));
    let signs = pair("consensus_stimulation", "consensus_inhibition")
        .or_else(|| pair("is_stimulation", "is_inhibition"));
    let Some((stimulation, inhibition)) = signs else {
        return missing(
            "interaction",
            "the sign of each edge comes from `interaction` (1 or -1), or from OmniPath's `is_stimulation` and `is_inhibition` (or `consensus_stimulation` and `consensus_inhibition`)",
        );
    };
    Ok(Layout::OmniPath {
        source,
        target,
        stimulation,
        inhibition,
        references: col("references"),
    })
}

fn truthy(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "t")
}

/// OmniPath `references` (`SIGNOR:123;HPRD:123;KEGG:…`): the PubMed ids, once each.
fn omnipath_references(v: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in v.split(';') {
        let id = r.rsplit(':').next().unwrap_or("").trim();
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
            let c = format!("PMID:{id}");
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}
