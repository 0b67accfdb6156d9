//! What templates receive: plain serialisable structs, documented in the README's theme section.
//!
//! Every page gets `lang`, `site`, `page`, `kind`, `canonical` and `alternates`; `page` depends on the kind of
//! page. Field names here are the theme's API: renaming one breaks every theme that uses it.

use serde::Serialize;
use tera::Value;

use crate::config::SiteConfig;
use crate::content::Entry;
use crate::link::{EntryIndex, Glossary};
use crate::types::LangPos;
use crate::urls;

/// A language as the switcher and the header show it.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    /// Language code.
    pub code: String,
    /// Its name in itself.
    pub name: String,
    /// The site title in that language.
    pub title: String,
    /// Link to that language's home page.
    pub home: String,
}

/// Site-wide values for one language; built once per language and shared by its pages.
#[derive(Debug, Clone, Serialize)]
pub struct SiteContext {
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// Path prefix of every internal link (`/` or `/glossary/`).
    pub base_path: String,
    /// Site title in this language.
    pub title: String,
    /// Site description in this language.
    pub description: String,
    /// Code of the default language.
    pub default_lang: String,
    /// Every language of the site, default first.
    pub languages: Vec<LanguageLink>,
    /// Link to this language's home page.
    pub home: String,
    /// Link to this language's category list.
    pub categories: String,
    /// Link to this language's list of tags.
    pub tags: String,
    /// Link to this language's archive of weeks.
    pub weeks: String,
    /// Open Graph locale (`en_US`, `nl_NL`).
    pub locale: String,
    /// Link to this language's Atom feed.
    pub feed: String,
    /// Link to this language's JSON export.
    pub export: String,
    /// Link to this language's search page (where the search form submits to).
    pub search: String,
    /// Link to this language's search index, loaded by `search.js` when the reader starts searching.
    pub search_index: String,
    /// The owner's menus: `main` (the header; empty for the glossary's own links) and `footer` (columns of
    /// `{heading, links}`); each link is `{name, url, external}`.
    pub menu: Menus,
    /// The breadcrumb's first item, `{name, url, external}` (an empty name: say "Home"): the owner's home
    /// page (`home_url`), else the language's glossary home.
    pub home_crumb: crate::config::chrome::MenuItem,
    /// Call-to-action blocks: `{title, text, button, url, external, placement}`.
    pub cta: Vec<crate::config::chrome::Cta>,
    /// The termbase files published with the site (`exports`): `{name, link}`.
    pub exports: Vec<LinkTo>,
}

/// A named link.
#[derive(Debug, Clone, Serialize)]
pub struct LinkTo {
    /// What it is called.
    pub name: String,
    /// Where it leads.
    pub link: String,
}

/// The menus of a language.
#[derive(Debug, Clone, Serialize)]
pub struct Menus {
    /// The header's links.
    pub main: Vec<crate::config::chrome::MenuItem>,
    /// The footer's columns.
    pub footer: Vec<crate::config::chrome::FooterColumn>,
}

impl SiteContext {
    /// The site context for the language at `lang_pos`.
    pub fn new(config: &SiteConfig, lang_pos: LangPos) -> Self {
        let lang = &config.languages[lang_pos];
        let code = lang.code.as_str();
        SiteContext {
            base_url: config.base.as_str().to_string(),
            base_path: config.base.path().to_string(),
            title: lang.title.clone(),
            description: lang.description.clone(),
            default_lang: config.default_language().code.to_string(),
            languages: config
                .languages
                .iter()
                .map(|l| LanguageLink {
                    code: l.code.to_string(),
                    name: l.name.clone(),
                    title: l.title.clone(),
                    home: config.base.link(&urls::home(l.code.as_str())),
                })
                .collect(),
            home: config.base.link(&urls::home(code)),
            categories: config.base.link(&urls::categories(code)),
            tags: config.base.link(&urls::tags(code)),
            weeks: config.base.link(&urls::weeks(code)),
            locale: og_locale(code),
            feed: config.base.link(&urls::feed(code)),
            export: config.base.link(&urls::export(code)),
            search: config.base.link(&urls::search(code)),
            search_index: config.base.link(&urls::search_index(code)),
            menu: Menus { main: lang.chrome.main.clone(), footer: lang.chrome.footer.clone() },
            home_crumb: lang.chrome.home.clone().unwrap_or_else(|| crate::config::chrome::MenuItem {
                name: String::new(),
                url: config.base.link(&urls::home(code)),
                external: false,
            }),
            cta: lang.chrome.cta.clone(),
            exports: crate::termbase::Format::published(config)
                .into_iter()
                .map(|f| LinkTo { name: f.label().to_string(), link: config.base.link(f.published_file()) })
                .collect(),
        }
    }
}

