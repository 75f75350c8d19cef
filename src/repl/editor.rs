//! The terminal side: line editing with rustyline, completion of commands and names,
//! a coloured prompt, and history in the user's data folder.

use std::path::PathBuf;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper, Prompt};

use super::command::COMMANDS;
use crate::program::Program;
use crate::program::names::written;

/// Words of the query forms.
const QUERY_WORDS: &[&str] = &[
    "why", "not", "effect", "of", "on", "path", "from", "to", "up", "down",
];

/// What completion offers: refreshed from the program after every line.
#[derive(Default)]
pub struct Names {
    pub entities: Vec<String>,
    pub scenarios: Vec<String>,
    pub contexts: Vec<String>,
}

impl Names {
    pub fn of(p: &Program) -> Names {
        let mut entities: Vec<String> = p.entities.keys().map(|name| written(name)).collect();
        entities.extend(p.aliases.keys().map(|a| written(a)));
        entities.sort();
        entities.dedup();
        Names {
            entities,
            scenarios: p.scenarios.keys().cloned().collect(),
            contexts: p.contexts.keys().cloned().collect(),
        }
    }
}

/// rustyline's helper: completion only.
#[derive(Default)]
pub struct MarrowHelper {
    pub names: Names,
}

impl Completer for MarrowHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = line.get(..pos).unwrap_or(line);
        let start = before.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let typed = &before[start..];
        let first = before.split_whitespace().next().unwrap_or("");
        let words: Vec<&str> = if start == 0 && typed.starts_with(':') {
            COMMANDS.iter().map(|(c, _, _)| *c).collect()
        } else {
            let n = &self.names;
            match first {
                ":scenario" => n.scenarios.iter().map(String::as_str).collect(),
                ":context" => n.contexts.iter().map(String::as_str).collect(),
                ":format" => vec!["text", "json"],
                _ => {
                    let mut w: Vec<&str> = n.entities.iter().map(String::as_str).collect();
                    if !first.starts_with(':') {
                        w.extend(QUERY_WORDS);
                    }
                    w
                }
            }
        };
        let lower = typed.to_lowercase();
        let mut out: Vec<Pair> = words
            .into_iter()
            .filter(|w| w.to_lowercase().starts_with(&lower))
            .map(|w| Pair {
                display: w.to_string(),
                replacement: w.to_string(),
            })
            .collect();
        out.sort_by(|a, b| a.display.cmp(&b.display));
        out.dedup_by(|a, b| a.display == b.display);
        Ok((start, out))
    }
}

impl Hinter for MarrowHelper {
    type Hint = String;
}

impl Highlighter for MarrowHelper {}

impl Validator for MarrowHelper {}

impl Helper for MarrowHelper {}

/// A prompt, coloured on a colour terminal.
pub struct Styled {
    raw: String,
    styled: String,
}

impl Styled {
    pub fn new(scenario: Option<&str>, colour: bool) -> Styled {
        let raw = match scenario {
            Some(s) => format!("marrow [{s}]> "),
            None => "marrow> ".to_string(),
        };
        let styled = if colour {
            format!("\x1b[1;36m{}\x1b[0m", raw)
        } else {
            raw.clone()
        };
        Styled { raw, styled }
    }
}

impl Prompt for Styled {
    fn raw(&self) -> &str {
        &self.raw
    }

    fn styled(&self) -> &str {
        &self.styled
    }
}

/// Where history is kept: `$XDG_DATA_HOME/marrow/history`, else
/// `~/.local/share/marrow/history`.
pub fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("marrow").join("history"))
}
