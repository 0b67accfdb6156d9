//! `glossgen mv`: a concept renamed in every file that names it, its old address kept, its translations'
//! stamps kept valid, and nothing changed at all when the move is refused.

use crate::common::{self, build, glossgen, own_site, site, snapshot, stderr};

fn mv(root: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["mv"];
    all.extend_from_slice(args);
    all.extend(["--root", root.to_str().unwrap()]);
    let out = glossgen(&all);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), stderr(&out))
}

fn read(root: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn a_move_renames_files_and_references_and_keeps_the_old_address() {
    let dir = site(None);
    let root = dir.path();
    let linking_before = read(root, "content/en/open-weights-vs-open-source.md");
    let (ok, stdout, err) = mv(root, &["overfitting", "fitting-too-closely"]);
    assert!(ok, "{stdout}{err}");
    assert!(stdout.contains("Moved `overfitting` to `fitting-too-closely`"), "{stdout}");
    assert!(!root.join("content/en/overfitting.md").exists() && !root.join("content/nl/overfitting.md").exists());
    let moved = read(root, "content/en/fitting-too-closely.md");
    assert!(moved.contains("aliases: [overtraining, overfitting]\n"), "the old id keeps its address: {moved}");
    // The Dutch entry sets its own slug: its address does not move, so it needs no alias.
    assert!(read(root, "content/nl/fitting-too-closely.md").contains("aliases: [overaanpassing]\n"));
    // Only the references changed in the linking entry, byte for byte.
    let linking = read(root, "content/en/open-weights-vs-open-source.md");
    assert_eq!(
        linking,
        linking_before
            .replace("@/overfitting#", "@/fitting-too-closely#")
            .replace("related: [open-source-ai, overfitting]", "related: [open-source-ai, fitting-too-closely]")
    );

    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let redirect = read(root, "public/en/overfitting/index.html");
    assert!(redirect.contains("url=/en/fitting-too-closely/"), "{redirect}");
    assert!(root.join("public/en/fitting-too-closely/index.html").exists());
    assert!(root.join("public/nl/overfitting/index.html").exists(), "the Dutch address is its slug's");
}

#[test]
fn a_dry_run_prints_the_diff_and_changes_nothing() {
    let dir = site(None);
    let before = snapshot(dir.path());
    let (ok, stdout, stderr) = mv(dir.path(), &["overfitting", "fitting-too-closely", "--dry-run"]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("--- a/content/en/overfitting.md\n+++ b/content/en/fitting-too-closely.md\n-aliases: [overtraining]\n+aliases: [overtraining, overfitting]\n"), "{stdout}");
    assert!(
        stdout.contains("-related: [open-source-ai, overfitting]\n+related: [open-source-ai, fitting-too-closely]\n"),
        "{stdout}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn refused_moves_change_nothing_and_say_why() {
    let dir = site(None);
    let before = snapshot(dir.path());
    for (args, expected) in [
        (
            &["overfitting", "Fitting Too Closely"][..],
            "is not a concept id (lowercase letters, digits and hyphens); did you mean `fitting-too-closely`?",
        ),
        (&["overfitting", "zebra"][..], "`zebra` already exists in `en`"),
        (&["no-such-concept", "other"][..], "there is no concept `no-such-concept`"),
        (&["overfitting", "x", "--lang", "fr"][..], "`fr` is not a language of this site"),
    ] {
        let (ok, _, stderr) = mv(dir.path(), args);
        assert!(!ok && stderr.contains(expected), "{args:?}: {stderr}");
    }
    assert_eq!(snapshot(dir.path()), before);
    // A site with errors is not moved.
    std::fs::write(dir.path().join("content/en/broken.md"), "no front-matter").unwrap();
    let before = snapshot(dir.path());
    let (ok, _, stderr) = mv(dir.path(), &["overfitting", "fitting-too-closely"]);
    assert!(!ok && stderr.contains("Nothing was moved: fix these errors first."), "{stderr}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn translations_stay_up_to_date_when_only_the_id_changes() {
    let dir = own_site("partial-translation");
    let root = dir.path();
    let report = |root: &std::path::Path| {
        let out = glossgen(&["translations", "--root", root.to_str().unwrap(), "--format", "json"]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["totals"].clone()
    };
    let before = report(root);
    let (ok, stdout, err) = mv(root, &["token", "text-token"]);
    assert!(ok, "{stdout}{err}");
    assert_eq!(report(root), before, "the same translations are up to date, missing or outdated");
    assert!(read(root, "content/nl/vector.md").contains("[tokenizer](@/tokenizer.md)"), "other links untouched");
    assert!(read(root, "content/nl/prompt.md").contains("related: [temperature, text-token]"));
    assert!(build(root, &[]).status.success());

    // A new title is a change translators see: that translation is outdated now, with the title named.
    let (ok, _, err) = mv(root, &["text-token", "word-piece", "--title", "Word piece"]);
    assert!(ok, "{err}");
    let english = read(root, "content/en/word-piece.md");
    assert!(english.contains("title: Word piece\n") && english.contains("aliases: [token, text-token]"), "{english}");
    let out = glossgen(&["translations", "--root", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("word-piece") && text.contains("nl: outdated (title, aliases changed)"), "{text}");
    // Wiki links by the old title keep working, and the build stays clean of errors.
    std::fs::write(
        root.join("content/en/prompt.md"),
        read(root, "content/en/prompt.md").replace("read as tokens", "read as [[Token]]s"),
    )
    .unwrap();
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn check_reports_an_address_that_a_rename_by_hand_lost() {
    let dir = site(None);
    let root = dir.path();
    assert!(build(root, &[]).status.success());
    std::fs::rename(root.join("content/en/zebra.md"), root.join("content/en/zebra-model.md")).unwrap();
    let out = glossgen(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let moved: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "moved-without-redirect").collect();
    assert_eq!(moved.len(), 1, "{report}");
    assert!(moved[0]["message"].as_str().unwrap().contains("https://example.org/en/zebra/"), "{report}");
    // Moved with mv instead, the old address stays.
    std::fs::rename(root.join("content/en/zebra-model.md"), root.join("content/en/zebra.md")).unwrap();
    let (ok, _, stderr) = mv(root, &["zebra", "zebra-model"]);
    assert!(ok, "{stderr}");
    let out = glossgen(&["check", "--root", root.to_str().unwrap(), "--format", "json"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("moved-without-redirect"));
    let _ = common::fixtures();
}
