//! Names matched by the stems of their words, so that inflected forms are mentions too: "modellen"
//! mentions "model", "neurale netwerken" mentions "neuraal netwerk", "attention heads" mentions "attention
//! head". Words are reduced with the language's Snowball stemmer, the one search uses
//! ([`crate::content::stems::WordStems`]). Where an entry allows it, a Dutch compound that ends in one of
//! its one-word names ("taalmodel", "basismodellen") mentions it as well.
//!
//! Guards keep ordinary words from linking. A name is matched by stems only if one of its words has
//! [`SAFE_WORD`] letters or more ("AI", "GPU" match only as written), and only whole words match. Snowball
//! also strips endings that make other words ("regularisation" and "regular", "alignment" and "align"
//! share a stem), so a word and the name's word must differ only by an inflection of the language (see
//! [`inflects`]); and a word in capitals ("RAIL") is an abbreviation, matched only as written.

use rust_stemmers::Algorithm;

use crate::content::stems::WordStems;
use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::NameKind;
use super::endings::{Endings, bases, endings_of, forms, inflects};
use super::scan::{WordFilter, lowers_in_place, next_word, word_end};
use crate::types::EntryIndex;

/// Letters the longest word of a name has at least for the name to be matched by stems.
pub const SAFE_WORD: usize = 4;

/// Letters before the name in a compound ("taal" in "taalmodel"), at least: fewer are more often a
/// prefix ("ver" in "verlagen") than a word.
const COMPOUND_HEAD: usize = 4;

/// Bytes of the longest word looked at as a compound: longer ones are not words of any language, and
/// would cost time for nothing.
const LONGEST_COMPOUND: usize = 100;

/// Letters of a one-word name that compounds are looked up by (the name's first ones stay the same in
/// every form: "laag", "lagen").
const COMPOUND_KEY: usize = 2;

/// How a mention was found, in the order a tie between two mentions of the same words is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Found {
    /// The name as written (case, hyphens aside).
    Exactly,
    /// The stems of its words.
    Inflected,
    /// The end of a compound word.
    Compound,
}

/// The names of one language by the stems of their words.
pub struct Inflections {
    stemmer: WordStems,
    algorithm: Algorithm,
    /// The names word by word, as folded (node 0 is the root): a text's word leads from a node to the
    /// child of each word it may be a form of.
    names: Vec<Node>,
    /// The stems of a name's words joined by spaces → its entry, for wiki links.
    by_key: FxHashMap<String, EntryIndex>,
    /// The first three letters of a one-word name of an entry that allows compounds → the name, its stem
    /// and the entry.
    compounds: FxHashMap<Box<str>, Vec<CompoundName>>,
    /// The endings that inflect a word of the language.
    endings: &'static Endings,
    /// Names of different entries with the same stems (folded name and entry, twice), which neither
    /// entry's inflected forms are linked to unless one is a title and the other aliases.
    pub collisions: Vec<Collision>,
    /// Names written in capitals ("GPU") → their entry, whose plurals ("GPUs") are mentions too.
    acronyms: FxHashMap<Box<str>, EntryIndex>,
    /// Every form of a name's first word (lower case) → the range of [`Inflections::first_nodes`] it may be a
    /// form of: a text's word is looked up once here instead of being taken apart into [`bases`], and most
    /// words, which begin no name, are ruled out by that one look.
    firsts: FxHashMap<Box<str>, (u32, u32)>,
    /// Children of the root (nodes of first words), grouped by the forms in `firsts`.
    first_nodes: Vec<usize>,
    /// The forms in `firsts`, as bits: a word whose bit is clear begins no name.
    first_filter: WordFilter,
    /// Words of the longest name.
    most_words: usize,
}

/// A node of the tree of names by their words: the names that continue with another word, and the entry
/// of the name that ends here.
#[derive(Default)]
struct Node {
    /// The word that leads here, folded.
    word: Box<str>,
    next: FxHashMap<Box<str>, usize>,
    ends: Option<EntryIndex>,
}

