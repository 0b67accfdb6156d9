//! What machines read: the Atom feeds, the sitemap, robots.txt, JSON-LD and the JSON export.

use serde_json::Value;

use crate::common::{self, attrs, build, page, site};

fn built() -> tempfile::TempDir {
    let dir = site(None);
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join("public").join(path)).unwrap()
}

#[test]
fn atom_feeds_are_well_formed_and_newest_first() {
    let dir = built();
    for lang in ["en", "nl"] {
        let xml = read(&dir, &format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(feed.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        for required in ["id", "title", "updated", "author"] {
            assert!(feed.children().any(|c| c.tag_name().name() == required), "{lang}: feed lacks {required}");
        }
        let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
        assert_eq!(entries.len(), 4, "{lang}: every dated entry");
        let mut dates = Vec::new();
        for entry in &entries {
            for required in ["id", "title", "updated", "link", "summary"] {
                assert!(entry.children().any(|c| c.tag_name().name() == required), "{lang}: entry lacks {required}");
            }
            dates
                .push(entry.children().find(|c| c.tag_name().name() == "updated").unwrap().text().unwrap().to_string());
        }
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "{lang}: newest first");
    }
    let en = read(&dir, "en/atom.xml");
    assert!(en.contains("<title>Zebra Crossing Model</title>"), "week 53 comes first");
    assert!(en.find("Zebra Crossing Model").unwrap() < en.find("Overfitting").unwrap());
}

#[test]
fn sitemap_is_complete_and_robots_points_at_it() {
    let dir = built();
    let xml = read(&dir, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let locs: Vec<String> =
        doc.descendants().filter(|n| n.tag_name().name() == "loc").map(|n| n.text().unwrap().to_string()).collect();
    // Every entry, home, listing and group page; no redirects, search pages or the 404 page.
    for lang in ["en", "nl"] {
        for entry in std::fs::read_dir(dir.path().join("content").join(lang)).unwrap() {
            let entry = entry.unwrap().path();
            let text = std::fs::read_to_string(&entry).unwrap();
            if text.contains("draft: true") {
                continue;
            }
            let stem = entry.file_stem().unwrap().to_str().unwrap();
            let slug = if stem == "een" {
                "een-begrip"
            } else if stem == "zebra" {
                "zebra"
            } else {
                stem
            };
            assert!(locs.contains(&format!("https://example.org/{lang}/{slug}/")), "{lang}/{slug} missing");
        }
        for listing in ["", "categories/", "weeks/", "difficulty/beginner/", "weeks/2026-w17/"] {
            assert!(locs.contains(&format!("https://example.org/{lang}/{listing}")), "{lang}/{listing} missing");
        }
    }
    assert!(!locs.iter().any(|l| l.contains("/search/") || l.contains("osaid") || l.ends_with("404.html")), "{locs:?}");
    let alternates: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "link")
        .map(|n| (n.attribute("hreflang").unwrap().to_string(), n.attribute("href").unwrap().to_string()))
        .collect();
    assert!(alternates.contains(&("x-default".into(), "https://example.org/en/overfitting/".into())));
    assert!(alternates.contains(&("nl".into(), "https://example.org/nl/overfitting/".into())));
    assert_eq!(read(&dir, "robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
}

#[test]
fn entry_pages_carry_json_ld_and_open_graph() {
    let dir = built();
    let html = page(dir.path(), "nl/open-weights-vs-open-source/index.html");
    let script = common::texts(&html, "script[type='application/ld+json']");
    let term: Value = serde_json::from_str(&script[0]).unwrap();
    assert_eq!(term["@type"], "DefinedTerm");
    assert_eq!(term["name"], "Open weights versus open-source-AI");
    assert!(term["description"].as_str().unwrap().starts_with("Open weights betekent"));
    assert_eq!(term["alternateName"], serde_json::json!(["open gewichten"]));
    assert_eq!(term["url"], "https://example.org/nl/open-weights-vs-open-source/");
    assert_eq!(term["inLanguage"], "nl");
    assert_eq!(term["inDefinedTermSet"]["url"], "https://example.org/nl/");
    assert_eq!(attrs(&html, "meta[property='og:type']", "content"), ["article"]);
    assert_eq!(attrs(&html, "meta[property='og:title']", "content"), ["Open weights versus open-source-AI"]);
    assert_eq!(attrs(&html, "meta[property='og:locale']", "content"), ["nl_NL"]);
    assert_eq!(
        attrs(&html, "meta[property='og:url']", "content"),
        ["https://example.org/nl/open-weights-vs-open-source/"]
    );
    assert!(attrs(&html, "meta[name='description']", "content")[0].starts_with("Open weights betekent"));

    let home = page(dir.path(), "en/index.html");
    let set: Value = serde_json::from_str(&common::texts(&home, "script[type='application/ld+json']")[0]).unwrap();
    assert_eq!(set["@type"], "DefinedTermSet");
    assert_eq!(set["name"], "Test Glossary");
}

#[test]
fn json_ld_cannot_break_out_of_its_script_element() {
    let dir = site(None);
    let file = dir.path().join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let summary = "summary: A model overfits when it memorises its training data and does worse on new data.";
    std::fs::write(&file, text.replace(summary, "summary: \"</script><script>alert(1)</script> A model.\"")).unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let raw = read_raw(&dir, "en/overfitting/index.html");
    assert!(!raw.contains("</script><script>alert(1)"), "the summary must not end the JSON-LD script");
}

fn read_raw(dir: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join("public").join(path)).unwrap()
}

#[test]
fn the_json_export_lists_every_entry_with_its_fields() {
    let dir = built();
    let export: Value = serde_json::from_str(&read(&dir, "en/glossary.json")).unwrap();
    assert_eq!(export["language"], "en");
    let entries = export["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let first = &entries[0];
    assert_eq!(first["id"], "open-source-ai");
    for key in ["id", "title", "aliases", "summary", "url", "difficulty", "week", "category", "related"] {
        assert!(first.get(key).is_some(), "{key} missing");
    }
    assert_eq!(first["url"], "https://example.org/en/open-source-ai/");
    assert_eq!(first["related"], serde_json::json!(["open-weights-vs-open-source"]));
}
