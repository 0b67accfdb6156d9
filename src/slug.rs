//! Concept ids and URL slugs: the two names a concept has outside its title.
//!
//! Both become parts of file paths in the output, so both are checked once, when content is loaded, and
//! carried as newtypes afterwards: a [`ConceptId`] or [`Slug`] that exists can never contain `..`, a path
//! separator, a control character or a Windows device name.

use std::fmt;

use serde::Serialize;

/// Names Windows refuses as file or folder names, whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why an id or slug was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// Nothing left after slugging (e.g. only punctuation).
    #[error("`{0}` is empty once reduced to letters and digits")]
    Empty(String),
    /// Contains a character that could escape the output folder or confuse a file system.
    #[error("`{0}` contains `..`, a path separator, a control character or a leading dot")]
    Unsafe(String),
    /// A device name on Windows, which cannot be a folder there.
    #[error("`{0}` is a reserved file name on Windows")]
    Reserved(String),
    /// Longer than a file system allows a folder name to be.
    #[error("its URL slug would be {0} bytes, more than the {MAX_SEGMENT} a folder name may have")]
    TooLong(usize),
}

/// The longest name of a file or folder most file systems allow (ext4, APFS, NTFS: 255 bytes).
pub const MAX_SEGMENT: usize = 255;

/// The identity of a concept: the file stem shared by its entries in every language. Shared text, so the
/// many indexes keyed by concept copy it for the price of a reference count.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ConceptId(std::sync::Arc<str>);

impl ConceptId {
    /// Checks a file stem (or a reference to one) and accepts it if it is safe to use in paths.
    pub fn parse(raw: &str) -> Result<Self, NameError> {
        let unsafe_char = |c: char| c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        if raw.is_empty()
            || raw.trim() != raw
            || raw.starts_with('.')
            || raw.contains("..")
            || raw.chars().any(unsafe_char)
        {
            return Err(NameError::Unsafe(raw.to_string()));
        }
        Slug::from_text(raw)?;
        Ok(ConceptId(raw.into()))
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ConceptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One URL path segment: lowercase ASCII letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Slugs any text: diacritics are transliterated (`Ēen` → `een`, `Curaçao` → `curacao`), everything that is
    /// not a letter or digit becomes a hyphen.
    pub fn from_text(text: &str) -> Result<Self, NameError> {
        let slug = slug::slugify(text);
        if slug.is_empty() {
            return Err(NameError::Empty(text.to_string()));
        }
        if WINDOWS_RESERVED.contains(&slug.as_str()) {
            return Err(NameError::Reserved(text.to_string()));
        }
        if slug.len() > MAX_SEGMENT {
            return Err(NameError::TooLong(slug.len()));
        }
        Ok(Slug(slug))
    }

    /// The slug as it appears in URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_dutch_and_other_diacritics() {
        assert_eq!(Slug::from_text("Ēen").unwrap().as_str(), "een");
        assert_eq!(Slug::from_text("Curaçao").unwrap().as_str(), "curacao");
        assert_eq!(Slug::from_text("IJsselmeer").unwrap().as_str(), "ijsselmeer");
        assert_eq!(Slug::from_text("Gradiëntafdaling").unwrap().as_str(), "gradientafdaling");
        assert_eq!(
            Slug::from_text("Open Weights vs Open Source AI").unwrap().as_str(),
            "open-weights-vs-open-source-ai"
        );
    }

    #[test]
    fn refuses_empty_and_reserved_slugs() {
        assert!(matches!(Slug::from_text("!!!"), Err(NameError::Empty(_))));
        assert!(matches!(Slug::from_text("CON"), Err(NameError::Reserved(_))));
        assert!(matches!(Slug::from_text("lpt1"), Err(NameError::Reserved(_))));
    }

    #[test]
    fn ids_cannot_escape_paths() {
        for bad in ["..", "../x", "a/b", "a\\b", "/etc", ".hidden", "a\u{0}b", "tab\there", "", " x", "nul", "a:b"] {
            assert!(ConceptId::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(ConceptId::parse("open-weights-vs-open-source").unwrap().as_str(), "open-weights-vs-open-source");
        assert!(ConceptId::parse("één").is_ok());
    }
}