/// A one-word name that compounds may end in.
struct CompoundName {
    /// The name, folded.
    word: Box<str>,
    /// Whose name it is.
    target: EntryIndex,
}

/// Names of two entries with the same stems.
#[derive(Debug)]
pub struct Collision {
    /// One name, folded, and its entry.
    pub name: (Box<str>, EntryIndex),
    /// The other, and its entry.
    pub other: (Box<str>, EntryIndex),
}

impl std::fmt::Debug for Inflections {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inflections").field("algorithm", &self.algorithm).field("names", &self.by_key.len()).finish()
    }
}

/// The stems of the words of a folded name (lower case, hyphens as spaces), if it may be matched by them:
/// only letters, digits and spaces, written with spaces between words, one word of [`SAFE_WORD`] letters
/// or more.
pub fn name_stems(stemmer: &WordStems, folded: &str) -> Option<Vec<String>> {
    if folded.chars().any(|c| !(c.is_alphanumeric() || c == ' ') || crate::collate::is_unspaced(c)) {
        return None;
    }
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let safe = words.iter().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= SAFE_WORD);
    (safe && !words.is_empty()).then(|| words.iter().map(|w| stemmer.stem(w)).collect())
}

impl Inflections {
    /// Indexes `patterns` (folded name, its best kind, its entry: the names mentions can find), entries
    /// of `compounding` (sorted) also as the end of compounds. A stem key two entries share is left out
    /// unless exactly one of them has it in the best kind, as for names written alike.
    pub fn new<'a>(
        algorithm: Algorithm,
        patterns: impl Iterator<Item = (&'a str, NameKind, EntryIndex)>,
        compounding: &[EntryIndex],
        acronyms: FxHashMap<Box<str>, EntryIndex>,
    ) -> Self {
        let stemmer = WordStems::new(algorithm);
        let mut keyed: Vec<(String, NameKind, EntryIndex, &str)> = patterns
            .filter_map(|(name, kind, target)| Some((name_stems(&stemmer, name)?.join(" "), kind, target, name)))
            .collect();
        keyed.sort_unstable_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        let mut names: Vec<Node> = vec![Node::default()];
        let mut by_key = FxHashMap::default();
        let mut compounds: FxHashMap<Box<str>, Vec<CompoundName>> = FxHashMap::default();
        let mut collisions = Vec::new();
        let mut most_words = 1;
        for same in keyed.chunk_by(|a, b| a.0 == b.0) {
            let (key, best, target, _) = &same[0];
            if let Some(other) = same.iter().find(|s| s.2 != *target) {
                collisions
                    .push(Collision { name: (Box::from(same[0].3), *target), other: (Box::from(other.3), other.2) });
            }
            if !same.iter().take_while(|s| s.1 == *best).all(|s| s.2 == *target) {
                continue;
            }
            by_key.insert(key.clone(), *target);
            // Each name with these stems (a title and an alias may differ only in an ending).
            for (_, _, _, name) in same.iter().filter(|s| s.2 == *target) {
                let words: Vec<Box<str>> = name.split(' ').filter(|w| !w.is_empty()).map(Box::from).collect();
                most_words = most_words.max(words.len());
                if let [word] = words.as_slice()
                    && word.chars().count() >= SAFE_WORD
                    && compounding.binary_search(target).is_ok()
                {
                    let head: String = word.chars().take(COMPOUND_KEY).collect();
                    compounds
                        .entry(head.into())
                        .or_default()
                        .push(CompoundName { word: word.clone(), target: *target });
                }
                let mut at = 0;
                for word in &words {
                    at = match names[at].next.get(word) {
                        Some(&child) => child,
                        None => {
                            names.push(Node { word: word.clone(), ..Node::default() });
                            let child = names.len() - 1;
                            names[at].next.insert(word.clone(), child);
                            child
                        }
                    };
                }
                names[at].ends.get_or_insert(*target);
            }
        }
        let endings = endings_of(algorithm);
        let mut by_form: Vec<(String, usize)> = names[0]
            .next
            .iter()
            .flat_map(|(word, &child)| forms(endings, word).into_iter().map(move |form| (form, child)))
            .collect();
        by_form.sort_unstable();
        let mut firsts = FxHashMap::default();
        let mut first_nodes = Vec::with_capacity(by_form.len());
        for same in by_form.chunk_by(|a, b| a.0 == b.0) {
            let start = first_nodes.len() as u32;
            first_nodes.extend(same.iter().map(|(_, child)| *child));
            firsts.insert(Box::from(same[0].0.as_str()), (start, first_nodes.len() as u32));
        }
        let mut first_filter = WordFilter::new();
        firsts.keys().for_each(|form| first_filter.insert(form));
        Inflections {
            stemmer,
            algorithm,
            names,
            by_key,
            compounds,
            endings,
            collisions,
            acronyms,
            firsts,
            first_nodes,
            first_filter,
            most_words,
        }
    }

