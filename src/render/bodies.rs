//! Stage 3a: every entry body from Markdown to HTML ([`crate::markdown`]), in parallel, and the backlinks the
//! links in them create ("Referenced by"), which this stage returns as a value of its own.

use std::sync::Arc;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::link::{EntryIndex, EntryMap, Glossary};
use crate::markdown::{self, Badges, LinkTargets, RenderedBody, Shortcodes};
use crate::urls;

/// The link to an entry's page, as body links and cards use it.
pub fn entry_link(config: &SiteConfig, glossary: &Glossary, index: EntryIndex) -> String {
    let entry = &glossary.entries[index];
    let (base, lang, slug) = (config.base.path(), entry.lang.as_str(), entry.slug.as_str());
    // `urls::entry` under the base path, in one buffer: bodies ask for a link in most paragraphs.
    let mut link = String::with_capacity(base.len() + lang.len() + slug.len() + 2);
    for part in [base, lang, "/", slug, "/"] {
        link.push_str(part);
    }
    debug_assert_eq!(link, config.base.link(&urls::entry(lang, &entry.slug)));
    link
}

/// Renders every entry body; returns them by entry index with every problem found.
pub fn render_all(
    config: &SiteConfig,
    glossary: &Glossary,
    highlighter: &Highlighter,
    badges: &Badges,
    shortcodes: &Shortcodes,
) -> (Vec<Arc<RenderedBody>>, Vec<Diagnostic>) {
    let all: Vec<EntryIndex> = glossary.indices().collect();
    let mut problems = Vec::new();
    let mut bodies = Vec::with_capacity(all.len());
    for (body, mut p) in render(config, glossary, highlighter, badges, shortcodes, &all) {
        bodies.push(Arc::new(body));
        problems.append(&mut p);
    }
    (bodies, problems)
}

/// Renders the bodies of the entries `which`, in parallel; results in the order of `which`.
pub fn render(
    config: &SiteConfig,
    glossary: &Glossary,
    highlighter: &Highlighter,
    badges: &Badges,
    shortcodes: &Shortcodes,
    which: &[EntryIndex],
) -> Vec<(RenderedBody, Vec<Diagnostic>)> {
    let url_of = |index: EntryIndex| entry_link(config, glossary, index);
    let targets = LinkTargets {
        glossary,
        url_of: &url_of,
        autolink: config.autolink,
        allow_html: config.allow_html,
        highlighter,
        badges,
        shortcodes,
    };
    // Render each entry right after the other language versions of its concept, on the same thread, so
    // their shared code blocks come out of the highlight cache.
    let wanted: rustc_hash::FxHashMap<EntryIndex, usize> = which.iter().enumerate().map(|(n, &i)| (i, n)).collect();
    let mut order: Vec<usize> = Vec::with_capacity(which.len());
    let mut placed = vec![false; which.len()];
    for &index in which {
        for i in std::iter::once(index).chain(glossary.translations(index).iter().flatten().copied()) {
            if let Some(&n) = wanted.get(&i)
                && !std::mem::replace(&mut placed[n], true)
            {
                order.push(n);
            }
        }
    }
    if config.autolink {
        let mut langs: Vec<crate::types::LangPos> = which.iter().map(|&i| glossary.lang_pos(i)).collect();
        langs.sort_unstable();
        langs.dedup();
        let mut timer = crate::timings::Timer::start("bodies");
        glossary.terms.prepare(&langs);
        timer.lap("matchers");
    }
    let rendered: Vec<(RenderedBody, Vec<Diagnostic>)> =
        order.par_iter().with_max_len(8).map(|&n| markdown::render(which[n], &targets)).collect();
    let mut slots: Vec<Option<(RenderedBody, Vec<Diagnostic>)>> = (0..which.len()).map(|_| None).collect();
    for (n, (mut body, problems)) in order.into_iter().zip(rendered) {
        body.problems.clone_from(&problems);
        slots[n] = Some((body, problems));
    }
    slots.into_iter().map(Option::unwrap_or_default).collect()
}

/// For each entry, the entries that point at it (through `related` or a body link), alphabetically. Lists
/// are shared between versions of a site until an edit changes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlinks(Arc<Vec<Arc<[EntryIndex]>>>);

impl Backlinks {
    /// The backlinks of a glossary whose bodies are `bodies`.
    pub fn new(glossary: &Glossary, bodies: &[Arc<RenderedBody>]) -> Self {
        let mut pairs: Vec<(EntryIndex, EntryIndex)> = Vec::new();
        for (from, related) in glossary.indices().zip(glossary.related.iter()) {
            pairs.extend(related.iter().map(|&to| (to, from)));
        }
        for (from, body) in glossary.indices().zip(bodies) {
            pairs.extend(body.links.iter().filter(|&&to| to != from).map(|&to| (to, from)));
        }
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut lists: Vec<Arc<[EntryIndex]>> = Vec::with_capacity(glossary.entries.len());
        let mut rest = pairs.as_slice();
        for to in glossary.indices() {
            let end = rest.partition_point(|p| p.0 == to);
            // Entries are stored alphabetically, so sorted indices are alphabetical order.
            lists.push(rest[..end].iter().map(|p| p.1).collect());
            rest = &rest[end..];
        }
        Backlinks(Arc::new(lists))
    }

