//! A built site kept in memory and brought up to date after edits, re-rendering only what an edit affects.
//!
//! `serve` owns one [`Workspace`]. A save takes the cheapest path that is sound for it:
//!
//! - `in_place`: the body, summary or sources of known entries changed; the entries are swapped in place.
//! - `renamed`: one entry's title or aliases changed; it moves to its new alphabetical place.
//! - the general path: anything else in `content/` (new, deleted or renamed files, categories, related
//!   lists…); the glossary is linked again and every page whose inputs differ is rendered again.
//! - templates, UI strings or `site.toml`: everything is rebuilt.
//!
//! Each path re-renders the pages whose inputs changed: the entry, its translations, its old and new
//! alphabetical neighbours, entries it links to or that link to it, and the listing pages. The result always
//! equals a full build of the same files (the tests compare them).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod in_place;
mod renamed;

use crate::content::{self, LoadOptions, LoadedFile};
use crate::fragments::Fragments;
use crate::link::{EntryIndex, Glossary};
use crate::markdown::RenderedBody;
use crate::output::MemorySink;
use crate::render::pages::{self, PageSet, SiteData};
use crate::{BuildOptions, Diagnostic, Prepared, Report, urls};

/// The output of a site: path (`en/overfitting/index.html`) → contents. Keys and contents are shared, so the
/// dev server can take a copy of the whole map after every rebuild for the price of reference counts.
pub type Files = HashMap<Arc<str>, Arc<[u8]>>;

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

impl Workspace {
    /// Builds the whole site into memory.
    pub fn new(mut options: BuildOptions) -> Result<(Self, Vec<Diagnostic>), Report> {
        crate::highlight::enable_cache();
        // Watchers report absolute paths; an absolute root lets them be compared with the site's files.
        options.root = options.root.canonicalize().map_err(|e| {
            Report::single(Diagnostic::error(&options.root, format!("cannot open the site folder: {e}")))
        })?;
        let (prepared, files, static_paths) = full(&options)?;
        let warnings = prepared.warnings.clone();
        Ok((Workspace { options, prepared, files, static_paths, needs_full: false }, warnings))
    }

    /// The current output.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// Translations whose source changed since they were stamped.
    pub fn outdated_translations(&self) -> Vec<String> {
        crate::translation::outdated(&self.prepared.glossary, &self.prepared.site.config)
    }

