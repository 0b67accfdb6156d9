//! A digest of each body taken while it is loaded: its most frequent word stems, for the search index.
//! Snowball stemmers (English and Dutch), without diacritics and stop words; the search page folds what
//! readers type the same way ([`fold`]), so "e" finds "ë".

use std::borrow::Cow;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use super::BodyWords;

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

/// Lower case without diacritics, as the client folds what readers type.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(&text.to_lowercase())
}

/// The Snowball algorithm of a language, if glossgen stems it: search and linking compare words by it.
pub fn algorithm(lang: &str) -> Option<Algorithm> {
    match lang.split('-').next() {
        Some("en") => Some(Algorithm::English),
        Some("nl") => Some(Algorithm::Dutch),
        _ => None,
    }
}

fn stemmer(lang: &str) -> Option<(WordStems, &'static [&'static str])> {
    let stop = match algorithm(lang)? {
        Algorithm::Dutch => NL_STOP,
        _ => EN_STOP,
    };
    Some((WordStems::new(algorithm(lang)?), stop))
}

/// Reduces words to the folded stems that search indexes and inflection-aware linking compares:
/// "modellen" and "model" both give "model".
pub struct WordStems {
    stemmer: Stemmer,
    /// Dutch doubles a final consonant before an ending ("model", "modellen"); Snowball undoes that only
    /// for `kk`, `dd` and `tt`, so the other doubled consonants are undone here.
    undouble: bool,
}

impl WordStems {
    /// The stems of the language `algorithm` stems.
    pub fn new(algorithm: Algorithm) -> Self {
        WordStems { stemmer: Stemmer::create(algorithm), undouble: algorithm == Algorithm::Dutch }
    }

    /// The folded stem of a lower-case word.
    pub fn stem(&self, lower: &str) -> String {
        let mut stem = fold(&self.stemmer.stem(lower));
        if self.undouble
            && let [.., a, b] = stem.as_bytes()
            && a == b
            && a.is_ascii_alphabetic()
            && !b"aeiouy".contains(a)
        {
            stem.pop();
        }
        stem
    }
}

/// The most frequent stems of a Markdown body (code blocks and link targets included, which is harmless).
/// Every word is also recorded in `digest`, which needs the same split into words. `cache` remembers the
/// stems of words met before (see [`StemCaches`]).
pub fn body_stems(body: &str, lang: &str, digest: &mut BodyWords, cache: &mut StemCaches) -> Vec<String> {
    // What an author hides in an HTML comment is not found by search.
    let uncommented = without_comments(body);
    // Search finds what readers see: a shortcode's body and shown text, not its name and arguments.
    let visible = super::shortcodes::visible_text(&uncommented);
    if let Cow::Owned(_) = visible {
        // Names in the arguments (`term(id=…)`) still count for deciding which bodies to render again.
        for word in uncommented.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 3) {
            digest.insert(&word.to_lowercase());
        }
    }
    let body: &str = &visible;
    // Count each distinct word once, then stem only the distinct words: a body repeats most of its words.
    let mut words: FxHashMap<Cow<'_, str>, usize> = FxHashMap::default();
    let ascii = body.is_ascii();
    for word in split_words(body, ascii).filter(|w| w.len() >= 3) {
        if word.bytes().all(|b| b.is_ascii_digit()) {
            digest.insert(word);
            continue;
        }
        let lower = if word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_lowercase())
        };
        *words.entry(lower).or_default() += 1;
    }
    words.keys().for_each(|w| digest.insert(w));
    let mut counts: FxHashMap<Rc<str>, usize> = FxHashMap::default();
    // Text without spaces between words (Chinese, Japanese) has no words to stem: it is indexed by pairs
    // of characters (a single one where it stands alone), which the search box looks for in the same way;
    // the other letters in such a run are words as usual.
    let mut rest: Vec<(String, usize)> = Vec::new();
    words.retain(|word, n| {
        if ascii || !word.chars().any(crate::collate::is_unspaced) {
            return true;
        }
        for (unspaced, run) in runs(word) {
            if unspaced {
                for pair in pairs(run) {
                    *counts.entry(Rc::from(pair)).or_default() += *n;
                }
            } else if run.len() >= 3 {
                digest.insert(run);
                rest.push((run.to_string(), *n));
            }
        }
        false
    });
    let mut words: FxHashMap<Cow<'_, str>, usize> = words;
    for (word, n) in rest {
        *words.entry(Cow::Owned(word)).or_default() += n;
    }
    if cache.words > StemCaches::LIMIT {
        *cache = StemCaches::default();
    }
    let cache_of_lang = cache.languages.entry(lang.to_string()).or_insert_with(|| StemCache::new(lang));
    let before = cache_of_lang.stems.len();
    for (lower, n) in words {
        if let Some(key) = cache_of_lang.stem(&lower) {
            *counts.entry(key).or_default() += n;
        }
    }
    cache.words += cache_of_lang.stems.len() - before;
    let mut ranked: Vec<(Rc<str>, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.into_iter().take(STEMS_PER_ENTRY).map(|(k, _)| k.to_string()).collect()
}

