//! The page-dependency model: for every kind of output, which entries it shows and which of their parts it
//! reads. After an edit, `serve` turns the change set ([`super::changes`]) into the pages to render again
//! with this one description, and renders them with the same functions as a full build.
//!
//! | page | reads |
//! |---|---|
//! | entry page | its entry's card, details, plan, body and relations; the cards of its related entries, backlinks and neighbours |
//! | home (A–Z) | the cards of every entry of its language, in order; with `list_untranslated`, the cards of the concepts it lacks, in the languages it falls back to |
//! | category, tag, level, week page | its name, members and language versions; the cards of its members |
//! | category, tag list, week archive | the name, address and size of each group of its language |
//! | alias redirect | the alias, and its target's card and plan |
//! | Atom feed | the feed item of every entry of its language |
//! | JSON export | the export record of every entry of its language, in order |
//! | search index | the search record of every entry of its language, in order |
//! | sitemap | the plan of every entry, the language versions of every group |
//! | termbase export (TBX, CSV, SKOS) | the export record, details and relations of every entry, in order |
//! | search page, root, 404, robots.txt | settings only |
//!
//! And an entry's body ([`bodies_to_render`]) reads its own source, the address and summary of every entry
//! it links to (the preview), the names of its language (mentions and wiki links) and of the languages it
//! falls back to (wiki links), and which concepts its language lacks (a link to one falls back).
//!
//! A new kind of page adds a row here (a [`Page`] variant, a line in [`dirty_pages`]) and is rebuilt
//! correctly from then on.

use rustc_hash::{FxHashMap, FxHashSet};

use super::changes::{ChangeSet, Changed};
use super::groups::GroupKind;
use super::pages::{Page, SiteData, all_pages, group_plan, group_summaries, output_file};
use crate::link::{EntryIndex, EntryMap};
use crate::types::{GroupIndex, LangPos};

/// What an entry page reads of its own entry.
pub const ENTRY_OWN: Changed =
    Changed::CARD.or(Changed::DETAILS).or(Changed::PLAN).or(Changed::BODY).or(Changed::RELATIONS);
/// What an entry page reads of the entries it shows (related, backlinks, neighbours); also what listings,
/// group pages and alias redirects read of theirs.
pub const SHOWN: Changed = Changed::CARD;
/// What an alias redirect reads of its target.
pub const ALIAS_TARGET: Changed = Changed::CARD.or(Changed::PLAN);

/// The pages to render again after an edit, and the output files that no longer exist.
#[derive(Debug, Default)]
pub struct Dirty {
    /// Pages whose inputs changed.
    pub pages: Vec<Page>,
    /// Output files of the old build that the new one does not have.
    pub removed: Vec<String>,
}

