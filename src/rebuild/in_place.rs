//! The fast path for the most common saves: an entry's body or its descriptive front-matter (summary,
//! sources) changed, while everything that shapes the glossary (ids, titles, aliases, slugs, categories,
//! difficulty levels, weeks, related lists, drafts) stayed the same.
//!
//! Then the alphabetical order, the related graph, the categories and the sitemap are unchanged, so the
//! glossary is updated in place: the new entries are swapped in, their bodies (and the bodies that show
//! their summary in a link) are rendered again, backlinks follow the body links, and only the pages that show
//! the changed entries are rendered. The cost does not grow with the size of the site.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Files, Outcome};
use crate::content::{self, Entry, LoadedFile};
use crate::link::EntryIndex;
use crate::markdown::{self, LinkTargets, RenderedBody};
use crate::output::MemorySink;
use crate::render::pages::{self, PageSet};
use crate::{Diagnostic, Prepared, Report};

/// The fields that shape the glossary (names, order, addresses, categories, the related graph); an edit
/// that keeps them can be applied in place.
fn same_structure(a: &Entry, b: &Entry) -> bool {
    let ids = |e: &Entry| e.related.iter().map(|r| r.value.clone()).collect::<Vec<_>>();
    (&a.id, &a.lang, &a.path, &a.slug, &a.title, &a.aliases, &a.sort_key, &a.category)
        == (&b.id, &b.lang, &b.path, &b.slug, &b.title, &b.aliases, &b.sort_key, &b.category)
        && (a.difficulty, a.week, a.updated, a.draft, a.autolink)
            == (b.difficulty, b.week, b.updated, b.draft, b.autolink)
        && ids(a) == ids(b)
}

/// What a card of the entry shows (besides title, slug, category, level and week, which are unchanged here).
fn same_card(a: &Entry, b: &Entry) -> bool {
    a.summary == b.summary
}

/// What a link to the entry shows besides its address: its summary, as a preview.
fn same_face(a: &Entry, b: &Entry) -> bool {
    a.summary == b.summary
}

/// Applies an in-place edit of the files at `changed`; `None` when the edit needs another path. The caller
/// makes sure the last build was clean ([`is_clean`]).
pub fn rebuild(
    root: &Path,
    prepared: &mut Prepared,
    files: &mut Files,
    changed: &[PathBuf],
) -> Option<Result<Outcome, Failed>> {
    let mut swaps: Vec<(usize, LoadedFile, EntryIndex)> = Vec::new();
    for path in changed {
        let (file_pos, fresh, index) = reread(root, prepared, path)?;
        let new_entry = fresh.result.as_ref().ok()?;
        if !same_structure(&prepared.glossary.entries[index], new_entry) {
            return None;
        }
        swaps.push((file_pos, fresh, index));
    }

    let glossary = &mut prepared.glossary;
    let previous: Vec<Arc<Entry>> = swaps
        .iter()
        .map(|(_, fresh, index)| {
            let entry = fresh.result.as_ref().map(Arc::clone).unwrap_or_else(|_| glossary.entries[*index].clone());
            std::mem::replace(&mut glossary.entries[*index], entry)
        })
        .collect();
    let changed_entries: Vec<EntryIndex> = swaps.iter().map(|(_, _, index)| *index).collect();
    let mut languages_touched: Vec<usize> = changed_entries.iter().map(|&i| glossary.lang_pos(i)).collect();
    languages_touched.sort_unstable();
    languages_touched.dedup();

    // Bodies to render: the changed entries, and those linking to a changed entry whose face changed.
    let mut bodies_to_render = changed_entries.clone();
    for (old_entry, &index) in previous.iter().zip(&changed_entries) {
        if !same_face(old_entry, &glossary.entries[index]) {
            let linking = glossary.backlinks[index].iter().filter(|&&b| prepared.bodies[b].links.contains(&index));
            bodies_to_render.extend(linking);
        }
    }
    bodies_to_render.sort_unstable();
    bodies_to_render.dedup();
    let config = &prepared.site.config;
    let url_of = |i: usize| crate::entry_link(config, glossary, i);
    let targets = LinkTargets { glossary, url_of: &url_of, autolink: config.autolink, allow_html: config.allow_html };
    let rendered: Vec<(RenderedBody, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        bodies_to_render.par_iter().map(|&index| markdown::render(index, &targets)).collect()
    };
    let problems: Vec<Diagnostic> = rendered.iter().flat_map(|(_, p)| p.iter().cloned()).collect();
    if problems.iter().any(Diagnostic::is_error) {
        for ((file_pos, fresh, index), entry) in swaps.into_iter().zip(previous) {
            glossary.entries[index] = entry;
            prepared.site.files[file_pos] = fresh;
        }
        return Some(Err(Failed::Untouched(Report::new(problems))));
    }

    // Pages to render: every page that shows something of a changed entry; its translations too, whose
    // outdated-translation notice depends on it.
    let mut pages_to_render = bodies_to_render.clone();
    for &index in &changed_entries {
        pages_to_render.extend(glossary.translations(index).iter().flatten().copied());
    }
    let rendered = bodies_to_render.iter().zip(rendered).map(|(&index, (body, _))| (index, body));
    store_bodies(glossary, &mut prepared.bodies, rendered, &mut pages_to_render);
    let mut listings = Vec::new();
    let mut cards_changed = false;
    let mut group_pages = Vec::new();
    for (old_entry, &index) in previous.iter().zip(&changed_entries) {
        if same_card(old_entry, &glossary.entries[index]) {
            continue;
        }
        cards_changed = true;
        // Its card appears on pages that point at it, pages it points at, its neighbours and the listings.
        pages_to_render.extend(glossary.backlinks[index].iter().copied());
        pages_to_render.extend(glossary.related[index].iter().copied());
        pages_to_render.extend(prepared.bodies[index].links.iter().copied());
        let (before, after) = glossary.neighbours(index);
        pages_to_render.extend(before.into_iter().chain(after));
        listings.push(glossary.lang_pos(index));
        group_pages.extend(
            prepared.groups.groups.iter().enumerate().filter(|(_, g)| g.entries.contains(&index)).map(|(i, _)| i),
        );
    }
    pages_to_render.sort_unstable();
    pages_to_render.dedup();
    listings.sort_unstable();
    listings.dedup();
    group_pages.sort_unstable();
    group_pages.dedup();
    for (file_pos, fresh, _) in swaps {
        prepared.site.files[file_pos] = fresh;
    }

    let sink = MemorySink::default();
    for &entry in &changed_entries {
        prepared.fragments[entry] = Default::default();
    }
    let data = prepared.site_data();
    let set = PageSet {
        entries: Some(pages_to_render),
        listings,
        groups: Some(group_pages),
        aliases: Some(Vec::new()),
        site_pages: false,
    };
    // Feeds and the JSON export show summaries; the search index holds each entry's most frequent stems,
    // which most body edits leave as they were. They are written while the pages render.
    let config = &prepared.site.config;
    let stems_changed: Vec<usize> = previous
        .iter()
        .zip(&changed_entries)
        .filter(|(old_entry, index)| old_entry.stems != prepared.glossary.entries[**index].stems)
        .map(|(_, &index)| prepared.glossary.lang_pos(index))
        .collect();
    let write_feeds = || -> Result<(), Vec<Diagnostic>> {
        if cards_changed {
            return crate::write_feeds(&data, &languages_touched, &sink);
        }
        for &pos in languages_touched.iter().filter(|pos| stems_changed.contains(pos)) {
            let code = config.languages[pos].code.as_str();
            let index = crate::search::index(&data, pos);
            crate::output::Sink::write(&sink, &crate::urls::search_index(code), index.as_bytes())
                .map_err(|e| vec![Diagnostic::error(config.output_dir.as_str(), e.to_string())])?;
        }
        Ok(())
    };
    let (rendered, fed) = rayon::join(|| pages::render_pages(&data, &prepared.renderer, &sink, &set), write_feeds);
    if let Err(problems) = rendered.and(fed) {
        return Some(Err(Failed::Midway(Report::new(problems))));
    }
    Some(Ok(merge(files, sink, &[])))
}

