//! The ways a glossary is browsed besides A–Z: categories, difficulty levels and weeks, and the alias
//! addresses that redirect to entries. Computed once per glossary and shared by every page.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::context::CategoryLink;
use crate::collate::TitleCollator;
use crate::config::SiteConfig;
use crate::content::Difficulty;
use std::sync::Arc;

use crate::link::{EntryIndex, EntryMap, Glossary, RESERVED_SLUGS, Reorder};
use crate::slug::Slug;
use crate::types::LangPos;
use crate::urls;
use crate::week::IsoWeek;

/// What entries of a group have in common.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKind {
    /// The same category (matched by slug).
    Category,
    /// The same tag (matched by slug).
    Tag,
    /// The same difficulty level.
    Difficulty(Difficulty),
    /// The same ISO week.
    Week(IsoWeek),
}

/// A listing page: entries of one language sharing a category, a difficulty or a week.
#[derive(Debug, Clone)]
pub struct Group {
    /// What the entries share.
    pub kind: GroupKind,
    /// Position of the language.
    pub lang_pos: LangPos,
    /// Category or tag name as written (the first spelling met, alphabetically); empty for other kinds.
    pub name: String,
    /// Site-relative path of its page.
    pub path: String,
    /// Its entries, alphabetically.
    pub entries: Vec<EntryIndex>,
    /// The URL segment of a category or tag.
    pub slug: Option<Slug>,
}

/// An alias address (`/nl/open-gewichten/`) that sends readers to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasPage {
    /// Site-relative path of the redirect.
    pub path: Arc<str>,
    /// The alias as written.
    pub alias: Arc<str>,
    /// The entry it leads to.
    pub target: EntryIndex,
}

/// An alias that gets no address, and why; `check` reports these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasClash {
    /// The entry whose alias it is.
    pub entry: EntryIndex,
    /// The alias.
    pub alias: String,
    /// The entry (or site page) whose address it would take.
    pub taken_by: Option<EntryIndex>,
}

/// Groups, category links and alias addresses of a glossary.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// Per language: categories alphabetically, then difficulty levels, then weeks newest first.
    pub groups: Vec<Group>,
    /// The category link shown on each entry (by entry index).
    pub category_of: Vec<Option<Arc<CategoryLink>>>,
    /// The category group of each entry (by entry index), to pair categories across languages quickly.
    category_group: Vec<Option<crate::types::GroupIndex>>,
    /// The tag links shown on each entry (by entry index), in the order written.
    pub tags_of: Vec<Arc<[CategoryLink]>>,
    /// The tag groups of each entry (by entry index), to pair tags across languages.
    tag_groups: Vec<Vec<crate::types::GroupIndex>>,
    /// Tag groups `tags.toml` pairs, each with its counterpart in every other language it names.
    tag_pairs: FxHashMap<crate::types::GroupIndex, Vec<crate::types::GroupIndex>>,
    /// Redirect pages for aliases.
    pub aliases: Vec<AliasPage>,
    /// Aliases that could not get an address.
    pub alias_clashes: Vec<AliasClash>,
}

