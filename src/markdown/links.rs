//! Links to concepts inside a body: `[text](@/<id>.md)`, `[[wiki links]]` and mentions of concept names
//! linked automatically, all rendered the same way, with the target's summary as an accessible preview.
//!
//! A glossary link is `<span class="gloss"><a class="gloss-link" href=… aria-describedby=…>text</a>
//! <span class="gloss-tip" role="tooltip" id=… hidden>summary</span></span>`: the theme shows the preview on
//! hover and keyboard focus with CSS alone; without CSS or JavaScript it is a plain link.

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use super::State;
use crate::diagnostics::Diagnostic;
use crate::link::{EntryIndex, Target, unknown_id_hint, untranslated_link};
use crate::slug::ConceptId;
use crate::terms::Resolution;
use crate::types::LangPos;

/// Elements that never have a closing tag, for tracking where raw HTML begins and ends.
const VOID_ELEMENTS: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Where in the body the renderer is, as far as linking is concerned.
pub(super) struct LinkState {
    /// Mentions of concept names become links.
    autolink: bool,
    /// For each open link: the concept it points at and its preview's number, when it is a glossary link.
    open: Vec<Option<(Target, usize)>>,
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

/// True for an address that is a path into the site rather than another site, a section of this page or a
/// mail address: `../x/`, `/en/x/`, `x.png`.
fn is_site_path(dest: &str) -> bool {
    let scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !s.contains('/')
    });
    !dest.is_empty() && !dest.starts_with('#') && !dest.starts_with("//") && !dest.starts_with("@/") && !scheme
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

/// The badges that tell readers a link leads to a page in another language, for each pair of page language
/// and target language: the target's code for the eye, the UI string `other_language` (with `{language}`,
/// the target language's name) for screen readers and as a tooltip. Made once per build.
#[derive(Debug, Clone, Default)]
pub struct Badges(Vec<Vec<String>>);

/// The wording when a site's UI strings have no `other_language`.
const OTHER_LANGUAGE: &str = "page in another language: {language}";

impl Badges {
    /// The badges of a site's languages, worded in each page language.
    pub fn new(config: &crate::config::SiteConfig, strings: &crate::i18n::Strings) -> Self {
        let languages = &config.languages;
        Badges(
            languages
                .iter()
                .map(|page| {
                    let wording = strings.get(page.code.as_str(), "other_language").unwrap_or(OTHER_LANGUAGE);
                    languages
                        .iter()
                        .map(|target| {
                            let label = escape(&wording.replace("{language}", &target.name));
                            format!(
                                "<span class=\"lang-badge\" title=\"{label}\"><span aria-hidden=\"true\">{}</span><span class=\"visually-hidden\"> ({label})</span></span>",
                                target.code.as_str().to_uppercase()
                            )
                        })
                        .collect()
                })
                .collect(),
        )
    }

