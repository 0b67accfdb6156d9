//! What an edit changed, entry by entry: a typed change set found by comparing the values the two builds
//! made (cards, details, records, bodies, the entries each page lists), never by listing entry fields.
//!
//! Only entries whose parts can differ are compared ([`candidates`]): those whose entry value changed, the
//! other language versions of their concept (alternates, the outdated-translation notice), entries whose
//! category link changed, and, when entries came or went, entries whose related list resolves differently.
//! Every other entry's parts are carried over from the previous build as they are.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::Renderer;
use super::pages::SiteData;
use super::parts::Parts;
use crate::fragments::Fragments;
use crate::link::{EntryIndex, EntryMap, Glossary};
use crate::types::LangPos;

/// Which parts of one entry differ from the previous build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changed(u16);

impl Changed {
    /// Nothing differs.
    pub const NONE: Changed = Changed(0);
    /// Its card (what listings, related lists, neighbours and backlinks show).
    pub const CARD: Changed = Changed(1);
    /// The rest of its own page (aliases, sources, structured data, notices).
    pub const DETAILS: Changed = Changed(1 << 1);
    /// Its page's address or language versions.
    pub const PLAN: Changed = Changed(1 << 2);
    /// Its rendered body.
    pub const BODY: Changed = Changed(1 << 3);
    /// Its search-index record.
    pub const SEARCH: Changed = Changed(1 << 4);
    /// Its JSON-export record.
    pub const EXPORT: Changed = Changed(1 << 5);
    /// Its feed item.
    pub const FEED: Changed = Changed(1 << 6);
    /// Which entries its page lists: related, backlinks, alphabetical neighbours.
    pub const RELATIONS: Changed = Changed(1 << 7);
    /// It is new: everything about it differs.
    pub const ADDED: Changed = Changed(u16::MAX);

    /// True if any part of `other` differs here.
    pub fn any(self, other: Changed) -> bool {
        self.0 & other.0 != 0
    }

    /// Both sets of parts.
    pub const fn or(self, other: Changed) -> Changed {
        Changed(self.0 | other.0)
    }
}

/// What an edit changed.
#[derive(Debug)]
pub struct ChangeSet {
    /// For each entry of the new build, which of its parts differ.
    pub entries: Vec<Changed>,
    /// Entries of the old build that are gone.
    pub removed: Vec<EntryIndex>,
    /// Per language: an entry came, went or moved in the alphabetical order.
    pub order: Vec<bool>,
}

impl ChangeSet {
    /// True if the edit changed nothing a page shows.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && !self.order.iter().any(|&o| o) && self.entries.iter().all(|&c| c == Changed::NONE)
    }
}

/// What the render stage needs to know about an edit besides the two builds.
pub struct Edit<'a> {
    /// How entries correspond.
    pub map: &'a EntryMap,
    /// New entries whose entry value changed or that were added.
    pub changed: &'a [EntryIndex],
    /// Old entries that are gone.
    pub removed: &'a [EntryIndex],
    /// New entries whose body was rendered again.
    pub rerendered: &'a [EntryIndex],
}

/// The entries of `new` whose parts may differ from `old`'s; everything else carries its parts over.
pub fn candidates(old: &SiteData<'_>, new: &SiteData<'_>, edit: &Edit<'_>) -> Vec<EntryIndex> {
    let mut set: FxHashSet<EntryIndex> = edit.changed.iter().copied().collect();
    let concept_of = |g: &Glossary, i: EntryIndex| g.entries[i].id.clone();
    let touched = edit.changed.iter().map(|&n| concept_of(new.glossary, n));
    let gone = edit.removed.iter().map(|&o| concept_of(old.glossary, o));
    for id in touched.chain(gone).collect::<Vec<_>>() {
        for pos in LangPos::all(new.glossary.languages.len()) {
            set.extend(new.glossary.lookup(pos, &id));
        }
    }
    if !std::ptr::eq(old.groups, new.groups) {
        let n = new.glossary.entries.len();
        set.extend(crate::types::Entries::all(n).filter(|&n| {
            edit.map.old_of_new(n).is_none_or(|o| {
                old.groups.category_of[o] != new.groups.category_of[n] || old.groups.tags_of[o] != new.groups.tags_of[n]
            })
        }));
    }
    if matches!(edit.map, EntryMap::General { .. }) {
        set.extend(new.glossary.indices().filter(|&n| {
            let Some(o) = edit.map.old_of_new(n) else { return true };
            let now = new.glossary.related[n].iter().map(|&r| edit.map.old_of_new(r));
            now.ne(old.glossary.related[o].iter().map(|&r| Some(r)))
        }));
    }
    let mut list: Vec<EntryIndex> = set.into_iter().collect();
    list.sort_unstable();
    list
}

