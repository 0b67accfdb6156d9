//! Syntax highlighting of fenced code blocks with syntect, as CSS classes.
//!
//! The syntax definitions are loaded once per process ([`SYNTAXES`], read-only data) and shared by every
//! thread and every rebuild of `serve`; pages carry `class="hl-…"` spans and one stylesheet for the chosen theme is written
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

/// Highlights code blocks and remembers the result, keyed by language and code. A translation usually
/// carries the same code as its source, so a bilingual build highlights each block once (bodies are
/// rendered with their translations side by side, see [`crate::render::bodies`]); in `serve`, which keeps one
/// highlighter for its whole run, re-rendering a body whose code did not change costs a lookup instead of a
/// parse. The memory is bounded: past [`Highlighter::LIMIT`] bytes of HTML it starts afresh.
#[derive(Debug, Default)]
pub struct Highlighter {
    cache: Mutex<Cache>,
}

/// (language, code) → highlighted HTML, and the bytes of HTML held.
#[derive(Debug, Default)]
struct Cache {
    blocks: HashMap<(String, String), Arc<str>>,
    bytes: usize,
}

impl Highlighter {
    /// How much highlighted HTML one highlighter keeps at most.
    pub const LIMIT: usize = 256 << 20;

    /// A highlighter with nothing remembered yet.
    pub fn new() -> Self {
        Highlighter::default()
    }

    /// Forgets the blocks kept so far, so a benchmark can measure highlighting from scratch.
    pub fn clear(&self) {
        if let Ok(mut cache) = self.cache.lock() {
            *cache = Cache::default();
        }
    }

    /// Highlights `code` written in `lang` (a fence info string such as `rust` or `python`), returning the
    /// inner HTML of a `<code>` element; unknown languages come back escaped but unhighlighted.
    pub fn highlight(&self, code: &str, lang: &str) -> Arc<str> {
        let key = (lang.to_string(), code.to_string());
        if let Some(hit) = self.cache.lock().ok().and_then(|cache| cache.blocks.get(&key).cloned()) {
            return hit;
        }
        let html: Arc<str> = highlight_uncached(code, lang).into();
        if let Ok(mut cache) = self.cache.lock() {
            let size = key.0.len() + key.1.len() + html.len();
            if cache.bytes + size > Self::LIMIT {
                *cache = Cache::default();
            }
            cache.bytes += size;
            cache.blocks.insert(key, html.clone());
        }
        html
    }
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
        let html = Highlighter::new().highlight("fn main() {}\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("main"));
    }

    #[test]
    fn escapes_unknown_languages() {
        assert_eq!(&*Highlighter::new().highlight("<b>&</b>", "no-such-language"), "&lt;b&gt;&amp;&lt;/b&gt;");
    }

    #[test]
    fn stylesheet_for_known_theme() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(stylesheet("nope").unwrap_err().contains(&"InspiredGitHub".to_string()));
    }
}
