//! Entry bodies from Markdown to HTML, with glossary-aware links.
//!
//! One pass over pulldown-cmark's events does all the glossary-specific work: links to concepts resolve and
//! carry a preview of the target's summary ([`links`]), headings get stable, de-duplicated anchor ids, fenced
//! code is highlighted by [`crate::highlight`], and footnote ids are prefixed so they cannot clash with the
//! theme's own ids. The concepts linked are returned, so the site can list backlinks.

mod calls;
mod links;

pub use calls::Shortcodes;

pub use links::Badges;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::content::Entry;
use crate::diagnostics::{Diagnostic, line_col};
use crate::link::{EntryIndex, Glossary};
use crate::slug::Slug;
use crate::types::LangPos;

/// What rendering a body needs to know about the rest of the site.
pub struct LinkTargets<'a> {
    /// The linked glossary.
    pub glossary: &'a Glossary,
    /// Turns an entry into the URL links to it should use.
    pub url_of: &'a (dyn Fn(EntryIndex) -> String + Sync),
    /// Whether the site links mentions of concept names (`autolink` in `site.toml`).
    pub autolink: bool,
    /// Whether raw HTML in bodies is passed through (`allow_html` in `site.toml`) or shown as text.
    pub allow_html: bool,
    /// Highlights fenced code, remembering blocks for the build or the dev server that owns it.
    pub highlighter: &'a crate::highlight::Highlighter,
    /// The badges of links that lead to another language.
    pub badges: &'a Badges,
    /// The shortcode templates bodies can call.
    pub shortcodes: &'a Shortcodes,
}

/// Ids the default theme uses on entry pages; body headings never take them.
pub const THEME_IDS: &[&str] = &["main", "sources", "related", "referenced-by", "search"];

/// A heading of the body, for a table of contents and for checking `#anchor` links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// The heading's plain text.
    pub text: String,
}

/// The rendered body of an entry.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    /// HTML of the body, shared between rebuilds that keep it.
    pub html: std::sync::Arc<str>,
    /// Entries this body links to, in order of first appearance, without repeats (shared between rebuilds
    /// that keep the body).
    pub links: std::sync::Arc<[EntryIndex]>,
    /// The headings, in order (shared between rebuilds that keep the body).
    pub headings: std::sync::Arc<[Heading]>,
    /// Some link falls back to another language: the names of that language matter to this body.
    pub falls_back: bool,
    /// Links to a section of another entry (`@/id.md#anchor`), checked once every body is rendered.
    pub anchors: Vec<Anchored>,
    /// Links by path into the site (`../x/`, `/en/x/`), checked once every page is known.
    pub local_links: Vec<Located>,
    /// The warnings rendering found (a link that falls back to another language). Kept with the body so
    /// that whoever keeps a site up to date (the language server) knows every body's findings, including
    /// those of bodies carried over from an earlier build.
    pub problems: Vec<crate::diagnostics::Diagnostic>,
}

/// A link to `#anchor` of the entry `target`, written at `line`:`column` of the linking entry's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchored {
    /// The entry linked to.
    pub target: EntryIndex,
    /// The anchor, without `#`.
    pub anchor: String,
    /// Where the link is written.
    pub at: (usize, usize),
}

/// A link address as written, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The address.
    pub href: String,
    /// Line and column in the entry file.
    pub at: (usize, usize),
}

pub use crate::content::body_options as options;

/// Renders the body of `glossary.entries[index]`.
pub fn render(index: EntryIndex, targets: &LinkTargets<'_>) -> (RenderedBody, Vec<Diagnostic>) {
    let glossary = targets.glossary;
    let entry = &glossary.entries[index];
    let mut state = State {
        entry,
        index,
        lang_pos: glossary.lang_pos(index),
        targets,
        out: Vec::new(),
        body: RenderedBody::default(),
        problems: Vec::new(),
        heading_ids: THEME_IDS.iter().map(|id| id.to_string()).collect(),
        headings: Vec::new(),
        footnotes: HashMap::new(),
        links: links::LinkState::new(targets.autolink && entry.autolink),
        linked_to: Vec::new(),
        frames: Vec::new(),
        paragraphs: 0,
        inline_depth: 0,
        split_paragraphs: false,
        nth: HashMap::new(),
    };
    state.run_source(&entry.body, 0);
    let mut html = String::with_capacity(entry.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, state.out.into_iter());
    if state.split_paragraphs {
        calls::tidy_split_paragraphs(&mut html);
    }
    if html.contains("></th>") {
        html = without_empty_headers(&html);
    }
    state.body.html = html.into();
    state.body.headings = state.headings.into();
    state.body.links = state.linked_to.into();
    (state.body, state.problems)
}

