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
/// Every word is also recorded in `digest`, which needs the same split into words. `cache` remembers what
/// each word met before gives (see [`StemCaches`]), so most words cost one lookup.
pub fn body_stems(body: &str, lang: &str, digest: &mut BodyWords, cache: &mut StemCaches) -> Vec<String> {
    // What an author hides in an HTML comment is not found by search.
    let uncommented = without_comments(body);
    // Search finds what readers see: a shortcode's body and shown text, not its name and arguments.
    let visible = super::shortcodes::visible_text(&uncommented);
    if let Cow::Owned(_) = visible {
        // Names in the arguments (`term(id=…)`) still count for deciding which bodies to render again.
        split_words(&uncommented).for_each(|word| digest.insert(word));
    }
    if cache.words > StemCaches::LIMIT {
        *cache = StemCaches::default();
    }
    if !cache.languages.contains_key(lang) {
        cache.languages.insert(lang.to_string(), StemCache::new(lang));
    }
    let Some(words) = cache.languages.get_mut(lang) else {
        return Vec::new();
    };
    let before = words.slots.len();
    for word in split_words(&visible).filter(|w| w.len() >= 3) {
        let slot = words.slot(word);
        if let Some(bits) = slot.bits {
            digest.set(bits);
        }
        if slot.unspaced {
            words.count_unspaced(word, digest);
        } else if slot.stem != NO_STEM {
            words.count(slot.stem);
        }
    }
    cache.words += words.slots.len() - before;
    words.take_ranked()
}

/// The maximal runs of letters and digits of `text`, found byte by byte where the text is ASCII and by
/// decoding characters only where it is not.
fn split_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bytes = text.as_bytes();
    // The letter or digit beyond ASCII that starts at `at`, if one does: its length.
    let wide = move |at: usize| text[at..].chars().next().filter(|c| c.is_alphanumeric()).map(char::len_utf8);
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            while let Some(&b) = bytes.get(at)
                && BYTE_CLASS[usize::from(b)] == SEPARATOR
            {
                at += 1;
            }
            let &b = bytes.get(at)?;
            if BYTE_CLASS[usize::from(b)] == ASCII_WORD || wide(at).is_some() {
                break;
            }
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
        let start = at;
        loop {
            while let Some(&b) = bytes.get(at)
                && BYTE_CLASS[usize::from(b)] == ASCII_WORD
            {
                at += 1;
            }
            match bytes.get(at) {
                Some(&b) if BYTE_CLASS[usize::from(b)] == BEYOND_ASCII => match wide(at) {
                    Some(len) => at += len,
                    None => break,
                },
                _ => break,
            }
        }
        Some(&text[start..at])
    })
}

/// What a byte is to [`split_words`]: ASCII that ends a word, an ASCII letter or digit, or part of a
/// character beyond ASCII, which has to be decoded.
const BYTE_CLASS: [u8; 256] = {
    let mut classes = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        if b >= 0x80 {
            classes[b] = BEYOND_ASCII;
        } else if (b as u8).is_ascii_alphanumeric() {
            classes[b] = ASCII_WORD;
        }
        b += 1;
    }
    classes
};
const SEPARATOR: u8 = 0;
const ASCII_WORD: u8 = 1;
const BEYOND_ASCII: u8 = 2;

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

/// Per language: every word met so far, what it gives, and the stems. Bodies share most of their
/// vocabulary, so a load that keeps one of these per thread stems each word about once per thread instead
/// of once per entry. Whoever loads owns it; it forgets everything past [`StemCaches::LIMIT`] words.
#[derive(Default)]
pub struct StemCaches {
    languages: FxHashMap<String, StemCache>,
    words: usize,
}

impl StemCaches {
    /// How many words one cache remembers at most.
    pub const LIMIT: usize = 1 << 20;
}

/// The stem id of a word that adds no stem: a number, a stop word, or too short.
const NO_STEM: u32 = u32::MAX;

/// What one word, as a body spells it, adds to the search index and to the digest.
#[derive(Clone, Copy)]
struct Slot {
    /// Its stem's place in [`StemCache::stems`], or [`NO_STEM`].
    stem: u32,
    /// Its digest bits, unless the digest leaves it out.
    bits: Option<[u16; 2]>,
    /// It holds letters written without spaces, which are counted by pairs each time.
    unspaced: bool,
}

