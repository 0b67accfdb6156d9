//! Kinds of edit beyond the fixture's entries, rebuilt incrementally and compared with a full build: edits of
//! the bundled glossary (about fifty concepts per language, with many links and mentions between them), every
//! template of the theme overridden by the site, UI strings, `site.toml`, static files and a theme of the
//! site's own. How a row runs is in `incremental_table.rs`.

use std::path::Path;

use glossgen::rebuild::Outcome;

use crate::incremental_table::Check::*;
use crate::incremental_table::{Change, Check, Kind, edit, remove, run_all, write};

const EN_OF: &str = "content/en/overfitting.md";
const NL_OF: &str = "content/nl/overfitting.md";
const EN_ZEBRA: &str = "content/en/zebra.md";
const SITE: &str = "site.toml";
/// A line of the fixture's `site.toml` after which a setting can be added.
const SETTINGS: &str = "default_language = \"en\"";

fn stylesheets(names: &[&str]) -> Check {
    Reports(Outcome::Stylesheets(names.iter().map(|n| n.to_string()).collect()))
}

#[test]
fn edits_of_the_bundled_glossary_match_a_full_build() {
    run_all(vec![
        Kind::new("body of an entry many others link to (en)")
            .bundled()
            .step(vec![edit(EN_OF, "training examples too literally.", "training examples far too literally.")])
            .check(Changes("en/overfitting/index.html"))
            .check(Keeps("en/attention/")),
        Kind::new("body of an entry many others link to (nl)")
            .bundled()
            .step(vec![edit(
                NL_OF,
                "trainingsvoorbeelden te letterlijk leert.",
                "trainingsvoorbeelden veel te letterlijk leert.",
            )])
            .check(Changes("nl/overfitting/index.html"))
            .check(Keeps("nl/attention/")),
        Kind::new("summary of an entry many others link to (en)").bundled().step(vec![edit(
            EN_OF,
            "that it performs worse on new, unseen data.",
            "that it does worse on new data.",
        )]),
        Kind::new("summary of an entry many others link to (nl)").bundled().step(vec![edit(
            NL_OF,
            "dat het slechter presteert op nieuwe data.",
            "dat het minder goed presteert op nieuwe data.",
        )]),
        Kind::new("title of an entry many bodies mention (en)")
            .bundled()
            .step(vec![edit(EN_OF, "title: Overfitting", "title: Fitting Too Closely")])
            .step(vec![edit(EN_OF, "title: Fitting Too Closely", "title: Overfitting")]),
        Kind::new("title of an entry many bodies mention (nl)")
            .bundled()
            .step(vec![edit(NL_OF, "title: Overfitting", "title: Te nauwe aanpassing")])
            .step(vec![edit(NL_OF, "title: Te nauwe aanpassing", "title: Overfitting")]),
        Kind::new("translation stamp changed while readers are told of outdated translations (nl)")
            .bundled()
            .setup(vec![edit(SITE, "theme = \"default\"", "theme = \"default\"\noutdated_notice = true")])
            .step(vec![edit(NL_OF, "translated_from: 8eb2f7036066307b", "translated_from: 0000000000000000")])
            .check(Changes("nl/overfitting/index.html"))
            .check(Shows("Deze vertaling is mogelijk verouderd".into()))
            .step(vec![edit(NL_OF, "translated_from: 0000000000000000", "translated_from: 8eb2f7036066307b")])
            .check(Hides("Deze vertaling is mogelijk verouderd".into())),
        Kind::new("body link added to an entry many others link to (en)")
            .bundled()
            .step(vec![edit(
                "content/en/attention.md",
                "Attention is a mechanism that lets a",
                "Unlike [overfitting](@/overfitting.md), attention is a mechanism that lets a",
            )])
            .check(Changes("en/overfitting/index.html")),
        Kind::new("body link added to an entry many others link to (nl)")
            .bundled()
            .step(vec![edit(
                "content/nl/attention.md",
                "Attention (in het Nederlands soms",
                "Anders dan bij [overfitting](@/overfitting.md) laat attention (in het Nederlands soms",
            )])
            .check(Changes("nl/overfitting/index.html")),
        Kind::new("body link removed from an entry many others link to (en)").bundled().step(vec![edit(
            "content/en/loss-function.md",
            "sign of [overfitting](@/overfitting.md).",
            "sign of trouble.",
        )]),
        Kind::new("body link removed from an entry many others link to (nl)").bundled().step(vec![edit(
            "content/nl/loss-function.md",
            "teken van [overfitting](@/overfitting.md).",
            "teken van problemen.",
        )]),
        Kind::new("source edited while readers are told of outdated translations")
            .bundled()
            .setup(vec![edit(SITE, "theme = \"default\"", "theme = \"default\"\noutdated_notice = true")])
            .step(vec![edit(EN_OF, "training examples too literally.", "training examples far too literally.")])
            .check(Changes("nl/overfitting/index.html"))
            .check(Shows("Deze vertaling is mogelijk verouderd".into())),
    ]);
}

