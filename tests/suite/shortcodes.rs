//! Shortcodes in bodies: the default theme's callouts, figure and term, a site's own shortcode, code left
//! alone, mistakes reported where they are written, Hugo's syntax named with the glossgen way, and search
//! and linking that see the rendered text.

use serde_json::Value;

use crate::common::{self, attrs, page, site, texts};

fn built() -> tempfile::TempDir {
    let dir = site(Some("shortcodes"));
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

#[test]
fn callouts_take_their_label_from_the_title_or_the_language() {
    let dir = built();
    let en = page(dir.path(), "en/overfitting/index.html");
    assert_eq!(texts(&en, "aside.callout-note > .callout-title"), ["Keep a holdout"]);
    assert_eq!(texts(&en, "aside.callout-warning > .callout-title"), ["Warning"]);
    // The body is Markdown, rendered with the page.
    assert_eq!(texts(&en, "aside.callout-warning strong"), ["validation"]);
    let nl = page(dir.path(), "nl/overfitting/index.html");
    assert_eq!(texts(&nl, "aside.callout-warning > .callout-title"), ["Waarschuwing"]);
    assert_eq!(texts(&nl, "aside.callout-tip > .callout-title"), ["Vroeg stoppen"]);
    // A callout written inside a paragraph splits it instead of nesting a block in it.
    for html in [&en, &nl] {
        assert!(texts(html, "p aside, p figure").is_empty());
        assert!(texts(html, ".entry-body p").iter().all(|p| !p.trim().is_empty()));
    }
    let paragraphs = texts(&en, ".entry-body > p");
    assert!(paragraphs.iter().any(|p| p.trim() == "The curve tells the story:"), "{paragraphs:?}");
    assert!(paragraphs.iter().any(|p| p.trim() == "Stop early when the two part."), "{paragraphs:?}");
}

#[test]
fn figures_terms_and_a_sites_own_shortcode_render_from_their_templates() {
    let dir = built();
    let root = dir.path();
    let en = page(root, "en/overfitting/index.html");
    assert_eq!(attrs(&en, "figure.figure > img", "src"), ["/img/curve.svg"]);
    assert_eq!(attrs(&en, "figure.figure > img", "alt"), ["Training loss falls while validation loss rises"]);
    assert_eq!(texts(&en, "figure.figure > figcaption"), ["Where the curves part"]);
    assert!(root.join("public/img/curve.svg").is_file());
    // term(): the concept's title (or the text given) as a glossary link with its preview.
    assert_eq!(texts(&en, "a.gloss-term"), ["Zebra Crossing Model", "open releases"]);
    assert_eq!(attrs(&en, "a.gloss-term", "href"), ["/en/zebra/", "/en/open-source-ai/"]);
    let tip = attrs(&en, "a.gloss-term", "aria-describedby");
    let preview = texts(&en, &format!("#{}", tip[0]));
    assert_eq!(preview, ["An entry that exists only in English."]);
    // A term is a link like any other: the target lists the page under "Referenced by".
    let zebra = page(root, "en/zebra/index.html");
    assert!(texts(&zebra, ".backlinks a").contains(&"Overfitting".to_string()));
    // The site's own templates/shortcodes/abbr.html, with its arguments.
    assert_eq!(attrs(&en, ".entry-body abbr", "title"), ["machine learning"]);
    assert_eq!(texts(&en, ".entry-body abbr"), ["ML"]);
    crate::validity::nu_check(root);
}

#[test]
fn shortcodes_in_code_stay_text_and_callout_text_is_linked_and_searched() {
    let dir = built();
    let root = dir.path();
    let en = page(root, "en/overfitting/index.html");
    assert_eq!(texts(&en, ".entry-body p code"), ["{{ term(id=\"zebra\") }}"]);
    assert!(texts(&en, ".entry-body pre code")[0].starts_with("{% tip() %} A callout is written like this."));
    // The auto-linker reads the callout's body: the mention of a concept's title is linked.
    assert_eq!(attrs(&en, "aside.callout-note a.gloss-auto", "href"), ["/en/open-source-ai/"]);
    // Search indexes what readers see: the callout's words, not shortcode names or argument keys.
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("public/en/search-index.json")).unwrap()).unwrap();
    let entry = index["entries"].as_array().unwrap().iter().find(|e| e["t"] == "Overfitting").unwrap();
    let stems: Vec<&str> = entry["k"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(stems.contains(&"holdout") && stems.contains(&"except"), "{stems:?}");
    for source_only in ["abbr", "figur", "src", "caption", "short"] {
        assert!(!stems.contains(&source_only), "`{source_only}` is in {stems:?}");
    }
}

