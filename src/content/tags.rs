//! An entry's `tags`: several labels in the entry's language, each with the URL segment of its page.

use serde::Serialize;
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;
use crate::slug::Slug;

/// One tag of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tag {
    /// The tag as written (trimmed).
    pub name: String,
    /// Its URL segment: tags with the same segment are one tag, however they are spelled.
    pub slug: Slug,
    /// The file line it is written on.
    pub line: usize,
}

/// Reads the `tags` of an entry; problems (an empty tag, one that cannot be a URL, one written twice) are
/// added to `problems`, each at its line.
pub fn read(
    raw: &[Spanned<String>],
    at: impl Fn(&serde_saphyr::Location) -> (usize, usize),
    error: impl Fn(&serde_saphyr::Location, String, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for tag in raw {
        let name = tag.value.trim();
        match Slug::from_text(name) {
            _ if name.is_empty() => problems.push(error(&tag.referenced, "a tag is empty".into(), "remove it")),
            Ok(slug) if tags.iter().any(|t| t.slug == slug) => {
                problems.push(error(&tag.referenced, format!("the tag `{name}` is listed twice"), "keep it once"))
            }
            Ok(slug) => tags.push(Tag { name: name.to_string(), slug, line: at(&tag.referenced).0 }),
            Err(e) => problems.push(error(
                &tag.referenced,
                format!("the tag `{name}` cannot be used in a URL: {e}"),
                "name the tag with letters or digits",
            )),
        }
    }
    tags
}
