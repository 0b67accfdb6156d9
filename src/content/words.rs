//! A digest of each body taken when it is loaded, so that after a rename the bodies that cannot mention a
//! changed name are recognised without reading them again (at 10,000 entries per language, reading them
//! all costs more than the rest of the rebuild).

/// 64-bit blocks of the word filter: 2,048 bits, for the few hundred distinct words of a body.
const BLOCKS: usize = 32;

/// What a body's Markdown holds, as far as a change of names cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyWords {
    /// Bloom filter of the body's ASCII words (maximal runs of letters and digits, three characters or
    /// more, in lower case).
    bits: [u64; BLOCKS],
    /// A `[[`: wiki links resolve by name.
    pub wiki_link: bool,
    /// An `&` before `#`, a letter or a digit: an entity, which can spell any character.
    pub entity: bool,
    /// A backslash, which escapes punctuation.
    pub backslash: bool,
    /// The Kelvin sign or the dotted capital I, the two characters that lower-case to ASCII letters.
    pub odd_case: bool,
}

impl Default for BodyWords {
    fn default() -> Self {
        BodyWords::of("")
    }
}

impl BodyWords {
    /// Digests a Markdown source.
    pub fn of(source: &str) -> Self {
        let mut digest = BodyWords::flags(source);
        // Letters written without spaces (Chinese, Japanese) end a word like a space does: a Latin name
        // between them is a word of its own.
        for word in source.split(|c: char| !c.is_alphanumeric() || crate::collate::is_unspaced(c)) {
            digest.insert(word);
        }
        digest
    }

    /// The flags of a source, with no words yet: the load stage adds them with [`BodyWords::insert`] while
    /// it counts words for the search index anyway.
    pub fn flags(source: &str) -> Self {
        // Single-character searches are byte searches; `[[` and entities are rare enough to check by hand.
        let bytes = source.as_bytes();
        let followed_by = |at: usize, ok: fn(u8) -> bool| bytes.get(at + 1).is_some_and(|&b| ok(b));
        BodyWords {
            bits: [0; BLOCKS],
            wiki_link: source.match_indices('[').any(|(at, _)| followed_by(at, |b| b == b'[')),
            entity: source
                .match_indices('&')
                .any(|(at, _)| followed_by(at, |b| b == b'#' || b.is_ascii_alphanumeric())),
            backslash: source.contains('\\'),
            odd_case: !source.is_ascii() && (source.contains('\u{212A}') || source.contains('\u{130}')),
        }
    }

    /// Records a word of the body (a maximal run of letters and digits); only ASCII words of three
    /// characters or more are kept.
    pub fn insert(&mut self, word: &str) {
        if word.len() >= 3 && word.is_ascii() {
            for bit in positions(word) {
                self.bits[bit / 64] |= 1 << (bit % 64);
            }
        }
    }

    /// Sets the bits [`word_bits`] gave for a word, which a cache of words can keep instead of hashing
    /// each word again.
    pub fn set(&mut self, bits: [u16; 2]) {
        for bit in bits.map(usize::from) {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// False only if the body certainly has no word `word` (ASCII letters and digits, any case, three
    /// characters or more).
    pub fn may_contain(&self, word: &str) -> bool {
        positions(word).iter().all(|&bit| self.bits[bit / 64] & (1 << (bit % 64)) != 0)
    }
}

/// What [`BodyWords::insert`] would set for `word`: its two bits, or none for a word the digest leaves out.
pub fn word_bits(word: &str) -> Option<[u16; 2]> {
    (word.len() >= 3 && word.is_ascii()).then(|| positions(word).map(|bit| bit as u16))
}

/// The two filter bits of a word, from an FNV-1a hash of its lower-case bytes.
fn positions(word: &str) -> [usize; 2] {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3);
    }
    let bits = (BLOCKS * 64) as u64;
    [(hash % bits) as usize, ((hash >> 32) % bits) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_in_any_case_and_flags_are_set() {
        let words = BodyWords::of("A Transformer-based model; see [[Attention]] and &amp; \\* too.");
        for word in ["transformer", "TRANSFORMER", "based", "model", "attention"] {
            assert!(words.may_contain(word), "{word}");
        }
        assert!(!words.may_contain("diffusion"), "an absent word is (almost surely) not found");
        assert!(words.wiki_link && words.entity && words.backslash && !words.odd_case);
        let plain = BodyWords::of("R & D [link](x) and \u{212A}elvin");
        assert!(!plain.wiki_link && !plain.entity && !plain.backslash && plain.odd_case);
    }

    #[test]
    fn the_load_stage_digest_equals_a_digest_of_the_whole_source() {
        let source = "Die Modelle 2024: GPT-4o, naïve Bayes, [[Wiki]] &amp; C:\\path";
        let mut while_loading = BodyWords::flags(source);
        super::super::stems::body_stems(source, "en", &mut while_loading, &mut Default::default());
        assert_eq!(while_loading, BodyWords::of(source));
    }
}
