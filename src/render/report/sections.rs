//! The sections of a scenario page, in reading order.

use std::fmt::Write;

use crate::engine::{Fact, Net, NetEffect, Side};
use crate::explain::chain;
use crate::program::{ClampKind, Scenario, State};
use crate::render::diagram::svg::{SvgOptions, write_svg};
use crate::render::expect::{expectation, found};
use crate::render::name::fact_text;
use crate::render::picture::{self, PictureOptions};
use crate::render::text::{self, strength};
use crate::render::{View, words};

use super::bib::Bibliography;
use super::html::{esc, slug};
use super::tree::tree;
use super::{Explained, Page};

pub fn contents(s: &mut String, view: &View, page: &Page) {
    s.push_str(
        "<nav aria-label=\"Contents\">\n<ol>\n<li><a href=\"#setup\">Scenario</a></li>\n\
                <li><a href=\"#outcomes\">Outcomes</a></li>\n",
    );
    for x in &page.explained {
        let name = words::entity(view, x.effect.entity);
        let _ = writeln!(
            s,
            "<li><a href=\"#outcome-{}\">Why {}</a></li>",
            slug(&name),
            esc(&name)
        );
    }
    s.push_str(
        "<li><a href=\"#expectations\">Expectations</a></li>\n\
                <li><a href=\"#warnings\">Warnings</a></li>\n\
                <li><a href=\"#bibliography\">Bibliography</a></li>\n</ol>\n</nav>\n",
    );
}

