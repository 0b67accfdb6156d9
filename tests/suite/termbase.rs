//! Terminology exchange: term status on aliases, the glossary exported as TBX, CSV/TSV and SKOS and read
//! back by independent parsers (roxmltree, Python's csv and rdflib), published with the site on request,
//! and TBX and CSV imported into a site.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{self, attrs, page, site, texts, tools};

fn export(root: &Path, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend(["--root", root.to_str().unwrap()]);
    let out = common::glossgen(&all);
    assert!(out.status.success(), "{}", common::stderr(&out));
    out.stdout
}

const TBX_NS: &str = "urn:iso:std:iso:30042:ed:3.0";

#[test]
fn the_tbx_export_is_tbx_basic_and_survives_an_import_into_an_empty_site() {
    let dir = common::bundled_site();
    let root = dir.path();
    let tbx = String::from_utf8(export(root, &["tbx"])).unwrap();
    let doc = roxmltree::Document::parse(&tbx).unwrap();
    let top = doc.root_element();
    assert_eq!((top.tag_name().name(), top.tag_name().namespace()), ("tbx", Some(TBX_NS)));
    assert_eq!((top.attribute("type"), top.attribute("style")), (Some("TBX-Basic"), Some("dca")));
    assert_eq!(top.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("en"));
    let path = |names: &[&str]| {
        names.iter().try_fold(top, |node, name| node.children().find(|c| c.has_tag_name((TBX_NS, *name))))
    };
    assert!(path(&["tbxHeader", "fileDesc", "sourceDesc", "p"]).is_some());
    let concepts: Vec<_> = doc.descendants().filter(|n| n.has_tag_name((TBX_NS, "conceptEntry"))).collect();
    assert_eq!(concepts.len(), 48);
    let ids: BTreeSet<&str> = concepts.iter().filter_map(|c| c.attribute("id")).collect();
    assert_eq!(ids.len(), 48, "ids are unique");
    let statuses =
        ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"];
    for concept in &concepts {
        assert!(
            concept
                .children()
                .any(|c| c.has_tag_name((TBX_NS, "descrip")) && c.attribute("type") == Some("subjectField"))
        );
        for target in
            concept.children().filter(|c| c.has_tag_name((TBX_NS, "ref"))).filter_map(|r| r.attribute("target"))
        {
            assert!(ids.contains(target), "a cross-reference leads to a concept of the file: {target}");
        }
        let sections: Vec<_> = concept.children().filter(|c| c.has_tag_name((TBX_NS, "langSec"))).collect();
        assert_eq!(sections.len(), 2, "{:?}", concept.attribute("id"));
        for section in sections {
            let definition = section.descendants().find(|d| d.attribute("type") == Some("definition")).unwrap();
            assert!(!definition.text().unwrap_or_default().is_empty());
            let notes: Vec<&str> = section
                .descendants()
                .filter(|n| n.has_tag_name((TBX_NS, "termNote")) && n.attribute("type") == Some("administrativeStatus"))
                .filter_map(|n| n.text())
                .collect();
            assert!(notes.iter().all(|n| statuses.contains(n)), "{notes:?}");
            assert_eq!(notes.iter().filter(|n| **n == "preferredTerm-admn-sts").count(), 1);
        }
    }
    assert!(tbx.contains("<term>open-source weights</term>\n            <termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"));
    // Imported into a site with no entries, it gives the same concepts, names (with status) and summaries.
    let empty = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("site.toml"), empty.path().join("site.toml")).unwrap();
    common::copy_tree(&root.join("i18n"), &empty.path().join("i18n"));
    std::fs::write(empty.path().join("glossary.tbx"), &tbx).unwrap();
    let source = empty.path().join("glossary.tbx");
    let out = common::glossgen(&["import", "tbx", source.to_str().unwrap(), "--root", empty.path().to_str().unwrap()]);
    let _ = std::fs::remove_file(empty.path().join("glossary.tbx"));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && shown.contains("96 entries created (48 en, 48 nl)"),
        "{shown}{}",
        common::stderr(&out)
    );
    let built = common::build(empty.path(), &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let again = String::from_utf8(export(empty.path(), &["tbx"])).unwrap();
    assert!(again == tbx, "the imported site exports a different TBX");
}