    /// The entries whose backlinks differ between this and `other`, two versions of the same glossary
    /// whose entries kept their places.
    pub fn differ(&self, other: &Backlinks) -> Vec<EntryIndex> {
        if Arc::ptr_eq(&self.0, &other.0) {
            return Vec::new();
        }
        let same = |(a, b): (&Arc<[EntryIndex]>, &Arc<[EntryIndex]>)| Arc::ptr_eq(a, b) || a == b;
        let pairs = self.0.iter().zip(other.0.iter());
        crate::types::Entries::all(self.0.len()).zip(pairs).filter(|(_, pair)| !same(*pair)).map(|(i, _)| i).collect()
    }

    /// The backlinks after [`crate::link::Glossary::move_entry`] renumbered the entries, for bodies whose
    /// links were renumbered the same way ([`carry`]).
    pub fn moved(&self, reorder: &crate::link::Reorder) -> Self {
        let (low, high) = (reorder.from.min(reorder.to), reorder.from.max(reorder.to));
        let mut lists = Vec::clone(&self.0);
        reorder.apply(&mut lists);
        lists.par_iter_mut().for_each(|list| {
            if list.iter().any(|&i| low <= i && i <= high) {
                let mut renumbered = list.to_vec();
                reorder.renumber(&mut renumbered, true);
                *list = renumbered.into();
            }
        });
        Backlinks(Arc::new(lists))
    }

    /// The backlinks of entry `index`, as the shared list.
    pub fn list(&self, index: EntryIndex) -> &Arc<[EntryIndex]> {
        &self.0[index]
    }

    /// The backlinks of entry `index`.
    pub fn of(&self, index: EntryIndex) -> &[EntryIndex] {
        &self.0[index]
    }

    /// Follows a change of one body's links, for a glossary whose entries kept their places: `from` linked
    /// to `before` and now links to `after`. Returns the entries whose backlinks changed.
    pub fn relink(
        &mut self,
        glossary: &Glossary,
        from: EntryIndex,
        before: &[EntryIndex],
        after: &[EntryIndex],
    ) -> Vec<EntryIndex> {
        let mut touched = Vec::new();
        for &to in before.iter().filter(|t| !after.contains(t) && **t != from) {
            if !glossary.related[from].contains(&to) {
                let lists = Arc::make_mut(&mut self.0);
                lists[to] = lists[to].iter().copied().filter(|&b| b != from).collect();
                touched.push(to);
            }
        }
        for &to in after.iter().filter(|t| !before.contains(t) && **t != from) {
            if let Err(at) = self.0[to].binary_search(&from) {
                let lists = Arc::make_mut(&mut self.0);
                let mut list = lists[to].to_vec();
                list.insert(at, from);
                lists[to] = list.into();
                touched.push(to);
            }
        }
        touched
    }
}

/// The bodies of the old site carried to the new entry indices, with their links renumbered. A body that
/// cannot be carried (the entry is new, or a link target is gone) is left empty: those are exactly the
/// bodies an edit renders again ([`crate::render::deps::bodies_to_render`]).
pub fn carry(old: &[Arc<RenderedBody>], map: &EntryMap, new_len: usize) -> Vec<Arc<RenderedBody>> {
    let renumber = |body: &RenderedBody| -> Option<Arc<RenderedBody>> {
        let links = body.links.iter().map(|&t| map.new_of_old(t)).collect::<Option<Vec<_>>>()?;
        // Every anchored link's target is among the links, so it is there too.
        let anchors = body
            .anchors
            .iter()
            .map(|a| Some(markdown::Anchored { target: map.new_of_old(a.target)?, ..a.clone() }))
            .collect::<Option<Vec<_>>>()?;
        Some(Arc::new(RenderedBody { links: links.into(), anchors, ..body.clone() }))
    };
    match map {
        EntryMap::Same => old.to_vec(),
        EntryMap::Moved(r) => {
            // Only entries between the old and the new place of the moved one changed index.
            let (low, high) = (r.from.min(r.to), r.from.max(r.to));
            let mut bodies = old.to_vec();
            r.apply(&mut bodies);
            bodies.par_iter_mut().filter(|b| b.links.iter().any(|&t| low <= t && t <= high)).for_each(|body| {
                if let Some(moved) = renumber(body) {
                    *body = moved;
                }
            });
            bodies
        }
        EntryMap::General { .. } => crate::types::Entries::all(new_len)
            .into_par_iter()
            .map(|n| map.old_of_new(n).and_then(|o| renumber(&old[o])).unwrap_or_default())
            .collect(),
    }
}
