//! Rebuilding after edits gives exactly what a full build of the same files gives, and re-renders only the
//! pages an edit affects.

use std::collections::BTreeSet;
use std::path::Path;

use glossgen::BuildOptions;
use glossgen::rebuild::{Outcome, Workspace};

use crate::common;

pub(crate) fn workspace(root: &Path) -> Workspace {
    Workspace::new(BuildOptions { root: root.to_path_buf(), ..Default::default() }).unwrap().0
}

/// Applies `edit`, rebuilds incrementally, and checks the result against a fresh full build.
pub(crate) fn edit_and_compare(ws: &mut Workspace, root: &Path, changed: &[&str], edit: impl FnOnce()) -> Outcome {
    edit();
    let paths: Vec<_> = changed.iter().map(|p| root.join(p)).collect();
    let outcome = ws.rebuild(&paths).unwrap_or_else(|r| panic!("rebuild failed:\n{r}"));
    if let Some(differences) = mismatch(ws, root) {
        panic!("{differences}");
    }
    outcome
}

/// How the output of `ws` differs from a fresh full build of the site at `root`: every file one has and the
/// other lacks, and every file whose bytes differ with where they first do; `None` when they are the same.
pub(crate) fn mismatch(ws: &Workspace, root: &Path) -> Option<String> {
    let fresh = workspace(root);
    let (ours, full) = (ws.files(), fresh.files());
    let paths: BTreeSet<&str> = ours.keys().chain(full.keys()).map(|p| &**p).collect();
    let mut problems = Vec::new();
    for path in paths {
        match (ours.get(path), full.get(path)) {
            (Some(_), None) => problems.push(format!("{path}: kept, but a full build does not write it")),
            (None, Some(_)) => problems.push(format!("{path}: missing, but a full build writes it")),
            (Some(a), Some(b)) if a != b => {
                problems.push(format!("{path} differs from a full build: {}", first_difference(a, b)))
            }
            _ => {}
        }
    }
    (!problems.is_empty()).then(|| problems.join("\n"))
}

/// The first line where `ours` and `full` differ, as both have it (cut to a readable length around the
/// first differing character).
fn first_difference(ours: &[u8], full: &[u8]) -> String {
    let at = ours.iter().zip(full).position(|(a, b)| a != b).unwrap_or(ours.len().min(full.len()));
    let line_start = ours[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let line = 1 + ours[..at].iter().filter(|&&b| b == b'\n').count();
    let excerpt = |bytes: &[u8]| {
        let from = line_start.max(at.saturating_sub(120)).min(bytes.len());
        let rest = &bytes[from..];
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len()).min(240);
        String::from_utf8_lossy(&rest[..end]).into_owned()
    };
    format!("line {line}\n    incremental: {}\n    full build:  {}", excerpt(ours), excerpt(full))
}

pub(crate) fn pages(outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Pages(p) => p.clone(),
        other => panic!("expected changed pages, got {other:?}"),
    }
}

/// Applies an edit that breaks the build: the rebuild fails with a report containing `expected`, and the
/// last good site stays exactly as it was.
fn breaks_and_keeps_the_site(ws: &mut Workspace, root: &Path, file: &str, edit: (&str, &str), expected: &str) {
    let before = ws.files().clone();
    replace(root, file, edit.0, edit.1);
    let report = ws.rebuild(&[root.join(file)]).expect_err("the edit breaks the build");
    assert!(report.to_string().contains(expected), "{report}");
    assert!(ws.files() == &before, "the last good site must stay in place");
}

pub(crate) fn replace(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

#[test]
fn body_edit_rerenders_the_entry_and_its_translation_only() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let outcome = edit_and_compare(&mut ws, root, &["content/nl/overfitting.md"], || {
        replace(root, "content/nl/overfitting.md", "Te nauwe aanpassing.", "Een veel te nauwe aanpassing.")
    });
    let changed = pages(&outcome);
    assert!(changed.contains(&"nl/overfitting/index.html".to_string()), "{changed:?}");
    assert!(!changed.iter().any(|p| p.starts_with("en/open-source-ai")), "{changed:?}");
    assert!(!changed.iter().any(|p| p.starts_with("nl/een-begrip")), "{changed:?}");
}

