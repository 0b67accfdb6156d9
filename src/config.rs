//! `site.toml`: the settings of one glossary site, parsed once into plain typed values.
//!
//! Everything downstream reads [`SiteConfig`]; nothing re-reads the TOML. Unknown keys are errors, so a typo in
//! a setting is caught instead of silently ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, line_col};

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "site.toml";

/// A language code declared in `site.toml` (`en`, `nl`): lowercase ASCII letters, optionally with a region.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct LangCode(String);

impl LangCode {
    /// Accepts codes such as `en`, `nl`, `pt-br`; they become folder names, so nothing else is allowed.
    pub fn parse(code: &str) -> Option<Self> {
        let valid = (2..=8).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !code.starts_with('-')
            && !code.ends_with('-');
        valid.then(|| LangCode(code.to_string()))
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LangCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One language of the site.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// Its code, also the content and output folder name.
    pub code: LangCode,
    /// Its name in itself, for the language switcher ("Nederlands").
    pub name: String,
    /// The site title in this language ("AI Woordenboek").
    pub title: String,
    /// A one-line description of the site in this language.
    pub description: String,
    /// Languages whose entry a link falls back to, in order, when the linked concept is not translated into
    /// this one (`fallback` in `site.toml`; by default the translation source, else the default language).
    /// Empty: such a link is an error.
    pub fallback: Vec<LangCode>,
    /// List the concepts not translated into this language on its home page, in a group of their own,
    /// linking to a fallback language's page (`list_untranslated`).
    pub list_untranslated: bool,
}

/// The validated settings of a site.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Absolute URL the site is published at, always ending in `/`.
    pub base: crate::types::BaseUrl,
    /// The languages, default first, then in code order.
    pub languages: Vec<Language>,
    /// Theme folder name under `themes/` (the embedded default theme when absent).
    pub theme: String,
    /// Name of a syntect theme for code highlighting.
    pub highlight_theme: String,
    /// Syntect theme used when the reader's system is in dark mode.
    pub highlight_theme_dark: String,
    /// Output folder, relative to the site root.
    pub output_dir: String,
    /// Link the first mention of each concept's name in entry bodies.
    pub autolink: bool,
    /// The language translations are made from (default: the default language).
    pub translation_source: Option<String>,
    /// Show readers a notice on translations whose source changed since they were stamped.
    pub outdated_notice: bool,
    /// Minify HTML, CSS and JavaScript in `build` output.
    pub minify: bool,
    /// Pass raw HTML in entry bodies through (authors are trusted); `false` shows it as text.
    pub allow_html: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: String,
    default_language: String,
    languages: BTreeMap<String, RawLanguage>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_highlight_theme")]
    highlight_theme: String,
    #[serde(default = "default_highlight_theme_dark")]
    highlight_theme_dark: String,
    #[serde(default = "default_output_dir")]
    output_dir: String,
    #[serde(default = "yes")]
    autolink: bool,
    translation_source: Option<String>,
    #[serde(default)]
    outdated_notice: bool,
    #[serde(default)]
    minify: bool,
    #[serde(default = "yes")]
    allow_html: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    name: String,
    title: String,
    #[serde(default)]
    description: String,
    fallback: Option<RawFallback>,
    #[serde(default)]
    list_untranslated: bool,
}

/// `fallback = false`, `fallback = true` (the default order) or `fallback = ["en", …]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawFallback {
    Enabled(bool),
    Order(Vec<String>),
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_highlight_theme() -> String {
    "InspiredGitHub".to_string()
}

fn default_highlight_theme_dark() -> String {
    "base16-ocean.dark".to_string()
}

fn default_output_dir() -> String {
    "public".to_string()
}