    /// The options the site is built with.
    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Brings the site up to date after `changed` paths (absolute, or relative to the site root) changed on
    /// disk. On error the previous output stays in place and every problem is returned.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome, Report> {
        let impact = changed.iter().map(|p| self.impact(p)).max().unwrap_or(Impact::None);
        let impact = if self.needs_full && impact != Impact::None { Impact::Everything } else { impact };
        let result = match impact {
            Impact::None => Ok(Outcome::Unchanged),
            Impact::Content => self.rebuild_content(changed),
            Impact::Stylesheet | Impact::Static => self.rebuild_static(impact == Impact::Stylesheet),
            Impact::Everything => self.rebuild_everything(),
        };
        // A failed full rebuild or static update leaves a site only a full build can repair; a content edit
        // that failed midway says so itself (see `rebuild_content`).
        if impact == Impact::Everything && result.is_ok() {
            self.needs_full = false;
        } else if impact >= Impact::Stylesheet && result.is_err() {
            self.needs_full = true;
        }
        result
    }

    fn impact(&self, path: &Path) -> Impact {
        let root = &self.options.root;
        let rel = path.strip_prefix(root).unwrap_or(path);
        let output = crate::output_dir(&self.options, &self.prepared.site.config);
        if path.starts_with(&output) || rel.starts_with(output.strip_prefix(root).unwrap_or(&output)) {
            return Impact::None;
        }
        let name = rel.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
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
                self.files.remove(path.as_str());
                changed.push(path);
            }
        }
        for (path, bytes) in written {
            if self.files.get(path.as_str()) != Some(&bytes) {
                changed.push(path.clone());
            }
            self.static_paths.insert(path.clone());
            self.files.insert(path.into(), bytes);
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
        let mut timer = crate::timings::Timer::start("rebuild");
        let root = &self.options.root;
        let changed_paths: Vec<PathBuf> =
            changed_paths.iter().map(|p| if p.is_absolute() { p.clone() } else { root.join(p) }).collect();

        // A plain save of a known file needs no folder scan; new, deleted or renamed files and folders do.
        let known = |p: &PathBuf| file_position(&self.prepared.site.files, p).is_some();
        let plain_edit = changed_paths.iter().all(|p| known(p) && p.is_file());
        if plain_edit && in_place::is_clean(&self.prepared) {
            let (root, prepared, files) = (&self.options.root, &mut self.prepared, &mut self.files);
            let result = match in_place::rebuild(root, prepared, files, &changed_paths) {
                Some(result) => Some((result, "in-place rebuild")),
                None => renamed::rebuild(root, prepared, files, &changed_paths).map(|r| (r, "rename rebuild")),
            };
            if let Some((result, path)) = result {
                timer.lap(path);
                return result.map_err(|failed| match failed {
                    in_place::Failed::Untouched(report) => report,
                    in_place::Failed::Midway(report) => {
                        self.needs_full = true;
                        report
                    }
                });
            }
        }
        self.rebuild_content_fully(&changed_paths, plain_edit, timer)
    }

    /// Every other content edit: re-reads what changed, re-links the glossary and re-renders every page whose
    /// inputs differ from the last good build.
    fn rebuild_content_fully(
        &mut self,
        changed_paths: &[PathBuf],
        plain_edit: bool,
        mut timer: crate::timings::Timer,
    ) -> Result<Outcome, Report> {
        let root = self.options.root.clone();
        let config = self.prepared.site.config.clone();
        let reread = |old: &LoadedFile| {
            let fresh = content::load_file(&root, &old.lang, &old.path);
            match (&old.result, &fresh.result) {
                (Ok(o), Ok(f)) if **o == **f => old.clone(),
                _ => fresh,
            }
        };
        // Re-read the changed files (or those in a changed folder) and new ones; keep the rest as they are,
        // so unchanged entries stay shared with the previous build.
        let (new_files, layout_problems): (Vec<LoadedFile>, _) = if plain_edit {
            let files = self
                .prepared
                .site
                .files
                .iter()
                .map(|f| if changed_paths.contains(&f.path) { reread(f) } else { f.clone() })
                .collect();
            (files, self.prepared.site.layout_problems.clone())
        } else {
            use rayon::prelude::*;
            let (scanned, layout_problems) = content::scan(&root, &config);
            let previous: HashMap<&Path, &LoadedFile> =
                self.prepared.site.files.iter().map(|f| (f.path.as_path(), f)).collect();
            let files = scanned
                .par_iter()
                .map(|(lang, path)| match previous.get(path.as_path()) {
                    Some(old) if !changed_paths.iter().any(|c| path.starts_with(c)) => (*old).clone(),
                    Some(old) => reread(old),
                    None => content::load_file(&root, lang, path),
                })
                .collect();
            (files, layout_problems)
        };
        timer.lap("read");
        let loaded =
            content::assemble(&new_files, layout_problems.clone(), LoadOptions { drafts: self.options.drafts });
        let mut diagnostics = loaded.diagnostics.clone();
        let (mut glossary, mut link_problems) = Glossary::relink(&config, loaded);
        diagnostics.append(&mut link_problems);
        self.prepared.site.files = new_files;
        self.prepared.site.layout_problems = layout_problems;
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Report::new(diagnostics));
        }
        timer.lap("link");

        let delta = Delta::between(&self.prepared.glossary, &glossary);
        if !delta.any_change() {
            return Ok(Outcome::Unchanged);
        }
        let old = &self.prepared.glossary;

        // Bodies: reuse those whose entry and link targets are unchanged (their HTML depends on nothing else).
        // A body also depends on every name it could mention: when names changed, the bodies whose source
        // could hold one of the changed names are rendered again.
        let changes: Vec<crate::terms::NameChanges> = (0..config.languages.len())
            .map(|pos| {
                let names_changed = delta.names_changed(old, &glossary, pos);
                old.terms.changes(&glossary.terms, pos, |o| delta.new_of_old[o], names_changed)
            })
            .collect();
        let reuse: Vec<Option<RenderedBody>> = {
            use rayon::prelude::*;
            (0..glossary.entries.len())
                .into_par_iter()
                .map(|n| {
                    let o = delta.old_of_new[n]?;
                    let body = &self.prepared.bodies[o];
                    let (before, now) = (&old.entries[o], &glossary.entries[n]);
                    let same_source = (&before.body, before.autolink, before.body_line, &before.path)
                        == (&now.body, now.autolink, now.body_line, &now.path);
                    if !same_source || body.links.iter().any(|&t| delta.face_changed_old[t]) {
                        return None;
                    }
                    if changes[glossary.lang_pos(n)].may_affect(&glossary.entries[n].body, &glossary.entries[n].words) {
                        return None;
                    }
                    let links = body.links.iter().map(|&t| delta.new_of_old[t]).collect::<Option<Vec<_>>>()?;
                    Some(RenderedBody { links, ..body.clone() })
                })
                .collect()
        };
        let rerendered: Vec<bool> = reuse.iter().map(Option::is_none).collect();
        let (bodies, mut body_problems) = crate::render_bodies_reusing(&config, &mut glossary, reuse);
        diagnostics.append(&mut body_problems);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Report::new(diagnostics));
        }
        timer.lap(&format!("bodies ({} rendered)", rerendered.iter().filter(|&&r| r).count()));

        let structure = delta.structure_changed(old, &glossary);
        let regrouped = structure || delta.groups_changed(old, &glossary);
        let groups = crate::render::groups::Groups::new(&config, &glossary);
        timer.lap("groups");
        let old_groups = &self.prepared.groups;
        let mut entries = delta.affected_entries(old, &glossary, &rerendered);
        if regrouped {
            // A category's shown name is its first spelling, so an edit elsewhere can rename it for all its entries.
            entries.extend((0..glossary.entries.len()).filter(|&n| match delta.old_of_new[n] {
                Some(o) => groups.category_of[n] != old_groups.category_of[o],
                None => true,
            }));
            entries.sort_unstable();
            entries.dedup();
        }
        timer.lap("affected entries");
        let listings: Vec<usize> =
            (0..config.languages.len()).filter(|&pos| regrouped || delta.cards_changed(old, &glossary, pos)).collect();
        // Group pages: all of them when membership changed, else those showing a changed card.
        let group_pages = (!regrouped).then(|| {
            (0..groups.groups.len())
                .filter(|&g| groups.groups[g].entries.iter().any(|&e| delta.card_changed_new[e]))
                .collect()
        });
        // Alias redirects that are new, or whose entry now looks different.
        let old_aliases: HashSet<(&str, &str, Option<EntryIndex>)> = old_groups
            .aliases
            .iter()
            .map(|a| (a.path.as_str(), a.alias.as_str(), delta.new_of_old[a.target]))
            .collect();
        let alias_pages: Vec<usize> = (0..groups.aliases.len())
            .filter(|&a| {
                let alias = &groups.aliases[a];
                delta.card_changed_new[alias.target]
                    || !old_aliases.contains(&(alias.path.as_str(), alias.alias.as_str(), Some(alias.target)))
            })
            .collect();
        timer.lap(&format!("affected ({} entry pages, {} listings)", entries.len(), listings.len()));

        let sink = MemorySink::default();
        // Keep the cards that look the same (same entry, same card fields, same category link), and the
        // records of unchanged entries while no entry came or went (the export lists related ids).
        let fragments: Vec<Fragments> = (0..glossary.entries.len())
            .map(|n| {
                let Some(o) = delta.old_of_new[n] else { return Fragments::default() };
                let old = &self.prepared.fragments[o];
                let same_card = !delta.card_changed_new[n] && groups.category_of[n] == old_groups.category_of[o];
                let same_records = !delta.changed_new[n] && !structure;
                Fragments {
                    card: if same_card { old.card.clone() } else { Default::default() },
                    search: if same_records { old.search.clone() } else { Default::default() },
                    export: if same_records { old.export.clone() } else { Default::default() },
                }
            })
            .collect();
        let data =
            SiteData { config: &config, glossary: &glossary, bodies: &bodies, groups: &groups, fragments: &fragments };
        let set = PageSet {
            entries: Some(entries),
            listings,
            groups: group_pages,
            aliases: Some(alias_pages),
            site_pages: false,
        };
        // Feeds, exports and search indexes show only their own language's entries.
        let feed_languages: Vec<usize> = (0..config.languages.len())
            .filter(|&pos| {
                glossary.range(pos).any(|n| delta.changed_new[n]) || old.range(pos).any(|o| delta.changed_old[o])
            })
            .collect();
        let (rendered, fed) = rayon::join(
            || pages::render_pages(&data, &self.prepared.renderer, &sink, &set),
            || crate::write_feeds(&data, &feed_languages, &sink),
        );
        rendered.map_err(Report::new)?;
        fed.map_err(Report::new)?;
        timer.lap("pages");
        let now: HashSet<String> = pages::listing_paths(&config, &groups).into_iter().collect();
        let mut removed: Vec<String> =
            pages::listing_paths(&config, old_groups).into_iter().filter(|p| !now.contains(p)).collect();
        if structure {
            let now: HashSet<String> = entry_paths(&glossary).into_iter().chain(now).collect();
            removed.extend(entry_paths(old).into_iter().filter(|p| !now.contains(p)));
        }
        if regrouped {
            let sitemap = crate::sitemap::render(&pages::sitemap_urls(&data, &self.prepared.renderer));
            use crate::output::Sink;
            sink.write("sitemap.xml", sitemap.as_bytes())
                .map_err(|e| Report::single(Diagnostic::error("sitemap.xml", e.to_string())))?;
            timer.lap("sitemap");
        }
        let outcome = in_place::merge(&mut self.files, sink, &removed);
        timer.lap("merge");
        // The previous glossary is large; let another thread free it while the reload goes out.
        let previous = (
            std::mem::replace(&mut self.prepared.glossary, glossary),
            std::mem::replace(&mut self.prepared.bodies, bodies),
            std::mem::replace(&mut self.prepared.groups, groups),
            std::mem::replace(&mut self.prepared.fragments, fragments),
        );
        std::thread::spawn(move || drop(previous));
        self.prepared.warnings = diagnostics;
        Ok(outcome)
    }
}

