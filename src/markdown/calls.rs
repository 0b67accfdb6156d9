//! Rendering shortcode calls ([`super::shortcodes`]) inside a body: each through its template,
//! `templates/shortcodes/<name>.html` of the site or the theme, with its arguments, `lang`, `nth` and, for a
//! call with a body, `body` (the body rendered as Markdown, links and mentions included) in scope.
//!
//! The default theme's shortcodes are checked here before they are rendered: callouts (`note`, `tip`,
//! `warning`) need a body, `figure` needs `src` and alt text, `term` needs the `id` of a concept, which is
//! resolved like a `@/<id>.md` link and handed to the template as a ready glossary link with its preview.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use pulldown_cmark::{Event, Parser, TagEnd};
use tera::{Context, Tera};

use super::State;
use crate::content::shortcodes::{self, Call, Found, Value};
use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::theme::Theme;

/// The folder of shortcode templates inside a theme's or a site's `templates/`.
pub const FOLDER: &str = "shortcodes/";

/// The shortcode templates of a site, parsed once per build and shared by the threads rendering bodies.
#[derive(Default)]
pub struct Shortcodes {
    tera: Tera,
    /// Each shortcode's template file, and whether it is the default theme's own.
    known: BTreeMap<String, (PathBuf, bool)>,
}

impl std::fmt::Debug for Shortcodes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shortcodes").field("known", &self.known).finish()
    }
}

impl Shortcodes {
    /// Reads the theme's `shortcodes/*.html` templates (the site's `templates/` overrides included) and
    /// registers the `t()` function for translated labels. Template syntax errors are returned.
    pub fn new(theme: &Theme, strings: Arc<Strings>) -> (Self, Vec<Diagnostic>) {
        let mut tera = Tera::new();
        crate::i18n::register_t(&mut tera, strings);
        let mut known = BTreeMap::new();
        let mut problems = Vec::new();
        for template in theme.templates.iter().filter(|t| t.name.starts_with(FOLDER)) {
            let Some(name) = template.name[FOLDER.len()..].strip_suffix(".html") else { continue };
            if let Err(e) = tera.add_raw_template(&template.name, &template.source) {
                let (message, at) = crate::render::tera_error(&e);
                let mut d = Diagnostic::error(&template.origin, format!("shortcode template: {message}"))
                    .hint("fix the template syntax (Tera 2)");
                if let Some((line, column)) = at {
                    d = d.at(line, column);
                }
                problems.push(d);
                continue;
            }
            let builtin = template.origin.starts_with("<default theme>");
            known.insert(name.to_string(), (template.origin.clone(), builtin));
        }
        (Shortcodes { tera, known }, problems)
    }

    /// The names of the shortcodes a body can call.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.known.keys().map(String::as_str)
    }
}

/// The arguments a default-theme shortcode takes, which of them it needs, and whether it takes a body.
fn signature(name: &str) -> Option<(&'static [&'static str], &'static [&'static str], bool)> {
    match name {
        "note" | "tip" | "warning" => Some((&["title"], &[], true)),
        "figure" => Some((&["src", "alt", "caption", "width", "height"], &["src", "alt"], false)),
        "term" => Some((&["id", "text"], &["id"], false)),
        _ => None,
    }
}

/// The body text of each call under way, so its calls can be numbered and found.
pub(super) struct Frame {
    calls: Vec<Call>,
    base: usize,
}

