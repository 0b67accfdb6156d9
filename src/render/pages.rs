//! Which pages a site has, and rendering each of them in parallel into an output [`Sink`].
//!
//! Per language: a home page listing every entry by letter, one page per entry, a category list, one page
//! per category, difficulty level and week, an archive of weeks, and a redirect per alias. Once per site: the
//! root page that sends readers to a language, and `404.html`.

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::context::{Alternate, Cards, EntryPage, SiteContext, SourceLink};
use super::groups::{GroupKind, Groups};
use crate::collate::TitleCollator;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::fragments::Fragments;
use crate::link::{EntryIndex, Glossary};
use crate::markdown::RenderedBody;
use crate::output::Sink;
use crate::sitemap::SitemapUrl;
use crate::urls;

/// Everything the render stage reads.
pub struct SiteData<'a> {
    /// Settings.
    pub config: &'a SiteConfig,
    /// The linked glossary (backlinks included).
    pub glossary: &'a Glossary,
    /// Rendered body of each entry, by entry index.
    pub bodies: &'a [RenderedBody],
    /// Categories, difficulty levels, weeks and alias addresses.
    pub groups: &'a Groups,
    /// Each entry's card and records, built on first use and kept by `serve` for entries that did not
    /// change.
    pub fragments: &'a [Fragments],
}

enum Job {
    Entry(EntryIndex),
    Home(usize),
    Categories(usize),
    Weeks(usize),
    Search(usize),
    Group(usize),
    Alias(usize),
    Root,
    NotFound,
}

/// Which pages to render: all of them for a build, a few after an edit in `serve`.
#[derive(Debug, Clone, Default)]
pub struct PageSet {
    /// Entry pages, by entry index; `None` means every entry.
    pub entries: Option<Vec<EntryIndex>>,
    /// Languages (by position) whose home, category list and week archive are rendered.
    pub listings: Vec<usize>,
    /// Group pages (categories, levels, weeks) by position in [`Groups::groups`]; `None` means every group of
    /// the `listings` languages.
    pub groups: Option<Vec<usize>>,
    /// Alias redirects by position in [`Groups::aliases`]; `None` means all of them.
    pub aliases: Option<Vec<usize>>,
    /// The root page and `404.html`.
    pub site_pages: bool,
}

impl PageSet {
    /// Every page of a site with `languages` languages.
    pub fn all(languages: usize) -> Self {
        PageSet { entries: None, listings: (0..languages).collect(), groups: None, aliases: None, site_pages: true }
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
        jobs.extend([Job::Home(pos), Job::Categories(pos), Job::Weeks(pos), Job::Search(pos)]);
    }
    let groups = &site.groups.groups;
    match &set.groups {
        None => jobs.extend((0..groups.len()).filter(|&g| set.listings.contains(&groups[g].lang_pos)).map(Job::Group)),
        Some(list) => jobs.extend(list.iter().copied().map(Job::Group)),
    }
    match &set.aliases {
        None => jobs.extend((0..site.groups.aliases.len()).map(Job::Alias)),
        Some(list) => jobs.extend(list.iter().copied().map(Job::Alias)),
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

/// The sitemap entries of every page (redirects excepted), computed from the data alone.
pub fn sitemap_urls(site: &SiteData<'_>, renderer: &Renderer) -> Vec<SitemapUrl> {
    let pages = Pages::new(site, renderer);
    let mut plans: Vec<(String, Vec<Alternate>)> =
        (0..site.glossary.entries.len()).map(|i| pages.entry_plan(i)).collect();
    for pos in 0..site.config.languages.len() {
        plans.push(pages.listing_plan(pos, urls::home));
        plans.push(pages.listing_plan(pos, urls::categories));
        plans.push(pages.listing_plan(pos, urls::weeks));
    }
    plans.extend((0..site.groups.groups.len()).map(|g| pages.group_plan(g)));
    plans.iter().map(|(path, alternates)| pages.sitemap_url(path, alternates)).collect()
}

/// The output files of every page that is not an entry page: listings, groups and alias redirects.
pub fn listing_paths(config: &SiteConfig, groups: &Groups) -> Vec<String> {
    let mut paths = Vec::new();
    for lang in &config.languages {
        let code = lang.code.as_str();
        paths.extend([urls::home(code), urls::categories(code), urls::weeks(code), urls::search(code)]);
    }
    paths.extend(groups.groups.iter().map(|g| g.path.clone()));
    paths.extend(groups.aliases.iter().map(|a| a.path.clone()));
    paths.iter().map(|p| urls::output_file(p)).collect()
}

struct Pages<'a> {
    site: &'a SiteData<'a>,
    renderer: &'a Renderer,
    site_values: Vec<Value>,
}

#[derive(Serialize)]
struct LetterGroup {
    letter: char,
    #[serde(skip)]
    entries: Vec<Value>,
}

#[derive(Serialize)]
struct Letter {
    letter: char,
    enabled: bool,
}

/// A group as a link in a list (categories page, week archive).
#[derive(Serialize)]
struct GroupSummary {
    name: String,
    link: String,
    count: usize,
    year: Option<i32>,
    week: Option<u8>,
}

impl<'a> Pages<'a> {
    fn new(site: &'a SiteData<'a>, renderer: &'a Renderer) -> Self {
        let site_values = (0..site.config.languages.len())
            .map(|pos| Value::from_serializable(&SiteContext::new(site.config, pos)))
            .collect();
        Pages { site, renderer, site_values }
    }

