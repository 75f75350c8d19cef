//! `marrow report`: one self-contained HTML page per scenario (inline CSS and SVG, no
//! script, no external URL), readable from `file://` and on paper, plus an index page.
//!
//! The command gathers the data ([`Page`]); this module only writes it.

mod bib;
mod html;
mod sections;
mod tree;

use std::fmt::Write;

use crate::answers::Unmet;
use crate::engine::NetEffect;
use crate::explain::{Graph, Why};
use crate::program::Scenario;

use super::View;
pub use bib::Bibliography;
use html::{CSS, esc};
pub use sections::explained_state;

/// What the footer says: which marrow wrote the page from which rule files.
#[derive(Debug, Clone)]
pub struct Footer {
    /// marrow's version.
    pub version: String,
    /// Hex digest of the rule files' bytes (see [`content_hash`]).
    pub hash: String,
    /// How many rule files were loaded (the prelude not counted).
    pub files: usize,
}

/// One outcome that moved, explained.
pub struct Explained {
    /// The outcome's net effect.
    pub effect: NetEffect,
    /// The answer for the side that holds (the lean's side in a conflict).
    pub why: Why,
    /// Other derivations of the same fact, strongest first.
    pub others: Vec<Graph>,
}

/// Everything one scenario's page shows.
pub struct Page<'a> {
    /// The scenario reported.
    pub scenario: &'a Scenario,
    /// Every declared outcome, moved or not, in declared order.
    pub outcomes: Vec<NetEffect>,
    /// Every other entity the run moved.
    pub others: Vec<NetEffect>,
    /// Each outcome that moved, explained, in declared order.
    pub explained: Vec<Explained>,
    /// The scenario's expectations its run does not meet.
    pub unmet: Vec<Unmet<'a>>,
    /// `check`'s warnings, rendered as plain text.
    pub warnings: Vec<String>,
    /// What the footer says.
    pub footer: Footer,
}

/// One line of the index.
pub struct IndexEntry {
    /// The scenario's name.
    pub name: String,
    /// The scenario's title, if it has one.
    pub title: Option<String>,
    /// The page's file name, relative to the index.
    pub file: String,
    /// How many `expect` lines the scenario has.
    pub expectations: usize,
    /// How many of them its run does not meet.
    pub failed: usize,
    /// How many outcomes the run moved.
    pub moved_outcomes: usize,
}

/// A stable 64-bit FNV-1a digest of the rule files' bytes, each file's length first, so
/// moving bytes between files changes it too. Written as 16 hex digits.
pub fn content_hash<'t>(texts: impl IntoIterator<Item = &'t [u8]>) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(PRIME);
        }
    };
    for t in texts {
        eat(&(t.len() as u64).to_le_bytes());
        eat(t);
    }
    format!("{h:016x}")
}

fn head(s: &mut String, title: &str) {
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"marrow\"/>\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        esc(title)
    );
}

fn footer(s: &mut String, f: &Footer) {
    let _ = write!(
        s,
        "<footer>\n<p>Written by marrow {} from {} rule file{} (content hash FNV-1a 64 <code>{}</code>). \
         The same files and scenario give the same page.</p>\n</footer>\n</body>\n</html>\n",
        esc(&f.version),
        f.files,
        if f.files == 1 { "" } else { "s" },
        esc(&f.hash)
    );
}

/// The HTML page of one scenario.
pub fn scenario_page(view: &View, page: &Page) -> String {
    let sc = page.scenario;
    let mut bib = Bibliography::default();
    for x in &page.explained {
        for g in x
            .why
            .derivation
            .iter()
            .chain(&x.why.opposing)
            .chain(&x.others)
        {
            bib.add_graph(view, g);
        }
    }
    let mut s = String::with_capacity(64 * 1024);
    let title = match &sc.title {
        Some(t) => format!("{} — {t}", sc.name),
        None => sc.name.clone(),
    };
    head(&mut s, &format!("marrow report: {title}"));
    s.push_str("<header>\n");
    let _ = writeln!(
        s,
        "<h1>{}</h1>",
        esc(sc.title.as_deref().unwrap_or(&sc.name))
    );
    let _ = writeln!(
        s,
        "<p class=\"subtitle\">Scenario <code>{}</code> — {}</p>",
        esc(&sc.name),
        esc(&view.file_line(sc.span))
    );
    s.push_str("</header>\n");
    sections::contents(&mut s, view, page);
    sections::setup(&mut s, view, sc);
    sections::outcome_table(&mut s, view, page);
    sections::explained(&mut s, view, page, &bib);
    sections::expectations(&mut s, view, page);
    sections::warnings(&mut s, page);
    sections::bibliography(&mut s, &bib);
    footer(&mut s, &page.footer);
    s
}

/// `index.html` of `--all-scenarios`: one line per scenario, linking to its page.
pub fn index_page(entries: &[IndexEntry], f: &Footer) -> String {
    let mut s = String::with_capacity(8 * 1024);
    head(&mut s, "marrow report: scenarios");
    s.push_str("<h1>Scenarios</h1>\n<table>\n<thead><tr><th scope=\"col\">Scenario</th><th scope=\"col\">Title</th>\
                <th scope=\"col\">Outcomes moved</th><th scope=\"col\">Expectations</th></tr></thead>\n<tbody>\n");
    for e in entries {
        let verdict = if e.failed == 0 {
            format!("<span class=\"pass\">all {} met</span>", e.expectations)
        } else {
            format!(
                "<span class=\"fail\">{} of {} failed</span>",
                e.failed, e.expectations
            )
        };
        let _ = writeln!(
            s,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td class=\"num\">{}</td><td>{verdict}</td></tr>",
            esc(&e.file),
            esc(&e.name),
            esc(e.title.as_deref().unwrap_or("")),
            e.moved_outcomes
        );
    }
    s.push_str("</tbody>\n</table>\n");
    footer(&mut s, f);
    s
}
