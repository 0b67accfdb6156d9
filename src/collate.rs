//! Alphabetical order as readers expect it, not byte order.
//!
//! Titles are compared with ICU4X's collation for the title's language and "shifted" alternate handling, so
//! spaces and punctuation do not decide the order ("Open-Source AI" < "Open Weights vs Open Source AI" <
//! "Overfitting") and accented letters sort with their base letter ("Ēen" with E, not after Z). A language
//! with a CLDR tailoring gets it (Swedish puts Ö after Z, Chinese sorts by pinyin); CLDR has none for Dutch,
//! so English and Dutch sort alike; IJ files under I.
//!
//! [`index_label`] says which group of an A–Z index a title files under, in any script.

use std::cmp::Ordering;

use icu_collator::options::{AlternateHandling, CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};

/// Compares titles; build it once per build and share it (it is `Sync`).
pub struct TitleCollator {
    collator: CollatorBorrowed<'static>,
}

impl TitleCollator {
    /// The collator for every language of the site (they share the root order).
    pub fn new() -> Self {
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Tertiary);
        options.alternate_handling = Some(AlternateHandling::Shifted);
        let collator =
            Collator::try_new(Default::default(), options).expect("the root collation is compiled into icu_collator");
        TitleCollator { collator }
    }

    /// The collator shared by the whole process (it is immutable and `Sync`).
    pub fn shared() -> &'static TitleCollator {
        static SHARED: std::sync::LazyLock<TitleCollator> = std::sync::LazyLock::new(TitleCollator::new);
        &SHARED
    }

    /// The collator for titles in the language `code` (its CLDR tailoring, else the root order), made once
    /// per language and process.
    pub fn for_language(code: &str) -> std::sync::Arc<TitleCollator> {
        use std::collections::HashMap;
        use std::sync::{Arc, LazyLock, RwLock};
        static BY_LANGUAGE: LazyLock<RwLock<HashMap<String, Arc<TitleCollator>>>> = LazyLock::new(Default::default);
        if let Some(found) = BY_LANGUAGE.read().ok().and_then(|m| m.get(code).cloned()) {
            return found;
        }
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Tertiary);
        options.alternate_handling = Some(AlternateHandling::Shifted);
        let made = code
            .parse::<icu_locale_core::Locale>()
            .ok()
            .and_then(|locale| Collator::try_new((&locale).into(), options).ok())
            .map_or_else(TitleCollator::new, |collator| TitleCollator { collator });
        let made = Arc::new(made);
        if let Ok(mut map) = BY_LANGUAGE.write() {
            map.insert(code.to_string(), made.clone());
        }
        made
    }

    /// A byte string that sorts like the title: comparing two sort keys gives the same order as
    /// [`TitleCollator::compare`] up to its byte-order tie-break, at the cost of one memcmp.
    pub fn sort_key(&self, title: &str) -> Vec<u8> {
        let mut key = Vec::with_capacity(title.len() * 3);
        let _ = self.collator.write_sort_key_to(title, &mut key);
        key
    }

    /// Compares two titles; equal titles fall back to byte order so the result is a total order.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b).then_with(|| a.cmp(b))
    }

    /// The letter a title files under in an A–Z index: its first letter without diacritics, upper-cased,
    /// or `#` for titles that start with a digit or symbol.
    pub fn initial(title: &str) -> char {
        title
            .chars()
            .find(|c| c.is_alphanumeric())
            .and_then(|c| deunicode::deunicode_char(c).and_then(|s| s.chars().next()))
            .filter(|c| c.is_ascii_alphabetic())
            .map_or('#', |c| c.to_ascii_uppercase())
    }
}

/// The group of an A–Z index a title files under: for Latin letters the base letter upper-cased (`Ē` → `E`);
/// for other cased scripts (Greek, Cyrillic, …) the first letter without its accents, upper-cased (`ά` →
/// `Α`); for Hangul the syllable's initial consonant (`한` → `ㅎ`); for other scripts (Han, kana, …) the
/// first grapheme; `#` for a title that starts with a digit or has no letter.
pub fn index_label(title: &str) -> String {
    use icu_properties::props::Script;
    let Some((at, c)) = title.char_indices().find(|(_, c)| c.is_alphanumeric()) else { return "#".to_string() };
    if c.is_numeric() {
        return "#".to_string();
    }
    let script = icu_properties::CodePointMapData::<Script>::new().get(c);
    if script == Script::Latin || c.is_ascii_alphabetic() {
        return TitleCollator::initial(title).to_string();
    }
    if script == Script::Hangul
        && let Some(initial) = hangul_initial(c)
    {
        return initial.to_string();
    }
    if c.is_lowercase() || c.is_uppercase() {
        let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd().normalize(&title[at..at + c.len_utf8()]);
        let base = nfd.chars().next().unwrap_or(c);
        return base.to_uppercase().collect();
    }
    // The first grapheme: the letter and the marks that extend it.
    let extends = icu_properties::CodePointSetData::new::<icu_properties::props::GraphemeExtend>();
    let rest = &title[at..];
    let end = rest.char_indices().skip(1).find(|(_, c)| !extends.contains(*c)).map_or(rest.len(), |(i, _)| i);
    rest[..end].to_string()
}

