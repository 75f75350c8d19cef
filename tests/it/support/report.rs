//! Checks shared by the report tests: the page parses as HTML5 and as XML, every
//! in-page link resolves, and nothing points outside the file.

use std::collections::BTreeSet;

/// Every `id` of the page, from the HTML5 parse.
pub fn ids(html: &str) -> BTreeSet<String> {
    let dom = tl::parse(html, tl::ParserOptions::default()).expect("the page parses as HTML");
    dom.nodes()
        .iter()
        .filter_map(|n| n.as_tag())
        .filter_map(|t| t.attributes().id())
        .map(|id| id.as_utf8_str().into_owned())
        .collect()
}

/// Everything a self-contained page must be.
pub fn check_page(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Well-formed as XML too (a stricter parse than HTML5's error recovery).
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    if let Err(e) = roxmltree::Document::parse_with_options(html, opts) {
        panic!("the page is not well-formed: {e}");
    }
    let ids = ids(html);
    let dom = tl::parse(html, tl::ParserOptions::default()).expect("HTML");
    let mut links = 0;
    for tag in dom.nodes().iter().filter_map(|n| n.as_tag()) {
        for (name, value) in tag.attributes().iter() {
            let value = value.unwrap_or_default();
            if name == "href" || name == "src" {
                if let Some(id) = value.strip_prefix('#') {
                    assert!(ids.contains(id), "href=\"#{id}\" does not resolve");
                    links += 1;
                } else {
                    assert!(
                        !value.contains(':') && !value.starts_with("//") && !value.starts_with('/'),
                        "{name}=\"{value}\" leaves the page"
                    );
                }
            }
        }
    }
    assert!(links > 0, "the page links nothing");
    for needle in [
        "http://",
        "https://",
        "//",
        "<script src",
        "@import",
        "url(http",
    ] {
        assert!(!html.contains(needle), "the page contains `{needle}`");
    }
}