impl Groups {
    /// Groups the glossary's entries.
    pub fn new(config: &SiteConfig, glossary: &Glossary) -> Self {
        use rayon::prelude::*;
        let per_language: Vec<(Vec<Group>, Vec<AliasPage>, Vec<AliasClash>)> = LangPos::all(config.languages.len())
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|pos| {
                let mut groups = categories(config, glossary, pos);
                groups.extend(tags(config, glossary, pos));
                groups.extend(by_key(config, glossary, pos, |i| {
                    glossary.entries[i].difficulty.map(GroupKind::Difficulty)
                }));
                let mut weeks = by_key(config, glossary, pos, |i| glossary.entries[i].week.map(GroupKind::Week));
                weeks.reverse();
                groups.extend(weeks);
                let (aliases, clashes) = alias_pages(config, glossary, pos);
                (groups, aliases, clashes)
            })
            .collect();
        let mut groups = Vec::new();
        let mut aliases = Vec::new();
        let mut alias_clashes = Vec::new();
        for (g, a, c) in per_language {
            groups.extend(g);
            aliases.extend(a);
            alias_clashes.extend(c);
        }
        let mut category_of = vec![None; glossary.entries.len()];
        let mut category_group = vec![None; glossary.entries.len()];
        let icons = category_icons(config, glossary, &groups);
        for (index, group) in groups.iter().enumerate().filter(|(_, g)| g.kind == GroupKind::Category) {
            let icon = icons.get(&index).cloned();
            let link = Arc::new(CategoryLink { name: group.name.clone(), link: config.base.link(&group.path), icon });
            for &e in &group.entries {
                category_of[e] = Some(link.clone());
                category_group[e] = Some(crate::types::GroupIndex::new(index));
            }
        }
        let mut tag_groups = vec![Vec::new(); glossary.entries.len()];
        let mut tag_index: FxHashMap<(LangPos, &Slug), crate::types::GroupIndex> = FxHashMap::default();
        for (index, group) in groups.iter().enumerate().filter(|(_, g)| g.kind == GroupKind::Tag) {
            if let Some(slug) = &group.slug {
                tag_index.insert((group.lang_pos, slug), crate::types::GroupIndex::new(index));
            }
        }
        let tags_of = glossary
            .indices()
            .map(|i| {
                let pos = glossary.lang_pos(i);
                let links: Vec<CategoryLink> = glossary.entries[i]
                    .tags
                    .iter()
                    .filter_map(|t| tag_index.get(&(pos, &t.slug)))
                    .map(|&g| {
                        tag_groups[i].push(g);
                        let group = &groups[g];
                        CategoryLink { name: group.name.clone(), link: config.base.link(&group.path), icon: None }
                    })
                    .collect();
                Arc::from(links)
            })
            .collect();
        let mut tag_pairs: FxHashMap<crate::types::GroupIndex, Vec<crate::types::GroupIndex>> = FxHashMap::default();
        for row in &config.tag_names {
            let named: Vec<crate::types::GroupIndex> = row
                .iter()
                .filter_map(|(lang, name)| {
                    let pos = LangPos::new(config.languages.iter().position(|l| l.code == *lang)?);
                    let slug = Slug::from_text(name).ok()?;
                    tag_index.get(&(pos, &slug)).copied()
                })
                .collect();
            for &g in &named {
                tag_pairs.entry(g).or_default().extend(named.iter().filter(|&&o| o != g));
            }
        }
        Groups { groups, category_of, category_group, tags_of, tag_groups, tag_pairs, aliases, alias_clashes }
    }

    /// The groups of `glossary`, which an edit made from the glossary `old` had: the same value when the edit
    /// kept everything groups read of the edited entries, the old groups renumbered when one entry moved
    /// without touching them, else grouped again.
    pub fn update(
        previous: &Arc<Groups>,
        config: &SiteConfig,
        old: &Glossary,
        glossary: &Glossary,
        map: &EntryMap,
        changed: &[EntryIndex],
    ) -> Arc<Groups> {
        let same_keys = || {
            changed.iter().all(|&n| {
                map.old_of_new(n).is_some_and(|o| group_key(&old.entries[o]) == group_key(&glossary.entries[n]))
            })
        };
        match map {
            EntryMap::Same if same_keys() => previous.clone(),
            EntryMap::Moved(reorder) if same_keys() && previous.spelling_stays(old, reorder.from) => {
                let mut groups = Groups::clone(previous);
                groups.reorder(config, glossary, reorder);
                Arc::new(groups)
            }
            _ => Arc::new(Groups::new(config, glossary)),
        }
    }

    /// A category is shown under the spelling of its alphabetically first entry: moving the entry at
    /// `index` changes that only if the spellings in its category differ.
    fn spelling_stays(&self, glossary: &Glossary, index: EntryIndex) -> bool {
        let entry = &glossary.entries[index];
        let spelled = |e: EntryIndex, slug: &Option<Slug>| {
            glossary.entries[e].tags.iter().find(|t| Some(&t.slug) == slug.as_ref()).map(|t| &t.name)
        };
        self.groups.iter().all(|g| match g.kind {
            _ if !g.entries.contains(&index) => true,
            GroupKind::Category => g.entries.iter().all(|&e| glossary.entries[e].category == entry.category),
            GroupKind::Tag => g.entries.iter().all(|&e| spelled(e, &g.slug) == spelled(index, &g.slug)),
            _ => true,
        })
    }

    /// Follows [`Glossary::move_entry`]: every entry index is renumbered, and the alias addresses of the moved
    /// entry's language are worked out again (which alias claims a contested address depends on the order).
    /// Category names stay as they were: the caller makes sure the move cannot change them.
    pub fn reorder(&mut self, config: &SiteConfig, glossary: &Glossary, reorder: &Reorder) {
        for group in &mut self.groups {
            reorder.renumber(&mut group.entries, true);
        }
        reorder.apply(&mut self.category_of);
        reorder.apply(&mut self.category_group);
        reorder.apply(&mut self.tags_of);
        reorder.apply(&mut self.tag_groups);
        let pos = glossary.lang_pos(reorder.to);
        if let Some(own) = self.uncontested_aliases(config, glossary, reorder) {
            // Only the moved entry's redirects change; the others keep theirs, renumbered. The list is in
            // entry order, so the new ones go where the entry now is.
            self.aliases.retain(|a| a.target != reorder.from);
            for alias in &mut self.aliases {
                alias.target = reorder.map(alias.target);
            }
            for clash in &mut self.alias_clashes {
                clash.entry = reorder.map(clash.entry);
                clash.taken_by = clash.taken_by.map(|t| reorder.map(t));
            }
            let at = self.aliases.partition_point(|a| a.target < reorder.to);
            self.aliases.splice(at..at, own);
            return;
        }
        let (aliases, clashes) = alias_pages(config, glossary, pos);
        // Both lists hold the languages one after the other: replace this language's stretch.
        let stretch = |lang_of: &dyn Fn(usize) -> LangPos, len: usize| {
            let start = (0..len).find(|&i| lang_of(i) >= pos).unwrap_or(len);
            start..(start..len).find(|&i| lang_of(i) > pos).unwrap_or(len)
        };
        let old = stretch(&|i| glossary.lang_pos(self.aliases[i].target), self.aliases.len());
        self.aliases.splice(old, aliases);
        let old = stretch(&|i| glossary.lang_pos(self.alias_clashes[i].entry), self.alias_clashes.len());
        self.alias_clashes.splice(old, clashes);
    }

    /// The alias redirects of the entry moved by `reorder`, if none of its aliases, old or new, competes with
    /// another entry for an address; then no other entry's redirects depend on where it sorts. `None`
    /// when they might (the caller works out the whole language again).
    fn uncontested_aliases(
        &self,
        config: &SiteConfig,
        glossary: &Glossary,
        reorder: &Reorder,
    ) -> Option<Vec<AliasPage>> {
        let (from, to) = (reorder.from, reorder.to);
        if self.alias_clashes.iter().any(|c| c.entry == from || c.taken_by == Some(from)) {
            return None;
        }
        let pos = glossary.lang_pos(to);
        let code = config.languages[pos].code.as_str();
        let entry = &glossary.entries[to];
        let others = || glossary.range(pos).filter(move |&i| i != to).map(|i| &glossary.entries[i]);
        let mut pages: Vec<AliasPage> = Vec::new();
        for (alias, slug) in entry.aliases.iter().zip(&entry.alias_slugs) {
            let Some(slug) = slug.as_ref().filter(|s| **s != entry.slug) else { continue };
            let path = alias_path(config, code, slug);
            if pages.iter().any(|p| *p.path == *path) {
                continue;
            }
            let taken = RESERVED_SLUGS.contains(&slug.as_str())
                || others().any(|e| e.slug == *slug || e.alias_slugs.iter().flatten().any(|s| s == slug));
            if taken {
                return None;
            }
            pages.push(AliasPage { path: path.into(), alias: alias.as_str().into(), target: to });
        }
        Some(pages)
    }

    /// The group in language `pos` that corresponds to `group` (same level or week; for categories, the one
    /// most of its concepts are filed under there).
    pub fn counterpart(
        &self,
        glossary: &Glossary,
        group: crate::types::GroupIndex,
        pos: LangPos,
    ) -> Option<crate::types::GroupIndex> {
        let g = &self.groups[group];
        if g.lang_pos == pos {
            return Some(group);
        }
        if !matches!(g.kind, GroupKind::Category | GroupKind::Tag) {
            let same_kind = self.groups.iter().position(|o| o.lang_pos == pos && o.kind == g.kind);
            return same_kind.map(crate::types::GroupIndex::new);
        }
        if let Some(named) = self.tag_pairs.get(&group)
            && let Some(&other) = named.iter().find(|&&o| self.groups[o].lang_pos == pos)
        {
            return Some(other);
        }
        let mut votes: BTreeMap<crate::types::GroupIndex, usize> = BTreeMap::new();
        for &e in &g.entries {
            let Some(t) = glossary.lookup(pos, &glossary.entries[e].id) else { continue };
            let others: &[crate::types::GroupIndex] = match g.kind {
                GroupKind::Tag => &self.tag_groups[t],
                _ => self.category_group[t].as_slice(),
            };
            for &other in others {
                *votes.entry(other).or_default() += 1;
            }
        }
        if g.kind == GroupKind::Tag {
            // Entries carry several tags: the counterpart is the tag whose concepts overlap most with this
            // one's (shared concepts over all concepts of either), not merely the most common one.
            let overlap = |(&other, &shared): (&crate::types::GroupIndex, &usize)| {
                let all = g.entries.len() + self.groups[other].entries.len() - shared;
                (shared as f64 / all.max(1) as f64, std::cmp::Reverse(other))
            };
            return votes.iter().map(overlap).max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))).map(|(_, o)| o.0);
        }
        votes.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(&best, _)| best)
    }
}

