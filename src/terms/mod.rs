//! The names of every concept (titles and aliases) per language, for finding mentions in text and for
//! resolving `[[wiki links]]`.
//!
//! Names are compared case-insensitively; wiki links also ignore diacritics and accept a simple plural.
//! Mentions are found with one Aho-Corasick automaton per language, so scanning a body costs the same
//! whatever the number of terms.

use std::sync::{Arc, OnceLock};

pub use crate::content::BodyWords;
pub use changes::NameChanges;

mod changes;
mod endings;
mod fold;
pub mod inflected;
mod scan;

pub use fold::{fold, fold_case, loose_key};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use rustc_hash::FxHashMap;

use crate::content::Entry;
use crate::types::LangPos;
use crate::types::{EntryIndex, Reorder};
use inflected::{Found, Inflections};
use rust_stemmers::Algorithm;

/// A mention: where it starts and ends in the text, in bytes, and the entry it mentions.
type Mention = (usize, usize, EntryIndex);

/// A title or alias as written, what kind of name it is, and whose it is.
pub type Name = (Arc<str>, NameKind, EntryIndex);

/// The names of `entries`, the first of which is entry `start`: each title, then its aliases.
pub fn names_of(entries: &[Arc<Entry>], start: EntryIndex) -> Vec<Name> {
    let mut names = Vec::with_capacity(entries.len() * 3);
    for (n, entry) in entries.iter().enumerate() {
        let index = EntryIndex::new(start.get() + n);
        names.push((Arc::from(entry.title.as_str()), NameKind::Title, index));
        let statuses = entry.alias_terms.status.iter().map(|s| s.is_avoided()).chain(std::iter::repeat(false));
        names.extend(entry.aliases.iter().zip(statuses).map(|(a, avoided)| {
            (Arc::from(a.as_str()), if avoided { NameKind::Avoided } else { NameKind::Alias }, index)
        }));
    }
    names
}

/// The names of one language and how they are matched: what [`TermIndex::new`] indexes.
#[derive(Debug, Clone, Default)]
pub struct LanguageNames {
    /// Every title and alias (see [`names_of`]).
    pub names: Vec<Name>,
    /// The language, when mentions and wiki links also match inflected forms (`inflections` in
    /// `site.toml`; only languages with a stemmer do); `None` matches names only as written.
    pub stemmed: Option<String>,
    /// Whether an entry that says nothing about `compounds` is mentioned by compounds ending in a name.
    pub compounds: bool,
    /// The entries mentioned by compounds ending in one of their one-word names, sorted.
    pub compounding: Vec<EntryIndex>,
}

impl LanguageNames {
    /// The names of `entries`, the first of which is entry `start`, in language `lang`.
    pub fn of(entries: &[Arc<Entry>], start: EntryIndex, lang: &str, inflections: bool, compounds: bool) -> Self {
        let compounding = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.compounds.unwrap_or(compounds))
            .map(|(n, _)| EntryIndex::new(start.get() + n))
            .collect();
        let stemmed = (inflections && crate::content::stems::algorithm(lang).is_some()).then(|| lang.to_string());
        LanguageNames { names: names_of(entries, start), stemmed, compounds, compounding }
    }
}

/// Whether a name is an entry's title or one of its aliases: titles win over aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// The entry's title.
    Title,
    /// One of its aliases.
    Alias,
    /// An alias to avoid (deprecated or obsolete): wiki links find it, mentions are never linked.
    Avoided,
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

/// How the mention matcher is built: a full build scans every body and wants a fast scanner; a rebuild
/// after an edit scans a handful and wants the one that is quickest to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matcher {
    /// A contiguous NFA. It is only ever searched anchored, at the few words that may begin a name, where
    /// a DFA (tried before) was no faster and took longer to build and 100 MB more at 10,000 concepts.
    Fast,
    /// A non-contiguous NFA: quickest to build.
    QuickToBuild,
}

