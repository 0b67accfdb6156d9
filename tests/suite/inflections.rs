//! Mentions and wiki links in inflected forms ("neurale netwerken" for "neuraal netwerk"), compounds where
//! an entry or the site allows them, the switch that turns it off, the `stem-collision` rule, and how well
//! it does on a set of sentences with the links an editor expects.

use std::collections::BTreeSet;
use std::path::Path;

use scraper::{Html, Selector};

use crate::common;

/// A small Dutch and English site: three concepts and pages that mention them.
fn small_site(settings: &str, model_front: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    common::write(
        root,
        "site.toml",
        format!(
            "base_url = \"https://example.org/\"\ndefault_language = \"nl\"\n{settings}\n\n\
             [languages.nl]\nname = \"Nederlands\"\ntitle = \"Woorden\"\n\n[languages.en]\nname = \"English\"\ntitle = \"Words\"\n"
        ),
    );
    for lang in ["en", "nl"] {
        std::fs::create_dir_all(root.join("i18n")).unwrap();
        std::fs::copy(
            common::fixtures().join("valid/i18n").join(format!("{lang}.toml")),
            root.join("i18n").join(format!("{lang}.toml")),
        )
        .unwrap();
    }
    let entry = |lang: &str, id: &str, title: &str, extra: &str, body: &str| {
        common::write(
            root,
            &format!("content/{lang}/{id}.md"),
            format!(
                "---\ntitle: {title}\nsummary: Een korte samenvatting.\ndifficulty: beginner\nweek: 2026-W10\n\
                 category: Grondslagen\n{extra}---\n{body}\n"
            ),
        )
    };
    entry("nl", "neural-network", "Neuraal netwerk", "", "Lagen van eenheden.");
    entry("nl", "model", "Model", model_front, "Een geleerde functie.");
    entry("nl", "weight", "Gewicht", "", "Een getal per verbinding.");
    entry("en", "attention-head", "Attention head", "", "One of several parallel attention computations.");
    entry("en", "regularisation", "Regularisation", "aliases: [regularization]\n", "Keeps a fit simple.");
    entry("nl", "tekst", "Tekst", "", "Grote neurale netwerken hebben miljoenen gewichten.");
    entry("nl", "samenstelling", "Samenstelling", "", "Een taalmodel met zware laaggewichten.");
    entry("en", "text", "Text", "", "Two attention heads at regular intervals; a REGULAR step.");
    dir
}

/// (text, href) of the mentions linked automatically on a page.
fn auto_links(root: &Path, page: &str) -> Vec<(String, String)> {
    let html = common::page(root, page);
    let sel = Selector::parse(".entry-body a.gloss-auto").unwrap();
    html.select(&sel)
        .map(|a| (a.text().collect::<String>(), a.value().attr("href").unwrap_or_default().to_string()))
        .collect()
}

fn pair(text: &str, href: &str) -> (String, String) {
    (text.to_string(), href.to_string())
}