/// The icon of each category group that has one (by group index): the one `site.toml` gives its slug, else
/// the one most of its concepts' categories have in other languages, so an icon set for `foundations`
/// also marks the Dutch `grondslagen`.
fn category_icons(config: &SiteConfig, glossary: &Glossary, groups: &[Group]) -> FxHashMap<usize, String> {
    let mut found = FxHashMap::default();
    if config.category_icons.is_empty() {
        return found;
    }
    let by_slug = |slug: &Slug| config.category_icons.iter().find(|i| i.slug == slug.as_str()).map(|i| &i.html);
    for (index, group) in groups.iter().enumerate().filter(|(_, g)| g.kind == GroupKind::Category) {
        if let Some(html) = group.slug.as_ref().and_then(by_slug) {
            found.insert(index, html.clone());
            continue;
        }
        let mut votes: BTreeMap<&String, usize> = BTreeMap::new();
        for &e in &group.entries {
            for t in glossary.translations(e).iter().flatten() {
                if let Some(html) = glossary.entries[*t].category_slug.as_ref().and_then(by_slug) {
                    *votes.entry(html).or_default() += 1;
                }
            }
        }
        if let Some((html, _)) = votes.into_iter().max_by_key(|(_, n)| *n) {
            found.insert(index, html.clone());
        }
    }
    found
}

