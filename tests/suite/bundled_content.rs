//! The bundled AI glossary in `content/` stays complete: every concept in both languages, every front-matter
//! field filled, bodies of the house shape, and a clean build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use glossgen::content::Entry;

use crate::common;

fn bundled() -> Vec<Arc<Entry>> {
    let options =
        glossgen::BuildOptions { root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(), ..Default::default() };
    let site = glossgen::load(&options).expect("the bundled site loads");
    let loaded = site.entries(Default::default());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    loaded.entries
}

fn by_lang(entries: &[Arc<Entry>]) -> BTreeMap<&str, Vec<&Arc<Entry>>> {
    let mut map: BTreeMap<&str, Vec<&Arc<Entry>>> = BTreeMap::new();
    for e in entries {
        map.entry(e.lang.as_str()).or_default().push(e);
    }
    map
}

#[test]
fn every_concept_exists_in_english_and_dutch() {
    let entries = bundled();
    let langs = by_lang(&entries);
    assert_eq!(langs.keys().copied().collect::<Vec<_>>(), ["en", "nl"]);
    let ids = |lang: &str| langs[lang].iter().map(|e| e.id.to_string()).collect::<BTreeSet<_>>();
    assert!(ids("en").len() >= 48, "only {} English concepts", ids("en").len());
    assert_eq!(ids("en"), ids("nl"));
    assert!(ids("en").contains("open-weights-vs-open-source"));
}

#[test]
fn every_front_matter_field_is_filled() {
    for e in bundled() {
        let name = e.path.display();
        assert!(!e.draft, "{name} is a draft");
        assert!(!e.aliases.is_empty(), "{name}: no aliases");
        assert!(e.difficulty.is_some(), "{name}: no difficulty");
        assert!(e.category.is_some(), "{name}: no category");
        let week = e.week.unwrap_or_else(|| panic!("{name}: no week"));
        assert!(week.year() == 2026 && (1..=48).contains(&week.week()), "{name}: week {week}");
        assert!((2..=4).contains(&e.sources.len()), "{name}: {} sources", e.sources.len());
        assert!((3..=5).contains(&e.related.len()), "{name}: {} related", e.related.len());
        assert!(e.summary.chars().count() <= 200, "{name}: summary too long");
        let sentences = e.summary.trim_end_matches('.').matches(". ").count();
        assert_eq!(sentences, 0, "{name}: summary should be one sentence");
    }
}

#[test]
fn bodies_follow_the_house_anatomy() {
    for e in bundled() {
        let name = e.path.display();
        let words = e.body.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        assert!((300..=700).contains(&words), "{name}: {words} words");
        let headings: Vec<&str> = e.body.lines().filter(|l| l.starts_with("## ")).collect();
        let expected: [&str; 4] = match e.lang.as_str() {
            "en" => ["## What ", "## Why it matters", "## How it works", "## Example"],
            _ => ["## Wat ", "## Waarom het ertoe doet", "## Hoe het werkt", "## Voorbeeld"],
        };
        assert_eq!(headings.len(), 4, "{name}: {headings:?}");
        for (h, prefix) in headings.iter().zip(expected) {
            assert!(h.starts_with(prefix), "{name}: `{h}` should start with `{prefix}`");
        }
        assert!(e.body.contains("](@/"), "{name}: no links to other concepts");
    }
}

#[test]
fn spread_over_levels_weeks_categories_and_code() {
    let entries = bundled();
    for (lang, list) in by_lang(&entries) {
        let levels: BTreeSet<_> = list.iter().filter_map(|e| e.difficulty).collect();
        assert_eq!(levels.len(), 3, "{lang}");
        let categories: BTreeSet<_> = list.iter().filter_map(|e| e.category.clone()).collect();
        assert!((8..=10).contains(&categories.len()), "{lang}: {categories:?}");
        let weeks: BTreeSet<_> = list.iter().filter_map(|e| e.week).collect();
        assert!(weeks.len() >= 40, "{lang}: only {} distinct weeks", weeks.len());
        let with_code = list.iter().filter(|e| e.body.contains("```python") || e.body.contains("```rust")).count();
        assert!(with_code >= 6, "{lang}: {with_code} entries with code");
    }
}

