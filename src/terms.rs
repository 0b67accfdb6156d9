//! The names of every concept (titles and aliases) per language, for finding mentions in text and for
//! resolving `[[wiki links]]`.
//!
//! Names are compared case-insensitively; wiki links also ignore diacritics and accept a simple plural.
//! Mentions are found with one Aho-Corasick automaton per language, so scanning a body costs the same
//! whatever the number of terms.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::link::{EntryIndex, Glossary};

/// Whether a name is an entry's title or one of its aliases: titles win over aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// The entry's title.
    Title,
    /// One of its aliases.
    Alias,
}

/// How a wiki-link target resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one entry has this name.
    Found(EntryIndex),
    /// Several entries have it as their title, or none as title and several as alias.
    Ambiguous(Vec<EntryIndex>),
    /// No entry has it; the closest name, if any is close.
    Unknown(Option<String>),
}

/// Names of one language.
#[derive(Debug, Default)]
struct LanguageTerms {
    /// Matches lower-cased names in lower-cased text, longest first.
    automaton: Option<AhoCorasick>,
    /// Target of each automaton pattern.
    targets: Vec<EntryIndex>,
    /// The automaton's patterns, to tell whether two indexes link the same way.
    patterns: Vec<String>,
    /// Loose key (lower case, no diacritics, single spaces) → entries with that name.
    by_key: HashMap<String, Vec<(NameKind, EntryIndex)>>,
    /// Every name as written, for "did you mean" suggestions.
    names: Vec<String>,
}

/// Names of every language of a glossary.
#[derive(Debug, Default)]
pub struct TermIndex {
    languages: Vec<LanguageTerms>,
}

/// Lower-cases text for mention matching, with hyphens as spaces ("open-source AI" mentions "open source
/// AI"), keeping, for each byte of the result, the byte offset in the original where its character starts.
pub fn fold_case(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = folded.len();
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            folded.push(' ');
        } else {
            folded.extend(c.to_lowercase());
        }
        offsets.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    offsets.push(text.len());
    (folded, offsets)
}

/// The loose form of a name used by wiki links: lower case, without diacritics, hyphens as spaces, single
/// spaces.
pub fn loose_key(name: &str) -> String {
    let plain = deunicode::deunicode(name).to_lowercase().replace('-', " ");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl TermIndex {
    /// Indexes the titles and aliases of every entry.
    pub fn new(glossary: &Glossary) -> Self {
        let languages = (0..glossary.languages.len()).map(|pos| LanguageTerms::new(glossary, pos)).collect();
        TermIndex { languages }
    }

    /// True when both indexes would link every text of the language the same way.
    pub fn same_mentions(
        &self,
        other: &TermIndex,
        lang_pos: usize,
        map: impl Fn(EntryIndex) -> Option<EntryIndex>,
    ) -> bool {
        let (a, b) = (&self.languages[lang_pos], &other.languages[lang_pos]);
        a.patterns == b.patterns && a.targets.iter().zip(&b.targets).all(|(&x, &y)| map(x) == Some(y))
    }

    /// Resolves a wiki-link target by title or alias: case and diacritics do not matter, and a simple plural
    /// ("embeddings") finds the singular.
    pub fn resolve(&self, lang_pos: usize, name: &str) -> Resolution {
        let terms = &self.languages[lang_pos];
        let key = loose_key(name);
        let mut candidates = vec![key.clone()];
        for suffix in ["s", "es", "en"] {
            if let Some(stem) = key.strip_suffix(suffix).filter(|s| s.len() >= 2) {
                candidates.push(stem.to_string());
            }
        }
        for candidate in candidates {
            if let Some(hits) = terms.by_key.get(&candidate) {
                let best = hits.iter().map(|(kind, _)| *kind).min().unwrap_or(NameKind::Alias);
                let mut targets: Vec<EntryIndex> =
                    hits.iter().filter(|(kind, _)| *kind == best).map(|(_, e)| *e).collect();
                targets.sort_unstable();
                targets.dedup();
                return match targets.as_slice() {
                    [one] => Resolution::Found(*one),
                    _ => Resolution::Ambiguous(targets),
                };
            }
        }
        let suggestion = crate::diagnostics::closest(name, terms.names.iter().map(String::as_str)).map(str::to_string);
        Resolution::Unknown(suggestion)
    }

    /// Mentions of other concepts' names in `text`: `(start, end, entry)` byte ranges of whole-word,
    /// case-insensitive matches, leftmost-longest, in order.
    pub fn mentions(&self, lang_pos: usize, text: &str) -> Vec<(usize, usize, EntryIndex)> {
        let terms = &self.languages[lang_pos];
        let Some(automaton) = &terms.automaton else { return Vec::new() };
        // Most text is ASCII: then folding keeps every byte where it was, and no offset table is needed.
        let (folded, offsets) = if text.is_ascii() {
            let folded: String =
                text.bytes().map(|b| if b == b'-' { ' ' } else { b.to_ascii_lowercase() as char }).collect();
            (folded, Vec::new())
        } else {
            fold_case(text)
        };
        let at = |i: usize| if offsets.is_empty() { i } else { offsets[i] };
        let mut found = Vec::new();
        for m in automaton.find_iter(&folded) {
            let (start, end) = (at(m.start()), at(m.end()));
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            // A match must start and end on a character boundary of the original text and be a whole word.
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) || is_word(before) || is_word(after) {
                continue;
            }
            found.push((start, end, terms.targets[m.pattern().as_usize()]));
        }
        found
    }
}

