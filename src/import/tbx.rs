//! Reading TBX: v3 (`tbx`, `conceptEntry`, `langSec`, `termSec`, with or without the ISO namespace) and
//! v2 (`martif`, `termEntry`, `langSet`, `tig`), the DCA style of TBX-Basic. Names come with their
//! administrative status; the definition becomes the summary, the subject field the category (in the
//! file's own language), `admin type="source"` the sources and cross-references the related concepts.
//! Whatever else a concept holds is counted as left out.

use std::collections::BTreeMap;

use roxmltree::{Document, Node, ParsingOptions};

use super::{Concept, Entry};
use crate::config::SiteConfig;
use crate::content::aliases::Status;

const XML: &str = "http://www.w3.org/XML/1998/namespace";

fn named<'a, 'i>(node: Node<'a, 'i>, names: &'a [&str]) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| c.is_element() && names.contains(&c.tag_name().name()))
}

fn text_of(node: Node<'_, '_>) -> String {
    let text: String = node.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap_or_default()).collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn typed<'a, 'i>(node: Node<'a, 'i>, element: &'a str, kind: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == element && c.attribute("type") == Some(kind))
}

/// A source as TBX holds it, `Title (https://…)` or an address alone.
fn source(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    if let Some(open) = text.rfind(" (")
        && text.ends_with(')')
    {
        let url = &text[open + 2..text.len() - 1];
        if url.starts_with("http://") || url.starts_with("https://") {
            return Some((text[..open].trim().to_string(), url.to_string()));
        }
    }
    (text.starts_with("http://") || text.starts_with("https://")).then(|| (text.to_string(), text.to_string()))
}

/// The concepts of a TBX document.
pub fn read(text: &str, config: &SiteConfig, dropped: &mut BTreeMap<String, usize>) -> Result<Vec<Concept>, String> {
    let options = ParsingOptions { allow_dtd: false, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(text, options).map_err(|e| format!("not readable XML: {e}"))?;
    let root = doc.root_element();
    if !matches!(root.tag_name().name(), "tbx" | "martif") {
        return Err(format!("the root element is `{}`, not `tbx`", root.tag_name().name()));
    }
    let file_lang =
        root.attribute((XML, "lang")).unwrap_or(config.default_language().code.as_str()).to_ascii_lowercase();
    let mut drop = |what: &str| *dropped.entry(what.to_string()).or_default() += 1;
    let body = root
        .descendants()
        .find(|n| n.is_element() && n.tag_name().name() == "body")
        .ok_or("the document has no <text><body>")?;
    let mut concepts = Vec::new();
    for entry in named(body, &["conceptEntry", "termEntry"]) {
        let mut concept = Concept { id: entry.attribute("id").map(str::to_string), ..Concept::default() };
        let subject = typed(entry, "descrip", "subjectField").next().map(text_of);
        for child in entry.children().filter(Node::is_element) {
            match (child.tag_name().name(), child.attribute("type")) {
                ("descrip", Some("subjectField")) | ("langSec" | "langSet", _) => {}
                ("ref", Some("crossReference")) => {
                    if let Some(target) = child.attribute("target") {
                        concept.related.push(target.to_string());
                    }
                }
                (name, _) => drop(&format!("`{name}` elements of concepts")),
            }
        }
        for section in named(entry, &["langSec", "langSet"]) {
            let Some(lang) = section.attribute((XML, "lang")) else {
                drop("language sections without xml:lang");
                continue;
            };
            let lang = lang.to_ascii_lowercase();
            let mut out = Entry { lang: lang.clone(), ..Entry::default() };
            if lang == file_lang {
                out.category = subject.clone();
            }
            let groups = named(section, &["descripGrp"]).chain(std::iter::once(section));
            for group in groups {
                if let Some(definition) = typed(group, "descrip", "definition").next() {
                    out.summary = text_of(definition);
                }
                for admin in typed(group, "admin", "source") {
                    match source(&text_of(admin)) {
                        Some(s) => out.sources.push(s),
                        None => drop("sources without an http(s) address"),
                    }
                }
            }
            let mut names: Vec<(String, Option<Status>, Option<String>)> = Vec::new();
            for term_section in named(section, &["termSec", "tig", "ntig"]) {
                let Some(term) = term_section.descendants().find(|n| n.is_element() && n.tag_name().name() == "term")
                else {
                    continue;
                };
                let status = typed(term_section, "termNote", "administrativeStatus")
                    .next()
                    .and_then(|n| crate::termbase::tbx::status_of(&text_of(n)));
                let note = named(term_section, &["note"]).next().map(text_of).filter(|n| !n.is_empty());
                names.push((text_of(term), status, note));
            }
            names.retain(|(n, _, _)| !n.is_empty());
            let title_at = names.iter().position(|(_, s, _)| *s == Some(Status::Preferred)).unwrap_or(0);
            if names.is_empty() {
                drop("language sections without a term");
                continue;
            }
            let (title, _, _) = names.remove(title_at);
            out.title = title;
            out.aliases = names
                .into_iter()
                .map(|(n, s, note)| (n, s.filter(|s| *s != Status::Preferred).unwrap_or(Status::Admitted), note))
                .collect();
            concept.entries.push(out);
        }
        concepts.push(concept);
    }
    Ok(concepts)
}