/// The pages of `new` that read something `changes` says differs from `old`.
pub fn dirty_pages(old: &SiteData<'_>, new: &SiteData<'_>, map: &EntryMap, changes: &ChangeSet) -> Dirty {
    let changed = |n: EntryIndex| changes.entries[n];
    let shown_changed = |n: EntryIndex| changed(n).any(SHOWN);
    let glossary = new.glossary;
    let mut pages = entry_pages(new, changes);
    let removed_in = |pos: LangPos| changes.removed.iter().any(|&o| old.glossary.lang_pos(o) == pos);
    for pos in LangPos::all(new.config.languages.len()) {
        let listed = changes.order[pos] || removed_in(pos);
        let any = |part: Changed| listed || glossary.range(pos).any(|n| changed(n).any(part));
        let home = any(SHOWN)
            || (new.config.languages[pos].list_untranslated && lists_changed_fallbacks(new, changes, pos, removed_in));
        let reads = [
            (Page::Home(pos), home),
            (Page::Feed(pos), any(Changed::FEED)),
            (Page::Export(pos), any(Changed::EXPORT)),
            (Page::SearchIndex(pos), any(Changed::SEARCH)),
        ];
        pages.extend(reads.into_iter().filter(|(_, dirty)| *dirty).map(|(page, _)| page));
    }
    // A termbase holds every entry's names (with their status, in the details), summary, sources and
    // related concepts.
    let termbase_read = Changed::EXPORT.or(Changed::DETAILS).or(Changed::RELATIONS);
    let all_listed = changes.order.iter().any(|&o| o) || !changes.removed.is_empty();
    if all_listed || glossary.indices().any(|n| changed(n).any(termbase_read)) {
        pages.extend(crate::termbase::Format::published(new.config).into_iter().map(Page::Termbase));
    }
    let same_groups = std::ptr::eq(old.groups, new.groups) && matches!(map, EntryMap::Same);
    let mut removed = Vec::new();
    let mut group_plans_changed = false;
    if same_groups {
        let groups = &new.groups.groups;
        pages.extend(
            GroupIndex::all(groups.len())
                .filter(|&g| groups[g].entries.iter().any(|&e| shown_changed(e)))
                .map(Page::Group),
        );
        let aliases = &new.groups.aliases;
        pages.extend((0..aliases.len()).filter(|&a| changed(aliases[a].target).any(ALIAS_TARGET)).map(Page::Alias));
    } else {
        let (groups, plans_changed) = group_pages(old, new, map, changes);
        pages.extend(groups);
        group_plans_changed = plans_changed;
        pages.extend(alias_pages(old, new, map, changes));
        pages.extend(group_lists(old, new));
        removed.extend(gone_groups(old, new));
        if !aliases_in_place(old, new, map) {
            removed.extend(gone_aliases(old, new));
        }
    }
    let structure = !changes.removed.is_empty() || changes.entries.iter().any(|c| c.any(Changed::PLAN));
    if structure {
        removed.extend(gone(old, new, |page| matches!(page, Page::Entry(_))));
    }
    // The sitemap lists entry and group pages with their language versions (alias redirects are left out).
    if structure || group_plans_changed {
        pages.push(Page::Sitemap);
    }
    // Rule files list every alias: they follow any redirect that changed. Without alias pages only they do.
    let rules = !new.config.alias_rules.is_empty();
    if rules && (pages.iter().any(|p| matches!(p, Page::Alias(_))) || !aliases_in_place(old, new, map)) {
        pages.extend(new.config.alias_rules.iter().copied().map(Page::AliasRules));
    }
    if new.config.alias_pages == crate::config::redirects::AliasPages::None {
        pages.retain(|p| !matches!(p, Page::Alias(_)));
    }
    pages.sort_unstable();
    pages.dedup();
    removed.sort_unstable();
    removed.dedup();
    Dirty { pages, removed }
}

/// True if the concepts a language lacks, listed on its home page as their fallback entries, may be others
/// than before or show a changed card.
fn lists_changed_fallbacks(
    new: &SiteData<'_>,
    changes: &ChangeSet,
    pos: LangPos,
    removed_in: impl Fn(LangPos) -> bool,
) -> bool {
    let glossary = new.glossary;
    glossary.fallbacks(pos).iter().any(|&f| changes.order[f] || removed_in(f))
        || glossary.untranslated(pos).into_iter().any(|n| changes.entries[n].any(SHOWN))
}

/// The entry pages that read a changed part: of their own entry, or the card of an entry they show.
fn entry_pages(new: &SiteData<'_>, changes: &ChangeSet) -> Vec<Page> {
    entry_pages_up_to(new, changes, SHOWN_BY_LIMIT)
}

