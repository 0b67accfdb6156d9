//! `site.toml`: the settings of one glossary site, parsed once into plain typed values.
//!
//! Everything downstream reads [`SiteConfig`]; nothing re-reads the TOML. Unknown keys are errors, so a typo in
//! a setting is caught instead of silently ignored.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

pub mod chrome;
mod keys;
pub mod redirects;
mod tag_names;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, line_col};
use keys::{RawCheck, check_levels, unknown_keys};

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
    /// The owner's website around the glossary: menus, the breadcrumb's home, calls to action.
    pub chrome: chrome::Chrome,
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
    /// Mentions and wiki links match a name's inflected forms by the Snowball stems of their words
    /// ("modellen" mentions "model"); `false` matches names only as written.
    pub inflections: bool,
    /// A word ending in a concept's one-word name ("taalmodel") mentions the concept, unless the entry
    /// says otherwise (`compounds` in its front-matter).
    pub compounds: bool,
    /// The language translations are made from (default: the default language).
    pub translation_source: Option<String>,
    /// Show readers a notice on translations whose source changed since they were stamped.
    pub outdated_notice: bool,
    /// Minify HTML, CSS and JavaScript in `build` output.
    pub minify: bool,
    /// Pass raw HTML in entry bodies through (authors are trusted); `false` shows it as text.
    pub allow_html: bool,
    /// Hidden paths of `static/` to publish all the same (`.well-known/`), relative to it.
    pub include_hidden: Vec<String>,
    /// How loud each rule of `glossgen check` is (`[check]`).
    pub checks: crate::rules::Levels,
    /// Tags named in each language (`tags.toml`), for pairing tags across languages where the concepts
    /// that carry them would pair them otherwise: each row holds `(language, tag)` pairs.
    pub tag_names: Vec<Vec<(LangCode, String)>>,
    /// Icons chosen for categories (`[categories.<slug>]`), checked once the theme is loaded.
    pub category_icons: Vec<chrome::CategoryIcon>,
    /// Termbase formats published with the site (`exports`, names from [`EXPORT_FORMATS`]), each once.
    pub exports: Vec<String>,
    /// What is written for each alias.
    pub alias_pages: redirects::AliasPages,
    /// Redirect rule files written for hosts that read them, each once.
    pub alias_rules: Vec<redirects::AliasRules>,
}

/// The termbase formats a site can publish beside its pages (`exports` in `site.toml`).
pub const EXPORT_FORMATS: &[&str] = &["tbx", "csv", "tsv", "skos"];

#[derive(Deserialize)]
struct RawConfig {
    base_url: toml::Spanned<String>,
    default_language: toml::Spanned<String>,
    languages: BTreeMap<toml::Spanned<String>, RawLanguage>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_highlight_theme")]
    highlight_theme: String,
    #[serde(default = "default_highlight_theme_dark")]
    highlight_theme_dark: String,
    #[serde(default = "default_output_dir")]
    output_dir: toml::Spanned<String>,
    #[serde(default = "yes")]
    autolink: bool,
    #[serde(default = "yes")]
    inflections: bool,
    #[serde(default)]
    compounds: bool,
    translation_source: Option<toml::Spanned<String>>,
    #[serde(default)]
    outdated_notice: bool,
    minify: Option<toml::Spanned<bool>>,
    #[serde(default = "yes")]
    allow_html: bool,
    #[serde(default)]
    include_hidden: Vec<String>,
    #[serde(default)]
    check: RawCheck,
    #[serde(default)]
    categories: BTreeMap<toml::Spanned<String>, chrome::RawCategory>,
    #[serde(default)]
    exports: Vec<toml::Spanned<String>>,
    alias_pages: Option<toml::Spanned<String>>,
    #[serde(default)]
    alias_rules: Vec<toml::Spanned<String>>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct RawLanguage {
    name: String,
    title: String,
    #[serde(default)]
    description: String,
    fallback: Option<toml::Spanned<RawFallback>>,
    #[serde(default)]
    list_untranslated: bool,
    #[serde(default)]
    menu: chrome::RawMenus,
    #[serde(default)]
    cta: Vec<toml::Spanned<chrome::RawCta>>,
    home_url: Option<toml::Spanned<String>>,
    home_label: Option<toml::Spanned<String>>,
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

fn default_output_dir() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "public".to_string())
}

