//! The link stage: turning a bag of entries into a glossary whose references all resolve.
//!
//! It orders each language's entries alphabetically (real collation, see [`crate::collate`]), indexes them by
//! concept id, resolves `related` ids, pairs translations, and finds slug clashes. Body links are resolved
//! later, while Markdown is rendered, through [`Glossary::lookup`]; the backlinks they create are a value
//! of the render stage. After an edit, [`update`] brings a glossary up to date without linking every entry
//! again when the edit cannot change what linking computes.

mod aliases;
mod summaries;
mod update;

pub use aliases::{alias_conflicts, alias_conflicts_of};
pub use update::{EntryMap, Linked, update};

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::Arc;

use crate::config::{LangCode, SiteConfig};
use crate::content::{Entry, Loaded};
use crate::diagnostics::Diagnostic;
use crate::slug::ConceptId;
use crate::terms::Matcher;

/// URL segments the site uses for its own pages; no entry may take them.
pub const RESERVED_SLUGS: &[&str] = &["categories", "difficulty", "weeks", "static", "search", "tags"];

pub use crate::types::{Entries, EntryIndex, LangPos, Reorder};

/// Every entry of the site, ordered and cross-referenced. Cloning is cheap: the large parts are shared until
/// an update changes them.
#[derive(Debug, Clone)]
pub struct Glossary {
    /// The site's languages, default first.
    pub languages: Vec<LangCode>,
    /// All entries, grouped by language (in `languages` order), alphabetical within a language.
    pub entries: Vec<Arc<Entry>>,
    /// `ranges[l]` is the slice of `entries` in language `l`.
    ranges: Vec<std::ops::Range<usize>>,
    /// Concept id → its entry in each language (by language position).
    by_id: Arc<FxHashMap<ConceptId, Vec<Option<EntryIndex>>>>,
    /// Resolved `related` of each entry, in the order written.
    pub related: Arc<Vec<Arc<[EntryIndex]>>>,
    /// Position of each entry's language in `languages`.
    lang_pos: Arc<Vec<LangPos>>,
    /// Titles and aliases per language, for mentions and wiki links.
    pub terms: crate::terms::TermIndex,
    /// (language position, id) of entries whose files failed to load; already reported.
    failed: Arc<std::collections::HashSet<(LangPos, ConceptId)>>,
    /// For each language, the languages a link to a concept it lacks falls back to, in order.
    fallbacks: Arc<Vec<Vec<LangPos>>>,
    /// What linking found (unknown or untranslated `related` ids, clashing slugs), kept so that a site
    /// brought up to date after an edit still knows them; see [`Glossary::problems`].
    link_problems: Arc<[Diagnostic]>,
    /// What resolving the summaries' links found, replaced each time they are resolved.
    summary_problems: Arc<[Diagnostic]>,
}

/// Where a reference to a concept leads from a page in some language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The concept's entry in the page's own language.
    Own(EntryIndex),
    /// The concept is not translated: its entry in a fallback language.
    Fallback(EntryIndex),
}

impl Target {
    /// The entry linked to.
    pub fn index(self) -> EntryIndex {
        match self {
            Target::Own(i) | Target::Fallback(i) => i,
        }
    }
}

/// The warning for a link that leads to another language: the site builds, readers see the language.
pub fn untranslated_link(
    path: &std::path::Path,
    what: &str,
    id: &ConceptId,
    lang: &LangCode,
    target_lang: &LangCode,
) -> Diagnostic {
    Diagnostic::warning(
        path,
        format!("{what} `{id}` is not translated into `{lang}`; it links to the `{target_lang}` page"),
    )
    .hint(format!(
        "translate it as content/{lang}/{id}.md; until then readers see that the link leads to another language"
    ))
    .code("untranslated-link")
}

impl Glossary {
    /// Links loaded entries; returns the glossary and every problem found.
    pub fn link(config: &SiteConfig, loaded: Loaded) -> (Glossary, Vec<Diagnostic>) {
        Self::link_with(config, loaded, Matcher::Fast)
    }

