//! Which pages a site has, and rendering each of them in parallel into an output [`Sink`].
//!
//! Per language: a home page listing every entry by letter, one page per entry, a category list, one page
//! per category, difficulty level and week, an archive of weeks, a search page, a redirect per alias, and
//! the machine-readable documents (Atom feed, JSON export, search index). Once per site: the root page that
//! sends readers to a language, `404.html`, the sitemap and `robots.txt`. A full build renders
//! [`all_pages`]; `serve` renders the few that [`super::deps`] finds dirty, with the same functions.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::bodies::Backlinks;
use super::context::{Alternate, EntryPage, SiteContext};
use super::groups::{GroupKind, Groups};
use super::parts::{Parts, alternates};
use crate::config::SiteConfig;
use crate::config::redirects::{AliasPages, AliasRules};
use crate::diagnostics::Diagnostic;
use crate::fragments::Fragments;
use crate::link::{EntryIndex, Glossary};
use crate::markdown::RenderedBody;
use crate::sitemap::SitemapUrl;
use crate::types::{GroupIndex, LangPos};
use crate::urls;

/// Somewhere rendered files go: a folder on disk, memory (tests, the dev server), a minifier in front of
/// either. Defined here, where output is made; the write stage provides the sinks.
pub trait Sink: Sync {
    /// Stores `bytes` at `path` (relative, `/`-separated, e.g. `en/overfitting/index.html`).
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
}

/// Everything the render stage reads.
pub struct SiteData<'a> {
    /// Settings.
    pub config: &'a SiteConfig,
    /// The linked glossary.
    pub glossary: &'a Glossary,
    /// Rendered body of each entry, by entry index.
    pub bodies: &'a [std::sync::Arc<RenderedBody>],
    /// Who links to each entry.
    pub backlinks: &'a Backlinks,
    /// Categories, difficulty levels, weeks and alias addresses.
    pub groups: &'a Groups,
    /// Each entry's parts, built on first use and kept by `serve` for entries that did not change.
    pub fragments: &'a [std::sync::Arc<Fragments>],
}

/// One output file of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    /// An entry's page, by entry index.
    Entry(EntryIndex),
    /// A language's home (A–Z), by language position.
    Home(LangPos),
    /// A language's list of categories and levels.
    Categories(LangPos),
    /// A language's list of tags.
    Tags(LangPos),
    /// A language's archive of weeks.
    Weeks(LangPos),
    /// A language's search page.
    Search(LangPos),
    /// A category, difficulty or week page, by position in [`Groups::groups`].
    Group(GroupIndex),
    /// An alias redirect, by position in [`Groups::aliases`].
    Alias(usize),
    /// A language's Atom feed.
    Feed(LangPos),
    /// A language's JSON export.
    Export(LangPos),
    /// A language's search index.
    SearchIndex(LangPos),
    /// The root page that sends readers to a language.
    Root,
    /// `404.html`.
    NotFound,
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// A termbase export published with the site (`exports` in `site.toml`).
    Termbase(crate::termbase::Format),
    /// A file of alias redirect rules for a kind of host (`alias_rules` in `site.toml`).
    AliasRules(AliasRules),
}

/// The pages of every language that exist once per language.
pub fn language_pages(pos: LangPos) -> [Page; 8] {
    [
        Page::Home(pos),
        Page::Categories(pos),
        Page::Tags(pos),
        Page::Weeks(pos),
        Page::Search(pos),
        Page::Feed(pos),
        Page::Export(pos),
        Page::SearchIndex(pos),
    ]
}

/// How the message of a failed write begins.
const WRITE_FAILED: &str = "cannot write the output file ";

fn write_failed(config: &SiteConfig, file: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(config.output_dir.as_str(), format!("{WRITE_FAILED}{file}: {e}"))
}

