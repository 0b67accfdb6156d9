//! The URL scheme of a built site, in one place.
//!
//! Every page's address is made here as a site-relative path; [`crate::types::BaseUrl`] turns a path into a
//! link or an absolute permalink. The output file of a page is its path plus `index.html`.

use crate::slug::Slug;

/// Path of a language's home page, relative to the site root (`en/`).
pub fn home(lang: &str) -> String {
    format!("{lang}/")
}

/// Path of an entry page (`en/overfitting/`).
pub fn entry(lang: &str, slug: &Slug) -> String {
    format!("{lang}/{slug}/")
}

/// Path of the list of categories of a language.
pub fn categories(lang: &str) -> String {
    format!("{lang}/categories/")
}

/// Path of one category page (`nl/categories/grondslagen/`).
pub fn category(lang: &str, slug: &Slug) -> String {
    format!("{lang}/categories/{slug}/")
}

/// Path of the list of tags of a language.
pub fn tags(lang: &str) -> String {
    format!("{lang}/tags/")
}

/// Path of one tag's page (`nl/tags/veiligheid/`).
pub fn tag(lang: &str, slug: &Slug) -> String {
    format!("{lang}/tags/{slug}/")
}

/// Path of a difficulty level's page (`en/difficulty/beginner/`).
pub fn difficulty(lang: &str, level: crate::types::Difficulty) -> String {
    format!("{lang}/difficulty/{}/", level.key())
}

/// Path of the archive of weeks of a language.
pub fn weeks(lang: &str) -> String {
    format!("{lang}/weeks/")
}

/// Path of one week's page (`en/weeks/2026-w17/`).
pub fn week(lang: &str, week: crate::week::IsoWeek) -> String {
    format!("{lang}/weeks/{}/", week.to_string().to_lowercase())
}

/// Path of a language's Atom feed.
pub fn feed(lang: &str) -> String {
    format!("{lang}/atom.xml")
}

/// Path of a language's JSON export.
pub fn export(lang: &str) -> String {
    format!("{lang}/glossary.json")
}

/// Path of a language's search index.
pub fn search_index(lang: &str) -> String {
    format!("{lang}/search-index.json")
}

/// Path of a language's search page.
pub fn search(lang: &str) -> String {
    format!("{lang}/search/")
}

/// The output file for a site-relative path: directories get `index.html`.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}