    /// Like [`Glossary::link`], for a rebuild after an edit: only a few bodies will be rendered, so the
    /// mention matcher is one that is quicker to build than to run.
    pub fn relink(config: &SiteConfig, loaded: Loaded) -> (Glossary, Vec<Diagnostic>) {
        Self::link_with(config, loaded, Matcher::QuickToBuild)
    }

    fn link_with(config: &SiteConfig, loaded: Loaded, matcher: Matcher) -> (Glossary, Vec<Diagnostic>) {
        let languages: Vec<LangCode> = config.languages.iter().map(|l| l.code.clone()).collect();
        let mut problems = Vec::new();

        let mut per_lang: Vec<Vec<Arc<Entry>>> = vec![Vec::new(); languages.len()];
        for entry in loaded.entries {
            if let Some(pos) = languages.iter().position(|l| *l == entry.lang) {
                per_lang[pos].push(entry);
            }
        }
        {
            use rayon::prelude::*;
            per_lang.par_iter_mut().for_each(|list| {
                list.sort_unstable_by(|a, b| (&a.sort_key, &a.title, &a.id).cmp(&(&b.sort_key, &b.title, &b.id)))
            });
        }
        let mut entries = Vec::new();
        let mut ranges = Vec::new();
        let mut lang_pos = Vec::new();
        for (pos, list) in per_lang.into_iter().enumerate() {
            let start = entries.len();
            lang_pos.extend(std::iter::repeat_n(LangPos::new(pos), list.len()));
            entries.extend(list);
            ranges.push(start..entries.len());
        }

        let failed: std::collections::HashSet<(LangPos, ConceptId)> = loaded
            .failed
            .iter()
            .filter_map(|(lang, id)| Some((LangPos::new(languages.iter().position(|l| l == lang)?), id.clone())))
            .collect();
        let fallbacks: Vec<Vec<LangPos>> = config
            .languages
            .iter()
            .map(|l| {
                let pos = |code: &LangCode| languages.iter().position(|c| c == code).map(LangPos::new);
                l.fallback.iter().filter_map(pos).collect()
            })
            .collect();
        let mut by_id = FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
        for (index, entry) in entries.iter().enumerate() {
            let slots = by_id.entry(entry.id.clone()).or_insert_with(|| vec![None; languages.len()]);
            slots[lang_pos[index]] = Some(EntryIndex::new(index));
        }

        problems.extend(slug_clashes(&entries, &ranges));

        let mut related = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            let mut resolved = Vec::new();
            let pos = lang_pos[index];
            for r in &entry.related {
                let slots = by_id.get(&r.value);
                let own = slots.and_then(|per_lang| per_lang[pos]);
                let fallback = || slots.and_then(|per_lang| fallbacks[pos].iter().find_map(|&f| per_lang[f]));
                match own.or_else(|| if failed.contains(&(pos, r.value.clone())) { None } else { fallback() }) {
                    Some(target) => {
                        if own.is_none() {
                            let target_lang = &languages[lang_pos[target.get()]];
                            problems.push(
                                untranslated_link(&entry.path, "related concept", &r.value, &entry.lang, target_lang)
                                    .at(r.line, r.column),
                            );
                        }
                        if !resolved.contains(&target) {
                            resolved.push(target);
                        }
                    }
                    None if failed.contains(&(pos, r.value.clone())) => {}
                    None => {
                        let hint = unknown_id_hint(
                            &r.value,
                            &entry.lang,
                            &loaded.skipped_drafts,
                            slots.map(|per_lang| {
                                per_lang.iter().flatten().map(|&i| languages[lang_pos[i.get()]].clone()).collect()
                            }),
                            by_id.keys().map(ConceptId::as_str),
                        );
                        problems.push(
                            Diagnostic::error(
                                &entry.path,
                                format!("related concept `{}` does not exist in `{}`", r.value, entry.lang),
                            )
                            .at(r.line, r.column)
                            .hint(hint),
                        );
                    }
                }
            }
            related.push(resolved.into());
        }

