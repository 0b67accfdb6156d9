//! The client-side search index of a language, built at build time and loaded by the reader's browser only
//! when they start searching.
//!
//! Titles, aliases and summaries are kept whole (they are ranked first); body text is reduced to the most
//! frequent Snowball stems (English and Dutch stemmers), without diacritics and stop words, so the index
//! stays a fraction of the site's size. The client (`search.js` in the default theme) folds diacritics the
//! same way, so "e" finds "ë".

use serde::Serialize;

use crate::render::pages::SiteData;
use crate::render::parts::Parts;
use crate::types::LangPos;
use crate::urls;

/// One entry in the index; short field names keep the file small (the README documents them).
#[derive(Serialize)]
struct IndexEntry<'a> {
    /// Aliases.
    a: &'a [String],
    /// Tags, as written.
    g: Vec<&'a str>,
    /// Body stems, most frequent first.
    k: &'a [String],
    /// Summary.
    s: &'a str,
    /// Title.
    t: &'a str,
    /// Link to the entry.
    u: String,
}

/// Version of the index format, for the client.
const FORMAT_VERSION: u32 = 1;

pub use crate::content::stems::{STEMS_PER_ENTRY, fold};

/// An entry's record in its language's search index, as compact JSON.
pub fn record(site: &SiteData<'_>, i: crate::types::EntryIndex) -> Box<str> {
    let e = &site.glossary.entries[i];
    let entry = IndexEntry {
        t: &e.title,
        a: &e.aliases,
        g: e.tags.iter().map(|t| t.name.as_str()).collect(),
        s: &e.summary_text,
        u: site.config.base.link(&urls::entry(e.lang.as_str(), &e.slug)),
        k: &e.stems,
    };
    serde_json::to_string(&entry).unwrap_or_default().into()
}

/// The search index of the language at `lang_pos`, as JSON: `{"entries":[…],"lang":…,"v":1}`, assembled
/// from each entry's record ([`record`]).
pub fn index(parts: &Parts<'_>, lang_pos: LangPos) -> String {
    let glossary = parts.site.glossary;
    let code = parts.site.config.languages[lang_pos].code.as_str();
    let mut out = String::with_capacity(glossary.range(lang_pos).len() * 400 + 64);
    out.push_str("{\"entries\":[");
    for (n, i) in glossary.range(lang_pos).enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(parts.search(i));
    }
    let lang = serde_json::to_string(code).unwrap_or_default();
    out.push_str(&format!("],\"lang\":{lang},\"v\":{FORMAT_VERSION}}}"));
    out
}
