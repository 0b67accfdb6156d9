//! Bringing a linked glossary up to date after edits. The result always equals [`Glossary::link`] of the
//! same entries; what differs is the cost. An edit that keeps everything linking reads of an entry
//! ([`link_key`]) swaps the entries in place; an edit of one entry's names moves it to its new alphabetical
//! place; anything else links every entry again.
//!
//! Besides the new glossary, an update says how its entries correspond to the old ones ([`EntryMap`]) and
//! which names changed, which is what the later stages need to find what else changed.

use std::sync::Arc;

use super::{EntryIndex, Glossary, Reorder};
use crate::config::SiteConfig;
use crate::content::{Entry, Loaded};
use crate::diagnostics::Diagnostic;
use crate::slug::{ConceptId, Slug};
use crate::terms::NameChanges;
use crate::types::LangPos;

/// How the entries of a new glossary correspond to those of the old one.
#[derive(Debug, Clone)]
pub enum EntryMap {
    /// Every entry kept its index.
    Same,
    /// One entry moved; those between shifted by one.
    Moved(Reorder),
    /// Anything else: both directions written out (`None` where the entry came or went).
    General {
        /// For each new entry, the same concept and language in the old glossary.
        old_of_new: Vec<Option<EntryIndex>>,
        /// For each old entry, the same concept and language in the new glossary.
        new_of_old: Vec<Option<EntryIndex>>,
    },
}

impl EntryMap {
    /// Pairs the entries of two glossaries by concept and language.
    pub fn between(old: &Glossary, new: &Glossary) -> Self {
        let old_of_new = new.indices().map(|n| old.lookup(new.lang_pos(n), &new.entries[n].id)).collect();
        let new_of_old = old.indices().map(|o| new.lookup(old.lang_pos(o), &old.entries[o].id)).collect();
        EntryMap::General { old_of_new, new_of_old }
    }

    /// The new index of the old entry `old`, if it is still there.
    pub fn new_of_old(&self, old: EntryIndex) -> Option<EntryIndex> {
        match self {
            EntryMap::Same => Some(old),
            EntryMap::Moved(reorder) => Some(reorder.map(old)),
            EntryMap::General { new_of_old, .. } => new_of_old[old],
        }
    }

    /// The old index of the new entry `new`, if it was there before.
    pub fn old_of_new(&self, new: EntryIndex) -> Option<EntryIndex> {
        match self {
            EntryMap::Same => Some(new),
            EntryMap::Moved(reorder) => Some(Reorder { from: reorder.to, to: reorder.from }.map(new)),
            EntryMap::General { old_of_new, .. } => old_of_new[new],
        }
    }

    /// Moves a list indexed by old entry to the new indices; `fresh` fills the places of new entries.
    pub fn carry<T: Clone>(&self, old: &[T], new_len: usize, fresh: impl Fn() -> T) -> Vec<T> {
        match self {
            EntryMap::Same => old.to_vec(),
            EntryMap::Moved(reorder) => {
                let mut items = old.to_vec();
                reorder.apply(&mut items);
                items
            }
            EntryMap::General { old_of_new, .. } => {
                (0..new_len).map(|n| old_of_new[n].map_or_else(&fresh, |o| old[o].clone())).collect()
            }
        }
    }
}

/// A glossary brought up to date, and how it relates to the one before.
#[derive(Debug)]
pub struct Linked {
    /// The new glossary.
    pub glossary: Glossary,
    /// How its entries correspond to the old ones.
    pub map: EntryMap,
    /// New entries that were added or whose entry value changed, in index order.
    pub changed: Vec<EntryIndex>,
    /// Old entries that are gone, in index order.
    pub removed: Vec<EntryIndex>,
    /// Per language: which mentionable names changed (see [`NameChanges`]).
    pub names: Vec<NameChanges>,
}