impl SiteConfig {
    /// Reads and validates `site.toml` in `root`.
    pub fn load(root: &Path) -> Result<Self, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let found = if e.kind() == std::io::ErrorKind::NotFound {
                format!("there is no {CONFIG_FILE} in {}", root.display())
            } else {
                format!("cannot read the site configuration: {e}")
            };
            vec![
                Diagnostic::error(CONFIG_FILE, found)
                    .hint("run glossgen in a site folder, pass --root DIR, or start a site with `glossgen init DIR`"),
            ]
        })?;
        let mut config = Self::parse(&text)?;
        config.tag_names = tag_names::read(root, &config)?;
        Ok(config)
    }

    /// Parses the text of `site.toml`; every problem is reported, each at its line.
    pub fn parse(text: &str) -> Result<Self, Vec<Diagnostic>> {
        let at = |span: std::ops::Range<usize>, message: String, hint: &str| {
            let d = Diagnostic::error(CONFIG_FILE, message).hint(hint);
            if span.is_empty() && span.start == 0 {
                return d;
            }
            let (line, column) = line_col(text, span.start);
            d.at(line, column)
        };
        let see = "see the README's section on site.toml for the known settings";
        let (table, errors) = toml::de::DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            return Err(errors
                .iter()
                .map(|e| at(e.span().unwrap_or(0..0), e.message().to_string(), "fix the TOML syntax on this line"))
                .collect());
        }
        let mut problems = unknown_keys(table.get_ref(), &at);
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                problems.push(at(e.span().unwrap_or(0..0), e.message().to_string(), see));
                return Err(problems);
            }
        };
        let base = crate::types::BaseUrl::parse(raw.base_url.get_ref()).map_err(|why| {
            at(
                raw.base_url.span(),
                format!("base_url `{}` {why}", raw.base_url.get_ref()),
                "write it like https://example.org/ or https://example.org/glossary/",
            )
        });
        let mut languages = Vec::new();
        let mut fallbacks = Vec::new();
        for (code, lang) in raw.languages {
            let Some(parsed) = LangCode::parse(code.get_ref()) else {
                problems.push(at(
                    code.span(),
                    format!("`{}` is not a valid language code", code.get_ref()),
                    "use lowercase codes such as `en` or `nl`",
                ));
                continue;
            };
            for (key, value) in [("name", &lang.name), ("title", &lang.title), ("description", &lang.description)] {
                if let Some((_, c)) = crate::diagnostics::forbidden_char(value) {
                    problems.push(at(
                        code.span(),
                        format!(
                            "the {key} of language `{}` holds the control character {}",
                            code.get_ref(),
                            crate::diagnostics::char_name(c)
                        ),
                        "remove it (or the escape that makes it)",
                    ));
                }
            }
            fallbacks.push(lang.fallback);
            let chrome = chrome::read(
                base.as_ref().ok(),
                lang.menu,
                lang.cta,
                (lang.home_url, lang.home_label),
                &at,
                &mut problems,
            );
            languages.push(Language {
                code: parsed,
                name: lang.name,
                title: lang.title,
                description: lang.description,
                fallback: Vec::new(),
                list_untranslated: lang.list_untranslated,
                chrome,
            });
        }
        let declared: Vec<String> = languages.iter().map(|l| l.code.to_string()).collect();
        let default_language = raw.default_language.get_ref();
        let default_index = languages.iter().position(|l| l.code.as_str() == default_language);
        if default_index.is_none() {
            problems.push(at(
                raw.default_language.span(),
                format!("default_language `{default_language}` is not one of the declared languages"),
                "declare it as [languages.<code>] or pick a declared one",
            ));
        }
        if let Some(source) = &raw.translation_source
            && !declared.contains(source.get_ref())
        {
            problems.push(at(
                source.span(),
                format!("translation_source `{}` is not one of the declared languages", source.get_ref()),
                "name a language declared under [languages]",
            ));
        }
        // By default a language falls back to the one translations are made from (which has none).
        let source = raw.translation_source.as_ref().map_or(default_language, |s| s.get_ref()).to_string();
        for (lang, setting) in languages.iter_mut().zip(fallbacks) {
            let span = setting.as_ref().map_or(0..0, toml::Spanned::span);
            let (order, written) = match setting.map(toml::Spanned::into_inner) {
                None | Some(RawFallback::Enabled(true)) => (vec![source.clone()], false),
                Some(RawFallback::Enabled(false)) => (Vec::new(), true),
                Some(RawFallback::Order(order)) => (order, true),
            };
            for code in order {
                if code == lang.code.as_str() && !written {
                    continue;
                }
                match LangCode::parse(&code).filter(|c| *c != lang.code && declared.contains(&code)) {
                    Some(other) if !lang.fallback.contains(&other) => lang.fallback.push(other),
                    Some(_) => {}
                    None if !written => {}
                    None => problems.push(at(
                        span.clone(),
                        format!("fallback `{code}` of language `{}` is not another declared language", lang.code),
                        "list other languages declared under [languages], or write `fallback = false`",
                    )),
                }
            }
        }
        let output_dir = raw.output_dir.get_ref();
        if output_dir.is_empty()
            || Path::new(output_dir).is_absolute()
            || output_dir.split(['/', '\\']).any(|p| p == "..")
        {
            problems.push(at(
                raw.output_dir.span(),
                format!("output_dir `{output_dir}` must be a folder inside the site"),
                "use a relative path such as `public`",
            ));
        }
        let checks = check_levels(raw.check, &mut problems, &at);
        let mut exports: Vec<String> = Vec::new();
        for format in raw.exports {
            let name = format.get_ref().to_ascii_lowercase();
            if !EXPORT_FORMATS.contains(&name.as_str()) {
                let hint = format!("glossgen publishes {}", EXPORT_FORMATS.join(", "));
                problems.push(at(format.span(), format!("`{}` is not an export format", format.get_ref()), &hint));
            } else if !exports.contains(&name) {
                exports.push(name);
            }
        }
        if let Some(minify) = raw.minify.as_ref().filter(|m| *m.get_ref() && !cfg!(feature = "minify")) {
            problems.push(at(
                minify.span(),
                "this glossgen was built without minification".to_string(),
                "build it with `cargo install glossgen --features minify` (or `cargo build --release --features minify`), or set `minify = false`",
            ));
        }
        let (alias_pages, alias_rules) = redirects::parse(raw.alias_pages, raw.alias_rules, &mut problems, &at);
        let base = match base {
            Ok(base) => Some(base),
            Err(d) => {
                problems.push(d);
                None
            }
        };
        let (Some(base), Some(default_index), true) = (base, default_index, problems.is_empty()) else {
            crate::diagnostics::sort(&mut problems);
            return Err(problems);
        };
        let default = languages.remove(default_index);
        languages.insert(0, default);
        Ok(SiteConfig {
            base,
            languages,
            theme: raw.theme,
            highlight_theme: raw.highlight_theme,
            highlight_theme_dark: raw.highlight_theme_dark,
            output_dir: raw.output_dir.into_inner(),
            autolink: raw.autolink,
            inflections: raw.inflections,
            compounds: raw.compounds,
            translation_source: raw.translation_source.map(toml::Spanned::into_inner),
            outdated_notice: raw.outdated_notice,
            minify: raw.minify.is_some_and(|m| *m.get_ref()),
            allow_html: raw.allow_html,
            include_hidden: raw.include_hidden,
            checks,
            tag_names: Vec::new(),
            category_icons: chrome::icons(raw.categories, text),
            exports,
            alias_pages,
            alias_rules,
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
        self.base = crate::types::BaseUrl::parse(url).map_err(|why| format!("`{url}` {why}"))?;
        Ok(())
    }
}

