//! The translator's round trip through XLIFF 2.0 on the partly translated fixture site: export, targets
//! filled by another XML implementation (Python's), import, build. The exported file is also read by the npm
//! `xliff` package, and parsed here with roxmltree.

use std::path::Path;
use std::process::Command;

use crate::common::{self, glossgen, own_site, page, texts, tools};

const NS: &str = "urn:oasis:names:tc:xliff:document:2.0";

fn root(dir: &tempfile::TempDir) -> &str {
    dir.path().to_str().unwrap()
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = glossgen(args);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), common::stderr(&out))
}

fn export(dir: &tempfile::TempDir, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.path().join("xliff");
    let mut args = vec!["translations", "--root", root(dir), "--export-xliff", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (ok, stdout, stderr) = run(&args);
    assert!(ok, "{stdout}{stderr}");
    out.join("nl.xlf")
}

fn import(dir: &tempfile::TempDir, file: &Path) -> (bool, String, String) {
    run(&["translations", "--root", root(dir), "--import-xliff", file.to_str().unwrap()])
}

/// Fills targets with `fill_targets.py` (Python's ElementTree): `None` if Python is missing.
fn fill(file: &Path, extra: &[&str]) -> Option<()> {
    let python = tools::program("python3")?;
    let script = common::fixtures().join("xliff-tools/fill_targets.py");
    let out = Command::new(python).arg(script).arg(file).args(extra).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(())
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every content file with its text.
fn content(dir: &tempfile::TempDir) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    common::snapshot(&dir.path().join("content"))
}

#[test]
fn an_export_is_xliff_2_with_a_unit_per_concept_and_protected_codes() {
    let dir = own_site("partial-translation");
    // A code block and inline code in the English vector entry make its translation outdated.
    let vector = dir.path().join("content/en/vector.md");
    let text = read(&vector).replace(
        "Every embedding is a vector.",
        "Every embedding is a `Vec<f32>`, see [token](@/token.md).\n\n```python\nv = [0.1, 0.2]\n```",
    );
    std::fs::write(&vector, text).unwrap();
    let file = export(&dir, &[]);
    let xml = read(&file);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let xliff = doc.root_element();
    assert_eq!((xliff.tag_name().namespace(), xliff.tag_name().name()), (Some(NS), "xliff"));
    assert_eq!(xliff.attribute("version"), Some("2.0"));
    assert_eq!((xliff.attribute("srcLang"), xliff.attribute("trgLang")), (Some("en"), Some("nl")));
    let units: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name((NS, "unit"))).filter_map(|n| n.attribute("id")).collect();
    // The default: outdated, missing and unstamped translations.
    assert_eq!(units, ["context-window", "temperature", "tokenizer", "vector"]);

    let unit = doc.descendants().find(|n| n.has_tag_name((NS, "unit")) && n.attribute("id") == Some("vector")).unwrap();
    let segments: Vec<&str> =
        unit.children().filter(|n| n.has_tag_name((NS, "segment"))).filter_map(|n| n.attribute("id")).collect();
    assert_eq!(segments, ["title", "summary", "body-1", "body-2"]);
    let note = |category: &str| {
        unit.descendants()
            .find(|n| n.has_tag_name((NS, "note")) && n.attribute("category") == Some(category))
            .and_then(|n| n.text())
    };
    assert_eq!(note("glossgen-state"), Some("outdated"));
    assert!(note("glossgen-changed").unwrap().contains("body"), "{:?}", note("glossgen-changed"));
    // Inline code is a placeholder and the link's target a protected pair; their Markdown is original data.
    let body = unit.children().find(|n| n.attribute("id") == Some("body-2")).unwrap();
    let source = body.children().find(|n| n.has_tag_name((NS, "source"))).unwrap();
    let ph = source.children().find(|n| n.has_tag_name((NS, "ph"))).unwrap();
    let pc = source.children().find(|n| n.has_tag_name((NS, "pc"))).unwrap();
    assert_eq!(pc.text(), Some("token"));
    let data = |id: &str| {
        unit.descendants()
            .find(|n| n.has_tag_name((NS, "data")) && n.attribute("id") == Some(id))
            .and_then(|n| n.text())
    };
    assert_eq!(data(ph.attribute("dataRef").unwrap()), Some("`Vec<f32>`"));
    assert_eq!(data(pc.attribute("dataRefStart").unwrap()), Some("["));
    assert_eq!(data(pc.attribute("dataRefEnd").unwrap()), Some("](@/token.md)"));
    // The code block is not a segment.
    let ignorable = unit.children().find(|n| n.has_tag_name((NS, "ignorable"))).unwrap();
    assert!(ignorable.descendants().any(|n| n.text().is_some_and(|t| t.contains("v = [0.1, 0.2]"))));
    // The Dutch title and summary line up, so they are filled in.
    let title = unit.children().find(|n| n.attribute("id") == Some("title")).unwrap();
    let target = title.children().find(|n| n.has_tag_name((NS, "target"))).unwrap();
    assert_eq!(target.text(), Some("Vector"));

    // --only all: every concept (into a file of its own); an unknown kind: an error.
    let file = {
        let kept = dir.path().join("default.xlf");
        std::fs::copy(&file, &kept).unwrap();
        kept
    };
    let all = read(&export(&dir, &["--only", "all"]));
    assert_eq!(all.matches("<unit ").count(), 9);
    let (ok, _, stderr) = run(&["translations", "--root", root(&dir), "--export-xliff", "x", "--only", "everything"]);
    assert!(!ok && stderr.contains("`everything` is not one of"), "{stderr}");

    // The npm `xliff` package reads it as XLIFF 2.0 too.
    let Some(package) = tools::npm_file("xliff/package.json") else { return };
    let Some(node) = tools::program("node") else { return };
    let script = common::fixtures().join("xliff-tools/read_with_xliff_package.js");
    let out = Command::new(node).arg(script).arg(package.parent().unwrap()).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(read["source"], "en");
    assert_eq!(read["target"], "nl");
    assert_eq!(read["units"], serde_json::json!(["context-window", "temperature", "tokenizer", "vector"]));
}