    /// The badge on a page in `page` for a link to a page in `target` (empty if the site has no such pair).
    pub fn get(&self, page: LangPos, target: LangPos) -> &str {
        self.0.get(page.get()).and_then(|row| row.get(target.get())).map_or("", String::as_str)
    }
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
            _ if dest.starts_with("@/") => self.resolve_internal(&dest, &format!("link to `{dest}`"), offset),
            _ => None,
        };
        let target = target.map(|(t, anchor)| (t, anchor.filter(|_| matches!(t, Target::Own(_)))));
        match target {
            None => {
                // A wiki link or `@/` link that resolved to nothing is reported as such, not as a path.
                let reported = matches!(link_type, LinkType::WikiLink { .. }) || dest.starts_with("@/");
                let dest = self.refuse_script_url(dest, offset);
                if !reported && is_site_path(&dest) {
                    let at = self.position(offset);
                    self.body.local_links.push(super::Located { href: dest.to_string(), at });
                }
                self.links.open.push(None);
                self.out.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
            }
            Some((target, anchor)) => {
                let tip = self.note_link(target.index());
                let mut url = (self.targets.url_of)(target.index());
                if let Some(anchor) = anchor {
                    url.push('#');
                    url.push_str(&anchor);
                }
                let title_attr =
                    if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&title)) };
                let hreflang = self.hreflang(target);
                self.out.push(Event::Html(
                    format!(
                        "<span class=\"gloss\"><a class=\"gloss-link\" href=\"{}\"{hreflang}{title_attr} aria-describedby=\"{tip}\">",
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
                let mut html = String::with_capacity(256);
                html.push_str(self.badge(target));
                html.push_str("</a>");
                self.push_preview(&mut html, target.index(), number);
                html.push_str("</span>");
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
        let kept_out = self.kept_out(&text);
        for (start, end, target) in glossary.terms.mentions(self.lang_pos, &text) {
            if target == self.index
                || self.links.linked.contains(&target)
                || kept_out.iter().any(|r| r.start < end && start < r.end)
            {
                continue;
            }
            if start > written {
                self.out.push(Event::Text(text[written..start].to_string().into()));
            }
            let html = self.glossary_link(Target::Own(target), &text[start..end], "gloss-auto");
            self.out.push(Event::Html(html.into()));
            written = end;
        }
        match written {
            0 => self.out.push(Event::Text(text)),
            w if w < text.len() => self.out.push(Event::Text(text[w..].to_string().into())),
            _ => {}
        }
    }

    /// Where the entry's `no_autolink` phrases stand in `text` (byte ranges of `text`).
    fn kept_out(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        if self.entry.no_autolink.is_empty() {
            return Vec::new();
        }
        let (folded, offsets) = crate::terms::fold_case(text);
        let mut out = Vec::new();
        for phrase in &self.entry.no_autolink {
            let phrase = crate::terms::fold(phrase);
            for (at, _) in folded.match_indices(phrase.as_str()) {
                out.push(offsets[at]..offsets[at + phrase.len()]);
            }
        }
        out
    }

    /// A glossary link to `target` with `text`, the link having the extra class `class`, and its preview.
    pub(super) fn glossary_link(&mut self, target: Target, text: &str, class: &str) -> String {
        let tip = self.note_link(target.index());
        let url = (self.targets.url_of)(target.index());
        // Written piece by piece into one buffer: a body has a link in most paragraphs.
        let mut html = String::with_capacity(256 + text.len());
        html.push_str("<span class=\"gloss\"><a class=\"gloss-link ");
        html.push_str(class);
        html.push_str("\" href=\"");
        let _ = pulldown_cmark_escape::escape_href(&mut html, &url);
        html.push('"');
        html.push_str(&self.hreflang(target));
        html.push_str(" aria-describedby=\"");
        html.push_str(&tip);
        html.push_str("\">");
        let _ = pulldown_cmark_escape::escape_html(&mut html, text);
        html.push_str(self.badge(target));
        html.push_str("</a>");
        self.push_preview(&mut html, target.index(), self.links.tips);
        html.push_str("</span>");
        html
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

    /// Adds the preview of `target` with the id number `number` to `html`.
    fn push_preview(&self, html: &mut String, target: EntryIndex, number: usize) {
        use std::fmt::Write;
        // The summary's inline HTML, made (and escaped) when the entry was loaded.
        let target_entry = &self.targets.glossary.entries[target];
        let _ = write!(html, "<span class=\"gloss-tip\" role=\"tooltip\" id=\"gloss-tip-{number}\"");
        if target_entry.lang != self.entry.lang {
            html.push_str(" lang=\"");
            html.push_str(target_entry.lang.as_str());
            html.push('"');
        }
        html.push_str(" hidden>");
        html.push_str(&target_entry.summary_html);
        html.push_str("</span>");
    }

    /// ` hreflang="…"` for a link that leads to another language.
    fn hreflang(&self, target: Target) -> String {
        match target {
            Target::Own(_) => String::new(),
            Target::Fallback(t) => format!(" hreflang=\"{}\"", self.targets.glossary.entries[t].lang),
        }
    }

    /// The badge that tells readers a link leads to a page in another language: the language code, and the
    /// UI string `other_language` for screen readers and as a tooltip.
    fn badge(&self, target: Target) -> &'a str {
        let Target::Fallback(t) = target else { return "" };
        let glossary = self.targets.glossary;
        self.targets.badges.get(glossary.lang_pos(self.index), glossary.lang_pos(t))
    }

    /// Resolves `@/<id>.md#anchor`; reports an unknown id at its line, and a link that falls back to
    /// another language as a warning (an anchor then is dropped: the other language's headings differ).
    /// `written` is how the author wrote the link, for the message.
    pub(super) fn resolve_internal(
        &mut self,
        dest: &str,
        written: &str,
        offset: usize,
    ) -> Option<(Target, Option<String>)> {
        let target = dest.strip_prefix("@/")?;
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (target, None),
        };
        let id_text = path.strip_suffix(".md").unwrap_or(path);
        let glossary = self.targets.glossary;
        let id = ConceptId::parse(id_text).ok();
        if id.as_ref().is_some_and(|id| glossary.is_broken(self.lang_pos, id)) {
            return None;
        }
        if let Some((id, found)) = id.as_ref().and_then(|id| Some((id, glossary.resolve(self.lang_pos, id)?))) {
            self.note_fallback(found, id, offset);
            if let (Target::Own(target), Some(anchor)) = (found, &anchor) {
                let at = self.position(offset);
                self.body.anchors.push(super::Anchored { target, anchor: anchor.clone(), at });
            }
            return Some((found, anchor));
        }
        let hint = match &id {
            Some(id) => unknown_id_hint(id, &self.entry.lang, &[], glossary.languages_of(id), glossary.concept_ids()),
            None => "write internal links as [text](@/<id>.md)".to_string(),
        };
        let message = format!("{written}: no concept `{id_text}` in `{}`", self.entry.lang);
        self.report(offset, message, hint);
        None
    }

    /// Warns about a link that leads to another language.
    fn note_fallback(&mut self, target: Target, id: &ConceptId, offset: usize) {
        if let Target::Fallback(t) = target {
            self.body.falls_back = true;
            let (line, column) = self.position(offset);
            let target_lang = &self.targets.glossary.entries[t].lang;
            let warning = untranslated_link(&self.entry.path, "linked concept", id, &self.entry.lang, target_lang);
            self.problems.push(warning.at(line, column));
        }
    }

    /// Resolves `[[name]]` by title or alias in the page's language, else in the languages it falls back to
    /// (a Dutch page may name a concept by its English title); reports unknown and ambiguous names at their
    /// line.
    fn resolve_wiki(&mut self, name: &str, offset: usize) -> Option<Target> {
        let glossary = self.targets.glossary;
        // The suggestion for an unknown name is looked for once, in the page's language.
        let languages = std::iter::once(self.lang_pos).chain(glossary.fallbacks(self.lang_pos).iter().copied());
        let resolution = languages
            .into_iter()
            .find_map(|pos| glossary.terms.lookup(pos, name))
            .unwrap_or_else(|| glossary.terms.resolve(self.lang_pos, name));
        match resolution {
            Resolution::Found(found) => {
                let id = &glossary.entries[found].id;
                let target = glossary.resolve(self.lang_pos, id)?;
                self.note_fallback(target, &id.clone(), offset);
                Some(target)
            }
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
                    None => "wiki links name a concept's title or alias in the page's language or one it falls back to"
                        .to_string(),
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

    pub(super) fn report(&mut self, offset: usize, message: String, hint: String) {
        let (line, column) = self.position(offset);
        self.problems.push(Diagnostic::error(&self.entry.path, message).at(line, column).hint(hint));
    }
}
