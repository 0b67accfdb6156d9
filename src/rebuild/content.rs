//! The one way `serve` follows an edit of `content/`: read again what changed, bring each stage's value up
//! to date, compare, and render the pages whose inputs differ with the build's own functions. The previous
//! site is kept intact until the new one is complete, so a failure at any step leaves it as it was.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::{Outcome, Workspace};
use crate::build::{Built, LoadedSite};
use crate::content::{self, Entry, LoadOptions, LoadedFile};
use crate::diagnostics::{Diagnostic, Report};
use crate::link::{self, EntryIndex, Linked};
use crate::output::MemorySink;
use crate::render::bodies::{self, Backlinks};
use crate::render::changes::{self, Edit};
use crate::render::deps;
use crate::render::groups::Groups;
use crate::render::pages;
use crate::types::LangPos;

/// Re-reads the changed entry files and re-renders the pages whose inputs changed. The paths of a rebuild
/// that fails are taken in again by the next one, whatever it was for: until then the site in memory lacks
/// what they hold. `early` may get the renamed entry's page first ([`preview_renamed`]).
pub(super) fn rebuild(ws: &mut Workspace, changed: &[PathBuf], early: &mut Early<'_>) -> Result<Outcome, Report> {
    let root = &ws.options.root;
    let mut paths = std::mem::take(&mut ws.behind);
    for path in changed.iter().map(|p| if p.is_absolute() { p.clone() } else { root.join(p) }) {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    let outcome = rebuild_paths(ws, &paths, early);
    if outcome.is_err() {
        ws.behind = paths;
    }
    outcome
}

fn rebuild_paths(ws: &mut Workspace, changed: &[PathBuf], early: &mut Early<'_>) -> Result<Outcome, Report> {
    let mut timer = crate::timings::Timer::start("rebuild");
    let root = ws.options.root.clone();
    // What is read is kept whatever comes next: the next save compares with the files as they are now.
    let search = !ws.options.without_search;
    let edits = reread(&root, &mut ws.prepared.site, &ws.prepared.built, changed, &ws.unsaved, search);
    timer.lap("read");
    let site = &ws.prepared.site;
    let mut diagnostics = site.layout_problems.clone();
    let relink = || {
        let loaded = site.entries(LoadOptions { drafts: ws.options.drafts });
        diagnostics = loaded.diagnostics.clone();
        loaded
    };
    let (linked, mut problems) = link::update(&ws.prepared.built.glossary, &site.config, edits, relink);
    diagnostics.append(&mut problems);
    // Only an edit of names can make two concepts claim one alias.
    if !matches!(linked.map, link::EntryMap::Same) || linked.names.iter().any(|n| !n.is_empty()) {
        diagnostics.extend(link::alias_conflicts_of(&linked.glossary, &linked.changed));
    }
    // Analysis goes on past errors; a rebuild for pages stops at the first stage that finds one.
    let anyway = !ws.pages;
    let stop = |diagnostics: &[Diagnostic]| !anyway && diagnostics.iter().any(Diagnostic::is_error);
    if stop(&diagnostics) {
        return Err(Report::new(diagnostics));
    }
    timer.lap("link");
    let groups = match linked.map {
        link::EntryMap::Moved(reorder) if ws.pages => preview_renamed(ws, &linked, reorder, early),
        _ => None,
    };
    timer.lap("renamed page first");
    let (next, mut problems) = next_build(ws, linked, groups);
    diagnostics.append(&mut problems);
    // As in a build: a link the body stage could not resolve is not reported again as a broken path.
    if stop(&diagnostics) {
        return Err(Report::new(diagnostics));
    }
    let data = next.built.data(&ws.prepared.site.config);
    // Pages came or went only when entries did: then every link by path is checked again; otherwise only
    // the bodies rendered again can have a new one, and analysis keeps what the others had.
    let keeps_pages = matches!(next.map, link::EntryMap::Same | link::EntryMap::Moved(_));
    let paths_in = keeps_pages.then_some(next.rerendered.as_slice());
    let mut unreachable = crate::build::unreachable_links(&ws.prepared.site, &root, &data, paths_in);
    if anyway && keeps_pages {
        let rendered: HashSet<&Path> =
            next.rerendered.iter().map(|&i| data.glossary.entries[i].path.as_path()).collect();
        let kept = ws.prepared.unreachable.paths.iter().filter(|d| !rendered.contains(d.path.as_path()));
        unreachable.paths.extend(kept.cloned());
    }
    let unreachable = unreachable.not_reported(&diagnostics);
    diagnostics.extend(unreachable.iter().cloned());
    if stop(&diagnostics) {
        return Err(Report::new(diagnostics));
    }
    timer.lap(&format!("bodies and groups ({} bodies rendered)", next.rerendered.len()));
    let (built, outcome) = if ws.pages { render_changes(ws, next)? } else { (next.built, Outcome::Unchanged) };
    timer.lap("pages");
    // The previous site is large; let another thread free it while the reload goes out.
    let previous = std::mem::replace(&mut ws.prepared.built, built);
    std::thread::spawn(move || drop(previous));
    ws.prepared.warnings = diagnostics;
    if anyway {
        ws.prepared.unreachable = unreachable;
    }
    Ok(outcome)
}

/// Reads the changed files again (all files, when a folder changed or files came or went) and keeps the
/// rest as they were, so unchanged entries stay shared with the previous build. Returns the saved entries
/// by their index in the current glossary when every changed path was a healthy entry of it before and
/// after the save and the site had no broken file (then the link stage may update in place).
fn reread(
    root: &Path,
    site: &mut LoadedSite,
    built: &Built,
    changed: &[PathBuf],
    unsaved: &HashMap<PathBuf, Arc<str>>,
    search: bool,
) -> Option<Vec<(EntryIndex, Arc<Entry>)>> {
    let read = |lang: &crate::config::LangCode, path: &Path| match unsaved.get(path) {
        Some(text) => content::load_text(root, lang, path, text, search),
        None => content::load_file(root, lang, path, search),
    };
    let again = |old: &LoadedFile| {
        let fresh = read(&old.lang, &old.path);
        match (&old.result, &fresh.result) {
            (Ok(o), Ok(f)) if **o == **f => old.clone(),
            _ => fresh,
        }
    };
    let positions: Option<Vec<usize>> =
        changed.iter().map(|p| file_position(&site.files, p).filter(|_| p.is_file())).collect();
    if let Some(positions) = positions {
        let clean =
            site.files.iter().all(|f| f.result.is_ok()) && !site.layout_problems.iter().any(Diagnostic::is_error);
        let mut edits = Some(Vec::with_capacity(positions.len()));
        for at in positions {
            let fresh = again(&site.files[at]);
            let before = std::mem::replace(&mut site.files[at], fresh);
            let edit = edit_of(built, &before, &site.files[at]).filter(|_| clean);
            edits = edits.zip(edit).map(|(mut list, edit)| {
                list.push(edit);
                list
            });
        }
        return edits;
    }
    let (scanned, layout_problems) = content::scan(root, &site.config);
    let previous: HashMap<&Path, &LoadedFile> = site.files.iter().map(|f| (f.path.as_path(), f)).collect();
    let files = scanned
        .par_iter()
        .map(|(lang, path)| match previous.get(path.as_path()) {
            Some(old) if !changed.iter().any(|c| path.starts_with(c)) => (*old).clone(),
            Some(old) => again(old),
            None => read(lang, path),
        })
        .collect();
    (site.files, site.layout_problems) = (files, layout_problems);
    None
}

/// The saved entry and its index in the glossary, if the file held a healthy entry of it before and after.
fn edit_of(built: &Built, old: &LoadedFile, fresh: &LoadedFile) -> Option<(EntryIndex, Arc<Entry>)> {
    let (before, after) = (old.result.as_ref().ok()?, fresh.result.as_ref().ok()?);
    if before.draft || after.draft {
        return None;
    }
    let glossary = &built.glossary;
    let pos = LangPos::new(glossary.languages.iter().position(|l| *l == before.lang)?);
    let index = glossary.lookup(pos, &before.id)?;
    // The glossary may hold an older text of the file (a rebuild failed since), never another file's.
    (glossary.entries[index].path == before.path).then(|| (index, after.clone()))
}

/// Where `path` is among the site's entry files. Paths are compared only where the bytes end the same
/// way: almost every file of the site has another name, and a byte comparison rejects it at once.
fn file_position(files: &[LoadedFile], path: &Path) -> Option<usize> {
    let name = path.file_name()?.as_encoded_bytes();
    files.iter().position(|f| f.path.as_os_str().as_encoded_bytes().ends_with(name) && f.path == path)
}

/// The next build, with what the comparison needs to know about how it came about.
struct Next {
    built: Built,
    map: link::EntryMap,
    changed: Vec<EntryIndex>,
    removed: Vec<EntryIndex>,
    /// Entries whose body was rendered again.
    rerendered: Vec<EntryIndex>,
    /// Entries whose parts may differ (built again; the others were carried over).
    candidates: Vec<EntryIndex>,
}

impl Next {
    fn edit(&self) -> Edit<'_> {
        Edit { map: &self.map, changed: &self.changed, removed: &self.removed, rerendered: &self.rerendered }
    }
}

