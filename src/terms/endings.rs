//! How a language inflects the words of a name, for [`super::inflected`]: which words of a text are forms of
//! a name's word ("modellen" of "model", "neurale" of "neuraal", "probabilities" of "probability"), the
//! words a text's word may be a form of, and the forms of a name's word.

use std::borrow::Cow;

use rust_stemmers::Algorithm;

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
pub(super) fn bases<'w>(endings: &Endings, word: &'w str) -> Vec<Cow<'w, str>> {
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
pub(super) fn forms(endings: &Endings, name: &str) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
