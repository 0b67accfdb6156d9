//! An entry as translatable segments: its title, summary and aliases, and its body split by block (headings,
//! paragraphs, list items, table cells). What a translator must not change is protected: inline code, raw
//! HTML, images and footnote references are placeholders; a link keeps its text translatable between two
//! protected halves (`[` and `](@/id.md)`, or `[[name|` and `]]` for a wiki link, whose name is its target).
//! Code blocks are not segments at all.
//!
//! A segment is a list of [`Piece`]s; [`Segment::markdown`] puts a translation's pieces back together, and
//! [`body_with`] puts translated segments back into a body, keeping everything between them (the Markdown
//! of headings, lists and tables, blank lines, code blocks) as it was.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use crate::content::Entry;

/// Part of a segment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text the translator translates.
    Text(String),
    /// Protected Markdown that stands alone (inline code, raw HTML, an image…): `<ph>`.
    Code {
        /// Its number within the unit.
        id: usize,
        /// The Markdown it stands for.
        data: String,
    },
    /// The protected start of a span whose inside is translated (`[` of a link): `<pc>` opens.
    Open {
        /// Its number within the unit (the same as its [`Piece::Close`]).
        id: usize,
        /// The Markdown it stands for.
        data: String,
    },
    /// The protected end of a span (`](@/id.md)`): `<pc>` closes.
    Close {
        /// Its number within the unit.
        id: usize,
        /// The Markdown it stands for.
        data: String,
    },
}

/// One translatable segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// `title`, `summary`, `alias-N` or `body-N` (1-based).
    pub id: String,
    /// Its text and protected codes.
    pub pieces: Vec<Piece>,
    /// The Markdown as written (a wiki link as `[[name]]`, where [`Segment::markdown`] spells it out).
    pub raw: String,
}

impl Segment {
    /// The segment as Markdown again.
    pub fn markdown(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_str(),
                Piece::Code { data, .. } | Piece::Open { data, .. } | Piece::Close { data, .. } => data.as_str(),
            })
            .collect()
    }

    /// The numbers of its protected codes, in order (a span's once).
    pub fn code_ids(&self) -> Vec<usize> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Code { id, .. } | Piece::Open { id, .. } => Some(*id),
                _ => None,
            })
            .collect()
    }
}

/// The body's segments and the byte ranges of the body they come from.
#[derive(Debug, Clone, Default)]
pub struct BodySegments {
    /// The segments, in order.
    pub segments: Vec<Segment>,
    /// Where each segment's text is in the body.
    pub ranges: Vec<std::ops::Range<usize>>,
    /// The code blocks (not translated; shown to translators for context).
    pub code_blocks: Vec<String>,
}

/// Every segment of an entry: title, summary, aliases, then the body. Code numbers are unique within the
/// entry, counting from `1`.
pub fn entry_segments(entry: &Entry) -> (Vec<Segment>, BodySegments) {
    let mut next = 1;
    let mut fields = vec![
        Segment { id: "title".into(), pieces: vec![Piece::Text(entry.title.clone())], raw: entry.title.clone() },
        inline_segment("summary", &entry.summary, &mut next),
    ];
    for (n, alias) in entry.aliases.iter().enumerate() {
        let pieces = vec![Piece::Text(alias.clone())];
        fields.push(Segment { id: format!("alias-{}", n + 1), pieces, raw: alias.clone() });
    }
    let body = body_segments(&entry.body, &mut next);
    (fields, body)
}

/// A one-line field (the summary) as a segment.
fn inline_segment(id: &str, text: &str, next: &mut usize) -> Segment {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(text, crate::markdown::options()).into_offset_iter().collect();
    let range = 0..text.len();
    Segment { id: id.into(), pieces: pieces(text, range, &events, &[], next), raw: text.to_string() }
}

/// The blocks of a body whose text is translated.
fn body_segments(body: &str, next: &mut usize) -> BodySegments {
    let tags = shortcode_tags(body, 0);
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(body, crate::markdown::options()).into_offset_iter().collect();
    // Each open container holds the range of the inline content seen in it so far, and where in `events`
    // that content starts.
    let mut open: Vec<Option<(std::ops::Range<usize>, usize)>> = Vec::new();
    let mut found: Vec<(std::ops::Range<usize>, usize, usize)> = Vec::new();
    let mut code_blocks = Vec::new();
    let mut in_code = false;
    let flush = |slot: &mut Option<(std::ops::Range<usize>, usize)>, at: usize, found: &mut Vec<_>| {
        if let Some((range, from)) = slot.take() {
            found.push((range, from, at));
        }
    };
    for (at, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                code_blocks.push(body[range.clone()].trim_end().to_string());
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ if in_code => {}
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) => {
                if let Some(top) = open.last_mut() {
                    flush(top, at, &mut found);
                }
                open.push(None);
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)) => {
                if let Some(top) = open.last_mut() {
                    flush(top, at, &mut found);
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => {
                if let Some(mut top) = open.pop() {
                    flush(&mut top, at, &mut found);
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow | Tag::HtmlBlock | Tag::MetadataBlock(_))
            | Event::End(
                TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_)
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => {}
            Event::Start(_)
            | Event::End(_)
            | Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineMath(_) => {
                if let Some(top) = open.last_mut() {
                    match top {
                        Some((r, _)) => {
                            r.start = r.start.min(range.start);
                            r.end = r.end.max(range.end);
                        }
                        None => *top = Some((range.clone(), at)),
                    }
                }
            }
            _ => {}
        }
    }
    found.sort_by_key(|(r, _, _)| r.start);
    let mut out = BodySegments { code_blocks, ..Default::default() };
    for (range, from, to) in found {
        // Trailing line breaks belong to the block's layout, not to its text.
        let text = &body[range.clone()];
        let range = range.start..range.start + text.trim_end().len();
        if range.is_empty() {
            continue;
        }
        let id = format!("body-{}", out.segments.len() + 1);
        let raw = body[range.clone()].to_string();
        let pieces = pieces(body, range.clone(), &events[from..to], &tags, next);
        out.segments.push(Segment { id, pieces, raw });
        out.ranges.push(range);
    }
    out
}