/// The parts of the new build: carried over from the old one, except for `candidates`, which start empty
/// (their parts are built again by [`compare`]).
pub fn carry_fragments(
    old: &[Arc<Fragments>],
    map: &EntryMap,
    new_len: usize,
    candidates: &[EntryIndex],
) -> Vec<Arc<Fragments>> {
    let mut fragments = map.carry(old, new_len, Default::default);
    for &n in candidates {
        fragments[n] = Default::default();
    }
    fragments
}

/// Compares the two builds: the parts of the candidates, the bodies rendered again and the entries each
/// entry page lists.
pub fn compare(
    old: &SiteData<'_>,
    new: &SiteData<'_>,
    renderer: &Renderer,
    edit: &Edit<'_>,
    candidates: &[EntryIndex],
) -> ChangeSet {
    let map = edit.map;
    let mut entries = vec![Changed::NONE; new.glossary.entries.len()];
    let (old_parts, new_parts) = (Parts::new(old, renderer), Parts::new(new, renderer));
    for &n in candidates {
        let Some(o) = map.old_of_new(n) else {
            entries[n] = Changed::ADDED;
            continue;
        };
        entries[n] = parts_differ(&old_parts, &new_parts, o, n);
    }
    for &n in edit.rerendered {
        let Some(o) = map.old_of_new(n) else { continue };
        let (a, b) = (&old.bodies[o], &new.bodies[n]);
        let same_links = b.links.iter().map(|&t| map.old_of_new(t)).eq(a.links.iter().map(|&t| Some(t)));
        if a.html != b.html || a.headings != b.headings || !same_links {
            entries[n] = entries[n].or(Changed::BODY);
        }
    }
    let relations: Vec<EntryIndex> = match map {
        // Entries kept their places, related lists and order: only backlinks can differ.
        EntryMap::Same => old.backlinks.differ(new.backlinks),
        _ => crate::types::Entries::all(entries.len()).filter(|&n| relations_differ(old, new, map, n)).collect(),
    };
    for n in relations {
        entries[n] = entries[n].or(Changed::RELATIONS);
    }
    let order = LangPos::all(new.glossary.languages.len())
        .map(|pos| {
            let mut olds = new.glossary.range(pos).map(|n| map.old_of_new(n));
            !olds.by_ref().eq(old.glossary.range(pos).map(Some))
        })
        .collect();
    ChangeSet { entries, removed: edit.removed.to_vec(), order }
}

/// Which parts of old entry `o` and new entry `n` differ, comparing their built values.
fn parts_differ(old: &Parts<'_>, new: &Parts<'_>, o: EntryIndex, n: EntryIndex) -> Changed {
    let mut changed = Changed::NONE;
    let mut differs = |part: Changed, same: bool| {
        if !same {
            changed = changed.or(part);
        }
    };
    differs(Changed::CARD, old.card(o).card == new.card(n).card);
    differs(Changed::DETAILS, old.details(o) == new.details(n));
    differs(Changed::PLAN, old.plan(o) == new.plan(n));
    differs(Changed::SEARCH, old.search(o) == new.search(n));
    differs(Changed::EXPORT, old.export(o) == new.export(n));
    differs(Changed::FEED, old.feed(o) == new.feed(n));
    changed
}

/// True if the entry page of new entry `n` lists other entries than before: related, backlinks, neighbours.
fn relations_differ(old: &SiteData<'_>, new: &SiteData<'_>, map: &EntryMap, n: EntryIndex) -> bool {
    let Some(o) = map.old_of_new(n) else { return true };
    // A list both versions share holds the same entries when every entry kept its index or only one moved:
    // a list naming any entry that moved was copied when it was renumbered.
    let shared = |now: &std::sync::Arc<[EntryIndex]>, before: &std::sync::Arc<[EntryIndex]>| {
        !matches!(map, EntryMap::General { .. }) && std::sync::Arc::ptr_eq(now, before)
    };
    let same = |now: &std::sync::Arc<[EntryIndex]>, before: &std::sync::Arc<[EntryIndex]>| {
        shared(now, before)
            || now.len() == before.len() && now.iter().zip(before.iter()).all(|(&a, &b)| map.old_of_new(a) == Some(b))
    };
    let (np, nn) = new.glossary.neighbours(n);
    let (op, on) = old.glossary.neighbours(o);
    let same_side = |a: Option<EntryIndex>, b: Option<EntryIndex>| match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => map.old_of_new(a) == Some(b),
        _ => false,
    };
    !(same(&new.glossary.related[n], &old.glossary.related[o])
        && same(new.backlinks.list(n), old.backlinks.list(o))
        && same_side(np, op)
        && same_side(nn, on))
}
