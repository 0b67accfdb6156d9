//! The build: load → link → render → write, as [`build`] runs them for `glossgen build`. `check` and `serve`
//! call the same stage functions ([`load`], [`prepare`], [`write_site`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{self, SiteConfig};
use crate::content::{self, LoadOptions};
use crate::diagnostics::{Diagnostic, Report};
use crate::fragments::Fragments;
use crate::highlight::{self, Highlighter};
use crate::link::Glossary;
use crate::markdown::RenderedBody;
#[cfg(feature = "minify")]
use crate::minify;
use crate::render::bodies::Backlinks;
use crate::render::groups::Groups;
use crate::render::pages::{self, Sink, SiteData};
use crate::render::{self, Renderer};
use crate::types::LangPos;
use crate::{i18n, output, theme, timings, translation};

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
    /// Fail at once instead of waiting while another build writes the same output folder.
    pub no_wait: bool,
    /// Leave out what only the search index reads (body stems): for analysis that renders no pages.
    pub without_search: bool,
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
    /// The badges of links to another language, worded with `strings`.
    pub badges: crate::markdown::Badges,
    /// Templates and static files.
    pub theme: theme::Theme,
    /// The shortcode templates bodies call.
    pub shortcodes: Arc<crate::markdown::Shortcodes>,
    /// Every entry file and what came of reading it.
    pub files: Vec<content::LoadedFile>,
    /// Problems with the layout of `content/` (undeclared or empty languages, symbolic links).
    pub layout_problems: Vec<Diagnostic>,
    /// Problems with the UI strings and the theme.
    pub problems: Vec<Diagnostic>,
}

impl LoadedSite {
    /// The entries of the files, unlinked, with every problem found so far.
    pub fn entries(&self, options: LoadOptions) -> content::Loaded {
        let problems = self.problems.iter().chain(&self.layout_problems).cloned().collect();
        content::assemble(&self.files, problems, options)
    }
}

/// Stage 1: reads configuration, strings, theme and entries. Fails early only without a usable `site.toml`.
pub fn load(options: &BuildOptions) -> Result<LoadedSite, Report> {
    let root = &options.root;
    let mut config = SiteConfig::load(root).map_err(Report::new)?;
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
    problems.extend(theme::resolve_icons(root, &mut config, &theme));
    // What static/ leaves out that an author may not expect (links, FIFOs) is said once, with the warnings.
    problems.extend(theme::publishable(root, &root.join("static"), &config.include_hidden).skipped);
    problems.extend(theme::publishable(root, &root.join("themes").join(&config.theme).join("static"), &[]).skipped);
    let (files, layout_problems) = content::load_files(root, &config, !options.without_search);
    let badges = crate::markdown::Badges::new(&config, &strings);
    let strings = Arc::new(strings);
    let (shortcodes, mut shortcode_problems) = crate::markdown::Shortcodes::new(&theme, strings.clone());
    problems.append(&mut shortcode_problems);
    let shortcodes = Arc::new(shortcodes);
    Ok(LoadedSite { config, strings, badges, theme, shortcodes, files, layout_problems, problems })
}

/// What the render stage made of a linked glossary, besides pages: the bodies, the backlinks they create,
/// the groups, and each entry's parts. `serve` keeps one and derives the next from it after an edit.
pub struct Built {
    /// The linked glossary.
    pub glossary: Glossary,
    /// Rendered body of each entry.
    pub bodies: Vec<Arc<RenderedBody>>,
    /// Who links to each entry.
    pub backlinks: Backlinks,
    /// Categories, difficulty levels, weeks and alias addresses.
    pub groups: Arc<Groups>,
    /// Each entry's parts, built on first use.
    pub fragments: Vec<Arc<Fragments>>,
}

impl Built {
    /// What the render stage reads of it.
    pub fn data<'a>(&'a self, config: &'a SiteConfig) -> SiteData<'a> {
        SiteData {
            config,
            glossary: &self.glossary,
            bodies: &self.bodies,
            backlinks: &self.backlinks,
            groups: &self.groups,
            fragments: &self.fragments,
        }
    }
}