/// [`entry_pages`], turning the relations around for up to `limit` changed cards.
fn entry_pages_up_to(new: &SiteData<'_>, changes: &ChangeSet, limit: usize) -> Vec<Page> {
    use rayon::prelude::*;
    let glossary = new.glossary;
    let changed = |n: EntryIndex| changes.entries[n];
    let all = || crate::types::Entries::all(changes.entries.len());
    let shown: Vec<EntryIndex> = all().filter(|&n| changed(n).any(SHOWN)).collect();
    let mut pages: Vec<EntryIndex> = all().filter(|&n| changed(n).any(ENTRY_OWN)).collect();
    if shown.len() <= limit {
        // An entry page shows the cards of its related entries, backlinks and neighbours, so the pages
        // showing entry r are those relations turned around: the entries that list r as related (among r's
        // backlinks), the entries r lists as related or links to (r is among their backlinks), and r's
        // neighbours.
        for r in shown {
            let (previous, next) = glossary.neighbours(r);
            let listing = new.backlinks.of(r).iter().filter(|&&m| glossary.related[m].contains(&r));
            pages.extend(listing.chain(glossary.related[r].iter()).chain(new.bodies[r].links.iter()));
            pages.extend(previous.into_iter().chain(next));
        }
    } else {
        let shows_changed = |n: EntryIndex| {
            let (previous, next) = glossary.neighbours(n);
            glossary.related[n].iter().any(|&r| changed(r).any(SHOWN))
                || new.backlinks.of(n).iter().any(|&b| changed(b).any(SHOWN))
                || previous.into_iter().chain(next).any(|r| changed(r).any(SHOWN))
        };
        pages.extend(glossary.indices().into_par_iter().filter(|&n| shows_changed(n)).collect::<Vec<_>>());
    }
    pages.sort_unstable();
    pages.dedup();
    pages.into_iter().map(Page::Entry).collect()
}

/// Up to how many changed cards the pages showing them are found by turning the relations around; past
/// it, every entry page is looked at.
const SHOWN_BY_LIMIT: usize = 256;

/// Output files of the kinds `kind` accepts that `old` has and `new` does not.
fn gone(old: &SiteData<'_>, new: &SiteData<'_>, kind: impl Fn(Page) -> bool) -> Vec<String> {
    let now: FxHashSet<String> = all_pages(new).into_iter().filter(|&p| kind(p)).map(|p| output_file(new, p)).collect();
    all_pages(old).into_iter().filter(|&p| kind(p)).map(|p| output_file(old, p)).filter(|f| !now.contains(f)).collect()
}

/// Group pages that are new, changed name, members or language versions, or show a changed card; and
/// whether the set of group pages or the language versions of one changed (which the sitemap shows). A
/// group's language versions follow from the paths and members of all groups, so they are compared only
/// when some group came, went or changed members.
fn group_pages(old: &SiteData<'_>, new: &SiteData<'_>, map: &EntryMap, changes: &ChangeSet) -> (Vec<Page>, bool) {
    let before: FxHashMap<&str, GroupIndex> =
        GroupIndex::all(old.groups.groups.len()).map(|g| (old.groups.groups[g].path.as_str(), g)).collect();
    let was: Vec<Option<GroupIndex>> = new.groups.groups.iter().map(|g| before.get(g.path.as_str()).copied()).collect();
    let same_members = |g: GroupIndex, o: GroupIndex| {
        let (now, then) = (&new.groups.groups[g].entries, &old.groups.groups[o].entries);
        now.len() == then.len() && now.iter().zip(then).all(|(&n, &o)| map.old_of_new(n) == Some(o))
    };
    let members: Vec<bool> = GroupIndex::all(was.len()).map(|g| was[g].is_some_and(|o| same_members(g, o))).collect();
    let regrouped = old.groups.groups.len() != new.groups.groups.len() || members.iter().any(|&same| !same);
    let mut plans_changed = false;
    let mut pages = Vec::new();
    for (g, group) in GroupIndex::all(new.groups.groups.len()).zip(&new.groups.groups) {
        let Some(o) = was[g] else {
            plans_changed = true;
            pages.push(Page::Group(g));
            continue;
        };
        let same_plan = !regrouped || group_plan(new, g).1 == group_plan(old, o).1;
        plans_changed |= !same_plan;
        let shows_changed = group.entries.iter().any(|&e| changes.entries[e].any(SHOWN));
        if !members[g] || !same_plan || group.name != old.groups.groups[o].name || shows_changed {
            pages.push(Page::Group(g));
        }
    }
    (pages, plans_changed || regrouped)
}

