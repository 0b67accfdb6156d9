//! The translation workflow: stamps, the four states, byte-for-byte stamping, strict exit codes, JSON, the
//! reader notice and the build's warning.

use std::path::Path;

use serde_json::Value;

use crate::common::{self, glossgen, site};

fn translations(root: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["translations", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = glossgen(&args);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), common::stderr(&out))
}

fn state(root: &Path, id: &str) -> Value {
    let (_, json, err) = translations(root, &["--format", "json"]);
    let report: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json} {err}"));
    let concept = report["concepts"].as_array().unwrap().iter().find(|c| c["id"] == id).cloned();
    concept.unwrap_or_else(|| panic!("no {id} in {json}"))["translations"]["nl"].clone()
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn the_four_states_and_what_changed() {
    let dir = site(None);
    let root = dir.path();
    assert_eq!(state(root, "overfitting")["state"], "unstamped");
    assert_eq!(state(root, "zebra")["state"], "missing");
    assert_eq!(state(root, "een")["state"], "no-source");
    let (code, out, _) = translations(root, &["--stamp", "overfitting"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("stamped content/nl/overfitting.md"), "{out}");
    assert_eq!(state(root, "overfitting")["state"], "up-to-date");

    // Whitespace-only edits of the source do not count; a changed sentence, summary or alias does.
    edit(root, "content/en/overfitting.md", "Too close a fit.", "Too   close\na fit.  ");
    assert_eq!(state(root, "overfitting")["state"], "up-to-date");
    edit(root, "content/en/overfitting.md", "does worse on new data", "fails on new data");
    edit(root, "content/en/overfitting.md", "aliases: [overtraining]", "aliases: [overtraining, overfit]");
    let s = state(root, "overfitting");
    assert_eq!(s["state"], "outdated");
    assert_eq!(s["changed"], serde_json::json!(["summary", "aliases"]));
    edit(root, "content/en/overfitting.md", "Too   close\na fit.", "Much too close a fit.");
    assert_eq!(state(root, "overfitting")["changed"], serde_json::json!(["summary", "aliases", "body"]));

    let (_, text, _) = translations(root, &[]);
    assert!(text.contains("overfitting") && text.contains("nl: outdated (summary, aliases, body changed)"), "{text}");
    assert!(text.contains("Totals: 0 up to date, 1 outdated, 2 unstamped, 1 missing, 1 no source"), "{text}");
}

#[test]
fn stamping_changes_one_line_and_nothing_else() {
    let dir = site(None);
    let root = dir.path();
    let file = root.join("content/nl/overfitting.md");
    // A comment, CRLF line endings and odd spacing must survive.
    let original = std::fs::read_to_string(&file)
        .unwrap()
        .replace("category: Grondslagen", "category:   Grondslagen  # kept")
        .replace('\n', "\r\n");
    std::fs::write(&file, &original).unwrap();
    translations(root, &["--stamp", "overfitting", "--lang", "nl"]);
    let stamped = std::fs::read_to_string(&file).unwrap();
    let added: Vec<&str> = stamped.lines().filter(|l| !original.lines().any(|o| o == *l)).collect();
    assert_eq!(added.len(), 1, "{stamped}");
    assert!(added[0].starts_with("translated_from: "), "{added:?}");
    assert_eq!(
        stamped.replace(&format!("{}\r\n", added[0]), ""),
        original,
        "everything else is byte-for-byte the same"
    );
    // Stamping again after a source change replaces the line in place.
    edit(root, "content/en/overfitting.md", "Too close a fit.", "A new sentence.");
    translations(root, &["--stamp", "overfitting"]);
    let restamped = std::fs::read_to_string(&file).unwrap();
    assert_eq!(restamped.lines().count(), stamped.lines().count());
    assert_ne!(restamped, stamped);
    assert_eq!(state(root, "overfitting")["state"], "up-to-date");
}

#[test]
fn strict_fails_until_everything_is_up_to_date() {
    let dir = site(None);
    let root = dir.path();
    assert_eq!(translations(root, &["--strict"]).0, 1);
    std::fs::remove_file(root.join("content/en/zebra.md")).unwrap();
    std::fs::remove_file(root.join("content/nl/een.md")).unwrap();
    assert_eq!(translations(root, &["--stamp-all"]).0, 0);
    let (code, out, err) = translations(root, &["--strict"]);
    assert_eq!(code, 0, "{out}{err}");
    edit(root, "content/en/open-source-ai.md", "The full sense of openness.", "Openness, fully.");
    assert_eq!(translations(root, &["--strict"]).0, 1);
    assert_eq!(translations(root, &[]).0, 0, "without --strict the report alone succeeds");
}

#[test]
fn json_report_shape_and_missing_ui_strings() {
    let dir = site(None);
    let root = dir.path();
    edit(root, "i18n/nl.toml", "sources = \"Bronnen\"\n", "");
    let (code, json, _) = translations(root, &["--format", "json", "--strict"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["version"], 1);
    assert_eq!(report["source"], "en");
    for key in ["up-to-date", "outdated", "unstamped", "missing", "no-source"] {
        assert!(report["totals"][key].is_u64(), "{key}");
    }
    assert_eq!(report["missing_ui_strings"], serde_json::json!([{"lang": "nl", "key": "sources"}]));
    let first = &report["concepts"][0];
    assert!(first["id"].is_string() && first["translations"]["nl"]["state"].is_string(), "{first}");
    let (_, text, _) = translations(root, &[]);
    assert!(text.contains("UI strings: i18n/nl.toml lacks `sources`"), "{text}");
}

#[test]
fn readers_see_a_notice_only_on_outdated_pages_and_only_when_switched_on() {
    let dir = site(None);
    let root = dir.path();
    translations(root, &["--stamp-all"]);
    edit(root, "content/en/overfitting.md", "Too close a fit.", "Changed since.");
    let notice = |root: &Path, path: &str| common::texts(&common::page(root, path), ".note-outdated");

    assert!(common::build(root, &[]).status.success());
    assert!(notice(root, "nl/overfitting/index.html").is_empty(), "off unless site.toml asks for it");

    edit(root, "site.toml", "default_language = \"en\"", "default_language = \"en\"\noutdated_notice = true");
    let out = common::build(root, &[]);
    assert!(out.status.success());
    assert_eq!(
        notice(root, "nl/overfitting/index.html"),
        ["Deze vertaling is mogelijk verouderd: het oorspronkelijke artikel is sindsdien gewijzigd."]
    );
    assert!(notice(root, "nl/open-source-ai/index.html").is_empty());
    assert!(notice(root, "en/overfitting/index.html").is_empty());

    // build says so in one line, and lists them with --verbose.
    let err = common::stderr(&out);
    assert!(err.contains("warning: 1 translation is outdated (list them with --verbose"), "{err}");
    let verbose = common::build(root, &["--verbose"]);
    assert!(common::stderr(&verbose).contains("content/nl/overfitting.md: outdated (body changed in the source)"));
}

#[test]
fn check_reports_translation_findings_as_warnings() {
    let dir = site(None);
    let root = dir.path();
    translations(root, &["--stamp", "open-source-ai"]);
    edit(root, "content/en/open-source-ai.md", "The full sense of openness.", "Changed.");
    let out = glossgen(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_string(), f["path"].as_str().unwrap().to_string()))
        .collect();
    for expected in [
        ("translation-outdated", "content/nl/open-source-ai.md"),
        ("translation-unstamped", "content/nl/overfitting.md"),
        ("translation-no-source", "content/nl/een.md"),
    ] {
        assert!(codes.contains(&(expected.0.to_string(), expected.1.to_string())), "{expected:?} in {codes:?}");
    }
}

#[test]
fn asking_about_the_source_language_says_it_is_the_source() {
    let dir = site(None);
    let root = dir.path();
    let (code, out, err) = translations(root, &["--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("`en` is the source language"), "{out}");
    assert!(!out.contains("Totals:"), "no empty report: {out}");
    let (code, json, err) = translations(root, &["--lang", "en", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!((report["source"].as_str(), report["is_source"].as_bool()), (Some("en"), Some(true)));
    // Another language still gets its report.
    let (_, out, _) = translations(root, &["--lang", "nl"]);
    assert!(out.contains("Totals:"), "{out}");
}