        let names: Vec<crate::terms::LanguageNames> = ranges
            .iter()
            .zip(&languages)
            .map(|(range, lang)| {
                let entries = &entries[range.clone()];
                let (inflections, compounds) = (config.inflections, config.compounds);
                crate::terms::LanguageNames::of(
                    entries,
                    EntryIndex::new(range.start),
                    lang.as_str(),
                    inflections,
                    compounds,
                )
            })
            .collect();
        let terms = crate::terms::TermIndex::new(names, matcher);
        let mut glossary = Glossary {
            languages,
            entries,
            ranges,
            by_id: Arc::new(by_id),
            related: Arc::new(related),
            lang_pos: Arc::new(lang_pos),
            terms,
            failed: Arc::new(failed),
            fallbacks: Arc::new(fallbacks),
            link_problems: problems.clone().into(),
            summary_problems: Arc::new([]),
        };
        problems.extend(glossary.resolve_summaries(config).1);
        (glossary, problems)
    }

    /// The entries of one language, alphabetically.
    pub fn in_language(&self, lang_pos: LangPos) -> &[Arc<Entry>] {
        &self.entries[self.ranges[lang_pos].clone()]
    }

    /// The entries of one language in [`Glossary::entries`], as indices.
    pub fn range(&self, lang_pos: LangPos) -> Entries {
        Entries(self.ranges[lang_pos].clone())
    }

    /// Every entry of the glossary, as indices.
    pub fn indices(&self) -> Entries {
        Entries::all(self.entries.len())
    }

    /// Position of an entry's language in the site's language list.
    pub fn lang_pos(&self, index: EntryIndex) -> LangPos {
        self.lang_pos[index]
    }

    /// Everything linking and resolving summaries found for the glossary as it is now: after an update
    /// the ids of `related` are unchanged (else the glossary is linked again), so their findings still hold.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.link_problems.iter().chain(self.summary_problems.iter())
    }

    /// The entry for `id` in the language at `lang_pos`.
    pub fn lookup(&self, lang_pos: LangPos, id: &ConceptId) -> Option<EntryIndex> {
        self.by_id.get(id)?.get(lang_pos.get()).copied().flatten()
    }

    /// Where a reference to `id` from a page in the language at `lang_pos` leads: the concept's own entry, else
    /// its entry in the first fallback language that has one.
    pub fn resolve(&self, lang_pos: LangPos, id: &ConceptId) -> Option<Target> {
        let slots = self.by_id.get(id)?;
        if let Some(own) = slots[lang_pos] {
            return Some(Target::Own(own));
        }
        self.fallbacks[lang_pos].iter().find_map(|&f| slots[f]).map(Target::Fallback)
    }

    /// The languages a reference from the language at `lang_pos` falls back to, in order.
    pub fn fallbacks(&self, lang_pos: LangPos) -> &[LangPos] {
        &self.fallbacks[lang_pos]
    }

    /// The concepts that have no entry in the language at `lang_pos`, as their entries in the languages it
    /// falls back to (the first that has one), alphabetically: what links from that language fall back to.
    pub fn untranslated(&self, lang_pos: LangPos) -> Vec<EntryIndex> {
        let mut found: Vec<EntryIndex> = Vec::new();
        for (n, &f) in self.fallbacks[lang_pos].iter().enumerate() {
            let earlier = &self.fallbacks[lang_pos][..n];
            found.extend(self.range(f).filter(|&i| {
                let slots = &self.by_id[&self.entries[i].id];
                slots[lang_pos].is_none() && earlier.iter().all(|&e| slots[e].is_none())
            }));
        }
        let key = |i: &EntryIndex| {
            let e = &self.entries[*i];
            (e.sort_key.clone(), e.title.clone(), e.id.clone())
        };
        found.sort_by_cached_key(key);
        found
    }

    /// The languages (codes) that have an entry for `id`, for hints.
    pub fn languages_of(&self, id: &ConceptId) -> Option<Vec<LangCode>> {
        let slots = self.by_id.get(id)?;
        Some(slots.iter().flatten().map(|&i| self.languages[self.lang_pos[i]].clone()).collect())
    }

    /// Every concept id of the site, in no particular order.
    pub fn concept_ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(ConceptId::as_str)
    }

    /// True if the entry `id` exists in that language but its file has errors (reported already).
    pub fn is_broken(&self, lang_pos: LangPos, id: &ConceptId) -> bool {
        self.failed.contains(&(lang_pos, id.clone()))
    }

    /// The alphabetical neighbours of an entry within its language.
    pub fn neighbours(&self, index: EntryIndex) -> (Option<EntryIndex>, Option<EntryIndex>) {
        let range = &self.ranges[self.lang_pos[index]];
        let previous = index.previous().filter(|p| p.get() >= range.start);
        let next = Some(index.next()).filter(|n| n.get() < range.end);
        (previous, next)
    }

    /// The entries of concept `id` in every language, `None` where it has none (in `languages` order).
    pub fn versions(&self, id: &ConceptId) -> &[Option<EntryIndex>] {
        self.by_id.get(id).map_or(&[], Vec::as_slice)
    }

    /// The same concept in every language, `None` where it is not translated (in `languages` order).
    pub fn translations(&self, index: EntryIndex) -> &[Option<EntryIndex>] {
        self.by_id.get(&self.entries[index].id).map_or(&[], Vec::as_slice)
    }

    /// Replaces the entry at `index` by `entry`, a new version that differs at most in its names (title and
    /// aliases) and what follows from them, and moves it to its alphabetical place. Related lists and
    /// the names follow. The caller brings everything else indexed by entry up to date.
    pub fn move_entry(&mut self, index: EntryIndex, entry: Arc<Entry>) -> (Reorder, crate::terms::NameChanges) {
        let pos = self.lang_pos[index];
        let range = self.ranges[pos].clone();
        // The order of `link`: by collation key, then title, then id (unique within a language).
        fn key(e: &Entry) -> (&[u8], &str, &str) {
            (&e.sort_key, &e.title, e.id.as_str())
        }
        let wanted = key(&entry);
        let at = index.get();
        let before = self.entries[range.start..at].partition_point(|e| key(e) < wanted);
        let to = EntryIndex::new(if range.start + before < at {
            range.start + before
        } else {
            at + self.entries[at + 1..range.end].partition_point(|e| key(e) < wanted)
        });
        let reorder = Reorder { from: index, to };
        let old = std::mem::replace(&mut self.entries[index], entry);
        let new = &self.entries[index];
        let names_changed = (&old.title, &old.aliases, old.compounds) != (&new.title, &new.aliases, new.compounds);
        reorder.apply(&mut self.entries);
        if from_to_differ(&reorder) {
            let related = Arc::make_mut(&mut self.related);
            reorder.apply(related);
            let (low, high) = (index.min(to), index.max(to));
            for list in related.iter_mut().filter(|list| list.iter().any(|&i| low <= i && i <= high)) {
                let mut renumbered = list.to_vec();
                reorder.renumber(&mut renumbered, false);
                *list = renumbered.into();
            }
            let lang_pos = &self.lang_pos;
            let by_id = Arc::make_mut(&mut self.by_id);
            for i in index.min(to).get()..=index.max(to).get() {
                if let Some(slots) = by_id.get_mut(&self.entries[i].id) {
                    slots[pos] = Some(EntryIndex::new(i));
                }
            }
            debug_assert!(lang_pos[index] == lang_pos[to]);
        }
        let own = crate::terms::names_of(std::slice::from_ref(&self.entries[to]), to);
        let changes = self.terms.refresh(pos, own, self.entries[to].compounds, &reorder, names_changed);
        (reorder, changes)
    }
}