/// How two glossaries (before and after an edit) relate: which entries correspond, and which changed.
struct Delta {
    /// For each new entry, the same concept and language in the old glossary.
    old_of_new: Vec<Option<EntryIndex>>,
    /// For each old entry, the same concept and language in the new glossary.
    new_of_old: Vec<Option<EntryIndex>>,
    /// New entries that were added or edited.
    changed_new: Vec<bool>,
    /// Old entries that were removed or edited.
    changed_old: Vec<bool>,
    /// Old entries that were removed or changed what body links to them show: address and summary (the
    /// preview). Names matter to mentions and wiki links, which [`crate::terms::NameChanges`] covers.
    face_changed_old: Vec<bool>,
    /// New entries that were added or changed what a card of them shows (see [`Delta::card_of`]).
    card_changed_new: Vec<bool>,
}

impl Delta {
    fn between(old: &Glossary, new: &Glossary) -> Self {
        let old_of_new: Vec<Option<EntryIndex>> =
            (0..new.entries.len()).map(|n| old.lookup(new.lang_pos(n), &new.entries[n].id)).collect();
        let new_of_old: Vec<Option<EntryIndex>> =
            (0..old.entries.len()).map(|o| new.lookup(old.lang_pos(o), &old.entries[o].id)).collect();
        let changed_new: Vec<bool> = (0..new.entries.len())
            .map(|n| match old_of_new[n] {
                Some(o) => !(Arc::ptr_eq(&old.entries[o], &new.entries[n]) || old.entries[o] == new.entries[n]),
                None => true,
            })
            .collect();
        let changed_old = (0..old.entries.len()).map(|o| new_of_old[o].is_none_or(|n| changed_new[n])).collect();
        let face_changed_old = (0..old.entries.len())
            .map(|o| {
                new_of_old[o].is_none_or(|n| {
                    let (a, b) = (&old.entries[o], &new.entries[n]);
                    changed_new[n] && (&a.slug, &a.summary) != (&b.slug, &b.summary)
                })
            })
            .collect();
        let card_changed_new = (0..new.entries.len())
            .map(|n| {
                old_of_new[n]
                    .is_none_or(|o| changed_new[n] && Self::card_of(&old.entries[o]) != Self::card_of(&new.entries[n]))
            })
            .collect();
        Delta { old_of_new, new_of_old, changed_new, changed_old, face_changed_old, card_changed_new }
    }