impl SiteConfig {
    /// Reads and validates `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Self, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(CONFIG_FILE, format!("cannot read the site configuration: {e}"))
                .hint("run glossgen in a site folder, pass --root DIR, or create one with `glossgen init DIR`")
        })?;
        Self::parse(&text)
    }

    /// Parses the text of `site.toml`.
    pub fn parse(text: &str) -> Result<Self, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(CONFIG_FILE, e.message().to_string());
            if let Some(span) = e.span() {
                let (line, column) = line_col(text, span.start);
                d = d.at(line, column);
            }
            d.hint("see the README's section on site.toml for the known settings")
        })?;
        let err = |message: String, hint: &str| Diagnostic::error(CONFIG_FILE, message).hint(hint);

        let base = crate::types::BaseUrl::parse(&raw.base_url).ok_or_else(|| {
            err(
                format!("base_url `{}` is not an absolute http(s) URL", raw.base_url),
                "write it like https://example.org/ or https://example.org/glossary/",
            )
        })?;

        let mut languages = Vec::new();
        let mut fallbacks = Vec::new();
        for (code, lang) in raw.languages {
            let code = LangCode::parse(&code).ok_or_else(|| {
                err(format!("`{code}` is not a valid language code"), "use lowercase codes such as `en` or `nl`")
            })?;
            fallbacks.push(lang.fallback);
            languages.push(Language {
                code,
                name: lang.name,
                title: lang.title,
                description: lang.description,
                fallback: Vec::new(),
                list_untranslated: lang.list_untranslated,
            });
        }
        let default_index =
            languages.iter().position(|l| l.code.as_str() == raw.default_language).ok_or_else(|| {
                err(
                    format!("default_language `{}` is not one of the declared languages", raw.default_language),
                    "declare it as [languages.<code>] or pick a declared one",
                )
            })?;
        if let Some(source) = &raw.translation_source
            && !languages.iter().any(|l| l.code.as_str() == source)
        {
            return Err(err(
                format!("translation_source `{source}` is not one of the declared languages"),
                "name a language declared under [languages]",
            ));
        }
        // By default a language falls back to the one translations are made from (which has none).
        let source = raw.translation_source.clone().unwrap_or_else(|| raw.default_language.clone());
        let declared: Vec<String> = languages.iter().map(|l| l.code.to_string()).collect();
        for (lang, setting) in languages.iter_mut().zip(fallbacks) {
            let (order, written) = match setting {
                None | Some(RawFallback::Enabled(true)) => (vec![source.clone()], false),
                Some(RawFallback::Enabled(false)) => (Vec::new(), true),
                Some(RawFallback::Order(order)) => (order, true),
            };
            for code in order {
                if code == lang.code.as_str() && !written {
                    continue;
                }
                let other = LangCode::parse(&code).filter(|c| *c != lang.code && declared.contains(&code));
                let Some(other) = other else {
                    return Err(err(
                        format!("fallback `{code}` of language `{}` is not another declared language", lang.code),
                        "list other languages declared under [languages], or write `fallback = false`",
                    ));
                };
                if !lang.fallback.contains(&other) {
                    lang.fallback.push(other);
                }
            }
        }
        let default = languages.remove(default_index);
        languages.insert(0, default);

        if raw.output_dir.is_empty()
            || Path::new(&raw.output_dir).is_absolute()
            || raw.output_dir.split(['/', '\\']).any(|p| p == "..")
        {
            return Err(err(
                format!("output_dir `{}` must be a folder inside the site", raw.output_dir),
                "use a relative path such as `public`",
            ));
        }

        Ok(SiteConfig {
            base,
            languages,
            theme: raw.theme,
            highlight_theme: raw.highlight_theme,
            highlight_theme_dark: raw.highlight_theme_dark,
            output_dir: raw.output_dir,
            autolink: raw.autolink,
            translation_source: raw.translation_source,
            outdated_notice: raw.outdated_notice,
            minify: raw.minify,
            allow_html: raw.allow_html,
        })
    }

    /// The site's default language, which the root page sends readers to.
    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// Looks a declared language up by its code.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code.as_str() == code)
    }

    /// Replaces the base URL (from `--base-url`, or by `serve` for local links).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base =
            crate::types::BaseUrl::parse(url).ok_or_else(|| format!("`{url}` is not an absolute http(s) URL"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
base_url = "https://example.org/glossary"
default_language = "nl"
[languages.en]
name = "English"
title = "AI Glossary"
[languages.nl]
name = "Nederlands"
title = "AI Woordenboek"
"#;

    #[test]
    fn parses_languages_default_first() {
        let c = SiteConfig::parse(SAMPLE).unwrap();
        assert_eq!(c.languages[0].code.as_str(), "nl");
        assert_eq!(c.languages[1].title, "AI Glossary");
        assert_eq!(c.base.as_str(), "https://example.org/glossary/");
        assert_eq!(c.base.path(), "/glossary/");
        assert_eq!(c.base.link("en/"), "/glossary/en/");
        assert_eq!(c.base.permalink("en/"), "https://example.org/glossary/en/");
    }

    #[test]
    fn unknown_keys_are_errors_with_a_line() {
        let d = SiteConfig::parse(&format!("{SAMPLE}\nthme = \"x\"\n")).unwrap_err();
        assert!(d.message.contains("thme"), "{}", d.message);
        assert_eq!(d.line, Some(11));
    }

    #[test]
    fn languages_fall_back_to_the_translation_source_unless_told_otherwise() {
        let c = SiteConfig::parse(SAMPLE).unwrap();
        let fallback = |c: &SiteConfig, code: &str| {
            c.language(code).unwrap().fallback.iter().map(|l| l.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(fallback(&c, "en"), ["nl"]);
        assert!(fallback(&c, "nl").is_empty());
        let off = SAMPLE.replace("title = \"AI Glossary\"", "title = \"AI Glossary\"\nfallback = false");
        assert!(fallback(&SiteConfig::parse(&off).unwrap(), "en").is_empty());
        let to_self = SAMPLE.replace("title = \"AI Glossary\"", "title = \"AI Glossary\"\nfallback = [\"en\"]");
        assert!(SiteConfig::parse(&to_self).unwrap_err().message.contains("fallback `en`"));
        let unknown = SAMPLE.replace("title = \"AI Glossary\"", "title = \"AI Glossary\"\nfallback = [\"de\"]");
        assert!(SiteConfig::parse(&unknown).is_err());
    }

    #[test]
    fn refuses_bad_base_urls_and_languages() {
        assert!(SiteConfig::parse(&SAMPLE.replace("https://example.org/glossary", "example.org")).is_err());
        assert!(SiteConfig::parse(&SAMPLE.replace("\"nl\"", "\"de\"")).is_err());
        assert!(SiteConfig::parse(&SAMPLE.replace("languages.en", "languages.\"../x\"")).is_err());
    }
}
