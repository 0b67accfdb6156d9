//! Syntax highlighting of fenced code blocks with syntect, as CSS classes.
//!
//! The syntax definitions are loaded once per process ([`SYNTAXES`], read-only data) and shared by every
//! thread and every rebuild of `serve`; pages carry `class="hl-…"` spans and one stylesheet for the chosen theme is written
//! into the output, so switching themes never re-renders a page.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use syntect::highlighting::{Color, ThemeSet};
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
    /// Code comes back escaped, never highlighted: for analysing a site (the language server), where
    /// no page is written.
    plain: bool,
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

    /// A highlighter that only escapes code: what a site's analysis needs, at none of the cost.
    pub fn plain() -> Self {
        Highlighter { plain: true, ..Highlighter::default() }
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
        if self.plain {
            return pulldown_cmark_escape_html(code).into();
        }
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
    let mut theme = themes.themes.get(theme).ok_or_else(known)?.clone();
    // Every colour is made readable on the theme's background (WCAG AA, 4.5:1), and code blocks get that
    // background, whatever the site's stylesheet says.
    let background = theme.settings.background.unwrap_or(Color::WHITE);
    let background = Color { a: 0xff, ..background };
    let foreground = readable(theme.settings.foreground.unwrap_or(Color::BLACK), background);
    theme.settings.foreground = Some(foreground);
    for item in &mut theme.scopes {
        if let Some(colour) = item.style.foreground {
            item.style.foreground = Some(readable(colour, background));
        }
        if item.style.background.is_some() {
            // A scope's own background would need its own contrast check: code keeps the block's.
            item.style.background = None;
        }
    }
    let css = css_for_theme_with_class_style(&theme, CLASS_STYLE).map_err(|_| known())?;
    Ok(format!("{css}\npre.code {{ background-color: {}; color: {}; }}\n", hex(background), hex(foreground)))
}

/// The WCAG contrast ratio of two opaque colours.
pub fn contrast(a: Color, b: Color) -> f64 {
    fn luminance(c: Color) -> f64 {
        let channel = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// `colour` (blended onto `background` if it is translucent), moved towards black on a light background or
/// white on a dark one until it has a contrast of at least 4.6:1 (a little above AA's 4.5, for rounding).
fn readable(colour: Color, background: Color) -> Color {
    let blend = |c: u8, b: u8, alpha: f64| (f64::from(c) * alpha + f64::from(b) * (1.0 - alpha)).round() as u8;
    let alpha = f64::from(colour.a) / 255.0;
    let mut c = Color {
        r: blend(colour.r, background.r, alpha),
        g: blend(colour.g, background.g, alpha),
        b: blend(colour.b, background.b, alpha),
        a: 0xff,
    };
    let towards = if contrast(background, Color::BLACK) > contrast(background, Color::WHITE) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mut step = 0.0;
    while contrast(c, background) < 4.6 && step < 1.0 {
        step += 0.05;
        let mix = |from: u8, to: u8| blend(to, from, step);
        c = Color { r: mix(colour.r, towards.r), g: mix(colour.g, towards.g), b: mix(colour.b, towards.b), a: 0xff };
    }
    c
}

fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
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
    fn every_colour_of_the_default_themes_is_readable_on_their_background() {
        for name in ["InspiredGitHub", "base16-ocean.dark"] {
            let css = stylesheet(name).unwrap();
            let parse = |h: &str| {
                let v = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap();
                Color { r: v(1), g: v(3), b: v(5), a: 0xff }
            };
            let block = css.rsplit("pre.code {").next().unwrap();
            let background = parse(block.split("background-color: ").nth(1).unwrap().get(..7).unwrap());
            let colours: Vec<&str> = css.split("color: #").skip(1).map(|rest| &rest[..6]).filter(|_| true).collect();
            assert!(colours.len() > 10, "{name}: {css}");
            for colour in colours {
                let c = parse(&format!("#{colour}"));
                if c == background {
                    continue;
                }
                let ratio = contrast(c, background);
                assert!(ratio >= 4.5, "{name}: #{colour} on {} is {ratio:.2}:1", hex(background));
            }
        }
    }

    #[test]
    fn stylesheet_for_known_theme() {
        assert!(stylesheet("InspiredGitHub").unwrap().contains(".hl-"));
        assert!(stylesheet("nope").unwrap_err().contains(&"InspiredGitHub".to_string()));
    }
}