    /// The entry whose name has the same stems as the folded `name`, for a wiki link.
    pub fn lookup(&self, folded: &str) -> Option<EntryIndex> {
        let stems = name_stems(&self.stemmer, folded)?;
        self.by_key.get(&stems.join(" ")).copied()
    }

    /// Mentions found by stems in `text`: `(start, end, entry, how)` byte ranges of whole words, the
    /// longest name first at each word, in order, not overlapping.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize, EntryIndex, Found)> {
        let words = words(text);
        // Most runs of text mention nothing: told from the words as written, before lowering any.
        if self.compounds.is_empty() && !words.iter().any(|&(s, e)| self.may_start(&text[s..e], text[s..e].is_ascii()))
        {
            return Vec::new();
        }
        self.mentions_among(text, &words, 0..words.len())
    }

    /// [`Inflections::mentions`] that begin at the words of `text` that start at `starts` (ascending byte
    /// offsets, the words [`Inflections::may_start`] lets through): the others are not looked at.
    pub fn mentions_at(&self, text: &str, starts: &[usize]) -> Vec<(usize, usize, EntryIndex, Found)> {
        // Only the words a name beginning at one of `starts` can span are listed: words listed one after
        // the other with others between them have letters in their gap, so no name joins them.
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut at = Vec::with_capacity(starts.len());
        for &start in starts {
            let i = match words.binary_search_by_key(&start, |w| w.0) {
                Ok(i) => i,
                Err(_) => {
                    words.push((start, word_end(text, start).0));
                    words.len() - 1
                }
            };
            while words.len() < i + self.most_words
                && let Some(next) = next_word(text, words[words.len() - 1].1)
            {
                words.push(next);
            }
            at.push(i);
        }
        self.mentions_among(text, &words, at.into_iter())
    }

    /// The mentions that begin at the words `starts` (ascending indices into `words`, the words of `text`).
    fn mentions_among(
        &self,
        text: &str,
        words: &[(usize, usize)],
        starts: impl Iterator<Item = usize>,
    ) -> Vec<(usize, usize, EntryIndex, Found)> {
        // Words are one name only with nothing but spaces or hyphens between them.
        let joined = |i: usize| {
            let gap = &text[words[i].1..words[i + 1].0];
            !gap.is_empty() && gap.chars().all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}'))
        };
        // A word in capitals is an abbreviation: it is a mention only as written.
        let capitals = |i: usize| {
            let word = &text[words[i].0..words[i].1];
            word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
        };
        // A word in lower case, lowered only if it must be (few words are looked at, most are so written).
        let lower = |i: usize| {
            let word = &text[words[i].0..words[i].1];
            match word.bytes().any(|b| b.is_ascii_uppercase()) || !lowers_in_place(word) {
                false => Cow::Borrowed(word),
                true => Cow::Owned(word.to_lowercase()),
            }
        };
        let form_of = |n: &str, i: usize, last: bool| {
            if capitals(i) { *n == *lower(i) } else { inflects(self.endings, n, &lower(i), last) }
        };
        let mut found = Vec::new();
        // The first word after the last mention found: mentions do not overlap.
        let mut free = 0;
        for i in starts {
            if i < free {
                continue;
            }
            free = i + 1;
            // The plural of an abbreviation: "GPUs" for "GPU".
            if let Some(target) = self.acronym_plural(&text[words[i].0..words[i].1]) {
                found.push((words[i].0, words[i].1, target, Found::Inflected));
                continue;
            }
            // The longest name starting here: word by word, the names whose next word this word is a form
            // of. The first word's are looked up by its form; the next words' (rarely needed) by the forms
            // they could be of.
            if self.may_begin_written(&text[words[i].0..words[i].1], text[words[i].0..words[i].1].is_ascii())
                && let Some(&(from, to)) = self.firsts.get(&*lower(i))
            {
                let mut frontier: Vec<usize> = Vec::new();
                let mut longest = None;
                let mut step = |j: usize, child: usize, frontier: &mut Vec<usize>| {
                    let node = &self.names[child];
                    if let Some(target) = node.ends
                        && form_of(&node.word, j, true)
                    {
                        longest = Some((j, target));
                    }
                    if !node.next.is_empty() && form_of(&node.word, j, false) {
                        frontier.push(child);
                    }
                };
                for &child in &self.first_nodes[from as usize..to as usize] {
                    step(i, child, &mut frontier);
                }
                let mut j = i + 1;
                while j < words.len() && !frontier.is_empty() && joined(j - 1) {
                    let mut next = Vec::new();
                    for base in bases(self.endings, &lower(j)) {
                        for &node in &frontier {
                            if let Some(&child) = self.names[node].next.get(&*base) {
                                step(j, child, &mut next);
                            }
                        }
                    }
                    frontier = next;
                    j += 1;
                }
                if let Some((last, target)) = longest {
                    found.push((words[i].0, words[last].1, target, Found::Inflected));
                    free = last + 1;
                    continue;
                }
            }
            if !self.compounds.is_empty()
                && text[words[i].0..words[i].1].len() <= LONGEST_COMPOUND
                && !capitals(i)
                && let Some(target) = self.compound(&lower(i))
            {
                found.push((words[i].0, words[i].1, target, Found::Compound));
            }
        }
        found
    }

    /// False only if no name found by stems starts with `word` (as written): the quick look that rules
    /// out most words of a text. Every word may start a compound.
    pub fn may_start(&self, word: &str, ascii: bool) -> bool {
        !self.compounds.is_empty() || self.may_begin_written(word, ascii) || self.acronym_plural(word).is_some()
    }

    /// [`Inflections::may_begin`] for a word as written (`ascii` if it is), lowered only if its lower case
    /// moves bytes.
    fn may_begin_written(&self, word: &str, ascii: bool) -> bool {
        match ascii || lowers_in_place(word) {
            true => self.may_begin(word),
            false => self.may_begin(&word.to_lowercase()),
        }
    }

    /// Whether a word may be a form of a name's first word (an ASCII word in any case, another in lower
    /// case): false only if it is none.
    fn may_begin(&self, word: &str) -> bool {
        self.first_filter.may_hold(word)
    }

    /// The entry whose abbreviation (a name in capitals) `word` is the plural of, written in capitals with
    /// a lower-case `s`.
    fn acronym_plural(&self, word: &str) -> Option<EntryIndex> {
        let base = word.strip_suffix('s')?;
        // Most words are ruled out by the letter before the `s`.
        if base.as_bytes().last().is_none_or(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let capitals = base.chars().count() >= 2 && base.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        capitals.then(|| self.acronyms.get(base).copied()).flatten()
    }

    /// The entry of the longest one-word name that ends `word` (lower case), after a head of a few
    /// letters, in one of its forms.
    fn compound(&self, word: &str) -> Option<EntryIndex> {
        // Tails of SAFE_WORD letters or more, after a head of COMPOUND_HEAD: none in a shorter word.
        let letters = word.chars().count();
        if letters < COMPOUND_HEAD + SAFE_WORD {
            return None;
        }
        for (at, _) in word.char_indices().skip(COMPOUND_HEAD).take(letters - COMPOUND_HEAD - SAFE_WORD + 1) {
            let tail = &word[at..];
            let key_end = tail.char_indices().nth(COMPOUND_KEY).map_or(tail.len(), |(at, _)| at);
            let Some(names) = self.compounds.get(&tail[..key_end]) else { continue };
            for CompoundName { word, target } in names {
                if inflects(self.endings, word, tail, true) {
                    return Some(*target);
                }
            }
        }
        None
    }
}

