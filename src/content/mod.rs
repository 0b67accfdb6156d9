//! The load stage: reading every entry file of a site into typed, validated [`Entry`] values.
//!
//! After this stage nothing downstream touches raw YAML or unchecked strings: ids and slugs are safe path
//! segments, weeks exist in the calendar, source URLs are absolute http(s) URLs.

pub mod aliases;
pub mod fingerprint;
pub mod front_matter;
mod load;
pub mod shortcodes;
pub mod stems;
pub mod summary;
pub mod tags;
mod words;

use std::path::PathBuf;

use serde::Serialize;

pub use front_matter::Difficulty;
pub use load::{
    LoadOptions, Loaded, LoadedFile, assemble, load_entries, load_file, load_files, load_text, parse_date, parse_entry,
    read_text, scan,
};
pub use words::BodyWords;

use crate::config::LangCode;
use crate::slug::{ConceptId, Slug};
use crate::week::IsoWeek;

/// A value together with where it was written, so later stages can report problems with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the entry file.
    pub line: usize,
    /// 1-based column in the entry file.
    pub column: usize,
}

/// 1-based lines of front-matter values, so checks can point at them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldLines {
    /// The title.
    pub title: usize,
    /// The summary.
    pub summary: usize,
    /// Each alias, in order.
    pub aliases: Vec<usize>,
    /// Each source's URL, in order.
    pub sources: Vec<usize>,
    /// The category.
    pub category: usize,
}

/// A numbered source of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The source's own title.
    pub title: String,
    /// An absolute http(s) URL.
    pub url: String,
}

/// One concept in one language, as its author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The concept this entry describes; shared with its translations.
    pub id: ConceptId,
    /// The entry's language.
    pub lang: LangCode,
    /// The file, relative to the site root (for messages).
    pub path: PathBuf,
    /// The URL segment.
    pub slug: Slug,
    /// The term as readers know it.
    pub title: String,
    /// Collation key of the title, computed once at load so ordering is a byte comparison.
    pub sort_key: Vec<u8>,
    /// One sentence shown under the title and in listings, as written (inline Markdown).
    pub summary: String,
    /// The summary as plain text, for metadata, feeds, exports and search.
    pub summary_text: String,
    /// The summary as inline HTML, for the lead, cards, previews and listings; its links to concepts are
    /// filled in by the link stage.
    pub summary_html: String,
    /// Links to concepts in the summary, for the link stage to resolve.
    pub summary_links: Vec<summary::SummaryLink>,
    /// With `summary_links`: the summary's HTML with marks where their addresses go ([`summary`]).
    pub summary_marked: String,
    /// Other names in this language.
    pub aliases: Vec<String>,
    /// The term status and note of each alias.
    pub alias_terms: aliases::AliasTerms,
    /// The URL slug of each alias (`None` where an alias has no letters or digits), for alias redirects.
    pub alias_slugs: Vec<Option<Slug>>,
    /// Where things are written in the file, for findings about them.
    pub lines: FieldLines,
    /// How hard the entry is.
    pub difficulty: Option<Difficulty>,
    /// The ISO week tag.
    pub week: Option<IsoWeek>,
    /// Free-text category in this language.
    pub category: Option<String>,
    /// URL segment of the category, made once at load.
    pub category_slug: Option<Slug>,
    /// Numbered sources.
    pub sources: Vec<Source>,
    /// Related concept ids, resolved by the link stage.
    pub related: Vec<Located<ConceptId>>,
    /// Drafts are only built with `--drafts`.
    pub draft: bool,
    /// Mentions of other concepts in this body become links (unless switched off here or for the site).
    pub autolink: bool,
    /// The site's call-to-action blocks show on this entry's page (`cta: false` leaves them off).
    pub cta: bool,
    /// Phrases of this body that are never linked automatically, nor any name inside them
    /// (`no_autolink`): for a name that is also an ordinary word in one sentence.
    pub no_autolink: Vec<String>,
    /// `compounds` of the front-matter: whether a word ending in one of this entry's one-word names
    /// mentions it ("taalmodel" for "model"); `None` leaves it to the site.
    pub compounds: Option<bool>,
    /// Date of the last substantial revision, for feeds.
    pub updated: Option<time::Date>,
    /// Rule codes of `glossgen check` not applied to this entry (`check_allow`): a single exception.
    pub check_allow: Vec<String>,
    /// Tags, in the order written.
    pub tags: Vec<tags::Tag>,
    /// For translations: the fingerprint of the source entry it was translated from.
    pub translated_from: Option<fingerprint::Fingerprint>,
    /// The Markdown body.
    pub body: String,
    /// The fingerprint of title, summary, aliases and body, which translations are stamped with (read it
    /// with [`fingerprint::Fingerprint::of`]).
    pub fingerprint: fingerprint::LazyFingerprint,
    /// The body's most frequent word stems, for the search index (computed while loading, in parallel).
    pub stems: Vec<String>,
    /// What the body holds as far as renames care (see [`BodyWords`]).
    pub words: BodyWords,
    /// File line (1-based) where the body starts, to report body problems at the right line.
    pub body_line: usize,
}

/// The Markdown extensions bodies are parsed with (also by whoever splits bodies into parts, such as the
/// translation exchange).
pub fn body_options() -> pulldown_cmark::Options {
    pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES
        | pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
        | pulldown_cmark::Options::ENABLE_WIKILINKS
}
