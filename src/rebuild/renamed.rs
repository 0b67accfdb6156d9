//! The fast path for a renamed entry: one entry's title or aliases changed and nothing else that shapes the
//! glossary did (id, address, category, level, week, related list, body, summary).
//!
//! The entry moves to its new alphabetical place and the entries between shift by one
//! ([`crate::link::Reorder`]); everything indexed by entry follows. Then only what a name can reach is done
//! again: bodies that could mention an old or new name, the pages that show the entry (its own, its
//! translations, old and new neighbours, pages listing it as related or linking to it, listings and groups
//! of its language, its alias redirects) and its language's feeds. No full re-link, so the cost does not grow
//! with the number of entries beyond a few passes over plain lists.

use std::sync::Arc;

use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

use super::in_place::{Failed, merge, reread, store_bodies};
use super::{Files, Outcome};
use crate::content::Entry;
use crate::fragments::Fragments;
use crate::link::{EntryIndex, Reorder};
use crate::markdown::{self, LinkTargets, RenderedBody};
use crate::output::MemorySink;
use crate::render::groups::GroupKind;
use crate::render::pages::{self, PageSet};
use crate::terms::NameChanges;
use crate::{Diagnostic, Prepared, Report, urls};

/// Everything but the names (and what is derived from them or from where lines fall in the file) is the
/// same.
fn only_names_differ(a: &Entry, b: &Entry) -> bool {
    let ids = |e: &Entry| e.related.iter().map(|r| r.value.clone()).collect::<Vec<_>>();
    (&a.id, &a.lang, &a.path, &a.slug, &a.summary, &a.category, &a.category_slug)
        == (&b.id, &b.lang, &b.path, &b.slug, &b.summary, &b.category, &b.category_slug)
        && (a.difficulty, a.week, a.updated, a.draft, a.autolink)
            == (b.difficulty, b.week, b.updated, b.draft, b.autolink)
        && (&a.sources, &a.translated_from, &a.body, &a.stems) == (&b.sources, &b.translated_from, &b.body, &b.stems)
        && ids(a) == ids(b)
}