/// The words, stems and counting space of one language.
struct StemCache {
    stemmer: Option<(WordStems, &'static [&'static str])>,
    /// Every word as written (case and all, so most words need no lower-casing), and what it gives.
    slots: FxHashMap<Box<str>, Slot>,
    /// The stems, each once, and their places.
    stems: Vec<Rc<str>>,
    ids: FxHashMap<Rc<str>, u32>,
    /// How often each stem occurs in the body being counted, and the stems it has so far.
    counts: Vec<u32>,
    touched: Vec<u32>,
}

impl StemCache {
    fn new(lang: &str) -> Self {
        StemCache {
            stemmer: stemmer(lang),
            slots: FxHashMap::default(),
            stems: Vec::new(),
            ids: FxHashMap::default(),
            counts: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// What `word` (a maximal run of letters and digits, three bytes or more) gives.
    fn slot(&mut self, word: &str) -> Slot {
        if let Some(&slot) = self.slots.get(word) {
            return slot;
        }
        let slot = self.new_slot(word);
        self.slots.insert(word.into(), slot);
        slot
    }

    fn new_slot(&mut self, word: &str) -> Slot {
        let mut slot = Slot { stem: NO_STEM, bits: super::words::word_bits(word), unspaced: false };
        // Numbers go to the digest only.
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return slot;
        }
        let lower = if word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(word.to_lowercase())
        };
        if !word.is_ascii() && lower.chars().any(crate::collate::is_unspaced) {
            slot.unspaced = true;
        } else if lower.chars().count() >= 3 && !self.is_stop(&lower) {
            let stem = match &self.stemmer {
                Some((stemmer, _)) => stemmer.stem(&lower),
                None => fold(&lower),
            };
            slot.stem = self.id(&stem);
        }
        slot
    }

    /// The place of a stem, given one if it is new.
    fn id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.ids.get(stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        let stem: Rc<str> = stem.into();
        self.stems.push(stem.clone());
        self.ids.insert(stem, id);
        self.counts.push(0);
        id
    }

    fn count(&mut self, id: u32) {
        let n = &mut self.counts[id as usize];
        if *n == 0 {
            self.touched.push(id);
        }
        *n += 1;
    }

    /// Counts a word with letters written without spaces (Chinese, Japanese), which has no words to stem:
    /// it is indexed by pairs of characters (a single one where it stands alone), which the search box
    /// looks for in the same way; the other letters in such a run are words as usual.
    fn count_unspaced(&mut self, word: &str, digest: &mut BodyWords) {
        let lower = word.to_lowercase();
        for (unspaced, run) in runs(&lower) {
            if unspaced {
                for pair in pairs(run) {
                    let id = self.id(pair);
                    self.count(id);
                }
            } else if run.len() >= 3 {
                digest.insert(run);
                let slot = self.slot(run);
                if slot.stem != NO_STEM {
                    self.count(slot.stem);
                }
            }
        }
    }

    /// The [`STEMS_PER_ENTRY`] most frequent stems of the body counted, ties in stem order; the counts
    /// start again from nothing.
    fn take_ranked(&mut self) -> Vec<String> {
        let (counts, stems) = (&mut self.counts, &self.stems);
        let order = |a: &u32, b: &u32| {
            let (a, b) = (*a as usize, *b as usize);
            counts[b].cmp(&counts[a]).then_with(|| stems[a].cmp(&stems[b]))
        };
        let touched = &mut self.touched;
        let top = touched.len().min(STEMS_PER_ENTRY);
        if touched.len() > top {
            touched.select_nth_unstable_by(top - 1, order);
        }
        touched[..top].sort_unstable_by(order);
        let ranked = touched[..top].iter().map(|&id| stems[id as usize].to_string()).collect();
        for &id in touched.iter() {
            counts[id as usize] = 0;
        }
        touched.clear();
        ranked
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
    fn words_are_the_runs_of_letters_and_digits() {
        for text in [
            "",
            "a",
            "  lead and trail  ",
            "x-y_z 42nd [[link]](url) `code`;end",
            "###",
            "one",
            "één—naïve·Ωmega 東京 x",
        ] {
            let slow: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(split_words(text).collect::<Vec<_>>(), slow, "{text:?}");
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
