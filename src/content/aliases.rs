//! An entry's other names and their term status, as termbases keep it: a plain name is admitted; a name can
//! also be written `{name: …, status: deprecated, note: …}`. Deprecated and obsolete names still lead to
//! the entry (redirects, wiki links) but are never linked automatically, the page tells readers to avoid
//! them, and `check` reports bodies that use them.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

/// The status of a name of a concept (TBX's administrative status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The name to use: an entry's title.
    Preferred,
    /// A name that may be used.
    #[default]
    Admitted,
    /// A name to avoid.
    Deprecated,
    /// A name no longer in use.
    Obsolete,
}

impl Status {
    /// The word `site.toml`, front-matter and exports use.
    pub fn key(self) -> &'static str {
        match self {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Obsolete => "obsolete",
        }
    }

    /// Reads a status word.
    pub fn parse(word: &str) -> Option<Status> {
        [Status::Preferred, Status::Admitted, Status::Deprecated, Status::Obsolete]
            .into_iter()
            .find(|s| s.key().eq_ignore_ascii_case(word.trim()))
    }

    /// A name readers should not use: never linked automatically, shown as "avoid".
    pub fn is_avoided(self) -> bool {
        matches!(self, Status::Deprecated | Status::Obsolete)
    }
}

/// An alias as written: a plain name, or a name with its status and a note.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawAlias {
    /// `open weights`.
    Name(String),
    /// `{name: OSAID, status: admitted, note: …}`.
    Full {
        /// The name.
        name: String,
        /// `admitted` (the default), `deprecated` or `obsolete`.
        #[serde(default)]
        status: Option<String>,
        /// Why (shown with a name to avoid).
        #[serde(default)]
        note: Option<String>,
    },
}

/// The status and note of each alias, in the order of the names [`names`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasTerms {
    /// Status of each alias.
    pub status: Vec<Status>,
    /// Note of each alias.
    pub notes: Vec<Option<String>>,
}

/// The aliases' names, each with its place, for the checks every name goes through.
pub fn names(raw: &[Spanned<RawAlias>]) -> Vec<Spanned<String>> {
    raw.iter()
        .map(|a| {
            let name = match &a.value {
                RawAlias::Name(n) | RawAlias::Full { name: n, .. } => n.clone(),
            };
            Spanned { value: name, referenced: a.referenced, defined: a.defined }
        })
        .collect()
}

/// The status and note of the aliases that are kept (`keep` says which, by position in `raw`); a status
/// that is not one of the words, or `preferred` (the title's), is a problem at its line.
pub fn terms(
    raw: &[Spanned<RawAlias>],
    keep: impl Fn(usize) -> bool,
    error: impl Fn(&serde_saphyr::Location, String, &str) -> Diagnostic,
    problems: &mut Vec<Diagnostic>,
) -> AliasTerms {
    let mut terms = AliasTerms::default();
    for (n, alias) in raw.iter().enumerate().filter(|(n, _)| keep(*n)) {
        let (status, note) = match &alias.value {
            RawAlias::Name(_) => (Status::Admitted, None),
            RawAlias::Full { status, note, .. } => {
                let parsed = match status.as_deref() {
                    None => Status::Admitted,
                    Some(word) => match Status::parse(word) {
                        Some(Status::Preferred) => {
                            let hint = "the title is the preferred name; an alias is admitted, deprecated or obsolete";
                            problems.push(error(&alias.referenced, "an alias cannot be `preferred`".into(), hint));
                            Status::Admitted
                        }
                        Some(s) => s,
                        None => {
                            let message = format!("`{word}` is not a term status");
                            problems.push(error(&alias.referenced, message, "write admitted, deprecated or obsolete"));
                            Status::Admitted
                        }
                    },
                };
                (parsed, note.as_ref().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()))
            }
        };
        let _ = n;
        terms.status.push(status);
        terms.notes.push(note);
    }
    terms
}
