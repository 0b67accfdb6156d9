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
    // Pairs of unspaced letters are stems without a word of their own: they count towards the limit too.
    let before = words.slots.len() + words.stems.len();
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
    cache.words += words.slots.len() + words.stems.len() - before;
    words.take_ranked()
}

/// The maximal runs of letters and digits of `text`, found from a bit per byte ([`word_bits`]).
fn split_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    let bits = word_bits(text);
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_bit(&bits, at, true)?;
        at = next_bit(&bits, start, false).unwrap_or(text.len()).min(text.len());
        Some(&text[start..at])
    })
}

/// One bit per byte of `text`, set where the byte belongs to a letter or digit. Blocks of 64 bytes are
/// classified without branches; only the characters beyond ASCII are decoded.
fn word_bits(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    let mut bits = vec![0u64; bytes.len().div_ceil(64)];
    for (n, block) in bytes.chunks(64).enumerate() {
        let (mut word, mut beyond) = (0u64, 0u64);
        for (i, eight) in block.chunks(8).enumerate() {
            let mut padded = [0; 8];
            padded[..eight.len()].copy_from_slice(eight);
            let x = u64::from_le_bytes(padded);
            word |= ascii_word_bits(x) << (8 * i);
            beyond |= pack_high_bits(x & HIGH_BITS) << (8 * i);
        }
        bits[n] |= word;
        // Each character beyond ASCII starts at a byte that does not continue one (`10xxxxxx`); its
        // bytes may run into the next block, whose bits are set here.
        while beyond != 0 {
            let at = n * 64 + beyond.trailing_zeros() as usize;
            beyond &= beyond - 1;
            if bytes[at] & 0xc0 == 0x80 {
                continue;
            }
            if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
                && c.is_alphanumeric()
            {
                for byte in at..at + c.len_utf8() {
                    bits[byte / 64] |= 1 << (byte % 64);
                }
            }
        }
    }
    bits
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Bit `i` set where byte `i` of eight (in little-endian order) is an ASCII letter or digit, found for
/// all eight at once: adding a constant to every byte sets its high bit exactly when it is at least a bound.
fn ascii_word_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = x & !HIGH_BITS;
    let at_least = |v: u64, bound: u64| v.wrapping_add(ONES * (0x80 - bound));
    let above = |v: u64, bound: u64| v.wrapping_add(ONES * (0x7f - bound));
    let digit = at_least(low, u64::from(b'0')) & !above(low, u64::from(b'9'));
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, u64::from(b'a')) & !above(folded, u64::from(b'z'));
    pack_high_bits((digit | letter) & !x & HIGH_BITS)
}

/// The high bits of eight bytes as the low eight bits, byte `i`'s as bit `i`.
fn pack_high_bits(high: u64) -> u64 {
    (high >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The first byte at or after `from` whose bit is `set` (or clear), if any.
fn next_bit(bits: &[u64], from: usize, set: bool) -> Option<usize> {
    let flip = if set { 0 } else { u64::MAX };
    let mut block = from / 64;
    let mut word = (bits.get(block)? ^ flip) & (u64::MAX << (from % 64));
    while word == 0 {
        block += 1;
        word = bits.get(block)? ^ flip;
    }
    Some(block * 64 + word.trailing_zeros() as usize)
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

/// Per language: every word met so far, what it gives, and the stems. Bodies share most of their
/// vocabulary, so a load that keeps one of these per thread stems each word about once per thread instead
/// of once per entry. Whoever loads owns it; it forgets everything past [`StemCaches::LIMIT`] words and stems.
#[derive(Default)]
pub struct StemCaches {
    languages: FxHashMap<String, StemCache>,
    words: usize,
}

impl StemCaches {
    /// How many words and stems one cache remembers at most.
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
        // Characters beyond ASCII on and across the 64-byte blocks the bits are taken in.
        for offset in 0..140 {
            let text = format!("{}é東—ab ü·x{}Ωz", "w".repeat(offset), " ".repeat(offset % 7));
            let slow: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(split_words(&text).collect::<Vec<_>>(), slow, "{text:?}");
        }
    }

    #[test]
    fn eight_bytes_at_once_are_classified_as_one_at_a_time() {
        for first in 0..=255u8 {
            for other in [b'a', b'Z', b'0', b' ', b'@', b'[', b'`', b'{', 0x80, 0xff, first.wrapping_mul(7)] {
                let eight = [first, other, first ^ 0x20, other, 0, first, other.wrapping_add(first), first];
                let one_by_one = eight.iter().enumerate().map(|(i, b)| u64::from(b.is_ascii_alphanumeric()) << i);
                assert_eq!(ascii_word_bits(u64::from_le_bytes(eight)), one_by_one.sum::<u64>(), "{eight:?}");
            }
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