#[test]
fn shortcode_mistakes_are_errors_at_their_line_and_column() {
    let dir = site(Some("shortcode-mistakes"));
    let root = dir.path();
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    assert!(!out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(u64, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "content/en/zebra.md" && f["severity"] == "error")
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap(), f["message"].as_str().unwrap().into()))
        .collect();
    let has = |line: u64, column: u64, words: &str| {
        assert!(
            found.iter().any(|(l, c, m)| *l == line && *c == column && m.contains(words)),
            "no `{words}` at {line}:{column} in {found:#?}"
        )
    };
    has(9, 23, "unknown shortcode `notte`");
    has(11, 1, "needs `alt`");
    has(13, 1, "no concept `nowhere`");
    has(13, 30, "no argument `ids`");
    has(15, 1, "`colour` is not defined");
    has(17, 32, "not closed with `)`");
    has(19, 1, "no `{% end %}`");
    let hints: Vec<&str> = report["findings"].as_array().unwrap().iter().filter_map(|f| f["hint"].as_str()).collect();
    assert!(hints.contains(&"did you mean `note`?"), "{hints:?}");
    assert!(hints.iter().any(|h| h.contains("templates/shortcodes/broken.html, line 1")), "{hints:?}");
    // The build refuses the same mistakes and leaves no output behind.
    let built = common::build(root, &[]);
    assert!(!built.status.success());
    assert!(common::stderr(&built).contains("content/en/zebra.md:9:23: error: unknown shortcode `notte`"));
    assert!(!root.join("public").exists());
}

#[test]
fn hugo_shortcodes_are_warned_about_with_the_glossgen_way_and_stay_text() {
    let dir = site(None);
    let root = dir.path();
    let zebra = root.join("content/en/zebra.md");
    let text = std::fs::read_to_string(&zebra).unwrap();
    let hugo = "\n{{< notice warning >}}\nMind the gap.\n{{< /notice >}}\n\n{{% figure src=\"a.png\" %}}\n";
    std::fs::write(&zebra, format!("{text}{hugo}")).unwrap();
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let foreign: Vec<&Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "foreign-shortcode").collect();
    assert_eq!(foreign.len(), 2, "{foreign:#?}");
    assert_eq!((foreign[0]["line"].as_u64(), foreign[0]["severity"].as_str()), (Some(11), Some("warning")));
    assert!(foreign[0]["hint"].as_str().unwrap().contains("{% warning() %}"), "{foreign:#?}");
    assert!(foreign[1]["hint"].as_str().unwrap().contains("figure(src="), "{foreign:#?}");
    // A warning, so the site builds, with the shortcode shown as the author wrote it.
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert!(common::stderr(&built).contains("foreign-shortcode") || common::stderr(&built).contains("Hugo shortcode"));
    let page = page(root, "en/zebra/index.html");
    assert!(texts(&page, ".entry-body p").iter().any(|p| p.starts_with("{{< notice warning >}}")));
    // Allowed in site.toml, the rule is quiet.
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("{config}\n[check]\nallow = [\"foreign-shortcode\"]\n")).unwrap();
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!report["findings"].as_array().unwrap().iter().any(|f| f["code"] == "foreign-shortcode"));
}

#[test]
fn a_broken_shortcode_template_is_an_error_in_the_template_file() {
    let dir = site(None);
    let root = dir.path();
    common::write(root, "templates/shortcodes/box.html", "<div>{% if %}</div>\n");
    let built = common::build(root, &[]);
    assert!(!built.status.success());
    let shown = common::stderr(&built);
    assert!(shown.contains("templates/shortcodes/box.html:1:"), "{shown}");
}
