//! `glossgen build` on the valid fixture: the pages a reader gets, checked with an HTML parser.

use crate::common::{self, attrs, build, page, site, snapshot, texts};

fn built() -> tempfile::TempDir {
    let dir = site(None);
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "build failed:\n{}", common::stderr(&out));
    dir
}

#[test]
fn summary_line_names_pages_per_language() {
    let dir = site(None);
    let out = build(dir.path(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("4 en") && stdout.contains("4 nl"), "{stdout}");
    assert!(stdout.contains(" ms"), "{stdout}");
}

#[test]
fn entry_page_shows_the_whole_anatomy() {
    let dir = built();
    let html = page(dir.path(), "en/open-weights-vs-open-source/index.html");
    assert_eq!(attrs(&html, "html", "lang"), ["en"]);
    assert_eq!(
        texts(&html, ".breadcrumb li"),
        ["Home", "Test Glossary", "Open Source", "Open Weights vs Open Source AI"]
    );
    assert_eq!(texts(&html, ".badges .badge"), ["Open Source", "Intermediate", "2026-W17"]);
    assert_eq!(texts(&html, "h1"), ["Open Weights vs Open Source AI"]);
    assert!(texts(&html, ".lead")[0].starts_with("Open weights means the parameters"));
    assert_eq!(texts(&html, ".aliases .alias"), ["open weights", "OSAID"]);
    assert_eq!(attrs(&html, ".entry-body h2", "id"), ["what-is-it", "why-it-matters", "how-it-works", "example"]);
    assert_eq!(texts(&html, ".entry-body table th"), ["Level", "Example"]);
    assert_eq!(
        attrs(&html, ".sources ol li a", "href"),
        ["https://opensource.org/ai/open-source-ai-definition", "https://arxiv.org/abs/2402.00838"]
    );
    assert_eq!(texts(&html, ".related .card a"), ["Open-Source AI", "Overfitting"]);
    assert_eq!(
        texts(&html, ".related .card p"),
        [
            "AI systems whose weights, code and data are all available under an open licence.",
            "A model overfits when it memorises its training data and does worse on new data."
        ]
    );
    assert_eq!(texts(&html, ".backlinks li a"), ["Open-Source AI"]);
    assert_eq!(attrs(&html, ".prev-next a[rel=prev]", "href"), ["/en/open-source-ai/"]);
    assert_eq!(attrs(&html, ".prev-next a[rel=next]", "href"), ["/en/overfitting/"]);
}

#[test]
fn body_links_resolve_and_become_backlinks() {
    let dir = built();
    let html = page(dir.path(), "en/open-weights-vs-open-source/index.html");
    let links = attrs(&html, ".entry-body a", "href");
    assert_eq!(links, ["/en/open-source-ai/", "/en/overfitting/#what-is-it"]);
    let target = page(dir.path(), "en/overfitting/index.html");
    assert_eq!(texts(&target, ".backlinks li a"), ["Open Weights vs Open Source AI"]);
    assert_eq!(attrs(&target, ".entry-body h2", "id"), ["what-is-it", "what-is-it-1"]);
}

#[test]
fn code_is_highlighted_with_classes_and_a_stylesheet() {
    let dir = built();
    let html = page(dir.path(), "en/open-weights-vs-open-source/index.html");
    assert_eq!(attrs(&html, "pre.code", "data-lang"), ["rust"]);
    assert!(!attrs(&html, "pre.code span", "class").is_empty());
    let css = std::fs::read_to_string(dir.path().join("public/syntax.css")).unwrap();
    assert!(css.contains(".hl-"));
    assert_eq!(attrs(&html, "link[rel=stylesheet]", "href"), ["/style.css", "/syntax.css"]);
}

#[test]
fn previous_next_follow_collation_order_in_each_language() {
    let dir = built();
    for (lang, first, expected) in [
        (
            "en",
            "open-source-ai",
            vec!["Open-Source AI", "Open Weights vs Open Source AI", "Overfitting", "Zebra Crossing Model"],
        ),
        ("nl", "een-begrip", vec!["Ēen", "Open-source-AI", "Open weights versus open-source-AI", "Overfitting"]),
    ] {
        let mut path = format!("{lang}/{first}/index.html");
        let mut seen = Vec::new();
        loop {
            let html = page(dir.path(), &path);
            seen.push(texts(&html, "h1").remove(0));
            let next = attrs(&html, ".prev-next a[rel=next]", "href");
            match next.first() {
                Some(href) => path = format!("{}index.html", href.trim_start_matches('/')),
                None => break,
            }
        }
        assert_eq!(seen, expected, "{lang}");
        let first_page = page(dir.path(), &format!("{lang}/{first}/index.html"));
        assert!(attrs(&first_page, ".prev-next a[rel=prev]", "href").is_empty());
    }
}

#[test]
fn language_switcher_and_hreflang_pair_translations() {
    let dir = built();
    let en = page(dir.path(), "en/overfitting/index.html");
    assert_eq!(attrs(&en, ".lang-switch a[hreflang=nl]", "href"), ["/nl/overfitting/"]);
    assert_eq!(attrs(&en, "link[rel=canonical]", "href"), ["https://example.org/en/overfitting/"]);
    let mut hreflang = attrs(&en, "link[rel=alternate]", "hreflang");
    hreflang.sort();
    assert_eq!(hreflang, ["en", "nl", "x-default"]);
    let nl = page(dir.path(), "nl/overfitting/index.html");
    assert_eq!(attrs(&nl, "html", "lang"), ["nl"]);
    assert_eq!(attrs(&nl, ".lang-switch a[hreflang=en]", "href"), ["/en/overfitting/"]);
    assert_eq!(texts(&nl, ".prev-next .dir"), ["← Vorige"]);
    assert_eq!(texts(&nl, ".breadcrumb li")[1], "AI Woordenboek");
    // Without `home_url`, the breadcrumb's "Home" is the glossary's home in the page's language.
    assert_eq!(texts(&nl, ".breadcrumb li")[0], "Home");
    assert_eq!(attrs(&nl, ".breadcrumb li a", "href")[0], "/nl/");

    let only_en = page(dir.path(), "en/zebra/index.html");
    assert_eq!(attrs(&only_en, ".lang-switch a.missing", "href"), ["/nl/#untranslated"]);
    assert_eq!(texts(&only_en, ".note-untranslated"), ["Not yet translated into: Nederlands."]);
    assert_eq!(attrs(&page(dir.path(), "nl/index.html"), ".untranslated-note", "id"), ["untranslated"]);
    assert!(texts(&en, ".note-untranslated").is_empty());
    assert_eq!(attrs(&only_en, "link[rel=alternate]", "hreflang"), ["en", "x-default"]);
}

#[test]
fn home_lists_every_entry_by_letter() {
    let dir = built();
    let home = page(dir.path(), "nl/index.html");
    assert_eq!(texts(&home, ".letter-group h2"), ["E", "O"]);
    assert_eq!(
        texts(&home, ".entry-list .entry-title"),
        ["Ēen", "Open-source-AI", "Open weights versus open-source-AI", "Overfitting"]
    );
    assert!(texts(&home, ".entry-item p").iter().all(|s| !s.is_empty()));
    let mut hreflang = attrs(&home, "link[rel=alternate]", "hreflang");
    hreflang.sort();
    assert_eq!(hreflang, ["en", "nl", "x-default"]);
}

#[test]
fn category_pages_group_entries() {
    let dir = built();
    let cat = page(dir.path(), "en/categories/open-source/index.html");
    assert_eq!(texts(&cat, ".entry-list .entry-title"), ["Open-Source AI", "Open Weights vs Open Source AI"]);
    assert_eq!(
        attrs(&cat, "link[rel=alternate][hreflang=nl]", "href"),
        ["https://example.org/nl/categories/open-source/"]
    );
    let list = page(dir.path(), "nl/categories/index.html");
    assert_eq!(texts(&list, ".category-list a"), ["Grondslagen", "Open source"]);
}

#[test]
fn slugs_transliterate_and_drafts_stay_out() {
    let dir = built();
    assert!(dir.path().join("public/nl/een-begrip/index.html").exists());
    assert!(!dir.path().join("public/en/secret-plan").exists());
    let out = build(dir.path(), &["--drafts"]);
    assert!(out.status.success());
    assert!(dir.path().join("public/en/secret-plan/index.html").exists());
}

#[test]
fn root_404_and_sitemap() {
    let dir = built();
    let root = page(dir.path(), "index.html");
    assert_eq!(attrs(&root, "meta[http-equiv=refresh]", "content"), ["0; url=/en/"]);
    assert_eq!(attrs(&root, ".language-choice a", "href"), ["/en/", "/nl/"]);
    assert!(dir.path().join("public/404.html").exists());

    let sitemap = std::fs::read_to_string(dir.path().join("public/sitemap.xml")).unwrap();
    let doc = scraper::Html::parse_fragment(&sitemap);
    let locs = texts(&doc, "loc");
    for entry in ["en/open-weights-vs-open-source/", "nl/een-begrip/", "en/zebra/", "en/", "nl/categories/grondslagen/"]
    {
        assert!(locs.contains(&format!("https://example.org/{entry}")), "{entry} missing from {locs:?}");
    }
    assert!(!locs.iter().any(|l| l.contains("secret-plan")));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"nl\" href=\"https://example.org/nl/open-weights-vs-open-source/\"/>"
    ));
}