/// Givens, clamps and contexts.
pub fn setup(s: &mut String, view: &View, sc: &Scenario) {
    s.push_str("<section id=\"setup\">\n<h2>Scenario</h2>\n");
    let list = |kind: &[ClampKind]| -> Vec<String> {
        sc.clamps
            .iter()
            .filter(|c| kind.contains(&c.kind))
            .map(|c| format!("{} {}", words::entity(view, c.entity), c.state.as_str()))
            .collect()
    };
    let givens = list(&[ClampKind::Given]);
    let clamps: Vec<String> = sc
        .clamps
        .iter()
        .filter(|c| c.kind != ClampKind::Given)
        .map(|c| format!("{} {}", c.kind.as_str(), words::entity(view, c.entity)))
        .collect();
    let contexts = words::contexts(view, sc.contexts.iter().copied());
    let row = |s: &mut String, head: &str, items: &[String], none: &str| {
        let text = if items.is_empty() {
            none.to_string()
        } else {
            items.iter().map(|i| esc(i)).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(s, "<tr><th scope=\"row\">{head}</th><td>{text}</td></tr>");
    };
    s.push_str("<table>\n");
    row(s, "Givens", &givens, "none");
    row(s, "Clamps", &clamps, "none");
    row(s, "Contexts", &contexts, "all (none selected)");
    s.push_str("</table>\n</section>\n");
}

fn side(x: Option<Side>) -> String {
    x.map_or("–".to_string(), |x| {
        format!(
            "{} ({} step{})",
            strength(x.strength),
            x.steps,
            if x.steps == 1 { "" } else { "s" }
        )
    })
}

/// The net effect in words and a glyph, so colour is never the only carrier.
fn net_cell(e: &NetEffect) -> String {
    let glyph = match e.net {
        Net::Up => "↑ ",
        Net::Down => "↓ ",
        Net::Conflicting => "⇅ ",
        Net::Unaffected => "",
    };
    format!(
        "<td class=\"net net-{}\">{glyph}{}</td>",
        e.net.as_str(),
        e.net.as_str()
    )
}

fn effect_rows(s: &mut String, view: &View, effects: &[NetEffect], explained: &[Explained]) {
    s.push_str("<thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Net</th><th scope=\"col\">Lean</th>\
                <th scope=\"col\">Margin</th><th scope=\"col\">Up: strength (steps)</th>\
                <th scope=\"col\">Down: strength (steps)</th><th scope=\"col\">Clamp</th></tr></thead>\n<tbody>\n");
    for e in effects {
        let name = words::entity(view, e.entity);
        let cell = if explained.iter().any(|x| x.effect.entity == e.entity) {
            format!("<a href=\"#outcome-{}\">{}</a>", slug(&name), esc(&name))
        } else {
            esc(&name)
        };
        let lean = match (e.net, e.lean) {
            (Net::Conflicting, Some(l)) => l.as_str(),
            (Net::Conflicting, None) => "tie",
            _ => "",
        };
        let m = e.margin.map_or(String::new(), |m| format!("{m:.2}"));
        let _ = writeln!(
            s,
            "<tr><th scope=\"row\">{cell}</th>{}<td>{lean}</td><td class=\"num\">{m}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            net_cell(e),
            side(e.up),
            side(e.down),
            e.clamp.map_or("", |c| c.as_str())
        );
    }
    s.push_str("</tbody>\n");
}

pub fn outcome_table(s: &mut String, view: &View, page: &Page) {
    s.push_str("<section id=\"outcomes\">\n<h2>Outcomes</h2>\n");
    if page.outcomes.is_empty() {
        s.push_str("<p>The rule files declare no outcomes.</p>\n");
    } else {
        s.push_str("<table class=\"outcomes\">\n<caption class=\"by\">Net effect of the scenario on each declared outcome; \
                    strengths are those of the strongest derivation of each side.</caption>\n");
        effect_rows(s, view, &page.outcomes, &page.explained);
        s.push_str("</table>\n");
    }
    if !page.others.is_empty() {
        let _ = writeln!(
            s,
            "<details>\n<summary>Every other entity the scenario moved ({})</summary>\n<table class=\"entities\">",
            page.others.len()
        );
        effect_rows(s, view, &page.others, &page.explained);
        s.push_str("</table>\n</details>\n");
    }
    s.push_str("</section>\n");
}

/// For each outcome that moved: the picture, the tree, the opposing side, other derivations.
pub fn explained(s: &mut String, view: &View, page: &Page, bib: &Bibliography) {
    let refs = |c: &str| bib.number(c);
    for (i, x) in page.explained.iter().enumerate() {
        let name = words::entity(view, x.effect.entity);
        let fact = fact_text(view.program, &x.why.fact, None);
        let _ = writeln!(
            s,
            "<section class=\"outcome\" id=\"outcome-{}\">\n<h2>Why {}</h2>",
            slug(&name),
            esc(&fact)
        );
        let opts = PictureOptions {
            scenario: Some(&page.scenario.name),
            refs: Some(&refs),
        };
        let mut diagram = picture::derivation(view, &x.why, &x.others, &opts);
        // The page lists the sources in the tree and the bibliography below.
        diagram.notes.clear();
        let svg = write_svg(
            &diagram,
            &SvgOptions {
                id_prefix: format!("fig{}-", i + 1),
                heading: false,
            },
        );
        // Inline SVG in HTML needs no namespace; dropping it keeps the page free of URLs.
        let svg = svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
        let _ = write!(s, "<figure class=\"picture\">\n{svg}<figcaption>");
        if let Some(g) = &x.why.derivation {
            let _ = write!(
                s,
                "<span class=\"chain\">{}</span>",
                esc(&text::chain(view, &chain(view.program, g)))
            );
        }
        if let Some(g) = &x.why.opposing {
            let _ = write!(
                s,
                "<br/>opposing: <span class=\"chain\">{}</span>",
                esc(&text::chain(view, &chain(view.program, g)))
            );
        }
        if !x.others.is_empty() {
            s.push_str("<br/>Other derivations are drawn faded.");
        }
        s.push_str("</figcaption>\n</figure>\n");
        if let Some(g) = &x.why.derivation {
            let _ = writeln!(
                s,
                "<h3>Strongest derivation of {} (strength {})</h3>",
                esc(&fact),
                strength(g.root_node().strength)
            );
            s.push_str(&tree(view, g, bib));
        }
        if let Some(g) = &x.why.opposing {
            let Fact::State(_, st) = g.root_node().fact else {
                continue;
            };
            let other = fact_text(view.program, &Fact::State(x.effect.entity, st), None);
            let _ = writeln!(
                s,
                "<h3>Opposing: {} (strength {})</h3>",
                esc(&other),
                strength(g.root_node().strength)
            );
            s.push_str(&tree(view, g, bib));
        }
        // The further lines of evidence (`explain::evidence`, as trees), under the count
        // of all that were seen.
        let _ = writeln!(s, "<h3>Other lines of evidence for {}</h3>", esc(&fact));
        if x.why.holds && x.why.evidence.count.derivations > 1 {
            let _ = writeln!(
                s,
                "<p class=\"evidence-summary\">{}</p>",
                esc(&crate::render::evidence::summary(&x.why))
            );
        }
        if x.others.is_empty() {
            s.push_str("<p>No other derivation.</p>\n");
        } else {
            s.push_str("<ol class=\"evidence\">\n");
            for g in &x.others {
                let c = chain(view.program, g);
                let mut cites: Vec<String> = Vec::new();
                for n in &g.nodes {
                    for c in words::backing(view, n.origin).citations {
                        if !cites.contains(&c) {
                            cites.push(c);
                        }
                    }
                }
                let _ = writeln!(
                    s,
                    "<li><span class=\"chain\">{}</span> <span class=\"strength\">strength {}</span>{}</li>",
                    esc(&text::chain(view, &c)),
                    strength(g.root_node().strength),
                    super::tree::ref_links(&cites, bib)
                );
            }
            s.push_str("</ol>\n");
        }
        s.push_str("</section>\n");
    }
}

pub fn expectations(s: &mut String, view: &View, page: &Page) {
    let sc = page.scenario;
    let failed = page.unmet.len();
    let _ = writeln!(
        s,
        "<section id=\"expectations\">\n<h2>Expectations</h2>\n<p>{} of {} met.</p>",
        sc.expects.len() - failed.min(sc.expects.len()),
        sc.expects.len()
    );
    if sc.expects.is_empty() {
        s.push_str("<p>The scenario states no expectations.</p>\n</section>\n");
        return;
    }
    s.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Result</th><th scope=\"col\">Expectation</th>\
                <th scope=\"col\">Where</th><th scope=\"col\">Found</th></tr></thead>\n<tbody>\n",
    );
    // Failed first: they are what a reviewer looks for.
    let mut rows: Vec<(bool, String)> = Vec::new();
    for exp in &sc.expects {
        let miss = page.unmet.iter().find(|u| std::ptr::eq(u.expect, exp));
        let (ok, result, got) = match miss {
            Some(u) => (
                false,
                "<span class=\"fail\">✗ failed</span>",
                esc(&found(view, &u.found)),
            ),
            None => (true, "<span class=\"pass\">✓ passed</span>", String::new()),
        };
        rows.push((
            ok,
            format!(
                "<tr><td>{result}</td><td><code>{}</code></td><td class=\"where\">{}</td><td>{got}</td></tr>\n",
                esc(&expectation(view, &exp.expectation)),
                esc(&view.file_line(exp.span))
            ),
        ));
    }
    rows.sort_by_key(|r| r.0);
    for (_, r) in rows {
        s.push_str(&r);
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

pub fn warnings(s: &mut String, page: &Page) {
    let n = page.warnings.len();
    let _ = writeln!(
        s,
        "<section id=\"warnings\">\n<h2>Warnings</h2>\n<p>{}</p>",
        match n {
            0 => "<code>marrow check</code> finds nothing to warn about.".to_string(),
            1 => "<code>marrow check</code> warns once:".to_string(),
            n => format!("<code>marrow check</code> warns {n} times:"),
        }
    );
    for w in &page.warnings {
        let _ = writeln!(s, "<pre class=\"warning\">{}</pre>", esc(w.trim_end()));
    }
    s.push_str("</section>\n");
}

pub fn bibliography(s: &mut String, bib: &Bibliography) {
    s.push_str("<section id=\"bibliography\">\n<h2>Bibliography</h2>\n");
    if bib.entries.is_empty() {
        s.push_str("<p>No statement shown here cites a source.</p>\n</section>\n");
        return;
    }
    s.push_str("<ol class=\"bib\">\n");
    for (i, e) in bib.entries.iter().enumerate() {
        let _ = writeln!(
            s,
            "<li id=\"ref-{}\">{} <span class=\"where\">cited at {}</span></li>",
            i + 1,
            esc(&e.citation),
            esc(&e.cited_by.join(", "))
        );
    }
    s.push_str("</ol>\n</section>\n");
}

/// The state an outcome's section explains: the side that holds, or the lean's side.
pub fn explained_state(e: &NetEffect) -> Option<State> {
    match (e.net, e.lean) {
        (Net::Up, _) => Some(State::Up),
        (Net::Down, _) => Some(State::Down),
        (Net::Conflicting, Some(l)) => Some(l),
        (Net::Conflicting, None) => Some(State::Up),
        (Net::Unaffected, _) => None,
    }
}