/// What grouping reads of an entry besides its place, its slug and its aliases (which a same-place edit
/// keeps): an edit that keeps it leaves every group as it was.
type GroupKey<'a> =
    (&'a Option<String>, &'a Option<Slug>, Option<Difficulty>, Option<IsoWeek>, &'a [crate::content::tags::Tag]);

fn group_key(e: &crate::content::Entry) -> GroupKey<'_> {
    (&e.category, &e.category_slug, e.difficulty, e.week, &e.tags)
}

fn categories(config: &SiteConfig, glossary: &Glossary, pos: LangPos) -> Vec<Group> {
    named_groups(config, glossary, pos, GroupKind::Category, urls::category, |e| {
        match (&e.category, &e.category_slug) {
            (Some(name), Some(slug)) => vec![(name.as_str(), slug)],
            _ => Vec::new(),
        }
    })
}

/// The tags of a language, alphabetically; a tag is shown as its alphabetically first entry spells it.
fn tags(config: &SiteConfig, glossary: &Glossary, pos: LangPos) -> Vec<Group> {
    named_groups(config, glossary, pos, GroupKind::Tag, urls::tag, |e| {
        e.tags.iter().map(|t| (t.name.as_str(), &t.slug)).collect()
    })
}

/// Groups of a language by the names `names_of` gives each entry (matched by slug), alphabetically, each
/// named as its alphabetically first entry spells it.
fn named_groups<'g>(
    config: &SiteConfig,
    glossary: &'g Glossary,
    pos: LangPos,
    kind: GroupKind,
    path_of: fn(&str, &Slug) -> String,
    names_of: impl Fn(&'g crate::content::Entry) -> Vec<(&'g str, &'g Slug)>,
) -> Vec<Group> {
    let code = config.languages[pos].code.as_str();
    let mut by_slug: BTreeMap<Slug, Group> = BTreeMap::new();
    for index in glossary.range(pos) {
        for (name, slug) in names_of(&glossary.entries[index]) {
            by_slug
                .entry(slug.clone())
                .or_insert_with(|| Group {
                    kind,
                    lang_pos: pos,
                    name: name.to_string(),
                    path: path_of(code, slug),
                    entries: Vec::new(),
                    slug: Some(slug.clone()),
                })
                .entries
                .push(index);
        }
    }
    let mut list: Vec<Group> = by_slug.into_values().collect();
    let collator = TitleCollator::for_language(code);
    list.sort_by(|a, b| collator.compare(&a.name, &b.name));
    list
}

