//! Glossary links in bodies: auto-linked mentions, wiki links and their errors, and link previews.

use scraper::{Html, Selector};

use crate::common::{self, build, page, site};

fn built(case: &str) -> tempfile::TempDir {
    let dir = site(Some(case));
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

/// (link text, href) of every glossary link in the body, in order.
fn body_links(html: &Html) -> Vec<(String, String)> {
    let sel = Selector::parse(".entry-body a.gloss-link").unwrap();
    html.select(&sel)
        .map(|a| (a.text().collect::<String>(), a.value().attr("href").unwrap_or_default().to_string()))
        .collect()
}

fn links_to(html: &Html, href: &str) -> Vec<String> {
    body_links(html).into_iter().filter(|(_, h)| h == href).map(|(t, _)| t).collect()
}

#[test]
fn mentions_become_links_once_and_only_where_allowed() {
    let dir = built("linking");
    let html = page(dir.path(), "en/linking-cases/index.html");
    // In code it stays code; the plain mention after it is linked.
    assert_eq!(links_to(&html, "/en/zebra/"), ["Zebra Crossing Model"]);
    assert_eq!(common::texts(&html, ".entry-body code"), ["Zebra Crossing Model"]);
    // The author's own link is untouched; the later mention (an alias) is linked.
    assert_eq!(links_to(&html, "/en/overfitting/"), ["overtraining", "OVERFITTING"]);
    assert_eq!(
        common::attrs(&html, ".entry-body a[href='https://example.com/overtraining']", "class"),
        Vec::<String>::new()
    );
    // The longest name wins over the shorter one inside it.
    assert_eq!(links_to(&html, "/en/open-source-ai/"), ["Open-source AI"]);
    assert_eq!(links_to(&html, "/en/ai/"), ["AI"], "plain AI links once, not inside the longer name");
    // Punctuation around a term does not stop it.
    assert!(body_links(&html).iter().any(|(t, h)| t == "OSAID" && h == "/en/open-weights-vs-open-source/"));
    // Never to itself, never in headings, never in raw HTML, once per target.
    assert!(links_to(&html, "/en/linking-cases/").is_empty());
    assert!(common::attrs(&html, ".entry-body h2 a", "href").is_empty());
    assert!(common::attrs(&html, ".entry-body .raw a", "href").is_empty());
    assert_eq!(links_to(&html, "/en/embedding/"), ["embedding", "embeddings"], "auto-link once, then the wiki link");
}

#[test]
fn wiki_links_resolve_by_title_alias_plural_case_and_diacritics() {
    let dir = built("linking");
    let html = page(dir.path(), "en/linking-cases/index.html");
    assert!(body_links(&html).contains(&("text shown".into(), "/en/open-weights-vs-open-source/".into())));
    assert!(body_links(&html).contains(&("embeddings".into(), "/en/embedding/".into())));
    let nl = page(dir.path(), "nl/linking-cases/index.html");
    let links = body_links(&nl);
    assert!(links.contains(&("ēen".into(), "/nl/een-begrip/".into())), "{links:?}");
    assert!(!links.iter().any(|(t, _)| t.starts_with("ēenheid")), "whole words only: {links:?}");
    assert!(links.contains(&("open gewichten".into(), "/nl/open-weights-vs-open-source/".into())), "{links:?}");
    assert!(links.contains(&("Open-Source-AI".into(), "/nl/open-source-ai/".into())), "{links:?}");
}

#[test]
fn every_glossary_link_carries_an_accessible_preview() {
    let dir = built("linking");
    let html = page(dir.path(), "en/linking-cases/index.html");
    let link_sel = Selector::parse(".entry-body a.gloss-link").unwrap();
    let mut seen = 0;
    for link in html.select(&link_sel) {
        let tip_id = link.value().attr("aria-describedby").expect("aria-describedby");
        let tip_sel = Selector::parse(&format!("#{tip_id}")).unwrap();
        let tip = html.select(&tip_sel).next().unwrap_or_else(|| panic!("no element #{tip_id}"));
        assert_eq!(tip.value().attr("role"), Some("tooltip"));
        assert!(tip.value().attr("hidden").is_some(), "previews stay hidden until hover or focus");
        assert!(!tip.text().collect::<String>().is_empty());
        seen += 1;
    }
    assert!(seen >= 8, "{seen} links");
    let zebra_tip = common::texts(&html, ".entry-body .gloss:has(a[href='/en/zebra/']) .gloss-tip");
    assert_eq!(zebra_tip, ["An entry that exists only in English."]);
    // Links in "Referenced by" and to neighbours carry previews too.
    let target = page(dir.path(), "en/zebra/index.html");
    assert_eq!(
        common::texts(&target, ".backlinks .gloss-tip"),
        ["An entry whose body exercises auto-linking and wiki links."]
    );
    assert_eq!(common::attrs(&target, ".prev-next a[rel=prev]", "aria-describedby"), ["tip-prev"]);
}

#[test]
fn referenced_by_counts_every_route() {
    let dir = built("linking");
    let zebra = page(dir.path(), "en/zebra/index.html");
    assert_eq!(common::texts(&zebra, ".backlinks li a"), ["Linking Cases"], "auto-link");
    let embedding = page(dir.path(), "en/embedding/index.html");
    assert_eq!(common::texts(&embedding, ".backlinks li a"), ["Linking Cases"], "wiki link and auto-link");
}

#[test]
fn unknown_and_ambiguous_wiki_links_are_errors_at_their_line() {
    let dir = site(Some("wiki-link-unknown"));
    let out = build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/en/overfitting.md:8:5: error: wiki link `[[Open Weigths]]`"), "{err}");
    assert!(
        err.contains("did you mean `[[Open Weights vs Open Source AI]]`?")
            || err.contains("did you mean `[[open weights]]`?"),
        "{err}"
    );

    let dir = site(Some("wiki-link-ambiguous"));
    let out = build(dir.path(), &[]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/en/overfitting.md:7:5: error: wiki link `[[shared name]]` matches several concepts"),
        "{err}"
    );
}

#[test]
fn auto_linking_can_be_switched_off_per_entry_and_for_the_site() {
    for case in ["autolink-off-in-entry", "autolink-off-for-site"] {
        let dir = built(case);
        let html = page(dir.path(), "en/overfitting/index.html");
        assert!(body_links(&html).is_empty(), "{case}: {:?}", body_links(&html));
    }
    let dir = built("autolink-off-for-site");
    let html = page(dir.path(), "en/open-weights-vs-open-source/index.html");
    assert_eq!(body_links(&html).len(), 2, "explicit links stay: {:?}", body_links(&html));
}

#[test]
fn a_phrase_listed_under_no_autolink_is_never_linked_but_the_name_elsewhere_is() {
    let dir = common::site(None);
    let root = dir.path();
    let zebra = root.join("content/en/zebra.md");
    let text = std::fs::read_to_string(&zebra).unwrap();
    let body = "The Overfitting Curve is a plain phrase here. Later, overfitting is the concept.";
    let edited =
        text.replacen("category: Foundations\n", "category: Foundations\nno_autolink: [overfitting curve]\n", 1);
    std::fs::write(&zebra, edited.replace("Only in English.", body)).unwrap();
    let out = common::build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = common::page(root, "en/zebra/index.html");
    let links = body_links(&html);
    assert_eq!(links, [("overfitting".to_string(), "/en/overfitting/".to_string())], "the second mention is linked");
    // Without the setting the first mention is the one linked.
    std::fs::write(&zebra, text.replace("Only in English.", body)).unwrap();
    assert!(common::build(root, &[]).status.success());
    let links = body_links(&common::page(root, "en/zebra/index.html"));
    assert_eq!(links, [("Overfitting".to_string(), "/en/overfitting/".to_string())]);
}
