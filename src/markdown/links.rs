//! Links to concepts inside a body: `[text](@/<id>.md)`, `[[wiki links]]` and mentions of concept names
//! linked automatically, all rendered the same way, with the target's summary as an accessible preview.
//!
//! A glossary link is `<span class="gloss"><a class="gloss-link" href=… aria-describedby=…>text</a>
//! <span class="gloss-tip" role="tooltip" id=… hidden>summary</span></span>`: the theme shows the preview on
//! hover and keyboard focus with CSS alone; without CSS or JavaScript it is a plain link.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::State;
use crate::diagnostics::Diagnostic;
use crate::link::{EntryIndex, unknown_id_hint};
use crate::slug::ConceptId;
use crate::terms::Resolution;

/// Elements that never have a closing tag, for tracking where raw HTML begins and ends.
const VOID_ELEMENTS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Where in the body the renderer is, as far as linking is concerned.
pub(super) struct LinkState {
    /// Mentions of concept names become links.
    autolink: bool,
    /// For each open link: the concept it points at and its preview's number, when it is a glossary link.
    open: Vec<Option<(EntryIndex, usize)>>,
    /// Open images (their alt text is never linked).
    pub images: usize,
    /// Open headings.
    pub headings: usize,
    /// Open inline HTML elements.
    html_depth: usize,
    /// Concepts already linked on this page.
    linked: Vec<EntryIndex>,
    /// Number of previews written, for unique ids.
    tips: usize,
}

impl LinkState {
    pub(super) fn new(autolink: bool) -> Self {
        LinkState { autolink, open: Vec::new(), images: 0, headings: 0, html_depth: 0, linked: Vec::new(), tips: 0 }
    }

    /// Follows inline HTML tags so text inside raw HTML is left alone.
    pub(super) fn track_inline_html(&mut self, html: &str) {
        let tag = html.trim();
        if tag.starts_with("<!--") || tag.starts_with("<!") || tag.starts_with("<?") {
            return;
        }
        if tag.starts_with("</") {
            self.html_depth = self.html_depth.saturating_sub(1);
        } else if let Some(rest) = tag.strip_prefix('<') {
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
            if !tag.ends_with("/>") && !VOID_ELEMENTS.contains(&name.as_str()) {
                self.html_depth += 1;
            }
        }
    }

