//! Finding names in folded text by trying the automaton only where a mention may begin: at the start of a
//! word whose first letters some name begins with. A text of a hundred words mentions a name or two; an
//! automaton that walks every byte spends most of its time on the other words, and a small table of bits
//! rules most of them out before the automaton is asked.
//!
//! Only a match that starts where a word may start can be a mention (after a character that is not a
//! letter, a digit or `_`, or next to a letter written without spaces), so the automaton is searched
//! anchored at those places, leftmost first and then longest, never overlapping.

use aho_corasick::{AhoCorasick, Anchored, Input};

use crate::collate::is_unspaced;

/// Words of 64 bits in a [`WordFilter`].
const FILTER_WORDS: usize = 1 << 12;

/// One bit per mix of a word's length and its first, second and last bytes, set for every word of a
/// set: a word whose bit is clear is not in the set, which this small table, unlike a map, tells without
/// reading memory far apart. ASCII letters count in lower case.
#[derive(Debug)]
pub(super) struct WordFilter {
    bits: Box<[u64; FILTER_WORDS]>,
}

impl WordFilter {
    pub(super) fn new() -> Self {
        WordFilter { bits: Box::new([0; FILTER_WORDS]) }
    }

    pub(super) fn insert(&mut self, word: &str) {
        let bit = filter_bit(word);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// False only if `word` (in any ASCII case) is not in the set.
    pub(super) fn may_hold(&self, word: &str) -> bool {
        let bit = filter_bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Where a word falls in a [`WordFilter`]: cheap to take and different for most words of a text.
fn filter_bit(word: &str) -> usize {
    const BITS: u32 = (FILTER_WORDS * 64).trailing_zeros();
    let b = word.as_bytes();
    let lower = |byte: Option<&u8>| u64::from(byte.copied().unwrap_or(0).to_ascii_lowercase());
    let key = lower(b.first()) | lower(b.get(1)) << 8 | lower(b.last()) << 16 | (b.len() as u64) << 24;
    // The high bits of the product depend on every bit of the key.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize
}

/// A letter, digit or `_`: what words are made of.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A character of a word that has its own edges (not written without spaces).
fn in_spaced_word(c: char) -> bool {
    is_word(c) && !is_unspaced(c)
}

/// The next word of `text` at or after byte `from`: its start and end.
pub(super) fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let start = from + text[from..].find(in_spaced_word)?;
    Some((start, word_end(text, start).0))
}

/// Where the word of `text` that starts at `at` ends, and whether it is ASCII.
pub(super) fn word_end(text: &str, at: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut ascii = true;
    loop {
        while bytes.get(end).is_some_and(|&b| BYTES[b as usize] == WORD) {
            end += 1;
        }
        match bytes.get(end) {
            Some(&b) if BYTES[b as usize] == OTHER => match text[end..].chars().next() {
                Some(c) if in_spaced_word(c) => {
                    end += c.len_utf8();
                    ascii = false;
                }
                _ => break,
            },
            _ => break,
        }
    }
    (end, ascii)
}

/// What a byte of UTF-8 text is, as far as words go: [`WORD`] (an ASCII letter, digit or `_`), [`SPACE`]
/// (any other ASCII character) or [`OTHER`] (part of a character beyond ASCII).
const BYTES: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || c == b'_' { WORD } else { SPACE };
        b += 1;
    }
    table
};
const WORD: u8 = 0;
const SPACE: u8 = 1;
const OTHER: u8 = 2;

/// Where the names of a language may begin: the first words of the names, and whether any name begins
/// with something else (a letter written without spaces, punctuation), where the filter cannot help.
#[derive(Debug)]
pub(super) struct Starts {
    first_words: WordFilter,
    other_starts: bool,
}

impl Starts {
    /// The starts of `names` (folded).
    pub(super) fn new<'a>(names: impl Iterator<Item = &'a str>) -> Self {
        let mut first_words = WordFilter::new();
        let mut other_starts = false;
        for name in names {
            let end = name.find(|c: char| !in_spaced_word(c)).unwrap_or(name.len());
            if end == 0 {
                other_starts = true;
            } else {
                first_words.insert(&name[..end]);
            }
        }
        Starts { first_words, other_starts }
    }
}