#[test]
fn the_round_trip_creates_and_updates_dutch_entries_that_build() {
    let dir = own_site("partial-translation");
    let file = export(&dir, &[]);
    if fill(&file, &[]).is_none() {
        return;
    }
    let (ok, stdout, stderr) = import(&dir, &file);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("created content/nl/tokenizer.md"), "{stdout}");
    assert!(stdout.contains("Imported 3 translations (3 new, 0 updated), stamped"), "{stdout}");
    let created = read(&dir.path().join("content/nl/tokenizer.md"));
    // Keys in the house order; difficulty and related copied from English; stamped.
    let keys: Vec<&str> =
        created.lines().skip(1).take_while(|l| *l != "---").filter_map(|l| l.split(':').next()).collect();
    assert_eq!(keys, ["title", "summary", "difficulty", "related", "translated_from"]);
    assert!(created.contains("difficulty: intermediate\nrelated: [token, vocabulary]\n"), "{created}");
    assert!(created.contains("\n## NL What is it?\n\nNL The tokenizer decides"), "{created}");

    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(!common::stderr(&out).contains("untranslated-link"), "every link has a Dutch target now");
    let page = page(dir.path(), "nl/tokenizer/index.html");
    assert_eq!(texts(&page, "h1"), ["NL Tokenizer"]);
    assert_eq!(texts(&page, "p.lead"), ["NL The program that cuts text into tokens and turns them into numbers."]);
    let (strict, report, _) = run(&["translations", "--root", root(&dir), "--strict"]);
    assert!(strict, "{report}");
    // Right after an import there is nothing left to export.
    let again = dir.path().join("again");
    let (ok, stdout, _) = run(&[
        "translations",
        "--root",
        root(&dir),
        "--export-xliff",
        again.to_str().unwrap(),
        "--only",
        "outdated,missing",
    ]);
    assert!(ok && stdout.contains("nl: nothing to translate"), "{stdout}");
    assert!(!again.join("nl.xlf").exists());

    // The source changes: the unit is outdated, carries the earlier text, and the translator's update
    // keeps the Dutch file's other lines (a comment, CRLF line endings) as they were.
    let dutch = dir.path().join("content/nl/tokenizer.md");
    let with_comment = read(&dutch)
        .replace("difficulty: intermediate\n", "difficulty: intermediate # checked\n")
        .replace('\n', "\r\n");
    std::fs::write(&dutch, &with_comment).unwrap();
    let english = dir.path().join("content/en/tokenizer.md");
    std::fs::write(&english, read(&english).replace("where one token ends", "where each token ends")).unwrap();
    let file = export(&dir, &[]);
    let xml = read(&file);
    assert!(xml.contains("<unit id=\"tokenizer\""), "{xml}");
    assert!(xml.contains("body before:"), "the earlier source is a note: {xml}");
    assert!(xml.contains("The tokenizer decides where one token ends"), "{xml}");
    fill(&file, &["--unit", "tokenizer", "--prefix", "NL2 "]).unwrap();
    let (ok, stdout, stderr) = import(&dir, &file);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("updated content/nl/tokenizer.md"), "{stdout}");
    let updated = read(&dutch);
    assert!(updated.contains("difficulty: intermediate # checked\r\n"), "{updated}");
    assert!(updated.contains("NL2 The tokenizer decides where each token ends"), "{updated}");
    assert!(!updated.replace("\r\n", "").contains('\n'), "line endings kept: {updated:?}");
    let (strict, report, _) = run(&["translations", "--root", root(&dir), "--strict"]);
    assert!(strict, "{report}");
}

