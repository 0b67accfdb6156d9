//! A built site kept in memory and brought up to date after edits, re-rendering only what an edit affects.
//!
//! `serve` owns one [`Workspace`]. A save of one entry re-reads that file, re-links the glossary (cheap), and
//! re-renders the entry's body and the pages whose inputs changed: the entry, its translations, its old and
//! new alphabetical neighbours, entries it links to or that link to it, and the listing pages. A change to
//! templates, UI strings or `site.toml` rebuilds everything. The result always equals a full build of the same
//! files (the tests compare them).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::{self, LoadOptions, LoadedFile};
use crate::link::{EntryIndex, Glossary};
use crate::markdown::RenderedBody;
use crate::output::MemorySink;
use crate::render::pages::{self, PageSet, SiteData};
use crate::slug::ConceptId;
use crate::{BuildOptions, Diagnostic, Prepared, Report, urls};

/// The output of a site: path (`en/overfitting/index.html`) → contents.
pub type Files = HashMap<String, Arc<[u8]>>;

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

/// How a changed file affects the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Impact {
    None,
    Content,
    Stylesheet,
    Static,
    Everything,
}

/// A site in memory, with what is needed to update it cheaply.
pub struct Workspace {
    options: BuildOptions,
    prepared: Prepared,
    files: Files,
    /// Output paths written by the static step (theme assets, site `static/`, `syntax.css`).
    static_paths: HashSet<String>,
    /// The last rebuild failed in a way only a full build can recover from.
    needs_full: bool,
}

/// A concept in one language: survives re-linking, unlike an [`EntryIndex`].
type Key = (usize, ConceptId);

impl Workspace {
    /// Builds the whole site into memory.
    pub fn new(mut options: BuildOptions) -> Result<(Self, Vec<Diagnostic>), Report> {
        // Watchers report absolute paths; an absolute root lets them be compared with the site's files.
        options.root = options.root.canonicalize().map_err(|e| {
            Report::single(Diagnostic::error(
                &options.root,
                format!("cannot open the site folder: {e}"),
            ))
        })?;
        let (prepared, files, static_paths) = full(&options)?;
        let warnings = prepared.warnings.clone();
        Ok((
            Workspace {
                options,
                prepared,
                files,
                static_paths,
                needs_full: false,
            },
            warnings,
        ))
    }