fn built(dir: &tempfile::TempDir) -> &Path {
    let out = common::build(dir.path(), &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    dir.path()
}

#[test]
fn inflected_forms_link_with_the_text_as_written_and_the_switch_turns_them_off() {
    let dir = small_site("", "compounds: true\n");
    let root = built(&dir);
    assert_eq!(
        auto_links(root, "nl/tekst/index.html"),
        [pair("neurale netwerken", "/nl/neural-network/"), pair("gewichten", "/nl/weight/")]
    );
    // Plurals link; a word that only shares the stem ("regular") and capitals stay text.
    assert_eq!(auto_links(root, "en/text/index.html"), [pair("attention heads", "/en/attention-head/")]);
    // A wiki link finds the concept by an inflected form too.
    common::write(root, "content/nl/wiki.md", "---\ntitle: Wiki\nsummary: S.\n---\nZie [[neurale netwerken]].\n");
    let root = built(&dir);
    let html = common::page(root, "nl/wiki/index.html");
    assert_eq!(common::attrs(&html, ".entry-body a.gloss-link", "href"), ["/nl/neural-network/"]);
    std::fs::remove_file(root.join("content/nl/wiki.md")).unwrap();

    // Off for the site: only names as written link.
    let off = small_site("inflections = false", "compounds: true\n");
    let root = built(&off);
    assert!(auto_links(root, "nl/tekst/index.html").is_empty());
    assert!(auto_links(root, "en/text/index.html").is_empty());
    assert_eq!(auto_links(root, "nl/samenstelling/index.html"), [], "compounds are matched by stems too");
}

#[test]
fn compounds_link_only_where_the_entry_or_the_site_allows_them() {
    // The entry allows them, the site does not: "taalmodel" links, "laaggewichten" does not.
    let dir = small_site("", "compounds: true\n");
    let root = built(&dir);
    assert_eq!(auto_links(root, "nl/samenstelling/index.html"), [pair("taalmodel", "/nl/model/")]);
    // Neither allows them.
    let dir = small_site("", "");
    assert!(auto_links(built(&dir), "nl/samenstelling/index.html").is_empty());
    // The site allows them and the entry says no: only the other concept links.
    let dir = small_site("compounds = true", "compounds: false\n");
    assert_eq!(auto_links(built(&dir), "nl/samenstelling/index.html"), [pair("laaggewichten", "/nl/weight/")]);
    // Both: each compound links to the name it ends in.
    let dir = small_site("compounds = true", "");
    assert_eq!(
        auto_links(built(&dir), "nl/samenstelling/index.html"),
        [pair("taalmodel", "/nl/model/"), pair("laaggewichten", "/nl/weight/")]
    );
}

#[test]
fn check_reports_names_of_two_concepts_with_the_same_stems() {
    let dir = small_site("", "");
    let root = dir.path();
    common::write(root, "content/en/heads.md", "---\ntitle: Attention heads\nsummary: S.\n---\nBody.\n");
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "stem-collision")
        .map(|f| format!("{}:{} {}", f["path"].as_str().unwrap(), f["line"], f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`Attention head`") && found[0].contains("`Attention heads`"), "{found:#?}");
    assert!(found[0].contains(":2 "), "at the title's line: {found:#?}");
    // Neither concept takes the other's inflected forms; each still links where it is written exactly.
    common::write(root, "content/en/text.md", "---\ntitle: Text\nsummary: S.\n---\nOne attention head.\n");
    assert_eq!(auto_links(built(&dir), "en/text/index.html"), [pair("attention head", "/en/attention-head/")]);
    common::write(root, "content/en/text.md", "---\ntitle: Text\nsummary: S.\n---\nAttention heads.\n");
    assert_eq!(auto_links(built(&dir), "en/text/index.html"), [pair("Attention heads", "/en/heads/")]);
    common::write(root, "content/en/text.md", "---\ntitle: Text\nsummary: S.\n---\nAttention-heading.\n");
    assert!(auto_links(built(&dir), "en/text/index.html").is_empty());
}

/// The links a sentence of the gold file expects: `[shown](id)` marks, and the sentence without them.
fn expected(marked: &str) -> (String, Vec<(String, String)>) {
    let mut plain = String::new();
    let mut links = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        plain.push_str(&rest[..open]);
        let close = rest[open..].find("](").map(|i| open + i).expect("a [text](id) mark");
        let end = rest[close..].find(')').map(|i| close + i).expect("a closing parenthesis");
        let shown = &rest[open + 1..close];
        plain.push_str(shown);
        links.push((shown.to_string(), rest[close + 2..end].to_string()));
        rest = &rest[end + 1..];
    }
    plain.push_str(rest);
    (plain, links)
}

/// Precision and recall of the automatic links over the gold sentences, with the site's settings plus
/// `settings`; also the links that were wrong or missing, for the report.
fn measure(settings: &str) -> (f64, f64, Vec<String>) {
    let dir = common::own_site("inflections");
    let root = dir.path();
    if !settings.is_empty() {
        let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
        let (head, tail) = config.split_once("\n[").unwrap();
        common::write(root, "site.toml", format!("{head}\n{settings}\n\n[{tail}"));
    }
    let gold = std::fs::read_to_string(root.join("sentences.tsv")).unwrap();
    let mut sentences = Vec::new();
    for line in gold.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (lang, marked) = line.split_once('\t').expect("<lang>\\t<sentence>");
        let (plain, links) = expected(marked);
        let id = format!("sentence-{:03}", sentences.len() + 1);
        common::write(
            root,
            &format!("content/{lang}/{id}.md"),
            format!("---\ntitle: Zin {}\nsummary: S.\n---\n{plain}\n", sentences.len() + 1),
        );
        let links: BTreeSet<(String, String)> =
            links.into_iter().map(|(shown, target)| (shown, format!("/{lang}/{target}/"))).collect();
        sentences.push((lang.to_string(), id, plain, links));
    }
    assert!(sentences.len() >= 100, "at least a hundred sentences, not {}", sentences.len());
    let out = common::build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let (mut right, mut made, mut wanted) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for (lang, id, plain, gold) in &sentences {
        // Smart punctuation turns the apostrophe of "model's" into a typographic one.
        let found: BTreeSet<(String, String)> = auto_links(root, &format!("{lang}/{id}/index.html"))
            .into_iter()
            .map(|(shown, href)| (shown.replace('\u{2019}', "'"), href))
            .collect();
        right += found.intersection(gold).count();
        made += found.len();
        wanted += gold.len();
        for (shown, href) in found.difference(gold) {
            report.push(format!("wrong   {lang} {shown:?} -> {href} in {plain:?}"));
        }
        for (shown, href) in gold.difference(&found) {
            report.push(format!("missing {lang} {shown:?} -> {href} in {plain:?}"));
        }
    }
    let precision = if made == 0 { 1.0 } else { right as f64 / made as f64 };
    (precision, right as f64 / wanted as f64, report)
}

#[test]
fn inflected_linking_reaches_the_precision_and_recall_of_the_gold_sentences() {
    let (precision, recall, report) = measure("");
    let (_, recall_as_written, _) = measure("inflections = false");
    println!("precision {precision:.3}, recall {recall:.3} (names only as written: recall {recall_as_written:.3})");
    report.iter().for_each(|line| println!("{line}"));
    assert!(precision >= 0.95, "precision {precision:.3}:\n{}", report.join("\n"));
    assert!(recall >= 0.9, "recall {recall:.3}:\n{}", report.join("\n"));
    assert!(recall > recall_as_written, "inflected forms are found that the names as written miss");
}

/// Reads the HTML of a page as the workspace holds it.
fn workspace_page(ws: &glossgen::rebuild::Workspace, page: &str) -> Html {
    Html::parse_document(std::str::from_utf8(&ws.files()[page]).unwrap())
}

#[test]
fn renames_and_compound_switches_match_a_full_build() {
    use crate::incremental::{edit_and_compare, replace, workspace};
    let dir = small_site("", "compounds: true\n");
    let root = dir.path();
    let mut ws = workspace(root);
    let links = |ws: &glossgen::rebuild::Workspace, page: &str| {
        common::attrs(&workspace_page(ws, page), ".entry-body a.gloss-auto", "href")
    };
    assert_eq!(links(&ws, "nl/tekst/index.html"), ["/nl/neural-network/", "/nl/weight/"]);
    let steps: [(&str, &str, &str); 5] = [
        // The name inflected mentions point to goes, and comes back.
        ("content/nl/neural-network.md", "title: Neuraal netwerk", "title: Zenuwweb"),
        ("content/nl/neural-network.md", "title: Zenuwweb", "title: Neuraal netwerk"),
        // A concept whose compounds link stops and starts allowing them.
        ("content/nl/model.md", "compounds: true\n", "compounds: false\n"),
        ("content/nl/model.md", "compounds: false\n", "compounds: true\n"),
        // A second concept takes a name with the same stems as the first's.
        ("content/nl/weight.md", "title: Gewicht", "title: Gewicht\naliases: [neurale netwerken]"),
    ];
    for (file, from, to) in steps {
        edit_and_compare(&mut ws, root, &[file], || replace(root, file, from, to));
    }
    assert_eq!(links(&ws, "nl/samenstelling/index.html"), ["/nl/model/"]);
}
