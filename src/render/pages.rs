//! Which pages a site has, and rendering each of them in parallel into an output [`Sink`].
//!
//! Per language: a home page listing every entry by letter, one page per entry, a category list and one page
//! per category. Once per site: the root page that sends readers to a language, and `404.html`.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::context::{Alternate, Cards, CategoryLink, EntryCard, EntryPage, SiteContext, SourceLink};
use crate::collate::TitleCollator;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::link::{EntryIndex, Glossary};
use crate::markdown::RenderedBody;
use crate::output::Sink;
use crate::sitemap::SitemapUrl;
use crate::slug::Slug;
use crate::urls;

/// A category of one language, with its entries alphabetically.
#[derive(Debug, Clone)]
pub struct Category {
    /// Position of its language.
    pub lang_pos: usize,
    /// Name as written (the first spelling met, alphabetically by entry).
    pub name: String,
    /// URL segment.
    pub slug: Slug,
    /// Its entries.
    pub entries: Vec<EntryIndex>,
}

/// Everything the render stage reads.
pub struct SiteData<'a> {
    /// Settings.
    pub config: &'a SiteConfig,
    /// The linked glossary (backlinks included).
    pub glossary: &'a Glossary,
    /// Rendered body of each entry, by entry index.
    pub bodies: &'a [RenderedBody],
    /// Categories per language and the category of each entry.
    pub categories: &'a CategoryIndex,
}

/// Every category of the site and the category link of every entry, computed once per glossary.
#[derive(Debug, Clone, Default)]
pub struct CategoryIndex {
    /// Categories of every language, alphabetically within a language.
    pub categories: Vec<Category>,
    /// The category link shown on each entry (by entry index).
    pub category_of: Vec<Option<CategoryLink>>,
}

impl CategoryIndex {
    /// Groups the glossary's entries by category.
    pub fn new(config: &SiteConfig, glossary: &Glossary) -> Self {
        let categories = collect_categories(config, glossary);
        let category_of = category_links(config, glossary, &categories);
        CategoryIndex { categories, category_of }
    }
}

enum Job {
    Entry(EntryIndex),
    Home(usize),
    Categories(usize),
    Category(usize),
    Root,
    NotFound,
}

/// Which pages to render: all of them for a build, a few after an edit in `serve`.
#[derive(Debug, Clone, Default)]
pub struct PageSet {
    /// Entry pages, by entry index; `None` means every entry.
    pub entries: Option<Vec<EntryIndex>>,
    /// Languages (by position) whose homes and category lists are rendered.
    pub listings: Vec<usize>,
    /// Category pages to render, by position in [`CategoryIndex::categories`]; `None` means every category of
    /// the `listings` languages.
    pub categories: Option<Vec<usize>>,
    /// The root page and `404.html`.
    pub site_pages: bool,
}

impl PageSet {
    /// Every page of a site with `languages` languages.
    pub fn all(languages: usize) -> Self {
        PageSet { entries: None, listings: (0..languages).collect(), categories: None, site_pages: true }
    }
}