    /// The current output.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The options the site is built with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Brings the site up to date after `changed` paths (absolute, or relative to the site root) changed on
    /// disk. On error the previous output stays in place and every problem is returned.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome, Report> {
        let impact = changed.iter().map(|p| self.impact(p)).max().unwrap_or(Impact::None);
        let impact = if self.needs_full && impact != Impact::None {
            Impact::Everything
        } else {
            impact
        };
        let result = match impact {
            Impact::None => Ok(Outcome::Unchanged),
            Impact::Content => self.rebuild_content(changed),
            Impact::Stylesheet | Impact::Static => self.rebuild_static(impact == Impact::Stylesheet),
            Impact::Everything => self.rebuild_everything(),
        };
        self.needs_full = result.is_err() && impact >= Impact::Stylesheet;
        result
    }

    fn impact(&self, path: &Path) -> Impact {
        let root = &self.options.root;
        let rel = path.strip_prefix(root).unwrap_or(path);
        let output = crate::output_dir(&self.options, &self.prepared.site.config);
        if path.starts_with(&output) || rel.starts_with(output.strip_prefix(root).unwrap_or(&output)) {
            return Impact::None;
        }
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if is_editor_noise(&name) {
            return Impact::None;
        }
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().to_string());
        let first = parts.next().unwrap_or_default();
        let is_css = name.ends_with(".css");
        match first.as_str() {
            "site.toml" => Impact::Everything,
            "i18n" | "templates" => Impact::Everything,
            "content" => Impact::Content,
            "static" if is_css => Impact::Stylesheet,
            "static" => Impact::Static,
            "themes" => {
                let in_static = rel.components().nth(2).is_some_and(|c| c.as_os_str() == "static");
                match (in_static, is_css) {
                    (true, true) => Impact::Stylesheet,
                    (true, false) => Impact::Static,
                    _ => Impact::Everything,
                }
            }
            _ => Impact::None,
        }
    }

    fn rebuild_everything(&mut self) -> Result<Outcome, Report> {
        let (prepared, files, static_paths) = full(&self.options)?;
        self.prepared = prepared;
        self.files = files;
        self.static_paths = static_paths;
        Ok(Outcome::Everything)
    }

    fn rebuild_static(&mut self, stylesheets_only: bool) -> Result<Outcome, Report> {
        let site = &mut self.prepared.site;
        site.theme = crate::theme::load(&self.options.root, &site.config).map_err(Report::new)?;
        let sink = MemorySink::default();
        crate::write_static(site, &self.options.root, &sink).map_err(Report::new)?;
        let written = sink.into_files();
        let mut changed: Vec<String> = Vec::new();
        for path in self.static_paths.drain() {
            if !written.contains_key(&path) {
                self.files.remove(&path);
                changed.push(path);
            }
        }
        for (path, bytes) in written {
            if self.files.get(&path) != Some(&bytes) {
                changed.push(path.clone());
            }
            self.static_paths.insert(path.clone());
            self.files.insert(path, bytes);
        }
        changed.sort();
        Ok(match (changed.is_empty(), stylesheets_only) {
            (true, _) => Outcome::Unchanged,
            (false, true) => Outcome::Stylesheets(changed),
            (false, false) => Outcome::Everything,
        })
    }

    /// Re-reads the changed entry files and re-renders the pages whose inputs changed.
    fn rebuild_content(&mut self, changed_paths: &[PathBuf]) -> Result<Outcome, Report> {
        let root = self.options.root.clone();
        let config = self.prepared.site.config.clone();
        let (scanned, layout_problems) = content::scan(&root, &config);

        // Re-read the files that changed (or whose folder did) and the new ones; keep the rest as they are,
        // so unchanged entries stay shared with the previous build.
        let changed_paths: Vec<PathBuf> = changed_paths
            .iter()
            .map(|p| if p.is_absolute() { p.clone() } else { root.join(p) })
            .collect();
        let previous: HashMap<&Path, &LoadedFile> =
            self.prepared.site.files.iter().map(|f| (f.path.as_path(), f)).collect();
        let new_files: Vec<LoadedFile> = {
            use rayon::prelude::*;
            scanned
                .par_iter()
                .map(|(lang, path)| match previous.get(path.as_path()) {
                    Some(old) if !changed_paths.iter().any(|c| path.starts_with(c)) => (*old).clone(),
                    Some(old) => {
                        let fresh = content::load_file(&root, lang, path);
                        match (&old.result, &fresh.result) {
                            (Ok(o), Ok(f)) if **o == **f => (*old).clone(),
                            _ => fresh,
                        }
                    }
                    None => content::load_file(&root, lang, path),
                })
                .collect()
        };
        let loaded = content::assemble(
            &new_files,
            layout_problems,
            LoadOptions {
                drafts: self.options.drafts,
            },
        );
        let mut diagnostics = loaded.diagnostics.clone();
        let (mut glossary, mut link_problems) = Glossary::link(&config, loaded);
        diagnostics.append(&mut link_problems);
        if diagnostics.iter().any(Diagnostic::is_error) {
            self.prepared.site.files = new_files;
            return Err(Report::new(diagnostics));
        }

        let old = &self.prepared.glossary;
        let changed = changed_keys(old, &glossary);
        if changed.is_empty() {
            self.prepared.site.files = new_files;
            return Ok(Outcome::Unchanged);
        }
        let old_index = |key: &Key| old.lookup(key.0, &key.1);
        let key_of = |g: &Glossary, i: EntryIndex| (g.lang_pos(i), g.entries[i].id.clone());

        // Bodies: reuse those whose entry and link targets are unchanged (their HTML only depends on those).
        let reuse: Vec<Option<RenderedBody>> = (0..glossary.entries.len())
            .map(|n| {
                let key = key_of(&glossary, n);
                let o = old_index(&key)?;
                let body = &self.prepared.bodies[o];
                if changed.contains(&key) || body.links.iter().any(|&t| changed.contains(&key_of(old, t))) {
                    return None;
                }
                let mut body = body.clone();
                body.links = body
                    .links
                    .iter()
                    .map(|&t| glossary.lookup(old.lang_pos(t), &old.entries[t].id))
                    .collect::<Option<Vec<_>>>()?;
                Some(body)
            })
            .collect();
        let rerendered: Vec<bool> = reuse.iter().map(Option::is_none).collect();
        let (bodies, mut body_problems) = crate::render_bodies_reusing(&config, &mut glossary, reuse);
        diagnostics.append(&mut body_problems);
        if diagnostics.iter().any(Diagnostic::is_error) {
            self.prepared.site.files = new_files;
            return Err(Report::new(diagnostics));
        }

        let pages_to_render = affected_entries(old, &glossary, &changed, &rerendered, &config);
        let old_paths = entry_paths(old);
        let new_paths = entry_paths(&glossary);
        let old_listings = pages::listing_paths(&config, old);

        let sink = MemorySink::default();
        {
            let data = SiteData {
                config: &config,
                glossary: &glossary,
                bodies: &bodies,
            };
            let set = PageSet {
                entries: Some(pages_to_render),
                listings: true,
                site_pages: false,
            };
            pages::render_pages(&data, &self.prepared.renderer, &sink, &set).map_err(Report::new)?;
            let sitemap = crate::sitemap::render(&pages::sitemap_urls(&data, &self.prepared.renderer));
            use crate::output::Sink;
            sink.write("sitemap.xml", sitemap.as_bytes())
                .map_err(|e| Report::single(Diagnostic::error("sitemap.xml", e.to_string())))?;
        }
        let written = sink.into_files();

        let mut outcome: Vec<String> = Vec::new();
        let still_there: HashSet<&String> = new_paths.iter().collect();
        for path in old_paths.iter().chain(&old_listings) {
            if !still_there.contains(path) && !written.contains_key(path) && self.files.remove(path).is_some() {
                outcome.push(path.clone());
            }
        }
        for (path, bytes) in written {
            if self.files.get(&path) != Some(&bytes) {
                outcome.push(path.clone());
            }
            self.files.insert(path, bytes);
        }
        outcome.sort();
        self.prepared.site.files = new_files;
        self.prepared.glossary = glossary;
        self.prepared.bodies = bodies;
        self.prepared.warnings = diagnostics;
        Ok(if outcome.is_empty() {
            Outcome::Unchanged
        } else {
            Outcome::Pages(outcome)
        })
    }
}

