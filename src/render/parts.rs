//! The one place each per-entry part ([`crate::fragments`]) is built. Pages, feeds, the search index and the
//! JSON export read parts through [`Parts`]; after an edit, `serve` builds the parts of the entries that may
//! have changed with the same functions and compares them with the previous ones.

use std::sync::Arc;

use tera::Value;

use super::Renderer;
use super::context::{Alternate, Cards, EntryDetails, SourceLink};
use super::pages::SiteData;
use crate::fragments::{Card, FeedItem, Plan};
use crate::link::EntryIndex;
use crate::types::LangPos;
use crate::urls;

/// Builds (once) and hands out the parts of a site's entries.
pub struct Parts<'a> {
    /// What is rendered.
    pub site: &'a SiteData<'a>,
    /// The theme, for the card partial.
    pub renderer: &'a Renderer,
}

impl<'a> Parts<'a> {
    /// The parts of `site`.
    pub fn new(site: &'a SiteData<'a>, renderer: &'a Renderer) -> Self {
        Parts { site, renderer }
    }

    /// The card of an entry, shared by every page that shows it.
    pub fn card(&self, index: EntryIndex) -> &Arc<Card> {
        self.site.fragments[index].card.get_or_init(|| {
            let site = self.site;
            let groups = site.groups;
            let cards = Cards {
                config: site.config,
                glossary: site.glossary,
                categories: &groups.category_of,
                tags: &groups.tags_of,
            };
            let card = cards.card(index);
            let value = Value::from_serializable(&card);
            let lang = site.glossary.entries[index].lang.as_str();
            let value = match self.renderer.card_html(&value, lang) {
                Some(html) => {
                    let mut map = value.into_map().unwrap_or_default();
                    map.insert("html".into(), Value::safe_string(&html));
                    Value::from(map)
                }
                None => value,
            };
            Arc::new(Card { card, value })
        })
    }

    /// The card as a template value.
    pub fn card_value(&self, index: EntryIndex) -> Value {
        self.card(index).value.clone()
    }

    /// The page address of an entry and its versions in other languages.
    pub fn plan(&self, index: EntryIndex) -> &Arc<Plan> {
        self.site.fragments[index].plan.get_or_init(|| {
            let (config, glossary) = (self.site.config, self.site.glossary);
            let entry = &glossary.entries[index];
            let path = urls::entry(entry.lang.as_str(), &entry.slug);
            let translations = glossary.translations(index);
            let alternates = alternates(self.site, glossary.lang_pos(index), |pos| {
                translations[pos].map(|t| urls::entry(config.languages[pos].code.as_str(), &glossary.entries[t].slug))
            });
            Arc::new(Plan { path, alternates })
        })
    }

    /// What the entry's own page shows besides cards and the body.
    pub fn details(&self, index: EntryIndex) -> &Arc<EntryDetails> {
        self.site.fragments[index].details.get_or_init(|| {
            let (config, glossary) = (self.site.config, self.site.glossary);
            let entry = &glossary.entries[index];
            let lang_pos = glossary.lang_pos(index);
            let permalink = config.base.permalink(&self.plan(index).path);
            let json_ld = super::context::json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "DefinedTerm",
                "name": entry.title,
                "description": entry.summary_text,
                "alternateName": entry.aliases.iter().zip(&entry.alias_terms.status).filter(|(_, s)| !s.is_avoided()).map(|(a, _)| a).collect::<Vec<_>>(),
                "url": permalink,
                "inLanguage": entry.lang.as_str(),
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "name": config.languages[lang_pos].title,
                    "url": config.base.permalink(&urls::home(entry.lang.as_str())),
                },
            }));
            let source_pos = crate::translation::source_position(config);
            let outdated = config.outdated_notice
                && matches!(
                    crate::translation::state_of(glossary, source_pos, index),
                    Some(crate::translation::State::Outdated { .. })
                );
            let sources = entry.sources.iter().enumerate();
            let (mut admitted, mut avoided) = (Vec::new(), Vec::new());
            for (n, alias) in entry.aliases.iter().enumerate() {
                let status = entry.alias_terms.status.get(n).copied().unwrap_or_default();
                match status.is_avoided() {
                    true => avoided.push(super::context::AvoidedName {
                        name: alias.clone(),
                        status: status.key(),
                        note: entry.alias_terms.notes.get(n).cloned().flatten(),
                    }),
                    false => admitted.push(alias.clone()),
                }
            }
            Arc::new(EntryDetails {
                permalink,
                aliases: admitted,
                avoided,
                sources: sources
                    .map(|(i, s)| SourceLink { number: i + 1, title: s.title.clone(), url: s.url.clone() })
                    .collect(),
                json_ld,
                outdated,
                cta: entry.cta,
            })
        })
    }

    /// The entry's record in its language's search index.
    pub fn search(&self, index: EntryIndex) -> &str {
        self.site.fragments[index].search.get_or_init(|| crate::search::record(self.site, index))
    }

    /// The entry's record in its language's JSON export.
    pub fn export(&self, index: EntryIndex) -> &str {
        self.site.fragments[index].export.get_or_init(|| crate::feeds::export_record(self.site, index))
    }

    /// The entry's item in its language's feed, if it has a date.
    pub fn feed(&self, index: EntryIndex) -> Option<&FeedItem> {
        self.site.fragments[index].feed.get_or_init(|| crate::feeds::feed_item(self.site, index)).as_ref()
    }
}

/// Alternates for a page of the language at `lang_pos` that exists in the languages where `path_in(pos)` is
/// `Some`.
pub fn alternates(
    site: &SiteData<'_>,
    lang_pos: LangPos,
    path_in: impl Fn(LangPos) -> Option<String>,
) -> Vec<Alternate> {
    let config = site.config;
    config
        .languages
        .iter()
        .enumerate()
        .map(|(pos, lang)| {
            let pos = LangPos::new(pos);
            let path = path_in(pos);
            let target = path.clone().unwrap_or_else(|| urls::home(lang.code.as_str()));
            Alternate {
                lang: lang.code.to_string(),
                name: lang.name.clone(),
                link: if path.is_some() {
                    config.base.link(&target)
                } else {
                    format!("{}#untranslated", config.base.link(&target))
                },
                permalink: config.base.permalink(&target),
                available: path.is_some(),
                current: pos == lang_pos,
            }
        })
        .collect()
}