/// The words of a text: byte ranges of maximal runs of letters, digits and `_`, not counting letters
/// written without spaces (which have no words to stem).
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> =
        std::iter::successors(next_word(text, 0), |&(_, end)| next_word(text, end)).collect();
    // A word that touches letters written without spaces is not a word of its own (ASCII has none).
    if !text.is_ascii() {
        out.retain(|&(s, e)| {
            let edge = |c: Option<char>| c.is_some_and(crate::collate::is_unspaced);
            !edge(text[..s].chars().next_back()) && !edge(text[e..].chars().next())
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(algorithm: Algorithm, names: &[(&str, usize)], compounding: &[usize]) -> Inflections {
        let patterns = names.iter().map(|&(n, e)| (n, NameKind::Title, EntryIndex::new(e)));
        let compounding: Vec<EntryIndex> = compounding.iter().map(|&e| EntryIndex::new(e)).collect();
        Inflections::new(algorithm, patterns, &compounding, FxHashMap::default())
    }

    fn linked<'a>(infl: &Inflections, text: &'a str) -> Vec<(&'a str, usize)> {
        infl.mentions(text).into_iter().map(|(s, e, t, _)| (&text[s..e], t.get())).collect()
    }

    #[test]
    fn dutch_inflections_link_to_the_name_and_keep_the_text_as_written() {
        let nl = index(Algorithm::Dutch, &[("model", 0), ("neuraal netwerk", 1), ("netwerk", 2)], &[]);
        let text = "Grote Modellen en neurale netwerken; een netwerk.";
        assert_eq!(linked(&nl, text), [("Modellen", 0), ("neurale netwerken", 1), ("netwerk", 2)]);
        assert!(linked(&nl, "neurale, netwerken").iter().all(|(_, t)| *t == 2), "a comma parts the words");
        assert!(linked(&nl, "taalmodel").is_empty(), "compounds are off unless asked for");
    }

    #[test]
    fn english_plurals_and_verb_forms_link_but_short_names_need_the_exact_form() {
        let en = index(Algorithm::English, &[("attention head", 0), ("gpu", 1), ("embedding", 2)], &[]);
        assert_eq!(linked(&en, "Attention heads compute; embeddings."), [("Attention heads", 0), ("embeddings", 2)]);
        assert!(linked(&en, "two gpus").is_empty(), "a name without a four-letter word is matched as written");
        let derived = index(Algorithm::English, &[("regularisation", 0), ("prompting", 1), ("rail", 2)], &[]);
        assert!(linked(&derived, "regular prompts on RAILS").is_empty(), "derived words and capitals stay text");
        assert_eq!(linked(&derived, "two rails"), [("rails", 2)]);
    }

    #[test]
    fn the_quick_look_passes_every_form_of_a_first_word_in_any_case_and_few_others() {
        let nl = index(Algorithm::Dutch, &[("model", 0), ("neuraal netwerk", 1), ("leerproces", 2)], &[]);
        assert!(nl.firsts.len() > 3, "the first words have several forms");
        for form in nl.firsts.keys() {
            let capital = form[..1].to_uppercase() + &form[1..];
            for word in [form.to_string(), form.to_ascii_uppercase(), capital] {
                assert!(nl.may_begin(&word), "{word:?} is a form of a first word");
            }
        }
        let others = "de het een grote kleine werkt leert traint snel vaak zijn worden data tekst vraag antwoord";
        let passed: Vec<&str> = others.split(' ').filter(|w| nl.may_begin(w)).collect();
        assert!(passed.len() <= 1, "words that begin no name are ruled out: {passed:?}");
        assert!(nl.mentions("De grote vraag werkt snel.").is_empty());
    }
}