    /// What listings, related cards, neighbours and backlinks show of an entry.
    #[allow(clippy::type_complexity)]
    fn card_of(
        e: &crate::content::Entry,
    ) -> (
        &str,
        &str,
        &crate::slug::Slug,
        Option<crate::content::Difficulty>,
        Option<crate::week::IsoWeek>,
        &Option<String>,
    ) {
        (&e.title, &e.summary, &e.slug, e.difficulty, e.week, &e.category)
    }

    /// Some title or alias of the language at `pos` changed, appeared or disappeared.
    fn names_changed(&self, old: &Glossary, new: &Glossary, pos: usize) -> bool {
        old.range(pos).any(|o| self.new_of_old[o].is_none())
            || new.range(pos).any(|n| match self.old_of_new[n] {
                None => true,
                Some(o) => {
                    self.changed_new[n]
                        && (&old.entries[o].title, &old.entries[o].aliases)
                            != (&new.entries[n].title, &new.entries[n].aliases)
                }
            })
    }

    fn any_change(&self) -> bool {
        self.changed_new.iter().chain(&self.changed_old).any(|&c| c)
    }

    /// Entries were added, removed or moved to another URL: the sitemap and removals must be redone.
    fn structure_changed(&self, old: &Glossary, new: &Glossary) -> bool {
        self.old_of_new.iter().any(Option::is_none)
            || self.new_of_old.iter().any(Option::is_none)
            || (0..new.entries.len()).any(|n| {
                self.changed_new[n] && self.old_of_new[n].is_some_and(|o| old.entries[o].slug != new.entries[n].slug)
            })
    }

