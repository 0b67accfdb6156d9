//! `glossgen check` (every rule, exit codes, JSON) and `glossgen new` (valid entries that build, no
//! overwriting, no invalid ids).

use serde_json::Value;

use crate::common::{self, glossgen, site};

fn check(root: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = glossgen(&args);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn findings(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["findings"].as_array().unwrap().clone()
}

fn has(findings: &[Value], code: &str, path: &str, line: Option<u64>) -> bool {
    findings.iter().any(|f| f["code"] == code && f["path"] == path && (line.is_none() || f["line"].as_u64() == line))
}

#[test]
fn check_on_a_valid_site_reports_warnings_but_no_errors() {
    let dir = site(None);
    let (code, text) = check(dir.path(), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.trim_end().ends_with("warnings") && text.contains("0 errors"), "{text}");
    let (strict, _) = check(dir.path(), &["--strict"]);
    assert_eq!(strict, 1, "warnings fail a strict check");
    let (_, json) = check(dir.path(), &["--format", "json"]);
    let f = findings(&json);
    assert!(has(&f, "missing-translation", "content/en/zebra.md", None), "{json}");
    assert!(has(&f, "orphan", "content/en/zebra.md", Some(2)), "{json}");
    assert!(!f.iter().any(|f| f["code"] == "related-not-reciprocated"), "off unless turned on: {json}");
    assert!(!dir.path().join("public").exists(), "check writes nothing");
}

fn append(root: &std::path::Path, file: &str, text: &str) {
    let path = root.join(file);
    let before = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, before + text).unwrap();
}

#[test]
fn check_settings_turn_rules_off_on_and_into_errors_and_entries_make_exceptions() {
    let dir = site(None);
    let root = dir.path();
    append(
        root,
        "site.toml",
        "\n[check]\nallow = [\"missing-translation\"]\nwarn = [\"related-not-reciprocated\"]\ndeny = [\"orphan\"]\n",
    );
    let (code, json) = check(root, &["--format", "json"]);
    let f = findings(&json);
    assert_eq!(code, 1, "a denied rule fails the check: {json}");
    assert!(!f.iter().any(|f| f["code"] == "missing-translation"), "{json}");
    assert!(has(&f, "related-not-reciprocated", "content/en/open-weights-vs-open-source.md", Some(13)), "{json}");
    let orphan = f.iter().find(|f| f["code"] == "orphan" && f["path"] == "content/en/zebra.md").expect("{json}");
    assert_eq!(orphan["severity"], "error", "{orphan}");
    // One entry excused: its finding goes, the others stay.
    let zebra = root.join("content/en/zebra.md");
    let text = std::fs::read_to_string(&zebra).unwrap();
    std::fs::write(&zebra, text.replacen("---\n", "---\ncheck_allow: [orphan]\n", 1)).unwrap();
    let (_, json) = check(root, &["--format", "json"]);
    let f = findings(&json);
    assert!(!f.iter().any(|f| f["code"] == "orphan" && f["path"] == "content/en/zebra.md"), "{json}");
    assert!(has(&f, "related-not-reciprocated", "content/en/open-weights-vs-open-source.md", Some(13)), "{json}");
    // A build leaves out what the site allows, and a denied rule does not stop it.
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert!(!common::stderr(&built).contains("missing-translation"), "{}", common::stderr(&built));
}

#[test]
fn unknown_rule_codes_are_errors_where_they_are_written() {
    let dir = site(None);
    let root = dir.path();
    let settings =
        "\n[check]\nallow = [\"orphen\", \"broken-link\"]\nwarn = [\"long-summary\"]\ndeny = [\"long-summary\"]\n";
    append(root, "site.toml", settings);
    let zebra = root.join("content/en/zebra.md");
    let text = std::fs::read_to_string(&zebra).unwrap();
    std::fs::write(&zebra, text.replacen("---\n", "---\ncheck_allow: [long-sumary]\n", 1)).unwrap();
    let (code, text) = check(root, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("site.toml:") && text.contains("no rule `orphen`"), "{text}");
    assert!(text.contains("did you mean `orphan`?"), "{text}");
    assert!(text.contains("`broken-link` finds mistakes the site cannot be built with"), "{text}");
    assert!(text.contains("`long-summary` is named twice"), "{text}");
    // Fixing site.toml shows the entry's mistake, at its line.
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    let fixed = config.replace("\"orphen\", \"broken-link\"", "\"orphan\"").replace("warn = [\"long-summary\"]\n", "");
    std::fs::write(root.join("site.toml"), fixed).unwrap();
    let (code, text) = check(root, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("content/en/zebra.md:2:") && text.contains("no rule `long-sumary`"), "{text}");
    assert!(text.contains("did you mean `long-summary`?"), "{text}");
}

