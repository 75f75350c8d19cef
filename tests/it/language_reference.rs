//! Every `rules` example of `docs/language.md` loads without errors, so the language
//! reference cannot drift from the language.

use crate::support::corpus::root;
use marrow::program::load_sources;

#[test]
fn every_example_of_the_language_reference_loads() {
    let doc = std::fs::read_to_string(root().join("docs/language.md")).expect("docs/language.md");
    let mut checked = 0;
    for (i, block) in doc.split("```rules\n").skip(1).enumerate() {
        let Some((example, _)) = block.split_once("```") else {
            panic!("example {} is not closed", i + 1);
        };
        // An example may include a glossary; it is an empty file here.
        let loaded = load_sources(&[("example.rules", example), ("glossary.rules", "")]);
        let errors: Vec<String> = loaded
            .diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(&loaded.program.sources, false))
            .collect();
        assert!(
            errors.is_empty(),
            "example {} of docs/language.md:\n{example}\n{}",
            i + 1,
            errors.join("\n")
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} examples");
}