#[test]
fn title_edit_moves_the_entry_and_updates_neighbours() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let outcome = edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "title: Zebra Crossing Model", "title: Abacus Model")
    });
    let changed = pages(&outcome);
    assert!(changed.contains(&"en/open-source-ai/index.html".to_string()), "new neighbour: {changed:?}");
    assert!(changed.contains(&"en/overfitting/index.html".to_string()), "old neighbour: {changed:?}");
}

#[test]
fn renaming_a_concept_relinks_the_bodies_that_mention_its_old_or_new_name() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let links_to_zebra = |ws: &Workspace| {
        let html = String::from_utf8(ws.files()["en/overfitting/index.html"].to_vec()).unwrap();
        html.contains("class=\"gloss-link gloss-auto\" href=\"/en/zebra/\"")
    };
    assert!(!links_to_zebra(&ws));
    // "Too close a fit." in the body of Overfitting now mentions the concept.
    let outcome = edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "title: Zebra Crossing Model", "title: Fit")
    });
    assert!(pages(&outcome).contains(&"en/overfitting/index.html".to_string()), "{outcome:?}");
    assert!(links_to_zebra(&ws));
    // And no longer does once the name is gone again.
    let outcome = edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "title: Fit", "title: Zebra Crossing Model")
    });
    assert!(pages(&outcome).contains(&"en/overfitting/index.html".to_string()), "{outcome:?}");
    assert!(!links_to_zebra(&ws));
}

#[test]
fn summary_edit_updates_pages_showing_the_card() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let outcome = edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", "and does worse on new data", "and then fails on new data")
    });
    let changed = pages(&outcome);
    assert!(changed.contains(&"en/open-weights-vs-open-source/index.html".to_string()), "{changed:?}");
    assert!(changed.contains(&"en/index.html".to_string()), "{changed:?}");
}

#[test]
fn add_delete_rename_related_and_category_edits_match_a_full_build() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    edit_and_compare(&mut ws, root, &["content/en/new-one.md"], || {
        std::fs::write(
            root.join("content/en/new-one.md"),
            "---\ntitle: Neural Net\nsummary: A new entry.\nrelated: [overfitting]\ncategory: Foundations\n---\n\nSee [this](@/zebra.md).\n",
        )
        .unwrap()
    });
    edit_and_compare(&mut ws, root, &["content/en/open-source-ai.md"], || {
        replace(
            root,
            "content/en/open-source-ai.md",
            "related: [open-weights-vs-open-source]",
            "related: [overfitting]",
        )
    });
    edit_and_compare(&mut ws, root, &["content/nl/een.md"], || {
        replace(root, "content/nl/een.md", "category: Grondslagen", "category: Nieuwe categorie")
    });
    edit_and_compare(&mut ws, root, &["content/nl/zebra.md"], || {
        std::fs::write(
            root.join("content/nl/zebra.md"),
            "---\ntitle: Zebramodel\nsummary: Nu ook in het Nederlands.\n---\n\nVertaald.\n",
        )
        .unwrap()
    });
    edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", "category: Foundations", "category: foundations")
    });
    let renamed = ["content/en/zebra.md", "content/en/zebra-model.md", "content/en/new-one.md"];
    edit_and_compare(&mut ws, root, &renamed, || {
        std::fs::rename(root.join("content/en/zebra.md"), root.join("content/en/zebra-model.md")).unwrap();
        replace(root, "content/en/new-one.md", "@/zebra.md", "@/zebra-model.md");
    });
    let outcome = edit_and_compare(&mut ws, root, &["content/en/new-one.md"], || {
        std::fs::remove_file(root.join("content/en/new-one.md")).unwrap()
    });
    assert!(pages(&outcome).contains(&"en/new-one/index.html".to_string()));
    assert!(!ws.files().contains_key("en/new-one/index.html"));
}

#[test]
fn an_error_keeps_the_last_good_site_and_a_fix_recovers() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let file = "content/en/overfitting.md";
    breaks_and_keeps_the_site(
        &mut ws,
        root,
        file,
        ("week: 2026-W06", "week: 2027-W53"),
        "content/en/overfitting.md:6:7",
    );
    edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", "week: 2027-W53", "week: 2026-W07")
    });
}