/// `text` folded for mention matching ([`super::fold`]) when folding leaves every byte where it was: ASCII
/// text, and text whose other characters are their own lower case (most Dutch text: "één", "coördinatie").
/// Then the folded text has the words of the original at the same places, and needs no table of offsets.
pub(super) fn fold_in_place(text: &str) -> Option<String> {
    if text.contains(['\u{2010}', '\u{2011}']) {
        return None;
    }
    // Lowered a whole block at a time; hyphens, rarer, in a second pass only where there are any.
    let lower = lower_in_place(text)?;
    Some(if lower.contains('-') { lower.replace('-', " ") } else { lower })
}

/// `text` in lower case when lowering leaves every byte where it was (see [`fold_in_place`]).
pub(super) fn lower_in_place(text: &str) -> Option<String> {
    lowers_in_place(text).then(|| text.to_ascii_lowercase())
}

/// Whether lowering `text` changes only its ASCII letters.
pub(super) fn lowers_in_place(text: &str) -> bool {
    let own_lower = |c: char| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    };
    text.is_ascii() || text.chars().all(|c| c.is_ascii() || own_lower(c))
}

/// What a quick look at a run of text found.
pub(super) enum Look {
    /// No word of it begins a name: no mention.
    Nothing,
    /// Words that may begin a name, in order.
    At(Vec<Candidate>),
    /// Text the quick look cannot tell about (letters written without spaces, a word whose lower case
    /// moves bytes, names that begin with punctuation): every place in it may begin a mention.
    Anywhere,
}

/// A word that may begin a mention.
pub(super) struct Candidate {
    /// Where it starts, in bytes.
    pub start: usize,
    /// It is the first word of a name as written.
    pub exact: bool,
    /// It passed the quick look of the names matched by stems.
    pub stems: bool,
}

/// The words of `text` that may begin a mention: those that are the first word of a name in `starts` or
/// pass `stems` (the quick look of the names matched by stems, given the word and whether it is ASCII). One pass over the words, nothing lowered,
/// which is all most runs of text need; in the others only these words are looked at again.
pub(super) fn look(text: &str, starts: &Starts, stems: impl Fn(&str, bool) -> bool) -> Look {
    if starts.other_starts {
        return Look::Anywhere;
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let class = BYTES[b as usize];
        if class == SPACE {
            at += 1;
            continue;
        }
        if class == OTHER {
            let c = text[at..].chars().next().unwrap_or('\0');
            if is_unspaced(c) {
                return Look::Anywhere;
            }
            if !in_spaced_word(c) {
                at += c.len_utf8();
                continue;
            }
        }
        let (end, ascii) = word_end(text, at);
        let word = &text[at..end];
        if !(ascii || lowers_in_place(word)) {
            return Look::Anywhere;
        }
        let (exact, stems) = (starts.first_words.may_hold(word), stems(word, ascii));
        if exact || stems {
            found.push(Candidate { start: at, exact, stems });
        }
        at = end;
    }
    if found.is_empty() { Look::Nothing } else { Look::At(found) }
}

/// The longest name that begins at byte `at` of `folded`: `(start, end, pattern)`.
pub(super) fn find_at(automaton: &AhoCorasick, folded: &str, at: usize) -> Option<(usize, usize, usize)> {
    let input = Input::new(folded).range(at..).anchored(Anchored::Yes);
    automaton.find(input).map(|m| (m.start(), m.end(), m.pattern().as_usize()))
}

