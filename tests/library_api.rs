//! The pieces an embedding program uses: diagnostics as data (codes, fixes), loading
//! through a source provider, the mention index and the program builder.

use std::path::{Path, PathBuf};

use marrow::diagnostics::Code;
use marrow::program::{FileSystem, Overlay, load_paths_with, load_sources};

fn text_at(loaded: &marrow::program::Loaded, span: marrow::source::Span) -> &str {
    &loaded.program.sources.get(span.file).text[span.range()]
}

#[test]
fn unknown_verb_offers_its_suggestions_as_fixes() {
    let loaded = load_sources(&[("a.rules", "x activates y\nx inhibts z\n")]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LowerUnknownVerb)
        .expect("unknown verb");
    assert_eq!(d.fixes[0].replacement, "inhibits");
    assert_eq!(text_at(&loaded, d.fixes[0].span), "inhibts");
    assert!(d.help.as_deref().unwrap_or("").contains("`inhibits`"));
}

#[test]
fn unknown_context_fix_replaces_the_name() {
    let src = "x activates y in macrophage\nscenario s { given x\n context macrophag }\n";
    let loaded = load_sources(&[("a.rules", src)]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LowerUnknownContext)
        .expect("unknown context");
    assert_eq!(d.fixes.len(), 1);
    assert_eq!(d.fixes[0].replacement, "macrophage");
    assert_eq!(text_at(&loaded, d.fixes[0].span), "macrophag");
}

#[test]
fn similar_names_fix_declares_an_alias() {
    let src = "# header\nIL-1β activates y\nIL-1b inhibits z\n";
    let loaded = load_sources(&[("a.rules", src)]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LintSimilarNames)
        .expect("similar names");
    let fix = &d.fixes[0];
    assert_eq!((fix.span.start, fix.span.end), (0, 0));
    assert_eq!(fix.replacement, "entity IL-1β aka IL-1b\n");
    // Applying the fix silences the warning.
    let fixed = format!("{}{}", fix.replacement, src);
    let again = load_sources(&[("a.rules", &fixed)]);
    assert!(
        again.diags.iter().all(|d| d.code != Code::LintSimilarNames),
        "{:?}",
        again.diags
    );
}

#[test]
fn fixes_quote_names_that_need_it() {
    let src = "x activates \"M2 polarization\"\noutcome \"M2 polarisation\"\n";
    let loaded = load_sources(&[("a.rules", src)]);
    let d = loaded
        .diags
        .iter()
        .find(|d| d.code == Code::LintUnmentioned)
        .expect("unmentioned outcome");
    assert_eq!(d.fixes[0].replacement, "\"M2 polarization\"");
    assert_eq!(text_at(&loaded, d.fixes[0].span), "\"M2 polarisation\"");
}

#[test]
fn in_memory_sources_resolve_includes_among_themselves() {
    let loaded = load_sources(&[
        (
            "main.rules",
            "include \"lib/glossary.rules\"\nx activates y\n",
        ),
        (
            "lib/glossary.rules",
            "include \"../shared.rules\"\nentity y aka why-not\n",
        ),
        ("shared.rules", "entity x : gene\n"),
    ]);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
    assert_eq!(loaded.files.len(), 3);
    assert!(loaded.program.lookup("why-not").is_some());
    let missing = load_sources(&[("main.rules", "include \"nowhere.rules\"\n")]);
    assert!(
        missing
            .diags
            .iter()
            .any(|d| d.code == Code::LowerIncludeMissing)
    );
}

#[test]
fn overlay_shadows_the_disk_and_resolves_includes() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.rules");
    let lib = dir.path().join("lib.rules");
    std::fs::write(&main, "include \"lib.rules\"\nx activates y\n").unwrap();
    std::fs::write(&lib, "y activates z\n").unwrap();
    let on_disk = load_paths_with(std::slice::from_ref(&main), &FileSystem);
    assert_eq!(on_disk.program.statements.len(), 2);

    // The editor's unsaved version of lib.rules wins over the disk.
    let mut overlay = Overlay::new(&FileSystem);
    overlay.insert(&lib, "y inhibits w\n");
    let loaded = load_paths_with(std::slice::from_ref(&main), &overlay);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
    assert!(loaded.program.lookup("w").is_some());
    assert!(loaded.program.lookup("z").is_none());

    // An unsaved new file exists only in the overlay.
    let fresh: PathBuf = dir.path().join("new.rules");
    overlay.insert(&fresh, "include \"main.rules\"\na activates x\n");
    let loaded = load_paths_with(std::slice::from_ref(&fresh), &overlay);
    assert_eq!(loaded.errors(), 0, "{:?}", loaded.diags);
    assert_eq!(loaded.files.len(), 3);
    assert!(Path::new(&loaded.program.sources.get(loaded.files[0]).name).ends_with("new.rules"));
}
