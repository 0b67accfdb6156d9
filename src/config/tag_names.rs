//! `tags.toml` beside `site.toml`: a tag's name in each language, for pairing tags across languages where the
//! concepts that carry them would pair them otherwise.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{LangCode, SiteConfig, TAGS_FILE};
use crate::diagnostics::{Diagnostic, line_col};

/// `tags.toml`, if the site has one: `[[tag]]` tables of `<language> = "<tag>"`.
pub(super) fn read(root: &Path, config: &SiteConfig) -> Result<Vec<Vec<(LangCode, String)>>, Vec<Diagnostic>> {
    let Ok(text) = std::fs::read_to_string(root.join(TAGS_FILE)) else { return Ok(Vec::new()) };
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawTags {
        #[serde(default)]
        tag: Vec<BTreeMap<toml::Spanned<String>, String>>,
    }
    let raw: RawTags = toml::from_str(&text).map_err(|e| {
        let d = Diagnostic::error(TAGS_FILE, e.message().to_string())
            .hint("write each tag as a [[tag]] table of `<language> = \"<tag>\"` lines");
        let (line, column) = line_col(&text, e.span().map_or(0, |s| s.start));
        vec![d.at(line, column)]
    })?;
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for table in raw.tag {
        let mut row = Vec::new();
        for (lang, name) in table {
            match LangCode::parse(lang.get_ref()).filter(|l| config.language(l.as_str()).is_some()) {
                Some(code) => row.push((code, name.trim().to_string())),
                None => {
                    let (line, column) = line_col(&text, lang.span().start);
                    problems.push(
                        Diagnostic::error(TAGS_FILE, format!("`{}` is not a language of this site", lang.get_ref()))
                            .at(line, column)
                            .hint("name the tag in the languages declared in site.toml"),
                    );
                }
            }
        }
        rows.push(row);
    }
    if problems.is_empty() { Ok(rows) } else { Err(problems) }
}
