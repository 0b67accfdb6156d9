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

/// How a language inflects the words of a name: endings added to its last word (the noun), endings added
/// to the words before it (adjectives, in Dutch), and endings of the last word that replace each other.
pub struct Endings {
    /// Endings added to the last word ("model", "models").
    last: &'static [&'static str],
    /// Endings added to a word before the last ("neuraal netwerk", "neurale netwerken").
    before: &'static [&'static str],
    /// Pairs of endings of the last word that replace each other ("probability", "probabilities").
    swapped: &'static [(&'static str, &'static str)],
    /// Whether a long vowel is written double in a closed syllable only ("neuraal", "neurale").
    long_vowels: bool,
}

/// English plurals and possessives. Not `-ing` or `-ed`, which make other words of nouns ("prompting" is
/// not "prompt", "weighted" not "weight"); words before the last are not inflected ("attention heads").
const EN_ENDINGS: Endings =
    Endings { last: &["s", "es", "'s"], before: &[], swapped: &[("y", "ies")], long_vowels: false };
/// Dutch plurals, and the inflected adjective before the noun; a consonant doubled before them is allowed
/// for ("modellen"), and so is a long vowel written single ("neurale", "lagen"). A noun takes no `-e`
/// ("lage" is the adjective "low", not "layers").
const NL_ENDINGS: Endings =
    Endings { last: &["en", "n", "s", "ën", "'s"], before: &["e"], swapped: &[("heid", "heden")], long_vowels: true };

/// Whether the text's word `word` (lower case) is another form of the name's word `name` (its last word
/// if `last`): the same, the name plus an ending of the language (a doubled consonant between them
/// allowed), or the same beginning with two endings that replace each other.
pub fn inflects(endings: &Endings, name: &str, word: &str, last: bool) -> bool {
    if name == word {
        return true;
    }
    let added = if last { endings.last } else { endings.before };
    // Only the text's word may have the added ending: a name that is an inflected form itself is another
    // word without it (the Dutch verb "prompten" is not the noun "prompt").
    let short = match endings.long_vowels.then(|| single_vowel(name)).flatten() {
        Some(single) if word.starts_with(&single) => std::borrow::Cow::Owned(single),
        _ => std::borrow::Cow::Borrowed(name),
    };
    if let Some(extra) = word.strip_prefix(&*short) {
        let last_letter = short.chars().next_back();
        let undoubled = match (last_letter, extra.chars().next()) {
            (Some(a), Some(b)) if a == b && a.is_alphabetic() && !"aeiouy".contains(a) => &extra[b.len_utf8()..],
            _ => extra,
        };
        return added.contains(&extra) || added.contains(&undoubled);
    }
    let swapped = |&(from, to): &(&str, &str)| {
        name.strip_suffix(from).is_some_and(|base| !base.is_empty() && word.strip_suffix(to) == Some(base))
    };
    last && endings.swapped.iter().any(swapped)
}

