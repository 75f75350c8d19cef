//! BEL terms and the entity names they become; annotation values as text.

use pest::iterators::Pair;

use super::Rule;

pub(super) fn set_values(pair: Pair<'_, Rule>) -> Vec<String> {
    let Some(v) = pair.into_inner().next() else {
        return Vec::new();
    };
    match v.as_rule() {
        Rule::value_list => v.into_inner().map(value_text).collect(),
        _ => vec![value_text(v)],
    }
}

/// A string without quotes and escapes, or a plain value as written.
pub(super) fn value_text(pair: Pair<'_, Rule>) -> String {
    match pair.as_rule() {
        Rule::string => unescape(pair.into_inner().next().map_or("", |p| p.as_str())),
        Rule::value => pair.into_inner().next().map_or(String::new(), value_text),
        _ => pair.as_str().to_string(),
    }
}

pub(super) fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') | Some('\r') => out.push(' '),
                Some(n) => out.push(n),
                None => {}
            },
            c => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone)]
pub(super) enum Arg {
    Term(Term),
    /// `NS:value`
    Ns(String, String),
    Value(String),
}

#[derive(Debug, Clone)]
pub(super) struct Term {
    pub function: String,
    pub args: Vec<Arg>,
}

impl Term {
    pub(super) fn short(&self) -> &str {
        short_function(&self.function)
    }
}

pub(super) fn term(pair: Pair<'_, Rule>) -> Term {
    let mut it = pair.into_inner();
    let function = it.next().map_or(String::new(), |f| f.as_str().to_string());
    let args = it
        .map(|a| match a.as_rule() {
            Rule::term => Arg::Term(term(a)),
            Rule::ns_value => {
                let mut p = a.into_inner();
                let prefix = p.next().map_or(String::new(), |x| x.as_str().to_string());
                let value = p
                    .find(|x| x.as_rule() != Rule::ns_gap)
                    .map_or(String::new(), value_text);
                Arg::Ns(prefix, value)
            }
            _ => Arg::Value(value_text(a)),
        })
        .collect();
    Term { function, args }
}

/// BEL's long function names → the short ones (BEL 1 activity names included).
fn short_function(f: &str) -> &str {
    match f {
        "abundance" => "a",
        "proteinAbundance" => "p",
        "rnaAbundance" => "r",
        "geneAbundance" => "g",
        "microRNAAbundance" => "m",
        "biologicalProcess" => "bp",
        "pathology" => "path",
        "complexAbundance" => "complex",
        "compositeAbundance" => "composite",
        "populationAbundance" => "pop",
        "activity" => "act",
        "molecularActivity" => "ma",
        "proteinModification" => "pmod",
        "variant" => "var",
        "fragment" => "frag",
        "location" => "loc",
        "degradation" => "deg",
        "translocation" => "tloc",
        "cellSecretion" => "sec",
        "cellSurfaceExpression" => "surf",
        "reaction" => "rxn",
        "fusion" => "fus",
        "kinaseActivity" => "kin",
        "catalyticActivity" => "cat",
        "chaperoneActivity" => "chap",
        "gtpBoundActivity" => "gtp",
        "peptidaseActivity" => "pep",
        "phosphataseActivity" => "phos",
        "ribosylationActivity" => "ribo",
        "transcriptionalActivity" => "tscript",
        "transportActivity" => "tport",
        "substitution" => "sub",
        "truncation" => "trunc",
        other => other,
    }
}

/// Functions naming one thing by a namespace value: `p(HGNC:MAPT)` is `HGNC:MAPT`.
const SIMPLE: &[&str] = &["a", "p", "r", "g", "m", "bp", "path", "complex", "pop"];
/// Activities of a term: `act(p(HGNC:GSK3B), ma(kin))` is the activity of `HGNC:GSK3B`.
const ACTIVITIES: &[&str] = &[
    "act", "kin", "cat", "chap", "gtp", "pep", "phos", "ribo", "tscript", "tport",
];

/// The entity a term names: a plain abundance or process is its namespaced name
/// (`HGNC:MAPT`, `GO:apoptotic process`); an activity is the entity it is the activity of;
/// any other term (modified, located, a complex of parts…) is its BEL text in short form
/// (`p(HGNC:MAPT,pmod(Ph,Ser,262))`), so different states stay different entities.
pub(super) fn entity_name(t: &Term) -> String {
    let f = t.short();
    if ACTIVITIES.contains(&f)
        && let Some(Arg::Term(inner)) = t.args.first()
    {
        return entity_name(inner);
    }
    if SIMPLE.contains(&f) && t.args.len() == 1 {
        match &t.args[0] {
            Arg::Ns(ns, v) => return format!("{ns}:{v}"),
            Arg::Value(v) => return v.clone(),
            Arg::Term(_) => {}
        }
    }
    let mut s = String::new();
    canonical(t, &mut s);
    s
}

/// BEL text of a term in short form without spaces.
fn canonical(t: &Term, out: &mut String) {
    out.push_str(t.short());
    out.push('(');
    for (i, a) in t.args.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match a {
            Arg::Term(inner) => canonical(inner, out),
            Arg::Ns(ns, v) => {
                out.push_str(ns);
                out.push(':');
                bel_value(v, out);
            }
            Arg::Value(v) => bel_value(v, out),
        }
    }
    out.push(')');
}

/// A value bare when BEL reads it back bare, quoted otherwise.
pub fn bel_value(v: &str, out: &mut String) {
    let bare = !v.is_empty()
        && v.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '\''));
    if bare {
        out.push_str(v);
    } else {
        out.push('"');
        for c in v.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use pest::Parser;

    use super::super::{BelParser, Rule};
    use super::*;

    fn names(line: &str) -> Option<(String, String)> {
        let mut pairs = BelParser::parse(Rule::bel_line, line).ok()?;
        let stmt = pairs.next()?.into_inner().next()?;
        let mut it = stmt.into_inner();
        let s = term(it.next()?);
        it.next()?;
        let o = term(it.next()?);
        Some((entity_name(&s), entity_name(&o)))
    }

    #[test]
    fn entity_names() {
        assert_eq!(
            names("act(p(HGNC:GSK3B), ma(kin)) -> p(HGNC:MAPT, pmod(Ph, Ser, 262))"),
            Some(("HGNC:GSK3B".into(), "p(HGNC:MAPT,pmod(Ph,Ser,262))".into()))
        );
        assert_eq!(
            names("a(CHEBI:\"amyloid-beta 42\")-|bp(GO:\"cell death\")"),
            Some(("CHEBI:amyloid-beta 42".into(), "GO:cell death".into()))
        );
        assert_eq!(
            names("proteinAbundance(HGNC:A) increases a(\"x\")"),
            Some(("HGNC:A".into(), "x".into()))
        );
    }
}