/// The maximal runs of letters and digits of `text`; `ascii` says the text is ASCII, whose runs are found
/// byte by byte (the same runs, without decoding characters).
fn split_words(text: &str, ascii: bool) -> Box<dyn Iterator<Item = &str> + '_> {
    if !ascii {
        return Box::new(text.split(|c: char| !c.is_alphanumeric()));
    }
    let bytes = text.as_bytes();
    let mut at = 0;
    Box::new(std::iter::from_fn(move || {
        while at < bytes.len() && !bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        (start < at).then(|| &text[start..at])
    }))
}

/// A word cut where it changes between characters written without spaces and others.
fn runs(word: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut kind = None;
    for (at, c) in word.char_indices() {
        let unspaced = crate::collate::is_unspaced(c);
        if kind.is_some_and(|k| k != unspaced) {
            out.push((kind.unwrap_or(false), &word[start..at]));
            start = at;
        }
        kind = Some(unspaced);
    }
    if let Some(k) = kind {
        out.push((k, &word[start..]));
    }
    out
}

/// The pairs of neighbouring characters of a run (the character itself when it stands alone).
pub fn pairs(run: &str) -> Vec<&str> {
    let bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).chain(std::iter::once(run.len())).collect();
    if bounds.len() <= 2 {
        return vec![run];
    }
    bounds.windows(3).map(|w| &run[w[0]..w[2]]).collect()
}

/// `text` without its HTML comments (`<!-- … -->`, an unclosed one to the end).
pub fn without_comments(text: &str) -> Cow<'_, str> {
    if !text.contains("<!--") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start + 4..].find("-->") {
            Some(end) => rest = &rest[start + 4 + end + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Per language: every word met so far and its folded stem. Bodies share most of their vocabulary, so a
/// load that keeps one of these per thread stems each word about once per thread instead of once per
/// entry. Whoever loads owns it; it forgets everything past [`StemCaches::LIMIT`] words.
#[derive(Default)]
pub struct StemCaches {
    languages: FxHashMap<String, StemCache>,
    words: usize,
}

impl StemCaches {
    /// How many words one cache remembers at most.
    pub const LIMIT: usize = 1 << 20;
}

/// Folded stems of the words of one language (`None` for words too short to index and stop words).
struct StemCache {
    stemmer: Option<(WordStems, &'static [&'static str])>,
    stems: FxHashMap<String, Option<Rc<str>>>,
}

impl StemCache {
    fn new(lang: &str) -> Self {
        StemCache { stemmer: stemmer(lang), stems: FxHashMap::default() }
    }

    fn stem(&mut self, lower: &str) -> Option<Rc<str>> {
        if let Some(known) = self.stems.get(lower) {
            return known.clone();
        }
        let stem: Option<Rc<str>> = if lower.chars().count() < 3 || self.is_stop(lower) {
            None
        } else {
            match &self.stemmer {
                Some((stemmer, _)) => Some(stemmer.stem(lower).into()),
                None => Some(fold(lower).into()),
            }
        };
        self.stems.insert(lower.to_string(), stem.clone());
        stem
    }

    /// A stop word, which search leaves out.
    fn is_stop(&self, lower: &str) -> bool {
        self.stemmer.as_ref().is_some_and(|(_, stop)| stop.contains(&lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_are_the_runs_of_letters_and_digits() {
        for text in ["", "a", "  lead and trail  ", "x-y_z 42nd [[link]](url) `code`;end", "###", "one"] {
            let slow: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(split_words(text, true).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }

    #[test]
    fn dutch_and_english_bodies_are_stemmed_and_folded() {
        let nl = body_stems(
            "De modellen leren. Een model leert: modellen, modellen! Coördinatie.",
            "nl",
            &mut Default::default(),
            &mut StemCaches::default(),
        );
        assert!(nl[0].starts_with("model"), "the inflected forms share one stem: {nl:?}");
        assert!(nl.contains(&"coordinatie".to_string()), "{nl:?}");
        assert!(!nl.iter().any(|s| s == "een" || s == "de"), "{nl:?}");
        let en = body_stems(
            "Training trains the trained networks; networks train.",
            "en",
            &mut Default::default(),
            &mut StemCaches::default(),
        );
        assert_eq!(en[0], "train", "{en:?}");
        assert!(en.contains(&"network".to_string()), "{en:?}");
    }

    #[test]
    fn folding_drops_diacritics() {
        assert_eq!(fold("Gradiëntafdaling"), "gradientafdaling");
        assert_eq!(fold("ÉÉN"), "een");
    }
}
