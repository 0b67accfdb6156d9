//! Entry bodies from Markdown to HTML, with glossary-aware links.
//!
//! One pass over pulldown-cmark's events does all the glossary-specific work: `@/<id>` links resolve to the
//! concept in the entry's language (an unknown id is an error at its line), headings get stable, de-duplicated
//! anchor ids, fenced code is highlighted by [`crate::highlight`], and footnote ids are prefixed so they cannot
//! clash with the theme's own ids. The links found are returned, so the site can list backlinks.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::Entry;
use crate::diagnostics::{Diagnostic, line_col};
use crate::link::{EntryIndex, Glossary, unknown_id_hint};
use crate::slug::{ConceptId, Slug};

/// What rendering a body needs to know about the rest of the site.
pub struct LinkTargets<'a> {
    /// The linked glossary.
    pub glossary: &'a Glossary,
    /// Turns an entry into the URL links to it should use.
    pub url_of: &'a (dyn Fn(EntryIndex) -> String + Sync),
}

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
    /// Entries this body links to, in order of first appearance, without repeats.
    pub links: Vec<EntryIndex>,
    /// The headings, in order (shared between rebuilds that keep the body).
    pub headings: std::sync::Arc<[Heading]>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

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
        heading_ids: HashSet::new(),
        headings: Vec::new(),
        footnotes: HashMap::new(),
    };
    let mut parser = Parser::new_ext(&entry.body, options()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::Heading { level, id, classes, .. }) => {
                let inner = collect_until(&mut parser, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                state.heading(level, id, classes, inner);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let inner = collect_until(&mut parser, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                state.code_block(kind, inner);
            }
            Event::Start(Tag::Link { .. }) => state.push(event, range.start),
            Event::FootnoteReference(name) => {
                let n = state.footnote_number(&name);
                let id = Slug::from_text(&name).map(|s| s.to_string()).unwrap_or_else(|_| n.to_string());
                state.out.push(Event::Html(
                    format!("<sup class=\"footnote-reference\" id=\"fnref-{id}\"><a href=\"#fn-{id}\">{n}</a></sup>")
                        .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = state.footnote_number(&name);
                let id = Slug::from_text(&name).map(|s| s.to_string()).unwrap_or_else(|_| n.to_string());
                state.out.push(Event::Html(
                    format!("<div class=\"footnote-definition\" id=\"fn-{id}\"><sup class=\"footnote-definition-label\">{n}</sup>").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => state.out.push(Event::Html("</div>".into())),
            other => state.out.push(other),
        }
    }
    let mut html = String::with_capacity(entry.body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, state.out.into_iter());
    state.body.html = html.into();
    state.body.headings = state.headings.into();
    (state.body, state.problems)
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
    lang_pos: usize,
    targets: &'a LinkTargets<'t>,
    out: Vec<Event<'a>>,
    body: RenderedBody,
    problems: Vec<Diagnostic>,
    heading_ids: HashSet<String>,
    headings: Vec<Heading>,
    footnotes: HashMap<String, usize>,
}

impl<'a> State<'a, '_> {
    fn position(&self, offset: usize) -> (usize, usize) {
        let (line, column) = line_col(&self.entry.body, offset);
        (self.entry.body_line + line - 1, column)
    }

    /// Emits an event, resolving the destination if it is a link; `offset` locates problems.
    fn push(&mut self, event: Event<'a>, offset: usize) {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = self.link_destination(dest_url, offset);
                self.out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
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
                text.push_str(t);
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
        for (event, range) in inner {
            self.push(event, range.start);
        }
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
            html.push_str("<pre class=\"code\"><code>");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &code);
        } else {
            html.push_str("<pre class=\"code\" data-lang=\"");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &lang);
            html.push_str("\"><code class=\"language-");
            let _ = pulldown_cmark_escape::escape_html(&mut html, &lang);
            html.push_str("\">");
            html.push_str(&crate::highlight::highlight(&code, &lang));
        }
        html.push_str("</code></pre>\n");
        self.out.push(Event::Html(html.into()));
    }

    /// Resolves `@/<id>.md#anchor` destinations; leaves every other destination as written.
    fn link_destination(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let Some(target) = dest.strip_prefix("@/") else {
            return dest;
        };
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (target, None),
        };
        let id_text = path.strip_suffix(".md").unwrap_or(path);
        let glossary = self.targets.glossary;
        let resolved =
            ConceptId::parse(id_text).ok().and_then(|id| glossary.lookup(self.lang_pos, &id).map(|i| (id, i)));
        match resolved {
            Some((_, target)) => {
                if !self.body.links.contains(&target) && target != self.index {
                    self.body.links.push(target);
                }
                let mut url = (self.targets.url_of)(target);
                if let Some(anchor) = anchor {
                    url.push('#');
                    url.push_str(anchor);
                }
                url.into()
            }
            None if ConceptId::parse(id_text).is_ok_and(|id| glossary.is_broken(self.lang_pos, &id)) => dest,
            None => {
                let (line, column) = self.position(offset);
                let known = glossary.in_language(self.lang_pos).iter().map(|e| e.id.as_str());
                let hint = match ConceptId::parse(id_text) {
                    Ok(id) => unknown_id_hint(&id, &self.entry.lang, &[], known),
                    Err(_) => "write internal links as [text](@/<id>.md)".to_string(),
                };
                self.problems.push(
                    Diagnostic::error(
                        &self.entry.path,
                        format!("link to `{dest}`: no concept `{id_text}` in `{}`", self.entry.lang),
                    )
                    .at(line, column)
                    .hint(hint),
                );
                dest
            }
        }
    }

    fn footnote_number(&mut self, name: &str) -> usize {
        let next = self.footnotes.len() + 1;
        *self.footnotes.entry(name.to_string()).or_insert(next)
    }
}