/// Names of one language.
#[derive(Debug)]
struct LanguageTerms {
    /// Matches lower-cased names in lower-cased text, longest first, anchored where a name may begin (see
    /// [`scan`]); built when the first body asks (a rebuild that renders no body of the language never
    /// builds it).
    automaton: OnceLock<Option<(AhoCorasick, scan::Starts)>>,
    /// How to build the automaton.
    matcher: Matcher,
    /// Every name folded, with its kind and entry, sorted.
    folded: Vec<Name>,
    /// The automaton's patterns, as positions in `folded`, sorted by name.
    patterns: Vec<usize>,
    /// Target of each automaton pattern.
    targets: Vec<EntryIndex>,
    /// Loose key (lower case, no diacritics, single spaces) → entries with that name.
    by_key: OnceLock<FxHashMap<String, Vec<(NameKind, EntryIndex)>>>,
    /// Every name as written, for "did you mean" suggestions.
    names: Vec<Name>,
    /// The stemmer of the language, when names are matched by stems too.
    algorithm: Option<Algorithm>,
    /// Whether an entry that says nothing about `compounds` is mentioned by compounds.
    compounds: bool,
    /// Entries mentioned by compounds ending in one of their one-word names, sorted.
    compounding: Vec<EntryIndex>,
    /// The names by stems, built when the first body asks.
    inflected: OnceLock<Option<Inflections>>,
    /// Abbreviations, matched in their own capitals only (see [`LanguageTerms::cased`]).
    cased: OnceLock<FxHashMap<Arc<str>, Vec<Arc<str>>>>,
}

/// Names of every language of a glossary. Cloning is cheap: languages are shared until one changes.
#[derive(Debug, Default, Clone)]
pub struct TermIndex {
    languages: Vec<Arc<LanguageTerms>>,
}

impl TermIndex {
    /// Indexes the names of each language (see [`names_of`]), one list per language.
    pub fn new(per_language: Vec<LanguageNames>, matcher: Matcher) -> Self {
        use rayon::prelude::*;
        let languages =
            per_language.into_par_iter().map(|names| Arc::new(LanguageTerms::new(names, matcher))).collect();
        TermIndex { languages }
    }

    /// Builds the matchers of the languages `langs` (the automaton and the names by stems) side by side,
    /// before bodies ask for them: built on first use, each would hold up every thread rendering a body of
    /// its language while one thread builds it (at 10,000 entries a language, about half a second each).
    pub fn prepare(&self, langs: &[LangPos]) {
        use rayon::prelude::*;
        let jobs: Vec<(&LanguageTerms, bool)> =
            langs.iter().flat_map(|&pos| [(&*self.languages[pos], true), (&*self.languages[pos], false)]).collect();
        jobs.par_iter().for_each(|&(terms, automaton)| {
            if automaton {
                terms.automaton();
            } else {
                terms.inflected();
            }
        });
    }

