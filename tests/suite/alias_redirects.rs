//! The ways aliases redirect (`alias_pages`, `alias_rules`): a folder per alias by default, a file per alias,
//! or rule files for hosts that read them, each pointing at pages the build really wrote.

use std::path::Path;

use crate::common;

fn build_with(settings: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = common::site(None);
    let config = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(dir.path().join("site.toml"), format!("{settings}\n{config}")).unwrap();
    let out = common::build(dir.path(), &[]);
    (dir, out)
}

/// The `(from, to, status)` rules of a Netlify `_redirects` file, comments left out.
fn netlify_rules(text: &str) -> Vec<(String, String, String)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(parts.len(), 3, "a rule is `from to status`: {l}");
            (parts[0].to_string(), parts[1].to_string(), parts[2].to_string())
        })
        .collect()
}

/// The file a site-absolute link is served from.
fn served_file(public: &Path, link: &str) -> std::path::PathBuf {
    let path = link.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') { public.join(path).join("index.html") } else { public.join(path) }
}

#[test]
fn alias_files_and_host_rules_lead_to_the_entries() {
    let (dir, out) = build_with("alias_pages = \"files\"\nalias_rules = [\"netlify\", \"nginx\"]");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let public = dir.path().join("public");
    // One file per alias, no folder.
    let html = std::fs::read_to_string(public.join("nl/open-gewichten.html")).unwrap();
    let page = scraper::Html::parse_document(&html);
    let refresh = scraper::Selector::parse("meta[http-equiv=refresh]").unwrap();
    let content = page.select(&refresh).next().and_then(|m| m.value().attr("content")).unwrap();
    assert_eq!(content, "0; url=/nl/open-weights-vs-open-source/");
    assert!(!public.join("nl/open-gewichten").exists(), "no folder per alias");
    assert!(public.join("en/overtraining.html").exists() && public.join("en/osaid.html").exists());

    let rules = netlify_rules(&std::fs::read_to_string(public.join("_redirects")).unwrap());
    assert!(rules.contains(&("/nl/open-gewichten".into(), "/nl/open-weights-vs-open-source/".into(), "301".into())));
    let alias_files = ["en", "nl"]
        .iter()
        .flat_map(|lang| std::fs::read_dir(public.join(lang)).unwrap())
        .map(|f| f.unwrap().path())
        .filter(|f| f.extension().is_some_and(|e| e == "html") && !f.ends_with("index.html"))
        .count();
    assert!(alias_files >= 5);
    assert_eq!(rules.len(), alias_files, "one rule per alias file: {rules:?}");
    for (from, to, _) in &rules {
        assert!(served_file(&public, to).is_file(), "{to} is a page of the build");
        assert!(public.join(format!("{}.html", from.trim_start_matches('/'))).is_file(), "{from} has its file");
    }
    let nginx = std::fs::read_to_string(public.join("nginx-aliases.map")).unwrap();
    let map: Vec<(&str, &str)> = nginx
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let l = l.strip_suffix(';').expect("an nginx map line ends with ;");
            l.split_once(' ').unwrap()
        })
        .collect();
    let expected: Vec<(&str, &str)> = rules.iter().map(|(f, t, _)| (f.as_str(), t.as_str())).collect();
    assert_eq!(map, expected, "the nginx map holds the same redirects");
}

#[test]
fn rules_alone_replace_the_alias_pages_and_follow_a_sub_path() {
    let (dir, out) = build_with("alias_pages = \"none\"\nalias_rules = [\"netlify\"]");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let public = dir.path().join("public");
    assert!(!public.join("nl/open-gewichten").exists() && !public.join("nl/open-gewichten.html").exists());
    let rules = netlify_rules(&std::fs::read_to_string(public.join("_redirects")).unwrap());
    assert!(rules.contains(&("/nl/open-gewichten/".into(), "/nl/open-weights-vs-open-source/".into(), "301".into())));
    assert!(!public.join("nginx-aliases.map").exists());

    let out = common::build(dir.path(), &["--base-url", "https://example.org/glossary/"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let rules = netlify_rules(&std::fs::read_to_string(public.join("_redirects")).unwrap());
    assert!(
        rules.iter().all(|(from, to, _)| from.starts_with("/glossary/") && to.starts_with("/glossary/")),
        "{rules:?}"
    );
}

#[test]
fn unusable_alias_settings_are_reported_at_their_line() {
    let (dir, out) = build_with("alias_pages = \"none\"");
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("site.toml:1:") && err.contains("leaves every alias without a redirect"), "{err}");
    assert!(err.contains("alias_rules"), "the hint names the setting: {err}");
    assert!(!dir.path().join("public").exists());

    let (_dir, out) = build_with("alias_pages = \"pages\"\nalias_rules = [\"apache\"]");
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("site.toml:1:") && err.contains("`folders`, `files` or `none`"), "{err}");
    assert!(err.contains("site.toml:2:") && err.contains("`apache` is not a kind of redirect rules"), "{err}");
}
