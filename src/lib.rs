//! glossgen: a static-site generator for bilingual glossaries.
//!
//! A build is four stages with plain data between them:
//!
//! 1. **load** ([`config`], [`i18n`], [`theme`], [`content`]): `site.toml`, UI strings, templates and every
//!    `content/<lang>/<id>.md` become typed values; every problem is collected as a [`Diagnostic`].
//! 2. **link** ([`link`]): entries are ordered alphabetically per language, `related` ids resolve, translations
//!    pair up.
//! 3. **render** ([`markdown`], [`render`]): bodies become HTML (resolving `@/` links, which adds backlinks),
//!    then every page goes through the theme's templates.
//! 4. **write** ([`output`], [`sitemap`]): pages land in a staging folder that replaces the output only when
//!    everything succeeded.
//!
//! [`build`] runs them in order; the command line in `main.rs` only parses arguments and calls it.

pub mod check;
pub mod collate;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod feeds;
pub mod fragments;
pub mod highlight;
pub mod i18n;
pub mod link;
pub mod linkcheck;
pub mod markdown;
pub mod minify;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod slug;
pub mod standalone;
pub mod terms;
pub mod theme;
pub mod timings;
pub mod translation;
pub mod urls;
pub mod week;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use diagnostics::{Diagnostic, Report};

use config::SiteConfig;
use content::LoadOptions;
use link::Glossary;
use markdown::{LinkTargets, RenderedBody};
use output::Sink;
use render::Renderer;
use render::pages::SiteData;

/// What `glossgen build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder (holding `site.toml`).
    pub root: PathBuf,
    /// Overrides `output_dir` from `site.toml`; relative paths are taken from the site root.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Include entries marked `draft: true`.
    pub drafts: bool,
    /// Replace an existing output folder even if glossgen did not create it.
    pub force: bool,
}

/// What a successful build did, for the one-line summary.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// `(language code, entry pages)` per language, default first.
    pub entries_per_language: Vec<(String, usize)>,
    /// Every HTML page written.
    pub pages: usize,
    /// Warnings found along the way.
    pub warnings: Vec<Diagnostic>,
    /// Translations whose source changed since they were stamped: `path: fields changed`.
    pub outdated_translations: Vec<String>,
    /// Where the site was written.
    pub output: PathBuf,
    /// Wall time of the build.
    pub elapsed: Duration,
}

/// Everything the load stage produces.
pub struct LoadedSite {
    /// Settings.
    pub config: SiteConfig,
    /// UI strings.
    pub strings: Arc<i18n::Strings>,
    /// Templates and static files.
    pub theme: theme::Theme,
    /// Every entry file and what came of reading it.
    pub files: Vec<content::LoadedFile>,
    /// Problems with the layout of `content/` (undeclared or empty languages, symbolic links).
    pub layout_problems: Vec<Diagnostic>,
    /// Entries assembled from `files`, unlinked, with every problem found so far.
    pub loaded: content::Loaded,
}

/// Stage 1: reads configuration, strings, theme and entries. Fails early only without a usable `site.toml`.
pub fn load(options: &BuildOptions) -> Result<LoadedSite, Report> {
    let root = &options.root;
    let mut config = SiteConfig::load(root).map_err(Report::single)?;
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(|m| Report::single(Diagnostic::error("--base-url", m)))?;
    }
    let mut problems = Vec::new();
    let strings = i18n::Strings::load(root, &config).unwrap_or_else(|mut p| {
        problems.append(&mut p);
        i18n::Strings::default()
    });
    let theme = theme::load(root, &config).unwrap_or_else(|mut p| {
        problems.append(&mut p);
        theme::Theme::default()
    });
    let (files, layout_problems) = content::load_files(root, &config);
    problems.extend(layout_problems.iter().cloned());
    let loaded = content::assemble(&files, problems, LoadOptions { drafts: options.drafts });
    Ok(LoadedSite { config, strings: Arc::new(strings), theme, files, layout_problems, loaded })
}

/// Stage 3a: renders every entry body, resolving `@/` links, and records the backlinks they create.
pub fn render_bodies(config: &SiteConfig, glossary: &mut Glossary) -> (Vec<RenderedBody>, Vec<Diagnostic>) {
    let all: Vec<Option<RenderedBody>> = vec![None; glossary.entries.len()];
    render_bodies_reusing(config, glossary, all)
}

