//! The bundled glossary as a deployable site: valid HTML5 (W3C Nu HTML Checker), no axe-core violations in
//! headless Chromium in both languages, and search that works in the browser with the keyboard.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common;
use crate::common::browser::Browser;
use crate::common::server::{Server, free_port};

fn bundled_build(extra_config: &str) -> tempfile::TempDir {
    let dir = common::bundled_site();
    let config = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(dir.path().join("site.toml"), format!("{extra_config}\n{config}")).unwrap();
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

pub(crate) fn nu_check(site: &Path) {
    let Some(jar) = common::tools::npm_file("vnu-jar/build/dist/vnu.jar") else { return };
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html"])
        .arg(site.join("public"))
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && report.trim().is_empty(), "the Nu HTML Checker found errors:\n{report}");
}

#[test]
fn every_page_is_valid_html() {
    let site = bundled_build("");
    let pages = walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > 200, "{pages} pages");
    nu_check(site.path());
}

#[cfg(feature = "minify")]
#[test]
fn minified_pages_stay_valid() {
    let site = bundled_build("minify = true");
    let html = std::fs::read_to_string(site.path().join("public/en/overfitting/index.html")).unwrap();
    assert!(!html.contains("\n  <"), "the output is minified");
    nu_check(site.path());
}