    /// Some edited entry moved to another category, difficulty level or week.
    fn groups_changed(&self, old: &Glossary, new: &Glossary) -> bool {
        (0..new.entries.len()).any(|n| {
            self.changed_new[n]
                && self.old_of_new[n].is_some_and(|o| {
                    let (a, b) = (&old.entries[o], &new.entries[n]);
                    (&a.category, a.difficulty, a.week) != (&b.category, b.difficulty, b.week)
                })
        })
    }

    /// Something a listing shows of an entry (title, summary, slug, difficulty, week, category) changed in the
    /// language at `pos`.
    fn cards_changed(&self, old: &Glossary, new: &Glossary, pos: usize) -> bool {
        new.range(pos).any(|n| self.card_changed_new[n]) || old.range(pos).any(|o| self.new_of_old[o].is_none())
    }

    /// Entries of the new glossary whose page shows something that changed: the entry itself, its body, a
    /// related card, its backlinks, its neighbours, or one of its translations.
    fn affected_entries(&self, old: &Glossary, new: &Glossary, rerendered: &[bool]) -> Vec<EntryIndex> {
        (0..new.entries.len())
            .filter(|&n| {
                let Some(o) = self.old_of_new[n] else { return true };
                if self.changed_new[n] || rerendered[n] || new.related[n].iter().any(|&r| self.card_changed_new[r]) {
                    return true;
                }
                let (new_bl, old_bl) = (&new.backlinks[n], &old.backlinks[o]);
                let backlinks_differ = new_bl.len() != old_bl.len()
                    || new_bl.iter().any(|&b| {
                        self.card_changed_new[b] || self.old_of_new[b].is_none_or(|ob| !old_bl.contains(&ob))
                    });
                let (np, nn) = new.neighbours(n);
                let (op, on) = old.neighbours(o);
                let neighbour_differs =
                    |new_side: Option<EntryIndex>, old_side: Option<EntryIndex>| match (new_side, old_side) {
                        (None, None) => false,
                        (Some(a), Some(b)) => self.card_changed_new[a] || self.old_of_new[a] != Some(b),
                        _ => true,
                    };
                let translations_changed = new.translations(n).iter().flatten().any(|&t| self.changed_new[t])
                    || old.translations(o).iter().flatten().any(|&t| self.changed_old[t]);
                backlinks_differ || neighbour_differs(np, op) || neighbour_differs(nn, on) || translations_changed
            })
            .collect()
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
    let files = sink.into_files().into_iter().map(|(path, bytes)| (Arc::from(path), bytes)).collect();
    Ok((prepared, files, static_paths))
}

/// Where `path` is among the site's entry files. Paths are compared only where the bytes end the same
/// way: almost every file of the site has another name, and a byte comparison rejects it at once.
fn file_position(files: &[LoadedFile], path: &Path) -> Option<usize> {
    let name = path.file_name()?.as_encoded_bytes();
    files.iter().position(|f| f.path.as_os_str().as_encoded_bytes().ends_with(name) && f.path == path)
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

/// The output file of every entry page of a glossary.
fn entry_paths(g: &Glossary) -> Vec<String> {
    g.entries.iter().map(|e| urls::output_file(&urls::entry(e.lang.as_str(), &e.slug))).collect()
}
