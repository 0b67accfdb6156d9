//! A summary is one sentence of inline Markdown: code, emphasis, strong emphasis, strikethrough and links to
//! concepts (`[text](@/<id>.md)`, `[[name]]`). Pages show it as HTML (the lead, cards, link previews,
//! listings); metadata, feeds, exports and the search index use its plain text. Block-level Markdown (a list,
//! a heading, a second paragraph) is refused.
//!
//! Where a concept link leads is known only once every entry is loaded: the HTML made here holds a numbered
//! mark for each link's address and badge, which the link stage fills in ([`Summary::links`]).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A summary as plain text and as inline HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The words, without markup.
    pub text: String,
    /// Inline HTML (no enclosing paragraph); with [`Summary::links`], marks for the link stage to fill in.
    pub html: String,
    /// The concept links, in order; link `n`'s address is written [`address_mark`]`(n)` in `html`, and
    /// [`badge_mark`]`(n)` stands where a badge goes if it leads to another language.
    pub links: Vec<SummaryLink>,
}

/// A link to a concept in a summary, as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SummaryLink {
    /// `[text](@/<id>.md)`: the id as written (without `.md` or an anchor).
    Id(String),
    /// `[[name]]`: a title or alias.
    Name(String),
}

/// The mark that stands for the address of link `n` in a summary's HTML.
pub fn address_mark(n: usize) -> String {
    format!("\u{1}{n}\u{1}")
}

/// The mark that stands for the badge of link `n` in a summary's HTML.
pub fn badge_mark(n: usize) -> String {
    format!("\u{2}{n}\u{2}")
}

/// Splits a summary's source into plain text and inline HTML; `Err` names the block-level construct it
/// holds. Links to concepts are kept for the link stage; other links keep their text only, and raw HTML is
/// shown as text.
pub fn parse(source: &str) -> Result<Summary, String> {
    // The marks' characters never come from the source.
    let cleaned: String;
    let source = if source.contains(['\u{1}', '\u{2}']) {
        cleaned = source.replace(['\u{1}', '\u{2}'], "");
        cleaned.as_str()
    } else {
        source
    };
    let mut text = String::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut links = Vec::new();
    let mut open: Vec<bool> = Vec::new();
    let mut paragraphs = 0;
    for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_WIKILINKS) {
        match event {
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                if paragraphs > 1 {
                    return Err("a second paragraph".to_string());
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => events.push(event),
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let link = match link_type {
                    pulldown_cmark::LinkType::WikiLink { .. } => Some(SummaryLink::Name(dest_url.to_string())),
                    _ => dest_url.strip_prefix("@/").map(|rest| {
                        let path = rest.split('#').next().unwrap_or_default();
                        SummaryLink::Id(path.strip_suffix(".md").unwrap_or(path).to_string())
                    }),
                };
                open.push(link.is_some());
                if let Some(link) = link {
                    let html = format!("<a class=\"summary-link\" href=\"{}\">", address_mark(links.len()));
                    events.push(Event::Html(html.into()));
                    links.push(link);
                }
            }
            Event::End(TagEnd::Link) => {
                if open.pop() == Some(true) {
                    events.push(Event::Html(format!("{}</a>", badge_mark(links.len() - 1)).into()));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Text(t) => {
                text.push_str(&t);
                events.push(Event::Text(t));
            }
            Event::Code(t) => {
                text.push_str(&t);
                events.push(Event::Code(t));
            }
            // A comment is the author's note to themselves: neither shown nor indexed.
            Event::InlineHtml(t) | Event::Html(t) if t.trim_start().starts_with("<!--") => {}
            Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(&t);
                events.push(Event::Text(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                events.push(Event::Text(" ".into()));
            }
            Event::Start(tag) => return Err(block_name(&tag).to_string()),
            other => return Err(format!("{other:?}")),
        }
    }
    let mut html = String::with_capacity(source.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(Summary { text, html, links })
}

fn block_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::Heading { .. } => "a heading",
        Tag::BlockQuote(_) => "a block quote",
        Tag::CodeBlock(_) => "a code block",
        Tag::List(_) | Tag::Item => "a list",
        Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell => "a table",
        Tag::FootnoteDefinition(_) => "a footnote",
        _ => "block-level Markdown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markdown_becomes_html_and_plain_text() {
        let s = parse("`kube-proxy` is a *network* proxy & **more**").unwrap();
        assert_eq!(s.text, "kube-proxy is a network proxy & more");
        assert_eq!(s.html, "<code>kube-proxy</code> is a <em>network</em> proxy &amp; <strong>more</strong>");
        let plain = parse("A plain sentence.").unwrap();
        assert_eq!((plain.text.as_str(), plain.html.as_str()), ("A plain sentence.", "A plain sentence."));
        assert_eq!(parse("See [Pod](https://x.org/) <b>now</b>").unwrap().html, "See Pod &lt;b&gt;now&lt;/b&gt;");
    }

    #[test]
    fn concept_links_are_kept_for_the_link_stage() {
        let s = parse("A [pod](@/pod.md#spec) runs on a [[Node]].").unwrap();
        assert_eq!(s.text, "A pod runs on a Node.");
        assert_eq!(s.links, [SummaryLink::Id("pod".into()), SummaryLink::Name("Node".into())]);
        let expected = format!(
            "A <a class=\"summary-link\" href=\"{}\">pod{}</a> runs on a <a class=\"summary-link\" href=\"{}\">Node{}</a>.",
            address_mark(0),
            badge_mark(0),
            address_mark(1),
            badge_mark(1)
        );
        assert_eq!(s.html, expected);
        assert!(parse("sneaky \u{1}0\u{1} marks").unwrap().links.is_empty());
        assert!(!parse("sneaky \u{1}0\u{1} marks").unwrap().html.contains('\u{1}'));
    }

    #[test]
    fn block_level_markdown_is_refused() {
        assert_eq!(parse("- a list").unwrap_err(), "a list");
        assert_eq!(parse("# Heading").unwrap_err(), "a heading");
        assert_eq!(parse("> quoted").unwrap_err(), "a block quote");
        assert_eq!(parse("one\n\ntwo").unwrap_err(), "a second paragraph");
    }
}