impl LanguageTerms {
    fn new(glossary: &Glossary, lang_pos: usize) -> Self {
        // Lower-cased name → (kind, target); a name two concepts share is left out unless one has it as title.
        let mut exact: HashMap<String, Vec<(NameKind, EntryIndex)>> = HashMap::new();
        let mut by_key: HashMap<String, Vec<(NameKind, EntryIndex)>> = HashMap::new();
        let mut names = Vec::new();
        for index in glossary.range(lang_pos) {
            let entry = &glossary.entries[index];
            let all = std::iter::once((NameKind::Title, &entry.title))
                .chain(entry.aliases.iter().map(|a| (NameKind::Alias, a)));
            for (kind, name) in all {
                exact.entry(fold_case(name).0).or_default().push((kind, index));
                by_key.entry(loose_key(name)).or_default().push((kind, index));
                names.push(name.clone());
            }
        }
        let mut chosen: Vec<(String, EntryIndex)> = exact
            .into_iter()
            .filter(|(name, _)| name.chars().count() >= 2)
            .filter_map(|(name, hits)| {
                let best = hits.iter().map(|(kind, _)| *kind).min()?;
                let mut targets: Vec<EntryIndex> = hits.iter().filter(|(k, _)| *k == best).map(|(_, e)| *e).collect();
                targets.dedup();
                (targets.len() == 1).then(|| (name, targets[0]))
            })
            .collect();
        chosen.sort();
        let patterns: Vec<String> = chosen.iter().map(|(name, _)| name.clone()).collect();
        let targets = chosen.iter().map(|(_, target)| *target).collect();
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns).ok()
        };
        LanguageTerms { automaton, targets, patterns, by_key, names }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets_into_the_original() {
        let (folded, offsets) = fold_case("Één AI");
        assert_eq!(folded, "één ai");
        assert_eq!(offsets[0], 0);
        assert_eq!(offsets[folded.find("ai").unwrap()], "Één ".len());
        assert_eq!(*offsets.last().unwrap(), "Één AI".len());
    }

    #[test]
    fn loose_keys_ignore_case_diacritics_and_spacing() {
        assert_eq!(loose_key("Gradiënt  Afdaling"), "gradient afdaling");
        assert_eq!(loose_key("ÉÉN"), "een");
        assert_eq!(loose_key("Open-Source AI"), loose_key("open source  AI"));
    }
}