#[test]
fn base_url_and_output_dir_can_be_overridden() {
    let dir = site(None);
    let out = build(dir.path(), &["--base-url", "https://example.org/glossary", "--output-dir", "elsewhere"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("elsewhere/en/overfitting/index.html")).unwrap();
    let html = scraper::Html::parse_document(&text);
    assert_eq!(attrs(&html, ".lang-switch a[hreflang=nl]", "href"), ["/glossary/nl/overfitting/"]);
    assert_eq!(attrs(&html, "link[rel=canonical]", "href"), ["https://example.org/glossary/en/overfitting/"]);
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = built();
    let first = snapshot(&dir.path().join("public"));
    let out = build(dir.path(), &[]);
    assert!(out.status.success());
    assert_eq!(first, snapshot(&dir.path().join("public")));
}

#[test]
fn a_rebuild_over_an_earlier_output_equals_a_fresh_build() {
    // From the third build on, glossgen writes over the output before last (kept beside public/) instead of
    // into a new folder: whatever that output had and this build does not write must be gone.
    let dir = built();
    let root = dir.path();
    assert!(build(root, &[]).status.success());
    assert!(root.join(".public.glossgen-old/en/overtraining/index.html").exists());
    let entry = root.join("content/en/overfitting.md");
    let text = std::fs::read_to_string(&entry).unwrap();
    let renamed = text
        .replace("aliases: [overtraining]", "aliases: [overlearning]")
        .replace("title: Overfitting", "title: Fitting too closely");
    std::fs::write(&entry, renamed).unwrap();
    let zebra = std::fs::read_to_string(root.join("content/en/zebra.md")).unwrap();
    std::fs::write(root.join("content/en/yak.md"), zebra.replace("Zebra Crossing Model", "Yak Shaving")).unwrap();

    let out = build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let public = root.join("public");
    assert!(!public.join("en/overtraining").exists(), "the dropped alias's redirect is gone");
    assert!(public.join("en/overlearning/index.html").exists() && public.join("en/yak/index.html").exists());
    let fresh = build(root, &["--output-dir", "fresh"]);
    assert!(fresh.status.success(), "{}", common::stderr(&fresh));
    assert_eq!(snapshot(&public), snapshot(&root.join("fresh")));
}

#[test]
fn a_site_template_overrides_the_theme() {
    let dir = site(None);
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1 id=\"custom\">{{ t(key=\"not_found_title\") }}</h1>{% endblock content %}",
    )
    .unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = page(dir.path(), "404.html");
    assert_eq!(texts(&html, "h1#custom"), ["Page not found"]);
    assert_eq!(texts(&page(dir.path(), "en/index.html"), "h1"), ["Test Glossary"]);
}