#[test]
fn a_broken_body_stays_reported_while_other_files_are_saved() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let broken = ("Too close a fit.", "Too close a fit, see [[Nowhere at all]].");
    breaks_and_keeps_the_site(&mut ws, root, "content/en/overfitting.md", broken, "Nowhere at all");
    // Another file saved while the mistake stands: the site still fails to build, as a full build would.
    replace(root, "content/en/zebra.md", "Only in English.", "Only in English, still.");
    let report = ws.rebuild(&[root.join("content/en/zebra.md")]).expect_err("overfitting.md is still broken");
    assert!(report.to_string().contains("content/en/overfitting.md"), "{report}");
    // The fix brings in both saves.
    edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", broken.1, "Too close a fit, mended.")
    });
    let zebra = String::from_utf8_lossy(ws.files().get("en/zebra/index.html").expect("zebra page"));
    assert!(zebra.contains("Only in English, still."));
}

#[test]
fn analysis_keeps_a_link_to_nowhere_reported_until_its_body_is_mended() {
    let dir = common::site(None);
    let root = dir.path();
    replace(root, "content/en/overfitting.md", "Too close a fit.", "Too close a fit, see [the list](/en/nowhere/).");
    let mut ws = Workspace::for_analysis(BuildOptions { root: root.to_path_buf(), ..Default::default() }).unwrap();
    let nowhere = |ws: &Workspace| {
        ws.prepared().unreachable.paths.iter().filter(|d| d.path.ends_with("overfitting.md") && d.is_error()).count()
    };
    assert_eq!(nowhere(&ws), 1, "{:?}", ws.prepared().unreachable);
    // Another body rendered again: the link to nowhere is still known.
    replace(root, "content/en/zebra.md", "Only in English.", "Only in English, see [overfitting](/en/overfitting/).");
    ws.rebuild(&[root.join("content/en/zebra.md")]).unwrap();
    assert_eq!(nowhere(&ws), 1, "{:?}", ws.prepared().unreachable);
    assert!(ws.prepared().unreachable.paths.iter().all(|d| !d.path.ends_with("zebra.md")));
    // Its own body mended: gone.
    replace(root, "content/en/overfitting.md", "(/en/nowhere/)", "(/en/zebra/)");
    ws.rebuild(&[root.join("content/en/overfitting.md")]).unwrap();
    assert_eq!(nowhere(&ws), 0, "{:?}", ws.prepared().unreachable);
}

#[test]
fn tag_edits_match_a_full_build() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let add = |file: &'static str, tags: &'static str| {
        move || {
            let path = root.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replacen("---\n", &format!("---\ntags: [{tags}]\n"), 1)).unwrap();
        }
    };
    let outcome =
        edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], add("content/en/overfitting.md", "training"));
    assert!(pages(&outcome).contains(&"en/tags/training/index.html".to_string()), "{outcome:?}");
    edit_and_compare(&mut ws, root, &["content/en/zebra.md"], add("content/en/zebra.md", "training, safety"));
    edit_and_compare(&mut ws, root, &["content/nl/overfitting.md"], add("content/nl/overfitting.md", "training"));
    // Renamed, respelled and removed.
    edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "tags: [training, safety]", "tags: [Training, security]")
    });
    edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", "tags: [training]\n", "")
    });
}

#[test]
fn template_and_string_changes_rebuild_everything() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let outcome = edit_and_compare(&mut ws, root, &["i18n/nl.toml"], || {
        replace(root, "i18n/nl.toml", "next = \"Volgende\"", "next = \"Hierna\"")
    });
    assert_eq!(outcome, Outcome::Everything);
    std::fs::create_dir_all(root.join("templates")).unwrap();
    let outcome = edit_and_compare(&mut ws, root, &["templates/404.html"], || {
        std::fs::write(
            root.join("templates/404.html"),
            "{% extends \"base.html\" %}{% block content %}gone{% endblock content %}",
        )
        .unwrap()
    });
    assert_eq!(outcome, Outcome::Everything);
}