/// Renders the pages in `set` and writes them to `sink`.
pub fn render_pages(
    site: &SiteData<'_>,
    renderer: &Renderer,
    sink: &dyn Sink,
    set: &PageSet,
) -> Result<(), Vec<Diagnostic>> {
    let pages = Pages::new(site, renderer);
    let mut jobs: Vec<Job> = match &set.entries {
        None => (0..site.glossary.entries.len()).map(Job::Entry).collect(),
        Some(list) => list.iter().copied().map(Job::Entry).collect(),
    };
    for &pos in &set.listings {
        jobs.push(Job::Home(pos));
        jobs.push(Job::Categories(pos));
    }
    match &set.categories {
        None => jobs.extend(
            (0..pages.categories.len())
                .filter(|&c| set.listings.contains(&pages.categories[c].lang_pos))
                .map(Job::Category),
        ),
        Some(list) => jobs.extend(list.iter().copied().map(Job::Category)),
    }
    if set.site_pages {
        jobs.push(Job::Root);
        jobs.push(Job::NotFound);
    }
    let results: Vec<Result<(), Diagnostic>> = jobs.par_iter().map(|job| pages.render(job, sink)).collect();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for d in results.into_iter().filter_map(Result::err) {
        if !problems.contains(&d) {
            problems.push(d);
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// Renders every page of the site into `sink`.
pub fn render_site(site: &SiteData<'_>, renderer: &Renderer, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    render_pages(site, renderer, sink, &PageSet::all(site.config.languages.len()))
}

/// The sitemap entries of every page, computed from the data alone (no rendering).
pub fn sitemap_urls(site: &SiteData<'_>, renderer: &Renderer) -> Vec<SitemapUrl> {
    let pages = Pages::new(site, renderer);
    let mut urls = Vec::new();
    for index in 0..site.glossary.entries.len() {
        let (path, alternates) = pages.entry_plan(index);
        urls.push(pages.sitemap_url(&path, &alternates));
    }
    for pos in 0..site.config.languages.len() {
        let (path, alternates) = pages.home_plan(pos);
        urls.push(pages.sitemap_url(&path, &alternates));
        let (path, alternates) = pages.categories_plan(pos);
        urls.push(pages.sitemap_url(&path, &alternates));
    }
    for c in 0..pages.categories.len() {
        let (path, alternates) = pages.category_plan(c);
        urls.push(pages.sitemap_url(&path, &alternates));
    }
    urls
}

/// The output paths of every listing page (homes, category lists, category pages).
pub fn listing_paths(config: &SiteConfig, glossary: &Glossary) -> Vec<String> {
    let mut paths = Vec::new();
    for lang in &config.languages {
        paths.push(urls::output_file(&urls::home(lang.code.as_str())));
        paths.push(urls::output_file(&urls::categories(lang.code.as_str())));
    }
    for cat in collect_categories(config, glossary) {
        paths.push(urls::output_file(&urls::category(config.languages[cat.lang_pos].code.as_str(), &cat.slug)));
    }
    paths
}

/// The category link shown on each entry (by entry index).
pub fn category_links(config: &SiteConfig, glossary: &Glossary, categories: &[Category]) -> Vec<Option<CategoryLink>> {
    let mut category_of: Vec<Option<CategoryLink>> = vec![None; glossary.entries.len()];
    for cat in categories {
        let link = CategoryLink {
            name: cat.name.clone(),
            link: urls::link(config, &urls::category(config.languages[cat.lang_pos].code.as_str(), &cat.slug)),
        };
        for &e in &cat.entries {
            category_of[e] = Some(link.clone());
        }
    }
    category_of
}

/// Groups each language's entries by category slug, and orders categories alphabetically.
pub fn collect_categories(config: &SiteConfig, glossary: &Glossary) -> Vec<Category> {
    let collator = TitleCollator::shared();
    let mut out = Vec::new();
    for pos in 0..config.languages.len() {
        let mut by_slug: BTreeMap<Slug, Category> = BTreeMap::new();
        for index in glossary.range(pos) {
            let entry = &glossary.entries[index];
            let (Some(name), Some(slug)) = (&entry.category, &entry.category_slug) else { continue };
            by_slug
                .entry(slug.clone())
                .or_insert_with(|| Category {
                    lang_pos: pos,
                    name: name.clone(),
                    slug: slug.clone(),
                    entries: Vec::new(),
                })
                .entries
                .push(index);
        }
        let mut list: Vec<Category> = by_slug.into_values().collect();
        list.sort_by(|a, b| collator.compare(&a.name, &b.name));
        out.extend(list);
    }
    out
}

struct Pages<'a> {
    site: &'a SiteData<'a>,
    renderer: &'a Renderer,
    category_of: &'a [Option<CategoryLink>],
    categories: &'a [Category],
    site_values: Vec<Value>,
}

#[derive(Serialize)]
struct LetterGroup {
    letter: char,
    entries: Vec<EntryCard>,
}

#[derive(Serialize)]
struct Letter {
    letter: char,
    enabled: bool,
}

#[derive(Serialize)]
struct CategorySummary {
    name: String,
    link: String,
    count: usize,
}

impl<'a> Pages<'a> {
    fn new(site: &'a SiteData<'a>, renderer: &'a Renderer) -> Self {
        let categories = &site.categories.categories;
        let category_of = &site.categories.category_of;
        let site_values = (0..site.config.languages.len())
            .map(|pos| Value::from_serializable(&SiteContext::new(site.config, pos)))
            .collect();
        Pages { site, renderer, category_of, categories, site_values }
    }

    fn config(&self) -> &SiteConfig {
        self.site.config
    }

    fn cards(&self) -> Cards<'_> {
        Cards { config: self.site.config, glossary: self.site.glossary, categories: self.category_of }
    }

    fn render(&self, job: &Job, sink: &dyn Sink) -> Result<(), Diagnostic> {
        match *job {
            Job::Entry(index) => self.entry(index, sink),
            Job::Home(pos) => self.home(pos, sink),
            Job::Categories(pos) => self.category_list(pos, sink),
            Job::Category(c) => self.category(c, sink),
            Job::Root => self.root(sink),
            Job::NotFound => self.not_found(sink),
        }
    }

    /// The common variables of every page in a language.
    fn context(&self, lang_pos: usize, kind: &str, path: &str, alternates: &[Alternate]) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", self.config().languages[lang_pos].code.as_str());
        ctx.insert_value("site", self.site_values[lang_pos].clone());
        ctx.insert("kind", kind);
        ctx.insert("canonical", &urls::permalink(self.config(), path));
        ctx.insert("alternates", alternates);
        ctx
    }

    fn write(&self, template: &str, ctx: &Context, path: &str, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.renderer.render_to(template, ctx, &mut out)?;
        let file = urls::output_file(path);
        sink.write(&file, &out)
            .map_err(|e| Diagnostic::error(self.config().output_dir.as_str(), format!("cannot write {file}: {e}")))
    }

    /// Alternates for a page that exists in the languages where `path_in(pos)` is `Some`.
    fn alternates(&self, lang_pos: usize, path_in: impl Fn(usize) -> Option<String>) -> Vec<Alternate> {
        self.config()
            .languages
            .iter()
            .enumerate()
            .map(|(pos, lang)| {
                let path = path_in(pos);
                let target = path.clone().unwrap_or_else(|| urls::home(lang.code.as_str()));
                Alternate {
                    lang: lang.code.to_string(),
                    name: lang.name.clone(),
                    link: urls::link(self.config(), &target),
                    permalink: urls::permalink(self.config(), &target),
                    available: path.is_some(),
                    current: pos == lang_pos,
                }
            })
            .collect()
    }

    fn sitemap_url(&self, path: &str, alternates: &[Alternate]) -> SitemapUrl {
        SitemapUrl {
            loc: urls::permalink(self.config(), path),
            alternates: alternates
                .iter()
                .filter(|a| a.available)
                .map(|a| (a.lang.clone(), a.permalink.clone()))
                .collect(),
            default_lang: self.config().default_language().code.to_string(),
        }
    }

    /// The path and language versions of an entry page.
    fn entry_plan(&self, index: EntryIndex) -> (String, Vec<Alternate>) {
        let glossary = self.site.glossary;
        let entry = &glossary.entries[index];
        let path = urls::entry(entry.lang.as_str(), &entry.slug);
        let translations = glossary.translations(index);
        let alternates = self.alternates(glossary.lang_pos(index), |pos| {
            translations[pos]
                .map(|t| urls::entry(self.config().languages[pos].code.as_str(), &glossary.entries[t].slug))
        });
        (path, alternates)
    }

    fn entry(&self, index: EntryIndex, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let glossary = self.site.glossary;
        let entry = &glossary.entries[index];
        let lang_pos = glossary.lang_pos(index);
        let (path, alternates) = self.entry_plan(index);
        let (previous, next) = glossary.neighbours(index);
        let body = &self.site.bodies[index];
        let page = EntryPage {
            card: self.cards().card(index),
            permalink: urls::permalink(self.config(), &path),
            aliases: entry.aliases.clone(),
            body: body.html.to_string(),
            headings: body.headings.to_vec(),
            sources: entry
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| SourceLink { number: i + 1, title: s.title.clone(), url: s.url.clone() })
                .collect(),
            related: glossary.related[index].iter().map(|&r| self.cards().card(r)).collect(),
            backlinks: glossary.backlinks[index].iter().map(|&r| self.cards().card(r)).collect(),
            previous: previous.map(|p| self.cards().card(p)),
            next: next.map(|n| self.cards().card(n)),
        };
        let mut ctx = self.context(lang_pos, "entry", &path, &alternates);
        ctx.insert("page", &page);
        self.write("entry.html", &ctx, &path, sink)
    }

    fn home_plan(&self, lang_pos: usize) -> (String, Vec<Alternate>) {
        let path = urls::home(self.config().languages[lang_pos].code.as_str());
        let alternates = self.alternates(lang_pos, |pos| Some(urls::home(self.config().languages[pos].code.as_str())));
        (path, alternates)
    }

    fn home(&self, lang_pos: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (path, alternates) = self.home_plan(lang_pos);
        let mut groups: Vec<LetterGroup> = Vec::new();
        for index in self.site.glossary.range(lang_pos) {
            let letter = TitleCollator::initial(&self.site.glossary.entries[index].title);
            match groups.last_mut() {
                Some(group) if group.letter == letter => group.entries.push(self.cards().card(index)),
                _ => groups.push(LetterGroup { letter, entries: vec![self.cards().card(index)] }),
            }
        }
        let letters: Vec<Letter> =
            ('A'..='Z').map(|letter| Letter { letter, enabled: groups.iter().any(|g| g.letter == letter) }).collect();
        let mut ctx = self.context(lang_pos, "home", &path, &alternates);
        ctx.insert(
            "page",
            &serde_json::json!({
                "title": self.config().languages[lang_pos].title,
                "count": self.site.glossary.range(lang_pos).len(),
            }),
        );
        ctx.insert("groups", &groups);
        ctx.insert("letters", &letters);
        self.write("home.html", &ctx, &path, sink)
    }

    fn categories_plan(&self, lang_pos: usize) -> (String, Vec<Alternate>) {
        let path = urls::categories(self.config().languages[lang_pos].code.as_str());
        let alternates =
            self.alternates(lang_pos, |pos| Some(urls::categories(self.config().languages[pos].code.as_str())));
        (path, alternates)
    }

    fn category_list(&self, lang_pos: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let code = self.config().languages[lang_pos].code.as_str();
        let (path, alternates) = self.categories_plan(lang_pos);
        let list: Vec<CategorySummary> = self
            .categories
            .iter()
            .filter(|c| c.lang_pos == lang_pos)
            .map(|c| CategorySummary {
                name: c.name.clone(),
                link: urls::link(self.config(), &urls::category(code, &c.slug)),
                count: c.entries.len(),
            })
            .collect();
        let mut ctx = self.context(lang_pos, "categories", &path, &alternates);
        ctx.insert("categories", &list);
        self.write("categories.html", &ctx, &path, sink)
    }

    fn category_plan(&self, c: usize) -> (String, Vec<Alternate>) {
        let cat = &self.categories[c];
        let code = self.config().languages[cat.lang_pos].code.as_str();
        let path = urls::category(code, &cat.slug);
        let counterparts = self.category_counterparts(cat);
        let alternates = self.alternates(cat.lang_pos, |pos| {
            if pos == cat.lang_pos {
                Some(path.clone())
            } else {
                counterparts.get(&pos).map(|other| {
                    urls::category(self.config().languages[pos].code.as_str(), &self.categories[*other].slug)
                })
            }
        });
        (path, alternates)
    }

    fn category(&self, c: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let cat = &self.categories[c];
        let (path, alternates) = self.category_plan(c);
        let mut ctx = self.context(cat.lang_pos, "category", &path, &alternates);
        ctx.insert("page", &serde_json::json!({ "title": cat.name, "name": cat.name }));
        let entries: Vec<EntryCard> = cat.entries.iter().map(|&e| self.cards().card(e)).collect();
        ctx.insert("entries", &entries);
        self.write("category.html", &ctx, &path, sink)
    }

    /// The category in each other language that most of this category's concepts are filed under there.
    fn category_counterparts(&self, cat: &Category) -> HashMap<usize, usize> {
        let glossary = self.site.glossary;
        let mut out = HashMap::new();
        for pos in (0..self.config().languages.len()).filter(|&p| p != cat.lang_pos) {
            let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
            for &e in &cat.entries {
                let Some(t) = glossary.lookup(pos, &glossary.entries[e].id) else {
                    continue;
                };
                if let Some(other) = self.categories.iter().position(|c| c.lang_pos == pos && c.entries.contains(&t)) {
                    *votes.entry(other).or_default() += 1;
                }
            }
            if let Some((&best, _)) = votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                out.insert(pos, best);
            }
        }
        out
    }

    fn root(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let alternates = self.alternates(0, |pos| Some(urls::home(self.config().languages[pos].code.as_str())));
        let mut ctx = self.context(0, "root", "", &alternates);
        ctx.insert("target", &urls::link(self.config(), &urls::home(self.config().default_language().code.as_str())));
        self.write("root.html", &ctx, "", sink)
    }

    fn not_found(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let alternates = self.alternates(0, |pos| Some(urls::home(self.config().languages[pos].code.as_str())));
        let ctx = self.context(0, "404", "404.html", &alternates);
        self.write("404.html", &ctx, "404.html", sink)
    }
}