/// Applies a rename saved in `changed`; `None` when the edit is not a rename of one entry (or the move
/// could change something this path does not follow), so the general path takes it. The caller makes sure
/// the last build was clean.
pub fn rebuild(
    root: &Path,
    prepared: &mut Prepared,
    files: &mut Files,
    changed: &[PathBuf],
) -> Option<Result<Outcome, Failed>> {
    let [path] = changed else { return None };
    let mut timer = crate::timings::Timer::start("rename");
    let (file_pos, fresh, index) = reread(root, prepared, path)?;
    let entry = fresh.result.as_ref().ok()?.clone();
    let old_entry = prepared.glossary.entries[index].clone();
    if !only_names_differ(&old_entry, &entry) {
        return None;
    }
    // A category is shown under the spelling of its alphabetically first entry: moving an entry could
    // change that only if the spellings differ.
    let same_spelling = |g: &crate::render::groups::Group| {
        g.kind != GroupKind::Category
            || !g.entries.contains(&index)
            || g.entries.iter().all(|&e| prepared.glossary.entries[e].category == entry.category)
    };
    if !prepared.groups.groups.iter().all(same_spelling) {
        return None;
    }
    let pos = prepared.glossary.lang_pos(index);
    let old_aliases: Vec<crate::render::groups::AliasPage> =
        prepared.groups.aliases.iter().filter(|a| prepared.glossary.lang_pos(a.target) == pos).cloned().collect();
    let old_neighbours = prepared.glossary.neighbours(index);

    timer.lap("read");
    let (reorder, names) = move_entry(prepared, index, entry);
    let to = reorder.to;
    let old_aliases: FxHashSet<(&str, &str, EntryIndex)> =
        old_aliases.iter().map(|a| (a.path.as_str(), a.alias.as_str(), reorder.map(a.target))).collect();
    timer.lap("follow");

    // Bodies that could mention a name that came, went or now leads elsewhere.
    let (config, glossary) = (&prepared.site.config, &prepared.glossary);
    let to_render: Vec<EntryIndex> = {
        use rayon::prelude::*;
        glossary
            .range(pos)
            .into_par_iter()
            .filter(|&i| {
                let entry = &glossary.entries[i];
                names.may_affect(&entry.body, &entry.words)
            })
            .collect()
    };
    timer.lap(&format!("probe ({} bodies)", to_render.len()));
    let url_of = |i: usize| crate::entry_link(config, glossary, i);
    let targets = LinkTargets { glossary, url_of: &url_of, autolink: config.autolink, allow_html: config.allow_html };
    let rendered: Vec<(RenderedBody, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        to_render.par_iter().map(|&i| markdown::render(i, &targets)).collect()
    };
    if rendered.iter().any(|(_, p)| p.iter().any(Diagnostic::is_error)) {
        let problems = rendered.into_iter().flat_map(|(_, p)| p).collect();
        // Undo the move; the stored file makes the next save of it take the general path.
        move_entry(prepared, to, old_entry);
        prepared.site.files[file_pos] = fresh;
        return Some(Err(Failed::Untouched(Report::new(problems))));
    }
    prepared.site.files[file_pos] = fresh;
    timer.lap("bodies");

    let mut entries: Vec<EntryIndex> = to_render.clone();
    let rendered = to_render.iter().zip(rendered).map(|(&i, (body, _))| (i, body));
    store_bodies(&mut prepared.glossary, &mut prepared.bodies, rendered, &mut entries);
    let glossary = &prepared.glossary;
    // The entry, its translations (their notice of an outdated translation follows its fingerprint), its
    // old and new neighbours, and every page showing its card or listing it among backlinks.
    entries.push(to);
    entries.extend(glossary.translations(to).iter().flatten());
    let (before, after) = glossary.neighbours(to);
    let (old_before, old_after) = old_neighbours;
    entries.extend(before.into_iter().chain(after));
    entries.extend(old_before.into_iter().chain(old_after).map(|i| reorder.map(i)));
    entries.extend(&glossary.backlinks[to]);
    entries.extend(&glossary.related[to]);
    entries.extend(&prepared.bodies[to].links);
    entries.sort_unstable();
    entries.dedup();
    let group_pages = (0..prepared.groups.groups.len()).filter(|&g| prepared.groups.groups[g].entries.contains(&to));
    let aliases = &prepared.groups.aliases;
    let alias_pages = (0..aliases.len()).filter(|&a| {
        let alias = &aliases[a];
        let old = (alias.path.as_str(), alias.alias.as_str(), alias.target);
        glossary.lang_pos(alias.target) == pos && (alias.target == to || !old_aliases.contains(&old))
    });
    let set = PageSet {
        entries: Some(entries),
        listings: vec![pos],
        groups: Some(group_pages.collect()),
        aliases: Some(alias_pages.collect()),
        site_pages: false,
    };
    let now: FxHashSet<&str> = aliases.iter().map(|a| a.path.as_str()).collect();
    let removed: Vec<String> =
        old_aliases.iter().filter(|(p, _, _)| !now.contains(p)).map(|(p, _, _)| urls::output_file(p)).collect();

    let counts = (set.entries.as_ref().map_or(0, Vec::len), set.groups.as_ref().map_or(0, Vec::len));
    timer.lap(&format!("affected ({} entry pages, {} groups)", counts.0, counts.1));
    let sink = MemorySink::default();
    let data = prepared.site_data();
    let (rendered, fed) = rayon::join(
        || pages::render_pages(&data, &prepared.renderer, &sink, &set),
        || crate::write_feeds(&data, &[pos], &sink),
    );
    if let Err(problems) = rendered.and(fed) {
        return Some(Err(Failed::Midway(Report::new(problems))));
    }
    timer.lap("pages");
    let outcome = merge(files, sink, &removed);
    timer.lap("merge");
    Some(Ok(outcome))
}

/// Puts `entry` in the place of the one at `index` and moves it to its alphabetical place, with everything
/// the prepared site indexes by entry; the moved entry's card and records are built again. Returns how
/// entries were renumbered and which names changed.
fn move_entry(prepared: &mut Prepared, index: EntryIndex, entry: Arc<Entry>) -> (Reorder, NameChanges) {
    let old = &prepared.glossary.entries[index];
    let names_changed = (&old.title, &old.aliases) != (&entry.title, &entry.aliases);
    let reorder = prepared.glossary.move_entry(index, entry);
    // Names and groups are the two larger jobs (each goes over the whole language): side by side.
    let mut terms = std::mem::take(&mut prepared.glossary.terms);
    let (glossary, groups, config) = (&prepared.glossary, &mut prepared.groups, &prepared.site.config);
    let (names, ()) =
        rayon::join(|| terms.refresh(glossary, &reorder, names_changed), || groups.reorder(config, glossary, &reorder));
    prepared.glossary.terms = terms;
    reorder.apply(&mut prepared.bodies);
    for body in &mut prepared.bodies {
        reorder.renumber(&mut body.links, false);
    }
    reorder.apply(&mut prepared.fragments);
    prepared.fragments[reorder.to] = Fragments::default();
    (reorder, names)
}