impl<'a> State<'a, '_> {
    /// Renders `source`, a part of the entry's body that starts at byte `base` of it: its shortcodes become
    /// placeholders, the text is parsed as Markdown, and each placeholder is rendered where it landed.
    pub(super) fn run_source(&mut self, source: &'a str, base: usize) {
        let found = shortcodes::find(source);
        self.report_found(&found, base);
        if found.calls.is_empty() {
            let events = Parser::new_ext(source, super::options())
                .into_offset_iter()
                .map(|(e, r)| (e, base + r.start..base + r.end));
            self.frames.push(Frame { calls: Vec::new(), base });
            self.run(events);
        } else {
            let (text, map) = shortcodes::substitute(source, &found.calls);
            let events: Vec<_> = Parser::new_ext(&text, super::options())
                .into_offset_iter()
                .map(|(e, r)| (e.into_static(), base + map.original(r.start)..base + map.original(r.end)))
                .collect();
            self.frames.push(Frame { calls: found.calls, base });
            self.run(events.into_iter());
        }
        self.frames.pop();
    }

    fn report_found(&mut self, found: &Found, base: usize) {
        for bad in &found.malformed {
            self.report(base + bad.at, bad.message.clone(), bad.hint.clone());
        }
        for foreign in &found.foreign {
            let (line, column) = self.position(base + foreign.at);
            let message = format!("`{}` is a Hugo shortcode, which glossgen shows as text", foreign.source);
            let warning = Diagnostic::warning(&self.entry.path, message).at(line, column);
            self.problems.push(warning.hint(foreign.hint.clone()).code("foreign-shortcode"));
        }
    }

    /// Emits text that may hold placeholders: the text between them as usual, each placeholder as its call.
    pub(super) fn text_with_calls(&mut self, text: pulldown_cmark::CowStr<'a>) {
        if self.frames.last().is_none_or(|f| f.calls.is_empty()) || !text.contains(shortcodes::PLACEHOLDER) {
            self.text(text);
            return;
        }
        let mut rest: &str = &text;
        while let Some(at) = rest.find(shortcodes::PLACEHOLDER) {
            let after = &rest[at + shortcodes::PLACEHOLDER.len_utf8()..];
            let number = after.chars().next().and_then(shortcodes::call_number);
            let Some(n) = number.filter(|&n| n < self.frames.last().map_or(0, |f| f.calls.len())) else {
                self.text(rest[..at + shortcodes::PLACEHOLDER.len_utf8()].to_string().into());
                rest = after;
                continue;
            };
            if at > 0 {
                self.text(rest[..at].to_string().into());
            }
            self.call(n);
            rest = &after[after.chars().next().map_or(0, char::len_utf8)..];
        }
        if !rest.is_empty() {
            self.text(rest.to_string().into());
        }
    }

    /// Renders call `n` of the innermost frame.
    fn call(&mut self, n: usize) {
        let Some(frame) = self.frames.last() else { return };
        let call = frame.calls[n].clone();
        let at = frame.base + call.span.start;
        let shortcodes = self.targets.shortcodes;
        let Some((origin, builtin)) = shortcodes.known.get(&call.name).cloned() else {
            let known: Vec<&str> = shortcodes.names().collect();
            let hint = match crate::diagnostics::closest(&call.name, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if known.is_empty() => "add templates/shortcodes/<name>.html to the site".to_string(),
                None => {
                    format!("shortcodes here: {}; add templates/shortcodes/<name>.html for another", known.join(", "))
                }
            };
            self.report(at, format!("unknown shortcode `{}`", call.name), hint);
            return;
        };
        if builtin && !self.arguments_fit(&call, at) {
            return;
        }
        let mut context = Context::new();
        for (key, value) in &call.args {
            context.insert(key.clone(), &value.to_json());
        }
        context.insert("lang", self.entry.lang.as_str());
        let nth = self.nth.entry(call.name.clone()).or_insert(0);
        *nth += 1;
        context.insert("nth", &*nth);
        if call.name == "term" {
            match self.term_link(&call, at) {
                Some((link, concept)) => {
                    context.insert("link", &link);
                    context.insert("concept", &concept);
                }
                None => return,
            }
        }
        if call.name == "figure"
            && let Some(Value::Str(src)) = call.arg("src")
        {
            let safe = self.refuse_script_url(src.clone().into(), at);
            context.insert("src", safe.as_ref());
        }
        if let Some(body) = &call.body {
            let source = &self.entry.body[at - call.span.start + body.start..at - call.span.start + body.end];
            let mark = self.out.len();
            let outer = std::mem::replace(&mut self.paragraphs, 0);
            self.run_source(source, at - call.span.start + body.start);
            self.paragraphs = outer;
            let inner = self.out.split_off(mark);
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, inner.into_iter());
            context.insert("body", &html);
        }
        let template = format!("{FOLDER}{}.html", call.name);
        match shortcodes.tera.render(&template, &context) {
            Ok(html) if call.body.is_some() || starts_a_block(&html) => self.block_html(html, at),
            // A template file's last line break is not part of the text around the call.
            Ok(html) => self.out.push(Event::InlineHtml(html.trim_end_matches(['\n', '\r']).to_string().into())),
            Err(e) => {
                let (message, place) = crate::render::tera_error(&e);
                let place = place.map_or(String::new(), |(line, column)| format!(", line {line} column {column}"));
                let hint = format!("the template is {}{place}", origin.display());
                self.report(at, format!("shortcode `{}`: {message}", call.name), hint);
            }
        }
    }

    /// Places a block's HTML: a body call inside a paragraph closes the paragraph and opens a new one after.
    fn block_html(&mut self, html: String, at: usize) {
        if self.links.headings > 0 || self.inline_depth > 0 {
            self.report(
                at,
                "a shortcode with a body stands in a heading, link or emphasis".to_string(),
                "write `{% name() %}` and `{% end %}` on lines of their own, between paragraphs".to_string(),
            );
            return;
        }
        if self.paragraphs > 0 {
            self.out.push(Event::Html("</p>\n".into()));
            self.out.push(Event::Html(html.into()));
            self.out.push(Event::Html("<p>".into()));
            self.split_paragraphs = true;
        } else {
            self.out.push(Event::Html(html.into()));
        }
    }

    /// Checks the arguments of a default-theme shortcode; reports what does not fit.
    fn arguments_fit(&mut self, call: &Call, at: usize) -> bool {
        let Some((takes, needs, has_body)) = signature(&call.name) else { return true };
        let name = &call.name;
        let usage = if has_body {
            format!("{{% {name}(title=\"…\") %}}…{{% end %}}")
        } else {
            let args: Vec<String> = takes.iter().map(|a| format!("{a}=…")).collect();
            format!("{{{{ {name}({}) }}}}", args.join(", "))
        };
        let mut fits = true;
        if has_body != call.body.is_some() {
            let message = match has_body {
                true => format!("the shortcode `{name}` needs a body"),
                false => format!("the shortcode `{name}` takes no body"),
            };
            self.report(at, message, format!("write `{usage}`"));
            fits = false;
        }
        for (key, _) in call.args.iter().filter(|(k, _)| !takes.contains(&k.as_str())) {
            let hint = format!("`{name}` takes {}: `{usage}`", takes.join(", "));
            self.report(at, format!("the shortcode `{name}` has no argument `{key}`"), hint);
            fits = false;
        }
        for key in needs {
            let given = match call.arg(key) {
                Some(Value::Str(s)) => !s.trim().is_empty(),
                Some(_) | None => false,
            };
            if !given {
                let why = if *key == "alt" { " (the image's text for readers who cannot see it)" } else { "" };
                self.report(
                    at,
                    format!("the shortcode `{name}` needs `{key}` as a non-empty string{why}"),
                    format!("write `{usage}`"),
                );
                fits = false;
            }
        }
        fits
    }

    /// The glossary link `term(id=…)` stands for, and the concept as the template sees it.
    fn term_link(&mut self, call: &Call, at: usize) -> Option<(String, HashMap<&'static str, String>)> {
        let Some(Value::Str(id)) = call.arg("id") else {
            self.report(
                at,
                "the shortcode `term` needs `id`".to_string(),
                "write `{{ term(id=\"<id>\") }}`".to_string(),
            );
            return None;
        };
        let written = format!("`term(id=\"{id}\")`");
        let (target, _) = self.resolve_internal(&format!("@/{id}.md"), &written, at)?;
        let entry = &self.targets.glossary.entries[target.index()];
        let text = match call.arg("text") {
            Some(Value::Str(t)) => t.clone(),
            _ => entry.title.clone(),
        };
        let url = (self.targets.url_of)(target.index());
        let concept = HashMap::from([
            ("id", entry.id.to_string()),
            ("title", entry.title.clone()),
            ("url", url),
            ("lang", entry.lang.to_string()),
        ]);
        Some((self.glossary_link(target, &text, "gloss-term"), concept))
    }
}

/// After rendering: the empty paragraphs a body call left where it split one are removed.
pub(super) fn tidy_split_paragraphs(html: &mut String) {
    for empty in ["<p></p>\n", "<p>\n</p>\n", "<p></p>"] {
        while let Some(at) = html.find(empty) {
            html.replace_range(at..at + empty.len(), "");
        }
    }
}

/// Events that open and close inline context, where a body call cannot stand.
pub(super) fn inline_change(event: &Event<'_>) -> i32 {
    use pulldown_cmark::Tag;
    match event {
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::TableCell) => 1,
        Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::TableCell) => -1,
        _ => 0,
    }
}

/// Whether a call's HTML is a block (a figure, a box), which cannot stand inside a paragraph.
fn starts_a_block(html: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "address",
        "aside",
        "blockquote",
        "details",
        "div",
        "dl",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
    ];
    let Some(rest) = html.trim_start().strip_prefix('<') else { return false };
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    BLOCKS.contains(&name.as_str())
}