#[test]
fn stylesheet_changes_are_reported_as_such_and_noise_is_ignored() {
    let dir = common::site(None);
    let root = dir.path();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/extra.css"), "a{}").unwrap();
    let mut ws = workspace(root);
    let outcome = edit_and_compare(&mut ws, root, &["static/extra.css"], || {
        std::fs::write(root.join("static/extra.css"), "a{color:red}").unwrap()
    });
    assert_eq!(outcome, Outcome::Stylesheets(vec!["extra.css".to_string()]));
    for noise in
        ["content/en/.overfitting.md.swp", "content/en/overfitting.md~", "content/en/4913", "public/en/index.html"]
    {
        assert_eq!(ws.rebuild(&[root.join(noise)]).unwrap(), Outcome::Unchanged, "{noise}");
    }
}

#[test]
fn body_links_added_and_removed_update_backlinks() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    // open-weights links to open-source-ai in its body and lists it as related; overfitting is linked too.
    let file = "content/en/open-weights-vs-open-source.md";
    let outcome = edit_and_compare(&mut ws, root, &[file], || {
        replace(
            root,
            file,
            "Models trained badly can show [overfitting](@/overfitting#what-is-it).",
            "No link here now.",
        )
    });
    // overfitting is still listed as related, so its "Referenced by" keeps this entry.
    let html: Vec<String> = pages(&outcome).into_iter().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(html, ["en/open-weights-vs-open-source/index.html"]);
    edit_and_compare(&mut ws, root, &[file], || {
        replace(
            root,
            file,
            "Downloadable weights are not the same as [open-source AI](@/open-source-ai.md).",
            "Plain text.",
        )
    });
    let outcome = edit_and_compare(&mut ws, root, &[file], || {
        replace(root, file, "No link here now.", "See [the zebra](@/zebra.md) and [overfitting](@/overfitting.md).")
    });
    assert!(pages(&outcome).contains(&"en/zebra/index.html".to_string()), "{outcome:?}");
    replace(root, file, "Plain text.", "A [broken link](@/nowhere.md).");
    let report = ws.rebuild(&[root.join(file)]).unwrap_err();
    assert!(report.to_string().contains("no concept `nowhere`"), "{report}");
    edit_and_compare(&mut ws, root, &[file], || replace(root, file, "A [broken link](@/nowhere.md).", "Fixed."));
    let outcome =
        edit_and_compare(&mut ws, root, &[file], || replace(root, file, "See [the zebra](@/zebra.md) and", "See"));
    assert!(pages(&outcome).contains(&"en/zebra/index.html".to_string()), "{outcome:?}");
}

#[test]
fn renames_match_a_full_build_wherever_the_entry_moves() {
    // About fifty concepts in two languages, with many mentions.
    let dir = common::bundled_site();
    let root = dir.path();
    let mut ws = workspace(root);
    let steps = [
        // To the front, to the end, and back to the middle.
        ("content/en/neural-network.md", "title: Neural Network", "title: Aardvark Network"),
        ("content/en/neural-network.md", "title: Aardvark Network", "title: Zymurgy Network"),
        ("content/en/neural-network.md", "title: Zymurgy Network", "title: Neural Network"),
        // A name many bodies mention goes away; an alias takes an address another entry's alias has.
        ("content/en/embedding.md", "title: Embedding", "title: Vector Code"),
        (
            "content/en/embedding.md",
            "aliases: [vector embedding, embedding vector,",
            "aliases: [overfit, embedding vector,",
        ),
        ("content/en/embedding.md", "title: Vector Code", "title: Embedding"),
        (
            "content/en/embedding.md",
            "aliases: [overfit, embedding vector,",
            "aliases: [vector embedding, embedding vector,",
        ),
        // Dutch, with a diacritic that sorts the entry elsewhere, and fewer aliases.
        ("content/nl/overfitting.md", "title: Overfitting", "title: Ëvervitting"),
        ("content/nl/overfitting.md", "aliases: [overfit, overtraining, overaanpassing]", "aliases: [overtraining]"),
        ("content/nl/overfitting.md", "title: Ëvervitting", "title: Overfitting"),
    ];
    for (file, from, to) in steps {
        edit_and_compare(&mut ws, root, &[file], || replace(root, file, from, to));
    }
}

