//! Lists of labels in an entry's front-matter: its `tags` (in the entry's language, each with the URL
//! segment of its page) and its `check_allow` (codes of `glossgen check` rules).

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

/// Reads the `check_allow` codes of an entry; an unknown code, and one of a rule that cannot be allowed, are
/// added to `problems` at their line.
pub fn read_check_allow(
    raw: &[Spanned<String>],
    error: impl Fn(&serde_saphyr::Location, String, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut codes = Vec::new();
    for code in raw {
        let written = code.value.trim();
        match crate::rules::rule(written) {
            Some(rule) if rule.default == crate::rules::Level::Fixed => problems.push(error(
                &code.referenced,
                format!("`{}` finds mistakes the site cannot be built with", rule.code),
                "fix what it reports instead of allowing it",
            )),
            Some(rule) => codes.push(rule.code.to_string()),
            None => {
                let hint = match crate::rules::closest(written) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "the README lists the codes of `glossgen check`".to_string(),
                };
                problems.push(error(&code.referenced, format!("`check_allow` names no rule `{written}`"), &hint));
            }
        }
    }
    codes
}