    /// Follows [`crate::link::Glossary::move_entry`] after a rename in the language at `lang_pos`: the moved
    /// entry's old names go, `own` (its names now) come, every other name keeps its place with its entry
    /// renumbered. Says which mentionable names changed (only names the entry had or has can).
    /// `names_changed` is false if its title and aliases are the same; `compounds` is its `compounds`.
    pub fn refresh(
        &mut self,
        lang_pos: LangPos,
        own: Vec<Name>,
        compounds: Option<bool>,
        reorder: &Reorder,
        names_changed: bool,
    ) -> NameChanges {
        let (from, to) = (reorder.from, reorder.to);
        let old = &self.languages[lang_pos];
        let names = own;
        let folded: Vec<Name> = names.iter().map(|(n, k, i)| (Arc::from(fold(n)), *k, *i)).collect();
        let mut candidates: Vec<Arc<str>> = old.folded.iter().filter(|f| f.2 == from).map(|f| f.0.clone()).collect();
        candidates.extend(folded.iter().map(|f| f.0.clone()));
        candidates.sort_unstable();
        candidates.dedup();
        let before: Vec<Option<EntryIndex>> =
            candidates.iter().map(|c| old.target_of(c).map(|t| reorder.map(t))).collect();
        // A new value of the language's names (the previous glossary keeps the old one); the lookups built
        // on first use are not copied, since they are built again for the new names anyway.
        let mut terms = LanguageTerms {
            automaton: OnceLock::new(),
            matcher: Matcher::QuickToBuild,
            folded: old.folded.clone(),
            patterns: Vec::new(),
            targets: Vec::new(),
            by_key: OnceLock::new(),
            names: old.names.clone(),
            algorithm: old.algorithm,
            compounds: old.compounds,
            compounding: old.compounding.iter().filter(|&&e| e != from).map(|&e| reorder.map(e)).collect(),
            inflected: OnceLock::new(),
            cased: OnceLock::new(),
        };
        let was_compounding = old.compounding.contains(&from);
        let compounding = compounds.unwrap_or(old.compounds);
        if compounding {
            let at = terms.compounding.partition_point(|&e| e < to);
            terms.compounding.insert(at, to);
        }
        // Renumbering keeps the order of the other entries, so both lists stay sorted.
        for list in [&mut terms.names, &mut terms.folded] {
            list.retain(|n| n.2 != from);
            list.iter_mut().for_each(|n| n.2 = reorder.map(n.2));
        }
        let at = terms.names.partition_point(|n| n.2 < to);
        terms.names.splice(at..at, names);
        for name in folded {
            let at = terms.folded.partition_point(|f| *f < name);
            terms.folded.insert(at, name);
        }
        // After a rename only the few bodies that mention a changed name are rendered again: the matcher is
        // one quick to build.
        (terms.patterns, terms.targets) = index_patterns(&terms.folded);
        let changed: Vec<&str> = candidates
            .iter()
            .zip(before)
            .filter(|(name, before)| {
                // A name that starts or stops ending compounds mentions other words now.
                terms.target_of(name) != *before || (was_compounding != compounding && !name.contains(' '))
            })
            .map(|(name, _)| &**name)
            .collect();
        let changes = NameChanges::new(&changed, names_changed, terms.algorithm);
        self.languages[lang_pos] = Arc::new(terms);
        changes
    }

    /// How the mentionable names of a language differ between this (older) index and `newer`; `map` takes
    /// an entry of the older glossary to the same entry in the newer one. `names_changed` says whether any
    /// title or alias of the language changed at all (wiki links also see names that are never mentioned).
    pub fn changes(
        &self,
        newer: &TermIndex,
        lang_pos: LangPos,
        map: impl Fn(EntryIndex) -> Option<EntryIndex>,
        names_changed: bool,
    ) -> NameChanges {
        changes::diff(&self.languages[lang_pos], &newer.languages[lang_pos], map, names_changed)
    }

    /// Names of two entries of a language that have the same stems, so that the inflected forms of
    /// neither are linked (or only the title's): folded name and entry of each.
    pub fn stem_collisions(&self, lang_pos: LangPos) -> &[inflected::Collision] {
        self.languages[lang_pos].inflected().map_or(&[], |inflected| &inflected.collisions)
    }

    /// Resolves a wiki-link target by title or alias: case and diacritics do not matter, and a simple plural
    /// ("embeddings") finds the singular.
    pub fn resolve(&self, lang_pos: LangPos, name: &str) -> Resolution {
        self.lookup(lang_pos, name).unwrap_or_else(|| {
            let names = self.languages[lang_pos].names.iter().map(|(n, _, _)| &**n);
            Resolution::Unknown(crate::diagnostics::closest(name, names).map(str::to_string))
        })
    }