fn from_to_differ(reorder: &Reorder) -> bool {
    reorder.from != reorder.to
}

/// A hint for an id that does not resolve from a page in `lang`: a draft; a concept that exists only in
/// languages this one does not fall back to (`elsewhere`); or an id of the site (`known`, every language)
/// that is a plausible typo of it. A suggestion is never a merely similar concept.
pub fn unknown_id_hint<'a>(
    id: &ConceptId,
    lang: &LangCode,
    drafts: &[(LangCode, ConceptId)],
    elsewhere: Option<Vec<LangCode>>,
    known: impl Iterator<Item = &'a str>,
) -> String {
    if drafts.iter().any(|(l, d)| l == lang && d == id) {
        return format!("`{id}` is a draft; build with --drafts or remove the reference");
    }
    if let Some(languages) = elsewhere.filter(|l| !l.is_empty()) {
        let list: Vec<String> = languages.iter().map(|l| format!("`{l}`")).collect();
        return format!(
            "`{id}` exists in {} only: translate it as content/{lang}/{id}.md, or let `{lang}` fall back (`fallback` in site.toml)",
            list.join(", ")
        );
    }
    match crate::diagnostics::closest_typo(id.as_str(), known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("no concept has this id in any language; create content/{lang}/{id}.md or fix the id"),
    }
}

