//! The glossary as a termbase, for tools other than browsers: TBX for CAT tools ([`tbx`]), CSV and TSV for
//! spreadsheets and machine translation glossaries ([`table`]), SKOS in Turtle for linked data ([`skos`]).
//! `glossgen export FORMAT` writes one; `exports = [...]` in `site.toml` publishes them with the site.
//!
//! Every format reads the same rows: one [`Concept`] per concept id, with its entry in each language.

pub mod skos;
pub mod table;
pub mod tbx;

use crate::config::SiteConfig;
use crate::content::Entry;
use crate::content::aliases::Status;
use crate::link::Glossary;
use crate::types::LangPos;

/// A format glossgen exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// TBX v3, TBX-Basic dialect, DCA style.
    Tbx,
    /// Comma-separated values (RFC 4180).
    Csv,
    /// Tab-separated values.
    Tsv,
    /// SKOS as Turtle.
    Skos,
}

impl Format {
    /// The formats by the names the command line and `site.toml` use.
    pub const NAMES: &[(&str, Format)] =
        &[("tbx", Format::Tbx), ("csv", Format::Csv), ("tsv", Format::Tsv), ("skos", Format::Skos)];

    /// Reads a format name.
    pub fn parse(name: &str) -> Option<Format> {
        Self::NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, f)| *f)
    }

    /// The formats a site publishes (`exports` in `site.toml`).
    pub fn published(config: &SiteConfig) -> Vec<Format> {
        config.exports.iter().filter_map(|name| Format::parse(name)).collect()
    }

    /// What the footer calls the published file.
    pub fn label(self) -> &'static str {
        match self {
            Format::Tbx => "TBX",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::Skos => "SKOS (Turtle)",
        }
    }

    /// Where the site publishes the format (`exports` in `site.toml`).
    pub fn published_file(self) -> &'static str {
        match self {
            Format::Tbx => "glossary.tbx",
            Format::Csv => "glossary.csv",
            Format::Tsv => "glossary.tsv",
            Format::Skos => "glossary.ttl",
        }
    }
}

/// A name of a concept in one language, with its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term<'g> {
    /// The name.
    pub name: &'g str,
    /// The title is preferred; aliases are admitted, deprecated or obsolete.
    pub status: Status,
    /// Why, for a name to avoid.
    pub note: Option<&'g str>,
}

/// A concept and its entry in each language that has one (in the site's language order).
pub struct Concept<'g> {
    /// The concept id.
    pub id: &'g str,
    /// Each language's entry.
    pub entries: Vec<(LangPos, &'g Entry)>,
}

/// The concepts of a glossary, by id, with the languages `only` asks for (all when empty).
pub fn concepts<'g>(config: &SiteConfig, glossary: &'g Glossary, only: &[String]) -> Vec<Concept<'g>> {
    let mut ids: Vec<&str> = glossary.concept_ids().collect();
    ids.sort_unstable();
    let wanted = |pos: LangPos| only.is_empty() || only.iter().any(|l| l == config.languages[pos].code.as_str());
    ids.into_iter()
        .filter_map(|id| {
            let concept_id = crate::slug::ConceptId::parse(id).ok()?;
            let entries: Vec<(LangPos, &Entry)> = glossary
                .versions(&concept_id)
                .iter()
                .enumerate()
                .filter_map(|(pos, index)| Some((LangPos::new(pos), &*glossary.entries[(*index)?])))
                .filter(|(pos, _)| wanted(*pos))
                .collect();
            (!entries.is_empty()).then_some(Concept { id, entries })
        })
        .collect()
}

/// The names of an entry: its title (preferred), then each alias once, leaving out an alias written the
/// same as the title or as an earlier alias (a termbase holds each name of a concept once).
pub fn terms(entry: &Entry) -> Vec<Term<'_>> {
    let mut out = vec![Term { name: &entry.title, status: Status::Preferred, note: None }];
    for (n, alias) in entry.aliases.iter().enumerate() {
        if out.iter().any(|t| t.name.eq_ignore_ascii_case(alias)) {
            continue;
        }
        let status = entry.alias_terms.status.get(n).copied().unwrap_or_default();
        let note = entry.alias_terms.notes.get(n).and_then(|n| n.as_deref());
        out.push(Term { name: alias, status, note });
    }
    out
}

/// The names of an entry that a termbase cannot hold as written, by their line: an alias written like the
/// title or like an earlier alias (SKOS forbids a label that is both preferred and alternative, and TBX
/// holds a term once per concept and language). The exports leave them out; `check` reports them.
pub fn label_clashes(entry: &Entry) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, alias) in entry.aliases.iter().enumerate() {
        let line = entry.lines.aliases.get(n).copied().unwrap_or(1);
        if alias.eq_ignore_ascii_case(&entry.title) || alias.to_lowercase() == entry.title.to_lowercase() {
            out.push((line, format!("the alias `{alias}` is the title again")));
        } else if entry.aliases[..n].iter().any(|a| a.to_lowercase() == alias.to_lowercase()) {
            out.push((line, format!("the alias `{alias}` is listed twice")));
        }
    }
    out
}

/// The export in `format` of the concepts `only` selects (every language when empty).
pub fn export(config: &SiteConfig, glossary: &Glossary, format: Format, only: &[String]) -> String {
    let concepts = concepts(config, glossary, only);
    match format {
        Format::Tbx => tbx::write(config, &concepts),
        Format::Csv => table::write(config, &concepts, b','),
        Format::Tsv => table::write(config, &concepts, b'\t'),
        Format::Skos => skos::write(config, &concepts),
    }
}