    /// [`TermIndex::resolve`] without the suggestion for an unknown name (`None`), which compares the name
    /// with every name of the language: for callers that try several languages or need no suggestion.
    pub fn lookup(&self, lang_pos: LangPos, name: &str) -> Option<Resolution> {
        let terms = &self.languages[lang_pos];
        let key = loose_key(name);
        let mut candidates = vec![key.clone()];
        for suffix in ["s", "es", "en"] {
            if let Some(stem) = key.strip_suffix(suffix).filter(|s| s.len() >= 2) {
                candidates.push(stem.to_string());
            }
        }
        for candidate in candidates {
            if let Some(hits) = terms.by_key().get(&candidate) {
                let best = hits.iter().map(|(kind, _)| *kind).min().unwrap_or(NameKind::Alias);
                let mut targets: Vec<EntryIndex> =
                    hits.iter().filter(|(kind, _)| *kind == best).map(|(_, e)| *e).collect();
                targets.sort_unstable();
                targets.dedup();
                return Some(match targets.as_slice() {
                    [one] => Resolution::Found(*one),
                    _ => Resolution::Ambiguous(targets),
                });
            }
        }
        // An inflected form of a name: "neurale netwerken" finds "neuraal netwerk".
        terms.inflected().and_then(|inflected| inflected.lookup(&fold(name))).map(Resolution::Found)
    }

    /// Mentions of other concepts' names in `text`: `(start, end, entry)` byte ranges of whole-word,
    /// case-insensitive matches, leftmost-longest, in order.
    pub fn mentions(&self, lang_pos: LangPos, text: &str) -> Vec<(usize, usize, EntryIndex)> {
        let terms = &self.languages[lang_pos];
        let Some((automaton, starts)) = terms.automaton() else { return Vec::new() };
        let inflected = terms.inflected();
        let candidates =
            match scan::look(text, starts, |word, ascii| inflected.is_some_and(|i| i.may_start(word, ascii))) {
                scan::Look::Nothing => return Vec::new(),
                scan::Look::At(candidates) => candidates,
                scan::Look::Anywhere => return terms.mentions_anywhere(automaton, starts, text),
            };
        // Nothing before the first candidate begins a name, and it follows no letter: the rest is looked at
        // alone, and where it keeps its bytes when folded (nearly always), only at the candidates.
        let from = candidates[0].start;
        let tail = &text[from..];
        let Some(folded) = scan::fold_in_place(tail) else { return terms.mentions_anywhere(automaton, starts, text) };
        let mut exact = Vec::new();
        let mut free = 0;
        for candidate in candidates.iter().filter(|c| c.exact) {
            if candidate.start - from < free {
                continue;
            }
            if let Some(m) = scan::find_at(automaton, &folded, candidate.start - from) {
                free = m.1;
                exact.push(m);
            }
        }
        let exact = terms.whole_words(tail, exact.into_iter());
        let found = match inflected {
            Some(inflected) => {
                let at: Vec<usize> = candidates.iter().filter(|c| c.stems).map(|c| c.start - from).collect();
                merge(exact, inflected.mentions_at(tail, &at))
            }
            None => exact,
        };
        let mut found = with_possessives(tail, found);
        for (start, end, _) in &mut found {
            (*start, *end) = (*start + from, *end + from);
        }
        found
    }
}

#[cfg(test)]
impl TermIndex {
    /// Same names, mentions and targets in every language (however the matchers are built).
    pub(crate) fn same_as(&self, other: &TermIndex) -> bool {
        let key = |t: &Arc<LanguageTerms>| {
            (t.names.clone(), t.folded.clone(), t.patterns.clone(), t.targets.clone(), t.compounding.clone())
        };
        self.languages.iter().map(key).eq(other.languages.iter().map(key))
    }
}

/// Whether a name is an abbreviation: one word with two capitals or more ("GPU", "MoE", "LoRA"). Such a
/// name is a mention only in its own capitals ("MOE" and "moe" are other words).
fn is_abbreviation(name: &str) -> bool {
    !name.contains(char::is_whitespace) && name.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// Extends each mention over a possessive `'s` that follows it ("the model's"; Dutch "GPU's").
fn with_possessives(text: &str, mut found: Vec<(usize, usize, EntryIndex)>) -> Vec<(usize, usize, EntryIndex)> {
    for (_, end, _) in &mut found {
        for mark in ["'s", "\u{2019}s"] {
            if text[*end..].starts_with(mark)
                && !text[*end + mark.len()..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                *end += mark.len();
            }
        }
    }
    found
}

/// Mentions found as written and by stems, leftmost first and then longest, as one list that does not
/// overlap; of two that cover the same words, the one written exactly wins.
fn merge(
    exact: Vec<(usize, usize, EntryIndex)>,
    inflected: Vec<(usize, usize, EntryIndex, Found)>,
) -> Vec<(usize, usize, EntryIndex)> {
    if inflected.is_empty() {
        return exact;
    }
    let mut all: Vec<(usize, usize, EntryIndex, Found)> =
        exact.into_iter().map(|(s, e, t)| (s, e, t, Found::Exactly)).chain(inflected).collect();
    all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.3.cmp(&b.3)));
    let mut out: Vec<(usize, usize, EntryIndex)> = Vec::with_capacity(all.len());
    for (start, end, target, _) in all {
        if out.last().is_none_or(|last| last.1 <= start) {
            out.push((start, end, target));
        }
    }
    out
}

