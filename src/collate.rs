//! Alphabetical order as readers expect it, not byte order.
//!
//! Titles are compared with ICU4X's root collation and "shifted" alternate handling, so spaces and
//! punctuation do not decide the order ("Open-Source AI" < "Open Weights vs Open Source AI" < "Overfitting")
//! and accented letters sort with their base letter ("Ēen" with E, not after Z). CLDR has no Dutch tailoring,
//! so English and Dutch sort alike; IJ files under I.

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
    fn initials_ignore_diacritics() {
        assert_eq!(TitleCollator::initial("Ēen"), 'E');
        assert_eq!(TitleCollator::initial("IJsselmeer"), 'I');
        assert_eq!(TitleCollator::initial("3D model"), '#');
        assert_eq!(TitleCollator::initial("\"Quoted\""), 'Q');
    }
}