    /// The card of an entry, shared by every page that shows it.
    fn card(&self, index: EntryIndex) -> Value {
        self.site.fragments[index]
            .card
            .get_or_init(|| {
                let card = Value::from_serializable(&self.cards().card(index));
                let lang = self.site.glossary.entries[index].lang.as_str();
                match self.renderer.card_html(&card, lang) {
                    Some(html) => {
                        let mut map = card.into_map().unwrap_or_default();
                        map.insert("html".into(), Value::safe_string(&html));
                        Value::from(map)
                    }
                    None => card,
                }
            })
            .clone()
    }

    fn config(&self) -> &SiteConfig {
        self.site.config
    }

    fn cards(&self) -> Cards<'_> {
        Cards { config: self.site.config, glossary: self.site.glossary, categories: &self.site.groups.category_of }
    }

    fn render(&self, job: &Job, sink: &dyn Sink) -> Result<(), Diagnostic> {
        match *job {
            Job::Entry(index) => self.entry(index, sink),
            Job::Home(pos) => self.home(pos, sink),
            Job::Categories(pos) => self.category_list(pos, sink),
            Job::Weeks(pos) => self.week_list(pos, sink),
            Job::Search(pos) => {
                let (path, alternates) = self.listing_plan(pos, urls::search);
                let ctx = self.context(pos, "search", &path, &alternates);
                self.write("search.html", &ctx, &path, sink)
            }
            Job::Group(g) => self.group(g, sink),
            Job::Alias(a) => self.alias(a, sink),
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
                    link: if path.is_some() {
                        urls::link(self.config(), &target)
                    } else {
                        format!("{}#untranslated", urls::link(self.config(), &target))
                    },
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
            card: self.card(index),
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
            related: glossary.related[index].iter().map(|&r| self.card(r)).collect(),
            backlinks: glossary.backlinks[index].iter().map(|&r| self.card(r)).collect(),
            previous: previous.map(|p| self.card(p)),
            next: next.map(|n| self.card(n)),
            json_ld: super::context::json_ld(&serde_json::json!({
                "@context": "https://schema.org",
                "@type": "DefinedTerm",
                "name": entry.title,
                "description": entry.summary,
                "alternateName": entry.aliases,
                "url": urls::permalink(self.config(), &path),
                "inLanguage": entry.lang.as_str(),
                "inDefinedTermSet": {
                    "@type": "DefinedTermSet",
                    "name": self.config().languages[lang_pos].title,
                    "url": urls::permalink(self.config(), &urls::home(entry.lang.as_str())),
                },
            })),
            outdated: self.config().outdated_notice
                && matches!(
                    crate::translation::state_of(glossary, crate::translation::source_position(self.config()), index),
                    Some(crate::translation::State::Outdated { .. })
                ),
        };
        let mut ctx = self.context(lang_pos, "entry", &path, &alternates);
        ctx.insert_value("page", page.into_value());
        self.write("entry.html", &ctx, &path, sink)
    }