/// The Open Graph locale for a language code: `en` → `en_US`, `nl` → `nl_NL`, `pt-br` → `pt_BR`.
pub fn og_locale(code: &str) -> String {
    match code.split_once('-') {
        Some((lang, region)) => format!("{lang}_{}", region.to_uppercase()),
        None if code == "en" => "en_US".to_string(),
        None => format!("{code}_{}", code.to_uppercase()),
    }
}

/// JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&` are written as JSON escapes,
/// so no content can end the script element or open markup inside it.
pub fn json_ld(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The same page in another language, for hreflang links and the language switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// Language name in itself.
    pub name: String,
    /// Link to the page in that language; the language's home, at its `#untranslated` note, when the page is
    /// not translated.
    pub link: String,
    /// Absolute URL of that page (only meaningful when `available`).
    pub permalink: String,
    /// False when the page does not exist in that language.
    pub available: bool,
    /// True for the page's own language.
    pub current: bool,
}

/// A category as a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryLink {
    /// The category's name in the page's language.
    pub name: String,
    /// Link to its page.
    pub link: String,
    /// The category's icon as HTML (`[categories.<slug>] icon` in `site.toml`; print with `| safe`); none
    /// for tags and for categories without one.
    pub icon: Option<String>,
}

/// An entry as listings, cards, neighbours and backlinks show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryCard {
    /// Concept id.
    pub id: String,
    /// The entry's language code; a card on a page in another language (a concept not translated into the
    /// page's language) shows it as a badge.
    pub lang: String,
    /// The entry's language, named in itself.
    pub lang_name: String,
    /// Title.
    pub title: String,
    /// One-line summary, as plain text (for attributes and metadata).
    pub summary: String,
    /// The summary as inline HTML (print it with `| safe`).
    pub summary_html: String,
    /// Link to the entry.
    pub link: String,
    /// Difficulty key (`beginner`…), for the translated label `t(key="difficulty_" ~ difficulty)`.
    pub difficulty: Option<&'static str>,
    /// Link to the page of the entry's difficulty level.
    pub difficulty_link: Option<String>,
    /// ISO week tag.
    pub week: Option<String>,
    /// Link to the page of the entry's week.
    pub week_link: Option<String>,
    /// The entry's category.
    pub category: Option<CategoryLink>,
    /// The entry's tags, in the order written.
    pub tags: Vec<CategoryLink>,
}

/// An alias readers should not use, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AvoidedName {
    /// The name.
    pub name: String,
    /// `deprecated` or `obsolete`.
    pub status: &'static str,
    /// Why, if the entry says.
    pub note: Option<String>,
}

/// A numbered source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLink {
    /// 1-based number.
    pub number: usize,
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
}

/// What an entry's own page shows besides the cards and the body: built once per entry (see
/// [`crate::fragments::Fragments::details`]); its fields are merged into `page`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryDetails {
    /// Absolute URL.
    pub permalink: String,
    /// Other names ("Also known as"): the admitted aliases.
    pub aliases: Vec<String>,
    /// Names to avoid (deprecated and obsolete aliases): `{name, status, note}`.
    pub avoided: Vec<AvoidedName>,
    /// Numbered sources.
    pub sources: Vec<SourceLink>,
    /// Schema.org `DefinedTerm` of the entry, as JSON-LD (print with `| safe`).
    pub json_ld: String,
    /// A translation whose source changed since it was stamped, on a site that shows the notice
    /// (`outdated_notice` in `site.toml`).
    pub outdated: bool,
    /// The site's call-to-action blocks show on the page (`cta: false` in the front-matter leaves them off).
    pub cta: bool,
}