/// Names found in `folded` (the folded `text`; `offsets` maps its bytes to `text`'s, empty when folding left
/// them in place): `(start, end, pattern)` in `folded`'s bytes, leftmost first and then longest, not
/// overlapping, each starting where a word of `text` may start. `automaton` supports anchored searches.
pub(super) fn find(
    automaton: &AhoCorasick,
    starts: &Starts,
    text: &str,
    folded: &str,
    offsets: &[usize],
) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    // Where the last name found ends: names do not overlap.
    let mut resume = 0;
    let try_at = |at: usize, found: &mut Vec<(usize, usize, usize)>, resume: &mut usize| {
        if let Some(m) = find_at(automaton, folded, at) {
            found.push(m);
            *resume = m.1;
        }
    };
    if offsets.is_empty() {
        // The folded text has the original's characters at the same places (ASCII letters in lower case).
        let bytes = folded.as_bytes();
        let mut at = 0;
        let mut open = true;
        while at < bytes.len() {
            let (c, len) = match bytes[at] {
                b if b.is_ascii() => (b as char, 1),
                _ => folded[at..].chars().next().map_or(('\0', 1), |c| (c, c.len_utf8())),
            };
            if in_spaced_word(c) {
                // A word: tried at its start if some name begins with it, then passed over (no place inside
                // it is the start of a word).
                let (end, _) = word_end(folded, at);
                if open && at >= resume && starts.first_words.may_hold(&folded[at..end]) {
                    try_at(at, &mut found, &mut resume);
                }
                (at, open) = (end, false);
                continue;
            }
            if (open || is_unspaced(c)) && at >= resume && (is_unspaced(c) || starts.other_starts) {
                try_at(at, &mut found, &mut resume);
            }
            open = !is_word(c) || is_unspaced(c);
            at += len;
        }
        return found;
    }
    // Folding moved bytes: every character of the original, looked at where it begins in the folded text.
    for (at, _) in folded.char_indices() {
        let original = offsets[at];
        if at < resume || (at > 0 && offsets[at - 1] == original) {
            continue;
        }
        let before = text[..original].chars().next_back();
        let first = text[original..].chars().next();
        let unspaced = |c: Option<char>| c.is_some_and(is_unspaced);
        if !before.is_some_and(is_word) || unspaced(before) || unspaced(first) {
            try_at(at, &mut found, &mut resume);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{MatchKind, StartKind};

    fn matches(names: &[&str], text: &str) -> Vec<String> {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(names)
            .unwrap();
        let starts = Starts::new(names.iter().copied());
        let (folded, offsets) = match fold_in_place(text) {
            Some(folded) => (folded, Vec::new()),
            None => super::super::fold_case(text),
        };
        find(&automaton, &starts, text, &folded, &offsets)
            .into_iter()
            .map(|(s, e, _)| folded[s..e].to_string())
            .collect()
    }

    #[test]
    fn names_are_found_at_word_starts_longest_first_without_overlap() {
        let names = ["neural network", "network", "model", "c++", "模型"];
        assert_eq!(matches(&names, "A Neural-Network model."), ["neural network", "model"]);
        assert_eq!(matches(&names, "submodel network"), ["network"], "never inside a word");
        assert_eq!(matches(&names, "in C++ and 大模型"), ["c++", "模型"]);
        assert_eq!(matches(&names, "Één model, ÉÉN network"), ["model", "network"], "with and without offsets");
    }

    #[test]
    fn a_quick_look_keeps_the_words_that_may_begin_a_name() {
        let names = ["neural network", "model"];
        let starts = Starts::new(names.iter().copied());
        let at = |text: &str, stems: &dyn Fn(&str, bool) -> bool| match look(text, &starts, stems) {
            Look::Nothing => Some(Vec::new()),
            Look::At(found) => Some(found.iter().map(|c| (c.start, c.exact, c.stems)).collect()),
            Look::Anywhere => None,
        };
        let never = |_: &str, _: bool| false;
        assert_eq!(at("A Neural-Network", &never), Some(vec![(2, true, false)]));
        assert_eq!(at("one MODEL. (model)", &never), Some(vec![(4, true, false), (12, true, false)]));
        assert_eq!(at("plain words, nothing else", &never), Some(vec![]));
        assert_eq!(at("plain words", &|w, _| w == "words"), Some(vec![(6, false, true)]), "the stems are asked too");
        assert_eq!(at("Één model", &never), None, "a word that lowers out of place");
        assert_eq!(at("大模型", &never), None, "letters without spaces");
    }

    #[test]
    fn folding_in_place_agrees_with_the_general_folding() {
        for text in ["Één model", "coördinatie-laag", "plain ASCII-text", "GROß", "a\u{2010}b", "İstanbul"] {
            let (general, offsets) = super::super::fold_case(text);
            match fold_in_place(text) {
                Some(folded) => {
                    assert_eq!(folded, general, "{text:?}");
                    let starts = folded.char_indices().map(|(i, _)| i);
                    assert!(starts.into_iter().all(|i| offsets[i] == i), "{text:?} keeps its characters in place");
                }
                None => assert!(text.chars().any(|c| !c.is_ascii() && !c.is_lowercase()), "{text:?}"),
            }
        }
        assert!(fold_in_place("coördinatie één").is_some());
        assert!(lowers_in_place("coördinatie één") && !lowers_in_place("ÉÉN"));
        assert!(fold_in_place("Één").is_none());
    }
}