fn by_key(
    config: &SiteConfig,
    glossary: &Glossary,
    pos: LangPos,
    key: impl Fn(EntryIndex) -> Option<GroupKind>,
) -> Vec<Group> {
    let code = config.languages[pos].code.as_str();
    let mut map: BTreeMap<GroupKind, Vec<EntryIndex>> = BTreeMap::new();
    for index in glossary.range(pos) {
        if let Some(k) = key(index) {
            map.entry(k).or_default().push(index);
        }
    }
    map.into_iter()
        .map(|(kind, entries)| {
            let path = match kind {
                GroupKind::Difficulty(d) => urls::difficulty(code, d),
                GroupKind::Week(w) => urls::week(code, w),
                GroupKind::Category | GroupKind::Tag => String::new(),
            };
            Group { kind, lang_pos: pos, name: String::new(), path, entries, slug: None }
        })
        .collect()
}

/// Where the redirect of the alias with `slug` goes: a folder of its own, or a file (`alias_pages`).
fn alias_path(config: &SiteConfig, code: &str, slug: &crate::slug::Slug) -> String {
    match config.alias_pages {
        crate::config::redirects::AliasPages::Files => format!("{code}/{slug}.html"),
        _ => urls::entry(code, slug),
    }
}

/// One redirect per alias whose slug is free in the language at `pos`; the rest are reported.
fn alias_pages(config: &SiteConfig, glossary: &Glossary, pos: LangPos) -> (Vec<AliasPage>, Vec<AliasClash>) {
    let mut pages = Vec::new();
    let mut clashes = Vec::new();
    let code = config.languages[pos].code.as_str();
    let entry_slugs: FxHashMap<&str, EntryIndex> =
        glossary.range(pos).map(|i| (glossary.entries[i].slug.as_str(), i)).collect();
    let mut claimed: FxHashMap<&str, EntryIndex> = FxHashMap::default();
    for index in glossary.range(pos) {
        let entry = &glossary.entries[index];
        for (alias, slug) in entry.aliases.iter().zip(&entry.alias_slugs) {
            let Some(slug) = slug else { continue };
            if *slug == entry.slug {
                continue;
            }
            let taken_by = entry_slugs.get(slug.as_str()).copied().or_else(|| claimed.get(slug.as_str()).copied());
            let reserved = RESERVED_SLUGS.contains(&slug.as_str());
            match taken_by {
                Some(other) if other == index => {}
                Some(other) => clashes.push(AliasClash { entry: index, alias: alias.clone(), taken_by: Some(other) }),
                None if reserved => clashes.push(AliasClash { entry: index, alias: alias.clone(), taken_by: None }),
                None => {
                    claimed.insert(slug.as_str(), index);
                    let path = alias_path(config, code, slug).into();
                    pages.push(AliasPage { path, alias: alias.as_str().into(), target: index });
                }
            }
        }
    }
    (pages, clashes)
}
