//! UI strings per language, from `i18n/<lang>.toml`.
//!
//! Themes look strings up by key through the `t()` template function. Every language must define the same
//! keys: a key one language has and another lacks is a build error naming both, so a Dutch page can never
//! show an English label by accident.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, line_col};

/// The strings of every language, keyed by language code then string key.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: BTreeMap<String, BTreeMap<String, String>>,
}

impl Strings {
    /// Loads `i18n/<code>.toml` for every declared language and checks that they define the same keys.
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Self, Vec<Diagnostic>> {
        let mut by_lang = BTreeMap::new();
        let mut problems = Vec::new();
        for lang in &config.languages {
            let rel = Path::new("i18n").join(format!("{}.toml", lang.code));
            match std::fs::read_to_string(root.join(&rel)) {
                Ok(text) => match parse(&rel, &text) {
                    Ok(map) => {
                        by_lang.insert(lang.code.to_string(), map);
                    }
                    Err(d) => problems.push(d),
                },
                Err(e) => problems.push(
                    Diagnostic::error(&rel, format!("cannot read the UI strings for `{}`: {e}", lang.code))
                        .hint("every declared language needs an i18n/<code>.toml file"),
                ),
            }
        }
        let strings = Strings { by_lang };
        problems.extend(strings.parity_problems());
        if problems.is_empty() { Ok(strings) } else { Err(problems) }
    }

    /// Builds the table directly (for tests and for `init`).
    pub fn from_maps(by_lang: BTreeMap<String, BTreeMap<String, String>>) -> Self {
        Strings { by_lang }
    }

    /// Reads whatever UI strings can be read, skipping files that are missing or broken; for reports that
    /// should work on a site that does not build.
    pub fn load_lenient(root: &Path, config: &SiteConfig) -> Self {
        let by_lang = config
            .languages
            .iter()
            .map(|lang| {
                let rel = Path::new("i18n").join(format!("{}.toml", lang.code));
                let map = std::fs::read_to_string(root.join(&rel))
                    .ok()
                    .and_then(|t| parse(&rel, &t).ok())
                    .unwrap_or_default();
                (lang.code.to_string(), map)
            })
            .collect();
        Strings { by_lang }
    }

    /// `(language, key)` for every key some language defines and this one lacks.
    pub fn missing_keys(&self) -> Vec<(String, String)> {
        let all: BTreeSet<&String> = self.by_lang.values().flat_map(|m| m.keys()).collect();
        let mut missing = Vec::new();
        for (lang, map) in &self.by_lang {
            missing.extend(all.iter().filter(|k| !map.contains_key(**k)).map(|k| (lang.clone(), (*k).clone())));
        }
        missing
    }

    /// A key present in some language and missing in another, once per (key, language).
    pub fn parity_problems(&self) -> Vec<Diagnostic> {
        let all: BTreeSet<&String> = self.by_lang.values().flat_map(|m| m.keys()).collect();
        let mut problems = Vec::new();
        for (lang, map) in &self.by_lang {
            for key in all.iter().filter(|k| !map.contains_key(**k)) {
                let others: Vec<&str> =
                    self.by_lang.iter().filter(|(_, m)| m.contains_key(*key)).map(|(l, _)| l.as_str()).collect();
                problems.push(
                    Diagnostic::error(
                        Path::new("i18n").join(format!("{lang}.toml")),
                        format!("missing UI string `{key}` for language `{lang}` (defined for {})", others.join(", ")),
                    )
                    .hint(format!("add `{key} = \"...\"` to i18n/{lang}.toml")),
                );
            }
        }
        problems
    }

    /// The string for `key` in `lang`.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.by_lang.get(lang)?.get(key).map(String::as_str)
    }

    /// All strings of one language, for templates that want the whole table.
    pub fn language(&self, lang: &str) -> Option<&BTreeMap<String, String>> {
        self.by_lang.get(lang)
    }
}

/// Parses one i18n file: flat `key = "text"` lines, no control characters (raw or escaped).
pub fn parse(rel: &Path, text: &str) -> Result<BTreeMap<String, String>, Diagnostic> {
    let strings = toml::from_str::<BTreeMap<String, String>>(text).map_err(|e| {
        let mut d = Diagnostic::error(rel, e.message().to_string());
        if let Some(span) = e.span() {
            let (line, column) = line_col(text, span.start);
            d = d.at(line, column);
        }
        d.hint("i18n files hold flat `key = \"text\"` lines")
    })?;
    for (key, value) in &strings {
        if let Some((_, c)) = crate::diagnostics::forbidden_char(value) {
            let line = text.lines().position(|l| l.trim_start().starts_with(key.as_str())).map_or(1, |n| n + 1);
            return Err(Diagnostic::error(
                rel,
                format!("the UI string `{key}` holds the control character {}", crate::diagnostics::char_name(c)),
            )
            .at_line(line)
            .hint("remove it (or the escape that makes it): every page prints UI strings"));
        }
    }
    Ok(strings)
}

/// Registers `t(key="…")`, the template function that looks up a UI string in the language of the
/// template's `lang` variable; a missing string is an error naming the file to add it to, unless the call
/// gives a `default`.
pub fn register_t(tera: &mut tera::Tera, strings: std::sync::Arc<Strings>) {
    tera.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
        let key: &str = kwargs.must_get("key")?;
        // `default` is for strings added after a site wrote its files (punctuation): the site may leave
        // them out.
        let default: Option<&str> = kwargs.get("default")?;
        let lang: String = state
            .get::<String>("lang")?
            .ok_or_else(|| tera::Error::message("t(): the template has no `lang` variable"))?;
        strings.get(&lang, key).or(default).map(str::to_string).ok_or_else(|| {
            tera::Error::message(format!(
                "missing UI string `{key}` for language `{lang}`: add `{key} = \"...\"` to i18n/{lang}.toml"
            ))
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn missing_keys_name_key_and_language() {
        let s = Strings::from_maps(BTreeMap::from([
            ("en".to_string(), map(&[("next", "Next"), ("previous", "Previous")])),
            ("nl".to_string(), map(&[("next", "Volgende")])),
        ]));
        let p = s.parity_problems();
        assert_eq!(p.len(), 1);
        assert!(p[0].message.contains("`previous`") && p[0].message.contains("`nl`"));
        assert_eq!(s.get("nl", "next"), Some("Volgende"));
    }
}
