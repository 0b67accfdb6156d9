//! The render stage: pages from the linked glossary through the theme's Tera templates.
//!
//! [`Renderer`] owns the Tera instance (templates parsed once per build) and the UI strings behind the `t()`
//! template function. [`bodies`] renders entry bodies and the backlinks they make; [`parts`] builds what each
//! entry contributes to pages (cards, details, records); [`pages`] decides which pages a site has and what
//! each template receives; [`deps`] says what each page reads, and [`changes`] what an edit changed, so
//! `serve` renders only the pages whose inputs differ.

pub mod bodies;
pub mod changes;
pub mod context;
pub mod deps;
pub mod groups;
pub mod pages;
pub mod parts;
pub mod reachable;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use tera::{Context, ErrorKind, Tera};

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::theme::Theme;

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "entry.html",
    "home.html",
    "category.html",
    "categories.html",
    "tag.html",
    "tags.html",
    "difficulty.html",
    "week.html",
    "weeks.html",
    "alias.html",
    "search.html",
    "404.html",
    "root.html",
];

/// The partial that renders one entry card; see [`Renderer::card_html`].
pub const CARD_PARTIAL: &str = "partials/card.html";

/// The theme's templates, ready to render from many threads at once.
pub struct Renderer {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
}

impl Renderer {
    /// Parses the theme's templates and registers glossgen's template functions.
    pub fn new(theme: &Theme, strings: Arc<Strings>) -> Result<Self, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        crate::i18n::register_t(&mut tera, strings);
        let origins: HashMap<String, PathBuf> =
            theme.templates.iter().map(|t| (t.name.clone(), t.origin.clone())).collect();
        let mut renderer = Renderer { tera, origins };
        let templates = theme.templates.iter().map(|t| (t.name.as_str(), t.source.as_str()));
        if let Err(e) = renderer.tera.add_raw_templates(templates) {
            return Err(vec![renderer.diagnostic(&e, None)]);
        }
        let missing: Vec<Diagnostic> = REQUIRED_TEMPLATES
            .iter()
            .filter(|name| !renderer.tera.contains_template(name))
            .map(|name| {
                Diagnostic::error("site.toml", format!("the theme has no `{name}` template"))
                    .hint("add it to the theme's templates/ folder or to the site's templates/ folder")
            })
            .collect();
        if missing.is_empty() { Ok(renderer) } else { Err(missing) }
    }

    /// The theme's card partial ([`CARD_PARTIAL`]) rendered for one card, with only `card` and `lang` in
    /// the context. Listings print it as `card.html`, so a page of 10,000 entries copies 10,000 strings
    /// instead of rendering 10,000 partials, and each card is rendered once per build, not once per page
    /// that lists it. `None` when the theme has no such partial or it needs more than those two variables
    /// (then listings that include the partial still work).
    pub fn card_html(&self, card: &tera::Value, lang: &str) -> Option<String> {
        if !self.tera.contains_template(CARD_PARTIAL) {
            return None;
        }
        let mut context = Context::new();
        context.insert_value("card", card.clone());
        context.insert("lang", lang);
        let mut out = Vec::with_capacity(512);
        self.tera.render_to(CARD_PARTIAL, &context, &mut out).ok()?;
        String::from_utf8(out).ok()
    }

    /// Renders `template` with `context` into `out`.
    pub fn render_to(&self, template: &str, context: &Context, out: &mut Vec<u8>) -> Result<(), Diagnostic> {
        self.tera.render_to(template, context, out).map_err(|e| self.diagnostic(&e, Some(template)))
    }

    /// Turns a Tera error into a diagnostic naming the template file and line.
    fn diagnostic(&self, error: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let (name, message, line, column) = match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => (
                report.filename().to_string(),
                report.message().to_string(),
                Some(report.span().start_line),
                Some(report.span().start_col + 1),
            ),
            ErrorKind::MissingParent { current, parent } => {
                (current.clone(), format!("extends `{parent}`, which does not exist"), None, None)
            }
            _ => (rendering.unwrap_or_default().to_string(), error.to_string(), None, None),
        };
        let path = self.origins.get(&name).cloned().unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
        let mut message = format!("template `{name}`: {message}");
        let mut source = std::error::Error::source(error);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        let mut d = Diagnostic::error(path, message).hint(match rendering {
            Some(page) => format!("while rendering with `{page}`; see the README for the variables templates receive"),
            None => "fix the template syntax (Tera 2)".to_string(),
        });
        if let (Some(line), Some(column)) = (line, column) {
            d = d.at(line.max(1), column);
        }
        d
    }
}

/// A Tera error's message and, when it has one, the line and column in its template.
pub fn tera_error(error: &tera::Error) -> (String, Option<(usize, usize)>) {
    let (mut message, at) = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            (report.message().to_string(), Some((report.span().start_line.max(1), report.span().start_col + 1)))
        }
        _ => (error.to_string(), None),
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    (message, at)
}
