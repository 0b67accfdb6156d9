//! Optional minification of the output (`minify = true` in `site.toml`), with minify-html configured to keep
//! pages valid HTML: closing tags, `<html>`/`<head>`, the doctype and the spaces between attributes stay.

use std::io;

use crate::output::Sink;

fn config() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg
}

/// Minifies a whole HTML document.
pub fn html(bytes: &[u8]) -> Vec<u8> {
    minify_html::minify(bytes, &config())
}

/// Minifies a stylesheet or script by minifying it as the only content of a `<style>` or `<script>` element;
/// falls back to the original if the wrapper does not come back as expected.
fn embedded(bytes: &[u8], open: &str, close: &str) -> Vec<u8> {
    let mut doc = open.as_bytes().to_vec();
    doc.extend_from_slice(bytes);
    doc.extend_from_slice(close.as_bytes());
    let out = minify_html::minify(&doc, &config());
    let text = String::from_utf8_lossy(&out);
    match text.find('>').zip(text.rfind('<')) {
        Some((start, end)) if start < end && text[..start].starts_with(open.trim_end_matches('>')) => {
            text[start + 1..end].as_bytes().to_vec()
        }
        _ => bytes.to_vec(),
    }
}

/// Writes through to another sink, minifying HTML, CSS and JavaScript on the way.
pub struct Minifying<'a> {
    inner: &'a dyn Sink,
}

impl<'a> Minifying<'a> {
    /// Wraps `inner`.
    pub fn new(inner: &'a dyn Sink) -> Self {
        Minifying { inner }
    }
}

impl Sink for Minifying<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let out = match path.rsplit('.').next() {
            Some("html") => html(bytes),
            Some("css") => embedded(bytes, "<style>", "</style>"),
            Some("js") => embedded(bytes, "<script>", "</script>"),
            _ => return self.inner.write(path, bytes),
        };
        self.inner.write(path, &out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_stays_valid_and_shrinks() {
        let page = b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>x</title>\n</head>\n<body>\n  <p class=\"a\"  id=\"b\">  text  </p>\n</body>\n</html>\n";
        let out = String::from_utf8(html(page)).unwrap();
        assert!(out.len() < page.len());
        assert!(out.starts_with("<!DOCTYPE html>") || out.starts_with("<!doctype html>"), "{out}");
        assert!(
            out.contains("<p class=a id=b>") || out.contains("class=\"a\" id=\"b\""),
            "attributes keep their spaces: {out}"
        );
        assert!(out.contains("</p>") && out.contains("<head>"), "{out}");
    }

    #[test]
    fn css_and_js_are_minified() {
        let css = embedded(b"body {\n  color : red ;\n}\n/* note */\n", "<style>", "</style>");
        assert_eq!(String::from_utf8(css).unwrap(), "body{color:red}");
        let source = b"const  a = 1 ;\nconsole.log( a );\n";
        let js = String::from_utf8(embedded(source, "<script>", "</script>")).unwrap();
        assert!(js.len() < source.len() && js.contains("console.log("), "{js}");
    }
}