/// The mentionable names among `folded` (sorted): positions of the patterns and their targets. A name two
/// concepts share is left out unless exactly one of them has it as title.
fn index_patterns(folded: &[Name]) -> (Vec<usize>, Vec<EntryIndex>) {
    let mut patterns = Vec::new();
    let mut targets = Vec::new();
    let mut at = 0;
    for same in folded.chunk_by(|a, b| a.0 == b.0) {
        let (name, best, first) = &same[0];
        if name.chars().count() >= 2 && *best != NameKind::Avoided {
            // Sorted by kind within a name: the best kind comes first.
            let mut hits = same.iter().take_while(|(_, kind, _)| kind == best).map(|(_, _, target)| *target);
            let target = hits.next().unwrap_or(*first);
            if hits.all(|t| t == target) {
                patterns.push(at);
                targets.push(target);
            }
        }
        at += same.len();
    }
    (patterns, targets)
}

impl LanguageTerms {
    fn new(language: LanguageNames, matcher: Matcher) -> Self {
        let LanguageNames { names, stemmed, compounds, compounding } = language;
        // Folded name → target, sorted by name; a name two concepts share is left out unless exactly one of
        // them has it as title.
        let mut folded: Vec<Name> =
            names.iter().map(|(name, kind, index)| (Arc::from(fold(name)), *kind, *index)).collect();
        folded.sort_unstable();
        let (patterns, targets) = index_patterns(&folded);
        LanguageTerms {
            automaton: OnceLock::new(),
            matcher,
            folded,
            patterns,
            targets,
            by_key: OnceLock::new(),
            names,
            algorithm: stemmed.as_deref().and_then(crate::content::stems::algorithm),
            compounds,
            compounding,
            inflected: OnceLock::new(),
            cased: OnceLock::new(),
        }
    }

    /// [`TermIndex::mentions`] of text the quick look cannot tell about: the automaton tried wherever a word
    /// may begin.
    fn mentions_anywhere(&self, automaton: &AhoCorasick, starts: &scan::Starts, text: &str) -> Vec<Mention> {
        // Most text keeps every byte where it was when folded, and needs no offset table.
        let (folded, offsets) = match scan::fold_in_place(text) {
            Some(folded) => (folded, Vec::new()),
            None => fold_case(text),
        };
        let at = |i: usize| if offsets.is_empty() { i } else { offsets[i] };
        let matches = scan::find(automaton, starts, text, &folded, &offsets).into_iter();
        let found = self.whole_words(text, matches.map(|(start, end, pattern)| (at(start), at(end), pattern)));
        let found = match self.inflected() {
            Some(inflected) => merge(found, inflected.mentions(text)),
            None => found,
        };
        with_possessives(text, found)
    }