#[test]
fn explain_describes_a_rule_and_refuses_an_unknown_one() {
    let out = glossgen(&["check", "--explain", "related-not-reciprocated"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("related-not-reciprocated: "), "{text}");
    assert!(text.contains("off unless turned on") && text.contains("[check]"), "{text}");
    let unknown = glossgen(&["check", "--explain", "orphen"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(common::stderr(&unknown).contains("did you mean `orphan`?"), "{}", common::stderr(&unknown));
}

#[test]
fn check_finds_every_kind_of_problem_with_file_and_line() {
    let dir = site(Some("check-findings"));
    let (code, json) = check(dir.path(), &["--format", "json"]);
    assert_eq!(code, 0, "an alias two concepts share is a warning, as in build: {json}");
    let f = findings(&json);
    let overfitting = "content/en/overfitting.md";
    assert!(has(&f, "alias-ambiguous", overfitting, Some(4)), "{json}");
    assert!(has(&f, "alias-ambiguous", "content/en/zebra.md", Some(4)), "{json}");
    assert!(has(&f, "alias-shadowed", overfitting, Some(4)), "{json}");
    assert!(has(&f, "alias-no-address", overfitting, Some(4)), "{json}");
    assert!(has(&f, "duplicate-source", overfitting, Some(12)), "{json}");
    assert!(has(&f, "long-summary", overfitting, Some(3)), "{json}");
    assert!(has(&f, "near-duplicate-title", "content/en/overfitting.md", Some(2)), "{json}");
    // Every finding has the documented fields.
    for finding in &f {
        for key in ["severity", "code", "path", "line", "column", "message", "hint"] {
            assert!(finding.get(key).is_some(), "{key} missing in {finding}");
        }
    }
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["errors"].as_u64().unwrap() as usize, f.iter().filter(|f| f["severity"] == "error").count());
}

#[test]
fn check_reports_build_errors_too() {
    let dir = site(Some("several-errors"));
    let (code, text) = check(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(text.contains("content/nl/open-source-ai.md:4:11: error: related concept `bestaat-niet`"), "{text}");
}

#[test]
fn new_creates_complete_entries_that_build() {
    let dir = site(None);
    let root = dir.path().to_str().unwrap();
    let out = glossgen(&[
        "new",
        "gradient-descent",
        "--root",
        root,
        "--title",
        "Gradient Descent",
        "--category",
        "Foundations",
        "--difficulty",
        "intermediate",
    ]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("content/en/gradient-descent.md") && printed.contains("content/nl/gradient-descent.md"));
    let nl = std::fs::read_to_string(dir.path().join("content/nl/gradient-descent.md")).unwrap();
    assert!(nl.contains("## Wat is Gradient Descent?") && nl.contains("## Voorbeeld"), "{nl}");
    let en = std::fs::read_to_string(dir.path().join("content/en/gradient-descent.md")).unwrap();
    let week = glossgen::week::IsoWeek::containing(time::OffsetDateTime::now_utc().date());
    for key in [
        "title: \"Gradient Descent\"",
        "summary:",
        "aliases: []",
        "difficulty: intermediate",
        "category: \"Foundations\"",
        "sources: []",
        "related: []",
    ] {
        assert!(en.contains(key), "{key} missing:\n{en}");
    }
    assert!(en.contains(&format!("week: {week}")), "{en}");
    let built = common::build(dir.path(), &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert!(dir.path().join("public/nl/gradient-descent/index.html").exists());
}

#[test]
fn new_writes_the_skeleton_in_the_site_language_and_check_finds_what_is_left_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(
        root,
        "site.toml",
        "base_url = \"https://example.org/\"\ndefault_language = \"de\"\n[languages.de]\nname = \"Deutsch\"\ntitle = \"Glossar\"\n",
    );
    let mut german = glossgen::scaffold::EN_STRINGS.to_string();
    for (key, text) in [
        ("new_summary", "Ein Satz, der sagt, was {title} ist."),
        ("new_what_is", "Was ist {title}?"),
        ("new_why", "Warum es wichtig ist"),
        ("new_how", "Wie es funktioniert"),
        ("new_example", "Beispiel"),
    ] {
        german =
            german
                .lines()
                .map(|line| {
                    if line.starts_with(&format!("{key} =")) { format!("{key} = \"{text}\"") } else { line.to_string() }
                })
                .collect::<Vec<_>>()
                .join("\n");
    }
    common::write(root, "i18n/de.toml", german);
    let out = glossgen(&["new", "crd", "--root", root.to_str().unwrap(), "--title", "CustomResourceDefinition"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let text = std::fs::read_to_string(root.join("content/de/crd.md")).unwrap();
    for line in ["## Was ist CustomResourceDefinition?", "## Warum es wichtig ist", "## Beispiel"] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    assert!(text.contains("summary: \"Ein Satz, der sagt, was CustomResourceDefinition ist.\""), "{text}");
    assert!(!text.contains("category:") && !text.contains("difficulty:"), "nothing invented:\n{text}");
    // Straight after `new`, check points at the placeholder summary and each empty section.
    let (_, json) = check(root, &["--format", "json"]);
    let f = findings(&json);
    let placeholders: Vec<&Value> = f.iter().filter(|f| f["code"] == "placeholder-text").collect();
    assert!(has(&f, "placeholder-text", "content/de/crd.md", Some(3)), "the summary: {json}");
    assert_eq!(placeholders.len(), 5, "the summary and four sections: {json}");
    // Written sections are no longer reported.
    let filled = text
        .replace("## Beispiel\n", "## Beispiel\n\nEin Beispiel.\n")
        .replace("Ein Satz, der sagt, was CustomResourceDefinition ist.", "Eine Erweiterung der Kubernetes-API.");
    std::fs::write(root.join("content/de/crd.md"), filled).unwrap();
    let (_, json) = check(root, &["--format", "json"]);
    let left = findings(&json).into_iter().filter(|f| f["code"] == "placeholder-text").count();
    assert_eq!(left, 3, "{json}");
}

#[test]
fn new_refuses_to_overwrite_and_rejects_bad_ids() {
    let dir = site(None);
    let root = dir.path().to_str().unwrap();
    let before = std::fs::read(dir.path().join("content/en/overfitting.md")).unwrap();
    let out = glossgen(&["new", "overfitting", "--root", root]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("already exists"), "{}", common::stderr(&out));
    assert_eq!(before, std::fs::read(dir.path().join("content/en/overfitting.md")).unwrap());

    for bad in ["Gradient Descent", "../escape", "a/b", "CON", ""] {
        let out = glossgen(&["new", bad, "--root", root]);
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
    }
    let out = glossgen(&["new", "Gradient Descent", "--root", root]);
    assert!(common::stderr(&out).contains("`gradient-descent`"), "suggests the slug: {}", common::stderr(&out));

    let out = glossgen(&["new", "only-dutch", "--root", root, "--lang", "nl"]);
    assert!(out.status.success());
    assert!(dir.path().join("content/nl/only-dutch.md").exists());
    assert!(!dir.path().join("content/en/only-dutch.md").exists());
    let out = glossgen(&["new", "klingon", "--root", root, "--lang", "tlh"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_alias_whose_address_is_taken_gets_no_redirect() {
    let dir = site(Some("check-findings"));
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let html = common::page(dir.path(), "en/open-source-ai/index.html");
    assert_eq!(common::texts(&html, "h1"), ["Open-Source AI"], "the entry keeps its address");
}

#[test]
fn build_and_check_report_links_to_sections_that_do_not_exist_at_their_line() {
    let dir = site(Some("broken-anchor"));
    let (code, json) = check(dir.path(), &["--format", "json"]);
    assert_eq!(code, 1, "{json}");
    let f = findings(&json);
    let broken: Vec<&Value> = f.iter().filter(|f| f["severity"] == "error").collect();
    assert_eq!(broken.len(), 1, "only the missing anchor, not the one that exists: {json}");
    assert_eq!(broken[0]["path"], "content/en/overfitting.md");
    assert_eq!((broken[0]["line"].as_u64(), broken[0]["column"].as_u64()), (Some(8), Some(5)), "{json}");
    assert!(broken[0]["message"].as_str().unwrap().contains("has no section `#no-such-section`"), "{json}");
    assert_eq!(broken[0]["hint"], "its sections: #what-is-it", "{json}");
    let out = common::build(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        common::stderr(&out)
            .contains("content/en/overfitting.md:8:5: error: link to `@/open-source-ai.md#no-such-section`"),
        "{}",
        common::stderr(&out)
    );
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("my-glossary");
    let out = glossgen(&["init", site_dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    for file in ["site.toml", "i18n/en.toml", "i18n/nl.toml", "content/en/glossary.md", "content/nl/term.md"] {
        assert!(site_dir.join(file).exists(), "{file}");
    }
    assert!(!site_dir.join("themes").exists(), "the default theme is built in");
    let built = common::build(&site_dir, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert!(site_dir.join("public/nl/glossary/index.html").exists());
    let (code, text) = check(&site_dir, &["--strict"]);
    assert_eq!(code, 0, "a new site passes a strict check: {text}");
    assert!(text.contains("0 warnings"), "{text}");
    let again = glossgen(&["init", site_dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1), "init refuses a folder that is not empty");
}