/// The `page` of an entry page: the entry's card and details, its body, and the cards of the entries it
/// shows. Cards are shared template values: every card is built once and reused by every page that shows it.
pub struct EntryPage<'a> {
    /// Everything a card shows (title, summary, link, difficulty, week, category).
    pub card: &'a Value,
    /// The rest of what the page shows of the entry.
    pub details: &'a EntryDetails,
    /// Body HTML (print it with `| safe`).
    pub body: &'a str,
    /// The body's headings: `{level, id, text}`.
    pub headings: &'a [crate::markdown::Heading],
    /// Related concepts, in the order the author listed them.
    pub related: Vec<Value>,
    /// Entries that link here, alphabetically.
    pub backlinks: Vec<Value>,
    /// Alphabetical predecessor.
    pub previous: Option<Value>,
    /// Alphabetical successor.
    pub next: Option<Value>,
}

impl EntryPage<'_> {
    /// The template value: the card's and the details' fields, the body, and the shared cards.
    pub fn into_value(self) -> Value {
        let mut map = Value::from_serializable(self.details).into_map().unwrap_or_default();
        if let Some(card) = self.card.as_map() {
            map.extend(card.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        map.insert("body".into(), Value::from(self.body));
        map.insert("headings".into(), Value::from_serializable(&self.headings));
        map.insert("related".into(), Value::from(self.related));
        map.insert("backlinks".into(), Value::from(self.backlinks));
        map.insert("previous".into(), Value::from(self.previous));
        map.insert("next".into(), Value::from(self.next));
        Value::from(map)
    }
}

/// Builds cards; holds the per-language category links so they are slugged once.
pub struct Cards<'a> {
    /// Site settings.
    pub config: &'a SiteConfig,
    /// The glossary.
    pub glossary: &'a Glossary,
    /// Category link of each entry (by entry index).
    pub categories: &'a [Option<std::sync::Arc<CategoryLink>>],
    /// Tag links of each entry (by entry index).
    pub tags: &'a [std::sync::Arc<[CategoryLink]>],
}

impl Cards<'_> {
    /// The card of an entry.
    pub fn card(&self, index: EntryIndex) -> EntryCard {
        let entry: &Entry = &self.glossary.entries[index];
        let lang_name = self.config.language(entry.lang.as_str()).map(|l| l.name.clone()).unwrap_or_default();
        EntryCard {
            id: entry.id.to_string(),
            lang: entry.lang.to_string(),
            lang_name,
            title: entry.title.clone(),
            summary: entry.summary_text.clone(),
            summary_html: entry.summary_html.clone(),
            link: self.config.base.link(&urls::entry(entry.lang.as_str(), &entry.slug)),
            difficulty: entry.difficulty.map(|d| d.key()),
            difficulty_link: entry.difficulty.map(|d| self.config.base.link(&urls::difficulty(entry.lang.as_str(), d))),
            week: entry.week.map(|w| w.to_string()),
            week_link: entry.week.map(|w| self.config.base.link(&urls::week(entry.lang.as_str(), w))),
            category: self.categories[index].as_deref().cloned(),
            tags: self.tags[index].to_vec(),
        }
    }
}

/// The item of a main menu that marks the page's section: the longest path on the site that the page's
/// address starts with. Returns its index, and whether it is the page itself.
pub fn menu_current(items: &[crate::config::chrome::MenuItem], page: &str) -> Option<(usize, bool)> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.url.starts_with('/') && page.starts_with(item.url.as_str()))
        .max_by_key(|(_, item)| item.url.len())
        .map(|(n, item)| (n, item.url == page))
}