/// Like [`render_bodies`], but keeps the bodies given as `Some` (from an earlier build) and renders the rest.
pub fn render_bodies_reusing(
    config: &SiteConfig,
    glossary: &mut Glossary,
    reuse: Vec<Option<RenderedBody>>,
) -> (Vec<RenderedBody>, Vec<Diagnostic>) {
    let url_of = |index: usize| entry_link(config, glossary, index);
    let targets = LinkTargets { glossary, url_of: &url_of, autolink: config.autolink, allow_html: config.allow_html };
    // Render each entry right after the other language versions of its concept, on the same thread, so
    // their shared code blocks come out of the highlight cache.
    let mut order: Vec<usize> = Vec::with_capacity(reuse.len());
    let mut placed = vec![false; reuse.len()];
    for index in 0..reuse.len() {
        for &i in std::iter::once(&Some(index)).chain(glossary.translations(index)).flatten() {
            if reuse[i].is_none() && !std::mem::replace(&mut placed[i], true) {
                order.push(i);
            }
        }
    }
    let rendered: Vec<(RenderedBody, Vec<Diagnostic>)> =
        order.par_iter().with_max_len(8).map(|&i| markdown::render(i, &targets)).collect();
    // Every slot is filled: kept bodies here, rendered ones from `order`, which lists all the others.
    let mut slots: Vec<(RenderedBody, Vec<Diagnostic>)> =
        reuse.into_iter().map(|kept| (kept.unwrap_or_default(), Vec::new())).collect();
    for (i, result) in order.into_iter().zip(rendered) {
        slots[i] = result;
    }
    let mut bodies = Vec::with_capacity(slots.len());
    let mut problems = Vec::new();
    let mut links = Vec::new();
    for (index, (body, mut p)) in slots.into_iter().enumerate() {
        links.extend(body.links.iter().map(|&to| (index, to)));
        problems.append(&mut p);
        bodies.push(body);
    }
    glossary.add_backlinks(links);
    (bodies, problems)
}

/// The link to an entry's page, as body links and cards use it.
pub fn entry_link(config: &SiteConfig, glossary: &Glossary, index: link::EntryIndex) -> String {
    let entry = &glossary.entries[index];
    urls::link(config, &urls::entry(entry.lang.as_str(), &entry.slug))
}

/// A site loaded, linked and with its bodies rendered: everything needed to render pages.
pub struct Prepared {
    /// What was loaded.
    pub site: LoadedSite,
    /// The parsed templates.
    pub renderer: Renderer,
    /// The linked glossary, backlinks included.
    pub glossary: Glossary,
    /// Rendered body of each entry.
    pub bodies: Vec<RenderedBody>,
    /// Categories, difficulty levels, weeks and alias addresses.
    pub groups: render::groups::Groups,
    /// Each entry's card and records, once built.
    pub fragments: Vec<fragments::Fragments>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
}

impl Prepared {
    /// What the render stage reads of a prepared site.
    pub fn site_data(&self) -> SiteData<'_> {
        SiteData {
            config: &self.site.config,
            glossary: &self.glossary,
            bodies: &self.bodies,
            groups: &self.groups,
            fragments: &self.fragments,
        }
    }
}

/// Stages 1 to 3a: load, link, render bodies, parse templates. Any error fails with every problem found.
pub fn prepare(options: &BuildOptions) -> Result<Prepared, Report> {
    highlight::enable_cache();
    let mut timer = timings::Timer::start("build");
    let mut site = load(options)?;
    timer.lap("load");
    let mut diagnostics = std::mem::take(&mut site.loaded.diagnostics);
    let loaded = std::mem::take(&mut site.loaded);
    let (mut glossary, mut link_problems) = Glossary::link(&site.config, loaded);
    diagnostics.append(&mut link_problems);
    timer.lap("link");
    let (bodies, mut body_problems) = render_bodies(&site.config, &mut glossary);
    diagnostics.append(&mut body_problems);
    timer.lap("bodies");
    match Renderer::new(&site.theme, site.strings.clone()) {
        Ok(renderer) if !diagnostics.iter().any(Diagnostic::is_error) => {
            let groups = render::groups::Groups::new(&site.config, &glossary);
            timer.lap("templates and groups");
            let fragments = fragments::Fragments::for_entries(glossary.entries.len());
            Ok(Prepared { site, renderer, glossary, bodies, groups, fragments, warnings: diagnostics })
        }
        Ok(_) => Err(Report::new(diagnostics)),
        Err(mut p) => {
            diagnostics.append(&mut p);
            Err(Report::new(diagnostics))
        }
    }
}

/// Stages 3b and 4: renders every page and writes it, with static files, stylesheets and the sitemap, to
/// `sink`. Returns the number of files written.
pub fn write_site(prepared: &Prepared, root: &Path, sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
    let data = prepared.site_data();
    let mut timer = timings::Timer::start("build");
    let languages: Vec<usize> = (0..prepared.site.config.languages.len()).collect();
    let (rendered, fed) = rayon::join(
        || render::pages::render_site(&data, &prepared.renderer, sink),
        || write_feeds(&data, &languages, sink),
    );
    rendered?;
    fed?;
    timer.lap("pages, feeds and search");
    let urls = render::pages::sitemap_urls(&data, &prepared.renderer);
    write_extras(&prepared.site, root, &urls, sink)?;
    timer.lap("sitemap and static");
    Ok(urls.len() + 2)
}

