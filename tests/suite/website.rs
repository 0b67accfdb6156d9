//! A glossary inside its owner's website: menus in the header and footer, the breadcrumb's home, calls to
//! action on entry pages and category icons, all from `site.toml`, checked where they are written, and
//! usable on a phone without JavaScript.

use std::time::Duration;

use serde_json::json;

use crate::common::browser::Browser;
use crate::common::server::{Server, free_port};
use crate::common::{self, attrs, page, site, texts};

fn built() -> tempfile::TempDir {
    let dir = site(Some("website"));
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir
}

#[test]
fn menus_and_the_breadcrumb_home_come_from_site_toml_in_each_language() {
    let dir = built();
    let root = dir.path();
    let entry = page(root, "en/overfitting/index.html");
    assert_eq!(texts(&entry, ".site-menu a"), ["Services", "Glossary", "Categories", "Blog"]);
    // An entry page is in the glossary's section; the category list is a menu item's own page.
    assert_eq!(attrs(&entry, ".site-menu a[aria-current]", "href"), ["/en/"]);
    assert_eq!(attrs(&entry, ".site-menu a[aria-current]", "aria-current"), ["true"]);
    let categories = page(root, "en/categories/index.html");
    assert_eq!(attrs(&categories, ".site-menu a[aria-current=page]", "href"), ["/en/categories/"]);
    assert_eq!(attrs(&entry, ".site-menu a[rel~=external]", "href"), ["https://blog.example.net/"]);
    // The menu replaces the theme's own links; the toggle for phones is labelled.
    assert!(texts(&entry, ".site-nav:not(.site-menu)").is_empty());
    assert_eq!(texts(&entry, "label[for=menu-toggle]"), ["Menu"]);
    assert_eq!(texts(&entry, ".footer-menu .footer-heading"), ["Company", "Elsewhere"]);
    assert_eq!(
        attrs(&entry, ".footer-menu a", "href"),
        ["/en/about/", "mailto:hello@example.org", "https://code.example.net/glossary"]
    );
    assert_eq!(texts(&entry, ".breadcrumb li")[..2], ["Example Co".to_string(), "Test Glossary".to_string()]);
    assert_eq!(attrs(&entry, ".breadcrumb li a", "href")[0], "/");
    let dutch = page(root, "nl/overfitting/index.html");
    assert_eq!(texts(&dutch, ".site-menu a"), ["Diensten", "Woordenboek"]);
    assert_eq!(texts(&dutch, ".breadcrumb li")[0], "Voorbeeld bv");
    assert!(texts(&dutch, ".footer-menu").is_empty());
    let listing = page(root, "en/categories/foundations/index.html");
    assert_eq!(texts(&listing, ".breadcrumb li")[0], "Example Co");
    crate::validity::nu_check(root);
}

