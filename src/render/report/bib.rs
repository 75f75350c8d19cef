//! One numbered bibliography per page: every citation of every derivation shown, numbered
//! in order of first use, so each step can link to `#ref-N`.

use crate::engine::Origin;
use crate::explain::Graph;
use crate::render::View;
use crate::render::words::backing;

/// A citation and the statements (`file:line`) that cite it on this page.
pub struct Entry {
    /// The citation as written.
    pub citation: String,
    /// `file:line` of each statement citing it, in order of first use.
    pub cited_by: Vec<String>,
}

/// The citations of one page, numbered from 1 in order of first use.
#[derive(Default)]
pub struct Bibliography {
    /// In numbering order: entry `i` is `#ref-(i+1)`.
    pub entries: Vec<Entry>,
}

impl Bibliography {
    /// Number the citations of a derivation not numbered yet, in post-order.
    pub fn add_graph(&mut self, view: &View, g: &Graph) {
        for node in &g.nodes {
            self.add_origin(view, node.origin);
        }
    }

    fn add_origin(&mut self, view: &View, origin: Origin) {
        let b = backing(view, origin);
        let place = b.source.map(|s| view.file_line(s));
        for c in b.citations {
            let i = match self.entries.iter().position(|e| e.citation == c) {
                Some(i) => i,
                None => {
                    self.entries.push(Entry {
                        citation: c,
                        cited_by: Vec::new(),
                    });
                    self.entries.len() - 1
                }
            };
            if let Some(p) = &place
                && !self.entries[i].cited_by.contains(p)
            {
                self.entries[i].cited_by.push(p.clone());
            }
        }
    }

    /// The number (from 1) of a citation.
    pub fn number(&self, citation: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.citation == citation)
            .map(|i| i + 1)
    }
}
