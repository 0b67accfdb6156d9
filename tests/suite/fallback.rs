//! A partly translated site: Dutch links to concepts that have no Dutch entry yet lead to the English page,
//! say so to readers, and are warnings, never errors (fixture `partial-translation/`: nine English concepts,
//! six of them in Dutch).

use serde_json::Value;

use crate::common::{self, attrs, build, glossgen, own_site, page, texts};

fn site() -> tempfile::TempDir {
    own_site("partial-translation")
}

fn root(dir: &tempfile::TempDir) -> &str {
    dir.path().to_str().unwrap()
}

#[test]
fn a_partly_translated_site_builds_with_warnings_only() {
    let dir = site();
    let out = build(dir.path(), &[]);
    let stderr = common::stderr(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(stderr.contains("7 links to concepts not translated yet lead to another language"), "{stderr}");

    let check = glossgen(&["check", "--root", root(&dir), "--format", "json"]);
    assert!(check.status.success(), "{}", common::stderr(&check));
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    let findings = report["findings"].as_array().unwrap();
    let fallbacks: Vec<(String, u64, u64)> = findings
        .iter()
        .filter(|f| f["code"] == "untranslated-link")
        .map(|f| {
            (f["path"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap_or(0))
        })
        .collect();
    assert_eq!(fallbacks.len(), 7, "{fallbacks:?}");
    assert!(findings.iter().filter(|f| f["code"] == "untranslated-link").all(|f| f["severity"] == "warning"));
    // The related entry, the @/ link and the wiki link by English title in token.md, each where it is written.
    for at in [("content/nl/token.md", 5, 11), ("content/nl/token.md", 11, 5), ("content/nl/token.md", 11, 60)] {
        assert!(fallbacks.contains(&(at.0.to_string(), at.1, at.2)), "{at:?} in {fallbacks:?}");
    }
    assert!(fallbacks.iter().any(|f| f.0 == "content/nl/prompt.md" && f.1 == 3), "the summary's link: {fallbacks:?}");
    // An English entry cannot list a Dutch one back: no reciprocity warning for a related entry that fell back.
    let unreciprocated: Vec<&str> = findings
        .iter()
        .filter(|f| f["code"] == "related-not-reciprocated")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        !unreciprocated.iter().any(|m| m.contains("`tokenizer`") || m.contains("`temperature`")),
        "{unreciprocated:?}"
    );
    assert!(!unreciprocated.is_empty(), "same-language ones are still reported");
}

#[test]
fn links_that_fall_back_carry_the_target_language_and_a_badge() {
    let dir = site();
    assert!(build(dir.path(), &[]).status.success());
    let token = page(dir.path(), "nl/token/index.html");

    // The body's @/ link and its preview.
    let hrefs = attrs(&token, ".entry-body a.gloss-link[hreflang=\"en\"]", "href");
    assert!(hrefs.contains(&"/en/tokenizer/".to_string()), "{hrefs:?}");
    assert!(hrefs.contains(&"/en/context-window/".to_string()), "the wiki link by English title: {hrefs:?}");
    let badges = texts(&token, "a.gloss-link[hreflang=\"en\"] .lang-badge [aria-hidden=\"true\"]");
    assert!(!badges.is_empty() && badges.iter().all(|b| b == "EN"), "{badges:?}");
    let spoken = texts(&token, "a.gloss-link[hreflang=\"en\"] .lang-badge .visually-hidden");
    assert!(spoken.iter().all(|s| s == "(pagina in een andere taal: English)"), "{spoken:?}");
    let tips = attrs(&token, ".gloss-tip[lang=\"en\"]", "id");
    assert!(tips.len() >= 2, "previews of English entries are marked English: {tips:?}");
    // A link to a translated concept stays in Dutch, without a badge.
    assert!(attrs(&token, "a.gloss-link", "href").contains(&"/nl/vocabulary/".to_string()));
    assert!(attrs(&token, "a.gloss-link[href=\"/nl/vocabulary/\"]", "hreflang").is_empty());

    // The related card of the untranslated concept.
    let related = attrs(&token, ".related a[hreflang=\"en\"]", "href");
    assert_eq!(related, ["/en/tokenizer/"]);
    assert_eq!(attrs(&token, ".related a[hreflang=\"en\"]", "lang"), ["en"]);
    assert_eq!(texts(&token, ".related .card-other-lang .lang-badge [aria-hidden=\"true\"]"), ["EN"]);
    assert_eq!(texts(&token, ".related .card-other-lang p[lang=\"en\"]").len(), 1);

    // The English page lists the Dutch pages that link to it, marked as Dutch.
    let tokenizer = page(dir.path(), "en/tokenizer/index.html");
    let referrers = attrs(&tokenizer, ".backlinks a[hreflang=\"nl\"]", "href");
    assert_eq!(referrers, ["/nl/token/", "/nl/vector/"]);
    assert_eq!(texts(&tokenizer, ".backlinks .lang-badge [aria-hidden=\"true\"]"), ["NL", "NL"]);
    assert!(
        texts(&tokenizer, ".backlinks .visually-hidden").iter().all(|t| t == "(page in another language: Nederlands)")
    );
    // Its language switcher says, as before, that there is no Dutch page.
    assert_eq!(attrs(&tokenizer, ".lang-switch a.missing", "hreflang"), ["nl"]);
}

#[test]
fn dutch_text_links_dutch_names_and_wiki_links_may_use_english_titles() {
    let dir = site();
    assert!(build(dir.path(), &[]).status.success());
    // `tokenizer` has no Dutch entry: the word in Dutch text is not linked, though the English title matches.
    let embedding = page(dir.path(), "nl/embedding/index.html");
    let links = attrs(&embedding, ".entry-body a.gloss-link", "href");
    assert!(!links.iter().any(|l| l.starts_with("/en/")), "{links:?}");
    assert!(links.contains(&"/nl/vector/".to_string()), "Dutch names are linked: {links:?}");
    // [[Attention]] names a concept by its English title; it has a Dutch entry, which the link leads to.
    let prompt = page(dir.path(), "nl/prompt/index.html");
    let links = attrs(&prompt, ".entry-body a.gloss-link", "href");
    assert!(links.contains(&"/nl/attention/".to_string()), "{links:?}");
    assert!(links.contains(&"/en/temperature/".to_string()), "{links:?}");
    // The summary's wiki link, in the lead.
    assert_eq!(attrs(&prompt, "p.lead a", "href"), ["/en/context-window/"]);
    assert_eq!(attrs(&prompt, "p.lead a", "hreflang"), ["en"]);
    assert_eq!(texts(&prompt, "p.lead .lang-badge [aria-hidden=\"true\"]"), ["EN"]);
    assert_eq!(texts(&prompt, "p.lead .lang-badge .visually-hidden"), ["(English)"]);
    assert_eq!(
        attrs(&prompt, "meta[name=description]", "content"),
        ["De tekst waarmee je een taalmodel stuurt, binnen het Context window."]
    );
}

#[test]
fn the_dutch_home_lists_untranslated_concepts_in_a_group_of_their_own() {
    let dir = site();
    assert!(build(dir.path(), &[]).status.success());
    let home = page(dir.path(), "nl/index.html");
    assert_eq!(texts(&home, ".untranslated-group h2"), ["Nog niet vertaald"]);
    assert_eq!(
        attrs(&home, ".untranslated-group a.entry-title", "href"),
        ["/en/context-window/", "/en/temperature/", "/en/tokenizer/"]
    );
    assert!(attrs(&home, ".untranslated-group a.entry-title", "lang").iter().all(|l| l == "en"));
    let listed: Vec<String> = attrs(&home, ".letter-group:not(.untranslated-group) a.entry-title", "href");
    assert_eq!(listed.len(), 6, "{listed:?}");
    assert!(listed.iter().all(|l| l.starts_with("/nl/")), "{listed:?}");
    // Without the setting, no such group.
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(dir.path().join("site.toml"), toml.replace("list_untranslated = true", "")).unwrap();
    assert!(build(dir.path(), &[]).status.success());
    assert!(texts(&page(dir.path(), "nl/index.html"), ".untranslated-group").is_empty());
}

#[test]
fn fallback_false_keeps_the_error_and_says_where_the_concept_exists() {
    let dir = site();
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(dir.path().join("site.toml"), toml.replace("list_untranslated = true", "fallback = false")).unwrap();
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let stderr = common::stderr(&out);
    assert!(
        stderr.contains("content/nl/token.md:11:5: error: link to `@/tokenizer.md`: no concept `tokenizer` in `nl`"),
        "{stderr}"
    );
    assert!(stderr.contains("`tokenizer` exists in `en` only"), "{stderr}");
    assert!(
        stderr.contains("content/nl/token.md:5:11: error: related concept `tokenizer` does not exist in `nl`"),
        "{stderr}"
    );
    assert!(!stderr.contains("untranslated-link"), "{stderr}");
}

#[test]
fn a_concept_of_no_language_is_an_error_suggesting_only_real_typos() {
    let dir = site();
    let entry = "---\ntitle: Proef\nsummary: Een proef.\n---\n\nZie [de tokeniser](@/tokeniser.md) en [containers](@/temperature-scaling.md).\n";
    std::fs::write(dir.path().join("content/nl/proef.md"), entry).unwrap();
    let out = build(dir.path(), &[]);
    assert!(!out.status.success());
    let stderr = common::stderr(&out);
    let line_of =
        |needle: &str| stderr.lines().skip_while(|l| !l.contains(needle)).nth(1).unwrap_or_default().to_string();
    assert!(stderr.contains("content/nl/proef.md:6:5: error: link to `@/tokeniser.md`"), "{stderr}");
    assert_eq!(line_of("@/tokeniser.md").trim(), "hint: did you mean `tokenizer`?");
    // `temperature` shares a prefix, but is no typo of it: no suggestion.
    assert!(stderr.contains("error: link to `@/temperature-scaling.md`"), "{stderr}");
    let hint = line_of("@/temperature-scaling.md");
    assert!(!hint.contains("did you mean"), "{hint}");
    assert!(hint.contains("no concept has this id in any language"), "{hint}");
}

#[test]
fn translations_count_the_pages_that_link_to_each_missing_translation() {
    let dir = site();
    let out = glossgen(&["translations", "--root", root(&dir)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("nl: missing (2 nl pages link to it)"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("tokenizer") && l.contains("2 nl pages")), "{text}");
    assert!(text.contains("Translate first (most linked from pages in their language): nl/tokenizer (2)"), "{text}");

    let out = glossgen(&["translations", "--root", root(&dir), "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let state = |id: &str| {
        report["concepts"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap()["translations"]["nl"].clone()
    };
    assert_eq!(state("tokenizer")["state"], "missing");
    assert_eq!(state("tokenizer")["linked_from"], 2);
    assert_eq!(state("temperature")["linked_from"], 1);
    assert_eq!(state("token")["state"], "up-to-date");
    assert!(state("token").get("linked_from").is_none());
}

#[test]
fn pages_with_links_to_another_language_are_valid_and_accessible() {
    let dir = site();
    assert!(build(dir.path(), &[]).status.success());
    crate::validity::nu_check(dir.path());
    let Some(axe) = common::tools::npm_file("axe-core/axe.min.js") else { return };
    let axe_source = std::fs::read_to_string(axe).unwrap();
    let server = common::server::Server::start(dir.path(), common::server::free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = common::browser::Browser::open(&format!("{base}/nl/")) else { return };
    let mut problems = Vec::new();
    for path in ["/nl/", "/nl/token/", "/nl/prompt/", "/en/tokenizer/"] {
        browser.navigate(&format!("{base}{path}"));
        let found = crate::validity::axe_violations(&mut browser, &axe_source);
        problems.extend(found.into_iter().map(|v| format!("{path}: {v}")));
    }
    assert!(problems.is_empty(), "axe-core violations:\n{}", problems.join("\n"));
}
