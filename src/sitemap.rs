//! `sitemap.xml`, with hreflang alternates so search engines pair the translations of a concept.

use std::fmt::Write;

/// One `<url>` of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapUrl {
    /// Absolute URL of the page.
    pub loc: String,
    /// `(language code, absolute URL)` of every language version, the page itself included.
    pub alternates: Vec<(String, String)>,
    /// The default language, whose version also becomes `x-default`.
    pub default_lang: String,
}

/// Renders the sitemap; URLs are sorted so the file is the same on every build.
pub fn render(urls: &[SitemapUrl]) -> String {
    let mut sorted: Vec<&SitemapUrl> = urls.iter().collect();
    sorted.sort_by(|a, b| a.loc.cmp(&b.loc));
    let mut out = String::with_capacity(urls.len() * 400 + 200);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for url in sorted {
        let _ = writeln!(out, "  <url>\n    <loc>{}</loc>", escape(&url.loc));
        if url.alternates.len() > 1 {
            for (lang, href) in &url.alternates {
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    escape(lang),
                    escape(href)
                );
            }
            if let Some((_, href)) = url.alternates.iter().find(|(l, _)| *l == url.default_lang) {
                let _ = writeln!(
                    out,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>",
                    escape(href)
                );
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_alternates_and_x_default() {
        let xml = render(&[SitemapUrl {
            loc: "https://x.org/nl/a/".into(),
            alternates: vec![("en".into(), "https://x.org/en/a/".into()), ("nl".into(), "https://x.org/nl/a/".into())],
            default_lang: "en".into(),
        }]);
        assert!(xml.contains("<loc>https://x.org/nl/a/</loc>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://x.org/en/a/\""));
    }
}
