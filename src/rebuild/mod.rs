//! A built site kept in memory and brought up to date after edits, rendering only the pages an edit affects.
//!
//! `serve` owns one [`Workspace`]. After a save, the changed paths are classified ([`paths::classify`]):
//! templates, UI strings or `site.toml` rebuild everything; static files are copied again; content edits go
//! through one path ([`content`]): the changed files are read again, the glossary is brought up to date
//! ([`crate::link::update`]), the bodies an edit can affect are rendered again, the parts of the entries
//! that may differ are built again and compared with the previous ones ([`crate::render::changes`]), and
//! the pages that read a changed part ([`crate::render::deps`]) are rendered with the build's own functions.
//! The result always equals a full build of the same files (the tests compare them byte for byte), and a
//! failed rebuild leaves the last good site exactly as it was.

mod content;
mod files;
pub mod paths;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use paths::{PathKind, classify, is_editor_noise};

use crate::highlight::Highlighter;
use crate::output::MemorySink;
use crate::{BuildOptions, Diagnostic, Prepared, Report};

pub use content::Early;
pub use files::Files;

/// What a rebuild changed, so the dev server knows which open pages to refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing the site depends on changed.
    Unchanged,
    /// These output files were written or removed.
    Pages(Vec<String>),
    /// Only stylesheets changed; pages can swap them without reloading.
    Stylesheets(Vec<String>),
    /// Anything may have changed (templates, strings, settings).
    Everything,
}

/// What the dev server serves: the rendered pages with the static files laid over them, as a build
/// writes them (a file in `static/` wins over a page of the same address).
#[derive(Default)]
struct Served {
    files: Files,
    /// Output paths written by the static step (theme assets, site `static/`, `syntax.css`).
    statics: HashSet<String>,
    /// Rendered pages that a static file hides, kept for when the static file goes.
    shadowed: HashMap<String, Arc<[u8]>>,
}

impl Served {
    fn new(pages: HashMap<String, Arc<[u8]>>, statics: HashMap<String, Arc<[u8]>>) -> Self {
        let mut served = Served::default();
        for (path, bytes) in pages {
            served.files.insert(path.into(), bytes);
        }
        served.set_statics(statics);
        served
    }

    /// Puts a rendered page in place; true if what is served changed.
    fn put_page(&mut self, path: String, bytes: Arc<[u8]>) -> bool {
        if self.statics.contains(&path) {
            self.shadowed.insert(path, bytes);
            return false;
        }
        let changed = self.files.get(path.as_str()) != Some(&bytes);
        self.files.insert(path.into(), bytes);
        changed
    }

    /// Removes a rendered page; true if what is served changed.
    fn remove_page(&mut self, path: &str) -> bool {
        if self.statics.contains(path) {
            self.shadowed.remove(path);
            return false;
        }
        self.files.remove(path).is_some()
    }

    /// Replaces the static files by `written`; returns the paths whose served contents changed.
    fn set_statics(&mut self, written: HashMap<String, Arc<[u8]>>) -> Vec<String> {
        let mut changed: Vec<String> = Vec::new();
        let before = std::mem::take(&mut self.statics);
        for path in &before {
            if written.contains_key(path) {
                continue;
            }
            match self.shadowed.remove(path) {
                Some(page) => {
                    self.files.insert(path.as_str().into(), page);
                }
                None => {
                    self.files.remove(path.as_str());
                }
            }
            changed.push(path.clone());
        }
        for (path, bytes) in written {
            let previous = self.files.get(path.as_str()).cloned();
            if !before.contains(&path)
                && !self.shadowed.contains_key(&path)
                && let Some(page) = previous.clone()
            {
                self.shadowed.insert(path.clone(), page);
            }
            if previous.as_ref() != Some(&bytes) {
                changed.push(path.clone());
            }
            self.statics.insert(path.clone());
            self.files.insert(path.into(), bytes);
        }
        changed.sort();
        changed
    }
}

