//! The client-side search index of a language, built at build time and loaded by the reader's browser only
//! when they start searching.
//!
//! Titles, aliases and summaries are kept whole (they are ranked first); body text is reduced to the most
//! frequent Snowball stems (English and Dutch stemmers), without diacritics and stop words, so the index
//! stays a fraction of the site's size. The client (`search.js` in the default theme) folds diacritics the
//! same way, so "e" finds "ë".

use std::collections::HashMap;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::config::SiteConfig;
use crate::link::Glossary;
use crate::urls;

/// Body stems kept per entry: enough to find an entry by what it explains, small enough to download.
pub const STEMS_PER_ENTRY: usize = 24;

const EN_STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "this", "are", "from", "its", "not", "but", "can", "has", "have", "was",
    "were", "which", "what", "when", "where", "how", "why", "than", "then", "them", "they", "their", "there", "these",
    "those", "into", "also", "more", "most", "such", "each", "other", "only", "some", "one", "two", "you", "your",
    "our", "will", "would", "could", "should", "about", "over", "like", "does", "just", "very", "many", "much", "all",
    "any", "may", "use", "used", "uses", "using",
];
const NL_STOP: &[&str] = &[
    "de", "het", "een", "en", "van", "dat", "die", "voor", "met", "zijn", "niet", "maar", "ook", "als", "dan", "wat",
    "wie", "hoe", "waar", "waarom", "bij", "naar", "door", "over", "uit", "aan", "kan", "kunnen", "wordt", "worden",
    "werd", "heeft", "hebben", "meer", "veel", "deze", "dit", "zo", "nog", "al", "om", "te", "tot", "je", "jij", "wij",
    "ze", "zij", "hun", "er", "op", "in", "is", "of", "geen", "andere", "alle", "elk", "elke",
];

/// One entry in the index; short field names keep the file small (the README documents them).
#[derive(Serialize)]
struct IndexEntry<'a> {
    /// Aliases.
    a: &'a [String],
    /// Body stems, most frequent first.
    k: &'a [String],
    /// Summary.
    s: &'a str,
    /// Title.
    t: &'a str,
    /// Link to the entry.
    u: String,
}

/// The index document of one language.
#[derive(Serialize)]
struct IndexDocument<'a> {
    entries: Vec<IndexEntry<'a>>,
    lang: &'a str,
    v: u32,
}

/// Lower case without diacritics, as the client folds what readers type.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(&text.to_lowercase())
}

fn stemmer(lang: &str) -> Option<(Stemmer, &'static [&'static str])> {
    match lang.split('-').next() {
        Some("en") => Some((Stemmer::create(Algorithm::English), EN_STOP)),
        Some("nl") => Some((Stemmer::create(Algorithm::Dutch), NL_STOP)),
        _ => None,
    }
}

/// The most frequent stems of a Markdown body (code blocks and link targets included, which is harmless).
pub fn body_stems(body: &str, lang: &str) -> Vec<String> {
    let stem = stemmer(lang);
    // Count each distinct word once, then stem only the distinct words: a body repeats most of its words.
    let mut words: HashMap<String, usize> = HashMap::new();
    for word in body.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3) {
        if word.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        *words.entry(word.to_lowercase()).or_default() += 1;
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (lower, n) in words {
        if lower.chars().count() < 3 {
            continue;
        }
        let key = match &stem {
            Some((_, stop)) if stop.contains(&lower.as_str()) => continue,
            Some((stemmer, _)) => fold(&stemmer.stem(&lower)),
            None => fold(&lower),
        };
        *counts.entry(key).or_default() += n;
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.into_iter().take(STEMS_PER_ENTRY).map(|(k, _)| k).collect()
}

/// The search index of the language at `lang_pos`, as JSON.
pub fn index(config: &SiteConfig, glossary: &Glossary, lang_pos: usize) -> String {
    let code = config.languages[lang_pos].code.as_str();
    let entries: Vec<IndexEntry<'_>> = glossary
        .range(lang_pos)
        .map(|i| {
            let e = &glossary.entries[i];
            IndexEntry {
                t: &e.title,
                a: &e.aliases,
                s: &e.summary,
                u: urls::link(config, &urls::entry(code, &e.slug)),
                k: &e.stems,
            }
        })
        .collect();
    serde_json::to_string(&IndexDocument { entries, lang: code, v: 1 }).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_bodies_are_stemmed_and_folded() {
        let nl = body_stems("De modellen leren. Een model leert: modellen, modellen! Coördinatie.", "nl");
        assert!(nl[0].starts_with("model"), "the inflected forms share one stem: {nl:?}");
        assert!(nl.contains(&"coordinatie".to_string()), "{nl:?}");
        assert!(!nl.iter().any(|s| s == "een" || s == "de"), "{nl:?}");
        let en = body_stems("Training trains the trained networks; networks train.", "en");
        assert_eq!(en[0], "train", "{en:?}");
        assert!(en.contains(&"network".to_string()), "{en:?}");
    }

    #[test]
    fn folding_drops_diacritics() {
        assert_eq!(fold("Gradiëntafdaling"), "gradientafdaling");
        assert_eq!(fold("ÉÉN"), "een");
    }
}
