//! The findings of the site, kept per file and derived again only where an edit can have changed them.
//!
//! A full `check` of a large glossary derives tens of thousands of findings; after one edit almost all are
//! the same. The build keeps unchanged values shared between versions of the site (an entry, its rendered
//! body, its `related` list and its backlinks stay the same `Arc` until an edit changes them), so an entry
//! whose inputs are the same values as last time (the same `Arc`, or equal) has the same findings: only
//! the others are derived again ([`crate::check::entry_findings`] reads nothing else). The rules that compare names across the
//! glossary run again only when a title, alias or address changed somewhere.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::Prepared;
use crate::content::Entry;
use crate::diagnostics::Diagnostic;
use crate::types::EntryIndex;

/// What one entry's findings are derived from, held so that the values stay alive and comparing them by
/// address is sound.
struct Inputs {
    entry: Arc<Entry>,
    /// What rendering the body found (the rest of the body does not matter to findings).
    body_problems: Vec<Diagnostic>,
    related: Arc<[EntryIndex]>,
    /// The `related` lists of the entries it lists (reciprocity).
    their_related: Vec<Arc<[EntryIndex]>>,
    backlinks: Arc<[EntryIndex]>,
    /// The other language versions of its concept (missing translations, freshness).
    versions: Vec<Option<Arc<Entry>>>,
}

impl Inputs {
    fn of(prepared: &Prepared, index: EntryIndex) -> Inputs {
        let built = &prepared.built;
        let g = &built.glossary;
        Inputs {
            entry: g.entries[index].clone(),
            body_problems: built.bodies[index].problems.clone(),
            related: g.related[index].clone(),
            their_related: g.related[index].iter().map(|&r| g.related[r].clone()).collect(),
            backlinks: built.backlinks.list(index).clone(),
            versions: g.translations(index).iter().map(|v| v.map(|i| g.entries[i].clone())).collect(),
        }
    }

    /// The same values as `index` has in `prepared`: the same `Arc`s, or equal values (after the
    /// glossary is linked again, lists of entries are new but mostly equal).
    fn same_as(&self, prepared: &Prepared, index: EntryIndex) -> bool {
        fn same<T: PartialEq + ?Sized>(a: &Arc<T>, b: &Arc<T>) -> bool {
            Arc::ptr_eq(a, b) || **a == **b
        }
        let built = &prepared.built;
        let g = &built.glossary;
        let related = &g.related[index];
        same(&self.entry, &g.entries[index])
            && self.body_problems == built.bodies[index].problems
            && same(&self.related, related)
            && same(&self.backlinks, built.backlinks.list(index))
            && self.their_related.len() == related.len()
            && self.their_related.iter().zip(related.iter()).all(|(a, &r)| same(a, &g.related[r]))
            && self.versions.len() == g.translations(index).len()
            && self.versions.iter().zip(g.translations(index)).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => same(a, &g.entries[*b]),
                (None, None) => true,
                _ => false,
            })
    }
}

/// An entry's inputs and its findings: its body's and `check`'s rules about it.
struct Cached {
    inputs: Inputs,
    found: Vec<Diagnostic>,
    /// [`names_hash`] of the entry.
    names: u64,
}

/// An entry's language position and concept id: the same entry across versions of the site.
type Key = (usize, crate::slug::ConceptId);

/// Findings grouped by file (relative to the site root).
type ByFile = HashMap<PathBuf, Vec<Diagnostic>>;

/// Every finding of the last state that built, per file.
#[derive(Default)]
pub struct Findings {
    entries: rustc_hash::FxHashMap<Key, Cached>,
    /// The file of each cached entry.
    by_path: HashMap<PathBuf, Key>,
    /// The name rules and shared aliases, and a hash of the names they were derived from.
    names: (Option<u64>, ByFile),
    /// The rest of what the build found: folder layout, files that fail to load, linking, summaries.
    rest: ByFile,
}

fn group(findings: impl IntoIterator<Item = Diagnostic>) -> ByFile {
    let mut by_file = ByFile::new();
    for finding in findings {
        by_file.entry(finding.path.clone()).or_default().push(finding);
    }
    by_file
}

/// The files whose findings differ between two groupings.
fn differing(old: &ByFile, new: &ByFile, out: &mut HashSet<PathBuf>) {
    out.extend(new.iter().filter(|(path, list)| old.get(*path) != Some(*list)).map(|(path, _)| path.clone()));
    out.extend(old.keys().filter(|path| !new.contains_key(*path)).cloned());
}