    fn may_autolink(&self) -> bool {
        self.autolink && self.open.is_empty() && self.images == 0 && self.headings == 0 && self.html_depth == 0
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

fn escape_href(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_href(&mut out, text);
    out
}

impl<'a> State<'a, '_> {
    /// Opens a link written by the author: glossary links get the preview markup, others pass through.
    pub(super) fn open_link(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) {
        let target = match link_type {
            LinkType::WikiLink { .. } => self.resolve_wiki(&dest, offset).map(|t| (t, None)),
            _ if dest.starts_with("@/") => self.resolve_internal(&dest, offset),
            _ => None,
        };
        match target {
            None => {
                let dest = self.refuse_script_url(dest, offset);
                self.links.open.push(None);
                self.out.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
            }
            Some((target, anchor)) => {
                let tip = self.note_link(target);
                let mut url = (self.targets.url_of)(target);
                if let Some(anchor) = anchor {
                    url.push('#');
                    url.push_str(&anchor);
                }
                let title_attr =
                    if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&title)) };
                self.out.push(Event::Html(
                    format!(
                        "<span class=\"gloss\"><a class=\"gloss-link\" href=\"{}\"{title_attr} aria-describedby=\"{tip}\">",
                        escape_href(&url)
                    )
                    .into(),
                ));
                self.links.open.push(Some((target, self.links.tips)));
            }
        }
    }

    /// Closes the innermost link, adding the preview after a glossary link.
    pub(super) fn close_link(&mut self) {
        match self.links.open.pop().flatten() {
            Some((target, number)) => {
                let html = format!("</a>{}</span>", self.preview(target, number));
                self.out.push(Event::Html(html.into()));
            }
            None => self.out.push(Event::End(pulldown_cmark::TagEnd::Link)),
        }
    }

    /// Emits text, linking the first mention of each other concept's name where linking is allowed.
    pub(super) fn text(&mut self, text: CowStr<'a>) {
        if !self.links.may_autolink() {
            self.out.push(Event::Text(text));
            return;
        }
        let glossary = self.targets.glossary;
        let mut written = 0;
        for (start, end, target) in glossary.terms.mentions(self.lang_pos, &text) {
            if target == self.index || self.links.linked.contains(&target) {
                continue;
            }
            if start > written {
                self.out.push(Event::Text(text[written..start].to_string().into()));
            }
            let tip = self.note_link(target);
            let url = (self.targets.url_of)(target);
            let html = format!(
                "<span class=\"gloss\"><a class=\"gloss-link gloss-auto\" href=\"{}\" aria-describedby=\"{tip}\">{}</a>{}</span>",
                escape_href(&url),
                escape(&text[start..end]),
                self.preview(target, self.links.tips)
            );
            self.out.push(Event::Html(html.into()));
            written = end;
        }
        match written {
            0 => self.out.push(Event::Text(text)),
            w if w < text.len() => self.out.push(Event::Text(text[w..].to_string().into())),
            _ => {}
        }
    }

    /// Records a link to `target` (for backlinks and to link each concept once); returns the preview's id.
    fn note_link(&mut self, target: EntryIndex) -> String {
        if !self.links.linked.contains(&target) {
            self.links.linked.push(target);
        }
        if target != self.index && !self.linked_to.contains(&target) {
            self.linked_to.push(target);
        }
        self.links.tips += 1;
        format!("gloss-tip-{}", self.links.tips)
    }

    fn preview(&self, target: EntryIndex, number: usize) -> String {
        // The summary's inline HTML, made (and escaped) when the entry was loaded.
        let summary = &self.targets.glossary.entries[target].summary_html;
        format!("<span class=\"gloss-tip\" role=\"tooltip\" id=\"gloss-tip-{number}\" hidden>{summary}</span>")
    }

    /// Resolves `@/<id>.md#anchor`; reports an unknown id at its line.
    fn resolve_internal(&mut self, dest: &str, offset: usize) -> Option<(EntryIndex, Option<String>)> {
        let target = dest.strip_prefix("@/")?;
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (target, None),
        };
        let id_text = path.strip_suffix(".md").unwrap_or(path);
        let glossary = self.targets.glossary;
        let id = ConceptId::parse(id_text).ok();
        if let Some(found) = id.as_ref().and_then(|id| glossary.lookup(self.lang_pos, id)) {
            return Some((found, anchor));
        }
        if id.as_ref().is_some_and(|id| glossary.is_broken(self.lang_pos, id)) {
            return None;
        }
        let known = glossary.in_language(self.lang_pos).iter().map(|e| e.id.as_str());
        let hint = match &id {
            Some(id) => unknown_id_hint(id, &self.entry.lang, &[], known),
            None => "write internal links as [text](@/<id>.md)".to_string(),
        };
        let message = format!("link to `{dest}`: no concept `{id_text}` in `{}`", self.entry.lang);
        self.report(offset, message, hint);
        None
    }

    /// Resolves `[[name]]` by title or alias; reports unknown and ambiguous names at their line.
    fn resolve_wiki(&mut self, name: &str, offset: usize) -> Option<EntryIndex> {
        let glossary = self.targets.glossary;
        match glossary.terms.resolve(self.lang_pos, name) {
            Resolution::Found(target) => Some(target),
            Resolution::Ambiguous(candidates) => {
                let names: Vec<String> = candidates
                    .iter()
                    .map(|&c| format!("`{}` ({})", glossary.entries[c].title, glossary.entries[c].id))
                    .collect();
                let hint = format!("use [text](@/<id>.md) to pick one of {}", names.join(", "));
                self.report(offset, format!("wiki link `[[{name}]]` matches several concepts"), hint);
                None
            }
            Resolution::Unknown(suggestion) => {
                let hint = match suggestion {
                    Some(s) => format!("did you mean `[[{s}]]`?"),
                    None => "wiki links name a concept's title or alias in the same language".to_string(),
                };
                self.report(
                    offset,
                    format!("wiki link `[[{name}]]`: no concept has this title or alias in `{}`", self.entry.lang),
                    hint,
                );
                None
            }
        }
    }

    /// Refuses link and image addresses that would run code (`javascript:`, `vbscript:`, `data:text/html`);
    /// they are reported at their line and replaced by an inert `#`.
    pub(super) fn refuse_script_url(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        let squeezed: String =
            dest.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
        if ["javascript:", "vbscript:", "data:text/html"].iter().any(|scheme| squeezed.starts_with(scheme)) {
            self.report(
                offset,
                format!("the link address `{dest}` would run a script"),
                "link to an http(s) address, a concept (@/<id>.md) or a section (#anchor)".to_string(),
            );
            return "#".into();
        }
        dest
    }

    fn report(&mut self, offset: usize, message: String, hint: String) {
        let (line, column) = self.position(offset);
        self.problems.push(Diagnostic::error(&self.entry.path, message).at(line, column).hint(hint));
    }
}