/// The file naming a tag in each language.
pub const TAGS_FILE: &str = "tags.toml";

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
        let d = &SiteConfig::parse(&format!("{SAMPLE}\nthme = \"x\"\n")).unwrap_err()[0];
        assert!(d.message.contains("thme"), "{}", d.message);
        assert_eq!(d.line, Some(11));
        // After `[languages.nl]`, the key belongs to that table.
        assert!(d.message.contains("in [languages.nl]"), "{}", d.message);
        let top = &SiteConfig::parse(&format!("thme = \"x\"\n{SAMPLE}")).unwrap_err()[0];
        assert_eq!((top.line, top.hint.as_deref()), (Some(1), Some("did you mean `theme`?")));
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
        assert!(SiteConfig::parse(&to_self).unwrap_err()[0].message.contains("fallback `en`"));
        let unknown = SAMPLE.replace("title = \"AI Glossary\"", "title = \"AI Glossary\"\nfallback = [\"de\"]");
        assert!(SiteConfig::parse(&unknown).is_err());
    }

    #[test]
    fn every_problem_is_reported_at_once_at_its_line() {
        let text = "base_url = \"https://user:secret@example.org/\"\ndefault_language = \"de\"\ncolour = 1\noutput_dir = \"../up\"\n[languages.en]\nname = \"E\"\ntitle = \"T\"\nfalback = false\n";
        let problems = SiteConfig::parse(text).unwrap_err();
        let lines: Vec<(Option<u32>, &str)> = problems.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(problems.len(), 5, "{lines:?}");
        assert!(problems[0].message.contains("user name or password"), "{lines:?}");
        assert_eq!(problems.iter().map(|d| d.line.unwrap()).collect::<Vec<_>>(), [1, 2, 3, 4, 8]);
        let syntax = SiteConfig::parse("base_url = \nminify = = true\n").unwrap_err();
        assert!(syntax.len() >= 2, "{syntax:?}");
    }

    #[test]
    fn refuses_bad_base_urls_and_languages() {
        assert!(SiteConfig::parse(&SAMPLE.replace("https://example.org/glossary", "example.org")).is_err());
        assert!(SiteConfig::parse(&SAMPLE.replace("\"nl\"", "\"de\"")).is_err());
        assert!(SiteConfig::parse(&SAMPLE.replace("languages.en", "languages.\"../x\"")).is_err());
    }
}