/// The part of a name's word that every form [`inflects`] accepts begins with: the word without a long
/// vowel's second letter and without an ending that another replaces.
pub fn fixed_start<'a>(endings: &Endings, name: &'a str) -> &'a str {
    let mut end = name.len();
    let mut keep = |other: &str| {
        end = end.min(name.bytes().zip(other.bytes()).take_while(|(a, b)| a == b).count());
    };
    if let Some(single) = endings.long_vowels.then(|| single_vowel(name)).flatten() {
        keep(&single);
    }
    for (from, _) in endings.swapped {
        if let Some(base) = name.strip_suffix(from) {
            keep(base);
        }
    }
    let mut end = end.min(name.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

/// The words `word` (lower case) may be a form of, itself first: without each ending of the language, with
/// a doubled consonant made single and a single long vowel made double again, or with an ending that
/// replaces another put back.
fn bases<'w>(endings: &Endings, word: &'w str) -> Vec<Cow<'w, str>> {
    let mut out = vec![Cow::Borrowed(word)];
    for ending in endings.last.iter().chain(endings.before) {
        let Some(base) = word.strip_suffix(ending).filter(|b| b.chars().count() >= 2) else { continue };
        out.push(Cow::Borrowed(base));
        let mut last = base.char_indices().rev();
        let (Some((at_b, b)), Some((_, a))) = (last.next(), last.next()) else { continue };
        if a == b && a.is_alphabetic() && !"aeiouy".contains(a) {
            out.push(Cow::Borrowed(&base[..at_b]));
        }
        if endings.long_vowels
            && let Some((_, before)) = last.next()
            && "aeou".contains(a)
            && !"aeiouy".contains(before)
            && !"aeiouy".contains(b)
            && b.is_alphabetic()
        {
            out.push(Cow::Owned(format!("{}{a}{}", &base[..at_b], &base[at_b..])));
        }
    }
    for (from, to) in endings.swapped {
        if let Some(base) = word.strip_suffix(to) {
            out.push(Cow::Owned(format!("{base}{from}")));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Every word that may be a form of the name's word `name` (lower case), the inverse of [`bases`]: the
/// words whose bases hold `name` and which [`inflects`] accepts as its form, last or before the last.
fn forms(endings: &Endings, name: &str) -> Vec<String> {
    let mut stems = vec![name.to_string()];
    if let Some(single) = endings.long_vowels.then(|| single_vowel(name)).flatten() {
        stems.push(single);
    }
    let mut out = vec![name.to_string()];
    for stem in &stems {
        let doubled = stem.chars().next_back().filter(|&c| c.is_alphabetic() && !"aeiouy".contains(c));
        for ending in endings.last.iter().chain(endings.before) {
            out.push(format!("{stem}{ending}"));
            if let Some(c) = doubled {
                out.push(format!("{stem}{c}{ending}"));
            }
        }
    }
    for (from, to) in endings.swapped {
        if let Some(base) = name.strip_suffix(from).filter(|b| !b.is_empty()) {
            out.push(format!("{base}{to}"));
        }
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|word| {
        (inflects(endings, name, word, true) || inflects(endings, name, word, false))
            && bases(endings, word).iter().any(|b| b == name)
    });
    out
}

/// The inflection rules of the language of `algorithm`.
pub fn endings_of(algorithm: Algorithm) -> &'static Endings {
    if algorithm == Algorithm::Dutch { &NL_ENDINGS } else { &EN_ENDINGS }
}

/// A word ending in a doubled vowel and a consonant with the vowel written once ("neuraal" gives
/// "neural"), as before an ending.
fn single_vowel(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if let [.., a, b, c] = chars.as_slice()
        && a == b
        && "aeou".contains(*a)
        && !"aeiouy".contains(*c)
        && c.is_alphabetic()
    {
        let mut single: String = chars[..chars.len() - 2].iter().collect();
        single.push(*c);
        return Some(single);
    }
    None
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
        Inflections { stemmer, algorithm, names, by_key, compounds, endings, collisions, acronyms, firsts, first_nodes }
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
        if words.is_empty() {
            return Vec::new();
        }
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
        // Most text is ASCII: lower-cased at once, its words are slices of it.
        let ascii = text.is_ascii().then(|| text.to_ascii_lowercase());
        let lower: Vec<Cow<'_, str>> = words
            .iter()
            .map(|&(s, e)| match &ascii {
                Some(lower) => Cow::Borrowed(&lower[s..e]),
                None => Cow::Owned(text[s..e].to_lowercase()),
            })
            .collect();
        let form_of = |n: &str, i: usize, last: bool| {
            if capitals(i) { *n == *lower[i] } else { inflects(self.endings, n, &lower[i], last) }
        };
        let mut found = Vec::new();
        let mut i = 0;
        'words: while i < words.len() {
            // The plural of an abbreviation: "GPUs" for "GPU".
            if let Some(target) = self.acronym_plural(&text[words[i].0..words[i].1]) {
                found.push((words[i].0, words[i].1, target, Found::Inflected));
                i += 1;
                continue;
            }
            // The longest name starting here: word by word, the names whose next word this word is a form
            // of. The first word's are looked up by its form; the next words' (rarely needed) by the forms
            // they could be of.
            if let Some(&(from, to)) = self.firsts.get(&*lower[i]) {
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
                    for base in bases(self.endings, &lower[j]) {
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
                    i = last + 1;
                    continue 'words;
                }
            }
            if !self.compounds.is_empty()
                && lower[i].len() <= LONGEST_COMPOUND
                && !capitals(i)
                && let Some(target) = self.compound(&lower[i])
            {
                found.push((words[i].0, words[i].1, target, Found::Compound));
            }
            i += 1;
        }
        found
    }

    /// The entry whose abbreviation (a name in capitals) `word` is the plural of, written in capitals with
    /// a lower-case `s`.
    fn acronym_plural(&self, word: &str) -> Option<EntryIndex> {
        let base = word.strip_suffix('s')?;
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
    let mut out = Vec::new();
    // Most text is ASCII, which has no letters written without spaces: its words are runs of bytes.
    if text.is_ascii() {
        let mut start = None;
        for (at, b) in text.bytes().enumerate() {
            match (b.is_ascii_alphanumeric() || b == b'_', start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    out.push((s, at));
                    start = None;
                }
                _ => {}
            }
        }
        out.extend(start.map(|s| (s, text.len())));
        return out;
    }
    let mut start = None;
    for (at, c) in text.char_indices() {
        let in_word = (c.is_alphanumeric() || c == '_') && !crate::collate::is_unspaced(c);
        match (in_word, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s, at));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    // A word that touches letters written without spaces is not a word of its own.
    out.retain(|&(s, e)| {
        let edge = |c: Option<char>| c.is_some_and(crate::collate::is_unspaced);
        !edge(text[..s].chars().next_back()) && !edge(text[e..].chars().next())
    });
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
    fn inflections_are_endings_of_the_language() {
        let nl = [("model", "modellen", true), ("neuraal", "neurale", false), ("netwerk", "netwerken", true)];
        for (name, word, last) in nl.into_iter().chain([("foto", "foto's", true), ("laag", "lagen", true)]) {
            assert!(inflects(&NL_ENDINGS, name, word, last), "{name} {word}");
        }
        let not_nl = [("open", "openbare"), ("model", "modellering"), ("prompten", "prompt"), ("laag", "lage")];
        for (name, word) in not_nl {
            assert!(!inflects(&NL_ENDINGS, name, word, true), "{name} {word}");
        }
        assert!(inflects(&NL_ENDINGS, "leersnelheid", "leersnelheden", true));
        for (name, word) in [("embedding", "embeddings"), ("bias", "biases"), ("probability", "probabilities")] {
            assert!(inflects(&EN_ENDINGS, name, word, true), "{name} {word}");
        }
        let not_en =
            [("prompting", "prompt"), ("prompting", "prompts"), ("alignment", "align"), ("weight", "weighted")];
        for (name, word) in not_en.into_iter().chain([("transformer", "transform"), ("tuning", "tuned")]) {
            assert!(!inflects(&EN_ENDINGS, name, word, true), "{name} {word}");
        }
        assert!(!inflects(&EN_ENDINGS, "attention", "attentions", false), "English modifiers keep their form");
    }

    #[test]
    fn every_form_keeps_the_fixed_start_and_is_found_from_its_bases() {
        for (name, word) in [("laag", "lagen"), ("neuraal", "neurale"), ("leersnelheid", "leersnelheden")] {
            assert!(word.starts_with(fixed_start(&NL_ENDINGS, name)), "{name} {word}");
            assert!(
                bases(&NL_ENDINGS, word).iter().any(|b| b == name),
                "{name} {word}: {:?}",
                bases(&NL_ENDINGS, word)
            );
        }
        assert!(bases(&NL_ENDINGS, "modellen").iter().any(|b| b == "model"));
        for (name, word) in [("model", "modellen"), ("laag", "lagen"), ("neuraal", "neurale"), ("foto", "foto's")] {
            assert!(forms(&NL_ENDINGS, name).iter().any(|f| f == word), "{name} {word}");
        }
        assert!(forms(&EN_ENDINGS, "probability").iter().any(|f| f == "probabilities"));
        assert!(bases(&EN_ENDINGS, "probabilities").iter().any(|b| b == "probability"));
    }

    #[test]
    fn forms_are_exactly_the_words_whose_bases_hold_the_name() {
        let names = ["model", "laag", "neuraal", "leersnelheid", "netwerk", "foto", "bias", "probability", "gpu"];
        for endings in [&NL_ENDINGS, &EN_ENDINGS] {
            for name in names {
                let forms = forms(endings, name);
                // Every word a few letters away from the name: its forms and words like them.
                let mut words: Vec<String> = forms.clone();
                for form in &forms {
                    let ends: Vec<usize> = form.char_indices().map(|(at, _)| at).collect();
                    for &end in ends.iter().rev().take(3) {
                        let base = &form[..end];
                        words.push(base.to_string());
                        words.extend(["e", "en", "s", "es", "n", "ies", "heden", "'s"].map(|e| format!("{base}{e}")));
                    }
                }
                for word in words {
                    let accepted = (inflects(endings, name, &word, true) || inflects(endings, name, &word, false))
                        && bases(endings, &word).iter().any(|b| b == name);
                    assert_eq!(accepted, forms.contains(&word), "{name} {word}");
                }
            }
        }
    }
}
