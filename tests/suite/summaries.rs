//! Summaries in inline Markdown: HTML where pages show them, plain text wherever a machine reads them, and an
//! error for block-level Markdown.

use serde_json::Value;

use crate::common::{self, attrs, build, page, site, texts};

fn read(dir: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(dir.path().join("public").join(path)).unwrap()
}

const PLAIN: &str = "A model overfits when it memorises its training data and does worse on new data.";

#[test]
fn inline_markdown_is_html_on_pages_and_plain_text_for_machines() {
    let dir = site(Some("summary-markdown"));
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));

    let entry = page(dir.path(), "en/overfitting/index.html");
    assert_eq!(texts(&entry, "p.lead"), [PLAIN]);
    assert_eq!(texts(&entry, "p.lead em"), ["overfits"]);
    assert_eq!(texts(&entry, "p.lead code"), ["training data"]);
    assert_eq!(texts(&entry, "p.lead strong"), ["worse"]);
    assert_eq!(attrs(&entry, "meta[name=description]", "content"), [PLAIN]);
    assert_eq!(attrs(&entry, "meta[property=\"og:description\"]", "content"), [PLAIN]);
    let json_ld = texts(&entry, "script[type=\"application/ld+json\"]").join("");
    let json_ld: Value = serde_json::from_str(&json_ld).unwrap();
    assert_eq!(json_ld["description"], PLAIN);

    // The home page lists the card with the HTML, and so does every page whose body links to it (preview).
    let home = page(dir.path(), "en/index.html");
    assert!(texts(&home, ".entry-item p code").contains(&"training data".to_string()));
    let linking = page(dir.path(), "en/open-weights-vs-open-source/index.html");
    assert!(texts(&linking, ".gloss-tip code").contains(&"training data".to_string()), "the link preview");

    let export: Value = serde_json::from_str(&read(&dir, "en/glossary.json")).unwrap();
    let record = export["entries"].as_array().unwrap().iter().find(|e| e["id"] == "overfitting").unwrap();
    assert_eq!(record["summary"], PLAIN);
    let html = record["summary_html"].as_str().unwrap();
    assert!(html.contains("<em>overfits</em>") && html.contains("<code>training data</code>"), "{html}");

    let index: Value = serde_json::from_str(&read(&dir, "en/search-index.json")).unwrap();
    assert!(index["entries"].as_array().unwrap().iter().any(|e| e["s"] == PLAIN));

    let feed = read(&dir, "en/atom.xml");
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let summaries: Vec<&str> =
        doc.descendants().filter(|n| n.tag_name().name() == "summary").filter_map(|n| n.text()).collect();
    assert!(summaries.contains(&PLAIN), "{summaries:?}");
}

#[test]
fn block_level_markdown_in_a_summary_is_an_error_at_its_line() {
    let dir = site(Some("summary-block"));
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let stderr = common::stderr(&out);
    assert!(stderr.contains("content/en/overfitting.md:3:"), "{stderr}");
    assert!(stderr.contains("the summary holds a list"), "{stderr}");
    assert!(stderr.contains("move the rest into the body"), "{stderr}");
}
