//! The glossary as a table: a header row, then one row per concept (its id, then for each language its
//! title, its aliases separated by `|`, and its summary). CSV quotes fields as RFC 4180 says; TSV has no
//! quoting, so tabs and line breaks in a field become spaces. `pairs` gives the two-column, header-less
//! file DeepL and Google take as a glossary: source name, target title.

use super::{Concept, terms};
use crate::config::SiteConfig;
use crate::link::Glossary;

/// A CSV writer (RFC 4180: quotes where needed, CRLF line ends) or a TSV one (no quoting: tabs and line
/// breaks inside a field become spaces).
fn writer(separator: u8) -> csv::Writer<Vec<u8>> {
    let mut builder = csv::WriterBuilder::new();
    builder.delimiter(separator).flexible(true);
    if separator == b'\t' {
        builder.quote_style(csv::QuoteStyle::Never).terminator(csv::Terminator::Any(b'\n'));
    } else {
        builder.terminator(csv::Terminator::CRLF);
    }
    builder.from_writer(Vec::new())
}

fn row(out: &mut csv::Writer<Vec<u8>>, fields: &[&str], separator: u8) {
    let clean = |f: &&str| -> String {
        if separator == b'\t' {
            f.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
        } else {
            f.to_string()
        }
    };
    // Writing into memory cannot fail.
    let _ = out.write_record(fields.iter().map(clean));
}

fn finish(out: csv::Writer<Vec<u8>>) -> String {
    out.into_inner().ok().and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_default()
}

/// The table of `concepts`, with a column group for each language the concepts have.
pub fn write(config: &SiteConfig, concepts: &[Concept<'_>], separator: u8) -> String {
    let mut languages: Vec<crate::types::LangPos> =
        concepts.iter().flat_map(|c| c.entries.iter().map(|(p, _)| *p)).collect();
    languages.sort_unstable();
    languages.dedup();
    let mut out = writer(separator);
    let mut header: Vec<String> = vec!["id".to_string()];
    for pos in &languages {
        let code = &config.languages[*pos].code;
        header.extend([format!("title_{code}"), format!("aliases_{code}"), format!("summary_{code}")]);
    }
    row(&mut out, &header.iter().map(String::as_str).collect::<Vec<_>>(), separator);
    for concept in concepts {
        let mut fields: Vec<String> = vec![concept.id.to_string()];
        for pos in &languages {
            match concept.entries.iter().find(|(p, _)| p == pos) {
                Some((_, entry)) => {
                    let aliases: Vec<&str> = terms(entry).iter().skip(1).map(|t| t.name).collect();
                    fields.extend([entry.title.clone(), aliases.join("|"), entry.summary_text.clone()]);
                }
                None => fields.extend([String::new(), String::new(), String::new()]),
            }
        }
        row(&mut out, &fields.iter().map(String::as_str).collect::<Vec<_>>(), separator);
    }
    finish(out)
}

/// Source → target pairs for a machine-translation glossary: each concept's source title and admitted
/// aliases, each with the target title (names to avoid are left out; each source name once).
pub fn pairs(config: &SiteConfig, glossary: &Glossary, source: &str, target: &str, separator: u8) -> String {
    let concepts = super::concepts(config, glossary, &[source.to_string(), target.to_string()]);
    let code = |pos: crate::types::LangPos| config.languages[pos].code.as_str();
    let mut seen = std::collections::HashSet::new();
    let mut out = writer(separator);
    for concept in &concepts {
        let from = concept.entries.iter().find(|(p, _)| code(*p) == source);
        let to = concept.entries.iter().find(|(p, _)| code(*p) == target);
        let (Some((_, from)), Some((_, to))) = (from, to) else { continue };
        for term in terms(from).into_iter().filter(|t| !t.status.is_avoided()) {
            if seen.insert(term.name.to_lowercase()) {
                row(&mut out, &[term.name, &to.title], separator);
            }
        }
    }
    finish(out)
}