/// A full build into memory; also returns which outputs came from the static step.
fn full(options: &BuildOptions) -> Result<(Prepared, Files, HashSet<String>), Report> {
    let prepared = crate::prepare(options)?;
    let statics = MemorySink::default();
    crate::write_static(&prepared.site, &options.root, &statics).map_err(Report::new)?;
    let static_paths = statics.into_files().into_keys().collect();
    let sink = MemorySink::default();
    crate::write_site(&prepared, &options.root, &sink).map_err(Report::new)?;
    Ok((prepared, sink.into_files(), static_paths))
}

/// Editor swap, backup and lock files, which never affect the site.
pub fn is_editor_noise(name: &str) -> bool {
    name.is_empty()
        || name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Concepts (per language) that were added, removed or edited between two glossaries.
fn changed_keys(old: &Glossary, new: &Glossary) -> HashSet<Key> {
    let mut changed = HashSet::new();
    for (n, entry) in new.entries.iter().enumerate() {
        let key = (new.lang_pos(n), entry.id.clone());
        match old.lookup(key.0, &key.1) {
            Some(o) if Arc::ptr_eq(&old.entries[o], entry) || *old.entries[o] == **entry => {}
            _ => {
                changed.insert(key);
            }
        }
    }
    for (o, entry) in old.entries.iter().enumerate() {
        if new.lookup(old.lang_pos(o), &entry.id).is_none() {
            changed.insert((old.lang_pos(o), entry.id.clone()));
        }
    }
    changed
}

/// Entries of the new glossary whose page shows something that changed.
fn affected_entries(
    old: &Glossary,
    new: &Glossary,
    changed: &HashSet<Key>,
    rerendered: &[bool],
    config: &crate::config::SiteConfig,
) -> Vec<EntryIndex> {
    let key = |g: &Glossary, i: EntryIndex| (g.lang_pos(i), g.entries[i].id.clone());
    let keys =
        |g: &Glossary, list: &mut dyn Iterator<Item = EntryIndex>| -> Vec<Key> { list.map(|i| key(g, i)).collect() };
    let old_categories = pages::category_links(config, old, &pages::collect_categories(config, old));
    let new_categories = pages::category_links(config, new, &pages::collect_categories(config, new));
    (0..new.entries.len())
        .filter(|&n| {
            let k = key(new, n);
            let Some(o) = old.lookup(k.0, &k.1) else { return true };
            let touches = |list: &[Key]| list.iter().any(|k| changed.contains(k));
            let related = keys(new, &mut new.related[n].iter().copied());
            let backlinks_new = keys(new, &mut new.backlinks[n].iter().copied());
            let backlinks_old = keys(old, &mut old.backlinks[o].iter().copied());
            let (np, nn) = new.neighbours(n);
            let (op, on) = old.neighbours(o);
            let neighbours_new = keys(new, &mut np.into_iter().chain(nn));
            let neighbours_old = keys(old, &mut op.into_iter().chain(on));
            let translations = (0..new.languages.len())
                .map(|pos| (pos, k.1.clone()))
                .collect::<Vec<_>>();
            changed.contains(&k)
                || rerendered[n]
                || touches(&related)
                || backlinks_new != backlinks_old
                || touches(&backlinks_new)
                || neighbours_new != neighbours_old
                || touches(&neighbours_new)
                || touches(&translations)
                || new_categories[n].as_ref().map(|c| (&c.name, &c.link))
                    != old_categories[o].as_ref().map(|c| (&c.name, &c.link))
        })
        .collect()
}

/// The output file of every entry page of a glossary.
fn entry_paths(g: &Glossary) -> Vec<String> {
    g.entries
        .iter()
        .map(|e| urls::output_file(&urls::entry(e.lang.as_str(), &e.slug)))
        .collect()
}