/// A hash of what the name rules read of an entry: its file, id, names, addresses and their lines.
fn names_hash(entry: &Entry) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    (&entry.path, &entry.id, &entry.title, &entry.aliases, &entry.slug, &entry.alias_slugs).hash(&mut hasher);
    (entry.lines.title, &entry.lines.aliases).hash(&mut hasher);
    hasher.finish()
}

impl Findings {
    /// Brings the findings up to the site as it stands; returns the files whose findings changed.
    pub fn update(&mut self, prepared: &Prepared) -> HashSet<PathBuf> {
        let mut changed = HashSet::new();
        let mut timer = crate::timings::Timer::start("lsp findings");
        let (site, g) = (&prepared.site, &prepared.built.glossary);
        let key_of = |i: EntryIndex| (g.lang_pos(i).get(), g.entries[i].id.clone());
        // Per entry: derived again where an input is a different value. Each entry's names are hashed
        // with it, so that the names of the whole glossary compare in one pass over numbers.
        let pass: Vec<(u64, Option<(Key, Cached)>)> = g
            .indices()
            .into_par_iter()
            .with_min_len(256)
            .map(|i| {
                let key = key_of(i);
                match self.entries.get(&key) {
                    Some(cached) if cached.inputs.same_as(prepared, i) => (cached.names, None),
                    _ => {
                        let inputs = Inputs::of(prepared, i);
                        let mut found = inputs.body_problems.clone();
                        found.extend(crate::check::entry_findings(prepared, i));
                        let names = names_hash(&g.entries[i]);
                        (names, Some((key, Cached { inputs, found, names })))
                    }
                }
            })
            .collect();
        let mut hasher = rustc_hash::FxHasher::default();
        for (names, fresh) in pass {
            names.hash(&mut hasher);
            let Some((key, cached)) = fresh else { continue };
            let path = cached.inputs.entry.path.clone();
            if self.entries.get(&key).is_none_or(|old| old.found != cached.found || old.inputs.entry.path != path) {
                changed.insert(path.clone());
            }
            if let Some(old) = self.entries.insert(key.clone(), cached)
                && old.inputs.entry.path != path
            {
                self.by_path.remove(&old.inputs.entry.path);
                changed.insert(old.inputs.entry.path.clone());
            }
            self.by_path.insert(path, key);
        }
        // Every entry is in the cache now: more there means some went.
        if self.entries.len() != g.entries.len() {
            let present: HashSet<Key> = g.indices().map(key_of).collect();
            let gone: Vec<Key> = self.entries.keys().filter(|k| !present.contains(*k)).cloned().collect();
            for key in gone {
                if let Some(old) = self.entries.remove(&key) {
                    self.by_path.remove(&old.inputs.entry.path);
                    changed.insert(old.inputs.entry.path.clone());
                }
            }
        }
        timer.lap("entries");
        // Names across the glossary: derived again when some title, alias or address changed.
        for clash in &prepared.built.groups.alias_clashes {
            (clash.entry, &clash.alias, clash.taken_by).hash(&mut hasher);
        }
        let key = hasher.finish();
        if self.names.0 != Some(key) {
            let mut found = crate::check::name_findings(prepared);
            found.extend(crate::link::alias_conflicts(g));
            let names = group(found);
            differing(&self.names.1, &names, &mut changed);
            self.names = (Some(key), names);
        }
        timer.lap("names");
        // The rest, which is small.
        let mut rest: Vec<Diagnostic> = site.layout_problems.clone();
        rest.extend(site.problems.iter().cloned());
        rest.extend(prepared.unreachable.iter().cloned());
        rest.extend(crate::check::tag_findings(prepared));
        for file in &site.files {
            if let Err(problems) = &file.result {
                rest.extend(problems.iter().cloned());
            }
        }
        rest.extend(g.problems().cloned());
        let rest = group(rest);
        differing(&self.rest, &rest, &mut changed);
        self.rest = rest;
        timer.lap("the rest");
        changed
    }

    /// The findings of one file, without repeats.
    pub fn of(&self, path: &Path) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = Vec::new();
        let own = self.by_path.get(path).and_then(|key| self.entries.get(key)).map(|c| &c.found);
        let parts = [self.rest.get(path), self.names.1.get(path), own];
        for finding in parts.into_iter().flatten().flatten() {
            if !all.contains(finding) {
                all.push(finding.clone());
            }
        }
        all
    }
}