    /// The names found in `text` (`(start, end, pattern)`, in its bytes) that are mentions: whole words,
    /// and abbreviations in their own capitals.
    fn whole_words(&self, text: &str, matches: impl Iterator<Item = (usize, usize, usize)>) -> Vec<Mention> {
        let mut found = Vec::new();
        for (start, end, pattern) in matches {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            // A match must start and end on a character boundary of the original text and be a whole word.
            // In text written without spaces (Chinese, Japanese) a word ends wherever such a character meets
            // another: there, the edge of a name is a boundary.
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                continue;
            }
            let unspaced = |c: Option<char>| c.is_some_and(crate::collate::is_unspaced);
            let (first, last) = (text[start..end].chars().next(), text[start..end].chars().next_back());
            let open_before = !is_word(before) || unspaced(before) || unspaced(first);
            let open_after = !is_word(after) || unspaced(after) || unspaced(last);
            if !open_before || !open_after {
                continue;
            }
            if let Some(forms) = self.cased().get(&*self.folded[self.patterns[pattern]].0)
                && !forms.iter().any(|form| **form == text[start..end])
            {
                continue;
            }
            found.push((start, end, self.targets[pattern]));
        }
        found
    }

    /// Folded names that are mentions only as written, because every name so folded is an abbreviation
    /// ([`is_abbreviation`]) → the ways they are written.
    fn cased(&self) -> &FxHashMap<Arc<str>, Vec<Arc<str>>> {
        self.cased.get_or_init(|| {
            let mut cased: FxHashMap<Arc<str>, Vec<Arc<str>>> = FxHashMap::default();
            let mut plain: Vec<Arc<str>> = Vec::new();
            for (name, _, _) in &self.names {
                let folded: Arc<str> = Arc::from(fold(name));
                if is_abbreviation(name) {
                    cased.entry(folded).or_default().push(name.clone());
                } else {
                    plain.push(folded);
                }
            }
            for folded in plain {
                cased.remove(&folded);
            }
            cased
        })
    }

    /// The mentionable names by their stems, if the language matches them so; built when first needed.
    fn inflected(&self) -> Option<&Inflections> {
        self.inflected
            .get_or_init(|| {
                let algorithm = self.algorithm?;
                let patterns = self.patterns.iter().zip(&self.targets).map(|(&at, &target)| {
                    let (name, kind, _) = &self.folded[at];
                    (&**name, *kind, target)
                });
                // Abbreviations ("GPU"), whose plurals ("GPUs") are mentions too.
                let acronyms = self
                    .names
                    .iter()
                    .filter(|(name, kind, _)| *kind != NameKind::Avoided && is_abbreviation(name))
                    .filter_map(|(name, _, _)| Some((Box::from(&**name), self.target_of(&fold(name))?)))
                    .collect();
                Some(Inflections::new(algorithm, patterns, &self.compounding, acronyms))
            })
            .as_ref()
    }

    /// The name of pattern `i`, if there is one.
    fn pattern(&self, i: usize) -> Option<&str> {
        self.patterns.get(i).map(|&at| &*self.folded[at].0)
    }

    /// The entry a folded name leads to as a mention, if it does.
    fn target_of(&self, name: &str) -> Option<EntryIndex> {
        let found = self.patterns.binary_search_by(|&at| (*self.folded[at].0).cmp(name));
        found.ok().map(|i| self.targets[i])
    }

    fn automaton(&self) -> Option<&(AhoCorasick, scan::Starts)> {
        self.automaton
            .get_or_init(|| {
                if self.patterns.is_empty() {
                    return None;
                }
                let names = || self.patterns.iter().map(|&at| &*self.folded[at].0);
                // Only anchored searches: no failure transitions to build.
                let automaton = AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .kind(Some(match self.matcher {
                        Matcher::Fast => AhoCorasickKind::ContiguousNFA,
                        Matcher::QuickToBuild => AhoCorasickKind::NoncontiguousNFA,
                    }))
                    .build(names())
                    .ok()?;
                Some((automaton, scan::Starts::new(names())))
            })
            .as_ref()
    }

    /// Loose key → entries with that name, built the first time a wiki link asks.
    fn by_key(&self) -> &FxHashMap<String, Vec<(NameKind, EntryIndex)>> {
        self.by_key.get_or_init(|| {
            let mut by_key: FxHashMap<String, Vec<(NameKind, EntryIndex)>> = FxHashMap::default();
            for (name, kind, index) in &self.names {
                by_key.entry(loose_key(name)).or_default().push((*kind, *index));
            }
            by_key
        })
    }
}