/// Empty header cells (the corner of a table whose rows are labelled) become plain cells: a header that
/// names nothing confuses screen readers.
fn without_empty_headers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<th") {
        let after = &rest[start..];
        let Some(close) = after.find('>') else { break };
        if after[close + 1..].starts_with("</th>")
            && (after.as_bytes().get(3) == Some(&b'>') || after.as_bytes().get(3) == Some(&b' '))
        {
            out.push_str(&rest[..start]);
            out.push_str("<td");
            out.push_str(&after[3..=close]);
            out.push_str("</td>");
            rest = &after[close + 1 + "</th>".len()..];
        } else {
            out.push_str(&rest[..start + 3]);
            rest = &rest[start + 3..];
        }
    }
    out.push_str(rest);
    out
}

fn collect_until<'a>(
    parser: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    is_end: impl Fn(&Event<'a>) -> bool,
) -> Vec<(Event<'a>, std::ops::Range<usize>)> {
    let mut inner = Vec::new();
    for (event, range) in parser.by_ref() {
        if is_end(&event) {
            break;
        }
        inner.push((event, range));
    }
    inner
}

struct State<'a, 't> {
    entry: &'a Entry,
    index: EntryIndex,
    lang_pos: LangPos,
    targets: &'a LinkTargets<'t>,
    out: Vec<Event<'a>>,
    body: RenderedBody,
    problems: Vec<Diagnostic>,
    heading_ids: HashSet<String>,
    headings: Vec<Heading>,
    footnotes: HashMap<String, usize>,
    links: links::LinkState,
    /// Entries this body links to so far, in order of first appearance.
    linked_to: Vec<EntryIndex>,
    /// The texts whose shortcode calls are being rendered, innermost last.
    frames: Vec<calls::Frame>,
    /// Open paragraphs, where a call with a body splits the paragraph.
    paragraphs: usize,
    /// Open emphasis, links and table cells, where a call with a body cannot stand.
    inline_depth: i32,
    /// Some paragraph was split, so the HTML may hold empty paragraphs.
    split_paragraphs: bool,
    /// How many times each shortcode was called so far (`nth` in its template).
    nth: HashMap<String, usize>,
}

