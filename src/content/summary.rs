//! A summary is one sentence of inline Markdown: code, emphasis, strong emphasis, strikethrough. Pages show
//! it as HTML (the lead, cards, link previews, listings); metadata, feeds, exports and the search index use
//! its plain text. Block-level Markdown (a list, a heading, a second paragraph) is refused.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A summary as plain text and as inline HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The words, without markup.
    pub text: String,
    /// Inline HTML (no enclosing paragraph).
    pub html: String,
}

/// Splits a summary's source into plain text and inline HTML; `Err` names the block-level construct it
/// holds. Links keep their text only, and raw HTML is shown as text.
pub fn parse(source: &str) -> Result<Summary, String> {
    let mut text = String::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut paragraphs = 0;
    for event in Parser::new_ext(source, Options::ENABLE_STRIKETHROUGH) {
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
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) | Event::End(TagEnd::Link | TagEnd::Image) => {}
            Event::Text(t) => {
                text.push_str(&t);
                events.push(Event::Text(t));
            }
            Event::Code(t) => {
                text.push_str(&t);
                events.push(Event::Code(t));
            }
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
    Ok(Summary { text, html })
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
        assert_eq!(parse("See [Pod](@/pod.md) <b>now</b>").unwrap().html, "See Pod &lt;b&gt;now&lt;/b&gt;");
    }

    #[test]
    fn block_level_markdown_is_refused() {
        assert_eq!(parse("- a list").unwrap_err(), "a list");
        assert_eq!(parse("# Heading").unwrap_err(), "a heading");
        assert_eq!(parse("> quoted").unwrap_err(), "a block quote");
        assert_eq!(parse("one\n\ntwo").unwrap_err(), "a second paragraph");
    }
}