/// The render stage's values for the updated glossary: bodies (rendering those the edit can affect),
/// backlinks, groups, and the previous parts of every entry whose parts cannot have changed. Also returns
/// the problems rendering found.
fn next_build(ws: &Workspace, linked: Linked, groups: Option<Arc<Groups>>) -> (Next, Vec<Diagnostic>) {
    let mut timer = crate::timings::Timer::start("rebuild");
    let (config, old) = (&ws.prepared.site.config, &ws.prepared.built);
    let to_render = deps::bodies_to_render(&old.data(config), &linked.glossary, &linked);
    timer.lap("bodies to render");
    let Linked { glossary, map, changed, removed, .. } = linked;
    let fresh = bodies::render(
        config,
        &glossary,
        &ws.highlighter,
        &ws.prepared.site.badges,
        &ws.prepared.site.shortcodes,
        &to_render,
    );
    timer.lap("render bodies");
    let mut problems = Vec::new();
    let mut bodies = bodies::carry(&old.bodies, &map, glossary.entries.len());
    // Backlinks follow the bodies rendered again; after linking everything again they are worked out anew.
    let mut backlinks = match &map {
        link::EntryMap::Same => Some(old.backlinks.clone()),
        link::EntryMap::Moved(reorder) => Some(old.backlinks.moved(reorder)),
        link::EntryMap::General { .. } => None,
    };
    for (&n, (body, mut p)) in to_render.iter().zip(fresh) {
        problems.append(&mut p);
        if let Some(backlinks) = backlinks.as_mut() {
            backlinks.relink(&glossary, n, &bodies[n].links, &body.links);
        }
        bodies[n] = Arc::new(body);
    }
    let backlinks = backlinks.unwrap_or_else(|| Backlinks::new(&glossary, &bodies));
    timer.lap("backlinks");
    let groups =
        groups.unwrap_or_else(|| Groups::update(&old.groups, config, &old.glossary, &glossary, &map, &changed));
    timer.lap("groups");
    let built = Built { glossary, bodies, backlinks, groups, fragments: Vec::new() };
    let mut next = Next { built, map, changed, removed, rerendered: to_render, candidates: Vec::new() };
    next.candidates = changes::candidates(&old.data(config), &next.built.data(config), &next.edit());
    let len = next.built.glossary.entries.len();
    next.built.fragments = changes::carry_fragments(&old.fragments, &next.map, len, &next.candidates);
    timer.lap("candidates");
    (next, problems)
}

