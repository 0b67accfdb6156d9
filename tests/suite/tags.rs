//! Tags: several per entry, a page per tag and a list of them per language, paired across languages by the
//! concepts that carry them, on entry pages and cards, in the feeds and the JSON export, and checked.

use serde_json::Value;

use crate::common::{self, attrs, page, site, texts};

/// Gives the entries of the valid fixture their tags (English and Dutch, paired by concept).
fn tagged() -> tempfile::TempDir {
    let dir = site(None);
    let root = dir.path();
    let tag = |file: &str, tags: &str| {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("---\n", &format!("---\ntags: [{tags}]\n"), 1)).unwrap();
    };
    tag("content/en/overfitting.md", "training, evaluation");
    tag("content/en/open-source-ai.md", "open source, licences");
    tag("content/en/open-weights-vs-open-source.md", "open source, licences, training");
    tag("content/nl/overfitting.md", "training, evaluatie");
    tag("content/nl/open-source-ai.md", "open source, licenties");
    tag("content/nl/open-weights-vs-open-source.md", "open source, licenties, training");
    dir
}

#[test]
fn tags_have_pages_a_list_with_counts_and_their_translation_as_alternate() {
    let dir = tagged();
    let root = dir.path();
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let list = page(root, "en/tags/index.html");
    let items = texts(&list, ".tag-list li");
    assert!(items.iter().any(|i| i.starts_with("open source") && i.contains("(2)")), "{items:?}");
    assert!(items.iter().any(|i| i.starts_with("evaluation") && i.contains("(1)")), "{items:?}");
    let tag = page(root, "en/tags/licences/index.html");
    let linked = attrs(&tag, "main a.entry-title", "href");
    assert_eq!(linked.len(), 2, "{linked:?}");
    // The Dutch page of the same tag is the one its concepts carry in Dutch.
    let alternates = attrs(&tag, "link[rel=alternate][hreflang=nl]", "href");
    assert!(alternates.iter().any(|h| h.ends_with("/nl/tags/licenties/")), "{alternates:?}");
    let training = page(root, "en/tags/training/index.html");
    let to_dutch = attrs(&training, "link[rel=alternate][hreflang=nl]", "href");
    assert!(to_dutch.iter().any(|h| h.ends_with("/nl/tags/training/")), "{to_dutch:?}");
}

#[test]
fn entry_pages_cards_feeds_and_the_export_show_the_tags() {
    let dir = tagged();
    let root = dir.path();
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let entry = page(root, "en/overfitting/index.html");
    assert_eq!(texts(&entry, ".entry-header .tags a.tag"), ["training", "evaluation"]);
    assert_eq!(attrs(&entry, ".entry-header .tags a.tag", "href")[0], "/en/tags/training/");
    let home = page(root, "en/index.html");
    assert!(texts(&home, ".card-tags a.tag").contains(&"licences".to_string()));
    let export: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("public/en/glossary.json")).unwrap()).unwrap();
    let overfitting = export["entries"].as_array().unwrap().iter().find(|e| e["id"] == "overfitting").unwrap();
    assert_eq!(overfitting["tags"], serde_json::json!(["training", "evaluation"]));
    let feed = std::fs::read_to_string(root.join("public/en/atom.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let terms: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name("category")).filter_map(|n| n.attribute("term")).collect();
    assert!(terms.contains(&"evaluation") && terms.contains(&"licences"), "{terms:?}");
    let sitemap = std::fs::read_to_string(root.join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains("/en/tags/licences/") && sitemap.contains("/nl/tags/"), "{sitemap}");
}

#[test]
fn check_reports_a_tag_used_once_and_a_tag_spelled_two_ways() {
    let dir = tagged();
    let root = dir.path();
    let zebra = root.join("content/en/zebra.md");
    let text = std::fs::read_to_string(&zebra).unwrap();
    std::fs::write(&zebra, text.replacen("---\n", "---\ntags: [Training]\n", 1)).unwrap();
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap_or_default().starts_with("tag-"))
        .map(|f| (f["code"].as_str().unwrap().into(), f["path"].as_str().unwrap().into(), f["line"].as_u64().unwrap()))
        .collect();
    assert!(found.contains(&("tag-singleton".into(), "content/en/overfitting.md".into(), 2)), "{found:?}");
    assert!(found.contains(&("tag-near-duplicate".into(), "content/en/zebra.md".into(), 2)), "{found:?}");
    // A tag written twice in one entry is an error at its line.
    std::fs::write(&zebra, text.replacen("---\n", "---\ntags: [safety, Safety]\n", 1)).unwrap();
    let out = common::glossgen(&["check", "--root", root.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("content/en/zebra.md:2:") && shown.contains("listed twice"), "{shown}");
}

#[test]
fn tags_toml_names_a_tag_in_each_language_where_the_concepts_would_pair_it_otherwise() {
    let dir = tagged();
    let root = dir.path();
    // By their concepts, `evaluation` pairs with `evaluatie`; the file says otherwise, and wins.
    common::write(
        root,
        "tags.toml",
        "# A tag's name in each language.\n[[tag]]\nen = \"evaluation\"\nnl = \"training\"\n",
    );
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let tag = page(root, "en/tags/evaluation/index.html");
    let to_dutch = attrs(&tag, "link[rel=alternate][hreflang=nl]", "href");
    assert!(to_dutch.iter().any(|h| h.ends_with("/nl/tags/training/")), "{to_dutch:?}");
    let back = page(root, "nl/tags/training/index.html");
    let to_english = attrs(&back, "link[rel=alternate][hreflang=en]", "href");
    assert!(to_english.iter().any(|h| h.ends_with("/en/tags/evaluation/")), "{to_english:?}");
    // A language the site does not have is an error at its line.
    common::write(root, "tags.toml", "[[tag]]\nen = \"evaluation\"\nde = \"Bewertung\"\n");
    let built = common::build(root, &[]);
    assert!(!built.status.success());
    assert!(
        common::stderr(&built).contains("tags.toml:3:1: error: `de` is not a language of this site"),
        "{}",
        common::stderr(&built)
    );
}