/// Writes the theme's static files, the highlight stylesheet, the site's `static/` and the sitemap.
pub fn write_extras(
    site: &LoadedSite,
    root: &Path,
    urls: &[sitemap::SitemapUrl],
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    write_static(site, root, sink)?;
    let out_err = |e: std::io::Error| {
        vec![Diagnostic::error(site.config.output_dir.as_str(), format!("cannot write the output: {e}"))]
    };
    sink.write("sitemap.xml", sitemap::render(urls).as_bytes()).map_err(out_err)?;
    sink.write("robots.txt", feeds::robots(&site.config).as_bytes()).map_err(out_err)?;
    Ok(())
}

/// Writes the Atom feed, JSON export and search index of the languages at `languages` (positions), all
/// six-or-so documents in parallel.
pub fn write_feeds(data: &SiteData<'_>, languages: &[usize], sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let config = data.config;
    type Path = fn(&str) -> String;
    type Document = fn(&SiteData<'_>, usize) -> String;
    let kinds: [(Path, Document); 3] =
        [(urls::feed, feeds::atom), (urls::export, feeds::export), (urls::search_index, search::index)];
    let jobs: Vec<(usize, usize)> = languages.iter().flat_map(|&pos| (0..kinds.len()).map(move |k| (pos, k))).collect();
    jobs.par_iter().try_for_each(|&(pos, kind)| {
        let (path, document) = kinds[kind];
        let code = config.languages[pos].code.as_str();
        sink.write(&path(code), document(data, pos).as_bytes())
            .map_err(|e| vec![Diagnostic::error(config.output_dir.as_str(), format!("cannot write the output: {e}"))])
    })
}

/// Writes the theme's static files, the highlight stylesheet and the site's own `static/` folder.
pub fn write_static(site: &LoadedSite, root: &Path, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let out_err = |e: std::io::Error| {
        vec![Diagnostic::error(site.config.output_dir.as_str(), format!("cannot write the output: {e}"))]
    };
    for (path, bytes) in &site.theme.static_files {
        sink.write(path, bytes).map_err(out_err)?;
    }
    let theme_css = |name: &str, key: &str| {
        highlight::stylesheet(name).map_err(|known| {
            vec![
                Diagnostic::error(config::CONFIG_FILE, format!("unknown {key} `{name}`"))
                    .hint(format!("known themes: {}", known.join(", "))),
            ]
        })
    };
    let light = theme_css(&site.config.highlight_theme, "highlight_theme")?;
    let dark = theme_css(&site.config.highlight_theme_dark, "highlight_theme_dark")?;
    let css = format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}}}\n");
    sink.write("syntax.css", css.as_bytes()).map_err(out_err)?;
    copy_site_static(root, sink).map_err(out_err)?;
    Ok(())
}

/// Copies the site's own `static/` folder as is (it wins over theme files of the same name). Symbolic links
/// are not followed.
fn copy_site_static(root: &Path, sink: &dyn Sink) -> std::io::Result<()> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    for item in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !item.file_type().is_file() {
            continue;
        }
        if let Ok(rel) = item.path().strip_prefix(&dir) {
            sink.write(&rel.to_string_lossy().replace('\\', "/"), &std::fs::read(item.path())?)?;
        }
    }
    Ok(())
}

/// The output folder a build writes to.
pub fn output_dir(options: &BuildOptions, config: &SiteConfig) -> PathBuf {
    match &options.output_dir {
        Some(dir) if dir.is_absolute() => dir.clone(),
        Some(dir) => options.root.join(dir),
        None => options.root.join(&config.output_dir),
    }
}

/// Builds the site: load → link → render → write. On any error the previous output is left untouched and
/// every problem is returned.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let prepared = prepare(options)?;
    let config = &prepared.site.config;
    let output = output_dir(options, config);
    output::check_output_dir(&options.root, &output, options.force).map_err(Report::single)?;
    let io_err = |e: std::io::Error| {
        Report::single(Diagnostic::error(config.output_dir.as_str(), format!("cannot prepare the output folder: {e}")))
    };
    let mut timer = timings::Timer::start("build");
    let staging = output::Staging::create(&output).map_err(io_err)?;
    timer.lap("output folder");
    let dir_sink = staging.sink();
    let minifying = minify::Minifying::new(&dir_sink);
    let sink: &dyn Sink = if config.minify { &minifying } else { &dir_sink };
    match write_site(&prepared, &options.root, sink) {
        Ok(pages) => {
            let mut timer = timings::Timer::start("build");
            staging.commit().map_err(io_err)?;
            timer.lap("commit");
            let entries_per_language = config
                .languages
                .iter()
                .enumerate()
                .map(|(pos, l)| (l.code.to_string(), prepared.glossary.range(pos).len()))
                .collect();
            let outdated_translations = translation::outdated(&prepared.glossary, config);
            Ok(BuildSummary {
                entries_per_language,
                outdated_translations,
                pages,
                warnings: prepared.warnings,
                output,
                elapsed: started.elapsed(),
            })
        }
        Err(mut problems) => {
            staging.abandon();
            let mut all = prepared.warnings;
            all.append(&mut problems);
            Err(Report::new(all))
        }
    }
}