/// Takes what is served with a page or two rendered ahead of the rest of a rebuild, and their paths.
pub type Early<'a> = dyn FnMut(super::Files, Vec<String>) + 'a;

/// After a rename, renders the renamed entry's page and hands it to `early` before the bodies that may
/// mention the old or the new name are rendered again (hundreds of them when the name is part of others):
/// the page being edited shows the new title at once, the rest follows. Its body is the previous one
/// when its source did not change (none of its own names is a link in it), and nothing goes out early
/// when it did. The full rebuild renders the page again, so what is served in the end is what a build
/// writes. Returns the groups of the renamed glossary, which the rebuild goes on with.
fn preview_renamed(
    ws: &Workspace,
    linked: &Linked,
    reorder: crate::types::Reorder,
    early: &mut Early<'_>,
) -> Option<Arc<Groups>> {
    let (config, old) = (&ws.prepared.site.config, &ws.prepared.built);
    let glossary = &linked.glossary;
    let groups = Groups::update(&old.groups, config, &old.glossary, glossary, &linked.map, &linked.changed);
    let (from, to) = (reorder.from, reorder.to);
    if deps::body_source(&old.glossary.entries[from]) != deps::body_source(&glossary.entries[to]) {
        return Some(groups);
    }
    let len = glossary.entries.len();
    let bodies = bodies::carry(&old.bodies, &linked.map, len);
    let backlinks = old.backlinks.moved(&reorder);
    let fragments = changes::carry_fragments(&old.fragments, &linked.map, len, &[to]);
    let data = pages::SiteData {
        config,
        glossary,
        bodies: &bodies,
        backlinks: &backlinks,
        groups: &groups,
        fragments: &fragments,
    };
    let sink = MemorySink::default();
    if pages::render_pages(&data, &ws.prepared.renderer, &sink, &[pages::Page::Entry(to)]).is_err() {
        return Some(groups);
    }
    let mut files = ws.served.files.clone();
    let mut changed = Vec::new();
    for (path, bytes) in sink.into_files() {
        if !ws.served.statics.contains(&path) && files.get(&path) != Some(&bytes) {
            files.insert(path.as_str().into(), bytes);
            changed.push(path);
        }
    }
    if !changed.is_empty() {
        early(files, changed);
    }
    Some(groups)
}

