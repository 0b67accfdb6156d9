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

pub mod collate;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod highlight;
pub mod i18n;
pub mod link;
pub mod markdown;
pub mod output;
pub mod render;
pub mod sitemap;
pub mod slug;
pub mod theme;
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
    /// Entries, unlinked.
    pub loaded: content::Loaded,
}

/// Stage 1: reads configuration, strings, theme and entries. Fails only if nothing useful can be built.
pub fn load(options: &BuildOptions) -> Result<LoadedSite, Report> {
    let root = &options.root;
    let mut config = SiteConfig::load(root).map_err(Report::single)?;
    if let Some(url) = &options.base_url {
        config
            .set_base_url(url)
            .map_err(|m| Report::single(Diagnostic::error("--base-url", m)))?;
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
    let mut loaded = content::load_entries(root, &config, LoadOptions { drafts: options.drafts });
    loaded.diagnostics.append(&mut problems);
    Ok(LoadedSite {
        config,
        strings: Arc::new(strings),
        theme,
        loaded,
    })
}

/// Stage 3a: renders every entry body, resolving `@/` links, and records the backlinks they create.
pub fn render_bodies(config: &SiteConfig, glossary: &mut Glossary) -> (Vec<RenderedBody>, Vec<Diagnostic>) {
    let url_of = |index: usize| {
        let entry = &glossary.entries[index];
        urls::link(config, &urls::entry(entry.lang.as_str(), &entry.slug))
    };
    let targets = LinkTargets {
        glossary,
        url_of: &url_of,
    };
    let results: Vec<(RenderedBody, Vec<Diagnostic>)> = (0..glossary.entries.len())
        .into_par_iter()
        .map(|i| markdown::render(i, &targets))
        .collect();
    let mut bodies = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    let mut links = Vec::new();
    for (index, (body, mut p)) in results.into_iter().enumerate() {
        links.extend(body.links.iter().map(|&to| (index, to)));
        problems.append(&mut p);
        bodies.push(body);
    }
    glossary.add_backlinks(links);
    (bodies, problems)
}

/// Writes the theme's static files, the highlight stylesheet and the sitemap.
fn write_extras(
    site: &LoadedSite,
    root: &Path,
    urls: &[sitemap::SitemapUrl],
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let out_err = |e: std::io::Error| {
        vec![Diagnostic::error(
            site.config.output_dir.as_str(),
            format!("cannot write the output: {e}"),
        )]
    };
    for (path, bytes) in &site.theme.static_files {
        sink.write(path, bytes).map_err(out_err)?;
    }
    let css = highlight::stylesheet(&site.config.highlight_theme).map_err(|known| {
        vec![
            Diagnostic::error(
                config::CONFIG_FILE,
                format!("unknown highlight_theme `{}`", site.config.highlight_theme),
            )
            .hint(format!("known themes: {}", known.join(", "))),
        ]
    })?;
    sink.write("syntax.css", css.as_bytes()).map_err(out_err)?;
    copy_site_static(root, sink).map_err(out_err)?;
    sink.write("sitemap.xml", sitemap::render(urls).as_bytes())
        .map_err(out_err)?;
    Ok(())
}

/// Copies the site's own `static/` folder as is (it wins over theme files of the same name).
fn copy_site_static(root: &Path, sink: &dyn Sink) -> std::io::Result<()> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    for item in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
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
    let mut site = load(options)?;
    let mut diagnostics = std::mem::take(&mut site.loaded.diagnostics);
    let loaded = std::mem::take(&mut site.loaded);
    let (mut glossary, mut link_problems) = Glossary::link(&site.config, loaded);
    diagnostics.append(&mut link_problems);
    let (bodies, mut body_problems) = render_bodies(&site.config, &mut glossary);
    diagnostics.append(&mut body_problems);
    let renderer = Renderer::new(&site.theme, site.strings.clone());
    let renderer = match renderer {
        Ok(r) if !diagnostics.iter().any(Diagnostic::is_error) => r,
        Ok(_) => return Err(Report::new(diagnostics)),
        Err(mut p) => {
            diagnostics.append(&mut p);
            return Err(Report::new(diagnostics));
        }
    };

    let output = output_dir(options, &site.config);
    let io_err = |e: std::io::Error| {
        Report::single(Diagnostic::error(
            site.config.output_dir.as_str(),
            format!("cannot prepare the output folder: {e}"),
        ))
    };
    let staging = output::Staging::create(&output).map_err(io_err)?;
    let sink = staging.sink();
    let data = SiteData {
        config: &site.config,
        glossary: &glossary,
        bodies: &bodies,
    };
    let written = render::pages::render_site(&data, &renderer, &sink)
        .and_then(|urls| write_extras(&site, &options.root, &urls, &sink).map(|_| urls.len()));
    match written {
        Ok(sitemap_pages) => {
            staging.commit().map_err(io_err)?;
            let entries_per_language = site
                .config
                .languages
                .iter()
                .enumerate()
                .map(|(pos, l)| (l.code.to_string(), glossary.range(pos).len()))
                .collect();
            Ok(BuildSummary {
                entries_per_language,
                pages: sitemap_pages + 2,
                warnings: diagnostics,
                output,
                elapsed: started.elapsed(),
            })
        }
        Err(mut p) => {
            staging.abandon();
            diagnostics.append(&mut p);
            Err(Report::new(diagnostics))
        }
    }
}