/// Where the shortcode syntax of `text` (which starts at `base` of the body) is: each inline call whole, and
/// the opening and closing tags of a call with a body, whose body is text like any other (its own calls
/// included). Translators keep them as they are.
fn shortcode_tags(text: &str, base: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for call in crate::content::shortcodes::find(text).calls {
        match &call.body {
            Some(body) => {
                out.push(base + call.span.start..base + body.start);
                out.extend(shortcode_tags(&text[body.clone()], base + body.start));
                out.push(base + body.end..base + call.span.end);
            }
            None => out.push(base + call.span.start..base + call.span.end),
        }
    }
    out
}

/// The pieces of `source[range]`: text, with the protected parts the events in it mark, and the shortcode
/// syntax at `tags`.
fn pieces(
    source: &str,
    range: std::ops::Range<usize>,
    events: &[(Event<'_>, std::ops::Range<usize>)],
    tags: &[std::ops::Range<usize>],
    next: &mut usize,
) -> Vec<Piece> {
    // Protected spans: (start, end, kind), kind 0 stands alone, 1 opens and 2 closes a span.
    let mut spans: Vec<(usize, usize, u8, usize)> = Vec::new();
    for tag in tags {
        // The part of a tag inside this segment (a tag's line break may fall outside it).
        let (start, end) = (tag.start.max(range.start), tag.end.min(range.end));
        if start < end {
            spans.push((start, end, 0, 0));
        }
    }
    let mut links: Vec<(std::ops::Range<usize>, Option<std::ops::Range<usize>>, bool)> = Vec::new();
    for (event, r) in events {
        if r.start < range.start || r.end > range.end {
            continue;
        }
        match event {
            Event::Start(Tag::Link { link_type, .. }) => {
                if matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                    // `[[name]]`: the name is the link's target, so it is protected; the text shown is
                    // translatable, as `[[name|text]]`.
                    spans.push((r.start, r.end, 3, 0));
                }
                let standalone = matches!(
                    link_type,
                    LinkType::WikiLink { has_pothole: false } | LinkType::Autolink | LinkType::Email
                );
                links.push((r.clone(), None, standalone));
            }
            Event::End(TagEnd::Link) => {
                if let Some((whole, inner, standalone)) = links.pop() {
                    if spans.iter().any(|s| s.2 == 3 && s.0 == whole.start) {
                        continue;
                    }
                    match inner.filter(|_| !standalone) {
                        Some(inner) if inner.start > whole.start && inner.end < whole.end => {
                            // The two halves find each other by where the link starts.
                            spans.push((whole.start, inner.start, 1, whole.start));
                            spans.push((inner.end, whole.end, 2, whole.start));
                        }
                        _ => spans.push((whole.start, whole.end, 0, 0)),
                    }
                }
            }
            Event::Start(Tag::Image { .. }) | Event::Code(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {
                spans.push((r.start, r.end, 0, 0));
            }
            _ => {}
        }
        if let Some((_, inner, _)) = links.last_mut()
            && !matches!(event, Event::Start(Tag::Link { .. }))
        {
            let r = r.clone();
            *inner = Some(match inner.take() {
                Some(i) => i.start.min(r.start)..i.end.max(r.end),
                None => r,
            });
        }
    }
    spans.sort_by_key(|s| (s.0, s.2 == 2));
    let mut out = Vec::new();
    let mut at = range.start;
    // Numbers in the order the codes come; a span's end takes its start's.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (start, end, kind, pair) in spans {
        if start < at {
            // Inside a protected part already (code in an image's text).
            continue;
        }
        if start > at {
            out.push(Piece::Text(source[at..start].to_string()));
        }
        let data = source[start..end].to_string();
        let id = match kind {
            2 => match pairs.iter().find(|(p, _)| *p == pair) {
                Some(&(_, id)) => id,
                None => continue,
            },
            _ => take(next),
        };
        if kind == 1 {
            pairs.push((pair, id));
        }
        if kind == 3 {
            let name = data.trim_start_matches("[[").trim_end_matches("]]");
            out.push(Piece::Open { id, data: format!("[[{name}|") });
            out.push(Piece::Text(name.to_string()));
            out.push(Piece::Close { id, data: "]]".into() });
            at = end;
            continue;
        }
        out.push(match kind {
            1 => Piece::Open { id, data },
            2 => Piece::Close { id, data },
            _ => Piece::Code { id, data },
        });
        at = end;
    }
    if at < range.end {
        out.push(Piece::Text(source[at..range.end].to_string()));
    }
    out
}

fn take(next: &mut usize) -> usize {
    *next += 1;
    *next - 1
}

/// `body` with the text of each segment (at `ranges`) replaced by `texts`, in order; everything between is
/// kept byte for byte.
pub fn body_with(body: &str, ranges: &[std::ops::Range<usize>], texts: &[String]) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    let mut at = 0;
    for (range, text) in ranges.iter().zip(texts) {
        out.push_str(&body[at..range.start]);
        out.push_str(text);
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(body: &str) -> BodySegments {
        body_segments(body, &mut 1)
    }

    #[test]
    fn blocks_become_segments_and_the_layout_stays_between_them() {
        let body = "## What is it?\n\nA [model](@/model.md) with `code`.\nSecond line.\n\n- one\n- two [[Token]]\n\n```rust\nlet x = 1;\n```\n\n| a | b |\n|---|---|\n| c | d |\n";
        let s = segments(body);
        let texts: Vec<String> = s.segments.iter().map(Segment::markdown).collect();
        assert_eq!(
            texts,
            [
                "What is it?",
                "A [model](@/model.md) with `code`.\nSecond line.",
                "one",
                "two [[Token|Token]]",
                "a",
                "b",
                "c",
                "d"
            ]
        );
        assert_eq!(s.code_blocks, ["```rust\nlet x = 1;\n```"]);
        let second = &s.segments[1].pieces;
        assert_eq!(second[0], Piece::Text("A ".into()));
        assert!(matches!(&second[1], Piece::Open { data, .. } if data == "["));
        assert_eq!(second[2], Piece::Text("model".into()));
        assert!(matches!(&second[3], Piece::Close { data, .. } if data == "](@/model.md)"));
        assert!(matches!(&second[5], Piece::Code { data, .. } if data == "`code`"));
        assert!(matches!(&s.segments[3].pieces[1], Piece::Open { data, .. } if data == "[[Token|"));
        assert_eq!(s.segments[3].pieces[2], Piece::Text("Token".into()));
        // Putting the same texts back gives the same body, a wiki link with its name spelt out; other texts
        // keep the layout.
        let same: Vec<String> = s.segments.iter().map(Segment::markdown).collect();
        assert_eq!(body_with(body, &s.ranges, &same), body.replace("[[Token]]", "[[Token|Token]]"));
        let dutch: Vec<String> = same.iter().map(|t| format!("NL {t}")).collect();
        let translated = body_with(body, &s.ranges, &dutch);
        assert!(translated.starts_with("## NL What is it?\n\nNL A [model]"), "{translated}");
        assert!(translated.contains("- NL one\n- NL two [[Token|Token]]\n\n```rust\nlet x = 1;\n```"), "{translated}");
        assert!(translated.ends_with("| NL c | NL d |\n"), "{translated}");
    }

    #[test]
    fn nested_lists_split_their_items() {
        let s = segments("- outer\n  - inner\n- last\n");
        let texts: Vec<String> = s.segments.iter().map(Segment::markdown).collect();
        assert_eq!(texts, ["outer", "inner", "last"]);
    }

    #[test]
    fn shortcodes_are_kept_out_of_the_translated_text() {
        let body =
            "{% tip(title=\"Keep it sealed\") %}\nLook once, see {{ term(id=\"benchmark\") }}.\n{% end %}\n\nAfter.\n";
        let s = segments(body);
        let first = &s.segments[0].pieces;
        assert!(
            matches!(&first[0], Piece::Code { data, .. } if data == "{% tip(title=\"Keep it sealed\") %}"),
            "{first:?}"
        );
        assert!(first.contains(&Piece::Text("\nLook once, see ".into())), "{first:?}");
        assert!(first.iter().any(|p| matches!(p, Piece::Code { data, .. } if data == "{{ term(id=\"benchmark\") }}")));
        assert!(matches!(first.last(), Some(Piece::Code { data, .. }) if data == "{% end %}"), "{first:?}");
        let same: Vec<String> = s.segments.iter().map(Segment::markdown).collect();
        assert_eq!(body_with(body, &s.ranges, &same), body);
    }

    #[test]
    fn code_numbers_are_unique_in_an_entry() {
        let mut next = 1;
        let a = inline_segment("summary", "`a` and [b](@/b.md)", &mut next);
        let body = body_segments("`c`", &mut next);
        assert_eq!(a.code_ids(), [1, 2]);
        assert_eq!(body.segments[0].code_ids(), [3]);
    }
}