/// A site loaded, linked and with its bodies rendered: everything needed to render pages.
pub struct Prepared {
    /// What was loaded.
    pub site: LoadedSite,
    /// The parsed templates.
    pub renderer: Renderer,
    /// Bodies, backlinks, groups and parts.
    pub built: Built,
    /// Warnings found on the way (and errors, when prepared for analysis).
    pub warnings: Vec<Diagnostic>,
    /// Links in bodies to a section or path that does not exist: errors a build stops at, kept here by
    /// analysis, which goes on ([`prepare_anyway`]).
    pub unreachable: Unreachable,
}

impl Prepared {
    /// What the render stage reads of a prepared site.
    pub fn site_data(&self) -> SiteData<'_> {
        self.built.data(&self.site.config)
    }
}

/// Stages 1 to 3a: load, link, render bodies, parse templates. Any error fails with every problem found.
/// `highlighter` keeps highlighted code for whoever owns it (one build, or the dev server's whole run).
pub fn prepare(options: &BuildOptions, highlighter: &Highlighter) -> Result<Prepared, Report> {
    prepare_with(options, highlighter, false)
}

/// [`prepare`] that goes on past errors in the content, theme or strings, making what it can of each entry
/// and keeping every problem in [`Prepared::warnings`]: for analysis, which reports them instead of
/// stopping at them. Fails only without a usable `site.toml`.
pub fn prepare_anyway(options: &BuildOptions, highlighter: &Highlighter) -> Result<Prepared, Report> {
    prepare_with(options, highlighter, true)
}

fn prepare_with(options: &BuildOptions, highlighter: &Highlighter, anyway: bool) -> Result<Prepared, Report> {
    let linked = link_site(options)?;
    render_linked(linked, &options.root, highlighter, anyway)
}

/// A site loaded and linked, its bodies not rendered yet, with every problem found so far.
pub struct LinkedSite {
    /// What was loaded.
    pub site: LoadedSite,
    /// The linked glossary.
    pub glossary: Glossary,
    /// Problems of loading and linking.
    pub diagnostics: Vec<Diagnostic>,
}

/// Stages 1 and 2: load and link. Fails only without a usable `site.toml`; the problems are kept.
pub fn link_site(options: &BuildOptions) -> Result<LinkedSite, Report> {
    let mut timer = timings::Timer::start("build");
    let site = load(options)?;
    timer.lap("load");
    let loaded = site.entries(LoadOptions { drafts: options.drafts });
    let mut diagnostics = loaded.diagnostics.clone();
    let (glossary, mut link_problems) = Glossary::link(&site.config, loaded);
    diagnostics.append(&mut link_problems);
    diagnostics.extend(crate::link::alias_conflicts(&glossary));
    timer.lap("link");
    Ok(LinkedSite { site, glossary, diagnostics })
}

/// Stage 3a for a [`LinkedSite`], going on past errors (as [`prepare_anyway`] does).
pub fn render_linked_anyway(linked: LinkedSite, root: &Path, highlighter: &Highlighter) -> Result<Prepared, Report> {
    render_linked(linked, root, highlighter, true)
}

fn render_linked(linked: LinkedSite, root: &Path, highlighter: &Highlighter, anyway: bool) -> Result<Prepared, Report> {
    let mut timer = timings::Timer::start("build");
    let LinkedSite { site, glossary, mut diagnostics } = linked;
    let (bodies, mut body_problems) =
        render::bodies::render_all(&site.config, &glossary, highlighter, &site.badges, &site.shortcodes);
    diagnostics.append(&mut body_problems);
    timer.lap("bodies");
    let renderer = match Renderer::new(&site.theme, site.strings.clone()) {
        Ok(renderer) => renderer,
        Err(mut p) => {
            diagnostics.append(&mut p);
            match anyway {
                true => Renderer::new(&theme::Theme::default(), site.strings.clone()).map_err(Report::new)?,
                false => return Err(Report::new(diagnostics)),
            }
        }
    };
    if !anyway && diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Report::new(diagnostics));
    }
    let backlinks = Backlinks::new(&glossary, &bodies);
    let groups = Arc::new(Groups::new(&site.config, &glossary));
    timer.lap("templates and groups");
    let fragments = Fragments::for_entries(glossary.entries.len());
    let built = Built { glossary, bodies, backlinks, groups, fragments };
    let unreachable = unreachable_links(&site, root, &built.data(&site.config), None);
    if !anyway && unreachable.iter().next().is_some() {
        diagnostics.extend(unreachable.iter().cloned());
        return Err(Report::new(diagnostics));
    }
    let unreachable = unreachable.not_reported(&diagnostics);
    diagnostics.extend(unreachable.iter().cloned());
    Ok(Prepared { site, renderer, built, warnings: diagnostics, unreachable })
}