/// Compares the next build with the current one, renders the pages that read something that changed, and
/// merges them into the output. Returns the new build (its parts now built) and what changed.
fn render_changes(ws: &mut Workspace, next: Next) -> Result<(Built, Outcome), Report> {
    let config = &ws.prepared.site.config;
    let renderer = &ws.prepared.renderer;
    let (old, new) = (ws.prepared.built.data(config), next.built.data(config));
    let mut timer = crate::timings::Timer::start("rebuild");
    let change_set = changes::compare(&old, &new, renderer, &next.edit(), &next.candidates);
    timer.lap(&format!("compare ({} candidates)", next.candidates.len()));
    if change_set.is_empty() {
        return Ok((next.built, Outcome::Unchanged));
    }
    let dirty = deps::dirty_pages(&old, &new, &next.map, &change_set);
    timer.lap(&format!("dirty pages ({})", dirty.pages.len()));
    let sink = MemorySink::default();
    pages::render_pages(&new, renderer, &sink, &dirty.pages).map_err(Report::new)?;
    timer.lap("render");
    let outcome = merge(&mut ws.served, sink, &dirty.removed);
    timer.lap("merge");
    Ok((next.built, outcome))
}

/// Puts what a rebuild wrote into what is served, removes `removed`, and reports what changed.
fn merge(served: &mut super::Served, sink: MemorySink, removed: &[String]) -> Outcome {
    let mut outcome: Vec<String> = removed.iter().filter(|path| served.remove_page(path)).cloned().collect();
    for (path, bytes) in sink.into_files() {
        if served.put_page(path.clone(), bytes) {
            outcome.push(path);
        }
    }
    outcome.sort();
    if outcome.is_empty() { Outcome::Unchanged } else { Outcome::Pages(outcome) }
}