#[test]
fn calls_to_action_stand_where_placed_and_an_entry_can_leave_them_off() {
    let dir = built();
    let root = dir.path();
    let sections = |html: &scraper::Html| -> Vec<String> {
        let selector = scraper::Selector::parse("article.entry > section, article.entry > aside.cta").unwrap();
        html.select(&selector)
            .map(|e| e.value().attr("class").unwrap_or_default().to_string() + ":" + &e.text().collect::<String>())
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let entry = page(root, "en/open-weights-vs-open-source/index.html");
    let order = sections(&entry);
    let place = |prefix: &str| {
        order.iter().position(|s| s.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix} in {order:#?}"))
    };
    assert!(place("sources:") < place("cta: Need help") && place("cta: Need help") < place("related:"), "{order:#?}");
    assert!(place("related:") < place("cta: Talk to an expert"), "{order:#?}");
    assert_eq!(attrs(&entry, "aside.cta a.cta-button", "href"), ["/en/contact/", "https://calendar.example.net/"]);
    assert_eq!(texts(&entry, "aside.cta .cta-text"), ["We help teams take models from trial to production."]);
    // Each block is a landmark named by its heading.
    for (labelled, id) in attrs(&entry, "aside.cta", "aria-labelledby").iter().zip(attrs(&entry, "aside.cta h2", "id"))
    {
        assert_eq!(*labelled, id);
    }
    // Dutch has one block, at the end; `cta: false` in een.md leaves it off that page.
    let dutch = page(root, "nl/overfitting/index.html");
    assert_eq!(texts(&dutch, "article.entry > aside.cta:last-child h2"), ["Hulp nodig bij AI?"]);
    let without = page(root, "nl/een-begrip/index.html");
    assert!(texts(&without, "aside.cta").is_empty());
}

#[test]
fn category_icons_show_on_entries_cards_and_category_pages_in_every_language() {
    let dir = built();
    let root = dir.path();
    let entry = page(root, "en/overfitting/index.html");
    assert_eq!(attrs(&entry, ".badge-category svg.icon", "aria-hidden"), ["true"]);
    assert_eq!(texts(&entry, ".badge-category"), ["Foundations"]);
    // Set for `foundations`, the icon also marks the Dutch category its concepts are filed under.
    let dutch = page(root, "nl/overfitting/index.html");
    assert_eq!(attrs(&dutch, ".badge-category svg.icon", "aria-hidden"), ["true"]);
    // A file of static/ as the icon: an image with empty alt text, the name beside it.
    let category = page(root, "en/categories/open-source/index.html");
    assert_eq!(attrs(&category, "h1 img.icon", "src"), ["/icons/licence.svg"]);
    assert_eq!(attrs(&category, "h1 img.icon", "alt"), [""]);
    assert!(root.join("public/icons/licence.svg").is_file());
    let list = page(root, "en/categories/index.html");
    assert_eq!(attrs(&list, ".category-list svg.icon", "aria-hidden").len(), 1);
    assert_eq!(attrs(&list, ".category-list img.icon", "src"), ["/icons/licence.svg"]);
    let home = page(root, "en/index.html");
    let on_cards = texts(&home, ".entry-item .badge-category");
    assert!(
        on_cards.contains(&"Foundations".to_string()) && on_cards.contains(&"Open Source".to_string()),
        "{on_cards:?}"
    );
}

#[test]
fn mistakes_in_menus_calls_to_action_and_icons_are_errors_at_their_line() {
    let dir = site(Some("website"));
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let broken = config
        .replacen("name = \"Services\"", "title = \"Services\"", 1)
        .replacen("url = \"/en/about/\"", "url = \"javascript:alert(1)\"", 1)
        .replacen("placement = \"after-related\"", "placement = \"sidebar\"", 1)
        .replacen("home_url = \"/\"\nhome_label = \"Voorbeeld bv\"", "home_label = \"Voorbeeld bv\"", 1);
    std::fs::write(root.join("site.toml"), &broken).unwrap();
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let out = common::build(root, &[]);
    assert!(!out.status.success());
    let shown = common::stderr(&out);
    for (needle, words) in [
        ("title = \"Services\"", "unknown setting `title` in [languages.en.menu.main]"),
        ("javascript:alert(1)", "is not a link address"),
        ("placement = \"sidebar\"", "`sidebar` is not a placement"),
        ("home_label = \"Voorbeeld bv\"", "`home_label` without `home_url`"),
    ] {
        let at = format!("site.toml:{}:", line_of(needle));
        assert!(shown.lines().any(|l| l.starts_with(&at) && l.contains(words)), "no `{words}` at {at}:\n{shown}");
    }
    assert!(!root.join("public").exists());
    // Icons are checked against the theme, once the settings are readable.
    let broken =
        config.replacen("icon = \"book\"", "icon = \"bok\"", 1).replacen("icons/licence.svg", "icons/none.svg", 1);
    std::fs::write(root.join("site.toml"), &broken).unwrap();
    let out = common::build(root, &[]);
    assert!(!out.status.success());
    let shown = common::stderr(&out);
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for needle in ["icon = \"bok\"", "icons/none.svg"] {
        let at = format!("site.toml:{}:", line_of(needle));
        assert!(shown.lines().any(|l| l.starts_with(&at) && l.contains("neither a built-in icon")), "{at}:\n{shown}");
    }
    assert!(shown.contains("did you mean `book`?"), "{shown}");
}

#[test]
fn on_a_phone_the_menu_folds_behind_a_button_that_works_without_javascript() {
    let dir = built();
    let server = Server::start(dir.path(), free_port());
    let base = format!("http://127.0.0.1:{}", server.port);
    let Some(mut browser) = Browser::open(&format!("{base}/en/")) else { return };
    browser.call("Emulation.setScriptExecutionDisabled", json!({"value": true}));
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 360, "height": 640, "deviceScaleFactor": 2, "mobile": true}),
    );
    browser.navigate(&format!("{base}/en/overfitting/"));
    let shown = "getComputedStyle(document.querySelector('.site-menu')).display !== 'none'";
    assert_eq!(browser.eval(shown), json!(false), "the menu is folded on a phone");
    // Keyboard: Tab reaches the toggle (after the skip link and the site title); Space opens the menu.
    for _ in 0..3 {
        browser.press("Tab");
    }
    assert_eq!(browser.eval("document.activeElement.id"), json!("menu-toggle"));
    browser.call(
        "Input.dispatchKeyEvent",
        json!({"type": "keyDown", "key": " ", "code": "Space", "windowsVirtualKeyCode": 32}),
    );
    browser.call(
        "Input.dispatchKeyEvent",
        json!({"type": "keyUp", "key": " ", "code": "Space", "windowsVirtualKeyCode": 32}),
    );
    browser.wait_until(shown, Duration::from_secs(5));
    let width = browser.eval("document.documentElement.scrollWidth").as_u64().unwrap();
    assert!(width <= 360, "{width} px wide");
    // On a wide screen the menu is open and the toggle is out of the way.
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1200, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
    );
    browser.navigate(&format!("{base}/en/overfitting/"));
    assert_eq!(browser.eval(shown), json!(true));
    assert_eq!(browser.eval("getComputedStyle(document.querySelector('.menu-button')).display"), json!("none"));
    // And no accessibility violations, with the menu open on a phone and on a wide screen.
    let Some(axe) = common::tools::npm_file("axe-core/axe.min.js") else { return };
    let axe_source = std::fs::read_to_string(axe).unwrap();
    browser.call("Emulation.setScriptExecutionDisabled", json!({"value": false}));
    let mut problems = Vec::new();
    for path in ["/en/overfitting/", "/nl/overfitting/", "/en/categories/", "/en/categories/open-source/"] {
        browser.navigate(&format!("{base}{path}"));
        problems.extend(
            crate::validity::axe_violations(&mut browser, &axe_source).into_iter().map(|v| format!("{path}: {v}")),
        );
    }
    assert!(problems.is_empty(), "axe-core violations:\n{}", problems.join("\n"));
}