    fn home(&self, lang_pos: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (path, alternates) = self.listing_plan(lang_pos, urls::home);
        let mut groups: Vec<LetterGroup> = Vec::new();
        for index in self.site.glossary.range(lang_pos) {
            let letter = TitleCollator::initial(&self.site.glossary.entries[index].title);
            match groups.last_mut() {
                Some(group) if group.letter == letter => group.entries.push(self.card(index)),
                _ => groups.push(LetterGroup { letter, entries: vec![self.card(index)] }),
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
        let lang = &self.config().languages[lang_pos];
        let set = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "name": lang.title,
            "description": lang.description,
            "url": urls::permalink(self.config(), &path),
            "inLanguage": lang.code.as_str(),
        });
        ctx.insert("json_ld", &super::context::json_ld(&set));
        self.write("home.html", &ctx, &path, sink)
    }

    /// A page that exists once per language at `path_of(language code)`.
    fn listing_plan(&self, lang_pos: usize, path_of: fn(&str) -> String) -> (String, Vec<Alternate>) {
        let path = path_of(self.config().languages[lang_pos].code.as_str());
        let alternates = self.alternates(lang_pos, |pos| Some(path_of(self.config().languages[pos].code.as_str())));
        (path, alternates)
    }

    fn group_summaries(&self, lang_pos: usize, keep: impl Fn(GroupKind) -> bool) -> Vec<GroupSummary> {
        self.site
            .groups
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
                    link: urls::link(self.config(), &g.path),
                    count: g.entries.len(),
                    year,
                    week,
                }
            })
            .collect()
    }

    fn category_list(&self, lang_pos: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
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
                    "difficulty": d.key(), "link": urls::link(self.config(), &g.path), "count": g.entries.len()
                })),
                _ => None,
            })
            .collect();
        ctx.insert("difficulties", &levels);
        self.write("categories.html", &ctx, &path, sink)
    }

    fn week_list(&self, lang_pos: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (path, alternates) = self.listing_plan(lang_pos, urls::weeks);
        let mut ctx = self.context(lang_pos, "weeks", &path, &alternates);
        ctx.insert("weeks", &self.group_summaries(lang_pos, |k| matches!(k, GroupKind::Week(_))));
        self.write("weeks.html", &ctx, &path, sink)
    }

    fn group_plan(&self, g: usize) -> (String, Vec<Alternate>) {
        let group = &self.site.groups.groups[g];
        let alternates = self.alternates(group.lang_pos, |pos| {
            self.site.groups.counterpart(self.site.glossary, g, pos).map(|o| self.site.groups.groups[o].path.clone())
        });
        (group.path.clone(), alternates)
    }

    fn group(&self, g: usize, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let group = &self.site.groups.groups[g];
        let (path, alternates) = self.group_plan(g);
        let (template, kind, page) = match group.kind {
            GroupKind::Category => {
                ("category.html", "category", serde_json::json!({ "title": group.name, "name": group.name }))
            }
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
        let (target_path, _) = self.entry_plan(alias.target);
        let mut ctx = self.context(lang_pos, "alias", &target_path, &[]);
        let page: std::collections::BTreeMap<&'static str, Value> =
            [("alias", Value::from(alias.alias.as_str())), ("target", self.card(alias.target))].into();
        ctx.insert_value("page", Value::from(page));
        self.write("alias.html", &ctx, &alias.path, sink)
    }

    fn root(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (_, alternates) = self.listing_plan(0, urls::home);
        let mut ctx = self.context(0, "root", "", &alternates);
        ctx.insert("target", &urls::link(self.config(), &urls::home(self.config().default_language().code.as_str())));
        self.write("root.html", &ctx, "", sink)
    }

    fn not_found(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let (_, alternates) = self.listing_plan(0, urls::home);
        let ctx = self.context(0, "404", "404.html", &alternates);
        self.write("404.html", &ctx, "404.html", sink)
    }
}