/// A site in memory, with what is needed to update it cheaply.
pub struct Workspace {
    options: BuildOptions,
    prepared: Prepared,
    served: Served,
    /// Highlighted code kept for the workspace's whole life (bounded, see [`Highlighter`]).
    highlighter: Highlighter,
    /// Templates, strings or settings changed and the full build that followed failed: the site in memory
    /// is older than them, so the next change of any kind builds everything.
    needs_full: bool,
    /// Pages are rendered (`serve`); without them the workspace keeps only what analysis needs: entries,
    /// glossary, bodies and their findings (the language server), and it goes on past errors in the
    /// content: a rebuild keeps the site as the files now are and reports the errors with the warnings.
    pages: bool,
    /// Entry files whose text an editor holds unsaved (absolute path → text): read from here, not the disk.
    unsaved: HashMap<PathBuf, Arc<str>>,
    /// Content paths (absolute) of rebuilds that failed since the last good one: the files were read, but the
    /// glossary still holds what they held before, so the next rebuild takes them in with its own paths.
    behind: Vec<PathBuf>,
}

impl Workspace {
    /// Builds the whole site into memory.
    pub fn new(mut options: BuildOptions) -> Result<(Self, Vec<Diagnostic>), Report> {
        // Watchers report absolute paths; an absolute root lets them be compared with the site's files.
        options.root = options.root.canonicalize().map_err(|e| {
            Report::single(Diagnostic::error(&options.root, format!("cannot open the site folder: {e}")))
        })?;
        let highlighter = Highlighter::new();
        let (prepared, served) = full(&options, &highlighter, true)?;
        let warnings = prepared.warnings.clone();
        let unsaved = HashMap::new();
        Ok((
            Workspace {
                options,
                prepared,
                served,
                highlighter,
                needs_full: false,
                pages: true,
                unsaved,
                behind: Vec::new(),
            },
            warnings,
        ))
    }

    /// Loads, links and renders the bodies of the site without its pages and without highlighting code:
    /// what the language server needs to answer questions and report findings, at less than half the cost
    /// of a build. Goes on past errors in the content.
    pub fn for_analysis(options: BuildOptions) -> Result<Self, Report> {
        Self::index_for_analysis(options)?.finish()
    }

    /// The first half of [`Workspace::for_analysis`]: the site loaded and linked. What it knows (names, ids,
    /// files) can answer questions while [`Indexing::finish`] renders the bodies on another thread.
    pub fn index_for_analysis(mut options: BuildOptions) -> Result<Indexing, Report> {
        options.without_search = true;
        options.root = options.root.canonicalize().map_err(|e| {
            Report::single(Diagnostic::error(&options.root, format!("cannot open the site folder: {e}")))
        })?;
        let linked = crate::build::link_site(&options)?;
        Ok(Indexing { options, linked })
    }

    /// The site as it stands after the last successful build or rebuild.
    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    /// Makes the entry file at `path` (absolute) read as `text` instead of from the disk, or from the disk
    /// again (`None`); the change takes effect at the next [`Workspace::rebuild`] of that path.
    pub fn set_unsaved(&mut self, path: PathBuf, text: Option<Arc<str>>) {
        match text {
            Some(text) => self.unsaved.insert(path, text),
            None => self.unsaved.remove(&path),
        };
    }

    /// The current output.
    pub fn files(&self) -> &Files {
        &self.served.files
    }

    /// Translations whose source changed since they were stamped.
    pub fn outdated_translations(&self) -> Vec<String> {
        crate::translation::outdated(&self.prepared.built.glossary, &self.prepared.site.config)
    }

    /// The options the site is built with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// What a changed path is to this site.
    pub fn classify(&self, path: &std::path::Path) -> PathKind {
        let output = crate::output_dir(&self.options, &self.prepared.site.config);
        classify(&self.options.root, &output, path)
    }