/// True for a character of a script written without spaces between words (Han, hiragana, katakana): such
/// text is searched by character pairs and names are found in it without word boundaries.
pub fn is_unspaced(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F
        | 0x20000..=0x3134F)
}

/// The initial consonant of a precomposed Hangul syllable, as the letter readers know (a compatibility jamo).
fn hangul_initial(c: char) -> Option<char> {
    const INITIALS: [char; 19] = [
        'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ',
        'ㅎ',
    ];
    let index = u32::from(c).checked_sub(0xAC00).filter(|&i| i < 11172)?;
    INITIALS.get((index / 588) as usize).copied()
}

impl Default for TitleCollator {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(titles: &[&str]) -> Vec<String> {
        let c = TitleCollator::new();
        let mut v: Vec<String> = titles.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| c.compare(a, b));
        v
    }

    #[test]
    fn punctuation_and_spaces_are_ignorable() {
        assert_eq!(
            sorted(&["Overfitting", "Open Weights vs Open Source AI", "Open-Source AI"]),
            ["Open-Source AI", "Open Weights vs Open Source AI", "Overfitting"]
        );
    }

    #[test]
    fn accented_letters_sort_with_their_base_letter() {
        assert_eq!(sorted(&["Zebra", "Ēen", "Dag", "Fout"]), ["Dag", "Ēen", "Fout", "Zebra"]);
        assert_eq!(sorted(&["beta", "Alpha", "ÄB"]), ["ÄB", "Alpha", "beta"]);
    }

    #[test]
    fn sort_keys_order_like_compare() {
        let c = TitleCollator::new();
        let titles = ["Overfitting", "Open Weights vs Open Source AI", "Open-Source AI", "Ēen", "Zebra", "ÄB", "Alpha"];
        let mut by_key: Vec<&str> = titles.to_vec();
        by_key.sort_by(|a, b| c.sort_key(a).cmp(&c.sort_key(b)).then_with(|| a.cmp(b)));
        let mut by_compare: Vec<&str> = titles.to_vec();
        by_compare.sort_by(|a, b| c.compare(a, b));
        assert_eq!(by_key, by_compare);
    }

    #[test]
    fn a_language_gets_its_own_order() {
        fn sorted_in<'a>(lang: &str, titles: &[&'a str]) -> Vec<&'a str> {
            let c = TitleCollator::for_language(lang);
            let mut v: Vec<&str> = titles.to_vec();
            v.sort_by(|a, b| c.compare(a, b));
            v
        }
        assert_eq!(sorted_in("sv", &["Ödla", "Zebra", "Apa"]), ["Apa", "Zebra", "Ödla"]);
        assert_eq!(sorted_in("nl", &["Ödla", "Zebra", "Apa"]), ["Apa", "Ödla", "Zebra"]);
        // Pinyin: jī, mó, shén, shù.
        assert_eq!(
            sorted_in("zh", &["数据", "机器学习", "神经网络", "模型"]),
            ["机器学习", "模型", "神经网络", "数据"]
        );
    }

    #[test]
    fn index_labels_follow_the_script() {
        assert_eq!(index_label("Ēen"), "E");
        assert_eq!(index_label("ίριδα"), "Ι");
        assert_eq!(index_label("Άλφα"), "Α");
        assert_eq!(index_label("ёжик"), "Е");
        assert_eq!(index_label("한국어"), "ㅎ");
        assert_eq!(index_label("모델"), "ㅁ");
        assert_eq!(index_label("机器学习"), "机");
        assert_eq!(index_label("トークン"), "ト");
        assert_eq!(index_label("3D model"), "#");
        assert_eq!(index_label("…"), "#");
    }

    #[test]
    fn initials_ignore_diacritics() {
        assert_eq!(TitleCollator::initial("Ēen"), 'E');
        assert_eq!(TitleCollator::initial("IJsselmeer"), 'I');
        assert_eq!(TitleCollator::initial("3D model"), '#');
        assert_eq!(TitleCollator::initial("\"Quoted\""), 'Q');
    }
}