impl<'a> State<'a, '_> {
    /// Renders parsed events whose ranges are offsets into the entry's body.
    fn run(&mut self, parser: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>) {
        // Smart punctuation and entities cut text into pieces; a mention (and its "'s") may span them.
        let mut parser = pulldown_cmark::TextMergeWithOffset::new(parser);
        while let Some((event, range)) = parser.next() {
            self.inline_depth += calls::inline_change(&event);
            match &event {
                Event::Start(Tag::Paragraph) => self.paragraphs += 1,
                Event::End(TagEnd::Paragraph) => self.paragraphs = self.paragraphs.saturating_sub(1),
                _ => {}
            }
            match event {
                Event::Start(Tag::Heading { level, id, classes, .. }) => {
                    let inner = collect_until(&mut parser, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                    self.heading(level, id, classes, inner);
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let inner = collect_until(&mut parser, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                    self.code_block(kind, inner);
                }
                Event::Start(Tag::Link { .. } | Tag::Image { .. })
                | Event::End(TagEnd::Link | TagEnd::Image)
                | Event::Text(_)
                | Event::InlineHtml(_) => self.push(event, range.start),
                Event::FootnoteReference(name) => {
                    let n = self.footnote_number(&name);
                    let id = Slug::from_text(&name).map(|s| s.to_string()).unwrap_or_else(|_| n.to_string());
                    self.out.push(Event::Html(
                        format!(
                            "<sup class=\"footnote-reference\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{n}</a></sup>"
                        )
                        .into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let n = self.footnote_number(&name);
                    let id = Slug::from_text(&name).map(|s| s.to_string()).unwrap_or_else(|_| n.to_string());
                    self.out.push(Event::Html(
                        format!("<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>").into(),
                    ));
                }
                Event::End(TagEnd::FootnoteDefinition) => self.out.push(Event::Html("</div>".into())),
                Event::Html(html) if !self.targets.allow_html => self.out.push(Event::Text(html)),
                other => self.out.push(other),
            }
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = line_col(&self.entry.body, offset);
        (self.entry.body_line + line - 1, column)
    }

    /// Emits an event; links and text go through the glossary's link handling. `offset` locates problems.
    fn push(&mut self, event: Event<'a>, offset: usize) {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.open_link(link_type, dest_url, title, id, offset)
            }
            Event::End(TagEnd::Link) => self.close_link(),
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.links.images += 1;
                let dest_url = self.refuse_script_url(dest_url, offset);
                self.out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::End(TagEnd::Image) => {
                self.links.images = self.links.images.saturating_sub(1);
                self.out.push(event);
            }
            Event::InlineHtml(html) if !self.targets.allow_html => self.out.push(Event::Text(html)),
            Event::InlineHtml(html) => {
                self.links.track_inline_html(&html);
                self.out.push(Event::InlineHtml(html));
            }
            Event::Text(text) => self.text_with_calls(text),
            other => self.out.push(other),
        }
    }

    fn heading(
        &mut self,
        level: HeadingLevel,
        explicit_id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        inner: Vec<(Event<'a>, std::ops::Range<usize>)>,
    ) {
        let mut text = String::new();
        for (event, _) in &inner {
            if let Event::Text(t) | Event::Code(t) = event {
                text.extend(t.chars().filter(|&c| {
                    c != crate::content::shortcodes::PLACEHOLDER && crate::content::shortcodes::call_number(c).is_none()
                }));
            }
        }
        let base = match explicit_id {
            Some(id) => id.to_string(),
            None => Slug::from_text(&text).map(|s| s.to_string()).unwrap_or_else(|_| "section".to_string()),
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.heading_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let level_n = level as u8;
        let mut open = format!("<h{level_n} id=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut open, &id);
        open.push('"');
        if !classes.is_empty() {
            open.push_str(" class=\"");
            let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
            let _ = pulldown_cmark_escape::escape_html(&mut open, &joined.join(" "));
            open.push('"');
        }
        open.push('>');
        self.out.push(Event::Html(open.into()));
        self.links.headings += 1;
        for (event, range) in inner {
            self.push(event, range.start);
        }
        self.links.headings -= 1;
        self.out.push(Event::Html(format!("</h{level_n}>").into()));
        self.headings.push(Heading { level: level_n, id, text });
    }

    fn code_block(&mut self, kind: CodeBlockKind<'a>, inner: Vec<(Event<'a>, std::ops::Range<usize>)>) {
        let mut code = String::new();
        for (event, _) in inner {
            if let Event::Text(t) = event {
                code.push_str(&t);
            }
        }
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or_default().to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut html = String::with_capacity(code.len() * 2 + 64);
        if lang.is_empty() {
            html.push_str("<pre class=\"code\" tabindex=\"0\"><code>");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &code);
        } else {
            // Focusable, so a reader without a mouse can scroll a wide block.
            html.push_str("<pre class=\"code\" tabindex=\"0\" data-lang=\"");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &lang);
            html.push_str("\"><code class=\"language-");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &lang);
            html.push_str("\">");
            html.push_str(&self.targets.highlighter.highlight(&code, &lang));
        }
        html.push_str("</code></pre>\n");
        self.out.push(Event::Html(html.into()));
    }

    fn footnote_number(&mut self, name: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(name.to_string()).or_insert(next)
    }
}

#[cfg(test)]
mod tests {
    use super::without_empty_headers;

    #[test]
    fn empty_header_cells_become_plain_cells() {
        let html = "<table><thead><tr><th></th><th style=\"text-align: left\">Name</th><th style=\"text-align: right\"></th></tr></thead></table>";
        assert_eq!(
            without_empty_headers(html),
            "<table><thead><tr><td></td><th style=\"text-align: left\">Name</th><td style=\"text-align: right\"></td></tr></thead></table>"
        );
        assert_eq!(without_empty_headers("<thead><tr><th>A</th></tr>"), "<thead><tr><th>A</th></tr>");
    }
}