/// Each entry file's `check_allow` (the rules of `check` that do not apply to it), where it has one.
pub fn allowed_by_entry(glossary: &Glossary) -> std::collections::HashMap<&Path, &[String]> {
    let with_some = glossary.entries.iter().filter(|e| !e.check_allow.is_empty());
    with_some.map(|e| (e.path.as_path(), &e.check_allow[..])).collect()
}

/// Links in bodies that lead nowhere: errors a build stops at.
#[derive(Debug, Clone, Default)]
pub struct Unreachable {
    /// To a section another entry lacks (checked in every body: a heading of the target may have gone).
    pub anchors: Vec<Diagnostic>,
    /// To a path in the site that no page or file has.
    pub paths: Vec<Diagnostic>,
}

impl Unreachable {
    /// Every one of them.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.anchors.iter().chain(&self.paths)
    }

    /// The same without the links already reported as errors where they stand (a wiki link to nothing is
    /// also a link to no page): for analysis, which looks for both at once.
    pub fn not_reported(self, reported: &[Diagnostic]) -> Unreachable {
        let at = |d: &Diagnostic| (d.path.clone(), d.line, d.column);
        let errors: std::collections::HashSet<_> = reported.iter().filter(|d| d.is_error()).map(at).collect();
        let keep = |list: Vec<Diagnostic>| list.into_iter().filter(|d| !errors.contains(&at(d))).collect();
        Unreachable { anchors: keep(self.anchors), paths: keep(self.paths) }
    }
}

/// Links in bodies to a section another entry lacks, or to a path in the site that no page or file has. Paths
/// are checked in the bodies of `paths_in` (every body when `None`): after an edit that keeps the site's
/// pages, only a body rendered again can have a new one.
pub fn unreachable_links(
    site: &LoadedSite,
    root: &Path,
    data: &SiteData<'_>,
    paths_in: Option<&[crate::types::EntryIndex]>,
) -> Unreachable {
    let anchors = render::reachable::broken_anchors(data.glossary, data.bodies);
    let mut paths = Vec::new();
    let all: Vec<crate::types::EntryIndex>;
    let which = match paths_in {
        Some(which) => which,
        None => {
            all = data.glossary.indices().collect();
            &all
        }
    };
    if which.iter().any(|&i| !data.bodies[i].local_links.is_empty()) {
        let mut files: rustc_hash::FxHashSet<String> =
            pages::all_pages(data).into_iter().map(|p| pages::output_file(data, p)).collect();
        files.extend(site.theme.static_files.iter().map(|(name, _)| name.clone()));
        files.extend(
            theme::publishable(root, &root.join("static"), &site.config.include_hidden)
                .files
                .into_iter()
                .map(|(n, _)| n),
        );
        files.insert("syntax.css".to_string());
        paths = render::reachable::broken_paths(data, which, &files);
    }
    Unreachable { anchors, paths }
}

/// Stages 3b and 4: renders every page and document, and writes them with static files and stylesheets to
/// `sink`. Returns the number of files written.
pub fn write_site(prepared: &Prepared, root: &Path, sink: &dyn Sink) -> Result<usize, Vec<Diagnostic>> {
    let data = prepared.site_data();
    let mut timer = timings::Timer::start("build");
    let all = pages::all_pages(&data);
    pages::render_pages(&data, &prepared.renderer, sink, &all)?;
    timer.lap("pages, feeds and search");
    write_static(&prepared.site, root, sink)?;
    timer.lap("static");
    // Pages readers browse: those the sitemap lists, the root page and `404.html`.
    Ok(data.glossary.entries.len() + 3 * data.config.languages.len() + data.groups.groups.len() + 2)
}