#[test]
fn help_and_version() {
    let help = common::glossgen(&["build", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--root", "--output-dir", "--base-url", "--drafts"] {
        assert!(text.contains(flag), "{flag} missing from:\n{text}");
    }
    let version = common::glossgen(&["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("glossgen "));
}

#[test]
fn built_pages_carry_no_live_reload_script() {
    let dir = built();
    for (path, bytes) in snapshot(&dir.path().join("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__glossgen"), "{} mentions the dev server", path.display());
    }
}

#[test]
fn difficulty_and_week_pages_with_alternates() {
    let dir = built();
    let level = page(dir.path(), "en/difficulty/beginner/index.html");
    assert_eq!(texts(&level, "h1"), ["Beginner"]);
    assert_eq!(texts(&level, ".entry-list .entry-title"), ["Open-Source AI", "Overfitting"]);
    assert_eq!(
        attrs(&level, "link[rel=alternate][hreflang=nl]", "href"),
        ["https://example.org/nl/difficulty/beginner/"]
    );
    let nl_level = page(dir.path(), "nl/difficulty/beginner/index.html");
    assert_eq!(texts(&nl_level, "h1"), ["Beginner"]);
    assert_eq!(texts(&page(dir.path(), "nl/difficulty/intermediate/index.html"), "h1"), ["Gemiddeld"]);

    let week = page(dir.path(), "nl/weeks/2026-w17/index.html");
    assert_eq!(texts(&week, "h1"), ["Week 17, 2026"]);
    assert_eq!(attrs(&week, "link[rel=alternate][hreflang=en]", "href"), ["https://example.org/en/weeks/2026-w17/"]);
    let archive = page(dir.path(), "en/weeks/index.html");
    assert_eq!(
        texts(&archive, ".category-list a"),
        ["Week 53, 2026", "Week 18, 2026", "Week 17, 2026", "Week 6, 2026"],
        "newest first"
    );
    let entry = page(dir.path(), "en/overfitting/index.html");
    assert_eq!(attrs(&entry, ".badges a.badge-week", "href"), ["/en/weeks/2026-w06/"]);
    assert_eq!(attrs(&entry, ".badges a.badge-difficulty", "href"), ["/en/difficulty/beginner/"]);
}

#[test]
fn a_to_z_letters_without_entries_are_disabled() {
    let dir = built();
    let home = page(dir.path(), "en/index.html");
    assert_eq!(attrs(&home, ".letters a", "href"), ["#letter-O", "#letter-Z"]);
    let disabled = texts(&home, ".letters .disabled");
    assert_eq!(disabled.len(), 24);
    assert!(disabled.contains(&"A".to_string()) && !disabled.contains(&"O".to_string()));
}

#[test]
fn aliases_get_redirect_addresses() {
    let dir = built();
    let redirect = page(dir.path(), "nl/open-gewichten/index.html");
    assert_eq!(attrs(&redirect, "meta[http-equiv=refresh]", "content"), ["0; url=/nl/open-weights-vs-open-source/"]);
    assert_eq!(
        attrs(&redirect, "link[rel=canonical]", "href"),
        ["https://example.org/nl/open-weights-vs-open-source/"]
    );
    assert_eq!(attrs(&redirect, "main a", "href"), ["/nl/open-weights-vs-open-source/"]);
    assert!(dir.path().join("public/en/osaid/index.html").exists());
    assert!(dir.path().join("public/en/overtraining/index.html").exists());
    let sitemap = std::fs::read_to_string(dir.path().join("public/sitemap.xml")).unwrap();
    assert!(!sitemap.contains("open-gewichten"), "redirects stay out of the sitemap");
}
