//! Keeping translations fresh: which translations of each concept are up to date, outdated, unstamped or
//! missing, compared through the stamps translations carry ([`Fingerprint`], made at load time).

use serde::Serialize;

use crate::config::SiteConfig;
use crate::link::{EntryIndex, Glossary};
use crate::types::LangPos;

pub use crate::content::fingerprint::{FIELDS, Fingerprint, LazyFingerprint, stamp_text, write_stamp};

/// How one translation of a concept stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum State {
    /// Stamped with the source's current fingerprint.
    UpToDate,
    /// Stamped with an older fingerprint; `changed` names the source fields that changed since.
    Outdated {
        /// Fields of the source entry that changed since the translation was stamped.
        changed: Vec<&'static str>,
    },
    /// Exists but carries no stamp.
    Unstamped,
    /// No entry in this language.
    Missing,
    /// The translation exists but the source language has no entry for the concept.
    NoSource,
}

/// The kind of a [`State`] without its details, for counting and filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// See [`State::UpToDate`].
    UpToDate,
    /// See [`State::Outdated`].
    Outdated,
    /// See [`State::Unstamped`].
    Unstamped,
    /// See [`State::Missing`].
    Missing,
    /// See [`State::NoSource`].
    NoSource,
}

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 5] = [Kind::UpToDate, Kind::Outdated, Kind::Unstamped, Kind::Missing, Kind::NoSource];

    /// The name used in reports and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::UpToDate => "up-to-date",
            Kind::Outdated => "outdated",
            Kind::Unstamped => "unstamped",
            Kind::Missing => "missing",
            Kind::NoSource => "no-source",
        }
    }
}

impl State {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        match self {
            State::UpToDate => Kind::UpToDate,
            State::Outdated { .. } => Kind::Outdated,
            State::Unstamped => Kind::Unstamped,
            State::Missing => Kind::Missing,
            State::NoSource => Kind::NoSource,
        }
    }

    /// The name used in reports and JSON.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

/// The source language's position: `translation_source` from `site.toml`, else the default language.
pub fn source_position(config: &SiteConfig) -> LangPos {
    let pos = config
        .translation_source
        .as_deref()
        .and_then(|code| config.languages.iter().position(|l| l.code.as_str() == code))
        .unwrap_or(0);
    LangPos::new(pos)
}

/// The state of the entry at `index` as a translation (`None` for entries in the source language).
pub fn state_of(glossary: &Glossary, source_pos: LangPos, index: EntryIndex) -> Option<State> {
    if glossary.lang_pos(index) == source_pos {
        return None;
    }
    let entry = &glossary.entries[index];
    let Some(source) = glossary.lookup(source_pos, &entry.id) else { return Some(State::NoSource) };
    let Some(stamp) = entry.translated_from else { return Some(State::Unstamped) };
    let current = Fingerprint::of(&glossary.entries[source]);
    Some(if stamp == current { State::UpToDate } else { State::Outdated { changed: current.changed_fields(&stamp) } })
}

/// Every outdated translation, as `path (fields changed)` lines for build and serve to print.
pub fn outdated(glossary: &Glossary, config: &SiteConfig) -> Vec<String> {
    use rayon::prelude::*;
    let source_pos = source_position(config);
    // In parallel: the first call hashes the source of every stamped translation.
    glossary
        .indices()
        .into_par_iter()
        .filter_map(|i| match state_of(glossary, source_pos, i) {
            Some(State::Outdated { changed }) => Some(format!(
                "{}: outdated ({} changed in the source)",
                glossary.entries[i].path.display(),
                changed.join(", ")
            )),
            _ => None,
        })
        .collect()
}

/// One concept and the state of each of its translations.
#[derive(Debug, Clone, Serialize)]
pub struct ConceptStatus {
    /// The concept id.
    pub id: String,
    /// `(language code, state)` for every language except the source language.
    pub translations: Vec<(String, State)>,
}

/// The state of every translation of the site, concept by concept (in the source language's order, then
/// concepts that exist only in translations).
pub fn status(glossary: &Glossary, config: &SiteConfig, only_lang: Option<&str>) -> Vec<ConceptStatus> {
    let source_pos = source_position(config);
    let targets: Vec<LangPos> = LangPos::all(config.languages.len())
        .filter(|&p| p != source_pos && only_lang.is_none_or(|l| config.languages[p].code.as_str() == l))
        .collect();
    let mut ids: Vec<&crate::slug::ConceptId> = glossary.in_language(source_pos).iter().map(|e| &e.id).collect();
    for &pos in &targets {
        for entry in glossary.in_language(pos) {
            if glossary.lookup(source_pos, &entry.id).is_none() && !ids.contains(&&entry.id) {
                ids.push(&entry.id);
            }
        }
    }
    ids.into_iter()
        .map(|id| ConceptStatus {
            id: id.to_string(),
            translations: targets
                .iter()
                .map(|&pos| {
                    let code = config.languages[pos].code.to_string();
                    let state = match glossary.lookup(pos, id) {
                        Some(index) => state_of(glossary, source_pos, index).unwrap_or(State::UpToDate),
                        None => State::Missing,
                    };
                    (code, state)
                })
                .collect(),
        })
        .collect()
}