/// The default theme's templates, partials included, as names below `templates/`.
fn theme_templates() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut names: Vec<String> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_template_of_the_theme_overridden_by_the_site_matches_a_full_build() {
    let names = theme_templates();
    for required in glossgen::render::REQUIRED_TEMPLATES {
        assert!(names.iter().any(|n| n == required), "the theme lacks {required}: {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("partials/")), "{names:?}");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let kinds = names
        .iter()
        .map(|name| {
            // The marker goes where the template prints it: into the content block of a page template that
            // extends another, else first in the file.
            let source = std::fs::read_to_string(theme.join(name)).unwrap();
            let marker = format!("<!-- site override of {name} -->");
            let overridden = if source.contains("{% extends") {
                source.replacen("{% block content %}", &format!("{{% block content %}}{marker}"), 1)
            } else {
                format!("{marker}{source}")
            };
            let file = format!("templates/{name}");
            let mut saves = vec![write(&file, &overridden)];
            if name == "partials/lang_badge.html" {
                // The badge shows only where a link leads to another language: leave a concept untranslated.
                saves.insert(0, remove("content/nl/overfitting.md"));
            }
            if name == "tag.html" {
                // A tag page exists only where an entry has a tag.
                saves.insert(
                    0,
                    edit("content/en/overfitting.md", "title: Overfitting", "title: Overfitting\ntags: [training]"),
                );
            }
            if name == "partials/cta.html" {
                // Calls to action show only where the site has one.
                let last = "description = \"Een klein woordenboek voor tests.\"";
                let cta = format!("{last}\n\n[[languages.nl.cta]]\ntitle = \"Vragen?\"\nbutton = \"Mail ons\"\nurl = \"mailto:a@example.org\"\n");
                saves.insert(0, edit("site.toml", last, &cta));
            }
            if let Some(shortcode) = name.strip_prefix("shortcodes/").and_then(|n| n.strip_suffix(".html")) {
                // A shortcode's template shows only where a body calls it.
                let call = match shortcode {
                    "figure" => "{{ figure(src=\"/a.png\", alt=\"A curve\") }}".to_string(),
                    "term" => "{{ term(id=\"zebra\") }}".to_string(),
                    callout => format!("{{% {callout}() %}}\nMind the gap.\n{{% end %}}"),
                };
                let body = format!("Too close a fit.\n\n{call}\n");
                saves.insert(0, edit("content/en/overfitting.md", "Too close a fit.\n", &body));
            }
            Kind::new(&format!("template {name} overridden, then the override removed"))
                .step(saves)
                .check(Reports(Outcome::Everything))
                .check(Shows(marker.clone()))
                .step(vec![remove(&file)])
                .check(Reports(Outcome::Everything))
                .check(Hides(marker))
        })
        .collect();
    run_all(kinds);
}

#[test]
fn strings_and_settings_match_a_full_build() {
    let setting = |line: &str| edit(SITE, SETTINGS, &format!("{SETTINGS}\n{line}"));
    let unset = |line: &str| edit(SITE, &format!("{SETTINGS}\n{line}"), SETTINGS);
    let mut kinds = vec![
        Kind::new("UI string changed (en)")
            .step(vec![edit("i18n/en.toml", "next = \"Next\"", "next = \"Onward\"")])
            .check(Reports(Outcome::Everything))
            .check(Shows("Onward".into())),
        Kind::new("UI string changed (nl)")
            .step(vec![edit("i18n/nl.toml", "next = \"Volgende\"", "next = \"Hierna\"")])
            .check(Shows("Hierna".into())),
        Kind::new("UI string shown on cards changed (en)").step(vec![edit(
            "i18n/en.toml",
            "difficulty_beginner = \"Beginner\"",
            "difficulty_beginner = \"Novice\"",
        )]),
        Kind::new("UI string shown on cards changed (nl)").step(vec![edit(
            "i18n/nl.toml",
            "difficulty_intermediate = \"Gemiddeld\"",
            "difficulty_intermediate = \"Middelmatig\"",
        )]),
        Kind::new("site title changed (en)")
            .step(vec![edit(SITE, "title = \"Test Glossary\"", "title = \"Test Lexicon\"")])
            .check(Reports(Outcome::Everything))
            .check(Shows("Test Lexicon".into())),
        Kind::new("site title changed (nl)")
            .step(vec![edit(SITE, "title = \"AI Woordenboek\"", "title = \"AI Lexicon\"")])
            .check(Shows("AI Lexicon".into())),
        Kind::new("site description changed").step(vec![edit(
            SITE,
            "A small glossary for tests.",
            "A small glossary for checks.",
        )]),
        Kind::new("autolink switched off for the site, then on again")
            .setup(vec![edit(EN_ZEBRA, "Only in English.", "Only in English, and prone to overfitting.")])
            .step(vec![setting("autolink = false")])
            .step(vec![unset("autolink = false")]),
        Kind::new("alias redirects as files with host rules, then an alias added and a title changed")
            .setup(vec![setting("alias_pages = \"files\"\nalias_rules = [\"netlify\", \"nginx\"]")])
            .step(vec![edit(EN_OF, "aliases: [overtraining]", "aliases: [overtraining, overfit]")])
            .step(vec![edit(EN_OF, "title: Overfitting", "title: Overfitting again")]),
        Kind::new("alias redirects by rules only, then an alias renamed")
            .setup(vec![setting("alias_pages = \"none\"\nalias_rules = [\"netlify\"]")])
            .step(vec![edit(EN_OF, "aliases: [overtraining]", "aliases: [overtrained]")]),
        Kind::new("alias redirects switched to files").step(vec![setting("alias_pages = \"files\"")]),
        Kind::new("raw HTML switched off")
            .setup(vec![edit(EN_ZEBRA, "Only in English.", "Only in <b>English</b>.")])
            .step(vec![setting("allow_html = false")]),
        Kind::new("highlight theme changed").step(vec![setting("highlight_theme = \"base16-ocean.light\"")]),
        Kind::new("base URL changed").step(vec![edit(
            SITE,
            "base_url = \"https://example.org/\"",
            "base_url = \"https://example.com/glossary/\"",
        )]),
        Kind::new("language name changed").step(vec![edit(SITE, "name = \"Nederlands\"", "name = \"Dutch\"")]),
        Kind::new("default language changed").step(vec![edit(
            SITE,
            "default_language = \"en\"",
            "default_language = \"nl\"",
        )]),
    ];
    // Minification is a build feature (`--features minify`).
    if cfg!(feature = "minify") {
        kinds.push(Kind::new("minify switched on").step(vec![setting("minify = true")]));
    }
    run_all(kinds);
}

#[test]
fn static_files_and_a_site_theme_match_a_full_build() {
    let css = "static/extra.css";
    let svg = "static/favicon.svg";
    let local_theme = [
        Change::CopyFromRepo("themes/default".into(), "themes/local".into()),
        edit(SITE, SETTINGS, &format!("{SETTINGS}\ntheme = \"local\"")),
    ];
    run_all(vec![
        Kind::new("stylesheet added").step(vec![write(css, "a { color: red; }")]).check(stylesheets(&["extra.css"])),
        Kind::new("stylesheet changed")
            .setup(vec![write(css, "a { color: red; }")])
            .step(vec![write(css, "a { color: blue; }")])
            .check(stylesheets(&["extra.css"])),
        Kind::new("stylesheet removed")
            .setup(vec![write(css, "a { color: red; }")])
            .step(vec![remove(css)])
            .check(stylesheets(&["extra.css"]))
            .check(Gone("extra.css")),
        Kind::new("the theme's stylesheet replaced by the site's, then restored")
            .step(vec![write("static/style.css", "body { margin: 0; }")])
            .check(stylesheets(&["style.css"]))
            .step(vec![remove("static/style.css")])
            .check(stylesheets(&["style.css"])),
        Kind::new("other static file added")
            .step(vec![write(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")])
            .check(Exists("favicon.svg")),
        Kind::new("other static file changed")
            .setup(vec![write(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")])
            .step(vec![write(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\"/>")]),
        Kind::new("other static file removed")
            .setup(vec![write(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")])
            .step(vec![remove(svg)])
            .check(Gone("favicon.svg")),
        Kind::new("static file in a subfolder added").step(vec![write("static/img/logo.svg", "<svg/>")]),
        Kind::new("the theme's script replaced by the site's, then restored")
            .step(vec![write("static/search.js", "// replaced\n")])
            .step(vec![remove("static/search.js")]),
        Kind::new("static file with the address of a generated file added")
            .step(vec![write("static/robots.txt", "User-agent: *\nDisallow: /\n")]),
        Kind::new("static file with the address of a generated file removed")
            .setup(vec![write("static/robots.txt", "User-agent: *\nDisallow: /\n")])
            .step(vec![remove("static/robots.txt")])
            .check(Exists("robots.txt")),
        Kind::new("static file with the address of an entry page, then the entry edited")
            .setup(vec![write("static/en/zebra/index.html", "<p>A page of the site's own.</p>\n")])
            .step(vec![edit(EN_ZEBRA, "Only in English.", "Still only in English.")]),
        Kind::new("static file with the address of an entry page removed")
            .setup(vec![write("static/en/zebra/index.html", "<p>A page of the site's own.</p>\n")])
            .step(vec![remove("static/en/zebra/index.html")])
            .check(Exists("en/zebra/index.html")),
        Kind::new("an entry and a stylesheet saved in one batch")
            .setup(vec![write(css, "a { color: red; }")])
            .step(vec![write(css, "a { color: blue; }"), edit(EN_ZEBRA, "Only in English.", "Still only in English.")]),
        Kind::new("an entry and another static file saved in one batch").step(vec![
            write(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            edit(EN_ZEBRA, "Only in English.", "Still only in English."),
        ]),
        Kind::new("a template of the site's own theme changed")
            .setup(local_theme.to_vec())
            .step(vec![edit(
                "themes/local/templates/entry.html",
                "{% block content %}",
                "{% block content %}<!-- local theme -->",
            )])
            .check(Reports(Outcome::Everything))
            .check(Shows("<!-- local theme -->".into())),
        Kind::new("a stylesheet of the site's own theme changed")
            .setup(local_theme.to_vec())
            .step(vec![write("themes/local/static/style.css", "body { margin: 1px; }")])
            .check(stylesheets(&["style.css"])),
        Kind::new("a script of the site's own theme changed")
            .setup(local_theme.to_vec())
            .step(vec![write("themes/local/static/search.js", "// replaced\n")]),
    ]);
}