/// Output files of group pages that `old` has and `new` does not.
fn gone_groups(old: &SiteData<'_>, new: &SiteData<'_>) -> Vec<String> {
    let now: FxHashSet<&str> = new.groups.groups.iter().map(|g| g.path.as_str()).collect();
    let gone = old.groups.groups.iter().filter(|g| !now.contains(g.path.as_str()));
    gone.map(|g| crate::urls::output_file(&g.path)).collect()
}

/// True if the alias redirects are those of `old`, in the same places. Most edits keep the list as it was,
/// its text shared, so this is a comparison of pointers.
fn aliases_in_place(old: &SiteData<'_>, new: &SiteData<'_>, map: &EntryMap) -> bool {
    let (now, before) = (&new.groups.aliases, &old.groups.aliases);
    let same_place = |a: usize| {
        let (x, y) = (&now[a], &before[a]);
        std::sync::Arc::ptr_eq(&x.path, &y.path)
            && std::sync::Arc::ptr_eq(&x.alias, &y.alias)
            && map.old_of_new(x.target) == Some(y.target)
    };
    now.len() == before.len() && (0..now.len()).all(same_place)
}

/// Output files of alias redirects that `old` has and `new` does not.
fn gone_aliases(old: &SiteData<'_>, new: &SiteData<'_>) -> Vec<String> {
    let now: FxHashSet<&str> = new.groups.aliases.iter().map(|a| &*a.path).collect();
    let gone = old.groups.aliases.iter().filter(|a| !now.contains(&*a.path));
    gone.map(|a| crate::urls::output_file(&a.path)).collect()
}

/// Alias redirects that are new, name another alias or target, or whose target's card or plan changed.
fn alias_pages(old: &SiteData<'_>, new: &SiteData<'_>, map: &EntryMap, changes: &ChangeSet) -> Vec<Page> {
    let now = &new.groups.aliases;
    if aliases_in_place(old, new, map) {
        let target_changed = |a: &usize| changes.entries[now[*a].target].any(ALIAS_TARGET);
        return (0..now.len()).filter(target_changed).map(Page::Alias).collect();
    }
    let before: FxHashMap<&str, usize> =
        old.groups.aliases.iter().enumerate().map(|(a, alias)| (&*alias.path, a)).collect();
    (0..new.groups.aliases.len())
        .filter(|&a| {
            let alias = &new.groups.aliases[a];
            let Some(&o) = before.get(&*alias.path) else { return true };
            let was = &old.groups.aliases[o];
            alias.alias != was.alias
                || map.old_of_new(alias.target) != Some(was.target)
                || changes.entries[alias.target].any(ALIAS_TARGET)
        })
        .map(Page::Alias)
        .collect()
}

/// The category lists and week archives whose groups (names, addresses, sizes) differ.
fn group_lists(old: &SiteData<'_>, new: &SiteData<'_>) -> Vec<Page> {
    let mut pages = Vec::new();
    for pos in LangPos::all(new.config.languages.len()) {
        let categories = |k: GroupKind| matches!(k, GroupKind::Category | GroupKind::Difficulty(_));
        let weeks = |k: GroupKind| matches!(k, GroupKind::Week(_));
        let tags = |k: GroupKind| k == GroupKind::Tag;
        if group_summaries(old, pos, categories) != group_summaries(new, pos, categories) {
            pages.push(Page::Categories(pos));
        }
        if group_summaries(old, pos, tags) != group_summaries(new, pos, tags) {
            pages.push(Page::Tags(pos));
        }
        if group_summaries(old, pos, weeks) != group_summaries(new, pos, weeks) {
            pages.push(Page::Weeks(pos));
        }
    }
    pages
}

/// What a body reads of its own entry: the source and where it is (for the lines of problems); not its
/// names, which name changes cover.
pub fn body_source(e: &crate::content::Entry) -> (&str, bool, &[String], &std::path::Path, usize) {
    (e.body.as_str(), e.autolink, &e.no_autolink, e.path.as_path(), e.body_line)
}