/// Writes the theme's static files, the highlight stylesheet and the site's own `static/` folder.
pub fn write_static(site: &LoadedSite, root: &Path, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let out_err = |e: std::io::Error| {
        vec![Diagnostic::error(site.config.output_dir.as_str(), format!("cannot write the output: {e}"))]
    };
    let write = |path: &str, bytes: &[u8]| {
        sink.write(path, bytes).map_err(|e| {
            vec![Diagnostic::error(
                site.config.output_dir.as_str(),
                format!("cannot write the output file {path}: {e}"),
            )]
        })
    };
    for (path, bytes) in &site.theme.static_files {
        write(path, bytes)?;
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
    // Each theme's rules apply in its own mode only: a class the dark theme does not colour must not keep the
    // light theme's colour on a dark background.
    let css = format!(
        "@media not all and (prefers-color-scheme: dark) {{\n{light}}}\n@media (prefers-color-scheme: dark) {{\n{dark}}}\n"
    );
    write("syntax.css", css.as_bytes())?;
    copy_site_static(root, &site.config.include_hidden, sink).map_err(out_err)?;
    Ok(())
}

/// Copies the site's own `static/` folder as is (it wins over theme files of the same name). Symbolic links
/// are not followed.
fn copy_site_static(root: &Path, include_hidden: &[String], sink: &dyn Sink) -> std::io::Result<()> {
    for (rel, path) in theme::publishable(root, &root.join("static"), include_hidden).files {
        sink.write(&rel, &std::fs::read(&path)?)?;
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

/// Frees the glossary and its pages beside the caller: at 10,000 entries a language that is a few tenths of
/// a second of one thread, which `glossgen build` would spend just before it exits (and the exit frees it
/// all at once anyway).
fn free_in_background(prepared: Prepared) {
    // Without a thread to spare, the closure and what it holds are freed here.
    let _ = std::thread::Builder::new().name("free".into()).spawn(move || drop(prepared));
}

/// Builds the site: load → link → render → write. On any error the previous output is left untouched and
/// every problem is returned.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Report> {
    let started = Instant::now();
    let prepared = prepare(options, &Highlighter::new())?;
    let config = &prepared.site.config;
    let output = output_dir(options, config);
    // One build at a time writes an output folder; the lock is held until this function returns.
    let waiting = if options.no_wait { output::Waiting::NoWait } else { output::Waiting::Wait };
    let _lock = output::OutputLock::acquire(&output, waiting, || {
        eprintln!("waiting for another build of {}/ to finish…", output.display());
    })
    .map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::WouldBlock {
            format!("another build is writing {}/", output.display())
        } else {
            format!("cannot lock the output folder {}/: {e}", output.display())
        };
        Report::single(
            Diagnostic::error(config.output_dir.as_str(), message)
                .hint("wait for it to finish, or build without --no-wait to wait for it"),
        )
    })?;
    output::check_output_dir(&options.root, &output, options.force).map_err(Report::single)?;
    let io_err = |e: std::io::Error| {
        Report::single(Diagnostic::error(config.output_dir.as_str(), format!("cannot prepare the output folder: {e}")))
    };
    let mut timer = timings::Timer::start("build");
    let staging = output::Staging::create(&output).map_err(io_err)?;
    timer.lap("output folder");
    let dir_sink = staging.sink();
    #[cfg(feature = "minify")]
    let minifying = minify::Minifying::new(&dir_sink);
    #[cfg(feature = "minify")]
    let sink: &dyn Sink = if config.minify { &minifying } else { &dir_sink };
    // Without the feature, `minify = true` is refused when the settings are read.
    #[cfg(not(feature = "minify"))]
    let sink: &dyn Sink = &dir_sink;
    match write_site(&prepared, &options.root, sink) {
        Ok(pages) => {
            let mut timer = timings::Timer::start("build");
            staging.commit().map_err(io_err)?;
            timer.lap("commit");
            let entries_per_language = config
                .languages
                .iter()
                .enumerate()
                .map(|(pos, l)| (l.code.to_string(), prepared.built.glossary.range(LangPos::new(pos)).len()))
                .collect();
            let outdated_translations = translation::outdated(&prepared.built.glossary, config);
            // Rules allowed under [check] or by an entry are not reported by a build either.
            let allowed = allowed_by_entry(&prepared.built.glossary);
            let allowed_in = |path: &Path| allowed.get(path).copied();
            let warnings =
                prepared.warnings.iter().filter(|w| config.checks.reported(w, allowed_in)).cloned().collect();
            let summary = BuildSummary {
                entries_per_language,
                outdated_translations,
                pages,
                warnings,
                output,
                elapsed: started.elapsed(),
            };
            drop(_lock);
            free_in_background(prepared);
            Ok(summary)
        }
        Err(mut problems) => {
            staging.abandon();
            let mut all = prepared.warnings;
            all.append(&mut problems);
            Err(Report::new(all))
        }
    }
}