    /// Brings the site up to date after `changed` paths (absolute, or relative to the site root) changed on
    /// disk. On error the previous output stays in place and every problem is returned.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome, Report> {
        self.rebuild_previewing(changed, &mut |_, _| {})
    }

    /// [`Workspace::rebuild`], handing `early` what to serve as soon as the page of a renamed entry is
    /// rendered, with that page's path, before the rest of the rebuild (which may then still fail). The
    /// output the rebuild returns is complete and compared with the output before it, not with `early`'s.
    pub fn rebuild_previewing(
        &mut self,
        changed: &[PathBuf],
        early: &mut content::Early<'_>,
    ) -> Result<Outcome, Report> {
        let kinds: Vec<PathKind> = changed.iter().map(|p| self.classify(p)).collect();
        if kinds.iter().all(|&k| k == PathKind::Ignored) {
            return Ok(Outcome::Unchanged);
        }
        if self.needs_full || kinds.iter().any(|k| k.needs_everything()) {
            return self.rebuild_everything();
        }
        let content: Vec<PathBuf> =
            changed.iter().zip(&kinds).filter(|(_, k)| **k == PathKind::Content).map(|(p, _)| p.clone()).collect();
        let mut outcome = Outcome::Unchanged;
        if !content.is_empty() {
            outcome = content::rebuild(self, &content, early)?;
        }
        if self.pages && kinds.iter().any(|&k| matches!(k, PathKind::Static | PathKind::Stylesheet)) {
            let stylesheets_only = !kinds.contains(&PathKind::Static) && outcome == Outcome::Unchanged;
            let statics = self.rebuild_static(stylesheets_only)?;
            outcome = match (outcome, statics) {
                (outcome, Outcome::Unchanged) => outcome,
                (Outcome::Unchanged, statics) => statics,
                _ => Outcome::Everything,
            };
        }
        Ok(outcome)
    }

    fn rebuild_everything(&mut self) -> Result<Outcome, Report> {
        match full(&self.options, &self.highlighter, self.pages) {
            Ok((prepared, served)) => {
                (self.prepared, self.served) = (prepared, served);
                self.needs_full = false;
                self.behind.clear();
                Ok(Outcome::Everything)
            }
            Err(report) => {
                self.needs_full = true;
                Err(report)
            }
        }
    }

    fn rebuild_static(&mut self, stylesheets_only: bool) -> Result<Outcome, Report> {
        let site = &mut self.prepared.site;
        let theme = crate::theme::load(&self.options.root, &site.config).map_err(Report::new)?;
        let sink = MemorySink::default();
        let previous = std::mem::replace(&mut site.theme, theme);
        if let Err(problems) = crate::build::write_static(site, &self.options.root, &sink) {
            site.theme = previous;
            return Err(Report::new(problems));
        }
        let changed = self.served.set_statics(sink.into_files());
        Ok(match (changed.is_empty(), stylesheets_only) {
            (true, _) => Outcome::Unchanged,
            (false, true) => Outcome::Stylesheets(changed),
            (false, false) => Outcome::Everything,
        })
    }
}

/// A site loaded and linked for analysis, its bodies not rendered yet ([`Workspace::index_for_analysis`]).
pub struct Indexing {
    options: BuildOptions,
    linked: crate::build::LinkedSite,
}

impl Indexing {
    /// The linked glossary: its names, ids and files, without what rendering the bodies finds.
    pub fn glossary(&self) -> &crate::link::Glossary {
        &self.linked.glossary
    }

    /// The site folder, canonical.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Renders the bodies: the analysis workspace.
    pub fn finish(self) -> Result<Workspace, Report> {
        let highlighter = Highlighter::plain();
        let prepared = crate::build::render_linked_anyway(self.linked, &self.options.root, &highlighter)?;
        Ok(Workspace {
            options: self.options,
            prepared,
            served: Served::default(),
            highlighter,
            needs_full: false,
            pages: false,
            unsaved: HashMap::new(),
            behind: Vec::new(),
        })
    }
}

/// A full build into memory, as a build writes it (without pages and static files unless `pages`).
/// Analysis (no pages) goes on past errors in the content, as [`crate::build::prepare_anyway`] does.
fn full(options: &BuildOptions, highlighter: &Highlighter, pages: bool) -> Result<(Prepared, Served), Report> {
    if !pages {
        return Ok((crate::build::prepare_anyway(options, highlighter)?, Served::default()));
    }
    let prepared = crate::prepare(options, highlighter)?;
    let data = prepared.site_data();
    let pages = MemorySink::default();
    crate::render::pages::render_pages(&data, &prepared.renderer, &pages, &crate::render::pages::all_pages(&data))
        .map_err(Report::new)?;
    let statics = MemorySink::default();
    crate::build::write_static(&prepared.site, &options.root, &statics).map_err(Report::new)?;
    let served = Served::new(pages.into_files(), statics.into_files());
    Ok((prepared, served))
}