/// The bodies an edit may render differently. A body reads its own entry, the address, summary and title
/// of every entry it links to (the preview; the text of a `term` shortcode), and the names of its
/// language (mentions, wiki links).
pub fn bodies_to_render(
    old: &SiteData<'_>,
    new: &crate::link::Glossary,
    linked: &crate::link::Linked,
) -> Vec<EntryIndex> {
    use rayon::prelude::*;
    let (config, map) = (old.config, &linked.map);
    let face = |g: &crate::link::Glossary, i: EntryIndex| {
        let entry = &g.entries[i];
        (super::bodies::entry_link(config, g, i), entry.summary_html.clone(), entry.title.clone())
    };
    let mut faded: Vec<EntryIndex> = linked.removed.clone();
    faded.extend(linked.changed.iter().filter_map(|&n| {
        let o = map.old_of_new(n)?;
        (face(old.glossary, o) != face(new, n)).then_some(o)
    }));
    let mut render: Vec<EntryIndex> = linked
        .changed
        .iter()
        .copied()
        .filter(|&n| {
            map.old_of_new(n).is_none_or(|o| body_source(&old.glossary.entries[o]) != body_source(&new.entries[n]))
        })
        .collect();
    for o in faded {
        let linking = old.backlinks.of(o).iter().filter(|&&b| old.bodies[b].links.contains(&o));
        render.extend(linking.filter_map(|&b| map.new_of_old(b)));
    }
    // A concept newly translated: bodies of its new language that linked to another language's entry of it
    // link to the translation now.
    for &n in linked.changed.iter().filter(|&&n| map.old_of_new(n).is_none()) {
        let pos = new.lang_pos(n);
        for &o in old.glossary.versions(&new.entries[n].id).iter().flatten() {
            let linking = old
                .backlinks
                .of(o)
                .iter()
                .filter(|&&b| old.glossary.lang_pos(b) == pos && old.bodies[b].links.contains(&o));
            render.extend(linking.filter_map(|&b| map.new_of_old(b)));
        }
    }
    for (pos, names) in linked.names.iter().enumerate() {
        if names.is_empty() {
            continue;
        }
        let pos = LangPos::new(pos);
        // The names of a language are read by its bodies and, through wiki links that fall back, by bodies
        // of the languages that fall back to it (a wiki link resolves in the page's own language first, so
        // only a body with a link that fell back can resolve differently).
        let readers = LangPos::all(new.languages.len()).filter(|&l| l == pos || new.fallbacks(l).contains(&pos));
        for reader in readers.collect::<Vec<_>>() {
            let fell_back = |i: EntryIndex| map.old_of_new(i).is_none_or(|o| old.bodies[o].falls_back);
            let mentioning: Vec<EntryIndex> = new
                .range(reader)
                .into_par_iter()
                .filter(|&i| reader == pos || fell_back(i))
                .filter(|&i| names.may_affect(&new.entries[i].body, &new.entries[i].words))
                .collect();
            render.extend(mentioning);
        }
    }
    render.sort_unstable();
    render.dedup();
    render
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_relations_around_finds_the_pages_a_scan_of_every_page_finds() {
        // The bundled glossary: about fifty concepts in two languages, with related lists, body links and
        // mentions.
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let options = crate::BuildOptions { root, ..Default::default() };
        let prepared = crate::build::prepare(&options, &crate::highlight::Highlighter::new()).unwrap();
        let site = prepared.site_data();
        let entries = site.glossary.entries.len();
        for changed in 0..entries {
            let mut parts = vec![Changed::NONE; entries];
            parts[changed] = Changed::CARD;
            let changes = ChangeSet { entries: parts, removed: Vec::new(), order: vec![false; 2] };
            let turned = entry_pages_up_to(&site, &changes, usize::MAX);
            let scanned = entry_pages_up_to(&site, &changes, 0);
            assert_eq!(turned, scanned, "pages showing {}", site.glossary.entries[changed].id);
            assert!(turned.len() > 1, "{} is shown on other pages", site.glossary.entries[changed].id);
        }
    }
}
