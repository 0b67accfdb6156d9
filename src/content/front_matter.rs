//! Splitting an entry file into front-matter and body, and reading the front-matter into typed values.
//!
//! The YAML parser only sees the front-matter block, so every position it reports is shifted back into the
//! `.md` file before it reaches the author: an error on the third YAML line is reported on line 4 of the file.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{self, Diagnostic};

/// Every key an entry's front-matter may have; used to suggest the right spelling of an unknown key.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "summary",
    "aliases",
    "difficulty",
    "week",
    "category",
    "sources",
    "related",
    "slug",
    "draft",
    "autolink",
    "translated_from",
    "updated",
    "check_allow",
    "tags",
    "cta",
    "no_autolink",
    "compounds",
];

/// An entry file cut into its two parts, with the positions needed to report problems in either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitFile<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// File line (1-based) of the first YAML line.
    pub yaml_line: usize,
    /// Everything after the closing `---` line.
    pub body: &'a str,
    /// File line (1-based) of the first body line.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The first line is not `---`.
    NoOpening,
    /// No closing `---` line after the opening one.
    NoClosing,
}

/// Splits `text` (already free of a BOM and of `\r\n`) at its `---` fences.
pub fn split(text: &str) -> Result<SplitFile<'_>, SplitError> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().ok_or(SplitError::NoOpening)?;
    if first.trim_end() != "---" {
        return Err(SplitError::NoOpening);
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok(SplitFile {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[offset + line.len()..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(SplitError::NoClosing)
}

pub use crate::types::Difficulty;

/// A source as written in front-matter; the URL is checked when the entry is built.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// The source's own title.
    pub title: String,
    /// Where to read it.
    pub url: Spanned<String>,
}

/// The front-matter exactly as written, with positions kept where later checks need them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    /// The term as readers know it.
    pub title: Spanned<String>,
    /// One sentence shown under the title and in listings.
    pub summary: Spanned<String>,
    /// Other names of the concept in this language, plain or with their term status.
    #[serde(default)]
    pub aliases: Vec<Spanned<super::aliases::RawAlias>>,
    /// How hard the entry is.
    pub difficulty: Option<Difficulty>,
    /// The ISO week tag, checked against the calendar later.
    pub week: Option<Spanned<String>>,
    /// Free text in the entry's language.
    pub category: Option<Spanned<String>>,
    /// Numbered sources.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Ids of related concepts.
    #[serde(default)]
    pub related: Vec<Spanned<String>>,
    /// Overrides the URL segment.
    pub slug: Option<Spanned<String>>,
    /// Left out of builds unless drafts are asked for.
    #[serde(default)]
    pub draft: bool,
    /// `false` keeps mentions of other concepts in this body unlinked.
    #[serde(default = "yes")]
    pub autolink: bool,
    /// Fingerprint of the source entry this translation was made from (see `crate::translation`).
    pub translated_from: Option<Spanned<String>>,
    /// Date of the last substantial revision, `YYYY-MM-DD`, for feeds.
    pub updated: Option<Spanned<String>>,
    /// Rule codes of `glossgen check` not applied to this entry.
    #[serde(default)]
    pub check_allow: Vec<Spanned<String>>,
    /// Labels in the entry's language.
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// `false` leaves the site's call-to-action blocks off this entry's page.
    #[serde(default = "yes")]
    pub cta: bool,
    /// Phrases of this body never linked automatically, nor any name inside them.
    #[serde(default)]
    pub no_autolink: Vec<String>,
    /// Whether a word ending in one of this entry's one-word names ("taalmodel" for "model") mentions it;
    /// absent: the site's `compounds`.
    pub compounds: Option<bool>,
}

fn yes() -> bool {
    true
}

/// Reads the YAML of a split file, reporting problems at their position in the `.md` file.
pub fn parse(rel_path: &std::path::Path, split: &SplitFile<'_>) -> Result<RawFrontMatter, Diagnostic> {
    if split.yaml.trim().is_empty() {
        return Err(Diagnostic::error(rel_path, "the front-matter is empty")
            .at(split.yaml_line.saturating_sub(1), 1)
            .hint("add at least `title:` and `summary:` between the `---` lines"));
    }
    serde_saphyr::from_str::<RawFrontMatter>(split.yaml).map_err(|e| {
        let message = bare_message(&e);
        let mut d = Diagnostic::error(rel_path, format!("front-matter: {message}"));
        if let Some(loc) = e.location().filter(|l| l.line() > 0) {
            d = d.at(split.yaml_line + loc.line() as usize - 1, loc.column().max(1) as usize);
        } else {
            d = d.at_line(split.yaml_line);
        }
        d.hint = Some(hint_for(&message));
        d
    })
}

/// The parser's message without its own position suffix, which counts lines inside the YAML block only.
fn bare_message(e: &serde_saphyr::Error) -> String {
    let full = e.without_snippet().to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn hint_for(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return match diagnostics::closest(key, KNOWN_KEYS.iter().copied()) {
            Some(known) => format!("did you mean `{known}`? Known keys: {}", KNOWN_KEYS.join(", ")),
            None => format!("known keys: {}", KNOWN_KEYS.join(", ")),
        };
    }
    if message.starts_with("missing field `") {
        return "`title` and `summary` are required in every entry".to_string();
    }
    if message.starts_with("unknown variant") {
        return "difficulty is one of: beginner, intermediate, advanced".to_string();
    }
    if message.starts_with("duplicate mapping key") {
        return "each key may appear once; remove or merge the repeated one".to_string();
    }
    if message.contains("sequence") {
        return "lists are written `[a, b]` or as lines starting with `- `".to_string();
    }
    "check the YAML syntax on this line (quote text that contains `: ` or starts with a special character)".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn splits_at_fences_and_keeps_line_numbers() {
        let s = split("---\ntitle: a\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.body, "body\n");
        assert_eq!((s.yaml_line, s.body_line), (2, 4));
    }

    #[test]
    fn split_errors() {
        assert_eq!(split(""), Err(SplitError::NoOpening));
        assert_eq!(split("title: a\n---\n"), Err(SplitError::NoOpening));
        assert_eq!(split("---\ntitle: a\n"), Err(SplitError::NoClosing));
        assert!(split("---\n---\n").is_ok());
        assert_eq!(split("---  \ntitle: a\n---").unwrap().body, "");
    }

    #[test]
    fn yaml_errors_point_into_the_md_file() {
        let text = "---\ntitle: a\nsummary: b\ntitel: c\n---\n";
        let d = parse(Path::new("x.md"), &split(text).unwrap()).unwrap_err();
        assert_eq!((d.line, d.column), (Some(4), Some(1)));
        assert!(d.message.contains("unknown field `titel`"), "{}", d.message);
        assert!(d.hint.unwrap().contains("did you mean `title`?"));
    }

    #[test]
    fn missing_required_field_is_reported() {
        let d = parse(Path::new("x.md"), &split("---\ntitle: a\n---\n").unwrap()).unwrap_err();
        assert!(d.message.contains("missing field `summary`"), "{}", d.message);
    }

    #[test]
    fn reads_every_field() {
        let text = "---\ntitle: T\nsummary: S\naliases: [a, b]\ndifficulty: advanced\nweek: 2026-W17\ncategory: C\nsources:\n  - title: X\n    url: https://x.org/\nrelated: [r]\nslug: s\ndraft: true\n---\n";
        let fm = parse(Path::new("x.md"), &split(text).unwrap()).unwrap();
        assert_eq!(fm.title.value, "T");
        assert_eq!(fm.aliases.len(), 2);
        assert_eq!(fm.difficulty, Some(Difficulty::Advanced));
        assert_eq!(fm.week.unwrap().value, "2026-W17");
        assert_eq!(fm.sources[0].url.value, "https://x.org/");
        assert_eq!(fm.related[0].value, "r");
        assert!(fm.draft);
    }
}
