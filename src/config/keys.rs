//! The settings `site.toml` knows, and the checks of what it holds beyond the shape serde reads: keys
//! nobody knows (each at its place, with the closest known one), and the rule levels of `[check]`.

use serde::Deserialize;

use super::chrome;
use crate::diagnostics::Diagnostic;

/// The settings `site.toml` may have at its top level.
pub(super) const TOP_KEYS: &[&str] = &[
    "base_url",
    "default_language",
    "languages",
    "theme",
    "highlight_theme",
    "highlight_theme_dark",
    "output_dir",
    "autolink",
    "inflections",
    "compounds",
    "translation_source",
    "outdated_notice",
    "minify",
    "allow_html",
    "include_hidden",
    "check",
    "categories",
    "exports",
    "alias_pages",
    "alias_rules",
];

/// The settings of the `[check]` table.
const CHECK_KEYS: &[&str] = &["allow", "warn", "deny"];

/// The settings of a `[languages.<code>]` table.
const LANGUAGE_KEYS: &[&str] =
    &["name", "title", "description", "fallback", "list_untranslated", "menu", "cta", "home_url", "home_label"];

/// `[check]`: rule codes to leave out, to report as warnings, to report as errors.
#[derive(Deserialize, Default)]
pub(super) struct RawCheck {
    #[serde(default)]
    allow: Vec<toml::Spanned<String>>,
    #[serde(default)]
    warn: Vec<toml::Spanned<String>>,
    #[serde(default)]
    deny: Vec<toml::Spanned<String>>,
}

/// The rule levels `[check]` sets; an unknown code, a code listed twice and a build error allowed are
/// problems.
pub(super) fn check_levels(
    raw: RawCheck,
    problems: &mut Vec<Diagnostic>,
    at: &impl Fn(std::ops::Range<usize>, String, &str) -> Diagnostic,
) -> crate::rules::Levels {
    use crate::rules::Level;
    let mut levels = crate::rules::Levels::default();
    let mut seen: Vec<&'static str> = Vec::new();
    for (list, level) in [(raw.allow, Level::Allow), (raw.warn, Level::Warn), (raw.deny, Level::Deny)] {
        for code in list {
            let Some(rule) = crate::rules::rule(code.get_ref()) else {
                let hint = match crate::rules::closest(code.get_ref()) {
                    Some(best) => format!("did you mean `{best}`? `glossgen check --explain CODE` describes a rule"),
                    None => "the README lists the codes of `glossgen check`".to_string(),
                };
                problems.push(at(code.span(), format!("[check] names no rule `{}`", code.get_ref()), &hint));
                continue;
            };
            if rule.default == Level::Fixed && level != Level::Deny {
                problems.push(at(
                    code.span(),
                    format!("`{}` finds mistakes the site cannot be built with; it cannot be turned down", rule.code),
                    "fix what it reports instead",
                ));
            } else if seen.contains(&rule.code) {
                problems.push(at(
                    code.span(),
                    format!("`{}` is named twice under [check]", rule.code),
                    "keep it in one of allow, warn and deny",
                ));
            } else {
                seen.push(rule.code);
                levels.set(rule.code, level);
            }
        }
    }
    levels
}

/// Every key of the parsed table that `site.toml` does not know, each at its place.
pub(super) fn unknown_keys(
    table: &toml::de::DeTable<'_>,
    at: &impl Fn(std::ops::Range<usize>, String, &str) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let unknown = |key: &toml::Spanned<toml::de::DeString<'_>>, known: &[&str], within: &str| {
        let name: &str = key.get_ref();
        let hint = match crate::diagnostics::closest(name, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("known settings{within}: {}", known.join(", ")),
        };
        at(key.span(), format!("unknown setting `{name}`{within}"), &hint)
    };
    for (key, value) in table {
        if !TOP_KEYS.contains(&&**key.get_ref()) {
            problems.push(unknown(key, TOP_KEYS, ""));
        } else if &**key.get_ref() == "check"
            && let toml::de::DeValue::Table(settings) = value.get_ref()
        {
            let unknown_here = settings.keys().filter(|k| !CHECK_KEYS.contains(&&**k.get_ref()));
            problems.extend(unknown_here.map(|k| unknown(k, CHECK_KEYS, " in [check]")));
        } else if &**key.get_ref() == "categories" {
            chrome::unknown_in_categories(value.get_ref(), &unknown, &mut problems);
        } else if &**key.get_ref() == "languages"
            && let toml::de::DeValue::Table(languages) = value.get_ref()
        {
            for (code, language) in languages {
                if let toml::de::DeValue::Table(settings) = language.get_ref() {
                    let within = format!(" in [languages.{}]", &**code.get_ref());
                    let unknown_here = settings.keys().filter(|k| !LANGUAGE_KEYS.contains(&&**k.get_ref()));
                    problems.extend(unknown_here.map(|k| unknown(k, LANGUAGE_KEYS, &within)));
                    let within = format!(" in [languages.{}", &**code.get_ref());
                    for (key, value) in settings {
                        chrome::unknown_in_language(key.get_ref(), value.get_ref(), &within, &unknown, &mut problems);
                    }
                }
            }
        }
    }
    problems
}