#[test]
fn a_rename_that_breaks_a_wiki_link_keeps_the_last_good_site() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", "Too close a fit.", "Too close a fit. See [[Zebra Crossing Model]].")
    });
    // The wiki link no longer resolves.
    let rename = ("title: Zebra Crossing Model", "title: Zebra Model");
    breaks_and_keeps_the_site(&mut ws, root, "content/en/zebra.md", rename, "Zebra Crossing Model");
    edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "title: Zebra Model", "title: Zebra Crossing Model")
    });
}

#[test]
fn a_page_that_fails_to_render_after_a_rename_is_repaired_by_the_next_save() {
    let dir = common::site(None);
    let root = dir.path();
    // A theme whose entry page fails for one title only, so the failure comes after the rename is applied.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/entry.html");
    let template = std::fs::read_to_string(theme).unwrap().replacen(
        "{% block content %}",
        "{% block content %}{% if \"Broken\" in page.title %}{{ no_such_variable }}{% endif %}",
        1,
    );
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/entry.html"), template).unwrap();
    let mut ws = workspace(root);
    let rename = ("title: Zebra Crossing Model", "title: Broken Model");
    breaks_and_keeps_the_site(&mut ws, root, "content/en/zebra.md", rename, "no_such_variable");
    let outcome = edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "title: Broken Model", "title: Aardvark Model")
    });
    // The failed save left the last good site whole, so the next one is an ordinary rebuild of the pages it
    // affects (and `edit_and_compare` has checked it equals a full build).
    let changed = pages(&outcome);
    assert!(changed.contains(&"en/zebra/index.html".to_string()), "{changed:?}");
    assert!(!changed.contains(&"nl/index.html".to_string()), "the other language is untouched: {changed:?}");
}

#[test]
fn the_comparison_names_each_file_that_differs_from_a_full_build() {
    let dir = common::site(None);
    let root = dir.path();
    let ws = workspace(root);
    assert_eq!(mismatch(&ws, root), None);
    // Edits the workspace is not told about leave its output behind a full build.
    let file = "content/en/overfitting.md";
    replace(root, file, "Too close a fit.", "Edited behind its back.");
    let differences = mismatch(&ws, root).expect("a stale page");
    assert!(differences.contains("en/overfitting/index.html differs from a full build: line "), "{differences}");
    assert!(
        differences.contains("    full build:  ") && differences.contains("Edited behind its back."),
        "{differences}"
    );
    replace(root, file, "Edited behind its back.", "Too close a fit.");
    assert_eq!(mismatch(&ws, root), None);
    std::fs::remove_file(root.join("content/en/zebra.md")).unwrap();
    let differences = mismatch(&ws, root).expect("a page that is gone");
    assert!(differences.contains("en/zebra/index.html: kept, but a full build does not write it"), "{differences}");
}

#[test]
fn shortcode_edits_match_a_full_build() {
    let dir = common::site(Some("shortcodes"));
    let root = dir.path();
    let mut ws = workspace(root);
    // term(id="zebra") in overfitting.md shows zebra's title and summary.
    edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "title: Zebra Crossing Model", "title: Zebra Crossing")
    });
    edit_and_compare(&mut ws, root, &["content/en/zebra.md"], || {
        replace(root, "content/en/zebra.md", "exists only in English.", "exists in English alone.")
    });
    let overfitting = String::from_utf8_lossy(ws.files().get("en/overfitting/index.html").unwrap()).into_owned();
    assert!(overfitting.contains(">Zebra Crossing</a>") && overfitting.contains("in English alone."));
    edit_and_compare(&mut ws, root, &["content/en/overfitting.md"], || {
        replace(root, "content/en/overfitting.md", "Score on data", "Score on held-out data")
    });
    // A term for a concept that does not exist yet fails; writing the concept mends it.
    let file = "content/en/overfitting.md";
    breaks_and_keeps_the_site(&mut ws, root, file, ("See also", "See {{ term(id=\"later\") }} and"), "`later`");
    edit_and_compare(&mut ws, root, &["content/en/later.md"], || {
        let zebra = std::fs::read_to_string(root.join("content/en/zebra.md")).unwrap();
        std::fs::write(root.join("content/en/later.md"), zebra.replace("title: Zebra Crossing", "title: Later"))
            .unwrap()
    });
    let overfitting = String::from_utf8_lossy(ws.files().get("en/overfitting/index.html").unwrap()).into_owned();
    assert!(overfitting.contains("href=\"/en/later/\""));
    // A change to a shortcode template renders every body again.
    let outcome = edit_and_compare(&mut ws, root, &["templates/shortcodes/abbr.html"], || {
        common::write(
            root,
            "templates/shortcodes/abbr.html",
            "<abbr title=\"{{ long }}\" class=\"x\">{{ short }}</abbr>",
        )
    });
    assert_eq!(outcome, Outcome::Everything);
}