#[test]
fn an_import_with_any_bad_unit_writes_nothing_and_says_why() {
    let dir = own_site("partial-translation");
    let english = dir.path().join("content/en/vector.md");
    std::fs::write(
        &english,
        read(&english).replace("Every embedding is a vector.", "Every embedding is a vector, see [token](@/token.md)."),
    )
    .unwrap();
    let file = export(&dir, &[]);
    if fill(&file, &["--unit", "vector", "--drop-codes", "vector"]).is_none() {
        return;
    }
    fill(&file, &[]).unwrap();
    // The English tokenizer changes after the export, and a unit names a concept that does not exist.
    let tokenizer = dir.path().join("content/en/tokenizer.md");
    std::fs::write(&tokenizer, read(&tokenizer).replace("decides where", "chooses where")).unwrap();
    std::fs::write(&file, read(&file).replace("<unit id=\"temperature\"", "<unit id=\"no-such-concept\"")).unwrap();
    let before = content(&dir);
    let (ok, stdout, stderr) = import(&dir, &file);
    assert!(!ok, "{stdout}");
    assert!(stderr.contains("unit `tokenizer`: segment `body-2`: its source is not the current text"), "{stderr}");
    assert!(stderr.contains("unit `no-such-concept`: no concept `no-such-concept` in `en`"), "{stderr}");
    assert!(stderr.contains("unit `vector`: segment `body-2`: the protected code `[` was removed"), "{stderr}");
    assert!(stderr.contains("Nothing was imported: no file was changed."), "{stderr}");
    assert_eq!(content(&dir), before, "no content file changed");
    assert!(!dir.path().join("translation-sources").exists());
}

#[test]
fn an_import_refuses_what_is_not_xliff_for_this_site() {
    let dir = own_site("partial-translation");
    let file = dir.path().join("bad.xlf");
    for (text, expected) in [
        ("<not-xml", "not well-formed XML"),
        ("<xliff version=\"1.2\"/>", "not an XLIFF 2.0 document"),
        (&format!("<xliff xmlns=\"{NS}\" version=\"2.0\" srcLang=\"nl\" trgLang=\"en\"/>")[..], "srcLang is `nl`"),
        (&format!("<xliff xmlns=\"{NS}\" version=\"2.0\" srcLang=\"en\" trgLang=\"de\"/>")[..], "trgLang `de`"),
    ] {
        std::fs::write(&file, text).unwrap();
        let (ok, _, stderr) = import(&dir, &file);
        assert!(!ok && stderr.contains(expected), "{text}: {stderr}");
    }
}
