//! What a change of a language's names can affect: which bodies must be rendered again after an edit
//! renames, adds or removes a concept (see [`NameChanges`]).

use aho_corasick::AhoCorasick;
use rust_stemmers::Algorithm;

use crate::content::stems::WordStems;

use super::{BodyWords, LanguageTerms, fold};
use crate::types::EntryIndex;

/// Names of one language that appeared, disappeared or lead to another entry between `a` (older) and `b`,
/// and the one-word names of entries that started or stopped being mentioned by compounds.
pub(super) fn diff(
    a: &LanguageTerms,
    b: &LanguageTerms,
    map: impl Fn(EntryIndex) -> Option<EntryIndex>,
    names_changed: bool,
) -> NameChanges {
    // Both pattern lists are sorted: walk them side by side and keep the names that appeared,
    // disappeared or now lead to another entry.
    let mut changed: Vec<&str> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.patterns.len() || j < b.patterns.len() {
        match (a.pattern(i), b.pattern(j)) {
            (Some(x), Some(y)) if x == y => {
                if map(a.targets[i]) != Some(b.targets[j]) {
                    changed.push(x);
                }
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                changed.push(x);
                i += 1;
            }
            (Some(x), None) => {
                changed.push(x);
                i += 1;
            }
            (_, Some(y)) => {
                changed.push(y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    let toggled: Vec<EntryIndex> = {
        let mut was: Vec<EntryIndex> = a.compounding.iter().filter_map(|&e| map(e)).collect();
        was.sort_unstable();
        let mut toggled: Vec<EntryIndex> =
            b.compounding.iter().filter(|e| was.binary_search(e).is_err()).copied().collect();
        toggled.extend(was.iter().filter(|e| b.compounding.binary_search(e).is_err()));
        toggled
    };
    if !toggled.is_empty() {
        let one_word = b.patterns.iter().zip(&b.targets).filter(|(_, t)| toggled.contains(t));
        changed.extend(one_word.map(|(&at, _)| &*b.folded[at].0).filter(|name| !name.contains(' ')));
    }
    let mut changes = NameChanges::new(&changed, names_changed, b.algorithm);
    // Where a changed name has the stems of another entry's name, neither is linked by stems, and the
    // other's forms need not be the changed name's: such bodies are found by the looser test alone.
    if let Some(algorithm) = b.algorithm.filter(|_| changes.inflections.is_some()) {
        let stemmer = WordStems::new(algorithm);
        let key = |name: &str| super::inflected::name_stems(&stemmer, name).map(|stems| stems.join(" "));
        let shared: Vec<String> = [a, b]
            .iter()
            .filter_map(|terms| terms.inflected())
            .flat_map(|inflected| inflected.collisions.iter().filter_map(|c| key(&c.name.0)))
            .collect();
        if changed.iter().filter_map(|name| key(name)).any(|k| shared.contains(&k)) {
            changes.inflections = None;
        }
    }
    changes
}

/// What a change of a language's names can affect, to tell which bodies must be rendered again: a body
/// whose Markdown cannot contain a changed name links exactly as before.
#[derive(Debug)]
pub struct NameChanges {
    /// Finds the changed names in folded text; `None` when no mentionable name changed.
    probe: Option<AhoCorasick>,
    /// A cheap first look at the unfolded source: the longest word of each changed name, ignoring ASCII
    /// case. Only sources it finds are folded and probed. `None` when a word is not ASCII.
    words: Option<AhoCorasick>,
    /// For each changed name, its runs of ASCII letters and digits (three or more): a body whose
    /// [`BodyWords`] lack one run of every name cannot mention any. `None` when some name has no such run.
    keys: Option<Vec<Vec<String>>>,
    /// A changed name contains ASCII punctuation, which a backslash escape in the source can produce.
    punctuated: bool,
    /// Some name changed in a way the source text cannot show (typographic punctuation, symbols).
    everything: bool,
    /// Some title or alias changed, so wiki links may resolve differently.
    names_changed: bool,
    /// For each changed name matched in inflected forms (or as the end of a compound), the start its
    /// longest word keeps in every form: a body without one of them (ignoring ASCII case, after folding)
    /// has no such form.
    inflected: Option<AhoCorasick>,
    /// Every start in `inflected` is ASCII: then folding finds one where the source does not (ignoring
    /// ASCII case) only if the source holds a character that lower-cases to ASCII letters.
    ascii_starts: bool,
    /// The changed names by stems, as one entry's (so that no two of them collide) that compounds may end
    /// in: a body whose source holds one of the `inflected` starts is rendered again only if these find a
    /// mention in it. They find every mention the site's index could (a mention is words of one text, and
    /// its words are in the source as they are shown, escapes aside), and some more.
    inflections: Option<super::inflected::Inflections>,
}

impl NameChanges {
    /// No name changed.
    pub fn none() -> Self {
        NameChanges::new(&[], false, None)
    }

    /// The changes of names `changed` (folded); `stemming` is the language's stemmer, if names are also
    /// matched in inflected forms and compounds.
    pub(super) fn new(changed: &[&str], names_changed: bool, stemming: Option<Algorithm>) -> Self {
        // Smart punctuation and entities turn source text into characters the source does not hold; names
        // with such characters cannot be looked for in the source, so everything is rendered again.
        let everything = changed.iter().any(|n| n.chars().any(|c| !c.is_alphanumeric() && !c.is_ascii()));
        let punctuated = changed.iter().any(|n| n.bytes().any(|b| b.is_ascii_punctuation()));
        let probe = if changed.is_empty() || everything { None } else { AhoCorasick::new(changed).ok() };
        let everything = everything || (!changed.is_empty() && probe.is_none());
        let longest_words: Option<Vec<&str>> = changed
            .iter()
            .map(|name| name.split(' ').max_by_key(|w| w.len()).filter(|w| !w.is_empty() && w.is_ascii()))
            .collect();
        let words = longest_words
            .filter(|w| !w.is_empty())
            .and_then(|w| AhoCorasick::builder().ascii_case_insensitive(true).build(w).ok());
        // A mention's runs of letters and digits are runs in the source too: folding changes only case and
        // hyphens (which end runs), and a mention ends at a word boundary.
        let keys = changed
            .iter()
            .map(|name| {
                let runs = name.split(|c: char| !c.is_alphanumeric()).filter(|r| r.len() >= 3 && r.is_ascii());
                let runs: Vec<String> = runs.map(str::to_string).collect();
                (!runs.is_empty()).then_some(runs)
            })
            .collect();
        let (inflected, unseen, ascii_starts) = match stemming {
            Some(algorithm) => inflected_probe(changed, algorithm),
            None => (None, false, true),
        };
        let everything = everything || unseen;
        let inflections = stemming.filter(|_| inflected.is_some()).map(|algorithm| {
            let one = EntryIndex::new(0);
            let names = changed.iter().map(|&name| (name, super::NameKind::Title, one));
            super::inflected::Inflections::new(algorithm, names, &[one], Default::default())
        });
        NameChanges { probe, words, keys, punctuated, everything, names_changed, inflected, ascii_starts, inflections }
    }

    /// True if nothing changed that a body could show.
    pub fn is_empty(&self) -> bool {
        !self.everything && !self.names_changed && self.probe.is_none()
    }

    /// True if a body with this Markdown source (digested in `digest`) could link differently now.
    pub fn may_affect(&self, source: &str, digest: &BodyWords) -> bool {
        if self.everything || (self.names_changed && digest.wiki_link) {
            return true;
        }
        let Some(probe) = &self.probe else { return false };
        if digest.entity || (self.punctuated && digest.backslash) {
            return true;
        }
        if let Some(starts) = &self.inflected {
            // Folding changes only case and hyphens (which no start holds): it can show an ASCII start the
            // source does not hold only through the two characters that lower-case to ASCII letters.
            let folded_hit =
                || !source.is_ascii() && (digest.odd_case || !self.ascii_starts) && starts.is_match(&fold(source));
            // A backslash may escape what joins two words of a name ("neural\-network").
            match self.inflections.as_ref().filter(|_| !digest.backslash) {
                None if starts.is_match(source) || folded_hit() => return true,
                None => {}
                // A mention never spans lines: only the lines holding a start are looked at.
                Some(names)
                    if lines_with(starts, source).any(|line| !names.mentions(line).is_empty())
                        || (folded_hit() && !names.mentions(source).is_empty()) =>
                {
                    return true;
                }
                Some(_) => {}
            }
        }
        if let Some(keys) = self.keys.as_ref().filter(|_| !digest.odd_case)
            // A name in capitals is a mention in its plural too ("GPUs").
            && !keys.iter().any(|runs| runs.iter().all(|r| digest.may_contain(r) || digest.may_contain(&format!("{r}s"))))
        {
            return false;
        }
        // Two characters lower-case to ASCII letters: the Kelvin sign and the dotted capital I. Without
        // them, a name occurs in the folded source only if its longest word occurs, in any ASCII case, in
        // the source itself (folding maps only case and hyphens, which are not in words); and a mention
        // never spans lines (line breaks end text). So only the lines holding such a word are folded.
        let Some(words) = self.words.as_ref().filter(|_| !digest.odd_case) else {
            return probe.is_match(&fold(source));
        };
        lines_with(words, source).any(|line| probe.is_match(&fold(line)))
    }
}

/// The lines of `source` that hold a match of `matcher`, each once, in order.
fn lines_with<'s>(matcher: &'s AhoCorasick, source: &'s str) -> impl Iterator<Item = &'s str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + matcher.find(source.get(from..)?)?.start();
        let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        from = end;
        Some(&source[start..end])
    })
}

/// What to look for in a body that may mention one of `changed` (folded names) in an inflected form or as
/// the end of a compound: the start of each name's longest word that every form keeps. The first flag is
/// true if some name cannot be looked for so, the second if every start is ASCII.
fn inflected_probe(changed: &[&str], algorithm: Algorithm) -> (Option<AhoCorasick>, bool, bool) {
    let stemmer = WordStems::new(algorithm);
    let endings = super::endings::endings_of(algorithm);
    let mut starts = Vec::new();
    let mut unseen = false;
    for name in changed {
        if super::inflected::name_stems(&stemmer, name).is_none() {
            continue;
        }
        let longest = name.split(' ').max_by_key(|w| w.chars().count()).unwrap_or_default();
        let start = super::endings::fixed_start(endings, longest);
        if start.chars().count() >= 3 {
            starts.push(start.to_string());
        } else {
            unseen = true;
        }
    }
    let ascii = starts.iter().all(|s| s.is_ascii());
    let starts =
        if starts.is_empty() { None } else { AhoCorasick::builder().ascii_case_insensitive(true).build(&starts).ok() };
    (starts, unseen, ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_changes_affect_only_sources_that_could_mention_them() {
        let affects = |changes: &NameChanges, source: &str| changes.may_affect(source, &BodyWords::of(source));
        let changes = NameChanges::new(&["neural network"], true, None);
        assert!(affects(&changes, "A Neural-Network learns."));
        assert!(affects(&changes, "first line\nthe NEURAL NETWORK here"));
        assert!(!affects(&changes, "A neural\nnetwork split over two lines."));
        assert!(!affects(&changes, "Networks of neurons, nothing else."));
        assert!(!affects(&changes, "A network, and elsewhere something neural."), "both words, not the name");
        assert!(affects(&changes, "An entity &eacute; could spell anything."), "entities are decoded");
        assert!(affects(&changes, "See [[Anything]]."), "wiki links resolve by name");
        assert!(!affects(&NameChanges::new(&["neural network"], false, None), "See [[Anything]]."));
        assert!(!affects(&NameChanges::new(&[], false, None), "neural network"), "nothing changed");
        // Smart punctuation makes ’ out of ': such names are looked for everywhere.
        assert!(affects(&NameChanges::new(&["occam’s razor"], false, None), "unrelated text"));
        // Backslash escapes make ASCII punctuation.
        let dotted = NameChanges::new(&["node.js"], false, None);
        assert!(affects(&dotted, "node\\.js"));
        assert!(!affects(&dotted, "node js"));
        // Names without a run of three ASCII letters or digits are looked for line by line.
        assert!(affects(&NameChanges::new(&["ai"], false, None), "Open AI models"));
    }

    #[test]
    fn names_matched_by_stems_affect_bodies_with_their_inflected_forms() {
        let affects = |changes: &NameChanges, source: &str| changes.may_affect(source, &BodyWords::of(source));
        let dutch = Some(Algorithm::Dutch);
        let changes = NameChanges::new(&["neuraal netwerk"], false, dutch);
        assert!(affects(&changes, "Twee neurale netwerken."));
        assert!(!affects(&changes, "Zenuwnetwerken."), "compounds end in one-word names only");
        assert!(affects(&NameChanges::new(&["netwerk"], false, dutch), "Zenuwnetwerken."), "a compound");
        assert!(!affects(&changes, "Iets anders."));
        let english = NameChanges::new(&["spectral retriever"], false, Some(Algorithm::English));
        assert!(affects(&english, "Two Spectral Retrievers."));
        assert!(!affects(&english, "A retriever of spectral lines."), "the longest word alone is no mention");
        assert!(affects(&english, "A retriever.\nThen two spectral retrievers."), "on another line");
        assert!(!affects(&english, "Spectral\nretrievers, over two lines."));
        assert!(affects(&english, "Two spectral\\-retrievers."), "escapes are not looked through");
        let layer = NameChanges::new(&["laag"], false, dutch);
        assert!(affects(&layer, "Drie lagen."), "the vowel written once");
        // Folding shows what ASCII case alone does not: capitals outside ASCII, and the Kelvin sign.
        let over = NameChanges::new(&["überlaag"], false, dutch);
        assert!(affects(&over, "Twee Überlagen."));
        assert!(!affects(&over, "Over samenwerking, één keer."));
        let channel = NameChanges::new(&["kanaal"], false, dutch);
        assert!(affects(&channel, "Twee \u{212A}analen."));
        assert!(!affects(&channel, "Twee tanden, één kies."));
        assert!(!affects(&NameChanges::new(&["gpu"], false, None), "Geen grafische kaart."));
        assert!(affects(&NameChanges::new(&["gpu"], false, None), "Twee GPUs."), "the plural of an abbreviation");
    }
}