/// How a fast path failed.
pub(super) enum Failed {
    /// The site in memory is as it was before the save: the last good output stands for it.
    Untouched(Report),
    /// The site in memory was partly updated when the problem came up: only a full build is sure to
    /// bring it back in line with the files.
    Midway(Report),
}

/// The last build succeeded without errors anywhere, so the in-memory site is whole.
pub(super) fn is_clean(prepared: &Prepared) -> bool {
    prepared.site.files.iter().all(|f| f.result.is_ok())
        && !prepared.site.layout_problems.iter().any(Diagnostic::is_error)
}

/// Reads the entry file at `path` again: its place in the site's files, what reading it gave, and the
/// entry it was in the glossary. `None` unless it was a healthy entry of the current glossary.
pub(super) fn reread(root: &Path, prepared: &Prepared, path: &Path) -> Option<(usize, LoadedFile, EntryIndex)> {
    let file_pos = super::file_position(&prepared.site.files, path)?;
    let old_file = &prepared.site.files[file_pos];
    let old_entry = old_file.result.as_ref().ok()?;
    let fresh = content::load_file(root, &old_file.lang, path);
    let lang_pos = prepared.site.config.languages.iter().position(|l| l.code == old_file.lang)?;
    let index = prepared.glossary.lookup(lang_pos, &old_entry.id)?;
    Arc::ptr_eq(&prepared.glossary.entries[index], old_entry).then_some((file_pos, fresh, index))
}

/// Stores newly rendered bodies and makes backlinks follow their links; the entries whose backlinks changed
/// are added to `pages`.
pub(super) fn store_bodies(
    glossary: &mut crate::link::Glossary,
    bodies: &mut [RenderedBody],
    rendered: impl IntoIterator<Item = (EntryIndex, RenderedBody)>,
    pages: &mut Vec<EntryIndex>,
) {
    for (index, body) in rendered {
        let old_links = std::mem::take(&mut bodies[index].links);
        for &t in old_links.iter().filter(|t| !body.links.contains(t)) {
            if !glossary.related[index].contains(&t) {
                glossary.backlinks[t].retain(|&b| b != index);
            }
            pages.push(t);
        }
        for &t in body.links.iter().filter(|t| !old_links.contains(t)) {
            if let Err(at) = glossary.backlinks[t].binary_search(&index) {
                glossary.backlinks[t].insert(at, index);
            }
            pages.push(t);
        }
        bodies[index] = body;
    }
}

/// Puts what a rebuild wrote into the site's files, removes `removed`, and reports what changed.
pub(super) fn merge(files: &mut Files, sink: MemorySink, removed: &[String]) -> Outcome {
    let mut outcome = Vec::new();
    for path in removed {
        if files.remove(path.as_str()).is_some() {
            outcome.push(path.clone());
        }
    }
    for (path, bytes) in sink.into_files() {
        if files.get(path.as_str()) != Some(&bytes) {
            outcome.push(path.clone());
        }
        files.insert(path.into(), bytes);
    }
    outcome.sort();
    if outcome.is_empty() { Outcome::Unchanged } else { Outcome::Pages(outcome) }
}
