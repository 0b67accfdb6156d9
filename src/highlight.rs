//! Syntax highlighting of fenced code blocks with syntect, as CSS classes.
//!
//! The syntax definitions are loaded once per process ([`SYNTAXES`]) and shared by every thread and every
//! rebuild of `serve`; pages carry `class="hl-…"` spans and one stylesheet for the chosen theme is written
//! into the output, so switching themes never re-renders a page.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// The bundled syntax definitions, loaded on first use.
pub static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlighted blocks, keyed by language and code. A translation usually carries the same code as its
/// source, so a bilingual build highlights each block once (bodies are rendered with translations side by
/// side, see [`crate::render_bodies`]); in `serve`, re-rendering a body whose code did not change costs a
/// lookup instead of a parse. Off (`None`) until [`enable_cache`].
static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// (language, code) → highlighted HTML.
type Cache = HashMap<(String, String), Arc<str>>;

/// Keeps highlighted blocks for the rest of the process (builds and the dev server call this).
pub fn enable_cache() {
    if let Ok(mut cache) = CACHE.lock() {
        cache.get_or_insert_with(HashMap::new);
    }
}

/// Forgets the highlighted blocks kept so far (the cache stays on), so a benchmark can measure
/// highlighting from scratch on every iteration.
pub fn clear_cache() {
    if let Ok(mut cache) = CACHE.lock()
        && let Some(cache) = cache.as_mut()
    {
        cache.clear();
    }
}

/// Highlights `code` written in `lang` (a fence info string such as `rust` or `python`), returning the inner
/// HTML of a `<code>` element; unknown languages come back escaped but unhighlighted.
pub fn highlight(code: &str, lang: &str) -> Arc<str> {
    let key = match CACHE.lock() {
        Ok(cache) => match cache.as_ref() {
            None => return highlight_uncached(code, lang).into(),
            Some(cache) => {
                let key = (lang.to_string(), code.to_string());
                if let Some(hit) = cache.get(&key) {
                    return hit.clone();
                }
                key
            }
        },
        Err(_) => return highlight_uncached(code, lang).into(),
    };
    let html: Arc<str> = highlight_uncached(code, lang).into();
    if let Ok(mut cache) = CACHE.lock()
        && let Some(cache) = cache.as_mut()
    {
        cache.insert(key, html.clone());
    }
    html
}

fn highlight_uncached(code: &str, lang: &str) -> String {
    let syntaxes = &*SYNTAXES;
    let Some(syntax) = syntaxes.find_syntax_by_token(lang) else {
        return pulldown_cmark_escape_html(code);
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return pulldown_cmark_escape_html(code);
        }
    }
    generator.finalize()
}

/// The stylesheet for a syntect theme name, or the list of known names if there is no such theme.
pub fn stylesheet(theme: &str) -> Result<String, Vec<String>> {
    static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);
    let themes = &*THEMES;
    let known = || themes.themes.keys().cloned().collect::<Vec<_>>();
    let theme = themes.themes.get(theme).ok_or_else(known)?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|_| known())
}

fn pulldown_cmark_escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_known_languages_with_classes() {
        let html = highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("main"));
    }

    #[test]
    fn escapes_unknown_languages() {
        assert_eq!(&*highlight("<b>&</b>", "no-such-language"), "&lt;b&gt;&amp;&lt;/b&gt;");
    }

    #[test]
    fn stylesheet_for_known_theme() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(stylesheet("nope").unwrap_err().contains(&"InspiredGitHub".to_string()));
    }
}