fn python(module: &str, script: &str, file: &Path) -> Option<String> {
    let mut command = tools::python_with(module)?;
    let out = command.arg("-c").arg(script).arg(file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

#[test]
fn csv_and_tsv_exports_read_as_tables_and_pairs_feed_machine_translation() {
    let dir = common::bundled_site();
    let root = dir.path();
    let csv = export(root, &["csv"]);
    assert!(csv.windows(2).any(|w| w == b"\r\n"), "RFC 4180 records end with CRLF");
    assert!(!csv.starts_with("\u{feff}".as_bytes()));
    let file = root.join("g.csv");
    std::fs::write(&file, &csv).unwrap();
    let script = "import csv, sys, json\nrows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\nprint(json.dumps(rows))";
    let Some(rows) = python("csv", script, &file) else { return };
    let rows: Vec<Vec<String>> = serde_json::from_str(&rows).unwrap();
    assert_eq!(rows[0], ["id", "title_en", "aliases_en", "summary_en", "title_nl", "aliases_nl", "summary_nl"]);
    assert_eq!(rows.len(), 49);
    let row = rows.iter().find(|r| r[0] == "open-weights-vs-open-source").unwrap();
    assert_eq!(row[1], "Open Weights vs Open Source AI");
    assert_eq!(row[2], "open weights|OSAID|open-source weights");
    assert!(rows.iter().all(|r| r.len() == 7));
    // A summary with a comma survives the quoting.
    assert!(rows.iter().any(|r| r[3].contains(',')));
    let tsv = String::from_utf8(export(root, &["tsv"])).unwrap();
    assert!(tsv.lines().all(|l| l.split('\t').count() == 7), "one tab-separated row per concept");
    // Two columns, no header, names to avoid left out, each source name once.
    let pairs = String::from_utf8(export(root, &["csv", "--pairs", "en,nl"])).unwrap();
    let pairs: Vec<&str> = pairs.lines().collect();
    assert!(pairs.contains(&"Open Weights vs Open Source AI,Open weights versus open-source-AI"), "{pairs:?}");
    assert!(pairs.contains(&"open weights,Open weights versus open-source-AI"), "{pairs:?}");
    assert!(!pairs.iter().any(|p| p.starts_with("open-source weights")));
    assert!(!pairs.iter().any(|p| p.starts_with("id,")));
    let sources: BTreeSet<String> = pairs.iter().map(|p| p.split(',').next().unwrap().to_lowercase()).collect();
    assert_eq!(sources.len(), pairs.len());
    let bom = export(root, &["csv", "--bom"]);
    assert!(bom.starts_with("\u{feff}id,".as_bytes()));
    let refused = common::glossgen(&["export", "skos", "--pairs", "en,nl", "--root", root.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_skos_export_parses_as_rdf_and_keeps_the_integrity_rules() {
    let dir = common::bundled_site();
    let root = dir.path();
    let file = root.join("g.ttl");
    std::fs::write(&file, export(root, &["skos"])).unwrap();
    let script = r#"
import sys, json, rdflib
g = rdflib.Graph()
g.parse(sys.argv[1], format="turtle")
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
def rows(q):
    return [[str(v) for v in row] for row in g.query(SKOS + q)]
print(json.dumps({
    "concepts": rows("SELECT (COUNT(?c) AS ?n) WHERE { ?c a skos:Concept ; skos:inScheme ?s . ?s a skos:ConceptScheme }")[0][0],
    "two_preferred": rows("SELECT ?c WHERE { ?c skos:prefLabel ?a, ?b . FILTER(?a != ?b && lang(?a) = lang(?b)) }"),
    "overlapping": rows("SELECT ?c ?l WHERE { { ?c skos:prefLabel ?l ; skos:altLabel ?l } UNION { ?c skos:prefLabel ?l ; skos:hiddenLabel ?l } UNION { ?c skos:altLabel ?l ; skos:hiddenLabel ?l } }"),
    "hidden": rows("SELECT ?l WHERE { ?c skos:hiddenLabel ?l }"),
    "dutch_definitions": rows("SELECT (COUNT(?d) AS ?n) WHERE { ?c skos:definition ?d . FILTER(lang(?d) = 'nl') }")[0][0],
    "related": rows("SELECT (COUNT(*) AS ?n) WHERE { ?a skos:related ?b . ?b a skos:Concept }")[0][0],
    "members": rows("SELECT (COUNT(?m) AS ?n) WHERE { ?k a skos:Collection ; skos:member ?m }")[0][0],
    "iri": rows("SELECT ?c WHERE { ?c skos:prefLabel 'Overfitting'@en }"),
}))
"#;
    let Some(found) = python("rdflib", script, &file) else { return };
    let found: serde_json::Value = serde_json::from_str(&found).unwrap();
    assert_eq!(found["concepts"], "48");
    assert_eq!(found["two_preferred"], serde_json::json!([]), "at most one prefLabel per language");
    assert_eq!(found["overlapping"], serde_json::json!([]), "pref, alt and hidden labels are disjoint");
    let hidden: Vec<&str> = found["hidden"].as_array().unwrap().iter().map(|r| r[0].as_str().unwrap()).collect();
    assert!(hidden.contains(&"open-source weights") && hidden.contains(&"open-source-gewichten"), "{hidden:?}");
    assert_eq!(found["dutch_definitions"], "48");
    assert!(found["related"].as_str().unwrap().parse::<u32>().unwrap() > 48);
    assert_eq!(found["members"], "96", "every entry is in its category's collection");
    assert_eq!(found["iri"], serde_json::json!([["https://glossgen.example.org/en/overfitting/"]]));
}

#[test]
fn exports_listed_in_site_toml_are_published_and_linked_from_the_footer() {
    let dir = site(None);
    let root = dir.path();
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), format!("exports = [\"tbx\", \"csv\", \"skos\"]\n{config}")).unwrap();
    let out = common::build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    for file in ["glossary.tbx", "glossary.csv", "glossary.ttl"] {
        assert!(root.join("public").join(file).is_file(), "{file}");
    }
    roxmltree::Document::parse(&std::fs::read_to_string(root.join("public/glossary.tbx")).unwrap()).unwrap();
    let home = page(root, "nl/index.html");
    let footer = attrs(&home, ".site-footer a", "href");
    for link in ["/glossary.tbx", "/glossary.csv", "/glossary.ttl"] {
        assert!(footer.iter().any(|h| h == link), "{footer:?}");
    }
    // Off unless asked for; an unknown format is an error at its line.
    std::fs::write(root.join("site.toml"), format!("exports = [\"tbx\", \"xlsx\"]\n{config}")).unwrap();
    let out = common::build(root, &[]);
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("site.toml:1:"), "{}", common::stderr(&out));
}

#[test]
fn names_to_avoid_are_shown_as_such_found_by_wiki_links_and_never_linked_automatically() {
    let dir = site(None);
    let root = dir.path();
    let file = root.join("content/en/open-weights-vs-open-source.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let aliases = "aliases: [open weights, {name: OSAID, status: admitted}, {name: \"open-source model\", status: deprecated, note: \"misleading for weights-only releases\"}]";
    std::fs::write(&file, text.replacen("aliases: [open weights, OSAID]", aliases, 1)).unwrap();
    let overfitting = root.join("content/en/overfitting.md");
    let body = std::fs::read_to_string(&overfitting).unwrap();
    std::fs::write(&overfitting, format!("{body}\nAn open-source model can overfit too; see [[open-source model]].\n"))
        .unwrap();
    let out = common::build(root, &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let entry = page(root, "en/open-weights-vs-open-source/index.html");
    assert_eq!(texts(&entry, ".aliases:not(.aliases-avoided) .alias"), ["open weights", "OSAID"]);
    assert_eq!(texts(&entry, ".aliases-avoided .alias"), ["open-source model"]);
    assert_eq!(texts(&entry, ".aliases-avoided .alias-note"), ["(misleading for weights-only releases)"]);
    assert!(root.join("public/en/open-source-model/index.html").is_file(), "the old name still redirects");
    let page = page(root, "en/overfitting/index.html");
    let linked: Vec<String> = attrs(&page, ".entry-body a.gloss-link", "href");
    assert_eq!(linked.iter().filter(|h| h.ends_with("/open-weights-vs-open-source/")).count(), 1, "{linked:?}");
    assert!(
        attrs(&page, ".entry-body a.gloss-auto", "href").iter().all(|h| !h.ends_with("/open-weights-vs-open-source/"))
    );
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "deprecated-term").collect();
    assert_eq!(found.len(), 2, "the mention and the wiki link: {found:#?}");
    assert_eq!(found[0]["path"], "content/en/overfitting.md");
    assert!(found[0]["hint"].as_str().unwrap().contains("write `Open Weights vs Open Source AI` instead"));
    // A name a termbase cannot hold twice is reported where it is written.
    std::fs::write(
        &file,
        text.replacen(
            "aliases: [open weights, OSAID]",
            "aliases: [open weights, Open weights vs open source AI, OPEN WEIGHTS, {name: open-source model, status: deprecated}]",
            1,
        ),
    )
    .unwrap();
    let out = common::glossgen(&["check", "--format", "json", "--root", root.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let clashes: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "label-clash")
        .map(|f| format!("{}: {}", f["line"], f["message"].as_str().unwrap()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        clashes,
        [
            "4: the alias `OPEN WEIGHTS` is listed twice",
            "4: the alias `Open weights vs open source AI` is the title again",
        ]
    );
    // A status that is not one is an error at its line.
    std::fs::write(&file, text.replacen("aliases: [open weights, OSAID]", "aliases: [{name: x, status: banned}]", 1))
        .unwrap();
    let out = common::build(root, &[]);
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("content/en/open-weights-vs-open-source.md:4:"), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("`banned` is not a term status"));
}

#[test]
fn a_csv_import_creates_entries_leaves_existing_ones_unless_asked_and_writes_nothing_on_a_dry_run() {
    let dir = site(None);
    let root = dir.path();
    let table = "id,title_en,aliases_en,summary_en,title_nl,aliases_nl,summary_nl,notes\r\n\
        dropout,Dropout,dropping units|DO,\"Randomly silences units while training, so none is relied on.\",Dropout,,\"Schakelt tijdens het trainen willekeurig eenheden uit, zodat geen enkele onmisbaar wordt.\",internal\r\n\
        overfitting,Overfitting,overtraining,A model that fits its training data too closely.,,,,\r\n";
    std::fs::write(root.join("terms.csv"), table).unwrap();
    let before = common::snapshot(&root.join("content"));
    let source = root.join("terms.csv");
    let run = |extra: &[&str]| {
        let mut args = vec!["import", "csv", source.to_str().unwrap(), "--root", root.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = common::glossgen(&args);
        assert!(out.status.success(), "{}", common::stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dry = run(&["--dry-run"]);
    assert!(dry.contains("Would import: 2 entries created (1 en, 1 nl), 0 updated, 1 existing left alone"), "{dry}");
    assert!(dry.contains("left out: 1 value(s) of the column `notes`"), "{dry}");
    assert_eq!(common::snapshot(&root.join("content")), before, "a dry run writes nothing");
    let done = run(&[]);
    assert!(done.contains("Imported: 2 entries created"), "{done}");
    let made = std::fs::read_to_string(root.join("content/en/dropout.md")).unwrap();
    assert!(
        made.contains("aliases: [dropping units, DO]")
            && made.contains("summary: Randomly silences units while training, so none is relied on."),
        "{made}"
    );
    let kept = std::fs::read_to_string(root.join("content/en/overfitting.md")).unwrap();
    assert!(kept.contains("memorises"), "left alone without --update");
    let built = common::build(root, &[]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert_eq!(texts(&page(root, "nl/dropout/index.html"), "h1"), ["Dropout"]);
    // --update changes the front-matter the table carries; the body stays.
    let body_before = kept.split("\n---\n").nth(1).unwrap().to_string();
    run(&["--update"]);
    let updated = std::fs::read_to_string(root.join("content/en/overfitting.md")).unwrap();
    assert!(updated.contains("summary: A model that fits its training data too closely."), "{updated}");
    assert_eq!(updated.split("\n---\n").nth(1).unwrap(), body_before);
    // A broken file is refused whole.
    std::fs::write(root.join("bad.tbx"), "<tbx><text><body><conceptEntry").unwrap();
    let snapshot = common::snapshot(&root.join("content"));
    let bad = root.join("bad.tbx");
    let out = common::glossgen(&["import", "tbx", bad.to_str().unwrap(), "--root", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("Nothing was imported"));
    assert_eq!(common::snapshot(&root.join("content")), snapshot);
}
