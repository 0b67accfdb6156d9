//! The glossary as a SKOS concept scheme, in Turtle: every concept a `skos:Concept` named by its entry's
//! address (in the default language where it has one), with a `prefLabel` (its title), `altLabel`s (admitted
//! aliases), `hiddenLabel`s (names to avoid, so search still finds them) and a `definition` (the summary)
//! per language, its `related` concepts, and each category a `skos:Collection` of its concepts. A name is
//! written once per concept and language, so the integrity rules hold: one `prefLabel` per language, and
//! no label both preferred and alternative or hidden.

use super::{Concept, terms};
use crate::config::SiteConfig;
use crate::urls;

/// A Turtle string literal.
fn literal(text: &str, lang: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push_str("\"@");
    out.push_str(lang);
    out
}

/// An IRI in angle brackets; characters Turtle does not allow in one are percent-encoded.
fn iri(address: &str) -> String {
    let mut out = String::with_capacity(address.len() + 2);
    out.push('<');
    for c in address.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('>');
    out
}

/// The address that names a concept: its entry's page in the first language it has (the default first).
fn concept_iri(config: &SiteConfig, concept: &Concept<'_>) -> String {
    let (_, entry) = concept.entries[0];
    iri(&config.base.permalink(&urls::entry(entry.lang.as_str(), &entry.slug)))
}

/// The Turtle document of `concepts`.
pub fn write(config: &SiteConfig, concepts: &[Concept<'_>]) -> String {
    let scheme = iri(config.base.as_str());
    let mut out = String::with_capacity(concepts.len() * 900 + 512);
    out.push_str("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n");
    out.push_str("@prefix dct: <http://purl.org/dc/terms/> .\n\n");
    out.push_str(&format!("{scheme} a skos:ConceptScheme"));
    for lang in &config.languages {
        out.push_str(&format!(" ;\n    dct:title {}", literal(&lang.title, lang.code.as_str())));
    }
    out.push_str(" .\n");
    let by_id: std::collections::HashMap<&str, String> =
        concepts.iter().map(|c| (c.id, concept_iri(config, c))).collect();
    // Category pages, per language, with the concepts filed under them.
    let mut collections: std::collections::BTreeMap<String, (String, String, Vec<String>)> = Default::default();
    for concept in concepts {
        let me = &by_id[concept.id];
        out.push_str(&format!("\n{me} a skos:Concept ;\n    skos:inScheme {scheme}"));
        let mut related: Vec<&str> = Vec::new();
        for (_, entry) in &concept.entries {
            let lang = entry.lang.as_str();
            for term in terms(entry) {
                let property = match term.status {
                    crate::content::aliases::Status::Preferred => "prefLabel",
                    s if s.is_avoided() => "hiddenLabel",
                    _ => "altLabel",
                };
                out.push_str(&format!(" ;\n    skos:{property} {}", literal(term.name, lang)));
            }
            out.push_str(&format!(" ;\n    skos:definition {}", literal(&entry.summary_text, lang)));
            for id in entry.related.iter().map(|r| r.value.as_str()) {
                if !related.contains(&id) {
                    related.push(id);
                }
            }
            if let (Some(name), Some(slug)) = (&entry.category, &entry.category_slug) {
                let page = iri(&config.base.permalink(&urls::category(lang, slug)));
                let slot = collections.entry(page).or_insert_with(|| (name.clone(), lang.to_string(), Vec::new()));
                slot.2.push(me.clone());
            }
        }
        for id in related {
            if let Some(other) = by_id.get(id).filter(|o| *o != me) {
                out.push_str(&format!(" ;\n    skos:related {other}"));
            }
        }
        out.push_str(" .\n");
    }
    for (page, (name, lang, members)) in collections {
        out.push_str(&format!("\n{page} a skos:Collection ;\n    skos:prefLabel {}", literal(&name, &lang)));
        for member in members {
            out.push_str(&format!(" ;\n    skos:member {member}"));
        }
        out.push_str(" .\n");
    }
    out
}