/// A glossgen built without the `minify` feature says so, at the setting, instead of publishing unminified
/// pages.
#[cfg(not(feature = "minify"))]
#[test]
fn minify_without_the_feature_is_refused_with_a_hint() {
    let dir = common::bundled_site();
    let config = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(dir.path().join("site.toml"), format!("minify = true\n{config}")).unwrap();
    let out = common::build(dir.path(), &[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("site.toml:1:") && err.contains("built without minification"), "{err}");
    assert!(err.contains("--features minify"), "{err}");
    assert!(!dir.path().join("public").exists(), "nothing is published");
}

/// axe-core's options for every rule, reporting violations only.
const EVERY_RULE: &str = "{ resultTypes: ['violations'] }";

/// axe-core's violations on the page currently open, as `rule: selectors` lines.
pub(crate) fn axe_violations(browser: &mut Browser, axe_source: &str) -> Vec<String> {
    axe_run(browser, axe_source, EVERY_RULE)
}

/// Runs axe-core with `options` on the open page, loading it into the page first if this page lacks it.
fn axe_run(browser: &mut Browser, axe_source: &str, options: &str) -> Vec<String> {
    if browser.eval("typeof axe === 'undefined'") != serde_json::Value::Bool(false) {
        browser.eval(axe_source);
    }
    let found = browser.eval(&format!(
        "axe.run(document, {options}).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    ));
    found.as_array().unwrap_or(&Vec::new()).iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn no_accessibility_violations_in_either_language() {
    let Some(axe) = common::tools::npm_file("axe-core/axe.min.js") else { return };
    let axe_source = std::fs::read_to_string(axe).unwrap();
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = Browser::open(&format!("{base}/en/")) else { return };
    let mut problems = Vec::new();
    for lang in ["en", "nl"] {
        for path in [
            format!("/{lang}/open-weights-vs-open-source/"),
            format!("/{lang}/"),
            format!("/{lang}/categories/open-source/"),
            format!("/{lang}/search/?q=model"),
        ] {
            browser.navigate(&format!("{base}{path}"));
            problems.extend(axe_violations(&mut browser, &axe_source).into_iter().map(|v| format!("{path}: {v}")));
        }
        // The search box with its list of results open.
        browser.navigate(&format!("{base}/{lang}/"));
        browser.press("/");
        browser.wait_until("document.activeElement.id === 'search-input'", Duration::from_secs(5));
        browser.type_text("mod");
        browser.wait_until("!document.getElementById('search-results').hidden", Duration::from_secs(10));
        problems.extend(
            axe_violations(&mut browser, &axe_source).into_iter().map(|v| format!("/{lang}/ (search open): {v}")),
        );
    }
    assert!(problems.is_empty(), "axe-core violations:\n{}", problems.join("\n"));
}

#[test]
fn search_finds_a_dutch_alias_typed_without_its_accent_and_works_with_the_keyboard() {
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = Browser::open(&format!("{base}/nl/")) else { return };
    // "/" focuses the search box from anywhere on the page.
    browser.press("/");
    browser.wait_until("document.activeElement.id === 'search-input'", Duration::from_secs(5));
    // The Dutch entry "Gradiëntafdaling", typed without the diaeresis.
    browser.type_text("gradientafdaling");
    browser
        .wait_until("document.querySelectorAll('#search-results [role=option]').length > 0", Duration::from_secs(10));
    let first = browser.eval("document.querySelector('#search-results [role=option] .search-title').textContent");
    assert_eq!(first, "Gradiëntafdaling");
    // Arrow keys move the selection; Enter opens it.
    let options = browser.eval("document.querySelectorAll('#search-results [role=option]').length").as_u64().unwrap();
    browser.press("ArrowDown");
    let selected = if options > 1 { 1 } else { 0 };
    let href =
        browser.eval(&format!("document.querySelectorAll('#search-results [role=option]')[{selected}].dataset.href"));
    assert_eq!(browser.eval("document.querySelector('[aria-selected=true]').id"), format!("search-option-{selected}"));
    browser.press("Enter");
    let target = format!("{base}{}", href.as_str().unwrap());
    browser.wait_until(&format!("location.href === {target:?}"), Duration::from_secs(10));
}

#[test]
fn search_forgives_typing_mistakes_and_finds_the_parts_of_dutch_compounds() {
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = Browser::open(&format!("{base}/nl/")) else { return };
    let titles =
        "[...document.querySelectorAll('#search-results [role=option] .search-title')].map((t) => t.textContent)";
    let search = |browser: &mut Browser, query: &str| {
        browser.eval("(() => { const i = document.getElementById('search-input'); i.value = ''; i.focus(); })()");
        browser.type_text(query);
        browser.wait_until(
            "document.querySelectorAll('#search-results [role=option]').length > 0",
            Duration::from_secs(10),
        );
        browser.eval(titles)
    };
    // Two letters swapped (13 letters: two edits allowed).
    let found = search(&mut browser, "regularisatei");
    assert_eq!(found[0], "Regularisatie", "{found}");
    // The last part of a Dutch compound finds the compound: "beeldtoken" in the body of Multimodaal model,
    // after the entries that match the word itself (the search page lists every result).
    browser.navigate(&format!("{base}/nl/search/?q=token"));
    let listed = "[...document.querySelectorAll('#search-page-results .entry-title')].map((t) => t.textContent)";
    browser.wait_until(&format!("{listed}.length > 0"), Duration::from_secs(10));
    let found = browser.eval(listed);
    let found: Vec<&str> = found.as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    assert_eq!(found[0], "Tokenisatie", "{found:?}");
    assert_eq!(found.last(), Some(&"Multimodaal model"), "{found:?}");
    browser.navigate(&format!("{base}/nl/"));
    // One letter wrong in a nine-letter word.
    let found = search(&mut browser, "embeddinh");
    assert_eq!(found[0], "Embedding", "{found}");
    // Four letters are too few to guess from: no result.
    browser.eval("(() => { const i = document.getElementById('search-input'); i.value = ''; })()");
    browser.type_text("biaz");
    let count = "document.querySelectorAll('#search-results [role=option]').length";
    let none = browser.eval("[...document.querySelectorAll('#search-results [role=option] .search-title')].some((t) => t.textContent === 'Bias')");
    assert_eq!(none, serde_json::json!(false), "{}", browser.eval(count));
}

#[test]
fn search_finds_the_entries_that_carry_a_tag() {
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = Browser::open(&format!("{base}/nl/")) else { return };
    browser.press("/");
    browser.wait_until("document.activeElement.id === 'search-input'", Duration::from_secs(5));
    // No Dutch entry uses the word in its title, aliases or summary: only the tag finds them.
    browser.type_text("grondbeginselen");
    browser
        .wait_until("document.querySelectorAll('#search-results [role=option]').length > 0", Duration::from_secs(10));
    let titles = browser.eval(
        "[...document.querySelectorAll('#search-results [role=option] .search-title')].map((t) => t.textContent)",
    );
    let titles: Vec<&str> = titles.as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
    assert!(titles.contains(&"Activatiefunctie") && titles.contains(&"Contextvenster"), "{titles:?}");
}

#[test]
fn pages_fit_a_320_pixel_phone_without_sideways_scrolling() {
    let server = Server::start(Path::new(env!("CARGO_MANIFEST_DIR")), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = Browser::open(&format!("{base}/en/")) else { return };
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": 320, "height": 640, "deviceScaleFactor": 2, "mobile": true}),
    );
    for path in ["/en/attention/", "/nl/open-weights-vs-open-source/", "/nl/", "/en/categories/"] {
        browser.navigate(&format!("{base}{path}"));
        let width = browser.eval("document.documentElement.scrollWidth").as_u64().unwrap();
        assert!(width <= 320, "{path} is {width} px wide at a 320 px viewport");
    }
}

/// The pages of a built site that readers see (alias redirects, which send the browser on at once, left
/// out), as site paths.
fn reader_pages(public: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| !std::fs::read_to_string(e.path()).unwrap().contains("http-equiv=\"refresh\""))
        .map(|e| {
            let rel = e.path().strip_prefix(public).unwrap().to_string_lossy().replace('\\', "/");
            format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel))
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_page_has_no_accessibility_violations_in_light_and_dark_mode() {
    let Some(axe) = common::tools::npm_file("axe-core/axe.min.js") else { return };
    let axe_source = std::fs::read_to_string(axe).unwrap();
    let site = bundled_build("");
    let pages = reader_pages(&site.path().join("public"));
    assert!(pages.len() > 150 && pages.contains(&"/nl/".to_string()), "{} pages", pages.len());
    let server = Server::start(site.path(), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    // Two browsers share the pages, one per half, as the machine running the tests has at least two cores.
    let halves: Vec<&[String]> = pages.chunks(pages.len().div_ceil(2)).collect();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> =
            halves.iter().map(|half| scope.spawn(|| light_and_dark_violations(&base, half, &axe_source))).collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    assert!(problems.is_empty(), "axe-core violations on {} pages:\n{}", pages.len(), problems.join("\n"));
}

/// Every axe-core rule on each page in the light scheme, then the colour rules in the dark one: the dark
/// scheme changes only the colour properties of the stylesheet, so only the colour rules can tell it apart.
fn light_and_dark_violations(base: &str, paths: &[String], axe_source: &str) -> Vec<String> {
    let Some(mut browser) = Browser::open(&format!("{base}/en/")) else { return Vec::new() };
    let mut problems = Vec::new();
    for path in paths {
        browser.navigate(&format!("{base}{path}"));
        for (scheme, options) in [
            ("light", EVERY_RULE),
            ("dark", "{ resultTypes: ['violations'], runOnly: ['color-contrast', 'link-in-text-block'] }"),
        ] {
            let features = serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]});
            browser.call("Emulation.setEmulatedMedia", features);
            let found = axe_run(&mut browser, axe_source, options);
            problems.extend(found.into_iter().map(|v| format!("{path} ({scheme}): {v}")));
        }
    }
    problems
}