/// Where the name of a page's file comes from in the content: the entry file, its line, and what it is.
fn origin(site: &SiteData<'_>, page: Page) -> Option<(std::path::PathBuf, usize, String)> {
    let glossary = site.glossary;
    match page {
        Page::Entry(i) => {
            let e = &glossary.entries[i];
            Some((e.path.clone(), e.lines.title, format!("the slug `{}`", e.slug)))
        }
        Page::Alias(a) => {
            let alias = &site.groups.aliases[a];
            let e = &glossary.entries[alias.target];
            let n = e.aliases.iter().position(|x| **x == *alias.alias)?;
            Some((e.path.clone(), e.lines.aliases.get(n).copied().unwrap_or(1), format!("the alias `{}`", alias.alias)))
        }
        Page::Group(g) => {
            let group = &site.groups.groups[g];
            let e = &glossary.entries[*group.entries.first()?];
            match group.kind {
                GroupKind::Category => {
                    Some((e.path.clone(), e.lines.category, format!("the category `{}`", group.name)))
                }
                GroupKind::Tag => {
                    let tag = e.tags.iter().find(|t| Some(&t.slug) == group.slug.as_ref())?;
                    Some((e.path.clone(), tag.line, format!("the tag `{}`", group.name)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Every page of a site.
pub fn all_pages(site: &SiteData<'_>) -> Vec<Page> {
    let mut pages: Vec<Page> = site.glossary.indices().map(Page::Entry).collect();
    pages.extend(LangPos::all(site.config.languages.len()).flat_map(language_pages));
    pages.extend(GroupIndex::all(site.groups.groups.len()).map(Page::Group));
    if site.config.alias_pages != AliasPages::None {
        pages.extend((0..site.groups.aliases.len()).map(Page::Alias));
    }
    pages.extend([Page::Root, Page::NotFound, Page::Sitemap, Page::Robots]);
    pages.extend(crate::termbase::Format::published(site.config).into_iter().map(Page::Termbase));
    pages.extend(site.config.alias_rules.iter().copied().map(Page::AliasRules));
    pages
}

/// The output file of a page.
pub fn output_file(site: &SiteData<'_>, page: Page) -> String {
    let code = |pos: LangPos| site.config.languages[pos].code.as_str();
    let path = match page {
        Page::Entry(i) => {
            let entry = &site.glossary.entries[i];
            urls::entry(entry.lang.as_str(), &entry.slug)
        }
        Page::Home(pos) => urls::home(code(pos)),
        Page::Categories(pos) => urls::categories(code(pos)),
        Page::Tags(pos) => urls::tags(code(pos)),
        Page::Weeks(pos) => urls::weeks(code(pos)),
        Page::Search(pos) => urls::search(code(pos)),
        Page::Group(g) => site.groups.groups[g].path.clone(),
        Page::Alias(a) => site.groups.aliases[a].path.to_string(),
        Page::Feed(pos) => urls::feed(code(pos)),
        Page::Export(pos) => urls::export(code(pos)),
        Page::SearchIndex(pos) => urls::search_index(code(pos)),
        Page::Root => String::new(),
        Page::NotFound => "404.html".to_string(),
        Page::Sitemap => "sitemap.xml".to_string(),
        Page::Robots => "robots.txt".to_string(),
        Page::Termbase(format) => format.published_file().to_string(),
        Page::AliasRules(rules) => rules.file().to_string(),
    };
    urls::output_file(&path)
}

/// Renders `pages` and writes them to `sink`; every problem is returned.
pub fn render_pages(
    site: &SiteData<'_>,
    renderer: &Renderer,
    sink: &dyn Sink,
    pages: &[Page],
) -> Result<(), Vec<Diagnostic>> {
    let renderer = Pages::new(site, renderer);
    let results: Vec<Result<(), Diagnostic>> =
        pages.par_iter().with_max_len(4).map(|&page| renderer.render(page, sink)).collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for d in results.into_iter().filter_map(Result::err) {
        if !problems.contains(&d) {
            problems.push(d);
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// The sitemap entries of every page (redirects excepted), computed from the data alone.
pub fn sitemap_urls(site: &SiteData<'_>, renderer: &Renderer) -> Vec<SitemapUrl> {
    let pages = Pages::new(site, renderer);
    let mut urls: Vec<SitemapUrl> = site
        .glossary
        .indices()
        .into_par_iter()
        .map(|i| {
            let plan = pages.parts.plan(i);
            pages.sitemap_url(&plan.path, &plan.alternates)
        })
        .collect();
    for pos in LangPos::all(site.config.languages.len()) {
        for path_of in [urls::home, urls::categories, urls::tags, urls::weeks] {
            let (path, alternates) = pages.listing_plan(pos, path_of);
            urls.push(pages.sitemap_url(&path, &alternates));
        }
    }
    for g in GroupIndex::all(site.groups.groups.len()) {
        let (path, alternates) = pages.group_plan(g);
        urls.push(pages.sitemap_url(&path, &alternates));
    }
    urls
}

/// Renders pages of one site: the shared per-language values and the parts of its entries.
pub(super) struct Pages<'a> {
    pub(super) site: &'a SiteData<'a>,
    pub(super) parts: Parts<'a>,
    site_values: Vec<Value>,
}

#[derive(Serialize)]
struct LetterGroup {
    letter: String,
    #[serde(skip)]
    entries: Vec<Value>,
}

#[derive(Serialize)]
struct Letter {
    letter: String,
    enabled: bool,
}

/// A group as a link in a list (categories page, week archive).
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct GroupSummary {
    name: String,
    link: String,
    count: usize,
    year: Option<i32>,
    week: Option<u8>,
    icon: Option<String>,
}

/// The icon of a category group (its entries' category link has it).
fn group_icon(site: &SiteData<'_>, g: &super::groups::Group) -> Option<String> {
    if g.kind != GroupKind::Category {
        return None;
    }
    let first = *g.entries.first()?;
    site.groups.category_of[first].as_ref()?.icon.clone()
}

impl<'a> Pages<'a> {
    pub(super) fn new(site: &'a SiteData<'a>, renderer: &'a Renderer) -> Self {
        let site_values = LangPos::all(site.config.languages.len())
            .map(|pos| Value::from_serializable(&SiteContext::new(site.config, pos)))
            .collect();
        Pages { site, parts: Parts::new(site, renderer), site_values }
    }

    fn card(&self, index: EntryIndex) -> Value {
        self.parts.card_value(index)
    }

    fn config(&self) -> &SiteConfig {
        self.site.config
    }

    /// Renders and writes one page; a failed write names the output file and, where its name comes from
    /// content, the entry file and line it comes from.
    fn render(&self, page: Page, sink: &dyn Sink) -> Result<(), Diagnostic> {
        self.render_page(page, sink).map_err(|d| match (d.message.starts_with(WRITE_FAILED), origin(self.site, page)) {
            (true, Some((path, line, what))) => {
                let mut placed = Diagnostic::error(path, format!("{} (its name comes from {what})", d.message));
                placed.line = Some(u32::try_from(line).unwrap_or(u32::MAX));
                placed.hint("free space or fix the output folder, or change the name")
            }
            _ => d,
        })
    }

    fn render_page(&self, page: Page, sink: &dyn Sink) -> Result<(), Diagnostic> {
        match page {
            Page::Entry(index) => self.entry(index, sink),
            Page::Home(pos) => self.home(pos, sink),
            Page::Categories(pos) => self.category_list(pos, sink),
            Page::Tags(pos) => {
                let (path, alternates) = self.listing_plan(pos, urls::tags);
                let mut ctx = self.context(pos, "tags", &path, &alternates);
                ctx.insert("tags", &self.group_summaries(pos, |k| k == GroupKind::Tag));
                self.write("tags.html", &ctx, &path, sink)
            }
            Page::Weeks(pos) => self.week_list(pos, sink),
            Page::Search(pos) => {
                let (path, alternates) = self.listing_plan(pos, urls::search);
                let ctx = self.context(pos, "search", &path, &alternates);
                self.write("search.html", &ctx, &path, sink)
            }
            Page::Group(g) => self.group(g, sink),
            Page::Alias(a) => self.alias(a, sink),
            Page::Root => self.root(sink),
            Page::NotFound => self.not_found(sink),
            Page::Feed(pos) => self.document(page, crate::feeds::atom(&self.parts, pos), sink),
            Page::Export(pos) => self.document(page, crate::feeds::export(&self.parts, pos), sink),
            Page::SearchIndex(pos) => self.document(page, crate::search::index(&self.parts, pos), sink),
            Page::Sitemap => {
                let urls = sitemap_urls(self.site, self.parts.renderer);
                self.document(page, crate::sitemap::render(&urls), sink)
            }
            Page::Robots => self.document(page, crate::feeds::robots(self.config()), sink),
            Page::Termbase(format) => {
                let text = crate::termbase::export(self.config(), self.site.glossary, format, &[]);
                self.document(page, text, sink)
            }
            Page::AliasRules(rules) => self.document(page, self.alias_rules(rules), sink),
        }
    }

    /// One rule per alias, from its address to its entry's.
    fn alias_rules(&self, rules: AliasRules) -> String {
        let base = &self.config().base;
        let mut text = rules.preamble().to_string();
        for alias in &self.site.groups.aliases {
            let from = alias.path.strip_suffix(".html").unwrap_or(&alias.path);
            text.push_str(&rules.rule(&base.link(from), &base.link(&self.parts.plan(alias.target).path)));
        }
        text
    }

    fn document(&self, page: Page, text: String, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let file = output_file(self.site, page);
        sink.write(&file, text.as_bytes()).map_err(|e| write_failed(self.config(), &file, &e))
    }

    /// The common variables of every page in a language.
    fn context(&self, lang_pos: LangPos, kind: &str, path: &str, alternates: &[Alternate]) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", self.config().languages[lang_pos].code.as_str());
        ctx.insert_value("site", self.site_values[lang_pos].clone());
        ctx.insert("kind", kind);
        ctx.insert("canonical", &self.config().base.permalink(path));
        ctx.insert("alternates", alternates);
        let menu = &self.config().languages[lang_pos].chrome.main;
        if !menu.is_empty() {
            let current = super::context::menu_current(menu, &self.config().base.link(path));
            ctx.insert("menu_current", &current.map(|c| c.0));
            ctx.insert("menu_current_is_page", &current.is_some_and(|c| c.1));
        }
        ctx
    }

    fn write(&self, template: &str, ctx: &Context, path: &str, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.parts.renderer.render_to(template, ctx, &mut out)?;
        let file = urls::output_file(path);
        sink.write(&file, &out).map_err(|e| write_failed(self.config(), &file, &e))
    }

    fn sitemap_url(&self, path: &str, alternates: &[Alternate]) -> SitemapUrl {
        SitemapUrl {
            loc: self.config().base.permalink(path),
            alternates: alternates
                .iter()
                .filter(|a| a.available)
                .map(|a| (a.lang.clone(), a.permalink.clone()))
                .collect(),
            default_lang: self.config().default_language().code.to_string(),
        }
    }

    fn entry(&self, index: EntryIndex, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let glossary = self.site.glossary;
        let lang_pos = glossary.lang_pos(index);
        let plan = self.parts.plan(index);
        let (previous, next) = glossary.neighbours(index);
        let body = &self.site.bodies[index];
        let page = EntryPage {
            card: &self.parts.card(index).value,
            details: self.parts.details(index),
            body: &body.html,
            headings: &body.headings,
            related: glossary.related[index].iter().map(|&r| self.card(r)).collect(),
            backlinks: self.site.backlinks.of(index).iter().map(|&r| self.card(r)).collect(),
            previous: previous.map(|p| self.card(p)),
            next: next.map(|n| self.card(n)),
        };
        let mut ctx = self.context(lang_pos, "entry", &plan.path, &plan.alternates);
        ctx.insert_value("page", page.into_value());
        self.write("entry.html", &ctx, &plan.path, sink)
    }

    fn home(&self, lang_pos: LangPos, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (path, alternates) = self.listing_plan(lang_pos, urls::home);
        // Entries come in the language's collation order; a group gathers every entry of its label, in the
        // place of its first entry, so no label (and no element id) comes twice.
        let mut groups: Vec<LetterGroup> = Vec::new();
        let mut place: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for index in self.site.glossary.range(lang_pos) {
            let letter = crate::collate::index_label(&self.site.glossary.entries[index].title);
            match place.get(&letter) {
                Some(&at) => groups[at].entries.push(self.card(index)),
                None => {
                    place.insert(letter.clone(), groups.len());
                    groups.push(LetterGroup { letter, entries: vec![self.card(index)] });
                }
            }
        }
        let is_latin = |l: &str| l.len() == 1 && l.as_bytes()[0].is_ascii_uppercase();
        // The Latin letters all show (the missing ones disabled) where the language has Latin titles or no
        // others; the groups of other scripts show as they exist, in order.
        let mut letters: Vec<Letter> = Vec::new();
        if groups.iter().any(|g| is_latin(&g.letter)) || groups.iter().all(|g| g.letter == "#") {
            letters.extend(('A'..='Z').map(|c| {
                let letter = c.to_string();
                Letter { enabled: place.contains_key(&letter), letter }
            }));
        }
        letters.extend(
            groups
                .iter()
                .filter(|g| !is_latin(&g.letter) && g.letter != "#")
                .map(|g| Letter { letter: g.letter.clone(), enabled: true }),
        );
        let mut ctx = self.context(lang_pos, "home", &path, &alternates);
        ctx.insert(
            "page",
            &serde_json::json!({
                "title": self.config().languages[lang_pos].title,
                "count": self.site.glossary.range(lang_pos).len(),
            }),
        );
        let groups: Vec<Value> = groups
            .into_iter()
            .map(|g| {
                let mut map = Value::from_serializable(&g).into_map().unwrap_or_default();
                map.insert("entries".into(), Value::from(g.entries));
                Value::from(map)
            })
            .collect();
        ctx.insert_value("groups", Value::from(groups));
        ctx.insert("letters", &letters);
        if self.config().languages[lang_pos].list_untranslated {
            let untranslated: Vec<Value> =
                self.site.glossary.untranslated(lang_pos).into_iter().map(|i| self.card(i)).collect();
            ctx.insert_value("untranslated", Value::from(untranslated));
        }
        let lang = &self.config().languages[lang_pos];
        let set = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "name": lang.title,
            "description": lang.description,
            "url": self.config().base.permalink(&path),
            "inLanguage": lang.code.as_str(),
        });
        ctx.insert("json_ld", &super::context::json_ld(&set));
        self.write("home.html", &ctx, &path, sink)
    }

    /// A page that exists once per language at `path_of(language code)`.
    fn listing_plan(&self, lang_pos: LangPos, path_of: fn(&str) -> String) -> (String, Vec<Alternate>) {
        let path = path_of(self.config().languages[lang_pos].code.as_str());
        let alternates =
            alternates(self.site, lang_pos, |pos| Some(path_of(self.config().languages[pos].code.as_str())));
        (path, alternates)
    }

    fn group_summaries(&self, lang_pos: LangPos, keep: impl Fn(GroupKind) -> bool) -> Vec<GroupSummary> {
        group_summaries(self.site, lang_pos, keep)
    }
}

/// The groups of a language that `keep` accepts, as the category list and the week archive show them.
pub fn group_summaries(site: &SiteData<'_>, lang_pos: LangPos, keep: impl Fn(GroupKind) -> bool) -> Vec<GroupSummary> {
    site.groups
        .groups
        .iter()
        .filter(|g| g.lang_pos == lang_pos && keep(g.kind))
        .map(|g| {
            let (year, week) = match g.kind {
                GroupKind::Week(w) => (Some(w.year()), Some(w.week())),
                _ => (None, None),
            };
            GroupSummary {
                name: g.name.clone(),
                link: site.config.base.link(&g.path),
                count: g.entries.len(),
                year,
                week,
                icon: group_icon(site, g),
            }
        })
        .collect()
}

impl Pages<'_> {
    fn category_list(&self, lang_pos: LangPos, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (path, alternates) = self.listing_plan(lang_pos, urls::categories);
        let mut ctx = self.context(lang_pos, "categories", &path, &alternates);
        ctx.insert("categories", &self.group_summaries(lang_pos, |k| k == GroupKind::Category));
        let levels: Vec<serde_json::Value> = self
            .site
            .groups
            .groups
            .iter()
            .filter(|g| g.lang_pos == lang_pos)
            .filter_map(|g| match g.kind {
                GroupKind::Difficulty(d) => Some(serde_json::json!({
                    "difficulty": d.key(), "link": self.config().base.link(&g.path), "count": g.entries.len()
                })),
                _ => None,
            })
            .collect();
        ctx.insert("difficulties", &levels);
        self.write("categories.html", &ctx, &path, sink)
    }

    fn week_list(&self, lang_pos: LangPos, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (path, alternates) = self.listing_plan(lang_pos, urls::weeks);
        let mut ctx = self.context(lang_pos, "weeks", &path, &alternates);
        ctx.insert("weeks", &self.group_summaries(lang_pos, |k| matches!(k, GroupKind::Week(_))));
        self.write("weeks.html", &ctx, &path, sink)
    }

    pub(super) fn group_plan(&self, g: GroupIndex) -> (String, Vec<Alternate>) {
        group_plan(self.site, g)
    }

    fn group(&self, g: GroupIndex, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let group = &self.site.groups.groups[g];
        let (path, alternates) = self.group_plan(g);
        let (template, kind, page) = match group.kind {
            GroupKind::Category => {
                let icon = group_icon(self.site, group);
                let page = serde_json::json!({ "title": group.name, "name": group.name, "icon": icon });
                ("category.html", "category", page)
            }
            GroupKind::Tag => ("tag.html", "tag", serde_json::json!({ "title": group.name, "name": group.name })),
            GroupKind::Difficulty(d) => ("difficulty.html", "difficulty", serde_json::json!({ "difficulty": d.key() })),
            GroupKind::Week(w) => {
                ("week.html", "week", serde_json::json!({ "week": w.week(), "year": w.year(), "tag": w.to_string() }))
            }
        };
        let mut ctx = self.context(group.lang_pos, kind, &path, &alternates);
        ctx.insert("page", &page);
        let entries: Vec<Value> = group.entries.iter().map(|&e| self.card(e)).collect();
        ctx.insert_value("entries", Value::from(entries));
        self.write(template, &ctx, &path, sink)
    }

    fn alias(&self, a: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let alias = &self.site.groups.aliases[a];
        let lang_pos = self.site.glossary.lang_pos(alias.target);
        let target_path = &self.parts.plan(alias.target).path;
        let mut ctx = self.context(lang_pos, "alias", target_path, &[]);
        let page: std::collections::BTreeMap<&'static str, Value> =
            [("alias", Value::from(&*alias.alias)), ("target", self.card(alias.target))].into();
        ctx.insert_value("page", Value::from(page));
        self.write("alias.html", &ctx, &alias.path, sink)
    }

    fn root(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (_, alternates) = self.listing_plan(LangPos::default(), urls::home);
        let mut ctx = self.context(LangPos::default(), "root", "", &alternates);
        ctx.insert("target", &self.config().base.link(&urls::home(self.config().default_language().code.as_str())));
        self.write("root.html", &ctx, "", sink)
    }

    fn not_found(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (_, alternates) = self.listing_plan(LangPos::default(), urls::home);
        let ctx = self.context(LangPos::default(), "404", "404.html", &alternates);
        self.write("404.html", &ctx, "404.html", sink)
    }
}

/// The path and language versions of a group's page.
pub fn group_plan(site: &SiteData<'_>, g: GroupIndex) -> (String, Vec<Alternate>) {
    let group = &site.groups.groups[g];
    let alternates = alternates(site, group.lang_pos, |pos| {
        site.groups.counterpart(site.glossary, g, pos).map(|o| site.groups.groups[o].path.clone())
    });
    (group.path.clone(), alternates)
}