fn slug_clashes(entries: &[Arc<Entry>], ranges: &[std::ops::Range<usize>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for range in ranges {
        let mut seen: HashMap<&str, &Entry> = HashMap::new();
        for entry in &entries[range.clone()] {
            let slug = entry.slug.as_str();
            if RESERVED_SLUGS.contains(&slug) {
                problems.push(
                    Diagnostic::error(
                        &entry.path,
                        format!("the URL slug `{slug}` is reserved for the site's own pages"),
                    )
                    .hint("set another `slug:` in the front-matter"),
                );
            }
            if let Some(first) = seen.insert(slug, entry) {
                problems.push(
                    Diagnostic::error(
                        &entry.path,
                        format!("the URL slug `{slug}` is also used by {}", first.path.display()),
                    )
                    .hint("give one of them a different `slug:` in the front-matter"),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Located;
    use crate::slug::Slug;

    fn entry(lang: &str, id: &str, title: &str, related: &[&str]) -> Entry {
        Entry {
            id: ConceptId::parse(id).unwrap(),
            lang: LangCode::parse(lang).unwrap(),
            path: format!("content/{lang}/{id}.md").into(),
            slug: Slug::from_text(id).unwrap(),
            sort_key: crate::collate::TitleCollator::shared().sort_key(title),
            title: title.into(),
            summary: "s".into(),
            summary_text: "s".into(),
            summary_html: "s".into(),
            summary_links: Vec::new(),
            summary_marked: String::new(),
            aliases: vec![],
            alias_slugs: vec![],
            alias_terms: Default::default(),
            fingerprint: Default::default(),
            lines: Default::default(),
            difficulty: None,
            week: None,
            category: None,
            category_slug: None,
            sources: vec![],
            related: related
                .iter()
                .map(|r| Located { value: ConceptId::parse(r).unwrap(), line: 9, column: 3 })
                .collect(),
            draft: false,
            autolink: true,
            cta: true,
            no_autolink: Vec::new(),
            compounds: None,
            translated_from: None,
            updated: None,
            check_allow: Vec::new(),
            tags: Vec::new(),
            body: String::new(),
            stems: Vec::new(),
            words: Default::default(),
            body_line: 10,
        }
    }

    fn config() -> SiteConfig {
        SiteConfig::parse(
            "base_url = \"https://x.org/\"\ndefault_language = \"en\"\n[languages.en]\nname = \"E\"\ntitle = \"T\"\n[languages.nl]\nname = \"N\"\ntitle = \"W\"\n",
        )
        .unwrap()
    }

    #[test]
    fn resolves_related_within_the_language_and_records_backlinks() {
        let loaded = Loaded {
            entries: vec![
                Arc::new(entry("en", "b", "Beta", &["a"])),
                Arc::new(entry("en", "a", "Alpha", &[])),
                Arc::new(entry("nl", "a", "Alfa", &["b"])),
                Arc::new(entry("nl", "b", "Bèta", &[])),
            ],
            ..Loaded::default()
        };
        let (g, problems) = Glossary::link(&config(), loaded);
        assert!(problems.is_empty(), "{problems:?}");
        let titles: Vec<&str> = g.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["Alpha", "Beta", "Alfa", "Bèta"]);
        let e = EntryIndex::new;
        assert_eq!(*g.related[1], [e(0)]);
        assert_eq!(*g.related[2], [e(3)]);
        assert_eq!(g.translations(e(1)), [Some(e(1)), Some(e(3))]);
        assert_eq!(g.neighbours(e(0)), (None, Some(e(1))));
        assert_eq!(g.neighbours(e(1)), (Some(e(0)), None));
        assert_eq!(g.neighbours(e(2)), (None, Some(e(3))));
    }

    #[test]
    fn unknown_related_ids_are_located_with_a_suggestion() {
        let loaded = Loaded {
            entries: vec![
                Arc::new(entry("en", "alpha", "Alpha", &["alpah"])),
                Arc::new(entry("nl", "alpha", "Alfa", &[])),
            ],
            ..Loaded::default()
        };
        let (_, problems) = Glossary::link(&config(), loaded);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert_eq!((p.line, p.column), (Some(9), Some(3)));
        assert_eq!(p.hint.as_deref(), Some("did you mean `alpha`?"));
    }

    #[test]
    fn moving_a_renamed_entry_equals_linking_again() {
        let with_names = |mut e: Entry, title: &str, aliases: &[&str]| {
            e.title = title.into();
            e.sort_key = crate::collate::TitleCollator::shared().sort_key(title);
            e.aliases = aliases.iter().map(|a| a.to_string()).collect();
            e
        };
        let entries = vec![
            with_names(entry("en", "a", "Alpha", &["c"]), "Alpha", &["First"]),
            with_names(entry("en", "b", "Beta", &["a"]), "Beta", &["Second", "Shared"]),
            entry("en", "c", "Gamma", &["b", "a"]),
            with_names(entry("en", "d", "Delta", &["b"]), "Delta", &["Shared"]),
            entry("en", "e", "Epsilon", &[]),
            entry("nl", "b", "Bèta", &[]),
        ];
        let link = |entries: &[Entry]| {
            let loaded = Loaded { entries: entries.iter().cloned().map(Arc::new).collect(), ..Loaded::default() };
            Glossary::link(&config(), loaded).0
        };
        // Beta becomes Zeta (to the end), then Aardvark (to the front), changing its aliases on the way.
        let mut current = entries.clone();
        let mut glossary = link(&current);
        for (title, aliases) in [("Zeta", &["Second"][..]), ("Aardvark", &["Shared", "Alpha"][..])] {
            current[1] = with_names(current[1].clone(), title, aliases);
            let index = glossary.lookup(LangPos::default(), &current[1].id).unwrap();
            glossary.move_entry(index, Arc::new(current[1].clone()));
            let fresh = link(&current);
            let titles = |g: &Glossary| g.entries.iter().map(|e| e.title.clone()).collect::<Vec<_>>();
            assert_eq!(titles(&glossary), titles(&fresh));
            assert_eq!(glossary.related, fresh.related);
            for i in fresh.indices() {
                assert_eq!(glossary.translations(i), fresh.translations(i));
                assert_eq!(
                    glossary.lookup(LangPos::default(), &fresh.entries[i].id),
                    fresh.lookup(LangPos::default(), &fresh.entries[i].id)
                );
            }
            assert!(glossary.terms.same_as(&fresh.terms), "names after {title}");
        }
    }

    #[test]
    fn slug_clashes_are_errors() {
        let mut second = entry("en", "beta", "Beta", &[]);
        second.slug = Slug::from_text("alpha").unwrap();
        let loaded = Loaded {
            entries: vec![
                Arc::new(entry("en", "alpha", "Alpha", &[])),
                Arc::new(second),
                Arc::new(entry("nl", "x", "X", &[])),
            ],
            ..Loaded::default()
        };
        let (_, problems) = Glossary::link(&config(), loaded);
        assert!(problems.iter().any(|p| p.message.contains("`alpha` is also used by")), "{problems:?}");
    }
}