/// Everything the link stage reads of an entry besides its names: an edit that keeps it (and the names)
/// cannot change what linking computes.
fn link_key(e: &Entry) -> (&ConceptId, &str, &Slug, Vec<&ConceptId>) {
    (&e.id, e.lang.as_str(), &e.slug, e.related.iter().map(|r| &r.value).collect())
}

/// The names of an entry, how compounds mention it, and what its place in the order follows from.
fn name_key(e: &Entry) -> (&[u8], &str, &[String], Option<bool>) {
    (&e.sort_key, &e.title, &e.aliases, e.compounds)
}

/// The names of an entry alone, and how compounds mention it: mentions and wiki links see these.
fn names_of(e: &Entry) -> (&str, &[String], Option<bool>) {
    (&e.title, &e.aliases, e.compounds)
}

/// Brings `old` up to date. `edits` are saved entries that replace the ones at those indices, when every
/// changed file was such an entry before and after; `None` when files came, went or failed, and then
/// `relink` gives every entry. Returns the problems linking found.
pub fn update(
    old: &Glossary,
    config: &SiteConfig,
    edits: Option<Vec<(EntryIndex, Arc<Entry>)>>,
    relink: impl FnOnce() -> Loaded,
) -> (Linked, Vec<Diagnostic>) {
    let languages = old.languages.len();
    if let Some(edits) = edits.filter(|e| e.iter().all(|(i, e)| link_key(&old.entries[*i]) == link_key(e))) {
        let renamed: Vec<&(EntryIndex, Arc<Entry>)> =
            edits.iter().filter(|(i, e)| name_key(&old.entries[*i]) != name_key(e)).collect();
        if renamed.is_empty() {
            let mut glossary = old.clone();
            let mut changed: Vec<EntryIndex> = edits.iter().map(|(i, _)| *i).collect();
            for (index, entry) in edits {
                glossary.entries[index] = entry;
            }
            let (resolved, problems) = glossary.resolve_summaries(config);
            changed.extend(resolved);
            changed.sort_unstable();
            changed.dedup();
            let names = LangPos::all(languages).map(|_| NameChanges::none()).collect();
            let linked = Linked { glossary, map: EntryMap::Same, changed, removed: Vec::new(), names };
            return (linked, problems);
        }
        if let ([(index, entry)], 1) = (renamed.as_slice(), edits.len()) {
            let mut glossary = old.clone();
            let pos = glossary.lang_pos(*index);
            let (reorder, changes) = glossary.move_entry(*index, entry.clone());
            let mut names: Vec<NameChanges> = LangPos::all(languages).map(|_| NameChanges::none()).collect();
            names[pos] = changes;
            let (mut changed, problems) = glossary.resolve_summaries(config);
            changed.push(reorder.to);
            changed.sort_unstable();
            changed.dedup();
            let linked = Linked { glossary, map: EntryMap::Moved(reorder), changed, removed: Vec::new(), names };
            return (linked, problems);
        }
    }
    let (glossary, problems) = Glossary::relink(config, relink());
    let map = EntryMap::between(old, &glossary);
    let same = |o: EntryIndex, n: EntryIndex| {
        Arc::ptr_eq(&old.entries[o], &glossary.entries[n]) || old.entries[o] == glossary.entries[n]
    };
    let changed: Vec<EntryIndex> =
        glossary.indices().filter(|&n| map.old_of_new(n).is_none_or(|o| !same(o, n))).collect();
    let removed: Vec<EntryIndex> = old.indices().filter(|&o| map.new_of_old(o).is_none()).collect();
    let names = LangPos::all(languages)
        .map(|pos| {
            let renamed = changed.iter().filter(|&&n| glossary.lang_pos(n) == pos).any(|&n| {
                map.old_of_new(n).is_none_or(|o| names_of(&old.entries[o]) != names_of(&glossary.entries[n]))
            }) || removed.iter().any(|&o| old.lang_pos(o) == pos);
            old.terms.changes(&glossary.terms, pos, |o| map.new_of_old(o), renamed)
        })
        .collect();
    (Linked { glossary, map, changed, removed, names }, problems)
}