#[test]
fn switching_an_entrys_calls_to_action_off_and_on_matches_a_full_build() {
    let dir = common::site(Some("website"));
    let root = dir.path();
    let mut ws = workspace(root);
    let file = "content/en/overfitting.md";
    let outcome = edit_and_compare(&mut ws, root, &[file], || {
        replace(root, file, "category: Foundations", "category: Foundations\ncta: false")
    });
    assert_eq!(pages(&outcome), ["en/overfitting/index.html"]);
    assert!(!String::from_utf8_lossy(ws.files().get("en/overfitting/index.html").unwrap()).contains("class=\"cta\""));
    edit_and_compare(&mut ws, root, &[file], || replace(root, file, "\ncta: false", ""));
    // A setting of the website around the glossary renders every page again.
    let outcome =
        edit_and_compare(&mut ws, root, &["site.toml"], || replace(root, "site.toml", "Get in touch", "Write to us"));
    assert_eq!(outcome, Outcome::Everything);
}

#[test]
fn a_new_name_inside_text_without_spaces_is_linked_by_the_next_rebuild() {
    let dir = common::own_site("scripts");
    let root = dir.path();
    let mut ws = workspace(root);
    // 用GPU完成: GPU stands between Chinese characters; renaming the concept relinks the body.
    edit_and_compare(&mut ws, root, &["content/zh/gpu.md"], || {
        replace(root, "content/zh/gpu.md", "title: \"GPU\"", "title: \"GPU加速\"")
    });
    edit_and_compare(&mut ws, root, &["content/zh/gpu.md"], || {
        replace(root, "content/zh/gpu.md", "title: \"GPU加速\"", "title: \"GPU\"")
    });
    let network = String::from_utf8_lossy(ws.files().get("zh/neural-network/index.html").unwrap()).into_owned();
    assert!(network.contains("href=\"/zh/gpu/\""));
    // A new Chinese concept whose title stands inside an existing sentence.
    edit_and_compare(&mut ws, root, &["content/zh/translation.md"], || {
        common::write(
            root,
            "content/zh/translation.md",
            "---\ntitle: \"机器翻译\"\nsummary: \"用程序把一种语言译成另一种。\"\n---\n\n用程序翻译文字。\n",
        )
    });
    let learning = String::from_utf8_lossy(ws.files().get("zh/machine-learning/index.html").unwrap()).into_owned();
    assert!(
        learning.contains("href=\"/zh/translation/\""),
        "机器翻译 in the body of 机器学习 links to the new concept"
    );
}

#[test]
fn a_no_autolink_phrase_added_and_removed_matches_a_full_build() {
    let dir = common::site(None);
    let root = dir.path();
    let mut ws = workspace(root);
    let file = "content/en/zebra.md";
    edit_and_compare(&mut ws, root, &[file], || {
        replace(root, file, "Only in English.", "Overfitting, only in English.")
    });
    let outcome = edit_and_compare(&mut ws, root, &[file], || {
        replace(root, file, "category: Foundations\n", "category: Foundations\nno_autolink: [overfitting]\n")
    });
    assert!(pages(&outcome).contains(&"en/zebra/index.html".to_string()), "{outcome:?}");
    edit_and_compare(&mut ws, root, &[file], || replace(root, file, "no_autolink: [overfitting]\n", ""));
}
