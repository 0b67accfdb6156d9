//! Importing a glossary that lives in a Hugo or Zola site: pages become entries in the right language,
//! front-matter keys map onto glossgen's, Hugo shortcodes become glossgen's where their meaning is clear,
//! the rest is reported for a person, and the result builds, or nothing is written.

use std::path::Path;

use crate::common::{self, attrs, page, texts};

/// A site with settings and UI strings but no entries.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let valid = common::fixtures().join("valid");
    std::fs::copy(valid.join("site.toml"), dir.path().join("site.toml")).unwrap();
    common::copy_tree(&valid.join("i18n"), &dir.path().join("i18n"));
    dir
}

fn import(root: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend(["--root", root.to_str().unwrap()]);
    common::glossgen(&all)
}

#[test]
fn a_hugo_glossary_section_becomes_entries_that_build_with_their_shortcodes_converted() {
    let dir = empty_site();
    let root = dir.path();
    let hugo = common::fixtures().join("hugo-glossary");
    let out = import(root, &["hugo", hugo.to_str().unwrap(), "--section", "docs/reference/glossary"]);
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{shown}{}", common::stderr(&out));
    assert!(shown.contains("Imported: 4 entries created (3 en, 1 nl)"), "{shown}");
    assert!(shown.contains("left out: 1 section pages (_index.md)"), "{shown}");
    assert!(shown.contains("left out: 2 HTML comments (and <!--more-->) removed"), "{shown}");
    assert!(shown.contains("left out: 1 `weight` values"), "{shown}");
    assert!(
        shown.contains("content/en/docs/reference/glossary/pod.md:24: `{{< youtube dQw4w9WgXcQ >}}` left as it was"),
        "{shown}"
    );
    // The section only: the blog post stays out.
    assert!(!root.join("content/en/release.md").exists());
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let pod = page(root, "en/pod/index.html");
    assert_eq!(texts(&pod, "h1"), ["Pod"]);
    assert_eq!(
        texts(&pod, ".lead"),
        ["The smallest deployable unit: one or more containers that share storage and a network address."]
    );
    assert_eq!(texts(&pod, ".aliases .alias"), ["pods"]);
    assert_eq!(texts(&pod, ".entry-header .tags a.tag"), ["fundamental", "workload"]);
    assert_eq!(texts(&pod, ".badge-week"), ["2024-W10"]);
    // `{{< note >}}` became a callout, `ref` inside it a link to the concept, `figure` a figure.
    assert_eq!(texts(&pod, "aside.callout-note > .callout-title"), ["Note"]);
    assert_eq!(attrs(&pod, "aside.callout-note a.gloss-link", "href"), ["/en/virtual-machine/"]);
    assert_eq!(attrs(&pod, "figure img", "alt"), ["Two containers inside one Pod"]);
    // TOML front-matter, `description` and a term reference.
    let vm = page(root, "en/virtual-machine/index.html");
    assert_eq!(texts(&vm, ".aliases .alias"), ["VM"]);
    assert_eq!(texts(&vm, ".badge-week"), ["2024-W11"]);
    assert_eq!(attrs(&vm, ".entry-body a.gloss-link", "href"), ["/en/pod/"]);
    assert!(!std::fs::read_to_string(root.join("content/en/virtual-machine.md")).unwrap().contains("TODO"));
    // No description: the first sentence; `{{% alert warning %}}` a warning.
    let image = page(root, "en/container-image/index.html");
    assert_eq!(
        texts(&image, ".lead"),
        ["A container image is a packaged file system with everything a container needs to start."]
    );
    assert_eq!(texts(&image, "aside.callout-warning > .callout-title"), ["Warning"]);
    // The Dutch page is the same concept, from content/nl/.
    let dutch = page(root, "nl/pod/index.html");
    assert_eq!(attrs(&dutch, "link[rel=alternate][hreflang=en]", "href"), ["https://example.org/en/pod/"]);
    assert_eq!(texts(&dutch, "aside.callout-warning > .callout-title"), ["Waarschuwing"]);
}

#[test]
fn a_zola_glossary_becomes_entries_with_its_taxonomies_extra_keys_and_links() {
    let dir = empty_site();
    let root = dir.path();
    let zola = common::fixtures().join("zola-glossary");
    let out = import(root, &["zola", zola.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{shown}{}", common::stderr(&out));
    assert!(shown.contains("Imported: 3 entries created (2 en, 1 nl)"), "{shown}");
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let tokeniser = page(root, "en/tokeniser/index.html");
    assert_eq!(texts(&tokeniser, ".aliases .alias"), ["tokenizer"]);
    assert_eq!(texts(&tokeniser, ".entry-header .tags a.tag"), ["text", "preprocessing"]);
    assert_eq!(texts(&page(root, "nl/tokeniser/index.html"), "h1"), ["Tokenizer"]);
    // `@/glossary/tokeniser.md` names a page; glossgen's link names the concept.
    let embedding = page(root, "en/embedding/index.html");
    assert_eq!(attrs(&embedding, ".entry-body a.gloss-link", "href"), ["/en/tokeniser/"]);
}

#[test]
fn an_import_that_would_not_build_writes_nothing_and_mapping_renames_keys() {
    let dir = empty_site();
    let root = dir.path();
    let hugo = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixtures().join("hugo-glossary"), hugo.path());
    let pod = hugo.path().join("content/en/docs/reference/glossary/pod.md");
    let text = std::fs::read_to_string(&pod).unwrap();
    std::fs::write(&pod, format!("{text}\nSee {{{{< glossary_tooltip term_id=\"nowhere\" >}}}}.\n")).unwrap();
    let source = hugo.path().to_str().unwrap();
    let out = import(root, &["hugo", source, "--section", "docs/reference/glossary"]);
    assert_eq!(out.status.code(), Some(1));
    let shown = common::stderr(&out);
    assert!(shown.contains("no concept `nowhere`") && shown.contains("Nothing was imported"), "{shown}");
    assert!(
        !root.join("content").exists() || common::snapshot(&root.join("content")).is_empty(),
        "nothing is left behind"
    );
    // `--map` puts a key the defaults do not know where it belongs.
    std::fs::write(&pod, text.replace("short_description:", "tagline:")).unwrap();
    let out = import(
        root,
        &["hugo", source, "--section", "docs/reference/glossary", "--map", "tagline=summary", "--dry-run"],
    );
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(shown.contains("summary: \"The smallest deployable unit"), "{shown}");
    assert!(!root.join("content/en/pod.md").exists(), "a dry run writes nothing");
    let refused = import(root, &["hugo", source, "--map", "tagline=colour"]);
    assert_eq!(refused.status.code(), Some(2));
}