#[test]
fn flagship_entry_has_its_aliases_and_the_osaid_source() {
    let entries = bundled();
    let find = |lang: &str| {
        entries.iter().find(|e| e.lang.as_str() == lang && e.id.as_str() == "open-weights-vs-open-source").unwrap()
    };
    let en = find("en");
    assert_eq!(en.aliases, ["open weights", "OSAID", "open-source weights"]);
    // The last is a name to avoid, which termbase exports mark as deprecated.
    assert!(en.alias_terms.status[2].is_avoided() && !en.alias_terms.status[1].is_avoided());
    assert!(en.sources.iter().any(|s| s.url == "https://opensource.org/ai/open-source-ai-definition"));
    for needle in ["Llama", "Gemma", "OLMo", "Pythia", "700 million"] {
        assert!(en.body.contains(needle), "English flagship does not mention {needle}");
    }
    assert!(find("nl").aliases.iter().any(|a| a == "open gewichten"));
}

#[test]
fn every_bundled_entry_has_three_to_five_tags_and_every_tag_gathers_several() {
    let entries = bundled();
    let mut uses: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in &entries {
        assert!((3..=5).contains(&e.tags.len()), "{}: {} tags", e.path.display(), e.tags.len());
        for tag in &e.tags {
            *uses.entry((e.lang.to_string(), tag.slug.to_string())).or_default() += 1;
        }
    }
    assert!(uses.values().all(|&n| n >= 2), "{uses:?}");
}

#[test]
fn the_bundled_site_passes_a_strict_check() {
    let site = common::bundled_site();
    let out = assert_cmd::cargo::cargo_bin_cmd!("glossgen")
        .args(["check", "--strict", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("0 errors") && stdout.contains("0 warnings"), "{stdout}");
}

#[test]
fn the_bundled_site_builds_without_warnings() {
    let out_dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::cargo::cargo_bin_cmd!("glossgen")
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output-dir"])
        .arg(out_dir.path().join("site"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.trim().is_empty(), "warnings:\n{stderr}");
    let mut entry_pages = 0;
    for lang in ["en", "nl"] {
        for dir in std::fs::read_dir(out_dir.path().join("site").join(lang)).unwrap() {
            let dir = dir.unwrap();
            if dir.file_name() != "categories" && dir.path().join("index.html").exists() {
                entry_pages += 1;
            }
        }
    }
    assert!(entry_pages >= 96, "{entry_pages} entry pages");
    // The glossary shows a callout shortcode, labelled in each language.
    for (lang, title) in [("en", "Keep the test set sealed"), ("nl", "Houd de testset dicht")] {
        let page =
            std::fs::read_to_string(out_dir.path().join("site").join(lang).join("overfitting/index.html")).unwrap();
        let html = scraper::Html::parse_document(&page);
        let selector = scraper::Selector::parse("aside.callout-tip > .callout-title").unwrap();
        let titles: Vec<String> = html.select(&selector).map(|e| e.text().collect()).collect();
        assert_eq!(titles, [title], "{lang}");
    }
}

#[test]
fn check_finds_no_errors_in_the_bundled_glossary() {
    let out = assert_cmd::cargo::cargo_bin_cmd!("glossgen")
        .args(["check", "--format", "json", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 0, "{report:#}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn every_bundled_translation_is_stamped_and_up_to_date() {
    let out = assert_cmd::cargo::cargo_bin_cmd!("glossgen")
        .args(["translations", "--strict", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Totals: 48 up to date, 0 outdated, 0 unstamped, 0 missing, 0 no source"), "{text}");
}
